//! An element's width in CSS pixels, kept by a `ResizeObserver`, so drawing code never reads
//! `clientWidth` (each read after a change to the page forces the browser to lay the whole page
//! out again, once per chart).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, ResizeObserver, ResizeObserverEntry};

/// Watches an element's content width; stops when dropped.
pub struct WidthObserver {
    observer: ResizeObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl WidthObserver {
    /// Calls `on_width` with `element`'s content width whenever it changes (and once when
    /// first laid out). `None` when the browser has no `ResizeObserver`.
    pub fn new(
        element: &Element,
        mut on_width: impl FnMut(f64) + 'static,
    ) -> Option<WidthObserver> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(entry) = entries.iter().last() {
                let entry: ResizeObserverEntry = entry.unchecked_into();
                on_width(entry.content_rect().width());
            }
        });
        let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        observer.observe(element);
        Some(WidthObserver {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for WidthObserver {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
