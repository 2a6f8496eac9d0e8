//! The page's state: the place (plain data) and the steps of bringing files into it.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser::{
    fetch_bytes, load_setting, next_tick, now_ms, save_setting, sleep, store_get, store_write,
};
use grantpool::format;
use grantpool::import::mapping::header_signature;
use grantpool::import::{
    import_file, preview, ColumnMapping, ImportOptions, Importer, Preview, RingfenceRule,
};
use grantpool::place::{fingerprint, Origin, Place};
use grantpool::samples::{self, Sample};
use grantpool::saved::{load_work, save_place, save_work, SavedWork};
use grantpool::scenario::{Command, Editor};

/// Work done between two paints while importing, in milliseconds.
const SLICE_MS: f64 = 40.0;
/// Rows read between two looks at the clock.
const ROWS_PER_STEP: usize = 2_000;

/// Whether the place's data is ready to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Loading(String),
    Ready,
    Failed(String),
}

/// A message about something that happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub text: String,
    pub is_error: bool,
}

/// A file waiting to be imported.
#[derive(Debug, Clone)]
pub struct IncomingFile {
    pub name: String,
    pub bytes: Arc<Vec<u8>>,
}

/// A file shown on the column-mapping screen.
#[derive(Debug, Clone)]
pub struct MappingStep {
    pub file: IncomingFile,
    pub fingerprint: u64,
    pub preview: Preview,
    pub mapping: ColumnMapping,
    /// True when the mapping was remembered from an earlier file with the same columns.
    pub remembered: bool,
    pub rule: RingfenceRule,
}

/// An import under way.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub file: String,
    pub fraction: f64,
}

/// Every signal of the page, shared through context. The place itself is plain data
/// ([`Place`]); everything shown is derived from it.
#[derive(Clone, Copy)]
pub struct AppState {
    pub place: RwSignal<Place>,
    /// The redesign: pots and their lines, with undo history. Changed only by [`AppState::run`].
    pub editor: RwSignal<Editor>,
    pub status: RwSignal<Status>,
    pub sample: RwSignal<Option<&'static Sample>>,
    pub queue: RwSignal<Vec<IncomingFile>>,
    pub mapping: RwSignal<Option<MappingStep>>,
    pub progress: RwSignal<Option<Progress>>,
    pub notices: RwSignal<Vec<Notice>>,
    /// False until saved work has been restored, so the empty start never overwrites it.
    pub restored: RwSignal<bool>,
    /// Counts changes to save, and the last change that is safely saved.
    pub save_generation: RwSignal<u64>,
    pub saved_generation: RwSignal<u64>,
    /// Counts changes to the place, and the last one whose place record is saved: the place is
    /// written only when it changed, the small work record on every change.
    pub place_generation: RwSignal<u64>,
    pub saved_place_generation: RwSignal<u64>,
}

/// The key the work (the sample or the place's key, and the editor) is saved under in the
/// browser, on every change.
const WORK_KEY: &str = "work";
/// The key the user's own place is saved under, when it changes.
const PLACE_KEY: &str = "place";
/// Quiet time after a change before the work is saved.
const SAVE_DELAY_MS: i32 = 400;

async fn fetch_sample(sample: &'static Sample) -> Result<Place, String> {
    let bytes = fetch_bytes(sample.path).await.map_err(|reason| {
        format!(
            "The sample “{}” could not be loaded: {reason}.",
            sample.name
        )
    })?;
    let file_name = sample.path.rsplit('/').next().unwrap_or(sample.path);
    let mut place = Place {
        origin: Origin::Sample(sample.id.to_owned()),
        ..Place::default()
    };
    let print = fingerprint(&bytes);
    let size = bytes.len() as u64;
    let report = import_file(
        &mut place.dataset,
        file_name,
        bytes,
        ImportOptions::default(),
    )
    .map_err(|error| format!("The sample “{}” could not be read: {error}.", sample.name))?;
    if report.lines_imported == 0 {
        return Err(format!(
            "The sample “{}” could not be read: none of its {} rows is a funding line.",
            sample.name, report.data_rows
        ));
    }
    place.add_file(report, print, size);
    Ok(place)
}

