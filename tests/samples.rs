//! The built-in samples import completely, and their figures are the ones the files hold.
//! Expected numbers were computed independently from the CSVs (Python's csv and Decimal).

use grantpool::headline::Headline;
use grantpool::import::{import_file, ImportOptions};
use grantpool::model::FinancialYear;
use grantpool::model::{Dataset, Pence, Ringfence};
use grantpool::samples::SAMPLES;
use grantpool::view::{LineFilter, PlaceChoice, View, YearChoice};

fn load(path: &str) -> (Dataset, grantpool::import::ImportReport) {
    let bytes = std::fs::read(format!("www/{path}")).expect("sample file exists");
    let mut dataset = Dataset::default();
    let report =
        import_file(&mut dataset, path, bytes, ImportOptions::default()).expect("sample imports");
    (dataset, report)
}

#[test]
fn every_listed_sample_exists_and_imports_without_loss() {
    for sample in SAMPLES {
        let (dataset, report) = load(sample.path);
        assert!(report.reconciles(), "{}", sample.id);
        assert!(
            report.needs_attention.is_empty(),
            "{}: {:?}",
            sample.id,
            report.needs_attention
        );
        assert!(report.notes.is_empty(), "{}: {:?}", sample.id, report.notes);
        assert_eq!(report.total, dataset.total());
    }
}

#[test]
fn illustrative_durham_has_the_published_shape() {
    let (dataset, report) = load("samples/durham-illustrative.csv");
    let headline = Headline::of(&dataset, &grantpool::view::LineFilter::ALL);
    assert_eq!(report.lines_imported, 2_470);
    assert_eq!(
        headline.programmes, 229,
        "229 central-government grant programmes"
    );
    assert_eq!(headline.recipients, 1_278, "to 1,278 recipients");
    assert_eq!(headline.funders, 16);
    assert_eq!(headline.money.total(), Pence::from_pounds(764_669_181));
    assert_eq!(headline.money.ringfenced, Pence::from_pounds(325_427_970));
    assert_eq!(headline.money.not_recorded, Pence(0));
    let under_100k = dataset
        .lines
        .iter()
        .filter(|l| l.amount < Pence::from_pounds(100_000))
        .count();
    let share = under_100k as f64 / dataset.lines.len() as f64;
    assert!(
        (0.65..0.75).contains(&share),
        "about 70% of awards under £100k, got {share}"
    );
    assert!(dataset
        .lines
        .iter()
        .all(|l| l.ringfence != Ringfence::NotRecorded));
}

#[test]
fn illustrative_durham_spans_four_financial_years_all_in_county_durham() {
    let (dataset, _) = load("samples/durham-illustrative.csv");
    // Lines, money and ringfenced money per financial year, from the award dates.
    let expected = [
        (2015, 534, 177_050_629, 68_024_199),
        (2016, 603, 183_722_789, 74_117_389),
        (2017, 665, 197_323_967, 87_617_441),
        (2018, 668, 206_571_796, 95_668_941),
    ];
    for (year, lines, money, ringfenced) in expected {
        let view = View::of(
            PlaceChoice::Area("E06000047".into()),
            YearChoice::Year(FinancialYear(year)),
        );
        let headline = Headline::of(&dataset, &view.filter(&dataset));
        assert_eq!(headline.lines, lines, "{year}");
        assert_eq!(headline.money.total(), Pence::from_pounds(money), "{year}");
        assert_eq!(
            headline.money.ringfenced,
            Pence::from_pounds(ringfenced),
            "{year}"
        );
    }
    let rows = grantpool::compare::compare_places(&dataset, &LineFilter::ALL);
    assert_eq!(rows.len(), 1, "every line is in County Durham");
    assert_eq!(rows[0].name, "County Durham");
    // More than a third of programmes stop from one year to the next.
    let one_year = grantpool::measures::measure(&dataset, None, &LineFilter::ALL).one_year_share;
    assert!(one_year.is_some_and(|s| s > 0.2), "{one_year:?}");
}

