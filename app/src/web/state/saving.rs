//! Opening and keeping the work: samples, the work saved in this browser, saving after each
//! change, and starting over.

use std::convert::Infallible;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::super::browser::{
    blob_in_slices, fetch_bytes, for_a_slice, next_tick, prefetched_work, sleep, store_get,
    store_get_bytes, store_write, Stored,
};
use super::{AppState, Status};
use grantpool::costs::CostAssumptions;
use grantpool::import::{import_file, ImportOptions};
use grantpool::pack_notes::PackNotes;
use grantpool::place::{fingerprint, Origin, Place, PlaceChange, PlaceCommand};
use grantpool::samples::{self, Sample};
use grantpool::saved::{load_work, save_work, PlaceWriter, SavedWork};
use grantpool::scenario::Scenarios;
use grantpool::view::View;

// `www/saved-work.js` reads these two keys as the page opens.
/// The key the work (the sample or the place's key, and the editor) is saved under in the
/// browser, on every change.
const WORK_KEY: &str = "work";
/// The key the user's own place is saved under, when it changes.
const PLACE_KEY: &str = "place";
/// Where saved work that could not be opened is kept aside.
const DAMAGED_WORK_KEY: &str = "work-damaged";
const DAMAGED_PLACE_KEY: &str = "place-damaged";
/// Quiet time after a change before the work is saved.
const SAVE_DELAY_MS: i32 = 400;
/// The place is saved this many strings or lines at a time, in slices of about this many
/// milliseconds, between chances for the browser to paint and answer input.
const WRITE_SLICE: usize = 5_000;
const SLICE_MS: f64 = 12.0;

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
    /// Shows `place` with `editor`'s pots (when they fit it), and says so when they did not,
    /// at the place and year of `view`.
    fn show(
        self,
        place: Place,
        scenarios: Option<Scenarios>,
        view: View,
        pack: PackNotes,
        costs: CostAssumptions,
    ) {
        let shown = self.change_place(PlaceCommand::Replace {
            place: Box::new(place),
            scenarios,
        });
        if let Ok(PlaceChange::Replaced { pots_dropped: true }) = shown {
            self.notify(
                "Your saved pots were made for other data, so the sample opens with no pots."
                    .to_owned(),
                true,
            );
        }
        self.view.set(view);
        self.pack.set(pack);
        self.costs.set(costs);
        self.status.set(Status::Ready);
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
                Ok(place) => self.show(
                    place,
                    None,
                    View::default(),
                    PackNotes::default(),
                    CostAssumptions::default(),
                ),
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
            let saved = self.read_saved_work().await;
            let saved_sample = saved
                .as_ref()
                .and_then(|w| w.sample.as_deref())
                .and_then(samples::find);
            match saved {
                Some(SavedWork {
                    place: Some(place),
                    scenarios,
                    view,
                    pack,
                    costs,
                    ..
                }) if !asked_for => {
                    self.sample.set(None);
                    self.show(place, Some(scenarios), view, pack, costs);
                }
                Some(SavedWork {
                    scenarios,
                    view,
                    pack,
                    costs,
                    ..
                }) if saved_sample.is_some_and(|s| !asked_for || s == fallback) => {
                    let sample = saved_sample.expect("checked above");
                    self.sample.set(Some(sample));
                    match fetch_sample(sample).await {
                        Ok(place) => self.show(place, Some(scenarios), view, pack, costs),
                        Err(message) => self.status.set(Status::Failed(message)),
                    }
                }
                _ => self.load_sample(fallback),
            }
            self.restored.set(true);
        });
    }

    /// The work saved in this browser, if any can be read; says why when it cannot.
    async fn read_saved_work(self) -> Option<SavedWork> {
        let read = async {
            // The page's first script may have read it already, while this module downloaded.
            if let Some((work, place)) = prefetched_work().await {
                return Ok(work.map(|work| (work, place)));
            }
            let Some(work) = store_get(WORK_KEY).await? else {
                return Ok(None);
            };
            let place = store_get_bytes(PLACE_KEY).await?;
            Ok::<_, String>(Some((work, place)))
        };
        match read.await {
            Ok(Some((work, place))) => match load_work(&work, place.as_deref()) {
                Ok(work) => Some(work),
                Err(error) => {
                    // Kept aside under other keys before anything new is saved, so starting
                    // afresh never overwrites the person's only copy.
                    let mut aside = vec![(DAMAGED_WORK_KEY, Stored::Text(&work))];
                    if let Some(place) = &place {
                        aside.push((DAMAGED_PLACE_KEY, Stored::Bytes(place)));
                    }
                    let kept = match store_write(&aside, &[]).await {
                        Ok(()) => "It is kept aside in this browser, not overwritten".to_owned(),
                        Err(reason) => format!("It could not be kept aside ({reason})"),
                    };
                    self.notify(
                        format!("The work saved in this browser could not be opened: {error}. {kept}; starting afresh."),
                        true,
                    );
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
        }
    }

    /// Saves the work in this browser once changes pause (not before the saved work has been
    /// read back, so the empty start never overwrites it).
    pub fn save_soon(self) {
        if !self.restored.get_untracked() {
            return;
        }
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
            let own = self
                .place
                .with_untracked(|place| place.origin == Origin::Uploads);
            // The place is written a slice at a time, and only when it changed; a sample's place
            // is never written, and an earlier own place is forgotten.
            let place = if own && place_changed {
                // The place changed while it was written: that change's own save follows.
                let Some(blob) = self.place_in_slices(place_generation).await else {
                    return;
                };
                Some(blob)
            } else {
                None
            };
            let work = self.place.with_untracked(|place| {
                let own = (place.origin == Origin::Uploads).then_some(place);
                let view = self.view.get_untracked();
                let costs = self.costs.get_untracked();
                self.editor.with_untracked(|editor| {
                    self.pack
                        .with_untracked(|pack| save_work(sample, own, editor, &view, pack, &costs))
                })
            });
            let written = match place {
                Some(Ok(place)) => {
                    let puts = [
                        (WORK_KEY, Stored::Text(&work)),
                        (PLACE_KEY, Stored::Blob(&place)),
                    ];
                    store_write(&puts, &[]).await
                }
                Some(Err(reason)) => Err(reason),
                None if place_changed => {
                    store_write(&[(WORK_KEY, Stored::Text(&work))], &[PLACE_KEY]).await
                }
                None => store_write(&[(WORK_KEY, Stored::Text(&work))], &[]).await,
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

    /// The place's saved bytes as a `Blob`, written and copied a slice at a time so the page
    /// keeps answering; `None` when the place changes meanwhile (that change's own save
    /// follows). A change to the pots alone does not stop it.
    async fn place_in_slices(self, generation: u64) -> Option<Result<web_sys::Blob, String>> {
        let mut writer = self.place.with_untracked(PlaceWriter::new);
        loop {
            let Ok(written) = for_a_slice(SLICE_MS, || -> Result<bool, Infallible> {
                Ok(self
                    .place
                    .with_untracked(|place| writer.write(place, WRITE_SLICE)))
            });
            if written {
                break;
            }
            next_tick().await;
            if self.place_generation.get_untracked() != generation {
                return None;
            }
        }
        let bytes = self.place.with_untracked(|place| writer.finish(place));
        let blob = blob_in_slices(&bytes).await;
        (self.place_generation.get_untracked() == generation).then_some(blob)
    }

    /// Forgets all work and shows the default sample again. When the browser will not clear
    /// the saved work, nothing is reset and the person is told.
    pub fn start_over(self) {
        // A save already waiting must not write the old work back.
        self.save_generation.update(|g| *g += 1);
        spawn_local(async move {
            if let Err(reason) = store_write(&[], &[WORK_KEY, PLACE_KEY]).await {
                self.notify(
                    format!("Your work could not be cleared from this browser: {reason}. Nothing was changed."),
                    true,
                );
                return;
            }
            self.queue.set(Vec::new());
            self.mapping.set(None);
            self.load_sample(samples::default_sample());
            self.notify(
                "Started over: your files and pots were cleared from this browser.".to_owned(),
                false,
            );
        });
    }
}
