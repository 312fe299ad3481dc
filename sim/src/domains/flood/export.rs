//! The flood inputs of a scenario as plain grids and series, for running a
//! peer code (e.g. LISFLOOD-FP, see [`super::peer`]) on exactly what the
//! engine's solver sees: bed elevation with levee crests added, Manning's
//! n, the water standing at the start, each inflow's cells and hydrograph,
//! the rain and the edges. Uncertain values are taken at their median
//! (every draw 0.5), which is what `drillsim export` documents. What a
//! drill changes as it runs (pumps switched on, levees breached, rain an
//! inject adds) is not part of the inputs.

use crate::compile::CompiledScenario;
use crate::flood::FloodGrid;
use crate::scenario::model::{Edges, Hazard};

/// One inflow: where it enters and how much, over time.
#[derive(Clone, Debug, PartialEq)]
pub struct InflowSeries {
    pub place: String,
    /// Cells `(col, row)` sharing the discharge equally.
    pub cells: Vec<(usize, usize)>,
    /// `(time s, m³/s)` breakpoints, linear in between.
    pub hydrograph: Vec<(f64, f64)>,
}

/// The grids and series a flood run starts from.
#[derive(Clone, Debug, PartialEq)]
pub struct FloodInputs {
    pub cols: usize,
    pub rows: usize,
    pub cell_m: f64,
    /// Row-major bed elevation (m), levee crests included.
    pub bed_m: Vec<f64>,
    pub manning_n: Vec<f64>,
    pub inflows: Vec<InflowSeries>,
    /// Uniform rain `(time s, mm/h)` from the weather section: each value
    /// holds from its time until the next (a step function, as the
    /// engine's weather reads it); none before the first. Empty when the
    /// flood has `rain: false`.
    pub rain_mm_h: Vec<(f64, f64)>,
    /// Water depth (m) at the start, row-major, from the flood's
    /// `initial_water`; `None` when the grid starts dry.
    pub start_depth_m: Option<Vec<f64>>,
    /// Whether water leaves through the grid's edges (`edges: Open`).
    pub open_edges: bool,
    /// The drill's duration (s).
    pub duration_s: f64,
}

impl FloodInputs {
    /// The solver's grid for these inputs.
    pub fn grid(&self) -> FloodGrid {
        FloodGrid {
            nx: self.cols,
            ny: self.rows,
            cell_m: self.cell_m,
        }
    }

    /// Each inflow cell's discharge at time `t` (s), m³/s: the solver's
    /// `Forcing::inflows`, each inflow shared equally among its cells.
    pub fn inflows_at(&self, t: f64) -> Vec<(usize, f64)> {
        self.inflows
            .iter()
            .flat_map(|i| {
                let q = super::interpolate(&i.hydrograph, t) / i.cells.len() as f64;
                i.cells.iter().map(move |(c, r)| (r * self.cols + c, q))
            })
            .collect()
    }

    /// The rain at time `t` (s), m/s: the last value at or before `t`.
    pub fn rain_m_per_s_at(&self, t: f64) -> f64 {
        self.rain_mm_h.iter().rev().find(|(at, _)| *at <= t).map_or(0.0, |(_, r)| *r) / 3.6e6
    }
}

/// The flood inputs of `compiled` at the median of every uncertain value, or
/// `None` when the scenario has no flood.
pub fn flood_inputs(compiled: &CompiledScenario) -> Option<FloodInputs> {
    let (scenario, _) = compiled.instantiate(&vec![0.5; compiled.uncertain.len()]);
    let spec = scenario
        .hazards
        .iter()
        .find_map(|h| if let Hazard::Flood(f) = h { Some(f) } else { None })?;
    let t = &compiled.terrain;
    let mut bed = t.elevation.clone();
    for levee in &spec.levees {
        let crest = levee.crest_m.value();
        for cell in compiled.cells_of(&levee.place) {
            bed[cell] = t.elevation[cell] + crest;
        }
    }
    let cols = t.dims.cols;
    let inflows = spec
        .inflows
        .iter()
        .map(|i| InflowSeries {
            place: i.place.clone(),
            cells: compiled.cells_of(&i.place).iter().map(|c| (c % cols, c / cols)).collect(),
            hydrograph: i.hydrograph.iter().map(|(d, q)| (d.secs(), q.value())).collect(),
        })
        .collect();
    let rain_mm_h = if spec.rain {
        scenario.weather.rain_mm_h.iter().map(|(d, r)| (d.secs(), r.value())).collect()
    } else {
        Vec::new()
    };
    // As the engine fills them: each body in turn to its level, over the
    // bed with the levee crests.
    let start_depth_m = (!spec.initial_water.is_empty()).then(|| {
        let mut h = vec![0.0; bed.len()];
        for w in &spec.initial_water {
            for cell in compiled.cells_of(&w.place) {
                h[cell] = (w.level_m.value() - bed[cell]).max(0.0);
            }
        }
        h
    });
    Some(FloodInputs {
        cols,
        rows: t.dims.rows,
        cell_m: t.cell_m,
        bed_m: bed,
        manning_n: t.manning.clone(),
        inflows,
        rain_mm_h,
        start_depth_m,
        open_edges: spec.edges == Edges::Open,
        duration_s: scenario.duration.secs(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn riverside_inputs_are_the_solver_inputs_at_the_median() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/riverside_flood.ron");
        let c = CompiledScenario::load(&path).expect("bundled drill loads");
        let f = flood_inputs(&c).expect("riverside has a flood");
        assert_eq!((f.cols, f.rows, f.cell_m), (200, 200, 25.0));
        // The channel: exactly four columns, 2 m below the floor.
        let row0: Vec<f64> = (96..104).map(|col| f.bed_m[col]).collect();
        assert_eq!(&row0[2..6], &[18.0; 4], "{row0:?}");
        // Willow Bend levee cells carry the 5 m crest on top of the ground.
        let levee = 100 * 200 + 103;
        assert!((f.bed_m[levee] - c.terrain.elevation[levee] - 5.0).abs() < 1e-12);
        // Hydrograph peak Uniform(1800, 2400) at its median.
        let up = &f.inflows[0];
        assert_eq!(up.cells, vec![(98, 0), (99, 0), (100, 0), (101, 0)]);
        assert_eq!(up.hydrograph[1], (7200.0, 2100.0));
        assert_eq!(f.rain_mm_h[0], (0.0, 12.0));
        // Rain is held, not interpolated: 12 mm/h until 2 h, as the
        // engine's weather gives it.
        assert_eq!(f.rain_m_per_s_at(7199.0), 12.0 / 3.6e6);
        assert_eq!(f.rain_m_per_s_at(7200.0), 4.0 / 3.6e6);
        assert!(f.open_edges && f.start_depth_m.is_none());
        assert_eq!(f.duration_s, 8.0 * 3600.0);
    }
}
