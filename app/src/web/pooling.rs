//! Redesigning the place: the funding map, pots, moving lines by keyboard or by dragging, undo
//! and redo, and the measures before and after. Every change is a scenario [`Command`].

use std::collections::HashSet;
use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser::{download, files_of, read_file, today};
use super::figures::Figures;
use super::state::AppState;
use grantpool::charts::{css_colour, palette};
use grantpool::export::pooled_budget_csv;
use grantpool::format;
use grantpool::measures::{groups, Group, GroupBy, Measures};
use grantpool::saved::{open_scenario_file, scenario_file};
use grantpool::scenario::{Command, Edit, PotId, PotPolicy};

/// Groups listed at once in the map or a pot; search narrows the rest.
const LISTED_GROUPS: usize = 150;

fn pot_colour(index: u8) -> String {
    css_colour(grantpool::charts::pot_colour(index))
}

/// Where lines can be dropped: a pot, or back to unpooled.
fn drop_target_value(target: Option<PotId>) -> String {
    target.map_or_else(|| "unpooled".to_owned(), |pot| pot.0.to_string())
}

fn parse_target(value: &str) -> Option<Option<PotId>> {
    match value {
        "unpooled" => Some(None),
        id => id.parse().ok().map(|id| Some(PotId(id))),
    }
}

/// Lines being dragged, and where the pointer is.
#[derive(Debug, Clone, PartialEq)]
struct Drag {
    lines: Vec<u32>,
    label: String,
    start: (i32, i32),
    at: (i32, i32),
    active: bool,
    over: Option<Option<PotId>>,
}

/// Shared by the map, the pots and the move control.
#[derive(Clone, Copy)]
struct PoolingState {
    app: AppState,
    selected: RwSignal<HashSet<u32>>,
    drag: RwSignal<Option<Drag>>,
    /// The "Move to pot" choice, as a drop-target value; blank means the first pot.
    target: RwSignal<String>,
}

impl PoolingState {
    /// Where "Move" sends lines: the chosen pot if it still exists, else the first pot, else
    /// out of any pot. The select always shows exactly this.
    fn move_target(&self) -> Option<PotId> {
        let chosen = self.target.with(|t| parse_target(t));
        self.app.editor.with(|editor| match chosen {
            Some(None) => None,
            Some(Some(pot)) if editor.scenario.pot(pot).is_some() => Some(pot),
            _ => editor.scenario.pots.first().map(|p| p.id),
        })
    }
}

impl PoolingState {
    /// Moves lines and says what happened.
    fn move_lines(&self, lines: Vec<u32>, to: Option<PotId>) {
        if lines.is_empty() {
            self.app
                .notify("Select some funding lines first.".to_owned(), true);
            return;
        }
        let (count, total) = self.app.place.with_untracked(|place| {
            let total = lines
                .iter()
                .filter_map(|&l| place.dataset.lines.get(l as usize))
                .map(|l| l.amount)
                .sum();
            (lines.len(), total)
        });
        let destination = match to {
            Some(pot) => self
                .app
                .editor
                .with_untracked(|e| e.scenario.pot(pot).map(|p| format!("“{}”", p.name)))
                .unwrap_or_default(),
            None => "unpooled funding".to_owned(),
        };
        if self.app.run(Command::Edit(Edit::MoveLines { lines, to })) {
            self.selected.set(HashSet::new());
            self.app.notify(
                format!(
                    "Moved {} funding line{} ({}) to {destination}.",
                    format::count(count as u64),
                    if count == 1 { "" } else { "s" },
                    format::gbp(total)
                ),
                false,
            );
        }
    }
}

