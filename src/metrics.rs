//! Figures computed from a place's funding lines.

use crate::fasthash::{FastMap, FastSet};

use crate::model::{Dataset, Pence, Ringfence, Sym};
use crate::scenario::{PotId, PotPolicy, Scenario};

/// Line `index`'s ringfence status under a scenario: flexible in a pot that lifts the
/// ringfence, otherwise as recorded.
pub fn status_under(scenario: Option<&Scenario>, index: usize, recorded: Ringfence) -> Ringfence {
    let lifted = scenario
        .and_then(|s| s.pot_of(index).and_then(|pot| s.pot(pot)))
        .is_some_and(|pot| pot.policy == PotPolicy::LiftRingfence);
    if lifted {
        Ringfence::Flexible
    } else {
        recorded
    }
}

impl std::ops::AddAssign for RingfenceSplit {
    fn add_assign(&mut self, other: RingfenceSplit) {
        self.ringfenced += other.ringfenced;
        self.flexible += other.flexible;
        self.not_recorded += other.not_recorded;
    }
}

/// Money split by ringfence status, in the order of [`Ringfence::ALL`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RingfenceSplit {
    pub ringfenced: Pence,
    pub flexible: Pence,
    pub not_recorded: Pence,
}

impl RingfenceSplit {
    /// Adds one line's amount under its status.
    pub fn add(&mut self, status: Ringfence, amount: Pence) {
        match status {
            Ringfence::Ringfenced => self.ringfenced += amount,
            Ringfence::Flexible => self.flexible += amount,
            Ringfence::NotRecorded => self.not_recorded += amount,
        }
    }

    /// The amount under one status.
    pub fn get(&self, status: Ringfence) -> Pence {
        match status {
            Ringfence::Ringfenced => self.ringfenced,
            Ringfence::Flexible => self.flexible,
            Ringfence::NotRecorded => self.not_recorded,
        }
    }

    /// All money, whatever its status.
    pub fn total(&self) -> Pence {
        self.ringfenced + self.flexible + self.not_recorded
    }

    /// The share of the money under `status`; `None` when there is none. Clawbacks (negative
    /// lines) reduce their status's money, and a status whose net money is negative counts as
    /// zero, so shares stay between 0 and 1 and add up to 1.
    pub fn share(&self, status: Ringfence) -> Option<f64> {
        let positive = |s: Ringfence| self.get(s).0.max(0);
        let total: i64 = Ringfence::ALL.iter().map(|&s| positive(s)).sum();
        (total != 0).then(|| positive(status) as f64 / total as f64)
    }
}

/// The figures shown at the top of the page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Headline {
    pub lines: usize,
    pub funders: usize,
    pub programmes: usize,
    pub recipients: usize,
    pub money: RingfenceSplit,
}

impl Headline {
    /// Counts distinct non-blank funders, programmes and recipients, and sums money by status.
    pub fn of(dataset: &Dataset) -> Headline {
        let mut funders = FastSet::default();
        let mut programmes = FastSet::default();
        let mut recipients = FastSet::default();
        let mut money = RingfenceSplit::default();
        for line in &dataset.lines {
            funders.insert(line.funder);
            programmes.insert((line.funder, line.programme));
            recipients.insert(line.recipient);
            money.add(line.ringfence, line.amount);
        }
        let blank = crate::model::StringPool::BLANK;
        Headline {
            lines: dataset.lines.len(),
            funders: funders.iter().filter(|&&s| s != blank).count(),
            programmes: programmes.iter().filter(|&&(_, p)| p != blank).count(),
            recipients: recipients.iter().filter(|&&s| s != blank).count(),
            money,
        }
    }
}

/// One row of a ringfence chart (a funder, a pot, or the whole place): its money by status.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitRow {
    pub label: String,
    pub lines: usize,
    pub money: RingfenceSplit,
    /// How many rows were merged into this one ("All other funders (N)"); 0 for a single row.
    pub merged: usize,
}

/// Each funder's money by status, largest total first (ties by name), under `scenario`'s pots
/// when given (a pot that lifts the ringfence makes its lines flexible). When there are more
/// than `max_rows` funders, the smallest are merged into one row, "All other funders (N)", so
/// the rows always add up to the whole place.
pub fn ringfence_by_funder(
    dataset: &Dataset,
    scenario: Option<&Scenario>,
    max_rows: usize,
) -> Vec<SplitRow> {
    let mut by_funder: FastMap<Sym, (usize, RingfenceSplit)> = FastMap::default();
    for (index, line) in dataset.lines.iter().enumerate() {
        let entry = by_funder.entry(line.funder).or_default();
        entry.0 += 1;
        entry
            .1
            .add(status_under(scenario, index, line.ringfence), line.amount);
    }
    merge_tail(funders_in_order(dataset, by_funder), max_rows)
}

