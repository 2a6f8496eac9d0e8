//! Chart drawing, one function per chart, generic over the plotters `DrawingBackend` so the
//! same code draws to a canvas in the browser, to SVG for export, and to SVG in native tests.
//!
//! A [`Chart`] holds the numbers one chart shows. It draws itself, lists the same numbers as a
//! [`DataTable`] (the accessible alternative under every chart), and its draw function returns
//! [`Hit`] regions so the page can show exact values on hover and keyboard focus.

pub mod before_after;
pub mod funder_to_pot;
mod paired_bars;
pub mod ringfence_by_funder;
pub mod ringfence_by_pot;
pub mod size_distribution;
pub mod streams_by_service;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::RGBColor;

use crate::format;
use crate::metrics::SplitRow;
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

/// Every chart grantpool draws, with the numbers it shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// The whole place today and with the pots ([`before_after`]).
    BeforeAfter(Vec<SplitRow>),
    /// Each funder's money by ringfence status ([`ringfence_by_funder`]).
    ByFunder(Vec<SplitRow>),
    /// Each pot's money by ringfence status ([`ringfence_by_pot`]).
    ByPot(ringfence_by_pot::PotRows),
    /// Streams by size band ([`size_distribution`]).
    SizeDistribution(Vec<size_distribution::BandRow>),
    /// Streams reaching each service ([`streams_by_service`]).
    StreamsByService(Vec<streams_by_service::ServiceRow>),
    /// Money from each funder into each pot ([`funder_to_pot`]).
    FunderToPot(funder_to_pot::Flows),
}

impl Chart {
    /// The chart's title, also its figure caption.
    pub fn title(&self) -> &'static str {
        match self {
            Chart::BeforeAfter(_) => before_after::TITLE,
            Chart::ByFunder(_) => ringfence_by_funder::TITLE,
            Chart::ByPot(_) => ringfence_by_pot::TITLE,
            Chart::SizeDistribution(_) => size_distribution::TITLE,
            Chart::StreamsByService(_) => streams_by_service::TITLE,
            Chart::FunderToPot(_) => funder_to_pot::TITLE,
        }
    }

    /// Draws the chart onto `area` with any plotters backend, filling it.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
    ) -> Drawn<DB> {
        match self {
            Chart::BeforeAfter(rows) => before_after::draw(area, rows, style),
            Chart::ByFunder(rows) => ringfence_by_funder::draw(area, rows, style),
            Chart::ByPot(rows) => ringfence_by_pot::draw(area, rows, style),
            Chart::SizeDistribution(rows) => size_distribution::draw(area, rows, style),
            Chart::StreamsByService(rows) => streams_by_service::draw(area, rows, style),
            Chart::FunderToPot(flows) => funder_to_pot::draw(area, flows, style),
        }
    }

    /// The same numbers as the chart, exactly, as a table.
    pub fn table(&self) -> DataTable {
        match self {
            Chart::BeforeAfter(rows) => split_table("Scenario", rows),
            Chart::ByFunder(rows) => split_table("Funder", rows),
            Chart::ByPot(pots) => split_table("Pot", &pots.rows),
            Chart::SizeDistribution(rows) => size_distribution::table(rows),
            Chart::StreamsByService(rows) => streams_by_service::table(rows),
            Chart::FunderToPot(flows) => funder_to_pot::table(flows),
        }
    }

    /// A height in CSS pixels that fits the chart's rows on the page (without title or footer).
    pub fn height(&self) -> u32 {
        let rows = |n: usize| n.max(1) as u32;
        match self {
            Chart::BeforeAfter(rows_) | Chart::ByFunder(rows_) => 110 + 34 * rows(rows_.len()),
            Chart::ByPot(pots) => 110 + 34 * rows(pots.rows.len()),
            Chart::SizeDistribution(bands) => 130 + 40 * rows(bands.len()),
            Chart::StreamsByService(services) => 110 + 40 * rows(services.len()),
            Chart::FunderToPot(flows) => funder_to_pot::height(flows),
        }
    }

    /// A height in CSS pixels for an export, with room for the title and the footer.
    pub fn export_height(&self) -> u32 {
        self.height() + 70
    }
}

/// The table of a ringfence chart: lines and money by status for each row.
fn split_table(row_heading: &str, rows: &[SplitRow]) -> DataTable {
    DataTable::new(
        &[
            row_heading,
            "Lines",
            "Ringfenced",
            "Flexible",
            "Not recorded",
            "Total",
        ],
        rows.iter()
            .map(|row| {
                vec![
                    row.label.clone(),
                    format::count(row.lines as u64),
                    format::gbp(row.money.ringfenced),
                    format::gbp(row.money.flexible),
                    format::gbp(row.money.not_recorded),
                    format::gbp(row.money.total()),
                ]
            })
            .collect(),
    )
}