#[test]
fn real_2016_17_awards_match_the_workbook() {
    let (dataset, report) = load("samples/government-grant-awards-2016-17.xlsx");
    let headline = Headline::of(&dataset, &grantpool::view::LineFilter::ALL);
    assert_eq!(report.lines_imported, 3_351);
    assert_eq!(headline.money.total(), Pence::from_pounds(3_920_986_733));
    assert_eq!(headline.funders, 2);
    assert_eq!(headline.recipients, 2_028);
    assert_eq!(headline.programmes, 105);
    assert_eq!(
        headline.money.not_recorded,
        headline.money.total(),
        "the file has no ringfence column"
    );
    // Every award's beneficiary code is the UK or England, so only awards to councils, named
    // by name, have a place: 393 awards, counted with Python from the workbook's XML and the
    // lookups' names (Sheffield City Council's four awards are Sheffield's under its former
    // code E08000019 and its newer E08000039 alike).
    let rows = grantpool::compare::compare_places(&dataset, &LineFilter::ALL);
    let not_known = rows
        .iter()
        .find(|r| r.place == PlaceChoice::NotKnown)
        .unwrap();
    assert_eq!(not_known.lines, 3_351 - 393);
    assert_eq!(grantpool::compare::total(&rows), headline.money.total());
}

#[test]
fn english_councils_revenue_matches_the_reference_extraction() {
    let (dataset, report) = load("samples/english-councils-revenue-2010-11-to-2017-18.csv");
    assert_eq!(report.lines_imported, 11_140);
    // Per year: lines, income and ringfenced (specific and special) income, worked out with
    // Python's Decimal from the reference extraction made outside the project
    // (`../shared/data/uk-public-finance/revenue-outturn/reference/`), council tax and £0 left out.
    let expected: [(u16, usize, &str, &str); 6] = [
        (2010, 2_032, "106,364,884,000.00", "72,941,197,000.00"),
        (2011, 1_955, "101,795,457,000.00", "72,043,323,000.00"),
        (2012, 1_967, "96,723,828,000.00", "68,648,980,000.00"),
        (2013, 1_777, "98,101,785,000.00", "64,565,089,000.00"),
        (2014, 1_767, "95,687,534,000.00", "63,850,013,000.00"),
        (2017, 1_642, "86,074,825,082.08", "59,789,077,198.74"),
    ];
    let pounds = |text: &str| {
        grantpool::import::values::parse_money(text, grantpool::import::values::MoneyUnit::Pounds)
            .unwrap()
    };
    for (year, lines, total, ringfenced) in expected {
        let view = View::of(PlaceChoice::All, YearChoice::Year(FinancialYear(year)));
        let headline = Headline::of(&dataset, &view.filter(&dataset));
        assert_eq!(headline.lines, lines, "{year}");
        assert_eq!(headline.money.total(), pounds(total), "{year}");
        assert_eq!(headline.money.ringfenced, pounds(ringfenced), "{year}");
    }
    // County Durham (E-code E1302 before 2014-15): income and ringfenced income by year.
    let durham = [
        (2010, 926_079_000, 639_167_000),
        (2011, 861_857_000, 626_285_000),
        (2012, 834_053_000, 610_801_000),
        (2013, 857_121_000, 578_779_000),
        (2014, 852_384_000, 596_385_000),
        (2017, 792_689_520, 611_169_520),
    ];
    for (year, total, ringfenced) in durham {
        let view = View::of(
            PlaceChoice::Area("E06000047".into()),
            YearChoice::Year(FinancialYear(year)),
        );
        let headline = Headline::of(&dataset, &view.filter(&dataset));
        assert_eq!(headline.money.total(), Pence::from_pounds(total), "{year}");
        assert_eq!(
            headline.money.ringfenced,
            Pence::from_pounds(ringfenced),
            "{year}"
        );
    }
    let rows = grantpool::compare::compare_places(&dataset, &LineFilter::ALL);
    assert_eq!(grantpool::compare::total(&rows), dataset.total());
    assert!(rows.len() > 300, "every English council, {}", rows.len());
}
