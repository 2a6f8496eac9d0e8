//! Turning grant spreadsheets into funding lines, with nothing lost: every data row becomes a
//! funding line, is listed as needing attention (with file, row, column and reason), or is
//! shown as skipped (blank and total rows). Totals reconcile with the file.
//!
//! An [`Importer`] works in steps of a few thousand rows so the page can show progress and
//! stay responsive; [`import_file`] runs one to the end.

pub mod mapping;
pub mod source;
pub mod text;
pub mod values;

use std::collections::VecDeque;

use csv::StringRecord;

use serde::{Deserialize, Serialize};

use crate::model::{Dataset, FundingLine, Pence, Ringfence, SourceFile, SourceRow, StringPool};
pub use mapping::{ColumnMapping, Field};
pub use source::FileKind;
use source::RowSource;
use values::{parse_allocation, parse_date, parse_money, parse_ringfence, MoneyUnit};

/// A file that could not be read at all. Row-level problems are [`RowIssue`]s instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: the file is empty")]
    Empty { file: String },
    #[error("{file}: no column holds the amount (looked for “Amount Awarded”, “Amount”, “Value”, “Allocation”…); choose it in the column mapping")]
    NoAmountColumn { file: String },
    #[error("{file}: row {row} could not be read: {reason}")]
    Malformed {
        file: String,
        row: u32,
        reason: String,
    },
    #[error("{file}: the file could not be read: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("{file}: there is no sheet called “{sheet}”")]
    NoSuchSheet { file: String, sheet: String },
    #[error("{file}: too many files are loaded into one place")]
    TooManyFiles { file: String },
}

/// A row that did not become a funding line, or a cell whose value was left unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowIssue {
    pub file: String,
    /// 1-based, as a spreadsheet numbers rows (the header is usually row 1).
    pub row: u32,
    /// The column's header as it appears in the file.
    pub column: String,
    pub reason: String,
    /// The row's cells, kept so the row can be fixed in place (empty for notes).
    #[serde(default)]
    pub cells: Vec<String>,
    /// Which cell `column` is, when the row has a column to fix.
    #[serde(default)]
    pub column_index: Option<usize>,
}

/// Why a row was recognised and set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkipReason {
    Blank,
    TotalRow,
}

impl SkipReason {
    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            SkipReason::Blank => "blank row",
            SkipReason::TotalRow => "total or subtotal row",
        }
    }
}

/// A row that was recognised as not being a grant (blank, or a total) and not counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRow {
    pub file: String,
    pub row: u32,
    pub reason: SkipReason,
}

/// How to decide ringfencing where the file's own column is absent, blank or unrecognised.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RingfenceRule {
    /// Leave it as not recorded: unknown stays unknown.
    #[default]
    NotRecorded,
    /// Every such line has this status.
    Everything(Ringfence),
    /// Lines whose programme (or, without one, title) contains any of `terms`, ignoring case,
    /// are flexible; the others have status `otherwise`.
    FlexibleIfProgrammeContains {
        terms: Vec<String>,
        otherwise: Ringfence,
    },
}

impl RingfenceRule {
    fn apply(&self, programme: &str) -> Ringfence {
        match self {
            RingfenceRule::NotRecorded => Ringfence::NotRecorded,
            RingfenceRule::Everything(status) => *status,
            RingfenceRule::FlexibleIfProgrammeContains { terms, otherwise } => {
                let programme = programme.to_lowercase();
                let flexible = terms
                    .iter()
                    .map(|term| term.trim().to_lowercase())
                    .any(|term| !term.is_empty() && programme.contains(&term));
                if flexible {
                    Ringfence::Flexible
                } else {
                    *otherwise
                }
            }
        }
    }
}

/// Choices the user makes before importing a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportOptions {
    /// The workbook sheet; `None` means the first.
    pub sheet: Option<String>,
    /// The column mapping; `None` means detect it from the header.
    pub mapping: Option<ColumnMapping>,
    pub ringfence_rule: RingfenceRule,
}

