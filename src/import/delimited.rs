//! Rows of delimited text (CSV, TSV, semicolon or pipe), numbered as a spreadsheet shows them,
//! with the two ways a text file goes wrong made to cost one row, not the file: a quote that
//! is opened and never closed (which would swallow every row after it into one cell), and
//! bytes that are not valid in the file's encoding.

use super::text;
use super::window::{Window, WindowRead};

type Reader = csv::Reader<WindowRead>;

/// A row that the reader had to read specially, and why: it needs attention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenRow {
    pub row: u32,
    /// The cell the problem starts in.
    pub column: usize,
    pub reason: String,
}

/// A stream of rows from delimited text, held whole or arriving in slices.
pub struct DelimitedRows {
    reader: Reader,
    delimiter: u8,
    /// A record read but not yet given out, because blank rows come first.
    record: csv::StringRecord,
    stashed: bool,
    /// Empty lines (which the csv reader passes over) still to be given out as blank rows.
    blank_lines: u64,
    next_number: u32,
    /// The text's length, and the offset in it the reader started from, for positions.
    length: u64,
    offset: u64,
    /// Some bytes were not valid in the encoding and show as U+FFFD.
    replaced: bool,
    broken: Vec<BrokenRow>,
    /// A row read from too little text is read again only once the text holds this much (its
    /// end offset): twice what it held after the row's start (and at least one byte more), so a
    /// row that runs on for megabytes (a quote never closed) is read again a few times, not
    /// once a slice. Until then the rows are hungry.
    retry_at: u64,
    /// How many times a row was read from too little text (for the tests).
    starved_reads: u32,
}

