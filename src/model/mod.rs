//! The grant model: funding lines held compactly, with every repeated string interned once.

mod index;
mod read_back;
mod strings;
mod when_where;

pub use index::LineIndex;
pub use strings::{SavedStrings, StringPool, Sym};
pub use when_where::{FinancialYear, PlaceBasis, YearBasis, YEARS};

use serde::{Deserialize, Serialize};

/// An amount of money in exact integer pence. Sums never touch floating point.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Pence(pub i64);

impl Pence {
    /// A whole number of pounds.
    pub const fn from_pounds(pounds: i64) -> Pence {
        Pence(pounds * 100)
    }

    /// Whole pounds, rounded towards zero (for display only).
    pub fn pounds(self) -> i64 {
        self.0 / 100
    }

    /// The amount in pounds as a float, for chart axes only (never for sums).
    pub fn as_pounds_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl std::ops::Add for Pence {
    type Output = Pence;
    fn add(self, rhs: Pence) -> Pence {
        Pence(self.0 + rhs.0)
    }
}

impl std::ops::AddAssign for Pence {
    fn add_assign(&mut self, rhs: Pence) {
        self.0 += rhs.0;
    }
}

impl std::iter::Sum for Pence {
    fn sum<I: Iterator<Item = Pence>>(iter: I) -> Pence {
        Pence(iter.map(|p| p.0).sum())
    }
}

/// Whether a funding line's money is tied to a purpose by its funder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Ringfence {
    /// The funder restricts what the money may be spent on.
    Ringfenced,
    /// The recipient may spend the money as it sees fit.
    Flexible,
    /// The source does not say. Never guessed.
    #[default]
    NotRecorded,
}

impl Ringfence {
    /// Every status, in the order charts and tables show them.
    pub const ALL: [Ringfence; 3] = [
        Ringfence::Ringfenced,
        Ringfence::Flexible,
        Ringfence::NotRecorded,
    ];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Ringfence::Ringfenced => "Ringfenced",
            Ringfence::Flexible => "Flexible",
            Ringfence::NotRecorded => "Not recorded",
        }
    }
}

/// How a funder decides who gets a grant (the government grants register's categories).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Allocation {
    /// Shared out by a published formula.
    Formula,
    /// Bid for in open competition.
    Competed,
    /// Given to those meeting published criteria.
    CriteriaBased,
    /// Given directly, without competition.
    Uncompeted,
    /// The source does not say.
    #[default]
    NotRecorded,
}

impl Allocation {
    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Allocation::Formula => "Formula",
            Allocation::Competed => "Competed",
            Allocation::CriteriaBased => "Criteria based",
            Allocation::Uncompeted => "Un-competed",
            Allocation::NotRecorded => "Not recorded",
        }
    }
}

/// Where a funding line came from: which loaded file, and which row (the header is row 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRow {
    /// Index into [`Dataset::sources`].
    pub file: u16,
    /// 1-based row number as a spreadsheet shows it.
    pub row: u32,
}

