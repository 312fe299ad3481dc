//! People over time as a stacked area: every resident is in exactly one
//! state each minute (the engine's tallies partition the population), so
//! the stack's top is the population and each band's height is a state's
//! head count. Inject times are dashed lines.

use super::{Chart, DrawResult, inject_markers, legend, max_of, time_chart, with_legend};
use crate::RunData;
use crate::palette::PEOPLE;
use plotters::coord::Shift;
use plotters::prelude::*;

pub struct People<'a> {
    pub run: &'a RunData,
}

impl People<'_> {
    /// (label, colour, values) of each state present, bottom band first.
    pub fn bands(&self) -> Vec<(&'static str, RGBColor, Vec<f64>)> {
        let s = &self.run.series;
        PEOPLE
            .iter()
            .filter_map(|(suffix, label, c)| s.col(&format!("people_{suffix}")).map(|i| (*label, *c, s.values(i))))
            .collect()
    }
}

impl Chart for People<'_> {
    fn stem(&self) -> String {
        "people".into()
    }
    fn title(&self) -> String {
        super::tr(self.run, "People by state over time")
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let (plot, side) = with_legend(root);
        let hours = self.run.series.hours();
        let bands = self.bands();
        // Cumulative tops, bottom band first.
        let mut tops: Vec<Vec<f64>> = Vec::new();
        for (_, _, v) in &bands {
            let below = tops.last().cloned().unwrap_or_else(|| vec![0.0; v.len()]);
            tops.push(below.iter().zip(v).map(|(a, b)| a + if b.is_finite() { *b } else { 0.0 }).collect());
        }
        let y_max = max_of(tops.last().into_iter().flatten().copied(), 1.0);
        let mut chart = time_chart(&plot, &self.title(), self.run, y_max, "People")?;
        // Top band first so each lower band paints over the one above it.
        for ((_, c, _), top) in bands.iter().zip(&tops).rev() {
            chart.draw_series(
                AreaSeries::new(hours.iter().copied().zip(top.iter().copied()), 0.0, c.filled()).border_style(c.stroke_width(1)),
            )?;
        }
        inject_markers(&mut chart, self.run, y_max)?;
        let entries: Vec<(String, RGBColor)> = bands.iter().rev().map(|(l, c, _)| (super::tr(self.run, l), *c)).collect();
        legend(&side, &super::tr(self.run, "State"), &entries)
    }
}
