//! Depot and shelter stock over time: every `stock.<holder>.<item>` column
//! as a line, and each `shortfall` event (subject = holder, `item`,
//! `amount`) as a cross on that line. A drill that tracks no supplies has
//! no columns; the documents then say so instead of showing an empty chart.

use super::{Chart, DrawResult, inject_markers, legend, max_of, time_chart, with_legend};
use crate::RunData;
use crate::palette::{BLUE, GREEN, ORANGE, PURPLE, SKY, VERMILION, YELLOW};
use plotters::coord::Shift;
use plotters::prelude::*;

const COLOURS: [RGBColor; 6] = [BLUE, ORANGE, GREEN, PURPLE, SKY, YELLOW];

pub struct Stock<'a> {
    pub run: &'a RunData,
    /// (column index, holder, item).
    pub columns: Vec<(usize, String, String)>,
}

/// A shortfall: (time s, holder, item, amount).
pub type Shortfall = (f64, String, String, f64);

impl<'a> Stock<'a> {
    pub fn new(run: &'a RunData) -> Self {
        let columns = run
            .series
            .columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let rest = c.strip_prefix("stock.")?;
                let (holder, item) = rest.rsplit_once('.')?;
                Some((i, holder.to_string(), item.to_string()))
            })
            .collect();
        Stock { run, columns }
    }

    pub fn shortfalls(&self) -> Vec<Shortfall> {
        self.run
            .events_of("shortfall")
            .map(|e| {
                (
                    e.t_s,
                    e.subject.clone(),
                    e.str("item").unwrap_or_default().to_string(),
                    e.num("amount").unwrap_or(f64::NAN),
                )
            })
            .collect()
    }
}

impl Chart for Stock<'_> {
    fn stem(&self) -> String {
        "stock".into()
    }
    fn title(&self) -> String {
        "Depot and shelter stock".into()
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let (plot, side) = with_legend(root);
        let s = &self.run.series;
        let hours = s.hours();
        let y_max = max_of(self.columns.iter().flat_map(|(i, _, _)| s.values(*i)), 1.0);
        let mut chart = time_chart(&plot, &self.title(), self.run, y_max, "Stock (item units)")?;
        let mut entries = Vec::new();
        for (k, (i, holder, item)) in self.columns.iter().enumerate() {
            let c = COLOURS[k % COLOURS.len()];
            // Dashes tell apart lines that share a colour once the palette wraps.
            let pts: Vec<(f64, f64)> = hours.iter().copied().zip(s.values(*i)).filter(|(_, v)| v.is_finite()).collect();
            if k < COLOURS.len() {
                chart.draw_series(LineSeries::new(pts, c.stroke_width(4)))?;
            } else {
                chart.draw_series(DashedLineSeries::new(pts, 14, 8, c.stroke_width(4)))?;
            }
            entries.push((format!("{holder}: {item}"), c));
        }
        let mut crosses = Vec::new();
        for (t_s, holder, item, _) in self.shortfalls() {
            let y = s
                .col(&format!("stock.{holder}.{item}"))
                .and_then(|i| s.at(i, t_s / 60.0))
                .unwrap_or(0.0);
            crosses.push(Cross::new((t_s / 3600.0, y), 14, VERMILION.stroke_width(5)));
        }
        if !crosses.is_empty() {
            chart.draw_series(crosses)?;
            entries.push(("shortfall".into(), VERMILION));
        }
        inject_markers(&mut chart, self.run, y_max)?;
        legend(&side, "Holder: item", &entries)
    }
}
