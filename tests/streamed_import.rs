//! Delimited text read as its slices arrive (as the import worker reads a large file from disk)
//! gives exactly what the same text read whole gives: the same report, the same lines and the
//! same strings, for every CSV fixture and for text made to be awkward (multi-line cells,
//! empty lines, CRLF cut between slices, characters cut between slices, an unclosed quote),
//! however the text is cut.

#[path = "support/streamed.rs"]
mod streamed;

use streamed::{difference, read_streamed, read_whole, streamable};

fn assert_same(name: &str, bytes: &[u8]) {
    let expected = read_whole(name, bytes);
    let mut whole_heads = 0;
    for head in [16, 200, 4096, usize::MAX] {
        for slice in [1, 2, 3, 7, 64, 1000, 1 << 20] {
            // Each slice may read a row again: a few thousand slices a file at most.
            if bytes.len() / slice > 3000 {
                whole_heads += 1;
                continue;
            }
            assert!(streamable(bytes, slice), "{name} streams");
            let Some(got) = read_streamed(name, bytes, head, slice) else {
                whole_heads += 1;
                continue;
            };
            if let Some(difference) = difference(&expected, &got) {
                panic!("{name}: head {head}, slices of {slice}: {difference}");
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
    let mut streamed_files = 0;
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        if !streamable(&bytes, bytes.len()) {
            continue;
        }
        streamed_files += 1;
        assert_same(path.to_str().unwrap(), &bytes);
    }
    assert!(streamed_files >= 10, "{streamed_files} fixtures stream");
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
