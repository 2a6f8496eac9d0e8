//! Streams starting, continuing and ending, by financial year, for the place picked (every
//! year): how much of a place's funding is new each year and how much stops. A stream is the
//! measures' stream outside the pots ([`crate::measures::stream_today`]).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::labels::whole_number;
use super::palette;
use super::stacked_bars::{draw_stacked_bars, StackedLayout, StackedRow};
use super::{ChartStyle, DataTable, Drawn};
use crate::fasthash::FastMap;
use crate::format;
use crate::measures::stream_today;
use crate::model::{Dataset, FinancialYear, Sym, YEARS};
use crate::view::LineFilter;

/// The chart's title, also its figure caption.
pub const TITLE: &str = "Streams starting, continuing and ending, by financial year";

/// One financial year's streams.
#[derive(Debug, Clone, PartialEq)]
pub struct ChurnRow {
    pub year: FinancialYear,
    /// Streams with lines this year and last year.
    pub continuing: usize,
    /// Streams with lines this year but not last year (in the first year, every stream).
    pub started: usize,
    /// Streams with lines last year but not this year: they ended after last year.
    pub ended: usize,
}

/// The segments, with names short enough for a phone's legend; the table's headings say more.
const SEGMENTS: [(&str, RGBColor); 3] = [
    ("Continuing", palette::BLUE),
    ("New", palette::BLUISH_GREEN),
    ("Ended", palette::REDDISH_PURPLE),
];
/// The table's headings for the segments.
const HEADINGS: [&str; 3] = [
    "Continuing from last year",
    "New this year",
    "Ended (last seen the year before)",
];

/// Every financial year from the first to the last with lines in `filter`'s place (its year
/// test is ignored), empty years between included.
pub fn rows(dataset: &Dataset, filter: &LineFilter) -> Vec<ChurnRow> {
    let filter = filter.every_year();
    let mut years_of: FastMap<(Sym, Sym, u32), u128> = FastMap::default();
    for (index, line) in filter.lines(dataset) {
        if let Some(year) = line.year {
            *years_of.entry(stream_today(line, index)).or_default() |=
                1u128 << (year.0 - YEARS.start()).min(127);
        }
    }
    let all = years_of.values().fold(0u128, |all, y| all | y);
    if all == 0 {
        return Vec::new();
    }
    let (first, last) = (all.trailing_zeros(), 127 - all.leading_zeros());
    (first..=last)
        .map(|bit| {
            let this = 1u128 << bit;
            let before = if bit > first { 1u128 << (bit - 1) } else { 0 };
            let count =
                |test: &dyn Fn(u128) -> bool| years_of.values().filter(|&&y| test(y)).count();
            ChurnRow {
                year: FinancialYear(YEARS.start() + bit as u16),
                continuing: count(&|y| y & this != 0 && y & before != 0),
                started: count(&|y| y & this != 0 && y & before == 0),
                ended: count(&|y| y & this == 0 && y & before != 0),
            }
        })
        .collect()
}

fn tooltip(row: &ChurnRow) -> String {
    format!(
        "{}: {} — {} continuing from last year, {} new; {} ended after the year before.",
        row.year.label(),
        format::counted((row.continuing + row.started) as u64, "stream", "streams"),
        format::count(row.continuing as u64),
        format::count(row.started as u64),
        format::count(row.ended as u64)
    )
}

/// Draws the chart onto `area`, filling it.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[ChurnRow],
    style: &ChartStyle,
) -> Drawn<DB> {
    let stacked: Vec<StackedRow> = rows
        .iter()
        .map(|row| {
            StackedRow::counts(
                row.year.label(),
                &[row.continuing, row.started, row.ended],
                tooltip(row),
            )
        })
        .collect();
    let layout = StackedLayout {
        title: TITLE,
        measure: "Streams",
        axis: &whole_number,
        segments: &SEGMENTS,
        label_chars: 24,
        highlight: None,
    };
    draw_stacked_bars(area, &layout, &stacked, style)
}

/// The same numbers as a table.
pub fn table(rows: &[ChurnRow]) -> DataTable {
    DataTable::new(
        &[
            "Financial year",
            "Streams this year",
            HEADINGS[0],
            HEADINGS[1],
            HEADINGS[2],
        ],
        rows.iter()
            .map(|row| {
                vec![
                    row.year.label(),
                    format::count((row.continuing + row.started) as u64),
                    format::count(row.continuing as u64),
                    format::count(row.started as u64),
                    format::count(row.ended as u64),
                ]
            })
            .collect(),
    )
}

/// "Of the streams in 2017-18, 38% had ended by the next year" style summary.
pub fn summary(rows: &[ChurnRow]) -> String {
    let pairs: Vec<(usize, usize)> = rows
        .windows(2)
        .map(|w| (w[1].ended, w[0].continuing + w[0].started))
        .filter(|&(_, before)| before > 0)
        .collect();
    let ended: usize = pairs.iter().map(|p| p.0).sum();
    let before: usize = pairs.iter().map(|p| p.1).sum();
    match rows {
        [] => "No line has a known financial year.".to_owned(),
        [only] => format!(
            "One financial year, {}: {}.",
            only.year.label(),
            format::counted(only.started as u64, "stream", "streams")
        ),
        _ => format!(
            "{} of streams ended from one year to the next ({} of {}), {} to {}.",
            format::percent(ended as f64 / before.max(1) as f64),
            format::count(ended as u64),
            format::count(before as u64),
            rows[0].year.label(),
            rows[rows.len() - 1].year.label()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_start_continue_and_end_year_by_year() {
        // Buses 2015-17; Roads 2015 only; Youth 2016 only; Schools 2017 only; Parks in 2019
        // only, so 2018-19 is an empty year between.
        let dataset = crate::import::dataset_from(
            b"Funder,Programme,Amount,Financial Year\n\
              DfT,Buses,1,2015-16\nDfT,Buses,1,2016-17\nDfT,Buses,1,2017-18\n\
              DfT,Roads,1,2015-16\nMoJ,Youth,1,2016-17\nDfE,Schools,1,2017-18\n\
              DCMS,Parks,1,2019-20\nDCMS,Parks,1,\n",
        );
        let rows = rows(&dataset, &LineFilter::ALL);
        let brief: Vec<(String, usize, usize, usize)> = rows
            .iter()
            .map(|r| (r.year.label(), r.continuing, r.started, r.ended))
            .collect();
        assert_eq!(
            brief,
            [
                ("2015-16".to_owned(), 0, 2, 0),
                ("2016-17".to_owned(), 1, 1, 1),
                ("2017-18".to_owned(), 1, 1, 1),
                ("2018-19".to_owned(), 0, 0, 2),
                ("2019-20".to_owned(), 0, 1, 0),
            ]
        );
        // Ended 1 + 1 + 2 + 0 of 2 + 2 + 2 + 0 streams the year before.
        assert_eq!(
            summary(&rows),
            "66.7% of streams ended from one year to the next (4 of 6), 2015-16 to 2019-20."
        );
        assert_eq!(table(&rows).rows[1], ["2016-17", "2", "1", "1", "1"]);
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (800, 400)).into_drawing_area();
            let hits = draw(&area, &rows, &ChartStyle::default()).unwrap();
            assert_eq!(hits.len(), 5);
            assert!(hits[1]
                .text
                .starts_with("2016-17: 2 streams — 1 continuing"));
        }
        assert!(svg.contains(TITLE) && svg.contains("Continuing") && svg.contains("Ended"));
    }
}
