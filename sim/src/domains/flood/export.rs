//! The flood inputs of a scenario as plain grids and series, for running a
//! peer code (e.g. LISFLOOD-FP) on exactly what the engine's solver sees:
//! bed elevation with levee crests added, Manning's n, and each inflow's
//! cells and hydrograph. Uncertain values are taken at their median (every
//! draw 0.5), which is what `drillsim export` documents.

use crate::compile::CompiledScenario;
use crate::flood::FloodGrid;
use crate::scenario::model::Hazard;

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
    /// Uniform rain `(time s, mm/h)` breakpoints from the weather section.
    pub rain_mm_h: Vec<(f64, f64)>,
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

    /// The rain at time `t` (s), m/s.
    pub fn rain_m_per_s_at(&self, t: f64) -> f64 {
        super::interpolate(&self.rain_mm_h, t) / 3.6e6
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
    let rain_mm_h = scenario.weather.rain_mm_h.iter().map(|(d, r)| (d.secs(), r.value())).collect();
    Some(FloodInputs {
        cols,
        rows: t.dims.rows,
        cell_m: t.cell_m,
        bed_m: bed,
        manning_n: t.manning.clone(),
        inflows,
        rain_mm_h,
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
    }
}
