//! What a person writes into the board pack: its title and subtitle, when changed from the
//! defaults, and a commentary under each section. Saved with the work.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::format;
use crate::scenario::Pot;

/// The board pack's words that are the person's own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackNotes {
    /// The title, when the person changed it.
    pub title: Option<String>,
    /// The subtitle, when the person changed it.
    pub subtitle: Option<String>,
    /// Commentary by section ("Summary", "Measures", "pot Safer Durham", …).
    pub commentary: BTreeMap<String, String>,
}

/// The pack's title until the person writes one: the place and year shown, or the data's
/// name ("Funding in County Durham, 2016-17: board pack").
pub fn default_title(shown: Option<&str>, source: &str) -> String {
    format!("Funding in {}: board pack", shown.unwrap_or(source))
}

/// The pack's subtitle until the person writes one: the scenario ("Redesigned as 2 pots:
/// Safer communities; Children and families").
pub fn default_subtitle(pots: &[Pot]) -> String {
    match pots.len() {
        0 => "Today’s funding, before any pots".to_owned(),
        n => format!(
            "Redesigned as {}: {}",
            format::counted(n as u64, "pot", "pots"),
            pots.iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{PotId, PotPolicy};

    #[test]
    fn the_defaults_name_the_place_year_and_scenario() {
        assert_eq!(
            default_title(Some("County Durham, 2016-17"), "x.csv"),
            "Funding in County Durham, 2016-17: board pack"
        );
        assert_eq!(
            default_title(None, "a.csv and b.csv"),
            "Funding in a.csv and b.csv: board pack"
        );
        let pot = |id, name: &str| Pot {
            id: PotId(id),
            name: name.into(),
            colour: 0,
            policy: PotPolicy::LiftRingfence,
            notes: String::new(),
            outcomes: Vec::new(),
        };
        assert_eq!(default_subtitle(&[]), "Today’s funding, before any pots");
        assert_eq!(
            default_subtitle(&[pot(1, "Health")]),
            "Redesigned as 1 pot: Health"
        );
        assert_eq!(
            default_subtitle(&[pot(1, "Health"), pot(2, "Safety")]),
            "Redesigned as 2 pots: Health; Safety"
        );
    }
}
