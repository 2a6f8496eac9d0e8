//! Bringing files in: the queue, the column-mapping step, and importing a slice at a time so
//! the page stays responsive.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::super::browser::import_worker::{FromWorker, ImportWorker};
use super::super::browser::workbook::read_workbook;
use super::super::browser::{load_setting, next_tick, now_ms, save_setting, set_address};
use super::{AppState, IncomingFile, MappingStep, Progress, Status};
use crate::announce;
use crate::remembered::mapping_key;
use crate::worker_answer::WorkerAnswer;
use grantpool::import::{
    preview, preview_workbook, Adoption, ColumnMapping, FileKind, ImportContext, ImportOptions,
    Importer, Preview, ReadFile, RingfenceRule, WorkbookRows,
};
use grantpool::model::{Dataset, StringPool};
use grantpool::place::{fingerprint, Origin, Place, PlaceChange, PlaceCommand};
use grantpool::scenario::Scenarios;
use send_wrapper::SendWrapper;

/// Work done between two paints while importing a workbook's rows, in milliseconds.
const SLICE_MS: f64 = 40.0;
/// Rows read between two looks at the clock.
const ROWS_PER_STEP: usize = 2_000;
/// The parts of the progress bar for reading the file from disk and for taking its lines
/// from the import worker (parsing has the rest).
const READING_SHARE: f64 = 0.15;
const HANDOVER_SHARE: f64 = 0.1;
/// What a file that stopped the import worker's reader reads as.
const READER_STOPPED: &str =
    "the reader stopped on this file, so it may be damaged; nothing from it was added";

impl AppState {
    /// Queues files for import and starts on the first if nothing else is under way.
    pub fn enqueue(self, files: Vec<IncomingFile>) {
        if files.is_empty() {
            return;
        }
        self.queue.update(|queue| queue.extend(files));
        self.advance();
    }

    fn busy(&self) -> bool {
        self.mapping.with_untracked(Option::is_some)
            || self.progress.with_untracked(Option::is_some)
            || self.reading.with_untracked(Option::is_some)
    }

    /// Shows the next queued file on the mapping screen. A workbook is first read in the
    /// workbook worker, so a damaged one cannot stop the page.
    pub fn advance(self) {
        while !self.busy() {
            let next = self
                .queue
                .try_update(|queue| (!queue.is_empty()).then(|| queue.remove(0)))
                .flatten();
            let Some(file) = next else { return };
            // A file the page holds whole is checked now; one it holds only the start of is
            // checked when the import worker has read it ([`AppState::run_import`]).
            let print = fingerprint(&file.bytes);
            if let Some(message) = file
                .whole
                .then(|| self.already_loaded(&file.name, print))
                .flatten()
            {
                self.notify(message, true);
                continue;
            }
            if FileKind::detect(&file.bytes) == FileKind::Workbook {
                self.read_in_worker(file, print, None);
                return;
            }
            match preview(&file.name, &file.bytes, None) {
                Ok(preview) if !file.whole => {
                    self.read_then_map(file, preview);
                    return;
                }
                Ok(preview) => self.show_mapping(file, print, preview, None, None),
                Err(error) => {
                    self.notify(format!("{error}. Nothing from this file was added."), true)
                }
            }
        }
    }

    /// What to say when a file with these contents is already loaded.
    fn already_loaded(self, name: &str, print: u64) -> Option<String> {
        let earlier = self.place.with_untracked(|place| {
            (place.origin == Origin::Uploads)
                .then(|| place.already_loaded(print).map(|f| f.report.file.clone()))
                .flatten()
        })?;
        Some(format!("“{name}” has the same contents as “{earlier}”, which is already loaded, so it was not added again."))
    }

    /// Opens the mapping screen on a previewed file (with a remembered mapping if its
    /// columns were seen before).
    fn show_mapping(
        self,
        file: IncomingFile,
        print: u64,
        preview: Preview,
        workbook: Option<Arc<WorkbookRows>>,
        worker: Option<ImportWorker>,
    ) {
        let remembered = load_setting(&mapping_key(&preview.headers))
            .and_then(|json| serde_json::from_str::<ColumnMapping>(&json).ok());
        self.mapping.set(Some(MappingStep {
            fingerprint: print,
            remembered: remembered.is_some(),
            mapping: remembered.unwrap_or_else(|| preview.mapping.clone()),
            preview,
            file,
            rule: RingfenceRule::NotRecorded,
            workbook,
            place: None,
            worker: worker.map(|worker| Arc::new(SendWrapper::new(worker))),
        }));
    }

