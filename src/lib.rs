//! grantpool: see how fragmented a place's public funding is, and redesign it as pooled,
//! place-based budgets, wholly in the browser.
//!
//! The pure core (`model`, `import`, `place`, `scenario`, `measures`, `metrics`, `charts`, `format`, `samples`) is plain Rust with
//! no browser imports and is tested natively. The `web` module is the thin Leptos front end and
//! exists only when compiling for `wasm32`.

pub mod charts;
pub mod export;
pub mod fasthash;
pub mod format;
pub mod import;
pub mod measures;
pub mod metrics;
pub mod model;
pub mod place;
pub mod samples;
pub mod saved;
pub mod scenario;

#[cfg(target_arch = "wasm32")]
pub mod web;
