//! The fuzz targets: each reads one input the way the app would, then uses what it read the way
//! the page does (figures, charts, exports, fixes, undo). A target returns `Err` when an
//! invariant breaks; a panic is a failure too (the fuzzer catches it). Shared by the fuzzer
//! (`scripts/fuzz.rs`) and the regression test that replays every input that ever failed
//! (`tests/fuzz_regressions.rs`).

use grantpool::charts::ChartKind;
use grantpool::costs::CostAssumptions;
use grantpool::export::{chart_svg, pooled_budget_csv};
use grantpool::figures::Figures;
use grantpool::import::values::{parse_allocation, parse_date, parse_money, MoneyUnit};
use grantpool::import::{import_file, ImportOptions, ImportReport};
use grantpool::measures::{groups, GroupBy};
use grantpool::model::{Dataset, Pence};
use grantpool::pack_notes::PackNotes;
use grantpool::place::{fingerprint, Origin, Place};
use grantpool::saved::{
    load_work, open_scenario_file, read_place, save_place, save_work, scenario_file, seal_place,
    OpenedScenarios, SavedWork, PLACE_HEADER,
};
use grantpool::scenario::{Command, Edit, Editor, PotPolicy, Scenario, Scenarios, SetCommand};
use grantpool::view::View;

#[path = "streamed.rs"]
mod streamed;

/// A target: one input in, `Err` with what broke.
pub type Target = fn(&[u8]) -> Result<(), String>;

/// Every target, by name.
pub const TARGETS: [(&str, Target); 8] = [
    ("csv", csv),
    ("json", json),
    ("workbook", workbook),
    ("paste", paste),
    ("cells", cells),
    ("saved", saved),
    ("saved-place", saved_place),
    ("scenario", scenario),
];

/// A delimited file, through every encoding and delimiter path the importer has; and, when it
/// can be, read as its slices arrive, which must give what it gives read whole.
pub fn csv(bytes: &[u8]) -> Result<(), String> {
    if streamed::streamable(bytes, 4096) {
        let whole = streamed::read_whole("fuzz.csv", bytes);
        for (head, slice) in [(16, 7), (512, 61), (usize::MAX, 1)] {
            if let Some(got) = streamed::read_streamed("fuzz.csv", bytes, head, slice) {
                if let Some(difference) = streamed::difference(&whole, &got) {
                    return Err(format!(
                        "read streamed (head {head}, slices of {slice}): {difference}"
                    ));
                }
            }
        }
    }
    imported("fuzz.csv", bytes)
}

/// A 360Giving JSON package.
pub fn json(bytes: &[u8]) -> Result<(), String> {
    imported("fuzz.json", bytes)
}

/// A zip workbook (XLSX, XLSM or ODS, by its bytes), previewed and imported. Legacy XLS files
/// (OLE) are left out: calamine 0.38's XLS reader panics or runs out of memory on damaged ones
/// (tests/fuzz-findings/xls/ keeps 162 such inputs), which the page cannot catch until workbook
/// reading moves into a Web Worker that can fail alone.
pub fn workbook(bytes: &[u8]) -> Result<(), String> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Ok(());
    }
    let _ = grantpool::import::preview("fuzz.xlsx", bytes, None);
    imported("fuzz.xlsx", bytes)
}

/// Cells pasted from a spreadsheet: the page reads them as a TSV file.
pub fn paste(bytes: &[u8]) -> Result<(), String> {
    imported("Pasted cells 1.tsv", bytes)
}

/// Single cells, as typed into the Needs-attention fix box: money in every unit, dates,
/// allocation methods.
pub fn cells(bytes: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(bytes);
    for cell in text.split(['\n', ',']) {
        for unit in [
            MoneyUnit::Pounds,
            MoneyUnit::Thousands,
            MoneyUnit::Millions,
            MoneyUnit::Billions,
        ] {
            let _ = parse_money(cell, unit);
        }
        let _ = parse_date(cell);
        let _ = parse_allocation(cell);
    }
    Ok(())
}

/// Work saved in the browser (version 1's single record, place included), read back and then
/// used: figures, exports, fixing and leaving out rows, undo and redo to both ends.
pub fn saved(bytes: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    let Ok(work) = load_work(text, None) else {
        return Ok(());
    };
    use_saved_work(work)
}

