//! Fragmentation measures of a place, before and after pooling, and the groups of the map.
//!
//! Definitions (also in the README):
//! - a **stream** is what a place must manage separately: each pot is one stream; each unpooled
//!   line belongs to the stream of its funder and programme (or, without a programme, its
//!   title; without either, the line is a stream of its own);
//! - **HHI** is the Herfindahl–Hirschman index, the sum of squared percentage shares of money
//!   (0 to 10,000; higher is more concentrated, lower more fragmented);
//! - **short-term** streams end within 12 months (365 days) of their earliest award;
//! - in a pot that lifts the ringfence, money is flexible and, settled as one budget, no longer
//!   counts as competed.

use crate::fasthash::{FastMap, FastSet};

use serde::{Deserialize, Serialize};

use crate::metrics::{FunderPot, RingfenceSplit};
use crate::model::{Allocation, Dataset, Date, FundingLine, Pence, Ringfence, StringPool, Sym};
use crate::scenario::{PotId, PotPolicy, Scenario};

/// Streams below this size count as small (the PfPP study's £100k).
pub const SMALL_STREAM: Pence = Pence::from_pounds(100_000);

/// One pot's measures.
#[derive(Debug, Clone, PartialEq)]
pub struct PotMeasures {
    pub pot: PotId,
    pub lines: usize,
    pub total: Pence,
    pub funders: usize,
    /// HHI over the pot's funders.
    pub funder_hhi: Option<f64>,
}

/// The fragmentation of a place's funding.
#[derive(Debug, Clone, PartialEq)]
pub struct Measures {
    pub streams: usize,
    pub funders: usize,
    /// Money by ringfence status, after each pot's policy.
    pub money: RingfenceSplit,
    /// Share of streams under £100k.
    pub small_stream_share: Option<f64>,
    /// HHI over streams.
    pub stream_hhi: Option<f64>,
    pub median_stream: Option<Pence>,
    /// Share of money, among money whose allocation method is known, that was competed for.
    pub competed_share: Option<f64>,
    /// Share of streams, among streams with award and end dates, ending within 12 months.
    pub short_term_share: Option<f64>,
    pub pots: Vec<PotMeasures>,
    /// Streams in each of [`SIZE_BANDS`], by the stream's net total.
    pub streams_by_size: [usize; SIZE_BANDS.len()],
    /// Streams reaching each service (a stream with lines in two services counts in both),
    /// by the service's symbol, in symbol order.
    pub streams_by_service: Vec<(Sym, usize)>,
    /// The lines of each funder in each pot (or none), gathered in the same pass, for the
    /// charts that follow the pots.
    pub by_funder_and_pot: Vec<FunderPot>,
}

