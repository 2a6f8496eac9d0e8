//! Horizontal stacked bars: each funder's money, ringfenced, flexible and not recorded.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{palette, ringfence_colour, truncate_label, ChartStyle, FONT};
use crate::format::gbp_short;
use crate::metrics::FunderSplit;
use crate::model::Ringfence;

/// The chart's title, also used as its figure caption.
pub const TITLE: &str = "Ringfenced and flexible money by funder";

/// Longest funder name drawn beside a bar; the data table has the full names.
const LABEL_CHARS: usize = 40;

/// Draws the chart onto `area`, filling it.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[FunderSplit],
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    draw_split_bars(area, TITLE, rows, style)
}

/// Horizontal bars, one a row, each split into ringfenced, flexible and not recorded money,
/// with `title` above them. Shared by the charts that show a ringfence split. Negative net
/// amounts (clawbacks exceeding awards) are drawn as zero-width segments; the data tables show
/// them exactly.
pub fn draw_split_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    rows: &[FunderSplit],
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let whole = area;
    let area = &super::with_footer(whole, style)?;
    let (width, _) = area.dim_in_pixel();
    let label_font = style.font(12.0);
    let longest = rows
        .iter()
        .map(|row| truncate_label(&row.funder, LABEL_CHARS).chars().count())
        .max()
        .unwrap_or(0);
    // An estimate (about 0.55 em per character); the caption and legend are measured by plotters.
    let label_width =
        ((longest as f64 * label_font * 0.55) as u32 + style.px(12.0)).min(width * 2 / 5);

    let positive =
        |row: &FunderSplit, status: Ringfence| row.money.get(status).as_pounds_f64().max(0.0);
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
    let count = rows.len().max(1);

    let mut builder = ChartBuilder::on(area);
    if style.titled {
        builder.caption(
            title,
            (FONT, style.font(17.0)).into_font().color(&palette::TEXT),
        );
    }
    let mut chart = builder
        .margin(style.px(12.0))
        .x_label_area_size(style.px(34.0))
        .y_label_area_size(label_width)
        .build_cartesian_2d(0.0..x_max, (0..count).into_segmented())?;

    let bar_label = |value: &SegmentValue<usize>| match value {
        SegmentValue::CenterOf(i) if *i < rows.len() => {
            truncate_label(&rows[rows.len() - 1 - i].funder, LABEL_CHARS)
        }
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .axis_style(palette::GREY)
        .y_labels(count)
        .y_label_formatter(&bar_label)
        .x_labels(6)
        .x_label_formatter(&|x| gbp_short(*x))
        .label_style((FONT, label_font).into_font().color(&palette::TEXT))
        .x_desc("£ awarded")
        .axis_desc_style((FONT, label_font).into_font().color(&palette::TEXT))
        .draw()?;

    let gap = style.px(4.0) as i32;
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
            bar.set_margin(gap as u32, gap as u32, 0, 0);
            bar
        });
        chart.draw_series(bars)?;
    }
    draw_legend(
        area,
        style,
        label_width,
        if style.titled { style.px(34.0) } else { 0 },
    )?;
    whole.present()
}

/// A row of colour swatches with labels, above the plot and aligned with its left edge.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
    left: u32,
    top: u32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let font = (FONT, style.font(12.0)).into_font().color(&palette::TEXT);
    let swatch = style.px(12.0) as i32;
    let mut x = (left + style.px(12.0)) as i32;
    let y = (top + style.px(6.0)) as i32;
    for status in Ringfence::ALL {
        area.draw(&Rectangle::new(
            [(x, y), (x + swatch, y + swatch)],
            ringfence_colour(status).filled(),
        ))?;
        let label = status.label();
        area.draw_text(label, &font, (x + swatch + style.px(6.0) as i32, y))?;
        let (text_width, _) = area.estimate_text_size(label, &font)?;
        x += swatch + style.px(6.0) as i32 + text_width as i32 + style.px(18.0) as i32;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::RingfenceSplit;
    use crate::model::Pence;

    fn row(funder: &str, ringfenced: i64, flexible: i64, not_recorded: i64) -> FunderSplit {
        FunderSplit {
            funder: funder.to_owned(),
            lines: 1,
            money: RingfenceSplit {
                ringfenced: Pence(ringfenced * 100),
                flexible: Pence(flexible * 100),
                not_recorded: Pence(not_recorded * 100),
            },
        }
    }

    fn render(rows: &[FunderSplit]) -> String {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (800, 400)).into_drawing_area();
            draw(&area, rows, &ChartStyle::default()).expect("draws");
        }
        svg
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
