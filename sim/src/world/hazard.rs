//! Hazards as the other domains see them: named per-cell layers, and each
//! hazard's judgement of what its layers mean for people, roads and sites.
//!
//! A hazard domain *publishes* its layers when the run is prepared
//! ([`publish`]): water depth and speed for a flood, arrival time and flame
//! length for a fire, concentration and dose for a release. It writes them in
//! the Hazard phase; everyone else reads them through [`Hazards`], by name or
//! by the [`LayerId`] the name resolves to. A hazard also registers its
//! [`HazardEffects`]: the published harm, closure and damage rules that turn
//! its layers into consequences. People's harm, road closures, depot and
//! shelter loss, conditions, batch rasters and the report's maps are written
//! against this interface only, so a new hazard needs its own module and a
//! line in the domain list, nothing else.

use crate::engine::{LayerInfo, ProbabilityRaster, RunResults, SimBuilder};
use crate::world::people::Household;
use bevy_ecs::prelude::*;
use std::collections::BTreeMap;

/// Water depth (m), published by the flood. Named here because boats need
/// water whatever put it there.
pub const WATER_DEPTH: &str = "water_depth_m";

/// Index of a published layer, stable for the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LayerId(pub usize);

/// What a hazard says about one of its layers when it publishes it.
#[derive(Clone, Debug)]
pub struct LayerSpec {
    /// Name conditions and other domains use (`water_depth_m`).
    pub name: &'static str,
    /// The hazard that publishes it (`flood`).
    pub hazard: &'static str,
    /// Map caption (`Flood depth`).
    pub title: &'static str,
    pub unit: &'static str,
    /// Map class edges, ascending; the first is the bound below which the
    /// hazard counts as absent (nothing is drawn there).
    pub classes: Vec<f64>,
    /// End-of-run raster of the largest value each cell reached, if kept.
    pub peak_raster: Option<&'static str>,
    /// Stem of the snapshots taken at the scenario's `snapshots` times
    /// (`depth` → `depth_t120min`), if kept.
    pub snapshot_stem: Option<&'static str>,
    /// Batch probability rasters over the peak raster: (file stem, bound, description).
    pub thresholds: Vec<(&'static str, f64, &'static str)>,
}

/// One layer's values now and the largest so far.
pub struct Layer {
    pub spec: LayerSpec,
    pub now: Vec<f32>,
    pub peak: Vec<f32>,
}

/// What a hazard's layers mean at a cell. Each method is a published rule of
/// the hazard that registers it (cited in its implementation).
pub trait HazardEffects: Send + Sync + 'static {
    /// The hazard's name, used in events (`flood`).
    fn hazard(&self) -> &'static str;
    /// The layer value event logs quote for this hazard at `cell`: (field, value).
    fn reading(&self, layers: &Hazards, cell: usize) -> (&'static str, f64);
    /// People here count as exposed (met the hazard) and at risk.
    fn exposes(&self, layers: &Hazards, cell: usize) -> bool;
    /// Probability that a person who has stayed at `cell` through the
    /// hazard so far has died of it: non-decreasing with exposure, so harm
    /// can be applied as the rise since the last worst value.
    fn lethality(&self, layers: &Hazards, cell: usize) -> f64;
    /// A survivor at `cell` when their lethality rises is hurt.
    fn injures(&self, layers: &Hazards, cell: usize) -> bool;
    /// People at `cell` perceive the hazard (an environmental warning cue).
    fn perceived(&self, layers: &Hazards, cell: usize) -> bool;
    /// People at `cell` leave at once, warned or not.
    fn drives_out(&self, layers: &Hazards, cell: usize) -> bool;
    /// Vehicle classes (bits of [`crate::roads::class_bit`]) kept off `cell`.
    fn blocks(&self, layers: &Hazards, cell: usize) -> u8;
    /// A depot or shelter at `cell` is lost to the hazard.
    fn ruins(&self, layers: &Hazards, cell: usize) -> bool;
    /// The household-level forms of `exposes`, `lethality` and `injures`:
    /// a hazard that harms by what a household has taken in where it
    /// actually was (a toxic load indoors or on the road) overrides them;
    /// the others read the household's cell.
    fn exposes_household(&self, layers: &Hazards, h: &Household) -> bool {
        self.exposes(layers, h.cell)
    }
    fn lethality_household(&self, layers: &Hazards, h: &Household) -> f64 {
        self.lethality(layers, h.cell)
    }
    fn injures_household(&self, layers: &Hazards, h: &Household) -> bool {
        self.injures(layers, h.cell)
    }
    /// Whether the hazard reaches people inside a shelter (a gas does; water
    /// and fire do not, by the shelter's choice of site).
    fn reaches_shelters(&self) -> bool {
        false
    }
    /// Whether crews breathing from SCBA may drive through the roads this
    /// hazard closes (a gas cloud: yes; water or flame: no).
    fn scba_passes(&self) -> bool {
        false
    }
    /// Road-closure event kinds: (a link closes to more classes, to fewer).
    fn closure_events(&self) -> (&'static str, &'static str);
    /// The cause a lost depot or shelter is logged with (`flooded`).
    fn ruin_cause(&self) -> &'static str {
        self.hazard()
    }
}

/// Every published layer and every hazard's effects, in publication order.
#[derive(Resource, Default)]
pub struct Hazards {
    layers: Vec<Layer>,
    effects: Vec<Box<dyn HazardEffects>>,
    /// Snapshots taken so far, by raster stem.
    snapshots: BTreeMap<String, Vec<f32>>,
}