/// What happened to every data row of one file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub file: String,
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// The row holding the column titles.
    pub header_row: u32,
    pub headers: Vec<String>,
    pub mapping: ColumnMapping,
    pub unit: MoneyUnit,
    pub ringfence_rule: RingfenceRule,
    /// Rows below the header.
    pub data_rows: u32,
    pub lines_imported: u32,
    /// The sum of the imported lines' amounts.
    pub total: Pence,
    /// Rows that did not become funding lines and await a fix or a decision.
    pub needs_attention: Vec<RowIssue>,
    /// Rows the user chose to leave out.
    pub left_out: Vec<RowIssue>,
    /// Rows that did become funding lines, but with a cell left unknown.
    pub notes: Vec<RowIssue>,
    pub skipped: Vec<SkippedRow>,
}

impl ImportReport {
    /// Every data row is accounted for exactly once.
    pub fn reconciles(&self) -> bool {
        self.lines_imported as usize
            + self.needs_attention.len()
            + self.left_out.len()
            + self.skipped.len()
            == self.data_rows as usize
    }
}

/// What a file looks like, for the column-mapping screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub file: String,
    pub kind: FileKind,
    /// All sheets, for workbooks.
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub header_row: u32,
    pub headers: Vec<String>,
    /// The first few data rows.
    pub sample_rows: Vec<Vec<String>>,
    /// The detected mapping.
    pub mapping: ColumnMapping,
}

/// Rows looked at to find the header, which may sit under a few title rows.
const HEADER_SEARCH_ROWS: usize = 30;
/// Data rows shown in a preview.
const PREVIEW_ROWS: usize = 5;
/// Bytes of delimited text read for a preview.
const PREVIEW_BYTES: usize = 256 * 1024;

fn open_source(
    file: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
) -> Result<(FileKind, RowSource), ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty {
            file: file.to_owned(),
        });
    }
    let kind = FileKind::detect(&bytes);
    let source = match kind {
        FileKind::Delimited => RowSource::delimited(bytes),
        FileKind::Workbook => source::workbook_rows(&bytes, file, sheet)?,
        FileKind::GivingJson => source::giving_json_rows(&bytes, file)?,
    };
    Ok((kind, source))
}

/// Rows read but not yet imported, with their row numbers.
type PendingRows = VecDeque<(u32, StringRecord)>;

