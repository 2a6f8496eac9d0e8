//! Lays out and draws the flows: a column of funder nodes, a column of pot nodes, the bands
//! between them, the labels, and the tooltip regions of each.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{FlowLink, FlowNode, Flows, TITLE};
use crate::charts::frame::framed;
use crate::charts::labels::{lines_text, truncate_label};
use crate::charts::{ChartStyle, Drawn, Hit, Part};
use crate::fasthash::FastMap;
use crate::format;
use crate::model::Pence;

/// Longest node label drawn; the data table has the full names.
const LABEL_CHARS: usize = 28;

type Drawing<T, DB> = Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Draws the chart onto `area`, filling it.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    flows: &Flows,
    style: &ChartStyle,
) -> Drawn<DB> {
    let whole = area;
    let area = framed(whole, TITLE, style)?;
    if flows.links.is_empty() {
        area.draw_text(
            "No funding lines yet.",
            &style.text(12.0),
            (style.px(12.0) as i32, style.px(12.0) as i32),
        )?;
        whole.present()?;
        return Ok(Vec::new());
    }
    let layout = Layout::new(&area, flows, style)?;
    let link_hits = draw_bands(&area, flows, &layout, style)?;
    let funder_texts: Vec<String> = (0..flows.funders.len())
        .map(|index| funder_text(flows, index))
        .collect();
    let pot_texts: Vec<String> = (0..flows.pots.len())
        .map(|index| pot_text(flows, index))
        .collect();
    let mut hits = draw_column(
        &area,
        &Column {
            nodes: &flows.funders,
            spans: &layout.funder_spans,
            labels: &layout.funder_labels,
            texts: &funder_texts,
            x: layout.left_x,
            labels_left: true,
            part: Part::Funder,
        },
        &layout,
        style,
    )?;
    hits.extend(link_hits);
    hits.extend(draw_column(
        &area,
        &Column {
            nodes: &flows.pots,
            spans: &layout.pot_spans,
            labels: &layout.pot_labels,
            texts: &pot_texts,
            x: layout.right_x,
            labels_left: false,
            part: Part::Pot,
        },
        &layout,
        style,
    )?);
    whole.present()?;
    Ok(hits)
}

/// What a funder node's tooltip says.
fn funder_text(flows: &Flows, index: usize) -> String {
    let node = &flows.funders[index];
    format!(
        "{}: {} in {}; {} of it in pots",
        node.label,
        format::gbp(node.money),
        lines_text(node.lines),
        format::gbp(flows.pooled_money_of(index))
    )
}

/// What a pot node's tooltip says.
fn pot_text(flows: &Flows, index: usize) -> String {
    let node = &flows.pots[index];
    let funders = flows.links.iter().filter(|l| l.pot == index).count();
    format!(
        "{}: {} in {} from {}",
        node.label,
        format::gbp(node.money),
        lines_text(node.lines),
        format::counted(funders as u64, "funder", "funders")
    )
}

/// Where everything goes, in the area's pixels.
struct Layout {
    funder_labels: Vec<Vec<String>>,
    pot_labels: Vec<Vec<String>>,
    left_x: i32,
    right_x: i32,
    width: i32,
    node_width: i32,
    /// Pixels per penny of money.
    per_penny: f64,
    /// (top, bottom) of each node.
    funder_spans: Vec<(f64, f64)>,
    pot_spans: Vec<(f64, f64)>,
}

impl Layout {
    fn new<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        flows: &Flows,
        style: &ChartStyle,
    ) -> Drawing<Layout, DB> {
        let (width, height) = area.dim_in_pixel();
        let (width, height) = (width as i32, height as i32);
        let node_width = style.px(14.0) as i32;
        // Nodes at least a line of text apart, so the labels of small nodes never collide.
        let gap = style.px(8.0).max(line_height(style).ceil() as u32) as f64;
        let (top, bottom) = (
            style.px(10.0) as f64,
            (height - style.px(10.0) as i32) as f64,
        );
        let flowing: f64 = flows.links.iter().map(|l| positive(l.money)).sum();
        let available = |nodes: usize| (bottom - top - gap * (nodes as f64 - 1.0)).max(1.0);
        let per_penny = if flowing > 0.0 {
            available(flows.funders.len()).min(available(flows.pots.len())) / flowing
        } else {
            0.0
        };
        let thickness = |link: &FlowLink| positive(link.money) * per_penny;
        let side = |count: usize, of: fn(&FlowLink) -> usize| -> Vec<f64> {
            let mut money = vec![0.0; count];
            for link in &flows.links {
                money[of(link)] += thickness(link);
            }
            money
        };
        let min_node = style.px(2.0) as f64;
        let funder_spans = stack(&side(flows.funders.len(), |l| l.funder), top, gap, min_node);
        let pot_spans = stack(&side(flows.pots.len(), |l| l.pot), top, gap, min_node);
        // Each label is fitted into 30% of the width, on two lines where its node has room.
        let room = (width * 3 / 10 - style.px(10.0) as i32).max(0) as u32;
        let funder_labels = fit_labels(area, &flows.funders, &funder_spans, gap, room, style)?;
        let pot_labels = fit_labels(area, &flows.pots, &pot_spans, gap, room, style)?;
        let left_x = widest(area, &funder_labels, style)?;
        let right_x = width - widest(area, &pot_labels, style)? - node_width;
        Ok(Layout {
            funder_spans,
            pot_spans,
            funder_labels,
            pot_labels,
            left_x,
            right_x,
            width,
            node_width,
            per_penny,
        })
    }

    fn thickness(&self, money: Pence) -> f64 {
        positive(money) * self.per_penny
    }
}

