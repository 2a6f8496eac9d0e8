//! Delimited text read as its slices arrive (as the import worker reads a large file from disk)
//! gives exactly what the same text read whole gives: the same report, the same lines and the
//! same strings, for every CSV fixture and for text made to be awkward (multi-line cells,
//! empty lines, CRLF cut between slices, characters cut between slices, an unclosed quote),
//! however the text is cut.

use grantpool::import::{
    ImportContext, ImportError, ImportOptions, Importer, ReadFile, SliceCheck,
};
use grantpool::model::StringPool;

fn whole(name: &str, bytes: &[u8]) -> Result<(ReadFile, StringPool), ImportError> {
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

/// Reads `bytes` as the worker does: the header from the first `head` bytes, then the rest in
/// slices of `slice` bytes, stepping a few rows at a time until the reader is hungry. `None`
/// when the header is not in the head (the worker then reads the file whole).
fn streamed(
    name: &str,
    bytes: &[u8],
    head: usize,
    slice: usize,
) -> Option<Result<(ReadFile, StringPool), ImportError>> {
    let mut check = SliceCheck::default();
    for part in bytes.chunks(slice) {
        check.push(part);
    }
    assert!(check.streamable(), "{name} streams");
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
    let mut rest = text[head..].chunks(slice);
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

fn assert_same(name: &str, bytes: &[u8]) {
    let expected = whole(name, bytes);
    let mut whole_heads = 0;
    for head in [16, 200, 4096, usize::MAX] {
        for slice in [1, 2, 3, 7, 64, 1000, 1 << 20] {
            // Each slice may read a row again: a few thousand slices a file at most.
            if bytes.len() / slice > 3000 {
                whole_heads += 1;
                continue;
            }
            let Some(got) = streamed(name, bytes, head, slice) else {
                whole_heads += 1;
                continue;
            };
            match (&expected, &got) {
                (Ok((read, strings)), Ok((got_read, got_strings))) => {
                    assert_eq!(got_read, read, "{name}: head {head}, slices of {slice}");
                    assert_eq!(
                        got_strings.len(),
                        strings.len(),
                        "{name}: head {head}, slices of {slice}"
                    );
                }
                (Err(error), Err(got_error)) => assert_eq!(got_error, error, "{name}"),
                _ => panic!(
                    "{name}: head {head}, slices of {slice}: {:?} against {:?}",
                    got.as_ref().err(),
                    expected.as_ref().err()
                ),
            }
        }
    }
    assert!(whole_heads < 28, "{name}: read streamed at least once");
}

fn csv_fixtures(dir: &str, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            csv_fixtures(path.to_str().unwrap(), found);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("csv" | "tsv" | "txt")
        ) {
            found.push(path);
        }
    }
}

#[test]
fn every_streamable_csv_fixture_reads_the_same_streamed_as_whole() {
    let mut paths = Vec::new();
    csv_fixtures("tests/fixtures", &mut paths);
    let mut streamable = 0;
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        let mut check = SliceCheck::default();
        check.push(&bytes);
        if !check.streamable() {
            continue;
        }
        streamable += 1;
        assert_same(path.to_str().unwrap(), &bytes);
    }
    assert!(streamable >= 10, "{streamable} fixtures stream");
}

#[test]
fn awkward_text_reads_the_same_streamed_as_whole() {
    let mut text =
        String::from("Report of grants\r\n\r\nFunder,Programme,Recipient,Amount,Notes\r\n");
    for i in 0..120 {
        let notes = match i % 6 {
            0 => "\"two\r\nlines, with \"\"quotes\"\"\"".to_owned(),
            1 => "Département £ — ünïcödé 🎉".to_owned(),
            2 => String::new(),
            _ => format!("note {i}"),
        };
        text.push_str(&format!(
            "Funder {},Prog {},Recipient {i},{}.50,{notes}\r\n",
            i % 5,
            i % 9,
            i * 7
        ));
        if i % 17 == 0 {
            text.push_str("\r\n\n\r\n");
        }
        if i == 40 {
            text.push_str("DfT,Buses,Seaham,TBC,bad amount\n");
        }
    }
    assert_same("awkward.csv", text.as_bytes());
    // An unclosed quote late in the file costs its row, and the rows after it are read.
    let with_open_quote = format!("{text}MoJ,Youth,\"Durham,10,open\nDfE,Schools,Seaham,20,\n");
    assert_same("open-quote.csv", with_open_quote.as_bytes());
    // With a byte-order mark, and with LF line ends only and no final line end.
    let bom = format!("\u{FEFF}{}", text.replace("\r\n", "\n").trim_end());
    assert_same("bom.csv", bom.as_bytes());
}