impl AppState {
    pub fn new(sample: Option<&'static Sample>) -> AppState {
        AppState {
            place: RwSignal::new(Place::default()),
            editor: RwSignal::new(Editor::default()),
            status: RwSignal::new(Status::Loading(String::new())),
            sample: RwSignal::new(sample),
            queue: RwSignal::new(Vec::new()),
            mapping: RwSignal::new(None),
            progress: RwSignal::new(None),
            notices: RwSignal::new(Vec::new()),
            restored: RwSignal::new(false),
            save_generation: RwSignal::new(0),
            saved_generation: RwSignal::new(0),
            place_generation: RwSignal::new(0),
            saved_place_generation: RwSignal::new(0),
        }
    }

    /// Adds a message, newest last.
    pub fn notify(&self, text: String, is_error: bool) {
        let id = now_ms() as u64;
        self.notices.update(|notices| {
            notices.push(Notice { id, text, is_error });
            let excess = notices.len().saturating_sub(5);
            notices.drain(..excess);
        });
    }

    /// Applies a command to the scenario; on failure says why and changes nothing.
    pub fn run(&self, command: Command) -> bool {
        let mut outcome = Ok(());
        self.editor.update(|editor| outcome = editor.apply(command));
        match outcome {
            Ok(()) => true,
            Err(error) => {
                self.notify(format!("{}.", capitalise(&error.to_string())), true);
                false
            }
        }
    }

    /// Makes sure the scenario covers every line of the place (new lines start unpooled).
    pub fn cover_new_lines(&self) {
        let lines = self.place.with_untracked(|place| place.dataset.lines.len());
        if self.editor.with_untracked(|editor| editor.scenario.lines()) < lines {
            self.editor
                .update(|editor| editor.scenario.cover_lines(lines));
        }
    }

    /// Replaces the place with a built-in sample, with no pots.
    pub fn load_sample(self, sample: &'static Sample) {
        self.sample.set(Some(sample));
        self.status.set(Status::Loading(format!(
            "Loading the sample “{}”…",
            sample.name
        )));
        spawn_local(async move {
            let loaded = fetch_sample(sample).await;
            // A later choice of sample wins over this one.
            if self.sample.get_untracked() != Some(sample) {
                return;
            }
            match loaded {
                Ok(place) => {
                    self.editor.set(Editor::new(place.dataset.lines.len()));
                    self.place.set(place);
                    self.status.set(Status::Ready);
                }
                Err(message) => self.status.set(Status::Failed(message)),
            }
        });
    }

    /// Brings back the work saved in this browser; without any (or when the address asks for
    /// another sample), loads `fallback`.
    pub fn restore_or_load(self, fallback: &'static Sample, asked_for: bool) {
        self.status
            .set(Status::Loading("Opening your work…".to_owned()));
        spawn_local(async move {
            let read = async {
                let Some(work) = store_get(WORK_KEY).await? else {
                    return Ok(None);
                };
                let place = store_get(PLACE_KEY).await?;
                Ok::<_, String>(Some((work, place)))
            };
            let saved = match read.await {
                Ok(Some((work, place))) => match load_work(&work, place.as_deref()) {
                    Ok(work) => Some(work),
                    Err(error) => {
                        self.notify(format!("The work saved in this browser could not be opened ({error}); starting afresh."), true);
                        None
                    }
                },
                Ok(None) => None,
                Err(reason) => {
                    self.notify(
                        format!("Your work cannot be saved in this browser: {reason}."),
                        true,
                    );
                    None
                }
            };
            let saved_sample = saved
                .as_ref()
                .and_then(|w| w.sample.as_deref())
                .and_then(samples::find);
            match saved {
                Some(SavedWork {
                    place: Some(place),
                    editor,
                    ..
                }) if !asked_for => {
                    self.sample.set(None);
                    self.editor.set(editor);
                    self.place.set(place);
                    self.status.set(Status::Ready);
                }
                Some(SavedWork { editor, .. })
                    if saved_sample.is_some_and(|s| !asked_for || s == fallback) =>
                {
                    let sample = saved_sample.expect("checked above");
                    self.sample.set(Some(sample));
                    match fetch_sample(sample).await {
                        Ok(place) => {
                            let lines = place.dataset.lines.len();
                            let fits = editor.scenario.validate(lines).is_ok();
                            self.editor
                                .set(if fits { editor } else { Editor::new(lines) });
                            self.place.set(place);
                            self.status.set(Status::Ready);
                        }
                        Err(message) => self.status.set(Status::Failed(message)),
                    }
                }
                _ => self.load_sample(fallback),
            }
            self.restored.set(true);
        });
    }