/// A calendar date (proleptic Gregorian), kept as plain numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The date of an Excel serial day number in the 1900 date system (1 = 1900-01-01, with
    /// Excel's phantom 1900-02-29 as serial 60). `None` outside years 1900–9999.
    pub fn from_excel_serial(serial: f64) -> Option<Date> {
        if !(1.0..2_958_466.0).contains(&serial) {
            return None;
        }
        let whole = serial.floor() as i64;
        // Serials from 61 on count from 1899-12-30; below 60 Excel is one day off.
        let days_since_1899_12_30 = if whole < 60 { whole + 1 } else { whole };
        Some(Date::from_days_since_1970(days_since_1899_12_30 - 25_569))
    }

    /// Days from 1970-01-01 to this date (Howard Hinnant's days-from-civil algorithm).
    pub fn days_since_1970(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year.rem_euclid(400);
        let month = i64::from(self.month);
        let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
            + i64::from(self.day)
            - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's civil-from-days algorithm).
    pub fn from_days_since_1970(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// One grant award to one recipient: the unit that users pool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FundingLine {
    pub identifier: Sym,
    pub title: Sym,
    pub funder: Sym,
    pub programme: Sym,
    pub recipient: Sym,
    pub service: Sym,
    /// Where the money benefits (360Giving's beneficiary location), if given.
    pub location: Sym,
    pub amount: Pence,
    pub currency: Sym,
    pub ringfence: Ringfence,
    pub allocation: Allocation,
    pub award_date: Option<Date>,
    pub end_date: Option<Date>,
    pub source: SourceRow,
    /// The planned start date, when the file gives one apart from the award date.
    #[serde(default)]
    pub start_date: Option<Date>,
    /// The place's GSS code ([`crate::geography`]), or blank when not known.
    #[serde(default)]
    pub area: Sym,
    #[serde(default)]
    pub place_basis: PlaceBasis,
    /// The UK financial year, when known.
    #[serde(default)]
    pub year: Option<FinancialYear>,
    #[serde(default)]
    pub year_basis: YearBasis,
    /// The funder's name as its file wrote it, when [`crate::names`] merged it into another
    /// (blank when `funder` is as written).
    #[serde(default)]
    pub funder_as_written: Sym,
    /// The programme's name as its file wrote it, when merged into another (blank otherwise).
    #[serde(default)]
    pub programme_as_written: Sym,
}

impl FundingLine {
    /// Every string the line names, its identifier first.
    pub fn symbols(&self) -> [Sym; 11] {
        [
            self.identifier,
            self.title,
            self.funder,
            self.programme,
            self.recipient,
            self.service,
            self.location,
            self.currency,
            self.area,
            self.funder_as_written,
            self.programme_as_written,
        ]
    }

    /// Every string the line names, to point them into another pool.
    pub fn symbols_mut(&mut self) -> [&mut Sym; 11] {
        [
            &mut self.identifier,
            &mut self.title,
            &mut self.funder,
            &mut self.programme,
            &mut self.recipient,
            &mut self.service,
            &mut self.location,
            &mut self.currency,
            &mut self.area,
            &mut self.funder_as_written,
            &mut self.programme_as_written,
        ]
    }
}

/// A file the user (or the sample picker) loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    pub name: String,
    /// Rows in the file after the header, blank rows included.
    pub data_rows: u32,
}

/// The places people assigned to recipients: recipient name → a council's GSS code.
pub type AssignedPlaces = std::collections::BTreeMap<String, String>;

/// All funding lines of a place, with the strings they share. Read back through
/// [`read_back::SavedDataset`], which indexes the strings once the lines are read.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(from = "read_back::SavedDataset")]
pub struct Dataset {
    pub strings: StringPool,
    pub lines: Vec<FundingLine>,
    pub sources: Vec<SourceFile>,
    /// Places assigned to recipients, kept for the next file too.
    #[serde(default)]
    pub assigned_places: AssignedPlaces,
    /// Funder and programme names a person merged, kept for the next file too.
    #[serde(default)]
    pub merged_names: crate::names::NameMerges,
    /// Each place's and year's lines, made when first asked for (never saved).
    #[serde(skip)]
    index: index::IndexCell,
}

impl Dataset {
    /// The text behind a symbol.
    pub fn text(&self, sym: Sym) -> &str {
        self.strings.get(sym)
    }

    /// Each place's and year's line numbers, for the lines held now (lines are only ever
    /// added, so an index that covers them all is current).
    pub fn index(&self) -> std::sync::Arc<LineIndex> {
        self.index.get(&self.lines)
    }

    /// Says that lines were changed in place (a place given to a recipient), so the index is
    /// made again when next asked for.
    pub fn lines_changed(&mut self) {
        self.index = index::IndexCell::default();
    }

    /// The sum of every line's amount.
    pub fn total(&self) -> Pence {
        self.lines.iter().map(|line| line.amount).sum()
    }

    /// How many more pence, counted without their sign, the place can take. grantpool keeps
    /// the sum of every line's absolute amount within `i64` (£92 quadrillion), so no total of
    /// any set of lines, in any order, can overflow: sums stay exact. A line that would break
    /// this needs attention instead (see the importer).
    pub fn money_room(&self) -> u64 {
        u64::try_from((i64::MAX as u128).saturating_sub(self.absolute_pence())).unwrap_or(0)
    }

