//! How many separate streams reach each service, today and with the user's pots.

use crate::fasthash::FastMap;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::paired_bars::{draw_paired_bars, PairedLayout, PairedRow};
use super::{ChartStyle, DataTable, Drawn};
use crate::format;
use crate::measures::Measures;
use crate::model::{Dataset, Sym};
use crate::selection::{Criterion, Field};

/// The chart's title, also its figure caption.
pub const TITLE: &str = "Streams reaching each service, today and with your pots";

/// One service (or the merged rest).
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRow {
    pub service: String,
    pub today: usize,
    pub with_pots: usize,
    /// How many services were merged into this row; 0 for a single service.
    pub merged: usize,
    /// The test of the lines behind the row ([`crate::drill`]).
    pub criteria: Vec<Criterion>,
}

/// Services with the most streams today first (ties by name); past `max_rows`, the rest are
/// merged into "All other services (N)".
pub fn rows(
    dataset: &Dataset,
    today: &Measures,
    with_pots: &Measures,
    max_rows: usize,
) -> Vec<ServiceRow> {
    let mut by_service: FastMap<Sym, (usize, usize)> = FastMap::default();
    for &(service, streams) in &today.streams_by_service {
        by_service.entry(service).or_default().0 = streams;
    }
    for &(service, streams) in &with_pots.streams_by_service {
        by_service.entry(service).or_default().1 = streams;
    }
    let mut rows: Vec<ServiceRow> = by_service
        .into_iter()
        .map(|(sym, (today, with_pots))| ServiceRow {
            service: match dataset.text(sym) {
                "" => "(service not recorded)".to_owned(),
                name => name.to_owned(),
            },
            today,
            with_pots,
            merged: 0,
            criteria: vec![Criterion::Is(Field::Service, sym)],
        })
        .collect();
    rows.sort_by(|a, b| {
        b.today
            .cmp(&a.today)
            .then_with(|| a.service.cmp(&b.service))
    });
    if max_rows > 0 && rows.len() > max_rows {
        let rest = rows.split_off(max_rows - 1);
        rows.push(ServiceRow {
            criteria: vec![Criterion::none_of(
                Field::Service,
                rows.iter().flat_map(|row| &row.criteria),
            )],
            service: format!("All other services ({})", rest.len()),
            today: rest.iter().map(|r| r.today).sum(),
            with_pots: rest.iter().map(|r| r.with_pots).sum(),
            merged: rest.len(),
        });
    }
    rows
}

/// Draws the chart onto `area`, filling it.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[ServiceRow],
    style: &ChartStyle,
) -> Drawn<DB> {
    let paired: Vec<PairedRow> = rows
        .iter()
        .map(|row| PairedRow {
            label: &row.service,
            today: row.today,
            with_pots: row.with_pots,
            shaded: false,
            tooltip: format!(
                "{}: {} today, {} with your pots",
                row.service,
                format::counted(row.today as u64, "stream", "streams"),
                format::count(row.with_pots as u64)
            ),
        })
        .collect();
    draw_paired_bars(
        area,
        &PairedLayout {
            title: TITLE,
            measure: "Streams (a stream reaching two services counts in both)",
            shade_note: None,
        },
        &paired,
        style,
    )
}

/// The services as a table.
pub fn table(rows: &[ServiceRow]) -> DataTable {
    DataTable::new(
        &["Service", "Streams today", "Streams with your pots"],
        rows.iter()
            .map(|row| {
                vec![
                    row.service.clone(),
                    format::count(row.today as u64),
                    format::count(row.with_pots as u64),
                ]
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::test_support::render;
    use crate::charts::Chart;
    use crate::measures::measure;
    use crate::scenario::PotPolicy;

    #[test]
    fn services_rank_by_streams_and_pooling_cuts_them() {
        let dataset = crate::import::dataset_from(
            b"Funder,Programme,Service,Amount\n\
              DfE,Holiday food,Children,10\n\
              DfE,Family hubs,Children,10\n\
              DHSC,Start for life,Children,10\n\
              DHSC,Public health grant,Public health,10\n\
              DfT,Buses,,10\n",
        );
        let editor = crate::scenario::test_support::editor_with_pot(
            5,
            "Best start",
            PotPolicy::LiftRingfence,
            &[0, 1, 2],
        );
        let today = measure(&dataset, None, &crate::view::LineFilter::ALL);
        let pooled = measure(
            &dataset,
            Some(&editor.scenario),
            &crate::view::LineFilter::ALL,
        );
        let all = rows(&dataset, &today, &pooled, 0);
        let shown: Vec<(&str, usize, usize)> = all
            .iter()
            .map(|r| (r.service.as_str(), r.today, r.with_pots))
            .collect();
        assert_eq!(
            shown,
            [
                ("Children", 3, 1),
                ("(service not recorded)", 1, 1),
                ("Public health", 1, 1)
            ]
        );
        let merged = rows(&dataset, &today, &pooled, 2);
        assert_eq!(merged[1].service, "All other services (2)");
        assert_eq!((merged[1].today, merged[1].with_pots), (2, 2));

        let chart = Chart::StreamsByService(all);
        let (svg, hits) = render(&chart, (800, 400), &ChartStyle::default());
        assert!(svg.contains(TITLE) && svg.contains("Children") && svg.contains("Public health"));
        assert_eq!(hits[0].text, "Children: 3 streams today, 1 with your pots");
        assert_eq!(chart.table().rows[0], ["Children", "3", "1"]);
    }
}