impl Measures {
    /// Mean funders per non-empty pot.
    pub fn funders_per_pot(&self) -> Option<f64> {
        let used: Vec<&PotMeasures> = self.pots.iter().filter(|p| p.lines > 0).collect();
        (!used.is_empty())
            .then(|| used.iter().map(|p| p.funders).sum::<usize>() as f64 / used.len() as f64)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum StreamKey {
    Programme(Sym, Sym),
    Line(usize),
    Pot(PotId),
}

#[derive(Default)]
struct Stream {
    /// The service of the stream's first line.
    service: Sym,
    /// The funder × pot cell of an unpooled programme's lines (all share one).
    cell: Option<usize>,
    total: i64,
    first_award: Option<Date>,
    last_end: Option<Date>,
}

/// Herfindahl–Hirschman index (0–10,000) of positive amounts; `None` when there is no money.
pub fn hhi(amounts: impl IntoIterator<Item = i64>) -> Option<f64> {
    let positive: Vec<f64> = amounts
        .into_iter()
        .filter(|&a| a > 0)
        .map(|a| a as f64)
        .collect();
    let total: f64 = positive.iter().sum();
    (total > 0.0).then(|| positive.iter().map(|a| (a / total * 100.0).powi(2)).sum())
}

fn stream_key(line: &FundingLine, index: usize, pot: Option<PotId>) -> StreamKey {
    match pot {
        Some(pot) => StreamKey::Pot(pot),
        None if line.programme != StringPool::BLANK => {
            StreamKey::Programme(line.funder, line.programme)
        }
        None if line.title != StringPool::BLANK => StreamKey::Programme(line.funder, line.title),
        None => StreamKey::Line(index),
    }
}

/// Measures a place as it is today (`scenario` `None`, or with no pots) or under a scenario.
pub fn measure(dataset: &Dataset, scenario: Option<&Scenario>) -> Measures {
    let pot_of = |index: usize| scenario.and_then(|s| s.pot_of(index));
    let lifting: FastSet<PotId> = scenario
        .map(|s| {
            s.pots
                .iter()
                .filter(|p| p.policy == PotPolicy::LiftRingfence)
                .map(|p| p.id)
                .collect()
        })
        .unwrap_or_default();
    let mut streams: FastMap<StreamKey, Stream> = FastMap::default();
    // Which symbols are funders seen so far: a flag per symbol is cheaper than hashing each line.
    let mut is_funder = vec![false; dataset.strings.len()];
    let mut funders = 0usize;
    let mut cell_of: FastMap<(Sym, Option<PotId>), usize> = FastMap::default();
    let mut by_funder_and_pot: Vec<FunderPot> = Vec::new();
    let mut money = RingfenceSplit::default();
    let (mut competed, mut known_allocation) = (0i64, 0i64);
    let mut pot_funders: FastMap<PotId, FastMap<Sym, i64>> = FastMap::default();
    let mut pot_lines: FastMap<PotId, (usize, Pence)> = FastMap::default();
    // A stream's services: the first line's is kept with the stream; only the rare others
    // are kept here.
    let mut more_services: FastSet<(Sym, StreamKey)> = FastSet::default();

    for (index, line) in dataset.lines.iter().enumerate() {
        let pot = pot_of(index);
        let lifted = pot.is_some_and(|p| lifting.contains(&p));
        if let Some(seen) = is_funder.get_mut(line.funder.0 as usize) {
            if !*seen && line.funder != StringPool::BLANK {
                *seen = true;
                funders += 1;
            }
        }
        let status = if lifted {
            Ringfence::Flexible
        } else {
            line.ringfence
        };
        money.add(status, line.amount);
        if line.allocation != Allocation::NotRecorded {
            let amount = line.amount.0.max(0);
            known_allocation += amount;
            if line.allocation == Allocation::Competed && !lifted {
                competed += amount;
            }
        }
        let key = stream_key(line, index, pot);
        let stream = streams.entry(key).or_insert_with(|| Stream {
            service: line.service,
            ..Stream::default()
        });
        if stream.service != line.service {
            more_services.insert((line.service, key));
        }
        // An unpooled programme's stream has one funder and no pot, so it remembers its cell
        // and most lines need no second lookup.
        let known_cell = match key {
            StreamKey::Programme(..) => stream.cell,
            _ => None,
        };
        let at = match known_cell {
            Some(at) => at,
            None => {
                let at = *cell_of.entry((line.funder, pot)).or_insert_with(|| {
                    by_funder_and_pot.push(FunderPot {
                        funder: line.funder,
                        pot,
                        lines: 0,
                        today: RingfenceSplit::default(),
                        with_pots: RingfenceSplit::default(),
                    });
                    by_funder_and_pot.len() - 1
                });
                if matches!(key, StreamKey::Programme(..)) {
                    stream.cell = Some(at);
                }
                at
            }
        };
        let cell = &mut by_funder_and_pot[at];
        cell.lines += 1;
        cell.today.add(line.ringfence, line.amount);
        cell.with_pots.add(status, line.amount);
        stream.total += line.amount.0;
        if let (Some(award), Some(end)) = (line.award_date, line.end_date) {
            stream.first_award = Some(stream.first_award.map_or(award, |d| d.min(award)));
            stream.last_end = Some(stream.last_end.map_or(end, |d| d.max(end)));
        }
        if let Some(pot) = pot {
            *pot_funders
                .entry(pot)
                .or_default()
                .entry(line.funder)
                .or_default() += line.amount.0;
            let entry = pot_lines.entry(pot).or_default();
            entry.0 += 1;
            entry.1 += line.amount;
        }
    }

    let mut totals: Vec<i64> = streams.values().map(|s| s.total).collect();
    totals.sort_unstable();
    let count = totals.len();
    let median_stream = match count {
        0 => None,
        n if n % 2 == 1 => Some(Pence(totals[n / 2])),
        n => Some(Pence((totals[n / 2 - 1] + totals[n / 2]) / 2)),
    };
    let small = totals.iter().filter(|&&t| t < SMALL_STREAM.0).count();
    let mut streams_by_size = [0; SIZE_BANDS.len()];
    for &total in &totals {
        streams_by_size[size_band(Pence(total))] += 1;
    }
    let mut by_service: FastMap<Sym, usize> = FastMap::default();
    for service in streams
        .values()
        .map(|s| s.service)
        .chain(more_services.iter().map(|&(service, _)| service))
    {
        *by_service.entry(service).or_default() += 1;
    }
    let mut streams_by_service: Vec<(Sym, usize)> = by_service.into_iter().collect();
    streams_by_service.sort_unstable();
    let dated: Vec<bool> = streams
        .values()
        .filter_map(|s| match (s.first_award, s.last_end) {
            (Some(start), Some(end)) => {
                Some(end.days_since_1970() - start.days_since_1970() <= 365)
            }
            _ => None,
        })
        .collect();
    let pots = scenario
        .map(|s| {
            s.pots
                .iter()
                .map(|pot| {
                    let by_funder = pot_funders.get(&pot.id);
                    let (lines, total) = pot_lines.get(&pot.id).copied().unwrap_or_default();
                    PotMeasures {
                        pot: pot.id,
                        lines,
                        total,
                        funders: by_funder
                            .map_or(0, |f| f.keys().filter(|&&s| s != StringPool::BLANK).count()),
                        funder_hhi: by_funder.and_then(|f| hhi(f.values().copied())),
                    }
                })
                .collect()
        })
        .unwrap_or_default();

    Measures {
        streams: count,
        funders,
        money,
        small_stream_share: (count > 0).then(|| small as f64 / count as f64),
        stream_hhi: hhi(totals.iter().copied()),
        median_stream,
        competed_share: (known_allocation > 0).then(|| competed as f64 / known_allocation as f64),
        short_term_share: (!dated.is_empty())
            .then(|| dated.iter().filter(|&&short| short).count() as f64 / dated.len() as f64),
        pots,
        streams_by_size,
        streams_by_service,
        by_funder_and_pot,
    }
}

/// How the map groups funding lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GroupBy {
    #[default]
    Funder,
    Programme,
    Recipient,
    Service,
    Size,
}

impl GroupBy {
    /// Every grouping, in the order the switch shows them.
    pub const ALL: [GroupBy; 5] = [
        GroupBy::Funder,
        GroupBy::Programme,
        GroupBy::Recipient,
        GroupBy::Service,
        GroupBy::Size,
    ];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            GroupBy::Funder => "Funder",
            GroupBy::Programme => "Programme",
            GroupBy::Recipient => "Recipient",
            GroupBy::Service => "Service",
            GroupBy::Size => "Size",
        }
    }
}

