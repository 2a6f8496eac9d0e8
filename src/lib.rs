//! grantpool: see how fragmented a place's public funding is, and redesign it as pooled,
//! place-based budgets, wholly in the browser.
//!
//! This crate is the pure core: plain Rust with no browser imports, tested natively. The
//! browser app is the `grantpool-app` crate in `app/`, a thin Leptos front end over it. The
//! README's "How it is built" lists where each behaviour lives.

pub mod breakdown;
pub mod charts;
pub mod compare;
pub mod compare_scenarios;
pub mod costs;
pub mod drill;
pub mod export;
pub mod fasthash;
pub mod figures;
pub mod format;
pub mod geography;
pub mod headline;
pub mod import;
pub mod measures;
pub mod model;
pub mod money;
pub mod names;
pub mod pack_notes;
pub mod place;
pub mod pot_pages;
pub mod samples;
pub mod saved;
pub mod scenario;
pub mod selection;
pub mod varint;
pub mod view;
pub mod years;
