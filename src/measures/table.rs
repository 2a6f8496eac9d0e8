//! The measures as people read them: one list of names, definitions and formatting, shown on
//! the page and in the board pack alike.

use super::Measures;
use crate::costs::CostAssumptions;
use crate::format::{self, NONE};
use crate::model::{Pence, Ringfence};
use crate::money::NOT_RECORDED;
use crate::selection::{Criterion, StreamTest};

/// One measure: its name, its definition (shown on hover and focus, and in the README), and
/// how its value reads.
#[derive(Clone, Copy)]
pub struct MeasureDefinition {
    pub name: &'static str,
    pub definition: &'static str,
    pub show: fn(&Measures, &CostAssumptions) -> String,
    /// The change from today to with the pots, as people read it ("−37", "+12.3 points").
    pub change: fn(&Measures, &Measures, &CostAssumptions) -> String,
    /// The lines behind the measure with the pots (its numerator, where it has one), for
    /// [`crate::drill`]; every line the measure counts when empty.
    pub behind: &'static [Criterion],
}

/// The measures table's heading, on the page and in the board pack.
pub const HEADING: &str = "Fragmentation measures";
/// The table's columns: the measure, the place today, and with the pots.
pub const COLUMNS: [&str; 4] = ["Measure", "Today", "With your pots", "Change"];

/// A change in a count: "−37", "+2", or "no change".
fn count_change(before: usize, after: usize) -> String {
    match after.cmp(&before) {
        std::cmp::Ordering::Equal => NO_CHANGE.to_owned(),
        std::cmp::Ordering::Greater => format!("+{}", format::count((after - before) as u64)),
        std::cmp::Ordering::Less => format!("−{}", format::count((before - after) as u64)),
    }
}

/// A change in a share, in percentage points ("+12.3 points"), or a dash when either share
/// is not known.
fn share_change(before: Option<f64>, after: Option<f64>) -> String {
    let (Some(before), Some(after)) = (before, after) else {
        return NONE.to_owned();
    };
    let points = (after - before) * 100.0;
    if points.abs() < 0.05 {
        NO_CHANGE.to_owned()
    } else {
        let sign = if points > 0.0 { "+" } else { "−" };
        format!("{sign}{:.1} points", points.abs())
    }
}

/// A change in a decimal figure, to one place.
fn decimal_change(before: Option<f64>, after: Option<f64>) -> String {
    match (before, after) {
        (Some(before), Some(after)) if (after - before).abs() >= 0.05 => {
            let sign = if after > before { "+" } else { "−" };
            format!("{sign}{:.1}", (after - before).abs())
        }
        (Some(_), Some(_)) => NO_CHANGE.to_owned(),
        _ => NONE.to_owned(),
    }
}

/// What the change column says when a measure did not move.
pub const NO_CHANGE: &str = "no change";

/// A share that is `None` because the files do not record what it needs.
fn recorded_share(share: Option<f64>) -> String {
    format::percent_or(share, NOT_RECORDED)
}