fn reader(text: WindowRead, delimiter: u8, quoting: bool) -> Reader {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(quoting)
        .from_reader(text)
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
        DelimitedRows::over(
            owned.len() as u64,
            Window::whole(owned),
            delimiter,
            replaced,
        )
    }

    /// Rows of UTF-8 text (without a byte-order mark) of `length` bytes that will arrive in
    /// slices, `head` (its first slice, from which the delimiter is told) the first of them;
    /// give it the rest with [`DelimitedRows::push`] and then [`DelimitedRows::end`]. Text whose
    /// only line ends are CR, or that is not UTF-8, is read whole ([`DelimitedRows::new`]).
    pub fn streamed(length: u64, head: &[u8]) -> DelimitedRows {
        let valid = match std::str::from_utf8(head) {
            Ok(text) => text,
            // A character cut at the slice's end.
            Err(error) => std::str::from_utf8(&head[..error.valid_up_to()]).unwrap_or_default(),
        };
        let delimiter = text::sniff_delimiter(valid);
        let mut window = Window::streamed();
        window.push(head);
        DelimitedRows::over(length, window, delimiter, false)
    }

    fn over(length: u64, window: Window, delimiter: u8, replaced: bool) -> DelimitedRows {
        let text = WindowRead {
            window,
            ..WindowRead::default()
        };
        DelimitedRows {
            length,
            reader: reader(text, delimiter, true),
            delimiter,
            record: csv::StringRecord::new(),
            stashed: false,
            blank_lines: 0,
            next_number: 1,
            offset: 0,
            replaced,
            broken: Vec::new(),
            retry_at: 0,
            starved_reads: 0,
        }
    }

    /// Adds the next slice of streamed text.
    pub fn push(&mut self, slice: &[u8]) {
        self.reader.get_mut().window.push(slice);
    }

    /// Says every slice of streamed text has arrived.
    pub fn end(&mut self) {
        self.reader.get_mut().window.end();
    }

    /// The last row asked for needs text that has not arrived yet: push more, then ask again.
    pub fn hungry(&self) -> bool {
        let window = &self.reader.get_ref().window;
        !window.complete() && window.end_offset() < self.retry_at
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

    /// Where the reader is in the text, as an offset from its start.
    fn position(&self) -> u64 {
        self.offset + self.reader.position().byte()
    }

    /// How far through the text the stream is, from 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.length == 0 {
            1.0
        } else {
            (self.position() as f64 / self.length as f64).min(1.0)
        }
    }

    /// Starts a new reader at the offset `at` of the text (with quoting or without).
    fn read_from(&mut self, at: u64, quoting: bool) {
        let mut text = std::mem::replace(
            &mut self.reader,
            reader(WindowRead::default(), self.delimiter, quoting),
        )
        .into_inner();
        text.at = at;
        text.starved = false;
        self.offset = at;
        self.reader = reader(text, self.delimiter, quoting);
    }

    /// Reads the next row into `cells` and returns its number, or `None` at the end, or when
    /// the row needs text that has not arrived yet ([`DelimitedRows::hungry`]).
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
        if self.hungry() {
            return Ok(None);
        }
        let record_start = self.position();
        // Keep the byte before the record: a line break there decides what a \n after it is.
        self.reader
            .get_mut()
            .window
            .release_before(record_start.saturating_sub(1));
        let read = self.reader.read_record(cells);
        if self.reader.get_ref().starved {
            // The record (or the end of the text) was read from too little of it: read it again
            // when more has arrived.
            let end = self.reader.get_ref().window.end_offset();
            self.retry_at = end + (end - record_start).max(1);
            self.starved_reads += 1;
            self.read_from(record_start, true);
            return Ok(None);
        }
        if !read? {
            return Ok(None);
        }
        // The csv reader passes over empty lines. They sit, with what is left of the previous
        // row's line break, at the start of the text it just read.
        let from = self.offset + cells.position().map_or(0, |p| p.byte());
        let window = &self.reader.get_ref().window;
        let skipped = empty_lines_before(window.byte_before(from), window.from(from));
        let row = number.saturating_add(u32::try_from(skipped).unwrap_or(u32::MAX));
        if window.complete() && self.position() >= window.end_offset() {
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
    fn recover_open_quote(&mut self, from: u64, row: u32, cells: &mut csv::StringRecord) {
        let window = &self.reader.get_ref().window;
        let start = from + leading_line_breaks(window.from(from)) as u64;
        let text = window.from(start);
        let Some(column) = open_quote_column(text, self.delimiter) else {
            return;
        };
        let line_length = text
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .unwrap_or(text.len());
        let rest_start = start + (line_length + line_break_length(&text[line_length..])) as u64;
        let line = Window::whole(text[..line_length].to_vec());
        let mut single = reader(
            WindowRead {
                window: line,
                ..WindowRead::default()
            },
            self.delimiter,
            false,
        );
        cells.clear();
        let _ = single.read_record(cells);
        self.read_from(rest_start, true);
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

/// Counts the empty lines at the start of `text`, where a record is about to start, `previous`
/// being the byte before it (0 at the start of the file). A line break is `\r\n`, `\n` or
/// `\r`; a `\n` completing the previous row's `\r\n` is not a line.
fn empty_lines_before(mut previous: u8, text: &[u8]) -> u64 {
    let mut lines = 0u64;
    for &byte in text {
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
    fn a_row_that_runs_on_in_streamed_text_is_read_again_a_few_times_not_once_a_slice() {
        // A quote opened on row 2 and never closed: the row runs on to the end of 2 MB of text,
        // which arrives a kilobyte at a time.
        let mut text = b"Funder,Amount\nDfT,\"5\n".to_vec();
        while text.len() < 2 << 20 {
            text.extend_from_slice(b"MoJ,10\n");
        }
        let mut source = DelimitedRows::streamed(text.len() as u64, &text[..1024]);
        let mut rest = text[1024..].chunks(1024);
        let mut cells = csv::StringRecord::new();
        let mut rows = 0;
        loop {
            match source.next_row(&mut cells).unwrap() {
                Some(_) => rows += 1,
                None if source.hungry() => match rest.next() {
                    Some(slice) => source.push(slice),
                    None => source.end(),
                },
                None => break,
            }
        }
        assert_eq!(rows, 2 + (text.len() - 21) / 7);
        assert!(source.take_broken(2).is_some());
        assert!(source.starved_reads < 40, "{} reads", source.starved_reads);
    }

    #[test]
    fn one_bad_byte_in_utf8_costs_one_character() {
        let (read, source) = rows(b"Funder,Amount\nD\xE9partement \xC3\xA9t\xC3\xA9,5\n");
        assert!(source.replaced_characters());
        assert_eq!(read[1].1[0], "D\u{FFFD}partement été");
    }
}
