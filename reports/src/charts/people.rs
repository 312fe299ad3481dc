//! People over time as a stacked area: every resident is in exactly one
//! state each minute (the engine's tallies partition the population), so
//! the stack's top is the population and each band's height is a state's
//! head count. Inject times are dashed lines.

use super::{Chart, DrawResult, draw_stack, inject_markers, legend, stack_tops, time_chart, with_legend};
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
        let stack: Vec<(RGBColor, &[f64])> = bands.iter().map(|(_, c, v)| (*c, v.as_slice())).collect();
        let (tops, y_max) = stack_tops(&stack);
        let mut chart = time_chart(&plot, &self.title(), self.run, y_max, "People")?;
        draw_stack(&mut chart, &hours, &stack, &tops)?;
        inject_markers(&mut chart, self.run, y_max)?;
        let entries: Vec<(String, RGBColor)> = bands.iter().rev().map(|(l, c, _)| (super::tr(self.run, l), *c)).collect();
        legend(&side, &super::tr(self.run, "State"), &entries)
    }
}
