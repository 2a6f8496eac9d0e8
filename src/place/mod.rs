//! Everything loaded into one place: its funding lines and, for each file, what happened to
//! every row.

mod assign;
mod check;
mod command;
mod remove;

pub use check::MAX_COLUMNS;
pub use command::{apply, PlaceChange, PlaceCommand};
pub use remove::RemovedFile;

use serde::{Deserialize, Serialize};

use crate::import::{fix_row, leave_out_row, take_back_row, FixError, ImportReport};
use crate::model::{Dataset, Pence};

/// Where a place's data came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// Nothing loaded yet.
    #[default]
    Empty,
    /// A built-in sample, by id.
    Sample(String),
    /// Files the user loaded.
    Uploads,
}

/// One loaded file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadedFile {
    pub report: ImportReport,
    /// Identifies the file's contents, to spot the same file loaded twice.
    pub fingerprint: u64,
    pub bytes: u64,
}

/// A place: funding lines from one or more files.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Place {
    pub origin: Origin,
    pub dataset: Dataset,
    /// In the order loaded; `files[i]` is `dataset.sources[i]`.
    pub files: Vec<LoadedFile>,
}

/// Row counts and money across every file of a place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlaceSummary {
    pub files: usize,
    pub data_rows: u64,
    pub lines: u64,
    pub needs_attention: u64,
    pub left_out: u64,
    pub skipped: u64,
    pub total: Pence,
}

impl PlaceSummary {
    /// Every data row of every file is accounted for once, and the money adds up.
    pub fn reconciles(&self, dataset: &Dataset) -> bool {
        self.lines + self.needs_attention + self.left_out + self.skipped == self.data_rows
            && self.total == dataset.total()
            && self.lines == dataset.lines.len() as u64
    }
}

