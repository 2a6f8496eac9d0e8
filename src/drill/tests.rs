use super::*;
use crate::charts::{Chart, ChartKind, Part};
use crate::figures::Figures;
use crate::measures::table::MEASURES;
use crate::model::{Allocation, Ringfence};
use crate::scenario::Editor;
use crate::selection::Field;
use crate::view::{Filter, View};

/// Twelve funders (so the funder charts merge "All other funders"), two years, a clawback,
/// competed and formula money, and dates.
fn place() -> Dataset {
    let mut csv = String::from(
        "Funder,Programme,Recipient,Service,Amount,Ringfenced,Allocation Method,Financial Year,Award Date,End Date\n",
    );
    for funder in 0..12 {
        for line in 0..3 {
            let amount = 1_000 * (funder + 1) * (line + 1) + 7;
            csv.push_str(&format!(
                "F{funder},P{},R{line},S{},{amount}.25,{},{},{},2016-04-01,{}\n",
                funder % 4,
                funder % 3,
                if line == 0 { "No" } else { "Yes" },
                if funder % 2 == 0 {
                    "Competed"
                } else {
                    "Formula"
                },
                if line == 2 { "2017-18" } else { "2016-17" },
                if line == 1 {
                    "2019-03-31"
                } else {
                    "2017-01-31"
                },
            ));
        }
    }
    csv.push_str("F0,P0,R9,S0,-500.10,Yes,Formula,2016-17,,\n");
    crate::import::dataset_from(csv.as_bytes())
}

fn with_a_pot(dataset: &Dataset) -> Editor {
    let first_ten: Vec<u32> = (0..10).collect();
    crate::scenario::test_support::editor_with_pot(
        dataset.lines.len(),
        "Children",
        PotPolicy::LiftRingfence,
        &first_ten,
    )
}

#[test]
fn every_bar_of_the_split_charts_opens_exactly_its_lines_and_money() {
    let dataset = place();
    let editor = with_a_pot(&dataset);
    let view = View::default();
    let figures = Figures::compute(&dataset, &editor.scenario, &view);
    let filter = view.filter(&dataset);
    for kind in [
        ChartKind::BeforeAfter,
        ChartKind::ByFunder,
        ChartKind::ByPot,
        ChartKind::MoneyByYear,
    ] {
        let rows = match figures.chart(kind) {
            Chart::BeforeAfter(rows) | Chart::ByFunder(rows) | Chart::MoneyByYear(rows) => rows,
            Chart::ByPot(pots) => &pots.rows,
            _ => unreachable!(),
        };
        assert!(!rows.is_empty());
        for (index, row) in rows.iter().enumerate() {
            let selection = chart_selection(&dataset, figures.chart(kind), Part::Row(index))
                .expect("every bar has lines behind it");
            let behind = lines_behind(&dataset, &editor.scenario, &filter, &selection);
            assert_eq!(behind.lines.len(), row.lines, "{kind:?} {}", row.label);
            assert_eq!(behind.total, row.money.total(), "{kind:?} {}", row.label);
            for status in Ringfence::ALL {
                let narrowed = selection.with_status(Some(status));
                let behind = lines_behind(&dataset, &editor.scenario, &filter, &narrowed);
                assert_eq!(behind.total, row.money.get(status), "{kind:?} {status:?}");
            }
        }
    }
    let Chart::ByFunder(rows) = figures.chart(ChartKind::ByFunder) else {
        unreachable!()
    };
    assert!(rows.last().unwrap().label.starts_with("All other funders"));
}

#[test]
fn every_node_and_flow_and_table_row_opens_its_lines() {
    let dataset = place();
    let editor = with_a_pot(&dataset);
    let view = View::default();
    let figures = Figures::compute(&dataset, &editor.scenario, &view);
    let filter = view.filter(&dataset);
    let chart = figures.chart(ChartKind::FunderToPot);
    let Chart::FunderToPot(flows) = chart else {
        unreachable!()
    };
    let count = |selection: Selection| {
        let behind = lines_behind(&dataset, &editor.scenario, &filter, &selection);
        (behind.lines.len(), behind.total)
    };
    for (index, node) in flows.funders.iter().enumerate() {
        let selection = chart_selection(&dataset, chart, Part::Funder(index)).unwrap();
        assert_eq!(count(selection), (node.lines, node.money), "{}", node.label);
    }
    for (index, node) in flows.pots.iter().enumerate() {
        let selection = chart_selection(&dataset, chart, Part::Pot(index)).unwrap();
        assert_eq!(count(selection), (node.lines, node.money), "{}", node.label);
    }
    for (index, link) in flows.links.iter().enumerate() {
        let selection = table_selection(&dataset, chart, index).unwrap();
        assert_eq!(count(selection), (link.lines, link.money));
    }
    let whole = table_selection(&dataset, chart, flows.links.len()).unwrap();
    assert_eq!(count(whole), (dataset.lines.len(), dataset.total()));
    assert!(table_selection(&dataset, chart, flows.links.len() + 1).is_none());

    let Chart::SizeDistribution(bands) = figures.chart(ChartKind::SizeDistribution) else {
        unreachable!()
    };
    for (index, band) in bands.iter().enumerate() {
        let chart = figures.chart(ChartKind::SizeDistribution);
        let selection = chart_selection(&dataset, chart, Part::Row(index)).unwrap();
        assert_eq!(count(selection), (band.lines, band.money), "{}", band.band);
    }
    let Chart::AwardsByLength(lengths) = figures.chart(ChartKind::AwardsByLength) else {
        unreachable!()
    };
    for (index, length) in lengths.iter().enumerate() {
        let chart = figures.chart(ChartKind::AwardsByLength);
        let selection = chart_selection(&dataset, chart, Part::Row(index)).unwrap();
        assert_eq!(count(selection), (length.lines, length.money));
    }
}

