//! Money by funder, by pot, and for the whole place, today and with the pots: the rows of the
//! ringfence charts, the pot summary of the pooled-budget CSV and the board pack, all made
//! from the funder × pot cells the measures' one pass gathers ([`FunderPot`]).

use crate::fasthash::FastMap;
use crate::measures::FunderPot;
use crate::model::{Dataset, Sym};
use crate::money::RingfenceSplit;
use crate::scenario::{PotId, Scenario, NOT_IN_A_POT};
use crate::selection::{Criterion, Field};

/// One row of a ringfence chart (a funder, a pot, or the whole place): its money by status.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitRow {
    pub label: String,
    pub lines: usize,
    pub money: RingfenceSplit,
    /// How many rows were merged into this one ("All other funders (N)"); 0 for a single row.
    pub merged: usize,
    /// The test of the lines behind the row ([`crate::drill`]); none for the whole place.
    pub criteria: Vec<Criterion>,
}

impl SplitRow {
    fn new(
        label: String,
        (lines, money): (usize, RingfenceSplit),
        criteria: Vec<Criterion>,
    ) -> SplitRow {
        SplitRow {
            label,
            lines,
            money,
            merged: 0,
            criteria,
        }
    }
}

/// Two rows, the whole place "Today" and "With your pots".
pub fn before_after(cells: &[FunderPot]) -> Vec<SplitRow> {
    let mut today = RingfenceSplit::default();
    let mut pooled = RingfenceSplit::default();
    let mut lines = 0;
    for cell in cells {
        today += cell.today;
        pooled += cell.with_pots;
        lines += cell.lines;
    }
    vec![
        SplitRow::new("Today".to_owned(), (lines, today), Vec::new()),
        SplitRow::new("With your pots".to_owned(), (lines, pooled), Vec::new()),
    ]
}

/// Each funder of `cells` with its row (money with the pots), in the order every funder chart
/// uses: largest total first, ties by name. A funder's place in it picks its colour.
pub fn funders_by_money(dataset: &Dataset, cells: &[FunderPot]) -> Vec<(Sym, SplitRow)> {
    let mut by_funder: FastMap<Sym, (usize, RingfenceSplit)> = FastMap::default();
    for cell in cells {
        let entry = by_funder.entry(cell.funder).or_default();
        entry.0 += cell.lines;
        entry.1 += cell.with_pots;
    }
    let mut rows: Vec<(Sym, SplitRow)> = by_funder
        .into_iter()
        .map(|(sym, tally)| {
            let label = match dataset.text(sym) {
                "" => "(funder not recorded)".to_owned(),
                name => name.to_owned(),
            };
            let criteria = vec![Criterion::Is(Field::Funder, sym)];
            (sym, SplitRow::new(label, tally, criteria))
        })
        .collect();
    rows.sort_by(|(_, a), (_, b)| {
        b.money
            .total()
            .cmp(&a.money.total())
            .then_with(|| a.label.cmp(&b.label))
    });
    rows
}

/// Each funder's money by status with the pots, in [`funders_by_money`] order. When there
/// are more than `max_rows` funders, the smallest are merged into one row, "All other funders
/// (N)", so the rows always add up to the whole place.
pub fn by_funder(dataset: &Dataset, cells: &[FunderPot], max_rows: usize) -> Vec<SplitRow> {
    let mut rows: Vec<SplitRow> = funders_by_money(dataset, cells)
        .into_iter()
        .map(|(_, row)| row)
        .collect();
    if max_rows > 0 && rows.len() > max_rows {
        let rest = rows.split_off(max_rows - 1);
        let mut other = SplitRow {
            label: other_funders(rest.len()),
            lines: 0,
            money: RingfenceSplit::default(),
            merged: rest.len(),
            criteria: vec![Criterion::none_of(
                Field::Funder,
                rows.iter().flat_map(|row| &row.criteria),
            )],
        };
        for row in rest {
            other.lines += row.lines;
            other.money += row.money;
        }
        rows.push(other);
    }
    rows
}

/// The label of the row that merges `count` smaller funders.
pub fn other_funders(count: usize) -> String {
    format!("All other funders ({count})")
}

