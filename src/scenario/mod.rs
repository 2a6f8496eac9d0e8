//! The user's redesign of a place's funding: pots, and which funding lines are in them.
//!
//! A [`Scenario`] is plain data. It changes only through [`Editor::apply`], which takes a
//! [`Command`] (an [`Edit`], or undo/redo) and keeps the history needed to undo any number of
//! steps. Drag and drop, the keyboard route and the undo button all end up here.

use serde::{Deserialize, Serialize};

use crate::model::{Allocation, Ringfence};

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

/// The one name for money outside every pot: on the page, in charts, the CSV and the board pack.
/// Code tells pots apart by [`PotId`], never by this label, so a pot a person names
/// "Not in a pot" is still a pot.
pub const NOT_IN_A_POT: &str = "Not in a pot";

/// A pooled, place-based budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pot {
    pub id: PotId,
    pub name: String,
    /// Index into the chart palette.
    pub colour: u8,
    pub policy: PotPolicy,
    /// What the pot is for, in the person's words (free text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// The outcomes it is for, as short tags ("fewer children in care").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<String>,
}

/// Which lines a pot holds, in brief: see [`Scenario::pot_signatures`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PotSignature {
    pub lines: usize,
    mixed: u64,
}

impl PotSignature {
    fn add(&mut self, line: usize) {
        // splitmix64's finaliser: nearby line numbers give unrelated values, so two different
        // sets of lines of the same size all but never sum alike.
        let mut z = (line as u64).wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        self.lines += 1;
        self.mixed = self.mixed.wrapping_add(z ^ (z >> 31));
    }
}

/// Pots and the pot of each funding line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    pub pots: Vec<Pot>,
    /// For line `i` of the dataset: 0 when unpooled, else the pot's id.
    #[serde(with = "packed::each")]
    assignment: Vec<u32>,
    next_pot: u32,
}

impl PotPolicy {
    /// The one rule for what a pot does to a line's ringfence status: a pot that lifts the
    /// ringfence makes its money flexible; an aligned pot, or no pot, keeps the status recorded.
    /// Measures, charts, the map and exports all ask this.
    pub fn status_of(pot: Option<PotPolicy>, recorded: Ringfence) -> Ringfence {
        match pot {
            Some(PotPolicy::LiftRingfence) => Ringfence::Flexible,
            Some(PotPolicy::KeepRingfence) | None => recorded,
        }
    }

    /// Whether competed money stays competed under a pot of this policy (or none): money in a
    /// pot that lifts the ringfence is settled as one budget, so it no longer counts as competed.
    pub fn keeps_competition(pot: Option<PotPolicy>) -> bool {
        pot != Some(PotPolicy::LiftRingfence)
    }

    /// Whether a line's money counts as competed under a pot of this policy (or none): it was
    /// bid for ([`Allocation::Competed`]) and the pot keeps competition. The measures, the
    /// cost estimate's bids and the lines behind the Competed measure all ask this.
    pub fn counts_as_competed(pot: Option<PotPolicy>, allocation: Allocation) -> bool {
        allocation == Allocation::Competed && PotPolicy::keeps_competition(pot)
    }
}

/// A [`Scenario`] as versions before compact line lists wrote it, each line's pot in a JSON
/// array: what the checksum of a scenario file they wrote was taken over.
#[derive(Serialize)]
pub struct PlainScenario<'a> {
    pots: &'a [Pot],
    assignment: &'a [u32],
    next_pot: u32,
}

