//! The board pack, made for A4: a title and subtitle the person edits, the sources, a contents
//! line, the headline figures, the measures with their change, the pots and a page for each,
//! every chart drawn at print size, and a commentary box for each section. Page numbers come
//! from the print style sheet.

use leptos::prelude::*;

use super::super::browser::{print_page, today};
use super::super::state::AppState;
use super::chart_figure::TableOf;
use super::{svg_chart, Figures, MeasuresTable};
use grantpool::charts::{Chart, ChartKind};
use grantpool::costs::{BID_COST_SOURCE, DEFAULT_BID_COST};
use grantpool::export::{chart_footer, chart_svg};
use grantpool::format;
use grantpool::measures::table::NOT_ESTIMATED;
use grantpool::model::Ringfence;
use grantpool::pack_notes::{self, PackNotes};
use grantpool::pot_pages::{pot_pages, NamedMoney, PotPage};

/// The width charts are drawn at for print, in CSS pixels. The pack's A4 column is about 688
/// px wide (182 mm), so a chart is shown at about 1.37×. Its smallest text, the 11 px source
/// line, is written at 11 / 1.24 px (plotters' SVG backend divides font sizes by 1.24), so it
/// prints at about 12.2 px, above 9 pt (12 px).
pub const PRINT_CHART_WIDTH: u32 = 500;

/// A chart drawn as inline SVG at print size, with its source line, so its text prints as
/// text.
fn chart_svg_figure(chart: Memo<Chart>, footer: String) -> impl IntoView {
    svg_chart(chart, "pack-chart", move |chart| {
        chart_svg(chart, &footer, PRINT_CHART_WIDTH)
    })
}

/// A commentary box: a text area on screen, its words (or an empty ruled box) in print.
#[component]
fn Commentary(section: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = format!("commentary-{}", crate::names::slug(&section));
    let key = section.clone();
    let value = move || {
        state
            .pack
            .with(|pack| pack.commentary.get(&key).cloned().unwrap_or_default())
    };
    let key = section.clone();
    let write = move |e: leptos::ev::Event| {
        let typed = event_target_value(&e);
        state.write_pack(|pack| {
            if typed.is_empty() {
                pack.commentary.remove(&key);
            } else {
                pack.commentary.insert(key.clone(), typed);
            }
        });
    };
    view! {
        <div class="commentary">
            <label for=id.clone()>{format!("Commentary: {section}")}</label>
            <textarea id=id rows="4" prop:value=value.clone() on:input=write></textarea>
            <div class="commentary-print" aria-hidden="true">{value}</div>
        </div>
    }
}

