//! A dataset read back from saved work. Its strings are indexed once its lines are read, so
//! the strings only a grant's identifier names (a million of them at a million lines) are
//! left out of the index, as the importer leaves them out, and reading back does not hash
//! them.

use serde::Deserialize;

use super::{AssignedPlaces, Dataset, FundingLine, SavedStrings, SourceFile, StringPool, Sym};

/// A [`Dataset`] as saved: the same fields, in the same order, as its `Serialize` writes.
#[derive(Deserialize)]
pub(super) struct SavedDataset {
    strings: SavedStrings,
    #[serde(deserialize_with = "lines_reserved_as_read")]
    lines: Vec<FundingLine>,
    sources: Vec<SourceFile>,
    #[serde(default)]
    assigned_places: AssignedPlaces,
    #[serde(default)]
    merged_names: crate::names::NameMerges,
}

/// Lines read before the list is given room for all the lines it says it holds.
const PROVEN_LINES: usize = 1 << 16;

/// The lines, given room for as many as the list says once the first [`PROVEN_LINES`] have
/// been read (a list can claim any length, and claimed room is only trusted sixteenfold of
/// what was read), so a million lines are not moved each time the vector outgrows its room:
/// in the page those moves took about 90 ms of a 1M-line restore.
fn lines_reserved_as_read<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<FundingLine>, D::Error> {
    struct Lines;
    impl<'de> serde::de::Visitor<'de> for Lines {
        type Value = Vec<FundingLine>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of funding lines")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Vec<FundingLine>, A::Error> {
            let claimed = seq.size_hint().unwrap_or(0);
            let mut lines = Vec::with_capacity(claimed.min(PROVEN_LINES));
            while let Some(line) = seq.next_element()? {
                if lines.len() == lines.capacity() && lines.len() >= PROVEN_LINES {
                    let room = claimed.min(lines.len() * 16);
                    if room > lines.len() {
                        lines.reserve_exact(room - lines.len());
                    }
                }
                // Past what the list claimed (or with no claim, as in JSON), the vector grows
                // as vectors do.
                lines.push(line);
            }
            Ok(lines)
        }
    }
    deserializer.deserialize_seq(Lines)
}

/// How a string is named by the lines.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Named {
    Not,
    AsIdentifierOnly,
    Otherwise,
}

impl From<SavedDataset> for Dataset {
    fn from(saved: SavedDataset) -> Dataset {
        let mut named = vec![Named::Not; saved.strings.len()];
        for line in &saved.lines {
            let [identifier, others @ ..] = line.symbols();
            for sym in others {
                if let Some(slot) = named.get_mut(sym.0 as usize) {
                    *slot = Named::Otherwise;
                }
            }
            if let Some(slot) = named.get_mut(identifier.0 as usize) {
                if *slot == Named::Not {
                    *slot = Named::AsIdentifierOnly;
                }
            }
        }
        // A string the lines name as something else too (a save from before identifiers
        // were kept apart may share one) stays findable.
        let strings: StringPool = saved
            .strings
            .into_pool(|Sym(sym)| named[sym as usize] == Named::AsIdentifierOnly);
        Dataset {
            strings,
            lines: saved.lines,
            sources: saved.sources,
            assigned_places: saved.assigned_places,
            merged_names: saved.merged_names,
            index: Default::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_file, ImportOptions};

    fn dataset() -> Dataset {
        let mut dataset = Dataset::default();
        import_file(
            &mut dataset,
            "g.csv",
            b"Identifier,Funder,Title,Recipient,Amount\n\
              G-1,DfT,Buses,Durham CC,1\n\
              G-2,MoJ,G-1,Durham CC,2\n\
              DfT,DfT,Roads,Age UK,3\n"
                .to_vec(),
            ImportOptions::default(),
        )
        .unwrap();
        dataset
    }

    fn read_back(dataset: &Dataset) -> Dataset {
        postcard::from_bytes(&postcard::to_allocvec(dataset).unwrap()).unwrap()
    }

    #[test]
    fn identifiers_are_left_out_of_the_index_and_every_other_string_is_found_again() {
        let here = dataset();
        let mut back = read_back(&here);
        assert_eq!(back.lines, here.lines);
        assert_eq!(back.strings.len(), here.strings.len());
        for sym in (0..here.strings.len()).map(|i| Sym(i as u32)) {
            assert_eq!(back.strings.get(sym), here.strings.get(sym));
        }
        assert_eq!(
            back.strings.find("G-2"),
            None,
            "an identifier is not looked up"
        );
        for text in ["DfT", "MoJ", "Buses", "G-1", "Durham CC", "Age UK", "Roads"] {
            assert_eq!(
                back.strings.find(text),
                here.strings.find(text),
                "{text} is found as it was"
            );
        }
        // "G-1" is a title as well as an identifier, and "DfT" a funder as well: the lines'
        // other strings are found, so a new file's "DfT" joins the same funder.
        let dft = here.strings.find("DfT").unwrap();
        assert_eq!(back.strings.intern("DfT"), dft);
        let before = back.strings.len();
        assert_ne!(back.strings.intern("G-2"), here.lines[1].identifier);
        assert_eq!(back.strings.len(), before + 1);
    }

    #[test]
    fn more_lines_than_are_read_before_room_is_made_come_back_in_order() {
        let mut here = dataset();
        let first = here.lines[0].clone();
        here.lines = (0..PROVEN_LINES as u32 * 2 + 5)
            .map(|row| FundingLine {
                source: crate::model::SourceRow { file: 0, row },
                ..first.clone()
            })
            .collect();
        let back = read_back(&here);
        assert_eq!(back.lines, here.lines);
        let json = serde_json::to_string(&here).unwrap();
        assert_eq!(
            serde_json::from_str::<Dataset>(&json).unwrap().lines,
            here.lines
        );
    }

    #[test]
    fn a_string_that_is_an_identifier_and_a_title_in_one_symbol_stays_findable() {
        let mut here = dataset();
        // As a save from before identifiers were kept apart might hold: one symbol for both.
        here.lines[0].title = here.lines[0].identifier;
        let back = read_back(&here);
        assert_eq!(
            back.strings.find("G-1").map(|sym| back.strings.get(sym)),
            Some("G-1")
        );
        assert_eq!(back.strings.find("G-1"), Some(here.lines[0].identifier));
    }

    #[test]
    fn a_saved_pool_that_repeats_a_string_finds_its_first_symbol() {
        let saved: Vec<String> = ["", "DfT", "MoJ", "DfT"].map(String::from).into();
        let pool = StringPool::from(saved);
        assert_eq!(pool.find("DfT"), Some(Sym(1)));
        assert_eq!(pool.get(Sym(3)), "DfT");
        let json = serde_json::to_string(&pool).unwrap();
        let back: StringPool = serde_json::from_str(&json).unwrap();
        assert_eq!(
            (back.find("DfT"), back.find("MoJ")),
            (Some(Sym(1)), Some(Sym(2)))
        );
    }
}
