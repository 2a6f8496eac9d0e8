//! Every chart as a value: which charts there are, what each is made from, and one dispatch
//! to its draw function and table.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::split_bars::split_table;
use super::{
    awards_by_length, before_after, funder_to_pot, money_by_year, places_ranked,
    ringfence_by_funder, ringfence_by_pot, scenarios_compared, size_distribution,
    streams_by_service, streams_by_year, ChartStyle, DataTable, Drawn,
};
use crate::breakdown::{self, SplitRow};
use crate::measures::Measures;
use crate::model::Dataset;
use crate::scenario::Scenario;
use crate::view::LineFilter;

/// Rows of the funder chart: each funder with a colour of its own (the palette's nine), then
/// "All other funders", merged at the same point as the flows chart, so every named funder has
/// its swatch and both charts count the same "other" funders.
pub const CHART_FUNDERS: usize = super::palette::FUNDERS.len() + 1;
/// Services drawn as their own bars; the rest share one.
pub const CHART_SERVICES: usize = 12;

/// What every chart is made from: the place, the scenario, the measures today and with the
/// pots (whose one pass also gathered the funder × pot cells), and the lines' size bands.
pub struct ChartInputs<'a> {
    pub dataset: &'a Dataset,
    pub scenario: &'a Scenario,
    /// The lines shown ([`crate::view::View::filter`]).
    pub filter: LineFilter,
    /// The measure Places compared ranks places by.
    pub rank_by: crate::compare::PlaceColumn,
    pub today: &'a Measures,
    pub with_pots: &'a Measures,
    pub line_bands: &'a size_distribution::LineBands,
}

/// The GSS code of the place `filter` keeps, if it keeps one council.
pub fn picked_place<'a>(dataset: &'a Dataset, filter: &LineFilter) -> Option<&'a str> {
    filter
        .place()
        .map(|sym| dataset.text(sym))
        .filter(|code| !code.is_empty())
}

/// Which chart: its title, its id on the page and in file names, and its note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    BeforeAfter,
    ByFunder,
    FunderToPot,
    ByPot,
    SizeDistribution,
    StreamsByService,
    MoneyByYear,
    StreamsByYear,
    AwardsByLength,
    PlacesRanked,
    /// The scenarios compared side by side: shown in the region "Scenario comparison" and the
    /// board pack, not among the page's charts ([`ChartKind::ALL`]).
    ScenariosCompared,
}

impl ChartKind {
    /// Every chart, in the order the page and the board pack show them.
    pub const ALL: [ChartKind; 10] = [
        ChartKind::BeforeAfter,
        ChartKind::ByFunder,
        ChartKind::FunderToPot,
        ChartKind::ByPot,
        ChartKind::SizeDistribution,
        ChartKind::StreamsByService,
        ChartKind::MoneyByYear,
        ChartKind::StreamsByYear,
        ChartKind::AwardsByLength,
        ChartKind::PlacesRanked,
    ];

    /// Where this chart stands in [`ChartKind::ALL`] (the scenario comparison stands last,
    /// past them).
    pub fn index(self) -> usize {
        ChartKind::ALL
            .iter()
            .position(|&k| k == self)
            .unwrap_or(ChartKind::ALL.len())
    }

