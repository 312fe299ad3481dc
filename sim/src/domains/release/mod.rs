//! The chemical-release hazard in the engine: wraps [`crate::chem`] as a domain.
//!
//! A release starts at its `at` time or when an inject fires
//! `StartRelease(id)` — an inject whose condition watches another hazard's
//! layer is how a flood reaching a plant or a fire reaching a tank farm
//! starts one (Natech). From then on, each tick of the Hazard phase, the
//! cloud's puffs move with this tick's wind and stability
//! ([`crate::chem::cloud`]), the source adds this tick's mass (a fixed rate
//! for its `duration`, one instantaneous puff, or a tank draining through
//! its hole), and the ground-level concentration is drawn on the grid.
//!
//! Layers: `release_ppm`, the air concentration at ground level (ppm, at
//! 25 °C), and `release_aegl`, the highest AEGL (1–3) it reaches for the
//! time elapsed since the release began.
//!
//! Effects, read by people, traffic and logistics through the layers: roads
//! close to every vehicle inside the AEGL-2 zone and reopen when it passes
//! (`link_in_cloud`, `link_cloud_cleared`); people perceive the gas where it
//! reaches AEGL-1 (they notice it: a warning cue). Harm is by what each
//! household actually breathed ([`exposure`]): indoors at home or in a
//! shelter through the air-exchange model, outdoors on the road; the
//! probit of its toxic load is its lethality, and breathing at AEGL-2 or
//! above for the time elapsed injures. The gas reaches people in shelters.
//!
//! Not modelled, and said so in the docs: dense-gas slumping (chlorine and
//! cold ammonia are heavier than air; the Gaussian cloud is passive),
//! plume rise, flashing and pool evaporation (a tank's discharge enters the
//! air at once), deposition.

pub mod exposure;
mod monitor;
mod seal;

use crate::chem::cloud::{Air, Cloud, Grid};
use crate::chem::sigma::{Curves, Surface};
use crate::chem::source::Tank;
use crate::chem::substance::{Toxicology, toxicology};
use crate::engine::{Clock, Ctx, EventLog, Phase, Recorder, RunResults, SimBuilder, Table, TableCell};
use crate::scenario::model::{Event, Hazard, Release};
use crate::world::crews::CrewAir;
use crate::world::hazard::{self, HazardEffects, Hazards, LayerId, LayerSpec};
use crate::world::people::Household;
use crate::world::plan::InjectFired;
use crate::world::sets::HarmStep;
use crate::world::weather::WeatherNow;
use bevy_ecs::prelude::*;
use serde_json::json;

/// Ground-level air concentration, ppm.
pub const CONCENTRATION: &str = "release_ppm";
/// Highest AEGL (0–3) reached for the time since the release began.
pub const AEGL_ZONE: &str = "release_aegl";

/// What feeds the cloud.
#[derive(Clone, Debug)]
enum Source {
    /// kg/s until the end time (s), if any.
    Rate {
        kg_s: f64,
        until: Option<f64>,
    },
    /// One puff, not yet released.
    Mass {
        kg: f64,
    },
    Tank(Tank),
    Spent,
}

#[derive(Resource)]
pub struct ReleaseState {
    id: String,
    tox: &'static Toxicology,
    spec: Release,
    xy: (f64, f64),
    /// The source's cell, where crews seal the leak.
    cell: usize,
    seal: seal::Seal,
    /// Crews measuring at each watched place (by index in `watch`).
    monitors: std::collections::BTreeMap<usize, u32>,
    grid: Grid,
    source: Source,
    started_s: Option<f64>,
    cloud: Cloud,
    ppm: LayerId,
    aegl: LayerId,
    /// Thinnest cloud kept, kg/m³ (1 % of the substance's lowest AEGL-1).
    floor_kg_m3: f64,
    released_kg: f64,
    max_ppm: f64,
    /// Largest AEGL-2 and AEGL-3 zones, km².
    max_zone_km2: [f64; 2],
    zone_km2: [f64; 2],
    /// Air inside each shelter, ppm.
    shelter_ppm: Vec<f64>,
    /// Sampled air-change rates, per hour: (homes as lived in, sealed homes).
    ach: (f64, f64),
    /// (place, cell) where the concentration is recorded over time.
    watch: Vec<(String, usize)>,
    scratch: Vec<f32>,
}

