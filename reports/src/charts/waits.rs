//! Incidents waiting for a first team, by cause, over time: a stacked area
//! of the engine's per-tick counts (`incidents_waiting_<cause>`), each
//! incident in exactly one cause at a tick, so the stack's top is the
//! number waiting. Where the report's table says how long incidents waited
//! and why, this says when the waiting piled up. Inject times are dashed.

use super::{Chart, DrawResult, draw_stack, inject_markers, legend, stack_tops, time_chart, with_legend};
use crate::RunData;
use crate::palette::{BLUE, GREY, ORANGE, PURPLE, RGBColor, VERMILION, YELLOW};
use crate::words::waits;
use drillsim::domains::teams::WaitCause;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Stacking order, bottom first, with colours: what the response is doing
/// about it at the bottom, what the plan left undone on top.
const BANDS: [(WaitCause, RGBColor); 6] = [
    (WaitCause::OnTheWay, BLUE),
    (WaitCause::Unreported, GREY),
    (WaitCause::AllBusy, ORANGE),
    (WaitCause::NoRoute, YELLOW),
    (WaitCause::NotCommitted, PURPLE),
    (WaitCause::NoAbleTeam, VERMILION),
];

pub struct Waits<'a> {
    pub run: &'a RunData,
    /// (cause, colour, count per row) of each cause that ever had an incident.
    pub bands: Vec<(WaitCause, RGBColor, Vec<f64>)>,
}

impl<'a> Waits<'a> {
    /// `None` when no incident ever waited (or the run predates the columns).
    pub fn new(run: &'a RunData) -> Option<Self> {
        let s = &run.series;
        let bands: Vec<(WaitCause, RGBColor, Vec<f64>)> = BANDS
            .iter()
            .filter_map(|(cause, c)| {
                let values = s.values(s.col(cause.series_column())?);
                values.iter().any(|v| *v > 0.0).then_some((*cause, *c, values))
            })
            .collect();
        (!bands.is_empty()).then_some(Waits { run, bands })
    }
}

impl Chart for Waits<'_> {
    fn stem(&self) -> String {
        "waits".into()
    }
    fn title(&self) -> String {
        super::tr(self.run, "Incidents waiting for a first team, by cause")
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let (plot, side) = with_legend(root);
        let hours = self.run.series.hours();
        let stack: Vec<(RGBColor, &[f64])> = self.bands.iter().map(|(_, c, v)| (*c, v.as_slice())).collect();
        let (tops, y_max) = stack_tops(&stack);
        let mut chart = time_chart(&plot, &self.title(), self.run, y_max, "Incidents")?;
        draw_stack(&mut chart, &hours, &stack, &tops)?;
        inject_markers(&mut chart, self.run, y_max)?;
        let entries: Vec<(String, RGBColor)> = self
            .bands
            .iter()
            .rev()
            .map(|(cause, c, _)| (waits::short_name(*cause, self.run.lang).to_string(), *c))
            .collect();
        legend(&side, &super::tr(self.run, "Cause"), &entries)
    }
}
