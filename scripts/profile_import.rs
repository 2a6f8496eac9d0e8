//! Imports a file with the core natively, as the page's import does, and prints how long the
//! import and the first figures took, how large the place's saved record is, and how long it takes to write and read back: the program
//! `perf` profiles for BENCHMARKS.md's breakdown of where the parse time goes.
//!
//!   cargo run --release --example profile_import -- target/bench-data/grants-1000000.csv
//!   perf record -g target/release/examples/profile_import <file>; perf report

use std::time::Instant;

use grantpool::figures::Figures;
use grantpool::import::{import_file, ImportOptions};
use grantpool::measures::{groups, GroupBy};
use grantpool::model::Dataset;
use grantpool::place::Place;
use grantpool::saved::{read_place, save_place};
use grantpool::scenario::Scenario;
use grantpool::view::{LineFilter, View};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: profile_import <file>");
    let bytes = std::fs::read(&path).expect("a readable file");
    let name = std::path::Path::new(&path)
        .file_name()
        .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
    let mut dataset = Dataset::default();
    let started = Instant::now();
    let report =
        import_file(&mut dataset, &name, bytes, ImportOptions::default()).expect("a readable CSV");
    let parsed = started.elapsed();
    let started = Instant::now();
    let figures = Figures::compute(
        &dataset,
        &Scenario::new(dataset.lines.len()),
        &View::default(),
    );
    let figured = started.elapsed();
    let streams = figures.today.streams;
    let scenario = Scenario::new(dataset.lines.len());
    let started = Instant::now();
    let map = groups(
        &dataset,
        &scenario,
        None,
        GroupBy::Funder,
        "",
        &LineFilter::default(),
    );
    let grouped = started.elapsed();
    let place = Place {
        dataset,
        ..Place::default()
    };
    let started = Instant::now();
    let saved = save_place(&place);
    let serialised = started.elapsed();
    let started = Instant::now();
    let read = read_place(&saved).expect("the saved place reads back");
    let restored = started.elapsed();
    assert_eq!(read.dataset.lines.len(), place.dataset.lines.len());
    println!(
        "{} lines: import {:.0} ms, figures {:.1} ms ({streams} streams), the funding map's {} groups {:.1} ms; saved: {:.0} MB in {:.0} ms, read back in {:.0} ms",
        report.lines_imported,
        parsed.as_secs_f64() * 1000.0,
        figured.as_secs_f64() * 1000.0,
        map.len(),
        grouped.as_secs_f64() * 1000.0,
        saved.len() as f64 / 1e6,
        serialised.as_secs_f64() * 1000.0,
        restored.as_secs_f64() * 1000.0
    );
}
