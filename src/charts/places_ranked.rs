//! Places ranked by the measure chosen in Places compared, largest first, with the place
//! picked highlighted (and shown even when it is not among the first).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::labels::whole_number;
use super::stacked_bars::{draw_stacked_bars, StackedLayout, StackedRow};
use super::{palette, ChartStyle, DataTable, Drawn};
use crate::compare::{PlaceColumn, PlaceRow};
use crate::format;
use crate::view::{PlaceChoice, PLACE_NOT_KNOWN};

/// The chart's title, also its figure caption.
pub const TITLE: &str = "Places ranked";
/// How many places the chart ranks (the place picked is added when it is not among them).
pub const RANKED: usize = 15;

/// One ranked place.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedRow {
    pub rank: usize,
    pub name: String,
    pub value: f64,
    /// The value as the table shows it.
    pub shown: String,
    pub picked: bool,
    /// The place, for the lines behind its bar.
    pub place: PlaceChoice,
}

/// The ranking: which measure, and the places.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacesRanked {
    pub column: PlaceColumn,
    pub rows: Vec<RankedRow>,
}

/// Ranks `rows` (from [`crate::compare::compare_places`]) by `column`, largest first (by money
/// when the column is the place's name), leaving out "Place not known" and places without a
/// value; `picked` is the GSS code of the place picked, if any.
pub fn rank(rows: &[PlaceRow], column: PlaceColumn, picked: Option<&str>) -> PlacesRanked {
    let column = if column == PlaceColumn::Place {
        PlaceColumn::Money
    } else {
        column
    };
    let mut valued: Vec<(&PlaceRow, f64)> = rows
        .iter()
        .filter(|r| r.place != PlaceChoice::NotKnown)
        .filter_map(|r| column.value(r).map(|v| (r, v)))
        .collect();
    valued.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
    let is_picked = |row: &PlaceRow| matches!((&row.place, picked), (PlaceChoice::Area(code), Some(p)) if code == p);
    let ranked: Vec<RankedRow> = valued
        .iter()
        .enumerate()
        .filter(|&(rank, (row, _))| rank < RANKED || is_picked(row))
        .map(|(rank, &(row, value))| RankedRow {
            rank: rank + 1,
            name: row.name.clone(),
            value,
            shown: column.cell(row),
            picked: is_picked(row),
            place: row.place.clone(),
        })
        .collect();
    PlacesRanked {
        column,
        rows: ranked,
    }
}

impl PlacesRanked {
    /// The chart's heading for its measure: "Places ranked by money".
    pub fn heading(&self) -> String {
        format!("{TITLE} by {}", self.column.label().to_lowercase())
    }
}

/// Draws the chart onto `area`, filling it.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ranked: &PlacesRanked,
    style: &ChartStyle,
) -> Drawn<DB> {
    let column = ranked.column;
    let rows: Vec<StackedRow> = ranked
        .rows
        .iter()
        .map(|row| StackedRow {
            label: format!("{}. {}", row.rank, row.name),
            values: vec![row.value],
            tooltip: format!(
                "{}. {}: {} {}{}",
                row.rank,
                row.name,
                column.label().to_lowercase(),
                row.shown,
                if row.picked {
                    " (the place picked)"
                } else {
                    ""
                }
            ),
            highlighted: row.picked,
        })
        .collect();
    let axis = move |x: &f64| match column {
        PlaceColumn::Money => format::gbp_short(*x / 100.0),
        PlaceColumn::Ringfenced | PlaceColumn::SmallStreams | PlaceColumn::OneYearStreams => {
            format::percent(*x)
        }
        _ => whole_number(x),
    };
    let heading = ranked.heading();
    let layout = StackedLayout {
        title: &heading,
        measure: column.label(),
        axis: &axis,
        segments: &[("Place", palette::BLUE)],
        label_chars: 28,
        highlight: Some(("The place picked", palette::ORANGE)),
    };
    draw_stacked_bars(area, &layout, &rows, style)
}

/// The same numbers as a table.
pub fn table(ranked: &PlacesRanked) -> DataTable {
    DataTable::new(
        &["Rank", "Place", ranked.column.label(), "Picked"],
        ranked
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.rank.to_string(),
                    r.name.clone(),
                    r.shown.clone(),
                    if r.picked { "Yes" } else { "" }.to_owned(),
                ]
            })
            .collect(),
    )
}

/// "Trafford ranks 1st of 3 places by money."
pub fn summary(ranked: &PlacesRanked) -> String {
    let measure = ranked.column.label().to_lowercase();
    match (ranked.rows.iter().find(|r| r.picked), ranked.rows.first()) {
        (Some(picked), _) => format!(
            "{} ranks {} by {measure} ({}).",
            picked.name,
            ordinal(picked.rank),
            picked.shown
        ),
        (None, Some(first)) => {
            format!("{} ranks first by {measure} ({}).", first.name, first.shown)
        }
        (None, None) => format!("No place is known ({PLACE_NOT_KNOWN} is left out)."),
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::compare_places;
    use crate::view::LineFilter;

    #[test]
    fn places_are_ranked_largest_first_and_the_picked_place_is_highlighted() {
        let dataset = crate::import::dataset_from(
            b"Funder,Recipient,Amount,Ringfenced\n\
              DfT,Durham County Council,100,Yes\n\
              DfT,Trafford Council,300,No\n\
              DfT,Kent County Council,200,Yes\n\
              DfT,Age UK,900,\n",
        );
        let rows = compare_places(&dataset, &LineFilter::ALL);
        let ranked = rank(&rows, PlaceColumn::Money, Some("E06000047"));
        let brief: Vec<(usize, &str, bool)> = ranked
            .rows
            .iter()
            .map(|r| (r.rank, r.name.as_str(), r.picked))
            .collect();
        assert_eq!(
            brief,
            [
                (1, "Trafford", false),
                (2, "Kent", false),
                (3, "County Durham", true)
            ]
        );
        assert_eq!(summary(&ranked), "County Durham ranks 3rd by money (£100).");
        assert_eq!(ranked.heading(), "Places ranked by money");
        assert_eq!(
            table(&ranked).rows[2],
            ["3", "County Durham", "£100", "Yes"]
        );
        let by_share = rank(&rows, PlaceColumn::Ringfenced, None);
        assert_eq!(by_share.rows[0].shown, "100.0%");
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (800, 300)).into_drawing_area();
            let hits = draw(&area, &ranked, &ChartStyle::default()).unwrap();
            assert_eq!(
                hits[2].text,
                "3. County Durham: money £100 (the place picked)"
            );
        }
        assert!(svg.contains("Places ranked by money"));
        assert_eq!(
            (ordinal(1), ordinal(12), ordinal(22), ordinal(113)),
            ("1st".into(), "12th".into(), "22nd".into(), "113th".into())
        );
    }
}
