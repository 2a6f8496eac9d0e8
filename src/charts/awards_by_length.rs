//! Awards by length, from planned start (or award) date to planned end: under a year, one to
//! two, two to three, over three years, and not known, for the place and year picked. Pots do
//! not change an award's length.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::labels::whole_number;
use super::palette;
use super::stacked_bars::{draw_stacked_bars, StackedLayout, StackedRow};
use super::{ChartStyle, DataTable, Drawn};
use crate::format;
use crate::model::{Dataset, Pence};
use crate::view::LineFilter;
use crate::years::AwardLength;

/// The chart's title, also its figure caption.
pub const TITLE: &str = "Awards by length";

/// One band of award length.
#[derive(Debug, Clone, PartialEq)]
pub struct LengthRow {
    pub length: AwardLength,
    pub lines: usize,
    pub money: Pence,
}

/// Every band, in order, for the lines `filter` keeps.
pub fn rows(dataset: &Dataset, filter: &LineFilter) -> Vec<LengthRow> {
    let mut rows: Vec<LengthRow> = AwardLength::ALL
        .iter()
        .map(|&length| LengthRow {
            length,
            lines: 0,
            money: Pence(0),
        })
        .collect();
    for (_, line) in filter.lines(dataset) {
        let length = AwardLength::of_line(line);
        if let Some(row) = rows.iter_mut().find(|r| r.length == length) {
            row.lines += 1;
            row.money += line.amount;
        }
    }
    rows
}

/// Draws the chart onto `area`, filling it.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[LengthRow],
    style: &ChartStyle,
) -> Drawn<DB> {
    let stacked: Vec<StackedRow> = rows
        .iter()
        .map(|row| {
            StackedRow::counts(
                row.length.label().to_owned(),
                &[row.lines],
                format!(
                    "{}: {}, {}.",
                    row.length.label(),
                    format::counted(row.lines as u64, "award", "awards"),
                    format::gbp(row.money)
                ),
            )
        })
        .collect();
    let layout = StackedLayout {
        title: TITLE,
        measure: "Awards (funding lines)",
        axis: &whole_number,
        segments: &[("Awards", palette::BLUISH_GREEN)],
        label_chars: 24,
        highlight: None,
    };
    draw_stacked_bars(area, &layout, &stacked, style)
}

/// The same numbers as a table.
pub fn table(rows: &[LengthRow]) -> DataTable {
    DataTable::new(
        &["Length", "Awards", "Money"],
        rows.iter()
            .map(|row| {
                vec![
                    row.length.label().to_owned(),
                    format::count(row.lines as u64),
                    format::gbp(row.money),
                ]
            })
            .collect(),
    )
}

/// "3.4% of the money with a known length is in awards of over one year."
pub fn summary(rows: &[LengthRow]) -> String {
    let known: i64 = rows
        .iter()
        .filter(|r| r.length != AwardLength::NotKnown)
        .map(|r| r.money.0.max(0))
        .sum();
    let longer: i64 = rows
        .iter()
        .filter(|r| r.length.over_one_year())
        .map(|r| r.money.0.max(0))
        .sum();
    if known == 0 {
        return "No award has both a start and an end date, so lengths are not known.".to_owned();
    }
    format!(
        "{} of the money in awards of known length is in awards of over one year.",
        format::percent(longer as f64 / known as f64)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn awards_fall_in_their_bands_and_the_money_adds_up() {
        let dataset = crate::import::dataset_from(
            b"Funder,Amount,Planned Dates:Start Date,End Date,Award Date\n\
              DfT,100,2016-04-01,2017-03-31,\n\
              DfT,300,,2019-03-31,2016-04-01\n\
              DfT,50,2016-04-01,2020-06-30,\n\
              DfT,7,,,2016-05-01\n",
        );
        let rows = rows(&dataset, &LineFilter::ALL);
        let brief: Vec<(&str, usize, i64)> = rows
            .iter()
            .map(|r| (r.length.label(), r.lines, r.money.0))
            .collect();
        assert_eq!(
            brief,
            [
                ("Under 1 year", 1, 10_000),
                ("1 to 2 years", 0, 0),
                ("2 to 3 years", 1, 30_000),
                ("Over 3 years", 1, 5_000),
                ("Not known", 1, 700),
            ]
        );
        assert_eq!(
            summary(&rows),
            "77.8% of the money in awards of known length is in awards of over one year."
        );
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (800, 400)).into_drawing_area();
            let hits = draw(&area, &rows, &ChartStyle::default()).unwrap();
            assert_eq!(hits[2].text, "2 to 3 years: 1 award, £300.");
        }
        assert!(svg.contains(TITLE));
    }
}