/// Reads rows until the header is found. Returns the header's row number and cells, and the
/// data rows read past it.
fn find_header(
    source: &mut RowSource,
    file: &str,
) -> Result<(u32, Vec<String>, PendingRows), ImportError> {
    let mut rows = VecDeque::new();
    let mut cells = StringRecord::new();
    while rows.len() < HEADER_SEARCH_ROWS {
        match source.next_row(&mut cells, file)? {
            Some(number) => rows.push_back((number, std::mem::take(&mut cells))),
            None => break,
        }
    }
    let score = |cells: &StringRecord| {
        let headers: Vec<&str> = cells.iter().collect();
        let mapping = ColumnMapping::detect(&headers);
        let has_amount = mapping.column(Field::Amount).is_some();
        (has_amount, mapping.len())
    };
    let header_index = rows
        .iter()
        .position(|(_, cells)| {
            let (has_amount, fields) = score(cells);
            has_amount && fields >= 2
        })
        .or_else(|| rows.iter().position(|(_, cells)| score(cells).0))
        .or_else(|| {
            rows.iter()
                .position(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        })
        .ok_or_else(|| ImportError::Empty {
            file: file.to_owned(),
        })?;
    let mut after = rows.split_off(header_index);
    let (number, header) = after.pop_front().expect("the header row exists");
    Ok((number, header.iter().map(str::to_owned).collect(), after))
}

/// Reads just enough of a file to show its columns and first rows.
pub fn preview(file: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Preview, ImportError> {
    let kind = FileKind::detect(bytes);
    let sheets = match kind {
        FileKind::Workbook => source::workbook_sheets(bytes, file)?,
        _ => Vec::new(),
    };
    let head = match kind {
        FileKind::Delimited if bytes.len() > PREVIEW_BYTES => {
            let cut = bytes[..PREVIEW_BYTES]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(PREVIEW_BYTES, |i| i + 1);
            bytes[..cut].to_vec()
        }
        _ => bytes.to_vec(),
    };
    let sheet = match kind {
        FileKind::Workbook => sheet.map(str::to_owned).or_else(|| sheets.first().cloned()),
        _ => None,
    };
    let (_, mut source) = open_source(file, head, sheet.as_deref())?;
    let (header_row, headers, mut rest) = find_header(&mut source, file)?;
    let mut cells = StringRecord::new();
    while rest.len() < PREVIEW_ROWS {
        match source.next_row(&mut cells, file)? {
            Some(number) => rest.push_back((number, std::mem::take(&mut cells))),
            None => break,
        }
    }
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    Ok(Preview {
        file: file.to_owned(),
        kind,
        sheets,
        sheet,
        header_row,
        mapping: ColumnMapping::detect(&header_refs),
        sample_rows: rest
            .into_iter()
            .take(PREVIEW_ROWS)
            .map(|(_, cells)| cells.iter().map(str::to_owned).collect())
            .collect(),
        headers,
    })
}

/// Imports one file in steps. Lines join the dataset only when [`Importer::finish`] is called,
/// so a cancelled import leaves the place as it was.
pub struct Importer {
    source: RowSource,
    pending: PendingRows,
    cells: StringRecord,
    file_index: u16,
    report: ImportReport,
    /// The mapping's column for each field, looked up once rather than per cell.
    columns: Columns,
    lines: Vec<FundingLine>,
    done: bool,
}

/// The column of each field (`Field as usize`), if the file has one.
type Columns = [Option<usize>; Field::ALL.len()];

impl Importer {
    /// Opens the file, finds its header and checks it has an amount column.
    pub fn start(
        dataset: &Dataset,
        file: &str,
        bytes: Vec<u8>,
        options: ImportOptions,
    ) -> Result<Importer, ImportError> {
        let file_index =
            u16::try_from(dataset.sources.len()).map_err(|_| ImportError::TooManyFiles {
                file: file.to_owned(),
            })?;
        let (kind, mut source) = open_source(file, bytes, options.sheet.as_deref())?;
        let (header_row, headers, pending) = find_header(&mut source, file)?;
        let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let mapping = options
            .mapping
            .unwrap_or_else(|| ColumnMapping::detect(&header_refs));
        let amount_column = mapping
            .column(Field::Amount)
            .filter(|&column| column < headers.len())
            .ok_or_else(|| ImportError::NoAmountColumn {
                file: file.to_owned(),
            })?;
        let unit = MoneyUnit::from_header(&headers[amount_column]);
        let sheet = match kind {
            FileKind::Workbook => options.sheet,
            _ => None,
        };
        Ok(Importer {
            source,
            pending,
            cells: StringRecord::new(),
            file_index,
            columns: mapping.columns_by_field(),
            report: ImportReport {
                file: file.to_owned(),
                sheet,
                header_row,
                headers,
                mapping,
                unit,
                ringfence_rule: options.ringfence_rule,
                ..ImportReport::default()
            },
            lines: Vec::new(),
            done: false,
        })
    }

    /// Reads up to `max_rows` more rows. Returns `true` when the file is finished.
    pub fn step(&mut self, strings: &mut StringPool, max_rows: usize) -> Result<bool, ImportError> {
        for _ in 0..max_rows {
            let number = if let Some((number, cells)) = self.pending.pop_front() {
                self.cells = cells;
                number
            } else {
                match self.source.next_row(&mut self.cells, &self.report.file)? {
                    Some(number) => number,
                    None => {
                        self.done = true;
                        return Ok(true);
                    }
                }
            };
            self.report.data_rows += 1;
            let outcome = read_row(&self.cells, &self.report, &self.columns, strings);
            record_outcome(
                &mut self.report,
                &mut self.lines,
                outcome,
                number,
                self.file_index,
                &self.cells,
            );
        }
        Ok(false)
    }

    /// How far through the file the import is, from 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.done {
            1.0
        } else {
            self.source.progress().min(0.999)
        }
    }

    /// Adds the lines read to `dataset` and returns the report. Call after the last step.
    pub fn finish(self, dataset: &mut Dataset) -> ImportReport {
        debug_assert!(self.done, "finish after the last step");
        debug_assert!(self.report.reconciles());
        let Importer {
            source,
            lines,
            report,
            ..
        } = self;
        // Free the file's bytes before the lines move, so the two never peak together.
        drop(source);
        dataset.sources.push(SourceFile {
            name: report.file.clone(),
            data_rows: report.data_rows,
        });
        if dataset.lines.is_empty() {
            dataset.lines = lines;
        } else {
            dataset.lines.extend(lines);
        }
        report
    }
}

