//! What the person is looking at: one place or all, one financial year or all. The one home
//! of which lines every figure counts: the headline, the map, the pots' contents, the
//! measures, every chart, the exports and the board pack all take a [`LineFilter`] made here,
//! and none copies the lines to filter them.

mod filters;

use serde::{Deserialize, Serialize};

use crate::geography::gazetteer;
use std::sync::Arc;

use filters::FieldTests;
pub use filters::Filter;

use crate::model::{Dataset, FinancialYear, FundingLine, LineIndex, StringPool, Sym};

/// The Place picker's choice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlaceChoice {
    #[default]
    All,
    /// The lines whose place is not known.
    NotKnown,
    /// One council, by GSS code.
    Area(String),
}

/// The Financial year picker's choice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum YearChoice {
    #[default]
    All,
    /// The lines whose year is not known.
    NotKnown,
    Year(FinancialYear),
}

/// The place and the year shown, and any filters. Part of the saved work and of scenario
/// files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct View {
    #[serde(default)]
    pub place: PlaceChoice,
    #[serde(default)]
    pub year: YearChoice,
    /// "Only this funder", "Leave out this programme": every figure follows them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<Filter>,
}

/// What the Place picker shows for "not known".
pub const PLACE_NOT_KNOWN: &str = "Place not known";
/// What the Financial year picker shows for "not known".
pub const YEAR_NOT_KNOWN: &str = "Year not known";

impl PlaceChoice {
    /// The place's name for people: "All places", a council's name, or "Place not known".
    pub fn label(&self) -> String {
        match self {
            PlaceChoice::All => "All places".to_owned(),
            PlaceChoice::NotKnown => PLACE_NOT_KNOWN.to_owned(),
            PlaceChoice::Area(code) => gazetteer().name_of(code).to_owned(),
        }
    }
}

impl YearChoice {
    /// The year for people: "All years", `2016-17`, or "Year not known".
    pub fn label(&self) -> String {
        match self {
            YearChoice::All => "All years".to_owned(),
            YearChoice::NotKnown => YEAR_NOT_KNOWN.to_owned(),
            YearChoice::Year(year) => year.label(),
        }
    }
}

impl View {
    /// One place and year, with no filters.
    pub fn of(place: PlaceChoice, year: YearChoice) -> View {
        View {
            place,
            year,
            filters: Vec::new(),
        }
    }

    /// True when every line is shown.
    pub fn is_everything(&self) -> bool {
        self.place == PlaceChoice::All && self.year == YearChoice::All && self.filters.is_empty()
    }

    /// The same place and year with another set of filters.
    pub fn with_filters(&self, filters: Vec<Filter>) -> View {
        View {
            filters,
            ..self.clone()
        }
    }

