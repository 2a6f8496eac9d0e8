//! Choosing the data: the sample picker (kept in the address), where the data comes from, the
//! save state, and starting over.

use leptos::prelude::*;

use super::browser::{confirm, set_address};
use super::state::AppState;
use grantpool::place::Origin;
use grantpool::samples::{self, Sample, SAMPLES};

/// The picker's value while the user's own files are shown.
const OWN_FILES: &str = "own-files";

/// The sample named in the address (`?sample=`), if any.
pub fn sample_from_address() -> Option<&'static Sample> {
    web_sys::window()
        .and_then(|window| window.location().search().ok())
        .and_then(|search| {
            search
                .trim_start_matches('?')
                .split('&')
                .find_map(|pair| pair.strip_prefix("sample="))
                .and_then(samples::find)
        })
}

fn remember_sample_in_address(sample: &Sample) {
    set_address(&format!("?sample={}", sample.id));
}

#[component]
pub fn DatasetPicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let on_pick = move |event: leptos::ev::Event| {
        let Some(picked) = samples::find(&event_target_value(&event)) else {
            return;
        };
        let own = state
            .place
            .with_untracked(|place| place.origin == Origin::Uploads);
        let has_pots = state.editor.with_untracked(|set| {
            set.list()
                .iter()
                .any(|named| !named.editor.scenario.pots.is_empty())
        });
        let question = "Switch to this sample? It replaces your files and pots (save the scenarios first to keep them).";
        if (own || has_pots) && !confirm(question) {
            let select: web_sys::HtmlSelectElement = event_target(&event);
            let current = state.sample.get_untracked().map_or(OWN_FILES, |s| s.id);
            select.set_value(current);
            return;
        }
        remember_sample_in_address(picked);
        state.load_sample(picked);
    };
    let own_files = move || state.place.with(|place| place.origin == Origin::Uploads);
    view! {
        <section class="dataset" aria-labelledby="dataset-heading">
            <h2 id="dataset-heading">"Data"</h2>
            <div class="picker">
                <label for="sample-picker">"Data shown"</label>
                <select id="sample-picker" on:change=on_pick>
                    {move || {
                        own_files().then(|| view! { <option value=OWN_FILES selected=true>"Your own files"</option> })
                    }}
                    {SAMPLES
                        .iter()
                        .map(|option| {
                            view! {
                                <option
                                    value=option.id
                                    prop:selected=move || state.sample.get().map(|s| s.id) == Some(option.id)
                                >
                                    {option.name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            {move || state.sample.get().map(sample_notice)}
            <p
                class="save-state"
                data-change-generation=move || state.save_generation.get().to_string()
                data-saved-generation=move || state.saved_generation.get().to_string()
            >
                {move || {
                    if state.saved_generation.get() == state.save_generation.get() {
                        "Your work is saved in this browser."
                    } else {
                        "Saving your work in this browser…"
                    }
                }}
            </p>
            <button
                type="button"
                class="start-over"
                on:click=move |_| {
                    if confirm(
                        "Start over? This clears your files and pots from this browser and shows the sample again.",
                    ) {
                        state.start_over();
                    }
                }
            >
                "Start over"
            </button>
        </section>
    }
}

fn sample_notice(sample: &'static Sample) -> impl IntoView {
    let badge = if sample.illustrative {
        view! { <span class="badge badge-illustrative">"Illustrative data — not real awards"</span> }
    } else {
        view! { <span class="badge badge-real">"Real published data"</span> }
    };
    view! {
        <div class="sample-notice">
            {badge}
            <p>{sample.description}</p>
            <details class="provenance">
                <summary>"Source and licence"</summary>
                <p>
                    <strong>"Source: "</strong>
                    {sample.source}
                    " "
                    <strong>"Licence: "</strong>
                    {sample.licence}
                </p>
            </details>
        </div>
    }
}
