//! What the import worker does with a file (www/import-worker.js drives it). Before the mapping
//! screen it reads the file a slice at a time, fingerprinting it and checking whether its rows
//! can be read as its slices arrive ([`SliceCheck`]: delimited UTF-8 text); it keeps the slices
//! only when they cannot (a workbook, say). Once the person has chosen, it reads the file again
//! a slice at a time, reading rows as each arrives, so it never holds a large CSV whole (or
//! gathers the file whole, for the rest); then hands it over in chunks
//! ([`grantpool::import::Handover`]). Plain Rust, so it is tested natively; the worker's entry
//! point wraps it for JavaScript.

use grantpool::import::{
    Handover, ImportContext, ImportError, ImportOptions, Importer, SliceCheck,
};
use grantpool::model::StringPool;
use grantpool::place::FingerprintStream;

/// How much text a streamed file's rows wait for before its header is looked for: its first
/// slice (www/import-worker.js reads 4 MB at a time), or the whole of a smaller file.
pub const HEAD_BYTES: usize = 4 << 20;

/// What the page chose for a file: its name, how to read it, and the place it joins.
struct Choices {
    name: String,
    options: ImportOptions,
    context: ImportContext,
}

/// How far a job has got.
enum Stage {
    /// Before the mapping screen: the file's slices, fingerprinted and checked; kept (`Some`)
    /// unless its first slice shows it may be read as its slices arrive.
    Reading {
        kept: Option<Vec<u8>>,
        check: Box<SliceCheck>,
        fingerprint: Box<FingerprintStream>,
    },
    /// Reading the file again to read it whole.
    Gathering {
        choices: Box<Choices>,
        bytes: Vec<u8>,
        ended: bool,
    },
    /// Reading the file again, streamed: its first slice, before its header is looked for.
    Heading {
        choices: Box<Choices>,
        head: Vec<u8>,
        /// Bytes of a byte-order mark still to leave out.
        bom: usize,
        length: u64,
        ended: bool,
    },
    Parsing {
        importer: Box<Importer>,
        strings: StringPool,
    },
    HandingOver(Box<Handover>),
    Refused,
}

/// One file, from its first slice to its last chunk.
pub struct ImportJob {
    stage: Stage,
    size: usize,
    /// Whether the slices coming are the first or the second reading.
    started: bool,
    /// Why the file was refused (an [`grantpool::import::ImportError`], in words).
    refusal: Option<String>,
}

/// What a step of parsing came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parsed {
    More,
    Finished,
    Refused,
    /// The next slice of the file is needed (or [`ImportJob::end_of_file`]).
    Hungry,
    /// The file must be read again from its start, whole: its header was not in its first
    /// slice.
    Again,
}

impl ImportJob {
    /// A job for a file of `size` bytes.
    pub fn new(size: usize) -> ImportJob {
        ImportJob {
            stage: Stage::Reading {
                kept: None,
                check: Box::default(),
                fingerprint: Box::default(),
            },
            size,
            started: false,
            refusal: None,
        }
    }

    /// Takes the next slice of the file, in the first reading or the second.
    pub fn push(&mut self, slice: &[u8]) {
        match &mut self.stage {
            Stage::Reading {
                kept,
                check,
                fingerprint,
            } => {
                if !self.started {
                    self.started = true;
                    if !SliceCheck::may_stream(slice) {
                        *kept = Some(Vec::with_capacity(self.size));
                    }
                }
                if let Some(bytes) = kept {
                    bytes.extend_from_slice(slice);
                }
                check.push(slice);
                fingerprint.update(slice);
            }
            Stage::Gathering { bytes, .. } => bytes.extend_from_slice(slice),
            Stage::Heading { head, bom, .. } => {
                let skipped = (*bom).min(slice.len());
                *bom -= skipped;
                head.extend_from_slice(&slice[skipped..]);
            }
            Stage::Parsing { importer, .. } => importer.push(slice),
            Stage::HandingOver(_) | Stage::Refused => {}
        }
    }

    /// Says the last slice of the second reading has been pushed.
    pub fn end_of_file(&mut self) {
        match &mut self.stage {
            Stage::Gathering { ended, .. } | Stage::Heading { ended, .. } => *ended = true,
            Stage::Parsing { importer, .. } => importer.end(),
            _ => {}
        }
    }

