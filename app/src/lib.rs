//! The grantpool browser app: a thin Leptos front end over the `grantpool` core crate.
//!
//! The pure helpers (what the page says, file names, drop targets, remembered settings) are
//! plain Rust, built and unit-tested natively; only `web`, the components and the browser
//! edge, is built for WebAssembly alone.

pub mod announce;
pub mod figure_queue;
pub mod import_job;
pub mod names;
pub mod remembered;
pub mod targets;
pub mod worker_answer;

#[cfg(target_arch = "wasm32")]
pub mod web;

#[cfg(target_arch = "wasm32")]
pub use web::start;