impl ReleaseState {
    /// Minutes since the release began (0 before).
    fn elapsed_min(&self, now_s: f64) -> f64 {
        self.started_s.map_or(0.0, |t| (now_s - t).max(0.0) / 60.0)
    }
}

pub fn build(b: &mut SimBuilder) {
    let ctx = b.ctx();
    let Some(spec) = ctx
        .scenario
        .hazards
        .iter()
        .find_map(|h| if let Hazard::Release(r) = h { Some(r.clone()) } else { None })
    else {
        return;
    };
    let c = &ctx.compiled;
    let t = &c.terrain;
    let grid = Grid {
        cols: t.dims.cols,
        rows: t.dims.rows,
        cell_m: t.cell_m,
    };
    let cell = crate::compile::middle_cell(&c.cells_of(&spec.place));
    let xy = (
        ((cell % grid.cols) as f64 + 0.5) * grid.cell_m,
        ((cell / grid.cols) as f64 + 0.5) * grid.cell_m,
    );
    let tox = toxicology(spec.substance);
    let source = if let Some(q) = &spec.rate_kg_s {
        Source::Rate {
            kg_s: q.value().max(0.0),
            until: None,
        }
    } else if let Some(m) = &spec.mass_kg {
        Source::Mass { kg: m.value().max(0.0) }
    } else if let Some(tk) = &spec.tank {
        let d = tk.hole_diameter_mm.value().max(0.0) / 1000.0;
        Source::Tank(Tank {
            liquid_kg: tk.liquid_kg.value().max(0.0),
            density_kg_m3: tk.density_kg_m3.value().max(1.0),
            section_m2: tk.section_m2.value().max(0.01),
            gauge_pa: tk.gauge_kpa.as_ref().map_or(0.0, |g| g.value().max(0.0) * 1000.0),
            hole_m2: std::f64::consts::PI * d * d / 4.0,
            hole_height_m: tk.hole_height_m,
        })
    } else {
        Source::Spent
    };
    let height_m = spec.height_m;
    let surface = if spec.urban { Surface::Urban } else { Surface::Rural };
    let curves = if matches!(source, Source::Mass { .. }) {
        Curves::Puff
    } else {
        Curves::Plume(surface)
    };
    let aegl1_low = tox.aegl[0].iter().cloned().fold(f64::INFINITY, f64::min);
    let floor_kg_m3 = 0.01 * aegl1_low * tox.molar_mass / (crate::chem::substance::MOLAR_VOLUME_L * 1e6);
    let shelters = ctx.scenario.shelters.len();
    let watch = ctx
        .scenario
        .places
        .iter()
        .map(|p| (p.name.clone(), crate::compile::middle_cell(&c.cells_of(&p.name))))
        .collect();
    // Map classes at the 1-h levels: the AEGL zone layer carries the exact,
    // time-dependent zone.
    let hour = |l| tox.aegl(l, 60.0);
    let ppm = hazard::publish(
        b,
        LayerSpec {
            name: CONCENTRATION,
            hazard: "release",
            title: "Air concentration",
            unit: "ppm",
            classes: vec![hour(1), hour(2), hour(3)],
            peak_raster: Some("max_ppm"),
            snapshot_stem: Some("ppm"),
            thresholds: vec![],
        },
    );
    let aegl = hazard::publish(
        b,
        LayerSpec {
            name: AEGL_ZONE,
            hazard: "release",
            title: "AEGL zone",
            unit: "level",
            classes: vec![1.0, 2.0, 3.0],
            peak_raster: Some("max_aegl"),
            snapshot_stem: Some("aegl"),
            thresholds: vec![
                ("p_aegl2", 1.5, "probability that the cell's air exceeds AEGL-2"),
                ("p_aegl3", 2.5, "probability that the cell's air exceeds AEGL-3"),
            ],
        },
    );
    hazard::register_effects(b, ReleaseEffects { ppm, aegl });
    b.world.insert_resource(ReleaseState {
        id: spec.id.clone(),
        tox,
        ach: (spec.indoor_ach.value(), spec.sealed_ach.value()),
        spec,
        xy,
        cell,
        seal: seal::Seal::default(),
        monitors: Default::default(),
        grid,
        source,
        started_s: None,
        cloud: Cloud::new(curves, height_m),
        ppm,
        aegl,
        floor_kg_m3,
        released_kg: 0.0,
        max_ppm: 0.0,
        max_zone_km2: [0.0; 2],
        zone_km2: [0.0; 2],
        shelter_ppm: vec![0.0; shelters],
        watch,
        scratch: vec![0.0; grid.cols * grid.rows],
    });
    b.add_in_build_order(Phase::Hazard, step_release);
    seal::build(b);
    monitor::build(b);
    b.schedule
        .add_systems((exposure::breathe, exposure::breathe_crews).chain().in_set(HarmStep::Exposure));
    b.add_recorder(record_release);
    b.declare_metrics([
        "release.released_kg",
        "release.max_ppm",
        "release.max_aegl2_km2",
        "release.max_aegl3_km2",
        "release.people_aegl1",
        "release.people_aegl2",
        "release.people_aegl3",
        "release.max_toxic_load",
        "release.crews_overcome",
        "release.responders_overcome",
        "release.responders_dead",
        "release.responders_hospitalised",
        "release.responders_max_ppm",
    ]);
    b.add_finisher(finish);
}

