//! The board pack: the headline figures, the measures, the pots and every chart laid out for
//! A4, to print or save as PDF.

use leptos::prelude::*;

use super::super::browser::{print_page, today};
use super::super::state::AppState;
use super::chart_figure::{TableOf, EXPORT_WIDTH};
use super::{Figures, MeasuresTable};
use grantpool::charts::{Chart, ChartKind};
use grantpool::export::{chart_footer, chart_svg};
use grantpool::format;
use grantpool::model::Ringfence;

/// A chart as an image for the board pack, drawn by the same code as the SVG download.
fn chart_image(chart: Memo<Chart>, footer: String) -> impl IntoView {
    let source = move || {
        let svg = chart.with(|chart| chart_svg(chart, &footer, EXPORT_WIDTH));
        format!(
            "data:image/svg+xml;charset=utf-8,{}",
            js_sys::encode_uri_component(&svg)
        )
    };
    let alt = move || chart.with(|chart| format!("{}. {}", chart.title(), chart.summary()));
    view! {
        <figure class="pack-chart">
            <img src=source alt=alt />
        </figure>
    }
}

/// The headline figures, the measures and the charts laid out for A4, to print or save as PDF.
#[component]
pub fn BoardPack() -> impl IntoView {
    let state = expect_context::<AppState>();
    let figures = expect_context::<Figures>();
    let name = figures.dataset_name.get_untracked();
    // The place and year shown name the pack; the data they come from is its source.
    let source = crate::names::dataset_name(state.sample.get_untracked());
    let shown = state
        .view
        .with_untracked(|v| v.title())
        .unwrap_or_else(|| source.clone());
    let date = today();
    let footer = chart_footer(&name, &date);
    let close = move |_| {
        figures.board_pack.set(false);
        // The workspace's canvases were hidden; let them measure and draw again.
        if let Some(window) = web_sys::window() {
            if let Ok(event) = web_sys::Event::new("resize") {
                let _ = window.dispatch_event(&event);
            }
        }
    };
    let print = move |_| {
        if let Err(reason) = print_page() {
            state.notify(format!("The page could not be printed: {reason}."), true);
        }
    };
    let headline = figures.headline.get_untracked();
    let money = headline.money;
    let headline_rows = [
        ("Funding lines", format::count(headline.lines as u64)),
        ("Funders", format::count(headline.funders as u64)),
        ("Programmes", format::count(headline.programmes as u64)),
        ("Recipients", format::count(headline.recipients as u64)),
        ("Total", format::gbp(money.total())),
        ("Ringfenced", money.share_text(Ringfence::Ringfenced)),
        ("Flexible", money.share_text(Ringfence::Flexible)),
        ("Not recorded", money.share_text(Ringfence::NotRecorded)),
    ]
    .into_iter()
    .map(|(label, value)| view! { <tr><th scope="row">{label}</th><td>{value}</td></tr> })
    .collect_view();
    let pot_table = Memo::new(move |_| figures.chart(ChartKind::ByPot).with(Chart::table));
    // Places are ranked only when the files hold more than one.
    let ranks_places = figures.places.with_untracked(|rows| rows.len() > 1);
    let kinds: Vec<ChartKind> = ChartKind::ALL
        .into_iter()
        .filter(|&kind| kind != ChartKind::PlacesRanked || ranks_places)
        .collect();
    let chart_pages = kinds
        .chunks(2)
        .map(|pair| {
            let images = pair
                .iter()
                .map(|&kind| chart_image(figures.chart(kind), footer.clone()))
                .collect_view();
            view! { <section class="pack-page">{images}</section> }
        })
        .collect_view();
    view! {
        <article class="board-pack" aria-labelledby="board-pack-heading">
            <div class="board-pack-actions">
                <button type="button" on:click=print>"Print or save as PDF"</button>
                <button type="button" on:click=close>"Back to the workspace"</button>
            </div>
            <header>
                <h2 id="board-pack-heading">{format!("Funding in {shown}: board pack")}</h2>
                <p>{format!("Made with grantpool on {date}. Source: {source}.")}</p>
            </header>
            <section class="pack-page">
                <h3>"Headline figures"</h3>
                <table class="pack-table"><tbody>{headline_rows}</tbody></table>
                <MeasuresTable in_pack=true />
                <h3>"The pots"</h3>
                <div class="pack-table">
                    <TableOf table=pot_table caption=Signal::derive(|| "Money by pot".to_owned()) />
                </div>
            </section>
            {chart_pages}
        </article>
    }
}
