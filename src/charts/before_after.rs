//! The whole place's money, ringfenced and flexible, today and with the user's pots.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ringfence_by_funder::draw_split_bars;
use super::{ChartStyle, Drawn};
use crate::metrics::{funder_pot_cells, FunderPot, RingfenceSplit, SplitRow};
use crate::model::Dataset;
use crate::scenario::Scenario;

/// The chart's title, also its figure caption.
pub const TITLE: &str = "Ringfenced and flexible money, today and with your pots";

/// Two rows: the place today, and under `scenario`'s pots.
pub fn rows(dataset: &Dataset, scenario: &Scenario) -> Vec<SplitRow> {
    rows_in(&funder_pot_cells(dataset, scenario))
}

/// [`rows`] from cells already gathered by [`funder_pot_cells`].
pub fn rows_in(cells: &[FunderPot]) -> Vec<SplitRow> {
    let mut today = RingfenceSplit::default();
    let mut pooled = RingfenceSplit::default();
    let mut lines = 0;
    for cell in cells {
        today += cell.today;
        pooled += cell.with_pots;
        lines += cell.lines;
    }
    let row = |label: &str, money| SplitRow {
        label: label.to_owned(),
        lines,
        money,
        merged: 0,
    };
    vec![row("Today", today), row("With your pots", pooled)]
}

/// Draws the chart onto `area`, filling it.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[SplitRow],
    style: &ChartStyle,
) -> Drawn<DB> {
    draw_split_bars(area, TITLE, rows, &[], style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pence;
    use crate::scenario::PotPolicy;

    #[test]
    fn today_and_with_pots_add_up_to_the_same_money() {
        let dataset = crate::import::dataset_from(
            b"Funder,Amount,Ringfenced\nDfT,100,Yes\nMoJ,50,Yes\nDfE,25,No\n",
        );
        let editor =
            crate::scenario::test_support::editor_with_pot(3, "P", PotPolicy::LiftRingfence, &[1]);
        let rows = rows(&dataset, &editor.scenario);
        assert_eq!(rows[0].money.ringfenced, Pence(15_000));
        assert_eq!(rows[1].money.ringfenced, Pence(10_000));
        assert_eq!(rows[1].money.flexible, Pence(7_500));
        assert_eq!(rows[0].money.total(), rows[1].money.total());

        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (800, 300)).into_drawing_area();
            draw(&area, &rows, &ChartStyle::default()).unwrap();
        }
        assert!(svg.contains(TITLE) && svg.contains("Today") && svg.contains("With your pots"));
        assert_eq!(
            svg.matches("fill=\"#D55E00\"").count(),
            2 + 1,
            "two ringfenced bars and a legend swatch"
        );
    }
}
