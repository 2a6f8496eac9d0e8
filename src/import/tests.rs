//! The importer, tested on small files worked by hand.

use super::*;
use crate::model::{Dataset, Pence, SourceRow};

fn import(text: &str) -> (Dataset, ImportReport) {
    let mut dataset = Dataset::default();
    let report = import_delimited(&mut dataset, "grants.csv", text.as_bytes()).expect("imports");
    (dataset, report)
}

#[test]
fn imports_360giving_columns() {
    let (dataset, report) = import(
        "Identifier,Title,Amount Awarded,Currency,Award Date,Recipient Org:Name,Funding Org:Name,Grant Programme:Title\n\
         360G-1,Bus grant,\"25,000\",GBP,2016-04-01,Transport for London,Department for Transport,BSOG\n\
         360G-2,Youth justice,1000.50,GBP,01/04/2016,Durham County Council,Ministry of Justice,YJB\n",
    );
    assert_eq!(report.lines_imported, 2);
    assert_eq!(report.total, Pence(2_500_000 + 100_050));
    assert!(report.reconciles());
    let line = &dataset.lines[1];
    assert_eq!(dataset.text(line.funder), "Ministry of Justice");
    assert_eq!(dataset.text(line.recipient), "Durham County Council");
    assert_eq!(line.source, SourceRow { file: 0, row: 3 });
    assert_eq!(
        line.award_date.map(|d| d.to_string()).as_deref(),
        Some("2016-04-01")
    );
}

#[test]
fn lists_unreadable_rows_with_row_column_and_reason() {
    let (_, report) = import(
        "Funder,Recipient,Amount\n\
         DfT,A,100\n\
         DfT,B,TBC\n\
         ,,\n\
         DfT,C\n\
         Total,,200\n\
         MoJ,D,\n",
    );
    assert_eq!(report.lines_imported, 1);
    assert_eq!(report.total, Pence(10_000));
    assert_eq!(report.data_rows, 6);
    assert!(report.reconciles());
    let issues: Vec<(u32, &str, &str)> = report
        .needs_attention
        .iter()
        .map(|i| (i.row, i.column.as_str(), i.reason.as_str()))
        .collect();
    assert_eq!(
        issues,
        vec![
            (3, "Amount", "“TBC” is not an amount of money"),
            (5, "Amount", "row has only 2 cells but the header has 3"),
            (7, "Amount", "amount is blank"),
        ]
    );
    assert_eq!(
        report.skipped,
        vec![
            SkippedRow {
                file: "grants.csv".into(),
                row: 4,
                reason: SkipReason::Blank
            },
            SkippedRow {
                file: "grants.csv".into(),
                row: 6,
                reason: SkipReason::TotalRow
            },
        ]
    );
}

#[test]
fn rows_needing_attention_can_be_fixed_in_place_or_left_out() {
    let (mut dataset, mut report) =
        import("Funder,Recipient,Amount\nDfT,A,100\nDfT,B,TBC\nDfT,C\nMoJ,D,x\n");
    assert_eq!(report.needs_attention.len(), 3);
    assert_eq!(
        fix_row(&mut dataset, &mut report, 0, 0, "also TBC"),
        Err(FixError::StillUnreadable(
            "“also TBC” is not an amount of money".into()
        ))
    );
    fix_row(&mut dataset, &mut report, 0, 0, "£2,500").unwrap();
    assert_eq!(report.lines_imported, 2);
    assert_eq!(report.total, Pence(260_000));
    assert_eq!(dataset.lines.len(), 2);
    assert_eq!(dataset.lines[1].source.row, 3);
    assert_eq!(dataset.text(dataset.lines[1].recipient), "B");
    // The short row gets its missing cell.
    fix_row(&mut dataset, &mut report, 0, 0, "7").unwrap();
    assert_eq!(dataset.text(dataset.lines[2].recipient), "C");
    leave_out_row(&mut report, 0).unwrap();
    assert!(report.needs_attention.is_empty());
    assert_eq!(report.left_out[0].row, 5);
    assert!(report.reconciles());
    assert_eq!(report.total, dataset.total());
}

#[test]
fn a_file_without_an_amount_column_is_refused_clearly() {
    let mut dataset = Dataset::default();
    let error = import_delimited(&mut dataset, "x.csv", b"Name,Town\nA,B\n").unwrap_err();
    assert_eq!(
        error,
        ImportError::NoAmountColumn {
            file: "x.csv".into()
        }
    );
    assert!(dataset.lines.is_empty() && dataset.sources.is_empty());
    assert_eq!(
        import_delimited(&mut dataset, "e.csv", b"").unwrap_err(),
        ImportError::Empty {
            file: "e.csv".into()
        }
    );
}

