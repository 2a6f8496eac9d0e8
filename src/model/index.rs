//! Each place's and each financial year's lines, by index: built once for the lines a dataset
//! holds, so a figure for one place or year visits that place's or year's lines only. Holds
//! line numbers, never copies of lines.

use std::sync::{Arc, Mutex};

use crate::fasthash::FastMap;

use super::{FinancialYear, FundingLine, Sym};

/// Line numbers by place (GSS code symbol; blank for not known) and by financial year.
#[derive(Debug, Default)]
pub struct LineIndex {
    /// How many lines the index covers (lines are only ever added to a dataset).
    covers: usize,
    pub by_area: FastMap<Sym, Arc<[u32]>>,
    pub by_year: FastMap<Option<FinancialYear>, Arc<[u32]>>,
}

impl LineIndex {
    fn build(lines: &[FundingLine]) -> LineIndex {
        let mut by_area: FastMap<Sym, Vec<u32>> = FastMap::default();
        let mut by_year: FastMap<Option<FinancialYear>, Vec<u32>> = FastMap::default();
        for (index, line) in lines.iter().enumerate() {
            by_area.entry(line.area).or_default().push(index as u32);
            by_year.entry(line.year).or_default().push(index as u32);
        }
        LineIndex {
            covers: lines.len(),
            by_area: by_area.into_iter().map(|(k, v)| (k, v.into())).collect(),
            by_year: by_year.into_iter().map(|(k, v)| (k, v.into())).collect(),
        }
    }
}

/// A dataset's index, made on first use and again whenever lines have been added since.
#[derive(Debug, Default)]
pub struct IndexCell(Mutex<Option<Arc<LineIndex>>>);

impl IndexCell {
    /// The index of `lines`.
    pub fn get(&self, lines: &[FundingLine]) -> Arc<LineIndex> {
        let mut held = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match held.as_ref() {
            Some(index) if index.covers == lines.len() => Arc::clone(index),
            _ => {
                let index = Arc::new(LineIndex::build(lines));
                *held = Some(Arc::clone(&index));
                index
            }
        }
    }
}

impl Clone for IndexCell {
    fn clone(&self) -> IndexCell {
        let held = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        IndexCell(Mutex::new(held.clone()))
    }
}
