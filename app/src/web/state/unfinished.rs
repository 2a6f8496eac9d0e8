//! Files on their way in (waiting, being mapped, being read or imported) are noted in this
//! browser, so a reload part-way does not drop them without a word: the next page says which
//! files were not imported and asks for them again.

use leptos::prelude::*;

use super::AppState;
use crate::web::browser::{load_setting, save_setting};

/// Where the names of files on their way in are kept, one a line.
const KEY: &str = "grantpool-unfinished-files";

impl AppState {
    /// The names of the files on their way in now.
    fn unfinished_files(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        if let Some(step) = self.mapping.get() {
            names.push(step.file.name);
        }
        if let Some(reading) = self.reading.get() {
            names.push(reading);
        }
        if let Some(progress) = self.progress.get() {
            names.push(progress.file);
        }
        names.extend(self.queue.get().into_iter().map(|file| file.name));
        names.dedup();
        names
    }

    /// Says which files a reload interrupted, then keeps the note of files on their way in
    /// up to date.
    pub fn note_unfinished_files(&self) {
        if let Some(names) = load_setting(KEY).filter(|names| !names.is_empty()) {
            let names: Vec<String> = names.lines().map(|n| format!("“{n}”")).collect();
            let (list, verb) = match names.as_slice() {
                [one] => (one.clone(), "was"),
                [rest @ .., last] => (format!("{} and {last}", rest.join(", ")), "were"),
                [] => (String::new(), "was"),
            };
            self.notify(
                format!("{list} {verb} not imported: the page was reloaded before it finished. Choose the file again to add it."),
                true,
            );
            save_setting(KEY, "");
        }
        let state = *self;
        // Written only when the names change, not on every step of an import's progress.
        let names = Memo::new(move |_| state.unfinished_files().join("\n"));
        Effect::new(move |_| names.with(|names| save_setting(KEY, names)));
    }
}
