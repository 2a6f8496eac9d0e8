//! The browser front end: thin Leptos components over the pure core.

mod app;
mod chart_canvas;
mod fetch;

/// Mounts the app on the page's body.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
