//! Saving work: the browser's own copy (so a reload or a crash loses nothing) and scenario files
//! a person can keep, share and open again. Both are versioned and checked when read: scenario
//! files and the work record are JSON, the person's own place a binary record ([`save_place`]).

mod place_bytes;
mod place_writer;

pub use place_bytes::{read_place, save_place, seal_place, PLACE_HEADER, PLACE_VERSION};
pub use place_writer::PlaceWriter;

use serde::{Deserialize, Serialize};

use crate::costs::CostAssumptions;
use crate::pack_notes::PackNotes;
use crate::place::Place;
use crate::scenario::{CommandError, Editor, NamedScenario, Scenario, Scenarios};
use crate::view::View;

/// The version of scenario files written here. Version 3 holds every named scenario of the
/// place; version 2 added the place and year shown; versions 1 and 2 (one scenario) are still
/// read.
pub const VERSION: u32 = 3;
/// The version of the work kept in the browser. Version 1 kept the place and the editor in one
/// record; version 2 keeps the place apart, written only when it changes, so a move among a
/// million lines saves the scenario (kilobytes), not the place (hundreds of megabytes);
/// version 3 keeps every named scenario. Versions 1 and 2 are still read.
pub const WORK_VERSION: u32 = 3;
/// What a scenario file says it is.
pub const SCENARIO_FORMAT: &str = "grantpool-scenario";

/// Why saved work or a scenario file could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SavedError {
    #[error("it is not a grantpool scenario file ({0})")]
    NotScenario(String),
    #[error("it was saved by a newer grantpool (format version {0})")]
    NewerVersion(u64),
    #[error("the saved scenario does not belong to the saved files")]
    Mismatched,
    #[error("it has been changed since it was saved (its checksum does not match)")]
    Tampered,
    #[error("it was made for other data: {0}")]
    OtherPlace(String),
    #[error("{0}")]
    Invalid(#[from] CommandError),
    #[error("its amounts add up to more than grantpool can hold exactly")]
    MoneyOutOfRange,
    #[error("it is damaged: {0}")]
    Damaged(String),
}

/// Everything on the page worth keeping between visits.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SavedWork {
    pub version: u32,
    /// The sample shown, if the place is a sample (its data is reloaded from the sample file).
    pub sample: Option<String>,
    /// The place, if it is the user's own files.
    pub place: Option<Place>,
    /// The named scenarios, each with its undo history.
    pub scenarios: Scenarios,
    /// The place and year shown.
    pub view: View,
    /// The board pack's own words.
    pub pack: PackNotes,
    /// The cost assumptions.
    pub costs: CostAssumptions,
}

/// Identifies the data a scenario was made for: its files, by contents, and its line count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceKey {
    pub files: Vec<(String, String)>,
    pub lines: usize,
}

impl PlaceKey {
    /// The key of a place.
    pub fn of(place: &Place) -> PlaceKey {
        PlaceKey {
            files: place
                .files
                .iter()
                .map(|f| (f.report.file.clone(), format!("{:016x}", f.fingerprint)))
                .collect(),
            lines: place.dataset.lines.len(),
        }
    }
}

/// One named scenario in a file (version 3): its pots, without its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileScenario {
    pub name: String,
    pub scenario: Scenario,
}

#[derive(Serialize, Deserialize)]
struct ScenarioFile {
    format: String,
    version: u32,
    place: PlaceKey,
    /// Versions 1 and 2: the one scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scenario: Option<Scenario>,
    /// Version 3: every scenario of the place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    scenarios: Vec<FileScenario>,
    /// The place and year shown (from version 2).
    #[serde(default)]
    view: View,
    /// xxh3 of the file's other fields, to spot a hand-edited or damaged file.
    checksum: String,
}

fn checksum(version: u32, place: &PlaceKey, file: &ScenarioFile) -> String {
    let one = file.scenario.clone().unwrap_or_default();
    let body = match version {
        3.. => {
            serde_json::to_string(&(SCENARIO_FORMAT, version, place, &file.scenarios, &file.view))
        }
        2 => serde_json::to_string(&(SCENARIO_FORMAT, version, place, &one, &file.view)),
        _ => serde_json::to_string(&(SCENARIO_FORMAT, version, place, &one)),
    }
    .expect("serialisable");
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(body.as_bytes()))
}

