//! The offline service worker (`sw.js`, written by scripts/offline.mjs): registered when the
//! page loads, so the app and its samples are kept for use with the network off; and a new
//! version, once downloaded and waiting, taken on when the person chooses to reload.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::window;

fn container() -> Result<web_sys::ServiceWorkerContainer, String> {
    let navigator = window()?.navigator();
    // Browsers without service workers (or pages not in a secure context) have no container.
    if js_sys::Reflect::get(&navigator, &"serviceWorker".into()).map_or(true, |v| v.is_undefined())
    {
        return Err("this browser cannot keep pages for offline use".to_owned());
    }
    Ok(navigator.service_worker())
}

fn controlled() -> bool {
    container().is_ok_and(|c| c.controller().is_some())
}

/// Registers the service worker; calls `on_update` when a new version has been downloaded and
/// waits to take over from the one this page runs under.
pub async fn register(on_update: impl Fn() + 'static) -> Result<(), String> {
    let promise = container()?.register("./sw.js");
    let registration: web_sys::ServiceWorkerRegistration = JsFuture::from(promise)
        .await
        .map_err(|_| "the browser refused to keep grantpool for offline use".to_owned())?
        .dyn_into()
        .map_err(|_| "the browser answered with something that is not a registration".to_owned())?;
    let on_update = std::rc::Rc::new(on_update);
    if registration.waiting().is_some() && controlled() {
        on_update();
    }
    let watched = registration.clone();
    let found = Closure::<dyn Fn()>::new(move || {
        let Some(installing) = watched.installing() else {
            return;
        };
        let worker = installing.clone();
        let on_update = on_update.clone();
        let changed = Closure::<dyn Fn()>::new(move || {
            // Installed while another version controls the page: an update waits.
            if worker.state() == web_sys::ServiceWorkerState::Installed && controlled() {
                on_update();
            }
        });
        installing.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
        // The handler lives as long as the worker it watches.
        changed.forget();
    });
    registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
    found.forget();
    Ok(())
}

/// Asks the waiting new version to take over, and reloads the page under it.
pub async fn load_new_version() -> Result<(), String> {
    let container = container()?;
    let reload = Closure::<dyn Fn()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    let registration: web_sys::ServiceWorkerRegistration =
        JsFuture::from(container.get_registration())
            .await
            .ok()
            .and_then(|value| value.dyn_into().ok())
            .ok_or_else(|| "the new version could not be found".to_owned())?;
    match registration.waiting() {
        Some(waiting) => waiting
            .post_message(&"skip-waiting".into())
            .map_err(|_| "the new version did not answer".to_owned()),
        None => window()?
            .location()
            .reload()
            .map_err(|_| "the page could not be reloaded".to_owned()),
    }
}