    /// Has the import worker read a file the page holds only the start of, so it can say
    /// whether the file is already loaded, then shows its mapping screen (the worker keeps the
    /// file for the import).
    fn read_then_map(self, file: IncomingFile, preview: Preview) {
        self.reading.set(Some(file.name.clone()));
        spawn_local(async move {
            let name = file.name.clone();
            let read = async {
                let worker = ImportWorker::open(&file.file)?;
                loop {
                    match worker.next().await {
                        FromWorker::Fingerprint(print) => return Ok((worker, print)),
                        FromWorker::Reading(_) => {}
                        _ => return Err(READER_STOPPED.to_owned()),
                    }
                }
            };
            let read = read.await;
            self.reading.set(None);
            match read {
                Ok((worker, print)) => match self.already_loaded(&name, print) {
                    Some(message) => self.notify(message, true),
                    None => self.show_mapping(file, print, preview, None, Some(worker)),
                },
                Err(reason) => self.notify(format!("“{name}” could not be read: {reason}."), true),
            }
            self.advance();
        });
    }

    /// Reads a workbook's sheet in the workbook worker, then shows its mapping screen (or says
    /// why it could not be read) and moves on.
    fn read_in_worker(self, file: IncomingFile, print: u64, sheet: Option<String>) {
        self.reading.set(Some(file.name.clone()));
        spawn_local(async move {
            let answer = read_workbook(&file.name, &file.bytes, sheet.as_deref()).await;
            self.reading.set(None);
            let name = file.name.clone();
            match answer {
                Ok(WorkerAnswer::Rows(rows)) => match preview_workbook(&name, &rows) {
                    Ok(preview) => {
                        self.show_mapping(file, print, preview, Some(Arc::new(rows)), None)
                    }
                    Err(error) => {
                        self.notify(format!("{error}. Nothing from this file was added."), true)
                    }
                },
                Ok(WorkerAnswer::Refused(reason)) => {
                    self.notify(format!("{reason}. Nothing from this file was added."), true)
                }
                Err(reason) => self.notify(format!("“{name}” could not be read: {reason}."), true),
            }
            self.advance();
        });
    }

    /// Shows another sheet of the workbook on the mapping screen.
    pub fn choose_sheet(self, sheet: String) {
        let Some(step) = self.mapping.get_untracked() else {
            return;
        };
        self.mapping.set(None);
        self.read_in_worker(step.file, step.fingerprint, Some(sheet));
    }

    /// Drops the file on the mapping screen and moves on.
    pub fn cancel_mapping(self) {
        if let Some(step) = self.mapping.get_untracked() {
            self.notify(format!("“{}” was not imported.", step.file.name), false);
        }
        self.mapping.set(None);
        self.advance();
    }

    /// Imports the file on the mapping screen, a slice at a time so the page stays responsive.
    pub fn import_mapped(self) {
        let Some(step) = self.mapping.get_untracked() else {
            return;
        };
        self.mapping.set(None);
        let name = step.file.name.clone();
        self.progress.set(Some(Progress {
            file: name.clone(),
            fraction: 0.0,
        }));
        save_setting(
            &mapping_key(&step.preview.headers),
            &serde_json::to_string(&step.mapping).unwrap_or_default(),
        );
        spawn_local(async move {
            let outcome = self.run_import(step).await;
            self.progress.set(None);
            match outcome {
                Ok(message) => self.notify(message, false),
                Err(message) => self.notify(message, true),
            }
            self.advance();
        });
    }

