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

const DATABASE: &str = "grantpool";
const STORE: &str = "work";

/// Resolves when an IndexedDB request succeeds, with its result.
async fn request_result(request: web_sys::IdbRequest) -> Result<wasm_bindgen::JsValue, String> {
    use wasm_bindgen::closure::Closure;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let succeeded = request.clone();
        let on_success = Closure::once_into_js(move |_event: web_sys::Event| {
            let result = succeeded
                .result()
                .unwrap_or(wasm_bindgen::JsValue::UNDEFINED);
            let _ = resolve.call1(&wasm_bindgen::JsValue::NULL, &result);
        });
        let on_error = Closure::once_into_js(move |_event: web_sys::Event| {
            let _ = reject.call0(&wasm_bindgen::JsValue::NULL);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise)
        .await
        .map_err(|_| "the browser's storage refused the request".to_owned())
}

async fn object_store(
    mode: web_sys::IdbTransactionMode,
) -> Result<web_sys::IdbObjectStore, String> {
    let refused = |_| "the browser's storage is not available".to_owned();
    let factory = window()?
        .indexed_db()
        .map_err(refused)?
        .ok_or_else(|| "this browser has no storage for pages".to_owned())?;
    let open = factory.open_with_u32(DATABASE, 1).map_err(refused)?;
    let upgrade = wasm_bindgen::closure::Closure::once_into_js(move |event: web_sys::Event| {
        let database = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::IdbOpenDbRequest>().ok())
            .and_then(|request| request.result().ok())
            .and_then(|result| result.dyn_into::<web_sys::IdbDatabase>().ok());
        if let Some(database) = database {
            let _ = database.create_object_store(STORE);
        }
    });
    open.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let database: web_sys::IdbDatabase = request_result(open.into())
        .await?
        .dyn_into()
        .map_err(|_| "the browser's storage did not open".to_owned())?;
    database
        .transaction_with_str_and_mode(STORE, mode)
        .and_then(|transaction| transaction.object_store(STORE))
        .map_err(refused)
}

/// Keeps values under keys in this browser (IndexedDB), where they survive reloads and crashes.
/// Puts and deletes several keys in one transaction: all of them happen, or none.
/// Returns once the transaction has committed.
pub async fn store_write(puts: &[(&str, &str)], deletes: &[&str]) -> Result<(), String> {
    use wasm_bindgen::closure::Closure;
    let store = object_store(web_sys::IdbTransactionMode::Readwrite).await?;
    let transaction = store.transaction();
    let committed = js_sys::Promise::new(&mut |resolve, reject| {
        let on_complete = Closure::once_into_js(move |_event: web_sys::Event| {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
        let failed = reject.clone();
        let on_error = Closure::once_into_js(move |_event: web_sys::Event| {
            let _ = failed.call0(&wasm_bindgen::JsValue::NULL);
        });
        let on_abort = Closure::once_into_js(move |_event: web_sys::Event| {
            let _ = reject.call0(&wasm_bindgen::JsValue::NULL);
        });
        transaction.set_oncomplete(Some(on_complete.unchecked_ref()));
        transaction.set_onerror(Some(on_error.unchecked_ref()));
        transaction.set_onabort(Some(on_abort.unchecked_ref()));
    });
    let refused = |_| "the browser's storage refused the save (is it full?)".to_owned();
    for &(key, value) in puts {
        store
            .put_with_key(&value.into(), &key.into())
            .map_err(refused)?;
    }
    for &key in deletes {
        store.delete(&key.into()).map_err(refused)?;
    }
    JsFuture::from(committed)
        .await
        .map(|_| ())
        .map_err(|_| "the browser's storage did not keep the save (is it full?)".to_owned())
}

/// The value kept under `key`, if any.
pub async fn store_get(key: &str) -> Result<Option<String>, String> {
    let store = object_store(web_sys::IdbTransactionMode::Readonly).await?;
    let request = store
        .get(&key.into())
        .map_err(|_| "the browser's storage refused the read".to_owned())?;
    Ok(request_result(request).await?.as_string())
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Offers `contents` to the person as a downloaded file.
pub fn download(name: &str, mime: &str, contents: &[u8]) -> Result<(), String> {
    let failed = |_| "the browser could not make the download".to_owned();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
    download_url(name, &url)?;
    web_sys::Url::revoke_object_url(&url).map_err(failed)
}

/// Offers what `url` points at (an object or data URL) as a downloaded file called `name`.
pub fn download_url(name: &str, url: &str) -> Result<(), String> {
    let document = window()?.document().ok_or("there is no document")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .ok()
        .and_then(|element| element.dyn_into().ok())
        .ok_or_else(|| "the browser could not make the download".to_owned())?;
    link.set_href(url);
    link.set_download(name);
    link.click();
    Ok(())
}

/// A canvas that is not on the page, `width` × `height` device pixels, for drawing exports.
pub fn offscreen_canvas(width: u32, height: u32) -> Result<web_sys::HtmlCanvasElement, String> {
    let document = window()?.document().ok_or("there is no document")?;
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .ok()
        .and_then(|element| element.dyn_into().ok())
        .ok_or_else(|| "the browser could not make a canvas".to_owned())?;
    canvas.set_width(width);
    canvas.set_height(height);
    Ok(canvas)
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
