//! The page: dataset choice and uploads, the import summary, headline figures, the charts and
//! the pooling workspace.

use leptos::prelude::*;

use super::attention::NeedsAttention;
use super::figures::{BoardPack, ChartFigure, Figures, MoreCharts};
use super::pooling::Pooling;
use super::state::{AppState, Status};
use super::upload::UploadPanel;
use grantpool::format;
use grantpool::metrics::Headline;
use grantpool::model::Ringfence;
use grantpool::place::Origin;
use grantpool::samples::{self, Sample, SAMPLES};

/// The picker's value while the user's own files are shown.
const OWN_FILES: &str = "own-files";

/// The sample named in the address (`?sample=`), if any.
fn sample_from_address() -> Option<&'static Sample> {
    web_sys::window()
        .and_then(|window| window.location().search().ok())
        .and_then(|search| {
            search
                .trim_start_matches('?')
                .split('&')
                .find_map(|pair| pair.strip_prefix("sample="))
                .and_then(samples::find)
        })
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
    let asked = sample_from_address();
    let first = asked.unwrap_or_else(samples::default_sample);
    let state = AppState::new(Some(first));
    provide_context(state);
    state.restore_or_load(first, asked.is_some());
    // Keep the work in this browser as it changes (once the saved work is back). The place is
    // counted apart, so it is written again only when it changed.
    Effect::new(move |_| {
        state.place.track();
        state.place_generation.update(|g| *g += 1);
    });
    Effect::new(move |_| {
        state.place.track();
        state.editor.track();
        if state.restored.get() {
            state.save_soon();
        }
    });

    view! {
        <a class="skip-link" href="#main">"Skip to the figures"</a>
        <header class="masthead">
            <h1>"grantpool"</h1>
            <p class="tagline">
                "See how fragmented a place’s public funding is, and redesign it as pooled, place-based budgets."
            </p>
        </header>
        <div class="page">
            <DatasetPicker />
            <UploadPanel />
            <Notices />
            <main id="main" tabindex="-1">
                {move || match state.status.get() {
                    Status::Loading(message) => view! { <p class="loading" role="status">{message}</p> }.into_any(),
                    Status::Failed(message) => {
                        view! {
                            <div class="error" role="alert">
                                <h2>"This data could not be shown"</h2>
                                <p>{message}</p>
                                <p>"Choose another sample above, add your own files, or reload the page to try again."</p>
                            </div>
                        }
                            .into_any()
                    }
                    Status::Ready => view! { <PlaceView /> }.into_any(),
                }}
            </main>
        </div>
        <footer class="footer">
            <p>"Your data never leaves your browser: grantpool reads and draws everything on this page."</p>
        </footer>
    }
}

