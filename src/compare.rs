//! Places compared and years listed: one row per place (or financial year) in the data, with
//! the figures the Places compared table and the pickers show. One pass over the lines, none
//! copied.

use crate::fasthash::FastMap;
use crate::geography::gazetteer;
use crate::measures::{hhi, one_year_share, stream_today, SMALL_STREAM};
use crate::model::{Dataset, FinancialYear, Pence, Ringfence, StringPool, Sym, YEARS};
use crate::money::RingfenceSplit;
use crate::view::{LineFilter, PlaceChoice, YearChoice, PLACE_NOT_KNOWN, YEAR_NOT_KNOWN};

/// One place's figures, today (without pots).
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceRow {
    pub place: PlaceChoice,
    pub name: String,
    pub lines: usize,
    pub money: RingfenceSplit,
    pub streams: usize,
    /// Share of streams under £100k.
    pub small_share: Option<f64>,
    /// HHI over streams' money.
    pub hhi: Option<f64>,
    /// Share of streams seen in one financial year only (as the measures define it).
    pub one_year_share: Option<f64>,
}

impl PlaceRow {
    /// Share of money ringfenced, among money whose status is recorded.
    pub fn ringfenced_share(&self) -> Option<f64> {
        self.money.share(Ringfence::Ringfenced)
    }
}

/// Every place among the lines `filter` keeps (its place test is ignored: every place is
/// compared), by name, then "Place not known" last when any line has no place. Streams are
/// today's streams: funder and programme (or title; without either, the line).
pub fn compare_places(dataset: &Dataset, filter: &LineFilter) -> Vec<PlaceRow> {
    let filter = filter.every_place();
    // Places by a slot per symbol (cheaper than hashing each line's place), and every
    // place's shared streams in one map; a line that is a stream of its own needs no lookup.
    let mut slot_of: Vec<u32> = vec![u32::MAX; dataset.strings.len()];
    let mut places: Vec<(Sym, usize, RingfenceSplit)> = Vec::new();
    let mut streams: FastMap<(u32, Sym, Sym), (i64, u128)> = FastMap::default();
    let mut by_place: Vec<Vec<(i64, u128)>> = Vec::new();
    for (index, line) in filter.lines(dataset) {
        let Some(slot) = slot_of.get_mut(line.area.0 as usize) else {
            continue;
        };
        if *slot == u32::MAX {
            *slot = places.len() as u32;
            places.push((line.area, 0, RingfenceSplit::default()));
            by_place.push(Vec::new());
        }
        let place = &mut places[*slot as usize];
        place.1 += 1;
        place.2.add(line.ringfence, line.amount);
        let years = line
            .year
            .map_or(0, |year| 1u128 << (year.0 - YEARS.start()).min(127));
        match stream_today(line, index) {
            (funder, named, 0) => {
                let stream = streams.entry((*slot, funder, named)).or_default();
                stream.0 += line.amount.0;
                stream.1 |= years;
            }
            _ => by_place[*slot as usize].push((line.amount.0, years)),
        }
    }
    for ((slot, ..), stream) in streams {
        by_place[slot as usize].push(stream);
    }
    let g = gazetteer();
    let mut rows: Vec<PlaceRow> = places
        .into_iter()
        .zip(by_place)
        .map(|((area, lines, money), place_streams)| {
            let (place, name) = match dataset.text(area) {
                "" => (PlaceChoice::NotKnown, PLACE_NOT_KNOWN.to_owned()),
                code => (
                    PlaceChoice::Area(code.to_owned()),
                    g.name_of(code).to_owned(),
                ),
            };
            let count = place_streams.len();
            let small = place_streams
                .iter()
                .filter(|s| s.0 < SMALL_STREAM.0)
                .count();
            PlaceRow {
                place,
                name,
                lines,
                money,
                streams: count,
                small_share: (count > 0).then(|| small as f64 / count as f64),
                hhi: hhi(place_streams.iter().map(|s| s.0)),
                one_year_share: one_year_share(place_streams.iter().map(|s| s.1)),
            }
        })
        .collect();
    rows.sort_by(|a, b| by_name(&a.place, &a.name, &b.place, &b.name));
    rows
}