/// What a tooltip says about one row of a ringfence chart.
pub fn split_row_text(row: &SplitRow) -> String {
    let total = row.money.total();
    let parts: Vec<String> = Ringfence::ALL
        .iter()
        .filter(|&&status| row.money.get(status).0 != 0)
        .map(|&status| {
            let share = row
                .money
                .share(status)
                .map(|s| format!(" ({})", format::percent(s)))
                .unwrap_or_default();
            format!(
                "{} {}{share}",
                status.label().to_lowercase(),
                format::gbp(row.money.get(status))
            )
        })
        .collect();
    let lines = match row.lines {
        1 => "1 line".to_owned(),
        n => format!("{} lines", format::count(n as u64)),
    };
    if parts.is_empty() {
        format!("{}: {} in {lines}", row.label, format::gbp(total))
    } else {
        format!(
            "{}: {} in {lines}; {}",
            row.label,
            format::gbp(total),
            parts.join(", ")
        )
    }
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

/// Draws a bar chart's grid, axes and labels: `names` beside the slots, top to bottom, and the
/// x axis labelled by `x_label` and described by `x_desc`.
pub fn draw_bar_mesh<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, BarCoords>,
    names: &[String],
    x_label: &dyn Fn(&f64) -> String,
    x_desc: &str,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let name = |value: &SegmentValue<usize>| match value {
        SegmentValue::CenterOf(i) if *i < names.len() => names[names.len() - 1 - i].clone(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .axis_style(palette::GREY)
        .y_labels(names.len().max(1))
        .y_label_formatter(&name)
        .x_labels(6)
        .x_label_formatter(x_label)
        .label_style(style.text(12.0))
        .x_desc(x_desc)
        .axis_desc_style(style.text(12.0))
        .draw()
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

/// An estimate of the width of `chars` characters of text at `font_px` (about 0.55 em each),
/// for reserving label space before plotters lays out the axes.
pub fn label_width(chars: usize, font_px: f64) -> u32 {
    (chars as f64 * font_px * 0.55).ceil() as u32
}

/// How many characters of a label fit in `pixels` at `font_px` (at least 8, at most `most`).
pub fn fitting_chars(pixels: u32, font_px: f64, most: usize) -> usize {
    ((f64::from(pixels) / (font_px * 0.55)) as usize)
        .saturating_sub(3)
        .clamp(8, most)
}

/// The font family every chart uses.
pub const FONT: &str = "sans-serif";

/// Colour-blind-safe colours.
pub mod palette {
    use plotters::style::RGBColor;

    // Okabe–Ito, for ringfence status and pots.
    pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
    pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
    pub const BLUISH_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
    pub const REDDISH_PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
    pub const SKY_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
    pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
    pub const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
    pub const GREY: RGBColor = RGBColor(0x99, 0x99, 0x99);
    pub const DARK_GREY: RGBColor = RGBColor(0x4D, 0x4D, 0x4D);
    pub const TEXT: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
    pub const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
    /// The background of the under-£100k bands.
    pub const SHADE: RGBColor = RGBColor(0xF2, 0xF2, 0xF2);

    /// Paul Tol's "muted" scheme, for funders: distinct from each other and from the ringfence
    /// colours, for the common colour-vision deficiencies.
    pub const FUNDERS: [RGBColor; 9] = [
        RGBColor(0x33, 0x22, 0x88),
        RGBColor(0x11, 0x77, 0x33),
        RGBColor(0xCC, 0x66, 0x77),
        RGBColor(0x88, 0xCC, 0xEE),
        RGBColor(0x88, 0x22, 0x55),
        RGBColor(0x44, 0xAA, 0x99),
        RGBColor(0xDD, 0xCC, 0x77),
        RGBColor(0x99, 0x99, 0x33),
        RGBColor(0xAA, 0x44, 0x99),
    ];
    /// Funders without a colour of their own ("All other funders").
    pub const OTHER_FUNDERS: RGBColor = RGBColor(0xBB, 0xBB, 0xBB);

    /// Pot colours a user can choose from, with their names.
    pub const POTS: [(&str, RGBColor); 6] = [
        ("Bluish green", BLUISH_GREEN),
        ("Reddish purple", REDDISH_PURPLE),
        ("Sky blue", SKY_BLUE),
        ("Orange", ORANGE),
        ("Yellow", YELLOW),
        ("Blue", BLUE),
    ];
}

/// The colour of each ringfence status, the same in every chart and legend.
pub fn ringfence_colour(status: Ringfence) -> RGBColor {
    match status {
        Ringfence::Ringfenced => palette::VERMILLION,
        Ringfence::Flexible => palette::BLUE,
        Ringfence::NotRecorded => palette::GREY,
    }
}

/// The colour of the funder ranked `rank` by money in the place (0 = largest), the same in
/// every chart; `None` past the palette's length (those funders are grouped as "other").
pub fn funder_colour(rank: usize) -> Option<RGBColor> {
    palette::FUNDERS.get(rank).copied()
}

/// The colour a pot was given (an index into [`palette::POTS`]).
pub fn pot_colour(index: u8) -> RGBColor {
    palette::POTS[index as usize % palette::POTS.len()].1
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

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::RingfenceSplit;
    use crate::model::Pence;

    #[test]
    fn tooltips_give_exact_money_and_shares() {
        let row = SplitRow {
            label: "DfT".into(),
            lines: 3,
            money: RingfenceSplit {
                ringfenced: Pence(7_500_000),
                flexible: Pence(2_500_000),
                not_recorded: Pence(0),
            },
            merged: 0,
        };
        assert_eq!(
            split_row_text(&row),
            "DfT: £100,000 in 3 lines; ringfenced £75,000 (75.0%), flexible £25,000 (25.0%)"
        );
        let hit = Hit {
            left: 0,
            top: 10,
            right: 5,
            bottom: 20,
            text: String::new(),
        };
        assert!(hit.contains(5, 10) && !hit.contains(6, 10) && !hit.contains(0, 9));
    }
}
