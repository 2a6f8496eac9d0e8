//! One funder under one name: a government department is one funder whatever name or
//! abbreviation a file uses ([`departments`]), and a person can merge any two funders or
//! programmes by hand. Lines keep the name their file wrote, so exports can show
//! "original name → merged name" and a merge can be taken back.

mod departments;

pub use departments::{comparable, department, Department, DEPARTMENTS};

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::model::{Dataset, FundingLine, Pence, StringPool, Sym};

/// Which name of a line is merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum NameField {
    Funder,
    Programme,
}

impl NameField {
    /// Both fields, funder first.
    pub const ALL: [NameField; 2] = [NameField::Funder, NameField::Programme];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            NameField::Funder => "Funder",
            NameField::Programme => "Programme",
        }
    }

    /// The line's name in this field as shown, and as its file wrote it (blank when the same).
    fn of(self, line: &mut FundingLine) -> (&mut Sym, &mut Sym) {
        match self {
            NameField::Funder => (&mut line.funder, &mut line.funder_as_written),
            NameField::Programme => (&mut line.programme, &mut line.programme_as_written),
        }
    }

    /// The line's name in this field as shown, and as its file wrote it when that differs
    /// (blank otherwise).
    pub fn names(self, line: &FundingLine) -> (Sym, Sym) {
        match self {
            NameField::Funder => (line.funder, line.funder_as_written),
            NameField::Programme => (line.programme, line.programme_as_written),
        }
    }

    /// The line's name in this field as shown.
    pub fn shown(self, line: &FundingLine) -> Sym {
        self.names(line).0
    }

    /// The name the line's file wrote in this field.
    pub fn as_written(self, line: &FundingLine) -> Sym {
        match self.names(line) {
            (shown, StringPool::BLANK) => shown,
            (_, written) => written,
        }
    }
}

/// Names merged by hand: for each field, a name as written → the name it is merged into.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameMerges {
    pub funders: BTreeMap<String, String>,
    pub programmes: BTreeMap<String, String>,
}

/// Why a name is shown as another.
pub const MERGED_BY_HAND: &str = "merged by hand";

impl NameMerges {
    /// The merges of one field.
    pub fn of(&self, field: NameField) -> &BTreeMap<String, String> {
        match field {
            NameField::Funder => &self.funders,
            NameField::Programme => &self.programmes,
        }
    }

    fn of_mut(&mut self, field: NameField) -> &mut BTreeMap<String, String> {
        match field {
            NameField::Funder => &mut self.funders,
            NameField::Programme => &mut self.programmes,
        }
    }

    /// The name `written` is shown as, and why, or `None` when it is shown as written. Merges
    /// by hand are followed (a merge of a merge too), and a funder that names a government
    /// department takes the department's current name; a loop of merges stops where it closes.
    pub fn resolve(&self, field: NameField, written: &str) -> Option<(String, &'static str)> {
        let by_hand = self.of(field);
        let mut name = written.to_owned();
        let mut why = None;
        for _ in 0..by_hand.len() * 2 + 2 {
            if let Some(next) = by_hand.get(&name).filter(|next| **next != name) {
                if next == written {
                    break;
                }
                name = next.clone();
                why = Some(MERGED_BY_HAND);
                continue;
            }
            match department(&name).filter(|_| field == NameField::Funder) {
                Some((department, change)) if department.name != name => {
                    name = department.name.to_owned();
                    why = why.or(Some(change));
                }
                _ => break,
            }
        }
        why.filter(|_| name != written).map(|why| (name, why))
    }
}

/// A name shown as another on some lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Renamed {
    pub field: NameField,
    /// As the files wrote it.
    pub from: String,
    /// As grantpool shows it.
    pub into: String,
    /// Merged by hand, or which change of name made it the same department.
    pub why: String,
    pub lines: u32,
    pub money: Pence,
}

/// Gives lines `range` of `dataset` the names they are shown under ([`NameMerges::resolve`]
/// of the names their files wrote). Returns the names shown differently among them, and how
/// many lines' shown names changed.
pub fn settle(dataset: &mut Dataset, range: Range<usize>) -> (Vec<Renamed>, usize) {
    let Dataset {
        strings,
        lines,
        merged_names,
        ..
    } = dataset;
    // Each name is resolved once: for each field, the names as written (by symbol) point at
    // 0 (not yet looked up), 1 (shown as written) or 2 + an index into `renames`.
    // Programmes are only merged by hand: with no such merge, each is shown as written.
    let programmes_merged = !merged_names.programmes.is_empty();
    let fields = if programmes_merged { 2 } else { 1 };
    let mut looked_up = [
        vec![0u32; strings.len()],
        vec![0u32; if programmes_merged { strings.len() } else { 0 }],
    ];
    let mut renames: Vec<Tally> = Vec::new();
    let mut changed = 0;
    for line in &mut lines[range] {
        let amount = line.amount;
        let mut line_changed = false;
        if !programmes_merged && line.programme_as_written != StringPool::BLANK {
            line.programme = line.programme_as_written;
            line.programme_as_written = StringPool::BLANK;
            line_changed = true;
        }
        for (slot, field) in NameField::ALL.into_iter().enumerate().take(fields) {
            let written = field.as_written(line);
            let cached = &mut looked_up[slot][written.0 as usize];
            if *cached == 0 {
                *cached = match merged_names.resolve(field, strings.get(written)) {
                    Some((name, why)) => {
                        let into = strings.intern(&name);
                        renames.push(Tally {
                            field,
                            from: written,
                            into,
                            why,
                            lines: 0,
                            money: Pence(0),
                        });
                        renames.len() as u32 + 1
                    }
                    None => 1,
                };
            }
            let (new_shown, new_written) = match *cached {
                1 => (written, StringPool::BLANK),
                index => {
                    let rename = &mut renames[index as usize - 2];
                    rename.lines += 1;
                    rename.money += amount;
                    (rename.into, written)
                }
            };
            let (shown, as_written) = field.of(line);
            line_changed |= *shown != new_shown;
            (*shown, *as_written) = (new_shown, new_written);
        }
        changed += usize::from(line_changed);
    }
    let mut renamed: Vec<Renamed> = renames
        .into_iter()
        .filter(|rename| rename.lines > 0)
        .map(|rename| Renamed {
            field: rename.field,
            from: strings.get(rename.from).to_owned(),
            into: strings.get(rename.into).to_owned(),
            why: rename.why.to_owned(),
            lines: rename.lines,
            money: rename.money,
        })
        .collect();
    renamed.sort_by(|a, b| (a.field, &a.from).cmp(&(b.field, &b.from)));
    (renamed, changed)
}