/// [`ringfence_by_funder`] with the pots, from cells already gathered by [`funder_pot_cells`].
pub fn ringfence_by_funder_in(
    dataset: &Dataset,
    cells: &[FunderPot],
    max_rows: usize,
) -> Vec<SplitRow> {
    merge_tail(funders_by_money(dataset, cells), max_rows)
}

/// Funders' rows in order, the tail past `max_rows` merged into "All other funders (N)".
fn merge_tail(ordered: Vec<(Sym, SplitRow)>, max_rows: usize) -> Vec<SplitRow> {
    let mut rows: Vec<SplitRow> = ordered.into_iter().map(|(_, row)| row).collect();
    if max_rows > 0 && rows.len() > max_rows {
        let rest = rows.split_off(max_rows - 1);
        let mut other = SplitRow {
            label: format!("All other funders ({})", rest.len()),
            lines: 0,
            money: RingfenceSplit::default(),
            merged: rest.len(),
        };
        for row in rest {
            other.lines += row.lines;
            other.money += row.money;
        }
        rows.push(other);
    }
    rows
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
    funders_in_order(dataset, by_funder)
}

/// Names funders' rows and sorts them, largest total first, ties by name.
fn funders_in_order(
    dataset: &Dataset,
    by_funder: FastMap<Sym, (usize, RingfenceSplit)>,
) -> Vec<(Sym, SplitRow)> {
    let mut rows: Vec<(Sym, SplitRow)> = by_funder
        .into_iter()
        .map(|(sym, (lines, money))| {
            let label = match dataset.text(sym) {
                "" => "(funder not recorded)".to_owned(),
                name => name.to_owned(),
            };
            (
                sym,
                SplitRow {
                    label,
                    lines,
                    money,
                    merged: 0,
                },
            )
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

/// The lines of one funder in one pot (or in none), with their money by status as recorded
/// and under the pot's policy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FunderPot {
    pub funder: Sym,
    pub pot: Option<PotId>,
    pub lines: usize,
    pub today: RingfenceSplit,
    pub with_pots: RingfenceSplit,
}

/// The lines of each funder in each pot (or none), as [`crate::measures::measure`] gathers them
/// in its pass: what every pot-dependent ringfence chart and the funder-to-pot flows start from.
pub fn funder_pot_cells(dataset: &Dataset, scenario: &Scenario) -> Vec<FunderPot> {
    crate::measures::measure(dataset, Some(scenario)).by_funder_and_pot
}

/// Each pot's money by status under its policy, in the order the pots were made, then the
/// unpooled lines as "Not in a pot". The rows add up to the whole place.
pub fn ringfence_by_pot(dataset: &Dataset, scenario: &Scenario) -> Vec<SplitRow> {
    ringfence_by_pot_in(&funder_pot_cells(dataset, scenario), scenario)
}

/// [`ringfence_by_pot`] from cells already gathered by [`funder_pot_cells`].
pub fn ringfence_by_pot_in(cells: &[FunderPot], scenario: &Scenario) -> Vec<SplitRow> {
    let mut by_pot: FastMap<Option<PotId>, (usize, RingfenceSplit)> = FastMap::default();
    for cell in cells {
        let entry = by_pot.entry(cell.pot).or_default();
        entry.0 += cell.lines;
        entry.1 += cell.with_pots;
    }
    let row = |label: String, pot: Option<PotId>| {
        let (lines, money) = by_pot.get(&pot).copied().unwrap_or_default();
        SplitRow {
            label,
            lines,
            money,
            merged: 0,
        }
    };
    scenario
        .pots
        .iter()
        .map(|pot| row(pot.name.clone(), Some(pot.id)))
        .chain(std::iter::once(row(NOT_IN_A_POT.to_owned(), None)))
        .collect()
}

/// The label for lines that are in no pot.
pub const NOT_IN_A_POT: &str = "Not in a pot";

/// Money by funder × ringfence status and by service: the grouping the funder and service
/// charts start from, and the shared job of the speed benchmark against other in-browser tools.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Totals {
    /// Each funder (by symbol, in first-seen order) and its money by status, in the order of
    /// [`Ringfence::ALL`].
    pub by_funder: Vec<(Sym, [Pence; 3])>,
    /// Each service (by symbol, in first-seen order) and its money.
    pub by_service: Vec<(Sym, Pence)>,
}

/// Totals `dataset`'s money by funder × ringfence status and by service in one pass. Keys are
/// the interned symbols, so grouping compares integers, never text; each group's money sits in
/// a dense array indexed by first appearance.
pub fn totals(dataset: &Dataset) -> Totals {
    let mut funder_slot: FastMap<Sym, u32> = FastMap::default();
    let mut service_slot: FastMap<Sym, u32> = FastMap::default();
    let mut totals = Totals::default();
    for line in &dataset.lines {
        let next = totals.by_funder.len() as u32;
        let funder = *funder_slot.entry(line.funder).or_insert(next) as usize;
        if funder == totals.by_funder.len() {
            totals.by_funder.push((line.funder, [Pence(0); 3]));
        }
        let status = match line.ringfence {
            Ringfence::Ringfenced => 0,
            Ringfence::Flexible => 1,
            Ringfence::NotRecorded => 2,
        };
        totals.by_funder[funder].1[status] += line.amount;
        let next = totals.by_service.len() as u32;
        let service = *service_slot.entry(line.service).or_insert(next) as usize;
        if service == totals.by_service.len() {
            totals.by_service.push((line.service, Pence(0)));
        }
        totals.by_service[service].1 += line.amount;
    }
    totals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place() -> Dataset {
        crate::import::dataset_from(
            b"Funder,Programme,Recipient,Amount,Ringfenced\n\
              DfT,Buses,Durham CC,100,Yes\n\
              DfT,Buses,Go North East,50,Yes\n\
              DfT,Potholes,Durham CC,200,No\n\
              MoJ,Youth justice,Durham CC,30,\n\
              DfE,Schools,Seaham School,20,Y\n\
              ,Unknown,Someone,5,N\n",
        )
    }

    #[test]
    fn headline_counts_distinct_names_and_splits_money() {
        let headline = Headline::of(&place());
        assert_eq!(headline.lines, 6);
        assert_eq!(headline.funders, 3);
        assert_eq!(headline.programmes, 5);
        assert_eq!(headline.recipients, 4);
        assert_eq!(headline.money.ringfenced, Pence(17_000));
        assert_eq!(headline.money.flexible, Pence(20_500));
        assert_eq!(headline.money.not_recorded, Pence(3_000));
        assert_eq!(headline.money.total(), Pence(40_500));
        let share = headline.money.share(Ringfence::Ringfenced).unwrap();
        assert!((share - 170.0 / 405.0).abs() < 1e-12);
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
        let rows = ringfence_by_funder(&dataset, Some(&editor.scenario), 0);
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
    fn clawbacks_never_push_a_share_below_zero_or_above_one() {
        let split = RingfenceSplit {
            ringfenced: Pence(59_750),
            flexible: Pence(-2_000),
            not_recorded: Pence(0),
        };
        assert_eq!(split.share(Ringfence::Ringfenced), Some(1.0));
        assert_eq!(split.share(Ringfence::Flexible), Some(0.0));
        assert_eq!(RingfenceSplit::default().share(Ringfence::Flexible), None);
    }

    #[test]
    fn funder_rows_are_sorted_and_the_tail_is_merged() {
        let rows = ringfence_by_funder(&place(), None, 0);
        let names: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(names, ["DfT", "MoJ", "DfE", "(funder not recorded)"]);
        assert_eq!(rows[0].money.flexible, Pence(20_000));
        let merged = ringfence_by_funder(&place(), None, 2);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[1].label, "All other funders (3)");
        assert_eq!(merged[1].lines, 3);
        assert_eq!(merged[1].money.total(), Pence(5_500));
        let total: Pence = merged.iter().map(|r| r.money.total()).sum();
        assert_eq!(total, place().total());
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
        let rows = ringfence_by_pot(&dataset, &editor.scenario);
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["Early help", NOT_IN_A_POT]);
        assert_eq!(rows[0].lines, 2);
        assert_eq!(
            (rows[0].money.ringfenced, rows[0].money.flexible),
            (Pence(10_000), Pence(20_000)),
            "an aligned pot keeps each line's ringfence"
        );
        assert_eq!(rows[1].lines, 4);
        let total: Pence = rows.iter().map(|r| r.money.total()).sum();
        assert_eq!(total, dataset.total());
    }

    #[test]
    fn totals_group_by_funder_status_and_service_and_add_up() {
        let mut dataset = Dataset::default();
        crate::import::import_delimited(
            &mut dataset,
            "t.csv",
            b"Funder,Service,Amount,Ringfenced\n\
              DfT,Transport,100,Yes\n\
              DfE,Education,50,No\n\
              DfT,Transport,25,No\n\
              DfT,Highways,(5),\n",
        )
        .unwrap();
        let totals = totals(&dataset);
        let named: Vec<(&str, [Pence; 3])> = totals
            .by_funder
            .iter()
            .map(|&(sym, money)| (dataset.text(sym), money))
            .collect();
        assert_eq!(
            named,
            [
                ("DfT", [Pence(10_000), Pence(2_500), Pence(-500)]),
                ("DfE", [Pence(0), Pence(5_000), Pence(0)]),
            ]
        );
        let services: Vec<(&str, Pence)> = totals
            .by_service
            .iter()
            .map(|&(sym, money)| (dataset.text(sym), money))
            .collect();
        assert_eq!(
            services,
            [
                ("Transport", Pence(12_500)),
                ("Education", Pence(5_000)),
                ("Highways", Pence(-500))
            ]
        );
    }
}
