//! Bringing files in: the file picker, dropping anywhere, pasting cells, the column-mapping
//! screen and the progress bar.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use send_wrapper::SendWrapper;

use super::browser::{files_of, read_file, read_file_start};
use super::state::{AppState, IncomingFile, MappingStep};
use grantpool::format;
use grantpool::import::{Field, FileKind, RingfenceRule, PREVIEW_BYTES};
use grantpool::model::Ringfence;

/// Reads what the page needs of each file (the start of delimited text, to preview it; all of
/// a workbook or JSON file) and queues it for import.
fn take_files(state: AppState, files: Vec<web_sys::File>) {
    for file in files {
        spawn_local(async move {
            let size = file.size();
            let read = async {
                // One byte past the preview, so a preview of the start knows it is not the end.
                let start = read_file_start(&file, (PREVIEW_BYTES + 1) as f64).await?;
                let whole = start.len() as f64 >= size;
                if whole || FileKind::detect(&start) == FileKind::Delimited {
                    return Ok((start, whole));
                }
                Ok::<_, String>((read_file(&file).await?, true))
            };
            match read.await {
                Ok((bytes, whole)) => state.enqueue(vec![IncomingFile {
                    name: file.name(),
                    bytes: Arc::new(bytes),
                    whole,
                    file: SendWrapper::new(file.into()),
                }]),
                Err(reason) => state.notify(format!("“{}”: {reason}.", file.name()), true),
            }
        });
    }
}

/// Pasted cells as a file: their text, and a `Blob` of it for the import worker.
fn pasted_file(name: String, text: String) -> Option<IncomingFile> {
    let parts = js_sys::Array::of1(&text.as_str().into());
    let blob = web_sys::Blob::new_with_str_sequence(&parts).ok()?;
    Some(IncomingFile {
        name,
        bytes: Arc::new(text.into_bytes()),
        whole: true,
        file: SendWrapper::new(blob),
    })
}

/// True when the event happened in a form control, where pasting is typing.
fn in_form_control(event: &web_sys::Event) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| {
            matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        })
}

/// The upload controls, plus page-wide drop and paste handling.
#[component]
pub fn UploadPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dragging = RwSignal::new(false);
    let pasted = StoredValue::new(0u32);

    let handles = [
        window_event_listener(ev::dragover, move |event: web_sys::DragEvent| {
            event.prevent_default();
            dragging.set(true);
        }),
        window_event_listener(ev::dragleave, move |event: web_sys::DragEvent| {
            // Leaving the window, not moving between elements.
            if event.related_target().is_none() {
                dragging.set(false);
            }
        }),
        window_event_listener(ev::drop, move |event: web_sys::DragEvent| {
            event.prevent_default();
            dragging.set(false);
            take_files(
                state,
                files_of(event.data_transfer().and_then(|d| d.files())),
            );
        }),
        window_event_listener(ev::paste, move |event: web_sys::ClipboardEvent| {
            if in_form_control(&event) {
                return;
            }
            let Some(text) = event
                .clipboard_data()
                .and_then(|data| data.get_data("text/plain").ok())
            else {
                return;
            };
            if !(text.contains('\t') || text.contains(',')) || text.lines().count() < 2 {
                state.notify(
                    "Pasted text was not read: copy at least a header row and one row of cells from a spreadsheet.".to_owned(),
                    true,
                );
                return;
            }
            event.prevent_default();
            pasted.update_value(|n| *n += 1);
            let name = format!("Pasted cells {}.tsv", pasted.get_value());
            match pasted_file(name, text) {
                Some(file) => state.enqueue(vec![file]),
                None => state.notify(
                    "The pasted cells could not be read: the browser refused to hold them."
                        .to_owned(),
                    true,
                ),
            }
        }),
    ];
    on_cleanup(move || handles.into_iter().for_each(|handle| handle.remove()));

    let on_choose = move |event: ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&event);
        take_files(state, files_of(input.files()));
        // Choosing the same file again should fire again.
        input.set_value("");
    };

    view! {
        <section class="upload" aria-labelledby="upload-heading">
            <h2 id="upload-heading">"Your own grant files"</h2>
            <p>
                "Add CSV or TSV files, Excel or OpenDocument workbooks (XLSX, XLS, ODS), or 360Giving JSON. "
                "You can also drop files anywhere on this page, or paste cells copied from a spreadsheet. "
                "Your files are read here, in your browser, and never uploaded anywhere."
            </p>
            <label class="file-button">
                "Choose files…"
                <input
                    type="file"
                    multiple
                    accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods,.json"
                    on:change=on_choose
                />
            </label>
        </section>
        <div class="drop-overlay" class:visible=move || dragging.get() aria-hidden="true">
            <p>"Drop grant files to add them"</p>
        </div>
        <ImportProgress />
        <MappingPanel />
    }
}

