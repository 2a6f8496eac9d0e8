//! Horizontal paired bars: for each row, a count today and with the user's pots. Shared by the
//! size-distribution and streams-by-service charts.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{bar_chart, draw_bar_mesh, framed, slot_edges};
use super::labels::{row_labels, whole_number};
use super::legend::draw_legend;
use super::{palette, ChartStyle, Drawn, Hit, Part};

/// The colour of today's bars in every paired chart.
pub const TODAY: RGBColor = palette::DARK_GREY;
/// The colour of the bars with the user's pots.
pub const WITH_POTS: RGBColor = palette::ORANGE;

/// Longest row label drawn beside a bar; the data table has the full names.
const LABEL_CHARS: usize = 36;

/// One row of a paired chart.
pub struct PairedRow<'a> {
    pub label: &'a str,
    pub today: usize,
    pub with_pots: usize,
    /// Drawn on a shaded background, explained by the chart's shade note.
    pub shaded: bool,
    pub tooltip: String,
}

/// What the chart shows, beyond its rows.
pub struct PairedLayout<'a> {
    pub title: &'a str,
    /// The x axis's description.
    pub measure: &'a str,
    /// Explains the shaded rows, on a line under the legend: in full, and shorter for when
    /// the full note does not fit.
    pub shade_note: Option<[String; 2]>,
}

/// Draws the rows top to bottom, today's bar above the bar with pots.
pub fn draw_paired_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &PairedLayout,
    rows: &[PairedRow],
    style: &ChartStyle,
) -> Drawn<DB> {
    let whole = area;
    let area = &framed(whole, layout.title, style)?;
    let (width, _) = area.dim_in_pixel();
    let (names, label_space) = row_labels(
        rows.iter().map(|row| row.label),
        width,
        LABEL_CHARS,
        0,
        style,
    );
    let most = rows
        .iter()
        .map(|row| row.today.max(row.with_pots))
        .max()
        .unwrap_or(0);
    let x_max = (most.max(1) as f64) * 1.1;
    let legend_rows = if layout.shade_note.is_some() {
        2.0
    } else {
        1.0
    };

    let mut chart = bar_chart(
        area,
        rows.len(),
        x_max,
        (style.px(12.0 + 22.0 * legend_rows), label_space),
        style,
    )?;

    // Shaded rows go under the grid and bars.
    let (plot_x, _) = chart.plotting_area().get_pixel_range();
    let (base_x, base_y) = area.get_base_pixel();
    let edges = slot_edges(&chart, rows.len());
    for (row, &(top, bottom)) in rows.iter().zip(&edges) {
        if row.shaded {
            area.draw(&Rectangle::new(
                [
                    (plot_x.start - base_x, top - base_y),
                    (plot_x.end - base_x, bottom - base_y),
                ],
                palette::SHADE.filled(),
            ))?;
        }
    }
    draw_bar_mesh(
        area,
        &mut chart,
        &names,
        &whole_number,
        layout.measure,
        style,
    )?;

    let mut hits = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        let slot = rows.len() - 1 - index;
        let (top, bottom) = edges[index];
        let half = ((bottom - top) / 2).max(1) as u32;
        let gap = style.px(3.0).min(half / 3);
        for (value, colour, upper) in [(row.today, TODAY, true), (row.with_pots, WITH_POTS, false)]
        {
            let mut bar = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(slot)),
                    (value as f64, SegmentValue::Exact(slot + 1)),
                ],
                colour.filled(),
            );
            if upper {
                bar.set_margin(gap * 2, half, 0, 0);
            } else {
                bar.set_margin(half, gap * 2, 0, 0);
            }
            chart.draw_series(std::iter::once(bar))?;
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

    let legend_top = style.px(4.0) as i32;
    let legend_left = (label_space + style.px(12.0)) as i32;
    draw_legend(
        area,
        style,
        (legend_left, legend_top),
        &[("Today", TODAY), ("With your pots", WITH_POTS)],
    )?;
    if let Some([full, short]) = &layout.shade_note {
        let top = legend_top + style.px(22.0) as i32;
        let swatch = style.px(12.0) as i32;
        let gap = style.px(6.0) as i32;
        let margin = style.px(12.0) as i32;
        let font = style.text(12.0);
        // The full note beside the plot if it fits; else from the chart's left edge; else
        // the short note.
        let room = |left: i32| width as i32 - margin - left - swatch - gap;
        let full_width = area.estimate_text_size(full, &font)?.0 as i32;
        let (left, note) = if full_width <= room(legend_left) {
            (legend_left, full)
        } else if full_width <= room(margin) {
            (margin, full)
        } else {
            (margin, short)
        };
        area.draw(&Rectangle::new(
            [(left, top), (left + swatch, top + swatch)],
            palette::SHADE.filled(),
        ))?;
        area.draw(&Rectangle::new(
            [(left, top), (left + swatch, top + swatch)],
            palette::GREY.stroke_width(1),
        ))?;
        area.draw_text(note, &font, (left + swatch + gap, top))?;
    }
    whole.present()?;
    Ok(hits)
}
