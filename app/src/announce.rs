//! What the page says when something happens: the live region's messages, worded once.

use grantpool::format;
use grantpool::import::ImportReport;
use grantpool::model::Dataset;
use grantpool::model::{Pence, Ringfence};
use grantpool::money::RingfenceSplit;
use grantpool::place::PlaceSummary;
use grantpool::scenario::{Edit, PotId, Scenario, NOT_IN_A_POT};

/// "Moved 340 funding lines (£46,912,300) to “Health and care”." `pot` is the destination's
/// name, `None` for out of every pot.
pub fn moved(lines: usize, money: Pence, pot: Option<&str>) -> String {
    format!(
        "Moved {} ({}) to “{}”.",
        funding_lines(lines as u64),
        format::gbp(money),
        pot.unwrap_or(NOT_IN_A_POT)
    )
}

/// What an edit did, for "Undid: …" and "Redid: …": "moved 340 funding lines (£46.9m) to
/// “Health and care”". Names come from `scenario` (as it is before the undo or redo) and money
/// from `dataset`.
pub fn edit_description(edit: &Edit, scenario: &Scenario, dataset: &Dataset) -> String {
    let pot_name = |pot: PotId| {
        scenario
            .pot(pot)
            .map_or_else(|| "a pot".to_owned(), |p| format!("“{}”", p.name))
    };
    match edit {
        Edit::CreatePot { name, .. } => format!("created “{name}”"),
        Edit::RenamePot { name, .. } => format!("renamed a pot “{name}”"),
        Edit::RecolourPot { pot, .. } => format!("changed the colour of {}", pot_name(*pot)),
        Edit::SetPolicy { pot, policy } => {
            format!("set {} to “{}”", pot_name(*pot), policy.label())
        }
        Edit::DeletePot { pot } => format!("deleted {}", pot_name(*pot)),
        Edit::SetNotes { pot, .. } => format!("changed the notes of {}", pot_name(*pot)),
        Edit::SetOutcomes { pot, .. } => format!("changed the outcomes of {}", pot_name(*pot)),
        Edit::MoveLines { lines, to } => {
            let money: Pence = lines
                .iter()
                .filter_map(|&line| dataset.lines.get(line as usize))
                .map(|line| line.amount)
                .sum();
            format!(
                "moved {} ({}) to {}",
                funding_lines(lines.len() as u64),
                format::gbp_short(money.as_pounds_f64()),
                to.map_or_else(|| format!("“{NOT_IN_A_POT}”"), pot_name)
            )
        }
        Edit::Replace { .. } => "opened a scenario file".to_owned(),
    }
}

/// What an import added, for the live region.
pub fn imported(report: &ImportReport) -> String {
    format!(
        "Imported “{}”: {}, {}; {}; {} skipped.",
        report.file,
        funding_lines(report.lines_imported.into()),
        format::gbp(report.total),
        rows_needing_attention(report.needs_attention.len()),
        format::counted(report.skipped.len() as u64, "row", "rows"),
    )
}

/// The import summary's sentence for the whole place; it always reconciles with the files.
pub fn place_summary(s: &PlaceSummary) -> String {
    format!(
        "{} from {}; {}; {} skipped (blank or totals); {} left out by you. Total {}.",
        funding_lines(s.lines),
        format::counted(s.files as u64, "file", "files"),
        rows_needing_attention(s.needs_attention as usize),
        format::counted(s.skipped, "row", "rows"),
        format::count(s.left_out),
        format::gbp(s.total),
    )
}

/// The import summary's line for one file.
pub fn file_summary(report: &ImportReport) -> String {
    let sheet = report
        .sheet
        .as_ref()
        .map(|s| format!(" (sheet “{s}”)"))
        .unwrap_or_default();
    format!(
        "{}{sheet}: {} → {} ({}), {}, {} left out, {} skipped.",
        report.file,
        format::counted(report.data_rows.into(), "data row", "data rows"),
        funding_lines(report.lines_imported.into()),
        format::gbp(report.total),
        rows_needing_attention(report.needs_attention.len()),
        format::count(report.left_out.len() as u64),
        format::count(report.skipped.len() as u64),
    )
}

/// "1 funding line", "1,685 funding lines".
pub fn funding_lines(lines: u64) -> String {
    format::counted(lines, "funding line", "funding lines")
}

/// A group's ringfenced share for the funding map: "98.5% ringfenced", or "ringfence not
/// recorded" when the files say nothing about it (never "0.0% ringfenced"), or nothing when
/// there is no money.
pub fn ringfenced_share(money: &RingfenceSplit) -> String {
    if money.nothing_recorded() && money.total().0 != 0 {
        return "ringfence not recorded".to_owned();
    }
    money
        .share(Ringfence::Ringfenced)
        .map(|share| format!("{} ringfenced", format::percent(share)))
        .unwrap_or_default()
}

