//! What the workbook worker answers: the rows of a sheet, or why the file was refused. (A
//! reader that fails outright takes the worker down; the page says so in its own words.)

use grantpool::import::{read_workbook, WorkbookRows};
use serde::{Deserialize, Serialize};

/// The worker's answer, sent to the page as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WorkerAnswer {
    Rows(WorkbookRows),
    /// The file was read and refused, with the reason in words.
    Refused(String),
}

/// Reads a workbook as the worker does.
pub fn answer(name: &str, bytes: &[u8], sheet: Option<&str>) -> WorkerAnswer {
    match read_workbook(name, bytes, sheet) {
        Ok(rows) => WorkerAnswer::Rows(rows),
        Err(error) => WorkerAnswer::Refused(error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_trip_as_json() {
        let refused = answer("logo.png", b"\x89PNG\r\n\x1a\n\0\0", None);
        assert!(matches!(&refused, WorkerAnswer::Refused(why) if why.contains("a PNG image")));
        let json = serde_json::to_string(&refused).unwrap();
        assert_eq!(
            serde_json::from_str::<WorkerAnswer>(&json).unwrap(),
            refused
        );
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/andrew-lloyd-webber-foundation_2011-2021_a003W000001B7PzQAK.xlsx"
        ))
        .unwrap();
        let WorkerAnswer::Rows(rows) = answer("alw.xlsx", &bytes, None) else {
            panic!("the workbook is read");
        };
        assert!(!rows.sheets.is_empty() && rows.rows.len() > 100);
    }
}
