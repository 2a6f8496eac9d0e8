//! Redesigning the place: the funding map, pots, moving lines by keyboard or by dragging, undo
//! and redo, and the measures before and after. Every change is a scenario [`Command`].

mod drag;
mod effect;
mod map;
mod move_control;
mod pots;

use std::collections::HashSet;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::costs::CostAssumptionsRegion;
use super::exports::ScenarioFiles;
use super::figures::MeasuresTable;
use super::scenarios::{ScenarioBar, ScenarioComparisonRegion};
use super::state::AppState;
use crate::announce;
use crate::targets::move_target;
use drag::{Drag, DragGhost};
use grantpool::scenario::{lines_across_years, Command, Edit, PotId};
use grantpool::view::LineFilter;
use map::FundingMap;
pub use move_control::target_options;
use move_control::MoveControl;
use pots::Pots;

/// Shared by the map, the pots and the move control.
#[derive(Clone, Copy)]
struct PoolingState {
    app: AppState,
    selected: RwSignal<HashSet<u32>>,
    drag: RwSignal<Option<Drag>>,
    /// The "Move to pot" choice, as a drop-target value; blank means the first pot.
    target: RwSignal<String>,
    /// The lines shown (the place and year picked).
    filter: Memo<LineFilter>,
}

impl PoolingState {
    /// Where "Move" sends lines ([`move_target`]).
    fn move_target(&self) -> Option<PotId> {
        let chosen = self.target.get();
        self.app
            .editor
            .with(|editor| move_target(&chosen, &editor.scenario))
    }

    /// Moves lines and says what happened.
    fn move_lines(&self, lines: Vec<u32>, to: Option<PotId>) {
        if move_lines(self.app, &self.filter.get_untracked(), lines, to) {
            self.selected.set(HashSet::new());
        }
    }
}

/// Moves lines of the view `filter` shows into a pot (or out of every pot) as one undoable
/// command, and says what happened: the one route of the map, the pots and the lines behind a
/// figure. Pots apply across years: with one year shown, the same programmes' lines in the
/// place's other years go too. False when nothing moved.
pub fn move_lines(app: AppState, filter: &LineFilter, lines: Vec<u32>, to: Option<PotId>) -> bool {
    if lines.is_empty() {
        app.notify("Select some funding lines first.".to_owned(), true);
        return false;
    }
    let chosen = lines.len();
    let lines = app.place.with_untracked(|place| {
        app.editor.with_untracked(|editor| {
            lines_across_years(&place.dataset, &editor.scenario, filter, &lines)
        })
    });
    let (count, total) = app.place.with_untracked(|place| {
        let total = lines
            .iter()
            .filter_map(|&l| place.dataset.lines.get(l as usize))
            .map(|l| l.amount)
            .sum();
        (lines.len(), total)
    });
    let destination = to.and_then(|pot| {
        app.editor
            .with_untracked(|e| e.scenario.pot(pot).map(|p| p.name.clone()))
    });
    if !app.run(Command::Edit(Edit::MoveLines { lines, to })) {
        return false;
    }
    let mut said = announce::moved(count, total, destination.as_deref());
    if count > chosen {
        said.push_str(&format!(
            " That includes {} of the same programmes in the place’s other years: a pot holds its programmes in every year.",
            announce::funding_lines((count - chosen) as u64)
        ));
    }
    app.notify(said, false);
    true
}

/// The redesign workspace.
#[component]
pub fn Pooling() -> impl IntoView {
    let app = expect_context::<AppState>();
    let pooling = PoolingState {
        app,
        selected: RwSignal::new(HashSet::new()),
        drag: RwSignal::new(None),
        target: RwSignal::new(String::new()),
        filter: expect_context::<super::figures::Figures>().filter,
    };
    provide_context(pooling);

    let undo = move || app.undo();
    let redo = move || app.redo();
    let in_text_field = |event: &web_sys::KeyboardEvent| {
        event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA"))
    };
    let handles = [
        window_event_listener(ev::keydown, move |event: web_sys::KeyboardEvent| {
            let z = event.key().eq_ignore_ascii_case("z");
            if !z || !(event.ctrl_key() || event.meta_key()) || in_text_field(&event) {
                return;
            }
            event.prevent_default();
            if event.shift_key() {
                redo();
            } else {
                undo();
            }
        }),
        drag::follow_pointer(pooling),
        drag::drop_on_release(pooling),
    ];
    let edge_scrolling = drag::scroll_near_edges(pooling);
    on_cleanup(move || {
        handles.into_iter().for_each(|handle| handle.remove());
        if let Some(interval) = edge_scrolling {
            interval.clear();
        }
    });

    let can_undo = Memo::new(move |_| app.can_undo());
    let can_redo = Memo::new(move |_| app.can_redo());

    view! {
        <section class="pooling" aria-labelledby="pooling-heading">
            <h2 id="pooling-heading">"Redesign: pool funding into pots"</h2>
            <p class="hint">
                "Drag a group of funding lines onto a pot, or select groups with their checkboxes and use "
                <strong>"Move to pot"</strong>
                ". A pot that lifts the ringfence is a Total Place+ single pot: its money becomes flexible."
            </p>
            <ScenarioBar />
            <div class="toolbar">
                <button type="button" disabled=move || !can_undo.get() on:click=move |_| undo()>
                    "Undo"
                </button>
                <button type="button" disabled=move || !can_redo.get() on:click=move |_| redo()>
                    "Redo"
                </button>
                <ScenarioFiles />
                <MoveControl />
            </div>
            <div class="pooling-columns">
                <FundingMap />
                <Pots />
                <effect::EffectPanel />
            </div>
            <DragGhost />
        </section>
        <MeasuresTable />
        <CostAssumptionsRegion />
        <ScenarioComparisonRegion />
    }
}
