//! Exports for a board paper: the pooled budget as CSV, and charts as SVG.

use plotters::prelude::*;

use crate::breakdown;
use crate::charts::{Chart, ChartStyle};
use crate::geography::gazetteer;
use crate::measures::measure;
use crate::model::{Dataset, FundingLine, Pence};
use crate::money::RingfenceSplit;
use crate::names::{self, NameField};
use crate::scenario::{Scenario, NOT_IN_A_POT};
use crate::view::LineFilter;

/// A text cell made safe for spreadsheets (OWASP CSV injection advice): a cell that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`, so Excel and LibreOffice
/// show it as text instead of running it as a formula. Amounts are written as numbers by
/// [`pooled_budget_csv`] and never pass through here, so negatives stay numbers.
pub fn safe_text(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// An amount as a plain number of pounds with two decimals: `-2000.00`, `1234.56`.
fn pounds(amount: Pence) -> String {
    let sign = if amount.0 < 0 { "-" } else { "" };
    let pence = amount.0.unsigned_abs();
    format!("{sign}{}.{:02}", pence / 100, pence % 100)
}

/// The columns of one funding line in the CSV exports.
const LINE_COLUMNS: [&str; 16] = [
    "Identifier",
    "Title",
    "Funder",
    "Programme",
    "Recipient",
    "Service",
    "Place code",
    "Place",
    "Financial year",
    "Amount (£)",
    "Ringfenced today",
    "Ringfenced with pots",
    "Pot",
    "Pot policy",
    "Source file",
    "Source row",
];

/// Line `index` of `dataset` as the CSV exports write it, every text cell made safe.
fn line_cells(
    dataset: &Dataset,
    scenario: &Scenario,
    index: usize,
    line: &FundingLine,
) -> Vec<String> {
    let text = |sym| safe_text(dataset.text(sym));
    let pot = scenario.pot_of(index).and_then(|id| scenario.pot(id));
    let status = scenario.status_of(index, line.ringfence);
    let source = dataset
        .sources
        .get(line.source.file as usize)
        .map_or("", |s| s.name.as_str());
    vec![
        text(line.identifier),
        text(line.title),
        safe_text(&names::for_export(dataset, line, NameField::Funder)),
        safe_text(&names::for_export(dataset, line, NameField::Programme)),
        text(line.recipient),
        text(line.service),
        text(line.area),
        match dataset.text(line.area) {
            "" => String::new(),
            code => safe_text(gazetteer().name_of(code)),
        },
        line.year.map_or_else(String::new, |y| y.label()),
        pounds(line.amount),
        line.ringfence.label().to_owned(),
        status.label().to_owned(),
        pot.map_or_else(String::new, |p| safe_text(&p.name)),
        pot.map_or_else(String::new, |p| p.policy.label().to_owned()),
        safe_text(source),
        line.source.row.to_string(),
    ]
}

/// The lines behind a choice ([`crate::drill::lines_behind`]): a row for `what` was chosen
/// and the view, one row per line, and a total row, formula-safe like the pooled budget.
pub fn lines_csv(dataset: &Dataset, scenario: &Scenario, title: &str, lines: &[u32]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let mut row = |cells: Vec<String>| writer.write_record(&cells).expect("writing to memory");
    row(LINE_COLUMNS.map(str::to_owned).to_vec());
    let mut total = Pence(0);
    for &index in lines {
        if let Some(line) = dataset.lines.get(index as usize) {
            total += line.amount;
            row(line_cells(dataset, scenario, index as usize, line));
        }
    }
    row(Vec::new());
    row(vec![
        safe_text(&format!("Lines behind {title}")),
        lines.len().to_string(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        "Total".to_owned(),
        pounds(total),
    ]);
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("utf-8 text")
}

/// The pooled budget of the lines `filter` keeps: one row per funding line with its place,
/// financial year and pot, then, after a blank row, one row per pot and the unpooled remainder.
/// The line amounts and the summary both add up to the view's total.
pub fn pooled_budget_csv(dataset: &Dataset, scenario: &Scenario, filter: &LineFilter) -> String {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let mut row = |cells: Vec<String>| writer.write_record(&cells).expect("writing to memory");
    row(LINE_COLUMNS.map(str::to_owned).to_vec());
    let mut lines = 0;
    for (index, line) in filter.lines(dataset) {
        lines += 1;
        row(line_cells(dataset, scenario, index, line));
    }
    row(Vec::new());
    row([
        "Pot summary",
        "Policy",
        "Lines",
        "Funders",
        "Amount (£)",
        "Ringfenced (£)",
        "Flexible (£)",
        "Not recorded (£)",
    ]
    .map(str::to_owned)
    .to_vec());
    let after = measure(dataset, Some(scenario), filter);
    // Each pot in order, then the lines in no pot.
    let pot_rows = breakdown::by_pot(&after.by_funder_and_pot, scenario);
    let mut summary_row =
        |label: String, policy: &str, lines: usize, funders: String, split: RingfenceSplit| {
            row(vec![
                label,
                policy.to_owned(),
                lines.to_string(),
                funders,
                pounds(split.total()),
                pounds(split.ringfenced),
                pounds(split.flexible),
                pounds(split.not_recorded),
            ])
        };
    for (pot, (_, pot_row)) in scenario.pots.iter().zip(&pot_rows) {
        let funders = after
            .pots
            .iter()
            .find(|m| m.pot == pot.id)
            .map_or(0, |m| m.funders);
        summary_row(
            safe_text(&pot.name),
            pot.policy.label(),
            pot_row.lines,
            funders.to_string(),
            pot_row.money,
        );
    }
    let (_, unpooled) = pot_rows
        .last()
        .expect("the lines in no pot are the last row");
    summary_row(
        NOT_IN_A_POT.to_owned(),
        "",
        unpooled.lines,
        String::new(),
        unpooled.money,
    );
    summary_row(
        "Whole place".to_owned(),
        "",
        lines,
        after.funders.to_string(),
        after.money,
    );
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("utf-8 text")
}

/// A chart as an SVG document `width` pixels wide, titled, with `footer` (source and date)
/// under it.
pub fn chart_svg(chart: &Chart, footer: &str, width: u32) -> String {
    let style = ChartStyle {
        footer: Some(footer.to_owned()),
        ..ChartStyle::default()
    };
    svg_document(chart, (width, chart.export_height()), &style)
}

/// A chart as a small SVG for the page itself: `width` pixels wide, with no title or source
/// line (the page shows them), named by `<title>` and `<desc>` as the download is.
pub fn chart_svg_plain(chart: &Chart, width: u32) -> String {
    let style = ChartStyle {
        titled: false,
        ..ChartStyle::default()
    };
    svg_document(chart, (width, chart.height()), &style)
}

/// The chart drawn in `style` as an SVG document of `size` pixels, with its `<title>` and
/// `<desc>`.
fn svg_document(chart: &Chart, size: (u32, u32), style: &ChartStyle) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        chart
            .draw(&area, style)
            .expect("drawing to a string cannot fail");
    }
    xml_text(with_title_and_desc(svg, chart.title(), &chart.summary()))
}

