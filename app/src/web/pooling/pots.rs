//! The pots, each a drop target and a region named after the pot, with its settings.

use leptos::ev;
use leptos::prelude::*;

use super::drag::drop_class;
use super::map::{group_list, kept_groups, GroupsOf};
use super::PoolingState;
use crate::targets::target_value;
use grantpool::charts::{css_colour, palette};
use grantpool::format;
use grantpool::measures::{GroupBy, GroupsWanted};
use grantpool::scenario::{Command, Edit, PotId, PotPolicy};

fn pot_colour(index: u8) -> String {
    css_colour(grantpool::charts::pot_colour(index))
}

/// The pots, each a drop target and a region named after the pot.
#[component]
pub(super) fn Pots() -> impl IntoView {
    let pooling = expect_context::<PoolingState>();
    let app = pooling.app;
    let pot_ids = Memo::new(move |_| {
        app.editor
            .with(|e| e.scenario.pots.iter().map(|p| p.id).collect::<Vec<_>>())
    });
    let on_new = move |_| {
        let (number, colour) = app.editor.with_untracked(|e| {
            (
                e.newest_pot().map_or(1, |p| p.0 + 1),
                (e.scenario.pots.len() % palette::POTS.len()) as u8,
            )
        });
        let name = format!("Pot {number}");
        if app.run(Command::Edit(Edit::CreatePot {
            name: name.clone(),
            colour,
            policy: PotPolicy::LiftRingfence,
        })) {
            if let Some(id) = app.editor.with_untracked(|e| e.newest_pot()) {
                pooling.target.set(target_value(Some(id)));
            }
            app.notify(
                format!("Created “{name}”. It lifts the ringfence; change that in its settings."),
                false,
            );
        }
    };
    view! {
        <section class="pots" aria-labelledby="pots-heading">
            <h3 id="pots-heading">"Pots"</h3>
            <button type="button" class="primary" on:click=on_new>"New pot"</button>
            <For each=move || pot_ids.get() key=|id| id.0 let:id>
                <PotCard id=id />
            </For>
            {move || pot_ids.with(Vec::is_empty).then(|| view! {
                <p class="empty">"No pots yet. Create one, then move funding into it."</p>
            })}
        </section>
    }
}

