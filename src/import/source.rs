//! Where rows come from: delimited text (streamed), workbooks (XLSX, XLSM, XLS, ODS) and
//! 360Giving JSON, all turned into rows of text cells with their spreadsheet row numbers.

use std::io::Cursor;

use calamine::{
    open_workbook_from_rs, Data, DataType, Ods, Range, Reader, Sheets, Xls, Xlsb, Xlsx,
};
use serde_json::Value;

use super::delimited::{BrokenRow, DelimitedRows};
use super::text;
use super::{ImportError, WorkbookRows};
use crate::model::Date;

/// The kind of file, told from its first bytes (and its name, only to break a tie).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// CSV, TSV, semicolon- or pipe-separated text.
    Delimited,
    /// A spreadsheet workbook: XLSX/XLSM/ODS (zip) or legacy XLS (OLE).
    Workbook,
    /// A 360Giving JSON package, `{"grants": [...]}`.
    GivingJson,
}

/// The most columns a row may have: a real grants file has a few dozen.
pub const MAX_COLUMNS: usize = crate::place::MAX_COLUMNS;
/// The most text one cell may hold (10 MB): a real cell holds a few hundred bytes.
pub const MAX_CELL_BYTES: usize = 10_000_000;

/// A stream of rows from one file (or one sheet of a workbook).
pub enum RowSource {
    Delimited(Box<DelimitedRows>),
    Table {
        rows: std::vec::IntoIter<(u32, Vec<String>)>,
        count: usize,
    },
}

impl RowSource {
    /// Streams delimited text, decoding it first unless it is already UTF-8.
    pub fn delimited(bytes: Vec<u8>) -> RowSource {
        RowSource::Delimited(Box::new(DelimitedRows::new(bytes)))
    }

    /// Adds the next slice of text arriving in slices ([`DelimitedRows::streamed`]).
    pub fn push(&mut self, slice: &[u8]) {
        if let RowSource::Delimited(rows) = self {
            rows.push(slice);
        }
    }

    /// Says every slice of text arriving in slices has arrived.
    pub fn end(&mut self) {
        if let RowSource::Delimited(rows) = self {
            rows.end();
        }
    }

    /// The last row asked for needs text that has not arrived yet.
    pub fn hungry(&self) -> bool {
        matches!(self, RowSource::Delimited(rows) if rows.hungry())
    }

    /// The problem of row `row`, if it had to be read specially (delimited text only).
    pub fn take_broken(&mut self, row: u32) -> Option<BrokenRow> {
        match self {
            RowSource::Delimited(rows) => rows.take_broken(row),
            RowSource::Table { .. } => None,
        }
    }

    /// True when some characters could not be read and show as U+FFFD.
    pub fn replaced_characters(&self) -> bool {
        matches!(self, RowSource::Delimited(rows) if rows.replaced_characters())
    }

    /// Reads the next row into `cells` (reused, so rows cost no allocation) and returns its row
    /// number, or `None` at the end. A row over [`MAX_COLUMNS`] columns or with a cell over
    /// [`MAX_CELL_BYTES`] stops the import with a clear message.
    pub fn next_row(
        &mut self,
        cells: &mut csv::StringRecord,
        file: &str,
    ) -> Result<Option<u32>, ImportError> {
        let number = self.next_row_unchecked(cells, file)?;
        if let Some(row) = number {
            let too_large = |reason: String| ImportError::TooLarge {
                file: file.to_owned(),
                row,
                reason,
            };
            if cells.len() > MAX_COLUMNS {
                return Err(too_large(format!(
                    "it has {} columns, and grantpool reads at most {}",
                    crate::format::count(cells.len() as u64),
                    crate::format::count(MAX_COLUMNS as u64)
                )));
            }
            if cells.iter().any(|cell| cell.len() > MAX_CELL_BYTES) {
                return Err(too_large(format!(
                    "a cell holds more than {} MB of text (is a quote left open?)",
                    MAX_CELL_BYTES / 1_000_000
                )));
            }
        }
        Ok(number)
    }

    fn next_row_unchecked(
        &mut self,
        cells: &mut csv::StringRecord,
        file: &str,
    ) -> Result<Option<u32>, ImportError> {
        match self {
            RowSource::Delimited(rows) => {
                rows.next_row(cells)
                    .map_err(|error| ImportError::Malformed {
                        file: file.to_owned(),
                        row: rows.current_row(),
                        reason: error.to_string(),
                    })
            }
            RowSource::Table { rows, .. } => Ok(rows.next().map(|(number, row)| {
                cells.clear();
                for cell in &row {
                    cells.push_field(cell);
                }
                number
            })),
        }
    }

