//! The effect of the pots, kept in view while a person drags: the ringfenced and flexible
//! money today and with the pots (the before/after chart, drawn by its own draw function as
//! SVG), and every measure with its change. On wide screens it is a panel beside the map and
//! the pots; on narrow ones a bar along the bottom of the window with the headline change.

use leptos::prelude::*;

use super::super::figures::{svg_chart, Figures};
use grantpool::charts::ChartKind;
use grantpool::export::chart_svg_plain;
use grantpool::measures::table::MEASURES;
use grantpool::model::Ringfence;

/// The width the panel's chart is drawn at; it is shown at the panel's width.
const CHART_WIDTH: u32 = 320;

#[component]
pub(super) fn EffectPanel() -> impl IntoView {
    let figures = expect_context::<Figures>();
    let (today, with_pots) = (figures.today, figures.with_pots);
    let app_costs = expect_context::<crate::web::state::AppState>().costs;
    let chart = figures.chart(ChartKind::BeforeAfter);
    let row_of = |name: &str| MEASURES.iter().find(|m| m.name == name).copied();
    let (streams, ringfenced) = (
        row_of("Funding streams").expect("a measure of streams"),
        row_of(Ringfence::Ringfenced.label()).expect("a measure of ringfenced money"),
    );
    let headline = move || {
        let costs = app_costs.get();
        today.with(|t| {
            with_pots.with(|w| {
                [streams, ringfenced]
                    .iter()
                    .map(|m| {
                        format!(
                            "{} {} → {} ({})",
                            m.name,
                            (m.show)(t, &costs),
                            (m.show)(w, &costs),
                            (m.change)(t, w, &costs)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
        })
    };
    let rows = MEASURES
        .iter()
        .map(|measure| {
            let (show, change) = (measure.show, measure.change);
            view! {
                <tr>
                    <th scope="row">{measure.name}</th>
                    <td>{move || { let c = app_costs.get(); today.with(|t| with_pots.with(|w| format!("{} → {}", show(t, &c), show(w, &c)))) }}</td>
                    <td>{move || { let c = app_costs.get(); today.with(|t| with_pots.with(|w| change(t, w, &c))) }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <aside class="effect" role="region" aria-labelledby="effect-heading" tabindex="0">
            <h3 id="effect-heading">"Effect of your pots"</h3>
            <p class="effect-summary" data-testid="effect-summary">{headline}</p>
            <div class="effect-detail">
                {svg_chart(chart, "effect-chart", |c| chart_svg_plain(c, CHART_WIDTH))}
                <table class="effect-table">
                    <caption class="visually-hidden">"Measures today and with your pots, and the change"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Measure"</th>
                            <th scope="col">"Today → with pots"</th>
                            <th scope="col">"Change"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                <p><a href="#measures-heading">"What each measure means"</a></p>
            </div>
        </aside>
    }
}
