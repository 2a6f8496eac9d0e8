//! The workbook worker's entry point (www/workbook-worker.js loads this same module in a Web
//! Worker): reads one sheet of a workbook and answers with its rows, as JSON. A reader that
//! panics or runs out of memory here stops only the worker; the page reports the file.

use wasm_bindgen::prelude::*;

use grantpool_app::worker_answer::answer;

/// Reads sheet `sheet` (the first when absent) of workbook `name`; answers a
/// [`grantpool_app::worker_answer::WorkerAnswer`] as JSON.
#[wasm_bindgen]
pub fn read_workbook_json(name: &str, bytes: &[u8], sheet: Option<String>) -> String {
    serde_json::to_string(&answer(name, bytes, sheet.as_deref()))
        .unwrap_or_else(|error| format!("{{\"Refused\":\"{error}\"}}"))
}
