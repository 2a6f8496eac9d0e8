//! The region "Cost assumptions": the cost of a competitive bid (from a cited default) and of
//! reporting on a stream for a year (no default), behind the measure "Estimated bidding and
//! reporting cost".

use leptos::prelude::*;

use super::figures::Figures;
use super::state::AppState;
use grantpool::costs::{CostAssumptions, BID_COST_SOURCE, DEFAULT_BID_COST};
use grantpool::format;
use grantpool::import::values::{parse_money, MoneyUnit};
use grantpool::measures::table::NOT_ESTIMATED;
use grantpool::model::Pence;

/// A typed amount as money: `None` for blank, or why it is not an amount.
fn read_amount(text: &str) -> Result<Option<Pence>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match parse_money(text, MoneyUnit::Pounds) {
        Ok(amount) if amount.0 >= 0 => Ok(Some(amount)),
        Ok(_) => Err("a cost cannot be less than £0".to_owned()),
        Err(_) => Err(format!("“{}” is not an amount of money", text.trim())),
    }
}

/// An amount as the box shows it: "25000", "1234.50".
fn shown(amount: Pence) -> String {
    if amount.0 % 100 == 0 {
        (amount.0 / 100).to_string()
    } else {
        format!("{}.{:02}", amount.0 / 100, amount.0 % 100)
    }
}

/// One cost: its label, a box for an amount in pounds (blank allowed), a hint, and the reason a
/// typed value was not taken. `take` gets each amount read (`None` for blank).
fn cost_field(
    id: &'static str,
    label: &'static str,
    hint: String,
    value: impl Fn() -> String + Send + Sync + 'static,
    take: impl Fn(Option<Pence>) + Send + Sync + 'static,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let hint_id = format!("{id}-hint");
    let on_change = move |event: leptos::ev::Event| match read_amount(&event_target_value(&event)) {
        Ok(amount) => {
            error.set(None);
            take(amount);
        }
        Err(reason) => error.set(Some(format!("Not changed: {reason}."))),
    };
    view! {
        <div>
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                inputmode="decimal"
                prop:value=value
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=hint_id.clone()
                on:change=on_change
            />
            <p class="hint" id=hint_id>{hint}</p>
            {move || error.get().map(|error| view! { <p class="field-error" role="alert">{error}</p> })}
        </div>
    }
}

#[component]
pub fn CostAssumptionsRegion() -> impl IntoView {
    let state = expect_context::<AppState>();
    let figures = expect_context::<Figures>();
    let set_bid = move |amount: Option<Pence>| {
        let per_bid = amount.unwrap_or(DEFAULT_BID_COST);
        state.set_costs(CostAssumptions {
            per_bid,
            ..state.costs.get_untracked()
        });
        state.notify(
            format!("The cost of a bid is now {}.", format::gbp(per_bid)),
            false,
        );
    };
    let set_reporting = move |amount: Option<Pence>| {
        state.set_costs(CostAssumptions {
            reporting_per_stream_year: amount,
            ..state.costs.get_untracked()
        });
        state.notify(
            match amount {
                Some(amount) => format!(
                    "The cost of reporting on a stream for a year is now {}.",
                    format::gbp(amount)
                ),
                None => {
                    "The cost of reporting was taken away: the estimate is not made.".to_owned()
                }
            },
            false,
        );
    };
    let estimate = move || {
        let costs = state.costs.get();
        let read = |m: &grantpool::measures::Measures| {
            costs
                .estimate(m)
                .map_or_else(|| NOT_ESTIMATED.to_owned(), format::gbp)
        };
        format!(
            "Estimated bidding and reporting cost: {} today, {} with your pots.",
            figures.today.with(read),
            figures.with_pots.with(read)
        )
    };
    view! {
        <section class="costs" role="region" aria-label="Cost assumptions">
            <h2>"Cost assumptions"</h2>
            <p>"What it costs a place to bid for and report on its funding streams, for the measure “Estimated bidding and reporting cost”: competed streams × the cost of a bid, plus each stream’s years × the cost of reporting."</p>
            <div class="cost-fields">
                {cost_field(
                    "cost-per-bid",
                    "Cost of one competitive bid (£)",
                    format!("Starts at {}, the middle of the range reported by {BID_COST_SOURCE}", format::gbp(DEFAULT_BID_COST)),
                    move || shown(state.costs.get().per_bid),
                    set_bid,
                )}
                {cost_field(
                    "cost-reporting",
                    "Cost of reporting on one stream for a year (£)",
                    "No default: enter your own figure. Until you do, the estimate is “not estimated”.".to_owned(),
                    move || state.costs.get().reporting_per_stream_year.map(shown).unwrap_or_default(),
                    set_reporting,
                )}
            </div>
            <p class="cost-estimate" data-testid="cost-estimate">{estimate}</p>
        </section>
    }
}