/// Places by name, "Place not known" last.
fn by_name(a: &PlaceChoice, a_name: &str, b: &PlaceChoice, b_name: &str) -> std::cmp::Ordering {
    (*a == PlaceChoice::NotKnown, a_name).cmp(&(*b == PlaceChoice::NotKnown, b_name))
}

/// A place in the data as the Place picker lists it: its lines and money.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedPlace {
    pub place: PlaceChoice,
    pub name: String,
    pub lines: usize,
    pub money: Pence,
}

/// Every place in the data, by name, "Place not known" last, from the line index: listing
/// places costs a sum over each place's lines, not [`compare_places`]'s streams.
pub fn places_listed(dataset: &Dataset) -> Vec<ListedPlace> {
    let g = gazetteer();
    let mut places: Vec<ListedPlace> = dataset
        .index()
        .by_area
        .iter()
        .map(|(&area, lines)| {
            let (place, name) = match dataset.text(area) {
                "" => (PlaceChoice::NotKnown, PLACE_NOT_KNOWN.to_owned()),
                code => (
                    PlaceChoice::Area(code.to_owned()),
                    g.name_of(code).to_owned(),
                ),
            };
            let money = lines
                .iter()
                .filter_map(|&at| dataset.lines.get(at as usize))
                .map(|line| line.amount)
                .sum();
            ListedPlace {
                place,
                name,
                lines: lines.len(),
                money,
            }
        })
        .collect();
    places.sort_by(|a, b| by_name(&a.place, &a.name, &b.place, &b.name));
    places
}

/// Every financial year in the data with its lines, oldest first, "Year not known" last,
/// from the line index.
pub fn years_listed(dataset: &Dataset) -> Vec<(YearChoice, usize)> {
    let mut years: Vec<(Option<FinancialYear>, usize)> = dataset
        .index()
        .by_year
        .iter()
        .map(|(&year, lines)| (year, lines.len()))
        .collect();
    years.sort_by_key(|&(year, _)| (year.is_none(), year));
    years
        .into_iter()
        .map(|(year, lines)| (year.map_or(YearChoice::NotKnown, YearChoice::Year), lines))
        .collect()
}

/// One financial year's lines and money today and with the pots.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRow {
    pub year: YearChoice,
    pub lines: usize,
    pub today: RingfenceSplit,
    pub with_pots: RingfenceSplit,
}

impl YearRow {
    /// The year for people.
    pub fn label(&self) -> String {
        match self.year {
            YearChoice::NotKnown => YEAR_NOT_KNOWN.to_owned(),
            year => year.label(),
        }
    }
}

/// Every financial year among the lines `filter` keeps (its year test is ignored: every year
/// is listed), oldest first, then "Year not known" when any line has no year; with money by
/// status as recorded and under `status_of` (the scenario's pot policies).
pub fn by_year(
    dataset: &Dataset,
    filter: &LineFilter,
    status_of: impl Fn(usize, Ringfence) -> Ringfence,
) -> Vec<YearRow> {
    let filter = filter.every_year();
    // A slot per financial year (1990-91 on), and one more for "not known": no hashing.
    let slots = usize::from(YEARS.end() - YEARS.start()) + 2;
    let not_known = slots - 1;
    let mut rows: Vec<Option<YearRow>> = vec![None; slots];
    for (index, line) in filter.lines(dataset) {
        let slot = line.year.map_or(not_known, |y| {
            usize::from(y.0 - YEARS.start()).min(not_known - 1)
        });
        let row = rows[slot].get_or_insert_with(|| YearRow {
            year: line.year.map_or(YearChoice::NotKnown, YearChoice::Year),
            lines: 0,
            today: RingfenceSplit::default(),
            with_pots: RingfenceSplit::default(),
        });
        row.lines += 1;
        row.today.add(line.ringfence, line.amount);
        row.with_pots
            .add(status_of(index, line.ringfence), line.amount);
    }
    // Known years first, oldest first; then not known.
    rows.into_iter().flatten().collect()
}

