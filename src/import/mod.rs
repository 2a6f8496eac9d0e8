//! Turning grant spreadsheets into funding lines, with nothing lost: every data row becomes a
//! funding line, is listed as needing attention (with file, row, column and reason), or is
//! shown as skipped (blank and total rows).

pub mod mapping;
pub mod text;
pub mod values;

use serde::{Deserialize, Serialize};

use crate::model::{Dataset, FundingLine, Pence, SourceFile, SourceRow, StringPool};
pub use mapping::{ColumnMapping, Field};
use values::{parse_allocation, parse_date, parse_money, parse_ringfence, MoneyUnit};

/// A file that could not be read at all. Row-level problems are [`RowIssue`]s instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: the file is empty")]
    Empty { file: String },
    #[error("{file}: no column holds the amount (looked for “Amount Awarded”, “Amount”, “Value”, “Allocation”…)")]
    NoAmountColumn { file: String },
    #[error("{file}: row {row} could not be read as CSV: {reason}")]
    Malformed {
        file: String,
        row: u32,
        reason: String,
    },
    #[error("{file}: too many files are loaded into one place")]
    TooManyFiles { file: String },
}

/// A row that did not become a funding line, or a cell whose value was left unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowIssue {
    pub file: String,
    /// 1-based, the header being row 1.
    pub row: u32,
    /// The column's header as it appears in the file.
    pub column: String,
    pub reason: String,
}

/// Why a row was recognised and set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkipReason {
    Blank,
    TotalRow,
}

/// A row that was recognised as not being a grant (blank, or a total) and not counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRow {
    pub file: String,
    pub row: u32,
    pub reason: SkipReason,
}

/// What happened to every data row of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub file: String,
    pub data_rows: u32,
    pub lines_imported: u32,
    /// The sum of the imported lines' amounts.
    pub total: Pence,
    /// Rows that did not become funding lines.
    pub needs_attention: Vec<RowIssue>,
    /// Rows that did become funding lines, but with a cell left unknown.
    pub notes: Vec<RowIssue>,
    pub skipped: Vec<SkippedRow>,
}

impl ImportReport {
    /// Every data row is accounted for exactly once.
    pub fn reconciles(&self) -> bool {
        self.lines_imported as usize + self.needs_attention.len() + self.skipped.len()
            == self.data_rows as usize
    }
}

/// Reads a delimited text file (CSV, TSV, semicolon- or pipe-separated) and appends its
/// funding lines to `dataset`.
pub fn import_delimited(
    dataset: &mut Dataset,
    file_name: &str,
    bytes: &[u8],
) -> Result<ImportReport, ImportError> {
    let decoded = text::decode(bytes);
    let content = decoded.text.as_ref();
    if content.trim().is_empty() {
        return Err(ImportError::Empty {
            file: file_name.to_owned(),
        });
    }
    let delimiter = text::sniff_delimiter(content);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(content.as_bytes());

    let mut records = reader.records();
    let malformed = |row: u32, error: csv::Error| ImportError::Malformed {
        file: file_name.to_owned(),
        row,
        reason: error.to_string(),
    };
    let header = match records.next() {
        Some(Ok(record)) => record,
        Some(Err(error)) => return Err(malformed(1, error)),
        None => {
            return Err(ImportError::Empty {
                file: file_name.to_owned(),
            })
        }
    };
    let headers: Vec<&str> = header.iter().collect();
    let mapping = ColumnMapping::detect(&headers);
    let Some(amount_column) = mapping.column(Field::Amount) else {
        return Err(ImportError::NoAmountColumn {
            file: file_name.to_owned(),
        });
    };
    let unit = MoneyUnit::from_header(headers[amount_column]);
    let file_index =
        u16::try_from(dataset.sources.len()).map_err(|_| ImportError::TooManyFiles {
            file: file_name.to_owned(),
        })?;

    let mut report = ImportReport {
        file: file_name.to_owned(),
        ..ImportReport::default()
    };
    let mut new_lines = Vec::new();
    let strings = &mut dataset.strings;
    for (index, record) in records.enumerate() {
        let row = u32::try_from(index + 2).unwrap_or(u32::MAX);
        let record = record.map_err(|error| malformed(row, error))?;
        report.data_rows += 1;
        let cells: Vec<&str> = record.iter().collect();
        match read_row(&cells, &headers, &mapping, unit, strings) {
            RowOutcome::Line(mut line, cell_notes) => {
                line.source = SourceRow {
                    file: file_index,
                    row,
                };
                report.total += line.amount;
                report.lines_imported += 1;
                report
                    .notes
                    .extend(cell_notes.into_iter().map(|(column, reason)| RowIssue {
                        file: file_name.to_owned(),
                        row,
                        column,
                        reason,
                    }));
                new_lines.push(line);
            }
            RowOutcome::Skipped(reason) => report.skipped.push(SkippedRow {
                file: file_name.to_owned(),
                row,
                reason,
            }),
            RowOutcome::NeedsAttention { column, reason } => {
                report.needs_attention.push(RowIssue {
                    file: file_name.to_owned(),
                    row,
                    column,
                    reason,
                })
            }
        }
    }
    dataset.sources.push(SourceFile {
        name: file_name.to_owned(),
        data_rows: report.data_rows,
    });
    dataset.lines.extend(new_lines);
    debug_assert!(report.reconciles());
    Ok(report)
}

