//! One Undo and one Redo for everything a person can take back: the scenario's edits (the
//! editor's own history) and the place's undoable changes (merging names and removing a file),
//! in the order they were made.

use leptos::prelude::*;

use super::AppState;
use crate::announce;
use grantpool::format;
use grantpool::names::NameField;
use grantpool::place::{Place, PlaceChange, PlaceCommand};
use grantpool::scenario::{Command, Edit, Editor, Scenarios, SetCommand};

/// A place change that can be taken back.
#[derive(Clone)]
pub enum PlaceStep {
    /// A name's merge by hand changed.
    Names(NameStep),
    /// File `file` was removed; `before` holds the place, the editor and the page's history
    /// from before, while it can be put back.
    Removal {
        file: usize,
        name: String,
        before: Option<Box<Before>>,
    },
}

/// A name's merge by hand changed from `before` to `after` (`None`: not merged).
#[derive(Clone)]
pub struct NameStep {
    field: NameField,
    from: String,
    before: Option<String>,
    after: Option<String>,
}

/// What a removal takes away and putting the file back restores.
#[derive(Clone)]
pub struct Before {
    place: Place,
    scenarios: Scenarios,
    steps: Vec<Step>,
}

/// Which way a step of the history is taken.
#[derive(Clone, Copy)]
enum Direction {
    Back,
    Again,
}

/// One step of the page's history.
#[derive(Clone)]
pub enum Step {
    /// An edit to the open scenario, kept in its editor's own history.
    Scenario,
    Place(PlaceStep),
    /// A change to the set of scenarios: the command that takes it the other way, and what it
    /// did, for the live region.
    Set(SetCommand, String),
}

/// The command that makes a name's merge `target` (or none).
fn naming(field: NameField, from: &str, target: &Option<String>) -> PlaceCommand {
    match target {
        Some(into) => PlaceCommand::MergeNames {
            field,
            from: from.to_owned(),
            into: into.clone(),
        },
        None => PlaceCommand::UnmergeName {
            field,
            from: from.to_owned(),
        },
    }
}

/// What a name step did, for the live region ("merged “DfE” into “Education”").
fn naming_said(from: &str, target: &Option<String>) -> String {
    match target {
        Some(into) => format!("merged “{from}” into “{into}”"),
        None => format!("took back the merge of “{from}”"),
    }
}

impl AppState {
    /// Records a change made by the person: a new change forgets what could be redone.
    pub(super) fn record(&self, step: Step) {
        self.redo_steps.update(Vec::clear);
        self.done_steps.update(|done| done.push(step));
    }

    /// Forgets the place steps (a place change that cannot be taken back came after them), or
    /// every step when the place was replaced.
    pub(super) fn forget_place_steps(&self, everything: bool) {
        let keep = move |steps: &mut Vec<Step>| {
            steps.retain(|s| !everything && matches!(s, Step::Scenario))
        };
        self.done_steps.update(keep);
        self.redo_steps.update(keep);
    }

    /// The place, the editor and the history now, for a removal to restore.
    fn before_removal(&self) -> Box<Before> {
        Box::new(Before {
            place: self.place.get_untracked(),
            scenarios: self.editor.get_untracked(),
            steps: self.done_steps.get_untracked(),
        })
    }

    /// Merges a funder's or programme's name into another, as a step Undo can take back.
    pub fn merge_names(&self, field: NameField, from: &str, into: &str) -> Result<usize, String> {
        self.change_names(field, from, Some(into.to_owned()))
    }

    /// Takes back a merge by hand, as a step Undo can take back.
    pub fn unmerge_name(&self, field: NameField, from: &str) -> Result<usize, String> {
        self.change_names(field, from, None)
    }

