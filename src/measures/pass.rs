//! The one pass over a place's lines per change: everything the measures and the
//! pot-dependent charts need is gathered here, line by line.

use crate::fasthash::FastMap;
use crate::model::{Allocation, Dataset, FundingLine, StringPool, Sym};
use crate::money::RingfenceSplit;
use crate::scenario::{PotId, PotPolicy, Scenario};
use crate::view::LineFilter;
use crate::years::AwardLength;

use super::streams::{StreamKey, Streams};

/// The lines of one funder in one pot (or in none), with their money by status as recorded
/// and under the pot's policy: what every pot-dependent ringfence chart and the funder-to-pot
/// flows start from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FunderPot {
    pub funder: Sym,
    pub pot: Option<PotId>,
    pub lines: usize,
    pub today: RingfenceSplit,
    pub with_pots: RingfenceSplit,
}

/// What the pass has gathered so far.
pub(super) struct Pass<'a> {
    scenario: Option<&'a Scenario>,
    /// Each pot's policy, by the pot's number: a look in a list is cheaper than hashing.
    policies: Vec<Option<PotPolicy>>,
    pub streams: Streams,
    /// Which symbols are funders seen so far: a flag per symbol is cheaper than hashing.
    is_funder: Vec<bool>,
    pub funders: usize,
    cell_of: CellIndex,
    pub cells: Vec<FunderPot>,
    pub money: RingfenceSplit,
    pub competed: i64,
    pub known_allocation: i64,
    /// Money (positive amounts) in awards whose length is known, and in those over a year.
    pub known_length: i64,
    pub multi_year: i64,
}

impl<'a> Pass<'a> {
    /// A pass over the lines of `dataset` that `filter` keeps, under `scenario` (today's place
    /// with `None`).
    pub fn over(
        dataset: &'a Dataset,
        scenario: Option<&'a Scenario>,
        filter: &LineFilter,
    ) -> Pass<'a> {
        let mut pass = Pass {
            scenario,
            policies: scenario.map(policies_by_number).unwrap_or_default(),
            streams: Streams::new(dataset.strings.len()),
            is_funder: vec![false; dataset.strings.len()],
            funders: 0,
            cell_of: CellIndex {
                unpooled: vec![u32::MAX; dataset.strings.len()],
                pooled: FastMap::default(),
            },
            cells: Vec::new(),
            money: RingfenceSplit::default(),
            competed: 0,
            known_allocation: 0,
            known_length: 0,
            multi_year: 0,
        };
        for (index, line) in filter.lines(dataset) {
            pass.add(index, line);
        }
        pass
    }

    fn add(&mut self, index: usize, line: &FundingLine) {
        let pot = self.scenario.and_then(|s| s.pot_of(index));
        let policy = pot.and_then(|p| self.policies.get(p.0 as usize).copied().flatten());
        self.count_funder(line.funder);
        let status = PotPolicy::status_of(policy, line.ringfence);
        self.money.add(status, line.amount);
        let competed = PotPolicy::counts_as_competed(policy, line.allocation);
        if line.allocation != Allocation::NotRecorded {
            let amount = line.amount.0.max(0);
            self.known_allocation += amount;
            if competed {
                self.competed += amount;
            }
        }
        let length = AwardLength::of_line(line);
        if length != AwardLength::NotKnown {
            let amount = line.amount.0.max(0);
            self.known_length += amount;
            if length.over_one_year() {
                self.multi_year += amount;
            }
        }
        let key = StreamKey::of(line, index, pot);
        let stream = self.streams.entry(key, line);
        stream.total += line.amount.0;
        stream.competed |= competed;
        if let Some(year) = line.year {
            stream.years |= 1u128 << (year.0 - crate::model::YEARS.start()).min(127);
        }
        if let (Some(award), Some(end)) = (line.award_date, line.end_date) {
            stream.first_award = Some(stream.first_award.map_or(award, |d| d.min(award)));
            stream.last_end = Some(stream.last_end.map_or(end, |d| d.max(end)));
        }
        let at = self.cell_of.index(&mut self.cells, line.funder, pot);
        let cell = &mut self.cells[at];
        cell.lines += 1;
        cell.today.add(line.ringfence, line.amount);
        cell.with_pots.add(status, line.amount);
    }

    fn count_funder(&mut self, funder: Sym) {
        if let Some(seen) = self.is_funder.get_mut(funder.0 as usize) {
            if !*seen && funder != StringPool::BLANK {
                *seen = true;
                self.funders += 1;
            }
        }
    }
}

/// Each pot's policy at the pot's number.
fn policies_by_number(scenario: &Scenario) -> Vec<Option<PotPolicy>> {
    let mut policies = Vec::new();
    for pot in &scenario.pots {
        let at = pot.id.0 as usize;
        if at >= policies.len() {
            policies.resize(at + 1, None);
        }
        policies[at] = Some(pot.policy);
    }
    policies
}

/// Where each (funder, pot) cell is in the pass's cells.
struct CellIndex {
    /// Each funder's cell of lines in no pot, by symbol (`u32::MAX` before its first): most
    /// lines are in no pot, and a look in a list is cheaper than hashing.
    unpooled: Vec<u32>,
    /// The cells of pooled lines.
    pooled: FastMap<(Sym, PotId), usize>,
}

impl CellIndex {
    /// The index in `cells` of the (funder, pot) cell, made on first use.
    fn index(&mut self, cells: &mut Vec<FunderPot>, funder: Sym, pot: Option<PotId>) -> usize {
        let make = |cells: &mut Vec<FunderPot>| {
            cells.push(FunderPot {
                funder,
                pot,
                lines: 0,
                today: RingfenceSplit::default(),
                with_pots: RingfenceSplit::default(),
            });
            cells.len() - 1
        };
        match pot {
            Some(pot) => *self
                .pooled
                .entry((funder, pot))
                .or_insert_with(|| make(cells)),
            None => {
                let slot = &mut self.unpooled[funder.0 as usize];
                if *slot == u32::MAX {
                    *slot = make(cells) as u32;
                }
                *slot as usize
            }
        }
    }
}
