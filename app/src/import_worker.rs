//! The import worker's entry point (www/import-worker.js loads this same module in a Web
//! Worker): [`grantpool_app::import_job::ImportJob`] for JavaScript.

use wasm_bindgen::prelude::*;

use grantpool_app::import_job::{ImportJob, Parsed};

/// One file being read in the import worker.
#[wasm_bindgen]
pub struct FileImport(ImportJob);

#[wasm_bindgen]
impl FileImport {
    /// A job for a file of `size` bytes.
    #[wasm_bindgen(constructor)]
    pub fn new(size: usize) -> FileImport {
        FileImport(ImportJob::new(size))
    }

    /// Takes the next slice of the file, in the first reading or the second.
    pub fn push(&mut self, slice: &[u8]) {
        self.0.push(slice);
    }

    /// Says the last slice of the second reading has been pushed.
    #[wasm_bindgen(js_name = endOfFile)]
    pub fn end_of_file(&mut self) {
        self.0.end_of_file();
    }

    /// Whether the file must be read again, slice by slice, for its rows to be read.
    #[wasm_bindgen(js_name = needsFile)]
    pub fn needs_file(&self) -> bool {
        self.0.needs_file()
    }

    /// The file's fingerprint, as 16 hex digits (a `u64` does not fit a JavaScript number).
    pub fn fingerprint(&self) -> String {
        self.0
            .fingerprint()
            .map(|print| format!("{print:016x}"))
            .unwrap_or_default()
    }

    /// Starts reading rows; `false` when the file is refused (see `refusal`). Then, when
    /// `needsFile`, the file is read again a slice at a time.
    pub fn start(&mut self, name: &str, options: &str, context: &str) -> bool {
        self.0.start(name, options, context)
    }

    /// Reads up to `rows` more rows: 0 when there are more, 1 when finished, 2 when refused,
    /// 3 when the next slice of the file is needed (or `endOfFile`), 4 when the file must be
    /// read again from its start.
    pub fn step(&mut self, rows: usize) -> u8 {
        match self.0.step(rows) {
            Parsed::More => 0,
            Parsed::Finished => 1,
            Parsed::Refused => 2,
            Parsed::Hungry => 3,
            Parsed::Again => 4,
        }
    }

    /// How far through its rows the parse is, from 0 to 1.
    pub fn progress(&self) -> f64 {
        self.0.progress()
    }

    /// Why the file was refused, in words.
    pub fn refusal(&self) -> Option<String> {
        self.0.refusal().map(str::to_owned)
    }

    /// How many chunks the handover has.
    pub fn chunks(&self) -> usize {
        self.0.chunks()
    }

    /// Chunk `index` of the handover.
    pub fn chunk(&self, index: usize) -> Vec<u8> {
        self.0.chunk(index)
    }
}