    fn change_names(
        &self,
        field: NameField,
        from: &str,
        after: Option<String>,
    ) -> Result<usize, String> {
        let before = self
            .place
            .with_untracked(|p| p.dataset.merged_names.of(field).get(from.trim()).cloned());
        match self.change_place_quietly(naming(field, from, &after))? {
            PlaceChange::Renamed { lines } => {
                self.record(Step::Place(PlaceStep::Names(NameStep {
                    field,
                    from: from.trim().to_owned(),
                    before,
                    after,
                })));
                Ok(lines)
            }
            _ => Ok(0),
        }
    }

    /// Removes a loaded file, as a step Undo (or "Put it back") can take back.
    pub fn remove_file(&self, file: usize) {
        let before = self.before_removal();
        match self.change_place_quietly(PlaceCommand::RemoveFile { file }) {
            Ok(PlaceChange::Removed { name, lines, money }) => {
                self.notify(
                    format!(
                        "Removed “{name}” and its {} ({}).",
                        announce::funding_lines(lines as u64),
                        format::gbp(money)
                    ),
                    false,
                );
                // The editor's history named lines by position and starts afresh.
                self.done_steps.set(Vec::new());
                self.record(Step::Place(PlaceStep::Removal {
                    file,
                    name: name.clone(),
                    before: Some(before),
                }));
                self.removed.set(Some(name));
            }
            Ok(_) => {}
            Err(reason) => self.notify(reason, true),
        }
    }

    /// Undoes the latest change, of the scenario or of the place, and says what it undid.
    pub fn undo(&self) {
        self.step(Direction::Back);
    }

    /// Redoes the latest change undone, and says what it redid.
    pub fn redo(&self) {
        self.step(Direction::Again);
    }

    /// Takes the next step of the history one way, moves it to the other way's list, and says
    /// what it did. With no step of the page's own (work restored from this browser), the
    /// editor's own history is used.
    fn step(&self, direction: Direction) {
        let (from, to, said) = match direction {
            Direction::Back => (self.done_steps, self.redo_steps, "Undid"),
            Direction::Again => (self.redo_steps, self.done_steps, "Redid"),
        };
        let next = from
            .try_update(Vec::pop)
            .flatten()
            .unwrap_or(Step::Scenario);
        let done = match next {
            Step::Scenario => {
                let (pick, command): (fn(&Editor) -> Option<&Edit>, _) = match direction {
                    Direction::Back => (Editor::last_done, Command::Undo),
                    Direction::Again => (Editor::next_redo, Command::Redo),
                };
                let what = self.describe_edit(pick);
                self.run_history(command)
                    .then(|| (Step::Scenario, what.unwrap_or_default()))
            }
            Step::Place(step) => match direction {
                Direction::Back => self.take_back(step),
                Direction::Again => self.do_again(step),
            }
            .map(|(step, what)| (Step::Place(step), what)),
            Step::Set(command, what) => self
                .apply_set(command)
                .map(|other_way| (Step::Set(other_way, what.clone()), what)),
        };
        if let Some((step, what)) = done {
            to.update(|steps| steps.push(step));
            self.notify(format!("{said}: {what}."), false);
        }
    }

    /// Whether Undo has anything to take back.
    pub fn can_undo(&self) -> bool {
        self.can_step(self.done_steps, Editor::can_undo)
    }

    /// Whether Redo has anything to apply again.
    pub fn can_redo(&self) -> bool {
        self.can_step(self.redo_steps, Editor::can_redo)
    }

    /// Whether `steps` has a step of the page's own next (a place or set step), or else the
    /// open scenario's own history can go that way.
    fn can_step(&self, steps: RwSignal<Vec<Step>>, editor_can: fn(&Editor) -> bool) -> bool {
        steps.with(|s| s.last().is_some_and(|s| !matches!(s, Step::Scenario)))
            || self.editor.with(|set| editor_can(set))
    }