    /// How far through the file the stream is, from 0 to 1.
    pub fn progress(&self) -> f64 {
        match self {
            RowSource::Delimited(rows) => rows.progress(),
            RowSource::Table { rows, count } => {
                if *count == 0 {
                    1.0
                } else {
                    1.0 - rows.len() as f64 / *count as f64
                }
            }
        }
    }
}

/// The sheets of a workbook, in order.
/// The rows of one sheet (the first when `sheet` is `None`) as text.
pub fn workbook_rows(
    bytes: &[u8],
    file: &str,
    sheet: Option<&str>,
) -> Result<RowSource, ImportError> {
    Ok(table_source(workbook_table(bytes, file, sheet)?.rows))
}

/// A row of a sheet: its number, as a spreadsheet shows it, and its cells as text.
pub type TableRow = (u32, Vec<String>);

/// Rows read from a workbook beforehand (by [`super::read_workbook`], perhaps in a worker).
pub fn rows_source(rows: Vec<(u32, Vec<String>)>) -> RowSource {
    table_source(rows)
}

/// One sheet of a workbook (the first when `sheet` is `None`) with the workbook's sheet names,
/// opening (and checking) the workbook once.
pub fn workbook_table(
    bytes: &[u8],
    file: &str,
    sheet: Option<&str>,
) -> Result<WorkbookRows, ImportError> {
    let mut workbook = open_workbook(bytes, file)?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| ImportError::NoSuchSheet {
                file: file.to_owned(),
                sheet: wanted.to_owned(),
            })?,
        None => names.first().cloned().ok_or_else(|| ImportError::Empty {
            file: file.to_owned(),
        })?,
    };
    let rows = match &mut workbook {
        Sheets::Xlsx(xlsx) => xlsx_rows(xlsx, &name, file)?,
        other => range_rows(
            &other
                .worksheet_range(&name)
                .map_err(|error| unreadable(file, error))?,
        ),
    };
    Ok(WorkbookRows {
        sheets: names,
        sheet: name,
        rows,
    })
}

/// An XLSX sheet's rows, read cell by cell with calamine's own reader, so the sheet's used
/// range is known, and checked, before anything the size of the range is allocated: exactly the
/// cells (with values) the workbook reader would have placed in its range.
fn xlsx_rows(
    xlsx: &mut Xlsx<Cursor<&[u8]>>,
    sheet: &str,
    file: &str,
) -> Result<Vec<(u32, Vec<String>)>, ImportError> {
    let limits = &super::workbook_limits::LIMITS;
    let too_large = |cells: u64| ImportError::TooLargeWorkbook {
        file: file.to_owned(),
        reason: format!(
            "the sheet “{sheet}” spans {} cells, and grantpool opens sheets of up to {}",
            crate::format::count(cells),
            crate::format::count(limits.sheet_cells)
        ),
    };
    let mut reader = xlsx
        .worksheet_cells_reader(sheet)
        .map_err(|error| unreadable(file, error))?;
    let mut cells: Vec<((u32, u32), String)> = Vec::new();
    let (mut rows, mut columns) = ((u32::MAX, 0u32), (u32::MAX, 0u32));
    while let Some(cell) = reader
        .next_cell()
        .map_err(|error| unreadable(file, error))?
    {
        if cell.get_value().is_empty() {
            continue;
        }
        let (row, column) = cell.get_position();
        rows = (rows.0.min(row), rows.1.max(row));
        columns = (columns.0.min(column), columns.1.max(column));
        // Rows from the first to the last, columns from A (as the rows are laid out below).
        let spans = (u64::from(rows.1 - rows.0) + 1) * (u64::from(columns.1) + 1);
        if spans > limits.sheet_cells {
            return Err(too_large(spans));
        }
        cells.push((
            (row, column),
            cell_text(&Data::from(cell.get_value().clone())),
        ));
    }
    if cells.is_empty() {
        return Ok(Vec::new());
    }
    // As a range would: every row from the first to the last, each as wide as the widest, with
    // the columns before the first kept empty so column letters still line up.
    let width = columns.1 as usize + 1;
    let mut table: Vec<(u32, Vec<String>)> = (rows.0..=rows.1)
        .map(|row| (row + 1, vec![String::new(); width]))
        .collect();
    for ((row, column), text) in cells {
        table[(row - rows.0) as usize].1[column as usize] = text;
    }
    Ok(table)
}

