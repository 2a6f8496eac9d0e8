//! Which place and financial year the page shows: the Place combobox (type a council's name
//! or GSS code), the Financial year select, the lines whose place is not known, and Places
//! compared. Every choice is [`AppState::set_view`]; every figure follows through its filter.

use leptos::prelude::*;

use super::figures::{ChartFigure, Figures};
use super::state::AppState;
use crate::announce;
use crate::figure_queue::Follows;
use grantpool::charts::ChartKind;
use grantpool::compare::{
    not_known_reasons, places_listed, sort_places, years_listed, ListedPlace, PlaceColumn, PlaceRow,
};
use grantpool::format;
use grantpool::geography::{gazetteer, normalise_name};
use grantpool::model::FinancialYear;
use grantpool::view::{PlaceChoice, View, YearChoice, PLACE_NOT_KNOWN, YEAR_NOT_KNOWN};

/// How a place reads in the Place box: `County Durham (E06000047)`.
fn place_text(row: &ListedPlace) -> String {
    match &row.place {
        PlaceChoice::Area(code) => format!("{} ({code})", row.name),
        other => other.label(),
    }
}

/// The place a person typed, among the places in the data: "All places", "Place not known", a
/// box entry, a GSS code, a council's exact name, or the one place whose name contains the text.
fn resolve(typed: &str, places: &[ListedPlace]) -> Result<PlaceChoice, String> {
    let text = typed.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("All places") {
        return Ok(PlaceChoice::All);
    }
    if text.eq_ignore_ascii_case(PLACE_NOT_KNOWN) {
        return Ok(PlaceChoice::NotKnown);
    }
    let wanted = normalise_name(text);
    let code = gazetteer()
        .by_code(text)
        .map(|area| area.code.to_owned())
        .or_else(|| {
            places
                .iter()
                .find(|row| {
                    normalise_name(&place_text(row)) == wanted
                        || normalise_name(&row.name) == wanted
                })
                .and_then(|row| match &row.place {
                    PlaceChoice::Area(code) => Some(code.clone()),
                    _ => None,
                })
        });
    let in_data = |code: &str| {
        places
            .iter()
            .any(|r| r.place == PlaceChoice::Area(code.to_owned()))
    };
    if let Some(code) = code {
        return if in_data(&code) {
            Ok(PlaceChoice::Area(code))
        } else {
            Err(format!(
                "{} has no funding lines in these files",
                gazetteer().name_of(&code)
            ))
        };
    }
    let matching: Vec<&ListedPlace> = places
        .iter()
        .filter(|row| matches!(row.place, PlaceChoice::Area(_)))
        .filter(|row| normalise_name(&row.name).contains(&wanted))
        .collect();
    match matching.as_slice() {
        [one] => Ok(one.place.clone()),
        [] => Err(format!("no place in these files matches “{text}”")),
        many => Err(format!(
            "“{text}” matches {} places ({}…); type more of the name",
            many.len(),
            many.iter()
                .take(3)
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Places compared shows this many places until the person asks for all of them.
const FIRST_PLACES: usize = 50;

/// The Place and Financial year pickers, and what has no place.
#[component]
pub fn ViewPicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let schedule = expect_context::<Figures>().schedule;
    let places = schedule.figure(Follows::Place, move || {
        state.place.with(|p| places_listed(&p.dataset))
    });
    let years = schedule.figure(Follows::Place, move || {
        state.place.with(|p| years_listed(&p.dataset))
    });
    let shown_place = move || {
        let view = state.view.get();
        places.with(|rows| {
            rows.iter()
                .find(|r| r.place == view.place)
                .map_or_else(|| view.place.label(), place_text)
        })
    };
    let problem = RwSignal::new(None::<String>);
    let pick_place = move |input: web_sys::HtmlInputElement| {
        let typed = input.value();
        match places.with_untracked(|rows| resolve(&typed, rows)) {
            Ok(place) => {
                problem.set(None);
                let year = state.view.get_untracked().year;
                let label = place.label();
                state.set_view(View {
                    place,
                    year,
                    filters: state.view.get_untracked().filters,
                });
                input.set_value(&shown_place());
                state.notify(format!("Showing {label}."), false);
            }
            Err(reason) => problem.set(Some(announce::sentence(&reason))),
        }
    };
    let on_change = move |event: leptos::ev::Event| pick_place(event_target(&event));
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Enter" {
            event.prevent_default();
            pick_place(event_target(&event));
        }
    };
    let on_year = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        let year = match value.as_str() {
            "all" => YearChoice::All,
            "not-known" => YearChoice::NotKnown,
            start => start
                .parse::<u16>()
                .map_or(YearChoice::All, |y| YearChoice::Year(FinancialYear(y))),
        };
        let place = state.view.get_untracked().place;
        state.set_view(View {
            place,
            year,
            filters: state.view.get_untracked().filters,
        });
        state.notify(format!("Showing {}.", year.label()), false);
    };
    let year_value = |year: YearChoice| match year {
        YearChoice::All => "all".to_owned(),
        YearChoice::NotKnown => "not-known".to_owned(),
        YearChoice::Year(year) => year.0.to_string(),
    };
    let not_known = move || {
        places.with(|rows| {
            rows.iter().find(|r| r.place == PlaceChoice::NotKnown).map(|row| {
                format!(
                    "{PLACE_NOT_KNOWN}: {}, {}. Choose “{PLACE_NOT_KNOWN}” under Place to see them.",
                    announce::funding_lines(row.lines as u64),
                    format::gbp(row.money)
                )
            })
        })
    };
    view! {
        <section class="view-picker" aria-labelledby="view-heading">
            <h2 id="view-heading">"Place and year"</h2>
            <div class="pickers">
                <div class="picker">
                    <label for="place-picker">"Place"</label>
                    <input
                        id="place-picker"
                        type="text"
                        list="place-options"
                        autocomplete="off"
                        aria-describedby="place-picker-help"
                        prop:value=shown_place
                        on:change=on_change
                        on:keydown=on_key
                    />
                    <datalist id="place-options">
                        <option value="All places"></option>
                        {move || places.with(|rows| rows.iter().map(|row| view! { <option value=place_text(row)></option> }).collect_view())}
                    </datalist>
                    <p id="place-picker-help" class="hint">"Type a council’s name or GSS code, e.g. Durham or E06000047."</p>
                    <p class="field-error" role="alert">{move || problem.get()}</p>
                </div>
                <div class="picker">
                    <label for="year-picker">"Financial year"</label>
                    <select id="year-picker" on:change=on_year>
                        <option value="all" prop:selected=move || state.view.get().year == YearChoice::All>"All years"</option>
                        {move || years.with(|years| years.iter().map(|&(year, lines)| {
                            let value = year_value(year);
                            let label = match year {
                                YearChoice::NotKnown => YEAR_NOT_KNOWN.to_owned(),
                                other => other.label(),
                            };
                            view! {
                                <option value=value prop:selected=move || state.view.get().year == year>
                                    {format!("{label} ({})", announce::funding_lines(lines as u64))}
                                </option>
                            }
                        }).collect_view())}
                    </select>
                </div>
            </div>
            <p class="place-not-known" data-testid="place-not-known">{not_known}</p>
            <NotKnownReasons />
            <super::assign_place::AssignPlace />
        </section>
    }
}

