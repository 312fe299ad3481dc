//! The flood hazard in the engine: wraps the numeric [`crate::flood`] solver
//! as a domain plugin, and owns the flood's work sites (levees to sandbag,
//! pumps to run) that teams are sent to through [`crate::world::tasks`].
//!
//! Each tick the Hazard phase builds the forcing (hydrograph inflows, rain,
//! running pumps), advances the solver by one tick (it sub-steps inside),
//! applies levee breaches (by inject or by overtopping) and publishes depth
//! and speed as the hazard layers `water_depth_m` and `water_speed_ms`, with
//! the flood's [`effects`] on people, roads and sites. It records flooded
//! area and volume per tick and keeps per-cell first-wet time for a raster.

pub mod effects;
pub mod export;
pub mod peer;
mod work;

use crate::engine::{Clock, Ctx, EventLog, Parallelism, Phase, Recorder, RunResults, SimBuilder};
use crate::flood::{EdgeMode, FloodGrid, FloodSolver, Forcing};
use crate::scenario::model::{Edges, Event, Hazard};
use crate::world::hazard::{self, Hazards, LayerId, LayerSpec, WATER_DEPTH};
use crate::world::plan::InjectFired;
use crate::world::sets::{ActStep, CommandStep};
use crate::world::weather::WeatherNow;
use bevy_ecs::prelude::*;
use serde_json::json;
use std::collections::BTreeMap;

/// Depth that counts a cell as flooded for areas and first-wet times (m); the
/// same bound as exposure of people ([`effects::EXPOSED_DEPTH_M`]).
pub const FLOODED_DEPTH_M: f64 = 0.1;

/// Depth above which a cell counts towards `p_depth_gt_0_5m`: 0.5 m, the
/// upper depth of hazard class H2 ("unsafe for small vehicles") in the NSW
/// FB03 (2023) flood hazard classes (Australian Rainfall & Runoff).
pub const DEEP_WATER_M: f64 = 0.5;

/// Depth-averaged water speed (m/s), the flood's second layer.
pub const WATER_SPEED: &str = "water_speed_ms";

/// Cells sharing an inflow and its (time s, m³/s) hydrograph.
type InflowSeries = (Vec<usize>, Vec<(f64, f64)>);

pub struct LeveeState {
    pub id: String,
    /// Cells along the levee, in line order.
    pub cells: Vec<usize>,
    pub crest_m: f64,
    pub overtop_m: Option<f64>,
    pub breached: bool,
}

pub struct PumpState {
    pub id: String,
    pub cell: usize,
    pub rate_m3s: f64,
    pub on: bool,
}

#[derive(Resource)]
pub struct Flood {
    pub solver: FloodSolver,
    ground: Vec<f64>,
    inflows: Vec<InflowSeries>,
    rain: bool,
    pub levees: Vec<LeveeState>,
    pub pumps: Vec<PumpState>,
    /// (until s, extra rain mm/h) from `ExtraRain` injects.
    extra_rain: Vec<(f64, f64)>,
    pub first_wet_s: Vec<f32>,
    pub max_area_km2: f64,
    pub substeps: u64,
    /// Metres of sandbag line laid on each levee by the team now there.
    sandbag_progress_m: Vec<f64>,
    depth_layer: LayerId,
    speed_layer: LayerId,
}

/// Linear interpolation in a (time, value) series, holding the end values.
pub fn interpolate(series: &[(f64, f64)], t: f64) -> f64 {
    match series.iter().position(|(ts, _)| *ts > t) {
        None => series.last().map(|p| p.1).unwrap_or(0.0),
        Some(0) => series[0].1,
        Some(i) => {
            let ((t0, v0), (t1, v1)) = (series[i - 1], series[i]);
            v0 + (v1 - v0) * (t - t0) / (t1 - t0)
        }
    }
}

