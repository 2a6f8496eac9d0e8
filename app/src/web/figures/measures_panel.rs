//! The measures table, today and with the pots: one component, one list of definitions and
//! one formatting (the core's [`table::MEASURES`]), on the page and in the board pack.

use leptos::prelude::*;

use super::Figures;
use grantpool::drill::measure_selection;
use grantpool::measures::table::{self, COLUMNS, HEADING, MEASURES};

/// The measures today and under the person's pots, side by side, each name showing its
/// definition on hover and on keyboard focus. `in_pack` sets the heading level and the ids
/// for the board pack, where the table prints under the pack's own heading.
#[component]
pub fn MeasuresTable(#[prop(optional)] in_pack: bool) -> impl IntoView {
    let figures = expect_context::<Figures>();
    let (before, after) = (figures.today, figures.with_pots);
    let prefix = if in_pack { "pack-" } else { "" };
    let drill = use_context::<crate::web::drill::Drill>();
    let costs = expect_context::<crate::web::state::AppState>().costs;
    let rows = MEASURES
        .iter()
        .enumerate()
        .map(|(index, measure)| {
            let definition_id = format!("{prefix}measure-definition-{index}");
            let (show, change) = (measure.show, measure.change);
            view! {
                <tr>
                    <th scope="row">
                        {if in_pack {
                            view! {
                                <span class="measure-name" tabindex="0" aria-describedby=definition_id.clone()>
                                    {measure.name}
                                </span>
                            }
                            .into_any()
                        } else {
                            view! {
                                <button
                                    type="button"
                                    class="measure-name link-button"
                                    aria-describedby=definition_id.clone()
                                    on:click=move |_| {
                                        if let Some(drill) = drill {
                                            drill.open(measure_selection(measure));
                                        }
                                    }
                                >
                                    {measure.name}
                                </button>
                            }
                            .into_any()
                        }}
                        <span class="measure-definition" role="tooltip" id=definition_id>{measure.definition}</span>
                    </th>
                    <td>{move || { let c = costs.get(); before.with(|m| show(m, &c)) }}</td>
                    <td>{move || { let c = costs.get(); after.with(|m| show(m, &c)) }}</td>
                    <td class="change">{move || { let c = costs.get(); before.with(|b| after.with(|a| change(b, a, &c))) }}</td>
                </tr>
            }
        })
        .collect_view();
    let heading = if in_pack {
        view! { <h3>{HEADING}</h3> }.into_any()
    } else {
        view! { <h2 id="measures-heading">{HEADING}</h2> }.into_any()
    };
    let columns = COLUMNS
        .iter()
        .map(|&column| view! { <th scope="col">{column}</th> })
        .collect_view();
    // The rows are also what the board pack's text says; keep them in step with the core.
    debug_assert_eq!(table::MEASURES.len(), MEASURES.len());
    view! {
        <section class="measures" role="region" aria-label="Measures">
            {heading}
            <div class="table-scroll" tabindex="0" role="group" aria-label="Fragmentation measures table">
                <table class:pack-table=in_pack>
                    <caption class="visually-hidden">"Fragmentation measures today and with your pots"</caption>
                    <thead>
                        <tr>{columns}</tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
