//! Several named scenarios for one place: the Scenario picker with New, Duplicate, Rename and
//! Delete (each a step Undo takes back), and the region "Scenario comparison".

use leptos::prelude::*;

use super::browser::{confirm, today};
use super::exports::download_csv;
use super::figures::{svg_chart, Figures, TableOf};
use super::state::AppState;
use crate::names::export_name;
use grantpool::charts::{Chart, DataTable};
use grantpool::compare_scenarios::{compare_scenarios, ScenarioComparison, ToCompare};
use grantpool::export::chart_svg_plain;
use grantpool::scenario::{SetCommand, COMPARED};

/// The scenarios compared and their figures, shared by the comparison region and the board
/// pack.
#[derive(Clone, Copy)]
pub struct Comparing {
    /// True while the region is shown.
    pub open: RwSignal<bool>,
    /// The names the person ticked.
    chosen: RwSignal<Vec<String>>,
    /// Which scenarios are compared, by position: those ticked that still exist, or, when none
    /// does, the first [`COMPARED`].
    compared: Memo<Vec<usize>>,
    /// Today and each scenario compared.
    pub comparison: Memo<ScenarioComparison>,
    /// The comparison's table (worded with the cost assumptions) and chart.
    pub table: Memo<DataTable>,
    pub chart: Memo<Chart>,
}

impl Comparing {
    pub fn new(state: AppState, figures: Figures) -> Comparing {
        let chosen = RwSignal::new(Vec::<String>::new());
        let compared = Memo::new(move |_| {
            chosen.with(|chosen| {
                state.editor.with(|set| {
                    let ticked: Vec<usize> = (0..set.list().len())
                        .filter(|&at| chosen.contains(&set.list()[at].name))
                        .take(COMPARED)
                        .collect();
                    if ticked.is_empty() {
                        (0..set.list().len().min(COMPARED)).collect()
                    } else {
                        ticked
                    }
                })
            })
        });
        let comparison = Memo::new(move |_| {
            compared.with(|compared| {
                state.place.with(|place| {
                    state.editor.with(|set| {
                        figures.with_pots.with(|open_measures| {
                            // The open scenario's measures are the page's own, not measured
                            // again.
                            let picked: Vec<ToCompare> = compared
                                .iter()
                                .map(|&at| ToCompare {
                                    name: set.list()[at].name.as_str(),
                                    scenario: &set.list()[at].editor.scenario,
                                    measured: (at == set.open_index()).then_some(open_measures),
                                })
                                .collect();
                            figures.today.with(|today| {
                                compare_scenarios(
                                    &place.dataset,
                                    &picked,
                                    &figures.filter.get(),
                                    Some(today),
                                )
                            })
                        })
                    })
                })
            })
        });
        let table = Memo::new(move |_| {
            let costs = state.costs.get();
            comparison.with(|c| c.table(&costs))
        });
        let chart = Memo::new(move |_| comparison.with(ScenarioComparison::chart));
        Comparing {
            open: RwSignal::new(false),
            chosen,
            compared,
            comparison,
            table,
            chart,
        }
    }
}

