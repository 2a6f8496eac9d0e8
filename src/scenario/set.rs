//! A place's named scenarios, one of them open. Each keeps its own [`Editor`] (pots and undo
//! history); the set changes only through [`Scenarios::change`], and every place change reaches
//! every scenario through [`Scenarios::each_mut`]. The set dereferences to the open scenario's
//! editor, so code about "the scenario" reads the open one.

use serde::{Deserialize, Serialize};

use super::{CommandError, Editor};

/// One named scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedScenario {
    pub name: String,
    pub editor: Editor,
}

/// The place's scenarios and which is open. Never empty: one read back empty, or with no
/// scenario open, is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ScenariosRecord")]
pub struct Scenarios {
    list: Vec<NamedScenario>,
    open: usize,
}

/// [`Scenarios`] as read, before it is checked.
#[derive(Deserialize)]
struct ScenariosRecord {
    list: Vec<NamedScenario>,
    open: usize,
}

impl TryFrom<ScenariosRecord> for Scenarios {
    type Error = String;
    fn try_from(record: ScenariosRecord) -> Result<Scenarios, String> {
        if record.open < record.list.len() {
            Ok(Scenarios {
                list: record.list,
                open: record.open,
            })
        } else {
            Err("no scenario is open".to_owned())
        }
    }
}

/// The name of a place's first scenario.
pub const FIRST_SCENARIO: &str = "Scenario 1";
/// How many scenarios can be compared side by side.
pub const COMPARED: usize = 4;

/// A change to the set of scenarios. [`Scenarios::change`] returns the command that undoes
/// it, whose own undo redoes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetCommand {
    /// A new scenario with no pots, opened.
    New {
        name: String,
    },
    /// A copy of the open scenario (its pots, not its history), opened.
    Duplicate {
        name: String,
    },
    Rename {
        index: usize,
        name: String,
    },
    /// Deletes a scenario (the last one cannot be), then opens `then_open` if given.
    Delete {
        index: usize,
        then_open: Option<usize>,
    },
    /// Puts a scenario back at `index` (undoing a deletion), history and all, and opens `open`.
    Insert {
        index: usize,
        named: Box<NamedScenario>,
        open: usize,
    },
    Open {
        index: usize,
    },
    /// Replaces every scenario (opening a scenario file).
    ReplaceAll(Box<Scenarios>),
}

impl Default for Scenarios {
    fn default() -> Scenarios {
        Scenarios::single(Editor::default())
    }
}

impl std::ops::Deref for Scenarios {
    type Target = Editor;
    fn deref(&self) -> &Editor {
        &self.list[self.open].editor
    }
}

impl std::ops::DerefMut for Scenarios {
    fn deref_mut(&mut self) -> &mut Editor {
        &mut self.list[self.open].editor
    }
}

impl Scenarios {
    /// One scenario, "Scenario 1", with `editor`.
    pub fn single(editor: Editor) -> Scenarios {
        Scenarios {
            list: vec![NamedScenario {
                name: FIRST_SCENARIO.to_owned(),
                editor,
            }],
            open: 0,
        }
    }

    /// One empty scenario for a place of `lines` lines.
    pub fn new(lines: usize) -> Scenarios {
        Scenarios::single(Editor::new(lines))
    }

    /// Scenarios read from a file or saved work: the names and editors given, the first open.
    pub fn from_list(list: Vec<NamedScenario>) -> Option<Scenarios> {
        (!list.is_empty()).then_some(Scenarios { list, open: 0 })
    }

    /// Every scenario, in order.
    pub fn list(&self) -> &[NamedScenario] {
        &self.list
    }

    /// Which scenario is open.
    pub fn open_index(&self) -> usize {
        self.open
    }

    /// The open scenario's name.
    pub fn open_name(&self) -> &str {
        &self.list[self.open].name
    }

    /// Every scenario's editor, for a place change that reaches them all.
    pub fn each_mut(&mut self) -> impl Iterator<Item = &mut Editor> {
        self.list.iter_mut().map(|named| &mut named.editor)
    }

    /// Checks every scenario against a place of `lines` lines.
    pub fn validate(&self, lines: usize) -> Result<(), CommandError> {
        if self.open >= self.list.len() {
            return Err(CommandError::Invalid("no scenario is open".to_owned()));
        }
        self.list
            .iter()
            .try_for_each(|named| named.editor.validate(lines))
    }

    /// A name no scenario has yet: "Scenario 2", "Scenario 3"…
    pub fn next_name(&self) -> String {
        (self.list.len() + 1..)
            .map(|n| format!("Scenario {n}"))
            .find(|name| !self.has_name(name))
            .expect("some number is free")
    }

    /// "Copy of X" (or "Copy of X (2)"…), free.
    pub fn copy_name(&self) -> String {
        let base = format!("Copy of {}", self.open_name());
        std::iter::once(base.clone())
            .chain((2..).map(|n| format!("{base} ({n})")))
            .find(|name| !self.has_name(name))
            .expect("some number is free")
    }

    fn has_name(&self, name: &str) -> bool {
        self.list.iter().any(|n| n.name == name)
    }