    /// Takes a place step back; returns the step as it can be redone, and what was undone.
    fn take_back(&self, step: PlaceStep) -> Option<(PlaceStep, String)> {
        match step {
            PlaceStep::Names(names) => {
                self.apply_step(naming(names.field, &names.from, &names.before))?;
                let said = naming_said(&names.from, &names.after);
                Some((PlaceStep::Names(names), said))
            }
            PlaceStep::Removal { file, name, before } => {
                let Before {
                    place,
                    scenarios,
                    steps,
                } = *before?;
                self.apply_step(PlaceCommand::PutBack {
                    place: Box::new(place),
                    scenarios: Box::new(scenarios),
                })?;
                // The history from before the removal comes back with the editor.
                self.done_steps.set(steps);
                let said = format!("removed “{name}”");
                Some((
                    PlaceStep::Removal {
                        file,
                        name,
                        before: None,
                    },
                    said,
                ))
            }
        }
    }

    /// Applies a place step again; returns it as it can be undone, and what was redone.
    fn do_again(&self, step: PlaceStep) -> Option<(PlaceStep, String)> {
        match step {
            PlaceStep::Names(names) => {
                self.apply_step(naming(names.field, &names.from, &names.after))?;
                let said = naming_said(&names.from, &names.after);
                Some((PlaceStep::Names(names), said))
            }
            PlaceStep::Removal { file, name, .. } => {
                let before = self.before_removal();
                self.apply_step(PlaceCommand::RemoveFile { file })?;
                self.done_steps.set(Vec::new());
                self.removed.set(Some(name.clone()));
                let said = format!("removed “{name}”");
                Some((
                    PlaceStep::Removal {
                        file,
                        name,
                        before: Some(before),
                    },
                    said,
                ))
            }
        }
    }

    /// Changes the set of scenarios (new, duplicate, rename, delete, open, or every scenario
    /// from a file) and says what happened; every change but opening one is a step Undo takes
    /// back. False when nothing changed.
    pub fn change_scenarios(&self, command: SetCommand, said: String) -> bool {
        self.forget_removed();
        let records = !matches!(command, SetCommand::Open { .. });
        match self.apply_set(command) {
            Some(other_way) => {
                if records {
                    self.record(Step::Set(other_way, said.clone()));
                }
                self.notify(said, false);
                true
            }
            None => false,
        }
    }

    /// Applies a change to the set of scenarios; returns the command that takes it back, or
    /// says why it could not be made.
    fn apply_set(&self, command: SetCommand) -> Option<SetCommand> {
        let outcome = self
            .editor
            .try_update(|set| set.change(command))
            .expect("the editor signal lives as long as the page");
        match outcome {
            Ok(other_way) => {
                self.save_soon();
                Some(other_way)
            }
            Err(error) => {
                self.notify(crate::announce::sentence(&error.to_string()), true);
                None
            }
        }
    }

    /// Runs `change` with nothing recorded by the commands it applies (the caller records the
    /// step, or is taking one from the history).
    fn unrecorded<T>(&self, change: impl FnOnce() -> T) -> T {
        self.replaying.set_value(true);
        let outcome = change();
        self.replaying.set_value(false);
        outcome
    }

    /// Applies a step's command without recording it, saying why when it fails.
    fn apply_step(&self, command: PlaceCommand) -> Option<PlaceChange> {
        self.change_place_quietly(command)
            .map_err(|reason| self.notify(reason, true))
            .ok()
    }

    /// Applies a place command that the caller records as a step.
    fn change_place_quietly(&self, command: PlaceCommand) -> Result<PlaceChange, String> {
        self.unrecorded(|| self.change_place(command))
    }

    /// The editor's own undo or redo, without recording a new step.
    fn run_history(&self, command: Command) -> bool {
        self.unrecorded(|| self.run(command))
    }

    /// What the editor's next undo or redo would change, described before it happens so pot
    /// names are still there.
    fn describe_edit(&self, pick: fn(&Editor) -> Option<&Edit>) -> Option<String> {
        self.place.with_untracked(|place| {
            self.editor.with_untracked(|editor| {
                pick(editor)
                    .map(|edit| announce::edit_description(edit, &editor.scenario, &place.dataset))
            })
        })
    }
}
