//! A canvas that a core draw function paints, crisp on HiDPI screens, with tooltips that give
//! exact values on hover and on keyboard focus.

use leptos::ev;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;

use super::browser::canvas_backend::MeasuredCanvas;
use super::browser::width::WidthObserver;

use grantpool::charts::{ChartStyle, Hit, Part};

/// The regions of the last drawing, in backing-store pixels, and the scale they were drawn at.
#[derive(Default)]
struct Drawing {
    hits: Vec<Hit>,
    scale: f64,
}

/// Which region's tooltip shows, and where (CSS pixels from the canvas's top left).
#[derive(Debug, Clone, PartialEq)]
struct Tip {
    index: usize,
    x: f64,
    y: f64,
}

/// Draws with `draw` onto a canvas `height` CSS pixels tall and as wide as its container.
/// The backing store is sized by `devicePixelRatio`, and the chart redraws when its data or the
/// window size changes. Pointing at a bar, or focusing the canvas and pressing the arrow keys,
/// shows the exact figures the draw function gave for that region.
#[component]
pub fn ChartCanvas<D>(
    draw: D,
    #[prop(into)] height: Signal<u32>,
    #[prop(into)] label: Signal<String>,
    /// Called with the region chosen by a click, or by Enter on the region the arrow keys
    /// reached: opens the lines behind it.
    #[prop(optional)]
    on_choose: Option<Callback<Part>>,
) -> impl IntoView
where
    D: Fn(
            &DrawingArea<MeasuredCanvas, plotters::coord::Shift>,
            &ChartStyle,
        ) -> Result<Vec<Hit>, String>
        + 'static,
{
    let canvas_ref = NodeRef::<Canvas>::new();
    let (resized, set_resized) = signal(0u32);
    let handle = window_event_listener(ev::resize, move |_| set_resized.update(|n| *n += 1));
    on_cleanup(move || handle.remove());

    // The canvas's width, kept by a ResizeObserver: reading clientWidth while drawing would
    // make the browser lay the page out again for every chart after every change.
    let css_width = RwSignal::new(0.0f64);
    let observer = StoredValue::new_local(None::<WidthObserver>);
    Effect::new(move |_| {
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let watched = WidthObserver::new(&canvas, move |width| {
            if (width - css_width.get_untracked()).abs() >= 0.5 {
                css_width.set(width);
            }
        });
        if watched.is_none() {
            css_width.set(f64::from(canvas.client_width()));
        }
        observer.set_value(watched);
    });

    let drawn = RwSignal::new(false);
    let drawing = StoredValue::new(Drawing::default());
    let tip = RwSignal::new(None::<Tip>);
    // A drawing error is shown to the person, not only logged: the numbers are still in the table.
    let failed = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        resized.track();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let window = web_sys::window().expect("a page has a window");
        let scale = window.device_pixel_ratio().max(1.0);
        // Not laid out yet (or hidden): drawn once it has a width.
        let css_width = css_width.get();
        if css_width < 1.0 {
            return;
        }
        let css_width = css_width.max(320.0);
        let (width, height) = (
            (css_width * scale).round() as u32,
            (height.get() as f64 * scale).round() as u32,
        );
        // Setting a canvas's size clears it even when unchanged; only resize when needed.
        if canvas.width() != width || canvas.height() != height {
            canvas.set_width(width);
            canvas.set_height(height);
        }
        let Some(backend) = MeasuredCanvas::new(canvas.clone()) else {
            return;
        };
        let area = backend.into_drawing_area();
        let style = ChartStyle {
            scale,
            titled: false,
            footer: None,
        };
        match draw(&area, &style) {
            Ok(hits) => {
                drawing.set_value(Drawing { hits, scale });
                tip.update(|tip| {
                    if let Some(shown) = tip {
                        if shown.index >= drawing.with_value(|d| d.hits.len()) {
                            *tip = None;
                        }
                    }
                });
                drawn.set(true);
                failed.set(None);
            }
            Err(error) => failed.set(Some(error)),
        }
    });

    let hit_at = move |x: f64, y: f64| {
        drawing.with_value(|d| {
            let (x, y) = ((x * d.scale) as i32, (y * d.scale) as i32);
            // Regions can overlap (the flows chart's bands cross): the smallest one under the
            // pointer is the one meant.
            d.hits
                .iter()
                .enumerate()
                .filter(|(_, hit)| hit.contains(x, y))
                .min_by_key(|(_, hit)| {
                    i64::from(hit.right - hit.left) * i64::from(hit.bottom - hit.top)
                })
                .map(|(index, _)| index)
        })
    };
    let centre_of = move |index: usize| {
        drawing.with_value(|d| {
            d.hits.get(index).map(|hit| Tip {
                index,
                x: f64::from(hit.left + hit.right) / 2.0 / d.scale,
                y: f64::from(hit.top) / d.scale,
            })
        })
    };
    let on_pointer_move = move |event: ev::PointerEvent| {
        let (x, y) = (f64::from(event.offset_x()), f64::from(event.offset_y()));
        tip.set(hit_at(x, y).map(|index| Tip { index, x, y }));
    };
    let on_key = move |event: ev::KeyboardEvent| {
        let count = drawing.with_value(|d| d.hits.len());
        if count == 0 {
            return;
        }
        let current = tip.get_untracked().map(|t| t.index);
        let next = match event.key().as_str() {
            "ArrowDown" | "ArrowRight" => current.map_or(0, |i| (i + 1).min(count - 1)),
            "ArrowUp" | "ArrowLeft" => current.map_or(0, |i| i.saturating_sub(1)),
            "Home" => 0,
            "End" => count - 1,
            "Escape" => {
                tip.set(None);
                return;
            }
            "Enter" | " " => {
                let part =
                    current.and_then(|i| drawing.with_value(|d| d.hits.get(i).map(|h| h.part)));
                if let (Some(part), Some(choose)) = (part, on_choose) {
                    event.prevent_default();
                    choose.run(part);
                }
                return;
            }
            _ => return,
        };
        event.prevent_default();
        tip.set(centre_of(next));
    };
    let tip_text = move || {
        tip.get()
            .and_then(|t| drawing.with_value(|d| d.hits.get(t.index).map(|h| h.text.clone())))
            .unwrap_or_default()
    };
    // The live region stays in the page (empty) when hidden, so screen readers announce it.
    let tip_style = move || match tip.get() {
        Some(t) => format!("left: {:.0}px; top: {:.0}px", t.x, t.y),
        None => "opacity: 0".to_owned(),
    };
    let highlight_style = move || {
        let region = tip.get().and_then(|t| {
            drawing.with_value(|d| {
                d.hits.get(t.index).map(|h| {
                    let s = d.scale;
                    format!(
                        "left: {:.0}px; top: {:.0}px; width: {:.0}px; height: {:.0}px",
                        f64::from(h.left) / s,
                        f64::from(h.top) / s,
                        f64::from(h.right - h.left) / s,
                        f64::from(h.bottom - h.top) / s
                    )
                })
            })
        });
        region.unwrap_or_else(|| "display: none".to_owned())
    };
    let described = format!("chart-tip-{}", next_id());
    let described_by = described.clone();
    view! {
        <div class="chart-frame">
            <canvas
                node_ref=canvas_ref
                class="chart-canvas"
                role="img"
                tabindex="0"
                aria-label=label
                aria-describedby=described_by
                data-drawn=move || drawn.get().to_string()
                style=move || format!("height: {}px", height.get())
                on:pointermove=on_pointer_move
                on:pointerleave=move |_| tip.set(None)
                on:click=move |event: ev::MouseEvent| {
                    let (x, y) = (f64::from(event.offset_x()), f64::from(event.offset_y()));
                    let part = hit_at(x, y).and_then(|i| drawing.with_value(|d| d.hits.get(i).map(|h| h.part)));
                    if let (Some(part), Some(choose)) = (part, on_choose) {
                        choose.run(part);
                    }
                }
                class:choosable=on_choose.is_some()
                on:keydown=on_key
                on:focus=move |_| {
                    if tip.get_untracked().is_none() {
                        tip.set(centre_of(0));
                    }
                }
                on:blur=move |_| tip.set(None)
            ></canvas>
            <div class="chart-highlight" aria-hidden="true" style=highlight_style></div>
            <div class="chart-tooltip" id=described role="status" style=tip_style>{tip_text}</div>
            {move || failed.get().map(|error| view! {
                <p class="field-error" role="alert">
                    {format!("This chart could not be drawn ({error}). Its numbers are in the table below.")}
                </p>
            })}
        </div>
    }
}

/// A number unique within the page, for element ids.
fn next_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
