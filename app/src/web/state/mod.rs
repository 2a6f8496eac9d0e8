//! The page's state: the place and the scenario (plain data), the steps of bringing files in,
//! and messages. Every change to the scenario goes through [`AppState::run`] and every change
//! to the place through [`AppState::change_place`]; both mark the work for saving.

mod history;
mod importing;
mod imports;
mod saving;
mod unfinished;

use std::sync::Arc;

use send_wrapper::SendWrapper;

use leptos::prelude::*;

use super::browser::import_worker::ImportWorker;
use super::browser::now_ms;
use crate::announce::sentence;
use grantpool::costs::CostAssumptions;
use grantpool::import::{ColumnMapping, Preview, RingfenceRule, WorkbookRows};
use grantpool::pack_notes::PackNotes;
use grantpool::place::{self, Place, PlaceChange, PlaceCommand};
use grantpool::samples::Sample;
use grantpool::scenario::{Command, Scenarios};
use grantpool::view::View;

/// Whether the place's data is ready to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Loading(String),
    Ready,
    Failed(String),
}

/// A message about something that happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub text: String,
    pub is_error: bool,
}

/// A file waiting to be imported.
#[derive(Debug, Clone)]
pub struct IncomingFile {
    pub name: String,
    /// What the page read of the file: all of a workbook or a JSON file; of delimited text only
    /// its start, enough to preview (the import worker reads the rest from `file`).
    pub bytes: Arc<Vec<u8>>,
    /// True when `bytes` is the whole file.
    pub whole: bool,
    /// The file itself (or a `Blob` of pasted cells), for the import worker.
    pub file: SendWrapper<web_sys::Blob>,
}

impl IncomingFile {
    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        self.file.size() as u64
    }
}

/// A file shown on the column-mapping screen.
#[derive(Debug, Clone)]
pub struct MappingStep {
    pub file: IncomingFile,
    pub fingerprint: u64,
    pub preview: Preview,
    pub mapping: ColumnMapping,
    /// True when the mapping was remembered from an earlier file with the same columns.
    pub remembered: bool,
    pub rule: RingfenceRule,
    /// A workbook's sheet, read in the workbook worker; imported from these rows.
    pub workbook: Option<Arc<WorkbookRows>>,
    /// "This whole file is one place": a council's GSS code, for lines the file does not place.
    pub place: Option<String>,
    /// The import worker holding the file, when it read the file before its mapping screen
    /// (delimited text the page holds only the start of); ended when the step is dropped.
    pub worker: Option<Arc<SendWrapper<ImportWorker>>>,
}

/// An import under way.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub file: String,
    pub fraction: f64,
}

/// Every signal of the page, shared through context. The place itself is plain data
/// ([`Place`]); everything shown is derived from it.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The loaded place. Changed only by [`AppState::change_place`] (and, while a file is read,
    /// by the importer interning its text).
    pub place: RwSignal<Place>,
    /// The redesign: pots and their lines, with undo history. Changed only by [`AppState::run`]
    /// and, to cover new lines, [`AppState::change_place`].
    pub editor: RwSignal<Scenarios>,
    pub status: RwSignal<Status>,
    pub sample: RwSignal<Option<&'static Sample>>,
    pub queue: RwSignal<Vec<IncomingFile>>,
    pub mapping: RwSignal<Option<MappingStep>>,
    pub progress: RwSignal<Option<Progress>>,
    pub notices: RwSignal<Vec<Notice>>,
    /// False until saved work has been restored, so the empty start never overwrites it.
    pub restored: RwSignal<bool>,
    /// Counts changes to save, and the last change that is safely saved.
    pub save_generation: RwSignal<u64>,
    pub saved_generation: RwSignal<u64>,
    /// Counts changes to the place (made by [`AppState::change_place`] alone), and the last
    /// one whose place record is saved: the place is written only when it changed, the small
    /// work record on every change.
    pub place_generation: RwSignal<u64>,
    pub saved_place_generation: RwSignal<u64>,
    /// True when a new version of grantpool has been downloaded and waits for a reload.
    pub update_ready: RwSignal<bool>,
    /// Set by "Cancel import": the import under way stops at its next slice, adding nothing.
    pub cancel_import: RwSignal<bool>,
    /// The workbook being read in the workbook worker, before its mapping screen.
    pub reading: RwSignal<Option<String>>,
    /// The place and financial year shown. Changed by [`AppState::set_view`], and reset when
    /// the place is replaced.
    pub view: RwSignal<View>,
    /// The file just removed, until the next change: "Put it back" undoes the removal.
    pub removed: RwSignal<Option<String>>,
    /// The board pack's own words (title, subtitle, commentary), saved with the work. Changed
    /// by [`AppState::write_pack`].
    pub pack: RwSignal<PackNotes>,
    /// The cost assumptions behind the measure "Estimated bidding and reporting cost", saved
    /// with the work. Changed by [`AppState::set_costs`].
    pub costs: RwSignal<CostAssumptions>,
    /// The page's history for Undo and Redo (`history.rs`): scenario edits and the place's
    /// undoable changes, in order.
    done_steps: RwSignal<Vec<history::Step>>,
    redo_steps: RwSignal<Vec<history::Step>>,
    /// True while Undo or Redo (or a step being recorded) applies a command, which then
    /// records nothing itself.
    replaying: StoredValue<bool>,
}