/// The year rows with the pots, from the rows as they are today ([`by_year`] with each line's
/// recorded status): only lines in a pot can change status, so a move costs a scan of the
/// pots' lines, not of every line.
pub fn with_pots_by_year(
    today: &[YearRow],
    dataset: &Dataset,
    scenario: &crate::scenario::Scenario,
    filter: &LineFilter,
) -> Vec<YearRow> {
    let filter = filter.every_year();
    let mut rows = today.to_vec();
    for (index, _) in scenario.pooled_lines() {
        let Some(line) = dataset.lines.get(index) else {
            continue;
        };
        let status = scenario.status_of(index, line.ringfence);
        if status == line.ringfence || !filter.keeps(line) {
            continue;
        }
        let year = line.year.map_or(YearChoice::NotKnown, YearChoice::Year);
        if let Some(row) = rows.iter_mut().find(|r| r.year == year) {
            row.with_pots.add(line.ringfence, Pence(-line.amount.0));
            row.with_pots.add(status, line.amount);
        }
    }
    rows
}

/// The sum of the rows' money: equal to the lines' total, to the penny.
pub fn total(rows: &[PlaceRow]) -> Pence {
    rows.iter().map(|r| r.money.total()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset() -> Dataset {
        crate::import::dataset_from(
            b"Funder,Programme,Recipient,Amount,Ringfenced,Financial Year\n\
              DfT,Buses,Durham County Council,100,Yes,2015-16\n\
              DfT,Buses,Durham County Council,100,Yes,2016-17\n\
              DfT,Roads,Durham County Council,200000,No,2015-16\n\
              MoJ,Youth,Trafford Council,30,Yes,2016-17\n\
              DfE,Schools,Age UK,20,,2017-18\n\
              DfE,Schools,Age UK,5,,\n",
        )
    }

    #[test]
    fn every_place_gets_a_row_and_the_rows_add_up_to_the_whole() {
        let dataset = dataset();
        let rows = compare_places(&dataset, &LineFilter::ALL);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["County Durham", "Trafford", PLACE_NOT_KNOWN]);
        assert_eq!(total(&rows), dataset.total());
        let durham = &rows[0];
        assert_eq!(durham.place, PlaceChoice::Area("E06000047".into()));
        assert_eq!((durham.lines, durham.streams), (3, 2));
        assert_eq!(durham.money.total(), Pence(20_020_000));
        // Buses £200 (small), Roads £200,000: half the streams under £100k.
        assert_eq!(durham.small_share, Some(0.5));
        assert!(durham.ringfenced_share().unwrap() < 0.01);
        // Years 2015-16 and 2016-17; Buses spans both, Roads only 2015-16: one of two.
        assert_eq!(durham.one_year_share, Some(0.5));
        // Shares 0.1% and 99.9%: 0.00999… + 9980.01…
        assert!((durham.hhi.unwrap() - (0.0999f64.powi(2) + 99.9001f64.powi(2))).abs() < 0.01);
        assert_eq!(rows[1].one_year_share, None, "Trafford has one year");
    }

    #[test]
    fn a_year_narrows_the_comparison_and_years_are_listed_in_order() {
        let dataset = dataset();
        let view = crate::view::View::of(
            PlaceChoice::Area("E06000047".into()),
            YearChoice::Year(FinancialYear(2016)),
        );
        let rows = compare_places(&dataset, &view.filter(&dataset));
        let lines: Vec<(&str, usize)> = rows.iter().map(|r| (r.name.as_str(), r.lines)).collect();
        assert_eq!(lines, [("County Durham", 1), ("Trafford", 1)]);
        let years = by_year(&dataset, &view.filter(&dataset), |_, status| status);
        let labels: Vec<(String, usize)> = years.iter().map(|r| (r.label(), r.lines)).collect();
        assert_eq!(
            labels,
            [("2015-16".to_owned(), 2), ("2016-17".to_owned(), 1)]
        );
        // With a pot lifting the ringfence over the Buses lines, by a pass and from today's rows.
        let editor = crate::scenario::test_support::editor_with_pot(
            6,
            "Transport",
            crate::scenario::PotPolicy::LiftRingfence,
            &[0, 1],
        );
        let scenario = &editor.scenario;
        let today = by_year(&dataset, &LineFilter::ALL, |_, status| status);
        assert_eq!(
            with_pots_by_year(&today, &dataset, scenario, &LineFilter::ALL),
            by_year(&dataset, &LineFilter::ALL, |line, status| scenario
                .status_of(line, status)),
            "the same rows either way"
        );
        // The picker's lists, from the index, agree with the passes.
        let listed: Vec<(String, usize, Pence)> = places_listed(&dataset)
            .into_iter()
            .map(|p| (p.name, p.lines, p.money))
            .collect();
        let compared: Vec<(String, usize, Pence)> = compare_places(&dataset, &LineFilter::ALL)
            .into_iter()
            .map(|p| (p.name, p.lines, p.money.total()))
            .collect();
        assert_eq!(listed, compared);
        let years: Vec<(YearChoice, usize)> = today.iter().map(|r| (r.year, r.lines)).collect();
        assert_eq!(years_listed(&dataset), years);
        let everywhere = by_year(&dataset, &LineFilter::ALL, |_, _| Ringfence::Flexible);
        assert_eq!(everywhere.last().unwrap().label(), YEAR_NOT_KNOWN);
        let sum: Pence = everywhere.iter().map(|r| r.with_pots.total()).sum();
        assert_eq!(sum, dataset.total());
        assert_eq!(
            everywhere[0].with_pots.flexible,
            everywhere[0].today.total()
        );
    }
}