fn positive(money: Pence) -> f64 {
    money.0.max(0) as f64
}

/// Nodes stacked from `top` with `gap` between them, each as tall as its money (at least
/// `min_node`).
fn stack(heights: &[f64], top: f64, gap: f64, min_node: f64) -> Vec<(f64, f64)> {
    let mut y = top;
    heights
        .iter()
        .map(|&height| {
            let span = height.max(min_node);
            let placed = (y, y + span);
            y += span + gap;
            placed
        })
        .collect()
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

/// The height of a line of label text.
fn line_height(style: &ChartStyle) -> f64 {
    style.font(12.0) * 1.15
}

/// Each node's label in `room` pixels: its name and money on one line when they fit; else,
/// when the node has height for two lines, the name (shortened only if it must be) over the
/// money; else one line shortened until it fits.
fn fit_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    nodes: &[FlowNode],
    spans: &[(f64, f64)],
    gap: f64,
    room: u32,
    style: &ChartStyle,
) -> Drawing<Vec<Vec<String>>, DB> {
    let font = style.text(12.0);
    let fits =
        |text: &str| -> Drawing<bool, DB> { Ok(area.estimate_text_size(text, &font)?.0 <= room) };
    let mut labels = Vec::with_capacity(nodes.len());
    for (node, &(top, bottom)) in nodes.iter().zip(spans) {
        let whole = node_label(node, usize::MAX);
        if fits(&whole)? {
            labels.push(vec![whole]);
            continue;
        }
        if bottom - top + gap >= line_height(style) * 2.0 {
            let mut chars = node.label.chars().count();
            let name = loop {
                let name = truncate_label(&node.label, chars);
                if chars <= 2 || fits(&name)? {
                    break name;
                }
                chars -= 1;
            };
            labels.push(vec![name, format::gbp_short(node.money.as_pounds_f64())]);
            continue;
        }
        let mut chars = LABEL_CHARS;
        let label = loop {
            let label = node_label(node, chars);
            if chars <= 1 || fits(&label)? {
                break label;
            }
            chars -= 1;
        };
        labels.push(vec![label]);
    }
    Ok(labels)
}

/// The width of the widest line of the labels, with room to spare.
fn widest<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    labels: &[Vec<String>],
    style: &ChartStyle,
) -> Drawing<i32, DB> {
    let font = style.text(12.0);
    let mut most = 0;
    for line in labels.iter().flatten() {
        most = most.max(area.estimate_text_size(line, &font)?.0);
    }
    Ok(most as i32 + style.px(10.0) as i32)
}

