//! The funding map: the lines in no pot, grouped and searchable, each group and line
//! selectable and draggable.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;

use super::drag::{drop_class, start_drag};
use super::PoolingState;
use crate::announce;
use crate::targets::target_value;
use grantpool::drill::group_selection;
use grantpool::format;
use grantpool::measures::{Group, GroupBy, GroupsWanted, KeptGroups};
use grantpool::scenario::{PotId, NOT_IN_A_POT};

/// Groups listed at once in the map or a pot; search narrows the rest.
const LISTED_GROUPS: usize = 150;

/// Group rows made per task when a list is first shown on a large place, after the task that
/// grouped its lines.
const ROWS_PER_TURN: usize = 50;

/// Lines shown when a group is opened; search narrows bigger groups.
const LISTED_LINES: usize = 100;

/// The single lines of a group, each selectable and draggable.
fn line_rows(pooling: PoolingState, lines: &[u32]) -> impl IntoView {
    let app = pooling.app;
    let shown: Vec<u32> = lines.iter().copied().take(LISTED_LINES).collect();
    let hidden = lines.len().saturating_sub(LISTED_LINES);
    let rows = app.place.with_untracked(|place| {
        shown
            .into_iter()
            .filter_map(|index| {
                let line = place.dataset.lines.get(index as usize)?;
                let source = &place.dataset.sources.get(line.source.file as usize)?.name;
                let recipient = match place.dataset.text(line.recipient) {
                    "" => "(recipient not recorded)",
                    name => name,
                };
                let label = format!(
                    "{recipient}: {}, {} (row {} of {source})",
                    place.dataset.text(line.programme),
                    format::gbp(line.amount),
                    line.source.row
                );
                Some((index, label))
            })
            .collect::<Vec<_>>()
    });
    let rows = rows
        .into_iter()
        .map(|(index, label)| {
            let check_id = format!("line-{index}");
            let checked = move || pooling.selected.with(|s| s.contains(&index));
            let toggle = move |event: ev::Event| {
                let on = event_target_checked(&event);
                pooling.selected.update(|s| {
                    if on {
                        s.insert(index);
                    } else {
                        s.remove(&index);
                    }
                });
            };
            let drag_label = label.clone();
            view! {
                <li class="line">
                    <input type="checkbox" id=check_id.clone() prop:checked=checked on:change=toggle />
                    <label for=check_id>{label.clone()}</label>
                    <span
                        class="drag-handle"
                        role="img"
                        aria-label=format!("Drag {label}")
                        title="Drag onto a pot"
                        on:pointerdown=move |event| start_drag(pooling, &event, &[index], &drag_label)
                    >
                        "⠿"
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="lines">{rows}</ul>
        {(hidden > 0).then(|| view! { <p class="more">{format!("{} more lines: search to narrow.", format::count(hidden as u64))}</p> })}
    }
}

/// One group of lines: a checkbox to select it, a handle to drag it, and its money.
/// Where a list of groups is, for the lines behind each group: the pot (`None` for the map),
/// its name for people, and the search in force.
#[derive(Clone)]
pub(super) struct GroupsOf {
    pub pot: Option<PotId>,
    pub name: String,
    pub query: String,
}

fn group_row(
    pooling: PoolingState,
    group: Group,
    list_id: &'static str,
    of: &GroupsOf,
) -> impl IntoView {
    let selection = group_selection(&group, of.pot, &of.name, &of.query);
    let open_label = format!("Lines behind {}", group.label);
    let drill = expect_context::<crate::web::drill::Drill>();
    let open_behind = move |_| drill.open(selection.clone());
    // One copy of the group's lines, shared by the checkbox, the drag handle and the list.
    let count = group.lines.len();
    let lines: Arc<[u32]> = group.lines.into();
    let lines_for_check = Arc::clone(&lines);
    let lines_for_drag = Arc::clone(&lines);
    let lines_for_list = Arc::clone(&lines);
    let checked = move || {
        pooling
            .selected
            .with(|s| lines_for_check.iter().all(|l| s.contains(l)))
    };
    let on_toggle = move |event: ev::Event| {
        let on = event_target_checked(&event);
        pooling.selected.update(|s| {
            for &line in lines.iter() {
                if on {
                    s.insert(line);
                } else {
                    s.remove(&line);
                }
            }
        });
    };
    let label = group.label.clone();
    let drag_label = format!(
        "{} ({})",
        group.label,
        format::counted(count as u64, "line", "lines")
    );
    let on_pointer_down = move |event: web_sys::PointerEvent| {
        start_drag(pooling, &event, &lines_for_drag, &drag_label)
    };
    let money = group.money;
    let total = money.total();
    let share = announce::ringfenced_share(&money);
    let check_id = format!(
        "{list_id}-{}",
        group.key.replace(|c: char| !c.is_alphanumeric(), "-")
    );
    let open = RwSignal::new(false);
    let show_lines_label = format!("Show the lines of {label}");
    view! {
        <li class="group" data-group=group.label.clone()>
            <input type="checkbox" id=check_id.clone() prop:checked=checked on:change=on_toggle />
            <label for=check_id class="group-name">{label.clone()}</label>
            <span class="group-count">{format::counted(count as u64, "line", "lines")}</span>
            <span class="group-total">{format::gbp_short(total.as_pounds_f64())}</span>
            <span class="group-share">{share}</span>
            <span
                class="drag-handle"
                role="img"
                aria-label=format!("Drag {label}")
                title="Drag onto a pot"
                on:pointerdown=on_pointer_down
            >
                "⠿"
            </span>
            <div class="group-more">
                <button type="button" class="group-open" aria-label=open_label on:click=open_behind>"Lines behind"</button>
                <details class="group-lines" on:toggle=move |event| open.set(event_target::<web_sys::HtmlDetailsElement>(&event).open())>
                    <summary aria-label=show_lines_label>"Lines"</summary>
                    {move || open.get().then(|| line_rows(pooling, &lines_for_list))}
                </details>
            </div>
        </li>
    }
}

/// What a group's row shows: a row whose key is unchanged is kept as it is when the list
/// changes, so a move rebuilds the rows of the groups it changed, not every row.
#[derive(Clone, PartialEq, Eq, Hash)]
struct RowKey {
    key: String,
    first_line: Option<u32>,
    lines: usize,
    pence: i64,
    of: (String, String),
}

/// The groups of the lines `wanted` names, kept up to date: after a move, from the lines it
/// moved ([`KeptGroups::update`]). While `waiting` (on a large place, until the view's turn
/// comes after a file joined or left it) the groups shown are left as they are.
pub(super) fn kept_groups(
    pooling: PoolingState,
    waiting: Signal<bool>,
    wanted: impl Fn() -> GroupsWanted + Send + Sync + 'static,
) -> Memo<KeptGroups> {
    let app = pooling.app;
    Memo::new_owning(move |kept: Option<KeptGroups>| {
        let mut kept = kept.unwrap_or_default();
        if waiting.get() {
            return (kept, false);
        }
        let wanted = wanted();
        let changed = app.place.with(|place| {
            app.editor
                .with(|editor| kept.update(&place.dataset, &editor.scenario, wanted))
        });
        (kept, changed)
    })
}

pub(super) fn group_list(
    pooling: PoolingState,
    groups: Memo<KeptGroups>,
    list_id: &'static str,
    empty: &'static str,
    of: Signal<GroupsOf>,
) -> impl IntoView {
    // On a large place the rows the list has when first shown are made a part per task, so
    // neither the grouping nor the rows hold up the page for long (a new, empty pot takes no
    // turn); once they have come, the list shows as many as it lists.
    let first_rows = groups.with_untracked(|kept| kept.groups.len().min(LISTED_GROUPS));
    let needed = first_rows.div_ceil(ROWS_PER_TURN);
    let figures = expect_context::<crate::web::figures::Figures>();
    let turns = figures.schedule.turns(needed);
    let listed = move || match turns.get() {
        came if came >= needed => LISTED_GROUPS,
        came => came * ROWS_PER_TURN,
    };
    let rows = move || {
        let of = of.get();
        let listed = listed();
        groups.with(|kept| {
            kept.groups
                .iter()
                .take(listed)
                .map(|group| {
                    let key = RowKey {
                        key: group.key.clone(),
                        first_line: group.lines.first().copied(),
                        lines: group.lines.len(),
                        pence: group.money.total().0,
                        of: (of.name.clone(), of.query.clone()),
                    };
                    (key, group.clone(), of.clone())
                })
                .collect::<Vec<_>>()
        })
    };
    let hidden = move || groups.with(|kept| kept.groups.len().saturating_sub(LISTED_GROUPS));
    let is_empty = move || groups.with(|kept| kept.groups.is_empty());
    view! {
        <Show when=move || !is_empty() fallback=move || view! { <p class="empty">{empty}</p> }>
            <ul class="groups" aria-busy=move || (listed() < LISTED_GROUPS).then_some("true")>
                <For
                    each=rows
                    key=|(key, _, _)| key.clone()
                    children=move |(_, group, of)| group_row(pooling, group, list_id, &of)
                />
            </ul>
            {move || (hidden() > 0).then(|| view! {
                <p class="more">{format!("{} more groups: search to narrow the list.", format::count(hidden() as u64))}</p>
            })}
        </Show>
    }
}

/// The lines in no pot, grouped and searchable.
#[component]
pub(super) fn FundingMap() -> impl IntoView {
    let pooling = expect_context::<PoolingState>();
    let app = pooling.app;
    let by = RwSignal::new(GroupBy::Funder);
    let query = RwSignal::new(String::new());
    let figures = expect_context::<crate::web::figures::Figures>();
    let filter = figures.filter;
    // On a large place the lines are grouped in their turn, after the figures above the map,
    // not in the task that showed or changed the place.
    let waiting = figures.schedule.view_waiting();
    let unpooled = kept_groups(pooling, waiting, move || GroupsWanted {
        pot: None,
        by: by.get(),
        query: query.get(),
        filter: filter.get(),
        place: app.place_generation.get(),
    });
    let summary = move || {
        unpooled.with(|kept| {
            let lines: usize = kept.groups.iter().map(|g| g.lines.len()).sum();
            format!(
                "{}, {}",
                format::counted(kept.groups.len() as u64, "group", "groups"),
                format::counted(lines as u64, "line", "lines")
            )
        })
    };
    let switch = GroupBy::ALL
        .iter()
        .map(|&option| {
            view! {
                <label class="radio-inline">
                    <input
                        type="radio"
                        name="group-by"
                        checked=option == GroupBy::Funder
                        on:change=move |_| by.set(option)
                    />
                    {option.label()}
                </label>
            }
        })
        .collect_view();
    let is_over = drop_class(pooling, None);
    view! {
        <section
            class="funding-map"
            role="region"
            aria-label="Funding map"
            data-drop-target=target_value(None)
            class:drop-over=is_over
        >
            <h3>{NOT_IN_A_POT}</h3>
            <fieldset class="group-by">
                <legend>"Group by"</legend>
                {switch}
            </fieldset>
            <label for="map-search">"Search funding lines"</label>
            <input
                id="map-search"
                type="search"
                placeholder="Funder, programme, recipient…"
                on:input=move |event| query.set(event_target_value(&event))
            />
            <Show
                when=move || !waiting.get()
                fallback=|| view! { <p class="map-waiting">"Grouping the funding lines…"</p> }
            >
                <p class="map-summary">{summary}</p>
                {group_list(
                    pooling,
                    unpooled,
                    "map",
                    "Every line matching this search is in a pot.",
                    Signal::derive(move || GroupsOf { pot: None, name: "not in a pot".to_owned(), query: query.get() }),
                )}
            </Show>
        </section>
    }
}
