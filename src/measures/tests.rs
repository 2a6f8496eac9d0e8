//! The measures worked by hand.

use super::*;
use crate::scenario::{Command, Edit, PotPolicy};

/// Five lines, worked by hand:
/// | # | funder | programme | £ | ringfenced | method | award → end |
/// | 0 | DfT | Buses | 60,000 | yes | Competed | 2024-04-01 → 2025-03-31 |
/// | 1 | DfT | Buses | 20,000 | yes | Competed | 2024-04-01 → 2025-03-31 |
/// | 2 | DfT | Roads | 400,000 | no | Formula | 2024-04-01 → 2027-03-31 |
/// | 3 | MoJ | Youth | 50,000 | yes | Criteria | — |
/// | 4 | DfE | Schools | 470,000 | yes | Competed | 2024-09-01 → 2025-08-31 |
fn place() -> Dataset {
    crate::import::dataset_from(
        b"Funder,Programme,Amount,Ringfenced,Allocation Method,Award Date,End Date\n\
          DfT,Buses,60000,Yes,General Grants - Competed,2024-04-01,2025-03-31\n\
          DfT,Buses,20000,Yes,General Grants - Competed,2024-04-01,2025-03-31\n\
          DfT,Roads,400000,No,Formula,2024-04-01,2027-03-31\n\
          MoJ,Youth,50000,Yes,General Grants - Criteria Based,,\n\
          DfE,Schools,470000,Yes,General Grants - Competed,2024-09-01,2025-08-31\n",
    )
}

#[test]
fn measures_a_place_as_it_is() {
    let m = measure(&place(), None, &crate::view::LineFilter::ALL);
    // Streams: DfT Buses (80k), DfT Roads (400k), MoJ Youth (50k), DfE Schools (470k).
    assert_eq!(m.streams, 4);
    assert_eq!(m.funders, 3);
    assert_eq!(m.money.ringfenced, Pence::from_pounds(600_000));
    assert_eq!(m.money.flexible, Pence::from_pounds(400_000));
    assert_eq!(m.small_stream_share, Some(0.5));
    // Shares 8%, 40%, 5%, 47%: 64 + 1600 + 25 + 2209 = 3898.
    assert!((m.stream_hhi.unwrap() - 3898.0).abs() < 1e-9);
    assert_eq!(m.median_stream, Some(Pence::from_pounds(240_000)));
    // Competed 550k of 1,000k with a known method.
    assert_eq!(m.competed_share, Some(0.55));
    // Dated streams: Buses (364 days: short), Roads (3 years), Schools (364 days: short).
    assert_eq!(m.short_term_share, Some(2.0 / 3.0));
    assert!(m.pots.is_empty());
    // Bands: Youth 50k and Buses 80k under £100k; Roads and Schools £100k to £1m.
    assert_eq!(m.streams_by_size, [0, 0, 0, 2, 2, 0, 0, 0]);
    assert_eq!(
        m.streams_by_service,
        [(StringPool::BLANK, 4)],
        "no service column"
    );
}

#[test]
fn streams_are_counted_in_each_service_they_reach() {
    let dataset = crate::import::dataset_from(
        b"Funder,Programme,Service,Amount\n\
          DfE,Holiday food,Children,10\n\
          DfE,Holiday food,Public health,10\n\
          DHSC,Public health grant,Public health,-5\n",
    );
    let m = measure(&dataset, None, &crate::view::LineFilter::ALL);
    let by_name: Vec<(&str, usize)> = m
        .streams_by_service
        .iter()
        .map(|&(sym, n)| (dataset.text(sym), n))
        .collect();
    assert!(by_name.contains(&("Children", 1)) && by_name.contains(&("Public health", 2)));
    assert_eq!(m.streams_by_size[0], 1, "a net clawback is £0 or less");
    assert_eq!(m.streams_by_size[1], 1, "Holiday food is £20");
    let editor = crate::scenario::test_support::editor_with_pot(
        3,
        "Health",
        PotPolicy::LiftRingfence,
        &[1, 2],
    );
    let pooled = measure(
        &dataset,
        Some(&editor.scenario),
        &crate::view::LineFilter::ALL,
    );
    let public_health = dataset.strings.find("Public health").unwrap();
    assert_eq!(
        pooled
            .streams_by_service
            .iter()
            .find(|(s, _)| *s == public_health),
        Some(&(public_health, 1)),
        "one pot now serves public health"
    );
}

