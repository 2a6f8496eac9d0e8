//! Where and when a funding line's money falls: its UK financial year and how its place and
//! year were found (or why they could not be).

use serde::{Deserialize, Serialize};

use super::Date;

/// The financial years grantpool accepts: earlier or later is a slip or a wrong column.
pub const YEARS: std::ops::RangeInclusive<u16> = 1990..=2100;

/// A UK financial year, by the calendar year it starts in (2016 is 2016-17, 1 April 2016 to
/// 31 March 2017).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FinancialYear(pub u16);

impl FinancialYear {
    /// The year starting in `start`, if it is one of [`YEARS`].
    pub fn starting(start: i32) -> Option<FinancialYear> {
        u16::try_from(start)
            .ok()
            .filter(|y| YEARS.contains(y))
            .map(FinancialYear)
    }

    /// The financial year a date falls in.
    pub fn of(date: Date) -> Option<FinancialYear> {
        FinancialYear::starting(if date.month >= 4 {
            date.year
        } else {
            date.year - 1
        })
    }

    /// The year before, if it is one of [`YEARS`].
    pub fn previous(self) -> Option<FinancialYear> {
        FinancialYear::starting(i32::from(self.0) - 1)
    }

    /// How people write it: `2016-17`.
    pub fn label(self) -> String {
        format!("{}-{:02}", self.0, (self.0 + 1) % 100)
    }
}

impl std::fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

/// How a line's financial year was found, or why it is not known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum YearBasis {
    /// From the file's financial-year column.
    FinancialYearColumn,
    /// From the award date.
    AwardDate,
    /// From the planned start date.
    StartDate,
    /// The file gives no year, award date or start date for the line.
    #[default]
    NoDate,
    /// The year or date given could not be read (the note on the row says why).
    Unreadable,
    /// The date falls before 1990-91 or after 2100-01.
    OutOfRange,
}

impl YearBasis {
    /// Why the year is not known, for people; `None` when it is known.
    pub fn reason(self) -> Option<&'static str> {
        match self {
            YearBasis::FinancialYearColumn | YearBasis::AwardDate | YearBasis::StartDate => None,
            YearBasis::NoDate => Some("no financial year, award date or start date"),
            YearBasis::Unreadable => Some("the year or date given could not be read"),
            YearBasis::OutOfRange => Some("the year or date is before 1990-91 or after 2100-01"),
        }
    }
}

/// How a line's place was found, or why it is not known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlaceBasis {
    /// A geographic-code column gave a council's GSS code.
    Code,
    /// The recipient's organisation identifier is a council's (`GB-LAE-DUR`).
    OrganisationId,
    /// The recipient's name names a council.
    RecipientName,
    /// The person chose one place for the whole file.
    WholeFile,
    /// The person assigned a place to the line's recipient.
    Assigned,
    /// The file says nothing about where the money goes.
    #[default]
    NoClue,
    /// The geographic code is not a GSS code.
    CodeNotGss,
    /// The GSS code is for an area that is not a council (a country, region or ward).
    CodeNotCouncil,
    /// The recipient is not a council grantpool can name by its identifier or name.
    NotACouncil,
}

impl PlaceBasis {
    /// Why the place is not known, for people; `None` when it is known.
    pub fn reason(self) -> Option<&'static str> {
        match self {
            PlaceBasis::Code
            | PlaceBasis::OrganisationId
            | PlaceBasis::RecipientName
            | PlaceBasis::WholeFile
            | PlaceBasis::Assigned => None,
            PlaceBasis::NoClue => Some("the file gives no place code, and no recipient"),
            PlaceBasis::CodeNotGss => Some("the place code is not a GSS code"),
            PlaceBasis::CodeNotCouncil => {
                Some("the place code is for a country, region or ward, not one council")
            }
            PlaceBasis::NotACouncil => {
                Some("the recipient is not a council grantpool can name; assign it a place")
            }
        }
    }
}