/// Size bands, by powers of ten (a log scale), with each band's exclusive upper bound in pence.
/// Nil and negative amounts (clawbacks) have a band of their own. `SMALL_STREAM` (£100k) is a
/// band boundary: the first [`SMALL_BANDS`] bands are the small ones.
pub const SIZE_BANDS: [(&str, i64); 8] = [
    ("£0 or less", 1),
    ("Under £1k", 100_000),
    ("£1k to £10k", 1_000_000),
    ("£10k to £100k", 10_000_000),
    ("£100k to £1m", 100_000_000),
    ("£1m to £10m", 1_000_000_000),
    ("£10m to £100m", 10_000_000_000),
    ("£100m and over", i64::MAX),
];

/// How many of [`SIZE_BANDS`] lie under £100k.
pub const SMALL_BANDS: usize = 4;

/// The index in [`SIZE_BANDS`] of an amount's band.
pub fn size_band(amount: Pence) -> usize {
    SIZE_BANDS
        .iter()
        .position(|&(_, below)| amount.0 < below)
        .unwrap_or(SIZE_BANDS.len() - 1)
}

/// A group of lines on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Stable within one grouping: the name, or the size band's label.
    pub key: String,
    pub label: String,
    /// Dataset indices of the group's lines.
    pub lines: Vec<u32>,
    pub money: RingfenceSplit,
}