impl Hazards {
    /// The layer called `name`, if some hazard of this run publishes it.
    pub fn find(&self, name: &str) -> Option<LayerId> {
        self.layers.iter().position(|l| l.spec.name == name).map(LayerId)
    }
    pub fn at(&self, id: LayerId, cell: usize) -> f64 {
        self.layers[id.0].now.get(cell).copied().unwrap_or(0.0) as f64
    }
    pub fn layer(&self, id: LayerId) -> &Layer {
        &self.layers[id.0]
    }
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }
    /// Write a whole layer's values now, raising its peaks.
    pub fn write(&mut self, id: LayerId, values: impl Iterator<Item = f32>) {
        let l = &mut self.layers[id.0];
        for ((now, peak), v) in l.now.iter_mut().zip(l.peak.iter_mut()).zip(values) {
            *now = v;
            if v > *peak {
                *peak = v;
            }
        }
    }
    /// Write rows `r0..r1`, columns `c0..c1` of a layer now from `values`
    /// (a whole grid of `cols` columns), raising their peaks. For a field
    /// that is zero outside a moving window (smoke), so a tick costs the
    /// window, not the map.
    pub fn write_rect(&mut self, id: LayerId, cols: usize, (r0, r1, c0, c1): (usize, usize, usize, usize), values: &[f32]) {
        let l = &mut self.layers[id.0];
        for r in r0..r1 {
            let span = r * cols + c0..r * cols + c1;
            let (now, peak) = (&mut l.now[span.clone()], &mut l.peak[span.clone()]);
            for ((n, p), v) in now.iter_mut().zip(peak.iter_mut()).zip(&values[span.clone()]) {
                *n = *v;
                if *v > *p {
                    *p = *v;
                }
            }
        }
    }
    /// Change only some cells of a layer now: `clear` go to zero, then each
    /// `(cell, value)` is set, raising its peak. For layers that are zero
    /// but where something happens this tick (the fire's flames), so a tick
    /// costs the cells that changed, not the map.
    pub fn write_cells(&mut self, id: LayerId, clear: &[usize], values: impl Iterator<Item = (usize, f32)>) {
        let l = &mut self.layers[id.0];
        for &cell in clear {
            l.now[cell] = 0.0;
        }
        for (cell, v) in values {
            l.now[cell] = v;
            if v > l.peak[cell] {
                l.peak[cell] = v;
            }
        }
    }
    /// The hazards' effects, in publication order.
    pub fn effects(&self) -> impl Iterator<Item = &dyn HazardEffects> {
        self.effects.iter().map(|e| e.as_ref())
    }
    pub fn effect_count(&self) -> usize {
        self.effects.len()
    }
    /// Keep a snapshot of every layer that takes them, stamped `t_min`.
    pub fn snapshot(&mut self, t_min: u64) {
        for l in &self.layers {
            if let Some(stem) = l.spec.snapshot_stem {
                self.snapshots.insert(format!("{stem}_t{t_min}min"), l.now.clone());
            }
        }
    }
    /// Vehicle classes any hazard keeps off `cell`.
    pub fn blocked_at(&self, cell: usize) -> u8 {
        self.effects().fold(0, |m, e| m | e.blocks(self, cell))
    }
    /// An inhalation hazard — one whose closures a crew in SCBA passes —
    /// keeps vehicles off `cell`: no crew without SCBA is sent there
    /// (OSHA 29 CFR 1910.120(q)(3)(iv)).
    pub fn bars_unprotected(&self, cell: usize) -> bool {
        self.effects().any(|e| e.scba_passes() && e.blocks(self, cell) != 0)
    }
    /// The first hazard that ruins a site at `cell`: its cause word and reading.
    pub fn ruining(&self, cell: usize) -> Option<(&'static str, (&'static str, f64))> {
        self.effects()
            .find(|e| e.ruins(self, cell))
            .map(|e| (e.ruin_cause(), e.reading(self, cell)))
    }
    /// People at `cell` are exposed to some hazard.
    pub fn exposed_at(&self, cell: usize) -> bool {
        self.effects().any(|e| e.exposes(self, cell))
    }
}

/// Publish a layer for the run being built: it is registered in [`Hazards`],
/// described in the run's outputs, and its peak raster, snapshots and batch
/// probability rasters are kept as its spec asks.
pub fn publish(b: &mut SimBuilder, spec: LayerSpec) -> LayerId {
    let cells = b.ctx().compiled.terrain.dims.len();
    for (stem, above, description) in &spec.thresholds {
        if let Some(peak) = spec.peak_raster {
            b.declare_probability_raster(ProbabilityRaster::new(stem, peak, *above, description));
        }
    }
    b.declare_layer(LayerInfo {
        name: spec.name.into(),
        hazard: spec.hazard.into(),
        title: spec.title.into(),
        unit: spec.unit.into(),
        classes: spec.classes.clone(),
        peak_raster: spec.peak_raster.map(Into::into),
        snapshot_stem: spec.snapshot_stem.map(Into::into),
    });
    let mut hazards = b.world.resource_mut::<Hazards>();
    hazards.layers.push(Layer {
        spec,
        now: vec![0.0; cells],
        peak: vec![0.0; cells],
    });
    LayerId(hazards.layers.len() - 1)
}

/// Register what a hazard's layers mean (see [`HazardEffects`]).
pub fn register_effects(b: &mut SimBuilder, effects: impl HazardEffects) {
    b.world.resource_mut::<Hazards>().effects.push(Box::new(effects));
}

/// The commons' finisher: every layer's peak raster and every snapshot.
pub fn finish(world: &mut World, out: &mut RunResults) {
    let hazards = world.resource::<Hazards>();
    for l in &hazards.layers {
        if let Some(name) = l.spec.peak_raster {
            out.rasters.insert(name.into(), l.peak.clone());
        }
    }
    for (k, v) in &hazards.snapshots {
        out.rasters.insert(k.clone(), v.clone());
    }
}
