//! Drawing charts to SVG in the core's tests.

use plotters::prelude::*;
use plotters::style::RGBColor;

use super::{Chart, ChartStyle, Hit};

/// Draws `chart` to an SVG string, with its hits.
pub fn render(chart: &Chart, size: (u32, u32), style: &ChartStyle) -> (String, Vec<Hit>) {
    let mut svg = String::new();
    let hits;
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        hits = chart.draw(&area, style).expect("draws");
    }
    (svg, hits)
}

/// How many shapes in `svg` are filled with `colour`.
pub fn fills(svg: &str, colour: RGBColor) -> usize {
    let hex = format!("{:02X}{:02X}{:02X}", colour.0, colour.1, colour.2);
    svg.matches(&format!("fill=\"#{hex}\"")).count()
}
