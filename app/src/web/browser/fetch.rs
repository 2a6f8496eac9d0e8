//! Bytes from the server and from the person's files.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::window;

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
pub async fn read_file(file: &web_sys::Blob) -> Result<Vec<u8>, String> {
    array_buffer_bytes(file.array_buffer(), "the file").await
}

/// The first `length` bytes of a file (all of it when it is shorter).
pub async fn read_file_start(file: &web_sys::Blob, length: f64) -> Result<Vec<u8>, String> {
    let start = file
        .slice_with_f64_and_f64(0.0, length)
        .map_err(|_| "the file could not be read".to_owned())?;
    read_file(&start).await
}

/// The files of a `FileList`.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
