//! The whole place's money, ringfenced and flexible, today and with the user's pots. Its rows
//! are [`crate::breakdown::before_after`].

use plotters::coord::Shift;
use plotters::prelude::*;

use super::split_bars::draw_split_bars;
use super::{ChartStyle, Drawn};
use crate::breakdown::SplitRow;

/// The chart's title, also its figure caption.
pub const TITLE: &str = "Ringfenced and flexible money, today and with your pots";

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
    use crate::breakdown::before_after;
    use crate::measures::measure;
    use crate::scenario::PotPolicy;

    #[test]
    fn draws_both_rows_with_a_ringfenced_bar_each() {
        let dataset = crate::import::dataset_from(
            b"Funder,Amount,Ringfenced\nDfT,100,Yes\nMoJ,50,Yes\nDfE,25,No\n",
        );
        let editor =
            crate::scenario::test_support::editor_with_pot(3, "P", PotPolicy::LiftRingfence, &[1]);
        let rows = before_after(
            &measure(
                &dataset,
                Some(&editor.scenario),
                &crate::view::LineFilter::ALL,
            )
            .by_funder_and_pot,
        );
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