/// The redesign workspace.
#[component]
pub fn Pooling() -> impl IntoView {
    let app = expect_context::<AppState>();
    let pooling = PoolingState {
        app,
        selected: RwSignal::new(HashSet::new()),
        drag: RwSignal::new(None),
        target: RwSignal::new(String::new()),
    };
    provide_context(pooling);

    let undo = move || {
        if app.run(Command::Undo) {
            app.notify("Undone.".to_owned(), false);
        }
    };
    let redo = move || {
        if app.run(Command::Redo) {
            app.notify("Redone.".to_owned(), false);
        }
    };
    let in_text_field = |event: &web_sys::KeyboardEvent| {
        event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA"))
    };
    let handles = [
        window_event_listener(ev::keydown, move |event: web_sys::KeyboardEvent| {
            let z = event.key().eq_ignore_ascii_case("z");
            if !z || !(event.ctrl_key() || event.meta_key()) || in_text_field(&event) {
                return;
            }
            event.prevent_default();
            if event.shift_key() {
                redo();
            } else {
                undo();
            }
        }),
        window_event_listener(ev::pointermove, move |event: web_sys::PointerEvent| {
            if pooling.drag.with_untracked(Option::is_none) {
                return;
            }
            let at = (event.client_x(), event.client_y());
            let over = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.element_from_point(at.0 as f32, at.1 as f32))
                .and_then(|e| e.closest("[data-drop-target]").ok().flatten())
                .and_then(|e| e.get_attribute("data-drop-target"))
                .and_then(|value| parse_target(&value));
            pooling.drag.update(|drag| {
                if let Some(drag) = drag {
                    let moved = (at.0 - drag.start.0).abs() + (at.1 - drag.start.1).abs();
                    drag.active |= moved > 6;
                    drag.at = at;
                    drag.over = over;
                }
            });
        }),
        window_event_listener(ev::pointerup, move |_event: web_sys::PointerEvent| {
            let Some(drag) = pooling.drag.get_untracked() else {
                return;
            };
            pooling.drag.set(None);
            if let (true, Some(target)) = (drag.active, drag.over) {
                pooling.move_lines(drag.lines, target);
            }
        }),
    ];
    on_cleanup(move || handles.into_iter().for_each(|handle| handle.remove()));

    let can_undo = Memo::new(move |_| app.editor.with(|e| e.can_undo()));
    let can_redo = Memo::new(move |_| app.editor.with(|e| e.can_redo()));

    view! {
        <section class="pooling" aria-labelledby="pooling-heading">
            <h2 id="pooling-heading">"Redesign: pool funding into pots"</h2>
            <p class="hint">
                "Drag a group of funding lines onto a pot, or select groups with their checkboxes and use "
                <strong>"Move to pot"</strong>
                ". A pot that lifts the ringfence is a Total Place+ single pot: its money becomes flexible."
            </p>
            <div class="toolbar">
                <button type="button" disabled=move || !can_undo.get() on:click=move |_| undo()>
                    "Undo"
                </button>
                <button type="button" disabled=move || !can_redo.get() on:click=move |_| redo()>
                    "Redo"
                </button>
                <ScenarioFiles />
                <MoveControl />
            </div>
            <div class="pooling-columns">
                <FundingMap />
                <Pots />
            </div>
            <DragGhost />
        </section>
        <MeasuresPanel />
    }
}

