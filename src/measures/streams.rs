//! Streams: what a place must manage separately. Each pot is one stream; each unpooled line
//! belongs to the stream of its funder and programme (or, without a programme, its title;
//! without either, the line is a stream of its own).

use crate::fasthash::{FastMap, FastSet};
use crate::model::{Date, FundingLine, Pence, StringPool, Sym};
use crate::scenario::PotId;

use super::bands::{size_band, SIZE_BANDS, SMALL_STREAM};
use crate::selection::StreamTest;

/// Which stream a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum StreamKey {
    Programme(Sym, Sym),
    Line(usize),
    Pot(PotId),
}

impl StreamKey {
    /// The stream of line `index`, in `pot` or in none.
    pub(super) fn of(line: &FundingLine, index: usize, pot: Option<PotId>) -> StreamKey {
        match pot {
            Some(pot) => StreamKey::Pot(pot),
            None => match stream_today(line, index) {
                (funder, named, 0) => StreamKey::Programme(funder, named),
                _ => StreamKey::Line(index),
            },
        }
    }
}

/// The stream of line `index` in no pot: its funder and programme, else its funder and title
/// (the third part 0), else the line alone (the third part its index + 1). The one statement
/// of what a stream is outside the pots, for the measures, Places compared and the charts
/// over years.
pub fn stream_today(line: &FundingLine, index: usize) -> (Sym, Sym, u32) {
    match (line.programme, line.title) {
        (StringPool::BLANK, StringPool::BLANK) => {
            (line.funder, StringPool::BLANK, index as u32 + 1)
        }
        (StringPool::BLANK, title) => (line.funder, title, 0),
        (programme, _) => (line.funder, programme, 0),
    }
}

/// One stream's running figures.
#[derive(Default)]
pub(super) struct Stream {
    /// The service of the stream's first line.
    pub service: Sym,
    pub total: i64,
    pub first_award: Option<Date>,
    pub last_end: Option<Date>,
    /// The financial years the stream has lines in, one bit per year from 1990-91.
    pub years: u128,
    /// True when any of its money counts as competed.
    pub competed: bool,
}

/// Every stream of a place, gathered line by line.
#[derive(Default)]
pub(super) struct Streams {
    /// Programmes' and pots' streams, which many lines share, in the order first met.
    shared: Vec<(StreamKey, Stream)>,
    /// Where each programme's (or title's) stream is in `shared`, by the name's symbol, for
    /// the first funder met with that name (`u32::MAX` before it): most lines find their
    /// stream with one look in a list.
    by_name: Vec<u32>,
    /// Where the other shared streams are: pots, and names two funders use.
    by_key: FastMap<StreamKey, usize>,
    /// Lines that are streams of their own, by line number: a pass meets each line once, so
    /// these need no lookup (a file without programmes or titles has one per line).
    alone: Vec<(usize, Stream)>,
    /// A stream's services beyond its first line's (rare), kept apart.
    more_services: FastSet<(Sym, StreamKey)>,
}

impl Streams {
    /// No streams yet, for a place of `symbols` strings.
    pub fn new(symbols: usize) -> Streams {
        Streams {
            by_name: vec![u32::MAX; symbols],
            ..Streams::default()
        }
    }

    /// The stream of `line`, created on its first line; notes any further service it reaches.
    /// A pass asks for each line's stream once.
    pub fn entry(&mut self, key: StreamKey, line: &FundingLine) -> &mut Stream {
        let new = || Stream {
            service: line.service,
            ..Stream::default()
        };
        let at = match key {
            StreamKey::Line(index) => {
                self.alone.push((index, new()));
                return &mut self.alone.last_mut().expect("just pushed").1;
            }
            StreamKey::Programme(_, named) => match self.by_name.get(named.0 as usize).copied() {
                Some(u32::MAX) => {
                    self.by_name[named.0 as usize] = self.shared.len() as u32;
                    self.shared.push((key, new()));
                    self.shared.len() - 1
                }
                Some(at) if self.shared[at as usize].0 == key => at as usize,
                _ => self.look_up(key, new),
            },
            StreamKey::Pot(_) => self.look_up(key, new),
        };
        let stream = &mut self.shared[at].1;
        if stream.service != line.service {
            self.more_services.insert((line.service, key));
        }
        stream
    }

    /// The place in `shared` of a stream found by its key, made on its first line.
    fn look_up(&mut self, key: StreamKey, new: impl FnOnce() -> Stream) -> usize {
        let shared = &mut self.shared;
        *self.by_key.entry(key).or_insert_with(|| {
            shared.push((key, new()));
            shared.len() - 1
        })
    }