/// Every scenario of the place, with the place and year shown, as a file's JSON.
pub fn scenario_file(place: &Place, scenarios: &Scenarios, view: &View) -> String {
    let key = PlaceKey::of(place);
    let mut file = ScenarioFile {
        format: SCENARIO_FORMAT.to_owned(),
        version: VERSION,
        checksum: String::new(),
        place: key.clone(),
        scenario: None,
        scenarios: scenarios
            .list()
            .iter()
            .map(|named| FileScenario {
                name: named.name.clone(),
                scenario: named.editor.scenario.clone(),
            })
            .collect(),
        view: view.clone(),
    };
    file.checksum = checksum(VERSION, &key, &file);
    serde_json::to_string_pretty(&file).expect("serialisable")
}

/// What a scenario file held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenedScenarios {
    /// A file from before named scenarios (versions 1 and 2): one scenario.
    One(Scenario),
    /// Every scenario of the place (version 3).
    All(Vec<FileScenario>),
}

impl OpenedScenarios {
    /// The scenarios as a set to open, each with no history, the first open.
    pub fn into_set(self) -> Scenarios {
        let list = match self {
            OpenedScenarios::One(scenario) => vec![FileScenario {
                name: crate::scenario::FIRST_SCENARIO.to_owned(),
                scenario,
            }],
            OpenedScenarios::All(list) => list,
        };
        Scenarios::from_list(
            list.into_iter()
                .map(|f| NamedScenario {
                    name: f.name,
                    editor: Editor::keeping_pots(&f.scenario, &[]),
                })
                .collect(),
        )
        .expect("a file holds at least one scenario")
    }
}

