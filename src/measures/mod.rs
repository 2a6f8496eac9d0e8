//! Fragmentation measures of a place, before and after pooling, and the groups of the map.
//!
//! Definitions (also in the README and, word for word, on the page: [`table::MEASURES`]):
//! - a **stream** is what a place must manage separately: each pot is one stream; each unpooled
//!   line belongs to the stream of its funder and programme (or, without a programme, its
//!   title; without either, the line is a stream of its own);
//! - **HHI** is the Herfindahl–Hirschman index, the sum of squared percentage shares of money
//!   (0 to 10,000; higher is more concentrated, lower more fragmented);
//! - **short-term** streams end within 12 months (365 days) of their earliest award;
//! - a line's status under a pot is [`crate::scenario::PotPolicy::status_of`]: in a pot that
//!   lifts the ringfence, money is flexible and, settled as one budget, no longer counts as
//!   competed.

mod bands;
mod groups;
mod pass;
mod regroup;
mod streams;
pub mod table;

pub use bands::{size_band, SIZE_BANDS, SMALL_BANDS, SMALL_STREAM};
pub use groups::{groups, line_matches, Group, GroupBy};
pub use pass::FunderPot;
pub use regroup::{regroup, GroupsWanted, KeptGroups};
pub use streams::{one_year_share, stream_today};

use crate::model::{Dataset, Pence, StringPool, Sym};
use crate::money::RingfenceSplit;
use crate::scenario::{PotId, Scenario};
use crate::selection::StreamTest;
use crate::view::LineFilter;

/// One pot's measures.
#[derive(Debug, Clone, PartialEq)]
pub struct PotMeasures {
    pub pot: PotId,
    pub lines: usize,
    pub total: Pence,
    pub funders: usize,
    /// HHI over the pot's funders.
    pub funder_hhi: Option<f64>,
}

/// The fragmentation of a place's funding.
#[derive(Debug, Clone, PartialEq)]
pub struct Measures {
    pub streams: usize,
    /// Streams with competed money (each a bid).
    pub competed_streams: usize,
    /// Each stream's financial years, summed (a stream of no known year counts one).
    pub stream_years: usize,
    pub funders: usize,
    /// Money by ringfence status, after each pot's policy.
    pub money: RingfenceSplit,
    /// Share of streams under £100k.
    pub small_stream_share: Option<f64>,
    /// HHI over streams.
    pub stream_hhi: Option<f64>,
    pub median_stream: Option<Pence>,
    /// Share of money, among money whose allocation method is known, that was competed for.
    pub competed_share: Option<f64>,
    /// Share of streams, among streams with award and end dates, ending within 12 months.
    pub short_term_share: Option<f64>,
    /// Share of streams seen in one financial year only, among streams with a known year that
    /// are not seen only in the latest year (they may continue); `None` with under two years.
    pub one_year_share: Option<f64>,
    /// Share of money, among money in awards of known length, in awards of over one year.
    pub multi_year_money_share: Option<f64>,
    pub pots: Vec<PotMeasures>,
    /// Streams in each of [`SIZE_BANDS`], by the stream's net total.
    pub streams_by_size: [usize; SIZE_BANDS.len()],
    /// Streams reaching each service (a stream with lines in two services counts in both),
    /// by the service's symbol, in symbol order.
    pub streams_by_service: Vec<(Sym, usize)>,
    /// The lines of each funder in each pot (or none), gathered in the same pass, for the
    /// charts that follow the pots.
    pub by_funder_and_pot: Vec<FunderPot>,
}

impl Measures {
    /// Mean funders per non-empty pot.
    pub fn funders_per_pot(&self) -> Option<f64> {
        let used: Vec<&PotMeasures> = self.pots.iter().filter(|p| p.lines > 0).collect();
        (!used.is_empty())
            .then(|| used.iter().map(|p| p.funders).sum::<usize>() as f64 / used.len() as f64)
    }
}

/// Herfindahl–Hirschman index (0–10,000) of positive amounts; `None` when there is no money.
pub fn hhi(amounts: impl IntoIterator<Item = i64>) -> Option<f64> {
    let positive: Vec<f64> = amounts
        .into_iter()
        .filter(|&a| a > 0)
        .map(|a| a as f64)
        .collect();
    let total: f64 = positive.iter().sum();
    (total > 0.0).then(|| positive.iter().map(|a| (a / total * 100.0).powi(2)).sum())
}

/// The measures under `scenario`, given the measures `today` of the same lines: a scenario with
/// no pots changes nothing, so until a person makes a pot (a place just imported or restored)
/// the lines are not measured twice.
pub fn measure_with_pots(
    dataset: &Dataset,
    scenario: &Scenario,
    filter: &LineFilter,
    today: &Measures,
) -> Measures {
    if scenario.pots.is_empty() {
        return today.clone();
    }
    measure(dataset, Some(scenario), filter)
}

/// Measures the lines `filter` keeps as they are today (`scenario` `None`, or with no pots)
/// or under a scenario, in one pass over them.
pub fn measure(dataset: &Dataset, scenario: Option<&Scenario>, filter: &LineFilter) -> Measures {
    let pass = pass::Pass::over(dataset, scenario, filter);
    let streams = pass.streams.summarise();
    // Each pot's lines, money and funders, from its (funder, pot) cells.
    let pots = scenario
        .map(|s| {
            s.pots
                .iter()
                .map(|pot| {
                    let cells: Vec<&FunderPot> = pass
                        .cells
                        .iter()
                        .filter(|cell| cell.pot == Some(pot.id))
                        .collect();
                    PotMeasures {
                        pot: pot.id,
                        lines: cells.iter().map(|cell| cell.lines).sum(),
                        total: cells.iter().map(|cell| cell.today.total()).sum(),
                        funders: cells
                            .iter()
                            .filter(|cell| cell.funder != StringPool::BLANK)
                            .count(),
                        funder_hhi: hhi(cells.iter().map(|cell| cell.today.total().0)),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Measures {
        streams: streams.count,
        competed_streams: streams.competed,
        stream_years: streams.stream_years,
        funders: pass.funders,
        money: pass.money,
        small_stream_share: streams.small_share,
        stream_hhi: streams.hhi,
        median_stream: streams.median,
        competed_share: (pass.known_allocation > 0)
            .then(|| pass.competed as f64 / pass.known_allocation as f64),
        short_term_share: streams.short_term_share,
        one_year_share: streams.one_year_share,
        multi_year_money_share: (pass.known_length > 0)
            .then(|| pass.multi_year as f64 / pass.known_length as f64),
        pots,
        streams_by_size: streams.by_size,
        streams_by_service: streams.by_service,
        by_funder_and_pot: pass.cells,
    }
}

/// The streams, with the pots, of the lines `filter` keeps that pass `test`, judged as the
/// measures judge them; ask [`StreamsPassing::has`] of a line.
pub fn streams_passing(
    dataset: &Dataset,
    scenario: &Scenario,
    filter: &LineFilter,
    test: StreamTest,
) -> StreamsPassing {
    let pass = pass::Pass::over(dataset, Some(scenario), filter);
    StreamsPassing {
        keys: pass.streams.passing(test),
    }
}

/// The streams that passed a [`StreamTest`].
pub struct StreamsPassing {
    keys: crate::fasthash::FastSet<streams::StreamKey>,
}

impl StreamsPassing {
    /// True when line `index`, in `pot`, belongs to one of the streams.
    pub fn has(&self, line: &crate::model::FundingLine, index: usize, pot: Option<PotId>) -> bool {
        self.keys
            .contains(&streams::StreamKey::of(line, index, pot))
    }
}

#[cfg(test)]
mod tests;