/// A column of the Places compared table, which it can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceColumn {
    Place,
    Lines,
    Money,
    Streams,
    Ringfenced,
    SmallStreams,
    Hhi,
    OneYearStreams,
}

impl PlaceColumn {
    /// Every column, in the order shown.
    pub const ALL: [PlaceColumn; 8] = [
        PlaceColumn::Place,
        PlaceColumn::Lines,
        PlaceColumn::Money,
        PlaceColumn::Streams,
        PlaceColumn::Ringfenced,
        PlaceColumn::SmallStreams,
        PlaceColumn::Hhi,
        PlaceColumn::OneYearStreams,
    ];

    /// The column's heading.
    pub fn label(self) -> &'static str {
        match self {
            PlaceColumn::Place => "Place",
            PlaceColumn::Lines => "Lines",
            PlaceColumn::Money => "Money",
            PlaceColumn::Streams => "Streams",
            PlaceColumn::Ringfenced => "Ringfenced",
            PlaceColumn::SmallStreams => "Streams under £100k",
            PlaceColumn::Hhi => "Concentration (HHI)",
            PlaceColumn::OneYearStreams => "One-year streams",
        }
    }

    /// The cell of `row` in this column, as shown.
    pub fn cell(self, row: &PlaceRow) -> String {
        use crate::format::{self, NONE};
        match self {
            PlaceColumn::Place => row.name.clone(),
            PlaceColumn::Lines => format::count(row.lines as u64),
            PlaceColumn::Money => format::gbp(row.money.total()),
            PlaceColumn::Streams => format::count(row.streams as u64),
            PlaceColumn::Ringfenced => row.money.share_text(Ringfence::Ringfenced),
            PlaceColumn::SmallStreams => format::percent_or(row.small_share, NONE),
            PlaceColumn::Hhi => row
                .hhi
                .map_or_else(|| NONE.to_owned(), |h| format::count(h.round() as u64)),
            PlaceColumn::OneYearStreams => format::percent_or(row.one_year_share, NONE),
        }
    }

    /// The value sorted and ranked by (the place's name has none); `None` when not known.
    pub fn value(self, row: &PlaceRow) -> Option<f64> {
        match self {
            PlaceColumn::Place => None,
            PlaceColumn::Lines => Some(row.lines as f64),
            PlaceColumn::Money => Some(row.money.total().0 as f64),
            PlaceColumn::Streams => Some(row.streams as f64),
            PlaceColumn::Ringfenced => row.ringfenced_share(),
            PlaceColumn::SmallStreams => row.small_share,
            PlaceColumn::Hhi => row.hhi,
            PlaceColumn::OneYearStreams => row.one_year_share,
        }
    }
}

