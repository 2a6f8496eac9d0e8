//! Where each funder's money goes: a Sankey-style flow from funders (left) to pots and the
//! lines in no pot (right), drawn with plotters polygons and rectangles. A band's thickness is
//! its money; its colour is its funder's, as in every chart.

use crate::fasthash::FastMap;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    funder_colour, palette, pot_colour, truncate_label, ChartStyle, DataTable, Drawn, Hit,
};
use crate::format;
use crate::metrics::{funder_pot_cells, funders_by_money, FunderPot, NOT_IN_A_POT};
use crate::model::{Dataset, Pence, Sym};
use crate::scenario::{PotId, Scenario};

/// The chart's title, also its figure caption.
pub const TITLE: &str = "Where the money goes: funders to pots";

/// Longest node label drawn; the data table has the full names.
const LABEL_CHARS: usize = 28;

/// A funder or a pot.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowNode {
    pub label: String,
    pub colour: RGBColor,
    pub lines: usize,
    /// Net money (awards less clawbacks).
    pub money: Pence,
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

/// The flows of `dataset`'s money under `scenario`.
pub fn flows(dataset: &Dataset, scenario: &Scenario) -> Flows {
    flows_in(dataset, &funder_pot_cells(dataset, scenario), scenario)
}

/// [`flows`] from cells already gathered by [`funder_pot_cells`].
pub fn flows_in(dataset: &Dataset, cells: &[FunderPot], scenario: &Scenario) -> Flows {
    // The same order as the funder bar chart, so each funder keeps its colour.
    let ranked = funders_by_money(dataset, cells);
    let coloured = palette::FUNDERS.len();
    let mut funders: Vec<FlowNode> = Vec::new();
    let mut funder_node: FastMap<Sym, usize> = FastMap::default();
    for (rank, (sym, row)) in ranked.iter().enumerate() {
        let node = if rank < coloured {
            funders.push(FlowNode {
                label: row.label.clone(),
                colour: funder_colour(rank).unwrap_or(palette::OTHER_FUNDERS),
                lines: row.lines,
                money: row.money.total(),
            });
            funders.len() - 1
        } else {
            if rank == coloured {
                funders.push(FlowNode {
                    label: format!("All other funders ({})", ranked.len() - coloured),
                    colour: palette::OTHER_FUNDERS,
                    lines: 0,
                    money: Pence(0),
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
            label: pot.name.clone(),
            colour: pot_colour(pot.colour),
            lines: 0,
            money: Pence(0),
        })
        .collect();
    let unpooled = pots.len();
    pots.push(FlowNode {
        label: NOT_IN_A_POT.to_owned(),
        colour: palette::OTHER_FUNDERS,
        lines: 0,
        money: Pence(0),
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

/// A height in CSS pixels that fits the taller column.
pub fn height(flows: &Flows) -> u32 {
    90 + 30 * flows.funders.len().max(flows.pots.len()).max(1) as u32
}

/// A node's name and money, its name shortened to `max_chars` (to nothing at 1).
fn node_label(node: &FlowNode, max_chars: usize) -> String {
    let money = format::gbp_short(node.money.as_pounds_f64());
    if max_chars <= 1 {
        money
    } else {
        format!("{} {money}", truncate_label(&node.label, max_chars))
    }
}

fn lines_text(lines: usize) -> String {
    match lines {
        1 => "1 line".to_owned(),
        n => format!("{} lines", format::count(n as u64)),
    }
}

/// Draws the chart onto `area`, filling it.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    flows: &Flows,
    style: &ChartStyle,
) -> Drawn<DB> {
    area.fill(&WHITE)?;
    let whole = area;
    let area = super::with_title(&super::with_footer(whole, style)?, TITLE, style)?;
    let (base_x, base_y) = area.get_base_pixel();
    let (width, height) = area.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);
    let font = style.text(12.0);
    if flows.links.is_empty() {
        area.draw_text(
            "No funding lines yet.",
            &font,
            (style.px(12.0) as i32, style.px(12.0) as i32),
        )?;
        whole.present()?;
        return Ok(Vec::new());
    }

    // Each label is measured and its name shortened until it fits in 30% of the width.
    let label_room = (width * 3 / 10 - style.px(10.0) as i32).max(0) as u32;
    let fit = |node: &FlowNode| -> Result<String, DrawingAreaErrorKind<DB::ErrorType>> {
        let mut chars = LABEL_CHARS;
        loop {
            let label = node_label(node, chars);
            let (label_width, _) = area.estimate_text_size(&label, &font)?;
            if label_width <= label_room || chars <= 1 {
                return Ok(label);
            }
            chars -= 1;
        }
    };
    let funder_labels = flows
        .funders
        .iter()
        .map(fit)
        .collect::<Result<Vec<_>, _>>()?;
    let pot_labels = flows.pots.iter().map(fit).collect::<Result<Vec<_>, _>>()?;
    let widest = |labels: &[String]| -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
        let mut most = 0;
        for label in labels {
            most = most.max(area.estimate_text_size(label, &font)?.0);
        }
        Ok(most as i32 + style.px(10.0) as i32)
    };
    let (left_labels, right_labels) = (widest(&funder_labels)?, widest(&pot_labels)?);
    let node_width = style.px(14.0) as i32;
    let gap = style.px(8.0) as i32;
    let (top, bottom) = (style.px(10.0) as i32, height - style.px(10.0) as i32);
    let left_x = left_labels;
    let right_x = width - right_labels - node_width;

    let positive = |money: Pence| money.0.max(0) as f64;
    let flowing: f64 = flows.links.iter().map(|l| positive(l.money)).sum();
    let available = |nodes: usize| (bottom - top - gap * (nodes as i32 - 1)).max(1) as f64;
    let per_penny = if flowing > 0.0 {
        (available(flows.funders.len()).min(available(flows.pots.len()))) / flowing
    } else {
        0.0
    };
    let thickness = |money: Pence| positive(money) * per_penny;
    let min_node = style.px(2.0) as f64;

    // Node positions: (top, bottom) of each node, stacked with gaps.
    let stack = |nodes: &[FlowNode], side_money: &dyn Fn(usize) -> f64| {
        let mut y = top as f64;
        (0..nodes.len())
            .map(|index| {
                let span = side_money(index).max(min_node);
                let placed = (y, y + span);
                y += span + gap as f64;
                placed
            })
            .collect::<Vec<_>>()
    };
    let outflow = |funder: usize| {
        flows
            .links
            .iter()
            .filter(|l| l.funder == funder)
            .map(|l| thickness(l.money))
            .sum::<f64>()
    };
    let inflow = |pot: usize| {
        flows
            .links
            .iter()
            .filter(|l| l.pot == pot)
            .map(|l| thickness(l.money))
            .sum::<f64>()
    };
    let funder_spans = stack(&flows.funders, &outflow);
    let pot_spans = stack(&flows.pots, &inflow);

    // Bands: leave each funder in pot order, arrive at each pot in funder order.
    let mut leaving: Vec<f64> = funder_spans.iter().map(|s| s.0).collect();
    let mut arriving: Vec<f64> = pot_spans.iter().map(|s| s.0).collect();
    let mut arrivals: Vec<&FlowLink> = flows.links.iter().collect();
    arrivals.sort_by_key(|l| (l.pot, l.funder));
    let mut arrive_at: FastMap<(usize, usize), f64> = FastMap::default();
    for link in arrivals {
        arrive_at.insert((link.funder, link.pot), arriving[link.pot]);
        arriving[link.pot] += thickness(link.money);
    }
    let (from_x, to_x) = ((left_x + node_width) as f64, right_x as f64);
    let mut link_hits = Vec::new();
    for link in &flows.links {
        let band = thickness(link.money);
        let start = leaving[link.funder];
        leaving[link.funder] += band;
        let end = arrive_at[&(link.funder, link.pot)];
        if band <= 0.0 {
            continue;
        }
        const STEPS: usize = 24;
        let curve = |t: f64, from: f64, to: f64| from + (to - from) * (t * t * (3.0 - 2.0 * t));
        let mut points: Vec<(i32, i32)> = Vec::with_capacity(STEPS * 2 + 2);
        for step in 0..=STEPS {
            let t = step as f64 / STEPS as f64;
            let x = from_x + (to_x - from_x) * t;
            points.push((x.round() as i32, curve(t, start, end).round() as i32));
        }
        for step in (0..=STEPS).rev() {
            let t = step as f64 / STEPS as f64;
            let x = from_x + (to_x - from_x) * t;
            points.push((
                x.round() as i32,
                curve(t, start + band, end + band).round() as i32,
            ));
        }
        let colour = flows.funders[link.funder].colour;
        area.draw(&Polygon::new(points, colour.mix(0.55).filled()))?;
        let middle_x = ((from_x + to_x) / 2.0) as i32;
        let middle_y = ((start + end + band) / 2.0) as i32;
        let reach = (band / 2.0).max(style.px(4.0) as f64) as i32;
        let funder = &flows.funders[link.funder];
        let pot = &flows.pots[link.pot];
        link_hits.push(Hit {
            left: base_x + middle_x - style.px(24.0) as i32,
            top: base_y + middle_y - reach,
            right: base_x + middle_x + style.px(24.0) as i32,
            bottom: base_y + middle_y + reach,
            text: format!(
                "{} → {}: {} in {}",
                funder.label,
                pot.label,
                format::gbp(link.money),
                lines_text(link.lines)
            ),
        });
    }

    // Each column of nodes: a bar, its label on the outer side, and a tooltip region that
    // covers both.
    let reach = style.px(6.0) as i32;
    let label_gap = style.px(6.0) as i32;
    let node_column = |nodes: &[FlowNode],
                       spans: &[(f64, f64)],
                       labels: &[String],
                       x: i32,
                       labels_left: bool,
                       text: &dyn Fn(usize, &FlowNode) -> String|
     -> Result<Vec<Hit>, DrawingAreaErrorKind<DB::ErrorType>> {
        let (anchor, label_x, hit_x) = if labels_left {
            (HPos::Right, x - label_gap, (0, x + node_width))
        } else {
            (HPos::Left, x + node_width + label_gap, (x, width))
        };
        let label_font = font.pos(Pos::new(anchor, VPos::Center));
        let mut hits = Vec::with_capacity(nodes.len());
        for (index, ((node, &(y0, y1)), label)) in nodes.iter().zip(spans).zip(labels).enumerate() {
            let (y0, y1) = (y0.round() as i32, y1.round() as i32);
            let middle = (y0 + y1) / 2;
            area.draw(&Rectangle::new(
                [(x, y0), (x + node_width, y1)],
                node.colour.filled(),
            ))?;
            area.draw_text(label, &label_font, (label_x, middle))?;
            hits.push(Hit {
                left: base_x + hit_x.0,
                top: base_y + y0.min(middle - reach),
                right: base_x + hit_x.1,
                bottom: base_y + y1.max(middle + reach),
                text: text(index, node),
            });
        }
        Ok(hits)
    };
    let mut hits = node_column(
        &flows.funders,
        &funder_spans,
        &funder_labels,
        left_x,
        true,
        &|index, node| {
            let pooled: Pence = flows
                .links
                .iter()
                .filter(|l| l.funder == index && flows.pots[l.pot].label != NOT_IN_A_POT)
                .map(|l| l.money)
                .sum();
            format!(
                "{}: {} in {}; {} of it in pots",
                node.label,
                format::gbp(node.money),
                lines_text(node.lines),
                format::gbp(pooled)
            )
        },
    )?;
    hits.extend(link_hits);
    hits.extend(node_column(
        &flows.pots,
        &pot_spans,
        &pot_labels,
        right_x,
        false,
        &|index, node| {
            let funders = flows.links.iter().filter(|l| l.pot == index).count();
            format!(
                "{}: {} in {} from {} funder{}",
                node.label,
                format::gbp(node.money),
                lines_text(node.lines),
                funders,
                if funders == 1 { "" } else { "s" }
            )
        },
    )?);
    whole.present()?;
    Ok(hits)
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
    use crate::charts::Chart;
    use crate::import::import_delimited;
    use crate::scenario::PotPolicy;

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
        let flows = flows(&dataset, &editor.scenario);
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
        let by_funder = crate::metrics::ringfence_by_funder(&dataset, None, 0);
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
        let chart = Chart::FunderToPot(flows(&dataset, &editor.scenario));
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
}
