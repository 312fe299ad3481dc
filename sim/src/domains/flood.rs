//! The flood hazard in the engine: wraps the numeric [`crate::flood`] solver
//! as a domain plugin, and owns the flood's work sites (levees to sandbag,
//! pumps to run) that teams are sent to through [`crate::world::tasks`].
//!
//! Each tick the Hazard phase builds the forcing (hydrograph inflows, rain,
//! running pumps), advances the solver by one tick (it sub-steps inside),
//! applies levee breaches (by inject or by overtopping) and publishes depth
//! and speed into [`HazardField`]. It records flooded area and volume per
//! tick and keeps per-cell maximum depth and first-wet time for the rasters.

use crate::compile::middle_cell;
use crate::engine::{Clock, Ctx, EventLog, Phase, ProbabilityRaster, Recorder, RunResults, SimBuilder};
use crate::flood::{EdgeMode, FloodGrid, FloodSolver, Forcing};
use crate::scenario::model::{Edges, Event, Hazard};
use crate::world::hazard::HazardField;
use crate::world::plan::InjectFired;
use crate::world::sets::{ActStep, CommandStep};
use crate::world::tasks::{WorkDone, WorkKind, WorkOrder, WorkReport, WorkRequest};
use crate::world::weather::WeatherNow;
use bevy_ecs::prelude::*;
use serde_json::json;
use std::collections::BTreeMap;

/// Depth that counts a cell as flooded for areas and first-wet times (m); the
/// same bound as exposure of people (`people::harm::EXPOSED_DEPTH_M`).
pub const FLOODED_DEPTH_M: f64 = 0.1;

/// Depth above which a cell counts towards `p_depth_gt_0_5m`: 0.5 m, the
/// upper depth of hazard class H2 ("unsafe for small vehicles") in the NSW
/// FB03 (2023) flood hazard classes (Australian Rainfall & Runoff).
pub const DEEP_WATER_M: f64 = 0.5;

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
    snapshots: Vec<f64>,
    pub taken: BTreeMap<String, Vec<f32>>,
    pub max_area_km2: f64,
    pub substeps: u64,
    /// Metres of sandbag line laid on each levee by the team now there.
    sandbag_progress_m: Vec<f64>,
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
    let snapshots = ctx.scenario.outputs.snapshots.iter().map(|d| d.secs()).collect();
    let flood = Flood {
        solver,
        ground: t.elevation.clone(),
        inflows,
        rain: spec.rain,
        levees,
        pumps,
        extra_rain: Vec::new(),
        first_wet_s: vec![f32::NAN; n],
        snapshots,
        taken: BTreeMap::new(),
        max_area_km2: 0.0,
        substeps: 0,
        sandbag_progress_m: vec![0.0; spec.levees.len()],
    };
    b.world.insert_resource(flood);
    b.schedule.add_systems(step_flood.in_set(Phase::Hazard));
    b.schedule.add_systems(request_work.in_set(CommandStep::Requests));
    b.schedule.add_systems(do_work.in_set(ActStep::SiteWork));
    b.add_recorder(record_flood);
    b.declare_metrics([
        "flood.max_area_km2",
        "flood.volume_residual_m3",
        "flood.inflow_m3",
        "flood.substeps",
        "flood.peak_depth_m",
    ]);
    b.declare_probability_raster(ProbabilityRaster::new(
        "p_depth_gt_0_5m",
        "max_depth_m",
        DEEP_WATER_M,
        "probability that the maximum water depth exceeds 0.5 m",
    ));
    b.declare_probability_raster(ProbabilityRaster::new(
        "p_flooded",
        "max_depth_m",
        FLOODED_DEPTH_M,
        "probability that the cell floods (maximum depth above 0.1 m)",
    ));
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

fn step_flood(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    mut flood: ResMut<Flood>,
    mut field: ResMut<HazardField>,
    weather: Res<WeatherNow>,
    mut fired: MessageReader<InjectFired>,
    mut log: ResMut<EventLog>,
) {
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
    let Flood { solver, first_wet_s, .. } = &mut *flood;
    let depth = solver.depth();
    for (i, d) in depth.iter().enumerate() {
        let d32 = *d as f32;
        field.depth_m[i] = d32;
        if d32 > field.max_depth_m[i] {
            field.max_depth_m[i] = d32;
        }
        if *d > FLOODED_DEPTH_M {
            field.speed_ms[i] = solver.velocity_ms(i) as f32;
            if first_wet_s[i].is_nan() {
                first_wet_s[i] = next as f32;
            }
        } else {
            field.speed_ms[i] = 0.0;
        }
    }
    let due: Vec<f64> = flood.snapshots.iter().copied().filter(|t| *t > now && *t <= next).collect();
    for t in due {
        let key = format!("depth_t{}min", (t / 60.0).round() as u64);
        flood.taken.insert(key, field.depth_m.clone());
    }
}