    /// The fingerprint of the slices taken so far (the file's, once they all are).
    pub fn fingerprint(&self) -> Option<u64> {
        match &self.stage {
            Stage::Reading { fingerprint, .. } => Some(fingerprint.finish()),
            _ => None,
        }
    }

    /// Starts reading the file's rows with the page's choices (`options`, JSON) for a place
    /// described by `context` (JSON). `false` when it is refused: see [`ImportJob::refusal`].
    /// Then, when [`ImportJob::needs_file`], the file is read again, slice by slice.
    pub fn start(&mut self, name: &str, options: &str, context: &str) -> bool {
        let Stage::Reading { kept, check, .. } = std::mem::replace(&mut self.stage, Stage::Refused)
        else {
            return false;
        };
        let choices = match (
            serde_json::from_str::<ImportOptions>(options),
            serde_json::from_str::<ImportContext>(context),
        ) {
            (Ok(options), Ok(context)) => Box::new(Choices {
                name: name.to_owned(),
                options,
                context,
            }),
            _ => {
                self.refusal = Some(format!(
                    "{name}: the page's choices for it did not reach the reader"
                ));
                return false;
            }
        };
        if let Some(bytes) = kept {
            return self.start_whole(*choices, bytes);
        }
        self.stage = if check.streamable() {
            Stage::Heading {
                choices,
                head: Vec::with_capacity(HEAD_BYTES.min(self.size)),
                bom: check.bom_length(),
                length: self.size.saturating_sub(check.bom_length()) as u64,
                ended: false,
            }
        } else {
            Stage::Gathering {
                choices,
                bytes: Vec::with_capacity(self.size),
                ended: false,
            }
        };
        true
    }

    fn start_whole(&mut self, choices: Choices, bytes: Vec<u8>) -> bool {
        let Choices {
            name,
            options,
            context,
        } = choices;
        self.begin(Importer::start_in(context, &name, bytes, options))
    }

    fn begin(&mut self, started: Result<Importer, ImportError>) -> bool {
        match started {
            Ok(importer) => {
                self.stage = Stage::Parsing {
                    importer: Box::new(importer),
                    strings: StringPool::default(),
                };
                true
            }
            Err(error) => {
                self.stage = Stage::Refused;
                self.refusal = Some(error.to_string());
                false
            }
        }
    }

    /// Whether the file must be read again, slice by slice, for its rows to be read.
    pub fn needs_file(&self) -> bool {
        matches!(self.stage, Stage::Gathering { .. } | Stage::Heading { .. })
    }

    /// Reads up to `rows` more rows.
    pub fn step(&mut self, rows: usize) -> Parsed {
        match &mut self.stage {
            Stage::Gathering { ended: true, .. } => {
                let Stage::Gathering { choices, bytes, .. } =
                    std::mem::replace(&mut self.stage, Stage::Refused)
                else {
                    unreachable!("matched above")
                };
                if !self.start_whole(*choices, bytes) {
                    return Parsed::Refused;
                }
            }
            Stage::Heading { head, ended, .. } if *ended || head.len() >= HEAD_BYTES => {
                let Stage::Heading {
                    choices,
                    head,
                    length,
                    ended,
                    ..
                } = std::mem::replace(&mut self.stage, Stage::Refused)
                else {
                    unreachable!("matched above")
                };
                // Once the file has ended, what arrived is all the text there is (had the file
                // changed unread, a shorter text must still end).
                let length = if ended { head.len() as u64 } else { length };
                match Importer::start_streamed(
                    choices.context.clone(),
                    &choices.name,
                    length,
                    &head,
                    choices.options.clone(),
                ) {
                    Err(ImportError::NeedsWholeText { .. }) => {
                        self.stage = Stage::Gathering {
                            choices,
                            bytes: Vec::with_capacity(self.size),
                            ended: false,
                        };
                        return Parsed::Again;
                    }
                    started => {
                        if !self.begin(started) {
                            return Parsed::Refused;
                        }
                    }
                }
            }
            Stage::Gathering { .. } | Stage::Heading { .. } => return Parsed::Hungry,
            _ => {}
        }
        let Stage::Parsing { importer, strings } = &mut self.stage else {
            return Parsed::Refused;
        };
        match importer.step(strings, rows) {
            Ok(false) if importer.hungry() => Parsed::Hungry,
            Ok(false) => Parsed::More,
            Ok(true) => {
                let Stage::Parsing { importer, strings } =
                    std::mem::replace(&mut self.stage, Stage::Refused)
                else {
                    unreachable!("matched above")
                };
                self.stage =
                    Stage::HandingOver(Box::new(Handover::new(strings, importer.into_read())));
                Parsed::Finished
            }
            Err(error) => {
                self.stage = Stage::Refused;
                self.refusal = Some(error.to_string());
                Parsed::Refused
            }
        }
    }

