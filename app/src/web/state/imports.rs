//! Bringing files in: the queue, the column-mapping step, and importing a slice at a time so
//! the page stays responsive.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::super::browser::workbook::read_workbook;
use super::super::browser::{load_setting, next_tick, now_ms, save_setting, set_address};
use super::{AppState, IncomingFile, MappingStep, Progress, Status};
use crate::announce;
use crate::remembered::mapping_key;
use crate::worker_answer::WorkerAnswer;
use grantpool::import::{
    preview, preview_workbook, ColumnMapping, FileKind, ImportOptions, Importer, Preview,
    RingfenceRule, WorkbookRows,
};
use grantpool::place::{fingerprint, Origin, Place, PlaceChange, PlaceCommand};
use grantpool::scenario::Scenarios;

/// Work done between two paints while importing, in milliseconds.
const SLICE_MS: f64 = 40.0;
/// Rows read between two looks at the clock.
const ROWS_PER_STEP: usize = 2_000;

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
            let print = fingerprint(&file.bytes);
            let duplicate = self.place.with_untracked(|place| {
                (place.origin == Origin::Uploads)
                    .then(|| place.already_loaded(print).map(|f| f.report.file.clone()))
                    .flatten()
            });
            if let Some(earlier) = duplicate {
                self.notify(
                    format!("“{}” has the same contents as “{earlier}”, which is already loaded, so it was not added again.", file.name),
                    true,
                );
                continue;
            }
            if FileKind::detect(&file.bytes) == FileKind::Workbook {
                self.read_in_worker(file, print, None);
                return;
            }
            match preview(&file.name, &file.bytes, None) {
                Ok(preview) => self.show_mapping(file, print, preview, None),
                Err(error) => {
                    self.notify(format!("{error}. Nothing from this file was added."), true)
                }
            }
        }
    }

    /// Opens the mapping screen on a previewed file (with a remembered mapping if its
    /// columns were seen before).
    fn show_mapping(
        self,
        file: IncomingFile,
        print: u64,
        preview: Preview,
        workbook: Option<Arc<WorkbookRows>>,
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
        }));
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
                    Ok(preview) => self.show_mapping(file, print, preview, Some(Arc::new(rows))),
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
        let size = step.file.bytes.len() as u64;
        // The first file of the person's own replaces a sample, but only once it has been read
        // to the end: until then (and if it is cancelled or fails) the sample stays.
        let mut first_own = self
            .place
            .with_untracked(|place| place.origin != Origin::Uploads)
            .then(|| Place {
                origin: Origin::Uploads,
                ..Place::default()
            });
        let bytes = Arc::try_unwrap(step.file.bytes).unwrap_or_else(|shared| (*shared).clone());
        let options = ImportOptions {
            place: step.place.clone(),
            sheet: step.preview.sheet.clone(),
            mapping: Some(step.mapping),
            ringfence_rule: step.rule,
        };
        let workbook = step
            .workbook
            .map(|rows| Arc::try_unwrap(rows).unwrap_or_else(|shared| (*shared).clone()));
        let start = |dataset: &grantpool::model::Dataset| match workbook {
            Some(rows) => Importer::start_workbook(dataset, &name, rows, options),
            None => Importer::start(dataset, &name, bytes, options),
        };
        let started = match &first_own {
            Some(own) => start(&own.dataset),
            None => self.place.with_untracked(|place| start(&place.dataset)),
        };
        let mut importer =
            started.map_err(|error| format!("{error}. Nothing from this file was added."))?;
        self.cancel_import.set(false);
        loop {
            if self.cancel_import.get_untracked() {
                // Lines join a place only when a file is finished, so nothing was added.
                return Err(format!(
                    "Importing “{name}” was cancelled. Nothing from this file was added."
                ));
            }
            let slice_started = now_ms();
            let mut finished = false;
            while !finished && now_ms() - slice_started < SLICE_MS {
                // Reading interns the file's text into the strings of the place it will join;
                // no line is added (and nothing shown changes) until the file is finished.
                finished = match &mut first_own {
                    Some(own) => importer.step(&mut own.dataset.strings, ROWS_PER_STEP),
                    None => self
                        .place
                        .try_update_untracked(|place| {
                            importer.step(&mut place.dataset.strings, ROWS_PER_STEP)
                        })
                        .expect("the place signal lives as long as the page"),
                }
                .map_err(|error| format!("{error}. Nothing from this file was added."))?;
            }
            if finished {
                break;
            }
            self.progress.set(Some(Progress {
                file: name.clone(),
                fraction: importer.progress(),
            }));
            next_tick().await;
        }
        let add = PlaceCommand::AddFile {
            importer: Box::new(importer),
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
