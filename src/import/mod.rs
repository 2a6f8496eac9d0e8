//! Turning grant spreadsheets into funding lines, with nothing lost: every data row becomes a
//! funding line, is listed as needing attention (with file, row, column and reason), or is
//! shown as skipped (blank and total rows). Totals reconcile with the file.
//!
//! An [`Importer`] works in steps of a few thousand rows so the page can show progress and
//! stay responsive; [`import_file`] runs one to the end.

mod delimited;
mod fixes;
mod handover;
mod importer;
mod kind;
pub mod mapping;
mod rows;
mod slice_check;
pub mod source;
pub mod text;
pub mod values;
mod window;
pub mod workbook_limits;

pub use fixes::{fix_row, leave_out_row, take_back_row, FixError};
pub use handover::{Adoption, Handover, HandoverError};
#[cfg(test)]
pub(crate) use importer::{dataset_from, six_line_place};
pub use importer::{import_delimited, import_file, ImportContext, Importer, ReadFile};
pub use slice_check::SliceCheck;

use std::collections::VecDeque;

use csv::StringRecord;

use serde::{Deserialize, Serialize};

use crate::model::{Pence, Ringfence};
pub use mapping::{ColumnMapping, Field};
pub use source::FileKind;
use source::RowSource;
use values::MoneyUnit;

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
    /// Text read as its slices arrive whose header could not be found in its first slice (an
    /// import worker then reads the file again, whole).
    #[error("{file}: its first rows run on past the first part of the file")]
    NeedsWholeText { file: String },
    #[error("{file}: too many files are loaded into one place")]
    TooManyFiles { file: String },
    #[error("{file}: row {row} is too large to read: {reason}")]
    TooLarge {
        file: String,
        row: u32,
        reason: String,
    },
    #[error("{file}: this workbook cannot be opened safely: {reason}")]
    TooLargeWorkbook { file: String, reason: String },
    #[error("{file}: this is not a spreadsheet: it looks like {looks_like}. grantpool reads CSV and TSV text, XLSX, XLS and ODS workbooks, and 360Giving JSON")]
    NotASpreadsheet { file: String, looks_like: String },
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
    /// The place (a council's GSS code) of every line whose own cells do not name one.
    pub place: Option<String>,
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
    /// The place chosen for the whole file ([`ImportOptions::place`]).
    #[serde(default)]
    pub place: Option<String>,
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
    /// Funder and programme names of this file shown under another name
    /// ([`crate::names`]), when it was added.
    #[serde(default)]
    pub renamed: Vec<crate::names::Renamed>,
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

    /// A row's cells as the file wrote them, each under its column's header (a cell past the
    /// last header is named by its column number).
    pub fn cells_with_headers(&self, cells: &[String]) -> Vec<(String, String)> {
        cells
            .iter()
            .enumerate()
            .map(|(index, cell)| {
                let header = self
                    .headers
                    .get(index)
                    .filter(|h| !h.trim().is_empty())
                    .cloned()
                    .unwrap_or_else(|| format!("Column {}", index + 1));
                (header, cell.clone())
            })
            .collect()
    }

    /// What a row of this file is, from its cells, for a person deciding what to do with it:
    /// its funder, programme (or title), recipient and amount as written, e.g.
    /// `DfT · Buses · Durham CC · amount “TBC”`.
    pub fn describe_row(&self, cells: &[String]) -> String {
        let columns = self.mapping.columns_by_field();
        let cell = |field: Field| {
            columns[field as usize]
                .and_then(|c| cells.get(c))
                .map_or("", |text| text.trim())
        };
        let programme = match cell(Field::Programme) {
            "" => cell(Field::Title),
            programme => programme,
        };
        let title = match cell(Field::Title) {
            title if title == programme => "",
            title => title,
        };
        let mut parts: Vec<String> = [
            cell(Field::Funder),
            programme,
            title,
            cell(Field::Recipient),
        ]
        .into_iter()
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
        .collect();
        parts.push(match cell(Field::Amount) {
            "" => "no amount".to_owned(),
            amount => format!("amount “{amount}”"),
        });
        parts.join(" · ")
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

/// One sheet of a workbook read into rows of text, with the workbook's sheet names: what the
/// workbook reader makes of a file. The page has it made in a Web Worker, where a reader that
/// fails on a damaged file takes only the worker down, then previews and imports the rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkbookRows {
    pub sheets: Vec<String>,
    pub sheet: String,
    pub rows: Vec<(u32, Vec<String>)>,
}

