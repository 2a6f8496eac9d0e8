//! Handing a file read in a Web Worker to the page. The worker reads into a string pool of its
//! own, so its lines name its strings; it sends the strings, then the lines, then the report,
//! in chunks small enough for the page to take one between two frames. The page's side, the
//! [`Adoption`], adds each string to the place's pool and points each line at it.

use serde::{Deserialize, Serialize};

use super::{ImportReport, ReadFile};
use crate::model::{FundingLine, StringPool, Sym};

/// Why a handover could not be taken: a worker that sent something other than it should.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HandoverError {
    #[error("a part of the file came back damaged ({0})")]
    Damaged(String),
    #[error("the parts of the file came back out of order")]
    OutOfOrder,
    #[error("a funding line came back naming text that was not sent")]
    UnknownText,
    #[error("the file came back without its report, or with lines its report does not count")]
    Incomplete,
}

/// One chunk as written: strings (from the `first`th symbol on, each with whether it was
/// stored unindexed), lines (with how many the file has in all, so the page makes room for
/// them once), or the report that ends the handover.
#[derive(Serialize)]
enum ChunkOut<'a> {
    Strings {
        first: u32,
        texts: Vec<(&'a str, bool)>,
    },
    Lines {
        total: u32,
        lines: &'a [FundingLine],
    },
    Report(&'a ImportReport),
}

/// One chunk as read: the same shapes as [`ChunkOut`], the strings borrowed from the bytes.
#[derive(Deserialize)]
enum ChunkIn<'a> {
    Strings {
        first: u32,
        #[serde(borrow)]
        texts: Vec<(&'a str, bool)>,
    },
    Lines {
        total: u32,
        lines: Vec<FundingLine>,
    },
    Report(Box<ImportReport>),
}

/// The worker's side: a file read to the end and the pool its lines name, cut into chunks.
pub struct Handover {
    strings: StringPool,
    read: ReadFile,
}

impl Handover {
    /// Strings in one chunk: the page interns them between two frames (about 20 ms at most).
    pub const STRINGS_PER_CHUNK: usize = 20_000;
    /// Lines in one chunk (about 1.2 MB).
    pub const LINES_PER_CHUNK: usize = 25_000;

    /// A handover of `read`, whose lines name strings of `strings`.
    pub fn new(strings: StringPool, read: ReadFile) -> Handover {
        Handover { strings, read }
    }

    /// How many chunks [`Handover::chunk`] gives, the report's included.
    pub fn chunks(&self) -> usize {
        self.string_chunks() + self.read.lines.len().div_ceil(Self::LINES_PER_CHUNK) + 1
    }

    fn string_chunks(&self) -> usize {
        self.strings.len().div_ceil(Self::STRINGS_PER_CHUNK)
    }

    /// Chunk `index` (from 0 to [`Handover::chunks`]), encoded: strings first, then lines, then
    /// the report.
    pub fn chunk(&self, index: usize) -> Vec<u8> {
        let string_chunks = self.string_chunks();
        let line_chunks = self.read.lines.len().div_ceil(Self::LINES_PER_CHUNK);
        let chunk = if index < string_chunks {
            let first = index * Self::STRINGS_PER_CHUNK;
            let last = (first + Self::STRINGS_PER_CHUNK).min(self.strings.len());
            ChunkOut::Strings {
                first: first as u32,
                texts: (first..last)
                    .map(|i| {
                        let sym = Sym(i as u32);
                        (self.strings.get(sym), self.strings.is_unindexed(sym))
                    })
                    .collect(),
            }
        } else if index < string_chunks + line_chunks {
            let first = (index - string_chunks) * Self::LINES_PER_CHUNK;
            let last = (first + Self::LINES_PER_CHUNK).min(self.read.lines.len());
            ChunkOut::Lines {
                total: self.read.lines.len() as u32,
                lines: &self.read.lines[first..last],
            }
        } else {
            ChunkOut::Report(&self.read.report)
        };
        postcard::to_allocvec(&chunk).expect("a chunk is serialisable")
    }
}

/// The page's side: takes the chunks in order, adding strings to the place's pool as they
/// come, and gives the file, its lines naming the place's strings.
#[derive(Debug, Default)]
pub struct Adoption {
    /// The place's symbol for each of the worker's.
    symbols: Vec<Sym>,
    lines: Vec<FundingLine>,
    report: Option<ImportReport>,
}

impl Adoption {
    /// Takes the next chunk, adding its strings to `pool`. A string stored unindexed in the
    /// worker (a grant's identifier) is stored unindexed here too.
    pub fn take(&mut self, pool: &mut StringPool, chunk: &[u8]) -> Result<(), HandoverError> {
        let chunk: ChunkIn = postcard::from_bytes(chunk)
            .map_err(|error| HandoverError::Damaged(error.to_string()))?;
        if self.report.is_some() {
            return Err(HandoverError::OutOfOrder);
        }
        match chunk {
            ChunkIn::Strings { first, texts } => {
                if first as usize != self.symbols.len() || !self.lines.is_empty() {
                    return Err(HandoverError::OutOfOrder);
                }
                self.symbols.reserve(texts.len());
                for (text, unindexed) in texts {
                    let sym = if unindexed {
                        pool.push_unique(text)
                    } else {
                        pool.intern(text)
                    };
                    self.symbols.push(sym);
                }
            }
            ChunkIn::Lines { total, mut lines } => {
                for line in &mut lines {
                    for sym in line.symbols_mut() {
                        *sym = *self
                            .symbols
                            .get(sym.0 as usize)
                            .ok_or(HandoverError::UnknownText)?;
                    }
                }
                if self.lines.capacity() == 0 {
                    // Room for every line at once: growing a list of a million lines by
                    // doubling copies it again and again. A total the memory cannot hold is
                    // left to the growing (and to the report's count, checked at the end).
                    let _ = self.lines.try_reserve_exact(total as usize);
                }
                self.lines.extend(lines);
            }
            ChunkIn::Report(report) => self.report = Some(*report),
        }
        Ok(())
    }

    /// The file, once its report has come and counts its lines.
    pub fn finish(self) -> Result<ReadFile, HandoverError> {
        let report = self.report.ok_or(HandoverError::Incomplete)?;
        if report.lines_imported as usize != self.lines.len() || !report.reconciles() {
            return Err(HandoverError::Incomplete);
        }
        Ok(ReadFile {
            report,
            lines: self.lines,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_delimited, ImportContext, ImportOptions, Importer};
    use crate::model::Dataset;

    const FIRST: &str =
        "Funder,Programme,Recipient,Amount,Identifier\nDfT,Buses,Durham CC,10,G-1\n";
    const SECOND: &str = "Funder,Programme,Recipient,Amount,Identifier\n\
                          MoJ,Youth justice,Durham CC,5,G-2\n\
                          DfT,Buses,Seaham,7,G-3\n\
                          DfT,Buses,,TBC,G-4\n";

    /// Reads `text` as a worker would, for a place holding `dataset`.
    fn read_in_worker(dataset: &Dataset, text: &str) -> Handover {
        let context = ImportContext::of(dataset, "second.csv").unwrap();
        let bytes = text.as_bytes().to_vec();
        let mut importer =
            Importer::start_in(context, "second.csv", bytes, ImportOptions::default()).unwrap();
        let mut strings = StringPool::default();
        while !importer.step(&mut strings, 1).unwrap() {}
        Handover::new(strings, importer.into_read())
    }

    /// Each line's texts and amount, as a person reads them.
    fn shown(dataset: &Dataset) -> Vec<(Vec<String>, i64, u16)> {
        let lines = dataset.lines.iter();
        lines
            .map(|line| {
                let texts = line.symbols().map(|sym| dataset.text(sym).to_owned());
                (texts.to_vec(), line.amount.0, line.source.file)
            })
            .collect()
    }

    #[test]
    fn a_file_handed_over_in_chunks_joins_the_place_as_if_read_there() {
        let mut here = Dataset::default();
        import_delimited(&mut here, "first.csv", FIRST.as_bytes()).unwrap();
        let mut expected = here.clone();
        import_delimited(&mut expected, "second.csv", SECOND.as_bytes()).unwrap();

        let handover = read_in_worker(&here, SECOND);
        let mut adoption = Adoption::default();
        for index in 0..handover.chunks() {
            adoption
                .take(&mut here.strings, &handover.chunk(index))
                .unwrap();
        }
        let report = adoption.finish().unwrap().add_to(&mut here);
        assert_eq!(
            (report.lines_imported, report.needs_attention.len()),
            (2, 1)
        );
        assert_eq!(shown(&here), shown(&expected));
        assert_eq!(
            here.strings.find("Durham CC"),
            expected.strings.find("Durham CC")
        );
        let g2 = here.lines[1].identifier;
        assert!(here.strings.is_unindexed(g2), "identifiers stay unindexed");
    }

    #[test]
    fn chunks_out_of_order_damaged_or_missing_are_refused() {
        let handover = read_in_worker(&Dataset::default(), SECOND);
        let chunks: Vec<Vec<u8>> = (0..handover.chunks()).map(|i| handover.chunk(i)).collect();
        assert_eq!(chunks.len(), 3, "strings, lines, report");
        let mut pool = StringPool::default();
        let lines_first = Adoption::default().take(&mut pool, &chunks[1]);
        assert_eq!(lines_first, Err(HandoverError::UnknownText));
        let mut adoption = Adoption::default();
        adoption.take(&mut pool, &chunks[0]).unwrap();
        assert_eq!(
            adoption.take(&mut pool, &chunks[0]),
            Err(HandoverError::OutOfOrder)
        );
        assert!(matches!(
            adoption.take(&mut pool, &chunks[1][..5]),
            Err(HandoverError::Damaged(_))
        ));
        adoption.take(&mut pool, &chunks[2]).unwrap();
        assert_eq!(adoption.finish().err(), Some(HandoverError::Incomplete));
    }

    #[test]
    fn the_page_makes_room_for_every_line_once_and_survives_a_total_it_cannot_hold() {
        let handover = read_in_worker(&Dataset::default(), SECOND);
        let lines_of = |total: u32| {
            postcard::to_allocvec(&ChunkOut::Lines {
                total,
                lines: &handover.read.lines,
            })
            .unwrap()
        };
        let mut pool = StringPool::default();
        let mut adoption = Adoption::default();
        adoption.take(&mut pool, &handover.chunk(0)).unwrap();
        adoption.take(&mut pool, &lines_of(50_000)).unwrap();
        assert!(adoption.lines.capacity() >= 50_000);
        let room = adoption.lines.as_ptr();
        adoption.take(&mut pool, &lines_of(50_000)).unwrap();
        assert_eq!(adoption.lines.as_ptr(), room, "not moved to grow");

        let mut adoption = Adoption::default();
        adoption.take(&mut pool, &handover.chunk(0)).unwrap();
        adoption.take(&mut pool, &lines_of(u32::MAX)).unwrap();
        assert_eq!(adoption.lines.len(), handover.read.lines.len());
    }
}
