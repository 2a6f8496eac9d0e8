//! What the import worker does with a file (www/import-worker.js drives it): takes the file a
//! slice at a time, fingerprinting it as it comes; reads it to the end into a string pool of
//! its own; then hands it over in chunks ([`grantpool::import::Handover`]). Plain Rust, so it
//! is tested natively; the worker's entry point wraps it for JavaScript.

use grantpool::import::{Handover, ImportContext, ImportOptions, Importer};
use grantpool::model::StringPool;
use grantpool::place::FingerprintStream;

/// How far a job has got.
enum Stage {
    Reading {
        bytes: Vec<u8>,
        fingerprint: Box<FingerprintStream>,
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
    /// Why the file was refused (an [`grantpool::import::ImportError`], in words).
    refusal: Option<String>,
}

/// What a step of parsing came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parsed {
    More,
    Finished,
    Refused,
}

impl ImportJob {
    /// A job for a file of `size` bytes.
    pub fn new(size: usize) -> ImportJob {
        ImportJob {
            stage: Stage::Reading {
                bytes: Vec::with_capacity(size),
                fingerprint: Box::default(),
            },
            refusal: None,
        }
    }

    /// Takes the next slice of the file.
    pub fn push(&mut self, slice: &[u8]) {
        if let Stage::Reading { bytes, fingerprint } = &mut self.stage {
            bytes.extend_from_slice(slice);
            fingerprint.update(slice);
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
    pub fn start(&mut self, name: &str, options: &str, context: &str) -> bool {
        let Stage::Reading { bytes, .. } = std::mem::replace(&mut self.stage, Stage::Refused)
        else {
            return false;
        };
        let started = match (
            serde_json::from_str::<ImportOptions>(options),
            serde_json::from_str::<ImportContext>(context),
        ) {
            (Ok(options), Ok(context)) => {
                Importer::start_in(context, name, bytes, options).map_err(|error| error.to_string())
            }
            _ => Err(format!(
                "{name}: the page's choices for it did not reach the reader"
            )),
        };
        match started {
            Ok(importer) => {
                self.stage = Stage::Parsing {
                    importer: Box::new(importer),
                    strings: StringPool::default(),
                };
                true
            }
            Err(reason) => {
                self.refusal = Some(reason);
                false
            }
        }
    }

    /// Reads up to `rows` more rows.
    pub fn step(&mut self, rows: usize) -> Parsed {
        let Stage::Parsing { importer, strings } = &mut self.stage else {
            return Parsed::Refused;
        };
        match importer.step(strings, rows) {
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
            Stage::Reading { .. } => 0.0,
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

    fn job_of(dataset: &Dataset, text: &str, options: &str) -> (ImportJob, bool) {
        let mut job = ImportJob::new(text.len());
        for slice in text.as_bytes().chunks(7) {
            job.push(slice);
        }
        assert_eq!(job.fingerprint(), Some(fingerprint(text.as_bytes())));
        let context = ImportContext::of(dataset, "grants.csv").unwrap();
        let context = serde_json::to_string(&context).unwrap();
        let started = job.start("grants.csv", options, &context);
        (job, started)
    }

    #[test]
    fn a_file_read_in_slices_and_handed_over_is_the_file_read_on_the_page() {
        let mut expected = Dataset::default();
        import_delimited(&mut expected, "grants.csv", FILE.as_bytes()).unwrap();
        let options = serde_json::to_string(&ImportOptions::default()).unwrap();
        let mut here = Dataset::default();
        let (mut job, started) = job_of(&here, FILE, &options);
        assert!(started);
        while job.step(1) == Parsed::More {
            assert!((0.0..1.0).contains(&job.progress()));
        }
        let mut adoption = Adoption::default();
        for index in 0..job.chunks() {
            adoption.take(&mut here.strings, &job.chunk(index)).unwrap();
        }
        let report = adoption.finish().unwrap().add_to(&mut here);
        assert_eq!(
            (report.lines_imported, report.needs_attention.len()),
            (2, 1)
        );
        assert_eq!(here.total(), expected.total());
        let recipients = |d: &Dataset| -> Vec<String> {
            d.lines
                .iter()
                .map(|l| d.text(l.recipient).to_owned())
                .collect()
        };
        assert_eq!(recipients(&here), recipients(&expected));
    }

    #[test]
    fn a_refused_file_or_choices_that_do_not_parse_say_why() {
        let options = serde_json::to_string(&ImportOptions::default()).unwrap();
        let (job, started) = job_of(
            &Dataset::default(),
            "Funder,Recipient\nDfT,Durham\n",
            &options,
        );
        assert!(!started);
        assert!(job
            .refusal()
            .unwrap()
            .contains("no column holds the amount"));
        let (job, started) = job_of(&Dataset::default(), FILE, "{not json");
        assert!(!started);
        assert!(job.refusal().unwrap().contains("did not reach the reader"));
        assert_eq!((job.chunks(), job.chunk(0)), (0, Vec::new()));
    }
}
