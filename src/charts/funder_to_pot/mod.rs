//! Where each funder's money goes: a Sankey-style flow from funders (left) to pots and the
//! lines in no pot (right). A band's thickness is its money; its colour is its funder's, as in
//! every chart. This file makes the flows and their table; `draw` lays them out and draws them.

mod draw;

use plotters::style::RGBColor;

pub use draw::draw;

use super::palette::{self, funder_colour, pot_colour};
use super::DataTable;
use crate::breakdown::{funders_by_money, other_funders};
use crate::fasthash::FastMap;
use crate::format;
use crate::measures::FunderPot;
use crate::model::{Dataset, Pence, Sym};
use crate::scenario::{PotId, Scenario, NOT_IN_A_POT};
use crate::selection::{Criterion, Field};

/// The chart's title, also its figure caption.
pub const TITLE: &str = "Where the money goes: funders to pots";

/// What a node stands for. Pots are told apart by id, never by label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// A funder, or the funders merged into "All other funders".
    Funder,
    Pot(PotId),
    /// The lines in no pot.
    NotInAPot,
}

/// A funder or a pot.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowNode {
    pub kind: NodeKind,
    pub label: String,
    pub colour: RGBColor,
    pub lines: usize,
    /// Net money (awards less clawbacks).
    pub money: Pence,
    /// The test of the lines behind the node ([`crate::drill`]).
    pub criteria: Vec<Criterion>,
}

/// Money from one funder node into one pot node.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowLink {
    /// Index into [`Flows::funders`].
    pub funder: usize,
    /// Index into [`Flows::pots`].
    pub pot: usize,
    pub lines: usize,
    pub money: Pence,
}

/// Funders (largest first, beyond the palette merged into "All other funders"), pots (in the
/// order they were made, then the lines in no pot) and the money between them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Flows {
    pub funders: Vec<FlowNode>,
    pub pots: Vec<FlowNode>,
    pub links: Vec<FlowLink>,
}

impl Flows {
    /// The money of funder node `funder` that flows into a pot (not into "Not in a pot").
    pub fn pooled_money_of(&self, funder: usize) -> Pence {
        self.links
            .iter()
            .filter(|l| l.funder == funder && matches!(self.pots[l.pot].kind, NodeKind::Pot(_)))
            .map(|l| l.money)
            .sum()
    }
}

/// A height in CSS pixels that fits the taller column.
pub fn height(flows: &Flows) -> u32 {
    90 + 30 * flows.funders.len().max(flows.pots.len()).max(1) as u32
}

/// The flows of the place's money under `scenario`, from the measures' funder × pot cells.
pub fn flows(dataset: &Dataset, cells: &[FunderPot], scenario: &Scenario) -> Flows {
    // The same order as the funder bar chart, so each funder keeps its colour.
    let ranked = funders_by_money(dataset, cells);
    let coloured = palette::FUNDERS.len();
    let mut funders: Vec<FlowNode> = Vec::new();
    let mut funder_node: FastMap<Sym, usize> = FastMap::default();
    for (rank, (sym, row)) in ranked.iter().enumerate() {
        let node = if rank < coloured {
            funders.push(FlowNode {
                kind: NodeKind::Funder,
                label: row.label.clone(),
                colour: funder_colour(rank).unwrap_or(palette::OTHER_FUNDERS),
                lines: row.lines,
                money: row.money.total(),
                criteria: vec![Criterion::Is(Field::Funder, *sym)],
            });
            funders.len() - 1
        } else {
            if rank == coloured {
                funders.push(FlowNode {
                    kind: NodeKind::Funder,
                    label: other_funders(ranked.len() - coloured),
                    colour: palette::OTHER_FUNDERS,
                    lines: 0,
                    money: Pence(0),
                    criteria: vec![Criterion::NoneOf(
                        Field::Funder,
                        ranked.iter().take(coloured).map(|(sym, _)| *sym).collect(),
                    )],
                });
            }
            let other = funders.len() - 1;
            funders[other].lines += row.lines;
            funders[other].money += row.money.total();
            other
        };
        funder_node.insert(*sym, node);
    }

    let mut pots: Vec<FlowNode> = scenario
        .pots
        .iter()
        .map(|pot| FlowNode {
            kind: NodeKind::Pot(pot.id),
            label: pot.name.clone(),
            colour: pot_colour(pot.colour),
            lines: 0,
            money: Pence(0),
            criteria: vec![Criterion::Pot(Some(pot.id))],
        })
        .collect();
    let unpooled = pots.len();
    pots.push(FlowNode {
        kind: NodeKind::NotInAPot,
        label: NOT_IN_A_POT.to_owned(),
        colour: palette::OTHER_FUNDERS,
        lines: 0,
        money: Pence(0),
        criteria: vec![Criterion::Pot(None)],
    });
    let pot_node = |pot: Option<PotId>| {
        pot.and_then(|id| scenario.pots.iter().position(|p| p.id == id))
            .unwrap_or(unpooled)
    };
    let mut link_money: FastMap<(usize, usize), (usize, Pence)> = FastMap::default();
    for cell in cells {
        let key = (funder_node[&cell.funder], pot_node(cell.pot));
        let money = cell.today.total();
        let link = link_money.entry(key).or_default();
        link.0 += cell.lines;
        link.1 += money;
        pots[key.1].lines += cell.lines;
        pots[key.1].money += money;
    }
    if pots[unpooled].lines == 0 && unpooled > 0 {
        pots.pop();
    }
    let mut links: Vec<FlowLink> = link_money
        .into_iter()
        .map(|((funder, pot), (lines, money))| FlowLink {
            funder,
            pot,
            lines,
            money,
        })
        .collect();
    links.sort_by_key(|link| (link.funder, link.pot));
    Flows {
        funders,
        pots,
        links,
    }
}