fn step_release(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    weather: Res<WeatherNow>,
    mut fired: MessageReader<InjectFired>,
    mut state: ResMut<ReleaseState>,
    mut hazards: ResMut<Hazards>,
    mut log: ResMut<EventLog>,
) {
    let (now, next) = (clock.now_s(), clock.next_s());
    let s = &mut *state;
    let by_inject = fired.read().find_map(|f| {
        let inj = &ctx.scenario.injects[f.index];
        matches!(&inj.event, Event::StartRelease(id) if *id == s.id).then(|| inj.id.clone())
    });
    if s.started_s.is_none() {
        let start = match (s.spec.at, by_inject) {
            (Some(at), _) if at.secs() < next => Some((at.secs().max(now), "scheduled".to_string())),
            (_, Some(inj)) => Some((now, inj)),
            _ => None,
        };
        if let Some((t, by)) = start {
            s.started_s = Some(t);
            if let Source::Rate { until, .. } = &mut s.source {
                *until = s.spec.duration.map(|d| t + d.secs());
            }
            log.push(
                t,
                "release_started",
                &s.id,
                &[("by", json!(by)), ("substance", json!(format!("{:?}", s.spec.substance)))],
            );
        }
    }
    let Some(start) = s.started_s else { return };
    let air = Air {
        speed_ms: weather.wind_speed_ms,
        from_deg: weather.wind_from_deg,
        class: weather.stability,
    };
    let dt = next - now;
    s.cloud.advance(air, dt);
    if let Some(at) = s.seal.sealed_at.filter(|_| !matches!(s.source, Source::Spent)) {
        let mut data = vec![("released_kg", json!(s.released_kg)), ("by", json!("sealed"))];
        if let Source::Tank(t) = &s.source {
            data.push(("left_in_tank_kg", json!(t.liquid_kg)));
        }
        s.source = Source::Spent;
        log.push(at, "release_ended", &s.id, &data);
    }
    // This tick's share of the source, over the part of the tick it ran.
    let from = start.max(now);
    let (mass, over) = match &mut s.source {
        Source::Rate { kg_s, until } => {
            let to = until.map_or(next, |u| u.min(next));
            let run = (to - from).max(0.0);
            let m = *kg_s * run;
            if let Some(end) = until.filter(|u| *u <= next) {
                s.source = Source::Spent;
                log.push(end, "release_ended", &s.id, &[("released_kg", json!(s.released_kg + m))]);
            }
            (m, run)
        }
        Source::Mass { kg } => {
            let m = *kg;
            s.source = Source::Spent;
            (m, 0.0)
        }
        Source::Tank(tank) => {
            let m = tank.drain(next - from);
            if tank.rate_kg_s() <= 0.0 {
                let left = tank.liquid_kg;
                s.source = Source::Spent;
                log.push(
                    next,
                    "release_ended",
                    &s.id,
                    &[("released_kg", json!(s.released_kg + m)), ("left_in_tank_kg", json!(left))],
                );
            }
            (m, next - from)
        }
        Source::Spent => (0.0, 0.0),
    };
    s.released_kg += mass;
    s.cloud.emit(s.xy.0, s.xy.1, mass, air, over, s.grid.cell_m);
    s.cloud.tidy(s.grid, s.floor_kg_m3);
    s.scratch.iter_mut().for_each(|v| *v = 0.0);
    s.cloud.concentrate(s.grid, &mut s.scratch);
    let to_ppm = (s.tox.ppm(1.0)) as f32;
    let elapsed = s.elapsed_min(next);
    let levels = [s.tox.aegl(1, elapsed), s.tox.aegl(2, elapsed), s.tox.aegl(3, elapsed)];
    let mut zone_cells = [0usize; 2];
    let mut max_ppm = s.max_ppm;
    let values: Vec<f32> = s.scratch.iter().map(|c| c * to_ppm).collect();
    let zones: Vec<f32> = values
        .iter()
        .map(|&p| {
            let p = p as f64;
            max_ppm = max_ppm.max(p);
            let level = levels.iter().take_while(|l| p >= **l).count();
            if level >= 2 {
                zone_cells[0] += 1;
            }
            if level >= 3 {
                zone_cells[1] += 1;
            }
            level as f32
        })
        .collect();
    s.max_ppm = max_ppm;
    let km2 = s.grid.cell_m * s.grid.cell_m / 1e6;
    for ((now_km2, max_km2), cells) in s.zone_km2.iter_mut().zip(&mut s.max_zone_km2).zip(zone_cells) {
        *now_km2 = cells as f64 * km2;
        *max_km2 = max_km2.max(*now_km2);
    }
    hazards.write(s.ppm, values.into_iter());
    hazards.write(s.aegl, zones.into_iter());
}

