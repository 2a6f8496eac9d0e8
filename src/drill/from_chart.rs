//! The selection behind each region of each chart, and behind each row of its table.

use crate::breakdown::SplitRow;
use crate::charts::{Chart, Part};
use crate::measures::SIZE_BANDS;
use crate::model::{Dataset, StringPool};
use crate::selection::{Criterion, Scope, Selection};
use crate::view::PlaceChoice;

/// The selection behind `part` of `chart`; `None` for a part the chart does not have.
pub fn chart_selection(dataset: &Dataset, chart: &Chart, part: Part) -> Option<Selection> {
    let split = |rows: &[SplitRow], index: usize| {
        rows.get(index)
            .map(|row| Selection::new(row.label.clone(), row.criteria.clone()))
    };
    match (chart, part) {
        (Chart::BeforeAfter(rows), Part::Row(index)) => {
            let row = rows.get(index)?;
            let selection = Selection::new(
                format!("the place {}", row.label.to_lowercase()),
                row.criteria.clone(),
            );
            Some(if index == 0 {
                selection.as_today()
            } else {
                selection
            })
        }
        (Chart::ByFunder(rows), Part::Row(index)) => split(rows, index),
        (Chart::ByPot(pots), Part::Row(index)) => split(&pots.rows, index),
        (Chart::MoneyByYear(rows), Part::Row(index)) => {
            let selection = split(rows, index)?.within(Scope::EveryYear);
            // Two rows a year: today's first.
            Some(if index % 2 == 0 {
                selection.as_today()
            } else {
                selection
            })
        }
        (Chart::SizeDistribution(rows), Part::Row(index)) => {
            let row = rows.get(index)?;
            let band = SIZE_BANDS
                .iter()
                .position(|(label, _)| *label == row.band)?;
            Some(Selection::new(
                format!("funding lines of {}", row.band.to_lowercase()),
                vec![Criterion::SizeBand(band)],
            ))
        }
        (Chart::StreamsByService(rows), Part::Row(index)) => {
            let row = rows.get(index)?;
            Some(Selection::new(row.service.clone(), row.criteria.clone()))
        }
        (Chart::FunderToPot(flows), Part::Funder(index)) => {
            let node = flows.funders.get(index)?;
            Some(Selection::new(node.label.clone(), node.criteria.clone()))
        }
        (Chart::FunderToPot(flows), Part::Pot(index)) => {
            let node = flows.pots.get(index)?;
            Some(Selection::new(node.label.clone(), node.criteria.clone()))
        }
        (Chart::FunderToPot(flows), Part::Flow(index)) => {
            let link = flows.links.get(index)?;
            let (funder, pot) = (&flows.funders[link.funder], &flows.pots[link.pot]);
            Some(Selection::new(
                format!("{} → {}", funder.label, pot.label),
                funder
                    .criteria
                    .iter()
                    .chain(&pot.criteria)
                    .cloned()
                    .collect(),
            ))
        }
        (Chart::StreamsByYear(rows), Part::Row(index)) => {
            let row = rows.get(index)?;
            Some(
                Selection::new(row.year.label(), vec![Criterion::Year(Some(row.year))])
                    .within(Scope::EveryYear)
                    .as_today(),
            )
        }
        (Chart::AwardsByLength(rows), Part::Row(index)) => {
            let row = rows.get(index)?;
            Some(Selection::new(
                format!("awards of {}", row.length.label().to_lowercase()),
                vec![Criterion::Length(row.length)],
            ))
        }
        (Chart::PlacesRanked(ranked), Part::Row(index)) => {
            let row = ranked.rows.get(index)?;
            let area = match &row.place {
                PlaceChoice::Area(code) => dataset.strings.find(code)?,
                PlaceChoice::NotKnown => StringPool::BLANK,
                PlaceChoice::All => return None,
            };
            Some(
                Selection::new(row.name.clone(), vec![Criterion::Area(area)])
                    .within(Scope::EveryPlace),
            )
        }
        _ => None,
    }
}

/// The selection behind row `row` of `chart`'s table ([`Chart::table`]): a row of the chart
/// (a flow, for the flows chart), or, for a total row, every line the chart counts.
pub fn table_selection(dataset: &Dataset, chart: &Chart, row: usize) -> Option<Selection> {
    let part = match chart {
        Chart::FunderToPot(_) => Part::Flow(row),
        _ => Part::Row(row),
    };
    if let Some(selection) = chart_selection(dataset, chart, part) {
        return Some(selection);
    }
    if row >= chart.table().rows.len() {
        return None;
    }
    let whole = Selection::new("every line in the chart", Vec::new());
    Some(if chart.kind().over_years() {
        whole.within(Scope::EveryYear)
    } else {
        whole
    })
}