/// A table of names with their lines and money.
fn named_money_table(caption: &str, rows: &[NamedMoney]) -> impl IntoView {
    let body = rows
        .iter()
        .map(|row| {
            view! {
                <tr>
                    <th scope="row">{row.name.clone()}</th>
                    <td>{format::count(row.lines as u64)}</td>
                    <td>{format::gbp(row.money)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="pack-table">
            <caption>{caption.to_owned()}</caption>
            <thead><tr><th scope="col">"Name"</th><th scope="col">"Lines"</th><th scope="col">"Money"</th></tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}

/// One pot's page: its policy in words, its money before and after, what it holds.
fn pot_page(page: PotPage) -> impl IntoView {
    let share = |split: &grantpool::money::RingfenceSplit| split.share_text(Ringfence::Ringfenced);
    let facts = [
        ("Policy", page.pot.policy.label().to_owned()),
        ("Funding lines", format::count(page.lines as u64)),
        ("Money", format::gbp(page.today.total())),
        ("Ringfenced today", share(&page.today)),
        ("Ringfenced in the pot", share(&page.with_pot)),
    ]
    .into_iter()
    .map(|(label, value)| view! { <tr><th scope="row">{label}</th><td>{value}</td></tr> })
    .collect_view();
    let heading = format!("Pot: {}", page.pot.name);
    let empty = page.lines == 0;
    let notes = (!page.pot.notes.is_empty()).then(|| {
        let notes = page.pot.notes.clone();
        view! { <h4>"Notes"</h4><p class="pot-notes">{notes}</p> }
    });
    let outcomes = (!page.pot.outcomes.is_empty()).then(|| {
        let items = page
            .pot
            .outcomes
            .iter()
            .map(|o| view! { <li>{o.clone()}</li> })
            .collect_view();
        view! { <h4>"Outcomes"</h4><ul class="pot-outcomes">{items}</ul> }
    });
    view! {
        <section class="pack-page pot-page">
            <h3>{heading}</h3>
            <p>{page.pot.policy.in_words()}</p>
            // The commentary comes before the lists, which may run onto the next page.
            <Commentary section=format!("pot {}", page.pot.name) />
            <table class="pack-table pack-facts"><tbody>{facts}</tbody></table>
            {notes}
            {outcomes}
            {if empty {
                view! { <p>"No funding lines are in this pot yet."</p> }.into_any()
            } else {
                view! {
                    <div class="pot-page-lists">
                        {named_money_table("Funders in this pot", &page.funders)}
                        {named_money_table("Programmes in this pot", &page.programmes)}
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

/// The headline figures, the measures and the charts laid out for A4, to print or save as PDF.
#[component]
pub fn BoardPack() -> impl IntoView {
    let state = expect_context::<AppState>();
    let figures = expect_context::<Figures>();
    let source = figures.dataset_name.get_untracked();
    let shown = state.view.with_untracked(|v| v.title());
    let default_title = pack_notes::default_title(shown.as_deref(), &source);
    let default_subtitle = state
        .editor
        .with_untracked(|e| pack_notes::default_subtitle(&e.scenario.pots));
    let date = today();
    let footer = chart_footer(&source, &date);
    // The person's own words, else the default.
    let written_or = move |pick: fn(&PackNotes) -> &Option<String>, fallback: String| {
        move || {
            state
                .pack
                .with(|p| pick(p).clone())
                .unwrap_or_else(|| fallback.clone())
        }
    };
    let title = written_or(|p| &p.title, default_title);
    let subtitle = written_or(|p| &p.subtitle, default_subtitle);
    let close = move |_| {
        figures.board_pack.set(false);
        // The workspace's canvases were hidden; let them measure and draw again.
        if let Some(window) = web_sys::window() {
            if let Ok(event) = web_sys::Event::new("resize") {
                let _ = window.dispatch_event(&event);
            }
        }
    };
    let print = move |_| {
        if let Err(reason) = print_page() {
            state.notify(format!("The page could not be printed: {reason}."), true);
        }
    };
    let headline = figures.headline.get_untracked();
    let (money, after) = (
        headline.money,
        figures.with_pots.with_untracked(|m| m.money),
    );
    let headline_rows = [
        ("Funding lines", format::count(headline.lines as u64)),
        ("Funders", format::count(headline.funders as u64)),
        ("Programmes", format::count(headline.programmes as u64)),
        ("Recipients", format::count(headline.recipients as u64)),
        ("Total", format::gbp(money.total())),
        (
            "Ringfenced, today → with the pots",
            format!(
                "{} → {}",
                money.share_text(Ringfence::Ringfenced),
                after.share_text(Ringfence::Ringfenced)
            ),
        ),
        (
            "Flexible, today → with the pots",
            format!(
                "{} → {}",
                money.share_text(Ringfence::Flexible),
                after.share_text(Ringfence::Flexible)
            ),
        ),
    ]
    .into_iter()
    .map(|(label, value)| view! { <tr><th scope="row">{label}</th><td>{value}</td></tr> })
    .collect_view();
    let pot_table = Memo::new(move |_| figures.chart(ChartKind::ByPot).with(Chart::table));
    let pages = state.place.with_untracked(|p| {
        state.editor.with_untracked(|e| {
            figures.with_pots.with_untracked(|m| {
                pot_pages(
                    &p.dataset,
                    &e.scenario,
                    &figures.filter.get_untracked(),
                    &m.by_funder_and_pot,
                )
            })
        })
    });
    let pot_count = pages.len();
    // Places are ranked only when the files hold more than one.
    let ranks_places = figures.places.with_untracked(|rows| rows.len() > 1);
    let charts = ChartKind::ALL
        .into_iter()
        .filter(|&kind| kind != ChartKind::PlacesRanked || ranks_places)
        .filter(|&kind| kind != ChartKind::BeforeAfter)
        .map(|kind| chart_svg_figure(figures.chart(kind), footer.clone()))
        .collect_view();
    let (scenario_name, scenario_count) = state
        .editor
        .with_untracked(|set| (set.open_name().to_owned(), set.list().len()));
    let compares = scenario_count > 1;
    let contents = {
        let mut parts = vec![
            "Summary",
            "Fragmentation measures",
            "Cost assumptions",
            "The pots",
        ];
        if pot_count > 0 {
            parts.push("a page for each pot");
        }
        if compares {
            parts.push("Scenario comparison");
        }
        parts.push("Charts");
        format!("Contents: {}.", parts.join(" · "))
    };
    let sources = format!("Made with grantpool on {date}. Source: {source}.");
    let filters = shown.map(|_| state.view.with_untracked(grantpool::view::View::showing));
    let scenario_line = format!(
        "Scenario: {scenario_name}{}.",
        if compares {
            format!(" (one of {scenario_count}; the comparison is near the end)")
        } else {
            String::new()
        }
    );
    let costs = state.costs.get_untracked();
    let estimate = |m: &grantpool::measures::Measures| {
        costs
            .estimate(m)
            .map_or_else(|| NOT_ESTIMATED.to_owned(), format::gbp)
    };
    let cost_rows = [
        ("Cost of one competitive bid", format::gbp(costs.per_bid)),
        (
            "Cost of reporting on one stream for a year",
            costs
                .reporting_per_stream_year
                .map_or_else(|| "not given".to_owned(), format::gbp),
        ),
        (
            "Estimated bidding and reporting cost, today → with the pots",
            format!(
                "{} → {}",
                figures.today.with_untracked(estimate),
                figures.with_pots.with_untracked(estimate)
            ),
        ),
    ]
    .into_iter()
    .map(|(label, value)| view! { <tr><th scope="row">{label}</th><td>{value}</td></tr> })
    .collect_view();
    let comparing = expect_context::<crate::web::scenarios::Comparing>();
    let (comparison_table, comparison_chart) = (comparing.table, comparing.chart);
    let comparison = compares.then(|| {
        view! {
            <section class="pack-page">
                <h3>"Scenario comparison"</h3>
                <Commentary section="Scenario comparison".to_owned() />
                <div class="pack-table">
                    <TableOf table=comparison_table caption=Signal::derive(|| "Measures today and under each scenario".to_owned()) />
                </div>
                {chart_svg_figure(comparison_chart, footer.clone())}
            </section>
        }
    });
    view! {
        <article class="board-pack" aria-labelledby="board-pack-heading">
            <div class="board-pack-actions">
                <div class="pack-buttons">
                    <button type="button" on:click=print>"Print or save as PDF"</button>
                    <button type="button" on:click=close>"Back to the workspace"</button>
                </div>
                <label for="pack-title">"Title"</label>
                <input id="pack-title" type="text" prop:value=title.clone()
                    on:input=move |e| {
                        let typed = event_target_value(&e);
                        state.write_pack(|p| p.title = Some(typed));
                    } />
                <label for="pack-subtitle">"Subtitle"</label>
                <input id="pack-subtitle" type="text" prop:value=subtitle.clone()
                    on:input=move |e| {
                        let typed = event_target_value(&e);
                        state.write_pack(|p| p.subtitle = Some(typed));
                    } />
                <p class="hint">"Write your commentary into the box under each section; it prints with the pack and is saved with your work. Page numbers are added when printed."</p>
            </div>
            <section class="pack-page pack-cover">
                <header>
                    <h2 id="board-pack-heading">{title}</h2>
                    <p class="pack-subtitle">{subtitle}</p>
                    <p>{sources}</p>
                    {filters.map(|f| view! { <p class="pack-filters">{f}</p> })}
                    <p>{scenario_line}</p>
                    <p class="pack-contents">{contents}</p>
                </header>
                <h3>"Summary"</h3>
                <table class="pack-table pack-facts"><tbody>{headline_rows}</tbody></table>
                <Commentary section="Summary".to_owned() />
            </section>
            <section class="pack-page">
                <MeasuresTable in_pack=true />
                <Commentary section="Measures".to_owned() />
                <h3>"Cost assumptions"</h3>
                <p>{format!("The bid cost starts at {}, the middle of the range reported by {BID_COST_SOURCE}", format::gbp(DEFAULT_BID_COST))}</p>
                <table class="pack-table pack-facts"><tbody>{cost_rows}</tbody></table>
            </section>
            <section class="pack-page">
                <h3>"The pots"</h3>
                <p>{format!("{} in the redesign; {} money is outside every pot.", format::counted(pot_count as u64, "pot", "pots"), if pot_count == 0 { "all" } else { "the rest of the" })}</p>
                <div class="pack-table">
                    <TableOf table=pot_table caption=Signal::derive(|| "Money by pot".to_owned()) />
                </div>
                {chart_svg_figure(figures.chart(ChartKind::BeforeAfter), footer.clone())}
                <Commentary section="The pots".to_owned() />
            </section>
            {pages.into_iter().map(pot_page).collect_view()}
            {comparison}
            <section class="pack-charts">
                <h3>"Charts"</h3>
                <Commentary section="Charts".to_owned() />
                {charts}
            </section>
        </article>
    }
}