/// Every measure, in the order shown.
pub const MEASURES: [MeasureDefinition; 13] = [
    MeasureDefinition {
        name: "Funding streams",
        definition: "Separate funding streams the place must manage: each pot counts as one; each unpooled funder × programme is one.",
        show: |m, _| format::count(m.streams as u64),
        change: |a, b, _| count_change(a.streams, b.streams),
        behind: &[],
    },
    MeasureDefinition {
        name: "Funders",
        definition: "Distinct funders of the place’s lines.",
        show: |m, _| format::count(m.funders as u64),
        change: |a, b, _| count_change(a.funders, b.funders),
        behind: &[],
    },
    MeasureDefinition {
        name: "Ringfenced",
        definition: "Share of money tied to a purpose, after each pot’s policy.",
        show: |m, _| m.money.share_text(Ringfence::Ringfenced),
        change: |a, b, _| share_change(a.money.share(Ringfence::Ringfenced), b.money.share(Ringfence::Ringfenced)),
        behind: &[Criterion::Status(Ringfence::Ringfenced)],
    },
    MeasureDefinition {
        name: "Flexible",
        definition: "Share of money the place may spend as it sees fit, after each pot’s policy.",
        show: |m, _| m.money.share_text(Ringfence::Flexible),
        change: |a, b, _| share_change(a.money.share(Ringfence::Flexible), b.money.share(Ringfence::Flexible)),
        behind: &[Criterion::Status(Ringfence::Flexible)],
    },
    MeasureDefinition {
        name: "Streams under £100k",
        definition: "Share of streams worth less than £100,000 (70% across the 13 PfPP pilot areas).",
        show: |m, _| format::percent_or(m.small_stream_share, NONE),
        change: |a, b, _| share_change(a.small_stream_share, b.small_stream_share),
        behind: &[Criterion::Stream(StreamTest::Small)],
    },
    MeasureDefinition {
        name: "Concentration (HHI)",
        definition: "Herfindahl–Hirschman index over streams’ money, 0–10,000: lower is more fragmented.",
        show: |m, _| m.stream_hhi.map_or_else(|| NONE.to_owned(), |h| format::count(h.round() as u64)),
        change: |a, b, _| match (a.stream_hhi, b.stream_hhi) {
            (Some(a), Some(b)) => count_change(a.round() as usize, b.round() as usize),
            _ => NONE.to_owned(),
        },
        behind: &[],
    },
    MeasureDefinition {
        name: "Median stream",
        definition: "The middle stream by money.",
        show: |m, _| m.median_stream.map_or_else(|| NONE.to_owned(), format::gbp),
        change: |a, b, _| money_change(a.median_stream, b.median_stream),
        behind: &[],
    },
    MeasureDefinition {
        name: "Competed",
        definition: "Share of money with a known allocation method that was bid for; money in a pot that lifts the ringfence is settled, not competed.",
        show: |m, _| recorded_share(m.competed_share),
        change: |a, b, _| share_change(a.competed_share, b.competed_share),
        behind: &[Criterion::Competed],
    },
    MeasureDefinition {
        name: "Short-term",
        definition: "Share of streams with dates that end within 12 months of their first award.",
        show: |m, _| recorded_share(m.short_term_share),
        change: |a, b, _| share_change(a.short_term_share, b.short_term_share),
        behind: &[Criterion::Stream(StreamTest::ShortTerm)],
    },
    MeasureDefinition {
        name: "One-year streams",
        definition: "Share of streams with lines in one financial year only, among streams with a known year, leaving out streams seen only in the latest year (they may continue). Needs two or more years.",
        show: |m, _| format::percent_or(m.one_year_share, NONE),
        change: |a, b, _| share_change(a.one_year_share, b.one_year_share),
        behind: &[Criterion::Stream(StreamTest::OneYear)],
    },
    MeasureDefinition {
        name: "Money in multi-year awards",
        definition: "Share of money, in awards with planned start (or award) and end dates, in awards running over one year.",
        show: |m, _| recorded_share(m.multi_year_money_share),
        change: |a, b, _| share_change(a.multi_year_money_share, b.multi_year_money_share),
        behind: &[Criterion::MultiYear],
    },
    MeasureDefinition {
        name: "Funders per pot",
        definition: "Mean distinct funders in each non-empty pot.",
        show: |m, _| m.funders_per_pot().map_or_else(|| NONE.to_owned(), |f| format!("{f:.1}")),
        change: |a, b, _| decimal_change(a.funders_per_pot(), b.funders_per_pot()),
        behind: &[Criterion::InAPot],
    },
    MeasureDefinition {
        name: "Estimated bidding and reporting cost",
        definition: "Competed streams × the cost of a bid, plus each stream’s years × the cost of reporting on a stream for a year, from the cost assumptions; not estimated until a reporting cost is given.",
        show: |m, costs| costs.estimate(m).map_or_else(|| NOT_ESTIMATED.to_owned(), format::gbp),
        change: |a, b, costs| money_change(costs.estimate(a), costs.estimate(b)),
        behind: &[],
    },
];

/// How the cost estimate reads until the person gives a reporting cost.
pub const NOT_ESTIMATED: &str = "not estimated";

/// A change in money.
fn money_change(before: Option<Pence>, after: Option<Pence>) -> String {
    match (before, after) {
        (Some(before), Some(after)) if before == after => NO_CHANGE.to_owned(),
        (Some(before), Some(after)) => {
            let difference = Pence(after.0 - before.0);
            let sign = if difference.0 > 0 { "+" } else { "−" };
            format!("{sign}{}", format::gbp(Pence(difference.0.abs())))
        }
        _ => NONE.to_owned(),
    }
}

/// Each measure's name, value today, value with the pots and the change, in [`MEASURES`]
/// order.
pub fn rows(today: &Measures, with_pots: &Measures, costs: &CostAssumptions) -> Vec<[String; 4]> {
    MEASURES
        .iter()
        .map(|m| {
            [
                m.name.to_owned(),
                (m.show)(today, costs),
                (m.show)(with_pots, costs),
                (m.change)(today, with_pots, costs),
            ]
        })
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
        let shown: Vec<(String, String)> = rows(&m, &m, &CostAssumptions::default())
            .into_iter()
            .map(|[name, today, _, _]| (name, today))
            .collect();
        let value = |name: &str| shown.iter().find(|(n, _)| n == name).unwrap().1.clone();
        assert_eq!(value("Ringfenced"), "Not recorded");
        assert_eq!(value("Flexible"), "Not recorded");
        assert_eq!(value("Competed"), "Not recorded");
        assert_eq!(value("Short-term"), "Not recorded");
        assert_eq!(value("Streams under £100k"), "100.0%");
        assert_eq!(value("Funders per pot"), "—");
        assert_eq!(value("Estimated bidding and reporting cost"), NOT_ESTIMATED);
        assert_eq!(shown.len(), MEASURES.len());
    }

    #[test]
    fn changes_read_as_counts_points_and_money() {
        assert_eq!(count_change(229, 192), "−37");
        assert_eq!(count_change(3, 3), NO_CHANGE);
        assert_eq!(count_change(1, 1_002), "+1,001");
        assert_eq!(share_change(Some(0.9), Some(0.777)), "−12.3 points");
        assert_eq!(share_change(Some(0.1), Some(0.6)), "+50.0 points");
        assert_eq!(share_change(None, Some(0.6)), NONE);
        assert_eq!(decimal_change(Some(1.0), Some(2.3)), "+1.3");
        assert_eq!(money_change(Some(Pence(100)), Some(Pence(50))), "−£0.50");
    }
}
