//! The page: sample picker, headline figures and the first chart.

use std::sync::Arc;

use leptos::prelude::*;

use super::chart_canvas::ChartCanvas;
use super::fetch::fetch_bytes;
use crate::charts;
use crate::format;
use crate::import::{import_delimited, ImportReport};
use crate::metrics::{ringfence_by_funder, FunderSplit, Headline};
use crate::model::{Dataset, Ringfence};
use crate::samples::{self, Sample, SAMPLES};

/// Funders drawn as their own bar; the rest share one.
const CHART_FUNDERS: usize = 12;

/// A sample that has been fetched and read.
struct Loaded {
    sample: &'static Sample,
    dataset: Dataset,
    report: ImportReport,
}

async fn load_sample(sample: &'static Sample) -> Result<Arc<Loaded>, String> {
    let bytes = fetch_bytes(sample.path).await.map_err(|reason| {
        format!(
            "The sample “{}” could not be loaded: {reason}.",
            sample.name
        )
    })?;
    let file_name = sample.path.rsplit('/').next().unwrap_or(sample.path);
    let mut dataset = Dataset::default();
    let report = import_delimited(&mut dataset, file_name, &bytes)
        .map_err(|error| format!("The sample “{}” could not be read: {error}.", sample.name))?;
    if report.lines_imported == 0 {
        return Err(format!(
            "The sample “{}” could not be read: none of its {} rows is a funding line.",
            sample.name, report.data_rows
        ));
    }
    Ok(Arc::new(Loaded {
        sample,
        dataset,
        report,
    }))
}

/// The sample named in the address (`?sample=`), else the default.
fn sample_from_address() -> &'static Sample {
    web_sys::window()
        .and_then(|window| window.location().search().ok())
        .and_then(|search| {
            search
                .trim_start_matches('?')
                .split('&')
                .find_map(|pair| pair.strip_prefix("sample="))
                .and_then(samples::find)
        })
        .unwrap_or_else(samples::default_sample)
}

fn remember_sample_in_address(sample: &Sample) {
    if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("?sample={}", sample.id)),
        );
    }
}

