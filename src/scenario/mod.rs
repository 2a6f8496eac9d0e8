//! The user's redesign of a place's funding: pots, and which funding lines are in them.
//!
//! A [`Scenario`] is plain data. It changes only through [`Editor::apply`], which takes a
//! [`Command`] (an [`Edit`], or undo/redo) and keeps the history needed to undo any number of
//! steps. Drag and drop, the keyboard route and the undo button all end up here.

use serde::{Deserialize, Serialize};

use crate::model::{Allocation, Ringfence};
use journal::Journal;

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

/// Pots and the pot of each funding line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    pub pots: Vec<Pot>,
    /// For line `i` of the dataset: 0 when unpooled, else the pot's id.
    #[serde(with = "packed::each")]
    assignment: Vec<u32>,
    next_pot: u32,
    /// Which lines moved lately, for views brought up to date from them.
    #[serde(skip)]
    journal: Journal,
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
            journal: Journal::default(),
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

    /// A number that changes whenever a line changes pot, or every line's pot is set afresh
    /// (lines added or removed, the scenario replaced or read): what a view of the lines in a
    /// pot remembers of the scenario it was made from.
    pub fn revision(&self) -> u64 {
        self.journal.revision()
    }

    /// The lines that left `pot` (or, with `None`, the lines in no pot) since `revision`, and
    /// those that joined it, each in line order; `None` when that cannot be told (the revision
    /// is not one this scenario passed through, or every pot was set afresh since).
    pub fn moved_since(&self, revision: u64, pot: Option<PotId>) -> Option<(Vec<u32>, Vec<u32>)> {
        let number = pot.map_or(0, |p| p.0);
        self.journal
            .moved_since(revision, number, |line| self.assignment[line as usize])
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
            journal: Journal::default(),
        }
    }

    /// Grows the scenario when lines are added to the place; new lines are unpooled.
    pub fn cover_lines(&mut self, lines: usize) {
        if lines > self.assignment.len() {
            self.assignment.resize(lines, 0);
            self.journal.start_afresh();
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
mod journal;
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

    /// The lines that left and joined the lines numbered `pot`, between two snapshots of every
    /// line's pot: what [`Scenario::moved_since`] must tell without the snapshots.
    fn compared(before: &[u32], now: &[u32], pot: u32) -> (Vec<u32>, Vec<u32>) {
        let (mut left, mut joined) = (Vec::new(), Vec::new());
        for (line, (&was, &is)) in before.iter().zip(now).enumerate() {
            match (was == pot, is == pot) {
                (true, false) => left.push(line as u32),
                (false, true) => joined.push(line as u32),
                _ => {}
            }
        }
        (left, joined)
    }

    #[test]
    fn what_moved_since_a_revision_is_what_comparing_every_line_gives() {
        const LINES: usize = 40;
        let mut editor =
            test_support::editor_with_pot(LINES, "A", PotPolicy::LiftRingfence, &[1, 2]);
        // Each revision seen, with every line's pot then.
        let mut seen: Vec<(u64, Vec<u32>)> = Vec::new();
        let mut random = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |below: u64| {
            random ^= random << 13;
            random ^= random >> 7;
            random ^= random << 17;
            random % below
        };
        for step in 0..400 {
            seen.push((
                editor.scenario.revision(),
                editor.scenario.assignment.clone(),
            ));
            let pots: Vec<PotId> = editor.scenario.pots.iter().map(|p| p.id).collect();
            let command = match next(10) {
                0 if pots.len() < 4 => Command::Edit(Edit::CreatePot {
                    name: format!("P{step}"),
                    colour: 0,
                    policy: PotPolicy::KeepRingfence,
                }),
                1 if !pots.is_empty() => Command::Edit(Edit::DeletePot {
                    pot: pots[next(pots.len() as u64) as usize],
                }),
                2 | 3 => Command::Undo,
                4 => Command::Redo,
                _ => {
                    let to = match next(pots.len() as u64 + 1) as usize {
                        0 => None,
                        at => Some(pots[at - 1]),
                    };
                    let lines = (0..next(8)).map(|_| next(LINES as u64) as u32).collect();
                    Command::Edit(Edit::MoveLines { lines, to })
                }
            };
            let _ = editor.apply(command);
            let now = &editor.scenario.assignment;
            // Every pot that ever was, and none.
            for pot in 0..editor.scenario.next_pot {
                let id = (pot != 0).then_some(PotId(pot));
                for (revision, before) in seen.iter().rev().take(30) {
                    if let Some(moved) = editor.scenario.moved_since(*revision, id) {
                        assert_eq!(moved, compared(before, now, pot), "step {step}, pot {pot}");
                    }
                }
            }
            // The last revision is always told.
            let (revision, before) = seen.last().unwrap();
            assert_eq!(
                editor.scenario.moved_since(*revision, None),
                Some(compared(before, now, 0))
            );
        }
    }

    #[test]
    fn what_moved_cannot_be_told_across_a_fresh_start_or_another_scenario() {
        let mut editor = test_support::editor_with_pot(10, "A", PotPolicy::LiftRingfence, &[1, 2]);
        let pot = editor.scenario.pots[0].id;
        let before = editor.scenario.revision();
        let copy = editor.scenario.clone();
        editor
            .apply(Command::Edit(Edit::MoveLines {
                lines: vec![3],
                to: Some(pot),
            }))
            .unwrap();
        assert_eq!(
            editor.scenario.moved_since(before, Some(pot)),
            Some((vec![], vec![3]))
        );
        // The copy never passed through the original's new revision.
        assert_eq!(copy.moved_since(editor.scenario.revision(), None), None);
        // Lines added: every pot set afresh.
        let moved = editor.scenario.revision();
        editor.scenario.cover_lines(12);
        assert_eq!(editor.scenario.moved_since(moved, None), None);
        // An edit that moves no line leaves nothing to tell but is still told.
        let now = editor.scenario.revision();
        assert_eq!(
            editor.scenario.moved_since(now, Some(pot)),
            Some((vec![], vec![]))
        );
        // A scenario read back starts afresh, and equals the one written.
        let read: Scenario =
            serde_json::from_str(&serde_json::to_string(&editor.scenario).unwrap()).unwrap();
        assert_eq!(read, editor.scenario);
        assert_eq!(read.moved_since(now, None), None);
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
