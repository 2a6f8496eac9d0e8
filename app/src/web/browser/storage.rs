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

/// A value to keep in the browser: text (the work record) or bytes (the person's place).
#[derive(Clone, Copy)]
pub enum Stored<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

impl Stored<'_> {
    fn to_js(self) -> wasm_bindgen::JsValue {
        match self {
            Stored::Text(text) => text.into(),
            Stored::Bytes(bytes) => js_sys::Uint8Array::from(bytes).into(),
        }
    }
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

/// The bytes kept under `key` (or the bytes of the text kept there, as earlier versions kept
/// it), if any.
pub async fn store_get_bytes(key: &str) -> Result<Option<Vec<u8>>, String> {
    let value = store_value(key).await?;
    if let Some(text) = value.as_string() {
        return Ok(Some(text.into_bytes()));
    }
    Ok(value
        .dyn_into::<js_sys::Uint8Array>()
        .ok()
        .map(|bytes| bytes.to_vec()))
}
