//! Horizontal stacked bars: each pot's money, ringfenced, flexible and not recorded, under the
//! pot's policy, and the lines in no pot.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::palette::{self, pot_colour};
use super::split_bars::draw_split_bars;
use super::{ChartStyle, Drawn};
use crate::breakdown::{self, SplitRow};
use crate::measures::FunderPot;
use crate::scenario::{PotId, Scenario};

/// The chart's title, also its figure caption.
pub const TITLE: &str = "Ringfenced and flexible money by pot";

/// Each pot's row, its id and its colour; the last row is the lines in no pot.
#[derive(Debug, Clone, PartialEq)]
pub struct PotRows {
    pub rows: Vec<SplitRow>,
    /// The pot of each row, `None` for the lines in no pot.
    pub pots: Vec<Option<PotId>>,
    /// The colour of each pot's row, `None` for the lines in no pot.
    pub colours: Vec<Option<u8>>,
}

/// The rows of `scenario`'s pots, from the measures' funder × pot cells.
pub fn rows(cells: &[FunderPot], scenario: &Scenario) -> PotRows {
    let (pots, rows) = breakdown::by_pot(cells, scenario).into_iter().unzip();
    let colours = scenario
        .pots
        .iter()
        .map(|pot| Some(pot.colour))
        .chain(std::iter::once(None))
        .collect();
    PotRows {
        rows,
        pots,
        colours,
    }
}

/// Draws the chart onto `area`, filling it, with each pot's colour beside its name.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    pots: &PotRows,
    style: &ChartStyle,
) -> Drawn<DB> {
    let swatches: Vec<Option<RGBColor>> = pots
        .colours
        .iter()
        .map(|colour| Some(colour.map_or(palette::OTHER_FUNDERS, pot_colour)))
        .collect();
    draw_split_bars(area, TITLE, &pots.rows, &swatches, style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::test_support::{fills, render};
    use crate::charts::{Chart, ChartStyle};
    use crate::scenario::PotPolicy;

    #[test]
    fn one_bar_per_pot_and_one_for_the_rest_in_the_pots_colours() {
        let dataset = crate::import::dataset_from(
            b"Funder,Amount,Ringfenced\nDfT,100,Yes\nMoJ,50,Yes\nDfE,25,No\n",
        );
        let editor = crate::scenario::test_support::editor_with_pot(
            3,
            "Safer streets",
            PotPolicy::LiftRingfence,
            &[0, 1],
        );
        let cells = crate::measures::measure(
            &dataset,
            Some(&editor.scenario),
            &crate::view::LineFilter::ALL,
        )
        .by_funder_and_pot;
        let pots = rows(&cells, &editor.scenario);
        assert_eq!(pots.colours, [Some(0), None]);
        let chart = Chart::ByPot(pots);
        let (svg, hits) = render(&chart, (800, 300), &ChartStyle::default());
        assert!(
            svg.contains(TITLE) && svg.contains("Safer streets") && svg.contains("Not in a pot")
        );
        assert_eq!(fills(&svg, pot_colour(0)), 1, "the pot's key colour");
        assert_eq!(hits.len(), 2);
        assert!(hits[0]
            .text
            .starts_with("Safer streets: £150 in 2 lines; flexible £150 (100.0%)"));
        let table = chart.table();
        assert_eq!(table.columns[0], "Pot");
        assert_eq!(table.rows[1][0], "Not in a pot");
        assert_eq!(table.rows[1][5], "£25");
    }
}