/// Imports a whole file at once (CSV/TSV, XLSX/ODS/XLS, or 360Giving JSON).
pub fn import_file(
    dataset: &mut Dataset,
    file: &str,
    bytes: Vec<u8>,
    options: ImportOptions,
) -> Result<ImportReport, ImportError> {
    let mut importer = Importer::start(dataset, file, bytes, options)?;
    while !importer.step(&mut dataset.strings, usize::MAX)? {}
    Ok(importer.finish(dataset))
}

/// Imports delimited text with detected columns (the samples' path).
pub fn import_delimited(
    dataset: &mut Dataset,
    file: &str,
    bytes: &[u8],
) -> Result<ImportReport, ImportError> {
    import_file(dataset, file, bytes.to_vec(), ImportOptions::default())
}

/// A place read from CSV text, for tests.
#[cfg(test)]
pub(crate) fn dataset_from(csv: &[u8]) -> Dataset {
    let mut dataset = Dataset::default();
    import_delimited(&mut dataset, "test.csv", csv).expect("test CSV imports");
    dataset
}

fn record_outcome(
    report: &mut ImportReport,
    lines: &mut Vec<FundingLine>,
    outcome: RowOutcome,
    row: u32,
    file_index: u16,
    cells: &StringRecord,
) {
    match outcome {
        RowOutcome::Line(mut line, cell_notes) => {
            line.source = SourceRow {
                file: file_index,
                row,
            };
            report.total += line.amount;
            report.lines_imported += 1;
            for (column, reason) in cell_notes {
                report.notes.push(RowIssue {
                    file: report.file.clone(),
                    row,
                    column,
                    reason,
                    cells: Vec::new(),
                    column_index: None,
                });
            }
            lines.push(line);
        }
        RowOutcome::Skipped(reason) => report.skipped.push(SkippedRow {
            file: report.file.clone(),
            row,
            reason,
        }),
        RowOutcome::NeedsAttention {
            column_index,
            reason,
        } => report.needs_attention.push(RowIssue {
            file: report.file.clone(),
            row,
            column: report
                .headers
                .get(column_index)
                .cloned()
                .unwrap_or_default(),
            reason,
            cells: cells.iter().map(str::to_owned).collect(),
            column_index: Some(column_index),
        }),
    }
}

/// Why a fix could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FixError {
    #[error("there is no row needing attention at that place")]
    NoSuchIssue,
    #[error("{0}")]
    StillUnreadable(String),
}

/// Replaces the problem cell of `report.needs_attention[issue]` with `value` and reads the
/// row again; on success the row becomes a funding line in `dataset`.
pub fn fix_row(
    dataset: &mut Dataset,
    report: &mut ImportReport,
    file_index: u16,
    issue: usize,
    value: &str,
) -> Result<(), FixError> {
    let problem = report
        .needs_attention
        .get(issue)
        .ok_or(FixError::NoSuchIssue)?;
    let column = problem.column_index.ok_or(FixError::NoSuchIssue)?;
    let mut cells = problem.cells.clone();
    if cells.len() <= column {
        cells.resize(report.headers.len().max(column + 1), String::new());
    }
    cells[column] = value.to_owned();
    let cells = StringRecord::from(cells);
    let columns = report.mapping.columns_by_field();
    let outcome = read_row(&cells, report, &columns, &mut dataset.strings);
    match &outcome {
        RowOutcome::Line(..) => {}
        RowOutcome::NeedsAttention { reason, .. } => {
            return Err(FixError::StillUnreadable(reason.clone()))
        }
        RowOutcome::Skipped(reason) => {
            return Err(FixError::StillUnreadable(format!(
                "the row would be a {}",
                reason.label()
            )))
        }
    }
    let fixed = report.needs_attention.remove(issue);
    record_outcome(
        report,
        &mut dataset.lines,
        outcome,
        fixed.row,
        file_index,
        &cells,
    );
    Ok(())
}

