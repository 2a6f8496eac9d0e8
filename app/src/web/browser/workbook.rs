//! Reading a workbook in a Web Worker (www/workbook-worker.js), one worker a file: a reader
//! that panics or runs out of memory on a damaged file stops the worker, not the page.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::{post_to_worker, start_worker};
use crate::worker_answer::WorkerAnswer;

/// What a damaged workbook that stopped the reader reads as.
const READER_FAILED: &str =
    "the workbook reader stopped on this file, so it may be damaged; nothing from it was added";

/// Reads sheet `sheet` (the first when `None`) of workbook `name` in a worker.
pub async fn read_workbook(
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<WorkerAnswer, String> {
    let worker = start_worker("./workbook-worker.js", "the workbook")?;
    let answered = js_sys::Promise::new(&mut |resolve, reject| {
        let on_message = Closure::once_into_js(move |event: web_sys::MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &event.data());
        });
        let on_error = Closure::once_into_js(move |event: web_sys::ErrorEvent| {
            event.prevent_default();
            let _ = reject.call1(&JsValue::NULL, &event.message().into());
        });
        worker.set_onmessage(Some(on_message.unchecked_ref()));
        worker.set_onerror(Some(on_error.unchecked_ref()));
    });
    let sheet = sheet.map_or(JsValue::UNDEFINED, JsValue::from);
    let fields = [
        ("name", &JsValue::from(name)),
        ("bytes", &js_sys::Uint8Array::from(bytes).into()),
        ("sheet", &sheet),
    ];
    if post_to_worker(&worker, &fields).is_err() {
        worker.terminate();
        return Err("the workbook could not be handed to the worker".to_owned());
    }
    let answer = JsFuture::from(answered).await;
    // One worker a file: after a failure its module cannot be trusted again.
    worker.terminate();
    let text = answer
        .ok()
        .and_then(|value| value.as_string())
        .ok_or_else(|| READER_FAILED.to_owned())?;
    if text.starts_with("{\"Failed\"") {
        return Err(READER_FAILED.to_owned());
    }
    serde_json::from_str(&text).map_err(|_| READER_FAILED.to_owned())
}
