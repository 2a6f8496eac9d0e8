//! The browser app's binary: mounts the `grantpool_app` library on the page. The benchmark's
//! entry points live here so wasm-bindgen exports them from the page's module.

#[cfg(target_arch = "wasm32")]
mod bench;
#[cfg(target_arch = "wasm32")]
mod import_worker;
#[cfg(target_arch = "wasm32")]
mod workbook_worker;

#[cfg(target_arch = "wasm32")]
fn main() {
    // The same module runs in the workbook and import workers (www/workbook-worker.js,
    // www/import-worker.js), where there is no page to mount on.
    if web_sys::window().is_some() {
        grantpool_app::start();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("grantpool runs in the browser: see README.md (scripts/serve.sh) to serve it.");
}
