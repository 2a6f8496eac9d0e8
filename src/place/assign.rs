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
        let view = View::of(PlaceChoice::Area(code.into()), YearChoice::All);
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

impl Place {
    /// Gives a place and a year, where the lines still hold what they need, to lines saved
    /// before grantpool read places and years: a year from the award date, and a place from a
    /// recipient that names a council (or was given a place). Lines read since then already
    /// say how their place and year were found, so they are left as they are.
    pub fn fill_places_and_years(&mut self) {
        let dataset = &mut self.dataset;
        let mut changed = false;
        for index in 0..dataset.lines.len() {
            let line = &dataset.lines[index];
            let saved_before_years = line.year.is_none()
                && line.year_basis == crate::model::YearBasis::NoDate
                && (line.award_date.is_some() || line.start_date.is_some());
            // The recipient's text is only read when the line may need a place: reading it
            // for every line of a million costs more than the rest of this pass.
            let recipient =
                if line.area == StringPool::BLANK && line.place_basis == PlaceBasis::NoClue {
                    dataset.strings.get(line.recipient)
                } else {
                    ""
                };
            let saved_before_places = !recipient.is_empty();
            if !(saved_before_years || saved_before_places) {
                continue;
            }
            let (year, year_basis) = if saved_before_years {
                crate::years::locate_year(Ok(None), line.award_date, line.start_date, false)
            } else {
                (line.year, line.year_basis)
            };
            let (area, place_basis) = if saved_before_places {
                crate::geography::locate(&crate::geography::PlaceClues {
                    recipient,
                    assigned: dataset.assigned_places.get(recipient).map(String::as_str),
                    ..Default::default()
                })
            } else {
                (None, line.place_basis)
            };
            let area = area.map(|a| dataset.strings.intern(a.code));
            let line = &mut dataset.lines[index];
            line.year = year;
            line.year_basis = year_basis;
            if saved_before_places {
                line.area = area.unwrap_or(StringPool::BLANK);
                line.place_basis = place_basis;
            }
            changed = true;
        }
        if changed {
            dataset.lines_changed();
        }
    }
}

#[cfg(test)]
mod migration_tests {
    use super::*;

    #[test]
    fn lines_saved_before_places_and_years_get_them_from_what_they_hold() {
        let mut place = Place::default();
        let report = crate::import::import_file(
            &mut place.dataset,
            "old.csv",
            b"Funder,Recipient,Amount,Award Date\nDfT,Durham County Council,1,2016-06-01\nDfT,Age UK,2,\n".to_vec(),
            crate::import::ImportOptions::default(),
        )
        .unwrap();
        place.add_file(report, 1, 1);
        // As saved by the version before: no place, no year, nothing said about either.
        for line in &mut place.dataset.lines {
            line.area = StringPool::BLANK;
            line.place_basis = PlaceBasis::NoClue;
            line.year = None;
            line.year_basis = crate::model::YearBasis::NoDate;
        }
        place.fill_places_and_years();
        let first = &place.dataset.lines[0];
        assert_eq!(place.dataset.text(first.area), "E06000047");
        assert_eq!(first.year, Some(crate::model::FinancialYear(2016)));
        let second = &place.dataset.lines[1];
        assert_eq!(
            (second.area, second.place_basis),
            (StringPool::BLANK, PlaceBasis::NotACouncil)
        );
        assert_eq!(second.year, None);
        // Lines read now are left as they are.
        let before = place.dataset.lines.clone();
        place.fill_places_and_years();
        assert_eq!(place.dataset.lines, before);
    }
}
