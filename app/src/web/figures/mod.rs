//! Everything the page derives from the place and the scenario, each in a memo that calls the
//! same core function the tests and the benchmark call ([`grantpool::figures::Figures`] does
//! them all at once): the headline figures, the measures today and with the pots, and every
//! chart. Shared through context, so each is computed once per change; on a large place, each
//! in a task of its own ([`Schedule`]), so the page never waits for all of them at once.

mod board_pack;
mod chart_figure;
mod measures_panel;
mod schedule;
mod sections;

pub use board_pack::BoardPack;
pub use chart_figure::{ChartFigure, TableOf};
pub use measures_panel::MeasuresTable;
pub use schedule::Schedule;
pub use sections::{MoreCharts, TopCharts, YearCharts};

use leptos::prelude::*;

use super::state::AppState;
use crate::figure_queue::Follows;
use crate::names::dataset_name;
use grantpool::charts::size_distribution::line_bands;
use grantpool::charts::{money_by_year, places_ranked};
use grantpool::charts::{Chart, ChartInputs, ChartKind};
use grantpool::compare::{by_year, compare_places, PlaceColumn, PlaceRow};
use grantpool::headline::Headline;
use grantpool::measures::{measure, measure_with_pots, Measures};
use grantpool::view::{LineFilter, PlaceChoice};

/// A chart drawn as inline SVG by `draw` (the same code as the SVG download), redrawn when
/// it changes, inside an element that names it (`role="img"` with the chart's title and
/// summary). The SVG itself is hidden from screen readers, so the chart is announced once.
pub fn svg_chart(
    chart: Memo<Chart>,
    class: &'static str,
    draw: impl Fn(&Chart) -> String + Send + Sync + 'static,
) -> impl IntoView {
    let svg = move || {
        chart.with(|chart| draw(chart)).replacen(
            "<svg ",
            "<svg aria-hidden=\"true\" focusable=\"false\" ",
            1,
        )
    };
    let label = move || chart.with(|chart| format!("{}. {}", chart.title(), chart.summary()));
    view! { <div class=class role="img" aria-label=label inner_html=svg></div> }
}

/// The page's derived figures.
#[derive(Clone, Copy)]
pub struct Figures {
    /// The lines shown: the place and year picked.
    pub filter: Memo<LineFilter>,
    pub headline: Memo<Headline>,
    pub today: Memo<Measures>,
    pub with_pots: Memo<Measures>,
    /// One per [`ChartKind::ALL`], in that order.
    charts: [Memo<Chart>; ChartKind::ALL.len()],
    /// Names the data in captions, footers and file names.
    pub dataset_name: Signal<String>,
    /// Every place in the year picked (Places compared and its chart).
    pub places: Memo<Vec<PlaceRow>>,
    /// The measure Places compared is sorted, and its chart ranked, by.
    pub rank_by: RwSignal<PlaceColumn>,
    /// True while the board pack (print view) is shown instead of the workspace.
    pub board_pack: RwSignal<bool>,
    /// Brings the figures up to date, each in a task of its own on a large place.
    pub schedule: Schedule,
}

