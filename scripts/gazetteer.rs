//! Builds `src/geography/gazetteer.tsv`, the councils grantpool can name a place by, from
//! mySociety's and drkane's lookups copied into `tests/fixtures/place-lookups/` (sources and
//! licences in `tests/fixtures/SOURCES.md`).
//!
//! Record kinds, one per line, tab-separated:
//! - `A code name successor`: a council by its GSS code, its everyday name, and the GSS code of
//!   the council that replaced it when exactly one did (blank otherwise);
//! - `C former current`: a GSS code a council used before a boundary or code change;
//! - `O org-id code`: an organisation identifier (GB-LAE-DUR) for a council;
//! - `N name code`: a council's name or alternative name, normalised as
//!   `grantpool::geography::normalise_name` does; names shared by two councils are left out;
//! - `E e-code code`: MHCLG's E-code (E1302), used in revenue outturn returns before 2014-15.

use std::collections::{BTreeMap, BTreeSet};

use grantpool::geography::normalise_name;

const DIR: &str = "tests/fixtures/place-lookups";

fn read(name: &str) -> Vec<BTreeMap<String, String>> {
    let bytes = std::fs::read(format!("{DIR}/{name}")).expect("read a place lookup");
    let text = String::from_utf8(bytes).expect("UTF-8 lookup");
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|record| {
            let record = record.expect("lookup row");
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_owned(), v.trim().to_owned()))
                .collect()
        })
        .collect()
}

/// The gazetteer's text.
pub fn gazetteer_tsv() -> String {
    let authorities = read("uk_local_authorities_future.csv");
    let gss_of_registry: BTreeMap<String, String> = authorities
        .iter()
        .filter(|a| !a["gss-code"].is_empty())
        .map(|a| (a["local-authority-code"].clone(), a["gss-code"].clone()))
        .collect();
    let mut out = String::new();
    let mut areas = BTreeMap::new();
    for a in &authorities {
        let code = &a["gss-code"];
        if code.is_empty() {
            continue;
        }
        let successors: Vec<&String> = a["replaced-by"]
            .split(',')
            .filter_map(|r| gss_of_registry.get(r.trim()))
            .collect();
        let successor = match successors.as_slice() {
            [one] => one.as_str(),
            _ => "",
        };
        areas.insert(code.clone(), (a["nice-name"].clone(), successor.to_owned()));
    }
    for (code, (name, successor)) in &areas {
        out.push_str(&format!("A\t{code}\t{name}\t{successor}\n"));
    }
    let mut former = BTreeMap::new();
    for a in &authorities {
        for old in a["former-gss-codes"].split(',').map(str::trim) {
            if !old.is_empty() && !areas.contains_key(old) && !a["gss-code"].is_empty() {
                former.insert(old.to_owned(), a["gss-code"].clone());
            }
        }
    }
    // drkane's lookup knows some newer codes mySociety's does not (Sheffield's E08000039 after
    // its 2024 boundary change): each becomes another code of the council of the same name.
    let by_name: BTreeMap<String, String> = authorities
        .iter()
        .filter(|a| !a["gss-code"].is_empty())
        .map(|a| (normalise_name(&a["official-name"]), a["gss-code"].clone()))
        .collect();
    for row in read("la_orgid_to_gss.csv") {
        let code = &row["gss_code"];
        if code.is_empty() || areas.contains_key(code) || former.contains_key(code) {
            continue;
        }
        if let Some(known) = by_name.get(&normalise_name(&row["name"])) {
            former.insert(code.clone(), known.clone());
        }
    }
    for (old, code) in &former {
        out.push_str(&format!("C\t{old}\t{code}\n"));
    }
    let known = |code: &str| areas.contains_key(code) || former.contains_key(code);
    let mut org_ids = BTreeMap::new();
    for row in read("la_orgid_to_gss.csv") {
        if known(&row["gss_code"]) {
            org_ids.insert(row["org_id"].to_uppercase(), row["gss_code"].clone());
        }
    }
    for (id, code) in &org_ids {
        out.push_str(&format!("O\t{id}\t{code}\n"));
    }
    let mut names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // A council's former codes are the council itself, so two of them are not two councils.
    let mut add = |name: &str, code: &str| {
        let name = normalise_name(name);
        let code = former.get(code).map_or(code, String::as_str);
        if !name.is_empty() && known(code) {
            names.entry(name).or_default().insert(code.to_owned());
        }
    };
    for a in &authorities {
        let code = &a["gss-code"];
        add(&a["official-name"], code);
        add(&a["nice-name"], code);
        for alt in a["alt-names"].split(',') {
            add(alt, code);
        }
    }
    for row in read("lookup_name_to_registry.csv") {
        if let Some(code) = gss_of_registry.get(&row["local-authority-code"]) {
            add(&row["la-name"], code);
        }
    }
    for row in read("la_orgid_to_gss.csv") {
        add(&row["name"], &row["gss_code"]);
    }
    for (name, codes) in &names {
        if let [code] = codes.iter().collect::<Vec<_>>().as_slice() {
            out.push_str(&format!("N\t{name}\t{code}\n"));
        }
    }
    let mut ecodes = BTreeMap::new();
    for a in &authorities {
        if !a["ecode"].is_empty() && !a["gss-code"].is_empty() {
            ecodes.insert(a["ecode"].to_uppercase(), a["gss-code"].clone());
        }
    }
    for (ecode, code) in &ecodes {
        out.push_str(&format!("E\t{ecode}\t{code}\n"));
    }
    out
}
