//! Financial years from real 360Giving files with awards over many years. The expected lines
//! per UK financial year were counted with Python (csv and json) from each file's award dates,
//! independently of grantpool's reading.

use grantpool::compare::{by_year, compare_places};
use grantpool::import::{import_file, ImportOptions};
use grantpool::model::Dataset;
use grantpool::view::{LineFilter, PlaceChoice, YearChoice};

fn lines_by_year(file: &str) -> (Dataset, Vec<(u16, usize)>) {
    let bytes = std::fs::read(format!("tests/fixtures/{file}")).expect("fixture");
    let mut dataset = Dataset::default();
    import_file(&mut dataset, file, bytes, ImportOptions::default()).expect("imports");
    let rows = by_year(&dataset, &LineFilter::ALL, |_, status| status)
        .into_iter()
        .map(|row| match row.year {
            YearChoice::Year(year) => (year.0, row.lines),
            _ => (0, row.lines),
        })
        .collect();
    (dataset, rows)
}

#[test]
fn trafford_council_2012_to_2024() {
    let (dataset, years) = lines_by_year("trafford-council_voluntary-sector-grants.csv");
    assert_eq!(
        years,
        [
            (2012, 8),
            (2013, 41),
            (2014, 35),
            (2016, 43),
            (2017, 38),
            (2018, 59),
            (2019, 106),
            (2020, 69),
            (2021, 50),
            (2022, 95),
            (2023, 6),
            (2024, 5),
        ]
    );
    // Every award's beneficiary code is Trafford's.
    let places = compare_places(&dataset, &LineFilter::ALL);
    assert_eq!(places.len(), 1);
    assert_eq!(places[0].place, PlaceChoice::Area("E08000009".into()));
    assert_eq!(places[0].lines, 555);
}

#[test]
fn indigo_trust_2000_to_2015_with_uk_dates() {
    let (_, years) = lines_by_year("indigo-trust_a002400000G4KGJAA3.csv");
    assert_eq!(
        years,
        [
            (2000, 1),
            (2001, 4),
            (2002, 9),
            (2003, 3),
            (2004, 30),
            (2005, 21),
            (2006, 3),
            (2008, 9),
            (2009, 4),
            (2010, 7),
            (2011, 36),
            (2012, 49),
            (2013, 40),
            (2014, 48),
            (2015, 5),
        ]
    );
}

#[test]
fn a_b_charitable_trust_json_2012_to_2020() {
    let (dataset, years) = lines_by_year("ab-charitable-trust_2013-2020_a001p00000zgyHZAAY.json");
    assert_eq!(
        years,
        [
            (2012, 17),
            (2013, 61),
            (2014, 67),
            (2015, 79),
            (2016, 83),
            (2017, 86),
            (2018, 104),
            (2019, 132),
            (2020, 154),
        ]
    );
    assert_eq!(dataset.lines.len(), 783);
    // Over nine years, the one-year streams measure has something to say.
    let measures = grantpool::measures::measure(&dataset, None, &LineFilter::ALL);
    assert!(measures.one_year_share.is_some());
}