#[component]
fn PotCard(id: PotId) -> impl IntoView {
    let pooling = expect_context::<PoolingState>();
    let app = pooling.app;
    let pot = Memo::new(move |_| app.editor.with(|e| e.scenario.pot(id).cloned()));
    let name = move || pot.with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let filter = expect_context::<crate::web::figures::Figures>().filter;
    // After a file joins or leaves a large place, a pot's lines are grouped in their turn, as
    // the map's are (but a pot a person has just made shows at once). A move that left this
    // pot's lines as they were leaves its groups be.
    let waiting = expect_context::<crate::web::figures::Figures>()
        .schedule
        .waiting_after_change();
    let contents = kept_groups(pooling, waiting, move || GroupsWanted {
        pot: Some(id),
        by: GroupBy::Funder,
        query: String::new(),
        filter: filter.get(),
        place: app.place_generation.get(),
    });
    let totals = move || {
        contents.with(|kept| {
            let groups = &kept.groups;
            let lines: usize = groups.iter().map(|g| g.lines.len()).sum();
            let total: grantpool::model::Pence = groups.iter().map(|g| g.money.total()).sum();
            format!(
                "{} line{} from {} funder{}, {}",
                format::count(lines as u64),
                if lines == 1 { "" } else { "s" },
                groups.len(),
                if groups.len() == 1 { "" } else { "s" },
                format::gbp(total)
            )
        })
    };
    let rename = move |event: ev::Event| {
        let value = event_target_value(&event);
        if value.trim() != name().trim() {
            app.run(Command::Edit(Edit::RenamePot {
                pot: id,
                name: value,
            }));
        }
    };
    let set_policy = move |event: ev::Event| {
        let policy = if event_target_value(&event) == "keep" {
            PotPolicy::KeepRingfence
        } else {
            PotPolicy::LiftRingfence
        };
        app.run(Command::Edit(Edit::SetPolicy { pot: id, policy }));
    };
    let set_colour = move |event: ev::Event| {
        if let Ok(colour) = event_target_value(&event).parse::<u8>() {
            app.run(Command::Edit(Edit::RecolourPot { pot: id, colour }));
        }
    };
    let delete = move |_| {
        let label = name();
        if app.run(Command::Edit(Edit::DeletePot { pot: id })) {
            app.notify(
                format!("Deleted “{label}”; its lines are in no pot again. Undo brings it back."),
                false,
            );
        }
    };
    let notes = move || pot.with(|p| p.as_ref().map(|p| p.notes.clone()).unwrap_or_default());
    let outcomes = move || pot.with(|p| p.as_ref().map(|p| p.outcomes.clone()).unwrap_or_default());
    let set_notes = move |event: ev::Event| {
        let value = event_target_value(&event);
        if value.trim() != notes()
            && app.run(Command::Edit(Edit::SetNotes {
                pot: id,
                notes: value,
            }))
        {
            app.notify(format!("Saved the notes of “{}”.", name()), false);
        }
    };
    let set_outcomes = move |list: Vec<String>, said: String| {
        if app.run(Command::Edit(Edit::SetOutcomes {
            pot: id,
            outcomes: list,
        })) {
            app.notify(said, false);
        }
    };
    let new_outcome = RwSignal::new(String::new());
    let add_outcome = move || {
        let outcome = new_outcome.get_untracked().trim().to_owned();
        if outcome.is_empty() {
            return;
        }
        let mut list = outcomes();
        list.push(outcome.clone());
        set_outcomes(
            list,
            format!("Added the outcome “{outcome}” to “{}”.", name()),
        );
        new_outcome.set(String::new());
    };
    let outcome_chips = move || {
        outcomes()
            .into_iter()
            .enumerate()
            .map(|(at, outcome)| {
                let label = format!("Remove outcome: {outcome}");
                let remove = move |_| {
                    let mut list = outcomes();
                    let gone = list.remove(at);
                    set_outcomes(list, format!("Removed the outcome “{gone}” from “{}”.", name()));
                };
                view! {
                    <li class="chip"><span>{outcome}</span><button type="button" aria-label=label on:click=remove>"×"</button></li>
                }
            })
            .collect_view()
    };
    let colour = move || pot.with(|p| p.as_ref().map_or(0, |p| p.colour));
    let policy = move || pot.with(|p| p.as_ref().map(|p| p.policy).unwrap_or_default());
    let is_over = drop_class(pooling, Some(id));
    let colour_options = palette::POTS
        .iter()
        .enumerate()
        .map(|(index, (label, _))| {
            view! { <option value=index.to_string() prop:selected=move || colour() as usize == index>{*label}</option> }
        })
        .collect_view();
    view! {
        <section
            class="pot"
            role="region"
            aria-label=name
            data-drop-target=target_value(Some(id))
            class:drop-over=is_over
            style=move || format!("border-left-color: {}", pot_colour(colour()))
        >
            <h4>{name}</h4>
            <Show
                when=move || !waiting.get()
                fallback=|| view! { <p class="pot-totals">"Grouping this pot’s lines…"</p> }
            >
                <p class="pot-totals">{totals}</p>
            </Show>
            <details class="pot-settings">
                <summary>"Settings"</summary>
                <label for=format!("pot-name-{}", id.0)>"Name"</label>
                <input id=format!("pot-name-{}", id.0) type="text" prop:value=name on:change=rename />
                <label for=format!("pot-policy-{}", id.0)>"Policy"</label>
                <select id=format!("pot-policy-{}", id.0) on:change=set_policy>
                    <option value="lift" prop:selected=move || policy() == PotPolicy::LiftRingfence>
                        {PotPolicy::LiftRingfence.label()}
                    </option>
                    <option value="keep" prop:selected=move || policy() == PotPolicy::KeepRingfence>
                        {PotPolicy::KeepRingfence.label()}
                    </option>
                </select>
                <label for=format!("pot-colour-{}", id.0)>"Colour"</label>
                <select id=format!("pot-colour-{}", id.0) on:change=set_colour>{colour_options}</select>
                <button type="button" on:click=delete>{move || format!("Delete “{}”", name())}</button>
            </details>
            <p class="pot-policy">{move || policy().label()}</p>
            <details class="pot-reasoning">
                <summary>{move || format!("Notes and outcomes ({})", outcomes().len())}</summary>
                <label for=format!("pot-notes-{}", id.0)>"Notes"</label>
                <textarea id=format!("pot-notes-{}", id.0) rows="3" prop:value=notes on:change=set_notes></textarea>
                <p class="label-like" id=format!("pot-outcomes-{}", id.0)>"Outcomes"</p>
                <ul class="chips" aria-labelledby=format!("pot-outcomes-{}", id.0)>{outcome_chips}</ul>
                <form class="add-outcome" on:submit=move |event: ev::SubmitEvent| {
                    event.prevent_default();
                    add_outcome();
                }>
                    <label for=format!("pot-new-outcome-{}", id.0)>"New outcome"</label>
                    <input
                        id=format!("pot-new-outcome-{}", id.0)
                        type="text"
                        placeholder="e.g. fewer children in care"
                        prop:value=move || new_outcome.get()
                        on:input=move |event| new_outcome.set(event_target_value(&event))
                    />
                    <button type="submit">"Add outcome"</button>
                </form>
            </details>
            <Show when=move || !waiting.get()>
                {group_list(
                    pooling,
                    contents,
                    "pot",
                    "Empty: drag funding here, or select it and use Move to pot.",
                    Signal::derive(move || GroupsOf { pot: Some(id), name: name(), query: String::new() }),
                )}
            </Show>
        </section>
    }
}
