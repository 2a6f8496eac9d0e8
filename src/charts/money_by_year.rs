//! Money by UK financial year, ringfenced, flexible and not recorded, today and with the
//! user's pots: two bars a year, from [`crate::compare::by_year`] (the place picked, every
//! year).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::split_bars::draw_split_bars;
use super::{ChartStyle, Drawn};
use crate::breakdown::SplitRow;
use crate::charts::Chart;
use crate::compare::YearRow;
use crate::model::Dataset;
use crate::scenario::Scenario;
use crate::selection::Criterion;
use crate::view::{LineFilter, YearChoice};

/// The chart's title, also its figure caption.
pub const TITLE: &str = "Money by financial year, today and with your pots";

/// Two rows a year, "2016-17 today" and "2016-17 with your pots", oldest first, then the
/// lines whose year is not known.
pub fn rows(years: &[YearRow]) -> Vec<SplitRow> {
    years
        .iter()
        .flat_map(|year| {
            let label = year.label();
            let criteria = vec![Criterion::Year(match year.year {
                YearChoice::Year(year) => Some(year),
                _ => None,
            })];
            [
                SplitRow {
                    label: format!("{label} today"),
                    lines: year.lines,
                    money: year.today,
                    merged: 0,
                    criteria: criteria.clone(),
                },
                SplitRow {
                    label: format!("{label} with your pots"),
                    lines: year.lines,
                    money: year.with_pots,
                    merged: 0,
                    criteria,
                },
            ]
        })
        .collect()
}

/// The chart from the place's year rows as they are today (kept between moves by the page)
/// and the scenario: only the pots' lines are visited again.
pub fn chart(
    today: &[YearRow],
    dataset: &Dataset,
    scenario: &Scenario,
    filter: &LineFilter,
) -> Chart {
    Chart::MoneyByYear(rows(&crate::compare::with_pots_by_year(
        today, dataset, scenario, filter,
    )))
}

/// Draws the chart onto `area`, filling it.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[SplitRow],
    style: &ChartStyle,
) -> Drawn<DB> {
    draw_split_bars(area, TITLE, rows, &[], style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::by_year;
    use crate::model::Pence;
    use crate::scenario::PotPolicy;

    #[test]
    fn two_bars_a_year_and_the_pots_lift_the_ringfence_in_every_year() {
        let dataset = crate::import::dataset_from(
            b"Funder,Programme,Amount,Ringfenced,Financial Year\n\
              DfT,Buses,100,Yes,2016-17\n\
              DfT,Buses,60,Yes,2017-18\n\
              MoJ,Youth,50,No,2016-17\n\
              DfE,Schools,25,Yes,\n",
        );
        // A pot lifting the ringfence holds the Buses lines of both years.
        let editor = crate::scenario::test_support::editor_with_pot(
            4,
            "Transport",
            PotPolicy::LiftRingfence,
            &[0, 1],
        );
        let years = by_year(&dataset, &LineFilter::ALL, |line, status| {
            editor.scenario.status_of(line, status)
        });
        let rows = rows(&years);
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "2016-17 today",
                "2016-17 with your pots",
                "2017-18 today",
                "2017-18 with your pots",
                "Year not known today",
                "Year not known with your pots",
            ]
        );
        assert_eq!(rows[0].money.ringfenced, Pence(10_000));
        assert_eq!(rows[1].money.ringfenced, Pence(0));
        assert_eq!(rows[1].money.flexible, Pence(15_000));
        assert_eq!(rows[3].money.flexible, Pence(6_000));
        let today: Pence = rows.iter().step_by(2).map(|r| r.money.total()).sum();
        assert_eq!(today, dataset.total());
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (800, 400)).into_drawing_area();
            draw(&area, &rows, &ChartStyle::default()).unwrap();
        }
        assert!(svg.contains(TITLE) && svg.contains("2017-18 with your pots"));
    }
}
