//! Tests of saved work: scenario files, the work record and the place saved with it.

use super::place_bytes::tests::own_place as place;
use super::*;
use crate::scenario::{Command, PotPolicy};

/// The work record of `scenarios` over a sample or the person's own place, with nothing
/// else set.
fn work_of(sample: Option<&str>, own: Option<&Place>, scenarios: &Scenarios) -> String {
    save_work(
        sample,
        own,
        scenarios,
        &View::default(),
        &PackNotes::default(),
        &CostAssumptions::default(),
    )
}

fn pooled(place: &Place) -> Editor {
    crate::scenario::test_support::editor_with_pot(
        place.dataset.lines.len(),
        "Early help",
        PotPolicy::LiftRingfence,
        &[1],
    )
}

#[test]
fn scenario_files_round_trip_and_refuse_the_wrong_place_or_tampering() {
    let here = place("Funder,Amount\nDfT,1\nMoJ,2\n");
    let editor = Scenarios::single(pooled(&here));
    let view = View::of(
        crate::view::PlaceChoice::Area("E06000047".into()),
        crate::view::YearChoice::Year(crate::model::FinancialYear(2016)),
    );
    let json = scenario_file(&here, &editor, &view);
    assert_eq!(
        open_scenario_file(json.as_bytes(), &here),
        Ok((
            OpenedScenarios::All(vec![FileScenario {
                name: crate::scenario::FIRST_SCENARIO.into(),
                scenario: editor.scenario.clone(),
            }]),
            view.clone()
        ))
    );
    // A version 1 file, written before the place and year were kept, still opens.
    let key = PlaceKey::of(&here);
    let version_1 = serde_json::json!({
        "format": SCENARIO_FORMAT,
        "version": 1,
        "place": key,
        "scenario": editor.scenario.as_plain(),
        "checksum": checksum(1, &key, &ScenarioFile {
            format: SCENARIO_FORMAT.into(),
            version: 1,
            place: key.clone(),
            scenario: Some(editor.scenario.clone()),
            scenarios: Vec::new(),
            view: View::default(),
            checksum: String::new(),
        }),
    });
    assert_eq!(
        open_scenario_file(version_1.to_string().as_bytes(), &here),
        Ok((
            OpenedScenarios::One(editor.scenario.clone()),
            View::default()
        ))
    );
    // So does a version 2 file (one scenario, with the place and year).
    let version_2 = ScenarioFile {
        format: SCENARIO_FORMAT.into(),
        version: 2,
        place: key.clone(),
        scenario: Some(editor.scenario.clone()),
        scenarios: Vec::new(),
        view: view.clone(),
        checksum: String::new(),
    };
    let version_2 = ScenarioFile {
        checksum: checksum(2, &key, &version_2),
        ..version_2
    };
    // As version 2 wrote it: each line's pot in a JSON array.
    let version_2 = serde_json::json!({
        "format": SCENARIO_FORMAT,
        "version": 2,
        "place": key,
        "scenario": editor.scenario.as_plain(),
        "view": view,
        "checksum": version_2.checksum,
    })
    .to_string();
    let (opened, shown) = open_scenario_file(version_2.as_bytes(), &here).unwrap();
    assert_eq!(
        (opened.clone(), shown),
        (OpenedScenarios::One(editor.scenario.clone()), view.clone())
    );
    assert_eq!(
        opened.into_set().open_name(),
        crate::scenario::FIRST_SCENARIO
    );
    // And a version 3 file (every named scenario, pots in arrays).
    let version_3 = ScenarioFile {
        format: SCENARIO_FORMAT.into(),
        version: 3,
        place: key.clone(),
        scenario: None,
        scenarios: vec![FileScenario {
            name: "Ours".into(),
            scenario: editor.scenario.clone(),
        }],
        view: view.clone(),
        checksum: String::new(),
    };
    let version_3 = serde_json::json!({
        "format": SCENARIO_FORMAT,
        "version": 3,
        "place": key,
        "scenarios": [{ "name": "Ours", "scenario": editor.scenario.as_plain() }],
        "view": view,
        "checksum": checksum(3, &key, &version_3),
    })
    .to_string();
    assert!(version_3.contains("\"assignment\":[0,1]"), "{version_3}");
    assert_eq!(
        open_scenario_file(version_3.as_bytes(), &here),
        Ok((
            OpenedScenarios::All(vec![FileScenario {
                name: "Ours".into(),
                scenario: editor.scenario.clone(),
            }]),
            view.clone()
        ))
    );
    assert!(
        !json.contains("\"assignment\": ["),
        "version 4 writes each line's pot compactly: {json}"
    );
    let moved = json.replace("E06000047", "E08000009");
    assert_eq!(
        open_scenario_file(moved.as_bytes(), &here),
        Err(SavedError::Tampered),
        "the view is under the checksum too"
    );

    let elsewhere = place("Funder,Amount\nDfT,1\nMoJ,3\n");
    assert!(matches!(
        open_scenario_file(json.as_bytes(), &elsewhere),
        Err(SavedError::OtherPlace(_))
    ));
    let tampered = json.replace("Early help", "Late help");
    assert_eq!(
        open_scenario_file(tampered.as_bytes(), &here),
        Err(SavedError::Tampered)
    );
    let newer = json.replace("\"version\": 4", "\"version\": 9");
    assert_eq!(
        open_scenario_file(newer.as_bytes(), &here),
        Err(SavedError::NewerVersion(9))
    );
    assert!(matches!(
        open_scenario_file(b"{\"grants\": []}", &here),
        Err(SavedError::NotScenario(_))
    ));
    assert!(matches!(
        open_scenario_file(b"not json", &here),
        Err(SavedError::NotScenario(_))
    ));
}

