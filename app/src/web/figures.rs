//! The charts on the page, their downloads and data tables, and the printable board pack.
//! Every chart is a core [`Chart`] derived from the place and the scenario by a memo.

use leptos::prelude::*;

use super::browser::{download, download_url, offscreen_canvas, print_page, today};
use super::canvas_backend::MeasuredCanvas;
use super::chart_canvas::ChartCanvas;
use super::pooling::MEASURE_ROWS;
use super::state::AppState;
use grantpool::charts::{
    before_after, funder_to_pot, ringfence_by_pot, size_distribution, streams_by_service, Chart,
    ChartStyle, DataTable,
};
use grantpool::export::{chart_footer, chart_svg};
use grantpool::format;
use grantpool::measures::{measure, Measures};
use grantpool::metrics::{ringfence_by_funder_in, Headline};
use grantpool::model::Ringfence;

/// Funders drawn as their own bar; the rest share one.
const CHART_FUNDERS: usize = 12;
/// Services drawn as their own bars; the rest share one.
const CHART_SERVICES: usize = 12;
/// Width of exported charts, in CSS pixels (PNGs are drawn at twice this).
const EXPORT_WIDTH: u32 = 1000;

/// Everything derived from the place and the scenario for the charts and measures, shared
/// through context so each is computed once per change.
#[derive(Clone, Copy)]
pub struct Figures {
    pub headline: Memo<Headline>,
    pub today: Memo<Measures>,
    pub with_pots: Memo<Measures>,
    pub before_after: Memo<Chart>,
    pub by_funder: Memo<Chart>,
    pub by_pot: Memo<Chart>,
    pub flows: Memo<Chart>,
    pub sizes: Memo<Chart>,
    pub services: Memo<Chart>,
    /// Names the data in captions, footers and file names.
    pub dataset_name: Signal<String>,
    /// True while the board pack (print view) is shown instead of the workspace.
    pub board_pack: RwSignal<bool>,
}

impl Figures {
    pub fn new(state: AppState) -> Figures {
        let place = state.place;
        let editor = state.editor;
        let headline = Memo::new(move |_| place.with(|p| Headline::of(&p.dataset)));
        let today = Memo::new(move |_| place.with(|p| measure(&p.dataset, None)));
        let with_pots = Memo::new(move |_| {
            place.with(|p| editor.with(|e| measure(&p.dataset, Some(&e.scenario))))
        });
        // The measures' one pass over the lines per change feeds the four pot-dependent charts.
        let cells = Memo::new(move |_| with_pots.with(|m| m.by_funder_and_pot.clone()));
        let before_after =
            Memo::new(move |_| cells.with(|c| Chart::BeforeAfter(before_after::rows_in(c))));
        let by_funder = Memo::new(move |_| {
            place.with(|p| {
                cells
                    .with(|c| Chart::ByFunder(ringfence_by_funder_in(&p.dataset, c, CHART_FUNDERS)))
            })
        });
        let by_pot = Memo::new(move |_| {
            editor.with(|e| cells.with(|c| Chart::ByPot(ringfence_by_pot::rows_in(c, &e.scenario))))
        });
        let flows = Memo::new(move |_| {
            place.with(|p| {
                editor.with(|e| {
                    cells.with(|c| {
                        Chart::FunderToPot(funder_to_pot::flows_in(&p.dataset, c, &e.scenario))
                    })
                })
            })
        });
        let line_bands =
            Memo::new(move |_| place.with(|p| size_distribution::line_bands(&p.dataset)));
        let sizes = Memo::new(move |_| {
            line_bands.with(|bands| {
                today.with(|t| {
                    with_pots
                        .with(|w| Chart::SizeDistribution(size_distribution::rows_in(bands, t, w)))
                })
            })
        });
        let services = Memo::new(move |_| {
            place.with(|p| {
                today.with(|t| {
                    with_pots.with(|w| {
                        Chart::StreamsByService(streams_by_service::rows(
                            &p.dataset,
                            t,
                            w,
                            CHART_SERVICES,
                        ))
                    })
                })
            })
        });
        let dataset_name = Signal::derive(move || {
            state
                .sample
                .get()
                .map_or_else(|| "your files".to_owned(), |sample| sample.name.to_owned())
        });
        Figures {
            headline,
            today,
            with_pots,
            before_after,
            by_funder,
            by_pot,
            flows,
            sizes,
            services,
            dataset_name,
            board_pack: RwSignal::new(false),
        }
    }
}

