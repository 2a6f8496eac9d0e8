//! Entry points for the speed benchmark (`tests/bench/compare.mjs`), reached from the page as
//! `window.wasmBindings.BenchPlace`. They run exactly what the app runs after an import (the
//! importer, then [`Figures::compute`], which calls the functions the page's memos call, then
//! drawing a chart with the page's canvas backend), without the page around it, so the core
//! can be timed against other in-browser tools doing the same job. They live in the binary so
//! wasm-bindgen exports them from the page's module.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use grantpool::charts::{ChartKind, ChartStyle};
use grantpool::figures::Figures;
use grantpool::import::{import_file, ImportOptions};
use grantpool::measures::{groups, GroupBy};
use grantpool::model::{Dataset, Ringfence};
use grantpool::scenario::Scenario;
use grantpool::view::{PlaceChoice, View, YearChoice};
use grantpool_app::web::browser::canvas_backend::MeasuredCanvas;

/// A place loaded from one file, for timing.
#[wasm_bindgen]
pub struct BenchPlace {
    dataset: Dataset,
    figures: Option<Figures>,
    view: View,
}

#[wasm_bindgen]
impl BenchPlace {
    #[wasm_bindgen(constructor)]
    pub fn new() -> BenchPlace {
        BenchPlace {
            dataset: Dataset::default(),
            figures: None,
            view: View::default(),
        }
    }

    /// Parses and types a file (CSV, workbook or 360Giving JSON) into funding lines, as an
    /// import does; returns how many lines were read.
    pub fn parse(&mut self, name: &str, bytes: Vec<u8>) -> Result<u32, JsError> {
        let report = import_file(&mut self.dataset, name, bytes, ImportOptions::default())
            .map_err(|error| JsError::new(&error.to_string()))?;
        Ok(report.lines_imported)
    }

    /// Computes every figure the page shows for the place with no pots (headline figures,
    /// measures, all six charts); returns `funder×status groups,services,total pence` from
    /// them so the harness can check every tool agrees.
    pub fn aggregate(&mut self) -> String {
        let scenario = Scenario::new(self.dataset.lines.len());
        let figures = Figures::compute(&self.dataset, &scenario, &self.view);
        let groups: usize = figures
            .today
            .by_funder_and_pot
            .iter()
            .map(|cell| {
                Ringfence::ALL
                    .iter()
                    .filter(|&&status| cell.today.get(status).0 != 0)
                    .count()
            })
            .sum();
        let services = figures.today.streams_by_service.len();
        let pence = figures.headline.money.total().0;
        self.figures = Some(figures);
        format!("{groups},{services},{pence}")
    }

    /// Every group's sum from the figures [`BenchPlace::aggregate`] computed, for the harness to
    /// compare with every other tool's, group by group: one line per funder × status
    /// (`F\tfunder\tstatus\tpence`, from the measures' funder × pot cells) and per service
    /// (`S\tservice\tpence`, from the funding map's service groups), sorted.
    pub fn group_sums(&self) -> String {
        let Some(figures) = self.figures.as_ref() else {
            return String::new();
        };
        let mut lines: Vec<String> = Vec::new();
        for cell in &figures.today.by_funder_and_pot {
            for status in Ringfence::ALL {
                let money = cell.today.get(status);
                if money.0 != 0 {
                    let funder = self.dataset.text(cell.funder);
                    lines.push(format!("F\t{funder}\t{}\t{}", status.label(), money.0));
                }
            }
        }
        let scenario = Scenario::new(self.dataset.lines.len());
        let filter = self.view.filter(&self.dataset);
        for group in groups(
            &self.dataset,
            &scenario,
            None,
            GroupBy::Service,
            "",
            &filter,
        ) {
            let service = if group.label.starts_with('(') {
                ""
            } else {
                group.label.as_str()
            };
            lines.push(format!("S\t{service}\t{}", group.money.total().0));
        }
        lines.sort();
        lines.join("\n")
    }

    /// Picks the place (a GSS code, or blank for all places) and the financial year (its first
    /// calendar year, or 0 for all years) that [`BenchPlace::aggregate`] computes, as the
    /// page's pickers do.
    pub fn set_view(&mut self, place: &str, year: u16) {
        self.view = View::of(
            match place {
                "" => PlaceChoice::All,
                code => PlaceChoice::Area(code.to_owned()),
            },
            match year {
                0 => YearChoice::All,
                year => YearChoice::Year(grantpool::model::FinancialYear(year)),
            },
        );
    }

    /// Places compared over every line, as the page's table computes it; returns how many
    /// places (with "Place not known") it has.
    pub fn compare_places(&self) -> usize {
        grantpool::compare::compare_places(&self.dataset, &grantpool::view::LineFilter::ALL).len()
    }

    /// Draws the ringfenced/flexible-by-funder chart onto `canvas`, as the page does.
    pub fn draw_chart(&mut self, canvas: web_sys::HtmlCanvasElement) -> Result<(), JsError> {
        if self.figures.is_none() {
            self.aggregate();
        }
        let figures = self.figures.as_ref().expect("computed above");
        let backend = MeasuredCanvas::new(canvas)
            .ok_or_else(|| JsError::new("the canvas has no 2D context"))?;
        let area = plotters::prelude::IntoDrawingArea::into_drawing_area(backend);
        figures
            .chart(ChartKind::ByFunder)
            .draw(&area, &ChartStyle::default())
            .map_err(|error| JsError::new(&format!("{error:?}")))?;
        Ok(())
    }
}

impl Default for BenchPlace {
    fn default() -> Self {
        BenchPlace::new()
    }
}

/// The size of the WebAssembly memory in bytes, read by the benchmark harness
/// (`window.wasmBindings.wasm_memory_bytes()`) to report peak memory.
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|memory| {
            memory
                .buffer()
                .dyn_into::<js_sys::ArrayBuffer>()
                .map_or(0.0, |b| f64::from(b.byte_length()))
        })
        .unwrap_or(0.0)
}