fn record_release(state: Res<ReleaseState>, hazards: Res<Hazards>, mut rec: ResMut<Recorder>) {
    rec.set("release_kg", state.released_kg);
    rec.set("release_cloud_kg", state.cloud.mass_kg());
    rec.set("release_aegl2_km2", state.zone_km2[0]);
    rec.set("release_aegl3_km2", state.zone_km2[1]);
    for (place, cell) in &state.watch {
        rec.set(&format!("ppm_at_{place}"), hazards.at(state.ppm, *cell));
    }
}

fn finish(world: &mut World, out: &mut RunResults) {
    let mut people = [0u64; 3];
    let mut max_load: f64 = 0.0;
    let mut q = world.query::<&Household>();
    let mut households: Vec<&Household> = q.iter(world).collect();
    households.sort_by_key(|h| h.order);
    for h in &households {
        for (k, p) in people.iter_mut().enumerate() {
            if h.breath.max_aegl as usize > k {
                *p += h.size as u64;
            }
        }
        max_load = max_load.max(h.breath.load);
    }
    let table = exposure_table(&world.resource::<Ctx>().scenario, &households);
    out.tables.insert("exposure".into(), table);
    let mut q = world.query::<&CrewAir>();
    let mut crews: Vec<&CrewAir> = q.iter(world).collect();
    crews.sort_by_key(|c| c.order);
    let overcome: Vec<&&CrewAir> = crews.iter().filter(|c| c.overcome_s.is_some()).collect();
    let m = &mut out.metrics;
    m.insert("release.crews_overcome".into(), overcome.len() as f64);
    m.insert(
        "release.responders_overcome".into(),
        overcome.iter().map(|c| c.crew + c.dead + c.hospitalised).sum::<u32>() as f64,
    );
    m.insert("release.responders_dead".into(), crews.iter().map(|c| c.dead).sum::<u32>() as f64);
    m.insert(
        "release.responders_hospitalised".into(),
        crews.iter().map(|c| c.hospitalised).sum::<u32>() as f64,
    );
    m.insert(
        "release.responders_max_ppm".into(),
        crews.iter().map(|c| c.breath.peak_ppm).fold(0.0, f64::max),
    );
    out.tables.insert("crew_exposure".into(), crew_table(&crews));
    let s = world.resource::<ReleaseState>();
    out.metrics.insert("release.released_kg".into(), s.released_kg);
    out.metrics.insert("release.max_ppm".into(), s.max_ppm);
    out.metrics.insert("release.max_aegl2_km2".into(), s.max_zone_km2[0]);
    out.metrics.insert("release.max_aegl3_km2".into(), s.max_zone_km2[1]);
    out.metrics.insert("release.max_toxic_load".into(), max_load);
    for (k, p) in people.iter().enumerate() {
        out.metrics.insert(format!("release.people_aegl{}", k + 1), *p as f64);
    }
}