#[component]
fn DatasetPicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let on_pick = move |event: leptos::ev::Event| {
        let Some(picked) = samples::find(&event_target_value(&event)) else {
            return;
        };
        let own = state
            .place
            .with_untracked(|place| place.origin == Origin::Uploads);
        let has_pots = state
            .editor
            .with_untracked(|editor| !editor.scenario.pots.is_empty());
        let question = "Switch to this sample? It replaces your files and pots (save the scenario first to keep it).";
        if (own || has_pots) && !super::browser::confirm(question) {
            let select: web_sys::HtmlSelectElement = event_target(&event);
            let current = state.sample.get_untracked().map_or(OWN_FILES, |s| s.id);
            select.set_value(current);
            return;
        }
        remember_sample_in_address(picked);
        state.load_sample(picked);
    };
    let own_files = move || state.place.with(|place| place.origin == Origin::Uploads);
    view! {
        <section class="dataset" aria-labelledby="dataset-heading">
            <h2 id="dataset-heading">"Dataset"</h2>
            <div class="picker">
                <label for="sample-picker">"Sample dataset"</label>
                <select id="sample-picker" on:change=on_pick>
                    {move || {
                        own_files().then(|| view! { <option value=OWN_FILES selected=true>"Your own files"</option> })
                    }}
                    {SAMPLES
                        .iter()
                        .map(|option| {
                            view! {
                                <option
                                    value=option.id
                                    prop:selected=move || state.sample.get().map(|s| s.id) == Some(option.id)
                                >
                                    {option.name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            {move || state.sample.get().map(sample_notice)}
            <p
                class="save-state"
                data-change-generation=move || state.save_generation.get().to_string()
                data-saved-generation=move || state.saved_generation.get().to_string()
            >
                {move || {
                    if state.saved_generation.get() == state.save_generation.get() {
                        "Your work is saved in this browser."
                    } else {
                        "Saving your work in this browser…"
                    }
                }}
            </p>
            <button
                type="button"
                class="start-over"
                on:click=move |_| {
                    if super::browser::confirm(
                        "Start over? This clears your files and pots from this browser and shows the sample again.",
                    ) {
                        state.start_over();
                    }
                }
            >
                "Start over"
            </button>
        </section>
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

/// Messages about what just happened, read out by screen readers.
#[component]
fn Notices() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="notices" role="log" aria-live="polite" aria-label="Messages">
            <For each=move || state.notices.get() key=|notice| notice.id let:notice>
                <p class=if notice.is_error { "notice notice-error" } else { "notice" }>{notice.text}</p>
            </For>
        </div>
    }
}

#[component]
fn PlaceView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let figures = Figures::new(state);
    provide_context(figures);
    let empty = Memo::new(move |_| state.place.with(|place| place.files.is_empty()));
    move || {
        if empty.get() {
            view! { <p class="loading">"Choose a sample or add your own files to begin."</p> }
                .into_any()
        } else {
            view! {
                <div class="workspace" hidden=move || figures.board_pack.get()>
                    <ImportSummary />
                    <NeedsAttention />
                    <HeadlineFigures headline=figures.headline />
                    <ChartFigure
                        id="ringfenced-flexible-before-after"
                        note="The whole place: today, and with your pots applied."
                        chart=figures.before_after
                    />
                    <ChartFigure
                        id="ringfenced-flexible-by-funder"
                        note="With your pots: money in a pot that lifts the ringfence counts as flexible. Each funder’s colour is the same in every chart."
                        chart=figures.by_funder
                    />
                    <Pooling />
                    <MoreCharts />
                </div>
                <Show when=move || figures.board_pack.get()>
                    <BoardPack />
                </Show>
            }
            .into_any()
        }
    }
}

#[component]
fn ImportSummary() -> impl IntoView {
    let state = expect_context::<AppState>();
    let summary = Memo::new(move |_| state.place.with(|place| place.summary()));
    let files = move || {
        state.place.with(|place| {
            place
                .files
                .iter()
                .map(|file| {
                    let report = &file.report;
                    let sheet = report.sheet.as_ref().map(|s| format!(" (sheet “{s}”)")).unwrap_or_default();
                    let text = format!(
                        "{}{sheet}: {} data rows → {} funding lines ({}), {} need attention, {} left out, {} skipped.",
                        report.file,
                        format::count(report.data_rows.into()),
                        format::count(report.lines_imported.into()),
                        format::gbp(report.total),
                        format::count(report.needs_attention.len() as u64),
                        format::count(report.left_out.len() as u64),
                        format::count(report.skipped.len() as u64),
                    );
                    view! { <li>{text}</li> }
                })
                .collect_view()
        })
    };
    view! {
        <section class="import-summary" role="region" aria-label="Import summary">
            <p>
                {move || {
                    let s = summary.get();
                    format!(
                        "{} funding lines from {} file{}; {} rows need attention; {} rows skipped (blank or totals); {} left out by you. Total {}.",
                        format::count(s.lines),
                        format::count(s.files as u64),
                        if s.files == 1 { "" } else { "s" },
                        format::count(s.needs_attention),
                        format::count(s.skipped),
                        format::count(s.left_out),
                        format::gbp(s.total),
                    )
                }}
            </p>
            <ul class="files">{files}</ul>
        </section>
    }
}

#[component]
fn HeadlineFigures(headline: Memo<Headline>) -> impl IntoView {
    let figure = |label: &'static str, id: &'static str, value: Signal<String>| {
        view! {
            <div class="figure">
                <dt>{label}</dt>
                <dd data-testid=id>{value}</dd>
            </div>
        }
    };
    let count = move |read: fn(&Headline) -> usize| {
        Signal::derive(move || format::count(read(&headline.get()) as u64))
    };
    let total = move || headline.get().money.total();
    let ringfenced_share = Signal::derive(move || {
        let money = headline.get().money;
        if money.not_recorded == money.total() {
            "Not recorded".to_owned()
        } else {
            money
                .share(Ringfence::Ringfenced)
                .map(format::percent)
                .unwrap_or_else(|| "—".to_owned())
        }
    });
    let split_note = move || {
        let money = headline.get().money;
        Ringfence::ALL
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
            .join(" · ")
    };
    view! {
        <section class="headline" aria-labelledby="headline-heading">
            <h2 id="headline-heading">"Headline figures"</h2>
            <dl class="figures">
                {figure("Funding lines", "figure-lines", count(|h| h.lines))}
                {figure("Funders", "figure-funders", count(|h| h.funders))}
                {figure("Programmes", "figure-programmes", count(|h| h.programmes))}
                {figure("Recipients", "figure-recipients", count(|h| h.recipients))}
                <div class="figure">
                    <dt>"Total"</dt>
                    <dd>
                        <span aria-hidden="true">{move || format::gbp_short(total().as_pounds_f64())}</span>
                        <span class="exact" data-testid="figure-total">{move || format::gbp(total())}</span>
                    </dd>
                </div>
                {figure("Share ringfenced", "figure-ringfenced-share", ringfenced_share)}
            </dl>
            <p class="split-note">{split_note}</p>
        </section>
    }
}
