//! Entry points for the speed benchmark (`tests/bench/compare.mjs`), reached from the page as
//! `window.wasmBindings.BenchPlace`. They run the same core code as the app, without the page
//! around it, so the core can be timed against other in-browser tools doing the same job.

use wasm_bindgen::prelude::*;

use grantpool::charts::{Chart, ChartStyle};
use grantpool::import::{import_file, ImportOptions};
use grantpool::metrics::{ringfence_by_funder, totals, Totals};
use grantpool::model::{Dataset, Pence};

/// A place loaded from one file, for timing.
#[wasm_bindgen]
pub struct BenchPlace {
    dataset: Dataset,
    totals: Totals,
}

#[wasm_bindgen]
impl BenchPlace {
    #[wasm_bindgen(constructor)]
    pub fn new() -> BenchPlace {
        BenchPlace {
            dataset: Dataset::default(),
            totals: Totals::default(),
        }
    }

    /// Parses and types a file (CSV, workbook or 360Giving JSON) into funding lines, as an
    /// import does; returns how many lines were read.
    pub fn parse(&mut self, name: &str, bytes: Vec<u8>) -> Result<u32, JsError> {
        let report = import_file(&mut self.dataset, name, bytes, ImportOptions::default())
            .map_err(|error| JsError::new(&error.to_string()))?;
        Ok(report.lines_imported)
    }

    /// Totals £ by funder × ringfence status and by service; returns
    /// `funder groups,service groups,total pence` so the harness can check every tool agrees.
    pub fn aggregate(&mut self) -> String {
        self.totals = totals(&self.dataset);
        let pence: Pence = self.totals.by_service.iter().map(|&(_, money)| money).sum();
        let groups = self
            .totals
            .by_funder
            .iter()
            .map(|(_, money)| money.iter().filter(|m| m.0 != 0).count())
            .sum::<usize>();
        format!("{groups},{},{}", self.totals.by_service.len(), pence.0)
    }

    /// Draws the ringfenced/flexible-by-funder chart onto `canvas`, as the page does.
    pub fn draw_chart(&self, canvas: web_sys::HtmlCanvasElement) -> Result<(), JsError> {
        let backend = super::canvas_backend::MeasuredCanvas::new(canvas)
            .ok_or_else(|| JsError::new("the canvas has no 2D context"))?;
        let area = plotters::prelude::IntoDrawingArea::into_drawing_area(backend);
        let chart = Chart::ByFunder(ringfence_by_funder(&self.dataset, None, 12));
        chart
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