    fn checked_name(&self, name: &str, except: Option<usize>) -> Result<String, CommandError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(CommandError::BlankName);
        }
        if self
            .list
            .iter()
            .enumerate()
            .any(|(at, n)| Some(at) != except && n.name == name)
        {
            return Err(CommandError::Invalid(format!(
                "there is already a scenario called “{name}”"
            )));
        }
        Ok(name.to_owned())
    }

    /// Applies a change to the set and returns the command that undoes it. On failure
    /// nothing changes.
    pub fn change(&mut self, command: SetCommand) -> Result<SetCommand, CommandError> {
        let lines = self.scenario.lines();
        let was_open = self.open;
        let inverse = match command {
            SetCommand::New { name } => {
                let name = self.checked_name(&name, None)?;
                self.push(name, Editor::new(lines), was_open)
            }
            SetCommand::Duplicate { name } => {
                let name = self.checked_name(&name, None)?;
                let copy = Editor::keeping_pots(&self.scenario, &[]);
                self.push(name, copy, was_open)
            }
            SetCommand::Rename { index, name } => {
                let name = self.checked_name(&name, Some(index))?;
                let named = self.list.get_mut(index).ok_or_else(|| no_such(index))?;
                let old = std::mem::replace(&mut named.name, name);
                SetCommand::Rename { index, name: old }
            }
            SetCommand::Delete { index, then_open } => {
                if index >= self.list.len() {
                    return Err(no_such(index));
                }
                if self.list.len() == 1 {
                    return Err(CommandError::Invalid(
                        "a place keeps at least one scenario".to_owned(),
                    ));
                }
                let named = self.list.remove(index);
                self.open = match then_open {
                    Some(open) if open < self.list.len() => open,
                    _ if self.open > index || self.open >= self.list.len() => {
                        self.open.saturating_sub(1)
                    }
                    _ => self.open,
                };
                SetCommand::Insert {
                    index,
                    named: Box::new(named),
                    open: was_open,
                }
            }
            SetCommand::Insert { index, named, open } => {
                if index > self.list.len() || open > self.list.len() {
                    return Err(no_such(index));
                }
                self.list.insert(index, *named);
                self.open = open;
                SetCommand::Delete {
                    index,
                    then_open: Some(was_open),
                }
            }
            SetCommand::Open { index } => {
                if index >= self.list.len() {
                    return Err(no_such(index));
                }
                self.open = index;
                SetCommand::Open { index: was_open }
            }
            SetCommand::ReplaceAll(all) => {
                SetCommand::ReplaceAll(Box::new(std::mem::replace(self, *all)))
            }
        };
        Ok(inverse)
    }

    /// Adds a scenario at the end and opens it; its undo deletes it and opens `was_open`.
    fn push(&mut self, name: String, editor: Editor, was_open: usize) -> SetCommand {
        self.list.push(NamedScenario { name, editor });
        self.open = self.list.len() - 1;
        SetCommand::Delete {
            index: self.open,
            then_open: Some(was_open),
        }
    }
}

fn no_such(index: usize) -> CommandError {
    CommandError::Invalid(format!("there is no scenario {}", index + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{test_support::editor_with_pot, PotPolicy};

    #[test]
    fn scenarios_are_made_copied_renamed_opened_and_deleted_each_with_its_own_pots() {
        let mut set = Scenarios::single(editor_with_pot(3, "P", PotPolicy::LiftRingfence, &[1]));
        assert_eq!(set.open_name(), FIRST_SCENARIO);
        set.change(SetCommand::Duplicate {
            name: set.copy_name(),
        })
        .unwrap();
        assert_eq!(set.open_name(), "Copy of Scenario 1");
        assert_eq!(set.scenario.pots.len(), 1, "a copy has the pots");
        assert!(!set.can_undo(), "but not the history");
        set.change(SetCommand::New {
            name: set.next_name(),
        })
        .unwrap();
        assert_eq!(set.open_name(), "Scenario 3");
        assert!(set.scenario.pots.is_empty());
        assert_eq!(set.scenario.lines(), 3);
        assert!(set
            .change(SetCommand::Rename {
                index: 2,
                name: "Scenario 1".into()
            })
            .is_err());
        set.change(SetCommand::Rename {
            index: 2,
            name: " Children first ".into(),
        })
        .unwrap();
        set.change(SetCommand::Open { index: 0 }).unwrap();
        assert!(set.can_undo(), "the first keeps its own history");
        let undo = set
            .change(SetCommand::Delete {
                index: 0,
                then_open: None,
            })
            .unwrap();
        assert_eq!(set.open_name(), "Copy of Scenario 1");
        let redo = set.change(undo).unwrap();
        assert_eq!(set.open_name(), FIRST_SCENARIO);
        assert!(set.can_undo(), "a deletion undone brings the history back");
        set.change(redo).unwrap();
        let names: Vec<&str> = set.list().iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["Copy of Scenario 1", "Children first"]);
        set.change(SetCommand::Delete {
            index: 1,
            then_open: None,
        })
        .unwrap();
        assert!(set
            .change(SetCommand::Delete {
                index: 0,
                then_open: None
            })
            .is_err());
        assert!(set.validate(3).is_ok() && set.validate(4).is_err());
    }
}
