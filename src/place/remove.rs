//! Removing one loaded file: its lines leave the place, the other files' lines keep their
//! pots, and the rows of every other file still reconcile.

use super::Place;
use crate::import::FixError;
use crate::model::Pence;
use crate::scenario::{Editor, Scenarios};

/// What removing a file took away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedFile {
    pub name: String,
    pub lines: usize,
    pub money: Pence,
}

impl Place {
    /// Removes file `file` and its funding lines; later files move up one. The scenario keeps
    /// every other line's pot; its undo history named lines by position, so it starts afresh
    /// (putting the file back restores the editor as it was, history and all).
    pub fn remove_file(
        &mut self,
        scenarios: &mut Scenarios,
        file: usize,
    ) -> Result<RemovedFile, FixError> {
        if file >= self.files.len() {
            return Err(FixError::NoSuchIssue);
        }
        let file_index = file as u16;
        let dataset = &mut self.dataset;
        let (mut lines, mut money) = (0, Pence(0));
        let kept: Vec<bool> = dataset
            .lines
            .iter()
            .map(|line| {
                let keep = line.source.file != file_index;
                if !keep {
                    lines += 1;
                    money += line.amount;
                }
                keep
            })
            .collect();
        let mut keep = kept.iter().copied();
        dataset.lines.retain(|_| keep.next().unwrap_or(true));
        for line in &mut dataset.lines {
            if line.source.file > file_index {
                line.source.file -= 1;
            }
        }
        dataset.sources.remove(file);
        let removed = self.files.remove(file);
        if self.files.is_empty() {
            self.origin = super::Origin::Empty;
        }
        self.dataset.lines_changed();
        for editor in scenarios.each_mut() {
            *editor = Editor::keeping_pots(&editor.scenario, &kept);
        }
        Ok(RemovedFile {
            name: removed.report.file,
            lines,
            money,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_file, ImportOptions};
    use crate::place::{apply, fingerprint, PlaceChange, PlaceCommand};
    use crate::scenario::{Command, Edit, PotPolicy};

    fn load(place: &mut Place, name: &str, text: &str) {
        let bytes = text.as_bytes().to_vec();
        let report =
            import_file(&mut place.dataset, name, bytes, ImportOptions::default()).unwrap();
        place.add_file(report, fingerprint(text.as_bytes()), text.len() as u64);
    }

    #[test]
    fn removing_a_file_keeps_the_other_lines_and_their_pots_and_can_be_put_back() {
        let mut place = Place::default();
        load(&mut place, "a.csv", "Funder,Amount\nDfT,10\nDfT,TBC\n");
        load(&mut place, "b.csv", "Funder,Amount\nMoJ,5\nMoJ,6\n");
        load(&mut place, "c.csv", "Funder,Amount\nHO,7\n");
        place.fix_row(0, 0, "2").unwrap();
        let mut editor = Scenarios::new(place.dataset.lines.len());
        let create = Edit::CreatePot {
            name: "Justice".into(),
            colour: 0,
            policy: PotPolicy::LiftRingfence,
        };
        editor.apply(Command::Edit(create)).unwrap();
        let pot = editor.newest_pot();
        let move_all = Edit::MoveLines {
            lines: vec![1, 2, 3, 4],
            to: pot,
        };
        editor.apply(Command::Edit(move_all)).unwrap();
        let before = (place.clone(), editor.clone());

        let change = apply(
            &mut place,
            &mut editor,
            PlaceCommand::RemoveFile { file: 0 },
        );
        assert_eq!(
            change,
            Ok(PlaceChange::Removed {
                name: "a.csv".into(),
                lines: 2,
                money: Pence(1_200),
            })
        );
        let funders: Vec<&str> = place
            .dataset
            .lines
            .iter()
            .map(|line| place.dataset.text(line.funder))
            .collect();
        assert_eq!(
            funders,
            ["Ministry of Justice", "Ministry of Justice", "Home Office"]
        );
        let files: Vec<u16> = place.dataset.lines.iter().map(|l| l.source.file).collect();
        assert_eq!(files, [0, 0, 1]);
        assert_eq!(place.dataset.sources[1].name, "c.csv");
        let pots: Vec<_> = (0..3).map(|i| editor.scenario.pot_of(i)).collect();
        assert_eq!(pots, [pot, pot, pot]);
        assert!(!editor.can_undo(), "the history named lines by position");
        assert!(place.summary().reconciles(&place.dataset));
        assert!(place.check().is_ok());
        assert!(editor.validate(place.dataset.lines.len()).is_ok());

        let (old_place, old_editor) = before.clone();
        let put_back = PlaceCommand::PutBack {
            place: Box::new(old_place),
            scenarios: Box::new(old_editor),
        };
        assert_eq!(
            apply(&mut place, &mut editor, put_back),
            Ok(PlaceChange::PutBack)
        );
        assert_eq!(place.dataset.lines, before.0.dataset.lines);
        assert_eq!(editor.scenario, before.1.scenario);
        assert!(editor.can_undo());
        assert_eq!(
            apply(
                &mut place,
                &mut editor,
                PlaceCommand::RemoveFile { file: 3 }
            ),
            Err(FixError::NoSuchIssue)
        );
    }
}