/// The import progress bar, with a way to cancel. Built once per import, so the button stays
/// put while the bar moves.
#[component]
fn ImportProgress() -> impl IntoView {
    let state = expect_context::<AppState>();
    let file = move || {
        state
            .progress
            .with(|p| p.as_ref().map(|p| p.file.clone()).unwrap_or_default())
    };
    let percent = move || {
        state
            .progress
            .with(|p| p.as_ref().map_or(0.0, |p| (p.fraction * 100.0).round()))
    };
    // The Import button that started it has gone with the mapping screen: the bar takes the
    // focus then (and so comes into view), unless the focus is already somewhere else.
    let bar = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(bar) = bar.get() else { return };
        let document = web_sys::window().and_then(|w| w.document());
        let focus_lost = document.is_some_and(|document| {
            let body: Option<web_sys::Element> = document.body().map(Into::into);
            document.active_element().is_none() || document.active_element() == body
        });
        if focus_lost {
            let _ = bar.focus();
        }
    });
    view! {
        <Show when=move || state.progress.with(Option::is_some)>
            <div class="progress" role="status" tabindex="-1" node_ref=bar>
                <label for="import-progress">{move || format!("Importing “{}”…", file())}</label>
                <progress id="import-progress" max="100" prop:value=percent>
                    {move || format!("{}%", percent())}
                </progress>
                <button type="button" on:click=move |_| state.cancel_import.set(true)>
                    "Cancel import"
                </button>
            </div>
        </Show>
    }
}

/// The column-mapping screen for the file about to be imported. It is built once per file
/// (and sheet), so changing a choice never moves keyboard focus.
#[component]
fn MappingPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = Memo::new(move |_| {
        state.mapping.with(|step| {
            step.as_ref()
                .map(|s| (s.fingerprint, s.preview.sheet.clone()))
        })
    });
    let form = move || {
        shown
            .get()
            .and_then(|_| state.mapping.get_untracked())
            .map(|step| view! { <MappingForm step=step /> })
    };
    // Files chosen while this one is being mapped wait their turn, and the page says so.
    let waiting = move || {
        let open = state.mapping.with(Option::is_some);
        state.queue.with(|queue| {
            (open && !queue.is_empty()).then(|| {
                let names: Vec<String> = queue.iter().map(|f| format!("“{}”", f.name)).collect();
                view! {
                    <p class="queued" role="status">
                        {format!(
                            "Waiting to be mapped after this one: {} ({}).",
                            names.join(", "),
                            format::counted(queue.len() as u64, "file", "files")
                        )}
                    </p>
                }
            })
        })
    };
    let reading = move || {
        state.reading.get().map(|name| {
            view! { <p class="loading" role="status">{format!("Reading “{name}”…")}</p> }
        })
    };
    view! {
        {reading}
        {form}
        {waiting}
    }
}

/// Reads the step on the mapping screen, if any.
fn with_step<T>(state: AppState, read: impl FnOnce(&MappingStep) -> T) -> Option<T> {
    state.mapping.with(|step| step.as_ref().map(read))
}

