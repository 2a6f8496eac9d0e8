//! Chart drawing, one function per chart, generic over the plotters `DrawingBackend` so the
//! same code draws to a canvas in the browser, to SVG for export, and to SVG in native tests.

pub mod before_after;
pub mod ringfence_by_funder;

use plotters::style::RGBColor;

use crate::model::Ringfence;

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

/// Draws `style.footer` along the bottom of `area` and returns the area above it.
pub fn with_footer<DB: plotters::prelude::DrawingBackend>(
    area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    style: &ChartStyle,
) -> Result<
    plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    plotters::prelude::DrawingAreaErrorKind<DB::ErrorType>,
> {
    use plotters::prelude::*;
    let Some(footer) = &style.footer else {
        return Ok(area.clone());
    };
    let (_, height) = area.dim_in_pixel();
    let band = style.px(26.0).min(height / 4);
    let (chart, bottom) = area.split_vertically(height - band);
    let font = (FONT, style.font(11.0)).into_font().color(&palette::TEXT);
    bottom.draw_text(footer, &font, (style.px(12.0) as i32, style.px(6.0) as i32))?;
    Ok(chart)
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
}

/// The charts that show money split by ringfence status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitChart {
    /// Each funder's money ([`ringfence_by_funder`]).
    ByFunder,
    /// The whole place today and with the pots ([`before_after`]).
    BeforeAfter,
}

impl SplitChart {
    /// The chart's title.
    pub fn title(self) -> &'static str {
        match self {
            SplitChart::ByFunder => ringfence_by_funder::TITLE,
            SplitChart::BeforeAfter => before_after::TITLE,
        }
    }

    /// Draws the chart onto `area` with any plotters backend.
    pub fn draw<DB: plotters::prelude::DrawingBackend>(
        self,
        area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
        rows: &[crate::metrics::FunderSplit],
        style: &ChartStyle,
    ) -> Result<(), plotters::prelude::DrawingAreaErrorKind<DB::ErrorType>> {
        match self {
            SplitChart::ByFunder => ringfence_by_funder::draw(area, rows, style),
            SplitChart::BeforeAfter => before_after::draw(area, rows, style),
        }
    }
}

/// The font family every chart uses.
pub const FONT: &str = "sans-serif";

/// Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
pub mod palette {
    use plotters::style::RGBColor;

    pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
    pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
    pub const GREY: RGBColor = RGBColor(0x99, 0x99, 0x99);
    pub const TEXT: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
    pub const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
}

/// The colour of each ringfence status, the same in every chart and legend.
pub fn ringfence_colour(status: Ringfence) -> RGBColor {
    match status {
        Ringfence::Ringfenced => palette::VERMILLION,
        Ringfence::Flexible => palette::BLUE,
        Ringfence::NotRecorded => palette::GREY,
    }
}

/// The colour as CSS, for HTML legends that sit beside a chart.
pub fn css_colour(colour: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", colour.0, colour.1, colour.2)
}

/// Shortens a label to `max_chars` characters, ending it with "…" when cut.
pub fn truncate_label(label: &str, max_chars: usize) -> String {
    if label.chars().count() <= max_chars {
        label.to_owned()
    } else {
        let kept: String = label.chars().take(max_chars.saturating_sub(1)).collect();
        format!("{}…", kept.trim_end())
    }
}
