//! What a file is, from its bytes: a delimited text file, a workbook or a 360Giving JSON
//! package, or something else that grantpool refuses at once, naming what it looks like.

use super::source::FileKind;

impl FileKind {
    /// Detects the kind from the file's bytes. A text file starting with `[` is JSON only when
    /// an array of objects follows (`[{…`), so a CSV whose first cell is "[Draft] …" stays a
    /// CSV; UTF-16 text is looked at after its byte-order mark.
    pub fn detect(bytes: &[u8]) -> FileKind {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return FileKind::Workbook;
        }
        let text = leading_text(bytes);
        let mut chars = text.chars().filter(|c| !c.is_whitespace());
        match chars.next() {
            Some('{') => FileKind::GivingJson,
            Some('[') if matches!(chars.next(), Some('{') | Some(']')) => FileKind::GivingJson,
            _ => FileKind::Delimited,
        }
    }
}

/// The first kilobyte or so of a file as text, whatever its encoding.
fn leading_text(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(1024)];
    super::text::decode(head).text.into_owned()
}

/// What a file that is not a spreadsheet looks like, if it is not one: `None` for anything
/// grantpool may be able to read.
pub fn not_a_spreadsheet(bytes: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    let kind = if starts(b"\x89PNG") {
        "a PNG image"
    } else if starts(b"GIF8") {
        "a GIF image"
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        "a JPEG image"
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        "a WebP image"
    } else if starts(b"%PDF") {
        "a PDF document"
    } else if starts(&[0x1F, 0x8B]) {
        "a compressed (gzip) file"
    } else if starts(b"7z\xBC\xAF\x27\x1C") || starts(b"Rar!") {
        "a compressed archive"
    } else if starts(b"\x7FELF") || (starts(b"MZ") && bytes.iter().take(512).any(|&b| b == 0)) {
        "a program"
    } else if starts(b"PK\x03\x04") {
        return zip_kind(bytes);
    } else if starts(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return None;
    } else if looks_binary(bytes) {
        "binary data, not text"
    } else {
        return None;
    };
    Some(kind)
}

/// A zip archive is read only when it is a workbook (XLSX/XLSM or ODS).
fn zip_kind(bytes: &[u8]) -> Option<&'static str> {
    let has = |name: &[u8]| bytes.windows(name.len()).any(|w| w == name);
    if has(b"word/") {
        Some("a Word document")
    } else if has(b"ppt/") {
        Some("a PowerPoint presentation")
    } else if has(b"opendocument.text") || has(b"opendocument.presentation") {
        Some("an OpenDocument text or presentation, not a spreadsheet")
    } else if has(b"xl/") || has(b"[Content_Types].xml") || has(b"opendocument.spreadsheet") {
        // A workbook, or what is left of one: the workbook reader says what is wrong.
        None
    } else {
        Some("a zip archive that is not a workbook")
    }
}

/// Text has few control bytes; images, archives and noise have many. UTF-16 text (with its
/// byte-order mark) is text.
fn looks_binary(bytes: &[u8]) -> bool {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    control * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_kinds_from_bytes() {
        assert_eq!(FileKind::detect(b"PK\x03\x04rest"), FileKind::Workbook);
        assert_eq!(
            FileKind::detect(b"\xEF\xBB\xBF  {\"grants\": []}"),
            FileKind::GivingJson
        );
        assert_eq!(FileKind::detect(b"Identifier,Amount"), FileKind::Delimited);
        assert_eq!(FileKind::detect(b"[ {\"id\": 1} ]"), FileKind::GivingJson);
        assert_eq!(
            FileKind::detect(b"[Draft] Funder,Amount\nDfT,5\n"),
            FileKind::Delimited,
            "a CSV whose first cell starts with ["
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("{\"grants\": []}".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            FileKind::detect(&utf16),
            FileKind::GivingJson,
            "UTF-16 JSON"
        );
    }

    #[test]
    fn files_that_are_not_spreadsheets_are_named() {
        assert_eq!(
            not_a_spreadsheet(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some("a PNG image")
        );
        assert_eq!(not_a_spreadsheet(b"%PDF-1.7\n"), Some("a PDF document"));
        assert_eq!(
            not_a_spreadsheet(b"PK\x03\x04....word/document.xml"),
            Some("a Word document")
        );
        assert_eq!(
            not_a_spreadsheet(b"PK\x03\x04....notes.txt"),
            Some("a zip archive that is not a workbook")
        );
        assert_eq!(not_a_spreadsheet(b"PK\x03\x04..xl/workbook.xml"), None);
        assert_eq!(not_a_spreadsheet(b"PK\x03\x04..[Content_Types].xml"), None);
        let noise: Vec<u8> = (0..2048u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        assert_eq!(not_a_spreadsheet(&noise), Some("binary data, not text"));
        assert_eq!(not_a_spreadsheet(b"Funder,Amount\nDfT,5\n"), None);
        assert_eq!(not_a_spreadsheet("Funder\tAmount\n£\t5\n".as_bytes()), None);
        assert_eq!(
            not_a_spreadsheet(b"MZ Trust,Amount\nx,1\n"),
            None,
            "text that starts like a program is still text"
        );
    }
}
