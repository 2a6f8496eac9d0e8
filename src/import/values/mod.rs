//! Reading single cells: money, ringfence flags, allocation methods and dates.
//!
//! Every function here either understands a cell or says why it cannot; none guesses.

mod money;

pub use money::{parse_money, MoneyUnit};

use crate::model::{Allocation, Date, Ringfence};

/// Why a cell could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CellError {
    #[error("amount is blank")]
    BlankAmount,
    #[error("“{0}” is not an amount of money")]
    NotMoney(String),
    #[error("amount “{0}” is too large")]
    MoneyTooLarge(String),
    #[error("amount “{0}” has more than two decimal places of pence")]
    FractionalPence(String),
    #[error("“{0}” is not a date")]
    NotDate(String),
    #[error("amount “{0}” has both a minus sign and brackets, so its sign is unclear")]
    AmbiguousSign(String),
    #[error("“{0}” is outside the years 1900 to 2100")]
    YearOutOfRange(String),
}

/// Reads a ringfence flag. Blank or unrecognised text is [`Ringfence::NotRecorded`].
pub fn parse_ringfence(cell: &str) -> Ringfence {
    let trimmed = cell.trim();
    if trimmed.is_empty() {
        return Ringfence::NotRecorded;
    }
    for (word, status) in [("yes", Ringfence::Ringfenced), ("no", Ringfence::Flexible)] {
        if trimmed.eq_ignore_ascii_case(word) {
            return status;
        }
    }
    let normal: String = cell
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    match normal.as_str() {
        "yes" | "y" | "true" | "1" | "rf" | "ringfenced" | "ringfence" | "restricted" => {
            Ringfence::Ringfenced
        }
        "no" | "n" | "false" | "0" | "unringfenced" | "notringfenced" | "nonringfenced"
        | "flexible" | "unrestricted" => Ringfence::Flexible,
        _ => Ringfence::NotRecorded,
    }
}

/// Reads an allocation method as the government grants register writes it
/// ("Formula", "General Grants - Competed", …). Mixed methods ("Competed; Formula") and
/// anything unrecognised are [`Allocation::NotRecorded`].
pub fn parse_allocation(cell: &str) -> Allocation {
    let lower = cell.trim().to_lowercase();
    if lower.contains(';') {
        return Allocation::NotRecorded;
    }
    if lower.contains("un-competed") || lower.contains("uncompeted") {
        Allocation::Uncompeted
    } else if lower.contains("competed") || lower.contains("competitive") {
        Allocation::Competed
    } else if lower.contains("criteria") {
        Allocation::CriteriaBased
    } else if lower.contains("formula") {
        Allocation::Formula
    } else {
        Allocation::NotRecorded
    }
}

/// The years a grant's date can fall in; anything else is a typing slip or a wrong column.
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Reads a date written as ISO (`2016-04-01`, optionally with a time), as UK `dd/mm/yyyy` or
/// `dd/mm/yy`, as an Excel serial day number (`42461`), or as a UK financial year (`2024/25`,
/// `2024-25`, read as its first day, 1 April 2024). Blank is `Ok(None)`.
pub fn parse_date(cell: &str) -> Result<Option<Date>, CellError> {
    let text = cell.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let bad = || CellError::NotDate(text.to_owned());
    if text.bytes().all(|b| b.is_ascii_digit() || b == b'.') && text.len() >= 4 {
        let serial: f64 = text.parse().map_err(|_| bad())?;
        return match serial {
            s if (20_000.0..=80_000.0).contains(&s) => Ok(Date::from_excel_serial(s)),
            _ => Err(bad()),
        };
    }
    let date_part = text.split(['T', ' ']).next().unwrap_or(text);
    let numbers: Vec<&str> = date_part.split(['-', '/', '.']).collect();
    let parse = |s: &str| s.parse::<i32>().map_err(|_| bad());
    let plausible = |year: i32| {
        if PLAUSIBLE_YEARS.contains(&year) {
            Ok(year)
        } else {
            Err(CellError::YearOutOfRange(text.to_owned()))
        }
    };
    if let [start, end] = numbers.as_slice() {
        let start_year = parse(start)?;
        let end_year = parse(end)?;
        let follows = match end.len() {
            2 => end_year == (start_year % 100 + 1) % 100,
            4 => Some(end_year) == start_year.checked_add(1),
            _ => false,
        };
        if start.len() == 4 && follows {
            plausible(start_year)?;
            return Ok(Some(Date {
                year: start_year,
                month: 4,
                day: 1,
            }));
        }
        return Err(bad());
    }
    let [a, b, c] = numbers.as_slice() else {
        return Err(bad());
    };
    let (year, month, day) = if a.len() == 4 {
        (parse(a)?, parse(b)?, parse(c)?)
    } else if c.len() == 4 {
        (parse(c)?, parse(b)?, parse(a)?)
    } else if c.len() == 2 {
        // dd/mm/yy as the 2015-16 register writes it: years 00–69 are 2000s.
        let yy = parse(c)?;
        (
            if yy < 70 { 2000 + yy } else { 1900 + yy },
            parse(b)?,
            parse(a)?,
        )
    } else {
        return Err(bad());
    };
    plausible(year)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err(bad());
    }
    Ok(Some(Date {
        year,
        month: month as u8,
        day: day as u8,
    }))
}

