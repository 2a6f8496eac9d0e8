//! Rows needing attention, settled by the person: a corrected value, or left out on purpose.

use csv::StringRecord;

use super::rows::{read_row, record_outcome, within_room, RowOutcome};
use super::ImportReport;
use crate::model::Dataset;

/// Why a fix could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FixError {
    #[error("there is no row needing attention at that place")]
    NoSuchIssue,
    #[error("{0}")]
    StillUnreadable(String),
    #[error(transparent)]
    Names(#[from] crate::names::MergeError),
}

/// Replaces the problem cell of `report.needs_attention[issue]` with `value` and reads the
/// row again; on success the row becomes a funding line in `dataset`.
pub fn fix_row(
    dataset: &mut Dataset,
    report: &mut ImportReport,
    file_index: u16,
    issue: usize,
    value: &str,
) -> Result<(), FixError> {
    let problem = report
        .needs_attention
        .get(issue)
        .ok_or(FixError::NoSuchIssue)?;
    let column = problem.column_index.ok_or(FixError::NoSuchIssue)?;
    let mut cells = problem.cells.clone();
    if cells.len() <= column {
        cells.resize(report.headers.len().max(column + 1), String::new());
    }
    cells[column] = value.to_owned();
    let cells = StringRecord::from(cells);
    let columns = report.mapping.columns_by_field();
    let mut room = dataset.money_room();
    let outcome = within_room(
        read_row(
            &cells,
            report,
            &columns,
            &mut dataset.strings,
            &dataset.assigned_places,
        ),
        &mut room,
        &columns,
    );
    match &outcome {
        RowOutcome::Line(..) => {}
        RowOutcome::NeedsAttention { reason, .. } => {
            return Err(FixError::StillUnreadable(reason.clone()))
        }
        RowOutcome::Skipped(reason) => {
            return Err(FixError::StillUnreadable(format!(
                "the row would be a {}",
                reason.label()
            )))
        }
    }
    let fixed = report.needs_attention.remove(issue);
    record_outcome(
        report,
        &mut dataset.lines,
        outcome,
        fixed.row,
        file_index,
        &cells,
    );
    Ok(())
}

/// Moves `report.needs_attention[issue]` to the rows deliberately left out.
pub fn leave_out_row(report: &mut ImportReport, issue: usize) -> Result<(), FixError> {
    if issue >= report.needs_attention.len() {
        return Err(FixError::NoSuchIssue);
    }
    let row = report.needs_attention.remove(issue);
    report.left_out.push(row);
    Ok(())
}

/// Takes back `report.left_out[left_out]`: the row needs attention again, in row order.
pub fn take_back_row(report: &mut ImportReport, left_out: usize) -> Result<(), FixError> {
    if left_out >= report.left_out.len() {
        return Err(FixError::NoSuchIssue);
    }
    let row = report.left_out.remove(left_out);
    let at = report
        .needs_attention
        .iter()
        .position(|issue| issue.row > row.row)
        .unwrap_or(report.needs_attention.len());
    report.needs_attention.insert(at, row);
    Ok(())
}
