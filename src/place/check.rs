//! Checking a place read back from saved work before anything uses it: a saved record can be
//! damaged or changed by hand, and every index in it is trusted afterwards.

use super::Place;

/// The most columns a row may claim (the same bound the importer sets for a file).
pub const MAX_COLUMNS: usize = 10_000;

impl Place {
    /// Every index in the place points at something, every file's rows and money reconcile
    /// with its lines, and every sum stays exact. Says what is wrong otherwise.
    pub fn check(&self) -> Result<(), String> {
        let dataset = &self.dataset;
        if self.files.len() != dataset.sources.len() {
            return Err(format!(
                "it lists {} files but has rows from {}",
                self.files.len(),
                dataset.sources.len()
            ));
        }
        let strings = dataset.strings.len();
        let mut per_file = vec![(0u64, 0i128); self.files.len()];
        for (index, line) in dataset.lines.iter().enumerate() {
            if line.symbols().iter().any(|sym| sym.0 as usize >= strings) {
                return Err(format!("funding line {index} names text that is not there"));
            }
            let Some(tally) = per_file.get_mut(line.source.file as usize) else {
                return Err(format!("funding line {index} comes from no file"));
            };
            tally.0 += 1;
            tally.1 += i128::from(line.amount.0);
        }
        if !dataset.money_fits() {
            return Err("its amounts add up to more than grantpool can hold exactly".to_owned());
        }
        for (loaded, &(lines, money)) in self.files.iter().zip(&per_file) {
            let report = &loaded.report;
            if u64::from(report.lines_imported) != lines || i128::from(report.total.0) != money {
                return Err(format!(
                    "the report of “{}” does not match its funding lines",
                    report.file
                ));
            }
            if !report.reconciles() {
                return Err(format!("the rows of “{}” do not add up", report.file));
            }
            let columns = report.headers.len();
            if columns > MAX_COLUMNS
                || report
                    .mapping
                    .columns_by_field()
                    .iter()
                    .flatten()
                    .any(|&column| column >= columns)
            {
                return Err(format!(
                    "the column mapping of “{}” is damaged",
                    report.file
                ));
            }
            let damaged_issue =
                report
                    .needs_attention
                    .iter()
                    .chain(&report.left_out)
                    .any(|issue| {
                        issue.cells.len() > MAX_COLUMNS
                            || issue
                                .column_index
                                .is_some_and(|c| c >= columns.max(issue.cells.len()))
                    });
            if damaged_issue {
                return Err(format!(
                    "a row needing attention in “{}” is damaged",
                    report.file
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_file, ImportOptions};
    use crate::model::Sym;
    use crate::place::{fingerprint, Origin};

    fn place() -> Place {
        let text = b"Funder,Amount\nDfT,10\nMoJ,TBC\n";
        let mut place = Place {
            origin: Origin::Uploads,
            ..Place::default()
        };
        let report = import_file(
            &mut place.dataset,
            "p.csv",
            text.to_vec(),
            ImportOptions::default(),
        )
        .unwrap();
        place.add_file(report, fingerprint(text), text.len() as u64);
        place
    }

    #[test]
    fn a_sound_place_passes_and_each_kind_of_damage_is_named() {
        assert_eq!(place().check(), Ok(()));
        let mut bad = place();
        bad.dataset.lines[0].funder = Sym(99);
        assert!(bad.check().unwrap_err().contains("names text"));
        let mut bad = place();
        bad.dataset.lines[0].source.file = 3;
        assert!(bad.check().unwrap_err().contains("comes from no file"));
        let mut bad = place();
        bad.dataset.lines[0].amount.0 += 1;
        assert!(bad.check().unwrap_err().contains("does not match"));
        let mut bad = place();
        bad.files[0].report.needs_attention[0].column_index = Some(132_539_173);
        assert!(bad.check().unwrap_err().contains("damaged"));
        let mut bad = place();
        bad.files.clear();
        assert!(bad.check().is_err());
    }
}
