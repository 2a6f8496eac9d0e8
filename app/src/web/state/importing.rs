//! Importing a mapped file: in the import worker for text and JSON (the lines handed back a
//! chunk a frame), or a workbook's rows on the page a slice at a time.

use leptos::prelude::*;
use std::sync::Arc;

use super::super::browser::import_worker::{FromWorker, ImportWorker};
use super::super::browser::{for_a_slice, next_tick, set_address};
use super::imports::{FILE_CHANGED, READER_STOPPED};
use super::{AppState, MappingStep, Progress, Status};
use crate::announce;
use grantpool::import::{Adoption, ImportContext, ImportOptions, Importer, ReadFile, WorkbookRows};
use grantpool::model::{Dataset, StringPool};
use grantpool::place::{Origin, Place, PlaceChange, PlaceCommand};
use grantpool::scenario::Scenarios;

/// Work done between two paints while importing a workbook's rows, in milliseconds.
const SLICE_MS: f64 = 40.0;
/// Rows read between two looks at the clock.
const ROWS_PER_STEP: usize = 2_000;
/// The parts of the progress bar for reading the file from disk and for taking its lines
/// from the import worker (parsing has the rest).
const READING_SHARE: f64 = 0.15;
const HANDOVER_SHARE: f64 = 0.1;

/// What the page says of a file that could not be imported: why, and that the place is as it
/// was.
pub(super) fn not_added(reason: impl std::fmt::Display) -> String {
    format!("{reason}. Nothing from this file was added.")
}

/// Cancelled before the file was finished: nothing joined the place.
fn cancelled(name: &str) -> String {
    not_added(format!("Importing “{name}” was cancelled"))
}

impl AppState {
    /// Imports the file of a mapping step and adds it to the place (the first file of the
    /// person's own replaces a sample); says what happened.
    pub(super) async fn run_import(self, mut step: MappingStep) -> Result<String, String> {
        let name = step.file.name.clone();
        // The first file of the person's own replaces a sample, but only once it has been read
        // to the end: until then (and if it is cancelled or fails) the sample stays.
        let mut first_own = self
            .place
            .with_untracked(|place| place.origin != Origin::Uploads)
            .then(|| Place {
                origin: Origin::Uploads,
                ..Place::default()
            });
        let options = ImportOptions {
            place: step.place.clone(),
            sheet: step.preview.sheet.clone(),
            mapping: Some(std::mem::take(&mut step.mapping)),
            ringfence_rule: std::mem::take(&mut step.rule),
        };
        self.cancel_import.set(false);
        let context = |dataset: &Dataset| ImportContext::of(dataset, &name);
        let context = match &first_own {
            Some(own) => context(&own.dataset),
            None => self.place.with_untracked(|place| context(&place.dataset)),
        }
        .map_err(not_added)?;
        let read = match step.workbook.take() {
            Some(rows) => {
                let rows = Arc::try_unwrap(rows).unwrap_or_else(|shared| (*shared).clone());
                self.import_workbook_rows(&name, rows, options, context, &mut first_own)
                    .await?
            }
            None => {
                self.import_in_worker(&step, options, context, &mut first_own)
                    .await?
            }
        };
        let size = step.file.size();
        let add = PlaceCommand::AddFile {
            file: Box::new(read),
            fingerprint: step.fingerprint,
            bytes: size,
        };
        let change = match first_own {
            Some(mut own) => {
                // The same command, on the new place, which then replaces the sample.
                let change = grantpool::place::apply(&mut own, &mut Scenarios::new(0), add)
                    .map_err(|error| announce::sentence(&error.to_string()))?;
                self.change_place(PlaceCommand::Replace {
                    place: Box::new(own),
                    scenarios: None,
                })?;
                self.sample.set(None);
                // The address no longer names a sample, so a reload brings back these files.
                set_address("./");
                // Only when not shown already: setting it again would build the whole workspace
                // anew, every figure at once, instead of through the figure schedule.
                if self.status.get_untracked() != Status::Ready {
                    self.status.set(Status::Ready);
                }
                change
            }
            None => self.change_place(add)?,
        };
        match change {
            PlaceChange::Added(report) => Ok(announce::imported(&report)),
            _ => Ok(format!("Imported “{name}”.")),
        }
    }