impl Figures {
    pub fn new(state: AppState) -> Figures {
        let (place, editor) = (state.place, state.editor);
        let view = state.view;
        let schedule = Schedule::new(state);
        let filter = Memo::new(move |_| place.with(|p| view.with(|v| v.filter(&p.dataset))));
        // Each figure below reads the place, the pots and the lines picked without tracking
        // them: the schedule brings it up to date after they change, in a task of its own.
        let headline = schedule.figure(Follows::Place, move || {
            place.with(|p| Headline::of(&p.dataset, &filter.get()))
        });
        let today = schedule.figure(Follows::Place, move || {
            place.with(|p| measure(&p.dataset, None, &filter.get()))
        });
        // Registered after `today`, so brought up to date after it.
        let with_pots = schedule.figure(Follows::Pots, move || {
            place.with(|p| {
                editor.with(|e| {
                    today.with(|today| {
                        measure_with_pots(&p.dataset, &e.scenario, &filter.get(), today)
                    })
                })
            })
        });
        let line_bands = schedule.figure(Follows::Place, move || {
            place.with(|p| line_bands(&p.dataset, &filter.get()))
        });
        // Every place in the year picked: a change of place alone recomputes nothing here.
        let every_place = Memo::new(move |_| filter.with(|f| f.every_place()));
        let places = schedule.figure(Follows::Place, move || {
            place.with(|p| compare_places(&p.dataset, &every_place.get()))
        });
        let rank_by = RwSignal::new(PlaceColumn::Money);
        // The place in every year: unchanged (so not recomputed) when only the year changes.
        let every_year = Memo::new(move |_| filter.with(|f| f.every_year()));
        // The place's money by year as it is today, kept between moves.
        let today_years = schedule.figure(Follows::Place, move || {
            place.with(|p| by_year(&p.dataset, &every_year.get(), |_, status| status))
        });
        let charts = ChartKind::ALL.map(|kind| {
            if kind == ChartKind::PlacesRanked {
                // Ranks the rows of Places compared (a figure of its own) by the measure picked.
                return Memo::new(move |_| {
                    let picked = view.with(|v| match &v.place {
                        PlaceChoice::Area(code) => Some(code.clone()),
                        _ => None,
                    });
                    places.with(|rows| {
                        Chart::PlacesRanked(places_ranked::rank(
                            rows,
                            rank_by.get(),
                            picked.as_deref(),
                        ))
                    })
                });
            }
            let follows = if kind == ChartKind::MoneyByYear || kind.follows_pots() {
                Follows::Pots
            } else {
                Follows::Place
            };
            schedule.figure(follows, move || {
                if kind == ChartKind::MoneyByYear {
                    return place.with(|p| {
                        editor.with(|e| {
                            today_years.with(|today| {
                                money_by_year::chart(
                                    today,
                                    &p.dataset,
                                    &e.scenario,
                                    &every_year.get(),
                                )
                            })
                        })
                    });
                }
                if kind.from_lines_alone() {
                    return place.with(|p| kind.build_from_lines(&p.dataset, &filter.get()));
                }
                if kind.over_years() {
                    return place.with(|p| {
                        if kind.follows_pots() {
                            editor.with(|e| {
                                kind.build_over_years(&p.dataset, &e.scenario, &every_year.get())
                            })
                        } else {
                            let today = grantpool::scenario::Scenario::default();
                            kind.build_over_years(&p.dataset, &today, &every_year.get())
                        }
                    });
                }
                place.with(|p| {
                    editor.with(|e| {
                        today.with(|today| {
                            with_pots.with(|with_pots| {
                                line_bands.with(|line_bands| {
                                    kind.build(&ChartInputs {
                                        dataset: &p.dataset,
                                        scenario: &e.scenario,
                                        filter: filter.get(),
                                        rank_by: rank_by.get_untracked(),
                                        today,
                                        with_pots,
                                        line_bands,
                                    })
                                })
                            })
                        })
                    })
                })
            })
        });
        Figures {
            places,
            rank_by,
            filter,
            headline,
            today,
            with_pots,
            charts,
            schedule,
            dataset_name: Signal::derive(move || {
                let name = state.place.with(|p| {
                    let files: Vec<&str> = p.files.iter().map(|f| f.report.file.as_str()).collect();
                    dataset_name(state.sample.get(), &files)
                });
                match view.with(|v| v.title()) {
                    Some(shown) => format!("{name}: {shown}"),
                    None => name,
                }
            }),
            board_pack: RwSignal::new(false),
        }
    }

    /// The chart of `kind`.
    pub fn chart(&self, kind: ChartKind) -> Memo<Chart> {
        self.charts[kind.index()]
    }
}
