//! The front's smoke on the map, when the scenario's `Fire` has `smoke`.
//!
//! Each tick the cells the front reached give off their smoke
//! ([`crate::fire::smoke::FrontYield`]: Rothermel's heat per unit area, the
//! fuel it burned, GFED4 emission factors, IMPROVE extinction). The lit
//! cells are gathered into blocks of about [`BLOCK_M`] a side; each block's
//! smoke leaves from the centre of its lit cells as one buoyant source, so
//! its plume rises (Briggs) with the heat of the whole block, as the
//! flames of neighbouring cells rise together. The scenario's
//! `ground_share` of it leaves at the ground without rising: Briggs' rise
//! lifts a fire's whole plume clear of the ground for kilometres (with all
//! of it rising, the hillside drill's ground-level visibility never fell
//! below 379 km, clean air's being 391 km), while smoke from the
//! smouldering behind the front and the fire's indraft stays low, and
//! simple plume-rise schemes are known not to place fire smoke vertically
//! (Achtemeier, Goodrick & Liu, Daysmoke's multiple-core updrafts). The puffs then ride the
//! wind and spread exactly as a toxic release's do
//! ([`crate::chem::cloud`], Briggs rural plume σ), and the ground-level
//! field they draw is the smoke's light extinction.
//!
//! Published as the layer [`SMOKE_EXTINCTION`] (km⁻¹; visibility is
//! 3.912 over it, Koschmieder). Its effect: a road where one sees less
//! than the scenario's `close_roads_below_m` closes to every vehicle
//! (`link_smoke_closed`, `link_smoke_cleared`). Smoke hurts no one here
//! and drives no one out: no exposure–response of smoke goes with a
//! drill of hours (said, not hidden).

use crate::chem::cloud::{Air, Cloud, Grid, Window, union};
use crate::chem::rise::buoyancy_flux;
use crate::chem::sigma::{Curves, Surface};
use crate::engine::SimBuilder;
use crate::fire::smoke::{extinction_for_visibility, visibility_m};
use crate::scenario::model::Smoke as SmokeSpec;
use crate::world::hazard::{self, HazardEffects, Hazards, LayerId, LayerSpec};
use std::collections::BTreeMap;

/// The layer: smoke's light extinction at the ground, km⁻¹.
pub const SMOKE_EXTINCTION: &str = "smoke_extinction_per_km";
/// Side of the blocks whose lit cells smoke as one source, m.
pub const BLOCK_M: f64 = 200.0;
/// Visibilities the map's classes start at, m (the last is the closure
/// distance of the regulations the README cites).
const MAP_VISIBILITIES_M: [f64; 4] = [5000.0, 1000.0, 200.0, 50.0];

/// The layer's description; roads close at `closes_per_km`.
fn layer_spec(closes_per_km: f64) -> LayerSpec {
    LayerSpec {
        name: SMOKE_EXTINCTION,
        hazard: "fire",
        title: "Smoke extinction",
        unit: "1/km",
        classes: MAP_VISIBILITIES_M.iter().map(|v| extinction_for_visibility(*v) * 1000.0).collect(),
        peak_raster: Some("max_smoke_extinction_per_km"),
        snapshot_stem: Some("smoke"),
        thresholds: vec![(
            "p_smoke_closes_roads",
            closes_per_km,
            "probability that smoke cuts visibility below the road-closing distance",
        )],
    }
}

/// What one cell the front reached this tick gives off.
#[derive(Clone, Copy, Debug)]
pub struct Lit {
    pub cell: usize,
    /// Heat, J, and extinction cross-section, m², of the whole cell.
    pub heat_j: f64,
    pub extinction_m2: f64,
}

pub struct Smoke {
    cloud: Cloud,
    grid: Grid,
    /// Cells per block side.
    block: usize,
    /// Puffs whose ground-level peak is thinner than this are dropped, m⁻¹.
    floor_per_m: f64,
    /// Smoke extinction at which roads close, m⁻¹.
    closes_per_m: f64,
    /// Share of the smoke that stays at the ground.
    ground_share: f64,
    pub layer: LayerId,
    /// This tick's extinction, km⁻¹; zero outside `shown`.
    scratch: Vec<f32>,
    /// Rows and columns (half-open) the layer may hold smoke in: what
    /// the cloud reached when it was last drawn.
    shown: Option<Window>,
    /// Area under the closing visibility now and at most, km².
    pub closed_km2: f64,
    pub max_closed_km2: f64,
}

/// Publish the smoke's layer and its effect on roads, and the smoke that
/// feeds them.
pub fn build(b: &mut SimBuilder, spec: &SmokeSpec, grid: Grid) -> Smoke {
    let closes_per_m = extinction_for_visibility(spec.close_roads_below_m.value());
    let layer = hazard::publish(b, layer_spec(closes_per_m * 1000.0));
    hazard::register_effects(
        b,
        SmokeEffects {
            layer,
            closes_per_km: closes_per_m * 1000.0,
        },
    );
    b.declare_metrics(["fire.smoke_closed_km2_max"]);
    Smoke::new(grid, closes_per_m, spec.ground_share.value().clamp(0.0, 1.0), layer)
}

