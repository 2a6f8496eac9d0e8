//! The importer: reads a file's rows in steps, turning each into a funding line, a row
//! needing attention or a skipped row, and adds the lines to the place when it finishes.

use csv::StringRecord;
use serde::{Deserialize, Serialize};

use super::rows::{
    note_replaced_characters, read_row, record_outcome, within_room, Columns, RowOutcome,
};
use super::source::RowSource;
use super::values::MoneyUnit;
use super::{
    find_header, open_source, ColumnMapping, Field, FileKind, ImportError, ImportOptions,
    ImportReport, PendingRows, WorkbookRows,
};
use crate::model::{AssignedPlaces, Dataset, FundingLine, SourceFile, StringPool};

/// What reading a file needs to know of the place it will join: the file's number there, the
/// money the place can still take, and the places people gave to recipients. A Web Worker is
/// given this to read a file for the page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportContext {
    pub file_index: u16,
    /// Pence (without sign) the place can still take ([`Dataset::money_room`]).
    pub room: u64,
    pub assigned: AssignedPlaces,
}

impl ImportContext {
    /// The context of a file joining `dataset`.
    pub fn of(dataset: &Dataset, file: &str) -> Result<ImportContext, ImportError> {
        let file_index =
            u16::try_from(dataset.sources.len()).map_err(|_| ImportError::TooManyFiles {
                file: file.to_owned(),
            })?;
        Ok(ImportContext {
            file_index,
            room: dataset.money_room(),
            assigned: dataset.assigned_places.clone(),
        })
    }
}

/// A file read to the end: its report and its lines, ready to join the place
/// ([`ReadFile::add_to`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadFile {
    pub report: ImportReport,
    pub lines: Vec<FundingLine>,
}

impl ReadFile {
    /// Adds the lines to `dataset` and returns the report.
    pub fn add_to(self, dataset: &mut Dataset) -> ImportReport {
        let ReadFile { report, lines } = self;
        dataset.sources.push(SourceFile {
            name: report.file.clone(),
            data_rows: report.data_rows,
        });
        if dataset.lines.is_empty() {
            dataset.lines = lines;
        } else {
            dataset.lines.extend(lines);
        }
        report
    }
}

/// Imports one file in steps. Lines join the dataset only when [`Importer::finish`] is called,
/// so a cancelled import leaves the place as it was.
pub struct Importer {
    source: RowSource,
    pending: PendingRows,
    cells: StringRecord,
    file_index: u16,
    report: ImportReport,
    /// The mapping's column for each field, looked up once rather than per cell.
    columns: Columns,
    lines: Vec<FundingLine>,
    /// Pence (without sign) the place can still take ([`Dataset::money_room`]).
    room: u64,
    /// The places people assigned to recipients, applied to this file's lines too.
    assigned: AssignedPlaces,
    /// Room has been made for the lines the rest of the file is likely to hold.
    sized: bool,
    done: bool,
}

/// Lines read before the importer judges from them how many the file holds.
const LINES_TO_JUDGE_BY: usize = 4096;
/// The most lines room is made for at once (about 400 MB), however the first rows mislead.
const MOST_LINES_RESERVED: usize = 4_000_000;

impl Importer {
    /// Opens the file, finds its header and checks it has an amount column.
    pub fn start(
        dataset: &Dataset,
        file: &str,
        bytes: Vec<u8>,
        options: ImportOptions,
    ) -> Result<Importer, ImportError> {
        Importer::start_in(ImportContext::of(dataset, file)?, file, bytes, options)
    }

    /// Opens the file to join a place described by `context` (in a worker, away from it).
    pub fn start_in(
        context: ImportContext,
        file: &str,
        bytes: Vec<u8>,
        options: ImportOptions,
    ) -> Result<Importer, ImportError> {
        let (kind, source) = open_source(file, bytes, options.sheet.as_deref())?;
        Importer::start_from(context, file, kind, source, options)
    }

