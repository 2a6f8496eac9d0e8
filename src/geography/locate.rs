//! Finding a funding line's place from what its file says, in a fixed order.

use super::{gazetteer, is_gss_code, Area};
pub use crate::model::PlaceBasis;

/// What a row says that can place it, and what the person chose.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlaceClues<'a> {
    /// The geographic-code column (GrantNav's `Recipient District Geographic Code`,
    /// 360Giving's `Beneficiary Location:Geographic Code`, or a column mapped as "Place code").
    pub code: &'a str,
    /// The recipient's organisation identifier.
    pub org_id: &'a str,
    /// The recipient's name.
    pub recipient: &'a str,
    /// The place the person chose for the whole file, by GSS code.
    pub whole_file: Option<&'a str>,
    /// The place the person assigned to this recipient, by GSS code.
    pub assigned: Option<&'a str>,
}

/// A line's place: a council's GSS code, in this order, else none and why:
/// 1. the geographic code, when it is a council's (a retired council's code becomes its
///    successor's, when exactly one council replaced it);
/// 2. the recipient's organisation identifier, when it is a council's;
/// 3. the recipient's name, when it names a council exactly;
/// 4. the place chosen for the whole file;
/// 5. the place assigned to the recipient.
pub fn locate(clues: &PlaceClues) -> (Option<&'static Area>, PlaceBasis) {
    let g = gazetteer();
    let code = clues.code.trim();
    // In order, each looked up only when the ones before it found nothing.
    let found = g
        .by_code(code)
        .map(|a| (a, PlaceBasis::Code))
        .or_else(|| {
            g.by_org_id(clues.org_id)
                .map(|a| (a, PlaceBasis::OrganisationId))
        })
        .or_else(|| {
            g.by_name(clues.recipient)
                .map(|a| (a, PlaceBasis::RecipientName))
        })
        .or_else(|| {
            let area = clues.whole_file.and_then(|c| g.by_code(c));
            area.map(|a| (a, PlaceBasis::WholeFile))
        })
        .or_else(|| {
            let area = clues.assigned.and_then(|c| g.by_code(c));
            area.map(|a| (a, PlaceBasis::Assigned))
        });
    if let Some((area, basis)) = found {
        return (Some(area), basis);
    }
    let why = if !code.is_empty() && !is_gss_code(code) {
        PlaceBasis::CodeNotGss
    } else if !code.is_empty() {
        PlaceBasis::CodeNotCouncil
    } else if !clues.org_id.trim().is_empty() || !clues.recipient.trim().is_empty() {
        PlaceBasis::NotACouncil
    } else {
        PlaceBasis::NoClue
    };
    (None, why)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(clues: PlaceClues) -> (Option<&'static str>, PlaceBasis) {
        let (area, basis) = locate(&clues);
        (area.map(|a| a.code), basis)
    }

    #[test]
    fn the_code_comes_first_then_the_identifier_then_the_name_then_the_choices() {
        let durham = Some("E06000047");
        let clues = PlaceClues {
            code: "E06000047",
            org_id: "GB-LAE-TRF",
            recipient: "Trafford Council",
            ..PlaceClues::default()
        };
        assert_eq!(place(clues), (durham, PlaceBasis::Code));
        let clues = PlaceClues {
            code: "K02000001",
            org_id: "GB-LAE-DUR",
            ..clues
        };
        assert_eq!(place(clues), (durham, PlaceBasis::OrganisationId));
        let clues = PlaceClues {
            code: "",
            org_id: "GB-CHC-123",
            recipient: "Durham County Council",
            ..clues
        };
        assert_eq!(place(clues), (durham, PlaceBasis::RecipientName));
        let clues = PlaceClues {
            recipient: "Age UK Durham",
            whole_file: Some("E06000047"),
            ..clues
        };
        assert_eq!(place(clues), (durham, PlaceBasis::WholeFile));
        let clues = PlaceClues {
            whole_file: None,
            assigned: Some("E06000047"),
            ..clues
        };
        assert_eq!(place(clues), (durham, PlaceBasis::Assigned));
    }

    #[test]
    fn an_unknown_place_says_why() {
        let why = |code, recipient| {
            place(PlaceClues {
                code,
                recipient,
                ..PlaceClues::default()
            })
        };
        assert_eq!(why("DUR", ""), (None, PlaceBasis::CodeNotGss));
        assert_eq!(why("K02000001", ""), (None, PlaceBasis::CodeNotCouncil));
        assert_eq!(why("", "Age UK Durham"), (None, PlaceBasis::NotACouncil));
        assert_eq!(why("", ""), (None, PlaceBasis::NoClue));
        assert!(PlaceBasis::NoClue.reason().is_some() && PlaceBasis::Code.reason().is_none());
    }
}
