//! The one place scenario commands are applied: an [`Editor`] keeps a scenario and the history
//! needed to undo and redo any number of steps.

use serde::{Deserialize, Serialize};

use super::edit::Inverse;
use super::{Edit, PotId, Scenario};

/// Everything a person can do to a scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    Edit(Edit),
    Undo,
    Redo,
}

/// Why a command could not be applied. The scenario is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    #[error("there is no pot with id {0}")]
    NoSuchPot(u32),
    #[error("there is no funding line {0}")]
    NoSuchLine(u32),
    #[error("a pot needs a name")]
    BlankName,
    #[error("there is nothing to undo")]
    NothingToUndo,
    #[error("there is nothing to redo")]
    NothingToRedo,
    #[error("the scenario does not fit this place: {0}")]
    Invalid(String),
    #[error("no more pots can be made in this scenario")]
    TooManyPots,
}

/// A scenario with its history: the one place commands are applied.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Editor {
    pub scenario: Scenario,
    done: Vec<(Edit, Inverse)>,
    undone: Vec<Edit>,
}

impl Editor {
    /// An editor for a place of `lines` funding lines, with no pots and no history.
    pub fn new(lines: usize) -> Editor {
        Editor {
            scenario: Scenario::new(lines),
            done: Vec::new(),
            undone: Vec::new(),
        }
    }

    /// Applies a command. An edit clears what could be redone; undo and redo walk the history.
    pub fn apply(&mut self, command: Command) -> Result<(), CommandError> {
        match command {
            Command::Edit(edit) => {
                let inverse = self.scenario.apply_edit(&edit)?;
                self.done.push((edit, inverse));
                self.undone.clear();
            }
            Command::Undo => {
                let (edit, inverse) = self.done.pop().ok_or(CommandError::NothingToUndo)?;
                self.scenario.revert(inverse);
                self.undone.push(edit);
            }
            Command::Redo => {
                let edit = self.undone.pop().ok_or(CommandError::NothingToRedo)?;
                let inverse = self.scenario.apply_edit(&edit)?;
                self.done.push((edit, inverse));
            }
        }
        Ok(())
    }

    /// Checks an editor read back from saved work against a place of `lines` lines: the
    /// scenario fits, and every step of the history, undone or redone, names only lines and
    /// scenarios that fit too, so undo and redo cannot fail half-way.
    pub fn validate(&self, lines: usize) -> Result<(), CommandError> {
        self.scenario.validate(lines)?;
        let history_fits = self
            .done
            .iter()
            .all(|(edit, inverse)| edit.fits(lines) && inverse.fits(lines))
            && self.undone.iter().all(|edit| edit.fits(lines));
        if history_fits {
            Ok(())
        } else {
            Err(CommandError::Invalid(
                "its undo history names lines this place does not have".to_owned(),
            ))
        }
    }

    /// An editor with `scenario`'s pots for the lines `kept` marks (the others removed), with
    /// no history: the history named lines by position.
    pub fn keeping_pots(scenario: &Scenario, kept: &[bool]) -> Editor {
        Editor {
            scenario: scenario.keeping_lines(kept),
            done: Vec::new(),
            undone: Vec::new(),
        }
    }

    /// The edit Undo would take back, if any.
    pub fn last_done(&self) -> Option<&Edit> {
        self.done.last().map(|(edit, _)| edit)
    }