#[component]
pub fn App() -> impl IntoView {
    let (sample, set_sample) = signal(sample_from_address());
    let loaded = LocalResource::new(move || load_sample(sample.get()));

    let on_pick = move |event: leptos::ev::Event| {
        if let Some(picked) = samples::find(&event_target_value(&event)) {
            remember_sample_in_address(picked);
            set_sample.set(picked);
        }
    };

    view! {
        <header class="masthead">
            <h1>"grantpool"</h1>
            <p class="tagline">
                "See how fragmented a place’s public funding is, and redesign it as pooled, place-based budgets."
            </p>
        </header>
        <main id="main">
            <section class="dataset" aria-labelledby="dataset-heading">
                <h2 id="dataset-heading">"Dataset"</h2>
                <div class="picker">
                    <label for="sample-picker">"Sample dataset"</label>
                    <select id="sample-picker" on:change=on_pick>
                        {SAMPLES
                            .iter()
                            .map(|option| {
                                view! {
                                    <option value=option.id selected=move || sample.get().id == option.id>
                                        {option.name}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                {move || sample_notice(sample.get())}
            </section>
            {move || match loaded.get() {
                None => view! { <p class="loading" role="status">"Loading the sample…"</p> }.into_any(),
                Some(Err(message)) => {
                    view! {
                        <div class="error" role="alert">
                            <h2>"This data could not be shown"</h2>
                            <p>{message}</p>
                            <p>"Choose another sample above, or reload the page to try again."</p>
                        </div>
                    }
                        .into_any()
                }
                Some(Ok(loaded)) => view! { <PlaceView loaded=loaded /> }.into_any(),
            }}
        </main>
        <footer class="footer">
            <p>"Your data never leaves your browser: grantpool reads and draws everything on this page."</p>
        </footer>
    }
}

fn sample_notice(sample: &'static Sample) -> impl IntoView {
    let badge = if sample.illustrative {
        view! { <span class="badge badge-illustrative">"Illustrative data — not real awards"</span> }
    } else {
        view! { <span class="badge badge-real">"Real published data"</span> }
    };
    view! {
        <div class="sample-notice">
            {badge}
            <p>{sample.description}</p>
            <p class="provenance">
                <strong>"Source: "</strong>
                {sample.source}
                " "
                <strong>"Licence: "</strong>
                {sample.licence}
            </p>
        </div>
    }
}

#[component]
fn PlaceView(loaded: Arc<Loaded>) -> impl IntoView {
    let headline = Headline::of(&loaded.dataset);
    let rows = ringfence_by_funder(&loaded.dataset, CHART_FUNDERS);
    view! {
        <ImportSummary report=loaded.report.clone() />
        <HeadlineFigures headline=headline />
        <RingfenceByFunder rows=rows dataset_name=loaded.sample.name />
    }
}

#[component]
fn ImportSummary(report: ImportReport) -> impl IntoView {
    let attention = report.needs_attention.len();
    let skipped = report.skipped.len();
    view! {
        <section class="import-summary" role="region" aria-label="Import summary">
            <p>
                <strong>{format::count(report.lines_imported.into())}</strong>
                " funding lines read from "
                <code>{report.file.clone()}</code>
                {format!(
                    "; {} rows need attention; {} rows skipped (blank or totals). Total {}.",
                    format::count(attention as u64),
                    format::count(skipped as u64),
                    format::gbp(report.total),
                )}
            </p>
        </section>
    }
}

#[component]
fn HeadlineFigures(headline: Headline) -> impl IntoView {
    let money = headline.money;
    let ringfenced_share = if money.not_recorded == money.total() {
        "Not recorded".to_owned()
    } else {
        money
            .share(Ringfence::Ringfenced)
            .map(format::percent)
            .unwrap_or_else(|| "—".to_owned())
    };
    let split_note = Ringfence::ALL
        .iter()
        .filter_map(|&status| {
            let share = money.share(status)?;
            (money.get(status).0 != 0).then(|| {
                format!(
                    "{} {}",
                    format::percent(share),
                    status.label().to_lowercase()
                )
            })
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let figure = |label: &'static str, value: String, id: &'static str| {
        view! {
            <div class="figure">
                <dt>{label}</dt>
                <dd data-testid=id>{value}</dd>
            </div>
        }
    };
    let total = money.total();
    view! {
        <section class="headline" aria-labelledby="headline-heading">
            <h2 id="headline-heading">"Headline figures"</h2>
            <dl class="figures">
                {figure("Funding lines", format::count(headline.lines as u64), "figure-lines")}
                {figure("Funders", format::count(headline.funders as u64), "figure-funders")}
                {figure("Programmes", format::count(headline.programmes as u64), "figure-programmes")}
                {figure("Recipients", format::count(headline.recipients as u64), "figure-recipients")}
                <div class="figure">
                    <dt>"Total"</dt>
                    <dd>
                        <span aria-hidden="true">{format::gbp_short(total.as_pounds_f64())}</span>
                        <span class="exact" data-testid="figure-total">{format::gbp(total)}</span>
                    </dd>
                </div>
                {figure("Share ringfenced", ringfenced_share, "figure-ringfenced-share")}
            </dl>
            <p class="split-note">{split_note}</p>
        </section>
    }
}

#[component]
fn RingfenceByFunder(rows: Vec<FunderSplit>, dataset_name: &'static str) -> impl IntoView {
    let height = 110 + 34 * rows.len().max(1) as u32;
    let table_rows = rows.clone();
    let draw_rows = rows;
    let draw = move |area: &_, style: &_| {
        charts::ringfence_by_funder::draw(area, &draw_rows, style)
            .map_err(|error| format!("{error:?}"))
    };
    let label = format!(
        "{} for {dataset_name}. The same numbers are in the table below.",
        charts::ringfence_by_funder::TITLE
    );
    view! {
        <figure class="chart" aria-labelledby="ringfence-by-funder-caption">
            <figcaption id="ringfence-by-funder-caption">{charts::ringfence_by_funder::TITLE}</figcaption>
            <ChartCanvas draw=draw height=height label=label />
            <details class="data-table">
                <summary>"Show the numbers as a table"</summary>
                <table>
                    <caption>{format!("{} ({dataset_name})", charts::ringfence_by_funder::TITLE)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Funder"</th>
                            <th scope="col">"Lines"</th>
                            <th scope="col">"Ringfenced"</th>
                            <th scope="col">"Flexible"</th>
                            <th scope="col">"Not recorded"</th>
                            <th scope="col">"Total"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {table_rows
                            .into_iter()
                            .map(|row| {
                                view! {
                                    <tr>
                                        <th scope="row">{row.funder.clone()}</th>
                                        <td>{format::count(row.lines as u64)}</td>
                                        <td>{format::gbp(row.money.ringfenced)}</td>
                                        <td>{format::gbp(row.money.flexible)}</td>
                                        <td>{format::gbp(row.money.not_recorded)}</td>
                                        <td>{format::gbp(row.money.total())}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