    async fn run_import(self, step: MappingStep) -> Result<String, String> {
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
            mapping: Some(step.mapping),
            ringfence_rule: step.rule,
        };
        self.cancel_import.set(false);
        let context = |dataset: &Dataset| ImportContext::of(dataset, &name);
        let context = match &first_own {
            Some(own) => context(&own.dataset),
            None => self.place.with_untracked(|place| context(&place.dataset)),
        }
        .map_err(|error| format!("{error}. Nothing from this file was added."))?;
        let (read, print) = match step.workbook {
            Some(rows) => {
                let rows = Arc::try_unwrap(rows).unwrap_or_else(|shared| (*shared).clone());
                let read = self
                    .import_workbook_rows(&name, rows, options, context, &mut first_own)
                    .await?;
                (read, step.fingerprint)
            }
            None => {
                let worker = step.worker.clone();
                self.import_in_worker(
                    &step.file,
                    step.fingerprint,
                    worker,
                    options,
                    context,
                    &mut first_own,
                )
                .await?
            }
        };
        let size = step.file.size;
        let add = PlaceCommand::AddFile {
            file: Box::new(read),
            fingerprint: print,
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
                self.status.set(Status::Ready);
                change
            }
            None => self.change_place(add)?,
        };
        match change {
            PlaceChange::Added(report) => Ok(announce::imported(&report)),
            _ => Ok(format!("Imported “{name}”.")),
        }
    }
}

/// Cancelled before the file was finished: nothing joined the place.
fn cancelled(name: &str) -> String {
    format!("Importing “{name}” was cancelled. Nothing from this file was added.")
}

impl AppState {
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

    /// Reads a file in the import worker, which reads it from disk a slice at a time and
    /// parses it, then takes its strings and lines a chunk at a time, yielding between chunks.
    /// Returns the file and its fingerprint.
    async fn import_in_worker(
        self,
        file: &IncomingFile,
        file_print: u64,
        reading: Option<Arc<SendWrapper<ImportWorker>>>,
        options: ImportOptions,
        context: ImportContext,
        first_own: &mut Option<Place>,
    ) -> Result<(ReadFile, u64), String> {
        let name = file.name.as_str();
        let options = serde_json::to_string(&options).unwrap_or_default();
        let context = serde_json::to_string(&context).unwrap_or_default();
        let could_not = |reason: String| format!("“{name}” could not be read: {reason}.");
        // The worker that read the file before its mapping screen, or a new one.
        let opened;
        let (worker, mut print) = match &reading {
            Some(worker) => (&***worker, Some(file_print)),
            None => {
                opened = ImportWorker::open(&file.file).map_err(could_not)?;
                (&opened, None)
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
                FromWorker::Fingerprint(fingerprint) => {
                    if let Some(message) = self.already_loaded(name, fingerprint) {
                        return Err(message);
                    }
                    print = Some(fingerprint);
                }
                FromWorker::Parsing(fraction) => self.show_progress(
                    name,
                    READING_SHARE + fraction * (1.0 - READING_SHARE - HANDOVER_SHARE),
                ),
                FromWorker::Chunk(chunk, of) => {
                    self.strings_of(first_own, |strings| adoption.take(strings, &chunk))
                        .map_err(|error| format!("“{name}” could not be read: {error}. Nothing from this file was added."))?;
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
                FromWorker::Refused(reason) => {
                    return Err(format!("{reason}. Nothing from this file was added."))
                }
                FromWorker::Failed => {
                    return Err(format!("“{name}” could not be read: {READER_STOPPED}."))
                }
            }
        }
        let read = adoption.finish().map_err(|error| {
            format!("“{name}” could not be read: {error}. Nothing from this file was added.")
        })?;
        let print =
            print.ok_or_else(|| format!("“{name}” could not be read: {READER_STOPPED}."))?;
        Ok((read, print))
    }

    /// Imports a workbook's rows (read beforehand in the workbook worker) a slice at a time,
    /// so the page stays responsive.
    async fn import_workbook_rows(
        self,
        name: &str,
        rows: WorkbookRows,
        options: ImportOptions,
        context: ImportContext,
        first_own: &mut Option<Place>,
    ) -> Result<ReadFile, String> {
        let mut importer = Importer::start_workbook(context, name, rows, options)
            .map_err(|error| format!("{error}. Nothing from this file was added."))?;
        loop {
            if self.cancel_import.get_untracked() {
                return Err(cancelled(name));
            }
            let slice_started = now_ms();
            let mut finished = false;
            while !finished && now_ms() - slice_started < SLICE_MS {
                // Reading interns the file's text into the strings of the place it will join;
                // no line is added (and nothing shown changes) until the file is finished.
                finished = self
                    .strings_of(first_own, |strings| importer.step(strings, ROWS_PER_STEP))
                    .map_err(|error| format!("{error}. Nothing from this file was added."))?;
            }
            if finished {
                return Ok(importer.into_read());
            }
            self.show_progress(name, importer.progress());
            next_tick().await;
        }
    }
}
