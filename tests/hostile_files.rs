//! Hostile workbooks (tests/fixtures/hostile/, built by its make.py) are refused quickly with a
//! clear message, before the workbook reader allocates what they declare, and never panic.

use std::time::{Duration, Instant};

use grantpool::import::{import_file, preview, ImportOptions};
use grantpool::model::Dataset;

fn refused(name: &str) -> String {
    let bytes = std::fs::read(format!(
        "{}/tests/fixtures/hostile/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the fixture exists");
    let started = Instant::now();
    let previewed = preview(name, &bytes, None).expect_err("the preview refuses it");
    let mut dataset = Dataset::default();
    let imported = import_file(&mut dataset, name, bytes, ImportOptions::default())
        .expect_err("the import refuses it");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{name} was refused quickly"
    );
    assert_eq!(previewed.to_string(), imported.to_string());
    assert!(dataset.lines.is_empty());
    imported.to_string()
}

#[test]
fn a_sheet_with_a_cell_at_xfd1048576_is_refused() {
    assert_eq!(
        refused("far-cell.xlsx"),
        "far-cell.xlsx: this workbook cannot be opened safely: the sheet “Grants” spans 17,179,869,184 cells, and grantpool opens sheets of up to 10,000,000"
    );
}

#[test]
fn a_shared_strings_table_declaring_400_million_strings_is_refused() {
    assert!(refused("huge-strings.xlsx")
        .contains("its shared-strings table declares 400,000,000 strings"));
}

#[test]
fn a_zip_bomb_disguised_as_a_workbook_is_refused() {
    assert!(refused("bomb.xlsx")
        .contains("it unzips to 900 MB, and grantpool opens workbooks of up to 800 MB"));
}

#[test]
fn ods_repeats_that_expand_to_billions_are_refused() {
    assert!(refused("repeated.ods").contains("its repeated cells expand to"));
}

#[test]
fn a_truncated_ods_is_refused_rather_than_read_for_ever() {
    assert!(refused("truncated.ods").contains("it is cut short"));
}