fn days_in_month(year: i32, month: i32) -> i32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pence;

    fn money(cell: &str) -> Result<Pence, CellError> {
        parse_money(cell, MoneyUnit::Pounds)
    }

    #[test]
    fn reads_the_money_formats_people_type() {
        assert_eq!(money("£1,234.56"), Ok(Pence(123_456)));
        assert_eq!(money("1234"), Ok(Pence(123_400)));
        assert_eq!(money("  25000 "), Ok(Pence(2_500_000)));
        assert_eq!(money("-250000"), Ok(Pence(-25_000_000)));
        assert_eq!(money("(250,000)"), Ok(Pence(-25_000_000)));
        assert_eq!(money("£(1,000.50)"), Ok(Pence(-100_050)));
        assert_eq!(money("--5"), Err(CellError::NotMoney("--5".into())));
        assert_eq!(money("-£12.5"), Ok(Pence(-1250)));
        assert_eq!(money("1.2m"), Ok(Pence(120_000_000)));
        assert_eq!(money("£3.5bn"), Ok(Pence(350_000_000_000)));
        assert_eq!(money("40k"), Ok(Pence(4_000_000)));
        assert_eq!(money(".5"), Ok(Pence(50)));
        assert_eq!(money("1,234,567"), Ok(Pence(123_456_700)));
        assert_eq!(money("1,5"), Err(CellError::NotMoney("1,5".into())));
        assert_eq!(money("1234.5700000000002"), Ok(Pence(123_457)));
        assert_eq!(money("99.98999999999999"), Ok(Pence(9_999)));
        assert_eq!(money("9.999999999999998"), Ok(Pence(1_000)));
        assert_eq!(
            money("1.0050000001"),
            Err(CellError::FractionalPence("1.0050000001".into()))
        );
        assert_eq!(money("12,34.5"), Err(CellError::NotMoney("12,34.5".into())));
    }

    #[test]
    fn hostile_money_cells_are_refused_never_panic() {
        // Found by the mutation fuzzer of issue #15: slicing inside a character, and rounding
        // float noise on text that is not digits.
        assert_eq!(
            money("1.1é3456789"),
            Err(CellError::NotMoney("1.1é3456789".into()))
        );
        assert_eq!(
            money("ÿ99.9999999"),
            Err(CellError::NotMoney("ÿ99.9999999".into()))
        );
        assert!(money("9.99999999é9").is_err());
        assert!(money("é.999999999").is_err());
        for sign in ["(-5)", "-(5)", "(−5)", "£(-5)"] {
            assert_eq!(
                money(sign),
                Err(CellError::AmbiguousSign(sign.into())),
                "{sign}"
            );
        }
        assert!(matches!(
            money("92233720368547758.08"),
            Err(CellError::MoneyTooLarge(_))
        ));
        assert_eq!(
            money("92233720368547758.07"),
            Ok(Pence(i64::MAX)),
            "the largest amount a line can hold"
        );
    }

    #[test]
    fn column_units_scale_plain_numbers() {
        assert_eq!(
            MoneyUnit::from_header("Amount (£,000s)"),
            MoneyUnit::Thousands
        );
        assert_eq!(MoneyUnit::from_header("Amount (£m)"), MoneyUnit::Millions);
        assert_eq!(MoneyUnit::from_header("Amount Awarded"), MoneyUnit::Pounds);
        assert_eq!(
            parse_money("2915000", MoneyUnit::Thousands),
            Ok(Pence(291_500_000_000))
        );
        assert_eq!(
            parse_money("9", MoneyUnit::Millions),
            Ok(Pence(900_000_000))
        );
        assert_eq!(
            parse_money("0.0015", MoneyUnit::Millions),
            Ok(Pence(150_000))
        );
    }

    #[test]
    fn refuses_what_is_not_money() {
        assert_eq!(money(""), Err(CellError::BlankAmount));
        assert_eq!(money("TBC"), Err(CellError::NotMoney("TBC".into())));
        assert_eq!(money("12.3.4"), Err(CellError::NotMoney("12.3.4".into())));
        assert_eq!(money("£"), Err(CellError::NotMoney("£".into())));
        assert_eq!(
            money("1.005"),
            Err(CellError::FractionalPence("1.005".into()))
        );
        assert!(matches!(
            money("99999999999999999999999"),
            Err(CellError::MoneyTooLarge(_))
        ));
    }

    #[test]
    fn reads_ringfence_flags_and_leaves_unknown_unknown() {
        for yes in ["Yes", "y", "TRUE", "RF", "Ring-fenced", "ringfenced"] {
            assert_eq!(parse_ringfence(yes), Ringfence::Ringfenced, "{yes}");
        }
        for no in [
            "No",
            "n",
            "false",
            "Unringfenced",
            "un-ringfenced",
            "Not ring-fenced",
        ] {
            assert_eq!(parse_ringfence(no), Ringfence::Flexible, "{no}");
        }
        for unknown in ["", "maybe", "TBC"] {
            assert_eq!(
                parse_ringfence(unknown),
                Ringfence::NotRecorded,
                "{unknown}"
            );
        }
    }

    #[test]
    fn reads_register_allocation_methods() {
        assert_eq!(parse_allocation("Formula"), Allocation::Formula);
        assert_eq!(
            parse_allocation("General Grants - Competed"),
            Allocation::Competed
        );
        assert_eq!(
            parse_allocation("General Grants - Un-competed"),
            Allocation::Uncompeted
        );
        assert_eq!(
            parse_allocation("General Grants - Criteria Based"),
            Allocation::CriteriaBased
        );
        assert_eq!(
            parse_allocation("General Grants - Competed; General Grants - Un-competed"),
            Allocation::NotRecorded
        );
    }

    #[test]
    fn reads_iso_and_uk_dates() {
        let d = |y, m, day| {
            Ok(Some(Date {
                year: y,
                month: m,
                day,
            }))
        };
        assert_eq!(parse_date("2016-04-01"), d(2016, 4, 1));
        assert_eq!(parse_date("2017-08-03T00:00:00Z"), d(2017, 8, 3));
        assert_eq!(parse_date("31/03/2017"), d(2017, 3, 31));
        assert_eq!(parse_date("01/09/15"), d(2015, 9, 1));
        assert_eq!(parse_date("29/02/2016"), d(2016, 2, 29));
        assert_eq!(parse_date(""), Ok(None));
        assert!(parse_date("29/02/2017").is_err());
        assert_eq!(parse_date("2024/25"), d(2024, 4, 1));
        assert_eq!(parse_date("2024-25"), d(2024, 4, 1));
        assert_eq!(parse_date("1999/2000"), d(1999, 4, 1));
        assert!(parse_date("2024/26").is_err());
        // Years are checked before any arithmetic: no overflow, and no year 30000.
        assert_eq!(
            parse_date("2147483647-25"),
            Err(CellError::NotDate("2147483647-25".into()))
        );
        assert_eq!(
            parse_date("2147-48"),
            Err(CellError::YearOutOfRange("2147-48".into()))
        );
        assert!(parse_date("2147483647-2147483648").is_err());
        assert_eq!(
            parse_date("01/01/30000"),
            Err(CellError::NotDate("01/01/30000".into())),
            "a five-digit year is not a date form"
        );
        assert_eq!(
            parse_date("3016-04-01"),
            Err(CellError::YearOutOfRange("3016-04-01".into()))
        );
        assert!(
            parse_date("31/02/2024").is_err(),
            "a day that does not exist"
        );
        assert_eq!(parse_date("42461"), d(2016, 4, 1));
        assert!(parse_date("123").is_err());
        assert!(parse_date("soon").is_err());
    }
}
