//! Ringfenced and flexible money today and under each scenario compared, side by side. Its rows
//! are made by [`crate::compare_scenarios::ScenarioComparison::rows`].

use plotters::coord::Shift;
use plotters::prelude::*;

use super::split_bars::draw_split_bars;
use super::{ChartStyle, Drawn};
use crate::breakdown::SplitRow;

/// The chart's title, also its figure caption.
pub const TITLE: &str = "Ringfenced and flexible money, today and under each scenario";

/// Draws the chart onto `area`, filling it.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[SplitRow],
    style: &ChartStyle,
) -> Drawn<DB> {
    draw_split_bars(area, TITLE, rows, &[], style)
}
