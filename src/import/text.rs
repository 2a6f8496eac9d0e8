//! Turning a file's bytes into text, and finding its delimiter.

use std::borrow::Cow;

/// A file's text and the encoding it was read as.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The encoding's WHATWG name, e.g. "UTF-8" or "windows-1252".
    pub encoding: &'static str,
    /// True when some bytes could not be read in that encoding and show as U+FFFD (�).
    pub replaced: bool,
}

/// What a character that could not be read shows as.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Decodes UTF-8 (with or without a byte-order mark) and UTF-16 LE/BE with a byte-order mark.
/// Text that is not valid UTF-8 is read as Windows-1252, Excel's default "CSV" encoding in the
/// UK, so a `£` survives, unless it also holds valid multi-byte UTF-8: then it is UTF-8 with a
/// few bad bytes, each of which shows as U+FFFD and is noted on its row, so one bad byte costs
/// one cell, not the reading of the whole file.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, replaced) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return Decoded {
            text,
            encoding: encoding.name(),
            replaced,
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: Cow::Borrowed(text),
            encoding: encoding_rs::UTF_8.name(),
            replaced: false,
        };
    }
    let utf8_with_bad_bytes = bytes
        .utf8_chunks()
        .any(|chunk| chunk.valid().bytes().any(|b| b >= 0x80));
    let encoding = if utf8_with_bad_bytes {
        encoding_rs::UTF_8
    } else {
        encoding_rs::WINDOWS_1252
    };
    let (text, replaced) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text,
        encoding: encoding.name(),
        replaced,
    }
}

/// Picks the delimiter (comma, semicolon, tab or pipe) that splits the first lines most
/// consistently: the one whose count outside quotes, in the header line, is matched by the most
/// of the next lines (then the one with the larger count). No delimiter at all means comma.
pub fn sniff_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
    const LINES: usize = 20;
    let mut per_line: Vec<[usize; 4]> = vec![[0; 4]];
    let mut in_quotes = false;
    let mut previous = 0u8;
    for byte in text.bytes() {
        match byte {
            b'"' => in_quotes = !in_quotes,
            b'\n' if previous == b'\r' => {}
            b'\n' | b'\r' if !in_quotes => {
                if per_line.len() == LINES {
                    break;
                }
                per_line.push([0; 4]);
            }
            _ if !in_quotes => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == byte) {
                    per_line.last_mut().expect("one line at least")[i] += 1;
                }
            }
            _ => {}
        }
        previous = byte;
    }
    let header = per_line[0];
    let body: Vec<&[usize; 4]> = per_line[1..]
        .iter()
        .filter(|counts| counts.iter().any(|&n| n > 0))
        .collect();
    (0..CANDIDATES.len())
        .filter(|&i| header[i] > 0)
        .max_by_key(|&i| {
            let agreeing = body.iter().filter(|counts| counts[i] == header[i]).count();
            (agreeing, header[i], std::cmp::Reverse(i))
        })
        .map_or(b',', |i| CANDIDATES[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_common_encodings() {
        assert_eq!(decode("£5".as_bytes()).text, "£5");
        assert_eq!(decode(b"\xEF\xBB\xBFAmount").text, "Amount");
        let windows_1252 = decode(b"\xA35,000");
        assert_eq!(windows_1252.text, "£5,000");
        assert_eq!(windows_1252.encoding, "windows-1252");
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("£1".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16le).text, "£1");
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("£1".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&utf16be).text, "£1");
    }

    #[test]
    fn sniffs_delimiters_outside_quotes() {
        assert_eq!(sniff_delimiter("a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(sniff_delimiter("a;b;\"c,d,e\"\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("a|b"), b'|');
        assert_eq!(sniff_delimiter("amount"), b',');
        assert_eq!(
            sniff_delimiter("Department;Amount (£,000s)\r\nBIS;2915000\r\nDfE;1,5\r\n"),
            b';'
        );
        assert_eq!(sniff_delimiter("a,b\n\"x\ny;z\",2\n"), b',');
    }
}
