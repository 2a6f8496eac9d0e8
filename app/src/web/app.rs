//! The page: the data picker and uploads, messages, and the place shown: the import summary,
//! headline figures, charts and the pooling workspace, or the board pack.

use leptos::prelude::*;

use super::attention::{LeftOut, NeedsAttention};
use super::browser::offline;
use super::drill::{Drill, LinesBehind};
use super::figures::{BoardPack, Figures, MoreCharts, TopCharts, YearCharts};
use super::filters::FiltersBar;
use super::picker::{sample_from_address, DatasetPicker};
use super::pooling::Pooling;
use super::scenarios::Comparing;
use super::state::{AppState, Status};
use super::summary::{HeadlineFigures, ImportSummary, PutBack};
use super::upload::UploadPanel;
use super::view_picker::{PlacesCompared, ViewPicker};
use grantpool::samples;

#[component]
pub fn App() -> impl IntoView {
    let asked = sample_from_address();
    let first = asked.unwrap_or_else(samples::default_sample);
    let state = AppState::new(Some(first));
    provide_context(state);
    state.restore_or_load(first, asked.is_some());
    state.note_unfinished_files();
    leptos::task::spawn_local(async move {
        let registered = offline::register(move || state.update_ready.set(true)).await;
        if let Err(reason) = registered {
            state.notify(
                format!("grantpool will not work offline in this browser: {reason}."),
                false,
            );
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
            <UpdateReady />
            <div class="intake">
                <DatasetPicker />
                <UploadPanel />
            </div>
            <Notices />
            <PutBack />
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
            <p><a href="accessibility.html">"Accessibility statement"</a></p>
        </footer>
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
    provide_context(Drill::new(state, figures));
    provide_context(Comparing::new(state, figures));
    let empty = Memo::new(move |_| state.place.with(|place| place.files.is_empty()));
    move || {
        if empty.get() {
            view! { <p class="loading">"Choose a sample or add your own files to begin."</p> }
                .into_any()
        } else {
            view! {
                <div
                    class="workspace"
                    hidden=move || figures.board_pack.get()
                    aria-busy=move || figures.schedule.updating.get().to_string()
                    data-figures=move || if figures.schedule.updating.get() { "updating" } else { "settled" }
                >
                    <Show when=move || figures.schedule.updating.get()>
                        <p class="updating-note">"Updating the figures…"</p>
                    </Show>
                    <NeedsAttention />
                    <ViewPicker />
                    <FiltersBar />
                    <HeadlineFigures headline=figures.headline />
                    <ImportSummary />
                    <LeftOut />
                    <PlacesCompared />
                    <TopCharts />
                    <Pooling />
                    <MoreCharts />
                    <YearCharts />
                </div>
                <Show when=move || figures.board_pack.get()>
                    <BoardPack />
                </Show>
                <LinesBehind />
            }
            .into_any()
        }
    }
}

/// Offers a new version of grantpool, once it has been downloaded, to load with a reload.
#[component]
fn UpdateReady() -> impl IntoView {
    let state = expect_context::<AppState>();
    let reload = move |_| {
        leptos::task::spawn_local(async move {
            if let Err(reason) = offline::load_new_version().await {
                state.notify(
                    format!("The new version could not be loaded: {reason}."),
                    true,
                );
            }
        });
    };
    view! {
        <Show when=move || state.update_ready.get()>
            <div class="update-ready" role="status">
                <p>"A new version is ready: reload to use it. Your work is kept."</p>
                <button type="button" class="primary" on:click=reload>"Reload"</button>
            </div>
        </Show>
    }
}
