//! One row at a time: what a row of cells becomes, and recording it in the report.

use std::borrow::Cow;

use csv::StringRecord;

use super::values::{parse_allocation, parse_date, parse_money, parse_ringfence};
use super::{Field, ImportReport, RowIssue, SkipReason, SkippedRow};
use crate::geography::{locate, PlaceClues};
use crate::model::{AssignedPlaces, FundingLine, Ringfence, SourceRow, StringPool};
use crate::years::{locate_year, parse_financial_year};

/// The column of each field (`Field as usize`), if the file has one.
pub(super) type Columns = [Option<usize>; Field::ALL.len()];

pub(super) fn record_outcome(
    report: &mut ImportReport,
    lines: &mut Vec<FundingLine>,
    outcome: RowOutcome,
    row: u32,
    file_index: u16,
    cells: &StringRecord,
) {
    match outcome {
        RowOutcome::Line(mut line, cell_notes) => {
            line.source = SourceRow {
                file: file_index,
                row,
            };
            report.total += line.amount;
            report.lines_imported += 1;
            for (column, reason) in cell_notes {
                report.notes.push(RowIssue {
                    file: report.file.clone(),
                    row,
                    column,
                    reason,
                    cells: Vec::new(),
                    column_index: None,
                });
            }
            lines.push(line);
        }
        RowOutcome::Skipped(reason) => report.skipped.push(SkippedRow {
            file: report.file.clone(),
            row,
            reason,
        }),
        RowOutcome::NeedsAttention {
            column_index,
            reason,
        } => report.needs_attention.push(RowIssue {
            file: report.file.clone(),
            row,
            column: report
                .headers
                .get(column_index)
                .cloned()
                .unwrap_or_default(),
            reason,
            cells: cells.iter().map(str::to_owned).collect(),
            column_index: Some(column_index),
        }),
    }
}

/// Keeps a line only while the place has room for its money ([`Dataset::money_room`]): a
/// line that would take the place's absolute total past `i64` needs attention instead, so
/// every sum stays exact.
///
/// [`Dataset::money_room`]: crate::model::Dataset::money_room
pub(super) fn within_room(outcome: RowOutcome, room: &mut u64, columns: &Columns) -> RowOutcome {
    let RowOutcome::Line(line, _) = &outcome else {
        return outcome;
    };
    let size = line.amount.0.unsigned_abs();
    if size <= *room {
        *room -= size;
        return outcome;
    }
    RowOutcome::NeedsAttention {
        column_index: columns[Field::Amount as usize].unwrap_or(0),
        reason: "with this amount the place's money would add up to more than £92 quadrillion, more than grantpool can add exactly".to_owned(),
    }
}

/// Notes each cell of a line holding a character that could not be read (shown as U+FFFD),
/// so nothing is changed without a word.
pub(super) fn note_replaced_characters(
    outcome: &mut RowOutcome,
    cells: &StringRecord,
    headers: &[String],
) {
    let RowOutcome::Line(_, notes) = outcome else {
        return;
    };
    for (index, cell) in cells.iter().enumerate() {
        if cell.contains(super::text::REPLACEMENT) {
            notes.push((
                headers.get(index).cloned().unwrap_or_default(),
                "a character here could not be read (the file is not valid text at this point) and shows as \u{FFFD}".to_owned(),
            ));
        }
    }
}

pub(super) enum RowOutcome {
    Line(FundingLine, Vec<(String, String)>),
    Skipped(SkipReason),
    NeedsAttention { column_index: usize, reason: String },
}

