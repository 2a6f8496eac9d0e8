//! The browser edge: fetching, reading files, yielding to the event loop and local storage.
//! `JsValue` errors become plain sentences here.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn window() -> Result<web_sys::Window, String> {
    web_sys::window().ok_or_else(|| "there is no browser window".to_owned())
}

async fn array_buffer_bytes(promise: js_sys::Promise, what: &str) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(promise)
        .await
        .map_err(|_| format!("{what} could not be read"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The bytes at `url`, or a sentence saying why they could not be had.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let response = JsFuture::from(window()?.fetch_with_str(url))
        .await
        .map_err(|_| "the browser could not reach the server".to_owned())?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "the browser returned something that is not a response".to_owned())?;
    if !response.ok() {
        return Err(format!(
            "the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let body = response
        .array_buffer()
        .map_err(|_| "the response has no body".to_owned())?;
    array_buffer_bytes(body, "the download").await
}

/// The contents of a file the user chose or dropped.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    array_buffer_bytes(file.array_buffer(), "the file").await
}

/// The files of a `FileList`.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Lets the browser paint and handle input before the next piece of work.
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Milliseconds from a fixed point, for pacing work.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// A value saved in this browser's local storage.
pub fn load_setting(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

/// Saves a value in this browser's local storage. Storage can be full or switched off; the app
/// works without it.
pub fn save_setting(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}
