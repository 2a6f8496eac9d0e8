//! Scenarios compared side by side: the measures today and under each chosen scenario (up to
//! [`crate::scenario::COMPARED`]), with each one's change from today, and their money by
//! ringfence status, for the region "Scenario comparison", its CSV and the board pack.

use crate::breakdown::SplitRow;
use crate::charts::{Chart, DataTable};
use crate::costs::CostAssumptions;
use crate::export::safe_text;
use crate::measures::table::{MeasureDefinition, MEASURES};
use crate::measures::{measure, Measures};
use crate::model::Dataset;
use crate::scenario::{Scenario, COMPARED};
use crate::selection::Criterion;
use crate::view::LineFilter;

/// The measures of the place today and under each scenario compared.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioComparison {
    pub today: Measures,
    /// Each scenario's name and measures, in the order chosen.
    pub scenarios: Vec<(String, Measures)>,
}

/// A scenario to compare: its name, its pots, and its measures when the caller already has
/// them (the open scenario's, which the page keeps).
pub struct ToCompare<'a> {
    pub name: &'a str,
    pub scenario: &'a Scenario,
    pub measured: Option<&'a Measures>,
}

/// Measures the lines `filter` keeps today and under each of `scenarios` (the first
/// [`COMPARED`]); measures the caller already has (`today`, a scenario's `measured`) are
/// reused, not measured again.
pub fn compare_scenarios(
    dataset: &Dataset,
    scenarios: &[ToCompare],
    filter: &LineFilter,
    today: Option<&Measures>,
) -> ScenarioComparison {
    ScenarioComparison {
        today: today
            .cloned()
            .unwrap_or_else(|| measure(dataset, None, filter)),
        scenarios: scenarios
            .iter()
            .take(COMPARED)
            .map(|to| {
                let measures = to
                    .measured
                    .cloned()
                    .unwrap_or_else(|| measure(dataset, Some(to.scenario), filter));
                (to.name.to_owned(), measures)
            })
            .collect(),
    }
}

impl ScenarioComparison {
    /// The table's columns: the measure, today, then each scenario's value and change.
    pub fn columns(&self) -> Vec<String> {
        std::iter::once("Measure".to_owned())
            .chain(std::iter::once("Today".to_owned()))
            .chain(
                self.scenarios
                    .iter()
                    .flat_map(|(name, _)| [name.clone(), format!("{name}: change")]),
            )
            .collect()
    }

    /// One row per measure: its name, today's value, and each scenario's value and change,
    /// worded as the measures table words them ([`MEASURES`]).
    pub fn table(&self, costs: &CostAssumptions) -> DataTable {
        let rows = MEASURES
            .iter()
            .map(|definition: &MeasureDefinition| {
                let mut row = vec![
                    definition.name.to_owned(),
                    (definition.show)(&self.today, costs),
                ];
                for (_, measures) in &self.scenarios {
                    row.push((definition.show)(measures, costs));
                    row.push((definition.change)(&self.today, measures, costs));
                }
                row
            })
            .collect();
        DataTable {
            columns: self.columns(),
            rows,
        }
    }

    /// The chart of money by status: today, then each scenario.
    pub fn chart(&self) -> Chart {
        let row = |label: &str, measures: &Measures| SplitRow {
            label: label.to_owned(),
            lines: measures.by_funder_and_pot.iter().map(|c| c.lines).sum(),
            money: measures.money,
            merged: 0,
            criteria: Vec::<Criterion>::new(),
        };
        Chart::ScenariosCompared(
            std::iter::once(row("Today", &self.today))
                .chain(self.scenarios.iter().map(|(name, m)| row(name, m)))
                .collect(),
        )
    }

    /// The table as CSV, every cell formula-safe.
    pub fn csv(&self, costs: &CostAssumptions) -> String {
        let table = self.table(costs);
        let mut writer = csv::Writer::from_writer(Vec::new());
        let safe = |cells: &[String]| cells.iter().map(|c| safe_text(c)).collect::<Vec<_>>();
        writer
            .write_record(safe(&table.columns))
            .expect("writing to memory");
        for row in &table.rows {
            writer.write_record(safe(row)).expect("writing to memory");
        }
        String::from_utf8(writer.into_inner().expect("writing to memory")).expect("utf-8 text")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ringfence;
    use crate::scenario::{test_support::editor_with_pot, PotPolicy};

    #[test]
    fn scenarios_are_measured_side_by_side_against_today() {
        let dataset = crate::import::dataset_from(
            b"Funder,Programme,Amount,Ringfenced\n\
              DfT,Buses,100,Yes\nMoJ,Youth,50,Yes\nDfE,Schools,25,No\n",
        );
        let lift = editor_with_pot(3, "P", PotPolicy::LiftRingfence, &[0, 1]);
        let keep = editor_with_pot(3, "P", PotPolicy::KeepRingfence, &[0, 1]);
        let kept = measure(&dataset, Some(&keep.scenario), &LineFilter::ALL);
        let to_compare = [
            ToCompare {
                name: "Lift",
                scenario: &lift.scenario,
                measured: None,
            },
            ToCompare {
                name: "Keep",
                scenario: &keep.scenario,
                measured: Some(&kept),
            },
        ];
        let comparison = compare_scenarios(&dataset, &to_compare, &LineFilter::ALL, None);
        let costs = CostAssumptions::default();
        let table = comparison.table(&costs);
        assert_eq!(
            table.columns,
            [
                "Measure",
                "Today",
                "Lift",
                "Lift: change",
                "Keep",
                "Keep: change"
            ]
        );
        let streams = &table.rows[0];
        assert_eq!(streams, &["Funding streams", "3", "2", "−1", "2", "−1"]);
        let ringfenced = table.rows.iter().find(|r| r[0] == "Ringfenced").unwrap();
        assert_eq!(ringfenced[1], "85.7%");
        assert_eq!(ringfenced[2], "0.0%");
        assert_eq!(ringfenced[5], "no change");
        let Chart::ScenariosCompared(rows) = comparison.chart() else {
            unreachable!()
        };
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["Today", "Lift", "Keep"]);
        assert_eq!(rows[1].money.get(Ringfence::Flexible).0, 17_500);
        assert!(comparison
            .csv(&costs)
            .starts_with("Measure,Today,Lift,Lift: change"));
    }
}