    /// The chart's title, also its figure caption.
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::BeforeAfter => before_after::TITLE,
            ChartKind::ByFunder => ringfence_by_funder::TITLE,
            ChartKind::ByPot => ringfence_by_pot::TITLE,
            ChartKind::SizeDistribution => size_distribution::TITLE,
            ChartKind::StreamsByService => streams_by_service::TITLE,
            ChartKind::FunderToPot => funder_to_pot::TITLE,
            ChartKind::MoneyByYear => money_by_year::TITLE,
            ChartKind::StreamsByYear => streams_by_year::TITLE,
            ChartKind::AwardsByLength => awards_by_length::TITLE,
            ChartKind::PlacesRanked => places_ranked::TITLE,
            ChartKind::ScenariosCompared => scenarios_compared::TITLE,
        }
    }

    /// Names the chart's figure on the page and its export files.
    pub fn id(self) -> &'static str {
        match self {
            ChartKind::BeforeAfter => "ringfenced-flexible-before-after",
            ChartKind::ByFunder => "ringfenced-flexible-by-funder",
            ChartKind::FunderToPot => "funders-to-pots",
            ChartKind::ByPot => "ringfenced-flexible-by-pot",
            ChartKind::SizeDistribution => "streams-by-size",
            ChartKind::StreamsByService => "streams-by-service",
            ChartKind::MoneyByYear => "money-by-financial-year",
            ChartKind::StreamsByYear => "streams-by-year",
            ChartKind::AwardsByLength => "awards-by-length",
            ChartKind::PlacesRanked => "places-ranked",
            ChartKind::ScenariosCompared => "scenarios-compared",
        }
    }

    /// What a reader needs to know to read the chart, shown under its caption.
    pub fn note(self) -> &'static str {
        match self {
            ChartKind::BeforeAfter => "The whole place: today, and with your pots applied.",
            ChartKind::ByFunder => "With your pots: money in a pot that lifts the ringfence counts as flexible. Each funder’s colour is the same in every chart.",
            ChartKind::FunderToPot => "Each band is a funder’s money going into a pot, or staying outside the pots; its width is the money.",
            ChartKind::ByPot => "Each pot under its policy, and the lines in no pot.",
            ChartKind::SizeDistribution => "Size bands are powers of ten (a log scale). A pot is one stream.",
            ChartKind::StreamsByService => "How many separate streams reach each service or theme. A pot is one stream.",
            ChartKind::MoneyByYear => "The place picked, in every UK financial year (1 April to 31 March); a pot holds its lines in every year.",
            ChartKind::StreamsByYear => "The place picked, in every financial year, as it is today (no pots). A stream is a funder’s programme; in the first year every stream counts as new.",
            ChartKind::AwardsByLength => "From the planned start (or award) date to the planned end; a year is 365 days. Pots do not change an award’s length.",
            ChartKind::PlacesRanked => "The 15 places with the most, by the measure Places compared is sorted by, today; the place picked is orange, and shown wherever it ranks.",
            ChartKind::ScenariosCompared => "The place shown, today and under each scenario chosen: a pot that lifts the ringfence makes its money flexible.",
        }
    }

    /// The chart's numbers. The page's memos, the tests and the benchmark all make charts here.
    pub fn build(self, inputs: &ChartInputs) -> Chart {
        let cells = &inputs.with_pots.by_funder_and_pot;
        match self {
            ChartKind::BeforeAfter => Chart::BeforeAfter(breakdown::before_after(cells)),
            ChartKind::ByFunder => {
                Chart::ByFunder(breakdown::by_funder(inputs.dataset, cells, CHART_FUNDERS))
            }
            ChartKind::FunderToPot => {
                Chart::FunderToPot(funder_to_pot::flows(inputs.dataset, cells, inputs.scenario))
            }
            ChartKind::ByPot => Chart::ByPot(ringfence_by_pot::rows(cells, inputs.scenario)),
            ChartKind::SizeDistribution => Chart::SizeDistribution(size_distribution::rows(
                inputs.line_bands,
                inputs.today,
                inputs.with_pots,
            )),
            ChartKind::StreamsByService => Chart::StreamsByService(streams_by_service::rows(
                inputs.dataset,
                inputs.today,
                inputs.with_pots,
                CHART_SERVICES,
            )),
            ChartKind::MoneyByYear | ChartKind::StreamsByYear => {
                self.build_over_years(inputs.dataset, inputs.scenario, &inputs.filter)
            }
            ChartKind::AwardsByLength => self.build_from_lines(inputs.dataset, &inputs.filter),
            ChartKind::PlacesRanked => Chart::PlacesRanked(places_ranked::rank(
                &crate::compare::compare_places(inputs.dataset, &inputs.filter),
                inputs.rank_by,
                picked_place(inputs.dataset, &inputs.filter),
            )),
            // Made from several scenarios ([`crate::compare_scenarios`]); one scenario's
            // inputs give today and that scenario.
            ChartKind::ScenariosCompared => {
                Chart::ScenariosCompared(breakdown::before_after(cells))
            }
        }
    }

    /// True for the charts made from the view's lines alone, without pots or measures (awards
    /// by length): the page builds them with [`ChartKind::build_from_lines`].
    pub fn from_lines_alone(self) -> bool {
        self == ChartKind::AwardsByLength
    }

    /// The numbers of a chart made from the lines alone ([`ChartKind::from_lines_alone`]).
    pub fn build_from_lines(self, dataset: &Dataset, filter: &LineFilter) -> Chart {
        Chart::AwardsByLength(awards_by_length::rows(dataset, filter))
    }

    /// True for the charts that change when lines move between pots (all but the streams over
    /// the years, awards by length and places ranked, which show the place as it is today).
    pub fn follows_pots(self) -> bool {
        !matches!(
            self,
            ChartKind::StreamsByYear | ChartKind::AwardsByLength | ChartKind::PlacesRanked
        )
    }

    /// True for the charts over years: they show the place picked in every year, whatever
    /// the year picked, and need no measures.
    pub fn over_years(self) -> bool {
        matches!(self, ChartKind::MoneyByYear | ChartKind::StreamsByYear)
    }

    /// The numbers of a chart over years ([`ChartKind::over_years`]) for the place of `filter`
    /// in every year. [`ChartKind::build`] calls it for those charts; the page calls it from a
    /// memo that a change of year alone does not rerun.
    pub fn build_over_years(
        self,
        dataset: &Dataset,
        scenario: &Scenario,
        filter: &LineFilter,
    ) -> Chart {
        let filter = filter.every_year();
        match self {
            ChartKind::StreamsByYear => {
                Chart::StreamsByYear(streams_by_year::rows(dataset, &filter))
            }
            _ => money_by_year::chart(
                &crate::compare::by_year(dataset, &filter, |_, status| status),
                dataset,
                scenario,
                &filter,
            ),
        }
    }
}