impl AppState {
    pub fn new(sample: Option<&'static Sample>) -> AppState {
        AppState {
            place: RwSignal::new(Place::default()),
            editor: RwSignal::new(Scenarios::default()),
            status: RwSignal::new(Status::Loading(String::new())),
            sample: RwSignal::new(sample),
            queue: RwSignal::new(Vec::new()),
            mapping: RwSignal::new(None),
            progress: RwSignal::new(None),
            notices: RwSignal::new(Vec::new()),
            restored: RwSignal::new(false),
            save_generation: RwSignal::new(0),
            saved_generation: RwSignal::new(0),
            place_generation: RwSignal::new(0),
            saved_place_generation: RwSignal::new(0),
            update_ready: RwSignal::new(false),
            cancel_import: RwSignal::new(false),
            reading: RwSignal::new(None),
            view: RwSignal::new(View::default()),
            removed: RwSignal::new(None),
            pack: RwSignal::new(PackNotes::default()),
            costs: RwSignal::new(CostAssumptions::default()),
            done_steps: RwSignal::new(Vec::new()),
            redo_steps: RwSignal::new(Vec::new()),
            replaying: StoredValue::new(false),
        }
    }

    /// Adds a message, newest last.
    pub fn notify(&self, text: String, is_error: bool) {
        let id = now_ms() as u64;
        self.notices.update(|notices| {
            notices.push(Notice { id, text, is_error });
            let excess = notices.len().saturating_sub(5);
            notices.drain(..excess);
        });
    }

    /// Applies a command to the scenario and saves the work soon; on failure says why and
    /// changes nothing.
    pub fn run(&self, command: Command) -> bool {
        self.forget_removed();
        let records = matches!(command, Command::Edit(_)) && !self.replaying.get_value();
        let outcome = self
            .editor
            .try_update_untracked(|editor| editor.apply(command))
            .unwrap_or(Ok(()));
        match outcome {
            Ok(()) => {
                if records {
                    self.record(history::Step::Scenario);
                }
                self.editor.notify();
                self.save_soon();
                true
            }
            Err(error) => {
                self.notify(sentence(&error.to_string()), true);
                false
            }
        }
    }

    /// Shows another place or financial year, and saves the choice soon.
    pub fn set_view(&self, view: View) {
        if self.view.get_untracked() != view {
            self.view.set(view);
            self.save_soon();
        }
    }

    /// Applies a command to the place (the one way it changes): the core keeps the scenario
    /// covering every line, and the place is marked for saving. On failure nothing changes and
    /// the reason comes back as a sentence for the person.
    pub fn change_place(&self, command: PlaceCommand) -> Result<PlaceChange, String> {
        self.forget_removed();
        let replaces = matches!(command, PlaceCommand::Replace { .. });
        let forgets = !self.replaying.get_value();
        let editor = self.editor;
        let outcome = self
            .place
            .try_update_untracked(|place| {
                editor
                    .try_update_untracked(|editor| place::apply(place, editor, command))
                    .expect("the editor signal lives as long as the page")
            })
            .expect("the place signal lives as long as the page");
        match outcome {
            Ok(change) => {
                if forgets {
                    self.forget_place_steps(replaces);
                }
                if replaces {
                    self.view.set(View::default());
                    self.pack.set(PackNotes::default());
                }
                self.place.notify();
                self.editor.notify();
                self.place_generation.update(|g| *g += 1);
                self.save_soon();
                Ok(change)
            }
            Err(error) => Err(sentence(&error.to_string())),
        }
    }

    fn forget_removed(&self) {
        if self.removed.get_untracked().is_some() {
            self.removed.set(None);
        }
    }

    /// Changes the cost assumptions and saves the work soon.
    pub fn set_costs(&self, costs: CostAssumptions) {
        if self.costs.get_untracked() != costs {
            self.costs.set(costs);
            self.save_soon();
        }
    }

    /// Changes the board pack's own words and saves the work soon.
    pub fn write_pack(&self, change: impl FnOnce(&mut PackNotes)) {
        self.pack.update(change);
        self.save_soon();
    }
}
