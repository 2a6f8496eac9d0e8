//! Files for a board paper and for later: the pooled budget as CSV, and the scenario saved to
//! and opened from a file.

use leptos::ev;
use leptos::prelude::*;

use super::browser::{download, files_of, read_file, today};
use super::state::AppState;
use crate::names::{export_name, scenario_file_name};
use grantpool::export::pooled_budget_csv;
use grantpool::format;
use grantpool::saved::{open_scenario_file, scenario_file, OpenedScenarios};
use grantpool::scenario::{Command, Edit, SetCommand};

/// Downloads `csv` as `name` (with a byte-order mark, so Excel reads the £ signs as UTF-8) and
/// says whether it was made; `what` names it in a failure ("The pooled budget").
pub fn download_csv(app: AppState, name: &str, csv: &str, what: &str) {
    let bytes = [b"\xEF\xBB\xBF".as_slice(), csv.as_bytes()].concat();
    match download(name, "text/csv", &bytes) {
        Ok(()) => app.notify(format!("Downloaded “{name}”."), false),
        Err(reason) => app.notify(format!("{what} could not be exported: {reason}."), true),
    }
}

/// Saving the scenario to a file, and opening one.
#[component]
pub fn ScenarioFiles() -> impl IntoView {
    let app = expect_context::<AppState>();
    let save = move |_| {
        let view = app.view.get_untracked();
        let json = app.place.with_untracked(|place| {
            app.editor
                .with_untracked(|set| scenario_file(place, set, &view))
        });
        let name = scenario_file_name(app.sample.get_untracked(), &today());
        match download(&name, "application/json", json.as_bytes()) {
            Ok(()) => app.notify(
                format!("Saved every scenario of the place as “{name}”."),
                false,
            ),
            Err(reason) => app.notify(format!("The scenario could not be saved: {reason}."), true),
        }
    };
    let open = move |event: ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&event);
        let files = files_of(input.files());
        input.set_value("");
        let Some(file) = files.into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = file.name();
            let opened = match read_file(&file).await {
                Ok(bytes) => app
                    .place
                    .with_untracked(|place| open_scenario_file(&bytes, place))
                    .map_err(|e| e.to_string()),
                Err(reason) => Err(reason),
            };
            match opened {
                Ok((OpenedScenarios::All(list), view)) => {
                    let count = list.len();
                    let set = OpenedScenarios::All(list).into_set();
                    let said = format!(
                        "Opened “{name}”: {}. Undo goes back to the scenarios you had.",
                        format::counted(count as u64, "scenario", "scenarios")
                    );
                    if app.change_scenarios(SetCommand::ReplaceAll(Box::new(set)), said) {
                        app.set_view(view);
                    }
                }
                Ok((OpenedScenarios::One(scenario), view)) => {
                    if app.run(Command::Edit(Edit::Replace {
                        scenario: Box::new(scenario),
                    })) {
                        app.set_view(view);
                        app.notify(
                            format!(
                                "Opened the scenario “{name}”. Undo goes back to the pots you had."
                            ),
                            false,
                        );
                    }
                }
                Err(reason) => app.notify(
                    format!("“{name}” could not be opened: {reason}. Your pots are unchanged."),
                    true,
                ),
            }
        });
    };
    let export_csv = move |_| {
        let figures = expect_context::<crate::web::figures::Figures>();
        let filter = figures.filter.get_untracked();
        let csv = app.place.with_untracked(|place| {
            app.editor
                .with_untracked(|e| pooled_budget_csv(&place.dataset, &e.scenario, &filter))
        });
        let dataset = figures.dataset_name.get_untracked();
        let name = export_name("pooled-budget", &dataset, &today(), "csv");
        download_csv(app, &name, &csv, "The pooled budget");
    };
    view! {
        <button type="button" on:click=export_csv>"Export pooled budget (CSV)"</button>
        <button type="button" on:click=save>"Save scenarios (JSON)"</button>
        <label class="file-button secondary">
            "Open scenario…"
            <input type="file" accept=".json,application/json" on:change=open />
        </label>
    }
}
