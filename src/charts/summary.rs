//! Each chart's message in one sentence, made from its numbers: shown under the chart on the
//! page, and written into an exported SVG's `<desc>` so a chart pasted into a document is not
//! silent to a screen reader.

use super::chart::Chart;
use super::size_distribution::small_shares;
use crate::breakdown::SplitRow;
use crate::format::{self, NONE};
use crate::model::{Pence, Ringfence};
use crate::money::RingfenceSplit;

impl Chart {
    /// What the chart shows, in one sentence.
    pub fn summary(&self) -> String {
        match self {
            Chart::BeforeAfter(rows) => before_after(rows),
            Chart::ByFunder(rows) => by_funder(rows),
            Chart::ByPot(pots) => by_pot(&pots.rows),
            Chart::SizeDistribution(rows) => {
                let [_, today, with_pots] = small_shares(rows);
                let share = |s: Option<f64>| format::percent_or(s, NONE);
                format!(
                    "{} of streams are under £100k today, {} with your pots.",
                    share(today),
                    share(with_pots)
                )
            }
            Chart::StreamsByService(rows) => match rows.iter().find(|r| r.merged == 0) {
                Some(top) => format!(
                    "{} is reached by the most streams: {} today, {} with your pots.",
                    top.service,
                    format::count(top.today as u64),
                    format::count(top.with_pots as u64)
                ),
                None => "There are no streams yet.".to_owned(),
            },
            Chart::FunderToPot(flows) => {
                let total: Pence = flows.links.iter().map(|l| l.money).sum();
                let pooled: Pence = (0..flows.funders.len())
                    .map(|funder| flows.pooled_money_of(funder))
                    .sum();
                format!(
                    "{} of {} flows into pots; the rest is not in a pot.",
                    format::gbp(pooled),
                    format::gbp(total)
                )
            }
            Chart::MoneyByYear(rows) => by_year(rows),
            Chart::StreamsByYear(rows) => super::streams_by_year::summary(rows),
            Chart::AwardsByLength(rows) => super::awards_by_length::summary(rows),
            Chart::PlacesRanked(ranked) => super::places_ranked::summary(ranked),
            Chart::ScenariosCompared(rows) => scenarios_compared(rows),
        }
    }
}

/// "Ringfenced: 61.0% today; 40.2% under Scenario 1; 12.5% under Children first."
fn scenarios_compared(rows: &[SplitRow]) -> String {
    let shares: Vec<String> = rows
        .iter()
        .map(|row| {
            let share = row.money.share_text(Ringfence::Ringfenced);
            if row.label == "Today" {
                format!("{share} today")
            } else {
                format!("{share} under {}", row.label)
            }
        })
        .collect();
    format!("Ringfenced: {}.", shares.join("; "))
}

/// "4 financial years, 2015-16 to 2018-19; ringfenced 61.0% in 2015-16 and 58.2% in 2018-19."
fn by_year(rows: &[SplitRow]) -> String {
    let years: Vec<&SplitRow> = rows
        .iter()
        .step_by(2)
        .filter(|r| !r.label.starts_with(crate::view::YEAR_NOT_KNOWN))
        .collect();
    let year_of = |row: &SplitRow| row.label.trim_end_matches(" today").to_owned();
    match (years.first(), years.last()) {
        (Some(first), Some(last)) if years.len() > 1 => format!(
            "{} financial years, {} to {}; ringfenced {} in {} and {} in {}.",
            years.len(),
            year_of(first),
            year_of(last),
            first.money.share_text(Ringfence::Ringfenced),
            year_of(first),
            last.money.share_text(Ringfence::Ringfenced),
            year_of(last)
        ),
        (Some(only), _) => format!(
            "One financial year, {}: ringfenced {}.",
            year_of(only),
            only.money.share_text(Ringfence::Ringfenced)
        ),
        _ => "No line has a known financial year.".to_owned(),
    }
}

/// "Ringfenced: 62.0% today, 41.3% with your pots."
fn before_after(rows: &[SplitRow]) -> String {
    let share = |row: Option<&SplitRow>| {
        row.map_or_else(
            || NONE.to_owned(),
            |r| r.money.share_text(Ringfence::Ringfenced),
        )
    };
    format!(
        "Ringfenced share of the money: {} today, {} with your pots.",
        share(rows.first()),
        share(rows.get(1))
    )
}

fn by_funder(rows: &[SplitRow]) -> String {
    let Some(top) = rows.first() else {
        return "There are no funders yet.".to_owned();
    };
    let mut all = RingfenceSplit::default();
    for row in rows {
        all += row.money;
    }
    let funders: usize = rows.iter().map(|r| r.merged.max(1)).sum();
    let share = |part: Pence| {
        (all.total().0 > 0)
            .then(|| part.0 as f64 / all.total().0 as f64)
            .map_or_else(|| NONE.to_owned(), format::percent)
    };
    format!(
        "{} gives the most, {} ({} of all the money from {}).",
        top.label,
        format::gbp(top.money.total()),
        share(top.money.total()),
        format::counted(funders as u64, "funder", "funders")
    )
}

fn by_pot(rows: &[SplitRow]) -> String {
    let (pots, outside) = rows.split_at(rows.len().saturating_sub(1));
    let in_pots: Pence = pots.iter().map(|r| r.money.total()).sum();
    let outside = outside.first().map_or(Pence(0), |r| r.money.total());
    let verb = if pots.len() == 1 { "holds" } else { "hold" };
    format!(
        "{} {verb} {}; {} is not in a pot.",
        format::counted(pots.len() as u64, "pot", "pots"),
        format::gbp(in_pots),
        format::gbp(outside)
    )
}

#[cfg(test)]
mod tests {
    use crate::charts::ChartKind;
    use crate::export::chart_svg;
    use crate::figures::Figures;
    use crate::scenario::PotPolicy;

    #[test]
    fn every_chart_says_its_message_in_one_sentence_from_its_numbers() {
        let dataset = crate::import::dataset_from(
            b"Funder,Programme,Service,Amount,Ringfenced\n\
              DfT,Buses,Transport,300,Yes\n\
              MoJ,Youth,Justice,100,Yes\n\
              DfE,Schools,Education,100,No\n",
        );
        let editor = crate::scenario::test_support::editor_with_pot(
            3,
            "Safer",
            PotPolicy::LiftRingfence,
            &[1],
        );
        let figures = Figures::compute(&dataset, &editor.scenario, &crate::view::View::default());
        let said = |kind| figures.chart(kind).summary();
        assert_eq!(
            said(ChartKind::BeforeAfter),
            "Ringfenced share of the money: 80.0% today, 60.0% with your pots."
        );
        assert_eq!(
            said(ChartKind::ByFunder),
            "DfT gives the most, £300 (60.0% of all the money from 3 funders)."
        );
        assert_eq!(
            said(ChartKind::ByPot),
            "1 pot holds £100; £400 is not in a pot."
        );
        assert_eq!(
            said(ChartKind::FunderToPot),
            "£100 of £500 flows into pots; the rest is not in a pot."
        );
        assert_eq!(
            said(ChartKind::SizeDistribution),
            "100.0% of streams are under £100k today, 100.0% with your pots."
        );
        assert!(said(ChartKind::StreamsByService).ends_with("1 today, 1 with your pots."));
        let svg = chart_svg(figures.chart(ChartKind::ByFunder), "Source: test.", 800);
        assert!(svg.contains("<title>Ringfenced and flexible money by funder</title>"));
        assert!(svg.contains(
            "<desc>DfT gives the most, £300 (60.0% of all the money from 3 funders).</desc>"
        ));
    }
}
