//! Every change to the loaded place is a [`PlaceCommand`], applied by [`apply`] alone (as
//! [`Editor::apply`] is for the scenario): it updates the place and keeps the scenario covering
//! every line, so no caller has to remember to.

use crate::import::{FixError, ImportReport, ReadFile};
use crate::names::{self, NameField};
use crate::scenario::Scenarios;

use super::Place;

/// A change to the loaded place.
pub enum PlaceCommand {
    /// Shows another place: a sample, the work restored from this browser, or a fresh place
    /// for the person's first file. With `scenarios`, they come too when they all fit the
    /// place.
    Replace {
        place: Box<Place>,
        scenarios: Option<Scenarios>,
    },
    /// Adds a file read to the end (by an [`crate::import::Importer`], here or in a worker).
    AddFile {
        file: Box<ReadFile>,
        fingerprint: u64,
        bytes: u64,
    },
    /// Replaces the problem cell of a row needing attention and reads the row again.
    FixRow {
        file: usize,
        issue: usize,
        value: String,
    },
    /// Leaves a row needing attention out, on purpose.
    LeaveOut { file: usize, issue: usize },
    /// Takes back a row left out: it needs attention again.
    TakeBack { file: usize, left_out: usize },
    /// Gives a council (by GSS code) to the lines of a recipient its files did not place, and
    /// remembers it for the next file.
    AssignPlace { recipient: String, code: String },
    /// Takes back the place given to a recipient.
    UnassignPlace { recipient: String },
    /// Merges a funder's or programme's name into another on every line, and remembers it for
    /// the next file ([`crate::names::merge`]).
    MergeNames {
        field: NameField,
        from: String,
        into: String,
    },
    /// Takes back a merge by hand.
    UnmergeName { field: NameField, from: String },
    /// Removes a loaded file and its lines ([`Place::remove_file`]).
    RemoveFile { file: usize },
    /// Puts back the place and the scenarios as they were before a file was removed.
    PutBack {
        place: Box<Place>,
        scenarios: Box<Scenarios>,
    },
}

/// What a command did.
#[derive(Debug, Clone, PartialEq)]
pub enum PlaceChange {
    /// The place was replaced. `pots_dropped` when the pots given did not fit it (made for
    /// other data), so it starts with none.
    Replaced { pots_dropped: bool },
    /// A file was added, with its report.
    Added(Box<ImportReport>),
    /// A row became a funding line.
    Fixed,
    /// A row was left out.
    LeftOut,
    /// A row left out needs attention again.
    TakenBack,
    /// A recipient's lines were given a place (or had it taken back): how many, and their money.
    Placed {
        lines: usize,
        money: crate::model::Pence,
    },
    /// Names were merged (or a merge taken back): how many lines are shown under another name.
    Renamed { lines: usize },
    /// A file was removed: its name, and its lines and money.
    Removed {
        name: String,
        lines: usize,
        money: crate::model::Pence,
    },
    /// A removed file was put back.
    PutBack,
}