    /// How far through its rows the parse is, from 0 to 1.
    pub fn progress(&self) -> f64 {
        match &self.stage {
            Stage::Reading { .. } | Stage::Gathering { .. } | Stage::Heading { .. } => 0.0,
            Stage::Parsing { importer, .. } => importer.progress(),
            Stage::HandingOver(_) | Stage::Refused => 1.0,
        }
    }

    /// Why the file was refused, in words.
    pub fn refusal(&self) -> Option<&str> {
        self.refusal.as_deref()
    }

    /// How many chunks the handover has (0 before the parse is finished).
    pub fn chunks(&self) -> usize {
        match &self.stage {
            Stage::HandingOver(handover) => handover.chunks(),
            _ => 0,
        }
    }

    /// Chunk `index` of the handover.
    pub fn chunk(&self, index: usize) -> Vec<u8> {
        match &self.stage {
            Stage::HandingOver(handover) if index < handover.chunks() => handover.chunk(index),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use grantpool::import::{import_delimited, Adoption};
    use grantpool::model::Dataset;
    use grantpool::place::fingerprint;

    const FILE: &str =
        "Funder,Recipient,Amount\nDfT,Durham CC,10\nMoJ,Seaham,TBC\nDfT,Seaham,2.5\n";

    /// The first reading, as the worker does it before the mapping screen, then the start.
    fn job_of(dataset: &Dataset, bytes: &[u8], options: &str) -> (ImportJob, bool) {
        let mut job = ImportJob::new(bytes.len());
        for slice in bytes.chunks(7) {
            job.push(slice);
        }
        assert_eq!(job.fingerprint(), Some(fingerprint(bytes)));
        let context = ImportContext::of(dataset, "grants.csv").unwrap();
        let context = serde_json::to_string(&context).unwrap();
        let started = job.start("grants.csv", options, &context);
        (job, started)
    }

    /// Reads the rows as www/import-worker.js does: stepping, and reading the file again a
    /// slice at a time while the job needs it (from its start again when it says so).
    /// Returns how many times the file was read again.
    fn read_rows(job: &mut ImportJob, bytes: &[u8], slice: usize) -> usize {
        let mut readings = 0;
        let mut state = if job.needs_file() {
            Parsed::Hungry
        } else {
            Parsed::More
        };
        'reading: while state != Parsed::Finished {
            assert_ne!(state, Parsed::Refused, "{:?}", job.refusal());
            if state == Parsed::More {
                state = job.step(2);
                continue;
            }
            readings += 1;
            for part in bytes.chunks(slice) {
                job.push(part);
                loop {
                    match job.step(2) {
                        Parsed::More => assert!((0.0..1.0).contains(&job.progress())),
                        Parsed::Hungry => break,
                        Parsed::Again => {
                            state = Parsed::Again;
                            continue 'reading;
                        }
                        other => panic!("{other:?} before the end of the file"),
                    }
                }
            }
            job.end_of_file();
            state = job.step(2);
        }
        readings
    }

    fn handed_over(job: &ImportJob) -> Dataset {
        let mut here = Dataset::default();
        let mut adoption = Adoption::default();
        for index in 0..job.chunks() {
            adoption.take(&mut here.strings, &job.chunk(index)).unwrap();
        }
        adoption.finish().unwrap().add_to(&mut here);
        here
    }

    fn recipients(dataset: &Dataset) -> Vec<String> {
        dataset
            .lines
            .iter()
            .map(|line| dataset.text(line.recipient).to_owned())
            .collect()
    }

    fn assert_read_as_on_the_page(bytes: &[u8], slice: usize, expected_readings: usize) {
        let mut expected = Dataset::default();
        import_delimited(&mut expected, "grants.csv", bytes).unwrap();
        let options = serde_json::to_string(&ImportOptions::default()).unwrap();
        let (mut job, started) = job_of(&Dataset::default(), bytes, &options);
        assert!(started);
        assert_eq!(read_rows(&mut job, bytes, slice), expected_readings);
        let here = handed_over(&job);
        assert_eq!(here.lines.len(), expected.lines.len());
        assert_eq!(here.total(), expected.total());
        assert_eq!(recipients(&here), recipients(&expected));
    }

    #[test]
    fn a_csv_read_again_as_its_slices_arrive_and_handed_over_is_the_file_read_on_the_page() {
        for slice in [1, 5, 64] {
            assert_read_as_on_the_page(FILE.as_bytes(), slice, 1);
        }
        let options = serde_json::to_string(&ImportOptions::default()).unwrap();
        let (mut job, _) = job_of(&Dataset::default(), FILE.as_bytes(), &options);
        read_rows(&mut job, FILE.as_bytes(), 5);
        let here = handed_over(&job);
        assert_eq!(here.lines.len(), 2, "and one row needs attention");
    }

    #[test]
    fn text_that_cannot_stream_is_gathered_whole_and_a_workbook_is_kept_from_the_first_reading() {
        // Windows-1252 (a £ as one byte): read again, whole.
        let latin1 = b"Funder,Recipient,Amount\nDfT,Durham \xA3,10\n";
        assert_read_as_on_the_page(latin1, 4, 1);
        // A header past the first 4 MB (a title cell of 5 MB): read again from the start, whole.
        let mut late = format!("\"{}\"\n", "x".repeat(5 << 20));
        late.push_str(FILE);
        assert_read_as_on_the_page(late.as_bytes(), 1 << 20, 2);
        // A workbook is kept as it is first read, and not read again.
        let workbook = std::fs::read("../tests/fixtures/government-grant-awards-2016-17.xlsx")
            .expect("the fixture");
        let options = serde_json::to_string(&ImportOptions::default()).unwrap();
        let (mut job, started) = job_of(&Dataset::default(), &workbook, &options);
        assert!(started && !job.needs_file());
        assert_eq!(read_rows(&mut job, &workbook, 1 << 20), 0);
        assert!(job.chunks() > 0);
    }

    #[test]
    fn a_file_shorter_on_its_second_reading_ends_with_what_arrived() {
        let options = serde_json::to_string(&ImportOptions::default()).unwrap();
        let (mut job, started) = job_of(&Dataset::default(), FILE.as_bytes(), &options);
        assert!(started && job.needs_file());
        let shorter = "Funder,Recipient,Amount\nDfT,Durham CC,10\n";
        job.push(shorter.as_bytes());
        assert_eq!(job.step(10), Parsed::Hungry);
        job.end_of_file();
        let mut state = job.step(10);
        while state == Parsed::More {
            state = job.step(10);
        }
        assert_eq!(state, Parsed::Finished);
        assert_eq!(handed_over(&job).lines.len(), 1);
    }

    #[test]
    fn a_refused_file_or_choices_that_do_not_parse_say_why() {
        let options = serde_json::to_string(&ImportOptions::default()).unwrap();
        let bytes = b"Funder,Recipient\nDfT,Durham\n";
        let (mut job, started) = job_of(&Dataset::default(), bytes, &options);
        assert!(started, "streamed: refused once its rows are read");
        job.push(bytes);
        assert_eq!(job.step(10), Parsed::Hungry);
        job.end_of_file();
        assert_eq!(job.step(10), Parsed::Refused);
        assert!(job
            .refusal()
            .unwrap()
            .contains("no column holds the amount"));
        let (job, started) = job_of(&Dataset::default(), FILE.as_bytes(), "{not json");
        assert!(!started);
        assert!(job.refusal().unwrap().contains("did not reach the reader"));
        assert_eq!((job.chunks(), job.chunk(0)), (0, Vec::new()));
    }
}