#[test]
fn pooling_changes_streams_ringfencing_and_competition() {
    let dataset = place();
    let mut editor = crate::scenario::test_support::editor_with_pot(
        dataset.lines.len(),
        "Place pot",
        PotPolicy::LiftRingfence,
        &[0, 1, 3],
    );
    let m = measure(
        &dataset,
        Some(&editor.scenario),
        &crate::view::LineFilter::ALL,
    );
    // Streams: the pot (130k), DfT Roads, DfE Schools.
    assert_eq!(m.streams, 3);
    assert_eq!(m.money.ringfenced, Pence::from_pounds(470_000));
    assert_eq!(m.money.flexible, Pence::from_pounds(530_000));
    assert_eq!(m.small_stream_share, Some(0.0));
    assert_eq!(m.competed_share, Some(0.47));
    let pot_measures = &m.pots[0];
    assert_eq!((pot_measures.lines, pot_measures.funders), (3, 2));
    assert_eq!(pot_measures.total, Pence::from_pounds(130_000));
    // DfT 80k, MoJ 50k of 130k: 61.54² + 38.46² ≈ 5266.3.
    assert!((pot_measures.funder_hhi.unwrap() - 5266.272).abs() < 0.01);
    assert_eq!(m.funders_per_pot(), Some(2.0));

    let pot = editor.newest_pot().unwrap();
    editor
        .apply(Command::Edit(Edit::SetPolicy {
            pot,
            policy: PotPolicy::KeepRingfence,
        }))
        .unwrap();
    let aligned = measure(
        &dataset,
        Some(&editor.scenario),
        &crate::view::LineFilter::ALL,
    );
    assert_eq!(
        aligned.money,
        measure(&dataset, None, &crate::view::LineFilter::ALL).money,
        "an aligned pot keeps every ringfence"
    );
    assert_eq!(aligned.competed_share, Some(0.55));
}

#[test]
fn groups_unpooled_lines_with_search_and_size_bands() {
    let dataset = place();
    let scenario = Scenario::new(dataset.lines.len());
    let by_funder = groups(
        &dataset,
        &scenario,
        None,
        GroupBy::Funder,
        "",
        &crate::view::LineFilter::ALL,
    );
    let labels: Vec<&str> = by_funder.iter().map(|g| g.label.as_str()).collect();
    assert_eq!(labels, ["DfT", "DfE", "MoJ"]);
    assert_eq!(by_funder[0].lines, [0, 1, 2]);
    assert_eq!(by_funder[0].money.total(), Pence::from_pounds(480_000));
    let searched = groups(
        &dataset,
        &scenario,
        None,
        GroupBy::Programme,
        "bus",
        &crate::view::LineFilter::ALL,
    );
    assert_eq!(searched.len(), 1);
    assert_eq!(searched[0].lines, [0, 1]);
    let sizes = groups(
        &dataset,
        &scenario,
        None,
        GroupBy::Size,
        "",
        &crate::view::LineFilter::ALL,
    );
    let bands: Vec<(&str, usize)> = sizes
        .iter()
        .map(|g| (g.label.as_str(), g.lines.len()))
        .collect();
    assert_eq!(bands, [("£100k to £1m", 2), ("£10k to £100k", 3)]);
}

#[test]
fn hhi_of_one_stream_is_ten_thousand() {
    assert_eq!(hhi([5]), Some(10_000.0));
    assert_eq!(hhi([1, 1]), Some(5_000.0));
    assert_eq!(hhi([-3, 0]), None);
}