#[test]
fn a_measure_opens_the_lines_it_counts() {
    let dataset = place();
    let editor = with_a_pot(&dataset);
    let filter = LineFilter::ALL;
    let with_pots = crate::measures::measure(&dataset, Some(&editor.scenario), &filter);
    let behind = |name: &str| {
        let definition = MEASURES.iter().find(|m| m.name == name).unwrap();
        lines_behind(
            &dataset,
            &editor.scenario,
            &filter,
            &measure_selection(definition),
        )
    };
    assert_eq!(behind("Ringfenced").total, with_pots.money.ringfenced);
    assert_eq!(behind("Flexible").total, with_pots.money.flexible);
    assert_eq!(behind("Funding streams").lines.len(), dataset.lines.len());
    assert_eq!(
        behind("Funders per pot").lines,
        (0..10).collect::<Vec<u32>>()
    );
    // Competed: the even funders, less the lines the pot (which lifts the ringfence) settles.
    let competed: i64 = dataset
        .lines
        .iter()
        .enumerate()
        .filter(|(i, l)| l.allocation == Allocation::Competed && *i >= 10)
        .map(|(_, l)| l.amount.0.max(0))
        .sum();
    assert_eq!(behind("Competed").total.0, competed);
    let known: i64 = dataset.lines.iter().map(|l| l.amount.0.max(0)).sum();
    let share = with_pots.competed_share.unwrap();
    assert!((share - competed as f64 / known as f64).abs() < 1e-12);
    // Streams under £100k: every stream here is small, so every line is behind it.
    assert_eq!(
        with_pots.small_stream_share,
        Some(1.0),
        "the place's streams are all under £100k"
    );
    assert_eq!(
        behind("Streams under £100k").lines.len(),
        dataset.lines.len()
    );
}

#[test]
fn filters_narrow_what_is_behind_a_choice_and_the_csv_adds_up() {
    let dataset = place();
    let editor = with_a_pot(&dataset);
    let view = View::default().with_filters(vec![Filter {
        field: Field::Funder,
        value: "F3".into(),
        keep: false,
    }]);
    let filter = view.filter(&dataset);
    let f3 = dataset.strings.find("F3").unwrap();
    let everything = Selection::new("all", Vec::new());
    let behind = lines_behind(&dataset, &editor.scenario, &filter, &everything);
    assert_eq!(behind.lines.len(), dataset.lines.len() - 3);
    let only_f3 = Selection::new("F3", vec![Criterion::Is(Field::Funder, f3)]);
    assert!(lines_behind(&dataset, &editor.scenario, &filter, &only_f3)
        .lines
        .is_empty());
    let behind = lines_behind(&dataset, &editor.scenario, &LineFilter::ALL, &only_f3);
    assert_eq!(behind.lines.len(), 3);
    let csv = crate::export::lines_csv(&dataset, &editor.scenario, "F3", &behind.lines);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 1 + 3 + 1 + 1);
    assert!(rows.last().unwrap().ends_with(&format!(
        "Total,{}.{:02}",
        behind.total.0 / 100,
        behind.total.0 % 100
    )));
}

#[test]
fn a_map_group_opens_exactly_its_lines_whatever_the_grouping_and_search() {
    let dataset = place();
    let editor = with_a_pot(&dataset);
    let filter = LineFilter::ALL;
    for by in crate::measures::GroupBy::ALL {
        for query in ["", "p1", "r2"] {
            let groups =
                crate::measures::groups(&dataset, &editor.scenario, None, by, query, &filter);
            assert!(!groups.is_empty());
            for group in &groups {
                let selection = group_selection(group, None, "not in a pot", query);
                let behind = lines_behind(&dataset, &editor.scenario, &filter, &selection);
                assert_eq!(
                    behind.lines, group.lines,
                    "{by:?} {query:?} {}",
                    group.label
                );
                assert_eq!(behind.total, group.money.total());
            }
        }
    }
}
