//! Where plan B moves the risk: for each probability raster both plans'
//! batches wrote (P(trapped), P(depth > 0.5 m), P(burned), …), the change
//! B − A in each cell, drawn over A's map where it is beyond chance.
//!
//! A batch keeps each cell's count of runs, not which runs, so the cell's
//! pairs cannot be rebuilt; the test is Newcombe's interval for two
//! independent proportions ([`drillsim::batch::stats::newcombe_independent`]).
//! Runs paired on common random numbers are positively correlated, so that
//! interval is wider than the paired one would be: a cell drawn has changed,
//! and a few that changed may be left out. Every probability raster marks a
//! harm or a hazard, so a rise is drawn in vermilion and a fall in blue.

use super::BatchData;
use super::charts::{Key, draw_over_map};
use crate::Lang;
use crate::charts::map_base::{MAP_WIDTH, map_height};
use crate::charts::{Chart, DrawResult};
use crate::labels::chart as tr;
use crate::palette::{BLUE, RGBColor, VERMILION};
use crate::rundir::Raster;
use drillsim::batch::stats::newcombe_independent;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Upper edges of the change's size classes, as a share (10, 25, 50, 100
/// points).
const EDGES: [f64; 4] = [0.10, 0.25, 0.50, 1.0];

/// A cell's change beyond chance: raised (`true`) or lowered, and its size class.
type Class = (bool, usize);

/// One probability raster's change from plan A to plan B.
pub struct ChangeMap<'a> {
    /// Plan A's batch: the map drawn under the change, and the language.
    pub a: &'a BatchData,
    pub stem: String,
    pub what: String,
    /// Plan A's raster: the grid the classes are drawn on.
    pub grid: &'a Raster,
    /// Each cell's class where its change is beyond chance.
    pub classes: Vec<Option<Class>>,
}

impl ChangeMap<'_> {
    /// Cells B raises and lowers beyond chance.
    pub fn counts(&self) -> (usize, usize) {
        let raised = self.classes.iter().filter(|c| matches!(c, Some((true, _)))).count();
        let lowered = self.classes.iter().filter(|c| matches!(c, Some((false, _)))).count();
        (raised, lowered)
    }
}

/// The change maps of every probability raster both batches hold on the
/// same grid, in A's order.
pub fn change_maps<'a>(a: &'a BatchData, b: &BatchData) -> Vec<ChangeMap<'a>> {
    let mut out = Vec::new();
    for (stem, what, ra) in &a.rasters {
        let Some((_, _, rb)) = b
            .rasters
            .iter()
            .find(|(s, _, r)| s == stem && r.cols == ra.cols && r.rows == ra.rows)
        else {
            continue;
        };
        // A raster holds each cell's share of the runs; back to counts.
        let hits = |p: f64, n: u64| if p.is_finite() { (p * n as f64).round() as u64 } else { 0 };
        let classes = ra
            .values
            .iter()
            .zip(&rb.values)
            .map(|(pa, pb)| cell_change(hits(*pa, a.runs), a.runs, hits(*pb, b.runs), b.runs).1)
            .collect();
        out.push(ChangeMap {
            a,
            stem: stem.clone(),
            what: what.clone(),
            grid: ra,
            classes,
        });
    }
    out
}

/// One cell's change B − A from its counts of runs (`a_hits` of `a_runs`,
/// `b_hits` of `b_runs`), and its class when the change is beyond chance;
/// NaN where neither plan's runs reached the cell.
fn cell_change(a_hits: u64, a_runs: u64, b_hits: u64, b_runs: u64) -> (f64, Option<Class>) {
    if a_hits == 0 && b_hits == 0 {
        return (f64::NAN, None);
    }
    let d = b_hits as f64 / b_runs as f64 - a_hits as f64 / a_runs as f64;
    let ci = newcombe_independent(a_hits, a_runs, b_hits, b_runs);
    let size = EDGES.iter().position(|e| d.abs() <= *e).unwrap_or(EDGES.len() - 1);
    (d, (ci.lo > 0.0 || ci.hi < 0.0).then_some((d > 0.0, size)))
}

/// The colour of a class: the larger the change, the fuller the colour.
fn colour((raised, size): &Class) -> RGBColor {
    let full = if *raised { VERMILION } else { BLUE };
    let t = [0.3, 0.5, 0.75, 1.0][*size];
    let mix = |c: u8| (255.0 + t * (c as f64 - 255.0)).round() as u8;
    RGBColor(mix(full.0), mix(full.1), mix(full.2))
}

impl Chart for ChangeMap<'_> {
    fn stem(&self) -> String {
        format!("map_change_{}", self.stem)
    }
    fn title(&self) -> String {
        match self.a.lang {
            Lang::En => format!("B − A: {}", self.what),
            Lang::Zh => format!("B − A：{}", tr(Lang::Zh, &self.what)),
        }
    }
    fn size(&self) -> (u32, u32) {
        (MAP_WIDTH, map_height(self.grid))
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let lang = self.a.lang;
        let points = |k: usize| {
            let lo = if k == 0 { 0.0 } else { EDGES[k - 1] };
            format!("{:.0}–{:.0}", 100.0 * lo, 100.0 * EDGES[k])
        };
        let mut entries = Vec::new();
        for raised in [true, false] {
            for k in (0..EDGES.len()).rev() {
                let label = match (raised, lang) {
                    (true, Lang::En) => format!("B raises it {} points", points(k)),
                    (false, Lang::En) => format!("B lowers it {} points", points(k)),
                    (true, Lang::Zh) => format!("B 升高 {} 个百分点", points(k)),
                    (false, Lang::Zh) => format!("B 降低 {} 个百分点", points(k)),
                };
                entries.push((label, colour(&(raised, k))));
            }
        }
        let key = Key {
            title: tr(lang, "Change beyond chance"),
            entries,
        };
        draw_over_map(root, self.a, self.grid, &self.title(), |i| self.classes[i], colour, key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_classed_only_beyond_chance() {
        // Every run of B and none of A: a full rise; the reverse, a full fall.
        assert_eq!(cell_change(0, 8, 8, 8), (1.0, Some((true, 3))));
        assert_eq!(cell_change(8, 8, 0, 8), (-1.0, Some((false, 3))));
        // One run in eight more is chance.
        assert_eq!(cell_change(3, 8, 4, 8).1, None);
        // 0.40 → 0.70 over 100 runs each is beyond chance (Newcombe's
        // interval 0.16 to 0.42), in the 25–50 point class.
        let (d, class) = cell_change(40, 100, 70, 100);
        assert!((d - 0.3).abs() < 1e-12);
        assert_eq!(class, Some((true, 2)));
        // One run each can never tell; two that both flip can.
        assert_eq!(cell_change(0, 1, 1, 1).1, None);
        assert_eq!(cell_change(0, 2, 2, 2).1, Some((true, 3)));
        let (d, class) = cell_change(0, 5, 0, 5);
        assert!(d.is_nan() && class.is_none());
    }

    #[test]
    fn a_larger_change_has_a_fuller_colour() {
        let distance = |c: RGBColor| 3 * 255 - (c.0 as u32 + c.1 as u32 + c.2 as u32);
        for raised in [true, false] {
            let sizes: Vec<u32> = (0..EDGES.len()).map(|k| distance(colour(&(raised, k)))).collect();
            assert!(sizes.windows(2).all(|w| w[0] < w[1]), "{sizes:?}");
        }
        assert_eq!(colour(&(true, 3)), VERMILION);
        assert_eq!(colour(&(false, 3)), BLUE);
    }
}