/// Saving the scenario to a file, and opening one.
#[component]
fn ScenarioFiles() -> impl IntoView {
    let app = expect_context::<AppState>();
    let save = move |_| {
        let json = app.place.with_untracked(|place| {
            app.editor
                .with_untracked(|e| scenario_file(place, &e.scenario))
        });
        let dataset = app.sample.get_untracked().map_or("your-files", |s| s.id);
        let name = format!("grantpool-scenario-{dataset}-{}.json", today());
        match download(&name, "application/json", json.as_bytes()) {
            Ok(()) => app.notify(format!("Saved the scenario as “{name}”."), false),
            Err(reason) => app.notify(format!("The scenario could not be saved: {reason}."), true),
        }
    };
    let open = move |event: ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&event);
        let files = files_of(input.files());
        input.set_value("");
        let Some(file) = files.into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = file.name();
            let opened = match read_file(&file).await {
                Ok(bytes) => app
                    .place
                    .with_untracked(|place| open_scenario_file(&bytes, place))
                    .map_err(|e| e.to_string()),
                Err(reason) => Err(reason),
            };
            match opened {
                Ok(scenario) => {
                    if app.run(Command::Edit(Edit::Replace {
                        scenario: Box::new(scenario),
                    })) {
                        app.notify(
                            format!(
                                "Opened the scenario “{name}”. Undo goes back to the pots you had."
                            ),
                            false,
                        );
                    }
                }
                Err(reason) => app.notify(
                    format!("“{name}” could not be opened: {reason}. Your pots are unchanged."),
                    true,
                ),
            }
        });
    };
    let export_csv = move |_| {
        let csv = app.place.with_untracked(|place| {
            app.editor
                .with_untracked(|e| pooled_budget_csv(&place.dataset, &e.scenario))
        });
        let dataset = app.sample.get_untracked().map_or("your files", |s| s.name);
        let name = super::figures::export_name("pooled-budget", dataset, "csv");
        // A byte-order mark so Excel reads the £ signs as UTF-8.
        let bytes = [b"\xEF\xBB\xBF".as_slice(), csv.as_bytes()].concat();
        match download(&name, "text/csv", &bytes) {
            Ok(()) => app.notify(format!("Downloaded “{name}”."), false),
            Err(reason) => app.notify(
                format!("The pooled budget could not be exported: {reason}."),
                true,
            ),
        }
    };
    view! {
        <button type="button" on:click=export_csv>"Export pooled budget (CSV)"</button>
        <button type="button" on:click=save>"Save scenario (JSON)"</button>
        <label class="file-button secondary">
            "Open scenario…"
            <input type="file" accept=".json,application/json" on:change=open />
        </label>
    }
}

/// The keyboard route for every drag: choose a pot and move the selected lines there.
#[component]
fn MoveControl() -> impl IntoView {
    let pooling = expect_context::<PoolingState>();
    let app = pooling.app;
    let count = Memo::new(move |_| pooling.selected.with(HashSet::len));
    let current = Memo::new(move |_| drop_target_value(pooling.move_target()));
    let options = move || {
        app.editor.with(|editor| {
            editor
                .scenario
                .pots
                .iter()
                .map(|pot| {
                    let value = drop_target_value(Some(pot.id));
                    let shown = value.clone();
                    view! { <option value=value prop:selected=move || current.get() == shown>{pot.name.clone()}</option> }
                })
                .collect_view()
        })
    };
    let on_move = move |_| {
        let lines: Vec<u32> = pooling.selected.with_untracked(|s| {
            let mut lines: Vec<u32> = s.iter().copied().collect();
            lines.sort_unstable();
            lines
        });
        pooling.move_lines(lines, pooling.move_target());
    };
    view! {
        <div class="move-control">
            <label for="move-target">"Move to pot"</label>
            <select id="move-target" on:change=move |event| pooling.target.set(event_target_value(&event))>
                {options}
                <option value="unpooled" prop:selected=move || current.get() == "unpooled">
                    "Unpooled (out of any pot)"
                </option>
            </select>
            <button type="button" on:click=on_move disabled=move || count.get() == 0>
                {move || format!("Move {} selected line{}", format::count(count.get() as u64), if count.get() == 1 { "" } else { "s" })}
            </button>
        </div>
    }
}

/// Starts dragging `lines`, or the whole selection when `lines` are part of it.
fn start_drag(pooling: PoolingState, event: &web_sys::PointerEvent, lines: &[u32], label: &str) {
    if event.button() != 0 {
        return;
    }
    event.prevent_default();
    let (lines, label) = pooling.selected.with_untracked(|selected| {
        if selected.len() > lines.len() && lines.iter().all(|line| selected.contains(line)) {
            let mut all: Vec<u32> = selected.iter().copied().collect();
            all.sort_unstable();
            let label = format!("{} selected lines", format::count(all.len() as u64));
            (all, label)
        } else {
            (lines.to_vec(), label.to_owned())
        }
    });
    pooling.drag.set(Some(Drag {
        lines,
        label,
        start: (event.client_x(), event.client_y()),
        at: (event.client_x(), event.client_y()),
        active: false,
        over: None,
    }));
}

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
fn group_row(pooling: PoolingState, group: Group, list_id: &'static str) -> impl IntoView {
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
    let drag_label = format!("{} ({count} lines)", group.label);
    let on_pointer_down = move |event: web_sys::PointerEvent| {
        start_drag(pooling, &event, &lines_for_drag, &drag_label)
    };
    let money = group.money;
    let total = money.total();
    let share = money
        .share(grantpool::model::Ringfence::Ringfenced)
        .map(|s| format!("{} ringfenced", format::percent(s)))
        .unwrap_or_default();
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
            <span class="group-count">{format!("{} lines", format::count(count as u64))}</span>
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
            <details class="group-lines" on:toggle=move |event| open.set(event_target::<web_sys::HtmlDetailsElement>(&event).open())>
                <summary aria-label=show_lines_label>"Lines"</summary>
                {move || open.get().then(|| line_rows(pooling, &lines_for_list))}
            </details>
        </li>
    }
}

