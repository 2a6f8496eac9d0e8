//! Builds `www/samples/english-councils-revenue-2010-11-to-2017-18.csv` from MHCLG's revenue
//! outturn summary (RS) workbooks in `tests/fixtures/revenue-outturn/` (four legacy .xls for
//! 2010-11 to 2013-14, one .xls for 2014-15 and one .xlsx for 2017-18), read with calamine.
//!
//! One funding line per council × year × line of the return:
//! - specific and special grants inside and outside AEF are **ringfenced**;
//! - Revenue Support Grant, Area Based Grant, Local Services Support Grant, police grant and the
//!   GLA general grant are **flexible**;
//! - redistributed (to 2012-13) and retained (from 2013-14) business rates are **flexible** and
//!   marked as business rates, not grants (their service);
//! - council tax is left out, and so are lines of £0.
//!
//! Amounts are £ thousands, income shown negative: each becomes exact pence, income positive.
//! The place is the council's ONS code; years before 2014-15 carry only MHCLG E-codes, mapped
//! through the 2014-15 and 2017-18 workbooks' own E-code → ONS code pairs.

use std::collections::BTreeMap;

use calamine::{open_workbook_auto, Data, Reader};
use grantpool::import::values::{parse_money, MoneyUnit};

const DIR: &str = "tests/fixtures/revenue-outturn";

/// (financial year, workbook)
const WORKBOOKS: [(&str, &str); 6] = [
    (
        "2010-11",
        "Revenue_Outturn_Summary__RS__data_2010-11_by_LA_-_27-Nov-2012-v2.xls",
    ),
    (
        "2011-12",
        "Revenue_Outturn_Summary__RS__data_2011-12_by_LA_-_Revised_28-Nov-2013.xls",
    ),
    (
        "2012-13",
        "Revenue_Outturn_Summary__RS__data_2012-13_by_LA__Revised__-_18-Feb-2014.xls",
    ),
    (
        "2013-14",
        "Revenue_Outturn_Summary__RS__data_2013-14_by_LA_-_Revised_28-Jan-2015.xls",
    ),
    ("2014-15", "Revenue_Outturn_Summary_RS_2014-15_by_LA.xls"),
    ("2017-18", "RS_2017-18_data_by_LA.xlsx"),
];

/// A line of the return: the starts of the column headings it has had over the years, its
/// name, a short code for identifiers, funder, service and whether it is ringfenced.
struct ReturnLine {
    headings: &'static [&'static str],
    name: &'static str,
    code: &'static str,
    funder: &'static str,
    service: &'static str,
    ringfenced: bool,
}

const DCLG: &str = "Department for Communities and Local Government";
const RATES: &str = "Business rates (not a grant)";

const LINES: [ReturnLine; 9] = [
    ReturnLine {
        headings: &[
            "specific and special revenue grants inside aef",
            "specific and special grants inside aef",
        ],
        name: "Specific and special grants inside AEF",
        code: "SGI",
        funder: "Central government departments",
        service: "Specific grants",
        ringfenced: true,
    },
    ReturnLine {
        headings: &[
            "specific and special revenue grants outside aef",
            "specific and special grants outside aef",
        ],
        name: "Specific and special grants outside AEF",
        code: "SGO",
        funder: "Central government departments",
        service: "Specific grants",
        ringfenced: true,
    },
    ReturnLine {
        headings: &["area based grant"],
        name: "Area Based Grant",
        code: "ABG",
        funder: DCLG,
        service: "General grants",
        ringfenced: false,
    },
    ReturnLine {
        headings: &["revenue support grant"],
        name: "Revenue Support Grant",
        code: "RSG",
        funder: DCLG,
        service: "General grants",
        ringfenced: false,
    },
    ReturnLine {
        headings: &["local services support grant"],
        name: "Local Services Support Grant",
        code: "LSSG",
        funder: DCLG,
        service: "General grants",
        ringfenced: false,
    },
    ReturnLine {
        headings: &["police grant"],
        name: "Police grant",
        code: "PG",
        funder: "Home Office",
        service: "General grants",
        ringfenced: false,
    },
    ReturnLine {
        headings: &["general gla grant"],
        name: "GLA general grant",
        code: "GLA",
        funder: DCLG,
        service: "General grants",
        ringfenced: false,
    },
    ReturnLine {
        headings: &["redistributed non-domestic rates"],
        name: "Redistributed business rates",
        code: "NNDR",
        funder: RATES,
        service: RATES,
        ringfenced: false,
    },
    ReturnLine {
        headings: &["retained income from rate retention scheme"],
        name: "Retained business rates",
        code: "RRS",
        funder: RATES,
        service: RATES,
        ringfenced: false,
    },
];

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.trim().to_owned(),
        // Rust prints the shortest text that reads back as the same float.
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        _ => String::new(),
    }
}