/// Reads one sheet of a workbook (the first when `sheet` is `None`) into rows.
pub fn read_workbook(
    file: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<WorkbookRows, ImportError> {
    refuse_what_is_not_a_spreadsheet(file, bytes)?;
    source::workbook_table(bytes, file, sheet)
}

/// Rows looked at to find the header, which may sit under a few title rows.
const HEADER_SEARCH_ROWS: usize = 30;
/// Data rows shown in a preview.
const PREVIEW_ROWS: usize = 5;
/// Bytes of delimited text read for a preview.
pub const PREVIEW_BYTES: usize = 256 * 1024;

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
    refuse_what_is_not_a_spreadsheet(file, &bytes)?;
    let kind = FileKind::detect(&bytes);
    let source = match kind {
        FileKind::Delimited => RowSource::delimited(bytes),
        FileKind::Workbook => source::workbook_rows(&bytes, file, sheet)?,
        FileKind::GivingJson => source::giving_json_rows(&bytes, file)?,
    };
    Ok((kind, source))
}

/// Refuses at once a file that is plainly not a spreadsheet (an image, a PDF, a zip that is
/// not a workbook, binary noise), saying what it looks like.
fn refuse_what_is_not_a_spreadsheet(file: &str, bytes: &[u8]) -> Result<(), ImportError> {
    match kind::not_a_spreadsheet(bytes) {
        Some(looks_like) => Err(ImportError::NotASpreadsheet {
            file: file.to_owned(),
            looks_like: looks_like.to_owned(),
        }),
        None => Ok(()),
    }
}

/// Where a preview of delimited text stops: after the last line break in the first
/// [`PREVIEW_BYTES`], on a character boundary (whole UTF-16 code units for UTF-16 text).
fn preview_cut(bytes: &[u8]) -> usize {
    if bytes.len() <= PREVIEW_BYTES {
        return bytes.len();
    }
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some(u16::from_le_bytes as fn([u8; 2]) -> u16),
        [0xFE, 0xFF, ..] => Some(u16::from_be_bytes as fn([u8; 2]) -> u16),
        _ => None,
    };
    if let Some(unit) = utf16 {
        let mut end = PREVIEW_BYTES & !1;
        while end >= 4 {
            if matches!(unit([bytes[end - 2], bytes[end - 1]]), 0x0A | 0x0D) {
                return end;
            }
            end -= 2;
        }
        return PREVIEW_BYTES & !1;
    }
    if let Some(at) = bytes[..PREVIEW_BYTES]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
    {
        return at + 1;
    }
    let mut end = PREVIEW_BYTES;
    while end > 0 && bytes[end] & 0xC0 == 0x80 {
        end -= 1;
    }
    end
}

/// Rows read but not yet imported, with their row numbers.
pub(crate) type PendingRows = VecDeque<(u32, StringRecord)>;

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
    if FileKind::detect(bytes) == FileKind::Workbook {
        return preview_workbook(file, &read_workbook(file, bytes, sheet)?);
    }
    refuse_what_is_not_a_spreadsheet(file, bytes)?;
    let kind = FileKind::detect(bytes);
    let head = match kind {
        FileKind::Delimited => bytes[..preview_cut(bytes)].to_vec(),
        _ => bytes.to_vec(),
    };
    let (_, mut source) = open_source(file, head, None)?;
    preview_from(file, kind, Vec::new(), None, &mut source)
}

/// A preview of a workbook's rows read beforehand by [`read_workbook`].
pub fn preview_workbook(file: &str, workbook: &WorkbookRows) -> Result<Preview, ImportError> {
    let mut source = source::rows_source(workbook.rows.clone());
    preview_from(
        file,
        FileKind::Workbook,
        workbook.sheets.clone(),
        Some(workbook.sheet.clone()),
        &mut source,
    )
}

fn preview_from(
    file: &str,
    kind: FileKind,
    sheets: Vec<String>,
    sheet: Option<String>,
    source: &mut RowSource,
) -> Result<Preview, ImportError> {
    let (header_row, headers, mut rest) = find_header(source, file)?;
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

#[cfg(test)]
mod tests;
