//! The lines themselves, as a table that draws only the rows in view, so a million lines open
//! at once and scroll smoothly.

use leptos::html::Div;
use leptos::prelude::*;

use super::Drill;
use crate::web::state::AppState;
use grantpool::drill::Behind;
use grantpool::format;
use grantpool::geography::gazetteer;
use grantpool::names::{self, NameField};

/// Each row's height in CSS pixels (the stylesheet's `.line-row` height).
const ROW: f64 = 28.0;
/// The rows drawn beyond the visible ones, above and below.
const SPARE: usize = 6;
/// The columns, in order.
const COLUMNS: [&str; 9] = [
    "Funder",
    "Programme",
    "Recipient",
    "Place",
    "Year",
    "Amount",
    "Status with pots",
    "Pot",
    "Source",
];

/// A table of the lines behind the choice open ([`Drill`]) that draws only the rows in view.
#[component]
pub fn LineList() -> impl IntoView {
    let drill = expect_context::<Drill>();
    let behind = drill.behind;
    let state = expect_context::<AppState>();
    let scroller = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0f64);
    let height = RwSignal::new(420.0f64);
    let count = Memo::new(move |_| behind.with(|b| b.as_ref().map_or(0, |b| b.lines.len())));
    // A new choice starts at the top.
    Effect::new(move |_| {
        drill.chosen.track();
        if let Some(div) = scroller.get_untracked() {
            div.set_scroll_top(0);
        }
        scroll_top.set(0.0);
    });
    let on_scroll = move |_| {
        if let Some(div) = scroller.get_untracked() {
            scroll_top.set(f64::from(div.scroll_top()));
            height.set(f64::from(div.client_height()).max(ROW));
        }
    };
    let rows = move || {
        let (top, seen) = (scroll_top.get(), height.get());
        let first = ((top / ROW).floor() as usize).saturating_sub(SPARE);
        let last = (((top + seen) / ROW).ceil() as usize + SPARE).min(count.get());
        behind
            .with(|behind| {
                let Some(Behind { lines, .. }) = behind else {
                    return Vec::new();
                };
                state.place.with(|place| {
                    state.editor.with(|editor| {
                        let dataset = &place.dataset;
                        let scenario = &editor.scenario;
                        (first..last)
                            .filter_map(|at| lines.get(at).map(|&index| (at, index as usize)))
                            .filter_map(|(at, index)| {
                                dataset.lines.get(index).map(|l| (at, index, l))
                            })
                            .map(|(at, index, line)| {
                                let place = match dataset.text(line.area) {
                                    "" => "Place not known".to_owned(),
                                    code => gazetteer().name_of(code).to_owned(),
                                };
                                let pot = scenario
                                    .pot_of(index)
                                    .and_then(|id| scenario.pot(id))
                                    .map_or_else(|| "—".to_owned(), |p| p.name.clone());
                                let source = dataset
                                    .sources
                                    .get(line.source.file as usize)
                                    .map_or("", |s| s.name.as_str());
                                // A funder or programme shows its merged name; as written, too, on hover.
                                let name = |field: NameField| {
                                    let shown = dataset.text(field.names(line).0).to_owned();
                                    (shown, names::for_export(dataset, line, field))
                                };
                                let plain = |text: String| (text.clone(), text);
                                let cells = [
                                    name(NameField::Funder),
                                    name(NameField::Programme),
                                    plain(dataset.text(line.recipient).to_owned()),
                                    plain(place),
                                    plain(
                                        line.year
                                            .map_or_else(|| "Not known".to_owned(), |y| y.label()),
                                    ),
                                    plain(format::gbp(line.amount)),
                                    plain(
                                        scenario
                                            .status_of(index, line.ringfence)
                                            .label()
                                            .to_owned(),
                                    ),
                                    plain(pot),
                                    plain(format!("{source}, row {}", line.source.row)),
                                ];
                                (at, cells)
                            })
                            .collect::<Vec<_>>()
                    })
                })
            })
            .into_iter()
            .map(|(at, cells)| {
                let cells = cells
                    .into_iter()
                    .enumerate()
                    .map(|(column, (text, title))| {
                        let class = if column == 5 { "cell money" } else { "cell" };
                        view! { <span role="cell" class=class title=title>{text}</span> }
                    })
                    .collect_view();
                view! {
                    <div
                        role="row"
                        class="line-row"
                        aria-rowindex=at + 2
                        style=format!("top: {}px", at as f64 * ROW)
                    >
                        {cells}
                    </div>
                }
            })
            .collect_view()
    };
    let head = COLUMNS
        .iter()
        .enumerate()
        .map(|(column, &name)| {
            let class = if column == 5 { "cell money" } else { "cell" };
            view! { <span role="columnheader" class=class>{name}</span> }
        })
        .collect_view();
    view! {
        <div
            class="line-list"
            node_ref=scroller
            tabindex="0"
            role="table"
            aria-label="The lines"
            aria-rowcount=move || count.get() + 1
            on:scroll=on_scroll
        >
            <div role="rowgroup" class="line-head">
                <div role="row" class="line-row" aria-rowindex="1">{head}</div>
            </div>
            <div
                role="rowgroup"
                class="line-body"
                style=move || format!("height: {}px", count.get() as f64 * ROW)
            >
                {rows}
            </div>
        </div>
    }
}