fn normal(heading: &str) -> String {
    heading
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// One council's row of one year: its E-code, ONS code (if given), name, and the lines.
struct CouncilYear {
    year: &'static str,
    ecode: String,
    ons: String,
    name: String,
    lines: Vec<(&'static ReturnLine, String)>,
}

fn read_year(year: &'static str, file: &str) -> Vec<CouncilYear> {
    let mut workbook = open_workbook_auto(format!("{DIR}/{file}")).expect("open an RS workbook");
    for sheet in workbook.sheet_names() {
        let Ok(range) = workbook.worksheet_range(&sheet) else {
            continue;
        };
        let rows: Vec<&[Data]> = range.rows().collect();
        let Some(header_at) = rows
            .iter()
            .take(30)
            .position(|row| row.iter().any(|c| normal(&text(c)) == "e-code"))
        else {
            continue;
        };
        let header: Vec<String> = rows[header_at].iter().map(|c| normal(&text(c))).collect();
        let column = |wanted: &str| header.iter().position(|h| h.starts_with(wanted));
        let ecode = column("e-code").expect("E-code column");
        let ons = column("ons code").or_else(|| column("ons"));
        let name = column("local authority")
            .or_else(|| column("authority"))
            .expect("authority column");
        let lines: Vec<(&'static ReturnLine, usize)> = LINES
            .iter()
            .filter_map(|line| {
                line.headings
                    .iter()
                    .find_map(|h| column(h))
                    .map(|c| (line, c))
            })
            .collect();
        let mut out = Vec::new();
        for row in &rows[header_at + 1..] {
            let e = text(row.get(ecode).unwrap_or(&Data::Empty));
            if !e.starts_with('E') || e.len() < 4 {
                continue;
            }
            out.push(CouncilYear {
                year,
                ecode: e,
                ons: ons
                    .map(|c| text(row.get(c).unwrap_or(&Data::Empty)))
                    .unwrap_or_default(),
                name: text(row.get(name).unwrap_or(&Data::Empty)),
                lines: lines
                    .iter()
                    .map(|&(line, c)| (line, text(row.get(c).unwrap_or(&Data::Empty))))
                    .collect(),
            });
        }
        return out;
    }
    panic!("{file}: no sheet has an E-code header");
}

/// The sample's CSV text.
pub fn revenue_outturn_csv() -> String {
    let years: Vec<Vec<CouncilYear>> = WORKBOOKS.iter().map(|&(y, f)| read_year(y, f)).collect();
    let mut ons_of: BTreeMap<String, String> = BTreeMap::new();
    // The latest workbook that gives a council's ONS code names it in every year: the years
    // before 2014-15 carry only E-codes.
    for council in years.iter().rev().flatten() {
        if grantpool::geography::is_gss_code(&council.ons) {
            ons_of
                .entry(council.ecode.clone())
                .or_insert_with(|| council.ons.clone());
        }
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "Identifier",
            "Amount Awarded",
            "Financial Year",
            "Recipient Org:Name",
            "Recipient District Geographic Code",
            "Funding Org:Name",
            "Grant Programme:Title",
            "Service",
            "Ringfenced",
        ])
        .expect("header");
    let mut lines = 0;
    for council in years.iter().flatten() {
        // A workbook's code that names no council (North Yorkshire's E10000022) gives way to
        // the council mySociety's lookup gives the E-code.
        let gazetteer = grantpool::geography::gazetteer();
        let code = match ons_of.get(&council.ecode) {
            Some(code) if gazetteer.by_code(code).is_some() => code.clone(),
            workbook => gazetteer
                .by_ecode(&council.ecode)
                .map(|area| area.code.to_owned())
                .or_else(|| workbook.cloned())
                .unwrap_or_default(),
        };
        for (line, value) in &council.lines {
            let pence = match value.trim() {
                // Blank, or marked as not available ("…", "..", "n/a"): no line.
                "" | "-" | ".." | "..." | "…" | "n/a" | "N/A" => continue,
                cell => match cell.parse::<f64>() {
                    // Spreadsheet floats carry binary noise (-65138.15638000001 thousand):
                    // pence are the nearest whole number, which must be within a thousandth.
                    Ok(thousands) => {
                        let pence = thousands * 100_000.0;
                        assert!(
                            (pence - pence.round()).abs() < 1e-3,
                            "{} {} {}: {cell} is not a whole number of pence",
                            council.year,
                            council.ecode,
                            line.name
                        );
                        pence.round() as i64
                    }
                    Err(_) => {
                        parse_money(cell, MoneyUnit::Thousands)
                            .unwrap_or_else(|error| {
                                panic!("{} {} {}: {error}", council.year, council.ecode, line.name)
                            })
                            .0
                    }
                },
            };
            if pence == 0 {
                continue;
            }
            let income = -pence;
            let pounds = format!(
                "{}{}.{:02}",
                if income < 0 { "-" } else { "" },
                income.unsigned_abs() / 100,
                income.unsigned_abs() % 100
            );
            lines += 1;
            writer
                .write_record([
                    format!("RS-{}-{}-{}", council.year, council.ecode, line.code),
                    pounds,
                    council.year.to_owned(),
                    council.name.clone(),
                    code.clone(),
                    line.funder.to_owned(),
                    line.name.to_owned(),
                    line.service.to_owned(),
                    if line.ringfenced { "Yes" } else { "No" }.to_owned(),
                ])
                .expect("row");
        }
    }
    eprintln!(
        "english-councils-revenue: {lines} funding lines from {} council-years",
        years.iter().map(Vec::len).sum::<usize>()
    );
    String::from_utf8(writer.into_inner().expect("flush")).expect("utf-8")
}