/// Each pot's money by status under its policy, in the order the pots were made, then the
/// lines in no pot ([`NOT_IN_A_POT`]), each with its pot's id. The rows add up to the place.
pub fn by_pot(cells: &[FunderPot], scenario: &Scenario) -> Vec<(Option<PotId>, SplitRow)> {
    let mut by_pot: FastMap<Option<PotId>, (usize, RingfenceSplit)> = FastMap::default();
    for cell in cells {
        let entry = by_pot.entry(cell.pot).or_default();
        entry.0 += cell.lines;
        entry.1 += cell.with_pots;
    }
    let row = |label: String, pot: Option<PotId>| {
        let tally = by_pot.get(&pot).copied().unwrap_or_default();
        (pot, SplitRow::new(label, tally, vec![Criterion::Pot(pot)]))
    };
    scenario
        .pots
        .iter()
        .map(|pot| row(pot.name.clone(), Some(pot.id)))
        .chain(std::iter::once(row(NOT_IN_A_POT.to_owned(), None)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::measure;
    use crate::model::Pence;
    use crate::scenario::PotPolicy;

    fn place() -> Dataset {
        crate::import::six_line_place()
    }

    fn cells(dataset: &Dataset, scenario: Option<&Scenario>) -> Vec<FunderPot> {
        measure(dataset, scenario, &crate::view::LineFilter::ALL).by_funder_and_pot
    }

    #[test]
    fn a_pot_that_lifts_the_ringfence_turns_its_lines_flexible_in_the_split() {
        let dataset = place();
        let editor = crate::scenario::test_support::editor_with_pot(
            dataset.lines.len(),
            "P",
            PotPolicy::LiftRingfence,
            &[0, 3],
        );
        let rows = by_funder(&dataset, &cells(&dataset, Some(&editor.scenario)), 0);
        let dft = rows.iter().find(|r| r.label == "DfT").unwrap();
        assert_eq!(
            (dft.money.ringfenced, dft.money.flexible),
            (Pence(5_000), Pence(30_000))
        );
        let moj = rows.iter().find(|r| r.label == "MoJ").unwrap();
        assert_eq!(
            (moj.money.flexible, moj.money.not_recorded),
            (Pence(3_000), Pence(0))
        );
    }

    #[test]
    fn funder_rows_are_sorted_and_the_tail_is_merged() {
        let dataset = place();
        let today = cells(&dataset, None);
        let rows = by_funder(&dataset, &today, 0);
        let names: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(names, ["DfT", "MoJ", "DfE", "(funder not recorded)"]);
        assert_eq!(rows[0].money.flexible, Pence(20_000));
        let merged = by_funder(&dataset, &today, 2);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[1].label, "All other funders (3)");
        assert_eq!(merged[1].lines, 3);
        assert_eq!(merged[1].money.total(), Pence(5_500));
        let total: Pence = merged.iter().map(|r| r.money.total()).sum();
        assert_eq!(total, dataset.total());
    }

    #[test]
    fn pot_rows_follow_each_policy_and_add_up_to_the_place() {
        let dataset = place();
        let editor = crate::scenario::test_support::editor_with_pot(
            dataset.lines.len(),
            "Early help",
            PotPolicy::KeepRingfence,
            &[0, 2],
        );
        let rows = by_pot(&cells(&dataset, Some(&editor.scenario)), &editor.scenario);
        let labels: Vec<&str> = rows.iter().map(|(_, r)| r.label.as_str()).collect();
        assert_eq!(labels, ["Early help", NOT_IN_A_POT]);
        assert_eq!(rows[0].0, editor.newest_pot());
        assert_eq!(rows[1].0, None);
        assert_eq!(rows[0].1.lines, 2);
        assert_eq!(
            (rows[0].1.money.ringfenced, rows[0].1.money.flexible),
            (Pence(10_000), Pence(20_000)),
            "an aligned pot keeps each line's ringfence"
        );
        assert_eq!(rows[1].1.lines, 4);
        let total: Pence = rows.iter().map(|(_, r)| r.money.total()).sum();
        assert_eq!(total, dataset.total());
    }

    #[test]
    fn today_and_with_pots_add_up_to_the_same_money() {
        let dataset = crate::import::dataset_from(
            b"Funder,Amount,Ringfenced\nDfT,100,Yes\nMoJ,50,Yes\nDfE,25,No\n",
        );
        let editor =
            crate::scenario::test_support::editor_with_pot(3, "P", PotPolicy::LiftRingfence, &[1]);
        let rows = before_after(&cells(&dataset, Some(&editor.scenario)));
        assert_eq!(rows[0].money.ringfenced, Pence(15_000));
        assert_eq!(rows[1].money.ringfenced, Pence(10_000));
        assert_eq!(rows[1].money.flexible, Pence(7_500));
        assert_eq!(rows[0].money.total(), rows[1].money.total());
    }
}