/// Draws every band: leaving each funder in pot order, arriving at each pot in funder order.
/// Returns a tooltip region at the middle of each band.
fn draw_bands<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    flows: &Flows,
    layout: &Layout,
    style: &ChartStyle,
) -> Drawing<Vec<Hit>, DB> {
    let (base_x, base_y) = area.get_base_pixel();
    let mut leaving: Vec<f64> = layout.funder_spans.iter().map(|s| s.0).collect();
    let mut arriving: Vec<f64> = layout.pot_spans.iter().map(|s| s.0).collect();
    let mut arrivals: Vec<&FlowLink> = flows.links.iter().collect();
    arrivals.sort_by_key(|l| (l.pot, l.funder));
    let mut arrive_at: FastMap<(usize, usize), f64> = FastMap::default();
    for link in arrivals {
        arrive_at.insert((link.funder, link.pot), arriving[link.pot]);
        arriving[link.pot] += layout.thickness(link.money);
    }
    let (from_x, to_x) = (
        (layout.left_x + layout.node_width) as f64,
        layout.right_x as f64,
    );
    let mut hits = Vec::new();
    for (number, link) in flows.links.iter().enumerate() {
        let band = layout.thickness(link.money);
        let start = leaving[link.funder];
        leaving[link.funder] += band;
        let end = arrive_at[&(link.funder, link.pot)];
        if band <= 0.0 {
            continue;
        }
        let colour = flows.funders[link.funder].colour;
        area.draw(&Polygon::new(
            band_outline((from_x, to_x), (start, end), band),
            colour.mix(0.55).filled(),
        ))?;
        let middle_x = ((from_x + to_x) / 2.0) as i32;
        let middle_y = ((start + end + band) / 2.0) as i32;
        let reach = (band / 2.0).max(style.px(4.0) as f64) as i32;
        hits.push(Hit {
            left: base_x + middle_x - style.px(24.0) as i32,
            top: base_y + middle_y - reach,
            right: base_x + middle_x + style.px(24.0) as i32,
            bottom: base_y + middle_y + reach,
            text: format!(
                "{} → {}: {} in {}",
                flows.funders[link.funder].label,
                flows.pots[link.pot].label,
                format::gbp(link.money),
                lines_text(link.lines)
            ),
            part: Part::Flow(number),
        });
    }
    Ok(hits)
}

/// The outline of a band `band` pixels thick from `start` (at `from_x`) to `end` (at `to_x`),
/// along a smoothstep curve.
fn band_outline(
    (from_x, to_x): (f64, f64),
    (start, end): (f64, f64),
    band: f64,
) -> Vec<(i32, i32)> {
    const STEPS: usize = 24;
    let curve = |t: f64, from: f64, to: f64| from + (to - from) * (t * t * (3.0 - 2.0 * t));
    let point = |step: usize, offset: f64| {
        let t = step as f64 / STEPS as f64;
        let x = from_x + (to_x - from_x) * t;
        (
            x.round() as i32,
            curve(t, start + offset, end + offset).round() as i32,
        )
    };
    (0..=STEPS)
        .map(|step| point(step, 0.0))
        .chain((0..=STEPS).rev().map(|step| point(step, band)))
        .collect()
}

/// One column of nodes and how to draw it.
struct Column<'a> {
    nodes: &'a [FlowNode],
    spans: &'a [(f64, f64)],
    labels: &'a [Vec<String>],
    texts: &'a [String],
    x: i32,
    labels_left: bool,
    /// What a node of this column stands for, by its index.
    part: fn(usize) -> Part,
}

/// Each node of a column: a bar, its label on the outer side, and a tooltip region that covers
/// both.
fn draw_column<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    column: &Column,
    layout: &Layout,
    style: &ChartStyle,
) -> Drawing<Vec<Hit>, DB> {
    let (base_x, base_y) = area.get_base_pixel();
    let reach = style.px(6.0) as i32;
    let label_gap = style.px(6.0) as i32;
    let x = column.x;
    let (anchor, label_x, hit_x) = if column.labels_left {
        (HPos::Right, x - label_gap, (0, x + layout.node_width))
    } else {
        (
            HPos::Left,
            x + layout.node_width + label_gap,
            (x, layout.width),
        )
    };
    let font = style.text(12.0).pos(Pos::new(anchor, VPos::Center));
    let mut hits = Vec::with_capacity(column.nodes.len());
    for (index, node) in column.nodes.iter().enumerate() {
        let (y0, y1) = column.spans[index];
        let (y0, y1) = (y0.round() as i32, y1.round() as i32);
        let middle = (y0 + y1) / 2;
        area.draw(&Rectangle::new(
            [(x, y0), (x + layout.node_width, y1)],
            node.colour.filled(),
        ))?;
        let lines = &column.labels[index];
        let height = line_height(style);
        let first = f64::from(middle) - height * (lines.len() as f64 - 1.0) / 2.0;
        for (number, line) in lines.iter().enumerate() {
            let y = (first + height * number as f64).round() as i32;
            area.draw_text(line, &font, (label_x, y))?;
        }
        hits.push(Hit {
            left: base_x + hit_x.0,
            top: base_y + y0.min(middle - reach),
            right: base_x + hit_x.1,
            bottom: base_y + y1.max(middle + reach),
            text: column.texts[index].clone(),
            part: (column.part)(index),
        });
    }
    Ok(hits)
}