    /// Every stream, with its key.
    fn all(&self) -> impl Iterator<Item = (StreamKey, &Stream)> + Clone {
        let shared = self.shared.iter().map(|(key, s)| (*key, s));
        shared.chain(
            self.alone
                .iter()
                .map(|(index, s)| (StreamKey::Line(*index), s)),
        )
    }

    /// Every stream's figures.
    fn values(&self) -> impl Iterator<Item = &Stream> + Clone {
        self.all().map(|(_, s)| s)
    }

    /// The streams that pass `test`, as [`Streams::summarise`] counts them.
    pub fn passing(&self, test: StreamTest) -> FastSet<StreamKey> {
        let all = self.values().fold(0u128, |all, s| all | s.years);
        let latest = (all != 0).then(|| 1u128 << (127 - all.leading_zeros()));
        self.all()
            .filter(|(_, s)| match test {
                StreamTest::Small => s.total < SMALL_STREAM.0,
                StreamTest::ShortTerm => match (s.first_award, s.last_end) {
                    (Some(start), Some(end)) => {
                        end.days_since_1970() - start.days_since_1970() <= 365
                    }
                    _ => false,
                },
                StreamTest::OneYear => {
                    all.count_ones() >= 2
                        && s.years != 0
                        && Some(s.years) != latest
                        && s.years.count_ones() == 1
                }
            })
            .map(|(key, _)| key)
            .collect()
    }

    /// What the measures report about the streams.
    pub fn summarise(&self) -> StreamFigures {
        let mut totals: Vec<i64> = self.values().map(|s| s.total).collect();
        totals.sort_unstable();
        let count = totals.len();
        let median = match count {
            0 => None,
            n if n % 2 == 1 => Some(Pence(totals[n / 2])),
            n => Some(Pence((totals[n / 2 - 1] + totals[n / 2]) / 2)),
        };
        let small = totals.iter().filter(|&&t| t < SMALL_STREAM.0).count();
        let mut by_size = [0; SIZE_BANDS.len()];
        for &total in &totals {
            by_size[size_band(Pence(total))] += 1;
        }
        let short: Vec<bool> = self
            .values()
            .filter_map(|s| match (s.first_award, s.last_end) {
                (Some(start), Some(end)) => {
                    Some(end.days_since_1970() - start.days_since_1970() <= 365)
                }
                _ => None,
            })
            .collect();
        StreamFigures {
            competed: self.values().filter(|s| s.competed).count(),
            stream_years: self
                .values()
                .map(|s| s.years.count_ones().max(1) as usize)
                .sum(),
            one_year_share: one_year_share(self.values().map(|s| s.years)),
            count,
            median,
            small_share: (count > 0).then(|| small as f64 / count as f64),
            hhi: super::hhi(totals.iter().copied()),
            short_term_share: (!short.is_empty())
                .then(|| short.iter().filter(|&&s| s).count() as f64 / short.len() as f64),
            by_size,
            by_service: self.by_service(),
        }
    }

    /// Streams reaching each service, in symbol order.
    fn by_service(&self) -> Vec<(Sym, usize)> {
        let mut by_service: FastMap<Sym, usize> = FastMap::default();
        for service in self
            .values()
            .map(|s| s.service)
            .chain(self.more_services.iter().map(|&(service, _)| service))
        {
            *by_service.entry(service).or_default() += 1;
        }
        let mut rows: Vec<(Sym, usize)> = by_service.into_iter().collect();
        rows.sort_unstable();
        rows
    }
}

/// The share of streams seen in one financial year only, from each stream's set of years (one
/// bit per year): among streams with a known year, leaving out those seen only in the latest
/// year of all (they may continue); `None` when the streams span fewer than two years.
pub fn one_year_share(years: impl Iterator<Item = u128> + Clone) -> Option<f64> {
    let all = years.clone().fold(0u128, |all, y| all | y);
    if all.count_ones() < 2 {
        return None;
    }
    let latest = 1u128 << (127 - all.leading_zeros());
    let judged: Vec<u128> = years.filter(|&y| y != 0 && y != latest).collect();
    let one = judged.iter().filter(|y| y.count_ones() == 1).count();
    (!judged.is_empty()).then(|| one as f64 / judged.len() as f64)
}

/// The streams' share of the measures.
pub(super) struct StreamFigures {
    pub count: usize,
    /// Streams with competed money.
    pub competed: usize,
    /// Each stream's financial years (a stream of no known year counts one), summed.
    pub stream_years: usize,
    pub one_year_share: Option<f64>,
    pub median: Option<Pence>,
    pub small_share: Option<f64>,
    pub hhi: Option<f64>,
    pub short_term_share: Option<f64>,
    pub by_size: [usize; SIZE_BANDS.len()],
    pub by_service: Vec<(Sym, usize)>,
}