    /// Saves the work in this browser once changes pause.
    pub fn save_soon(self) {
        self.save_generation.update(|g| *g += 1);
        let generation = self.save_generation.get_untracked();
        spawn_local(async move {
            sleep(SAVE_DELAY_MS).await;
            if self.save_generation.get_untracked() != generation {
                return;
            }
            let sample = self.sample.get_untracked().map(|s| s.id);
            let place_generation = self.place_generation.get_untracked();
            let place_changed = place_generation != self.saved_place_generation.get_untracked();
            let (work, place) = self.place.with_untracked(|place| {
                let own = (place.origin == Origin::Uploads).then_some(place);
                let work = self
                    .editor
                    .with_untracked(|editor| save_work(sample, own, editor));
                (work, own.filter(|_| place_changed).map(save_place))
            });
            // The place is written only when it changed; a sample's place is never written,
            // and an earlier own place is forgotten.
            let written = match &place {
                Some(place) => store_write(&[(WORK_KEY, &work), (PLACE_KEY, place)], &[]).await,
                None if place_changed => store_write(&[(WORK_KEY, &work)], &[PLACE_KEY]).await,
                None => store_write(&[(WORK_KEY, &work)], &[]).await,
            };
            match written {
                Ok(()) => {
                    self.saved_generation.set(generation);
                    self.saved_place_generation.set(place_generation);
                }
                Err(reason) => self.notify(
                    format!("Your latest change could not be saved in this browser: {reason}."),
                    true,
                ),
            }
        });
    }

    /// Forgets all work and shows the default sample again.
    pub fn start_over(self) {
        self.save_generation.update(|g| *g += 1);
        spawn_local(async move {
            let _ = store_write(&[], &[WORK_KEY, PLACE_KEY]).await;
            self.queue.set(Vec::new());
            self.mapping.set(None);
            self.load_sample(samples::default_sample());
            self.notify(
                "Started over: your files and pots were cleared from this browser.".to_owned(),
                false,
            );
        });
    }

    /// Queues files for import and starts on the first if nothing else is under way.
    pub fn enqueue(self, files: Vec<IncomingFile>) {
        if files.is_empty() {
            return;
        }
        self.queue.update(|queue| queue.extend(files));
        self.advance();
    }

    fn busy(&self) -> bool {
        self.mapping.with_untracked(Option::is_some)
            || self.progress.with_untracked(Option::is_some)
    }

    /// Shows the next queued file on the mapping screen.
    pub fn advance(self) {
        while !self.busy() {
            let next = self
                .queue
                .try_update(|queue| (!queue.is_empty()).then(|| queue.remove(0)))
                .flatten();
            let Some(file) = next else { return };
            let print = fingerprint(&file.bytes);
            let duplicate = self.place.with_untracked(|place| {
                (place.origin == Origin::Uploads)
                    .then(|| place.already_loaded(print).map(|f| f.report.file.clone()))
                    .flatten()
            });
            if let Some(earlier) = duplicate {
                self.notify(
                    format!("“{}” has the same contents as “{earlier}”, which is already loaded, so it was not added again.", file.name),
                    true,
                );
                continue;
            }
            match preview(&file.name, &file.bytes, None) {
                Ok(preview) => {
                    let remembered = load_setting(&mapping_key(&preview.headers))
                        .and_then(|json| serde_json::from_str::<ColumnMapping>(&json).ok());
                    self.mapping.set(Some(MappingStep {
                        fingerprint: print,
                        remembered: remembered.is_some(),
                        mapping: remembered.unwrap_or_else(|| preview.mapping.clone()),
                        preview,
                        file,
                        rule: RingfenceRule::NotRecorded,
                    }));
                }
                Err(error) => {
                    self.notify(format!("{error}. Nothing from this file was added."), true)
                }
            }
        }
    }