enum RowOutcome {
    Line(FundingLine, Vec<(String, String)>),
    Skipped(SkipReason),
    NeedsAttention { column: String, reason: String },
}

fn read_row(
    cells: &[&str],
    headers: &[&str],
    mapping: &ColumnMapping,
    unit: MoneyUnit,
    strings: &mut StringPool,
) -> RowOutcome {
    if cells.iter().all(|cell| cell.trim().is_empty()) {
        return RowOutcome::Skipped(SkipReason::Blank);
    }
    if is_total_row(cells, mapping) {
        return RowOutcome::Skipped(SkipReason::TotalRow);
    }
    let amount_column = mapping
        .column(Field::Amount)
        .expect("checked by the caller");
    let Some(amount_cell) = cells.get(amount_column) else {
        return RowOutcome::NeedsAttention {
            column: headers[amount_column].to_owned(),
            reason: format!(
                "row has only {} cells but the header has {}",
                cells.len(),
                headers.len()
            ),
        };
    };
    let amount = match parse_money(amount_cell, unit) {
        Ok(amount) => amount,
        Err(error) => {
            return RowOutcome::NeedsAttention {
                column: headers[amount_column].to_owned(),
                reason: error.to_string(),
            }
        }
    };

    let mut notes = Vec::new();
    let cell = |field: Field| {
        mapping
            .column(field)
            .and_then(|c| cells.get(c))
            .map_or("", |c| c.trim())
    };
    let mut date = |field: Field| {
        let text = cell(field);
        parse_date(text).unwrap_or_else(|error| {
            let column = mapping.column(field).map_or("", |c| headers[c]);
            notes.push((column.to_owned(), format!("{error}; left unknown")));
            None
        })
    };
    let award_date = date(Field::AwardDate);
    let end_date = date(Field::EndDate);
    let mut sym = |field: Field| strings.intern(cell(field));
    let line = FundingLine {
        identifier: sym(Field::Identifier),
        title: sym(Field::Title),
        funder: sym(Field::Funder),
        programme: sym(Field::Programme),
        recipient: sym(Field::Recipient),
        service: sym(Field::Service),
        currency: sym(Field::Currency),
        amount,
        ringfence: parse_ringfence(cell(Field::Ringfenced)),
        allocation: parse_allocation(cell(Field::Allocation)),
        award_date,
        end_date,
        source: SourceRow { file: 0, row: 0 },
    };
    RowOutcome::Line(line, notes)
}

/// A total or subtotal row: some text cell says "Total" and there is no identifier or recipient.
fn is_total_row(cells: &[&str], mapping: &ColumnMapping) -> bool {
    let blank = |field: Field| {
        mapping
            .column(field)
            .and_then(|c| cells.get(c))
            .is_none_or(|c| c.trim().is_empty())
    };
    let says_total = cells.iter().any(|cell| {
        let lower = cell.trim().to_lowercase();
        lower == "total"
            || lower == "subtotal"
            || lower == "sub-total"
            || lower == "grand total"
            || lower.starts_with("total ")
    });
    says_total && blank(Field::Identifier) && blank(Field::Recipient)
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
}
