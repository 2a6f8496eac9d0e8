//! Bringing files in: the queue, the column-mapping step, and importing a slice at a time so
//! the page stays responsive.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::super::browser::{load_setting, next_tick, now_ms, save_setting, set_address};
use super::{AppState, IncomingFile, MappingStep, Progress, Status};
use crate::announce;
use crate::remembered::mapping_key;
use grantpool::import::{preview, ColumnMapping, ImportOptions, Importer, RingfenceRule};
use grantpool::place::{fingerprint, Origin, Place, PlaceChange, PlaceCommand};
use grantpool::scenario::Editor;

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
    }

    /// Shows the next queued file on the mapping screen.
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
            match preview(&file.name, &file.bytes, None) {
                Ok(preview) => {
                    let remembered = load_setting(&mapping_key(&preview.headers))
                        .and_then(|json| serde_json::from_str::<ColumnMapping>(&json).ok());
                    self.mapping.set(Some(MappingStep {
                        fingerprint: print,
                        remembered: remembered.is_some(),
                        mapping: remembered.unwrap_or_else(|| preview.mapping.clone()),
                        preview,
                        file,
                        rule: RingfenceRule::NotRecorded,
                    }));
                }
                Err(error) => {
                    self.notify(format!("{error}. Nothing from this file was added."), true)
                }
            }
        }
    }

    /// Shows another sheet of the workbook on the mapping screen.
    pub fn choose_sheet(self, sheet: String) {
        let Some(step) = self.mapping.get_untracked() else {
            return;
        };
        match preview(&step.file.name, &step.file.bytes, Some(&sheet)) {
            Ok(preview) => self.mapping.set(Some(MappingStep {
                mapping: preview.mapping.clone(),
                remembered: false,
                preview,
                ..step
            })),
            Err(error) => self.notify(error.to_string(), true),
        }
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
            sheet: step.preview.sheet.clone(),
            mapping: Some(step.mapping),
            ringfence_rule: step.rule,
        };
        let started = match &first_own {
            Some(own) => Importer::start(&own.dataset, &name, bytes, options),
            None => self
                .place
                .with_untracked(|place| Importer::start(&place.dataset, &name, bytes, options)),
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
                let change = grantpool::place::apply(&mut own, &mut Editor::new(0), add)
                    .map_err(|error| announce::sentence(&error.to_string()))?;
                self.change_place(PlaceCommand::Replace {
                    place: Box::new(own),
                    editor: None,
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