/// Sorts the rows by `column`, largest (or, for the place, A to Z) first unless `ascending`
/// says otherwise; "Place not known" and unknown values stay last, ties by name.
pub fn sort_places(rows: &mut [PlaceRow], column: PlaceColumn, ascending: bool) {
    rows.sort_by(|a, b| {
        let last = |r: &PlaceRow| r.place == PlaceChoice::NotKnown;
        let order = match column {
            PlaceColumn::Place => {
                let by_name = a.name.cmp(&b.name);
                if ascending {
                    by_name
                } else {
                    by_name.reverse()
                }
            }
            _ => match (column.value(a), column.value(b)) {
                (Some(x), Some(y)) => {
                    let by_value = x.total_cmp(&y);
                    if ascending {
                        by_value
                    } else {
                        by_value.reverse()
                    }
                }
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            },
        };
        last(a)
            .cmp(&last(b))
            .then(order)
            .then_with(|| a.name.cmp(&b.name))
    });
}

#[cfg(test)]
mod sort_tests {
    use super::*;

    #[test]
    fn the_largest_unplaced_recipients_are_listed_ties_by_name() {
        let dataset = crate::import::dataset_from(
            b"Funder,Recipient,Amount\n\
              DfT,Zeta Trust,50\n\
              DfT,Alpha Trust,50\n\
              DfT,Beta Trust,20\n\
              DfT,Beta Trust,30\n\
              DfT,Gamma Trust,10\n\
              DfT,Durham County Council,900\n\
              DfT,Delta Trust,70\n",
        );
        let names = |limit| {
            unplaced_recipients(&dataset, limit)
                .into_iter()
                .map(|(name, lines, money)| format!("{name} {lines} {}", money.pounds()))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(2), ["Delta Trust 1 70", "Alpha Trust 1 50"]);
        assert_eq!(
            names(4),
            [
                "Delta Trust 1 70",
                "Alpha Trust 1 50",
                "Beta Trust 2 50",
                "Zeta Trust 1 50"
            ]
        );
        assert_eq!(names(10).len(), 5, "Durham County Council is placed");
        assert!(names(0).is_empty());
    }

    #[test]
    fn sorting_keeps_place_not_known_last() {
        let dataset = crate::import::dataset_from(
            b"Funder,Recipient,Amount,Ringfenced\n\
              DfT,Durham County Council,100,Yes\n\
              DfT,Trafford Council,300,No\n\
              DfT,Age UK,900,\n",
        );
        let mut rows = compare_places(&dataset, &LineFilter::ALL);
        let names = |rows: &[PlaceRow]| rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
        sort_places(&mut rows, PlaceColumn::Money, false);
        assert_eq!(names(&rows), ["Trafford", "County Durham", PLACE_NOT_KNOWN]);
        sort_places(&mut rows, PlaceColumn::Money, true);
        assert_eq!(names(&rows), ["County Durham", "Trafford", PLACE_NOT_KNOWN]);
        sort_places(&mut rows, PlaceColumn::Ringfenced, false);
        assert_eq!(names(&rows), ["County Durham", "Trafford", PLACE_NOT_KNOWN]);
        sort_places(&mut rows, PlaceColumn::Place, false);
        assert_eq!(names(&rows), ["Trafford", "County Durham", PLACE_NOT_KNOWN]);
        assert_eq!(PlaceColumn::Money.cell(&rows[0]), "£300");
        assert_eq!(PlaceColumn::Ringfenced.cell(&rows[1]), "100.0%");
    }
}

/// Lines whose place or year is not known, gathered by reason.
#[derive(Debug, Clone, PartialEq)]
pub struct NotKnownReason {
    /// "Place" or "Financial year".
    pub what: &'static str,
    pub reason: &'static str,
    pub lines: usize,
    pub money: Pence,
    /// Up to three of the lines, as "file, row 12".
    pub examples: Vec<String>,
}