    /// True when the lines keep the promise [`Dataset::money_room`] describes (checked when
    /// saved work is read back, since a saved record can be changed by hand).
    pub fn money_fits(&self) -> bool {
        self.absolute_pence() <= i64::MAX as u128
    }

    /// The sum of every line's amount without its sign.
    fn absolute_pence(&self) -> u128 {
        self.lines
            .iter()
            .map(|line| u128::from(line.amount.0.unsigned_abs()))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pool_keeps_blank_first_and_unique_strings_apart_and_round_trips() {
        let mut pool = StringPool::default();
        assert_eq!((pool.len(), pool.get(StringPool::BLANK)), (1, ""));
        assert_eq!(pool.intern(""), StringPool::BLANK);
        let dft = pool.intern("DfT");
        let id = pool.push_unique("360G-1");
        let same_text = pool.push_unique("DfT");
        assert_eq!(pool.push_unique(""), StringPool::BLANK);
        assert_eq!((pool.get(id), pool.get(same_text)), ("360G-1", "DfT"));
        assert_eq!(pool.intern("DfT"), dft, "lookups find the indexed string");
        assert_eq!(pool.find("360G-1"), None, "unique strings are not indexed");
        let saved: Vec<String> = pool.clone().into();
        assert_eq!(saved, ["", "DfT", "360G-1", "DfT"]);
        let restored = StringPool::from(saved);
        for sym in [StringPool::BLANK, dft, id, same_text] {
            assert_eq!(restored.get(sym), pool.get(sym), "symbol {sym:?} kept");
        }
        assert_eq!(restored.find("DfT"), Some(dft));
    }

    #[test]
    fn interning_returns_the_same_symbol_for_the_same_text() {
        let mut pool = StringPool::default();
        let a = pool.intern("Department for Transport");
        let b = pool.intern("Ministry of Justice");
        assert_ne!(a, b);
        assert_eq!(pool.intern("Department for Transport"), a);
        assert_eq!(pool.get(b), "Ministry of Justice");
        assert_eq!(pool.intern(""), StringPool::BLANK);
        assert_eq!(pool.len(), 3);
        for i in 0..10_000 {
            pool.intern(&format!("recipient {i}"));
        }
        assert_eq!(pool.intern("recipient 1234"), pool.intern("recipient 1234"));
        let last = pool.intern("recipient 9999");
        assert_eq!(pool.get(last), "recipient 9999");
        assert_eq!(pool.len(), 10_003);
    }

    #[test]
    fn a_pool_survives_saving_and_loading() {
        let mut pool = StringPool::default();
        let dft = pool.intern("DfT");
        let saved: Vec<String> = pool.clone().into();
        assert_eq!(saved, ["", "DfT"]);
        let mut restored = StringPool::from(saved);
        assert_eq!(restored.get(dft), "DfT");
        assert_eq!(restored.intern("DfT"), dft);
    }

    #[test]
    fn excel_serials_become_dates() {
        let date = |serial| Date::from_excel_serial(serial).map(|d| d.to_string());
        assert_eq!(date(1.0).as_deref(), Some("1900-01-01"));
        assert_eq!(date(59.0).as_deref(), Some("1900-02-28"));
        assert_eq!(date(61.0).as_deref(), Some("1900-03-01"));
        assert_eq!(date(42461.0).as_deref(), Some("2016-04-01"));
        assert_eq!(date(42825.5).as_deref(), Some("2017-03-31"));
        assert_eq!(date(0.0), None);
        assert_eq!(Date::from_days_since_1970(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days_since_1970(-1).to_string(), "1969-12-31");
        for days in [-800_000, -1, 0, 59, 16_892, 20_000, 2_932_896] {
            assert_eq!(Date::from_days_since_1970(days).days_since_1970(), days);
        }
    }

    #[test]
    fn pence_sum_is_exact() {
        // 0.1 + 0.2 in floating point is not 0.3; in pence it is.
        let total: Pence = [Pence(10), Pence(20)].into_iter().sum();
        assert_eq!(total, Pence(30));
        assert_eq!(Pence(123_456).pounds(), 1234);
    }
}