/// Reads a scenario file, and the place and year it was showing, and checks it belongs to
/// `place`.
pub fn open_scenario_file(
    json: &[u8],
    place: &Place,
) -> Result<(OpenedScenarios, View), SavedError> {
    let value: serde_json::Value = serde_json::from_slice(json)
        .map_err(|error| SavedError::NotScenario(format!("not JSON: {error}")))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(SCENARIO_FORMAT) {
        return Err(SavedError::NotScenario(
            "no \"format\": \"grantpool-scenario\"".to_owned(),
        ));
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(VERSION) {
        return Err(SavedError::NewerVersion(version));
    }
    let file: ScenarioFile = serde_json::from_value(value)
        .map_err(|error| SavedError::NotScenario(error.to_string()))?;
    if checksum(file.version, &file.place, &file) != file.checksum {
        return Err(SavedError::Tampered);
    }
    let here = PlaceKey::of(place);
    if file.place != here {
        let names = |key: &PlaceKey| {
            key.files
                .iter()
                .map(|(name, _)| name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Err(SavedError::OtherPlace(format!(
            "{} ({}), but this place holds {} ({})",
            names(&file.place),
            crate::format::counted(file.place.lines as u64, "line", "lines"),
            names(&here),
            crate::format::counted(here.lines as u64, "line", "lines")
        )));
    }
    let lines = place.dataset.lines.len();
    let opened = match (file.version, file.scenario, file.scenarios) {
        (3.., _, list) if !list.is_empty() => {
            for named in &list {
                if named.name.trim().is_empty() {
                    return Err(CommandError::BlankName.into());
                }
                named.scenario.validate(lines)?;
            }
            OpenedScenarios::All(list)
        }
        (..=2, Some(scenario), _) => {
            scenario.validate(lines)?;
            OpenedScenarios::One(scenario)
        }
        _ => return Err(SavedError::NotScenario("it holds no scenario".to_owned())),
    };
    Ok((opened, file.view))
}

/// The small record saved on every change: the sample shown (or the key of the user's own
/// place, kept in its own record) and the editor.
#[derive(Serialize)]
struct WorkRecordView<'a> {
    version: u32,
    sample: Option<&'a str>,
    place_key: Option<PlaceKey>,
    scenarios: &'a Scenarios,
    view: &'a View,
    pack: &'a PackNotes,
    costs: &'a CostAssumptions,
}

#[derive(Deserialize)]
struct WorkRecord {
    version: u32,
    sample: Option<String>,
    /// Version 1 kept the place here.
    #[serde(default)]
    place: Option<Place>,
    /// Version 2: the key of the place kept in its own record.
    #[serde(default)]
    place_key: Option<PlaceKey>,
    /// Before named scenarios: the one editor.
    #[serde(default)]
    editor: Option<Editor>,
    #[serde(default)]
    scenarios: Option<Scenarios>,
    #[serde(default)]
    view: View,
    #[serde(default)]
    pack: PackNotes,
    #[serde(default)]
    costs: CostAssumptions,
}

/// The record saved on every change, which [`load_work`] reads back: the sample shown, or the
/// key of the user's own place (saved by [`save_place`]), the editor with its history, the
/// place and year shown, and the board pack's own words.
pub fn save_work(
    sample: Option<&str>,
    own_place: Option<&Place>,
    scenarios: &Scenarios,
    view: &View,
    pack: &PackNotes,
    costs: &CostAssumptions,
) -> String {
    serde_json::to_string(&WorkRecordView {
        version: WORK_VERSION,
        sample,
        place_key: own_place.map(PlaceKey::of),
        scenarios,
        view,
        pack,
        costs,
    })
    .expect("serialisable")
}

/// Reads saved work: the record [`save_work`] wrote and, for the user's own files, the place
/// [`save_place`] wrote (version 1's single record is read too). Refuses a newer format, a
/// place that is not the one the scenario was saved with, and a scenario that does not fit.
pub fn load_work(work_json: &str, saved_place: Option<&[u8]>) -> Result<SavedWork, SavedError> {
    let record: WorkRecord = serde_json::from_str(work_json)
        .map_err(|error| SavedError::NotScenario(error.to_string()))?;
    if record.version > WORK_VERSION {
        return Err(SavedError::NewerVersion(u64::from(record.version)));
    }
    let place = match (record.place, record.place_key) {
        (Some(place), _) => Some(place),
        (None, Some(key)) => {
            let place = read_place(saved_place.ok_or(SavedError::Mismatched)?)?;
            if PlaceKey::of(&place) != key {
                return Err(SavedError::Mismatched);
            }
            Some(place)
        }
        (None, None) => None,
    };
    let scenarios = match (record.scenarios, record.editor) {
        (Some(scenarios), _) => scenarios,
        (None, Some(editor)) => Scenarios::single(editor),
        (None, None) => return Err(SavedError::Damaged("it holds no scenario".to_owned())),
    };
    if let Some(place) = &place {
        if !place.dataset.money_fits() {
            return Err(SavedError::MoneyOutOfRange);
        }
        place.check().map_err(SavedError::Damaged)?;
        scenarios
            .validate(place.dataset.lines.len())
            .map_err(|error| SavedError::Damaged(error.to_string()))?;
    }
    // Work saved before places and years were read gets them from what its lines hold, and
    // names are settled again, since this version's list of departments may know more.
    let place = place.map(|mut place| {
        place.fill_places_and_years();
        let lines = place.dataset.lines.len();
        crate::names::settle(&mut place.dataset, 0..lines);
        place
    });
    Ok(SavedWork {
        version: record.version,
        sample: record.sample,
        place,
        scenarios,
        view: record.view,
        pack: record.pack,
        costs: record.costs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_file, ImportOptions};
    use crate::place::{fingerprint, Origin};
    use crate::scenario::{Command, PotPolicy};

    fn place(text: &str) -> Place {
        let mut place = Place {
            origin: Origin::Uploads,
            ..Place::default()
        };
        let bytes = text.as_bytes().to_vec();
        let print = fingerprint(&bytes);
        let report =
            import_file(&mut place.dataset, "p.csv", bytes, ImportOptions::default()).unwrap();
        place.add_file(report, print, text.len() as u64);
        place
    }

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
            "scenario": editor.scenario,
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
        let version_2 = serde_json::to_string(&version_2).unwrap();
        let (opened, shown) = open_scenario_file(version_2.as_bytes(), &here).unwrap();
        assert_eq!(
            (opened.clone(), shown),
            (OpenedScenarios::One(editor.scenario.clone()), view.clone())
        );
        assert_eq!(
            opened.into_set().open_name(),
            crate::scenario::FIRST_SCENARIO
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
        let newer = json.replace("\"version\": 3", "\"version\": 9");
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
        let newer = work.replace("\"version\":3", "\"version\":4");
        assert!(matches!(
            load_work(&newer, None),
            Err(SavedError::NewerVersion(4))
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
            .replace("\"version\": 3", "\"version\": 4294967297");
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
}