pub fn build(b: &mut SimBuilder) {
    let ctx = b.ctx();
    let Some(spec) = ctx
        .scenario
        .hazards
        .iter()
        .find_map(|h| if let Hazard::Flood(f) = h { Some(f.clone()) } else { None })
    else {
        return;
    };
    let c = &ctx.compiled;
    let t = &c.terrain;
    let grid = FloodGrid {
        nx: t.dims.cols,
        ny: t.dims.rows,
        cell_m: t.cell_m,
    };
    let mut bed = t.elevation.clone();
    let levees: Vec<LeveeState> = spec
        .levees
        .iter()
        .map(|l| {
            let cells = c.cells_of(&l.place);
            let crest = l.crest_m.value();
            for cell in &cells {
                bed[*cell] = t.elevation[*cell] + crest;
            }
            LeveeState {
                id: l.id.clone(),
                cells,
                crest_m: crest,
                overtop_m: l.breach_when_overtopped_m.as_ref().map(|p| p.value()),
                breached: false,
            }
        })
        .collect();
    let edges = match spec.edges {
        Edges::Open => EdgeMode::Open,
        Edges::Closed => EdgeMode::Closed,
    };
    let mut solver = FloodSolver::new(grid, bed, t.manning.clone(), edges);
    for w in &spec.initial_water {
        solver.fill_to_level(&c.cells_of(&w.place), w.level_m.value());
    }
    let inflows = spec
        .inflows
        .iter()
        .map(|i| {
            (
                c.cells_of(&i.place),
                i.hydrograph.iter().map(|(d, q)| (d.secs(), q.value())).collect(),
            )
        })
        .collect();
    let pumps = spec
        .pumps
        .iter()
        .map(|p| PumpState {
            id: p.id.clone(),
            cell: c.centre_cell(&p.place),
            rate_m3s: p.rate_m3s.value(),
            on: p.on,
        })
        .collect();
    let n = grid.cells();
    let n_levees = spec.levees.len();
    let mut flood = Flood {
        solver,
        ground: t.elevation.clone(),
        inflows,
        rain: spec.rain,
        levees,
        pumps,
        extra_rain: Vec::new(),
        first_wet_s: vec![f32::NAN; n],
        max_area_km2: 0.0,
        substeps: 0,
        sandbag_progress_m: vec![0.0; n_levees],
        depth_layer: LayerId(0),
        speed_layer: LayerId(0),
    };
    flood.depth_layer = hazard::publish(
        b,
        LayerSpec {
            name: WATER_DEPTH,
            hazard: "flood",
            title: "Flood depth",
            unit: "m",
            classes: vec![FLOODED_DEPTH_M, 0.3, 0.5, 1.0, 2.0, 4.0],
            peak_raster: Some("max_depth_m"),
            snapshot_stem: Some("depth"),
            thresholds: vec![
                (
                    "p_depth_gt_0_5m",
                    DEEP_WATER_M,
                    "probability that the maximum water depth exceeds 0.5 m",
                ),
                (
                    "p_flooded",
                    FLOODED_DEPTH_M,
                    "probability that the cell floods (maximum depth above 0.1 m)",
                ),
            ],
        },
    );
    flood.speed_layer = hazard::publish(
        b,
        LayerSpec {
            name: WATER_SPEED,
            hazard: "flood",
            title: "Water speed",
            unit: "m/s",
            classes: vec![0.1, 0.5, 1.0, 2.0, 4.0],
            peak_raster: None,
            snapshot_stem: None,
            thresholds: Vec::new(),
        },
    );
    hazard::register_effects(
        b,
        effects::FloodEffects {
            depth: flood.depth_layer,
            speed: flood.speed_layer,
        },
    );
    b.world.insert_resource(flood);
    b.add_in_build_order(Phase::Hazard, step_flood);
    b.add_in_step_order(CommandStep::Requests, work::request_work);
    b.add_in_step_order(ActStep::SiteWork, work::do_work);
    b.add_recorder(record_flood);
    b.declare_metrics([
        "flood.max_area_km2",
        "flood.volume_residual_m3",
        "flood.inflow_m3",
        "flood.substeps",
        "flood.peak_depth_m",
    ]);
    b.add_finisher(finish);
}

fn finish(world: &mut World, out: &mut RunResults) {
    metrics(world, &mut out.metrics);
    rasters(world, &mut out.rasters);
}

impl Flood {
    /// Lower `width_m` of levee crest around its middle to `depth_m` below the ground.
    pub fn breach(&mut self, levee: usize, width_m: f64, depth_m: f64, cell_m: f64) -> usize {
        let l = &mut self.levees[levee];
        let k = ((width_m / cell_m).ceil() as usize).clamp(1, l.cells.len().max(1));
        let start = l.cells.len().saturating_sub(k) / 2;
        let cells: Vec<usize> = l.cells.iter().skip(start).take(k).copied().collect();
        for cell in &cells {
            self.solver.set_bed(*cell, self.ground[*cell] - depth_m);
        }
        l.breached = true;
        cells.len()
    }
}

