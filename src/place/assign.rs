//! Places a person gives to recipients whose lines their files did not place: one action
//! places all of that recipient's lines, is remembered for the next file, and can be taken
//! back.

use super::Place;
use crate::geography::gazetteer;
use crate::import::FixError;
use crate::model::{Pence, PlaceBasis, StringPool};

/// True when a line's own file said where it goes; a person's choice never overrides that.
fn placed_by_its_file(basis: PlaceBasis) -> bool {
    matches!(
        basis,
        PlaceBasis::Code
            | PlaceBasis::OrganisationId
            | PlaceBasis::RecipientName
            | PlaceBasis::WholeFile
    )
}

impl Place {
    /// Gives the council `code` to every line of `recipient` that its file did not place, and
    /// remembers it for files added later. Returns how many lines it placed and their money.
    pub fn assign_place(
        &mut self,
        recipient: &str,
        code: &str,
    ) -> Result<(usize, Pence), FixError> {
        let area = gazetteer().by_code(code).ok_or_else(|| {
            FixError::StillUnreadable(format!("“{code}” is not a council grantpool knows"))
        })?;
        let dataset = &mut self.dataset;
        let who = dataset
            .strings
            .find(recipient)
            .filter(|&sym| sym != StringPool::BLANK)
            .ok_or(FixError::NoSuchIssue)?;
        let sym = dataset.strings.intern(area.code);
        let (mut lines, mut money) = (0, Pence(0));
        for line in dataset.lines.iter_mut() {
            if line.recipient == who && !placed_by_its_file(line.place_basis) {
                line.area = sym;
                line.place_basis = PlaceBasis::Assigned;
                lines += 1;
                money += line.amount;
            }
        }
        dataset
            .assigned_places
            .insert(recipient.to_owned(), area.code.to_owned());
        dataset.lines_changed();
        Ok((lines, money))
    }

    /// Takes back the place given to `recipient`: its lines that their files did not place
    /// have no place again, and later files are not placed by it.
    pub fn unassign_place(&mut self, recipient: &str) -> Result<(usize, Pence), FixError> {
        let dataset = &mut self.dataset;
        dataset
            .assigned_places
            .remove(recipient)
            .ok_or(FixError::NoSuchIssue)?;
        let who = dataset.strings.find(recipient);
        let (mut lines, mut money) = (0, Pence(0));
        for line in dataset.lines.iter_mut() {
            if Some(line.recipient) == who && line.place_basis == PlaceBasis::Assigned {
                line.area = StringPool::BLANK;
                line.place_basis = PlaceBasis::NotACouncil;
                lines += 1;
                money += line.amount;
            }
        }
        dataset.lines_changed();
        Ok((lines, money))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_file, ImportOptions};
    use crate::view::{PlaceChoice, View, YearChoice};

    fn add(place: &mut Place, name: &str, text: &str) {
        let report = import_file(
            &mut place.dataset,
            name,
            text.as_bytes().to_vec(),
            ImportOptions::default(),
        )
        .unwrap();
        place.add_file(
            report,
            crate::place::fingerprint(text.as_bytes()),
            text.len() as u64,
        );
    }

    fn lines_in(place: &Place, code: &str) -> usize {
        let view = View {
            place: PlaceChoice::Area(code.into()),
            year: YearChoice::All,
        };
        view.filter(&place.dataset).lines(&place.dataset).count()
    }

    #[test]
    fn one_action_places_a_recipient_is_remembered_and_can_be_taken_back() {
        let mut place = Place::default();
        add(
            &mut place,
            "a.csv",
            "Funder,Recipient,Amount,Place code\nDfT,Age UK Kent,100,\nDfT,Age UK Kent,50,E06000047\nDfT,Other,7,\n",
        );
        assert_eq!(lines_in(&place, "E10000016"), 0);
        assert_eq!(
            place.assign_place("Age UK Kent", "E10000016"),
            Ok((1, Pence(10_000)))
        );
        assert_eq!(
            lines_in(&place, "E10000016"),
            1,
            "the indexed view sees the change"
        );
        assert_eq!(
            lines_in(&place, "E06000047"),
            1,
            "a line its file placed keeps its place"
        );
        // The next file's lines for the same recipient are placed too.
        add(
            &mut place,
            "b.csv",
            "Funder,Recipient,Amount\nMoJ,Age UK Kent,30\n",
        );
        assert_eq!(lines_in(&place, "E10000016"), 2);
        assert_eq!(place.unassign_place("Age UK Kent"), Ok((2, Pence(13_000))));
        assert_eq!(lines_in(&place, "E10000016"), 0);
        assert!(place.assign_place("Age UK Kent", "X1").is_err());
        assert!(place.assign_place("Nobody", "E10000016").is_err());
        assert!(
            place.unassign_place("Age UK Kent").is_err(),
            "nothing left to take back"
        );
    }
}
