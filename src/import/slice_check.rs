//! What a file read a slice at a time shows of itself, to tell whether its rows can be read as
//! its slices arrive, without ever holding it whole: delimited UTF-8 text whose lines end in LF
//! or CRLF. Anything else (a workbook, 360Giving JSON, Windows-1252 or UTF-16 text, text whose
//! only line ends are CR, a file of nothing but spaces) is read whole, as before.

use super::kind::not_a_spreadsheet;
use super::FileKind;

/// How much of the file's start is kept to tell what it is.
const HEAD_BYTES: usize = 64 * 1024;

/// Facts about a file gathered slice by slice ([`SliceCheck::push`]).
#[derive(Debug, Clone)]
pub struct SliceCheck {
    head: Vec<u8>,
    /// The start of a character cut at the last slice's end.
    cut: Vec<u8>,
    utf8: bool,
    line_feed: bool,
    carriage_return: bool,
    printable: bool,
}

impl Default for SliceCheck {
    fn default() -> SliceCheck {
        SliceCheck {
            head: Vec::new(),
            cut: Vec::new(),
            utf8: true,
            line_feed: false,
            carriage_return: false,
            printable: false,
        }
    }
}

impl SliceCheck {
    /// Takes the next slice of the file.
    pub fn push(&mut self, slice: &[u8]) {
        if self.head.len() < HEAD_BYTES {
            let wanted = (HEAD_BYTES - self.head.len()).min(slice.len());
            self.head.extend_from_slice(&slice[..wanted]);
        }
        self.line_feed |= slice.contains(&b'\n');
        self.carriage_return |= slice.contains(&b'\r');
        self.printable |= slice.iter().any(|b| !b.is_ascii_whitespace());
        self.check_utf8(slice);
    }

    fn check_utf8(&mut self, mut slice: &[u8]) {
        // Finish a character the last slice cut, a byte at a time (it has at most four).
        while self.utf8 && !self.cut.is_empty() {
            let Some((&byte, rest)) = slice.split_first() else {
                return;
            };
            self.cut.push(byte);
            slice = rest;
            match std::str::from_utf8(&self.cut) {
                Ok(_) => self.cut.clear(),
                Err(error) if error.error_len().is_some() || self.cut.len() >= 4 => {
                    self.utf8 = false;
                }
                Err(_) => {}
            }
        }
        if !self.utf8 {
            return;
        }
        if let Err(error) = std::str::from_utf8(slice) {
            match error.error_len() {
                Some(_) => self.utf8 = false,
                None => self.cut = slice[error.valid_up_to()..].to_vec(),
            }
        }
    }

    /// Whether a file starting with `head` may be read as its slices arrive (the rest of the
    /// file may still show it cannot: see [`SliceCheck::streamable`]). When not, its slices
    /// must be kept.
    pub fn may_stream(head: &[u8]) -> bool {
        let bom = encoding_rs::Encoding::for_bom(head);
        FileKind::detect(head) == FileKind::Delimited
            && not_a_spreadsheet(head).is_none()
            && bom.is_none_or(|(encoding, _)| encoding == encoding_rs::UTF_8)
    }

    /// Whether the whole file, every slice of it taken, can be read as its slices arrive.
    pub fn streamable(&self) -> bool {
        SliceCheck::may_stream(&self.head)
            && self.utf8
            && self.cut.is_empty()
            && (self.line_feed || !self.carriage_return)
            && self.printable
    }

    /// How many bytes at the file's start are a byte-order mark, left out of its text.
    pub fn bom_length(&self) -> usize {
        encoding_rs::Encoding::for_bom(&self.head).map_or(0, |(_, length)| length)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(text: &[u8], slice: usize) -> SliceCheck {
        let mut check = SliceCheck::default();
        for part in text.chunks(slice) {
            check.push(part);
        }
        check
    }

    #[test]
    fn utf8_text_cut_anywhere_streams_and_other_text_is_read_whole() {
        let text = "Funder,Amount\r\nDépartement £,5\n".as_bytes();
        for slice in 1..=text.len() {
            assert!(checked(text, slice).streamable(), "slices of {slice}");
        }
        let with_bom = [&b"\xEF\xBB\xBF"[..], text].concat();
        assert_eq!(checked(&with_bom, 2).bom_length(), 3);
        assert!(checked(&with_bom, 2).streamable());
        // Windows-1252 £, a character cut off at the end, CR-only line ends, UTF-16, blanks,
        // a workbook and JSON are read whole.
        for whole in [
            &b"Funder,Amount\nD\xA3,5\n"[..],
            b"Funder,Amount\nD,5\xC3",
            b"Funder,Amount\rDfT,5\r",
            b"\xFF\xFEF\0,\0",
            b"  \n\t\n",
            b"PK\x03\x04rest",
            b"{\"grants\": []}",
        ] {
            assert!(!checked(whole, 3).streamable(), "{whole:?}");
        }
        assert!(SliceCheck::may_stream(b"Funder,Amount\nD\xA3"));
        assert!(!SliceCheck::may_stream(b"%PDF-1.4"));
    }
}
