//! The browser app: a thin Leptos front end over the `grantpool` core crate.

#[cfg(target_arch = "wasm32")]
mod web;

#[cfg(target_arch = "wasm32")]
fn main() {
    web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("grantpool runs in the browser: see README.md (scripts/serve.sh) to serve it.");
}
