//! The browser front end: thin Leptos components over the pure core.

mod app;
mod attention;
mod bench;
mod browser;
mod canvas_backend;
mod chart_canvas;
mod figures;
mod pooling;
mod state;
mod upload;

/// Mounts the app on the page's body.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

/// The size of the WebAssembly memory in bytes, read by the benchmark harness
/// (`window.wasmBindings.wasm_memory_bytes()`) to report peak memory.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|memory| {
            memory
                .buffer()
                .dyn_into::<js_sys::ArrayBuffer>()
                .map_or(0.0, |b| f64::from(b.byte_length()))
        })
        .unwrap_or(0.0)
}
