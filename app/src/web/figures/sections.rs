//! Where the charts sit on the page: two at the top, beside the headline figures, and the
//! rest under the workspace with the way into the board pack.

use leptos::prelude::*;

use super::{ChartFigure, Figures};
use grantpool::charts::ChartKind;

/// The charts shown above the workspace.
const TOP: [ChartKind; 2] = [ChartKind::BeforeAfter, ChartKind::ByFunder];

/// The charts of the place over the years, in their own section.
const OVER_YEARS: [ChartKind; 3] = [
    ChartKind::MoneyByYear,
    ChartKind::StreamsByYear,
    ChartKind::AwardsByLength,
];

/// The charts under the workspace: every chart not at the top or over the years.
fn glance() -> impl Iterator<Item = ChartKind> {
    ChartKind::ALL.into_iter().filter(|kind| {
        !TOP.contains(kind) && !OVER_YEARS.contains(kind) && *kind != ChartKind::PlacesRanked
    })
}

/// The place over the years: money, streams starting and ending, and awards by length.
#[component]
pub fn YearCharts() -> impl IntoView {
    view! {
        <section class="more-charts" aria-labelledby="year-charts-heading">
            <h2 id="year-charts-heading">"Over the years"</h2>
            <div class="charts">
                {OVER_YEARS.map(|kind| view! { <ChartFigure kind=kind in_turn=true /> }).into_iter().collect_view()}
            </div>
        </section>
    }
}

/// The charts at the top of the page.
#[component]
pub fn TopCharts() -> impl IntoView {
    TOP.map(|kind| view! { <ChartFigure kind=kind /> })
        .into_iter()
        .collect_view()
}

/// The main charts under the pooling workspace, with the way into the board pack.
#[component]
pub fn MoreCharts() -> impl IntoView {
    let figures = expect_context::<Figures>();
    view! {
        <section class="more-charts" aria-labelledby="more-charts-heading">
            <div class="section-heading">
                <h2 id="more-charts-heading">"Fragmentation at a glance"</h2>
                <button type="button" on:click=move |_| figures.board_pack.set(true)>
                    "Board pack (print view)"
                </button>
            </div>
            <div class="charts">
                {glance().map(|kind| view! { <ChartFigure kind=kind in_turn=true /> }).collect_view()}
            </div>
        </section>
    }
}
