//! Chart drawing, one function per chart, generic over the plotters `DrawingBackend` so the
//! same code draws to a canvas in the browser, to SVG for export, and to SVG in native tests.
//!
//! A [`Chart`] holds the numbers one chart shows, made by [`ChartKind::build`]. It draws
//! itself, lists the same numbers as a [`DataTable`] (the accessible alternative under every
//! chart), and its draw function returns [`Hit`] regions so the page can show exact values on
//! hover and keyboard focus.
//!
//! | file | what it holds |
//! |---|---|
//! | `chart` | the [`Chart`] value, [`ChartKind`] (title, id, note, build) and the dispatch |
//! | `style` | [`ChartStyle`], the font, [`Hit`] and [`DataTable`] |
//! | `palette` | colour-blind-safe colours for statuses, funders and pots |
//! | `frame` | title, source line, and a bar chart's grid, axes and slots |
//! | `legend`, `labels` | legends; fitting labels into their room |
//! | `split_bars`, `paired_bars`, `stacked_bars` | the bar drawers the bar charts share |
//! | one file per chart | its rows, its draw function and its tests |

pub mod awards_by_length;
pub mod before_after;
mod chart;
mod frame;
pub mod funder_to_pot;
mod labels;
mod legend;
pub mod money_by_year;
mod paired_bars;
pub mod palette;
pub mod places_ranked;
pub mod ringfence_by_funder;
pub mod ringfence_by_pot;
pub mod scenarios_compared;
pub mod size_distribution;
mod split_bars;
mod stacked_bars;
pub mod streams_by_service;
pub mod streams_by_year;
mod style;
mod summary;

pub use chart::{Chart, ChartInputs, ChartKind, CHART_FUNDERS, CHART_SERVICES};
pub use labels::truncate_label;
pub use palette::{css_colour, funder_colour, pot_colour, ringfence_colour};
pub use split_bars::split_row_text;
pub use style::{ChartStyle, DataTable, Drawn, Hit, Part, FONT};

#[cfg(test)]
pub(crate) mod test_support;
