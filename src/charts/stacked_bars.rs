//! Horizontal bars, one a row, each stacked from a few named segments, one row perhaps
//! highlighted: the drawer of the charts over years (streams starting, continuing and ending;
//! awards by length) and of places ranked.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{bar_chart, draw_bar_mesh, framed, slot_edges};
use super::labels::row_labels;
use super::legend::draw_legend;
use super::{ChartStyle, Drawn, Hit, Part};

/// One row: its label, a value per segment (in the layout's order), its tooltip, and whether
/// it is drawn in the layout's highlight colour.
pub struct StackedRow {
    pub label: String,
    pub values: Vec<f64>,
    pub tooltip: String,
    pub highlighted: bool,
}

impl StackedRow {
    /// A row of counts, not highlighted.
    pub fn counts(label: String, counts: &[usize], tooltip: String) -> StackedRow {
        StackedRow {
            label,
            values: counts.iter().map(|&c| c as f64).collect(),
            tooltip,
            highlighted: false,
        }
    }
}

/// What the chart shows beyond its rows: its title, the x axis's description and labels, each
/// segment's name and colour (also its legend), the longest row label drawn (the data table
/// has the full names), and the name and colour of a highlighted row, if any.
pub struct StackedLayout<'a> {
    pub title: &'a str,
    pub measure: &'a str,
    pub axis: &'a dyn Fn(&f64) -> String,
    pub segments: &'a [(&'a str, RGBColor)],
    pub label_chars: usize,
    pub highlight: Option<(&'a str, RGBColor)>,
}

/// Draws the rows top to bottom, each bar its segments left to right (negative values are
/// drawn as nothing; the tooltips and tables give them exactly).
pub fn draw_stacked_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &StackedLayout,
    rows: &[StackedRow],
    style: &ChartStyle,
) -> Drawn<DB> {
    let whole = area;
    let area = &framed(whole, layout.title, style)?;
    let (width, _) = area.dim_in_pixel();
    let (names, label_space) = row_labels(
        rows.iter().map(|row| row.label.as_str()),
        width,
        layout.label_chars,
        0,
        style,
    );
    let most = rows
        .iter()
        .map(|row| row.values.iter().map(|v| v.max(0.0)).sum::<f64>())
        .fold(0.0, f64::max);
    let x_max = if most > 0.0 { most * 1.1 } else { 1.1 };
    let mut chart = bar_chart(
        area,
        rows.len(),
        x_max,
        (style.px(34.0), label_space),
        style,
    )?;
    let (plot_x, _) = chart.plotting_area().get_pixel_range();
    let (base_x, _) = area.get_base_pixel();
    let edges = slot_edges(&chart, rows.len());
    draw_bar_mesh(area, &mut chart, &names, layout.axis, layout.measure, style)?;
    let mut hits = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        let slot = rows.len() - 1 - index;
        let (top, bottom) = edges[index];
        let margin = (((bottom - top) / 5).max(1)) as u32;
        let mut start = 0.0;
        for (&value, &(_, colour)) in row.values.iter().zip(layout.segments) {
            let value = value.max(0.0);
            if value > 0.0 {
                let colour = match layout.highlight {
                    Some((_, highlight)) if row.highlighted => highlight,
                    _ => colour,
                };
                let mut bar = Rectangle::new(
                    [
                        (start, SegmentValue::Exact(slot)),
                        (start + value, SegmentValue::Exact(slot + 1)),
                    ],
                    colour.filled(),
                );
                bar.set_margin(margin, margin, 0, 0);
                chart.draw_series(std::iter::once(bar))?;
            }
            start += value;
        }
        hits.push(Hit {
            left: base_x,
            top,
            right: plot_x.end,
            bottom,
            text: row.tooltip.clone(),
            part: Part::Row(index),
        });
    }
    let legend: Vec<(&str, RGBColor)> = layout
        .segments
        .iter()
        .copied()
        .chain(layout.highlight)
        .collect();
    draw_legend(
        area,
        style,
        ((label_space + style.px(12.0)) as i32, style.px(4.0) as i32),
        &legend,
    )?;
    whole.present()?;
    Ok(hits)
}
