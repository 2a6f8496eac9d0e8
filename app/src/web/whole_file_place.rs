//! "This whole file is one place", chosen at the mapping step: a council for every line of
//! the file that its own cells do not place (a council's own grants file, say).

use leptos::prelude::*;

use super::state::AppState;
use crate::announce::sentence;
use grantpool::geography::{gazetteer, Area};

/// How a council reads in the box: `County Durham (E06000047)`.
pub(super) fn area_text(area: &Area) -> String {
    format!("{} ({})", area.name, area.code)
}

/// The council typed: a box entry, a GSS code, a council's name, or the one council whose name
/// starts with or contains the text.
pub(super) fn resolve(typed: &str) -> Result<Option<&'static Area>, String> {
    let text = typed.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let g = gazetteer();
    let inside = text
        .rsplit_once('(')
        .and_then(|(_, code)| code.strip_suffix(')'))
        .unwrap_or(text);
    if let Some(area) = g.by_code(inside).or_else(|| g.by_name(text)) {
        return Ok(Some(area));
    }
    match g.search(text).as_slice() {
        [one] => Ok(Some(one)),
        [] => Err(format!("no council matches “{text}”")),
        many => Err(format!(
            "“{text}” matches {} councils ({}…); type more of the name",
            many.len(),
            many.iter()
                .take(3)
                .map(|a| a.name)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Every current council as a suggestion for a place box's `<datalist>`.
pub(super) fn council_options() -> impl IntoView {
    gazetteer()
        .search("")
        .into_iter()
        .map(|area| view! { <option value=area_text(area)></option> })
        .collect_view()
}

/// The mapping step's place for the whole file.
#[component]
pub fn WholeFilePlace() -> impl IntoView {
    let state = expect_context::<AppState>();
    let problem = RwSignal::new(None::<String>);
    let shown = move || {
        state.mapping.with(|step| {
            step.as_ref()
                .and_then(|s| s.place.as_deref())
                .and_then(|code| gazetteer().by_code(code))
                .map(area_text)
                .unwrap_or_default()
        })
    };
    let choose = move |input: web_sys::HtmlInputElement| match resolve(&input.value()) {
        Ok(area) => {
            problem.set(None);
            state.mapping.update(|step| {
                if let Some(step) = step {
                    step.place = area.map(|a| a.code.to_owned());
                }
            });
            input.set_value(&area.map(area_text).unwrap_or_default());
        }
        Err(reason) => problem.set(Some(sentence(&reason))),
    };
    let councils = council_options();
    view! {
        <div class="whole-file-place">
            <label for="whole-file-place">"This whole file is one place (optional)"</label>
            <input
                id="whole-file-place"
                type="text"
                list="council-options"
                autocomplete="off"
                aria-describedby="whole-file-place-help"
                prop:value=shown
                on:change=move |event| choose(event_target(&event))
                on:keydown=move |event: leptos::ev::KeyboardEvent| {
                    if event.key() == "Enter" {
                        event.prevent_default();
                        choose(event_target(&event));
                    }
                }
            />
            <datalist id="council-options">{councils}</datalist>
            <p id="whole-file-place-help" class="hint">
                "Type a council’s name or GSS code. Lines whose own place code, council identifier or council name says where they go keep that place; the rest get this one."
            </p>
            <p class="field-error" role="alert">{move || problem.get()}</p>
        </div>
    }
}
