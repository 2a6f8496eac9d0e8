//! The browser front end: thin Leptos components over the pure core, and the browser edge.

mod app;
mod assign_place;
mod attention;
pub mod browser;
mod chart_canvas;
mod costs;
mod drill;
mod exports;
mod figures;
mod filters;
mod merge_names;
mod picker;
mod pooling;
mod scenarios;
mod state;
mod summary;
mod upload;
mod view_picker;
mod whole_file_place;

/// Mounts the app on the page's body.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
