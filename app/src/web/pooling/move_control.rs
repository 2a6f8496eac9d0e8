//! The keyboard route for every drag: choose a pot and move the selected lines there.

use std::collections::HashSet;

use leptos::prelude::*;

use super::PoolingState;
use crate::targets::{target_value, NOT_IN_A_POT_VALUE};
use crate::web::state::AppState;
use grantpool::format;
use grantpool::scenario::NOT_IN_A_POT;

/// The options of a "move to" select: each pot, then "Not in a pot", the one `current` names
/// selected. Shared by Move to pot and the lines behind a figure.
pub fn target_options(app: AppState, current: Memo<String>) -> impl IntoView {
    let pots = move || {
        app.editor.with(|editor| {
            editor
                .scenario
                .pots
                .iter()
                .map(|pot| {
                    let value = target_value(Some(pot.id));
                    let shown = value.clone();
                    view! { <option value=value prop:selected=move || current.get() == shown>{pot.name.clone()}</option> }
                })
                .collect_view()
        })
    };
    view! {
        {pots}
        <option value=NOT_IN_A_POT_VALUE prop:selected=move || current.get() == NOT_IN_A_POT_VALUE>
            {NOT_IN_A_POT}
        </option>
    }
}

/// The keyboard route for every drag: choose a pot and move the selected lines there.
#[component]
pub(super) fn MoveControl() -> impl IntoView {
    let pooling = expect_context::<PoolingState>();
    let app = pooling.app;
    let count = Memo::new(move |_| pooling.selected.with(HashSet::len));
    let current = Memo::new(move |_| target_value(pooling.move_target()));
    let on_move = move |_| {
        let lines: Vec<u32> = pooling.selected.with_untracked(|s| {
            let mut lines: Vec<u32> = s.iter().copied().collect();
            lines.sort_unstable();
            lines
        });
        pooling.move_lines(lines, pooling.move_target());
    };
    view! {
        <div class="move-control">
            <label for="move-target">"Move to pot"</label>
            <select id="move-target" on:change=move |event| pooling.target.set(event_target_value(&event))>
                {target_options(app, current)}
            </select>
            <button type="button" on:click=on_move disabled=move || count.get() == 0>
                {move || format!("Move {} selected line{}", format::count(count.get() as u64), if count.get() == 1 { "" } else { "s" })}
            </button>
        </div>
    }
}