/// "1 row needs attention", "3 rows need attention".
pub fn rows_needing_attention(rows: usize) -> String {
    let verb = if rows == 1 { "needs" } else { "need" };
    format!(
        "{} {verb} attention",
        format::counted(rows as u64, "row", "rows")
    )
}

/// An error from the core as a sentence: capitalised, with a full stop.
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let capitalised: String = chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    });
    if capitalised.ends_with('.') {
        capitalised
    } else {
        format!("{capitalised}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_name_the_lines_the_money_and_the_destination() {
        assert_eq!(
            moved(340, Pence(4_691_230_000), Some("Health and care")),
            "Moved 340 funding lines (£46,912,300) to “Health and care”."
        );
        assert_eq!(
            moved(1, Pence(500), None),
            "Moved 1 funding line (£5) to “Not in a pot”."
        );
    }

    #[test]
    fn imports_count_rows_with_the_right_nouns() {
        let report = ImportReport {
            file: "a.csv".into(),
            lines_imported: 1,
            total: Pence(1_000),
            ..ImportReport::default()
        };
        assert_eq!(
            imported(&report),
            "Imported “a.csv”: 1 funding line, £10; 0 rows need attention; 0 rows skipped."
        );
    }

    #[test]
    fn the_place_summary_reads_as_a_sentence_with_the_right_nouns() {
        let summary = PlaceSummary {
            files: 1,
            data_rows: 8,
            lines: 3,
            needs_attention: 3,
            left_out: 0,
            skipped: 2,
            total: Pence(5_050_000),
        };
        assert_eq!(
            place_summary(&summary),
            "3 funding lines from 1 file; 3 rows need attention; 2 rows skipped (blank or totals); 0 left out by you. Total £50,500."
        );
        let report = ImportReport {
            file: "a.csv".into(),
            data_rows: 1,
            lines_imported: 1,
            total: Pence(100),
            ..ImportReport::default()
        };
        assert_eq!(
            file_summary(&report),
            "a.csv: 1 data row → 1 funding line (£1), 0 rows need attention, 0 left out, 0 skipped."
        );
    }

    #[test]
    fn unrecorded_ringfencing_never_reads_as_zero_per_cent() {
        let unrecorded = RingfenceSplit {
            not_recorded: Pence(500),
            ..RingfenceSplit::default()
        };
        assert_eq!(ringfenced_share(&unrecorded), "ringfence not recorded");
        let mixed = RingfenceSplit {
            ringfenced: Pence(300),
            flexible: Pence(100),
            ..RingfenceSplit::default()
        };
        assert_eq!(ringfenced_share(&mixed), "75.0% ringfenced");
        assert_eq!(ringfenced_share(&RingfenceSplit::default()), "");
    }

    #[test]
    fn undo_and_redo_say_what_changed() {
        let mut dataset = Dataset::default();
        grantpool::import::import_delimited(
            &mut dataset,
            "t.csv",
            b"Funder,Amount\nDfT,100\nMoJ,50\n",
        )
        .unwrap();
        let mut editor = grantpool::scenario::Editor::new(dataset.lines.len());
        editor
            .apply(grantpool::scenario::Command::Edit(Edit::CreatePot {
                name: "Health and care".into(),
                colour: 0,
                policy: grantpool::scenario::PotPolicy::LiftRingfence,
            }))
            .unwrap();
        let pot = editor.newest_pot();
        let moved = Edit::MoveLines {
            lines: vec![0, 1],
            to: pot,
        };
        assert_eq!(
            edit_description(&moved, &editor.scenario, &dataset),
            "moved 2 funding lines (£150) to “Health and care”"
        );
        let back = Edit::MoveLines {
            lines: vec![0],
            to: None,
        };
        assert_eq!(
            edit_description(&back, &editor.scenario, &dataset),
            "moved 1 funding line (£100) to “Not in a pot”"
        );
        assert_eq!(
            edit_description(editor.last_done().unwrap(), &editor.scenario, &dataset),
            "created “Health and care”"
        );
    }

    #[test]
    fn the_verb_agrees_with_the_rows() {
        assert_eq!(rows_needing_attention(1), "1 row needs attention");
        assert_eq!(rows_needing_attention(3), "3 rows need attention");
    }

    #[test]
    fn errors_read_as_sentences() {
        assert_eq!(
            sentence("there is nothing to undo"),
            "There is nothing to undo."
        );
        assert_eq!(sentence("Already a sentence."), "Already a sentence.");
        assert_eq!(sentence(""), ".");
    }
}
