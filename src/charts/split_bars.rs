//! Horizontal bars, one a row, each split into ringfenced, flexible and not recorded money:
//! the drawer, table and tooltip text shared by every chart that shows a ringfence split.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{bar_chart, draw_bar_mesh, framed, slot_edges};
use super::labels::{lines_text, row_labels};
use super::legend::draw_legend;
use super::palette::ringfence_colour;
use super::{ChartStyle, DataTable, Drawn, Hit, Part};
use crate::breakdown::SplitRow;
use crate::format::{self, gbp_short};
use crate::model::Ringfence;

/// Longest row label drawn beside a bar; the data table has the full names.
const LABEL_CHARS: usize = 40;

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
    let whole = area;
    let area = &framed(whole, title, style)?;
    let (width, _) = area.dim_in_pixel();
    let has_swatches = swatches.iter().any(Option::is_some);
    let swatch = if has_swatches { style.px(12.0) } else { 0 };
    let (names, label_space) = row_labels(
        rows.iter().map(|row| row.label.as_str()),
        width,
        LABEL_CHARS,
        swatch * 2,
        style,
    );

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
    draw_bar_mesh(
        area,
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
    // The swatches in one column, just left of the widest label (labels are right-aligned
    // against the axis).
    let mut widest_label = 0;
    for name in &names {
        for line in name {
            widest_label = widest_label.max(area.estimate_text_size(line, &label_style)?.0);
        }
    }
    let label_left = plot_x.start - base_x - style.px(9.0) as i32 - widest_label as i32;
    let swatch_left = (label_left - style.px(6.0) as i32 - swatch as i32).max(0);
    for (rank, (row, &(top, bottom))) in rows.iter().zip(&edges).enumerate() {
        let middle = (top + bottom) / 2;
        if let Some(Some(colour)) = swatches.get(rank) {
            let half = swatch as i32 / 2;
            area.draw(&Rectangle::new(
                [
                    (swatch_left, middle - base_y - half),
                    (swatch_left + swatch as i32, middle - base_y + half),
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
            part: Part::Row(rank),
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

/// The table of a ringfence chart: lines and money by status for each row.
pub fn split_table(row_heading: &str, rows: &[SplitRow]) -> DataTable {
    DataTable::new(
        &[
            row_heading,
            "Lines",
            "Ringfenced",
            "Flexible",
            "Not recorded",
            "Total",
        ],
        rows.iter()
            .map(|row| {
                vec![
                    row.label.clone(),
                    format::count(row.lines as u64),
                    format::gbp(row.money.ringfenced),
                    format::gbp(row.money.flexible),
                    format::gbp(row.money.not_recorded),
                    format::gbp(row.money.total()),
                ]
            })
            .collect(),
    )
}

/// What a tooltip says about one row of a ringfence chart.
pub fn split_row_text(row: &SplitRow) -> String {
    let total = row.money.total();
    let parts: Vec<String> = Ringfence::ALL
        .iter()
        .filter(|&&status| row.money.get(status).0 != 0)
        .map(|&status| {
            let share = row
                .money
                .share(status)
                .map(|s| format!(" ({})", format::percent(s)))
                .unwrap_or_default();
            format!(
                "{} {}{share}",
                status.label().to_lowercase(),
                format::gbp(row.money.get(status))
            )
        })
        .collect();
    let lines = lines_text(row.lines);
    if parts.is_empty() {
        format!("{}: {} in {lines}", row.label, format::gbp(total))
    } else {
        format!(
            "{}: {} in {lines}; {}",
            row.label,
            format::gbp(total),
            parts.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pence;
    use crate::money::RingfenceSplit;

    #[test]
    fn tooltips_give_exact_money_and_shares() {
        let row = SplitRow {
            label: "DfT".into(),
            lines: 3,
            money: RingfenceSplit {
                ringfenced: Pence(7_500_000),
                flexible: Pence(2_500_000),
                not_recorded: Pence(0),
            },
            merged: 0,
            criteria: Vec::new(),
        };
        assert_eq!(
            split_row_text(&row),
            "DfT: £100,000 in 3 lines; ringfenced £75,000 (75.0%), flexible £25,000 (25.0%)"
        );
        let hit = Hit {
            left: 0,
            top: 10,
            right: 5,
            bottom: 20,
            text: String::new(),
            part: Part::Row(0),
        };
        assert!(hit.contains(5, 10) && !hit.contains(6, 10) && !hit.contains(0, 9));
    }
}
