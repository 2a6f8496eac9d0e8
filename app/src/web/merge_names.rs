//! Merging two funders' or programmes' names by hand, and the names shown as one: government
//! departments under their abbreviations and former names, and the person's own merges, each
//! of which can be taken back.

use leptos::prelude::*;

use super::state::AppState;
use crate::announce::{funding_lines, sentence};
use grantpool::format;
use grantpool::names::{self, NameField, MERGED_BY_HAND};

/// The names a field shows now, sorted, for the form's suggestions.
fn shown_names(state: AppState, field: NameField) -> Vec<String> {
    state.place.with(|place| {
        let dataset = &place.dataset;
        let mut syms: Vec<_> = dataset.lines.iter().map(|line| field.shown(line)).collect();
        syms.sort_unstable();
        syms.dedup();
        let mut names: Vec<String> = syms
            .into_iter()
            .map(|sym| dataset.text(sym).to_owned())
            .filter(|name| !name.is_empty())
            .collect();
        names.sort();
        names
    })
}

#[component]
pub fn MergeNames() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let field = RwSignal::new(NameField::Funder);
    let renamed = Memo::new(move |_| {
        if !open.get() {
            return Vec::new();
        }
        state.place.with(|place| names::renamed(&place.dataset))
    });
    let suggestions = Memo::new(move |_| {
        if !open.get() {
            return Vec::new();
        }
        shown_names(state, field.get())
    });
    let from = NodeRef::<leptos::html::Input>::new();
    let into = NodeRef::<leptos::html::Input>::new();
    let problem = RwSignal::new(None::<String>);
    let value = |input: NodeRef<leptos::html::Input>| {
        input
            .get_untracked()
            .map(|i| i.value().trim().to_owned())
            .unwrap_or_default()
    };
    let merge = move |_| {
        let (merged, kept) = (value(from), value(into));
        match state.merge_names(field.get_untracked(), &merged, &kept) {
            Ok(lines) => {
                problem.set(None);
                for input in [from, into] {
                    if let Some(input) = input.get_untracked() {
                        input.set_value("");
                    }
                }
                state.notify(
                    format!(
                        "Merged “{merged}” into “{kept}”: {} now shown as “{kept}”. Files you add later are merged the same way.",
                        funding_lines(lines as u64)
                    ),
                    false,
                );
            }
            Err(reason) => problem.set(Some(reason)),
        }
    };
    let take_back = move |field: NameField, name: String| match state.unmerge_name(field, &name) {
        Ok(lines) => state.notify(
            format!(
                "Took back the merge of “{name}”: {} shown under their own names again.",
                funding_lines(lines as u64)
            ),
            false,
        ),
        Err(reason) => state.notify(sentence(&reason), true),
    };
    let listed = move || {
        renamed
            .get()
            .into_iter()
            .map(|r| {
                let text = format!(
                    "{}: {} → {} ({}, {}; {})",
                    r.field.label(),
                    r.from,
                    r.into,
                    funding_lines(u64::from(r.lines)),
                    format::gbp(r.money),
                    r.why
                );
                let by_hand = r.why == MERGED_BY_HAND;
                let (field, name) = (r.field, r.from.clone());
                let label = format!("Take back the merge of {}", r.from);
                view! {
                    <li>
                        {text}
                        {by_hand.then(|| view! {
                            <button type="button" class="secondary" on:click=move |_| take_back(field, name.clone())>
                                {label}
                            </button>
                        })}
                    </li>
                }
            })
            .collect_view()
    };
    let options = move || {
        suggestions
            .get()
            .into_iter()
            .map(|name| view! { <option value=name></option> })
            .collect_view()
    };
    view! {
        <details class="merge-names" on:toggle=move |e| {
            let details: web_sys::HtmlDetailsElement = event_target(&e);
            open.set(details.open());
        }>
            <summary>"Merge funder or programme names"</summary>
            <p class="hint">
                "Government departments are one funder under any name or abbreviation (DfE and Department for Education; DCLG, MHCLG and DLUHC), including renames. Merge any other two names here: it applies to every file, now and later, and exports show “name as written → merged name”."
            </p>
            <fieldset class="merge-field">
                <legend>"Names of"</legend>
                {NameField::ALL.map(|choice| view! {
                    <label>
                        <input type="radio" name="merge-field" checked=move || field.get() == choice
                            on:change=move |_| field.set(choice) />
                        {format!(" {}s", choice.label())}
                    </label>
                })}
            </fieldset>
            <div class="merge-form">
                <label for="merge-from">"Merge this name"</label>
                <input id="merge-from" type="text" list="merge-name-options" autocomplete="off" node_ref=from />
                <label for="merge-into">"Into this name"</label>
                <input id="merge-into" type="text" list="merge-name-options" autocomplete="off" node_ref=into />
                <datalist id="merge-name-options">{options}</datalist>
                <button type="button" on:click=merge>"Merge names"</button>
                <p class="field-error" role="alert">{move || problem.get()}</p>
            </div>
            <h3>"Names shown as one"</h3>
            <Show when=move || renamed.with(|r| !r.is_empty()) fallback=|| view! { <p>"No names are merged."</p> }>
                <ul class="renamed">{listed}</ul>
            </Show>
        </details>
    }
}