    /// The edit Redo would apply again, if any.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.undone.last()
    }

    /// Whether there is anything to undo.
    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    /// Whether there is anything to redo.
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// The newest pot (after a `CreatePot`).
    pub fn newest_pot(&self) -> Option<PotId> {
        self.scenario.pots.iter().map(|pot| pot.id).max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::PotPolicy;

    fn create(editor: &mut Editor, name: &str) -> PotId {
        editor
            .apply(Command::Edit(Edit::CreatePot {
                name: name.into(),
                colour: 0,
                policy: PotPolicy::LiftRingfence,
            }))
            .unwrap();
        editor.newest_pot().unwrap()
    }

    fn move_lines(editor: &mut Editor, lines: &[u32], to: Option<PotId>) {
        editor
            .apply(Command::Edit(Edit::MoveLines {
                lines: lines.to_vec(),
                to,
            }))
            .unwrap();
    }

    fn pots_of(editor: &Editor) -> Vec<Option<u32>> {
        (0..editor.scenario.lines())
            .map(|l| editor.scenario.pot_of(l).map(|p| p.0))
            .collect()
    }

    #[test]
    fn moves_lines_into_pots_and_back_out() {
        let mut editor = Editor::new(5);
        let health = create(&mut editor, "Health and care");
        let growth = create(&mut editor, "Growth");
        move_lines(&mut editor, &[0, 1, 2], Some(health));
        move_lines(&mut editor, &[2, 3], Some(growth));
        assert_eq!(pots_of(&editor), [Some(1), Some(1), Some(2), Some(2), None]);
        move_lines(&mut editor, &[1], None);
        assert_eq!(pots_of(&editor), [Some(1), None, Some(2), Some(2), None]);
        assert_eq!(
            editor.scenario.lines_in(Some(growth)).collect::<Vec<_>>(),
            [2, 3]
        );
        assert_eq!(editor.scenario.lines_in(None).collect::<Vec<_>>(), [1, 4]);
    }

    #[test]
    fn undo_and_redo_walk_any_number_of_steps() {
        let mut editor = Editor::new(4);
        let pot = create(&mut editor, "Place pot");
        move_lines(&mut editor, &[0, 1], Some(pot));
        move_lines(&mut editor, &[1, 2], None);
        move_lines(&mut editor, &[3], Some(pot));
        let end = editor.clone();
        for _ in 0..4 {
            editor.apply(Command::Undo).unwrap();
        }
        assert_eq!(editor.scenario, Scenario::new(4));
        assert_eq!(
            editor.apply(Command::Undo),
            Err(CommandError::NothingToUndo)
        );
        for _ in 0..4 {
            editor.apply(Command::Redo).unwrap();
        }
        assert_eq!(editor.scenario, end.scenario);
        assert_eq!(
            editor.apply(Command::Redo),
            Err(CommandError::NothingToRedo)
        );
    }

    #[test]
    fn deleting_a_pot_returns_its_lines_and_undo_restores_it() {
        let mut editor = Editor::new(3);
        let a = create(&mut editor, "A");
        let b = create(&mut editor, "B");
        move_lines(&mut editor, &[0, 2], Some(a));
        move_lines(&mut editor, &[1], Some(b));
        editor
            .apply(Command::Edit(Edit::DeletePot { pot: a }))
            .unwrap();
        assert_eq!(pots_of(&editor), [None, Some(2), None]);
        assert_eq!(editor.scenario.pots.len(), 1);
        editor.apply(Command::Undo).unwrap();
        assert_eq!(pots_of(&editor), [Some(1), Some(2), Some(1)]);
        assert_eq!(
            editor
                .scenario
                .pots
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>(),
            ["A", "B"]
        );
    }

    #[test]
    fn rename_recolour_and_policy_are_undoable_and_bad_edits_change_nothing() {
        let mut editor = Editor::new(1);
        let pot = create(&mut editor, "Pot");
        editor
            .apply(Command::Edit(Edit::RenamePot {
                pot,
                name: " Early help ".into(),
            }))
            .unwrap();
        editor
            .apply(Command::Edit(Edit::RecolourPot { pot, colour: 3 }))
            .unwrap();
        editor
            .apply(Command::Edit(Edit::SetPolicy {
                pot,
                policy: PotPolicy::KeepRingfence,
            }))
            .unwrap();
        let shown = editor.scenario.pot(pot).unwrap().clone();
        assert_eq!(
            (shown.name.as_str(), shown.colour, shown.policy),
            ("Early help", 3, PotPolicy::KeepRingfence)
        );
        let before = editor.clone();
        assert_eq!(
            editor.apply(Command::Edit(Edit::RenamePot {
                pot,
                name: "  ".into()
            })),
            Err(CommandError::BlankName)
        );
        assert_eq!(
            editor.apply(Command::Edit(Edit::MoveLines {
                lines: vec![0, 7],
                to: Some(pot)
            })),
            Err(CommandError::NoSuchLine(7))
        );
        assert_eq!(
            editor.apply(Command::Edit(Edit::MoveLines {
                lines: vec![0],
                to: Some(PotId(99))
            })),
            Err(CommandError::NoSuchPot(99))
        );
        assert_eq!(editor, before);
        for _ in 0..3 {
            editor.apply(Command::Undo).unwrap();
        }
        let restored = editor.scenario.pot(pot).unwrap();
        assert_eq!(
            (restored.name.as_str(), restored.colour, restored.policy),
            ("Pot", 0, PotPolicy::LiftRingfence)
        );
    }

    #[test]
    fn replacing_validates_and_is_undoable() {
        let mut other = Editor::new(3);
        let pot = create(&mut other, "From a file");
        move_lines(&mut other, &[2], Some(pot));
        let mut editor = Editor::new(3);
        editor
            .apply(Command::Edit(Edit::Replace {
                scenario: Box::new(other.scenario.clone()),
            }))
            .unwrap();
        assert_eq!(editor.scenario, other.scenario);
        editor.apply(Command::Undo).unwrap();
        assert_eq!(editor.scenario, Scenario::new(3));

        let wrong_size = Editor::new(4).scenario;
        assert_eq!(
            editor.apply(Command::Edit(Edit::Replace {
                scenario: Box::new(wrong_size)
            })),
            Err(CommandError::Invalid(
                "it has 4 funding lines, this place has 3".into()
            ))
        );
        let mut dangling = other.scenario.clone();
        dangling.pots.clear();
        assert!(matches!(
            dangling.validate(3),
            Err(CommandError::Invalid(_))
        ));
    }

    #[test]
    fn a_new_edit_clears_redo_and_the_scenario_round_trips_through_json() {
        let mut editor = Editor::new(2);
        let pot = create(&mut editor, "P");
        move_lines(&mut editor, &[0], Some(pot));
        editor.apply(Command::Undo).unwrap();
        assert!(editor.can_redo());
        move_lines(&mut editor, &[1], Some(pot));
        assert!(!editor.can_redo());
        let json = serde_json::to_string(&editor).unwrap();
        let back: Editor = serde_json::from_str(&json).unwrap();
        assert_eq!(back, editor);
    }
}
