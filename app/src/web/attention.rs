//! Rows that did not become funding lines: fix them in place, or leave them out on purpose.

use leptos::prelude::*;

use super::state::AppState;
use grantpool::format;
use grantpool::import::RowIssue;
use grantpool::place::PlaceCommand;

/// Rows listed at once; the count says how many more there are.
const LISTED: usize = 200;

#[derive(Debug, Clone, PartialEq)]
struct Listed {
    /// Each cell under its column's header, as the file wrote it.
    cells: Vec<(String, String)>,
    file: usize,
    issue: usize,
    row: RowIssue,
    /// What the row is: its funder, programme, recipient and amount as written.
    what: String,
}

/// The "Needs attention" region, shown while any row awaits a decision.
#[component]
pub fn NeedsAttention() -> impl IntoView {
    let state = expect_context::<AppState>();
    let listed = Memo::new(move |_| {
        state.place.with(|place| {
            let mut listed = Vec::new();
            let mut total = 0usize;
            for (file, loaded) in place.files.iter().enumerate() {
                total += loaded.report.needs_attention.len();
                for (issue, row) in loaded.report.needs_attention.iter().enumerate() {
                    if listed.len() < LISTED {
                        listed.push(Listed {
                            file,
                            issue,
                            what: loaded.report.describe_row(&row.cells),
                            cells: loaded.report.cells_with_headers(&row.cells),
                            row: row.clone(),
                        });
                    }
                }
            }
            (listed, total)
        })
    });
    move || {
        let (rows, total) = listed.get();
        (total > 0).then(|| {
            let more = (total > rows.len()).then(|| {
                view! { <p>{format!("The first {} of {} rows are listed; fix or leave out these to see the rest.", rows.len(), format::count(total as u64))}</p> }
            });
            let rows = rows.into_iter().map(|listed| view! { <AttentionRow listed=listed /> }).collect_view();
            view! {
                <section class="attention" role="region" aria-label="Needs attention">
                    <h2>{format!("Needs attention ({})", format::count(total as u64))}</h2>
                    <p>
                        "These rows did not become funding lines, so their money is not in any total yet. "
                        "Type a corrected value, or leave the row out. Nothing is dropped unless you choose."
                    </p>
                    {more}
                    <div class="scroll" tabindex="0" role="group" aria-label="Rows needing attention, scrollable">
                        <table>
                            <caption class="visually-hidden">"Rows needing attention"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"File"</th>
                                    <th scope="col">"Row"</th>
                                    <th scope="col">"Column"</th>
                                    <th scope="col">"Reason"</th>
                                    <th scope="col">"What the row is"</th>
                                    <th scope="col">"Fix"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </section>
            }
        })
    }
}

#[component]
fn AttentionRow(listed: Listed) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Listed {
        file,
        issue,
        row,
        what,
        cells,
    } = listed;
    let cell_list = cells
        .into_iter()
        .map(|(header, value)| view! { <div><dt>{format!("{header}:")}</dt><dd>{value}</dd></div> })
        .collect_view();
    let current = row
        .column_index
        .and_then(|c| row.cells.get(c))
        .cloned()
        .unwrap_or_default();
    let value = RwSignal::new(current);
    let problem = RwSignal::new(None::<String>);
    let input_id = format!("fix-{file}-{issue}");
    let where_ = format!("row {} of “{}”", row.row, row.file);
    let fix_label = format!("New {} for {where_}", row.column);
    let leave_label = format!("Leave out {where_}");
    let fixed_message = format!("Fixed {where_}: it is now a funding line.");
    let left_message = format!("Left out {where_}.");
    let where_for_error = format!("Row {} of “{}”", row.row, row.file);
    let on_fix = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let fix = PlaceCommand::FixRow {
            file,
            issue,
            value: value.get_untracked(),
        };
        match state.change_place(fix) {
            Ok(_) => state.notify(fixed_message.clone(), false),
            Err(reason) => problem.set(Some(reason)),
        }
    };
    let on_leave = move |_| match state.change_place(PlaceCommand::LeaveOut { file, issue }) {
        Ok(_) => state.notify(left_message.clone(), false),
        Err(reason) => state.notify(
            format!("{where_for_error} could not be left out: {reason}"),
            true,
        ),
    };
    view! {
        <tr>
            <td>{row.file.clone()}</td>
            <td>{row.row}</td>
            <td>{row.column.clone()}</td>
            <td>{row.reason.clone()}</td>
            <td>
                <span class="row-what">{what}</span>
                <details class="row-cells">
                    <summary>"All cells"</summary>
                    <dl>{cell_list}</dl>
                </details>
            </td>
            <td>
                <form class="fix" on:submit=on_fix>
                    <label class="visually-hidden" for=input_id.clone()>{fix_label}</label>
                    <input
                        id=input_id
                        type="text"
                        prop:value=move || value.get()
                        on:input=move |event| value.set(event_target_value(&event))
                        aria-invalid=move || problem.get().is_some().to_string()
                    />
                    <button type="submit">"Use value"</button>
                    <button type="button" aria-label=leave_label on:click=on_leave>"Leave out"</button>
                    {move || problem.get().map(|text| view! { <span class="field-error" role="alert">{text}</span> })}
                </form>
            </td>
        </tr>
    }
}

/// The rows the person left out, each of which can be taken back to need attention again.
#[component]
pub fn LeftOut() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = Memo::new(move |_| {
        state.place.with(|place| {
            place
                .files
                .iter()
                .enumerate()
                .flat_map(|(file, loaded)| {
                    loaded
                        .report
                        .left_out
                        .iter()
                        .enumerate()
                        .map(move |(index, row)| {
                            (
                                file,
                                index,
                                row.clone(),
                                loaded.report.describe_row(&row.cells),
                            )
                        })
                })
                .take(LISTED)
                .collect::<Vec<_>>()
        })
    });
    move || {
        let rows = rows.get();
        (!rows.is_empty()).then(|| {
            let items = rows
                .into_iter()
                .map(|(file, index, row, what)| {
                    let where_ = format!("row {} of “{}”", row.row, row.file);
                    let label = format!("Take back {where_}");
                    let taken = format!("Took back {where_}: it needs attention again.");
                    let take_back = move |_| {
                        match state.change_place(PlaceCommand::TakeBack {
                            file,
                            left_out: index,
                        }) {
                            Ok(_) => state.notify(taken.clone(), false),
                            Err(reason) => state.notify(reason, true),
                        }
                    };
                    view! {
                        <li>
                            {format!("Row {} of “{}” ({}): {}. ", row.row, row.file, row.reason, what)}
                            <button type="button" aria-label=label on:click=take_back>"Take back"</button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="left-out" role="region" aria-label="Rows left out">
                    <h2>"Rows you left out"</h2>
                    <p>"Their money is in no total. Take a row back to fix it instead."</p>
                    <ul>{items}</ul>
                </section>
            }
        })
    }
}
