//! Horizontal bars of counts, one a row, each stacked from a few named segments: the drawer
//! the charts over years share (streams starting, continuing and ending; awards by length).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{bar_chart, draw_bar_mesh, slot_edges, with_footer, with_title};
use super::labels::{row_labels, whole_number};
use super::legend::draw_legend;
use super::{ChartStyle, Drawn, Hit};

/// Longest row label drawn beside a bar; the data table has the full names.
const LABEL_CHARS: usize = 24;

/// One row: its label, a count per segment (in the layout's order) and its tooltip.
pub struct StackedRow {
    pub label: String,
    pub counts: Vec<usize>,
    pub tooltip: String,
}

/// What the chart shows beyond its rows: its title, the x axis's description, and each
/// segment's name and colour (also its legend).
pub struct StackedLayout<'a> {
    pub title: &'a str,
    pub measure: &'a str,
    pub segments: &'a [(&'a str, RGBColor)],
}

/// Draws the rows top to bottom, each bar its segments left to right.
pub fn draw_stacked_counts<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &StackedLayout,
    rows: &[StackedRow],
    style: &ChartStyle,
) -> Drawn<DB> {
    area.fill(&WHITE)?;
    let whole = area;
    let area = &with_title(&with_footer(whole, style)?, layout.title, style)?;
    let (width, _) = area.dim_in_pixel();
    let (names, label_space) = row_labels(
        rows.iter().map(|row| row.label.as_str()),
        width,
        LABEL_CHARS,
        0,
        style,
    );
    let most = rows
        .iter()
        .map(|row| row.counts.iter().sum::<usize>())
        .max()
        .unwrap_or(0);
    let x_max = (most.max(1) as f64) * 1.1;
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
    draw_bar_mesh(&mut chart, &names, &whole_number, layout.measure, style)?;
    let mut hits = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        let slot = rows.len() - 1 - index;
        let (top, bottom) = edges[index];
        let margin = (((bottom - top) / 5).max(1)) as u32;
        let mut start = 0usize;
        for (&count, &(_, colour)) in row.counts.iter().zip(layout.segments) {
            if count > 0 {
                let mut bar = Rectangle::new(
                    [
                        (start as f64, SegmentValue::Exact(slot)),
                        ((start + count) as f64, SegmentValue::Exact(slot + 1)),
                    ],
                    colour.filled(),
                );
                bar.set_margin(margin, margin, 0, 0);
                chart.draw_series(std::iter::once(bar))?;
            }
            start += count;
        }
        hits.push(Hit {
            left: base_x,
            top,
            right: plot_x.end,
            bottom,
            text: row.tooltip.clone(),
        });
    }
    let legend: Vec<(&str, RGBColor)> = layout.segments.to_vec();
    draw_legend(
        area,
        style,
        ((label_space + style.px(12.0)) as i32, style.px(4.0) as i32),
        &legend,
    )?;
    whole.present()?;
    Ok(hits)
}
