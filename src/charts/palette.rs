//! Colour-blind-safe colours, and the colour of each status, funder and pot in every chart.

use plotters::style::RGBColor;

use crate::model::Ringfence;

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

/// The colour of each ringfence status, the same in every chart and legend.
pub fn ringfence_colour(status: Ringfence) -> RGBColor {
    match status {
        Ringfence::Ringfenced => VERMILLION,
        Ringfence::Flexible => BLUE,
        Ringfence::NotRecorded => GREY,
    }
}

/// The colour of the funder ranked `rank` by money in the place (0 = largest), the same in
/// every chart; `None` past the palette's length (those funders are grouped as "other").
pub fn funder_colour(rank: usize) -> Option<RGBColor> {
    FUNDERS.get(rank).copied()
}

/// The colour a pot was given (an index into [`POTS`]).
pub fn pot_colour(index: u8) -> RGBColor {
    POTS[index as usize % POTS.len()].1
}

/// The colour as CSS, for HTML legends that sit beside a chart.
pub fn css_colour(colour: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", colour.0, colour.1, colour.2)
}