/// A file name for an export: what it is, which data, and today's date.
pub fn export_name(what: &str, dataset: &str, extension: &str) -> String {
    let slug: String = dataset
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("grantpool-{what}-{slug}-{}.{extension}", today())
}

/// A chart as a figure: caption, note, downloads, the canvas with tooltips, and its numbers
/// as a table behind a toggle.
#[component]
pub fn ChartFigure(
    /// Names the figure's elements and export files.
    id: &'static str,
    note: &'static str,
    chart: Memo<Chart>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let figures = expect_context::<Figures>();
    let dataset_name = figures.dataset_name;
    let title = chart.with_untracked(Chart::title);
    let footer = move || chart_footer(&dataset_name.get_untracked(), &today());
    let announce = move |name: String, made: Result<(), String>| match made {
        Ok(()) => state.notify(format!("Downloaded “{name}”."), false),
        Err(reason) => state.notify(format!("“{name}” could not be made: {reason}."), true),
    };
    let save_svg = move |_| {
        let svg = chart.with_untracked(|chart| chart_svg(chart, &footer(), EXPORT_WIDTH));
        let name = export_name(id, &dataset_name.get_untracked(), "svg");
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
        let name = export_name(id, &dataset_name.get_untracked(), "png");
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
            "{title} for {}. Use the arrow keys to read each value; the same numbers are in the table below.",
            dataset_name.get()
        )
    });
    let table = Memo::new(move |_| chart.with(Chart::table));
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
            <ChartCanvas draw=draw height=height label=label />
            <details class="data-table">
                <summary>"Show the numbers as a table"</summary>
                <TableOf
                    table=table
                    caption=Signal::derive(move || format!("{title} ({})", dataset_name.get()))
                />
            </details>
        </figure>
    }
}

/// A [`DataTable`] as an HTML table; the first cell of each row is its header.
#[component]
fn TableOf(table: Memo<DataTable>, caption: Signal<String>) -> impl IntoView {
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
                .map(|row| {
                    let mut cells = row.iter();
                    let first = cells.next().cloned().unwrap_or_default();
                    let rest = cells
                        .map(|cell| view! { <td>{cell.clone()}</td> })
                        .collect_view();
                    view! { <tr><th scope="row">{first}</th>{rest}</tr> }
                })
                .collect_view()
        })
    };
    view! {
        <table>
            <caption>{caption}</caption>
            <thead><tr>{head}</tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}

/// The main charts under the pooling workspace, with the way into the board pack.
#[component]
pub fn MoreCharts() -> impl IntoView {
    let figures = expect_context::<Figures>();
    view! {
        <section class="more-charts" aria-labelledby="more-charts-heading">
            <div class="section-heading">
                <h2 id="more-charts-heading">"Fragmentation at a glance"</h2>
                <button type="button" on:click=move |_| figures.board_pack.set(true)>
                    "Board pack (print view)"
                </button>
            </div>
            <div class="charts">
                <ChartFigure
                    id="funders-to-pots"
                    note="Each band is a funder’s money going into a pot, or staying outside the pots; its width is the money."
                    chart=figures.flows
                />
                <ChartFigure
                    id="ringfenced-flexible-by-pot"
                    note="Each pot under its policy, and the lines in no pot."
                    chart=figures.by_pot
                />
                <ChartFigure
                    id="streams-by-size"
                    note="Size bands are powers of ten (a log scale). A pot is one stream."
                    chart=figures.sizes
                />
                <ChartFigure
                    id="streams-by-service"
                    note="How many separate streams reach each service or theme. A pot is one stream."
                    chart=figures.services
                />
            </div>
        </section>
    }
}

