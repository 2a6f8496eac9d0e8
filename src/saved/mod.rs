//! Saving work: the browser's own copy (so a reload or a crash loses nothing) and scenario files
//! a person can keep, share and open again. Both are versioned and checked when read: scenario
//! files and the work record are JSON, the person's own place a binary record ([`save_place`]).

mod place_bytes;
mod place_writer;

pub use place_bytes::{
    is_binary_place, read_place, save_place, seal_place, PLACE_HEADER, PLACE_VERSION,
};
pub use place_writer::PlaceWriter;

use serde::{Deserialize, Serialize};

use crate::costs::CostAssumptions;
use crate::pack_notes::PackNotes;
use crate::place::Place;
use crate::scenario::{CommandError, Editor, NamedScenario, Scenario, Scenarios};
use crate::view::View;

/// The version of scenario files written here. Version 4 writes each line's pot compactly
/// (see `scenario::packed`); version 3 holds every named scenario of the place; version 2
/// added the place and year shown; versions 1 to 3 are still read.
pub const VERSION: u32 = 4;
/// The version of the work kept in the browser. Version 1 kept the place and the editor in one
/// record; version 2 keeps the place apart, written only when it changes, so a move among a
/// million lines saves the scenario (kilobytes), not the place (hundreds of megabytes);
/// version 3 keeps every named scenario; version 4 writes lists of lines compactly (see
/// `scenario::packed`), so the record of a million lines is written in milliseconds.
/// Versions 1 to 3 are still read.
pub const WORK_VERSION: u32 = 4;
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

/// A [`FileScenario`] as versions before 4 wrote it.
#[derive(Serialize)]
struct PlainFileScenario<'a> {
    name: &'a str,
    scenario: crate::scenario::PlainScenario<'a>,
}

fn checksum(version: u32, place: &PlaceKey, file: &ScenarioFile) -> String {
    let one = file.scenario.clone().unwrap_or_default();
    // Versions before 4 wrote each line's pot as a JSON array: their checksums are of that.
    let body = match version {
        4.. => {
            serde_json::to_string(&(SCENARIO_FORMAT, version, place, &file.scenarios, &file.view))
        }
        3 => {
            let plain: Vec<PlainFileScenario> = file
                .scenarios
                .iter()
                .map(|f| PlainFileScenario {
                    name: &f.name,
                    scenario: f.scenario.as_plain(),
                })
                .collect();
            serde_json::to_string(&(SCENARIO_FORMAT, version, place, &plain, &file.view))
        }
        2 => serde_json::to_string(&(SCENARIO_FORMAT, version, place, one.as_plain(), &file.view)),
        _ => serde_json::to_string(&(SCENARIO_FORMAT, version, place, one.as_plain())),
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
    // Whether the place may have been saved before places and years were read: a place kept
    // as JSON may; the binary place came after.
    let (place, may_predate_places) = match (record.place, record.place_key) {
        (Some(place), _) => (Some(place), true),
        (None, Some(key)) => {
            let saved_place = saved_place.ok_or(SavedError::Mismatched)?;
            let place = read_place(saved_place)?;
            if PlaceKey::of(&place) != key {
                return Err(SavedError::Mismatched);
            }
            (Some(place), !is_binary_place(saved_place))
        }
        (None, None) => (None, false),
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
        if may_predate_places {
            place.fill_places_and_years();
        }
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
mod tests;
