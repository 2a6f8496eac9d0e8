//! Places: the councils of the UK by their GSS (ONS) codes, and how a funding line's place is
//! found from what its file says: a geographic code, a council's organisation identifier, a
//! recipient that names a council, or a place chosen for a whole file or a recipient.
//!
//! The councils, their names, their identifiers and which council replaced which come from
//! `gazetteer.tsv`, built by `scripts/gazetteer.rs` from mySociety's and drkane's lookups.

mod locate;

pub use locate::{locate, PlaceBasis, PlaceClues};

use crate::fasthash::FastMap;
use std::sync::OnceLock;

/// The councils file, compiled in.
const GAZETTEER: &str = include_str!("gazetteer.tsv");

/// A council (or combined authority) as a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    /// Its GSS code, e.g. `E06000047`.
    pub code: &'static str,
    /// Its everyday name, e.g. `County Durham`.
    pub name: &'static str,
    successor: Option<usize>,
}

/// Every council grantpool knows, and the ways to find one.
pub struct Gazetteer {
    areas: Vec<Area>,
    by_code: FastMap<&'static str, usize>,
    by_org_id: FastMap<&'static str, usize>,
    by_name: FastMap<&'static str, usize>,
    by_ecode: FastMap<&'static str, usize>,
}

/// The gazetteer, read from its compiled-in text on first use.
pub fn gazetteer() -> &'static Gazetteer {
    static READ: OnceLock<Gazetteer> = OnceLock::new();
    READ.get_or_init(|| Gazetteer::read(GAZETTEER))
}

impl Gazetteer {
    fn read(text: &'static str) -> Gazetteer {
        let records: Vec<Vec<&'static str>> = text
            .lines()
            .map(|line| line.split('\t').collect())
            .collect();
        let mut areas = Vec::new();
        let mut by_code = FastMap::default();
        for record in &records {
            if let ["A", code, name, _] = record.as_slice() {
                by_code.insert(*code, areas.len());
                areas.push(Area {
                    code,
                    name,
                    successor: None,
                });
            }
        }
        for record in &records {
            if let ["A", code, _, successor] = record.as_slice() {
                let successor = by_code.get(successor).copied();
                areas[by_code[code]].successor = successor;
            }
        }
        let mut gazetteer = Gazetteer {
            areas,
            by_code,
            by_org_id: FastMap::default(),
            by_name: FastMap::default(),
            by_ecode: FastMap::default(),
        };
        for record in &records {
            if let [kind @ ("C" | "O" | "N" | "E"), key, code] = record.as_slice() {
                let Some(&index) = gazetteer.by_code.get(code) else {
                    continue;
                };
                let map = match *kind {
                    "C" => &mut gazetteer.by_code,
                    "O" => &mut gazetteer.by_org_id,
                    "N" => &mut gazetteer.by_name,
                    _ => &mut gazetteer.by_ecode,
                };
                map.entry(key).or_insert(index);
            }
        }
        gazetteer
    }

    /// Every council, in GSS code order.
    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    /// The council today: a retired council's successor, when exactly one council replaced it.
    fn current(&self, mut index: usize) -> &Area {
        for _ in 0..8 {
            match self.areas[index].successor {
                Some(next) => index = next,
                None => break,
            }
        }
        &self.areas[index]
    }

    /// The council with this GSS code (current or former), as it is today.
    pub fn by_code(&self, code: &str) -> Option<&Area> {
        let index = self.by_code.get(upper_case(code.trim()).as_ref())?;
        Some(self.current(*index))
    }

    /// The council with this organisation identifier (`GB-LAE-DUR`), as it is today.
    pub fn by_org_id(&self, id: &str) -> Option<&Area> {
        let id = upper_case(id.trim());
        self.by_org_id.get(id.as_ref()).map(|&i| self.current(i))
    }

    /// The council a recipient's name names exactly (`Durham County Council`), as it is today.
    pub fn by_name(&self, name: &str) -> Option<&Area> {
        self.by_name
            .get(normalise_name(name).as_str())
            .map(|&i| self.current(i))
    }

    /// The council with this MHCLG E-code (`E1302`), as it is today.
    pub fn by_ecode(&self, ecode: &str) -> Option<&Area> {
        let ecode = upper_case(ecode.trim());
        self.by_ecode.get(ecode.as_ref()).map(|&i| self.current(i))
    }

    /// The name of the place with this code, or the code itself when it names no council.
    pub fn name_of<'a>(&'a self, code: &'a str) -> &'a str {
        self.by_code.get(code).map_or(code, |&i| self.areas[i].name)
    }

