//! Bringing files in: the queue, reading what each file's mapping screen needs (a workbook's
//! sheet in the workbook worker; a large text file whole in the import worker, to name a file
//! already loaded), and the column-mapping step. The import itself is in `importing.rs`.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::super::browser::import_worker::{FromWorker, ImportWorker};
use super::super::browser::workbook::read_workbook;
use super::super::browser::{load_setting, save_setting};
use super::importing::not_added;
use super::{AppState, IncomingFile, MappingStep, Progress};
use crate::remembered::mapping_key;
use crate::worker_answer::WorkerAnswer;
use grantpool::import::{
    preview, preview_workbook, ColumnMapping, FileKind, Preview, RingfenceRule, WorkbookRows,
};
use grantpool::place::{fingerprint, Origin};
use send_wrapper::SendWrapper;

/// What a file that stopped the import worker's reader reads as.
pub(super) const READER_STOPPED: &str =
    "the reader stopped on this file, so it may be damaged; nothing from it was added";
/// What a file the import worker could no longer read reads as (the browser refuses to read a
/// file changed on disk after it was chosen; the worker reads it again for its rows).
pub(super) const FILE_CHANGED: &str =
    "it changed on disk after it was chosen, or can no longer be found; nothing from it was added, so choose it again";

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
            // checked once the import worker has read it ([`AppState::read_then_map`]).
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
                Err(error) => self.notify(not_added(error), true),
            }
        }
    }

    /// What to say when a file with these contents is already loaded.
    pub(super) fn already_loaded(self, name: &str, print: u64) -> Option<String> {
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
    /// file, to read it again for the import).
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
                        FromWorker::Unreadable => return Err(FILE_CHANGED.to_owned()),
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
                    Err(error) => self.notify(not_added(error), true),
                },
                Ok(WorkerAnswer::Refused(reason)) => self.notify(not_added(reason), true),
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

    /// Imports the file on the mapping screen ([`AppState::run_import`]), with a progress bar.
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
}