pub(super) fn read_row(
    cells: &StringRecord,
    report: &ImportReport,
    columns: &Columns,
    strings: &mut StringPool,
    assigned: &AssignedPlaces,
) -> RowOutcome {
    if cells.iter().all(|cell| cell.trim().is_empty()) {
        return RowOutcome::Skipped(SkipReason::Blank);
    }
    let column_of = |field: Field| columns[field as usize];
    if is_total_row(cells, columns) {
        return RowOutcome::Skipped(SkipReason::TotalRow);
    }
    let Some(amount_column) = column_of(Field::Amount) else {
        // Checked when the import starts; a saved report changed by hand may still lack one.
        return RowOutcome::NeedsAttention {
            column_index: 0,
            reason: "the file has no amount column".to_owned(),
        };
    };
    let Some(amount_cell) = cells.get(amount_column) else {
        return RowOutcome::NeedsAttention {
            column_index: amount_column,
            reason: format!(
                "row has only {} cells but the header has {}",
                cells.len(),
                report.headers.len()
            ),
        };
    };
    let amount = match parse_money(amount_cell, report.unit) {
        Ok(amount) => amount,
        Err(error) => {
            return RowOutcome::NeedsAttention {
                column_index: amount_column,
                reason: error.to_string(),
            }
        }
    };

    let mut notes = Vec::new();
    let cell = |field: Field| {
        column_of(field)
            .and_then(|c| cells.get(c))
            .map_or("", |c| c.trim())
    };
    let header = |field: Field| {
        column_of(field)
            .and_then(|c| report.headers.get(c))
            .map_or("", String::as_str)
            .to_owned()
    };
    let mut unreadable_date = false;
    let mut date = |field: Field| {
        parse_date(cell(field)).unwrap_or_else(|error| {
            notes.push((header(field), format!("{error}; left unknown")));
            unreadable_date = true;
            None
        })
    };
    let award_date = date(Field::AwardDate);
    let end_date = date(Field::EndDate);
    let start_date = date(Field::StartDate);
    let year_cell = parse_financial_year(cell(Field::FinancialYear));
    if let Err(error) = &year_cell {
        notes.push((
            header(Field::FinancialYear),
            format!("{error}; left unknown"),
        ));
    }
    let (year, year_basis) = locate_year(year_cell, award_date, start_date, unreadable_date);
    if let (Some(start), Some(end)) = (start_date.or(award_date), end_date) {
        if end < start {
            notes.push((
                header(Field::EndDate),
                format!("the end date {end} is before the start {start}, so the award's length is not known"),
            ));
        }
    }
    let recipient = cell(Field::Recipient);
    let (area, place_basis) = locate(&PlaceClues {
        code: cell(Field::PlaceCode),
        org_id: cell(Field::RecipientId),
        recipient,
        whole_file: report.place.as_deref(),
        assigned: assigned.get(recipient).map(String::as_str),
    });
    let programme_text = match cell(Field::Programme) {
        "" => cell(Field::Title),
        programme => programme,
    };
    let ringfence = match parse_ringfence(cell(Field::Ringfenced)) {
        Ringfence::NotRecorded => report.ringfence_rule.apply(programme_text),
        known => known,
    };
    let identifier = strings.push_unique(&printable(cell(Field::Identifier)));
    let mut sym = |field: Field| strings.intern(&printable(cell(field)));
    let line = FundingLine {
        identifier,
        title: sym(Field::Title),
        funder: sym(Field::Funder),
        programme: sym(Field::Programme),
        recipient: sym(Field::Recipient),
        service: sym(Field::Service),
        location: sym(Field::Location),
        currency: sym(Field::Currency),
        amount,
        ringfence,
        allocation: parse_allocation(cell(Field::Allocation)),
        award_date,
        end_date,
        source: SourceRow { file: 0, row: 0 },
        start_date,
        area: area.map_or(StringPool::BLANK, |a| strings.intern(a.code)),
        place_basis,
        year,
        year_basis,
        funder_as_written: StringPool::BLANK,
        programme_as_written: StringPool::BLANK,
    };
    RowOutcome::Line(line, notes)
}

/// Text with its control characters (tabs and line breaks inside a cell, and stray bytes
/// no label needs, which would also make an exported SVG invalid XML) turned into spaces.
pub(super) fn printable(text: &str) -> Cow<'_, str> {
    // C0 controls and DEL are single bytes; C1 controls (U+0080–U+009F) start with 0xC2.
    if !text.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2) {
        return Cow::Borrowed(text);
    }
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect(),
    )
}

/// A total or subtotal row: some cell says "Total" and there is no identifier or recipient.
fn is_total_row(cells: &StringRecord, columns: &Columns) -> bool {
    let blank = |field: Field| {
        columns[field as usize]
            .and_then(|c| cells.get(c))
            .is_none_or(|c| c.trim().is_empty())
    };
    if !(blank(Field::Identifier) && blank(Field::Recipient)) {
        return false;
    }
    cells.iter().any(|cell| {
        let cell = cell.trim();
        let starts = |word: &str| {
            cell.len() > word.len()
                && cell.is_char_boundary(word.len())
                && cell[..word.len()].eq_ignore_ascii_case(word)
        };
        [
            "total",
            "totals",
            "subtotal",
            "sub-total",
            "sub total",
            "grand total",
        ]
        .iter()
        .any(|word| cell.eq_ignore_ascii_case(word))
            || starts("total ")
            || starts("subtotal ")
    })
}