/// Every chart grantpool draws, with the numbers it shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// The whole place today and with the pots ([`before_after`]).
    BeforeAfter(Vec<SplitRow>),
    /// Each funder's money by ringfence status ([`ringfence_by_funder`]).
    ByFunder(Vec<SplitRow>),
    /// Each pot's money by ringfence status ([`ringfence_by_pot`]).
    ByPot(ringfence_by_pot::PotRows),
    /// Streams by size band ([`size_distribution`]).
    SizeDistribution(Vec<size_distribution::BandRow>),
    /// Streams reaching each service ([`streams_by_service`]).
    StreamsByService(Vec<streams_by_service::ServiceRow>),
    /// Money from each funder into each pot ([`funder_to_pot`]).
    FunderToPot(funder_to_pot::Flows),
    /// Money by financial year ([`money_by_year`]).
    MoneyByYear(Vec<SplitRow>),
    /// Streams starting, continuing and ending by year ([`streams_by_year`]).
    StreamsByYear(Vec<streams_by_year::ChurnRow>),
    /// Awards by length ([`awards_by_length`]).
    AwardsByLength(Vec<awards_by_length::LengthRow>),
    /// Places ranked by a measure ([`places_ranked`]).
    PlacesRanked(places_ranked::PlacesRanked),
    /// Today and each scenario compared ([`scenarios_compared`]).
    ScenariosCompared(Vec<SplitRow>),
}

