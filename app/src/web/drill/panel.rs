//! The panel "Lines behind the selection".

use leptos::ev;
use leptos::prelude::*;

use super::list::LineList;
use super::Drill;
use crate::names::export_name;
use crate::targets::{move_target, target_value};
use crate::web::browser::today;
use crate::web::exports::download_csv;
use crate::web::figures::Figures;
use crate::web::pooling::{move_lines, target_options};
use crate::web::state::AppState;
use grantpool::export::lines_csv;
use grantpool::format;
use grantpool::model::Ringfence;
use grantpool::view::Filter;

/// The lines behind the figure chosen, beside the page while open.
#[component]
pub fn LinesBehind() -> impl IntoView {
    let drill = expect_context::<Drill>();
    view! {
        <Show when=move || drill.chosen.with(Option::is_some)>
            <Panel />
        </Show>
    }
}

#[component]
fn Panel() -> impl IntoView {
    let drill = expect_context::<Drill>();
    let state = expect_context::<AppState>();
    let figures = expect_context::<Figures>();
    let title = move || {
        drill
            .chosen
            .with(|c| c.as_ref().map(|s| s.title()).unwrap_or_default())
    };
    let lines = move || {
        drill
            .behind
            .with_untracked(|b| b.as_ref().map(|b| b.lines.clone()))
            .unwrap_or_default()
    };
    let count = move || {
        drill
            .behind
            .with(|b| b.as_ref().map_or(0, |b| b.lines.len()))
    };
    let total = move || {
        drill
            .behind
            .with(|b| b.as_ref().map(|b| b.total).unwrap_or_default())
    };
    let split = move || {
        drill.behind.with(|b| {
            b.as_ref().map_or_else(String::new, |b| {
                Ringfence::ALL
                    .iter()
                    .filter(|&&s| b.money.get(s).0 != 0)
                    .map(|&s| {
                        format!(
                            "{} {}",
                            s.label().to_lowercase(),
                            format::gbp(b.money.get(s))
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
        })
    };
    let on_key = move |event: ev::KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            drill.close();
        }
    };
    let status_choice = move |status: Option<Ringfence>, label: &'static str| {
        let checked = move || {
            drill
                .chosen
                .with(|c| c.as_ref().map(|s| s.status) == Some(status))
        };
        view! {
            <label class="radio-inline">
                <input
                    type="radio"
                    name="lines-behind-status"
                    prop:checked=checked
                    on:change=move |_| drill.change(|s| s.with_status(status))
                />
                {label}
            </label>
        }
    };
    let today_or_pots = move || {
        if drill.chosen.with(|c| c.as_ref().is_some_and(|s| s.today)) {
            "Status as recorded (today)"
        } else {
            "Status with your pots"
        }
    };
    let add_filter = move |filter: Filter| {
        let said = format!("Filter added: {}.", filter.label());
        let mut filters = state.view.with_untracked(|v| v.filters.clone());
        if !filters.contains(&filter) {
            filters.push(filter);
        }
        state.set_view(state.view.with_untracked(|v| v.with_filters(filters)));
        state.notify(said, false);
        drill.close();
    };
    let filter_buttons = move || {
        let fields: Vec<(grantpool::selection::Field, String)> = drill.chosen.with(|c| {
            state.place.with_untracked(|place| {
                c.iter()
                    .flat_map(|s| s.fields())
                    .map(|(field, sym)| (field, place.dataset.text(sym).to_owned()))
                    .collect()
            })
        });
        fields
            .into_iter()
            .map(|(field, value)| {
                let (only, leave) = (
                    Filter {
                        field,
                        value: value.clone(),
                        keep: true,
                    },
                    Filter {
                        field,
                        value,
                        keep: false,
                    },
                );
                view! {
                    <button type="button" on:click=move |_| add_filter(only.clone())>
                        {format!("Only this {}", field.noun())}
                    </button>
                    <button type="button" on:click=move |_| add_filter(leave.clone())>
                        {format!("Leave out this {}", field.noun())}
                    </button>
                }
            })
            .collect_view()
    };
    let target = RwSignal::new(String::new());
    let current = Memo::new(move |_| {
        let chosen = target.get();
        state
            .editor
            .with(|e| target_value(move_target(&chosen, &e.scenario)))
    });
    let on_move = move |_| {
        let lines = lines();
        let to = state
            .editor
            .with_untracked(|e| move_target(&target.get_untracked(), &e.scenario));
        move_lines(state, &figures.filter.get_untracked(), lines, to);
    };
    let on_export = move |_| {
        let title = drill
            .chosen
            .with_untracked(|c| c.as_ref().map(|s| s.title()))
            .unwrap_or_default();
        let lines = lines();
        let csv = state.place.with_untracked(|place| {
            state
                .editor
                .with_untracked(|e| lines_csv(&place.dataset, &e.scenario, &title, &lines))
        });
        let name = export_name(
            "lines-behind",
            &figures.dataset_name.get_untracked(),
            &today(),
            "csv",
        );
        download_csv(state, &name, &csv, "These lines");
    };
    view! {
        <section class="lines-behind" role="region" aria-label="Lines behind the selection" on:keydown=on_key>
            <div class="lines-behind-head">
                <h2 id="lines-behind-heading" tabindex="-1">"Lines behind the selection"</h2>
                <button type="button" class="close" on:click=move |_| drill.close()>"Close"</button>
            </div>
            <p class="drill-what" data-testid="drill-what">{title}</p>
            <p class="drill-figures">
                <span data-testid="drill-count">{move || format::counted(count() as u64, "line", "lines")}</span>
                ", "
                <span data-testid="drill-total">{move || format::gbp(total())}</span>
            </p>
            <p class="drill-split">{split}</p>
            <fieldset class="drill-status">
                <legend>{today_or_pots}</legend>
                {status_choice(None, "All")}
                {status_choice(Some(Ringfence::Ringfenced), "Ringfenced")}
                {status_choice(Some(Ringfence::Flexible), "Flexible")}
                {status_choice(Some(Ringfence::NotRecorded), "Not recorded")}
            </fieldset>
            <div class="drill-actions">
                <div class="move-control">
                    <label for="drill-move-target">"Pot"</label>
                    <select id="drill-move-target" on:change=move |event| target.set(event_target_value(&event))>
                        {target_options(state, current)}
                    </select>
                    <button type="button" on:click=on_move disabled=move || count() == 0>"Move these lines to pot"</button>
                </div>
                <button type="button" on:click=on_export>"Export these lines (CSV)"</button>
                {filter_buttons}
            </div>
            <LineList />
        </section>
    }
}