    /// What is shown, for titles: `County Durham, 2016-17, only funder Home Office`; `None`
    /// for everything.
    pub fn title(&self) -> Option<String> {
        let parts: Vec<String> = self
            .place_and_year()
            .into_iter()
            .chain(self.filters.iter().map(Filter::label))
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// The place and the year picked, for people, leaving out "all".
    fn place_and_year(&self) -> Vec<String> {
        [
            (self.place != PlaceChoice::All).then(|| self.place.label()),
            (self.year != YearChoice::All).then(|| self.year.label()),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// What the page shows, in a sentence: "Showing County Durham, 2016-17 only.",
    /// "Showing all places and all years, filtered: only funder Home Office."
    pub fn showing(&self) -> String {
        let place_year = self.place_and_year();
        let shown = if place_year.is_empty() {
            "Showing all places and all years".to_owned()
        } else {
            format!("Showing {} only", place_year.join(", "))
        };
        if self.filters.is_empty() {
            format!("{shown}.")
        } else {
            let filters: Vec<String> = self.filters.iter().map(Filter::label).collect();
            format!("{shown}, filtered: {}.", filters.join("; "))
        }
    }

    /// What is shown, for file names: `county-durham-2016-17`; empty for everything.
    pub fn file_stem(&self) -> String {
        let title = self.title().unwrap_or_default();
        let mut stem = String::new();
        for c in title.chars() {
            if c.is_ascii_alphanumeric() {
                stem.push(c.to_ascii_lowercase());
            } else if !stem.ends_with('-') && !stem.is_empty() {
                stem.push('-');
            }
        }
        stem.trim_end_matches('-').to_owned()
    }

    /// The filter that picks this view's lines out of `dataset` (through its [`LineIndex`],
    /// so one place or one year visits only its own lines).
    pub fn filter(&self, dataset: &Dataset) -> LineFilter {
        let place = match &self.place {
            PlaceChoice::All => PlaceTest::Any,
            PlaceChoice::NotKnown => PlaceTest::Is(StringPool::BLANK),
            // A code no line has matches nothing.
            PlaceChoice::Area(code) => dataset
                .strings
                .find(code)
                .filter(|&sym| sym != StringPool::BLANK)
                .map_or(PlaceTest::Nothing, PlaceTest::Is),
        };
        let year = match self.year {
            YearChoice::All => YearTest::Any,
            YearChoice::NotKnown => YearTest::Is(None),
            YearChoice::Year(year) => YearTest::Is(Some(year)),
        };
        let index = (place != PlaceTest::Any || year != YearTest::Any).then(|| dataset.index());
        let fields = FieldTests::compile(&self.filters, dataset);
        LineFilter {
            place,
            year,
            index,
            fields: (!fields.is_empty()).then(|| Arc::new(fields)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlaceTest {
    Any,
    Nothing,
    Is(Sym),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearTest {
    Any,
    Is(Option<FinancialYear>),
}

/// Which lines a figure counts: made by [`View::filter`], tested line by line.
#[derive(Debug, Clone)]
pub struct LineFilter {
    place: PlaceTest,
    year: YearTest,
    /// The dataset's index, when the filter leaves lines out.
    index: Option<Arc<LineIndex>>,
    /// The view's filters on funder, programme, recipient or service, if any.
    fields: Option<Arc<FieldTests>>,
}

impl PartialEq for LineFilter {
    fn eq(&self, other: &LineFilter) -> bool {
        self.place == other.place
            && self.year == other.year
            && self.fields == other.fields
            && match (&self.index, &other.index) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

impl Eq for LineFilter {}

impl Default for LineFilter {
    fn default() -> LineFilter {
        LineFilter::ALL
    }
}

impl LineFilter {
    /// Every line.
    pub const ALL: LineFilter = LineFilter {
        place: PlaceTest::Any,
        year: YearTest::Any,
        index: None,
        fields: None,
    };

    /// True when `line` is in the view.
    #[inline]
    pub fn keeps(&self, line: &FundingLine) -> bool {
        (match self.place {
            PlaceTest::Any => true,
            PlaceTest::Nothing => false,
            PlaceTest::Is(area) => line.area == area,
        }) && match self.year {
            YearTest::Any => true,
            YearTest::Is(year) => line.year == year,
        } && self
            .fields
            .as_ref()
            .is_none_or(|fields| fields.passes(line))
    }

    /// The same place in every year: what the charts over years count.
    pub fn every_year(&self) -> LineFilter {
        LineFilter {
            year: YearTest::Any,
            ..self.clone()
        }
    }

    /// The same year in every place: what the places compared count.
    pub fn every_place(&self) -> LineFilter {
        LineFilter {
            place: PlaceTest::Any,
            ..self.clone()
        }
    }

    /// The place's symbol when the filter keeps one place (blank for "Place not known").
    pub fn place(&self) -> Option<Sym> {
        match self.place {
            PlaceTest::Is(area) => Some(area),
            _ => None,
        }
    }

    /// True when no line is left out.
    pub fn is_all(&self) -> bool {
        self.place == PlaceTest::Any && self.year == YearTest::Any && self.fields.is_none()
    }

    /// True when filters on funder, programme, recipient or service leave lines out.
    pub fn has_field_filters(&self) -> bool {
        self.fields.is_some()
    }

    /// The lines to visit: the shorter of the place's and the year's lists, or every line.
    fn candidates(&self) -> Option<&[u32]> {
        const NONE: &[u32] = &[];
        let index = self.index.as_deref()?;
        let by_place = match self.place {
            PlaceTest::Any => None,
            PlaceTest::Nothing => Some(NONE),
            PlaceTest::Is(area) => Some(index.by_area.get(&area).map_or(NONE, |l| &l[..])),
        };
        let by_year = match self.year {
            YearTest::Any => None,
            YearTest::Is(year) => Some(index.by_year.get(&year).map_or(NONE, |l| &l[..])),
        };
        match (by_place, by_year) {
            (Some(a), Some(b)) => Some(if a.len() <= b.len() { a } else { b }),
            (a, b) => a.or(b),
        }
    }

    /// The view's lines of `dataset` with their indices, in order, without copying them.
    pub fn lines<'a>(&'a self, dataset: &'a Dataset) -> FilteredLines<'a> {
        if self.is_all() {
            return FilteredLines::All(dataset.lines.iter().enumerate());
        }
        FilteredLines::Tested {
            lines: &dataset.lines,
            filter: self,
            candidates: self.candidates(),
            next: 0,
        }
    }
}

/// The lines a [`LineFilter`] keeps, in order, with their indices.
pub enum FilteredLines<'a> {
    /// Every line, with no test.
    All(std::iter::Enumerate<std::slice::Iter<'a, FundingLine>>),
    /// The lines that pass the filter, from its index's list or from every line.
    Tested {
        lines: &'a [FundingLine],
        filter: &'a LineFilter,
        candidates: Option<&'a [u32]>,
        next: usize,
    },
}

impl<'a> Iterator for FilteredLines<'a> {
    type Item = (usize, &'a FundingLine);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'a FundingLine)> {
        let (lines, filter, candidates, next) = match self {
            FilteredLines::All(all) => return all.next(),
            FilteredLines::Tested {
                lines,
                filter,
                candidates,
                next,
            } => (*lines, *filter, *candidates, next),
        };
        match candidates {
            Some(list) => {
                while let Some(&index) = list.get(*next) {
                    *next += 1;
                    let index = index as usize;
                    match lines.get(index) {
                        Some(line) if filter.keeps(line) => return Some((index, line)),
                        _ => {}
                    }
                }
                None
            }
            None => {
                while let Some(line) = lines.get(*next) {
                    let index = *next;
                    *next += 1;
                    if filter.keeps(line) {
                        return Some((index, line));
                    }
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place() -> Dataset {
        crate::import::dataset_from(
            b"Funder,Recipient,Amount,Financial Year\n\
              DfT,Durham County Council,100,2016-17\n\
              DfT,Durham County Council,50,2017-18\n\
              DfT,Trafford Council,20,2016-17\n\
              DfT,Age UK,7,\n",
        )
    }

    fn total(dataset: &Dataset, view: &View) -> i64 {
        let filter = view.filter(dataset);
        filter.lines(dataset).map(|(_, l)| l.amount.0).sum()
    }

    #[test]
    fn a_view_picks_its_place_and_year_and_the_parts_add_up() {
        let dataset = place();
        let durham = PlaceChoice::Area("E06000047".into());
        let y2016 = YearChoice::Year(FinancialYear(2016));
        let view = |place: &PlaceChoice, year| View::of(place.clone(), year);
        assert_eq!(total(&dataset, &View::default()), 17_700);
        assert_eq!(total(&dataset, &view(&durham, YearChoice::All)), 15_000);
        assert_eq!(total(&dataset, &view(&durham, y2016)), 10_000);
        assert_eq!(
            total(&dataset, &view(&PlaceChoice::NotKnown, YearChoice::All)),
            700
        );
        assert_eq!(
            total(&dataset, &view(&PlaceChoice::All, YearChoice::NotKnown)),
            700
        );
        let trafford = PlaceChoice::Area("E08000009".into());
        assert_eq!(
            total(&dataset, &view(&durham, YearChoice::All))
                + total(&dataset, &view(&trafford, YearChoice::All))
                + total(&dataset, &view(&PlaceChoice::NotKnown, YearChoice::All)),
            total(&dataset, &View::default()),
            "places and place not known add up to the whole"
        );
        let absent = PlaceChoice::Area("E09000001".into());
        assert_eq!(total(&dataset, &view(&absent, YearChoice::All)), 0);
        let filter = view(&durham, y2016).filter(&dataset);
        assert_eq!(
            filter.every_year(),
            view(&durham, YearChoice::All).filter(&dataset)
        );
        assert!(filter.every_year().every_place().is_all());
    }

    #[test]
    fn a_view_names_itself_for_titles_and_files() {
        let view = View::of(
            PlaceChoice::Area("E06000047".into()),
            YearChoice::Year(FinancialYear(2016)),
        );
        assert_eq!(view.title().as_deref(), Some("County Durham, 2016-17"));
        assert_eq!(view.file_stem(), "county-durham-2016-17");
        assert_eq!(View::default().title(), None);
        assert_eq!(View::default().file_stem(), "");
        let unknown = View::of(PlaceChoice::NotKnown, YearChoice::All);
        assert_eq!(unknown.title().as_deref(), Some("Place not known"));
    }
}
