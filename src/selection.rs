//! What a person chose on the page: a bar, a band, a flow, a map group, a table row or a
//! measure, as the test a line must pass to be "behind" it. Charts put a [`Criterion`] list on
//! each of their rows; [`crate::drill`] finds the lines; a criterion on a text field can also
//! become a filter of the view ([`crate::view::Filter`]).

use serde::{Deserialize, Serialize};

use crate::model::{FinancialYear, FundingLine, Ringfence, Sym};
use crate::scenario::PotId;
use crate::years::AwardLength;

/// A text field of a funding line that can be chosen, filtered on or left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Funder,
    Programme,
    Recipient,
    Service,
}

impl Field {
    /// Every field, in the order the page lists them.
    pub const ALL: [Field; 4] = [
        Field::Funder,
        Field::Programme,
        Field::Recipient,
        Field::Service,
    ];

    /// The field's name for people, in lower case: "funder".
    pub fn noun(self) -> &'static str {
        match self {
            Field::Funder => "funder",
            Field::Programme => "programme",
            Field::Recipient => "recipient",
            Field::Service => "service",
        }
    }

    /// The field's symbol in `line` (the shown name, for funders and programmes).
    #[inline]
    pub fn of(self, line: &FundingLine) -> Sym {
        match self {
            Field::Funder => line.funder,
            Field::Programme => line.programme,
            Field::Recipient => line.recipient,
            Field::Service => line.service,
        }
    }
}

/// Streams judged as a whole, as the measures judge them (with the pots: a pot is one stream).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StreamTest {
    /// Streams worth less than £100k.
    Small,
    /// Streams with dates that end within 12 months of their first award.
    ShortTerm,
    /// Streams seen in one financial year only (as the measure counts them).
    OneYear,
}

/// One test a line must pass to be behind a choice. All of a selection's criteria must pass.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Criterion {
    /// The field's value is this symbol.
    Is(Field, Sym),
    /// The field's value is none of these ("All other funders").
    NoneOf(Field, Vec<Sym>),
    /// The line's place (blank for "Place not known").
    Area(Sym),
    /// The line's financial year (`None` for "Year not known").
    Year(Option<FinancialYear>),
    /// The line's own amount is in this size band ([`crate::measures::SIZE_BANDS`]).
    SizeBand(usize),
    /// The award's length band.
    Length(AwardLength),
    /// The line is in this pot (`None`: in no pot).
    Pot(Option<PotId>),
    /// The line is in a pot, whichever.
    InAPot,
    /// The line's status with the pots ([`crate::scenario::PotPolicy::status_of`]).
    Status(Ringfence),
    /// The line's status as recorded (today, without the pots).
    StatusToday(Ringfence),
    /// The line's money counts as competed with the pots.
    Competed,
    /// The award's length is known and over one year.
    MultiYear,
    /// The line's stream, with the pots, passes the test.
    Stream(StreamTest),
    /// The line matches the funding map's search (trimmed, in lower case).
    Matches(String),
}

impl Criterion {
    /// "All the others" of a chart that names some rows and merges the rest: `field` is none
    /// of the values the named rows' criteria pick.
    pub fn none_of<'a>(field: Field, named: impl IntoIterator<Item = &'a Criterion>) -> Criterion {
        Criterion::NoneOf(
            field,
            named
                .into_iter()
                .filter_map(|criterion| match criterion {
                    Criterion::Is(of, sym) if *of == field => Some(*sym),
                    _ => None,
                })
                .collect(),
        )
    }
}

/// Which lines a selection looks among: the view's, or the view's place in every year (the
/// charts over years), or the view's year in every place (places ranked).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Scope {
    #[default]
    View,
    EveryYear,
    EveryPlace,
}

/// A choice on the page: what it is called and the lines behind it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Selection {
    /// What was chosen, for people: "Home Office", "Home Office → Not in a pot".
    pub what: String,
    pub criteria: Vec<Criterion>,
    pub scope: Scope,
    /// True when the choice shows the place today (without the pots), so narrowing it by
    /// status uses the status as recorded.
    pub today: bool,
    /// The narrowing to one status the person chose in the panel, if any.
    pub status: Option<Ringfence>,
}

impl Selection {
    /// A selection of the view's lines.
    pub fn new(what: impl Into<String>, criteria: Vec<Criterion>) -> Selection {
        Selection {
            what: what.into(),
            criteria,
            scope: Scope::View,
            today: false,
            status: None,
        }
    }

    /// The same selection, of the place today (without the pots).
    pub fn as_today(mut self) -> Selection {
        self.today = true;
        self
    }

    /// The same selection among `scope`'s lines.
    pub fn within(mut self, scope: Scope) -> Selection {
        self.scope = scope;
        self
    }

    /// The same selection narrowed to lines of one status ("Home Office, ringfenced"); `None`
    /// takes the narrowing off.
    pub fn with_status(&self, status: Option<Ringfence>) -> Selection {
        Selection {
            status,
            ..self.clone()
        }
    }

    /// The test of the narrowing by status, if any: as recorded for a choice of the place
    /// today, else with the pots.
    pub fn status_criterion(&self) -> Option<Criterion> {
        self.status.map(|status| {
            if self.today {
                Criterion::StatusToday(status)
            } else {
                Criterion::Status(status)
            }
        })
    }

    /// What was chosen, with its narrowing: "Home Office, ringfenced".
    pub fn title(&self) -> String {
        match self.status {
            Some(status) => format!("{}, {}", self.what, status.label().to_lowercase()),
            None => self.what.clone(),
        }
    }

    /// The text-field choices of this selection, each of which can become a filter.
    pub fn fields(&self) -> impl Iterator<Item = (Field, Sym)> + '_ {
        self.criteria.iter().filter_map(|c| match c {
            Criterion::Is(field, sym) => Some((*field, *sym)),
            _ => None,
        })
    }
}