#[test]
fn saved_work_round_trips_with_its_history() {
    let here = place("Funder,Amount\nDfT,1\nMoJ,2\n");
    let editor = Scenarios::single(pooled(&here));
    let work = work_of(None, Some(&here), &editor);
    assert!(
        !work.contains("DfT"),
        "the record saved on every change holds no lines"
    );
    // A place kept as JSON, as versions before the binary record kept it, still opens.
    let as_json = serde_json::to_vec(&here).unwrap();
    let earlier = load_work(&work, Some(&as_json)).unwrap();
    assert_eq!(earlier.place.unwrap().dataset.lines, here.dataset.lines);
    let mut back = load_work(&work, Some(&save_place(&here))).unwrap();
    let restored = back.place.as_ref().unwrap();
    assert_eq!(restored.dataset.lines, here.dataset.lines);
    assert_eq!(restored.summary(), here.summary());
    assert_eq!(back.scenarios, editor);
    back.scenarios.apply(Command::Undo).unwrap();
    assert_eq!(
        back.scenarios.scenario.pot_of(1),
        None,
        "undo history survives a reload"
    );
}

#[test]
fn saved_work_refuses_a_place_it_was_not_saved_with_and_reads_version_1() {
    let here = place("Funder,Amount\nDfT,1\nMoJ,2\n");
    let elsewhere = place("Funder,Amount\nDfT,1\nMoJ,3\n");
    let editor = Scenarios::single(pooled(&here));
    let work = work_of(None, Some(&here), &editor);
    assert!(matches!(
        load_work(&work, Some(&save_place(&elsewhere))),
        Err(SavedError::Mismatched)
    ));
    assert!(matches!(
        load_work(&work, None),
        Err(SavedError::Mismatched)
    ));
    let sample = load_work(&work_of(Some("durham"), None, &editor), None).unwrap();
    assert_eq!(
        (sample.sample.as_deref(), sample.place.is_none()),
        (Some("durham"), true)
    );

    // Version 1 kept the place inside the one record.
    let version_1 = serde_json::json!({
        "version": 1,
        "sample": null,
        "place": here,
        "editor": &*editor,
    })
    .to_string();
    let back = load_work(&version_1, None).unwrap();
    assert_eq!(back.place.unwrap().dataset.lines, here.dataset.lines);
    assert_eq!(back.scenarios, editor);
    let newer = work.replace("\"version\":4", "\"version\":5");
    assert!(matches!(
        load_work(&newer, None),
        Err(SavedError::NewerVersion(5))
    ));
}

#[test]
fn a_saved_place_whose_money_cannot_be_added_exactly_is_refused() {
    let mut own = place("Funder,Amount\nDfT,10\nMoJ,5\n");
    for line in &mut own.dataset.lines {
        line.amount = crate::model::Pence(i64::MAX);
    }
    let editor = Scenarios::new(2);
    let work = work_of(None, Some(&own), &editor);
    assert_eq!(
        load_work(&work, Some(&save_place(&own))).err(),
        Some(SavedError::MoneyOutOfRange)
    );
}

#[test]
fn a_newer_version_number_is_shown_whole() {
    let own = place("Funder,Amount\nDfT,10\n");
    let json = scenario_file(&own, &Scenarios::new(1), &View::default())
        .replace("\"version\": 4", "\"version\": 4294967297");
    assert_eq!(
        open_scenario_file(json.as_bytes(), &own).err(),
        Some(SavedError::NewerVersion(4_294_967_297))
    );
}

#[test]
fn the_board_packs_own_words_are_saved_with_the_work() {
    let own = place("Funder,Amount\nDfT,10\n");
    let editor = Scenarios::new(1);
    let mut pack = PackNotes {
        title: Some("Durham: the case for a single pot".into()),
        ..PackNotes::default()
    };
    pack.commentary
        .insert("Summary".into(), "Most money is ringfenced.".into());
    let work = save_work(
        None,
        Some(&own),
        &editor,
        &View::default(),
        &pack,
        &CostAssumptions::default(),
    );
    let back = load_work(&work, Some(&save_place(&own))).unwrap();
    assert_eq!(back.pack, pack);
    let before_notes = work.replace(
        &format!(",\"pack\":{}", serde_json::to_string(&pack).unwrap()),
        "",
    );
    assert_ne!(before_notes, work, "the record without its pack");
    let back = load_work(&before_notes, Some(&save_place(&own))).unwrap();
    assert_eq!(
        back.pack,
        PackNotes::default(),
        "work saved before the pack had words"
    );
}

#[test]
fn only_a_place_kept_as_json_is_given_places_and_years_again() {
    let mut here = place("Funder,Recipient,Amount\nDfT,Durham County Council,1\nMoJ,Age UK,2\n");
    // As a version before places were read saved it: no place, nothing said about it.
    here.dataset.lines[0].area = crate::model::StringPool::BLANK;
    here.dataset.lines[0].place_basis = crate::model::PlaceBasis::NoClue;
    let work = work_of(None, Some(&here), &Scenarios::single(pooled(&here)));
    let as_json = serde_json::to_vec(&here).unwrap();
    let earlier = load_work(&work, Some(&as_json)).unwrap().place.unwrap();
    assert_eq!(
        earlier.dataset.text(earlier.dataset.lines[0].area),
        "E06000047"
    );
    // A binary place was written by a version that reads places: its lines say how their
    // place was found already, and a million of them are not looked up again.
    let binary = load_work(&work, Some(&save_place(&here)))
        .unwrap()
        .place
        .unwrap();
    assert_eq!(binary.dataset.lines, here.dataset.lines);
}
