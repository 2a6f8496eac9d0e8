//! The lines behind a figure: whatever a person chooses on the page (a bar, band, node or flow,
//! a table row, a map group or a measure) is a [`Selection`], and [`lines_behind`] finds its
//! lines among the view's, with their count and exact total, equal to the penny to the
//! figure's tooltip and table.
//!
//! | file | what it holds |
//! |---|---|
//! | `mod` | [`lines_behind`], [`Behind`], and the selections behind a measure and a map group (the lines' CSV is [`crate::export::lines_csv`]) |
//! | `from_chart` | the selection behind each chart region and table row |

mod from_chart;

pub use from_chart::{chart_selection, table_selection};

use crate::measures::table::MeasureDefinition;
use crate::measures::{line_matches, size_band, streams_passing, StreamsPassing};
use crate::model::{Dataset, FundingLine, Pence};
use crate::money::RingfenceSplit;
use crate::scenario::{PotPolicy, Scenario};
use crate::selection::{Criterion, Scope, Selection};
use crate::view::LineFilter;
use crate::years::AwardLength;

/// The lines behind a selection.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Behind {
    /// Dataset indices, in line order.
    pub lines: Vec<u32>,
    pub total: Pence,
    /// Their money by status with the pots.
    pub money: RingfenceSplit,
}

/// The selection behind a measure of the measures table, with the pots
/// ([`MeasureDefinition::behind`]).
pub fn measure_selection(measure: &MeasureDefinition) -> Selection {
    Selection::new(
        format!("{}, with your pots", measure.name),
        measure.behind.to_vec(),
    )
}

/// The selection behind a group of the funding map (`pot` `None`) or of a pot: its lines in
/// that pot that match the search `query`; `place` names where the group is, for people
/// ("not in a pot", or the pot's name).
pub fn group_selection(
    group: &crate::measures::Group,
    pot: Option<crate::scenario::PotId>,
    place: &str,
    query: &str,
) -> Selection {
    let query = query.trim().to_lowercase();
    let mut criteria = vec![Criterion::Pot(pot), group.criterion.clone()];
    if !query.is_empty() {
        criteria.push(Criterion::Matches(query));
    }
    Selection::new(format!("{} ({place})", group.label), criteria)
}

/// A criterion made ready to test line by line (streams judged once, up front).
enum Test<'a> {
    Plain(&'a Criterion),
    Streams(StreamsPassing),
}

/// The lines of `selection` among those `filter` keeps (widened to every year or every place
/// by the selection's scope), under `scenario`.
pub fn lines_behind(
    dataset: &Dataset,
    scenario: &Scenario,
    filter: &LineFilter,
    selection: &Selection,
) -> Behind {
    let filter = match selection.scope {
        Scope::View => filter.clone(),
        Scope::EveryYear => filter.every_year(),
        Scope::EveryPlace => filter.every_place(),
    };
    let narrowing = selection.status_criterion();
    let tests: Vec<Test> = selection
        .criteria
        .iter()
        .chain(&narrowing)
        .map(|criterion| match criterion {
            Criterion::Stream(test) => {
                Test::Streams(streams_passing(dataset, scenario, &filter, *test))
            }
            plain => Test::Plain(plain),
        })
        .collect();
    let mut behind = Behind::default();
    for (index, line) in filter.lines(dataset) {
        let passes = tests.iter().all(|test| match test {
            Test::Plain(criterion) => passes(criterion, dataset, scenario, index, line),
            Test::Streams(streams) => streams.has(line, index, scenario.pot_of(index)),
        });
        if passes {
            behind.lines.push(index as u32);
            behind.total += line.amount;
            behind
                .money
                .add(scenario.status_of(index, line.ringfence), line.amount);
        }
    }
    behind
}

/// True when line `index` passes `criterion` under `scenario`.
fn passes(
    criterion: &Criterion,
    dataset: &Dataset,
    scenario: &Scenario,
    index: usize,
    line: &FundingLine,
) -> bool {
    match criterion {
        Criterion::Is(field, sym) => field.of(line) == *sym,
        Criterion::NoneOf(field, syms) => !syms.contains(&field.of(line)),
        Criterion::Area(area) => line.area == *area,
        Criterion::Year(year) => line.year == *year,
        Criterion::SizeBand(band) => size_band(line.amount) == *band,
        Criterion::Length(band) => AwardLength::of_line(line) == *band,
        Criterion::Pot(pot) => scenario.pot_of(index) == *pot,
        Criterion::InAPot => scenario.pot_of(index).is_some(),
        Criterion::Status(status) => scenario.status_of(index, line.ringfence) == *status,
        Criterion::StatusToday(status) => line.ringfence == *status,
        Criterion::Competed => {
            PotPolicy::counts_as_competed(scenario.policy_of(index), line.allocation)
        }
        Criterion::MultiYear => AwardLength::of_line(line).over_one_year(),
        Criterion::Matches(query) => line_matches(dataset, line, query),
        // Judged up front in `lines_behind`.
        Criterion::Stream(_) => true,
    }
}

#[cfg(test)]
mod tests;
