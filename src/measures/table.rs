//! The measures as people read them: one list of names, definitions and formatting, shown on
//! the page and in the board pack alike.

use super::Measures;
use crate::format::{self, NONE};
use crate::model::Ringfence;
use crate::money::NOT_RECORDED;

/// One measure: its name, its definition (shown on hover and focus, and in the README), and
/// how its value reads.
#[derive(Clone, Copy)]
pub struct MeasureDefinition {
    pub name: &'static str,
    pub definition: &'static str,
    pub show: fn(&Measures) -> String,
}

/// The measures table's heading, on the page and in the board pack.
pub const HEADING: &str = "Fragmentation measures";
/// The table's columns: the measure, the place today, and with the pots.
pub const COLUMNS: [&str; 3] = ["Measure", "Today", "With your pots"];

/// A share that is `None` because the files do not record what it needs.
fn recorded_share(share: Option<f64>) -> String {
    format::percent_or(share, NOT_RECORDED)
}

/// Every measure, in the order shown.
pub const MEASURES: [MeasureDefinition; 12] = [
    MeasureDefinition {
        name: "Funding streams",
        definition: "Separate funding streams the place must manage: each pot counts as one; each unpooled funder × programme is one.",
        show: |m| format::count(m.streams as u64),
    },
    MeasureDefinition {
        name: "Funders",
        definition: "Distinct funders of the place’s lines.",
        show: |m| format::count(m.funders as u64),
    },
    MeasureDefinition {
        name: "Ringfenced",
        definition: "Share of money tied to a purpose, after each pot’s policy.",
        show: |m| m.money.share_text(Ringfence::Ringfenced),
    },
    MeasureDefinition {
        name: "Flexible",
        definition: "Share of money the place may spend as it sees fit, after each pot’s policy.",
        show: |m| m.money.share_text(Ringfence::Flexible),
    },
    MeasureDefinition {
        name: "Streams under £100k",
        definition: "Share of streams worth less than £100,000 (70% across the 13 PfPP pilot areas).",
        show: |m| format::percent_or(m.small_stream_share, NONE),
    },
    MeasureDefinition {
        name: "Concentration (HHI)",
        definition: "Herfindahl–Hirschman index over streams’ money, 0–10,000: lower is more fragmented.",
        show: |m| m.stream_hhi.map_or_else(|| NONE.to_owned(), |h| format::count(h.round() as u64)),
    },
    MeasureDefinition {
        name: "Median stream",
        definition: "The middle stream by money.",
        show: |m| m.median_stream.map_or_else(|| NONE.to_owned(), format::gbp),
    },
    MeasureDefinition {
        name: "Competed",
        definition: "Share of money with a known allocation method that was bid for; money in a pot that lifts the ringfence is settled, not competed.",
        show: |m| recorded_share(m.competed_share),
    },
    MeasureDefinition {
        name: "Short-term",
        definition: "Share of streams with dates that end within 12 months of their first award.",
        show: |m| recorded_share(m.short_term_share),
    },
    MeasureDefinition {
        name: "One-year streams",
        definition: "Share of streams with lines in one financial year only, among streams with a known year, leaving out streams seen only in the latest year (they may continue). Needs two or more years.",
        show: |m| format::percent_or(m.one_year_share, NONE),
    },
    MeasureDefinition {
        name: "Money in multi-year awards",
        definition: "Share of money, in awards with planned start (or award) and end dates, in awards running over one year.",
        show: |m| recorded_share(m.multi_year_money_share),
    },
    MeasureDefinition {
        name: "Funders per pot",
        definition: "Mean distinct funders in each non-empty pot.",
        show: |m| m.funders_per_pot().map_or_else(|| NONE.to_owned(), |f| format!("{f:.1}")),
    },
];

/// Each measure's name, value today and value with the pots, in [`MEASURES`] order.
pub fn rows(today: &Measures, with_pots: &Measures) -> Vec<[String; 3]> {
    MEASURES
        .iter()
        .map(|m| [m.name.to_owned(), (m.show)(today), (m.show)(with_pots)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::measure;

    #[test]
    fn unrecorded_status_and_methods_read_as_not_recorded_and_empty_figures_as_a_dash() {
        let dataset = crate::import::dataset_from(b"Funder,Programme,Amount\nDfT,Buses,10\n");
        let m = measure(&dataset, None, &crate::view::LineFilter::ALL);
        let shown: Vec<(String, String)> = rows(&m, &m)
            .into_iter()
            .map(|[name, today, _]| (name, today))
            .collect();
        let value = |name: &str| shown.iter().find(|(n, _)| n == name).unwrap().1.clone();
        assert_eq!(value("Ringfenced"), "Not recorded");
        assert_eq!(value("Flexible"), "Not recorded");
        assert_eq!(value("Competed"), "Not recorded");
        assert_eq!(value("Short-term"), "Not recorded");
        assert_eq!(value("Streams under £100k"), "100.0%");
        assert_eq!(value("Funders per pot"), "—");
        assert_eq!(shown.len(), MEASURES.len());
    }
}