/// Applies `command` to `place`, keeping every one of `scenarios` covering every line (new
/// lines start in no pot). On failure nothing changes.
pub fn apply(
    place: &mut Place,
    scenarios: &mut Scenarios,
    command: PlaceCommand,
) -> Result<PlaceChange, FixError> {
    let change = match command {
        PlaceCommand::Replace {
            place: replacement,
            scenarios: given,
        } => {
            *place = *replacement;
            let lines = place.dataset.lines.len();
            let fits = given.as_ref().map(|s| s.validate(lines).is_ok());
            *scenarios = match given {
                Some(given) if fits == Some(true) => given,
                _ => Scenarios::new(lines),
            };
            return Ok(PlaceChange::Replaced {
                pots_dropped: fits == Some(false),
            });
        }
        PlaceCommand::AddFile {
            file,
            fingerprint,
            bytes,
        } => {
            let report = file.add_to(&mut place.dataset);
            place.add_file(report.clone(), fingerprint, bytes);
            PlaceChange::Added(Box::new(report))
        }
        PlaceCommand::FixRow { file, issue, value } => {
            place.fix_row(file, issue, &value)?;
            PlaceChange::Fixed
        }
        PlaceCommand::LeaveOut { file, issue } => {
            place.leave_out(file, issue)?;
            PlaceChange::LeftOut
        }
        PlaceCommand::TakeBack { file, left_out } => {
            place.take_back(file, left_out)?;
            PlaceChange::TakenBack
        }
        PlaceCommand::AssignPlace { recipient, code } => {
            let (lines, money) = place.assign_place(&recipient, &code)?;
            PlaceChange::Placed { lines, money }
        }
        PlaceCommand::UnassignPlace { recipient } => {
            let (lines, money) = place.unassign_place(&recipient)?;
            PlaceChange::Placed { lines, money }
        }
        PlaceCommand::MergeNames { field, from, into } => {
            let lines = names::merge(&mut place.dataset, field, &from, &into)?;
            PlaceChange::Renamed { lines }
        }
        PlaceCommand::RemoveFile { file } => {
            let removed = place.remove_file(scenarios, file)?;
            PlaceChange::Removed {
                name: removed.name,
                lines: removed.lines,
                money: removed.money,
            }
        }
        PlaceCommand::PutBack {
            place: before,
            scenarios: scenarios_before,
        } => {
            *place = *before;
            *scenarios = *scenarios_before;
            PlaceChange::PutBack
        }
        PlaceCommand::UnmergeName { field, from } => {
            let lines = names::unmerge(&mut place.dataset, field, &from)?;
            PlaceChange::Renamed { lines }
        }
    };
    let lines = place.dataset.lines.len();
    for editor in scenarios.each_mut() {
        editor.scenario.cover_lines(lines);
    }
    Ok(change)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ImportOptions, Importer};
    use crate::place::fingerprint;
    use crate::scenario::Editor;
    use crate::scenario::PotPolicy;

    /// Reads `text` as the page does for a workbook's rows: the importer interns into the
    /// place's strings as it goes.
    fn read(place: &mut Place, name: &str, text: &str) -> Importer {
        let mut importer = Importer::start(
            &place.dataset,
            name,
            text.as_bytes().to_vec(),
            ImportOptions::default(),
        )
        .unwrap();
        while !importer.step(&mut place.dataset.strings, 10).unwrap() {}
        importer
    }

    #[test]
    fn every_change_keeps_the_scenario_covering_every_line() {
        let mut place = Place::default();
        let mut editor = Scenarios::new(0);
        let text = "Funder,Amount\nDfT,10\nDfT,TBC\n";
        let reader = read(&mut place, "a.csv", text);
        let change = apply(
            &mut place,
            &mut editor,
            PlaceCommand::AddFile {
                file: Box::new(reader.into_read()),
                fingerprint: fingerprint(text.as_bytes()),
                bytes: text.len() as u64,
            },
        )
        .unwrap();
        assert!(matches!(change, PlaceChange::Added(report) if report.lines_imported == 1));
        assert_eq!(editor.scenario.lines(), 1);
        let fixed = PlaceCommand::FixRow {
            file: 0,
            issue: 0,
            value: "5".into(),
        };
        assert_eq!(
            apply(&mut place, &mut editor, fixed),
            Ok(PlaceChange::Fixed)
        );
        assert_eq!(
            editor.scenario.lines(),
            2,
            "the fixed row's line is covered"
        );
        let gone = PlaceCommand::LeaveOut { file: 0, issue: 0 };
        assert_eq!(
            apply(&mut place, &mut editor, gone),
            Err(FixError::NoSuchIssue),
            "nothing is left to leave out, and the caller hears so"
        );
    }

    #[test]
    fn replacing_keeps_pots_that_fit_and_says_when_they_do_not() {
        let sample = crate::import::dataset_from(b"Funder,Amount\nDfT,10\nMoJ,5\n");
        let place = Place {
            dataset: sample,
            ..Place::default()
        };
        let fitting =
            crate::scenario::test_support::editor_with_pot(2, "P", PotPolicy::LiftRingfence, &[1]);
        let (mut shown, mut editor) = (Place::default(), Scenarios::new(0));
        let change = apply(
            &mut shown,
            &mut editor,
            PlaceCommand::Replace {
                place: Box::new(place.clone()),
                scenarios: Some(Scenarios::single(fitting.clone())),
            },
        );
        assert_eq!(
            change,
            Ok(PlaceChange::Replaced {
                pots_dropped: false
            })
        );
        assert_eq!(*editor, fitting);
        let other =
            crate::scenario::test_support::editor_with_pot(7, "P", PotPolicy::LiftRingfence, &[1]);
        let change = apply(
            &mut shown,
            &mut editor,
            PlaceCommand::Replace {
                place: Box::new(place),
                scenarios: Some(Scenarios::single(other)),
            },
        );
        assert_eq!(change, Ok(PlaceChange::Replaced { pots_dropped: true }));
        assert_eq!(*editor, Editor::new(2));
    }
}