/// Why lines have no place or no year, with how many and how much, most lines first. Every
/// such line is counted under one place reason and one year reason; none is dropped.
pub fn not_known_reasons(dataset: &Dataset) -> Vec<NotKnownReason> {
    // Keyed by how the place or year was (not) found: a few values, cheap to hash, where the
    // reasons' sentences would be hashed for every line.
    #[derive(Clone, Copy, PartialEq, Eq, Hash)]
    enum Basis {
        Place(crate::model::PlaceBasis),
        Year(crate::model::YearBasis),
    }
    let mut by_basis: FastMap<Basis, NotKnownReason> = FastMap::default();
    for line in &dataset.lines {
        let place = (line.area == StringPool::BLANK)
            .then(|| {
                line.place_basis
                    .reason()
                    .map(|r| (Basis::Place(line.place_basis), "Place", r))
            })
            .flatten();
        let year = line
            .year_basis
            .reason()
            .map(|r| (Basis::Year(line.year_basis), "Financial year", r));
        for (basis, what, reason) in [place, year].into_iter().flatten() {
            let entry = by_basis.entry(basis).or_insert_with(|| NotKnownReason {
                what,
                reason,
                lines: 0,
                money: Pence(0),
                examples: Vec::new(),
            });
            entry.lines += 1;
            entry.money += line.amount;
            if entry.examples.len() < 3 {
                let file = dataset
                    .sources
                    .get(line.source.file as usize)
                    .map_or("", |s| s.name.as_str());
                entry
                    .examples
                    .push(format!("{file}, row {}", line.source.row));
            }
        }
    }
    let mut reasons: Vec<NotKnownReason> = by_basis.into_values().collect();
    reasons.sort_by(|a, b| (a.what, b.lines, a.reason).cmp(&(b.what, a.lines, b.reason)));
    reasons
}

#[cfg(test)]
mod reason_tests {
    use super::*;
    use crate::model::FinancialYear;

    #[test]
    fn every_line_without_a_place_or_year_is_counted_under_its_reason() {
        let dataset = crate::import::dataset_from(
            b"Funder,Recipient,Place code,Amount,Financial Year,Planned Dates:Start Date,End Date\n\
              DfT,Durham County Council,,1000,2016/17,,\n\
              MoJ,Age UK,E0600004,300,2016-2017,,\n\
              MoJ,Age UK,K02000001,200,1985-86,,\n\
              DfE,Age UK Kent,E10000016,100,,2017-05-01,2017-03-01\n",
        );
        let reasons = not_known_reasons(&dataset);
        let brief: Vec<(&str, usize, i64)> = reasons
            .iter()
            .map(|r| (r.reason, r.lines, r.money.0))
            .collect();
        assert_eq!(
            brief,
            [
                (
                    "the year or date is before 1990-91 or after 2100-01",
                    1,
                    20_000
                ),
                (
                    "the place code is for a country, region or ward, not one council",
                    1,
                    20_000
                ),
                ("the place code is not a GSS code", 1, 30_000),
            ]
        );
        assert_eq!(reasons[0].examples, ["test.csv, row 4"]);
        assert_eq!(
            dataset.lines[3].year,
            Some(FinancialYear(2017)),
            "from the start date"
        );
    }
}

/// The recipients of lines with no place, most money first (at most `limit`): whom a person
/// may give a place. Each with its lines and money.
pub fn unplaced_recipients(dataset: &Dataset, limit: usize) -> Vec<(String, usize, Pence)> {
    // A slot per symbol: cheaper than hashing each of a million lines' recipient.
    let mut by_recipient: Vec<(u32, Pence)> = vec![(0, Pence(0)); dataset.strings.len()];
    for line in &dataset.lines {
        if line.area == StringPool::BLANK && line.recipient != StringPool::BLANK {
            if let Some(slot) = by_recipient.get_mut(line.recipient.0 as usize) {
                slot.0 += 1;
                slot.1 += line.amount;
            }
        }
    }
    let mut largest: Vec<(Sym, usize, Pence)> = by_recipient
        .into_iter()
        .enumerate()
        .filter(|(_, (lines, _))| *lines > 0)
        .map(|(sym, (lines, money))| (Sym(sym as u32), lines as usize, money))
        .collect();
    // Only the `limit` largest are named and sorted: the rest (of perhaps 200,000) are cut by
    // money first, keeping any that tie with the last one kept.
    if limit > 0 && largest.len() > limit {
        largest.select_nth_unstable_by(limit - 1, |a, b| b.2.cmp(&a.2));
        let last = largest[limit - 1].2;
        largest.retain(|row| row.2 >= last);
    }
    let mut rows: Vec<(String, usize, Pence)> = largest
        .into_iter()
        .map(|(sym, lines, money)| (dataset.text(sym).to_owned(), lines, money))
        .collect();
    rows.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    rows.truncate(limit);
    rows
}
