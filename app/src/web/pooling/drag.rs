//! Dragging lines with a mouse, pen or finger (pointer events): where a drag starts, what
//! follows the pointer, and where it drops.

use leptos::ev;
use leptos::prelude::*;

use super::PoolingState;
use crate::targets::{drag_selection, parse_target};
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

/// Follows the pointer while dragging: where it is, and the drop target under it.
pub(super) fn follow_pointer(pooling: PoolingState) -> WindowListenerHandle {
    window_event_listener(ev::pointermove, move |event: web_sys::PointerEvent| {
        if pooling.drag.with_untracked(Option::is_none) {
            return;
        }
        let at = (event.client_x(), event.client_y());
        let over = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.element_from_point(at.0 as f32, at.1 as f32))
            .and_then(|e| e.closest("[data-drop-target]").ok().flatten())
            .and_then(|e| e.get_attribute("data-drop-target"))
            .and_then(|value| parse_target(&value));
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