/// Opens a workbook with the reader its bytes call for (legacy XLS, ODS, or XLSX/XLSM/XLSB),
/// so a damaged file's error says what is wrong with it, not just that no reader took it.
fn open_workbook<'a>(bytes: &'a [u8], file: &str) -> Result<Sheets<Cursor<&'a [u8]>>, ImportError> {
    if bytes.starts_with(b"PK\x03\x04") {
        super::workbook_limits::check(bytes, file, &super::workbook_limits::LIMITS)?;
    }
    let cursor = Cursor::new(bytes);
    let has = |name: &[u8]| bytes.windows(name.len()).any(|w| w == name);
    let opened = if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        open_workbook_from_rs::<Xls<_>, _>(cursor)
            .map(Sheets::Xls)
            .map_err(|error| format!("as an Excel 97–2003 workbook (XLS): {error}"))
    } else if has(b"opendocument.spreadsheet") {
        open_workbook_from_rs::<Ods<_>, _>(cursor)
            .map(Sheets::Ods)
            .map_err(|error| format!("as an OpenDocument spreadsheet (ODS): {error}"))
    } else if has(b"xl/workbook.bin") {
        open_workbook_from_rs::<Xlsb<_>, _>(cursor)
            .map(Sheets::Xlsb)
            .map_err(|error| format!("as an Excel binary workbook (XLSB): {error}"))
    } else {
        open_workbook_from_rs::<Xlsx<_>, _>(cursor)
            .map(Sheets::Xlsx)
            .map_err(|error| format!("as an Excel workbook (XLSX): {error}"))
    };
    opened.map_err(|reason| unreadable(file, reason))
}

fn unreadable(file: &str, error: impl std::fmt::Display) -> ImportError {
    ImportError::Unreadable {
        file: file.to_owned(),
        reason: error.to_string(),
    }
}

fn table_source(rows: Vec<(u32, Vec<String>)>) -> RowSource {
    RowSource::Table {
        count: rows.len(),
        rows: rows.into_iter(),
    }
}

fn range_rows(range: &Range<Data>) -> Vec<(u32, Vec<String>)> {
    let first_row = range.start().map_or(0, |(row, _)| row);
    let first_column = range.start().map_or(0, |(_, column)| column) as usize;
    range
        .rows()
        .enumerate()
        .map(|(index, cells)| {
            let mut text: Vec<String> = vec![String::new(); first_column];
            text.extend(cells.iter().map(cell_text));
            (first_row + index as u32 + 1, text)
        })
        .collect()
}

/// A workbook cell as the text a person sees: whole numbers without ".0", dates as ISO 8601.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(datetime) => {
            // calamine knows whether the workbook counts days from 1900 or 1904.
            let (year, month, day, hour, minute, second, _) = datetime.to_ymd_hms_milli();
            let date = Date {
                year: i32::from(year),
                month,
                day,
            };
            if (hour, minute, second) == (0, 0, 0) {
                date.to_string()
            } else {
                format!("{date}T{hour:02}:{minute:02}:{second:02}")
            }
        }
        Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Error(error) => format!("#{error:?}"),
    }
}

/// The 360Giving fields grantpool reads, as JSON paths and their CSV column titles.
const GIVING_FIELDS: [(&str, &str); 13] = [
    ("id", "Identifier"),
    ("title", "Title"),
    ("currency", "Currency"),
    ("amountAwarded", "Amount Awarded"),
    ("awardDate", "Award Date"),
    ("plannedDates/0/endDate", "Planned Dates:End Date"),
    ("recipientOrganization/0/name", "Recipient Org:Name"),
    ("recipientOrganization/0/id", "Recipient Org:Identifier"),
    ("fundingOrganization/0/name", "Funding Org:Name"),
    ("fundingOrganization/0/id", "Funding Org:Identifier"),
    ("grantProgramme/0/title", "Grant Programme:Title"),
    ("classifications/0/title", "Classifications:Title"),
    ("beneficiaryLocation/0/name", "Beneficiary Location:Name"),
];

