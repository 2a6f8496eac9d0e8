use super::*;
use crate::import::{import_file, ImportOptions};
use crate::place::{apply, fingerprint, Place, PlaceChange, PlaceCommand};

fn place_of(files: &[(&str, &str)]) -> Place {
    let mut place = Place::default();
    for (name, text) in files {
        let bytes = text.as_bytes().to_vec();
        let report =
            import_file(&mut place.dataset, name, bytes, ImportOptions::default()).unwrap();
        place.add_file(report, fingerprint(text.as_bytes()), text.len() as u64);
    }
    place
}

fn funders(place: &Place) -> Vec<&str> {
    let mut names: Vec<&str> = place
        .dataset
        .lines
        .iter()
        .map(|line| place.dataset.text(line.funder))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

const REGISTER: &str = "Funder,Programme,Amount\nDfE,Schools,10\nDepartment for Education,Schools,5\nDCLG,Troubled Families,7\nMHCLG,Troubled families,3\nCLG Local Government,RSG,1\nDurham County Council,Area Action,2\n";

#[test]
fn a_department_under_several_names_is_one_funder_and_the_report_says_so() {
    let place = place_of(&[("register.csv", REGISTER)]);
    assert_eq!(
        funders(&place),
        [
            "Department for Education",
            "Durham County Council",
            "Ministry of Housing, Communities and Local Government"
        ]
    );
    let renamed = &place.files[0].report.renamed;
    let summary: Vec<(&str, &str, u32, i64)> = renamed
        .iter()
        .map(|r| (r.from.as_str(), r.into.as_str(), r.lines, r.money.0))
        .collect();
    assert_eq!(summary.len(), 4, "{summary:?}");
    assert!(summary.contains(&("DfE", "Department for Education", 1, 1_000)));
    assert!(renamed
        .iter()
        .any(|r| r.from == "CLG Local Government" && r.why.contains("grants register")));
    let dfe = &place.dataset.lines[0];
    assert_eq!(place.dataset.text(dfe.funder_as_written), "DfE");
    assert_eq!(
        place.dataset.lines[1].funder_as_written,
        StringPool::BLANK,
        "a name already as shown keeps no second name"
    );
    assert!(place.summary().reconciles(&place.dataset));
    assert!(place.check().is_ok());
}

#[test]
fn a_merge_by_hand_applies_to_every_line_is_remembered_and_can_be_taken_back() {
    let mut place = place_of(&[("register.csv", REGISTER)]);
    let mut editor = crate::scenario::Scenarios::new(place.dataset.lines.len());
    let merge = PlaceCommand::MergeNames {
        field: NameField::Programme,
        from: "Troubled families".into(),
        into: "Troubled Families".into(),
    };
    assert_eq!(
        apply(&mut place, &mut editor, merge),
        Ok(PlaceChange::Renamed { lines: 1 })
    );
    let programmes: std::collections::BTreeSet<&str> = place
        .dataset
        .lines
        .iter()
        .map(|line| place.dataset.text(line.programme))
        .collect();
    assert!(!programmes.contains("Troubled families"));

    // The next file's lines are merged too, and its report lists it.
    let next = "Funder,Programme,Amount\nDLUHC,Troubled families,4\n";
    let report = import_file(
        &mut place.dataset,
        "next.csv",
        next.as_bytes().to_vec(),
        ImportOptions::default(),
    )
    .unwrap();
    place.add_file(report, 9, 9);
    let last = place.dataset.lines.last().unwrap();
    assert_eq!(place.dataset.text(last.programme), "Troubled Families");
    let whys: Vec<&str> = place.files[1]
        .report
        .renamed
        .iter()
        .map(|r| r.why.as_str())
        .collect();
    assert_eq!(whys, ["an abbreviation", MERGED_BY_HAND]);

    let take_back = PlaceCommand::UnmergeName {
        field: NameField::Programme,
        from: "Troubled families".into(),
    };
    assert_eq!(
        apply(&mut place, &mut editor, take_back),
        Ok(PlaceChange::Renamed { lines: 2 })
    );
    assert_eq!(
        place.dataset.text(place.dataset.lines[3].programme),
        "Troubled families"
    );
    assert_eq!(
        place.dataset.lines[3].programme_as_written,
        StringPool::BLANK
    );
}

#[test]
fn merges_follow_departments_and_never_go_round_in_a_circle() {
    let mut place = place_of(&[("register.csv", REGISTER)]);
    let dataset = &mut place.dataset;
    // A merge of a department's current name catches its abbreviations too.
    assert_eq!(
        merge(
            dataset,
            NameField::Funder,
            "Department for Education",
            "Education"
        ),
        Ok(2)
    );
    assert_eq!(dataset.text(dataset.lines[0].funder), "Education");
    assert_eq!(
        merge(dataset, NameField::Funder, "Education", "DfE"),
        Err(MergeError::Circle {
            from: "Education".into(),
            into: "DfE".into()
        })
    );
    assert_eq!(dataset.text(dataset.lines[0].funder), "Education");
    assert_eq!(
        merge(dataset, NameField::Funder, "Nobody", "DfE"),
        Err(MergeError::NoSuchName {
            field: "Funder",
            name: "Nobody".into()
        })
    );
    assert_eq!(
        merge(dataset, NameField::Funder, "DfE", " DfE "),
        Err(MergeError::SameName)
    );
    assert_eq!(
        unmerge(dataset, NameField::Funder, "DfE"),
        Err(MergeError::NotMerged("DfE".into()))
    );
    let listed = renamed(dataset);
    assert!(listed
        .iter()
        .any(|r| r.from == "DfE" && r.into == "Education" && r.why == MERGED_BY_HAND));
}

#[test]
fn exports_show_the_name_as_written_and_as_merged() {
    let place = place_of(&[("register.csv", REGISTER)]);
    let dataset = &place.dataset;
    let scenario = crate::scenario::Scenario::new(dataset.lines.len());
    let filter = crate::view::View::default().filter(dataset);
    let csv = crate::export::pooled_budget_csv(dataset, &scenario, &filter);
    let funders: Vec<&str> = csv
        .lines()
        .skip(1)
        .take(3)
        .map(|row| row.split(',').nth(2).unwrap())
        .collect();
    assert_eq!(
        funders,
        [
            "DfE → Department for Education",
            "Department for Education",
            "\"DCLG → Ministry of Housing"
        ]
    );
}
