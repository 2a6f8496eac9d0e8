//! UK financial years (1 April to 31 March, written `2016-17`, [`FinancialYear`]): reading
//! them from the ways files write them, finding a line's year, and the length of an award.

use crate::model::{Date, FinancialYear, FundingLine, YearBasis};

/// Why a financial-year cell could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum YearError {
    #[error("“{0}” is not a financial year")]
    NotAYear(String),
    #[error("“{0}” is outside the financial years 1990-91 to 2100-01")]
    OutOfRange(String),
    #[error("“{0}” is a single calendar year, so which financial year it means is unclear")]
    Ambiguous(String),
}

/// Reads a financial year as files write it: `2016-17`, `2016/17`, `2016-2017`, `2016/2017`,
/// `16/17`, `FY17` or `FY 2016-17` (the year ending in March 2017, as UK government uses it),
/// optionally after the word "Year". Blank is `Ok(None)`. A lone calendar year (`2016`) is
/// refused as ambiguous rather than guessed.
pub fn parse_financial_year(cell: &str) -> Result<Option<FinancialYear>, YearError> {
    let text = cell.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let not_a_year = || YearError::NotAYear(text.to_owned());
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("year")
        .or_else(|| lower.strip_prefix("fy"))
        .map_or(lower.as_str(), str::trim);
    let is_fy = lower.starts_with("fy");
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let in_range = |start: i32| {
        FinancialYear::starting(start).ok_or_else(|| YearError::OutOfRange(text.to_owned()))
    };
    let parts: Vec<&str> = rest.split(['-', '/', '–']).map(str::trim).collect();
    match parts.as_slice() {
        [start, end] if digits(start) && digits(end) => {
            let (Ok(a), Ok(b)) = (start.parse::<i32>(), end.parse::<i32>()) else {
                return Err(not_a_year());
            };
            let start_year = match (start.len(), end.len()) {
                (4, 2) if b == (a + 1) % 100 => a,
                (4, 4) if b == a + 1 => a,
                // 16/17: two-digit years are this century's.
                (2, 2) if b == (a + 1) % 100 => 2000 + a,
                _ => return Err(not_a_year()),
            };
            in_range(start_year).map(Some)
        }
        [single] if is_fy && digits(single) => match single.len() {
            // FY17 and FY2017 are the year ending in March 2017.
            2 => in_range(2000 + single.parse::<i32>().map_err(|_| not_a_year())? - 1).map(Some),
            4 => in_range(single.parse::<i32>().map_err(|_| not_a_year())? - 1).map(Some),
            _ => Err(not_a_year()),
        },
        [single] if digits(single) && single.len() == 4 => {
            Err(YearError::Ambiguous(text.to_owned()))
        }
        _ => Err(not_a_year()),
    }
}

/// A line's financial year: from the financial-year column, else the award date, else the
/// planned start date ([`YearBasis`] says which, or why none).
pub fn locate_year(
    column: Result<Option<FinancialYear>, YearError>,
    award_date: Option<Date>,
    start_date: Option<Date>,
    unreadable_date: bool,
) -> (Option<FinancialYear>, YearBasis) {
    if let Ok(Some(year)) = column {
        return (Some(year), YearBasis::FinancialYearColumn);
    }
    for (date, basis) in [
        (award_date, YearBasis::AwardDate),
        (start_date, YearBasis::StartDate),
    ] {
        if let Some(date) = date {
            return match FinancialYear::of(date) {
                Some(year) => (Some(year), basis),
                None => (None, YearBasis::OutOfRange),
            };
        }
    }
    match column {
        Err(YearError::OutOfRange(_)) => (None, YearBasis::OutOfRange),
        Err(_) => (None, YearBasis::Unreadable),
        Ok(_) if unreadable_date => (None, YearBasis::Unreadable),
        Ok(_) => (None, YearBasis::NoDate),
    }
}

/// How long an award runs, from its planned start (or award date) to its planned end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AwardLength {
    UnderOneYear,
    OneToTwo,
    TwoToThree,
    OverThree,
    NotKnown,
}

impl AwardLength {
    /// Every band, in the order charts show them.
    pub const ALL: [AwardLength; 5] = [
        AwardLength::UnderOneYear,
        AwardLength::OneToTwo,
        AwardLength::TwoToThree,
        AwardLength::OverThree,
        AwardLength::NotKnown,
    ];

    /// The band of an award running from `start` to `end`: a year is 365 days, so a 1 April
    /// to 31 March award is under one year. An end before the start is not known.
    pub fn of(start: Option<Date>, end: Option<Date>) -> AwardLength {
        let (Some(start), Some(end)) = (start, end) else {
            return AwardLength::NotKnown;
        };
        match end.days_since_1970() - start.days_since_1970() {
            days if days < 0 => AwardLength::NotKnown,
            days if days < 365 => AwardLength::UnderOneYear,
            days if days <= 730 => AwardLength::OneToTwo,
            days if days <= 1095 => AwardLength::TwoToThree,
            _ => AwardLength::OverThree,
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            AwardLength::UnderOneYear => "Under 1 year",
            AwardLength::OneToTwo => "1 to 2 years",
            AwardLength::TwoToThree => "2 to 3 years",
            AwardLength::OverThree => "Over 3 years",
            AwardLength::NotKnown => "Not known",
        }
    }