/// A 360Giving JSON package as a table with the standard's CSV column titles; grant `i` is
/// numbered row `i + 2`, as if the header were row 1.
pub fn giving_json_rows(bytes: &[u8], file: &str) -> Result<RowSource, ImportError> {
    let text = text::decode(bytes);
    let package: Value =
        serde_json::from_str(&text.text).map_err(|error| unreadable(file, error))?;
    let grants = match &package {
        Value::Object(object) => object.get("grants").and_then(Value::as_array),
        Value::Array(array) => Some(array),
        _ => None,
    }
    .ok_or_else(|| ImportError::Unreadable {
        file: file.to_owned(),
        reason: "it is JSON but has no \"grants\" list (360Giving package)".to_owned(),
    })?;
    let mut rows = Vec::with_capacity(grants.len() + 1);
    rows.push((
        1,
        GIVING_FIELDS
            .iter()
            .map(|(_, title)| (*title).to_owned())
            .collect(),
    ));
    for (index, grant) in grants.iter().enumerate() {
        let cells = GIVING_FIELDS
            .iter()
            .map(|(path, _)| match grant.pointer(&format!("/{path}")) {
                Some(Value::String(text)) => text.clone(),
                Some(Value::Number(number)) => number.to_string(),
                Some(Value::Bool(flag)) => flag.to_string(),
                // A list or an object where a value belongs is kept as its JSON text, so the
                // row shows it (and an amount needs attention) instead of a silent blank.
                Some(other @ (Value::Array(_) | Value::Object(_))) => other.to_string(),
                _ => String::new(),
            })
            .collect();
        rows.push((index as u32 + 2, cells));
    }
    Ok(table_source(rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_rows(mut source: RowSource) -> Vec<(u32, Vec<String>)> {
        let mut cells = csv::StringRecord::new();
        let mut rows = Vec::new();
        while let Some(number) = source.next_row(&mut cells, "t").unwrap() {
            rows.push((number, cells.iter().map(str::to_owned).collect()));
        }
        rows
    }

    #[test]
    fn delimited_rows_are_numbered_as_a_spreadsheet_shows_them() {
        let rows = all_rows(RowSource::delimited(
            b"a,b\r\n1,\"two\nlines\"\r\n3,4\r\n".to_vec(),
        ));
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], (2, vec!["1".to_owned(), "two\nlines".to_owned()]));
        assert_eq!(rows[2].0, 3, "a quoted newline stays inside its row");
        let cr_only = all_rows(RowSource::delimited(b"a,b\r1,2\r3,4\r".to_vec()));
        assert_eq!(cr_only.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2, 3]);
        let with_empty_lines = all_rows(RowSource::delimited(
            b"a,b\n\n\n1,\"x\ny\"\n\n2,3\n".to_vec(),
        ));
        let numbers: Vec<(u32, usize)> = with_empty_lines
            .iter()
            .map(|(n, c)| (*n, c.len()))
            .collect();
        assert_eq!(numbers, [(1, 2), (2, 0), (3, 0), (4, 2), (5, 0), (6, 2)]);
        let crlf = all_rows(RowSource::delimited(b"a,b\r\n\r\n1,2\r\n3,4".to_vec()));
        let numbers: Vec<(u32, usize)> = crlf.iter().map(|(n, c)| (*n, c.len())).collect();
        assert_eq!(numbers, [(1, 2), (2, 0), (3, 2), (4, 2)]);
        let leading = all_rows(RowSource::delimited(b"\n\na,b\n1,2\n".to_vec()));
        assert_eq!(
            leading.iter().map(|r| r.0).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
    }

    #[test]
    fn windows_1252_pound_signs_survive() {
        let rows = all_rows(RowSource::delimited(
            b"Amount;Town\n\xA31,000;Durham\n".to_vec(),
        ));
        assert_eq!(rows[1].1, vec!["£1,000".to_owned(), "Durham".to_owned()]);
    }

    #[test]
    fn giving_json_becomes_a_table_with_standard_titles() {
        let json = br#"{"grants": [{"id": "360G-x-1", "amountAwarded": 1500.5, "currency": "GBP",
            "recipientOrganization": [{"id": "GB-CHC-1", "name": "Seaham Food Bank"}],
            "fundingOrganization": [{"id": "GB-GOV-1", "name": "DfT"}]}]}"#;
        let rows = all_rows(giving_json_rows(json, "g.json").unwrap());
        assert_eq!(rows[0].1[3], "Amount Awarded");
        assert_eq!(rows[1].0, 2);
        assert_eq!(rows[1].1[0], "360G-x-1");
        assert_eq!(rows[1].1[3], "1500.5");
        assert_eq!(rows[1].1[6], "Seaham Food Bank");
        assert!(matches!(
            giving_json_rows(b"{\"x\": 1}", "g.json"),
            Err(ImportError::Unreadable { .. })
        ));
        assert!(matches!(
            giving_json_rows(b"{oops", "g.json"),
            Err(ImportError::Unreadable { .. })
        ));
    }
}