#[test]
fn a_bad_date_keeps_the_money_and_notes_the_cell() {
    let (dataset, report) = import("Amount,Award Date\n5,someday\n");
    assert_eq!(report.lines_imported, 1);
    assert_eq!(dataset.lines[0].award_date, None);
    assert_eq!(report.notes[0].column, "Award Date");
    assert_eq!(
        report.notes[0].reason,
        "“someday” is not a date; left unknown"
    );
}

#[test]
fn reads_semicolons_and_thousands_units() {
    let (_, report) = import("Department;Amount (£,000s)\nBIS;2915000\nDfE;1,5\n");
    assert_eq!(report.lines_imported, 1);
    assert_eq!(report.total, Pence(291_500_000_000));
    assert_eq!(report.needs_attention[0].row, 3);
}

#[test]
fn finds_the_header_under_title_rows() {
    let (dataset, report) =
        import("Grants to Durham 2016-17\n\nDepartment,Recipient,Amount (£)\nDfT,Durham CC,5\n");
    assert_eq!(report.header_row, 3);
    assert_eq!(report.data_rows, 1);
    assert_eq!(dataset.lines[0].source.row, 4);
}

#[test]
fn ringfence_rules_apply_only_where_the_file_is_silent() {
    let mut dataset = Dataset::default();
    let rule = RingfenceRule::FlexibleIfProgrammeContains {
        terms: vec!["Revenue Support".into(), " ".into()],
        otherwise: Ringfence::Ringfenced,
    };
    let report = import_file(
        &mut dataset,
        "r.csv",
        b"Programme,Amount,Ringfenced\nRevenue Support Grant,10,\nBus grant,5,\nRevenue support top-up,1,Yes\n".to_vec(),
        ImportOptions { ringfence_rule: rule, ..ImportOptions::default() },
    )
    .unwrap();
    let statuses: Vec<Ringfence> = dataset.lines.iter().map(|l| l.ringfence).collect();
    assert_eq!(
        statuses,
        [
            Ringfence::Flexible,
            Ringfence::Ringfenced,
            Ringfence::Ringfenced
        ]
    );
    assert!(report.reconciles());
}