/// The bytes after a binary saved place's header, given a header with the right checksum (so
/// mutations reach the reader rather than stopping at the checksum), read back as the page
/// reads saved work, then used as [`saved`] uses it.
pub fn saved_place(body: &[u8]) -> Result<(), String> {
    let sealed = seal_place(body);
    let Ok(place) = read_place(&sealed) else {
        return Ok(());
    };
    let scenarios = Scenarios::new(place.dataset.lines.len());
    let work = save_work(
        None,
        Some(&place),
        &scenarios,
        &View::default(),
        &PackNotes::default(),
        &CostAssumptions::default(),
    );
    let Ok(work) = load_work(&work, Some(&sealed)) else {
        return Ok(());
    };
    use_saved_work(work)
}

/// Saved work, read back, used: figures, exports, fixing and leaving out rows, undo and redo
/// to both ends in every scenario.
fn use_saved_work(work: SavedWork) -> Result<(), String> {
    let (Some(mut place), mut scenarios) = (work.place, work.scenarios) else {
        return Ok(());
    };
    // Every scenario of the set, each with its own history.
    for index in 0..scenarios.list().len() {
        scenarios
            .change(SetCommand::Open { index })
            .map_err(|error| format!("a saved scenario could not be opened: {error}"))?;
        use_the_place(&place, &scenarios.scenario)?;
        while scenarios.apply(Command::Undo).is_ok() {
            use_the_place(&place, &scenarios.scenario)?;
        }
        while scenarios.apply(Command::Redo).is_ok() {}
        use_the_place(&place, &scenarios.scenario)?;
    }
    for file in 0..place.files.len() {
        let _ = place.fix_row(file, 0, "1");
        let _ = place.leave_out(file, 0);
    }
    scenarios.scenario.cover_lines(place.dataset.lines.len());
    use_the_place(&place, &scenarios.scenario)
}

/// A scenario file opened over a small place, then used and undone.
pub fn scenario(bytes: &[u8]) -> Result<(), String> {
    let place = scenario_place();
    let Ok((opened, view)) = open_scenario_file(bytes, &place) else {
        return Ok(());
    };
    // A file of one scenario opens into the open scenario, as an edit; a file of several
    // replaces the set. Both routes are used.
    if let OpenedScenarios::One(scenario) = &opened {
        let mut editor = Editor::new(place.dataset.lines.len());
        editor
            .apply(Command::Edit(Edit::Replace {
                scenario: Box::new(scenario.clone()),
            }))
            .map_err(|error| format!("an opened scenario was refused by the editor: {error}"))?;
    }
    let mut scenarios = opened.into_set();
    scenarios
        .validate(place.dataset.lines.len())
        .map_err(|error| format!("an opened scenario does not fit: {error}"))?;
    for index in 0..scenarios.list().len() {
        scenarios
            .change(SetCommand::Open { index })
            .map_err(|error| format!("an opened scenario could not be opened: {error}"))?;
        use_the_view(&place, &scenarios.scenario, &view)?;
        create_pot_and_move_everything(&mut scenarios)?;
        use_the_place(&place, &scenarios.scenario)?;
        while scenarios.apply(Command::Undo).is_ok() {}
        use_the_place(&place, &scenarios.scenario)?;
    }
    Ok(())
}

fn create_pot_and_move_everything(editor: &mut Editor) -> Result<(), String> {
    editor
        .apply(Command::Edit(Edit::CreatePot {
            name: "Fuzz".into(),
            colour: 0,
            policy: PotPolicy::LiftRingfence,
        }))
        .map_err(|error| format!("a new pot was refused: {error}"))?;
    let lines = (0..editor.scenario.lines() as u32).collect();
    editor
        .apply(Command::Edit(Edit::MoveLines {
            lines,
            to: editor.newest_pot(),
        }))
        .map_err(|error| format!("moving every line was refused: {error}"))
}

