//! The filters in force, as removable chips (region "Filters"), with "Clear filters". Filters
//! are added from the lines behind any figure; they are part of the view, so every figure,
//! chart and export follows them.

use leptos::prelude::*;

use super::figures::Figures;
use super::state::AppState;
use grantpool::format;
use grantpool::view::Filter;

/// The chips, shown while any filter is on.
#[component]
pub fn FiltersBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let figures = expect_context::<Figures>();
    let filters = Memo::new(move |_| state.view.with(|v| v.filters.clone()));
    let set = move |filters: Vec<Filter>, said: String| {
        state.set_view(state.view.with_untracked(|v| v.with_filters(filters)));
        let lines = figures.headline.with_untracked(|h| h.lines);
        state.notify(
            format!(
                "{said} Showing {}.",
                format::counted(lines as u64, "funding line", "funding lines")
            ),
            false,
        );
    };
    let chips = move || {
        filters
            .get()
            .into_iter()
            .enumerate()
            .map(|(at, filter)| {
                let label = filter.label();
                let remove = move |_| {
                    let mut kept = filters.get_untracked();
                    let gone = kept.remove(at);
                    set(kept, format!("Filter removed: {}.", gone.label()));
                };
                view! {
                    <li class="chip">
                        <span>{sentence_case(&label)}</span>
                        <button type="button" aria-label=format!("Remove filter: {label}") on:click=remove>"×"</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Show when=move || filters.with(|f| !f.is_empty())>
            <section class="filters" role="region" aria-label="Filters">
                <h2>"Filters"</h2>
                <p>"Every figure, chart and export shows only the lines these filters keep."</p>
                <ul class="chips">{chips}</ul>
                <button type="button" on:click=move |_| set(Vec::new(), "Filters cleared.".to_owned())>
                    "Clear filters"
                </button>
            </section>
        </Show>
    }
}

/// "only funder X" → "Only funder X".
fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
