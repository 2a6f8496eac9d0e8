//! Edits to a scenario and their inverses: what [`super::Editor`] applies and undoes.

use serde::{Deserialize, Serialize};

use super::{CommandError, Pot, PotId, PotPolicy, Scenario};

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
    /// Replaces a pot's notes.
    SetNotes {
        pot: PotId,
        notes: String,
    },
    /// Replaces a pot's outcomes (each trimmed; blanks and repeats dropped).
    SetOutcomes {
        pot: PotId,
        outcomes: Vec<String>,
    },
    /// Moves lines (dataset indices) into a pot, or out of any pot with `None`.
    MoveLines {
        #[serde(with = "super::packed::steps")]
        lines: Vec<u32>,
        to: Option<PotId>,
    },
    /// Replaces the whole scenario (opening a scenario file); checked with
    /// [`Scenario::validate`] first.
    Replace {
        scenario: Box<Scenario>,
    },
}

/// What undoing one edit needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum Inverse {
    RemovePot(PotId),
    RestorePot {
        pot: Pot,
        position: usize,
        #[serde(with = "super::packed::steps")]
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
    Notes {
        pot: PotId,
        notes: String,
    },
    Outcomes {
        pot: PotId,
        outcomes: Vec<String>,
    },
    /// Lines grouped by the pot (0 = none) they were in before.
    Reassign {
        #[serde(with = "super::packed::grouped")]
        previous: Vec<(u32, Vec<u32>)>,
    },
    Replace(Box<Scenario>),
}

impl Scenario {
    /// Puts line `line` in the pot numbered `pot` (0 for none), noting the move in the journal
    /// of the edit begun last: the one way an edit changes a line's pot. Gives the pot it was
    /// in, or `None` for a line the scenario does not cover.
    fn set_pot(&mut self, line: u32, pot: u32) -> Option<u32> {
        let slot = self.assignment.get_mut(line as usize)?;
        let was = std::mem::replace(slot, pot);
        self.journal.moved(line, was, pot);
        Some(was)
    }

    fn position(&self, id: PotId) -> Result<usize, CommandError> {
        self.pots
            .iter()
            .position(|pot| pot.id == id)
            .ok_or(CommandError::NoSuchPot(id.0))
    }

    pub(super) fn apply_edit(&mut self, edit: &Edit) -> Result<Inverse, CommandError> {
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
                self.next_pot = self
                    .next_pot
                    .checked_add(1)
                    .ok_or(CommandError::TooManyPots)?;
                self.pots.push(Pot {
                    id,
                    name: name.to_owned(),
                    colour: *colour,
                    policy: *policy,
                    notes: String::new(),
                    outcomes: Vec::new(),
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
            Edit::SetNotes { pot, notes } => {
                let position = self.position(*pot)?;
                let old =
                    std::mem::replace(&mut self.pots[position].notes, notes.trim().to_owned());
                Ok(Inverse::Notes {
                    pot: *pot,
                    notes: old,
                })
            }
            Edit::SetOutcomes { pot, outcomes } => {
                let position = self.position(*pot)?;
                let mut tidy: Vec<String> = Vec::new();
                for outcome in outcomes.iter().map(|o| o.trim()).filter(|o| !o.is_empty()) {
                    if !tidy.iter().any(|t| t.eq_ignore_ascii_case(outcome)) {
                        tidy.push(outcome.to_owned());
                    }
                }
                let old = std::mem::replace(&mut self.pots[position].outcomes, tidy);
                Ok(Inverse::Outcomes {
                    pot: *pot,
                    outcomes: old,
                })
            }
            Edit::DeletePot { pot } => {
                let position = self.position(*pot)?;
                let lines: Vec<u32> = self.lines_in(Some(*pot)).map(|line| line as u32).collect();
                self.journal.begin(self.assignment.len());
                for &line in &lines {
                    self.set_pot(line, 0);
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
                self.journal.begin(self.assignment.len());
                for &line in lines {
                    let old = self.set_pot(line, target).expect("checked above");
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
                self.journal.start_afresh();
                Ok(Inverse::Replace(Box::new(old)))
            }
        }
    }

    pub(super) fn revert(&mut self, inverse: Inverse) {
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
                self.journal.begin(self.assignment.len());
                for &line in &lines {
                    self.set_pot(line, pot.id.0);
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
            Inverse::Notes { pot, notes } => {
                if let Ok(position) = self.position(pot) {
                    self.pots[position].notes = notes;
                }
            }
            Inverse::Outcomes { pot, outcomes } => {
                if let Ok(position) = self.position(pot) {
                    self.pots[position].outcomes = outcomes;
                }
            }
            Inverse::Reassign { previous } => {
                self.journal.begin(self.assignment.len());
                for (pot, lines) in previous {
                    for line in lines {
                        self.set_pot(line, pot);
                    }
                }
            }
            Inverse::Replace(old) => {
                *self = *old;
                self.journal.start_afresh();
            }
        }
    }
}

impl Inverse {
    /// Whether everything this inverse would restore fits a place of `lines` lines.
    pub(super) fn fits(&self, lines: usize) -> bool {
        let within = |moved: &[u32]| moved.iter().all(|&line| (line as usize) < lines);
        match self {
            Inverse::RestorePot { lines: moved, .. } => within(moved),
            Inverse::Reassign { previous } => previous.iter().all(|(_, moved)| within(moved)),
            Inverse::Replace(old) => old.validate(lines).is_ok(),
            Inverse::RemovePot(_)
            | Inverse::Rename { .. }
            | Inverse::Recolour { .. }
            | Inverse::Policy { .. }
            | Inverse::Notes { .. }
            | Inverse::Outcomes { .. } => true,
        }
    }
}

impl Edit {
    /// Whether this edit, redone, can only name lines of a place of `lines` lines.
    pub(super) fn fits(&self, lines: usize) -> bool {
        match self {
            Edit::MoveLines { lines: moved, .. } => {
                moved.iter().all(|&line| (line as usize) < lines)
            }
            Edit::Replace { scenario } => scenario.validate(lines).is_ok(),
            _ => true,
        }
    }
}
