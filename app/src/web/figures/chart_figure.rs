//! A chart as a figure on the page: caption, note, downloads, the canvas with tooltips, and
//! its numbers as a table.

use leptos::prelude::*;

use super::super::browser::canvas_backend::MeasuredCanvas;
use super::super::browser::{download, download_url, offscreen_canvas, today};
use super::super::chart_canvas::ChartCanvas;
use super::super::drill::Drill;
use super::super::state::AppState;
use super::Figures;
use crate::names::export_name;
use grantpool::charts::{Chart, ChartKind, ChartStyle, DataTable};
use grantpool::drill::{chart_selection, table_selection};
use grantpool::export::{chart_footer, chart_svg};

/// Width of exported charts, in CSS pixels (PNGs are drawn at twice this).
pub const EXPORT_WIDTH: u32 = 1000;

/// A chart as a figure: caption, note, downloads, the canvas with tooltips, and its numbers
/// as a table behind a toggle.
#[component]
pub fn ChartFigure(
    kind: ChartKind,
    /// Shown in its turn, after the figures above it, when a large place is first shown: its
    /// caption at once, its chart and numbers each in a task of their own.
    #[prop(optional)]
    in_turn: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let figures = expect_context::<Figures>();
    let chart = figures.chart(kind);
    let (id, note) = (kind.id(), kind.note());
    let dataset_name = figures.dataset_name;
    let title = kind.title();
    let footer = move || chart_footer(&dataset_name.get_untracked(), &today());
    let announce = move |name: String, made: Result<(), String>| match made {
        Ok(()) => state.notify(format!("Downloaded “{name}”."), false),
        Err(reason) => state.notify(format!("“{name}” could not be made: {reason}."), true),
    };
    let save_svg = move |_| {
        let svg = chart.with_untracked(|chart| chart_svg(chart, &footer(), EXPORT_WIDTH));
        let name = export_name(id, &dataset_name.get_untracked(), &today(), "svg");
        announce(
            name.clone(),
            download(&name, "image/svg+xml", svg.as_bytes()),
        );
    };
    let save_png = move |_| {
        let scale = 2.0;
        let height = chart.with_untracked(Chart::export_height);
        let made = offscreen_canvas(EXPORT_WIDTH * 2, height * 2).and_then(|canvas| {
            let backend = MeasuredCanvas::new(canvas.clone())
                .ok_or_else(|| "the canvas has no 2D context".to_owned())?;
            let area = plotters::prelude::IntoDrawingArea::into_drawing_area(backend);
            let style = ChartStyle {
                scale,
                titled: true,
                footer: Some(footer()),
            };
            chart
                .with_untracked(|chart| chart.draw(&area, &style))
                .map_err(|error| format!("{error:?}"))?;
            canvas
                .to_data_url_with_type("image/png")
                .map_err(|_| "the canvas could not be saved".to_owned())
        });
        let name = export_name(id, &dataset_name.get_untracked(), &today(), "png");
        announce(name.clone(), made.and_then(|url| download_url(&name, &url)));
    };
    let height = Signal::derive(move || chart.with(Chart::height));
    let draw = move |area: &_, style: &_| {
        chart
            .with(|chart| chart.draw(area, style))
            .map_err(|error| format!("{error:?}"))
    };
    let label = Signal::derive(move || {
        format!(
            "{title} for {}. Use the arrow keys to read each value and Enter to open the lines behind it; the same numbers are in the table below.",
            dataset_name.get()
        )
    });
    let table = Memo::new(move |_| chart.with(Chart::table));
    let drill = expect_context::<Drill>();
    let open = move |selection: Option<grantpool::selection::Selection>| {
        if let Some(selection) = selection {
            drill.open(selection);
        }
    };
    let on_choose =
        Callback::new(move |part| {
            open(state.place.with_untracked(|p| {
                chart.with_untracked(|c| chart_selection(&p.dataset, c, part))
            }));
        });
    let on_row = Callback::new(move |row| {
        open(
            state
                .place
                .with_untracked(|p| chart.with_untracked(|c| table_selection(&p.dataset, c, row))),
        );
    });
    let waiting = if in_turn {
        figures.schedule.waiting_to_show()
    } else {
        Signal::stored(false)
    };
    let caption_id = format!("{id}-caption");
    let labelled_by = caption_id.clone();
    view! {
        <figure class="chart" id=id aria-labelledby=labelled_by>
            <figcaption id=caption_id>{title}</figcaption>
            <p class="chart-note">{note}</p>
            <div class="chart-actions">
                <button type="button" on:click=save_png>"Download PNG"</button>
                <button type="button" on:click=save_svg>"Download SVG"</button>
            </div>
            <Show
                when=move || !waiting.get()
                fallback=|| view! { <p class="chart-waiting">"Drawing this chart…"</p> }
            >
                <ChartCanvas draw=draw height=height label=label on_choose=on_choose />
                <p class="chart-summary">{move || chart.with(Chart::summary)}</p>
                <details class="data-table">
                    <summary>"Show the numbers as a table"</summary>
                    <TableOf
                        table=table
                        caption=Signal::derive(move || format!("{title} ({})", dataset_name.get()))
                        on_row=on_row
                    />
                </details>
            </Show>
        </figure>
    }
}

/// A [`DataTable`] as an HTML table; the first cell of each row is its header.
#[component]
pub fn TableOf(
    table: Memo<DataTable>,
    caption: Signal<String>,
    /// When given, each row's name is a button that opens the lines behind the row.
    #[prop(optional)]
    on_row: Option<Callback<usize>>,
) -> impl IntoView {
    let head = move || {
        table.with(|t| {
            t.columns
                .iter()
                .map(|column| view! { <th scope="col">{column.clone()}</th> })
                .collect_view()
        })
    };
    let body = move || {
        table.with(|t| {
            t.rows
                .iter()
                .enumerate()
                .map(|(at, row)| {
                    let mut cells = row.iter();
                    let first = cells.next().cloned().unwrap_or_default();
                    let rest = cells
                        .map(|cell| view! { <td>{cell.clone()}</td> })
                        .collect_view();
                    let name = match on_row {
                        Some(open) => view! {
                            <button
                                type="button"
                                class="link-button"
                                title="Open the lines behind this row"
                                on:click=move |_| open.run(at)
                            >
                                {first.clone()}
                            </button>
                        }
                        .into_any(),
                        None => first.into_any(),
                    };
                    view! { <tr><th scope="row">{name}</th>{rest}</tr> }
                })
                .collect_view()
        })
    };
    // On a narrow screen the table scrolls inside its own box, which the keyboard can reach.
    view! {
        <div class="table-scroll" tabindex="0" role="group" aria-label=caption>
            <table>
                <caption>{caption}</caption>
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
