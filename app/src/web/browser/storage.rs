//! What the page keeps in this browser: settings in local storage, and the work in IndexedDB.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::window;

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

// `www/saved-work.js` reads the same database, store and keys as the page opens.
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

/// A value to keep in the browser: text (the work record), or bytes (the person's place, as a
/// `Blob` made by [`blob_in_slices`], or a damaged one kept aside).
#[derive(Clone, Copy)]
pub enum Stored<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
    Blob(&'a web_sys::Blob),
}

impl Stored<'_> {
    fn to_js(self) -> wasm_bindgen::JsValue {
        match self {
            Stored::Text(text) => text.into(),
            Stored::Bytes(bytes) => js_sys::Uint8Array::from(bytes).into(),
            Stored::Blob(blob) => blob.into(),
        }
    }
}

/// How much of a place is copied into its `Blob` between chances for the browser to paint.
const BLOB_SLICE: usize = 8 << 20;

/// `bytes` as a `Blob`, copied a slice at a time with a pause between slices. IndexedDB keeps
/// a `Blob` without copying it again while the page waits, as it would an array of bytes.
pub async fn blob_in_slices(bytes: &[u8]) -> Result<web_sys::Blob, String> {
    let could_not = |_| "the browser could not hold the saved place".to_owned();
    let parts = js_sys::Array::new();
    for (at, slice) in bytes.chunks(BLOB_SLICE).enumerate() {
        if at > 0 {
            super::next_tick().await;
        }
        // SAFETY: the view is read (copied into the Blob) before anything else runs in this
        // module's memory, so it cannot be moved or freed under it.
        let view = unsafe { js_sys::Uint8Array::view(slice) };
        let part = web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&view))
            .map_err(could_not)?;
        parts.push(&part);
    }
    web_sys::Blob::new_with_blob_sequence(&parts).map_err(could_not)
}

/// Keeps values under keys in this browser (IndexedDB), where they survive reloads and crashes.
/// Puts and deletes several keys in one transaction: all of them happen, or none.
/// Returns once the transaction has committed.
pub async fn store_write(puts: &[(&str, Stored<'_>)], deletes: &[&str]) -> Result<(), String> {
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
            .put_with_key(&value.to_js(), &key.into())
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

async fn store_value(key: &str) -> Result<wasm_bindgen::JsValue, String> {
    let store = object_store(web_sys::IdbTransactionMode::Readonly).await?;
    let request = store
        .get(&key.into())
        .map_err(|_| "the browser's storage refused the read".to_owned())?;
    request_result(request).await
}

/// The text kept under `key`, if any.
pub async fn store_get(key: &str) -> Result<Option<String>, String> {
    Ok(store_value(key).await?.as_string())
}

/// The bytes kept under `key` (kept as a `Blob`, as bytes, or as text as earlier versions
/// kept them), if any.
pub async fn store_get_bytes(key: &str) -> Result<Option<Vec<u8>>, String> {
    let value = store_value(key).await?;
    if let Some(blob) = value.dyn_ref::<web_sys::Blob>() {
        let buffer = JsFuture::from(blob.array_buffer())
            .await
            .map_err(|_| "the browser's storage refused the read".to_owned())?;
        return Ok(bytes_of(buffer));
    }
    Ok(bytes_of(value))
}

/// Bytes kept as text, as an `ArrayBuffer` or as a `Uint8Array`, copied into this module.
fn bytes_of(value: wasm_bindgen::JsValue) -> Option<Vec<u8>> {
    if let Some(text) = value.as_string() {
        return Some(text.into_bytes());
    }
    if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Some(js_sys::Uint8Array::new(buffer).to_vec());
    }
    value
        .dyn_into::<js_sys::Uint8Array>()
        .ok()
        .map(|bytes| bytes.to_vec())
}

/// The saved work the page's first script began reading as the page opened
/// (`www/saved-work.js`), while this module downloaded: the work record and the place's bytes,
/// if any. Taken once; `None` when that read failed or was taken already, and the caller reads
/// the work itself.
pub async fn prefetched_work() -> Option<(Option<String>, Option<Vec<u8>>)> {
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str("grantpoolSavedWork");
    let pending = js_sys::Reflect::get(&window, &key).ok()?;
    let _ = js_sys::Reflect::set(&window, &key, &wasm_bindgen::JsValue::UNDEFINED);
    let read = JsFuture::from(pending.dyn_into::<js_sys::Promise>().ok()?)
        .await
        .ok()?;
    if read.is_null() || read.is_undefined() {
        return None;
    }
    let field = |name: &str| js_sys::Reflect::get(&read, &name.into()).ok();
    let work = field("work")?.as_string();
    Some((work, bytes_of(field("place")?)))
}