    /// Runs `with` on the string pool of the place the file will join.
    fn strings_of<T>(
        self,
        first_own: &mut Option<Place>,
        with: impl FnOnce(&mut StringPool) -> T,
    ) -> T {
        match first_own {
            Some(own) => with(&mut own.dataset.strings),
            None => self
                .place
                .try_update_untracked(|place| with(&mut place.dataset.strings))
                .expect("the place signal lives as long as the page"),
        }
    }

    fn show_progress(self, name: &str, fraction: f64) {
        self.progress.set(Some(Progress {
            file: name.to_owned(),
            fraction,
        }));
    }

    /// Reads a step's file in the import worker (the one that read it before its mapping
    /// screen, or a new one that reads it from disk a slice at a time), which parses it; then
    /// takes its strings and lines a chunk at a time, yielding between chunks. (The step's
    /// fingerprint is the whole file's: the page's own for a file it holds whole, else the
    /// worker's, from before the mapping screen.)
    async fn import_in_worker(
        self,
        step: &MappingStep,
        options: ImportOptions,
        context: ImportContext,
        first_own: &mut Option<Place>,
    ) -> Result<ReadFile, String> {
        let name = step.file.name.as_str();
        let options = serde_json::to_string(&options).unwrap_or_default();
        let context = serde_json::to_string(&context).unwrap_or_default();
        let could_not = |reason: String| format!("“{name}” could not be read: {reason}.");
        let handed_over_badly = |error| not_added(format!("“{name}” could not be read: {error}"));
        let opened;
        let worker = match &step.worker {
            Some(worker) => &***worker,
            None => {
                opened = ImportWorker::open(&step.file.file).map_err(could_not)?;
                &opened
            }
        };
        worker
            .read_rows(name, &options, &context)
            .map_err(could_not)?;
        let mut adoption = Adoption::default();
        let mut taken = 0;
        loop {
            let message = worker.next().await;
            if self.cancel_import.get_untracked() {
                return Err(cancelled(name));
            }
            match message {
                FromWorker::Reading(fraction) => self.show_progress(name, fraction * READING_SHARE),
                // Known already: the page checked it before the mapping screen.
                FromWorker::Fingerprint(_) => {}
                FromWorker::Parsing(fraction) => self.show_progress(
                    name,
                    READING_SHARE + fraction * (1.0 - READING_SHARE - HANDOVER_SHARE),
                ),
                FromWorker::Chunk(chunk, of) => {
                    self.strings_of(first_own, |strings| adoption.take(strings, &chunk))
                        .map_err(handed_over_badly)?;
                    taken += 1;
                    self.show_progress(
                        name,
                        1.0 - HANDOVER_SHARE * (1.0 - taken as f64 / of as f64),
                    );
                    if taken == of {
                        break;
                    }
                    // Let the page paint between chunks.
                    next_tick().await;
                }
                FromWorker::Refused(reason) => return Err(not_added(reason)),
                FromWorker::Unreadable => return Err(could_not(FILE_CHANGED.to_owned())),
                FromWorker::Failed => return Err(could_not(READER_STOPPED.to_owned())),
            }
        }
        adoption.finish().map_err(handed_over_badly)
    }

    /// Imports a workbook's rows (read beforehand in the workbook worker) a slice at a time,
    /// so the page stays responsive.
    pub(super) async fn import_workbook_rows(
        self,
        name: &str,
        rows: WorkbookRows,
        options: ImportOptions,
        context: ImportContext,
        first_own: &mut Option<Place>,
    ) -> Result<ReadFile, String> {
        let mut importer =
            Importer::start_workbook(context, name, rows, options).map_err(not_added)?;
        loop {
            if self.cancel_import.get_untracked() {
                return Err(cancelled(name));
            }
            // Reading interns the file's text into the strings of the place it will join; no
            // line is added (and nothing shown changes) until the file is finished.
            let finished = for_a_slice(SLICE_MS, || {
                self.strings_of(first_own, |strings| importer.step(strings, ROWS_PER_STEP))
                    .map_err(not_added)
            })?;
            if finished {
                return Ok(importer.into_read());
            }
            self.show_progress(name, importer.progress());
            next_tick().await;
        }
    }
}
