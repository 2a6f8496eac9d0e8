//! Rows of delimited text (CSV, TSV, semicolon or pipe), numbered as a spreadsheet shows them,
//! with the two ways a text file goes wrong made to cost one row, not the file: a quote that
//! is opened and never closed (which would swallow every row after it into one cell), and
//! bytes that are not valid in the file's encoding.

use std::io::Cursor;

use super::text;

type Reader = csv::Reader<Cursor<Vec<u8>>>;

/// A row that the reader had to read specially, and why: it needs attention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenRow {
    pub row: u32,
    /// The cell the problem starts in.
    pub column: usize,
    pub reason: String,
}

/// A stream of rows from delimited text.
pub struct DelimitedRows {
    reader: Reader,
    delimiter: u8,
    /// A record read but not yet given out, because blank rows come first.
    record: csv::StringRecord,
    stashed: bool,
    /// Empty lines (which the csv reader passes over) still to be given out as blank rows.
    blank_lines: u64,
    next_number: u32,
    /// The text's length, and how much of it earlier readers consumed, for progress.
    length: u64,
    offset: u64,
    /// Some bytes were not valid in the encoding and show as U+FFFD.
    replaced: bool,
    broken: Vec<BrokenRow>,
}

fn reader(bytes: Vec<u8>, delimiter: u8, quoting: bool) -> Reader {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(quoting)
        .from_reader(Cursor::new(bytes))
}

impl DelimitedRows {
    /// Streams delimited text, decoding it first unless it is already UTF-8.
    pub fn new(bytes: Vec<u8>) -> DelimitedRows {
        let decoded = text::decode(&bytes);
        let replaced = decoded.replaced;
        let (owned, delimiter) = match decoded.text {
            std::borrow::Cow::Borrowed(text) => {
                let delimiter = text::sniff_delimiter(text);
                let bom = bytes.len() - text.len();
                let mut owned = bytes;
                owned.drain(..bom);
                (owned, delimiter)
            }
            std::borrow::Cow::Owned(text) => {
                let delimiter = text::sniff_delimiter(&text);
                (text.into_bytes(), delimiter)
            }
        };
        // Old Mac line ends (CR only, as in the 2016-17 schemes register): make them LF so rows
        // can be counted by line.
        let owned = if !owned.contains(&b'\n') && owned.contains(&b'\r') {
            owned
                .into_iter()
                .map(|b| if b == b'\r' { b'\n' } else { b })
                .collect()
        } else {
            owned
        };
        DelimitedRows {
            length: owned.len() as u64,
            reader: reader(owned, delimiter, true),
            delimiter,
            record: csv::StringRecord::new(),
            stashed: false,
            blank_lines: 0,
            next_number: 1,
            offset: 0,
            replaced,
            broken: Vec::new(),
        }
    }

    /// True when some characters could not be read and show as U+FFFD.
    pub fn replaced_characters(&self) -> bool {
        self.replaced
    }

    /// The problem of row `row`, if the reader had to read it specially.
    pub fn take_broken(&mut self, row: u32) -> Option<BrokenRow> {
        let at = self.broken.iter().position(|b| b.row == row)?;
        Some(self.broken.remove(at))
    }

    /// The number the next row will have (the row being read when an error stops reading).
    pub fn current_row(&self) -> u32 {
        self.next_number
    }

    /// How far through the text the stream is, from 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.length == 0 {
            1.0
        } else {
            (self.offset + self.reader.position().byte()) as f64 / self.length as f64
        }
    }

    /// Reads the next row into `cells` and returns its number, or `None` at the end.
    pub fn next_row(&mut self, cells: &mut csv::StringRecord) -> Result<Option<u32>, csv::Error> {
        // Rows are numbered as a spreadsheet shows them: an empty line is a (blank) row, and a
        // quoted cell that spans lines is still one row.
        let number = self.next_number;
        if self.blank_lines > 0 {
            self.blank_lines -= 1;
            cells.clear();
            self.next_number = number.saturating_add(1);
            return Ok(Some(number));
        }
        if self.stashed {
            self.stashed = false;
            std::mem::swap(cells, &mut self.record);
            self.next_number = number.saturating_add(1);
            return Ok(Some(number));
        }
        if !self.reader.read_record(cells)? {
            return Ok(None);
        }
        // The csv reader passes over empty lines. They sit, with what is left of the previous
        // row's line break, at the start of the bytes it just read.
        let from = cells.position().map_or(0, |p| p.byte()) as usize;
        let skipped = empty_lines_before(self.reader.get_ref().get_ref(), from);
        let row = number.saturating_add(u32::try_from(skipped).unwrap_or(u32::MAX));
        if self.reader.position().byte() as usize >= self.reader.get_ref().get_ref().len() {
            // The record ran to the end of the text: did a quote open and never close?
            self.recover_open_quote(from, row, cells);
        }
        if skipped > 0 {
            self.blank_lines = skipped - 1;
            self.stashed = true;
            std::mem::swap(cells, &mut self.record);
            cells.clear();
        }
        self.next_number = number.saturating_add(1);
        Ok(Some(number))
    }

    /// When the record at `from` ends inside a quoted cell that never closes, reads just its
    /// first line (without quoting) as row `row`, which needs attention, and goes on reading
    /// the rest of the text from the next line, so the rows after it are not lost.
    fn recover_open_quote(&mut self, from: usize, row: u32, cells: &mut csv::StringRecord) {
        let bytes = self.reader.get_ref().get_ref();
        let start = from + leading_line_breaks(&bytes[from..]);
        let Some(column) = open_quote_column(&bytes[start..], self.delimiter) else {
            return;
        };
        let line_end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(bytes.len(), |at| start + at);
        let rest_start = line_end + line_break_length(&bytes[line_end..]);
        let line = bytes[start..line_end].to_vec();
        let rest = bytes[rest_start..].to_vec();
        let mut single = reader(line, self.delimiter, false);
        cells.clear();
        let _ = single.read_record(cells);
        self.offset += rest_start as u64;
        self.reader = reader(rest, self.delimiter, true);
        self.broken.push(BrokenRow {
            row,
            column,
            reason: "a quote opens in this cell and is never closed; the row is read up to the end of its line, and the rows after it on their own".to_owned(),
        });
    }
}

