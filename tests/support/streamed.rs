//! Reading delimited text as the import worker does, its header from a first slice and the
//! rest arriving a slice at a time, beside reading it whole: shared by tests/streamed_import.rs
//! and the csv fuzz target (tests/support/fuzz_targets.rs).

use grantpool::import::{
    ImportContext, ImportError, ImportOptions, Importer, ReadFile, SliceCheck,
};
use grantpool::model::StringPool;

/// What a file read comes to: its lines and report, and the strings they name.
pub type Read = Result<(ReadFile, StringPool), ImportError>;

/// `bytes` read whole, as the page reads a file it holds.
pub fn read_whole(name: &str, bytes: &[u8]) -> Read {
    let mut strings = StringPool::default();
    let mut importer = Importer::start_in(
        ImportContext::default(),
        name,
        bytes.to_vec(),
        ImportOptions::default(),
    )?;
    while !importer.step(&mut strings, 1000)? {}
    Ok((importer.into_read(), strings))
}

/// Whether `bytes`, checked a slice at a time, can be read as its slices arrive.
pub fn streamable(bytes: &[u8], slice: usize) -> bool {
    let mut check = SliceCheck::default();
    for part in bytes.chunks(slice.max(1)) {
        check.push(part);
    }
    check.streamable()
}

/// `bytes` (which must be [`streamable`]) read as the worker does: the header from the first
/// `head` bytes, then the rest in slices of `slice` bytes, a few rows a step until the reader
/// is hungry. `None` when the header is not in the head (the worker then reads it whole).
pub fn read_streamed(name: &str, bytes: &[u8], head: usize, slice: usize) -> Option<Read> {
    let mut check = SliceCheck::default();
    check.push(bytes);
    let text = &bytes[check.bom_length()..];
    let head = head.min(text.len());
    let mut strings = StringPool::default();
    let mut importer = match Importer::start_streamed(
        ImportContext::default(),
        name,
        text.len() as u64,
        &text[..head],
        ImportOptions::default(),
    ) {
        Ok(importer) => importer,
        Err(ImportError::NeedsWholeText { .. }) => return None,
        Err(error) => return Some(Err(error)),
    };
    let mut rest = text[head..].chunks(slice.max(1));
    loop {
        match importer.step(&mut strings, 3) {
            Err(error) => return Some(Err(error)),
            Ok(true) => break,
            Ok(false) if importer.hungry() => match rest.next() {
                Some(part) => importer.push(part),
                None => importer.end(),
            },
            Ok(false) => {}
        }
    }
    Some(Ok((importer.into_read(), strings)))
}

/// Why `got` (read streamed) differs from `expected` (read whole), if it does.
pub fn difference(expected: &Read, got: &Read) -> Option<String> {
    match (expected, got) {
        (Ok((read, strings)), Ok((got_read, got_strings))) => {
            if got_read != read {
                Some("the lines or the report differ".to_owned())
            } else if got_strings.len() != strings.len() {
                Some(format!(
                    "{} strings against {}",
                    got_strings.len(),
                    strings.len()
                ))
            } else {
                None
            }
        }
        (Err(error), Err(got_error)) if error == got_error => None,
        _ => Some(format!(
            "{:?} against {:?}",
            got.as_ref().err(),
            expected.as_ref().err()
        )),
    }
}