/// Why lines have no place or no year: each reason with its lines, money and examples.
#[component]
fn NotKnownReasons() -> impl IntoView {
    let state = expect_context::<AppState>();
    let reasons = expect_context::<Figures>()
        .schedule
        .figure(Follows::Place, move || {
            state.place.with(|p| not_known_reasons(&p.dataset))
        });
    move || {
        let reasons = reasons.get();
        (!reasons.is_empty()).then(|| {
            let rows = reasons
                .into_iter()
                .map(|r| {
                    view! {
                        <tr>
                            <th scope="row">{r.what}</th>
                            <td class="text">{announce::sentence(r.reason)}</td>
                            <td>{format::count(r.lines as u64)}</td>
                            <td>{format::gbp(r.money)}</td>
                            <td class="text">{r.examples.join("; ")}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <details class="not-known-reasons">
                    <summary>"Why some lines have no place or year"</summary>
                    <div class="table-scroll" tabindex="0" role="group" aria-label="Lines with no place or year, by reason, scrollable">
                        <table>
                            <caption>"Lines with no place or year, by reason (each line is kept and counted)"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Not known"</th>
                                    <th scope="col" class="text">"Why"</th>
                                    <th scope="col">"Lines"</th>
                                    <th scope="col">"Money"</th>
                                    <th scope="col" class="text">"For example"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </details>
            }
        })
    }
}

/// Places compared: a row per place, sortable by any column; choosing a place shows it.
#[component]
pub fn PlacesCompared() -> impl IntoView {
    let state = expect_context::<AppState>();
    let figures = expect_context::<Figures>();
    let sort = RwSignal::new((PlaceColumn::Money, false));
    let rows = Memo::new(move |_| {
        let (column, ascending) = sort.get();
        let mut rows = figures.places.get();
        sort_places(&mut rows, column, ascending);
        rows
    });
    let many = Memo::new(move |_| rows.with(|rows| rows.len() > 1));
    // A long table is cut to its first rows (and Place not known) until the person asks for
    // all: hundreds of rows rebuilt on every change of year would cost a frame or more.
    let show_all = RwSignal::new(false);
    let shown = Memo::new(move |_| {
        rows.with(|rows| {
            if show_all.get() || rows.len() <= FIRST_PLACES + 1 {
                return rows.clone();
            }
            let mut shown: Vec<PlaceRow> = rows.iter().take(FIRST_PLACES).cloned().collect();
            shown.extend(
                rows.iter()
                    .filter(|r| r.place == PlaceChoice::NotKnown)
                    .cloned(),
            );
            shown
        })
    });
    let cut = move || rows.with(|rows| rows.len()) > shown.with(|shown| shown.len());
    let heading = move |column: PlaceColumn| {
        let aria_sort = move || match sort.get() {
            (c, true) if c == column => "ascending",
            (c, false) if c == column => "descending",
            _ => "none",
        };
        let toggle = move |_| {
            let (current, ascending) = sort.get_untracked();
            let next = if current == column {
                (column, !ascending)
            } else {
                (column, column == PlaceColumn::Place)
            };
            sort.set(next);
            figures.rank_by.set(column);
            let order = if next.1 { "ascending" } else { "descending" };
            state.notify(
                format!(
                    "Places sorted by {}, {order}.",
                    column.label().to_lowercase()
                ),
                false,
            );
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <button type="button" class="sort" on:click=toggle>{column.label()}</button>
            </th>
        }
    };
    let choose = move |place: PlaceChoice| {
        let year = state.view.get_untracked().year;
        let label = place.label();
        state.set_view(View {
            place,
            year,
            filters: state.view.get_untracked().filters,
        });
        state.notify(format!("Showing {label}."), false);
    };
    view! {
        <Show when=move || many.get()>
            <section class="places-compared" role="region" aria-label="Places compared">
                <h2>"Places compared"</h2>
                <p class="hint">
                    {move || format!("Every place in these files, {}, as they are today. Sort by any column; choose a place to show it.", state.view.get().year.label().to_lowercase())}
                </p>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Scrollable table of every place">
                    <table>
                        <thead>
                            <tr>{PlaceColumn::ALL.map(heading).into_iter().collect_view()}</tr>
                        </thead>
                        <tbody>
                            {move || shown.get().into_iter().map(|row| {
                                let place = row.place.clone();
                                let this = row.place.clone();
                                let picked = move || state.view.with(|v| v.place == this);
                                let cells = PlaceColumn::ALL[1..].iter().map(|c| view! { <td>{c.cell(&row)}</td> }).collect_view();
                                let name = row.name.clone();
                                view! {
                                    <tr class:picked=picked.clone() aria-current=move || picked().then_some("true")>
                                        <th scope="row">
                                            <button type="button" class="link" on:click=move |_| choose(place.clone())>{name}</button>
                                        </th>
                                        {cells}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <ChartFigure kind=ChartKind::PlacesRanked />
                <Show when=move || cut() || show_all.get()>
                    <button type="button" class="secondary" on:click=move |_| show_all.update(|all| *all = !*all)>
                        {move || if show_all.get() {
                            format!("Show the first {FIRST_PLACES} places")
                        } else {
                            format!("Show all {} places", format::count(rows.with(|r| r.iter().filter(|r| r.place != PlaceChoice::NotKnown).count()) as u64))
                        }}
                    </button>
                </Show>
            </section>
        </Show>
    }
}