fn column_select(state: AppState, step: &MappingStep, field: Field) -> impl IntoView {
    let id = format!("map-{field:?}").to_lowercase();
    let column = move || with_step(state, |s| s.mapping.column(field)).flatten();
    let example = move || {
        with_step(state, |s| {
            s.mapping.column(field).and_then(|c| {
                s.preview
                    .sample_rows
                    .first()
                    .and_then(|row| row.get(c))
                    .cloned()
            })
        })
        .flatten()
        .unwrap_or_default()
    };
    let options = step
        .preview
        .headers
        .iter()
        .enumerate()
        .map(|(index, header)| {
            let label = if header.trim().is_empty() {
                format!("Column {} (no title)", index + 1)
            } else {
                header.clone()
            };
            view! { <option value=index.to_string() prop:selected=move || column() == Some(index)>{label}</option> }
        })
        .collect_view();
    let on_change = move |event: ev::Event| {
        let column = event_target_value(&event).parse::<usize>().ok();
        state.mapping.update(|step| {
            if let Some(step) = step {
                step.mapping.set(field, column);
            }
        });
    };
    let required = field == Field::Amount;
    view! {
        <tr>
            <th scope="row">
                <label for=id.clone()>{field.label()}</label>
                {required.then(|| view! { <span class="required">" (required)"</span> })}
            </th>
            <td>
                <select id=id on:change=on_change>
                    <option value="" prop:selected=move || column().is_none()>"— not in this file —"</option>
                    {options}
                </select>
            </td>
            <td class="example">{example}</td>
        </tr>
    }
}