    /// Opens delimited UTF-8 text (without a byte-order mark) of `length` bytes that arrives in
    /// slices, `head` (the first of them, as much as has arrived) holding its header; then
    /// [`Importer::push`] each slice, [`Importer::end`] after the last, and step while it is
    /// not [`Importer::hungry`]. [`ImportError::NeedsWholeText`] when the header is not found
    /// in `head`. Which text can be read so is told by [`super::SliceCheck`].
    pub fn start_streamed(
        context: ImportContext,
        file: &str,
        length: u64,
        head: &[u8],
        options: ImportOptions,
    ) -> Result<Importer, ImportError> {
        let mut rows = super::delimited::DelimitedRows::streamed(length, head);
        if head.len() as u64 >= length {
            rows.end();
        }
        let source = RowSource::Delimited(Box::new(rows));
        Importer::start_from(context, file, FileKind::Delimited, source, options)
    }

    /// Adds the next slice of text started with [`Importer::start_streamed`].
    pub fn push(&mut self, slice: &[u8]) {
        self.source.push(slice);
    }

    /// Says the last slice of text started with [`Importer::start_streamed`] has arrived.
    pub fn end(&mut self) {
        self.source.end();
    }

    /// The last step stopped for text that has not arrived yet: push more before the next.
    pub fn hungry(&self) -> bool {
        self.source.hungry()
    }

    /// Starts importing a workbook's rows read beforehand by [`super::read_workbook`], to join
    /// the place `context` describes.
    pub fn start_workbook(
        context: ImportContext,
        file: &str,
        workbook: WorkbookRows,
        options: ImportOptions,
    ) -> Result<Importer, ImportError> {
        let options = ImportOptions {
            sheet: Some(workbook.sheet),
            ..options
        };
        let source = super::source::rows_source(workbook.rows);
        Importer::start_from(context, file, FileKind::Workbook, source, options)
    }

    fn start_from(
        context: ImportContext,
        file: &str,
        kind: FileKind,
        mut source: RowSource,
        options: ImportOptions,
    ) -> Result<Importer, ImportError> {
        let found = find_header(&mut source, file);
        if source.hungry() {
            return Err(ImportError::NeedsWholeText {
                file: file.to_owned(),
            });
        }
        let (header_row, headers, pending) = found?;
        let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let mapping = options
            .mapping
            .unwrap_or_else(|| ColumnMapping::detect(&header_refs));
        let amount_column = mapping
            .column(Field::Amount)
            .filter(|&column| column < headers.len())
            .ok_or_else(|| ImportError::NoAmountColumn {
                file: file.to_owned(),
            })?;
        let unit = MoneyUnit::from_header(&headers[amount_column]);
        let sheet = match kind {
            FileKind::Workbook => options.sheet,
            _ => None,
        };
        Ok(Importer {
            source,
            pending,
            cells: StringRecord::new(),
            file_index: context.file_index,
            columns: mapping.columns_by_field(),
            report: ImportReport {
                file: file.to_owned(),
                sheet,
                header_row,
                headers,
                mapping,
                unit,
                ringfence_rule: options.ringfence_rule,
                place: options.place,
                ..ImportReport::default()
            },
            lines: Vec::new(),
            room: context.room,
            assigned: context.assigned,
            sized: false,
            done: false,
        })
    }