/// A chart as an image for the board pack, drawn by the same code as the SVG download.
fn chart_image(chart: Memo<Chart>, footer: String) -> impl IntoView {
    let source = move || {
        let svg = chart.with(|chart| chart_svg(chart, &footer, EXPORT_WIDTH));
        format!(
            "data:image/svg+xml;charset=utf-8,{}",
            js_sys::encode_uri_component(&svg)
        )
    };
    let title = chart.with_untracked(Chart::title);
    view! {
        <figure class="pack-chart">
            <img src=source alt=title />
        </figure>
    }
}

/// The headline figures, the measures and the charts laid out for A4, to print or save as PDF.
#[component]
pub fn BoardPack() -> impl IntoView {
    let state = expect_context::<AppState>();
    let figures = expect_context::<Figures>();
    let name = figures.dataset_name.get_untracked();
    let date = today();
    let footer = chart_footer(&name, &date);
    let close = move |_| {
        figures.board_pack.set(false);
        // The workspace's canvases were hidden; let them measure and draw again.
        if let Some(window) = web_sys::window() {
            if let Ok(event) = web_sys::Event::new("resize") {
                let _ = window.dispatch_event(&event);
            }
        }
    };
    let print = move |_| {
        if let Err(reason) = print_page() {
            state.notify(format!("The page could not be printed: {reason}."), true);
        }
    };
    let headline = figures.headline.get_untracked();
    let money = headline.money;
    let share = |status| {
        money
            .share(status)
            .map(format::percent)
            .unwrap_or_else(|| "—".to_owned())
    };
    let headline_rows = [
        ("Funding lines", format::count(headline.lines as u64)),
        ("Funders", format::count(headline.funders as u64)),
        ("Programmes", format::count(headline.programmes as u64)),
        ("Recipients", format::count(headline.recipients as u64)),
        ("Total", format::gbp(money.total())),
        ("Ringfenced", share(Ringfence::Ringfenced)),
        ("Flexible", share(Ringfence::Flexible)),
        ("Not recorded", share(Ringfence::NotRecorded)),
    ]
    .into_iter()
    .map(|(label, value)| view! { <tr><th scope="row">{label}</th><td>{value}</td></tr> })
    .collect_view();
    let (today_measures, pooled) = (
        figures.today.get_untracked(),
        figures.with_pots.get_untracked(),
    );
    let measure_rows = MEASURE_ROWS
        .iter()
        .map(|&(label, _, show)| {
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>{show(&today_measures)}</td>
                    <td>{show(&pooled)}</td>
                </tr>
            }
        })
        .collect_view();
    let pot_table = Memo::new(move |_| figures.by_pot.with(Chart::table));
    view! {
        <article class="board-pack" aria-labelledby="board-pack-heading">
            <div class="board-pack-actions">
                <button type="button" on:click=print>"Print or save as PDF"</button>
                <button type="button" on:click=close>"Back to the workspace"</button>
            </div>
            <header>
                <h2 id="board-pack-heading">{format!("Funding in {name}: board pack")}</h2>
                <p>{format!("Made with grantpool on {date}. Source: {name}.")}</p>
            </header>
            <section class="pack-page">
                <h3>"Headline figures"</h3>
                <table class="pack-table"><tbody>{headline_rows}</tbody></table>
                <h3>"Fragmentation today and with the proposed pots"</h3>
                <table class="pack-table">
                    <thead>
                        <tr>
                            <th scope="col">"Measure"</th>
                            <th scope="col">"Today"</th>
                            <th scope="col">"With the pots"</th>
                        </tr>
                    </thead>
                    <tbody>{measure_rows}</tbody>
                </table>
                <h3>"The pots"</h3>
                <div class="pack-table">
                    <TableOf table=pot_table caption=Signal::derive(|| "Money by pot".to_owned()) />
                </div>
            </section>
            <section class="pack-page">
                {chart_image(figures.before_after, footer.clone())}
                {chart_image(figures.by_funder, footer.clone())}
            </section>
            <section class="pack-page">
                {chart_image(figures.flows, footer.clone())}
                {chart_image(figures.by_pot, footer.clone())}
            </section>
            <section class="pack-page">
                {chart_image(figures.sizes, footer.clone())}
                {chart_image(figures.services, footer)}
            </section>
        </article>
    }
}