/// Five lines over three financial years, worked by hand:
/// | # | stream | £ | year | start → end |
/// | 0 | DfT Buses | 100 | 2015-16 | 2015-04-01 → 2017-03-31 (730 days: over a year) |
/// | 1 | DfT Buses | 100 | 2016-17 | — |
/// | 2 | DfT Roads | 50 | 2015-16 | 2015-04-01 → 2016-03-30 (364 days: under a year) |
/// | 3 | MoJ Youth | 30 | 2016-17 | — |
/// | 4 | DfE Schools | 20 | 2017-18 | — |
fn years_place() -> Dataset {
    crate::import::dataset_from(
        b"Funder,Programme,Amount,Financial Year,Planned Dates:Start Date,End Date\n\
          DfT,Buses,100,2015-16,2015-04-01,2017-03-31\n\
          DfT,Buses,100,2016-17,,\n\
          DfT,Roads,50,2015-16,2015-04-01,2016-03-30\n\
          MoJ,Youth,30,2016-17,,\n\
          DfE,Schools,20,2017-18,,\n",
    )
}

#[test]
fn one_year_streams_and_multi_year_money() {
    let dataset = years_place();
    let m = measure(&dataset, None, &crate::view::LineFilter::ALL);
    // Schools is seen only in the latest year (2017-18), so it may continue: not judged.
    // Of Buses (two years), Roads and Youth (one each): 2 of 3.
    assert_eq!(m.one_year_share, Some(2.0 / 3.0));
    // Known lengths: Buses 2015 (730 days, £100, over a year) and Roads (364 days, £50).
    assert_eq!(m.multi_year_money_share, Some(100.0 / 150.0));
    // A pot holding Roads and Youth runs over two years: no judged stream lasts one year.
    let mut editor = crate::scenario::Editor::new(dataset.lines.len());
    editor
        .apply(Command::Edit(Edit::CreatePot {
            name: "Early help".into(),
            colour: 0,
            policy: PotPolicy::KeepRingfence,
        }))
        .unwrap();
    let pot = editor.scenario.pots[0].id;
    editor
        .apply(Command::Edit(Edit::MoveLines {
            lines: vec![2, 3],
            to: Some(pot),
        }))
        .unwrap();
    let pooled = measure(
        &dataset,
        Some(&editor.scenario),
        &crate::view::LineFilter::ALL,
    );
    assert_eq!(pooled.one_year_share, Some(0.0));
    // One year alone cannot say which streams lasted one year.
    let one_year = crate::view::View {
        year: crate::view::YearChoice::Year(crate::model::FinancialYear(2016)),
        ..Default::default()
    };
    let m = measure(&dataset, None, &one_year.filter(&dataset));
    assert_eq!(m.one_year_share, None);
    assert_eq!(m.streams, 2, "Buses and Youth in 2016-17");
}

#[test]
fn a_scenario_with_no_pots_measures_as_today_and_one_with_a_pot_is_measured() {
    let dataset = place();
    let filter = crate::view::LineFilter::ALL;
    let today = measure(&dataset, None, &filter);
    let no_pots = crate::scenario::Editor::new(dataset.lines.len());
    assert_eq!(
        measure_with_pots(&dataset, &no_pots.scenario, &filter, &today),
        measure(&dataset, Some(&no_pots.scenario), &filter),
        "no pots: the same as measuring again"
    );
    // An empty pot is reported (with no lines), so it is measured.
    let editor = crate::scenario::test_support::editor_with_pot(
        dataset.lines.len(),
        "Transport",
        PotPolicy::LiftRingfence,
        &[],
    );
    let measured = measure(&dataset, Some(&editor.scenario), &filter);
    assert_ne!(measured, today);
    assert_eq!(
        measure_with_pots(&dataset, &editor.scenario, &filter, &today),
        measured
    );
}