    /// Reads up to `max_rows` more rows. Returns `true` when the file is finished.
    pub fn step(&mut self, strings: &mut StringPool, max_rows: usize) -> Result<bool, ImportError> {
        for _ in 0..max_rows {
            let number = if let Some((number, cells)) = self.pending.pop_front() {
                self.cells = cells;
                number
            } else {
                match self.source.next_row(&mut self.cells, &self.report.file)? {
                    Some(number) => number,
                    None if self.source.hungry() => return Ok(false),
                    None => {
                        self.done = true;
                        return Ok(true);
                    }
                }
            };
            self.report.data_rows += 1;
            let outcome = match self.source.take_broken(number) {
                Some(broken) => RowOutcome::NeedsAttention {
                    column_index: broken.column,
                    reason: broken.reason,
                },
                None => read_row(
                    &self.cells,
                    &self.report,
                    &self.columns,
                    strings,
                    &self.assigned,
                ),
            };
            let mut outcome = within_room(outcome, &mut self.room, &self.columns);
            if self.source.replaced_characters() {
                note_replaced_characters(&mut outcome, &self.cells, &self.report.headers);
            }
            record_outcome(
                &mut self.report,
                &mut self.lines,
                outcome,
                number,
                self.file_index,
                &self.cells,
            );
            if !self.sized && self.lines.len() >= LINES_TO_JUDGE_BY {
                self.make_room_for_the_rest();
            }
        }
        Ok(false)
    }

    /// Makes room, once, for as many lines as the file is likely to hold, judged from the lines
    /// read so far and how far through the file they reach (with a tenth to spare), so the list
    /// of lines is not grown by doubling: at a million lines each doubling copied half of them
    /// and left the old list's memory behind. A file that holds more grows as before.
    fn make_room_for_the_rest(&mut self) {
        self.sized = true;
        let progress = self.source.progress();
        if progress <= 0.0 || progress >= 1.0 {
            return;
        }
        let likely = ((self.lines.len() as f64 / progress * 1.1) as usize).min(MOST_LINES_RESERVED);
        let _ = self
            .lines
            .try_reserve_exact(likely.saturating_sub(self.lines.len()));
    }

    /// How far through the file the import is, from 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.done {
            1.0
        } else {
            self.source.progress().min(0.999)
        }
    }

    /// The file read to the end. Call after the last step.
    pub fn into_read(self) -> ReadFile {
        debug_assert!(self.done, "finish after the last step");
        debug_assert!(self.report.reconciles());
        let Importer {
            source,
            lines,
            report,
            ..
        } = self;
        // Free the file's bytes before the lines move, so the two never peak together.
        drop(source);
        ReadFile { report, lines }
    }

    /// Adds the lines read to `dataset` and returns the report. Call after the last step.
    pub fn finish(self, dataset: &mut Dataset) -> ImportReport {
        self.into_read().add_to(dataset)
    }
}

/// Imports a whole file at once (CSV/TSV, XLSX/ODS/XLS, or 360Giving JSON).
pub fn import_file(
    dataset: &mut Dataset,
    file: &str,
    bytes: Vec<u8>,
    options: ImportOptions,
) -> Result<ImportReport, ImportError> {
    let mut importer = Importer::start(dataset, file, bytes, options)?;
    while !importer.step(&mut dataset.strings, usize::MAX)? {}
    Ok(importer.finish(dataset))
}

/// Imports delimited text with detected columns (the samples' path).
pub fn import_delimited(
    dataset: &mut Dataset,
    file: &str,
    bytes: &[u8],
) -> Result<ImportReport, ImportError> {
    import_file(dataset, file, bytes.to_vec(), ImportOptions::default())
}

/// A place read from CSV text, for tests.
#[cfg(test)]
pub(crate) fn dataset_from(csv: &[u8]) -> Dataset {
    let mut dataset = Dataset::default();
    import_delimited(&mut dataset, "test.csv", csv).expect("test CSV imports");
    dataset
}

/// Six lines worked by hand, shared by the figures' tests: three funders (and one line with
/// none), five programmes, four recipients; £405 of which £170 ringfenced, £205 flexible and
/// £30 not recorded.
#[cfg(test)]
pub(crate) fn six_line_place() -> Dataset {
    dataset_from(
        b"Funder,Programme,Recipient,Amount,Ringfenced\n\
          DfT,Buses,Durham CC,100,Yes\n\
          DfT,Buses,Go North East,50,Yes\n\
          DfT,Potholes,Durham CC,200,No\n\
          MoJ,Youth justice,Durham CC,30,\n\
          DfE,Schools,Seaham School,20,Y\n\
          ,Unknown,Someone,5,N\n",
    )
}