impl Smoke {
    fn new(grid: Grid, closes_per_m: f64, ground_share: f64, layer: LayerId) -> Smoke {
        Smoke {
            cloud: Cloud::new(Curves::Plume(Surface::Rural), 0.0),
            grid,
            block: ((BLOCK_M / grid.cell_m).round() as usize).max(1),
            // 1 % of the closing extinction: a visibility of kilometres.
            floor_per_m: 0.01 * closes_per_m,
            closes_per_m,
            ground_share,
            layer,
            scratch: vec![0.0; grid.cols * grid.rows],
            shown: None,
            closed_km2: 0.0,
            max_closed_km2: 0.0,
        }
    }

    /// Carry the smoke over a tick of `dt_s` seconds in `air`, add what the
    /// cells `lit` in it gave off, and publish the ground-level field.
    pub fn step(&mut self, lit: &[Lit], air: Air, dt_s: f64, hazards: &mut Hazards) {
        self.cloud.advance(air, dt_s);
        let (cols, cell_m) = (self.grid.cols, self.grid.cell_m);
        // Per block: extinction, heat, and the extinction-weighted centre.
        let mut blocks: BTreeMap<(usize, usize), [f64; 4]> = BTreeMap::new();
        for l in lit.iter().filter(|l| l.extinction_m2 > 0.0) {
            let (r, c) = (l.cell / cols, l.cell % cols);
            let b = blocks.entry((r / self.block, c / self.block)).or_default();
            b[0] += l.extinction_m2;
            b[1] += l.heat_j;
            b[2] += l.extinction_m2 * (c as f64 + 0.5) * cell_m;
            b[3] += l.extinction_m2 * (r as f64 + 0.5) * cell_m;
        }
        for [ext, heat, wx, wy] in blocks.into_values() {
            let f = buoyancy_flux(if dt_s > 0.0 { heat / dt_s } else { 0.0 });
            let (x, y, low) = (wx / ext, wy / ext, ext * self.ground_share);
            self.cloud.emit_buoyant(x, y, ext - low, f, air, dt_s, cell_m);
            self.cloud.emit(x, y, low, air, dt_s, cell_m);
        }
        self.cloud.tidy(self.grid, self.floor_per_m);
        // Only the cells the cloud reaches now, or reached when last drawn,
        // can change: the rest of the layer is and stays zero.
        if let Some((r0, r1, c0, c1)) = self.shown {
            for r in r0..r1 {
                self.scratch[r * cols + c0..r * cols + c1].fill(0.0);
            }
        }
        let reach = self.cloud.concentrate(self.grid, &mut self.scratch);
        let Some(window) = union(reach, self.shown) else {
            self.closed_km2 = 0.0;
            return;
        };
        let (r0, r1, c0, c1) = window;
        let closes = (self.closes_per_m * 1000.0) as f32;
        let mut closed = 0;
        for r in r0..r1 {
            for b in &mut self.scratch[r * cols + c0..r * cols + c1] {
                *b *= 1000.0;
                closed += usize::from(*b >= closes);
            }
        }
        self.closed_km2 = closed as f64 * cell_m * cell_m / 1e6;
        self.max_closed_km2 = self.max_closed_km2.max(self.closed_km2);
        hazards.write_rect(self.layer, cols, window, &self.scratch);
        self.shown = reach;
    }
}

/// Roads close where smoke hides the way.
pub struct SmokeEffects {
    pub layer: LayerId,
    /// Extinction at which roads close, km⁻¹.
    pub closes_per_km: f64,
}

impl SmokeEffects {
    fn closed(&self, h: &Hazards, cell: usize) -> bool {
        h.at(self.layer, cell) >= self.closes_per_km
    }
}

impl HazardEffects for SmokeEffects {
    fn hazard(&self) -> &'static str {
        "smoke"
    }
    fn reading(&self, h: &Hazards, cell: usize) -> (&'static str, f64) {
        ("visibility_m", visibility_m(h.at(self.layer, cell) / 1000.0))
    }
    fn exposes(&self, _h: &Hazards, _cell: usize) -> bool {
        false
    }
    fn lethality(&self, _h: &Hazards, _cell: usize) -> f64 {
        0.0
    }
    fn injures(&self, _h: &Hazards, _cell: usize) -> bool {
        false
    }
    fn perceived(&self, _h: &Hazards, _cell: usize) -> bool {
        false
    }
    fn drives_out(&self, _h: &Hazards, _cell: usize) -> bool {
        false
    }
    fn blocks(&self, h: &Hazards, cell: usize) -> u8 {
        if self.closed(h, cell) { u8::MAX } else { 0 }
    }
    fn ruins(&self, _h: &Hazards, _cell: usize) -> bool {
        false
    }
    fn closure_events(&self) -> (&'static str, &'static str) {
        ("link_smoke_closed", "link_smoke_cleared")
    }
}
