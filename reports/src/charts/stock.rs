//! Depot and shelter stock over time, as small multiples: one panel per
//! item (its own scale: litres of water and beds do not share an axis), one
//! line per holder in a colour kept across panels, and each `shortfall` event
//! (subject = holder, `item`, `amount`) as a cross on its holder's line. A
//! drill that tracks no supplies has no `stock.<holder>.<item>` columns; the
//! documents then say so instead of showing an empty chart.

use super::{Chart, DrawResult, legend, max_of, time_chart, with_legend};
use crate::RunData;
use crate::palette::{BLUE, DARK, GREEN, GREY, ORANGE, PURPLE, SKY, VERMILION, YELLOW};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Holder colours (vermilion is kept for shortfalls); dashed past the eighth holder.
const COLOURS: [RGBColor; 8] = [BLUE, ORANGE, GREEN, PURPLE, SKY, YELLOW, DARK, GREY];
/// Panels per row.
const PANEL_COLUMNS: usize = 2;
const PANEL_H: u32 = 420;

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

impl Stock<'_> {
    /// Items in column order, each once.
    pub fn items(&self) -> Vec<&str> {
        let mut v: Vec<&str> = Vec::new();
        for (_, _, item) in &self.columns {
            if !v.contains(&item.as_str()) {
                v.push(item);
            }
        }
        v.sort_unstable();
        v
    }

    /// Holders in column order, each once: their index picks their colour.
    pub fn holders(&self) -> Vec<&str> {
        let mut v: Vec<&str> = Vec::new();
        for (_, holder, _) in &self.columns {
            if !v.contains(&holder.as_str()) {
                v.push(holder);
            }
        }
        v
    }
}

impl Chart for Stock<'_> {
    fn stem(&self) -> String {
        "stock".into()
    }
    fn title(&self) -> String {
        super::tr(self.run, "Depot and shelter stock")
    }
    fn size(&self) -> (u32, u32) {
        let rows = self.items().len().div_ceil(PANEL_COLUMNS).max(1) as u32;
        (1600, 90 + rows * PANEL_H)
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let (plot, side) = with_legend(root);
        let title = self.title();
        // `titled` puts the text's top on the area's edge, where the
        // rasterised glyphs' ascent was cut off: a margin above keeps it whole.
        let plot = plot.margin(12, 0, 0, 0).titled(&title, super::font(&title, super::TITLE))?;
        let s = &self.run.series;
        let hours = s.hours();
        let (items, holders) = (self.items(), self.holders());
        let rows = items.len().div_ceil(PANEL_COLUMNS).max(1);
        let panels = plot.split_evenly((rows, PANEL_COLUMNS));
        let shortfalls = self.shortfalls();
        for (item, panel) in items.iter().zip(&panels) {
            let cols: Vec<&(usize, String, String)> = self.columns.iter().filter(|c| c.2 == *item).collect();
            let y_max = max_of(cols.iter().flat_map(|(i, _, _)| s.values(*i)), 1.0);
            let title = panel_title(item, self.run.lang);
            let mut chart = time_chart(panel, &title, self.run, y_max, "Stock (units of the item)")?;
            for (i, holder, _) in cols {
                let k = holders.iter().position(|h| h == holder).unwrap_or(0);
                let c = COLOURS[k % COLOURS.len()];
                let pts: Vec<(f64, f64)> = hours.iter().copied().zip(s.values(*i)).filter(|(_, v)| v.is_finite()).collect();
                if k < COLOURS.len() {
                    chart.draw_series(LineSeries::new(pts, c.stroke_width(4)))?;
                } else {
                    chart.draw_series(DashedLineSeries::new(pts, 14, 8, c.stroke_width(4)))?;
                }
            }
            let crosses = shortfalls.iter().filter(|f| f.2 == *item).map(|(t_s, holder, item, _)| {
                let y = s
                    .col(&format!("stock.{holder}.{item}"))
                    .and_then(|i| s.at(i, t_s / 60.0))
                    .unwrap_or(0.0);
                Cross::new((t_s / 3600.0, y), 14, VERMILION.stroke_width(5))
            });
            chart.draw_series(crosses)?;
        }
        let mut entries: Vec<(String, RGBColor)> = holders
            .iter()
            .enumerate()
            .map(|(k, h)| (h.to_string(), COLOURS[k % COLOURS.len()]))
            .collect();
        if !shortfalls.is_empty() {
            entries.push((super::tr(self.run, "shortfall"), VERMILION));
        }
        legend(&side, &super::tr(self.run, "Holder"), &entries)
    }
}

/// A panel's title: the item's key as the scenario writes it (`water_l`),
/// or in Chinese its name and unit (`水（L）`, `床位`).
fn panel_title(item: &str, lang: crate::Lang) -> String {
    match lang {
        crate::Lang::En => item.to_string(),
        crate::Lang::Zh => {
            let name = crate::words::item_name(item, lang);
            match crate::words::item_unit(item, lang).as_str() {
                unit @ ("L" | "kg") => format!("{name}（{unit}）"),
                _ => name,
            }
        }
    }
}