/// The Scenario picker and its buttons.
#[component]
pub fn ScenarioBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let comparing = expect_context::<Comparing>();
    let names = Memo::new(move |_| {
        state.editor.with(|set| {
            (
                set.list()
                    .iter()
                    .map(|n| n.name.clone())
                    .collect::<Vec<_>>(),
                set.open_index(),
            )
        })
    });
    let open_name = move || state.editor.with(|set| set.open_name().to_owned());
    let options = move || {
        let (list, open) = names.get();
        list.into_iter()
            .enumerate()
            .map(|(index, name)| {
                view! { <option value=index.to_string() prop:selected=index == open>{name}</option> }
            })
            .collect_view()
    };
    let on_pick = move |event: leptos::ev::Event| {
        if let Ok(index) = event_target_value(&event).parse::<usize>() {
            let name =
                names.with_untracked(|(list, _)| list.get(index).cloned().unwrap_or_default());
            state.change_scenarios(
                SetCommand::Open { index },
                format!("Opened the scenario “{name}”."),
            );
        }
    };
    let new = move |_| {
        let name = state.editor.with_untracked(|set| set.next_name());
        let said = format!("Made the scenario “{name}”, with no pots, and opened it.");
        state.change_scenarios(SetCommand::New { name }, said);
    };
    let duplicate = move |_| {
        let (name, from) = state
            .editor
            .with_untracked(|set| (set.copy_name(), set.open_name().to_owned()));
        let said = format!("Made “{name}”, a copy of “{from}”’s pots, and opened it.");
        state.change_scenarios(SetCommand::Duplicate { name }, said);
    };
    let renaming = RwSignal::new(false);
    let new_name = RwSignal::new(String::new());
    let start_rename = move |_| {
        new_name.set(open_name());
        renaming.set(true);
        request_animation_frame(|| {
            use wasm_bindgen::JsCast;
            if let Some(input) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("scenario-new-name"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                let _ = input.focus();
                input.select();
            }
        });
    };
    let save_name = move || {
        let (index, old) = state
            .editor
            .with_untracked(|set| (set.open_index(), set.open_name().to_owned()));
        let name = new_name.get_untracked();
        let said = format!("Renamed “{old}” to “{}”.", name.trim());
        if state.change_scenarios(SetCommand::Rename { index, name }, said) {
            renaming.set(false);
        }
    };
    let delete = move |_| {
        let (index, name, count) = state.editor.with_untracked(|set| {
            (
                set.open_index(),
                set.open_name().to_owned(),
                set.list().len(),
            )
        });
        if count == 1 {
            state.notify(
                "A place keeps at least one scenario; make another before deleting this one."
                    .to_owned(),
                true,
            );
            return;
        }
        if confirm(&format!(
            "Delete the scenario “{name}” and its pots? Undo brings it back."
        )) {
            let said = format!("Deleted the scenario “{name}”. Undo brings it back.");
            state.change_scenarios(
                SetCommand::Delete {
                    index,
                    then_open: None,
                },
                said,
            );
        }
    };
    view! {
        <div class="scenario-bar" role="group" aria-label="Scenarios">
            <label for="scenario-picker">"Scenario"</label>
            <select id="scenario-picker" on:change=on_pick>{options}</select>
            <button type="button" on:click=new>"New scenario"</button>
            <button type="button" on:click=duplicate>"Duplicate scenario"</button>
            <button type="button" on:click=start_rename>"Rename scenario"</button>
            <button type="button" on:click=delete>"Delete scenario"</button>
            <button
                type="button"
                aria-expanded=move || comparing.open.get().to_string()
                on:click=move |_| comparing.open.update(|open| *open = !*open)
            >
                "Compare scenarios"
            </button>
            <Show when=move || renaming.get()>
                <form class="rename-scenario" on:submit=move |event: leptos::ev::SubmitEvent| {
                    event.prevent_default();
                    save_name();
                }>
                    <label for="scenario-new-name">"New name"</label>
                    <input
                        id="scenario-new-name"
                        type="text"
                        prop:value=move || new_name.get()
                        on:input=move |event| new_name.set(event_target_value(&event))
                        on:keydown=move |event: leptos::ev::KeyboardEvent| {
                            if event.key() == "Escape" {
                                renaming.set(false);
                            }
                        }
                    />
                    <button type="submit">"Save name"</button>
                    <button type="button" on:click=move |_| renaming.set(false)>"Cancel"</button>
                </form>
            </Show>
        </div>
    }
}

/// The region "Scenario comparison": choose up to four scenarios; their measures beside
/// today's, with each change, and their ringfenced and flexible money.
#[component]
pub fn ScenarioComparisonRegion() -> impl IntoView {
    let state = expect_context::<AppState>();
    let comparing = expect_context::<Comparing>();
    let figures = expect_context::<Figures>();
    let (table, chart) = (comparing.table, comparing.chart);
    let choices = move || {
        let names: Vec<String> = state
            .editor
            .with(|set| set.list().iter().map(|n| n.name.clone()).collect());
        let effective: Vec<String> = comparing
            .compared
            .with(|compared| compared.iter().map(|&at| names[at].clone()).collect());
        names
            .into_iter()
            .map(|name| {
                let checked = effective.contains(&name);
                let full = effective.len() >= COMPARED && !checked;
                let toggled = name.clone();
                let all = effective.clone();
                view! {
                    <label class="check-inline">
                        <input
                            type="checkbox"
                            prop:checked=checked
                            disabled=full
                            on:change=move |event| {
                                let on = event_target_checked(&event);
                                let mut next = all.clone();
                                if on {
                                    next.push(toggled.clone());
                                } else {
                                    next.retain(|n| n != &toggled);
                                }
                                comparing.chosen.set(next);
                            }
                        />
                        {name}
                    </label>
                }
            })
            .collect_view()
    };
    let export = move |_| {
        let costs = state.costs.get_untracked();
        let csv = comparing.comparison.with_untracked(|c| c.csv(&costs));
        let name = export_name(
            "scenario-comparison",
            &figures.dataset_name.get_untracked(),
            &today(),
            "csv",
        );
        download_csv(state, &name, &csv, "The comparison");
    };
    let caption = Signal::derive(move || {
        format!(
            "Measures today and under each scenario ({})",
            figures.dataset_name.get()
        )
    });
    view! {
        <Show when=move || comparing.open.get()>
            <section class="scenario-comparison" role="region" aria-label="Scenario comparison">
                <h2>"Scenario comparison"</h2>
                <fieldset class="compare-choice">
                    <legend>{format!("Scenarios compared (up to {COMPARED})")}</legend>
                    {choices}
                </fieldset>
                <button type="button" on:click=export>"Export comparison (CSV)"</button>
                <TableOf table=table caption=caption />
                <figure class="chart">
                    <figcaption>{move || chart.with(|c| c.title())}</figcaption>
                    {svg_chart(chart, "comparison-chart", |c| chart_svg_plain(c, 700))}
                </figure>
            </section>
        </Show>
    }
}
