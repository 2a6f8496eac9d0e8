//! Dragging lines with a mouse, pen or finger (pointer events): where a drag starts, what
//! follows the pointer, and where it drops.

use leptos::ev;
use leptos::prelude::*;

use super::PoolingState;
use crate::targets::{drag_selection, edge_scroll, parse_target};
use grantpool::scenario::PotId;

/// Lines being dragged, and where the pointer is.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Drag {
    lines: Vec<u32>,
    label: String,
    start: (i32, i32),
    at: (i32, i32),
    active: bool,
    over: Option<Option<PotId>>,
    /// The drop target the drag started in (the map or a pot).
    from: Option<Option<PotId>>,
}

/// Starts dragging `lines`, or the whole selection when `lines` are part of it.
pub(super) fn start_drag(
    pooling: PoolingState,
    event: &web_sys::PointerEvent,
    lines: &[u32],
    label: &str,
) {
    if event.button() != 0 {
        return;
    }
    event.prevent_default();
    let (lines, label) = pooling
        .selected
        .with_untracked(|selected| drag_selection(selected, lines, label));
    pooling.drag.set(Some(Drag {
        lines,
        label,
        start: (event.client_x(), event.client_y()),
        at: (event.client_x(), event.client_y()),
        active: false,
        over: None,
        from: target_at((event.client_x(), event.client_y())),
    }));
}

pub(super) fn drop_class(pooling: PoolingState, target: Option<PotId>) -> impl Fn() -> bool + Copy {
    move || {
        pooling.drag.with(|d| {
            d.as_ref()
                .is_some_and(|d| d.active && d.over == Some(target))
        })
    }
}

/// What follows the pointer while dragging.
#[component]
pub(super) fn DragGhost() -> impl IntoView {
    let pooling = expect_context::<PoolingState>();
    move || {
        pooling.drag.get().filter(|d| d.active).map(|drag| {
            view! {
                <div class="drag-ghost" aria-hidden="true" style=format!("left: {}px; top: {}px", drag.at.0 + 12, drag.at.1 + 12)>
                    {drag.label}
                </div>
            }
        })
    }
}

/// The drop target under the window point `at`, if any.
fn target_at(at: (i32, i32)) -> Option<Option<PotId>> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.element_from_point(at.0 as f32, at.1 as f32))
        .and_then(|e| e.closest("[data-drop-target]").ok().flatten())
        .and_then(|e| e.get_attribute("data-drop-target"))
        .and_then(|value| parse_target(&value))
}

/// Follows the pointer while dragging: where it is, and the drop target under it.
pub(super) fn follow_pointer(pooling: PoolingState) -> WindowListenerHandle {
    window_event_listener(ev::pointermove, move |event: web_sys::PointerEvent| {
        if pooling.drag.with_untracked(Option::is_none) {
            return;
        }
        let at = (event.client_x(), event.client_y());
        let over = target_at(at);
        pooling.drag.update(|drag| {
            if let Some(drag) = drag {
                let moved = (at.0 - drag.start.0).abs() + (at.1 - drag.start.1).abs();
                drag.active |= moved > 6;
                drag.at = at;
                drag.over = over;
            }
        });
    })
}

/// While a drag is held near the window's top or bottom edge, scrolls the window that way
/// ([`edge_scroll`]) and finds the target now under the pointer, so a pot off screen can be
/// reached with a finger. Over another drop target than the one it started in, it holds
/// still: the pot is reached.
pub(super) fn scroll_near_edges(pooling: PoolingState) -> Option<IntervalHandle> {
    let tick = move || {
        let Some(at) = pooling.drag.with_untracked(|d| {
            d.as_ref()
                .filter(|d| d.active && (d.over.is_none() || d.over == d.from))
                .map(|d| d.at)
        }) else {
            return;
        };
        let Some(window) = web_sys::window() else {
            return;
        };
        let height = window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0) as i32;
        let step = edge_scroll(at.1, height);
        if step != 0 {
            window.scroll_by_with_x_and_y(0.0, f64::from(step));
            let over = target_at(at);
            pooling.drag.update(|drag| {
                if let Some(drag) = drag {
                    drag.over = over;
                }
            });
        }
    };
    set_interval_with_handle(tick, std::time::Duration::from_millis(30)).ok()
}

/// Drops the dragged lines on the target under the pointer when it is released.
pub(super) fn drop_on_release(pooling: PoolingState) -> WindowListenerHandle {
    window_event_listener(ev::pointerup, move |_event: web_sys::PointerEvent| {
        let Some(drag) = pooling.drag.get_untracked() else {
            return;
        };
        pooling.drag.set(None);
        if let (true, Some(target)) = (drag.active, drag.over) {
            pooling.move_lines(drag.lines, target);
        }
    })
}