fn group_list(
    pooling: PoolingState,
    all: Vec<Group>,
    list_id: &'static str,
    empty: &'static str,
) -> impl IntoView {
    if all.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    let hidden = all.len().saturating_sub(LISTED_GROUPS);
    let rows = all
        .into_iter()
        .take(LISTED_GROUPS)
        .map(|group| group_row(pooling, group, list_id))
        .collect_view();
    view! {
        <ul class="groups">{rows}</ul>
        {(hidden > 0).then(|| view! {
            <p class="more">{format!("{} more groups: search to narrow the list.", format::count(hidden as u64))}</p>
        })}
    }
    .into_any()
}

fn drop_class(pooling: PoolingState, target: Option<PotId>) -> impl Fn() -> bool + Copy {
    move || {
        pooling.drag.with(|d| {
            d.as_ref()
                .is_some_and(|d| d.active && d.over == Some(target))
        })
    }
}

/// Unpooled funding, grouped and searchable.
#[component]
fn FundingMap() -> impl IntoView {
    let pooling = expect_context::<PoolingState>();
    let app = pooling.app;
    let by = RwSignal::new(GroupBy::Funder);
    let query = RwSignal::new(String::new());
    let unpooled = Memo::new(move |_| {
        let by = by.get();
        let query = query.get();
        app.place.with(|place| {
            app.editor
                .with(|editor| groups(&place.dataset, &editor.scenario, None, by, &query))
        })
    });
    let summary = move || {
        unpooled.with(|groups| {
            let lines: usize = groups.iter().map(|g| g.lines.len()).sum();
            format!(
                "{} groups, {} lines",
                format::count(groups.len() as u64),
                format::count(lines as u64)
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
            data-drop-target=drop_target_value(None)
            class:drop-over=is_over
        >
            <h3>"Unpooled funding"</h3>
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
            <p class="map-summary">{summary}</p>
            {move || group_list(pooling, unpooled.get(), "map", "Every line matching this search is in a pot.")}
        </section>
    }
}

/// The pots, each a drop target and a region named after the pot.
#[component]
fn Pots() -> impl IntoView {
    let pooling = expect_context::<PoolingState>();
    let app = pooling.app;
    let pot_ids = Memo::new(move |_| {
        app.editor
            .with(|e| e.scenario.pots.iter().map(|p| p.id).collect::<Vec<_>>())
    });
    let on_new = move |_| {
        let (number, colour) = app.editor.with_untracked(|e| {
            (
                e.newest_pot().map_or(1, |p| p.0 + 1),
                (e.scenario.pots.len() % palette::POTS.len()) as u8,
            )
        });
        let name = format!("Pot {number}");
        if app.run(Command::Edit(Edit::CreatePot {
            name: name.clone(),
            colour,
            policy: PotPolicy::LiftRingfence,
        })) {
            if let Some(id) = app.editor.with_untracked(|e| e.newest_pot()) {
                pooling.target.set(drop_target_value(Some(id)));
            }
            app.notify(
                format!("Created “{name}”. It lifts the ringfence; change that in its settings."),
                false,
            );
        }
    };
    view! {
        <section class="pots" aria-labelledby="pots-heading">
            <h3 id="pots-heading">"Pots"</h3>
            <button type="button" class="primary" on:click=on_new>"New pot"</button>
            <For each=move || pot_ids.get() key=|id| id.0 let:id>
                <PotCard id=id />
            </For>
            {move || pot_ids.with(Vec::is_empty).then(|| view! {
                <p class="empty">"No pots yet. Create one, then move funding into it."</p>
            })}
        </section>
    }
}

#[component]
fn PotCard(id: PotId) -> impl IntoView {
    let pooling = expect_context::<PoolingState>();
    let app = pooling.app;
    let pot = Memo::new(move |_| app.editor.with(|e| e.scenario.pot(id).cloned()));
    let name = move || pot.with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let contents = Memo::new(move |_| {
        app.place.with(|place| {
            app.editor.with(|editor| {
                groups(
                    &place.dataset,
                    &editor.scenario,
                    Some(id),
                    GroupBy::Funder,
                    "",
                )
            })
        })
    });
    let totals = move || {
        contents.with(|groups| {
            let lines: usize = groups.iter().map(|g| g.lines.len()).sum();
            let total: grantpool::model::Pence = groups.iter().map(|g| g.money.total()).sum();
            format!(
                "{} line{} from {} funder{}, {}",
                format::count(lines as u64),
                if lines == 1 { "" } else { "s" },
                groups.len(),
                if groups.len() == 1 { "" } else { "s" },
                format::gbp(total)
            )
        })
    };
    let rename = move |event: ev::Event| {
        let value = event_target_value(&event);
        if value.trim() != name().trim() {
            app.run(Command::Edit(Edit::RenamePot {
                pot: id,
                name: value,
            }));
        }
    };
    let set_policy = move |event: ev::Event| {
        let policy = if event_target_value(&event) == "keep" {
            PotPolicy::KeepRingfence
        } else {
            PotPolicy::LiftRingfence
        };
        app.run(Command::Edit(Edit::SetPolicy { pot: id, policy }));
    };
    let set_colour = move |event: ev::Event| {
        if let Ok(colour) = event_target_value(&event).parse::<u8>() {
            app.run(Command::Edit(Edit::RecolourPot { pot: id, colour }));
        }
    };
    let delete = move |_| {
        let label = name();
        if app.run(Command::Edit(Edit::DeletePot { pot: id })) {
            app.notify(
                format!("Deleted “{label}”; its lines are unpooled again. Undo brings it back."),
                false,
            );
        }
    };
    let colour = move || pot.with(|p| p.as_ref().map_or(0, |p| p.colour));
    let policy = move || pot.with(|p| p.as_ref().map(|p| p.policy).unwrap_or_default());
    let is_over = drop_class(pooling, Some(id));
    let colour_options = palette::POTS
        .iter()
        .enumerate()
        .map(|(index, (label, _))| {
            view! { <option value=index.to_string() prop:selected=move || colour() as usize == index>{*label}</option> }
        })
        .collect_view();
    view! {
        <section
            class="pot"
            role="region"
            aria-label=name
            data-drop-target=drop_target_value(Some(id))
            class:drop-over=is_over
            style=move || format!("border-left-color: {}", pot_colour(colour()))
        >
            <h4>{name}</h4>
            <p class="pot-totals">{totals}</p>
            <details class="pot-settings">
                <summary>"Settings"</summary>
                <label for=format!("pot-name-{}", id.0)>"Name"</label>
                <input id=format!("pot-name-{}", id.0) type="text" prop:value=name on:change=rename />
                <label for=format!("pot-policy-{}", id.0)>"Policy"</label>
                <select id=format!("pot-policy-{}", id.0) on:change=set_policy>
                    <option value="lift" prop:selected=move || policy() == PotPolicy::LiftRingfence>
                        {PotPolicy::LiftRingfence.label()}
                    </option>
                    <option value="keep" prop:selected=move || policy() == PotPolicy::KeepRingfence>
                        {PotPolicy::KeepRingfence.label()}
                    </option>
                </select>
                <label for=format!("pot-colour-{}", id.0)>"Colour"</label>
                <select id=format!("pot-colour-{}", id.0) on:change=set_colour>{colour_options}</select>
                <button type="button" on:click=delete>{move || format!("Delete “{}”", name())}</button>
            </details>
            <p class="pot-policy">{move || policy().label()}</p>
            {move || group_list(pooling, contents.get(), "pot", "Empty: drag funding here, or select it and use Move to pot.")}
        </section>
    }
}

/// What follows the pointer while dragging.
#[component]
fn DragGhost() -> impl IntoView {
    let pooling = expect_context::<PoolingState>();
    move || {
        pooling.drag.get().filter(|d| d.active).map(|drag| {
            view! {
                <div class="drag-ghost" aria-hidden="true" style=format!("left: {}px; top: {}px", drag.at.0 + 12, drag.at.1 + 12)>
                    {drag.label}
                </div>
            }
        })
    }
}

fn share_text(share: Option<f64>) -> String {
    share
        .map(format::percent)
        .unwrap_or_else(|| "not known".to_owned())
}

fn hhi_text(hhi: Option<f64>) -> String {
    hhi.map(|h| format::count(h.round() as u64))
        .unwrap_or_else(|| "—".to_owned())
}

/// Each measure: its name, its definition, and how to show it.
pub type MeasureRow = (&'static str, &'static str, fn(&Measures) -> String);

pub const MEASURE_ROWS: [MeasureRow; 10] = [
    ("Funding streams", "Separate funding streams the place must manage: each pot counts as one; each unpooled funder × programme is one.", |m| format::count(m.streams as u64)),
    ("Funders", "Distinct funders of the place’s lines.", |m| format::count(m.funders as u64)),
    ("Ringfenced", "Share of money tied to a purpose, after each pot’s policy.", |m| share_text(m.money.share(grantpool::model::Ringfence::Ringfenced))),
    ("Flexible", "Share of money the place may spend as it sees fit, after each pot’s policy.", |m| share_text(m.money.share(grantpool::model::Ringfence::Flexible))),
    ("Streams under £100k", "Share of streams worth less than £100,000 (70% across the 13 PfPP pilot areas).", |m| share_text(m.small_stream_share)),
    ("Concentration (HHI)", "Herfindahl–Hirschman index over streams’ money, 0–10,000: lower is more fragmented.", |m| hhi_text(m.stream_hhi)),
    ("Median stream", "The middle stream by money.", |m| m.median_stream.map(format::gbp).unwrap_or_else(|| "—".to_owned())),
    ("Competed", "Share of money with a known allocation method that was bid for; money in a pot that lifts the ringfence is settled, not competed.", |m| share_text(m.competed_share)),
    ("Short-term", "Share of streams with dates that end within 12 months of their first award.", |m| share_text(m.short_term_share)),
    ("Funders per pot", "Mean distinct funders in each non-empty pot.", |m| m.funders_per_pot().map(|f| format!("{f:.1}")).unwrap_or_else(|| "—".to_owned())),
];

/// The measures today and under the user's pots, side by side.
#[component]
fn MeasuresPanel() -> impl IntoView {
    let figures = expect_context::<Figures>();
    let (before, after) = (figures.today, figures.with_pots);
    let rows = MEASURE_ROWS
        .iter()
        .enumerate()
        .map(|(index, &(name, definition, show))| {
            let definition_id = format!("measure-definition-{index}");
            view! {
                <tr>
                    <th scope="row">
                        <span class="measure-name" tabindex="0" aria-describedby=definition_id.clone()>
                            {name}
                        </span>
                        <span class="measure-definition" role="tooltip" id=definition_id>{definition}</span>
                    </th>
                    <td>{move || before.with(show)}</td>
                    <td>{move || after.with(show)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="measures" role="region" aria-label="Measures">
            <h2>"Fragmentation measures"</h2>
            <table>
                <caption class="visually-hidden">"Fragmentation measures today and with your pots"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Measure"</th>
                        <th scope="col">"Today"</th>
                        <th scope="col">"With your pots"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
