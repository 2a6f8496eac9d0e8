//! What the board pack says about each pot: its policy in words, its money and ringfenced
//! share before and after, and the funders and programmes in it.

use std::collections::BTreeMap;

use crate::measures::FunderPot;
use crate::model::{Dataset, Pence, Sym};
use crate::money::RingfenceSplit;
use crate::scenario::{Pot, PotPolicy, Scenario};
use crate::view::LineFilter;

/// A name with its lines and money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedMoney {
    pub name: String,
    pub lines: usize,
    pub money: Pence,
}

/// One pot's page of the board pack.
#[derive(Debug, Clone, PartialEq)]
pub struct PotPage {
    pub pot: Pot,
    pub lines: usize,
    /// Its money by status as the files record it, and under the pot's policy.
    pub today: RingfenceSplit,
    pub with_pot: RingfenceSplit,
    /// Largest first; past [`LISTED`] rows, the rest are one row ("N other funders").
    pub funders: Vec<NamedMoney>,
    pub programmes: Vec<NamedMoney>,
}

/// The most funders or programmes a pot's page lists by name.
pub const LISTED: usize = 10;

impl PotPolicy {
    /// What the policy does, in words for a board.
    pub fn in_words(self) -> &'static str {
        match self {
            PotPolicy::LiftRingfence => {
                "Pooled: one budget for the place. The funders’ ringfences are lifted, so all of this money is flexible, spent on the pot’s purpose."
            }
            PotPolicy::KeepRingfence => {
                "Aligned: managed together as one budget, but each line keeps its funder’s ringfence and conditions."
            }
        }
    }
}

/// Lines and money by funder × programme.
type StreamTally = BTreeMap<(Sym, Sym), (usize, Pence)>;

/// The page of every pot, in the scenario's order, over the lines `filter` shows; `cells`
/// are the measures' funder × pot cells for the same lines.
pub fn pot_pages(
    dataset: &Dataset,
    scenario: &Scenario,
    filter: &LineFilter,
    cells: &[FunderPot],
) -> Vec<PotPage> {
    let mut programmes: BTreeMap<u32, StreamTally> = BTreeMap::new();
    for (index, line) in filter.lines(dataset) {
        if let Some(pot) = scenario.pot_of(index) {
            let entry = programmes
                .entry(pot.0)
                .or_default()
                .entry((line.funder, line.programme))
                .or_default();
            entry.0 += 1;
            entry.1 += line.amount;
        }
    }
    scenario
        .pots
        .iter()
        .map(|pot| {
            let mut page = PotPage {
                pot: pot.clone(),
                lines: 0,
                today: RingfenceSplit::default(),
                with_pot: RingfenceSplit::default(),
                funders: Vec::new(),
                programmes: Vec::new(),
            };
            for cell in cells.iter().filter(|cell| cell.pot == Some(pot.id)) {
                page.lines += cell.lines;
                page.today += cell.today;
                page.with_pot += cell.with_pots;
                page.funders.push(NamedMoney {
                    name: name_or(dataset.text(cell.funder), "(funder not recorded)"),
                    lines: cell.lines,
                    money: cell.with_pots.total(),
                });
            }
            page.funders = largest_first(page.funders, "funders");
            let streams = programmes.remove(&pot.id.0).unwrap_or_default();
            let named = streams
                .into_iter()
                .map(|((funder, programme), (lines, money))| NamedMoney {
                    name: format!(
                        "{} ({})",
                        name_or(dataset.text(programme), "(programme not recorded)"),
                        name_or(dataset.text(funder), "funder not recorded")
                    ),
                    lines,
                    money,
                })
                .collect();
            page.programmes = largest_first(named, "programmes");
            page
        })
        .collect()
}

fn name_or(name: &str, blank: &str) -> String {
    if name.is_empty() {
        blank.to_owned()
    } else {
        name.to_owned()
    }
}

/// Largest money first (ties by name); past [`LISTED`] rows, the rest in one row.
fn largest_first(mut rows: Vec<NamedMoney>, what: &str) -> Vec<NamedMoney> {
    rows.sort_by(|a, b| b.money.cmp(&a.money).then_with(|| a.name.cmp(&b.name)));
    if rows.len() > LISTED {
        let rest = rows.split_off(LISTED - 1);
        rows.push(NamedMoney {
            name: format!("{} other {what}", rest.len()),
            lines: rest.iter().map(|r| r.lines).sum(),
            money: rest.iter().map(|r| r.money).sum(),
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::measure;
    use crate::model::Ringfence;
    use crate::scenario::{Command, Edit, Editor};

    #[test]
    fn each_pot_page_lists_its_funders_and_programmes_and_its_money_before_and_after() {
        let dataset = crate::import::dataset_from(
            b"Funder,Programme,Amount,Ringfenced\n\
              DfT,Buses,100,Yes\nDfT,Buses,50,Yes\nMoJ,Courts,30,No\nHO,Police,7,Yes\n",
        );
        let mut editor = Editor::new(dataset.lines.len());
        let create = |name: &str, policy| Edit::CreatePot {
            name: name.into(),
            colour: 0,
            policy,
        };
        editor
            .apply(Command::Edit(create("Transport", PotPolicy::LiftRingfence)))
            .unwrap();
        let pot = editor.newest_pot();
        editor
            .apply(Command::Edit(Edit::MoveLines {
                lines: vec![0, 1, 2],
                to: pot,
            }))
            .unwrap();
        editor
            .apply(Command::Edit(create("Empty", PotPolicy::KeepRingfence)))
            .unwrap();
        let scenario = &editor.scenario;
        let filter = LineFilter::ALL;
        let measures = measure(&dataset, Some(scenario), &filter);
        let pages = pot_pages(&dataset, scenario, &filter, &measures.by_funder_and_pot);
        assert_eq!(pages.len(), 2);
        let page = &pages[0];
        assert_eq!((page.pot.name.as_str(), page.lines), ("Transport", 3));
        assert_eq!(page.today.get(Ringfence::Ringfenced), Pence(15_000));
        assert_eq!(page.with_pot.get(Ringfence::Flexible), Pence(18_000));
        let funders: Vec<(&str, usize, i64)> = page
            .funders
            .iter()
            .map(|f| (f.name.as_str(), f.lines, f.money.0))
            .collect();
        assert_eq!(funders, [("DfT", 2, 15_000), ("MoJ", 1, 3_000)]);
        assert_eq!(page.programmes[0].name, "Buses (DfT)");
        assert_eq!((pages[1].lines, pages[1].funders.len()), (0, 0));
    }

    #[test]
    fn past_ten_rows_the_rest_are_one() {
        let rows = (0..20)
            .map(|i| NamedMoney {
                name: format!("F{i:02}"),
                lines: 1,
                money: Pence(i),
            })
            .collect();
        let rows = largest_first(rows, "funders");
        assert_eq!(rows.len(), LISTED);
        assert_eq!(rows[0].name, "F19");
        assert_eq!(rows[9].name, "11 other funders");
        assert_eq!(rows[9].money, Pence((0..11).sum()));
    }
}
