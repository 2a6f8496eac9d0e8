//! Filters: "Only this funder", "Leave out this programme". Part of the [`super::View`], so
//! they narrow every figure the view narrows, with no code of their own in any figure.

use serde::{Deserialize, Serialize};

use crate::model::{Dataset, FundingLine, Sym};
use crate::selection::Field;

/// One filter: keep only the lines whose field is `value`, or leave them out. Held by name, so
/// it means the same after a reload or a new file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Filter {
    pub field: Field,
    pub value: String,
    /// True for "Only this", false for "Leave out this".
    pub keep: bool,
}

impl Filter {
    /// What the filter does, for its chip and for titles: "Only funder Home Office",
    /// "Leaving out programme Troubled Families".
    pub fn label(&self) -> String {
        let value = if self.value.is_empty() {
            format!("({} not recorded)", self.field.noun())
        } else {
            self.value.clone()
        };
        if self.keep {
            format!("only {} {value}", self.field.noun())
        } else {
            format!("leaving out {} {value}", self.field.noun())
        }
    }
}

/// The filters compiled against a dataset's symbols: what [`super::LineFilter`] tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct FieldTests {
    /// Per field with "Only" filters: the symbols kept (a name no line has is `None`, which
    /// no line matches).
    keep: Vec<(Field, Vec<Option<Sym>>)>,
    /// (field, symbol) pairs left out.
    drop: Vec<(Field, Sym)>,
}

impl FieldTests {
    /// Compiles `filters` against `dataset`'s names. Several "Only" filters on one field keep
    /// any of their values; filters on different fields must all pass.
    pub(super) fn compile(filters: &[Filter], dataset: &Dataset) -> FieldTests {
        let mut tests = FieldTests::default();
        for filter in filters {
            let sym = if filter.value.is_empty() {
                Some(crate::model::StringPool::BLANK)
            } else {
                dataset.strings.find(&filter.value)
            };
            if filter.keep {
                match tests
                    .keep
                    .iter_mut()
                    .find(|(field, _)| *field == filter.field)
                {
                    Some((_, kept)) => kept.push(sym),
                    None => tests.keep.push((filter.field, vec![sym])),
                }
            } else if let Some(sym) = sym {
                tests.drop.push((filter.field, sym));
            }
        }
        tests
    }

    /// True when no line is left out.
    pub(super) fn is_empty(&self) -> bool {
        self.keep.is_empty() && self.drop.is_empty()
    }

    /// True when `line` passes every filter.
    #[inline]
    pub(super) fn passes(&self, line: &FundingLine) -> bool {
        self.keep
            .iter()
            .all(|(field, kept)| kept.contains(&Some(field.of(line))))
            && !self.drop.iter().any(|&(field, sym)| field.of(line) == sym)
    }
}
