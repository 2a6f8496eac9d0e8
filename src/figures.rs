//! Everything shown about a place under a scenario, computed by the same functions the page's
//! memos call one by one: the headline figures, the measures today and with the pots, and
//! every chart. The benchmark and the tests use [`Figures::compute`]; the page derives each
//! part in its own memo so a change recomputes only what depends on it.

use crate::charts::size_distribution::{line_bands, LineBands};
use crate::charts::{Chart, ChartInputs, ChartKind};
use crate::headline::Headline;
use crate::measures::{measure, measure_with_pots, Measures};
use crate::model::Dataset;
use crate::scenario::Scenario;
use crate::view::View;

/// The figures of a place under a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub headline: Headline,
    pub today: Measures,
    pub with_pots: Measures,
    pub line_bands: LineBands,
    /// One per [`ChartKind::ALL`], in that order.
    pub charts: Vec<Chart>,
}

impl Figures {
    /// Computes every figure of `view`, as the page does after an import or a change.
    pub fn compute(dataset: &Dataset, scenario: &Scenario, view: &View) -> Figures {
        let filter = view.filter(dataset);
        let headline = Headline::of(dataset, &filter);
        let today = measure(dataset, None, &filter);
        let with_pots = measure_with_pots(dataset, scenario, &filter, &today);
        let line_bands = line_bands(dataset, &filter);
        let inputs = ChartInputs {
            dataset,
            scenario,
            filter,
            rank_by: crate::compare::PlaceColumn::Money,
            today: &today,
            with_pots: &with_pots,
            line_bands: &line_bands,
        };
        let charts = ChartKind::ALL
            .iter()
            .map(|kind| kind.build(&inputs))
            .collect();
        Figures {
            headline,
            today,
            with_pots,
            line_bands,
            charts,
        }
    }

    /// The chart of `kind`.
    pub fn chart(&self, kind: ChartKind) -> &Chart {
        &self.charts[kind.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pence;
    use crate::scenario::PotPolicy;

    #[test]
    fn every_chart_adds_up_to_the_place() {
        let dataset = crate::import::dataset_from(
            b"Funder,Programme,Service,Amount,Ringfenced\n\
              DfT,Buses,Transport,100,Yes\n\
              MoJ,Youth,Justice,50,Yes\n\
              DfE,Schools,Education,25,No\n",
        );
        let editor =
            crate::scenario::test_support::editor_with_pot(3, "P", PotPolicy::LiftRingfence, &[1]);
        let figures = Figures::compute(&dataset, &editor.scenario, &crate::view::View::default());
        assert_eq!(figures.charts.len(), ChartKind::ALL.len());
        for (kind, chart) in ChartKind::ALL.iter().zip(&figures.charts) {
            assert_eq!(chart.kind(), *kind);
        }
        assert_eq!(figures.headline.money.total(), Pence(17_500));
        let Chart::BeforeAfter(rows) = figures.chart(ChartKind::BeforeAfter) else {
            panic!("the before/after chart");
        };
        assert_eq!(rows[1].money.flexible, Pence(7_500));
        let Chart::FunderToPot(flows) = figures.chart(ChartKind::FunderToPot) else {
            panic!("the flows chart");
        };
        let flowing: Pence = flows.links.iter().map(|l| l.money).sum();
        assert_eq!(flowing, dataset.total());
    }

    #[test]
    fn the_funder_and_flow_charts_merge_the_same_other_funders() {
        let mut csv = String::from("Funder,Amount\n");
        for n in 0..14 {
            csv.push_str(&format!("Funder {n:02},{}\n", 1000 * (14 - n)));
        }
        let dataset = crate::import::dataset_from(csv.as_bytes());
        let figures = Figures::compute(
            &dataset,
            &Scenario::new(dataset.lines.len()),
            &crate::view::View::default(),
        );
        let Chart::ByFunder(rows) = figures.chart(ChartKind::ByFunder) else {
            panic!("the funder chart");
        };
        let Chart::FunderToPot(flows) = figures.chart(ChartKind::FunderToPot) else {
            panic!("the flows chart");
        };
        assert_eq!(rows.len(), crate::charts::palette::FUNDERS.len() + 1);
        assert_eq!(rows.last().unwrap().label, "All other funders (5)");
        assert_eq!(flows.funders.last().unwrap().label, "All other funders (5)");
        let named = rows.iter().filter(|r| r.merged == 0).count();
        assert!(
            named <= crate::charts::palette::FUNDERS.len(),
            "every named funder has a colour"
        );
    }
}
