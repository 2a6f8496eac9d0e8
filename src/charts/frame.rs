//! A chart's frame: the title above it, the source line under it, and the grid, axes and row
//! slots of a horizontal bar chart.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::labels::RowLabel;
use super::{palette, ChartStyle};

/// Clears `area` to white, draws the source line along its bottom and `title` across its top
/// (as the style asks), and returns the room left between them: every chart's frame.
pub fn framed<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    style: &ChartStyle,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    with_title(&with_footer(area, style)?, title, style)
}

/// Draws `style.footer` along the bottom of `area` and returns the area above it.
pub fn with_footer<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    let Some(footer) = &style.footer else {
        return Ok(area.clone());
    };
    let (_, height) = area.dim_in_pixel();
    let band = style.px(26.0).min(height / 4);
    let (chart, bottom) = area.split_vertically(height - band);
    bottom.draw_text(
        footer,
        &style.text(11.0),
        (style.px(12.0) as i32, style.px(6.0) as i32),
    )?;
    Ok(chart)
}

/// Draws `title` across the top of `area` when the style asks for titles, and returns the area
/// under it.
pub fn with_title<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    style: &ChartStyle,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    if !style.titled {
        return Ok(area.clone());
    }
    let (_, height) = area.dim_in_pixel();
    let band = style.px(36.0).min(height / 4);
    let (top, rest) = area.split_vertically(band);
    top.draw_text(
        title,
        &style.text(17.0),
        (style.px(12.0) as i32, style.px(12.0) as i32),
    )?;
    Ok(rest)
}

/// The coordinates of a horizontal bar chart: £ or counts across, one slot a row down.
pub type BarCoords = plotters::coord::cartesian::Cartesian2d<
    plotters::coord::types::RangedCoordf64,
    plotters::coord::ranged1d::SegmentedCoord<plotters::coord::types::RangedCoordusize>,
>;

/// A horizontal bar chart's frame on `area`: `rows` slots (the first row at the top), an x axis
/// from 0 to `x_max`, `label_space` pixels for the rows' names and `top` pixels above the plot
/// for a legend.
pub fn bar_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    rows: usize,
    x_max: f64,
    (top, label_space): (u32, u32),
    style: &ChartStyle,
) -> Result<ChartContext<'a, DB, BarCoords>, DrawingAreaErrorKind<DB::ErrorType>> {
    // plotters' integer ranges include their end, so n rows are the range 0..n-1 (at least
    // 0..1, which plotters can label).
    let slots = (0..(rows.max(1) - 1).max(1)).into_segmented();
    ChartBuilder::on(area)
        .margin(style.px(12.0))
        .margin_top(top)
        .x_label_area_size(style.px(34.0))
        .y_label_area_size(label_space)
        .build_cartesian_2d(0.0..x_max, slots)
}

/// Draws a bar chart's grid, axes and labels: `names` beside the slots, top to bottom (each on
/// one line or two), and the x axis labelled by `x_label` and described by `x_desc`.
pub fn draw_bar_mesh<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &mut ChartContext<'_, DB, BarCoords>,
    names: &[RowLabel],
    x_label: &dyn Fn(&f64) -> String,
    x_desc: &str,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .axis_style(palette::GREY)
        .y_labels(names.len().max(1))
        .y_label_formatter(&|_| String::new())
        .x_labels(6)
        .x_label_formatter(x_label)
        .label_style(style.text(12.0))
        .x_desc(x_desc)
        .axis_desc_style(style.text(12.0))
        .draw()?;
    // The row names, drawn here rather than by the mesh so a long one can take two lines.
    let (base_x, base_y) = area.get_base_pixel();
    let (plot_x, _) = chart.plotting_area().get_pixel_range();
    let right = plot_x.start - base_x - style.px(9.0) as i32;
    let line_height = style.font(12.0) * 1.15;
    let font = style.text(12.0).pos(Pos::new(HPos::Right, VPos::Center));
    for (name, (top, bottom)) in names.iter().zip(slot_edges(chart, names.len())) {
        let middle = f64::from(top + bottom) / 2.0 - f64::from(base_y);
        let two_lines_fit = f64::from(bottom - top) >= line_height * 2.0;
        let lines: Vec<&str> = if name.len() > 1 && !two_lines_fit {
            vec![name[0].as_str()]
        } else {
            name.iter().map(String::as_str).collect()
        };
        let first = middle - line_height * (lines.len() as f64 - 1.0) / 2.0;
        for (index, line) in lines.iter().enumerate() {
            let y = (first + line_height * index as f64).round() as i32;
            area.draw(&Text::new(line.to_string(), (right, y), font.clone()))?;
        }
    }
    Ok(())
}

/// The top and bottom, in backend pixels, of each of `rows` slots, the first row first.
pub fn slot_edges<DB: DrawingBackend>(
    chart: &ChartContext<'_, DB, BarCoords>,
    rows: usize,
) -> Vec<(i32, i32)> {
    (0..rows)
        .map(|index| {
            let slot = rows - 1 - index;
            let (_, bottom) = chart.backend_coord(&(0.0, SegmentValue::Exact(slot)));
            let (_, top) = chart.backend_coord(&(0.0, SegmentValue::Exact(slot + 1)));
            (top, bottom)
        })
        .collect()
}
