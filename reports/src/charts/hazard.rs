//! Hazard extent over time: every area column the engine records
//! (`flood_area_km2`, and burned area or the area above each AEGL tier when
//! a drill has those hazards — any column ending in `area_km2`) on one axis,
//! so a drill with several hazards compares them directly.

use super::{Chart, DrawResult, inject_markers, legend, max_of, time_chart, with_legend};
use crate::RunData;
use crate::palette::{BLUE, GREEN, ORANGE, PURPLE, SKY, VERMILION, YELLOW};
use plotters::coord::Shift;
use plotters::prelude::*;

const COLOURS: [RGBColor; 7] = [BLUE, VERMILION, ORANGE, PURPLE, GREEN, SKY, YELLOW];

pub struct Hazard<'a> {
    pub run: &'a RunData,
}

impl Hazard<'_> {
    /// Area columns: (column index, human label).
    pub fn columns(&self) -> Vec<(usize, String)> {
        self.run
            .series
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.ends_with("area_km2"))
            .map(|(i, c)| (i, super::tr(self.run, &label(c))))
            .collect()
    }
}

/// `flood_area_km2` → "flood area", `aegl2_area_km2` → "aegl2 area".
pub fn label(col: &str) -> String {
    col.trim_end_matches("_km2").replace(['_', '.'], " ")
}

impl Chart for Hazard<'_> {
    fn stem(&self) -> String {
        "hazard".into()
    }
    fn title(&self) -> String {
        super::tr(self.run, "Hazard extent over time")
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let (plot, side) = with_legend(root);
        let s = &self.run.series;
        let hours = s.hours();
        let cols = self.columns();
        let y_max = max_of(cols.iter().flat_map(|(i, _)| s.values(*i)), 0.01);
        let mut chart = time_chart(&plot, &self.title(), self.run, y_max, "Area (km²)")?;
        let mut entries = Vec::new();
        for (k, (i, name)) in cols.iter().enumerate() {
            let c = COLOURS[k % COLOURS.len()];
            let pts: Vec<(f64, f64)> = hours.iter().copied().zip(s.values(*i)).filter(|(_, v)| v.is_finite()).collect();
            chart.draw_series(LineSeries::new(pts, c.stroke_width(4)))?;
            entries.push((name.clone(), c));
        }
        inject_markers(&mut chart, self.run, y_max)?;
        if entries.is_empty() {
            entries.push((super::tr(self.run, "no hazard area recorded"), RGBColor(255, 255, 255)));
        }
        legend(&side, &super::tr(self.run, "Hazard"), &entries)
    }
}
