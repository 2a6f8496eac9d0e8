//! The user's redesign of a place's funding: pots, and which funding lines are in them.
//!
//! A [`Scenario`] is plain data. It changes only through [`Editor::apply`], which takes a
//! [`Command`] (an [`Edit`], or undo/redo) and keeps the history needed to undo any number of
//! steps. Drag and drop, the keyboard route and the undo button all end up here.

use serde::{Deserialize, Serialize};

/// Identifies a pot. An id is handed back only when the pot's creation is undone, so redoing it
/// recreates the same id that later edits in the history refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PotId(pub u32);

/// What pooling does to the money in a pot.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PotPolicy {
    /// A Total Place+ single pot: the ringfences are lifted and all its money is flexible.
    #[default]
    LiftRingfence,
    /// An aligned budget: managed together, but each line keeps its ringfence.
    KeepRingfence,
}

impl PotPolicy {
    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            PotPolicy::LiftRingfence => "Pooled: lifts the ringfence",
            PotPolicy::KeepRingfence => "Aligned: keeps the ringfence",
        }
    }
}

/// A pooled, place-based budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pot {
    pub id: PotId,
    pub name: String,
    /// Index into the chart palette.
    pub colour: u8,
    pub policy: PotPolicy,
}

/// Pots and the pot of each funding line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    pub pots: Vec<Pot>,
    /// For line `i` of the dataset: 0 when unpooled, else the pot's id.
    assignment: Vec<u32>,
    next_pot: u32,
}

/// A change to a scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edit {
    CreatePot {
        name: String,
        colour: u8,
        policy: PotPolicy,
    },
    RenamePot {
        pot: PotId,
        name: String,
    },
    RecolourPot {
        pot: PotId,
        colour: u8,
    },
    SetPolicy {
        pot: PotId,
        policy: PotPolicy,
    },
    /// Deletes a pot; its lines return to unpooled.
    DeletePot {
        pot: PotId,
    },
    /// Moves lines (dataset indices) into a pot, or out of any pot with `None`.
    MoveLines {
        lines: Vec<u32>,
        to: Option<PotId>,
    },
    /// Replaces the whole scenario (opening a scenario file); checked with
    /// [`Scenario::validate`] first.
    Replace {
        scenario: Box<Scenario>,
    },
}

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
}

/// What undoing one edit needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum Inverse {
    RemovePot(PotId),
    RestorePot {
        pot: Pot,
        position: usize,
        lines: Vec<u32>,
    },
    Rename {
        pot: PotId,
        name: String,
    },
    Recolour {
        pot: PotId,
        colour: u8,
    },
    Policy {
        pot: PotId,
        policy: PotPolicy,
    },
    /// Lines grouped by the pot (0 = none) they were in before.
    Reassign {
        previous: Vec<(u32, Vec<u32>)>,
    },
    Replace(Box<Scenario>),
}

impl Scenario {
    /// A scenario with no pots for a place of `lines` funding lines.
    pub fn new(lines: usize) -> Scenario {
        Scenario {
            pots: Vec::new(),
            assignment: vec![0; lines],
            next_pot: 1,
        }
    }

    /// How many funding lines the scenario covers.
    pub fn lines(&self) -> usize {
        self.assignment.len()
    }

    /// The pot line `line` is in.
    pub fn pot_of(&self, line: usize) -> Option<PotId> {
        match self.assignment.get(line) {
            Some(0) | None => None,
            Some(&id) => Some(PotId(id)),
        }
    }

    /// The pot with this id.
    pub fn pot(&self, id: PotId) -> Option<&Pot> {
        self.pots.iter().find(|pot| pot.id == id)
    }

