//! A canvas that a core draw function paints, crisp on HiDPI screens.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use crate::charts::ChartStyle;

/// Draws with `draw` onto a canvas `height` CSS pixels tall and as wide as its container.
/// The backing store is sized by `devicePixelRatio`, and the chart redraws when its data or the
/// window size changes.
#[component]
pub fn ChartCanvas<D>(
    draw: D,
    #[prop(into)] height: Signal<u32>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView
where
    D: Fn(&DrawingArea<CanvasBackend, plotters::coord::Shift>, &ChartStyle) -> Result<(), String>
        + 'static,
{
    let canvas_ref = NodeRef::<Canvas>::new();
    let (resized, set_resized) = signal(0u32);
    let handle =
        window_event_listener(leptos::ev::resize, move |_| set_resized.update(|n| *n += 1));
    on_cleanup(move || handle.remove());

    let drawn = RwSignal::new(false);
    Effect::new(move |_| {
        resized.track();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let window = web_sys::window().expect("a page has a window");
        let scale = window.device_pixel_ratio().max(1.0);
        let css_width = canvas.client_width().max(320) as f64;
        canvas.set_width((css_width * scale).round() as u32);
        canvas.set_height((height.get() as f64 * scale).round() as u32);
        let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
            return;
        };
        let area = backend.into_drawing_area();
        match draw(
            &area,
            &ChartStyle {
                scale,
                titled: false,
                footer: None,
            },
        ) {
            Ok(()) => drawn.set(true),
            Err(error) => leptos::logging::error!("chart could not be drawn: {error}"),
        }
    });

    view! {
        <canvas
            node_ref=canvas_ref
            class="chart-canvas"
            role="img"
            aria-label=label
            data-drawn=move || drawn.get().to_string()
            style=move || format!("height: {}px", height.get())
        ></canvas>
    }
}
