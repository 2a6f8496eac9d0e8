//! Pacing work: the clock, waiting, and yielding to the browser between slices.

use wasm_bindgen_futures::JsFuture;

/// Lets the browser paint and handle input before the next piece of work.
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Milliseconds from a fixed point, for pacing work.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Runs `step` until it says the work is finished (`Ok(true)`) or about `slice_ms` milliseconds
/// have passed; true when finished. The caller lets the browser paint between two slices.
pub fn for_a_slice<E>(slice_ms: f64, mut step: impl FnMut() -> Result<bool, E>) -> Result<bool, E> {
    let started = now_ms();
    loop {
        if step()? {
            return Ok(true);
        }
        if now_ms() - started >= slice_ms {
            return Ok(false);
        }
    }
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}