/// Imports `bytes` as file `name` and checks the books balance, then uses the place.
fn imported(name: &str, bytes: &[u8]) -> Result<(), String> {
    let mut place = Place {
        origin: Origin::Uploads,
        ..Place::default()
    };
    let Ok(report) = import_file(
        &mut place.dataset,
        name,
        bytes.to_vec(),
        ImportOptions::default(),
    ) else {
        return Ok(());
    };
    balances(&report, &place.dataset)?;
    place.add_file(report, fingerprint(bytes), bytes.len() as u64);
    let mut editor = Editor::new(place.dataset.lines.len());
    use_the_place(&place, &editor.scenario)?;
    create_pot_and_move_everything(&mut editor)?;
    use_the_place(&place, &editor.scenario)?;
    let issues = place.files[0].report.needs_attention.len();
    for issue in (0..issues.min(3)).rev() {
        let _ = place.fix_row(0, issue, "12.50");
    }
    if !place.files[0].report.needs_attention.is_empty() {
        place
            .leave_out(0, 0)
            .map_err(|error| format!("leaving out the first row needing attention: {error}"))?;
    }
    if !place.summary().reconciles(&place.dataset) {
        return Err(format!(
            "the place no longer reconciles after fixes: {:?}",
            place.summary()
        ));
    }
    Ok(())
}

/// Every data row is a line, needs attention or is skipped, and the money adds up exactly.
fn balances(report: &ImportReport, dataset: &Dataset) -> Result<(), String> {
    let accounted = u64::from(report.lines_imported)
        + report.needs_attention.len() as u64
        + report.skipped.len() as u64
        + report.left_out.len() as u64;
    if accounted != u64::from(report.data_rows) {
        return Err(format!(
            "{} data rows but {accounted} accounted for",
            report.data_rows
        ));
    }
    if report.total != dataset.total() {
        return Err(format!(
            "the report's total {:?} is not the lines' {:?}",
            report.total,
            dataset.total()
        ));
    }
    if dataset.lines.len() != report.lines_imported as usize {
        return Err("the report's line count is not the dataset's".to_owned());
    }
    Ok(())
}

/// What the page does with a place: every figure and chart, their tables and SVGs, the map's
/// groupings, and the pooled-budget CSV; every chart adds up to the place.
fn use_the_place(place: &Place, scenario: &Scenario) -> Result<(), String> {
    use_the_view(place, scenario, &View::default())
}

/// [`use_the_place`] for one place and year: the view's figures add up to its lines.
fn use_the_view(place: &Place, scenario: &Scenario, view: &View) -> Result<(), String> {
    let dataset = &place.dataset;
    let filter = view.filter(dataset);
    let figures = Figures::compute(dataset, scenario, view);
    let total: Pence = filter.lines(dataset).map(|(_, line)| line.amount).sum();
    if figures.headline.money.total() != total {
        return Err("the headline total is not the lines' total".to_owned());
    }
    for kind in ChartKind::ALL {
        let chart = figures.chart(kind);
        let _ = chart.table();
        let svg = chart_svg(chart, "Source: fuzz.", 640);
        if svg
            .chars()
            .any(|c| c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
        {
            return Err(format!("the {} SVG has a control character", kind.id()));
        }
    }
    for by in GroupBy::ALL {
        let _ = groups(dataset, scenario, None, by, "a", &filter);
    }
    let _ = pooled_budget_csv(dataset, scenario, &filter);
    let _ = place.summary();
    Ok(())
}

/// The place scenario files are opened over: three lines from one small CSV.
pub fn scenario_place() -> Place {
    let text = b"Funder,Programme,Amount,Ringfenced\nDfT,Buses,100,Yes\nMoJ,Youth,50,No\nDfE,Schools,25,\n";
    let mut place = Place {
        origin: Origin::Uploads,
        ..Place::default()
    };
    let report = import_file(
        &mut place.dataset,
        "place.csv",
        text.to_vec(),
        ImportOptions::default(),
    )
    .expect("the scenario place imports");
    place.add_file(report, fingerprint(text), text.len() as u64);
    place
}

/// Seeds for the saved-work and scenario targets, made with the app's own writers.
pub fn generated_seeds(target: &str) -> Vec<Vec<u8>> {
    let place = scenario_place();
    let mut editor = Editor::new(place.dataset.lines.len());
    create_pot_and_move_everything(&mut editor).expect("a pot over the scenario place");
    match target {
        "saved" => vec![serde_json::json!({
            "version": 1,
            "sample": null,
            "place": place,
            "editor": editor,
        })
        .to_string()
        .into_bytes()],
        "scenario" => {
            vec![scenario_file(&place, &Scenarios::single(editor), &View::default()).into_bytes()]
        }
        // The body of the place as saved, after its header.
        "saved-place" => vec![save_place(&place)[PLACE_HEADER..].to_vec()],
        _ => Vec::new(),
    }
}
