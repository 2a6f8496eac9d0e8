//! Horizontal stacked bars: each funder's money, ringfenced, flexible and not recorded.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    bar_chart, draw_bar_mesh, draw_legend, fitting_chars, funder_colour, label_width, palette,
    ringfence_colour, slot_edges, split_row_text, truncate_label, ChartStyle, Drawn, Hit,
};
use crate::format::gbp_short;
use crate::metrics::SplitRow;
use crate::model::Ringfence;

/// The chart's title, also used as its figure caption.
pub const TITLE: &str = "Ringfenced and flexible money by funder";

/// Longest row label drawn beside a bar; the data table has the full names.
const LABEL_CHARS: usize = 40;

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

/// Horizontal bars, one a row, each split into ringfenced, flexible and not recorded money,
/// with `title` above them and an optional key colour beside each row's label. Shared by the
/// charts that show a ringfence split. Negative net amounts (clawbacks exceeding awards) are
/// drawn as zero-width segments; the tooltips and data tables show them exactly.
pub fn draw_split_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    rows: &[SplitRow],
    swatches: &[Option<RGBColor>],
    style: &ChartStyle,
) -> Drawn<DB> {
    area.fill(&WHITE)?;
    let whole = area;
    let area = &super::with_title(&super::with_footer(whole, style)?, title, style)?;
    let (width, _) = area.dim_in_pixel();
    let label_font = style.font(12.0);
    let label_chars = fitting_chars(width * 2 / 5, label_font, LABEL_CHARS);
    let longest = rows
        .iter()
        .map(|row| truncate_label(&row.label, label_chars).chars().count())
        .max()
        .unwrap_or(0);
    let has_swatches = swatches.iter().any(Option::is_some);
    let swatch = if has_swatches { style.px(12.0) } else { 0 };
    let label_space =
        (label_width(longest, label_font) + style.px(12.0) + swatch * 2).min(width * 2 / 5);

    let positive =
        |row: &SplitRow, status: Ringfence| row.money.get(status).as_pounds_f64().max(0.0);
    let widest = rows
        .iter()
        .map(|row| {
            Ringfence::ALL
                .iter()
                .map(|&s| positive(row, s))
                .sum::<f64>()
        })
        .fold(0.0, f64::max);
    let x_max = if widest > 0.0 { widest * 1.08 } else { 1.0 };

    let mut chart = bar_chart(
        area,
        rows.len(),
        x_max,
        (style.px(34.0), label_space),
        style,
    )?;
    let names: Vec<String> = rows
        .iter()
        .map(|row| truncate_label(&row.label, label_chars))
        .collect();
    draw_bar_mesh(
        &mut chart,
        &names,
        &|x: &f64| gbp_short(*x),
        "£ awarded",
        style,
    )?;

    let label_style = style.text(12.0);
    let gap = style.px(4.0);
    for status in Ringfence::ALL {
        let colour = ringfence_colour(status);
        let bars = rows.iter().enumerate().map(|(rank, row)| {
            let slot = rows.len() - 1 - rank;
            let before: f64 = Ringfence::ALL
                .iter()
                .take_while(|&&s| s != status)
                .map(|&s| positive(row, s))
                .sum();
            let after = before + positive(row, status);
            let mut bar = Rectangle::new(
                [
                    (before, SegmentValue::Exact(slot)),
                    (after, SegmentValue::Exact(slot + 1)),
                ],
                colour.filled(),
            );
            bar.set_margin(gap, gap, 0, 0);
            bar
        });
        chart.draw_series(bars)?;
    }

    // Key colours and tooltip regions, row by row, in backend pixels.
    let (base_x, base_y) = area.get_base_pixel();
    let (plot_x, _) = chart.plotting_area().get_pixel_range();
    let mut hits = Vec::with_capacity(rows.len());
    let edges = slot_edges(&chart, rows.len());
    for (rank, (row, &(top, bottom))) in rows.iter().zip(&edges).enumerate() {
        let middle = (top + bottom) / 2;
        if let Some(Some(colour)) = swatches.get(rank) {
            // Just left of the label, which plotters right-aligns against the axis.
            let (text_width, _) = area.estimate_text_size(&names[rank], &label_style)?;
            let label_left = plot_x.start - base_x - style.px(9.0) as i32 - text_width as i32;
            let left = (label_left - style.px(6.0) as i32 - swatch as i32).max(0);
            let half = swatch as i32 / 2;
            area.draw(&Rectangle::new(
                [
                    (left, middle - base_y - half),
                    (left + swatch as i32, middle - base_y + half),
                ],
                colour.filled(),
            ))?;
        }
        hits.push(Hit {
            left: base_x,
            top,
            right: plot_x.end,
            bottom,
            text: split_row_text(row),
        });
    }

    let legend: Vec<(&str, RGBColor)> = Ringfence::ALL
        .iter()
        .map(|&status| (status.label(), ringfence_colour(status)))
        .collect();
    let legend_top = style.px(6.0);
    draw_legend(
        area,
        style,
        ((label_space + style.px(12.0)) as i32, legend_top as i32),
        &legend,
    )?;
    whole.present()?;
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::RingfenceSplit;
    use crate::model::Pence;

    fn row(funder: &str, ringfenced: i64, flexible: i64, not_recorded: i64) -> SplitRow {
        SplitRow {
            label: funder.to_owned(),
            merged: 0,
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
    fn long_names_are_shortened_and_an_empty_place_still_draws() {
        let svg = render(&[row(
            "Department for Business, Energy and Industrial Strategy",
            10,
            0,
            0,
        )]);
        assert!(svg.contains("Department for Business, Energy and Ind…"));
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