/// Groups the lines in `pot` (or, with `None`, the unpooled lines) that match `query`
/// (case-insensitive, in funder, programme, recipient, title or service), largest total first.
pub fn groups(
    dataset: &Dataset,
    scenario: &Scenario,
    pot: Option<PotId>,
    by: GroupBy,
    query: &str,
) -> Vec<Group> {
    let query = query.trim().to_lowercase();
    let matches = |line: &FundingLine| {
        query.is_empty()
            || [
                line.funder,
                line.programme,
                line.recipient,
                line.title,
                line.service,
            ]
            .iter()
            .any(|&sym| dataset.text(sym).to_lowercase().contains(&query))
    };
    let mut by_key: FastMap<usize, Group> = FastMap::default();
    for index in scenario.lines_in(pot) {
        let Some(line) = dataset.lines.get(index) else {
            continue;
        };
        if !matches(line) {
            continue;
        }
        let (key, sym) = match by {
            GroupBy::Size => (size_band(line.amount), None),
            GroupBy::Funder => (line.funder.0 as usize, Some(line.funder)),
            GroupBy::Programme => (line.programme.0 as usize, Some(line.programme)),
            GroupBy::Recipient => (line.recipient.0 as usize, Some(line.recipient)),
            GroupBy::Service => (line.service.0 as usize, Some(line.service)),
        };
        // The label is made once per group, not once per line.
        let group = by_key.entry(key).or_insert_with(|| {
            let label = match sym {
                None => SIZE_BANDS[key].0.to_owned(),
                Some(sym) => match dataset.text(sym) {
                    "" => format!("({} not recorded)", by.label().to_lowercase()),
                    text => text.to_owned(),
                },
            };
            Group {
                key: label.clone(),
                label,
                lines: Vec::new(),
                money: RingfenceSplit::default(),
            }
        });
        group.lines.push(index as u32);
        group.money.add(line.ringfence, line.amount);
    }
    let mut groups: Vec<Group> = by_key.into_values().collect();
    groups.sort_by(|a, b| {
        b.money
            .total()
            .cmp(&a.money.total())
            .then_with(|| a.label.cmp(&b.label))
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Command, Edit};

    /// Five lines, worked by hand:
    /// | # | funder | programme | £ | ringfenced | method | award → end |
    /// | 0 | DfT | Buses | 60,000 | yes | Competed | 2024-04-01 → 2025-03-31 |
    /// | 1 | DfT | Buses | 20,000 | yes | Competed | 2024-04-01 → 2025-03-31 |
    /// | 2 | DfT | Roads | 400,000 | no | Formula | 2024-04-01 → 2027-03-31 |
    /// | 3 | MoJ | Youth | 50,000 | yes | Criteria | — |
    /// | 4 | DfE | Schools | 470,000 | yes | Competed | 2024-09-01 → 2025-08-31 |
    fn place() -> Dataset {
        crate::import::dataset_from(
            b"Funder,Programme,Amount,Ringfenced,Allocation Method,Award Date,End Date\n\
              DfT,Buses,60000,Yes,General Grants - Competed,2024-04-01,2025-03-31\n\
              DfT,Buses,20000,Yes,General Grants - Competed,2024-04-01,2025-03-31\n\
              DfT,Roads,400000,No,Formula,2024-04-01,2027-03-31\n\
              MoJ,Youth,50000,Yes,General Grants - Criteria Based,,\n\
              DfE,Schools,470000,Yes,General Grants - Competed,2024-09-01,2025-08-31\n",
        )
    }

    #[test]
    fn measures_a_place_as_it_is() {
        let m = measure(&place(), None);
        // Streams: DfT Buses (80k), DfT Roads (400k), MoJ Youth (50k), DfE Schools (470k).
        assert_eq!(m.streams, 4);
        assert_eq!(m.funders, 3);
        assert_eq!(m.money.ringfenced, Pence::from_pounds(600_000));
        assert_eq!(m.money.flexible, Pence::from_pounds(400_000));
        assert_eq!(m.small_stream_share, Some(0.5));
        // Shares 8%, 40%, 5%, 47%: 64 + 1600 + 25 + 2209 = 3898.
        assert!((m.stream_hhi.unwrap() - 3898.0).abs() < 1e-9);
        assert_eq!(m.median_stream, Some(Pence::from_pounds(240_000)));
        // Competed 550k of 1,000k with a known method.
        assert_eq!(m.competed_share, Some(0.55));
        // Dated streams: Buses (364 days: short), Roads (3 years), Schools (364 days: short).
        assert_eq!(m.short_term_share, Some(2.0 / 3.0));
        assert!(m.pots.is_empty());
        // Bands: Youth 50k and Buses 80k under £100k; Roads and Schools £100k to £1m.
        assert_eq!(m.streams_by_size, [0, 0, 0, 2, 2, 0, 0, 0]);
        assert_eq!(
            m.streams_by_service,
            [(StringPool::BLANK, 4)],
            "no service column"
        );
    }

    #[test]
    fn streams_are_counted_in_each_service_they_reach() {
        let dataset = crate::import::dataset_from(
            b"Funder,Programme,Service,Amount\n\
              DfE,Holiday food,Children,10\n\
              DfE,Holiday food,Public health,10\n\
              DHSC,Public health grant,Public health,-5\n",
        );
        let m = measure(&dataset, None);
        let by_name: Vec<(&str, usize)> = m
            .streams_by_service
            .iter()
            .map(|&(sym, n)| (dataset.text(sym), n))
            .collect();
        assert!(by_name.contains(&("Children", 1)) && by_name.contains(&("Public health", 2)));
        assert_eq!(m.streams_by_size[0], 1, "a net clawback is £0 or less");
        assert_eq!(m.streams_by_size[1], 1, "Holiday food is £20");
        let editor = crate::scenario::test_support::editor_with_pot(
            3,
            "Health",
            PotPolicy::LiftRingfence,
            &[1, 2],
        );
        let pooled = measure(&dataset, Some(&editor.scenario));
        let public_health = dataset.strings.find("Public health").unwrap();
        assert_eq!(
            pooled
                .streams_by_service
                .iter()
                .find(|(s, _)| *s == public_health),
            Some(&(public_health, 1)),
            "one pot now serves public health"
        );
    }

    #[test]
    fn pooling_changes_streams_ringfencing_and_competition() {
        let dataset = place();
        let mut editor = crate::scenario::test_support::editor_with_pot(
            dataset.lines.len(),
            "Place pot",
            PotPolicy::LiftRingfence,
            &[0, 1, 3],
        );
        let m = measure(&dataset, Some(&editor.scenario));
        // Streams: the pot (130k), DfT Roads, DfE Schools.
        assert_eq!(m.streams, 3);
        assert_eq!(m.money.ringfenced, Pence::from_pounds(470_000));
        assert_eq!(m.money.flexible, Pence::from_pounds(530_000));
        assert_eq!(m.small_stream_share, Some(0.0));
        assert_eq!(m.competed_share, Some(0.47));
        let pot_measures = &m.pots[0];
        assert_eq!((pot_measures.lines, pot_measures.funders), (3, 2));
        assert_eq!(pot_measures.total, Pence::from_pounds(130_000));
        // DfT 80k, MoJ 50k of 130k: 61.54² + 38.46² ≈ 5266.3.
        assert!((pot_measures.funder_hhi.unwrap() - 5266.272).abs() < 0.01);
        assert_eq!(m.funders_per_pot(), Some(2.0));

        let pot = editor.newest_pot().unwrap();
        editor
            .apply(Command::Edit(Edit::SetPolicy {
                pot,
                policy: PotPolicy::KeepRingfence,
            }))
            .unwrap();
        let aligned = measure(&dataset, Some(&editor.scenario));
        assert_eq!(
            aligned.money,
            measure(&dataset, None).money,
            "an aligned pot keeps every ringfence"
        );
        assert_eq!(aligned.competed_share, Some(0.55));
    }

    #[test]
    fn groups_unpooled_lines_with_search_and_size_bands() {
        let dataset = place();
        let scenario = Scenario::new(dataset.lines.len());
        let by_funder = groups(&dataset, &scenario, None, GroupBy::Funder, "");
        let labels: Vec<&str> = by_funder.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["DfT", "DfE", "MoJ"]);
        assert_eq!(by_funder[0].lines, [0, 1, 2]);
        assert_eq!(by_funder[0].money.total(), Pence::from_pounds(480_000));
        let searched = groups(&dataset, &scenario, None, GroupBy::Programme, "bus");
        assert_eq!(searched.len(), 1);
        assert_eq!(searched[0].lines, [0, 1]);
        let sizes = groups(&dataset, &scenario, None, GroupBy::Size, "");
        let bands: Vec<(&str, usize)> = sizes
            .iter()
            .map(|g| (g.label.as_str(), g.lines.len()))
            .collect();
        assert_eq!(bands, [("£100k to £1m", 2), ("£10k to £100k", 3)]);
        assert_eq!(size_band(Pence(0)), 0);
        assert_eq!(size_band(Pence(-1)), 0);
        assert_eq!(size_band(Pence::from_pounds(99_999)), SMALL_BANDS - 1);
        assert_eq!(size_band(SMALL_STREAM), SMALL_BANDS);
        assert_eq!(size_band(Pence::from_pounds(5_000_000_000)), 7);
    }

    #[test]
    fn hhi_of_one_stream_is_ten_thousand() {
        assert_eq!(hhi([5]), Some(10_000.0));
        assert_eq!(hhi([1, 1]), Some(5_000.0));
        assert_eq!(hhi([-3, 0]), None);
    }
}
