//! What was loaded and what it adds up to: the import summary and the headline figures.

use leptos::prelude::*;

use super::state::AppState;
use crate::announce;
use grantpool::format;
use grantpool::headline::Headline;
use grantpool::model::Ringfence;
use grantpool::view::View;

/// The most cells left unknown listed for one file.
const NOTES_LISTED: usize = 50;

#[component]
pub fn ImportSummary() -> impl IntoView {
    let state = expect_context::<AppState>();
    let summary = Memo::new(move |_| state.place.with(|place| place.summary()));
    let files = move || {
        state.place.with(|place| {
            place
                .files
                .iter()
                .enumerate()
                .map(|(index, file)| {
                    let report = &file.report;
                    let text = announce::file_summary(report);
                    let renamed = report
                        .renamed
                        .iter()
                        .map(|r| {
                            let text = format!(
                                "{} “{}” shown as “{}” ({}; {})",
                                r.field.label(),
                                r.from,
                                r.into,
                                announce::funding_lines(u64::from(r.lines)),
                                r.why
                            );
                            view! { <li>{text}</li> }
                        })
                        .collect_view();
                    let has_renamed = !report.renamed.is_empty();
                    let notes = report
                        .notes
                        .iter()
                        .take(NOTES_LISTED)
                        .map(|note| {
                            let text = format!("Row {}, {}: {}", note.row, note.column, note.reason);
                            view! { <li>{text}</li> }
                        })
                        .collect_view();
                    let notes_heading = format!(
                        "{} left unknown{}",
                        format::counted(report.notes.len() as u64, "cell", "cells"),
                        if report.notes.len() > NOTES_LISTED {
                            format!(" (the first {NOTES_LISTED} listed)")
                        } else {
                            String::new()
                        }
                    );
                    let has_notes = !report.notes.is_empty();
                    let remove_label = format!("Remove {}", report.file);
                    view! {
                        <li>
                            <span>{text}</span>
                            " "
                            <button type="button" class="secondary small" on:click=move |_| state.remove_file(index)>
                                <span aria-hidden="true">"Remove"</span>
                                <span class="visually-hidden">{remove_label}</span>
                            </button>
                            {has_notes.then(|| view! {
                                <details class="file-notes">
                                    <summary>{notes_heading}</summary>
                                    <ul>{notes}</ul>
                                </details>
                            })}
                            {has_renamed.then(|| view! {
                                <details class="file-renamed">
                                    <summary>"Names merged in this file"</summary>
                                    <ul>{renamed}</ul>
                                </details>
                            })}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="import-summary" role="region" aria-label="Import summary">
            <p>
                {move || {
                    announce::place_summary(&summary.get())
                }}
            </p>
            <ul class="files">{files}</ul>
            <super::merge_names::MergeNames />
        </section>
    }
}

/// Offers to put back the file just removed (undoing the removal), until the next change.
#[component]
pub fn PutBack() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        {move || state.removed.get().map(|name| {
            let label = format!("Put “{name}” back");
            view! {
                <div class="put-back" role="status">
                    <p>{format!("“{name}” was removed.")}</p>
                    <button type="button" class="primary" on:click=move |_| state.undo()>{label}</button>
                </div>
            }
        })}
    }
}

#[component]
pub fn HeadlineFigures(headline: Memo<Headline>) -> impl IntoView {
    let state = expect_context::<AppState>();
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
    let ringfenced_share =
        Signal::derive(move || headline.get().money.share_text(Ringfence::Ringfenced));
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
            <p class="showing" data-testid="showing">{move || state.view.with(View::showing)}</p>
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