#[component]
fn MappingForm(step: MappingStep) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = step.file.name.clone();
    // The screen takes the focus when it opens, so it is in view and a keyboard or screen
    // reader user starts on it rather than on "Choose files…".
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
            heading.scroll_into_view();
        }
    });
    let has_amount = Memo::new(move |_| {
        with_step(state, |s| s.mapping.column(Field::Amount).is_some()).unwrap_or(false)
    });
    let has_ringfence = Memo::new(move |_| {
        with_step(state, |s| s.mapping.column(Field::Ringfenced).is_some()).unwrap_or(false)
    });
    let kind = match step.preview.kind {
        FileKind::Delimited => "CSV (delimited text) file",
        FileKind::Workbook => "workbook",
        FileKind::GivingJson => "360Giving JSON file",
    };
    let sheet_picker = (step.preview.sheets.len() > 1).then(|| {
        let current = step.preview.sheet.clone();
        let options = step
            .preview
            .sheets
            .iter()
            .map(|sheet| {
                view! { <option value=sheet.clone() selected=current.as_deref() == Some(sheet.as_str())>{sheet.clone()}</option> }
            })
            .collect_view();
        view! {
            <p class="sheet-picker">
                <label for="sheet-picker">"Sheet"</label>
                <select id="sheet-picker" on:change=move |event| state.choose_sheet(event_target_value(&event))>
                    {options}
                </select>
            </p>
        }
    });
    let fields = Field::ALL
        .iter()
        .map(|&field| column_select(state, &step, field))
        .collect_view();
    let preview_head = step
        .preview
        .headers
        .iter()
        .map(|h| view! { <th scope="col">{h.clone()}</th> })
        .collect_view();
    let preview_rows = step
        .preview
        .sample_rows
        .iter()
        .map(|row| {
            let cells = row
                .iter()
                .map(|cell| view! { <td>{cell.clone()}</td> })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    let rule_controls = move || {
        (!has_ringfence.get()).then(|| {
            let rule = state
                .mapping
                .with_untracked(|s| s.as_ref().map(|s| s.rule.clone()))
                .unwrap_or_default();
            view! { <RingfenceRuleForm rule=rule /> }
        })
    };

    view! {
        <section class="mapping" role="region" aria-label="Column mapping">
            <h2 node_ref=heading tabindex="-1">{format!("Check the columns of “{name}”")}</h2>
            <p>
                {format!("A {kind}; column titles found on row {}. ", step.preview.header_row)}
                {if step.remembered {
                    "These are the column choices you made before for a file with the same columns."
                } else {
                    "grantpool matched the columns it recognised. Change any that are wrong."
                }}
            </p>
            {sheet_picker}
            <div class="table-scroll" tabindex="0" role="group" aria-label="Which column holds each field, scrollable">
                <table class="mapping-table">
                    <caption>"Which column holds each field"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Field"</th>
                            <th scope="col">"Column in the file"</th>
                            <th scope="col">"First value"</th>
                        </tr>
                    </thead>
                    <tbody>{fields}</tbody>
                </table>
            </div>
            {rule_controls}
            <super::whole_file_place::WholeFilePlace />
            <details class="preview">
                <summary>"Show the first rows of the file"</summary>
                <div class="scroll" tabindex="0" role="group" aria-label="The first rows of the file, scrollable">
                    <table>
                        <caption>{format!("First rows of “{name}”")}</caption>
                        <thead>
                            <tr>{preview_head}</tr>
                        </thead>
                        <tbody>{preview_rows}</tbody>
                    </table>
                </div>
            </details>
            {move || (!has_amount.get()).then(|| view! {
                <p class="field-error" role="alert">"Choose the column that holds the amount to import this file."</p>
            })}
            <div class="actions">
                <button type="button" class="primary" disabled=move || !has_amount.get() on:click=move |_| state.import_mapped()>
                    {format!("Import “{name}”")}
                </button>
                <button type="button" on:click=move |_| state.cancel_mapping()>"Cancel"</button>
            </div>
        </section>
    }
}

/// How to treat ringfencing when the file has no column for it.
#[component]
fn RingfenceRuleForm(rule: RingfenceRule) -> impl IntoView {
    let state = expect_context::<AppState>();
    let set_rule = move |rule: RingfenceRule| {
        state.mapping.update(|step| {
            if let Some(step) = step {
                step.rule = rule;
            }
        })
    };
    let terms_text = match &rule {
        RingfenceRule::FlexibleIfProgrammeContains { terms, .. } => terms.join(", "),
        _ => String::new(),
    };
    let terms = RwSignal::new(terms_text);
    let by_programme = move |text: String| RingfenceRule::FlexibleIfProgrammeContains {
        terms: text
            .split(',')
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect(),
        otherwise: Ringfence::Ringfenced,
    };
    let choice = |label: &'static str, value: RingfenceRule, checked: bool| {
        view! {
            <label class="radio">
                <input type="radio" name="ringfence-rule" checked=checked on:change=move |_| set_rule(value.clone()) />
                {label}
            </label>
        }
    };
    let is_terms = matches!(rule, RingfenceRule::FlexibleIfProgrammeContains { .. });
    view! {
        <fieldset class="rule">
            <legend>"This file has no ringfence column. Treat its lines as:"</legend>
            {choice("Not recorded (leave unknown)", RingfenceRule::NotRecorded, rule == RingfenceRule::NotRecorded)}
            {choice(
                "All ringfenced",
                RingfenceRule::Everything(Ringfence::Ringfenced),
                rule == RingfenceRule::Everything(Ringfence::Ringfenced),
            )}
            {choice(
                "All flexible",
                RingfenceRule::Everything(Ringfence::Flexible),
                rule == RingfenceRule::Everything(Ringfence::Flexible),
            )}
            <label class="radio">
                <input
                    type="radio"
                    name="ringfence-rule"
                    checked=is_terms
                    on:change=move |_| set_rule(by_programme(terms.get_untracked()))
                />
                "Flexible where the programme name contains any of these words; otherwise ringfenced:"
            </label>
            <label class="visually-hidden" for="rule-terms">"Words that mark flexible programmes"</label>
            <input
                id="rule-terms"
                type="text"
                placeholder="e.g. Revenue Support, New Homes Bonus"
                prop:value=move || terms.get()
                on:change=move |event| {
                    let text = event_target_value(&event);
                    terms.set(text.clone());
                    set_rule(by_programme(text));
                }
            />
        </fieldset>
    }
}