impl Chart {
    /// Which chart this is.
    pub fn kind(&self) -> ChartKind {
        match self {
            Chart::BeforeAfter(_) => ChartKind::BeforeAfter,
            Chart::ByFunder(_) => ChartKind::ByFunder,
            Chart::ByPot(_) => ChartKind::ByPot,
            Chart::SizeDistribution(_) => ChartKind::SizeDistribution,
            Chart::StreamsByService(_) => ChartKind::StreamsByService,
            Chart::FunderToPot(_) => ChartKind::FunderToPot,
            Chart::MoneyByYear(_) => ChartKind::MoneyByYear,
            Chart::StreamsByYear(_) => ChartKind::StreamsByYear,
            Chart::AwardsByLength(_) => ChartKind::AwardsByLength,
            Chart::PlacesRanked(_) => ChartKind::PlacesRanked,
            Chart::ScenariosCompared(_) => ChartKind::ScenariosCompared,
        }
    }

    /// The chart's title, also its figure caption.
    pub fn title(&self) -> &'static str {
        self.kind().title()
    }

    /// Draws the chart onto `area` with any plotters backend, filling it.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
    ) -> Drawn<DB> {
        match self {
            Chart::BeforeAfter(rows) => before_after::draw(area, rows, style),
            Chart::ByFunder(rows) => ringfence_by_funder::draw(area, rows, style),
            Chart::ByPot(rows) => ringfence_by_pot::draw(area, rows, style),
            Chart::SizeDistribution(rows) => size_distribution::draw(area, rows, style),
            Chart::StreamsByService(rows) => streams_by_service::draw(area, rows, style),
            Chart::FunderToPot(flows) => funder_to_pot::draw(area, flows, style),
            Chart::MoneyByYear(rows) => money_by_year::draw(area, rows, style),
            Chart::StreamsByYear(rows) => streams_by_year::draw(area, rows, style),
            Chart::AwardsByLength(rows) => awards_by_length::draw(area, rows, style),
            Chart::PlacesRanked(ranked) => places_ranked::draw(area, ranked, style),
            Chart::ScenariosCompared(rows) => scenarios_compared::draw(area, rows, style),
        }
    }

    /// The same numbers as the chart, exactly, as a table.
    pub fn table(&self) -> DataTable {
        match self {
            Chart::BeforeAfter(rows) => split_table("Scenario", rows),
            Chart::ByFunder(rows) => split_table("Funder", rows),
            Chart::ByPot(pots) => split_table("Pot", &pots.rows),
            Chart::SizeDistribution(rows) => size_distribution::table(rows),
            Chart::StreamsByService(rows) => streams_by_service::table(rows),
            Chart::FunderToPot(flows) => funder_to_pot::table(flows),
            Chart::MoneyByYear(rows) => split_table("Financial year", rows),
            Chart::StreamsByYear(rows) => streams_by_year::table(rows),
            Chart::AwardsByLength(rows) => awards_by_length::table(rows),
            Chart::PlacesRanked(ranked) => places_ranked::table(ranked),
            Chart::ScenariosCompared(rows) => split_table("Scenario", rows),
        }
    }

    /// A height in CSS pixels that fits the chart's rows on the page (without title or footer).
    pub fn height(&self) -> u32 {
        let rows = |n: usize| n.max(1) as u32;
        match self {
            Chart::BeforeAfter(rows_)
            | Chart::ByFunder(rows_)
            | Chart::MoneyByYear(rows_)
            | Chart::ScenariosCompared(rows_) => 110 + 34 * rows(rows_.len()),
            Chart::ByPot(pots) => 110 + 34 * rows(pots.rows.len()),
            Chart::SizeDistribution(bands) => 130 + 40 * rows(bands.len()),
            Chart::StreamsByService(services) => 110 + 40 * rows(services.len()),
            Chart::FunderToPot(flows) => funder_to_pot::height(flows),
            Chart::StreamsByYear(years) => 110 + 34 * rows(years.len()),
            Chart::AwardsByLength(bands) => 110 + 34 * rows(bands.len()),
            Chart::PlacesRanked(ranked) => 110 + 28 * rows(ranked.rows.len()),
        }
    }

    /// A height in CSS pixels for an export, with room for the title and the footer.
    pub fn export_height(&self) -> u32 {
        self.height() + 70
    }
}