fn record_flood(ctx: Res<Ctx>, mut flood: ResMut<Flood>, field: Res<HazardField>, mut rec: ResMut<Recorder>) {
    let cell_area_km2 = (ctx.compiled.terrain.cell_m / 1000.0).powi(2);
    let wet = field.depth_m.iter().filter(|d| (**d as f64) > FLOODED_DEPTH_M).count();
    let area = wet as f64 * cell_area_km2;
    flood.max_area_km2 = flood.max_area_km2.max(area);
    let v = flood.solver.volumes();
    rec.set("flood_area_km2", area);
    rec.set("flood_volume_m3", v.stored);
    rec.set("flood_max_depth_m", field.depth_m.iter().fold(0.0f32, |a, b| a.max(*b)) as f64);
}

fn metrics(world: &mut World, m: &mut BTreeMap<String, f64>) {
    let Some(flood) = world.get_resource::<Flood>() else { return };
    let v = flood.solver.volumes();
    m.insert("flood.max_area_km2".into(), flood.max_area_km2);
    m.insert("flood.volume_residual_m3".into(), v.residual());
    m.insert("flood.inflow_m3".into(), v.inflow + v.rain);
    m.insert("flood.substeps".into(), flood.substeps as f64);
    let field = world.resource::<HazardField>();
    m.insert(
        "flood.peak_depth_m".into(),
        field.max_depth_m.iter().fold(0.0f32, |a, b| a.max(*b)) as f64,
    );
}

fn rasters(world: &mut World, r: &mut BTreeMap<String, Vec<f32>>) {
    let Some(flood) = world.get_resource::<Flood>() else { return };
    for (k, v) in &flood.taken {
        r.insert(k.clone(), v.clone());
    }
    r.insert("first_wet_min".into(), flood.first_wet_s.iter().map(|s| s / 60.0).collect());
    r.insert("max_depth_m".into(), world.resource::<HazardField>().max_depth_m.clone());
}

/// Plan orders for work at a flood site become requests for a team at its cell.
fn request_work(flood: Res<Flood>, mut orders: MessageReader<WorkOrder>, mut requests: MessageWriter<WorkRequest>) {
    for o in orders.read() {
        let found = match o.kind {
            WorkKind::Sandbag => flood
                .levees
                .iter()
                .position(|l| l.id == o.site)
                .map(|i| (i, middle_cell(&flood.levees[i].cells))),
            WorkKind::Pump => flood.pumps.iter().position(|p| p.id == o.site).map(|i| (i, flood.pumps[i].cell)),
        };
        if let Some((site, cell)) = found {
            requests.write(WorkRequest { kind: o.kind, site, cell });
        }
    }
}

/// Teams at flood sites: pumps run while a team is there; a sandbag line is
/// laid at the team's rate and closes the breach once it spans it.
fn do_work(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    mut flood: ResMut<Flood>,
    mut reports: MessageReader<WorkReport>,
    mut done: MessageWriter<WorkDone>,
    mut log: ResMut<EventLog>,
) {
    let next = clock.next_s();
    let cell_m = ctx.compiled.terrain.cell_m;
    for r in reports.read() {
        match r {
            WorkReport::Arrived {
                kind: WorkKind::Pump,
                site,
            } => flood.pumps[*site].on = true,
            WorkReport::Left {
                kind: WorkKind::Pump,
                site,
            } => flood.pumps[*site].on = false,
            WorkReport::Arrived {
                kind: WorkKind::Sandbag,
                site,
            } => flood.sandbag_progress_m[*site] = 0.0,
            WorkReport::Worked {
                kind: WorkKind::Sandbag,
                site,
                team,
                amount,
            } => {
                flood.sandbag_progress_m[*site] += amount;
                let need = flood.breach_length_m(*site, cell_m);
                if need <= 0.0 || flood.sandbag_progress_m[*site] >= need {
                    let raised = flood.sandbag(*site);
                    log.push(
                        next,
                        "sandbag_line_complete",
                        &flood.levees[*site].id,
                        &[("team", json!(team)), ("cells", json!(raised))],
                    );
                    done.write(WorkDone {
                        kind: WorkKind::Sandbag,
                        site: *site,
                        at_s: next,
                    });
                }
            }
            WorkReport::Worked { kind: WorkKind::Pump, .. }
            | WorkReport::Left {
                kind: WorkKind::Sandbag, ..
            } => {}
        }
    }
}

/// Height a sandbag line adds to a breached levee cell (m): a typical
/// three-course line. A planning figure, not from the reference file.
pub const SANDBAG_HEIGHT_M: f64 = 1.0;

impl Flood {
    /// Metres of sandbag line needed to close a levee's breach.
    pub fn breach_length_m(&self, levee: usize, cell_m: f64) -> f64 {
        let l = &self.levees[levee];
        let z = self.solver.bed();
        l.cells.iter().filter(|c| z[**c] < self.ground[**c] + l.crest_m - 1e-9).count() as f64 * cell_m
    }

    /// Raise every breached cell of a levee by a sandbag line, up to its crest.
    pub fn sandbag(&mut self, levee: usize) -> usize {
        let (cells, crest) = (self.levees[levee].cells.clone(), self.levees[levee].crest_m);
        let mut raised = 0;
        for c in cells {
            let (z, top) = (self.solver.bed()[c], self.ground[c] + crest);
            if z < top - 1e-9 {
                self.solver.set_bed(c, (z + SANDBAG_HEIGHT_M).min(top));
                raised += 1;
            }
        }
        raised
    }
}
