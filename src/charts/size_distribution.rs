//! How big the streams are: a count in each size band (powers of ten, so a log scale), today
//! and with the user's pots, with the bands under £100k shaded.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::paired_bars::{draw_paired_bars, PairedLayout, PairedRow};
use super::{ChartStyle, DataTable, Drawn};
use crate::format;
use crate::measures::{size_band, Measures, SIZE_BANDS, SMALL_BANDS};
use crate::model::{Dataset, Pence};
use crate::view::LineFilter;

/// The chart's title, also its figure caption.
pub const TITLE: &str = "Streams by size, today and with your pots";

/// One size band.
#[derive(Debug, Clone, PartialEq)]
pub struct BandRow {
    pub band: &'static str,
    /// Single funding lines (awards) in the band, and their money.
    pub lines: usize,
    pub money: Pence,
    pub streams_today: usize,
    pub streams_with_pots: usize,
    /// Under £100k.
    pub small: bool,
}

/// Single funding lines and their money in each of [`SIZE_BANDS`].
pub type LineBands = [(usize, Pence); SIZE_BANDS.len()];

/// Counts the lines `filter` keeps and their money by size band (they do not change with the
/// pots).
pub fn line_bands(dataset: &Dataset, filter: &LineFilter) -> LineBands {
    let mut lines = [(0usize, Pence(0)); SIZE_BANDS.len()];
    for (_, line) in filter.lines(dataset) {
        let band = &mut lines[size_band(line.amount)];
        band.0 += 1;
        band.1 += line.amount;
    }
    lines
}

/// The bands from the smallest to the largest that has anything in it, so empty bands in
/// between still show as gaps on the scale; `lines` from [`line_bands`].
pub fn rows(lines: &LineBands, today: &Measures, with_pots: &Measures) -> Vec<BandRow> {
    let used = |band: usize| {
        lines[band].0 + today.streams_by_size[band] + with_pots.streams_by_size[band] > 0
    };
    let Some(first) = (0..SIZE_BANDS.len()).find(|&b| used(b)) else {
        return Vec::new();
    };
    let last = (0..SIZE_BANDS.len())
        .rev()
        .find(|&b| used(b))
        .unwrap_or(first);
    (first..=last)
        .map(|band| BandRow {
            band: SIZE_BANDS[band].0,
            lines: lines[band].0,
            money: lines[band].1,
            streams_today: today.streams_by_size[band],
            streams_with_pots: with_pots.streams_by_size[band],
            small: band < SMALL_BANDS,
        })
        .collect()
}

/// The share of lines, streams today and streams with pots that are under £100k.
pub fn small_shares(rows: &[BandRow]) -> [Option<f64>; 3] {
    let share = |count: fn(&BandRow) -> usize| {
        let all: usize = rows.iter().map(count).sum();
        let small: usize = rows.iter().filter(|r| r.small).map(count).sum();
        (all > 0).then(|| small as f64 / all as f64)
    };
    [
        share(|r| r.lines),
        share(|r| r.streams_today),
        share(|r| r.streams_with_pots),
    ]
}

/// The note on the shaded bands, in full and short.
fn shade_note(rows: &[BandRow]) -> [String; 2] {
    let text = |share: Option<f64>| share.map_or_else(|| "—".to_owned(), format::percent);
    let [lines, today, with_pots] = small_shares(rows);
    [
        format!(
            "Under £100k: {} of funding lines; {} of streams today, {} with your pots",
            text(lines),
            text(today),
            text(with_pots)
        ),
        format!(
            "Under £100k: {} of lines; streams {} → {}",
            text(lines),
            text(today),
            text(with_pots)
        ),
    ]
}

/// Draws the chart onto `area`, filling it.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[BandRow],
    style: &ChartStyle,
) -> Drawn<DB> {
    let paired: Vec<PairedRow> = rows
        .iter()
        .map(|row| PairedRow {
            label: row.band,
            today: row.streams_today,
            with_pots: row.streams_with_pots,
            shaded: row.small,
            tooltip: format!(
                "{}: {} today, {} with your pots; {} worth {}",
                row.band,
                format::counted(row.streams_today as u64, "stream", "streams"),
                format::count(row.streams_with_pots as u64),
                format::counted(row.lines as u64, "funding line", "funding lines"),
                format::gbp(row.money)
            ),
        })
        .collect();
    draw_paired_bars(
        area,
        &PairedLayout {
            title: TITLE,
            measure: "Streams (log-scale size bands)",
            shade_note: Some(shade_note(rows)),
        },
        &paired,
        style,
    )
}