    /// Shows another sheet of the workbook on the mapping screen.
    pub fn choose_sheet(self, sheet: String) {
        let Some(step) = self.mapping.get_untracked() else {
            return;
        };
        match preview(&step.file.name, &step.file.bytes, Some(&sheet)) {
            Ok(preview) => self.mapping.set(Some(MappingStep {
                mapping: preview.mapping.clone(),
                remembered: false,
                preview,
                ..step
            })),
            Err(error) => self.notify(error.to_string(), true),
        }
    }

    /// Drops the file on the mapping screen and moves on.
    pub fn cancel_mapping(self) {
        if let Some(step) = self.mapping.get_untracked() {
            self.notify(format!("“{}” was not imported.", step.file.name), false);
        }
        self.mapping.set(None);
        self.advance();
    }

    /// Imports the file on the mapping screen, a slice at a time so the page stays responsive.
    pub fn import_mapped(self) {
        let Some(step) = self.mapping.get_untracked() else {
            return;
        };
        self.mapping.set(None);
        let name = step.file.name.clone();
        self.progress.set(Some(Progress {
            file: name.clone(),
            fraction: 0.0,
        }));
        save_setting(
            &mapping_key(&step.preview.headers),
            &serde_json::to_string(&step.mapping).unwrap_or_default(),
        );
        spawn_local(async move {
            let outcome = self.run_import(step).await;
            self.progress.set(None);
            match outcome {
                Ok(message) => self.notify(message, false),
                Err(message) => self.notify(message, true),
            }
            self.advance();
        });
    }

    async fn run_import(self, step: MappingStep) -> Result<String, String> {
        let name = step.file.name.clone();
        let size = step.file.bytes.len() as u64;
        // The first file of the user's own replaces a sample.
        if self
            .place
            .with_untracked(|place| place.origin != Origin::Uploads)
        {
            self.place.set(Place {
                origin: Origin::Uploads,
                ..Place::default()
            });
            self.editor.set(Editor::new(0));
            self.sample.set(None);
            self.status.set(Status::Ready);
        }
        let bytes = Arc::try_unwrap(step.file.bytes).unwrap_or_else(|shared| (*shared).clone());
        let options = ImportOptions {
            sheet: step.preview.sheet.clone(),
            mapping: Some(step.mapping),
            ringfence_rule: step.rule,
        };
        let mut importer = self
            .place
            .with_untracked(|place| Importer::start(&place.dataset, &name, bytes, options))
            .map_err(|error| format!("{error}. Nothing from this file was added."))?;
        loop {
            let started = now_ms();
            let mut finished = false;
            while !finished && now_ms() - started < SLICE_MS {
                finished = self
                    .place
                    .try_update_untracked(|place| {
                        importer.step(&mut place.dataset.strings, ROWS_PER_STEP)
                    })
                    .expect("the place signal lives as long as the page")
                    .map_err(|error| format!("{error}. Nothing from this file was added."))?;
            }
            if finished {
                break;
            }
            self.progress.set(Some(Progress {
                file: name.clone(),
                fraction: importer.progress(),
            }));
            next_tick().await;
        }
        let report = self.place.try_update(|place| {
            let report = importer.finish(&mut place.dataset);
            place.add_file(report.clone(), step.fingerprint, size);
            report
        });
        let report = report.expect("the place signal lives as long as the page");
        self.cover_new_lines();
        Ok(format!(
            "Imported “{name}”: {} funding lines, {}; {} rows need attention; {} rows skipped.",
            format::count(report.lines_imported.into()),
            format::gbp(report.total),
            format::count(report.needs_attention.len() as u64),
            format::count(report.skipped.len() as u64),
        ))
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn mapping_key(headers: &[String]) -> String {
    format!("grantpool.mapping.{}", header_signature(headers))
}
