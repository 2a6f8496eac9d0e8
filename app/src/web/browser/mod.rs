//! The browser edge: fetching, reading files, yielding to the event loop, storage, downloads,
//! printing and the canvas. `JsValue` errors become plain sentences here.

pub mod canvas_backend;
mod download;
mod fetch;
pub mod import_worker;
pub mod offline;
mod storage;
mod timing;
pub mod width;
pub mod workbook;

pub use download::{download, download_url, offscreen_canvas};
pub use fetch::{fetch_bytes, files_of, read_file, read_file_start};
pub use storage::{
    blob_in_slices, load_setting, prefetched_work, save_setting, store_get, store_get_bytes,
    store_write, Stored,
};
pub use timing::{for_a_slice, next_tick, now_ms, sleep};

pub(crate) fn window() -> Result<web_sys::Window, String> {
    web_sys::window().ok_or_else(|| "there is no browser window".to_owned())
}

/// Starts one of grantpool's workers (`url`, a module script that loads grantpool's own
/// module); `what` names the job for the sentence when the browser will not.
pub(crate) fn start_worker(url: &str, what: &str) -> Result<web_sys::Worker, String> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    web_sys::Worker::new_with_options(url, &options)
        .map_err(|_| format!("the browser could not start a worker to read {what}"))
}

/// Posts `fields` to `worker` as one message, with the page's own module, compiled already, so
/// the worker instantiates it without fetching and compiling it again.
pub(crate) fn post_to_worker(
    worker: &web_sys::Worker,
    fields: &[(&str, &wasm_bindgen::JsValue)],
) -> Result<(), ()> {
    let message = js_sys::Object::new();
    for (key, value) in fields
        .iter()
        .chain([("module", &wasm_bindgen::module())].iter())
    {
        js_sys::Reflect::set(&message, &(*key).into(), value).map_err(|_| ())?;
    }
    worker.post_message(&message).map_err(|_| ())
}

/// Opens the browser's print dialogue (where the page can also be saved as a PDF).
pub fn print_page() -> Result<(), String> {
    window()?
        .print()
        .map_err(|_| "the browser refused to print".to_owned())
}

/// Asks the person to confirm something that cannot be undone.
pub fn confirm(question: &str) -> bool {
    web_sys::window().is_some_and(|window| window.confirm_with_message(question).unwrap_or(false))
}

/// Today's date as YYYY-MM-DD, for file names.
pub fn today() -> String {
    let date = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}

/// Replaces the page's address (no new history entry): `?sample=…` names the sample shown,
/// and `./` the person's own files. A failure leaves the address as it was, which is harmless.
pub fn set_address(address: &str) {
    if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(address));
    }
}
