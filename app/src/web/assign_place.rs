//! Giving a place to a recipient whose lines the files did not place: one action places all
//! of that recipient's lines and is remembered for the next file; each can be taken back.

use leptos::prelude::*;

use super::figures::Figures;
use super::state::AppState;
use super::whole_file_place::{council_options, resolve};
use crate::announce::{funding_lines, sentence};
use crate::figure_queue::Follows;
use grantpool::compare::unplaced_recipients;
use grantpool::format;
use grantpool::geography::gazetteer;
use grantpool::place::{PlaceChange, PlaceCommand};

/// The most recipients the form lists (those with the most money first).
const LISTED: usize = 200;

#[component]
pub fn AssignPlace() -> impl IntoView {
    let state = expect_context::<AppState>();
    let recipients = expect_context::<Figures>()
        .schedule
        .figure(Follows::Place, move || {
            state
                .place
                .with(|p| unplaced_recipients(&p.dataset, LISTED))
        });
    let assigned = Memo::new(move |_| {
        state.place.with(|p| {
            p.dataset
                .assigned_places
                .iter()
                .map(|(recipient, code)| (recipient.clone(), gazetteer().name_of(code).to_owned()))
                .collect::<Vec<_>>()
        })
    });
    let recipient = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let place_input = NodeRef::<leptos::html::Input>::new();
    let give = move |_| {
        let who = match recipient.get_untracked() {
            chosen if !chosen.is_empty() => chosen,
            _ => match recipients.with_untracked(|r| r.first().map(|r| r.0.clone())) {
                Some(first) => first,
                None => return,
            },
        };
        let typed = place_input
            .get_untracked()
            .map(|i| i.value())
            .unwrap_or_default();
        let area = match resolve(&typed) {
            Ok(Some(area)) => area,
            Ok(None) => {
                problem.set(Some(
                    "Type the council to give, by name or GSS code.".to_owned(),
                ));
                return;
            }
            Err(reason) => {
                problem.set(Some(sentence(&reason)));
                return;
            }
        };
        let command = PlaceCommand::AssignPlace {
            recipient: who.clone(),
            code: area.code.to_owned(),
        };
        match state.change_place(command) {
            Ok(PlaceChange::Placed { lines, money }) => {
                problem.set(None);
                recipient.set(String::new());
                if let Some(input) = place_input.get_untracked() {
                    input.set_value("");
                }
                state.notify(
                    format!(
                        "Gave {} to “{who}”: {} ({}). Files you add later are placed the same way.",
                        area.name,
                        funding_lines(lines as u64),
                        format::gbp(money)
                    ),
                    false,
                );
            }
            Ok(_) => {}
            Err(reason) => problem.set(Some(reason)),
        }
    };
    let take_back = move |who: String| match state.change_place(PlaceCommand::UnassignPlace {
        recipient: who.clone(),
    }) {
        Ok(PlaceChange::Placed { lines, .. }) => state.notify(
            format!(
                "Took back the place given to “{who}”: {} have no place again.",
                funding_lines(lines as u64)
            ),
            false,
        ),
        Ok(_) => {}
        Err(reason) => state.notify(reason, true),
    };
    // The form (its recipients, a pass over every line, and the councils) is made when opened.
    let open = RwSignal::new(false);
    let on_toggle = move |event: leptos::ev::Event| {
        open.set(event_target::<web_sys::HtmlDetailsElement>(&event).open())
    };
    view! {
        <details class="assign-place" on:toggle=on_toggle>
            <summary>"Give a recipient a place"</summary>
            <Show when=move || open.get()>
                <Show
                    when=move || recipients.with(|r| !r.is_empty())
                    fallback=|| view! { <p class="hint">"Every recipient in these files has a place, so there is none to give."</p> }
                >
                    <div class="assign-form">
                        <label for="assign-recipient">"Recipient with no place"</label>
                        <select id="assign-recipient" on:change=move |e| recipient.set(event_target_value(&e))>
                            {move || recipients.get().into_iter().map(|(name, lines, money)| {
                                let label = format!("{name} ({}, {})", funding_lines(lines as u64), format::gbp(money));
                                view! { <option value=name.clone() selected=move || recipient.get() == name>{label}</option> }
                            }).collect_view()}
                        </select>
                        <label for="assign-place-input">"Place to give"</label>
                        <input id="assign-place-input" type="text" list="assign-council-options" autocomplete="off" node_ref=place_input />
                        <datalist id="assign-council-options">{council_options()}</datalist>
                        <button type="button" on:click=give>"Give this place"</button>
                        <p class="field-error" role="alert">{move || problem.get()}</p>
                    </div>
                </Show>
            </Show>
            <Show when=move || assigned.with(|a| !a.is_empty())>
                <h3>"Places you gave"</h3>
                <ul class="assigned">
                    {move || assigned.get().into_iter().map(|(who, place)| {
                        let name = who.clone();
                        view! {
                            <li>
                                {format!("{who} → {place} ")}
                                <button type="button" class="secondary" on:click=move |_| take_back(name.clone())>
                                    {format!("Take back the place of {who}")}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </details>
    }
}