    /// The band of `line`'s award: from its planned start (or, without one, its award date)
    /// to its planned end. The one statement of an award's length for the measures, the chart
    /// and the lines behind them.
    pub fn of_line(line: &FundingLine) -> AwardLength {
        AwardLength::of(line.start_date.or(line.award_date), line.end_date)
    }

    /// True for awards running longer than one year.
    pub fn over_one_year(self) -> bool {
        matches!(
            self,
            AwardLength::OneToTwo | AwardLength::TwoToThree | AwardLength::OverThree
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(cell: &str) -> Result<Option<String>, YearError> {
        parse_financial_year(cell).map(|y| y.map(FinancialYear::label))
    }

    #[test]
    fn reads_the_ways_files_write_a_financial_year() {
        for cell in [
            "2016-17",
            "2016/17",
            "2016-2017",
            "2016/2017",
            "16/17",
            "FY17",
            "FY 2016-17",
            "fy2017",
            "Year 2016-17",
            " 2016 – 17 ",
        ] {
            assert_eq!(read(cell), Ok(Some("2016-17".into())), "{cell}");
        }
        assert_eq!(read("1999-00"), Ok(Some("1999-00".into())));
        assert_eq!(
            read("99/00"),
            Ok(Some("2099-00".into())),
            "two digits are 20xx"
        );
        assert_eq!(read(""), Ok(None));
    }

    #[test]
    fn refuses_what_it_cannot_read_unambiguously() {
        assert_eq!(
            read("2016"),
            Err(YearError::Ambiguous("2016".into())),
            "a calendar year is not guessed"
        );
        assert_eq!(read("2016-18"), Err(YearError::NotAYear("2016-18".into())));
        assert_eq!(
            read("1985-86"),
            Err(YearError::OutOfRange("1985-86".into()))
        );
        assert_eq!(
            read("2101-02"),
            Err(YearError::OutOfRange("2101-02".into()))
        );
        assert_eq!(
            read("next year"),
            Err(YearError::NotAYear("next year".into()))
        );
        assert_eq!(read("FY1"), Err(YearError::NotAYear("FY1".into())));
        assert!(read("99999999999999999999-1").is_err());
    }

    #[test]
    fn a_date_falls_in_the_year_starting_the_april_before() {
        let year = |y, m, d| {
            FinancialYear::of(Date {
                year: y,
                month: m,
                day: d,
            })
            .map(FinancialYear::label)
        };
        assert_eq!(year(2017, 3, 31).as_deref(), Some("2016-17"));
        assert_eq!(year(2017, 4, 1).as_deref(), Some("2017-18"));
        assert_eq!(year(1990, 3, 31), None, "before 1990-91");
        assert_eq!(FinancialYear(2000).label(), "2000-01");
        assert_eq!(FinancialYear(2016).previous(), Some(FinancialYear(2015)));
    }

    #[test]
    fn a_lines_year_comes_from_the_column_then_the_award_then_the_start() {
        let date = |y| {
            Some(Date {
                year: y,
                month: 6,
                day: 1,
            })
        };
        let fy = |y| Ok(Some(FinancialYear(y)));
        assert_eq!(
            locate_year(fy(2015), date(2017), date(2018), false),
            (Some(FinancialYear(2015)), YearBasis::FinancialYearColumn)
        );
        assert_eq!(
            locate_year(
                Err(YearError::NotAYear("x".into())),
                date(2017),
                None,
                false
            ),
            (Some(FinancialYear(2017)), YearBasis::AwardDate),
            "an unreadable year falls back to the award date"
        );
        assert_eq!(
            locate_year(Ok(None), None, date(2018), false),
            (Some(FinancialYear(2018)), YearBasis::StartDate)
        );
        assert_eq!(
            locate_year(Ok(None), date(1985), None, false),
            (None, YearBasis::OutOfRange)
        );
        assert_eq!(
            locate_year(Ok(None), None, None, false),
            (None, YearBasis::NoDate)
        );
        assert_eq!(
            locate_year(Ok(None), None, None, true),
            (None, YearBasis::Unreadable)
        );
        assert_eq!(
            locate_year(Err(YearError::Ambiguous("2016".into())), None, None, false),
            (None, YearBasis::Unreadable)
        );
    }

    #[test]
    fn award_lengths_fall_in_bands() {
        let date = |y, m, d| {
            Some(Date {
                year: y,
                month: m,
                day: d,
            })
        };
        let length = |start, end| AwardLength::of(start, end);
        assert_eq!(
            length(date(2016, 4, 1), date(2017, 3, 31)),
            AwardLength::UnderOneYear
        );
        assert_eq!(
            length(date(2016, 4, 1), date(2018, 3, 31)),
            AwardLength::OneToTwo
        );
        assert_eq!(
            length(date(2016, 4, 1), date(2019, 3, 31)),
            AwardLength::TwoToThree
        );
        assert_eq!(
            length(date(2016, 4, 1), date(2020, 3, 31)),
            AwardLength::OverThree
        );
        assert_eq!(
            length(date(2016, 4, 1), date(2015, 3, 31)),
            AwardLength::NotKnown
        );
        assert_eq!(length(None, date(2015, 3, 31)), AwardLength::NotKnown);
        assert!(
            AwardLength::OneToTwo.over_one_year() && !AwardLength::UnderOneYear.over_one_year()
        );
    }
}
