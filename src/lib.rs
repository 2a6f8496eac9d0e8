//! grantpool: see how fragmented a place's public funding is, and redesign it as pooled,
//! place-based budgets, wholly in the browser.
//!
//! This crate is the pure core (`model`, `import`, `place`, `scenario`, `measures`, `metrics`,
//! `charts`, `export`, `saved`, `format`, `samples`): plain Rust with no browser imports,
//! tested natively. The browser app is the `grantpool-app` crate in `app/`, a thin Leptos front
//! end over it.

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
