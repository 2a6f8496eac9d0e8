//! Reading a file in the import worker (www/import-worker.js), one worker a file: the worker
//! reads the `File` in slices and parses it, so the page neither copies the file nor stops
//! while its rows are read; a reader that panics or runs out of memory stops the worker only.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::{post_to_worker, start_worker};

/// What the worker says.
pub enum FromWorker {
    /// How much of the file has been read, from 0 to 1.
    Reading(f64),
    /// The file's fingerprint, once all of it has been read.
    Fingerprint(u64),
    /// How far through its rows the parse is, from 0 to 1.
    Parsing(f64),
    /// The next part of the handover, and how many there are.
    Chunk(Vec<u8>, usize),
    /// The file was read and refused, with the reason in words.
    Refused(String),
    /// The file can no longer be read: it changed on disk after it was chosen, or went away.
    Unreadable,
    /// The reader stopped on the file.
    Failed,
}

/// Messages that came before they were asked for, and the promise waiting for the next.
#[derive(Default)]
struct Inbox {
    waiting: VecDeque<JsValue>,
    resolve: Option<js_sys::Function>,
}

/// An import worker with one file to read; ended when dropped.
pub struct ImportWorker {
    worker: web_sys::Worker,
    inbox: Rc<RefCell<Inbox>>,
    // Kept so the handlers live as long as the worker.
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl std::fmt::Debug for ImportWorker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ImportWorker")
    }
}

impl Drop for ImportWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

fn field(data: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(data, &name.into())
        .ok()
        .filter(|value| !value.is_undefined())
}

fn read_message(data: &JsValue) -> FromWorker {
    let number = |name| field(data, name).and_then(|v| v.as_f64());
    if let Some(fraction) = number("reading") {
        return FromWorker::Reading(fraction);
    }
    if let Some(fraction) = number("parsing") {
        return FromWorker::Parsing(fraction);
    }
    if let Some(print) = field(data, "fingerprint").and_then(|v| v.as_string()) {
        return u64::from_str_radix(&print, 16).map_or(FromWorker::Failed, FromWorker::Fingerprint);
    }
    if let Some(chunk) = field(data, "chunk") {
        let of = number("of").unwrap_or(0.0) as usize;
        return FromWorker::Chunk(js_sys::Uint8Array::new(&chunk).to_vec(), of);
    }
    if field(data, "unreadable").and_then(|v| v.as_bool()) == Some(true) {
        return FromWorker::Unreadable;
    }
    match field(data, "refused").and_then(|v| v.as_string()) {
        Some(reason) => FromWorker::Refused(reason),
        None => FromWorker::Failed,
    }
}

impl ImportWorker {
    /// Starts a worker reading `file` (a `File`, or a `Blob` of pasted cells) from disk; it
    /// answers with [`FromWorker::Reading`] and then the file's [`FromWorker::Fingerprint`].
    pub fn open(file: &web_sys::Blob) -> Result<ImportWorker, String> {
        let worker = start_worker("./import-worker.js", "the file")?;
        let inbox = Rc::new(RefCell::new(Inbox::default()));
        let deliver = {
            let inbox = inbox.clone();
            move |message: JsValue| {
                let mut inbox = inbox.borrow_mut();
                match inbox.resolve.take() {
                    Some(resolve) => {
                        let _ = resolve.call1(&JsValue::NULL, &message);
                    }
                    None => inbox.waiting.push_back(message),
                }
            }
        };
        let on_message = {
            let deliver = deliver.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                deliver(event.data());
            })
        };
        let on_error =
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
                event.prevent_default();
                deliver(js_sys::Object::new().into());
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let opened = ImportWorker {
            worker,
            inbox,
            _on_message: on_message,
            _on_error: on_error,
        };
        opened.post(&[("file", file)])?;
        Ok(opened)
    }

    /// Asks the worker to read the rows of the file it holds, as `name`, with the page's
    /// choices (`options`) for a place described by `context`, both JSON; it answers with
    /// [`FromWorker::Parsing`], then every [`FromWorker::Chunk`], or why it refused the file.
    pub fn read_rows(&self, name: &str, options: &str, context: &str) -> Result<(), String> {
        let fields = [
            ("name", &JsValue::from(name)),
            ("options", &JsValue::from(options)),
            ("context", &JsValue::from(context)),
        ];
        self.post(&fields)
    }

    fn post(&self, fields: &[(&str, &JsValue)]) -> Result<(), String> {
        post_to_worker(&self.worker, fields)
            .map_err(|_| "the file could not be handed to the worker".to_owned())
    }

    /// The worker's next message.
    pub async fn next(&self) -> FromWorker {
        let ready = self.inbox.borrow_mut().waiting.pop_front();
        let data = match ready {
            Some(data) => data,
            None => {
                let promise = js_sys::Promise::new(&mut |resolve, _reject| {
                    self.inbox.borrow_mut().resolve = Some(resolve);
                });
                JsFuture::from(promise).await.unwrap_or(JsValue::UNDEFINED)
            }
        };
        read_message(&data)
    }
}