    /// The lines in a pot (or, with `None`, the unpooled lines).
    pub fn lines_in(&self, pot: Option<PotId>) -> impl Iterator<Item = usize> + '_ {
        let wanted = pot.map_or(0, |p| p.0);
        self.assignment
            .iter()
            .enumerate()
            .filter(move |&(_, &id)| id == wanted)
            .map(|(line, _)| line)
    }

    /// Grows the scenario when lines are added to the place; new lines are unpooled.
    pub fn cover_lines(&mut self, lines: usize) {
        if lines > self.assignment.len() {
            self.assignment.resize(lines, 0);
        }
    }

    /// Checks a scenario (from a file, say) against a place of `lines` funding lines: one
    /// assignment a line, pot ids unique and below the next id, every assigned pot present.
    pub fn validate(&self, lines: usize) -> Result<(), CommandError> {
        let invalid = |why: String| Err(CommandError::Invalid(why));
        if self.assignment.len() != lines {
            return invalid(format!(
                "it has {} funding lines, this place has {lines}",
                self.assignment.len()
            ));
        }
        let mut ids = std::collections::HashSet::new();
        for pot in &self.pots {
            if pot.id.0 == 0 || pot.id.0 >= self.next_pot || !ids.insert(pot.id.0) {
                return invalid(format!("pot id {} is not valid", pot.id.0));
            }
            if pot.name.trim().is_empty() {
                return invalid("a pot has no name".to_owned());
            }
        }
        if let Some(&bad) = self
            .assignment
            .iter()
            .find(|&&id| id != 0 && !ids.contains(&id))
        {
            return invalid(format!(
                "lines are assigned to pot {bad}, which does not exist"
            ));
        }
        Ok(())
    }

    fn position(&self, id: PotId) -> Result<usize, CommandError> {
        self.pots
            .iter()
            .position(|pot| pot.id == id)
            .ok_or(CommandError::NoSuchPot(id.0))
    }

    fn apply_edit(&mut self, edit: &Edit) -> Result<Inverse, CommandError> {
        match edit {
            Edit::CreatePot {
                name,
                colour,
                policy,
            } => {
                let name = name.trim();
                if name.is_empty() {
                    return Err(CommandError::BlankName);
                }
                let id = PotId(self.next_pot);
                self.next_pot += 1;
                self.pots.push(Pot {
                    id,
                    name: name.to_owned(),
                    colour: *colour,
                    policy: *policy,
                });
                Ok(Inverse::RemovePot(id))
            }
            Edit::RenamePot { pot, name } => {
                let name = name.trim();
                if name.is_empty() {
                    return Err(CommandError::BlankName);
                }
                let position = self.position(*pot)?;
                let old = std::mem::replace(&mut self.pots[position].name, name.to_owned());
                Ok(Inverse::Rename {
                    pot: *pot,
                    name: old,
                })
            }
            Edit::RecolourPot { pot, colour } => {
                let position = self.position(*pot)?;
                let old = std::mem::replace(&mut self.pots[position].colour, *colour);
                Ok(Inverse::Recolour {
                    pot: *pot,
                    colour: old,
                })
            }
            Edit::SetPolicy { pot, policy } => {
                let position = self.position(*pot)?;
                let old = std::mem::replace(&mut self.pots[position].policy, *policy);
                Ok(Inverse::Policy {
                    pot: *pot,
                    policy: old,
                })
            }
            Edit::DeletePot { pot } => {
                let position = self.position(*pot)?;
                let lines: Vec<u32> = self.lines_in(Some(*pot)).map(|line| line as u32).collect();
                for &line in &lines {
                    self.assignment[line as usize] = 0;
                }
                let pot = self.pots.remove(position);
                Ok(Inverse::RestorePot {
                    pot,
                    position,
                    lines,
                })
            }
            Edit::MoveLines { lines, to } => {
                let target = match to {
                    Some(pot) => {
                        self.position(*pot)?;
                        pot.0
                    }
                    None => 0,
                };
                if let Some(&bad) = lines
                    .iter()
                    .find(|&&line| line as usize >= self.assignment.len())
                {
                    return Err(CommandError::NoSuchLine(bad));
                }
                let mut previous: Vec<(u32, Vec<u32>)> = Vec::new();
                for &line in lines {
                    let old = std::mem::replace(&mut self.assignment[line as usize], target);
                    if old == target {
                        continue;
                    }
                    match previous.iter_mut().find(|(pot, _)| *pot == old) {
                        Some((_, moved)) => moved.push(line),
                        None => previous.push((old, vec![line])),
                    }
                }
                Ok(Inverse::Reassign { previous })
            }
            Edit::Replace { scenario } => {
                scenario.validate(self.assignment.len())?;
                let old = std::mem::replace(self, (**scenario).clone());
                Ok(Inverse::Replace(Box::new(old)))
            }
        }
    }

    fn revert(&mut self, inverse: Inverse) {
        match inverse {
            Inverse::RemovePot(id) => {
                // Undo is last-in-first-out, so every later edit (moves into this pot, newer
                // pots) has already been undone: the pot is empty and its id is the newest.
                self.pots.retain(|pot| pot.id != id);
                if self.next_pot == id.0 + 1 {
                    self.next_pot = id.0;
                }
            }
            Inverse::RestorePot {
                pot,
                position,
                lines,
            } => {
                for &line in &lines {
                    self.assignment[line as usize] = pot.id.0;
                }
                self.pots.insert(position.min(self.pots.len()), pot);
            }
            Inverse::Rename { pot, name } => {
                if let Ok(position) = self.position(pot) {
                    self.pots[position].name = name;
                }
            }
            Inverse::Recolour { pot, colour } => {
                if let Ok(position) = self.position(pot) {
                    self.pots[position].colour = colour;
                }
            }
            Inverse::Policy { pot, policy } => {
                if let Ok(position) = self.position(pot) {
                    self.pots[position].policy = policy;
                }
            }
            Inverse::Reassign { previous } => {
                for (pot, lines) in previous {
                    for line in lines {
                        self.assignment[line as usize] = pot;
                    }
                }
            }
            Inverse::Replace(old) => *self = *old,
        }
    }
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

/// Test set-up shared by the core's modules.
#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// An editor for `lines` lines with one pot, `name`, holding `moved`.
    pub(crate) fn editor_with_pot(
        lines: usize,
        name: &str,
        policy: PotPolicy,
        moved: &[u32],
    ) -> Editor {
        let mut editor = Editor::new(lines);
        editor
            .apply(Command::Edit(Edit::CreatePot {
                name: name.into(),
                colour: 0,
                policy,
            }))
            .expect("a named pot");
        let pot = editor.newest_pot();
        editor
            .apply(Command::Edit(Edit::MoveLines {
                lines: moved.to_vec(),
                to: pot,
            }))
            .expect("lines of this place");
        editor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