#[allow(clippy::too_many_arguments)] // a system: one parameter per resource it touches
fn step_flood(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    mut flood: ResMut<Flood>,
    mut hazards: ResMut<Hazards>,
    weather: Res<WeatherNow>,
    mut fired: MessageReader<InjectFired>,
    mut log: ResMut<EventLog>,
    parallelism: Res<Parallelism>,
) {
    if flood.solver.threads() != parallelism.threads {
        // A pool that cannot be built leaves the solver on one thread,
        // which gives the same results.
        let _ = flood.solver.set_threads(parallelism.threads);
    }
    let now = clock.now_s();
    let cell_m = ctx.compiled.terrain.cell_m;
    for f in fired.read() {
        let inj = &ctx.scenario.injects[f.index];
        match &inj.event {
            Event::LeveeBreach { levee, width_m, depth_m } => {
                if let Some(li) = flood.levees.iter().position(|l| &l.id == levee) {
                    let n = flood.breach(li, *width_m, depth_m.unwrap_or(0.0), cell_m);
                    log.push(
                        now,
                        "levee_breached",
                        levee,
                        &[("by", json!(inj.id)), ("cells", json!(n)), ("width_m", json!(width_m))],
                    );
                }
            }
            Event::ExtraRain { mm_h, duration } => {
                let until = now + duration.secs();
                flood.extra_rain.push((until, mm_h.value()));
            }
            _ => {}
        }
    }
    // Overtopping breaches.
    for li in 0..flood.levees.len() {
        let l = &flood.levees[li];
        let Some(over) = l.overtop_m else { continue };
        if l.breached {
            continue;
        }
        let h = flood.solver.depth();
        let z = flood.solver.bed();
        if l.cells.iter().any(|c| h[*c] > over && z[*c] > flood.ground[*c]) {
            let id = l.id.clone();
            let n = flood.breach(li, 2.0 * cell_m, 0.0, cell_m);
            log.push(now, "levee_breached", &id, &[("by", json!("overtopping")), ("cells", json!(n))]);
        }
    }
    let mut rain_mm_h = if flood.rain { weather.rain_mm_h } else { 0.0 };
    flood.extra_rain.retain(|(until, _)| *until > now);
    rain_mm_h += flood.extra_rain.iter().map(|(_, r)| r).sum::<f64>();
    let inflows: Vec<(usize, f64)> = flood
        .inflows
        .iter()
        .flat_map(|(cells, series)| {
            let q = interpolate(series, now).max(0.0) / cells.len().max(1) as f64;
            cells.iter().map(move |c| (*c, q))
        })
        .collect();
    let sinks: Vec<(usize, f64)> = flood.pumps.iter().filter(|p| p.on).map(|p| (p.cell, p.rate_m3s)).collect();
    let forcing = Forcing {
        inflows: &inflows,
        rain_m_per_s: rain_mm_h / 1000.0 / 3600.0,
        sinks: &sinks,
        fixed: &[],
    };
    let stats = flood.solver.advance(clock.dt_s, &forcing);
    flood.substeps += stats.substeps as u64;
    let next = clock.next_s();
    let Flood {
        solver,
        first_wet_s,
        depth_layer,
        speed_layer,
        ..
    } = &mut *flood;
    let depth = solver.depth();
    hazards.write(*depth_layer, depth.iter().map(|d| *d as f32));
    let speed = (0..depth.len()).map(|i| {
        if depth[i] > FLOODED_DEPTH_M {
            if first_wet_s[i].is_nan() {
                first_wet_s[i] = next as f32;
            }
            solver.velocity_ms(i) as f32
        } else {
            0.0
        }
    });
    hazards.write(*speed_layer, speed);
}

fn record_flood(ctx: Res<Ctx>, mut flood: ResMut<Flood>, hazards: Res<Hazards>, mut rec: ResMut<Recorder>) {
    let cell_area_km2 = (ctx.compiled.terrain.cell_m / 1000.0).powi(2);
    let depth = &hazards.layer(flood.depth_layer).now;
    let wet = depth.iter().filter(|d| (**d as f64) > FLOODED_DEPTH_M).count();
    let area = wet as f64 * cell_area_km2;
    flood.max_area_km2 = flood.max_area_km2.max(area);
    let v = flood.solver.volumes();
    rec.set("flood_area_km2", area);
    rec.set("flood_volume_m3", v.stored);
    rec.set("flood_max_depth_m", depth.iter().fold(0.0f32, |a, b| a.max(*b)) as f64);
}

fn metrics(world: &mut World, m: &mut BTreeMap<String, f64>) {
    let Some(flood) = world.get_resource::<Flood>() else { return };
    let v = flood.solver.volumes();
    m.insert("flood.max_area_km2".into(), flood.max_area_km2);
    m.insert("flood.volume_residual_m3".into(), v.residual());
    m.insert("flood.inflow_m3".into(), v.inflow + v.rain);
    m.insert("flood.substeps".into(), flood.substeps as f64);
    let peak = &world.resource::<Hazards>().layer(flood.depth_layer).peak;
    m.insert("flood.peak_depth_m".into(), peak.iter().fold(0.0f32, |a, b| a.max(*b)) as f64);
}

fn rasters(world: &mut World, r: &mut BTreeMap<String, Vec<f32>>) {
    let Some(flood) = world.get_resource::<Flood>() else { return };
    r.insert("first_wet_min".into(), flood.first_wet_s.iter().map(|s| s / 60.0).collect());
}
