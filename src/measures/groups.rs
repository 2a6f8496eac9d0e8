//! The funding map's groups: lines grouped by funder, programme, recipient, service or size.

use serde::{Deserialize, Serialize};

use crate::model::{Dataset, FundingLine, Sym};
use crate::money::RingfenceSplit;
use crate::scenario::{PotId, Scenario};
use crate::selection::{Criterion, Field};
use crate::view::LineFilter;

use super::bands::{size_band, SIZE_BANDS};

/// How the map groups funding lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GroupBy {
    #[default]
    Funder,
    Programme,
    Recipient,
    Service,
    Size,
}

impl GroupBy {
    /// Every grouping, in the order the switch shows them.
    pub const ALL: [GroupBy; 5] = [
        GroupBy::Funder,
        GroupBy::Programme,
        GroupBy::Recipient,
        GroupBy::Service,
        GroupBy::Size,
    ];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            GroupBy::Funder => "Funder",
            GroupBy::Programme => "Programme",
            GroupBy::Recipient => "Recipient",
            GroupBy::Service => "Service",
            GroupBy::Size => "Size",
        }
    }
}

/// A group of lines on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Stable within one grouping: the name, or the size band's label.
    pub key: String,
    pub label: String,
    /// Dataset indices of the group's lines.
    pub lines: Vec<u32>,
    /// The test of the group's lines (beside being in no pot and matching the search), for
    /// the lines behind it ([`crate::drill`]).
    pub criterion: Criterion,
    pub money: RingfenceSplit,
}

/// True when `line` matches the map's search, `query` already trimmed and in lower case
/// (empty matches every line): in funder, programme, recipient, title or service.
pub fn line_matches(dataset: &Dataset, line: &FundingLine, query: &str) -> bool {
    query.is_empty()
        || [
            line.funder,
            line.programme,
            line.recipient,
            line.title,
            line.service,
        ]
        .iter()
        .any(|&sym| dataset.text(sym).to_lowercase().contains(query))
}

/// Groups the lines in `pot` (or, with `None`, the unpooled lines) that `filter` keeps and that
/// match `query` (case-insensitive, in funder, programme, recipient, title or service), largest
/// total first.
pub fn groups(
    dataset: &Dataset,
    scenario: &Scenario,
    pot: Option<PotId>,
    by: GroupBy,
    query: &str,
    filter: &LineFilter,
) -> Vec<Group> {
    let query = query.trim().to_lowercase();
    let matches = |line: &FundingLine| line_matches(dataset, line, &query);
    // Each key's group, by key (a symbol, or a size band), `u32::MAX` before its first: a look
    // in a list is cheaper than hashing. The list grows to the largest key seen, not to every
    // symbol of the place, as a pot's few funders need a short one.
    let mut group_of: Vec<u32> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    // One place or year visits its own lines (through the index), every line otherwise.
    let lines: Box<dyn Iterator<Item = (usize, &FundingLine)>> = if filter.is_all() {
        Box::new(
            scenario
                .lines_in(pot)
                .filter_map(|index| dataset.lines.get(index).map(|line| (index, line))),
        )
    } else {
        Box::new(
            filter
                .lines(dataset)
                .filter(|&(index, _)| scenario.pot_of(index) == pot),
        )
    };
    for (index, line) in lines {
        if !matches(line) {
            continue;
        }
        let (key, sym) = key_of(by, line);
        if key >= group_of.len() {
            group_of.resize(key + 1, u32::MAX);
        }
        let slot = &mut group_of[key];
        if *slot == u32::MAX {
            *slot = groups.len() as u32;
            groups.push(new_group(dataset, by, key, sym));
        }
        let group = &mut groups[*slot as usize];
        group.lines.push(index as u32);
        group.money.add(line.ringfence, line.amount);
    }
    sort_groups(&mut groups);
    groups
}

/// The map's order: largest total first, then by label.
pub(super) fn sort_groups(groups: &mut [Group]) {
    groups.sort_by(|a, b| {
        b.money
            .total()
            .cmp(&a.money.total())
            .then_with(|| a.label.cmp(&b.label))
    });
}

/// The key of `line`'s group (a symbol's number, or a size band) and the symbol it is named by.
pub(super) fn key_of(by: GroupBy, line: &FundingLine) -> (usize, Option<Sym>) {
    match by {
        GroupBy::Size => (size_band(line.amount), None),
        GroupBy::Funder => (line.funder.0 as usize, Some(line.funder)),
        GroupBy::Programme => (line.programme.0 as usize, Some(line.programme)),
        GroupBy::Recipient => (line.recipient.0 as usize, Some(line.recipient)),
        GroupBy::Service => (line.service.0 as usize, Some(line.service)),
    }
}

/// A group with no lines yet, labelled once (not once per line).
pub(super) fn new_group(dataset: &Dataset, by: GroupBy, key: usize, sym: Option<Sym>) -> Group {
    let label = match sym {
        None => SIZE_BANDS[key].0.to_owned(),
        Some(sym) => match dataset.text(sym) {
            "" => format!("({} not recorded)", by.label().to_lowercase()),
            text => text.to_owned(),
        },
    };
    Group {
        key: label.clone(),
        label,
        lines: Vec::new(),
        criterion: match (by, sym) {
            (GroupBy::Funder, Some(sym)) => Criterion::Is(Field::Funder, sym),
            (GroupBy::Programme, Some(sym)) => Criterion::Is(Field::Programme, sym),
            (GroupBy::Recipient, Some(sym)) => Criterion::Is(Field::Recipient, sym),
            (GroupBy::Service, Some(sym)) => Criterion::Is(Field::Service, sym),
            _ => Criterion::SizeBand(key),
        },
        money: RingfenceSplit::default(),
    }
}