/// Moves `report.needs_attention[issue]` to the rows deliberately left out.
pub fn leave_out_row(report: &mut ImportReport, issue: usize) -> Result<(), FixError> {
    if issue >= report.needs_attention.len() {
        return Err(FixError::NoSuchIssue);
    }
    let row = report.needs_attention.remove(issue);
    report.left_out.push(row);
    Ok(())
}

enum RowOutcome {
    Line(FundingLine, Vec<(String, String)>),
    Skipped(SkipReason),
    NeedsAttention { column_index: usize, reason: String },
}

fn read_row(
    cells: &StringRecord,
    report: &ImportReport,
    columns: &Columns,
    strings: &mut StringPool,
) -> RowOutcome {
    if cells.iter().all(|cell| cell.trim().is_empty()) {
        return RowOutcome::Skipped(SkipReason::Blank);
    }
    let column_of = |field: Field| columns[field as usize];
    if is_total_row(cells, columns) {
        return RowOutcome::Skipped(SkipReason::TotalRow);
    }
    let amount_column = column_of(Field::Amount).expect("checked when the import started");
    let Some(amount_cell) = cells.get(amount_column) else {
        return RowOutcome::NeedsAttention {
            column_index: amount_column,
            reason: format!(
                "row has only {} cells but the header has {}",
                cells.len(),
                report.headers.len()
            ),
        };
    };
    let amount = match parse_money(amount_cell, report.unit) {
        Ok(amount) => amount,
        Err(error) => {
            return RowOutcome::NeedsAttention {
                column_index: amount_column,
                reason: error.to_string(),
            }
        }
    };

    let mut notes = Vec::new();
    let cell = |field: Field| {
        column_of(field)
            .and_then(|c| cells.get(c))
            .map_or("", |c| c.trim())
    };
    let mut date = |field: Field| {
        parse_date(cell(field)).unwrap_or_else(|error| {
            let column = column_of(field)
                .and_then(|c| report.headers.get(c))
                .map_or("", String::as_str);
            notes.push((column.to_owned(), format!("{error}; left unknown")));
            None
        })
    };
    let award_date = date(Field::AwardDate).or_else(|| date(Field::FinancialYear));
    let end_date = date(Field::EndDate);
    let programme_text = match cell(Field::Programme) {
        "" => cell(Field::Title),
        programme => programme,
    };
    let ringfence = match parse_ringfence(cell(Field::Ringfenced)) {
        Ringfence::NotRecorded => report.ringfence_rule.apply(programme_text),
        known => known,
    };
    let identifier = strings.push_unique(cell(Field::Identifier));
    let mut sym = |field: Field| strings.intern(cell(field));
    let line = FundingLine {
        identifier,
        title: sym(Field::Title),
        funder: sym(Field::Funder),
        programme: sym(Field::Programme),
        recipient: sym(Field::Recipient),
        service: sym(Field::Service),
        location: sym(Field::Location),
        currency: sym(Field::Currency),
        amount,
        ringfence,
        allocation: parse_allocation(cell(Field::Allocation)),
        award_date,
        end_date,
        source: SourceRow { file: 0, row: 0 },
    };
    RowOutcome::Line(line, notes)
}