/// The bands as a table, with a total row that matches the place.
pub fn table(rows: &[BandRow]) -> DataTable {
    let mut table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            vec![
                row.band.to_owned(),
                format::count(row.lines as u64),
                format::gbp(row.money),
                format::count(row.streams_today as u64),
                format::count(row.streams_with_pots as u64),
            ]
        })
        .collect();
    table_rows.push(vec![
        "All sizes".to_owned(),
        format::count(rows.iter().map(|r| r.lines as u64).sum()),
        format::gbp(rows.iter().map(|r| r.money).sum()),
        format::count(rows.iter().map(|r| r.streams_today as u64).sum()),
        format::count(rows.iter().map(|r| r.streams_with_pots as u64).sum()),
    ]);
    DataTable::new(
        &[
            "Size band",
            "Funding lines",
            "Money in these lines",
            "Streams today",
            "Streams with your pots",
        ],
        table_rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::paired_bars::{TODAY, WITH_POTS};
    use crate::charts::palette;
    use crate::charts::test_support::{fills, render};
    use crate::charts::Chart;
    use crate::measures::measure;
    use crate::scenario::PotPolicy;

    fn place() -> Dataset {
        crate::import::dataset_from(
            b"Funder,Programme,Amount\n\
              DfE,Holiday food,40000\n\
              DfE,Holiday food,30000\n\
              DHSC,Public health,60000\n\
              DLUHC,Towns fund,2500000\n",
        )
    }

    #[test]
    fn bands_count_streams_today_and_with_pots_and_mark_the_small_ones() {
        let dataset = place();
        let editor = crate::scenario::test_support::editor_with_pot(
            4,
            "Health and food",
            PotPolicy::LiftRingfence,
            &[0, 1, 2],
        );
        let rows = rows(
            &line_bands(&dataset, &crate::view::LineFilter::ALL),
            &measure(&dataset, None, &crate::view::LineFilter::ALL),
            &measure(
                &dataset,
                Some(&editor.scenario),
                &crate::view::LineFilter::ALL,
            ),
        );
        let bands: Vec<&str> = rows.iter().map(|r| r.band).collect();
        assert_eq!(bands, ["£10k to £100k", "£100k to £1m", "£1m to £10m"]);
        let counts: Vec<(usize, usize, usize)> = rows
            .iter()
            .map(|r| (r.lines, r.streams_today, r.streams_with_pots))
            .collect();
        assert_eq!(counts, [(3, 2, 0), (0, 0, 1), (1, 1, 1)]);
        assert_eq!(
            small_shares(&rows),
            [Some(0.75), Some(2.0 / 3.0), Some(0.0)]
        );

        let chart = Chart::SizeDistribution(rows);
        let (svg, hits) = render(&chart, (800, 400), &ChartStyle::default());
        assert!(svg.contains(TITLE));
        for band in bands {
            assert!(svg.contains(band), "{band} labelled");
        }
        assert!(svg.contains(
            "Under £100k: 75.0% of funding lines; 66.7% of streams today, 0.0% with your pots"
        ));
        // Bars: two today, two with pots (zero-count bars are drawn with no width), plus
        // one legend swatch each; one shaded band.
        assert_eq!(fills(&svg, TODAY), 3 + 1);
        assert_eq!(fills(&svg, WITH_POTS), 3 + 1);
        assert_eq!(fills(&svg, palette::SHADE), 1 + 1);
        assert_eq!(hits.len(), 3);
        assert_eq!(
            hits[0].text,
            "£10k to £100k: 2 streams today, 0 with your pots; 3 funding lines worth £130,000"
        );
        let table = chart.table();
        assert_eq!(
            table.rows.last().unwrap(),
            &["All sizes", "4", "£2,630,000", "3", "2"]
        );
    }
}