/// Identifies a file's contents (xxHash3, 64 bits).
pub fn fingerprint(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// A file's [`fingerprint`], taken a slice at a time as the file is read.
#[derive(Clone, Default)]
pub struct FingerprintStream(xxhash_rust::xxh3::Xxh3);

impl FingerprintStream {
    /// Takes the next slice of the file.
    pub fn update(&mut self, slice: &[u8]) {
        self.0.update(slice);
    }

    /// The fingerprint of every slice taken, in order.
    pub fn finish(&self) -> u64 {
        self.0.digest()
    }
}

impl Place {
    /// The file already loaded with these exact contents, if any.
    pub fn already_loaded(&self, fingerprint: u64) -> Option<&LoadedFile> {
        self.files
            .iter()
            .find(|file| file.fingerprint == fingerprint)
    }

    /// Records a file whose lines the importer has just added to `self.dataset`.
    /// Its funder and programme names are settled ([`crate::names::settle`]) and the names
    /// shown differently are listed in its report.
    pub fn add_file(&mut self, mut report: ImportReport, fingerprint: u64, bytes: u64) {
        debug_assert_eq!(self.dataset.sources.len(), self.files.len() + 1);
        let lines = self.dataset.lines.len();
        let first = lines.saturating_sub(report.lines_imported as usize);
        report.renamed = crate::names::settle(&mut self.dataset, first..lines).0;
        self.files.push(LoadedFile {
            report,
            fingerprint,
            bytes,
        });
    }

    /// Totals across files.
    pub fn summary(&self) -> PlaceSummary {
        let mut summary = PlaceSummary {
            files: self.files.len(),
            ..PlaceSummary::default()
        };
        for file in &self.files {
            let report = &file.report;
            summary.data_rows += u64::from(report.data_rows);
            summary.lines += u64::from(report.lines_imported);
            summary.needs_attention += report.needs_attention.len() as u64;
            summary.left_out += report.left_out.len() as u64;
            summary.skipped += report.skipped.len() as u64;
            summary.total += report.total;
        }
        summary
    }

    /// Fixes the problem cell of row `issue` (an index into that file's rows needing attention).
    pub fn fix_row(&mut self, file: usize, issue: usize, value: &str) -> Result<(), FixError> {
        let loaded = self.files.get_mut(file).ok_or(FixError::NoSuchIssue)?;
        let file_index = u16::try_from(file).map_err(|_| FixError::NoSuchIssue)?;
        let lines = self.dataset.lines.len();
        fix_row(
            &mut self.dataset,
            &mut loaded.report,
            file_index,
            issue,
            value,
        )?;
        let after = self.dataset.lines.len();
        crate::names::settle(&mut self.dataset, lines..after);
        Ok(())
    }

    /// Leaves row `issue` of `file` out, deliberately.
    pub fn leave_out(&mut self, file: usize, issue: usize) -> Result<(), FixError> {
        let loaded = self.files.get_mut(file).ok_or(FixError::NoSuchIssue)?;
        leave_out_row(&mut loaded.report, issue)
    }

    /// Takes back row `left_out` (an index into that file's rows left out): it needs attention
    /// again.
    pub fn take_back(&mut self, file: usize, left_out: usize) -> Result<(), FixError> {
        let loaded = self.files.get_mut(file).ok_or(FixError::NoSuchIssue)?;
        take_back_row(&mut loaded.report, left_out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_file, ImportOptions};

    fn load(place: &mut Place, name: &str, text: &str) {
        let bytes = text.as_bytes().to_vec();
        let print = fingerprint(&bytes);
        let report =
            import_file(&mut place.dataset, name, bytes, ImportOptions::default()).unwrap();
        place.add_file(report, print, text.len() as u64);
    }

    #[test]
    fn several_files_add_up_and_remember_their_rows() {
        let mut place = Place::default();
        load(&mut place, "a.csv", "Funder,Amount\nDfT,10\nDfT,TBC\n");
        load(&mut place, "b.csv", "Funder,Amount\n\nMoJ,5\n");
        let summary = place.summary();
        assert_eq!(
            summary,
            PlaceSummary {
                files: 2,
                data_rows: 4,
                lines: 2,
                needs_attention: 1,
                left_out: 0,
                skipped: 1,
                total: Pence(1_500),
            }
        );
        assert!(summary.reconciles(&place.dataset));
        let line = &place.dataset.lines[1];
        assert_eq!((line.source.file, line.source.row), (1, 3));
        assert_eq!(place.dataset.sources[1].name, "b.csv");

        place.fix_row(0, 0, "2.50").unwrap();
        assert_eq!(place.summary().total, Pence(1_750));
        assert_eq!(place.dataset.lines[2].source.file, 0);
        assert!(place.summary().reconciles(&place.dataset));
    }

    #[test]
    fn a_fingerprint_taken_in_slices_is_the_whole_files() {
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut stream = FingerprintStream::default();
        for slice in bytes.chunks(4_099) {
            stream.update(slice);
        }
        assert_eq!(stream.finish(), fingerprint(&bytes));
    }

    #[test]
    fn the_same_file_twice_is_recognised() {
        let mut place = Place::default();
        load(&mut place, "a.csv", "Amount\n1\n");
        assert!(place.already_loaded(fingerprint(b"Amount\n1\n")).is_some());
        assert!(place.already_loaded(fingerprint(b"Amount\n2\n")).is_none());
    }

    #[test]
    fn leaving_a_row_out_keeps_the_books_balanced() {
        let mut place = Place::default();
        load(&mut place, "a.csv", "Amount\nx\n3\n");
        place.leave_out(0, 0).unwrap();
        let summary = place.summary();
        assert_eq!((summary.needs_attention, summary.left_out), (0, 1));
        assert!(summary.reconciles(&place.dataset));
        assert_eq!(place.leave_out(0, 0), Err(FixError::NoSuchIssue));
    }

    #[test]
    fn a_row_left_out_can_be_taken_back_in_row_order() {
        let mut place = Place::default();
        load(&mut place, "a.csv", "Amount\nx\n3\ny\n");
        place.leave_out(0, 0).unwrap();
        assert_eq!(place.files[0].report.needs_attention[0].row, 4);
        place.take_back(0, 0).unwrap();
        let rows: Vec<u32> = place.files[0]
            .report
            .needs_attention
            .iter()
            .map(|issue| issue.row)
            .collect();
        assert_eq!(rows, [2, 4]);
        assert!(place.summary().reconciles(&place.dataset));
        assert_eq!(place.take_back(0, 0), Err(FixError::NoSuchIssue));
    }
}