#[test]
fn steps_report_progress_and_join_the_dataset_only_at_the_end() {
    let mut text = String::from("Amount\n");
    for i in 0..1000 {
        text.push_str(&format!("{i}\n"));
    }
    let mut dataset = Dataset::default();
    let mut importer = Importer::start(
        &dataset,
        "p.csv",
        text.into_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    assert!(!importer.step(&mut dataset.strings, 400).unwrap());
    let part = importer.progress();
    assert!(part > 0.2 && part < 0.6, "{part}");
    assert!(dataset.lines.is_empty());
    while !importer.step(&mut dataset.strings, 400).unwrap() {}
    assert_eq!(importer.progress(), 1.0);
    let report = importer.finish(&mut dataset);
    assert_eq!(report.lines_imported, 1000);
    assert_eq!(dataset.total(), Pence((0..1000).sum::<i64>() * 100));
}

#[test]
fn room_is_made_once_for_the_lines_the_file_is_likely_to_hold() {
    // 40,000 rows of much the same length: judged from the first 4,096, room is made for about
    // 44,000 lines, where growing by doubling copies the list again and again and ends with
    // room for 65,536.
    let mut text = String::from("Funder,Amount\n");
    for i in 0..40_000 {
        text.push_str(&format!("Funder {},{}\n", i % 7, 1000 + i % 9000));
    }
    let read = |text: &str| {
        let mut strings = Default::default();
        let mut importer = Importer::start(
            &Dataset::default(),
            "room.csv",
            text.as_bytes().to_vec(),
            ImportOptions::default(),
        )
        .unwrap();
        while !importer.step(&mut strings, 1000).unwrap() {}
        importer.into_read().lines
    };
    let lines = read(&text);
    assert_eq!(lines.len(), 40_000);
    assert!(
        (40_000..=46_000).contains(&lines.capacity()),
        "{}",
        lines.capacity()
    );
    // A file whose first rows mislead (short rows, then long ones) still reads every row.
    let mut text = String::from("Funder,Amount\n");
    for i in 0..5000 {
        text.push_str(&format!("F,{i}\n"));
    }
    for i in 0..5000 {
        text.push_str(&format!("{},{i}\n", "A much longer funder name ".repeat(8)));
    }
    assert_eq!(read(&text).len(), 10_000);
}

#[test]
fn money_that_cannot_be_added_exactly_needs_attention_and_totals_never_wrap() {
    // Two amounts of £92 quadrillion: the second would take the place past i64.
    let (dataset, report) = import(
        "Funder,Amount\n\
         DfT,92233720368547758.07\n\
         DfT,1\n\
         MoJ,-5\n",
    );
    assert_eq!(report.lines_imported, 1);
    assert_eq!(report.needs_attention.len(), 2);
    assert!(report.needs_attention[0]
        .reason
        .contains("more than grantpool can add exactly"));
    assert_eq!(report.total, Pence(i64::MAX));
    assert_eq!(dataset.total(), report.total);
    assert!(report.reconciles());
    assert_eq!(dataset.money_room(), 0);
    // 2,000 rows of £9e13 would be £1.8e17 in all, past i64's pence: the first 1,024 fit, the
    // rest need attention, and the total never wraps negative.
    let mut big = String::from("Funder,Amount\n");
    for _ in 0..2_000 {
        big.push_str("DfT,90000000000000\n");
    }
    let (dataset, report) = import(&big);
    assert_eq!(report.lines_imported, 1_024);
    assert_eq!(report.needs_attention.len(), 976);
    assert_eq!(dataset.total(), Pence(1_024 * 9_000_000_000_000_000));
    assert!(report.reconciles());
}

#[test]
fn control_characters_in_text_become_spaces() {
    let (dataset, _) =
        import("Funder,Programme,Amount\n\"Dept\u{1}for\tTransport\",\"Bus\u{9d}es\",5\n");
    let line = &dataset.lines[0];
    assert_eq!(dataset.text(line.funder), "Dept for Transport");
    assert_eq!(dataset.text(line.programme), "Bus es");
}

#[test]
fn previews_are_cut_on_character_boundaries() {
    // CR-only lines hold no '\n'; the cut falls after the last '\r' in the window.
    let line = "DfT,£5\r";
    let mut text = String::from("Funder,Amount\r");
    while text.len() <= PREVIEW_BYTES + 64 {
        text.push_str(line);
    }
    let cut = preview_cut(text.as_bytes());
    assert!(text.is_char_boundary(cut) && text[..cut].ends_with('\r'));
    // With no line break at all, the cut steps back out of a multi-byte character.
    let long = "£".repeat(PREVIEW_BYTES);
    let cut = preview_cut(long.as_bytes());
    assert!(long.is_char_boundary(cut) && cut <= PREVIEW_BYTES);
    // UTF-16 keeps whole code units and ends after a line break.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Funder\tAmount\r\n"
                .repeat(20_000)
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let cut = preview_cut(&utf16);
    assert_eq!(cut % 2, 0);
    assert_eq!(&utf16[cut - 2..cut], &[b'\n', 0]);
}

#[test]
fn a_damaged_workbook_says_what_is_wrong_and_other_files_say_what_they_look_like() {
    let workbook = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/government-grant-awards-2016-17.xlsx"
    ))
    .unwrap();
    let mut dataset = Dataset::default();
    let error = import_file(
        &mut dataset,
        "cut.xlsx",
        workbook[..2_000].to_vec(),
        ImportOptions::default(),
    )
    .unwrap_err();
    assert!(
        error.to_string().contains("as an Excel workbook (XLSX)"),
        "{error}"
    );
    let error = preview("logo.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "logo.csv: this is not a spreadsheet: it looks like a PNG image. grantpool reads CSV and TSV text, XLSX, XLS and ODS workbooks, and 360Giving JSON"
    );
}

#[test]
fn one_number_too_large_for_a_float_costs_one_row_not_the_whole_json_file() {
    let mut dataset = Dataset::default();
    let report = import_file(
        &mut dataset,
        "grants.json",
        br#"{"grants": [
            {"id": "a", "title": "Buses", "amountAwarded": 9e400, "currency": "GBP"},
            {"id": "b", "title": "Roads", "amountAwarded": 1234.57, "currency": "GBP"}
        ]}"#
        .to_vec(),
        ImportOptions::default(),
    )
    .expect("the file is read");
    assert_eq!(report.lines_imported, 1);
    assert_eq!(report.needs_attention.len(), 1);
    assert!(
        report.needs_attention[0].reason.contains("9e+400"),
        "{}",
        report.needs_attention[0].reason
    );
    assert_eq!(dataset.total(), Pence(123_457), "read exactly, as written");
}

#[test]
fn rows_too_wide_or_cells_too_large_are_refused_with_their_row() {
    let mut wide = String::from("Funder,Amount");
    wide.push_str(&",x".repeat(100_000));
    wide.push_str("\nDfT,5\n");
    let mut dataset = Dataset::default();
    let error = import_file(
        &mut dataset,
        "wide.csv",
        wide.into_bytes(),
        ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "wide.csv: row 1 is too large to read: it has 100,002 columns, and grantpool reads at most 10,000"
    );
    let mut big = String::from("Funder,Amount\nDfT,\"");
    big.push_str(&"a".repeat(11_000_000));
    big.push_str("\"\n");
    let error = import_file(
        &mut dataset,
        "big.csv",
        big.into_bytes(),
        ImportOptions::default(),
    )
    .unwrap_err();
    assert!(error
        .to_string()
        .contains("row 2 is too large to read: a cell holds more than 10 MB"));
    assert!(dataset.lines.is_empty(), "nothing half-imported");
}