/// Every household's exposure, in household order: the dose distribution
/// of the population behind the report's chart, and the analyst's list of
/// who breathed what.
fn exposure_table(scenario: &crate::scenario::Scenario, households: &[&Household]) -> Table {
    use TableCell::{Num, Text};
    let rows = households
        .iter()
        .map(|h| {
            let zone = scenario.population.get(h.zone as usize).map(|z| z.zone.clone()).unwrap_or_default();
            vec![
                Num(h.order as f64),
                Text(zone),
                Num(h.size as f64),
                Num(h.breath.peak_ppm),
                Num(h.breath.load),
                Num(h.breath.max_aegl as f64),
                Num(h.breath.lethality),
                Num(h.dead as f64),
                Num(h.injured as f64),
            ]
        })
        .collect();
    Table {
        columns: vec![
            "household",
            "zone",
            "residents",
            "peak_ppm",
            "toxic_load",
            "max_aegl",
            "lethality",
            "dead",
            "injured",
        ],
        rows,
    }
}

/// Every crew's exposure, in team order: what it breathed behind its
/// respirator, and whether and when it was overcome.
fn crew_table(crews: &[&CrewAir]) -> Table {
    use TableCell::{Num, Text};
    let rows = crews
        .iter()
        .map(|c| {
            vec![
                Text(c.team.clone()),
                Num(c.protection_factor),
                Num((c.crew + c.dead + c.hospitalised) as f64),
                Num(c.breath.peak_ppm),
                Num(c.breath.load),
                Num(c.breath.max_aegl as f64),
                Num(c.breath.lethality),
                Num(c.dead as f64),
                Num(c.hospitalised as f64),
                Num(c.overcome_s.map_or(f64::NAN, |t| t / 60.0)),
            ]
        })
        .collect();
    Table {
        columns: vec![
            "team",
            "protection_factor",
            "crew",
            "peak_inhaled_ppm",
            "toxic_load",
            "max_aegl",
            "lethality",
            "dead",
            "hospitalised",
            "overcome_min",
        ],
        rows,
    }
}

/// What the cloud means for people, roads and sites.
struct ReleaseEffects {
    ppm: LayerId,
    aegl: LayerId,
}

impl ReleaseEffects {
    fn zone(&self, h: &Hazards, cell: usize) -> f64 {
        h.at(self.aegl, cell)
    }
}

impl HazardEffects for ReleaseEffects {
    fn hazard(&self) -> &'static str {
        "release"
    }
    fn reading(&self, h: &Hazards, cell: usize) -> (&'static str, f64) {
        ("ppm", h.at(self.ppm, cell))
    }
    fn exposes(&self, h: &Hazards, cell: usize) -> bool {
        self.zone(h, cell) >= 1.0
    }
    /// Lethality depends on the household's own toxic load, not the cell.
    fn lethality(&self, _: &Hazards, _: usize) -> f64 {
        0.0
    }
    fn injures(&self, h: &Hazards, cell: usize) -> bool {
        self.zone(h, cell) >= 2.0
    }
    fn exposes_household(&self, _: &Hazards, h: &Household) -> bool {
        h.breath.aegl >= 1
    }
    fn lethality_household(&self, _: &Hazards, h: &Household) -> f64 {
        h.breath.lethality
    }
    fn injures_household(&self, _: &Hazards, h: &Household) -> bool {
        h.breath.aegl >= 2
    }
    fn reaches_shelters(&self) -> bool {
        true
    }
    /// OSHA 1910.120(q)(3)(iv): responders in SCBA work in the inhalation hazard.
    fn scba_passes(&self) -> bool {
        true
    }
    fn perceived(&self, h: &Hazards, cell: usize) -> bool {
        self.zone(h, cell) >= 1.0
    }
    /// People are not driven out into a gas cloud: leaving is a decision
    /// (their own on perceiving it, or command's order).
    fn drives_out(&self, _: &Hazards, _: usize) -> bool {
        false
    }
    fn blocks(&self, h: &Hazards, cell: usize) -> u8 {
        if self.zone(h, cell) >= 2.0 { u8::MAX } else { 0 }
    }
    fn ruins(&self, _: &Hazards, _: usize) -> bool {
        false
    }
    fn closure_events(&self) -> (&'static str, &'static str) {
        ("link_in_cloud", "link_cloud_cleared")
    }
}