    /// Councils whose name or code contains `query` (ignoring case), names starting with it
    /// first, then by name: what the Place picker offers as a person types.
    pub fn search(&self, query: &str) -> Vec<&Area> {
        let query = normalise_name(query);
        let code_query = query.replace(' ', "").to_ascii_uppercase();
        let mut found: Vec<(bool, &Area)> = self
            .areas
            .iter()
            .filter(|a| a.successor.is_none())
            .filter_map(|area| {
                let name = normalise_name(area.name);
                if name.starts_with(&query) || area.code.starts_with(&code_query) {
                    Some((false, area))
                } else if name.contains(&query) {
                    Some((true, area))
                } else {
                    None
                }
            })
            .collect();
        found.sort_by(|a, b| (a.0, a.1.name).cmp(&(b.0, b.1.name)));
        found.into_iter().map(|(_, area)| area).collect()
    }
}

/// True for text shaped like a GSS code: a letter (E, W, S, N or K) and eight digits.
pub fn is_gss_code(text: &str) -> bool {
    let bytes = text.trim().as_bytes();
    bytes.len() == 9
        && matches!(
            bytes[0].to_ascii_uppercase(),
            b'E' | b'W' | b'S' | b'N' | b'K'
        )
        && bytes[1..].iter().all(u8::is_ascii_digit)
}

/// A name as the gazetteer keys it: lower case, `&` as "and", punctuation dropped, single
/// spaces, so "Durham  County Council." and "durham county council" match.
pub fn normalise_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name
        .split(|c: char| !(c.is_alphanumeric() || c == '&' || c == '\''))
        .filter(|w| !w.is_empty())
    {
        // Each word written straight into `out`, and taken back when it comes to nothing.
        let before = out.len();
        if !out.is_empty() {
            out.push(' ');
        }
        let start = out.len();
        for c in word.chars().filter(|c| *c != '\'') {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        }
        match &out[start..] {
            "" => out.truncate(before),
            "&" => {
                out.truncate(start);
                out.push_str("and");
            }
            _ => {}
        }
    }
    out
}

/// `text` in upper case, borrowed when it has no lower-case letter (as codes and identifiers
/// mostly are), so a lookup of every line's code need not copy it.
fn upper_case(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_lowercase()) {
        text.to_ascii_uppercase().into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_county_durham_every_way_a_file_names_it() {
        let g = gazetteer();
        let durham = |area: Option<&Area>| area.map(|a| (a.code, a.name));
        let expected = Some(("E06000047", "County Durham"));
        assert_eq!(durham(g.by_code("E06000047")), expected);
        assert_eq!(durham(g.by_code(" e06000047 ")), expected);
        assert_eq!(durham(g.by_org_id("GB-LAE-DUR")), expected);
        assert_eq!(durham(g.by_org_id("gb-lae-dur")), expected);
        assert_eq!(durham(g.by_name("Durham County Council")), expected);
        assert_eq!(durham(g.by_name("DURHAM COUNTY COUNCIL.")), expected);
        assert_eq!(durham(g.by_ecode("E1302")), expected);
        assert_eq!(g.name_of("E06000047"), "County Durham");
        assert_eq!(g.name_of("X1"), "X1");
    }

    #[test]
    fn retired_councils_become_their_single_successor() {
        let g = gazetteer();
        // Allerdale was replaced by Cumberland in 2023; Cumbria was split in two, so it stays.
        let allerdale = g.by_org_id("GB-LAE-ALL").expect("Allerdale's identifier");
        assert_eq!(allerdale.name, "Cumberland");
        let cumbria = g.by_name("Cumbria County Council").expect("Cumbria");
        assert_eq!(cumbria.name, "Cumbria");
        // A newer code only drkane's lookup knows is the same council.
        assert_eq!(g.by_code("E08000039").map(|a| a.code), Some("E08000019"));
        assert_eq!(
            g.by_name("SHEFFIELD CITY COUNCIL").map(|a| a.code),
            Some("E08000019")
        );
    }

    #[test]
    fn parish_and_town_councils_and_broad_codes_are_not_councils_here() {
        let g = gazetteer();
        assert!(g.by_name("Southwold Town Council").is_none());
        assert!(g.by_name("Hartley Wintney Parish Council").is_none());
        assert!(g.by_code("K02000001").is_none(), "the United Kingdom");
        assert!(g.by_org_id("E5104X").is_none());
        assert!(is_gss_code("E06000047") && is_gss_code("k02000001"));
        assert!(
            !is_gss_code("E0600004") && !is_gss_code("GB-LAE-DUR") && !is_gss_code("X06000047")
        );
    }

    #[test]
    fn search_puts_names_that_start_with_the_query_first() {
        let found: Vec<&str> = gazetteer()
            .search("durham")
            .iter()
            .map(|a| a.name)
            .collect();
        assert!(found.contains(&"County Durham"), "{found:?}");
        let by_code: Vec<&str> = gazetteer()
            .search("E06000047")
            .iter()
            .map(|a| a.name)
            .collect();
        assert_eq!(by_code, ["County Durham"]);
        assert_eq!(
            normalise_name("St. Helens & Knowsley"),
            "st helens and knowsley"
        );
        assert_eq!(normalise_name("King's Lynn"), "kings lynn");
    }
}