impl Scenario {
    /// This scenario as versions before compact line lists wrote it.
    pub fn as_plain(&self) -> PlainScenario<'_> {
        PlainScenario {
            pots: &self.pots,
            assignment: &self.assignment,
            next_pot: self.next_pot,
        }
    }

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

    /// Every line in a pot, with its pot, in line order: one scan of the assignments.
    pub fn pooled_lines(&self) -> impl Iterator<Item = (usize, PotId)> + '_ {
        self.assignment
            .iter()
            .enumerate()
            .filter(|&(_, &id)| id != 0)
            .map(|(line, &id)| (line, PotId(id)))
    }

    /// Each line's pot number, 0 for a line in no pot: what a view compares to see which lines
    /// a change moved.
    pub fn pot_numbers(&self) -> &[u32] {
        &self.assignment
    }

    /// For each pot, in the order of `pots`, a signature of the lines it holds: their count and
    /// a sum of a mix of their numbers. It changes whenever a line joins or leaves the pot, so
    /// a view of one pot need not be made again when only another pot changed.
    pub fn pot_signatures(&self) -> Vec<(PotId, PotSignature)> {
        let mut by_pot: Vec<PotSignature> = Vec::new();
        for (line, pot) in self.pooled_lines() {
            let at = pot.0 as usize;
            if at >= by_pot.len() {
                by_pot.resize(at + 1, PotSignature::default());
            }
            by_pot[at].add(line);
        }
        self.pots
            .iter()
            .map(|pot| {
                let held = by_pot.get(pot.id.0 as usize).copied().unwrap_or_default();
                (pot.id, held)
            })
            .collect()
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

    /// The scenario for the lines `kept` marks, in order (the others were removed), with the
    /// same pots.
    pub fn keeping_lines(&self, kept: &[bool]) -> Scenario {
        let assignment = self
            .assignment
            .iter()
            .zip(kept.iter().chain(std::iter::repeat(&true)))
            .filter(|(_, &keep)| keep)
            .map(|(&pot, _)| pot)
            .collect();
        Scenario {
            pots: self.pots.clone(),
            assignment,
            next_pot: self.next_pot,
        }
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

    /// The policy of the pot line `line` is in, if any.
    pub fn policy_of(&self, line: usize) -> Option<PotPolicy> {
        self.pot_of(line)
            .and_then(|id| self.pot(id))
            .map(|pot| pot.policy)
    }

    /// Line `line`'s ringfence status under this scenario ([`PotPolicy::status_of`]).
    pub fn status_of(&self, line: usize, recorded: Ringfence) -> Ringfence {
        PotPolicy::status_of(self.policy_of(line), recorded)
    }
}

mod across_years;
mod edit;
mod editor;
mod packed;
mod set;

pub use across_years::lines_across_years;
pub use edit::Edit;
pub use editor::{Command, CommandError, Editor};
pub use set::{NamedScenario, Scenarios, SetCommand, COMPARED, FIRST_SCENARIO};

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

    #[test]
    fn a_pots_signature_changes_only_when_its_own_lines_change() {
        let mut editor = test_support::editor_with_pot(10, "A", PotPolicy::LiftRingfence, &[1, 2]);
        editor
            .apply(Command::Edit(Edit::CreatePot {
                name: "B".into(),
                colour: 1,
                policy: PotPolicy::KeepRingfence,
            }))
            .unwrap();
        let (a, b) = (editor.scenario.pots[0].id, editor.scenario.pots[1].id);
        let signature = |editor: &Editor, pot: PotId| {
            editor
                .scenario
                .pot_signatures()
                .into_iter()
                .find(|(id, _)| *id == pot)
                .map(|(_, held)| held)
                .unwrap()
        };
        let (a_before, b_before) = (signature(&editor, a), signature(&editor, b));
        assert_eq!((a_before.lines, b_before.lines), (2, 0));
        let move_lines = |editor: &mut Editor, lines: Vec<u32>, to: Option<PotId>| {
            editor
                .apply(Command::Edit(Edit::MoveLines { lines, to }))
                .unwrap();
        };
        // Into B from no pot: A unchanged.
        move_lines(&mut editor, vec![5], Some(b));
        assert_eq!(signature(&editor, a), a_before);
        assert_ne!(signature(&editor, b), b_before);
        // Lines swapped for others as many: still a change.
        let b_one = signature(&editor, b);
        move_lines(&mut editor, vec![5], None);
        move_lines(&mut editor, vec![6], Some(b));
        assert_eq!(signature(&editor, b).lines, b_one.lines);
        assert_ne!(signature(&editor, b), b_one);
        // Undone: as it was.
        editor.apply(Command::Undo).unwrap();
        editor.apply(Command::Undo).unwrap();
        assert_eq!(signature(&editor, b), b_one);
    }

    #[test]
    fn only_a_pot_that_lifts_the_ringfence_changes_a_status() {
        let lift = Some(PotPolicy::LiftRingfence);
        let keep = Some(PotPolicy::KeepRingfence);
        for recorded in Ringfence::ALL {
            assert_eq!(PotPolicy::status_of(lift, recorded), Ringfence::Flexible);
            assert_eq!(PotPolicy::status_of(keep, recorded), recorded);
            assert_eq!(PotPolicy::status_of(None, recorded), recorded);
        }
        assert!(!PotPolicy::keeps_competition(lift));
        assert!(PotPolicy::keeps_competition(keep) && PotPolicy::keeps_competition(None));
        let editor = test_support::editor_with_pot(2, "P", PotPolicy::LiftRingfence, &[1]);
        assert_eq!(
            editor.scenario.status_of(0, Ringfence::Ringfenced),
            Ringfence::Ringfenced
        );
        assert_eq!(
            editor.scenario.status_of(1, Ringfence::Ringfenced),
            Ringfence::Flexible
        );
    }

    #[test]
    fn a_pots_notes_and_outcomes_are_edits_undone_like_any_other() {
        let mut editor = test_support::editor_with_pot(2, "P", PotPolicy::LiftRingfence, &[1]);
        let pot = editor.newest_pot().unwrap();
        editor
            .apply(Command::Edit(Edit::SetNotes {
                pot,
                notes: " One budget for early help. ".into(),
            }))
            .unwrap();
        editor
            .apply(Command::Edit(Edit::SetOutcomes {
                pot,
                outcomes: vec![
                    "fewer children in care".into(),
                    " ".into(),
                    "Fewer children in care".into(),
                    "school readiness".into(),
                ],
            }))
            .unwrap();
        let shown = editor.scenario.pot(pot).unwrap();
        assert_eq!(shown.notes, "One budget for early help.");
        assert_eq!(
            shown.outcomes,
            ["fewer children in care", "school readiness"]
        );
        editor.apply(Command::Undo).unwrap();
        assert!(editor.scenario.pot(pot).unwrap().outcomes.is_empty());
        editor.apply(Command::Undo).unwrap();
        assert!(editor.scenario.pot(pot).unwrap().notes.is_empty());
        editor.apply(Command::Redo).unwrap();
        assert_eq!(
            editor.scenario.pot(pot).unwrap().notes,
            "One budget for early help."
        );
    }
}