#[test]
fn hostile_shapes_get_clear_messages() {
    let mut dataset = Dataset::default();
    let mut import = |name: &str, bytes: Vec<u8>| {
        import_file(&mut dataset, name, bytes, ImportOptions::default()).map(|r| r.lines_imported)
    };
    let not_a_list = import("g.json", br#"{"grants": {}}"#.to_vec()).unwrap_err();
    assert!(not_a_list.to_string().contains("has no \"grants\" list"));
    let deep = format!(
        "{{\"grants\": {}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert!(
        import("deep.json", deep.into_bytes()).is_err(),
        "10k-deep JSON is refused, not a stack overflow"
    );
    let empty_lines = "\n".repeat(2_000_000);
    assert!(matches!(
        import("empty.csv", empty_lines.into_bytes()),
        Err(ImportError::Empty { .. })
    ));
    let mut many_blank = String::from("Funder,Amount\n");
    many_blank.push_str(&"\n".repeat(2_000_000));
    many_blank.push_str("DfT,5\n");
    assert_eq!(import("blanks.csv", many_blank.into_bytes()), Ok(1));
}

#[test]
fn one_unbalanced_quote_costs_one_row_and_the_rows_after_it_are_kept() {
    let mut text = String::from("Funder,Amount\nDfT,\"5\n");
    for _ in 0..100_000 {
        text.push_str("MoJ,10\n");
    }
    let (dataset, report) = import(&text);
    assert_eq!(report.data_rows, 100_001);
    assert_eq!(report.lines_imported, 100_000);
    assert_eq!(report.needs_attention.len(), 1);
    let broken = &report.needs_attention[0];
    assert_eq!((broken.row, broken.column.as_str()), (2, "Amount"));
    assert!(broken
        .reason
        .contains("a quote opens in this cell and is never closed"));
    assert_eq!(dataset.total(), Pence(100_000 * 1_000));
    assert!(report.reconciles());
}

#[test]
fn a_bad_byte_costs_one_character_with_a_note_not_the_whole_file() {
    let mut bytes = b"Funder,Amount\n".to_vec();
    for n in 0..1_000 {
        bytes.extend_from_slice(format!("D\u{e9}partement {n},5\n").as_bytes());
    }
    bytes.extend_from_slice(b"Bad \xFF byte,5\n");
    let mut dataset = Dataset::default();
    let report = import_delimited(&mut dataset, "mixed.csv", &bytes).unwrap();
    assert_eq!(report.lines_imported, 1_001);
    assert!(report.needs_attention.is_empty());
    assert_eq!(dataset.text(dataset.lines[0].funder), "D\u{e9}partement 0");
    assert_eq!(
        dataset.text(dataset.lines[1_000].funder),
        "Bad \u{FFFD} byte"
    );
    assert_eq!(report.notes.len(), 1);
    assert_eq!(
        (report.notes[0].row, report.notes[0].column.as_str()),
        (1_002, "Funder")
    );
}

#[test]
fn json_lists_and_objects_where_values_belong_are_kept_as_text() {
    let mut dataset = Dataset::default();
    let report = import_file(
        &mut dataset,
        "g.json",
        br#"{"grants": [{"id": "a", "title": ["Buses", "Roads"], "amountAwarded": {"value": 5}}]}"#
            .to_vec(),
        ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(report.needs_attention.len(), 1);
    assert!(report.needs_attention[0].reason.contains(r#"{"value":5}"#));
    assert_eq!(report.needs_attention[0].cells[1], r#"["Buses","Roads"]"#);
}

#[test]
fn a_row_needing_attention_says_what_it_is() {
    let (_, report) = import(
        "Funder,Programme,Title,Recipient,Amount\nDfT,Buses,Rural routes,Durham CC,TBC\nMoJ,,,,\n",
    );
    let described: Vec<String> = report
        .needs_attention
        .iter()
        .map(|issue| report.describe_row(&issue.cells))
        .collect();
    assert_eq!(
        described,
        [
            "DfT · Buses · Rural routes · Durham CC · amount “TBC”",
            "MoJ · no amount"
        ]
    );
    let cells = report.cells_with_headers(&report.needs_attention[0].cells);
    assert_eq!(cells[2], ("Title".to_owned(), "Rural routes".to_owned()));
    assert_eq!(cells.len(), 5);
}

#[test]
fn a_date_that_does_not_exist_is_noted_not_accepted() {
    let (dataset, report) = import("Funder,Amount,Award Date\nDfT,5,31/02/2024\n");
    assert_eq!(dataset.lines[0].award_date, None);
    assert_eq!(report.notes.len(), 1);
    assert!(
        report.notes[0].reason.contains("31/02/2024"),
        "{}",
        report.notes[0].reason
    );
}