/// Every funder-to-pot flow as a table, with the whole place's total last.
pub fn table(flows: &Flows) -> DataTable {
    let mut rows: Vec<Vec<String>> = flows
        .links
        .iter()
        .map(|link| {
            vec![
                flows.funders[link.funder].label.clone(),
                flows.pots[link.pot].label.clone(),
                format::count(link.lines as u64),
                format::gbp(link.money),
            ]
        })
        .collect();
    rows.push(vec![
        "All funders".to_owned(),
        "All pots and none".to_owned(),
        format::count(flows.links.iter().map(|l| l.lines as u64).sum()),
        format::gbp(flows.links.iter().map(|l| l.money).sum()),
    ]);
    DataTable::new(&["Funder", "Pot", "Lines", "Amount"], rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::test_support::{fills, render};
    use crate::charts::{Chart, ChartStyle};
    use crate::import::import_delimited;
    use crate::scenario::PotPolicy;

    fn flows_of(dataset: &Dataset, scenario: &Scenario) -> Flows {
        flows(
            dataset,
            &crate::measures::measure(dataset, Some(scenario), &crate::view::LineFilter::ALL)
                .by_funder_and_pot,
            scenario,
        )
    }

    fn place(funders: usize) -> Dataset {
        let mut csv = String::from("Funder,Amount\n");
        for n in 0..funders {
            csv.push_str(&format!("Funder {n:02},{}\n", 1000 * (funders - n)));
        }
        csv.push_str("Funder 00,-500\n");
        let mut dataset = Dataset::default();
        import_delimited(&mut dataset, "f.csv", csv.as_bytes()).unwrap();
        dataset
    }

    #[test]
    fn funders_keep_their_colours_and_the_tail_is_merged() {
        let dataset = place(12);
        let editor = crate::scenario::test_support::editor_with_pot(
            13,
            "Place pot",
            PotPolicy::LiftRingfence,
            &[0, 1, 12],
        );
        let flows = flows_of(&dataset, &editor.scenario);
        assert_eq!(flows.funders.len(), palette::FUNDERS.len() + 1);
        assert_eq!(flows.funders[0].label, "Funder 00");
        assert_eq!(flows.funders[0].colour, palette::FUNDERS[0]);
        assert_eq!(flows.funders[0].money, Pence::from_pounds(11_500));
        assert_eq!(flows.funders[9].label, "All other funders (3)");
        assert_eq!(flows.funders[9].lines, 3);
        let pots: Vec<&str> = flows.pots.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(pots, ["Place pot", NOT_IN_A_POT]);
        assert_eq!(
            flows.pots[0].money,
            Pence::from_pounds(12_000 + 11_000 - 500)
        );
        let total: Pence = flows.links.iter().map(|l| l.money).sum();
        assert_eq!(total, dataset.total(), "the flows reconcile with the place");
        let by_funder = crate::breakdown::by_funder(
            &dataset,
            &crate::measures::measure(&dataset, None, &crate::view::LineFilter::ALL)
                .by_funder_and_pot,
            0,
        );
        for (node, row) in flows.funders.iter().zip(&by_funder).take(9) {
            assert_eq!(node.label, row.label, "the same order as the funder chart");
        }
    }

    #[test]
    fn draws_a_band_per_flow_and_labels_both_sides() {
        let dataset = place(3);
        let editor = crate::scenario::test_support::editor_with_pot(
            4,
            "Early help",
            PotPolicy::LiftRingfence,
            &[1],
        );
        let chart = Chart::FunderToPot(flows_of(&dataset, &editor.scenario));
        let (svg, hits) = render(&chart, (900, 400), &ChartStyle::default());
        assert!(svg.contains(TITLE));
        assert!(svg.contains("Funder 00 £2.5k") && svg.contains("Early help £2k"));
        assert!(svg.contains(NOT_IN_A_POT));
        // Three links: Funder 00 and 02 unpooled, Funder 01 into the pot.
        assert_eq!(svg.matches("<polygon").count(), 3);
        assert_eq!(fills(&svg, palette::FUNDERS[1]), 2, "a node and its band");
        let texts: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
        assert!(texts.contains(&"Funder 01 → Early help: £2,000 in 1 line"));
        assert!(texts.contains(&"Early help: £2,000 in 1 line from 1 funder"));
        assert!(texts.contains(&"Funder 00: £2,500 in 2 lines; £0 of it in pots"));
        let table = chart.table();
        assert_eq!(
            table.rows.last().unwrap(),
            &["All funders", "All pots and none", "4", "£5,500"]
        );
    }

    #[test]
    fn a_pot_named_like_the_money_outside_the_pots_is_still_a_pot() {
        let dataset = place(2);
        let editor = crate::scenario::test_support::editor_with_pot(
            3,
            NOT_IN_A_POT,
            PotPolicy::LiftRingfence,
            &[0],
        );
        let flows = flows_of(&dataset, &editor.scenario);
        assert_eq!(
            flows.pots[0].kind,
            NodeKind::Pot(editor.newest_pot().unwrap())
        );
        assert_eq!(flows.pots[1].kind, NodeKind::NotInAPot);
        assert_eq!(flows.pooled_money_of(0), Pence::from_pounds(2_000));
        let (_, hits) = render(
            &Chart::FunderToPot(flows),
            (900, 400),
            &ChartStyle::default(),
        );
        assert!(hits
            .iter()
            .any(|h| h.text == "Funder 00: £1,500 in 2 lines; £2,000 of it in pots"));
    }
}
