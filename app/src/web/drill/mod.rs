//! "Lines behind the selection": choosing any figure (a chart region, a table row, a map group,
//! a measure) opens the lines behind it, from the core's [`lines_behind`], with their count
//! and exact total; from there they can be narrowed by status, moved to a pot, exported, or
//! turned into a filter.

mod list;
mod panel;

pub use panel::LinesBehind;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::figures::Figures;
use super::state::AppState;
use grantpool::drill::{lines_behind, Behind};
use grantpool::format;
use grantpool::selection::Selection;

/// What is open, shared through context.
#[derive(Clone, Copy)]
pub struct Drill {
    /// The choice whose lines are shown; `None` when the panel is closed.
    pub chosen: RwSignal<Option<Selection>>,
    /// Its lines, recomputed when the place, the pots or the view change.
    pub behind: Memo<Option<Behind>>,
    /// Where the focus was when the panel opened, to return it on close.
    came_from: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    state: AppState,
}

impl Drill {
    pub fn new(state: AppState, figures: Figures) -> Drill {
        let chosen = RwSignal::new(None::<Selection>);
        let behind = Memo::new(move |_| {
            chosen.with(|chosen| {
                chosen.as_ref().map(|selection| {
                    state.place.with(|place| {
                        state.editor.with(|editor| {
                            lines_behind(
                                &place.dataset,
                                &editor.scenario,
                                &figures.filter.get(),
                                selection,
                            )
                        })
                    })
                })
            })
        });
        Drill {
            chosen,
            behind,
            came_from: StoredValue::new_local(None),
            state,
        }
    }

    /// Opens the lines behind `selection`, remembers where the focus was, and says what is
    /// shown in the live region.
    pub fn open(&self, selection: Selection) {
        let active = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if self.chosen.with_untracked(Option::is_none) {
            self.came_from.set_value(active);
        }
        self.chosen.set(Some(selection));
        self.announce();
        focus_soon("lines-behind-heading");
    }

    /// Narrows (or widens) what is open and says what is shown.
    pub fn change(&self, change: impl FnOnce(&Selection) -> Selection) {
        let Some(changed) = self.chosen.with_untracked(|c| c.as_ref().map(change)) else {
            return;
        };
        self.chosen.set(Some(changed));
        self.announce();
    }

    /// Closes the panel and returns the focus where it came from.
    pub fn close(&self) {
        self.chosen.set(None);
        if let Some(element) = self.came_from.get_value() {
            if element.is_connected() {
                let _ = element.focus();
            }
        }
        self.came_from.set_value(None);
    }

    /// "Showing 340 lines, £46,912,300, behind Home Office, ringfenced."
    pub fn sentence(&self) -> Option<String> {
        let title = self
            .chosen
            .with_untracked(|c| c.as_ref().map(Selection::title))?;
        let behind = self.behind.get_untracked()?;
        Some(format!(
            "Showing {}, {}, behind {title}.",
            format::counted(behind.lines.len() as u64, "line", "lines"),
            format::gbp(behind.total)
        ))
    }

    fn announce(&self) {
        if let Some(said) = self.sentence() {
            self.state.notify(said, false);
        }
    }
}

/// Moves the focus to the element with `id` once the page has drawn it.
fn focus_soon(id: &'static str) {
    request_animation_frame(move || {
        if let Some(element) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}
