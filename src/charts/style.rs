//! What every chart shares: sizes that scale together, the font, tooltip regions and the
//! data table.

use plotters::prelude::*;

use super::palette;

/// Sizes that scale together, so a chart drawn at 2× (HiDPI screens, PNG export) is the same
/// chart with sharper pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartStyle {
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Draw the title inside the image. Exports need it; on the page the figure caption shows it.
    pub titled: bool,
    /// A source and date line under the chart, for exports.
    pub footer: Option<String>,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            scale: 1.0,
            titled: true,
            footer: None,
        }
    }
}

impl ChartStyle {
    /// `css_pixels` in device pixels, rounded.
    pub fn px(&self, css_pixels: f64) -> u32 {
        (css_pixels * self.scale).round().max(0.0) as u32
    }

    /// A font size in device pixels.
    pub fn font(&self, css_pixels: f64) -> f64 {
        css_pixels * self.scale
    }

    /// The chart font at `css_pixels`, in the text colour.
    pub fn text(&self, css_pixels: f64) -> TextStyle<'static> {
        (FONT, self.font(css_pixels))
            .into_font()
            .color(&palette::TEXT)
    }
}

/// A region of a drawn chart, in the backend's pixels, and the exact values it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    /// What a tooltip says about this region: names and exact figures.
    pub text: String,
    /// Which of the chart's rows, nodes or flows the region stands for, so choosing it opens
    /// the lines behind it ([`crate::drill`]).
    pub part: Part,
}

/// What a chart region stands for, by its place in the chart's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// A row of the chart (a bar), in the order of its rows and its table.
    Row(usize),
    /// A funder node of the flows chart.
    Funder(usize),
    /// A pot node of the flows chart.
    Pot(usize),
    /// A band of the flows chart, in the order of its links and its table.
    Flow(usize),
}

impl Hit {
    /// True when the pixel `(x, y)` lies inside.
    pub fn contains(&self, x: i32, y: i32) -> bool {
        (self.left..=self.right).contains(&x) && (self.top..=self.bottom).contains(&y)
    }
}

/// What a draw function returns: the tooltip regions, or the backend's error.
pub type Drawn<DB> = Result<Vec<Hit>, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A chart's numbers as a table: the first cell of each row names it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl DataTable {
    /// A table with these column headings.
    pub fn new(columns: &[&str], rows: Vec<Vec<String>>) -> DataTable {
        DataTable {
            columns: columns.iter().map(|&c| c.to_owned()).collect(),
            rows,
        }
    }
}

/// The font family every chart uses.
pub const FONT: &str = "sans-serif";
