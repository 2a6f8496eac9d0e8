//! A chart's legend: a row of colour swatches with their labels.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::RGBColor;

use super::ChartStyle;

/// A row of colour swatches with labels starting at `(left, top)` of `area` (or further left,
/// when the row would not fit in the area's width); returns the x where the row ends.
pub fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
    (left, top): (i32, i32),
    items: &[(&str, RGBColor)],
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let font = style.text(12.0);
    let swatch = style.px(12.0) as i32;
    let (gap, spacing) = (style.px(6.0) as i32, style.px(18.0) as i32);
    let mut widths = Vec::with_capacity(items.len());
    for &(label, _) in items {
        widths.push(area.estimate_text_size(label, &font)?.0 as i32);
    }
    let row_width: i32 = widths
        .iter()
        .map(|w| swatch + gap + w + spacing)
        .sum::<i32>()
        - spacing;
    let (area_width, _) = area.dim_in_pixel();
    let margin = style.px(12.0) as i32;
    let mut x = left.min(area_width as i32 - margin - row_width).max(margin);
    for (&(label, colour), width) in items.iter().zip(widths) {
        area.draw(&Rectangle::new(
            [(x, top), (x + swatch, top + swatch)],
            colour.filled(),
        ))?;
        area.draw_text(label, &font, (x + swatch + gap, top))?;
        x += swatch + gap + width + spacing;
    }
    Ok(x)
}
