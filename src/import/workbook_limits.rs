//! Workbooks are checked before the workbook reader (calamine) sees them, because it trusts
//! what a file declares: a shared-strings table declaring 400 million strings reserves them all, an
//! ODS row of repeated cells repeated again expands to billions, a truncated ODS can keep it
//! reading for ever, and a zip bomb inflates a few hundred kilobytes into gigabytes. Each
//! limit is set from the largest real workbook grantpool reads (the 2017-18 revenue outturn
//! workbook: 7.6 MB unzipped, 137k cells, at most ~95k cells in one sheet's used range) times
//! a hundred or more, so no real file comes near them.

use std::io::{Cursor, Read};

use super::ImportError;

/// How much a workbook may hold before grantpool refuses to open it.
#[derive(Debug, Clone, Copy)]
pub struct WorkbookLimits {
    /// Bytes of every part of the zip, unzipped, as the archive declares them (the zip reader
    /// refuses to inflate a part past its declared size).
    pub unzipped_bytes: u64,
    /// Cells in one sheet's used range (rows × columns from its first to its last cell: an XLSX
    /// sheet is read cell by cell and checked as it is read, in `source.rs`), or cells an ODS
    /// sheet's repeats expand to.
    pub sheet_cells: u64,
    /// Strings a shared-strings table may declare.
    pub shared_strings: u64,
}

/// The limits every import uses.
pub const LIMITS: WorkbookLimits = WorkbookLimits {
    unzipped_bytes: 800_000_000,
    sheet_cells: 10_000_000,
    shared_strings: 10_000_000,
};

/// Checks a zip workbook (XLSX/XLSM/XLSB/ODS) against `limits` before it is opened. Archives
/// that cannot be read as zips are left to the workbook reader, which says what is wrong.
pub fn check(bytes: &[u8], file: &str, limits: &WorkbookLimits) -> Result<(), ImportError> {
    let refuse = |reason: String| {
        Err(ImportError::TooLargeWorkbook {
            file: file.to_owned(),
            reason,
        })
    };
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut unzipped = 0u64;
    let mut parts = Vec::new();
    for index in 0..archive.len() {
        let Ok(part) = archive.by_index_raw(index) else {
            return Ok(());
        };
        unzipped = unzipped.saturating_add(part.size());
        parts.push((
            index,
            part.name().map(|n| n.into_owned()).unwrap_or_default(),
        ));
    }
    if unzipped > limits.unzipped_bytes {
        return refuse(format!(
            "it unzips to {} MB, and grantpool opens workbooks of up to {} MB",
            unzipped / 1_000_000,
            limits.unzipped_bytes / 1_000_000
        ));
    }
    for (index, name) in parts {
        let strings = name == "xl/sharedStrings.xml";
        let ods = name == "content.xml";
        if !(strings || ods) {
            continue;
        }
        let mut xml = Vec::new();
        let read = archive
            .by_index(index)
            .map(|mut part| part.read_to_end(&mut xml));
        if !matches!(read, Ok(Ok(_))) {
            // A damaged part: the workbook reader reports it.
            return Ok(());
        }
        let problem = if strings {
            shared_strings_problem(&xml, limits)
        } else {
            ods_problem(&xml, limits)
        };
        if let Some(reason) = problem {
            return refuse(reason);
        }
    }
    Ok(())
}

/// A shared-strings table may not declare more strings than the limit, nor more than its own
/// bytes could hold (each string takes at least `<si><t/></si>`).
fn shared_strings_problem(xml: &[u8], limits: &WorkbookLimits) -> Option<String> {
    let declared = attribute_number(&xml[..xml.len().min(4096)], b"uniqueCount=\"")?;
    let could_hold = xml.len() as u64 / 8 + 16;
    (declared > limits.shared_strings || declared > could_hold).then(|| {
        format!(
            "its shared-strings table declares {} strings but holds at most {}",
            crate::format::count(declared),
            crate::format::count(could_hold.min(limits.shared_strings))
        )
    })
}

/// An ODS body must end properly, and its rows of repeated cells, repeated, may not expand
/// past the limit. Trailing empty cells and rows, which spreadsheet programs write by the
/// million and the reader does not expand, do not count.
fn ods_problem(xml: &[u8], limits: &WorkbookLimits) -> Option<String> {
    let end = xml.trim_ascii_end();
    if !end.ends_with(b"</office:document-content>") {
        return Some(
            "it is cut short (its content does not end), so it cannot be read safely".to_owned(),
        );
    }
    let mut expanded = 0u64;
    let mut row_repeats = 1u64;
    let mut row_cells = 0u64;
    let mut at = 0;
    while let Some(found) = find(&xml[at..], b"<table:table-") {
        let tag_start = at + found;
        let tag_end = find(&xml[tag_start..], b">").map_or(xml.len(), |end| tag_start + end);
        let tag = &xml[tag_start..tag_end];
        if tag.starts_with(b"<table:table-row") {
            expanded = expanded.saturating_add(row_repeats.saturating_mul(row_cells));
            row_repeats = attribute_number(tag, b"table:number-rows-repeated=\"").unwrap_or(1);
            row_cells = 0;
        } else if tag.starts_with(b"<table:table-cell")
            && find(tag, b"office:value-type=").is_some()
        {
            let repeats = attribute_number(tag, b"table:number-columns-repeated=\"").unwrap_or(1);
            row_cells = row_cells.saturating_add(repeats);
        }
        if expanded > limits.sheet_cells {
            break;
        }
        at = tag_end;
    }
    expanded = expanded.saturating_add(row_repeats.saturating_mul(row_cells));
    (expanded > limits.sheet_cells).then(|| {
        format!(
            "its repeated cells expand to {} cells or more, and grantpool opens sheets of up to {}",
            crate::format::count(expanded),
            crate::format::count(limits.sheet_cells)
        )
    })
}

/// The number in `name"123"` within `text`.
fn attribute_number(text: &[u8], name: &[u8]) -> Option<u64> {
    let start = find(text, name)? + name.len();
    let digits: Vec<u8> = text[start..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .copied()
        .collect();
    if digits.is_empty() {
        return None;
    }
    // Digits past u64 are a number past any limit.
    Some(
        std::str::from_utf8(&digits)
            .ok()?
            .parse::<u64>()
            .unwrap_or(u64::MAX),
    )
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_string_tables_and_ods_repeats_are_bounded() {
        let sst = br#"<?xml version="1.0"?><sst count="1" uniqueCount="400000000"><si><t>a</t></si></sst>"#;
        assert!(shared_strings_problem(sst, &LIMITS).is_some());
        let fine = br#"<sst count="1" uniqueCount="1"><si><t>a</t></si></sst>"#;
        assert_eq!(shared_strings_problem(fine, &LIMITS), None);
        let huge = br#"<sst uniqueCount="99999999999999999999999">"#;
        assert!(
            shared_strings_problem(huge, &LIMITS).is_some(),
            "a number past u64"
        );

        let ods = |body: &str| format!("<office:document-content>{body}</office:document-content>");
        let bomb = ods(
            r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#,
        );
        assert!(ods_problem(bomb.as_bytes(), &LIMITS)
            .unwrap()
            .contains("repeated cells expand"));
        let trailing = ods(
            r#"<table:table-row><table:table-cell office:value-type="string"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
        );
        assert_eq!(
            ods_problem(trailing.as_bytes(), &LIMITS),
            None,
            "empty repeats are not expanded"
        );
        assert!(
            ods_problem(b"<office:document-content><table:table-row>", &LIMITS)
                .unwrap()
                .contains("cut short")
        );
    }
}
