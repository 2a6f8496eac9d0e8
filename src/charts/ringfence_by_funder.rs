//! Horizontal stacked bars: each funder's money, ringfenced, flexible and not recorded.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::palette::{self, funder_colour};
use super::split_bars::draw_split_bars;
use super::{ChartStyle, Drawn};
use crate::breakdown::SplitRow;

/// The chart's title, also used as its figure caption.
pub const TITLE: &str = "Ringfenced and flexible money by funder";

/// Draws the chart onto `area`, filling it. Each funder's key colour (the one it has in every
/// chart) is shown beside its name.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[SplitRow],
    style: &ChartStyle,
) -> Drawn<DB> {
    let swatches: Vec<Option<RGBColor>> = rows
        .iter()
        .enumerate()
        .map(|(rank, row)| {
            if row.merged > 0 {
                Some(palette::OTHER_FUNDERS)
            } else {
                funder_colour(rank)
            }
        })
        .collect();
    draw_split_bars(area, TITLE, rows, &swatches, style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pence;
    use crate::money::RingfenceSplit;

    fn row(funder: &str, ringfenced: i64, flexible: i64, not_recorded: i64) -> SplitRow {
        SplitRow {
            label: funder.to_owned(),
            merged: 0,
            criteria: Vec::new(),
            lines: 1,
            money: RingfenceSplit {
                ringfenced: Pence(ringfenced * 100),
                flexible: Pence(flexible * 100),
                not_recorded: Pence(not_recorded * 100),
            },
        }
    }

    fn render(rows: &[SplitRow]) -> String {
        super::super::test_support::render(
            &super::super::Chart::ByFunder(rows.to_vec()),
            (800, 400),
            &ChartStyle::default(),
        )
        .0
    }

    #[test]
    fn draws_title_funders_legend_and_one_bar_per_segment() {
        let svg = render(&[
            row("Department for Transport", 3_000_000, 1_000_000, 0),
            row("Ministry of Justice", 500_000, 0, 250_000),
        ]);
        assert!(svg.contains(TITLE));
        assert!(svg.contains("Department for Transport"));
        assert!(svg.contains("Ministry of Justice"));
        for label in ["Ringfenced", "Flexible", "Not recorded"] {
            assert!(svg.contains(label), "legend has {label}");
        }
        assert!(
            svg.contains("£4m") || svg.contains("£3m"),
            "axis in £m: {svg}"
        );
        // 2 funders × 3 statuses = 6 bar segments, in the palette's fills.
        let vermillion = svg.matches("fill=\"#D55E00\"").count();
        let blue = svg.matches("fill=\"#0072B2\"").count();
        assert_eq!(vermillion, 2 + 1, "two bars and a legend swatch");
        assert_eq!(blue, 2 + 1);
        // Each funder's key colour, the one it has in every chart, beside its name.
        let fills = super::super::test_support::fills;
        assert_eq!(fills(&svg, palette::FUNDERS[0]), 1);
        assert_eq!(fills(&svg, palette::FUNDERS[1]), 1);
    }

    #[test]
    fn each_row_has_a_tooltip_region_with_exact_figures_top_to_bottom() {
        let rows = [
            row("DfT", 3_000_000, 1_000_000, 0),
            row("MoJ", 500_000, 0, 250_000),
        ];
        let (_, hits) = super::super::test_support::render(
            &super::super::Chart::ByFunder(rows.to_vec()),
            (800, 400),
            &ChartStyle::default(),
        );
        assert_eq!(hits.len(), 2);
        assert!(hits[0]
            .text
            .starts_with("DfT: £4,000,000 in 1 line; ringfenced £3,000,000 (75.0%)"));
        assert!(hits[1].text.contains("not recorded £250,000 (33.3%)"));
        assert!(hits[0].bottom <= hits[1].top + 1, "DfT is drawn above MoJ");
        assert!(hits.iter().all(|h| h.left < h.right && h.top < h.bottom));
    }

    #[test]
    fn long_names_wrap_onto_two_lines_and_an_empty_place_still_draws() {
        let svg = render(&[row(
            "Department for Business, Energy and Industrial Strategy and Something Else",
            10,
            0,
            0,
        )]);
        assert!(
            svg.contains("\nDepartment for Business, Energy and\n"),
            "{svg}"
        );
        assert!(svg.contains("\nIndustrial Strategy and Something Else\n"));
        let empty = render(&[]);
        assert!(empty.contains(TITLE));
        let mut untitled = String::new();
        {
            let area = SVGBackend::with_string(&mut untitled, (800, 400)).into_drawing_area();
            let style = ChartStyle {
                titled: false,
                ..ChartStyle::default()
            };
            draw(&area, &[row("DfT", 1, 0, 0)], &style).expect("draws");
        }
        assert!(!untitled.contains(TITLE) && untitled.contains("DfT"));
    }
}