/// The cell (counted from 0) whose quote opens and never closes, reading `bytes` from the
/// start of a record as a CSV parser does; `None` when every quote closes.
fn open_quote_column(bytes: &[u8], delimiter: u8) -> Option<usize> {
    let (mut column, mut field_start, mut in_quotes, mut opened_in) = (0, true, false, 0);
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if in_quotes {
            if byte == b'"' {
                if bytes.get(index + 1) == Some(&b'"') {
                    index += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else if byte == b'"' && field_start {
            in_quotes = true;
            opened_in = column;
        } else if byte == delimiter {
            column += 1;
            field_start = true;
            index += 1;
            continue;
        } else if byte == b'\n' || byte == b'\r' {
            column = 0;
            field_start = true;
            index += 1;
            continue;
        }
        field_start = false;
        index += 1;
    }
    in_quotes.then_some(opened_in)
}

fn leading_line_breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|&&b| b == b'\n' || b == b'\r')
        .count()
}

fn line_break_length(bytes: &[u8]) -> usize {
    match bytes {
        [b'\r', b'\n', ..] => 2,
        [b'\n' | b'\r', ..] => 1,
        _ => 0,
    }
}

/// Counts the empty lines at `bytes[from..]`, where a record is about to start. A line break
/// is `\r\n`, `\n` or `\r`; a `\n` completing the previous row's `\r\n` is not a line.
fn empty_lines_before(bytes: &[u8], from: usize) -> u64 {
    let mut lines = 0u64;
    // Before the first row there is no line break to complete.
    let mut previous = if from > 0 { bytes[from - 1] } else { 0 };
    for &byte in &bytes[from.min(bytes.len())..] {
        match byte {
            b'\r' => lines += 1,
            b'\n' if previous != b'\r' => lines += 1,
            b'\n' => {}
            _ => break,
        }
        previous = byte;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &[u8]) -> (Vec<(u32, Vec<String>)>, DelimitedRows) {
        let mut source = DelimitedRows::new(text.to_vec());
        let mut cells = csv::StringRecord::new();
        let mut out = Vec::new();
        while let Some(number) = source.next_row(&mut cells).unwrap() {
            out.push((number, cells.iter().map(str::to_owned).collect()));
        }
        (out, source)
    }

    #[test]
    fn an_open_quote_costs_its_row_not_the_rows_after_it() {
        let (read, mut source) = rows(b"Funder,Amount\nDfT,\"5\nMoJ,10\nDfE,20\n");
        assert_eq!(
            read,
            [
                (1, vec!["Funder".to_owned(), "Amount".to_owned()]),
                (2, vec!["DfT".to_owned(), "\"5".to_owned()]),
                (3, vec!["MoJ".to_owned(), "10".to_owned()]),
                (4, vec!["DfE".to_owned(), "20".to_owned()]),
            ]
        );
        let broken = source.take_broken(2).expect("row 2 needs attention");
        assert_eq!(broken.column, 1);
        assert!(source.take_broken(3).is_none());
    }

    #[test]
    fn closed_quotes_and_stray_quotes_are_not_broken() {
        assert_eq!(open_quote_column(b"a,\"b\nc\",d\n", b','), None);
        assert_eq!(
            open_quote_column(b"12\" pipes,5\n", b','),
            None,
            "a quote mid-cell is literal"
        );
        assert_eq!(open_quote_column(b"a,\"he said \"\"hi\"\"\",c", b','), None);
        assert_eq!(open_quote_column(b"a;b;\"c\nd", b';'), Some(2));
        let (read, _) = rows(b"a,b\n1,\"two\nlines\"\n");
        assert_eq!(read[1], (2, vec!["1".to_owned(), "two\nlines".to_owned()]));
    }

    #[test]
    fn one_bad_byte_in_utf8_costs_one_character() {
        let (read, source) = rows(b"Funder,Amount\nD\xE9partement \xC3\xA9t\xC3\xA9,5\n");
        assert!(source.replaced_characters());
        assert_eq!(read[1].1[0], "D\u{FFFD}partement été");
    }
}