/// The lines and money of one name shown as another, while [`settle`] counts them.
struct Tally {
    field: NameField,
    from: Sym,
    into: Sym,
    why: &'static str,
    lines: u32,
    money: Pence,
}

/// The line's name in `field` for an export: as shown, or "as written → as shown" when it
/// was merged.
pub fn for_export(dataset: &Dataset, line: &FundingLine, field: NameField) -> String {
    match field.names(line) {
        (shown, StringPool::BLANK) => dataset.text(shown).to_owned(),
        (shown, written) => format!("{} → {}", dataset.text(written), dataset.text(shown)),
    }
}

/// Every name shown differently across the place's lines.
pub fn renamed(dataset: &Dataset) -> Vec<Renamed> {
    let mut tally: BTreeMap<(NameField, Sym, Sym), (u32, Pence)> = BTreeMap::new();
    for line in &dataset.lines {
        for field in NameField::ALL {
            let (shown, written) = field.names(line);
            if written != StringPool::BLANK {
                let entry = tally.entry((field, written, shown)).or_default();
                entry.0 += 1;
                entry.1 += line.amount;
            }
        }
    }
    tally
        .into_iter()
        .map(|((field, from, into), (lines, money))| {
            let from = dataset.text(from).to_owned();
            let why = dataset
                .merged_names
                .resolve(field, &from)
                .map_or("", |(_, why)| why);
            Renamed {
                field,
                into: dataset.text(into).to_owned(),
                why: why.to_owned(),
                from,
                lines,
                money,
            }
        })
        .collect()
}

/// Why a merge by hand cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("choose two different names")]
    SameName,
    #[error("no line has the {field} “{name}”")]
    NoSuchName { field: &'static str, name: String },
    #[error("“{into}” is already merged into “{from}”, so merging the other way would go round in a circle")]
    Circle { from: String, into: String },
    #[error("“{0}” was not merged by hand")]
    NotMerged(String),
}

/// Merges the name `from` (as shown or as written) into `into` on every line, and remembers it
/// for files added later. Returns how many lines' shown names changed.
pub fn merge(
    dataset: &mut Dataset,
    field: NameField,
    from: &str,
    into: &str,
) -> Result<usize, MergeError> {
    let (from, into) = (from.trim(), into.trim());
    if from.is_empty() || into.is_empty() || from == into {
        return Err(MergeError::SameName);
    }
    let known = dataset.strings.find(from).is_some_and(|sym| {
        dataset
            .lines
            .iter()
            .any(|line| field.shown(line) == sym || field.as_written(line) == sym)
    });
    if !known {
        return Err(MergeError::NoSuchName {
            field: field.label(),
            name: from.to_owned(),
        });
    }
    let merges = dataset.merged_names.of_mut(field);
    let before = merges.insert(from.to_owned(), into.to_owned());
    let closes_a_circle = dataset
        .merged_names
        .resolve(field, into)
        .is_some_and(|(name, _)| name == from);
    if closes_a_circle {
        let merges = dataset.merged_names.of_mut(field);
        match before {
            Some(before) => merges.insert(from.to_owned(), before),
            None => merges.remove(from),
        };
        return Err(MergeError::Circle {
            from: from.to_owned(),
            into: into.to_owned(),
        });
    }
    let all = 0..dataset.lines.len();
    Ok(settle(dataset, all).1)
}

/// Takes back the merge by hand of `from`: its lines are shown under their own names again
/// (or their department's). Returns how many lines' shown names changed.
pub fn unmerge(dataset: &mut Dataset, field: NameField, from: &str) -> Result<usize, MergeError> {
    if dataset.merged_names.of_mut(field).remove(from).is_none() {
        return Err(MergeError::NotMerged(from.to_owned()));
    }
    let all = 0..dataset.lines.len();
    Ok(settle(dataset, all).1)
}

#[cfg(test)]
mod tests;