/// A total or subtotal row: some cell says "Total" and there is no identifier or recipient.
fn is_total_row(cells: &StringRecord, columns: &Columns) -> bool {
    let blank = |field: Field| {
        columns[field as usize]
            .and_then(|c| cells.get(c))
            .is_none_or(|c| c.trim().is_empty())
    };
    if !(blank(Field::Identifier) && blank(Field::Recipient)) {
        return false;
    }
    cells.iter().any(|cell| {
        let cell = cell.trim();
        let starts = |word: &str| {
            cell.len() > word.len()
                && cell.is_char_boundary(word.len())
                && cell[..word.len()].eq_ignore_ascii_case(word)
        };
        [
            "total",
            "totals",
            "subtotal",
            "sub-total",
            "sub total",
            "grand total",
        ]
        .iter()
        .any(|word| cell.eq_ignore_ascii_case(word))
            || starts("total ")
            || starts("subtotal ")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(text: &str) -> (Dataset, ImportReport) {
        let mut dataset = Dataset::default();
        let report =
            import_delimited(&mut dataset, "grants.csv", text.as_bytes()).expect("imports");
        (dataset, report)
    }

    #[test]
    fn imports_360giving_columns() {
        let (dataset, report) = import(
            "Identifier,Title,Amount Awarded,Currency,Award Date,Recipient Org:Name,Funding Org:Name,Grant Programme:Title\n\
             360G-1,Bus grant,\"25,000\",GBP,2016-04-01,Transport for London,Department for Transport,BSOG\n\
             360G-2,Youth justice,1000.50,GBP,01/04/2016,Durham County Council,Ministry of Justice,YJB\n",
        );
        assert_eq!(report.lines_imported, 2);
        assert_eq!(report.total, Pence(2_500_000 + 100_050));
        assert!(report.reconciles());
        let line = &dataset.lines[1];
        assert_eq!(dataset.text(line.funder), "Ministry of Justice");
        assert_eq!(dataset.text(line.recipient), "Durham County Council");
        assert_eq!(line.source, SourceRow { file: 0, row: 3 });
        assert_eq!(
            line.award_date.map(|d| d.to_string()).as_deref(),
            Some("2016-04-01")
        );
    }

    #[test]
    fn lists_unreadable_rows_with_row_column_and_reason() {
        let (_, report) = import(
            "Funder,Recipient,Amount\n\
             DfT,A,100\n\
             DfT,B,TBC\n\
             ,,\n\
             DfT,C\n\
             Total,,200\n\
             MoJ,D,\n",
        );
        assert_eq!(report.lines_imported, 1);
        assert_eq!(report.total, Pence(10_000));
        assert_eq!(report.data_rows, 6);
        assert!(report.reconciles());
        let issues: Vec<(u32, &str, &str)> = report
            .needs_attention
            .iter()
            .map(|i| (i.row, i.column.as_str(), i.reason.as_str()))
            .collect();
        assert_eq!(
            issues,
            vec![
                (3, "Amount", "“TBC” is not an amount of money"),
                (5, "Amount", "row has only 2 cells but the header has 3"),
                (7, "Amount", "amount is blank"),
            ]
        );
        assert_eq!(
            report.skipped,
            vec![
                SkippedRow {
                    file: "grants.csv".into(),
                    row: 4,
                    reason: SkipReason::Blank
                },
                SkippedRow {
                    file: "grants.csv".into(),
                    row: 6,
                    reason: SkipReason::TotalRow
                },
            ]
        );
    }

    #[test]
    fn rows_needing_attention_can_be_fixed_in_place_or_left_out() {
        let (mut dataset, mut report) =
            import("Funder,Recipient,Amount\nDfT,A,100\nDfT,B,TBC\nDfT,C\nMoJ,D,x\n");
        assert_eq!(report.needs_attention.len(), 3);
        assert_eq!(
            fix_row(&mut dataset, &mut report, 0, 0, "also TBC"),
            Err(FixError::StillUnreadable(
                "“also TBC” is not an amount of money".into()
            ))
        );
        fix_row(&mut dataset, &mut report, 0, 0, "£2,500").unwrap();
        assert_eq!(report.lines_imported, 2);
        assert_eq!(report.total, Pence(260_000));
        assert_eq!(dataset.lines.len(), 2);
        assert_eq!(dataset.lines[1].source.row, 3);
        assert_eq!(dataset.text(dataset.lines[1].recipient), "B");
        // The short row gets its missing cell.
        fix_row(&mut dataset, &mut report, 0, 0, "7").unwrap();
        assert_eq!(dataset.text(dataset.lines[2].recipient), "C");
        leave_out_row(&mut report, 0).unwrap();
        assert!(report.needs_attention.is_empty());
        assert_eq!(report.left_out[0].row, 5);
        assert!(report.reconciles());
        assert_eq!(report.total, dataset.total());
    }

    #[test]
    fn a_file_without_an_amount_column_is_refused_clearly() {
        let mut dataset = Dataset::default();
        let error = import_delimited(&mut dataset, "x.csv", b"Name,Town\nA,B\n").unwrap_err();
        assert_eq!(
            error,
            ImportError::NoAmountColumn {
                file: "x.csv".into()
            }
        );
        assert!(dataset.lines.is_empty() && dataset.sources.is_empty());
        assert_eq!(
            import_delimited(&mut dataset, "e.csv", b"").unwrap_err(),
            ImportError::Empty {
                file: "e.csv".into()
            }
        );
    }

    #[test]
    fn a_bad_date_keeps_the_money_and_notes_the_cell() {
        let (dataset, report) = import("Amount,Award Date\n5,someday\n");
        assert_eq!(report.lines_imported, 1);
        assert_eq!(dataset.lines[0].award_date, None);
        assert_eq!(report.notes[0].column, "Award Date");
        assert_eq!(
            report.notes[0].reason,
            "“someday” is not a date; left unknown"
        );
    }

    #[test]
    fn reads_semicolons_and_thousands_units() {
        let (_, report) = import("Department;Amount (£,000s)\nBIS;2915000\nDfE;1,5\n");
        assert_eq!(report.lines_imported, 1);
        assert_eq!(report.total, Pence(291_500_000_000));
        assert_eq!(report.needs_attention[0].row, 3);
    }

    #[test]
    fn finds_the_header_under_title_rows() {
        let (dataset, report) = import(
            "Grants to Durham 2016-17\n\nDepartment,Recipient,Amount (£)\nDfT,Durham CC,5\n",
        );
        assert_eq!(report.header_row, 3);
        assert_eq!(report.data_rows, 1);
        assert_eq!(dataset.lines[0].source.row, 4);
    }

    #[test]
    fn ringfence_rules_apply_only_where_the_file_is_silent() {
        let mut dataset = Dataset::default();
        let rule = RingfenceRule::FlexibleIfProgrammeContains {
            terms: vec!["Revenue Support".into(), " ".into()],
            otherwise: Ringfence::Ringfenced,
        };
        let report = import_file(
            &mut dataset,
            "r.csv",
            b"Programme,Amount,Ringfenced\nRevenue Support Grant,10,\nBus grant,5,\nRevenue support top-up,1,Yes\n".to_vec(),
            ImportOptions { ringfence_rule: rule, ..ImportOptions::default() },
        )
        .unwrap();
        let statuses: Vec<Ringfence> = dataset.lines.iter().map(|l| l.ringfence).collect();
        assert_eq!(
            statuses,
            [
                Ringfence::Flexible,
                Ringfence::Ringfenced,
                Ringfence::Ringfenced
            ]
        );
        assert!(report.reconciles());
    }

    #[test]
    fn steps_report_progress_and_join_the_dataset_only_at_the_end() {
        let mut text = String::from("Amount\n");
        for i in 0..1000 {
            text.push_str(&format!("{i}\n"));
        }
        let mut dataset = Dataset::default();
        let mut importer = Importer::start(
            &dataset,
            "p.csv",
            text.into_bytes(),
            ImportOptions::default(),
        )
        .unwrap();
        assert!(!importer.step(&mut dataset.strings, 400).unwrap());
        let part = importer.progress();
        assert!(part > 0.2 && part < 0.6, "{part}");
        assert!(dataset.lines.is_empty());
        while !importer.step(&mut dataset.strings, 400).unwrap() {}
        assert_eq!(importer.progress(), 1.0);
        let report = importer.finish(&mut dataset);
        assert_eq!(report.lines_imported, 1000);
        assert_eq!(dataset.total(), Pence((0..1000).sum::<i64>() * 100));
    }
}