/// Adds `<title>` and `<desc>` as the SVG's first children, so the chart names itself and says
/// its message to a screen reader wherever it is pasted.
fn with_title_and_desc(mut svg: String, title: &str, desc: &str) -> String {
    let escape = |text: &str| {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    if let Some(open) = svg
        .find("<svg")
        .and_then(|at| svg[at..].find('>').map(|end| at + end + 1))
    {
        svg.insert_str(
            open,
            &format!(
                "\n<title>{}</title>\n<desc>{}</desc>",
                escape(title),
                escape(desc)
            ),
        );
    }
    svg
}

/// `text` without the characters XML 1.0 forbids (control characters other than tab, line
/// feed and carriage return), so a name typed or pasted with one still exports as a valid SVG.
fn xml_text(text: String) -> String {
    let forbidden = |c: char| c < ' ' && !matches!(c, '\t' | '\n' | '\r');
    if text.contains(forbidden) {
        text.replace(forbidden, "")
    } else {
        text
    }
}

/// A footer line for exported charts: where the data came from, and when.
pub fn chart_footer(dataset_name: &str, date: &str) -> String {
    format!("Source: {dataset_name}. Made with grantpool on {date}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::PotPolicy;

    #[test]
    fn cells_that_could_run_as_formulas_are_escaped_but_amounts_stay_numbers() {
        assert_eq!(
            safe_text("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        for risky in ["+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(safe_text(risky).starts_with('\''), "{risky:?}");
        }
        assert_eq!(safe_text("Durham County Council"), "Durham County Council");
        assert_eq!(pounds(Pence(-200_000)), "-2000.00");
        assert_eq!(pounds(Pence(123_456)), "1234.56");
    }

    #[test]
    fn the_pooled_budget_lists_every_line_and_reconciles() {
        let dataset = crate::import::dataset_from(
            b"Funder,Recipient,Amount,Ringfenced\nDfT,=cmd|' /C calc'!A0,100,Yes\nMoJ,Durham CC,(20),No\nDfE,School,50,Yes\n",
        );
        let editor = crate::scenario::test_support::editor_with_pot(
            3,
            "Early help",
            PotPolicy::LiftRingfence,
            &[0, 1],
        );
        let csv = pooled_budget_csv(&dataset, &editor.scenario, &crate::view::LineFilter::ALL);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(csv.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(
            &rows[0][4], "'=cmd|' /C calc'!A0",
            "a formula-looking recipient is escaped"
        );
        assert_eq!(&rows[1][9], "-20.00", "a clawback stays a negative number");
        assert_eq!(
            (&rows[0][10], &rows[0][11], &rows[0][12]),
            ("Ringfenced", "Flexible", "Early help")
        );
        assert_eq!(&rows[2][12], "", "line 3 is unpooled");
        let line_total: f64 = rows[..3].iter().map(|r| r[9].parse::<f64>().unwrap()).sum();
        assert_eq!(line_total, 130.0);
        let summary = |name: &str| rows.iter().find(|r| &r[0] == name).unwrap().clone();
        assert_eq!(&summary("Early help")[4], "80.00");
        assert_eq!(
            &summary("Early help")[6],
            "80.00",
            "all flexible in a pot that lifts the ringfence"
        );
        assert_eq!(&summary(NOT_IN_A_POT)[4], "50.00");
        assert_eq!(&summary("Whole place")[4], "130.00");
    }

    #[test]
    fn the_pooled_budget_of_a_place_and_year_names_them_and_adds_up_to_the_view() {
        let dataset = crate::import::dataset_from(
            b"Funder,Recipient,Amount,Financial Year\n\
              DfT,Durham County Council,100,2016-17\n\
              DfT,Durham County Council,50,2017-18\n\
              DfT,Age UK,7,2016-17\n",
        );
        let scenario = Scenario::new(dataset.lines.len());
        let view = crate::view::View::of(
            crate::view::PlaceChoice::Area("E06000047".into()),
            crate::view::YearChoice::Year(crate::model::FinancialYear(2016)),
        );
        let csv = pooled_budget_csv(&dataset, &scenario, &view.filter(&dataset));
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(csv.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(
            (&headers[6], &headers[7], &headers[8]),
            ("Place code", "Place", "Financial year")
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(
            (&rows[0][6], &rows[0][7], &rows[0][8], &rows[0][9]),
            ("E06000047", "County Durham", "2016-17", "100.00")
        );
        assert_eq!(
            (&rows[1][0], &rows[2][0]),
            ("", "Pot summary"),
            "one line, a blank row, the summary"
        );
        let whole = rows.iter().find(|r| &r[0] == "Whole place").unwrap();
        assert_eq!((&whole[2], &whole[4]), ("1", "100.00"));
    }

    #[test]
    fn the_exported_chart_has_its_title_bars_and_footer() {
        let rows = vec![crate::breakdown::SplitRow {
            label: "Home Office".into(),
            merged: 0,
            criteria: Vec::new(),
            lines: 2,
            money: crate::money::RingfenceSplit {
                ringfenced: Pence(5_000_000),
                flexible: Pence(1_000_000),
                not_recorded: Pence(0),
            },
        }];
        let svg = chart_svg(
            &Chart::ByFunder(rows),
            "Source: test data. Made with grantpool on 2026-11-25.",
            900,
        );
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains(crate::charts::ringfence_by_funder::TITLE));
        assert!(svg.contains("Home Office"));
        assert!(svg.contains("Source: test data. Made with grantpool on 2026-11-25."));
    }

    #[test]
    fn control_characters_in_names_never_make_an_svg_invalid() {
        let rows = vec![crate::breakdown::SplitRow {
            label: "Pot\u{1}\u{8}\u{b}\u{c} one".into(),
            lines: 1,
            money: crate::money::RingfenceSplit {
                ringfenced: Pence(100),
                ..crate::money::RingfenceSplit::default()
            },
            merged: 0,
            criteria: Vec::new(),
        }];
        let svg = chart_svg(&Chart::ByFunder(rows), "Source: test.", 800);
        assert!(svg.contains("Pot one"));
        assert!(!svg
            .chars()
            .any(|c| c < ' ' && !matches!(c, '\t' | '\n' | '\r')));
    }
}
