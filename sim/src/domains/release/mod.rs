//! The chemical-release hazard in the engine: wraps [`crate::chem`] as a domain.
//!
//! A drill may hold several releases of one substance ([`leak`]). Each
//! starts at its `at` time or when an inject fires `StartRelease(id)` — an
//! inject whose condition watches another hazard's layer is how a flood
//! reaching a plant or a fire reaching a tank farm starts one (Natech). From then on, each tick of the Hazard phase, its
//! cloud's puffs move with this tick's wind and stability
//! ([`crate::chem::cloud`]), the source adds this tick's mass (a fixed rate
//! for its `duration`, one instantaneous puff, or a tank draining through
//! its hole), and the ground-level concentration of all the clouds is
//! drawn on the grid.
//!
//! Layers: `release_ppm`, the air concentration at ground level (ppm, at
//! 25 °C), and `release_aegl`, the highest AEGL (1–3) it reaches for the
//! time elapsed since the first release began.
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

mod decon;
pub mod exposure;
mod finish;
mod leak;
mod monitor;
mod seal;

use crate::chem::cloud::{Air, Grid};
use crate::chem::substance::{Toxicology, toxicology};
use crate::engine::{Clock, Ctx, EventLog, Phase, Recorder, SimBuilder};
use crate::scenario::model::{Event, Hazard};
use crate::world::hazard::{self, HazardEffects, Hazards, LayerId, LayerSpec};
use crate::world::people::Household;
use crate::world::plan::InjectFired;
use crate::world::sets::HarmStep;
use crate::world::weather::WeatherNow;
use bevy_ecs::prelude::*;
use leak::Leak;

/// Ground-level air concentration, ppm.
pub const CONCENTRATION: &str = "release_ppm";
/// Highest AEGL (0–3) reached for the time since the release began.
pub const AEGL_ZONE: &str = "release_aegl";

/// The drill's releases (all of one substance) and the air they make.
#[derive(Resource)]
pub struct ReleaseState {
    tox: &'static Toxicology,
    /// In scenario order; a leak's index is its sealing site.
    leaks: Vec<Leak>,
    /// Crews measuring at each watched place (by index in `watch`).
    monitors: std::collections::BTreeMap<usize, u32>,
    grid: Grid,
    ppm: LayerId,
    aegl: LayerId,
    /// Thinnest cloud kept, kg/m³ (1 % of the substance's lowest AEGL-1).
    floor_kg_m3: f64,
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
    /// When the first release began: the AEGL durations count people's
    /// exposure to the substance, whichever source it came from.
    fn started_s(&self) -> Option<f64> {
        self.leaks.iter().filter_map(|l| l.started_s).reduce(f64::min)
    }

    /// Minutes since the first release began (0 before).
    fn elapsed_min(&self, now_s: f64) -> f64 {
        self.started_s().map_or(0.0, |t| (now_s - t).max(0.0) / 60.0)
    }

    fn released_kg(&self) -> f64 {
        self.leaks.iter().map(|l| l.released_kg).sum()
    }
}

pub fn build(b: &mut SimBuilder) {
    let ctx = b.ctx();
    let specs: Vec<_> = ctx
        .scenario
        .hazards
        .iter()
        .filter_map(|h| if let Hazard::Release(r) = h { Some(r.clone()) } else { None })
        .collect();
    // The loader refuses a second substance (`compile::unsupported`) and
    // air-change rates on any release but the first.
    let Some(first) = specs.first() else { return };
    let c = &ctx.compiled;
    let t = &c.terrain;
    let grid = Grid {
        cols: t.dims.cols,
        rows: t.dims.rows,
        cell_m: t.cell_m,
    };
    let tox = toxicology(first.substance);
    let ach = (first.indoor_ach(), first.sealed_ach());
    let aegl1_low = tox.aegl[0].iter().cloned().fold(f64::INFINITY, f64::min);
    let floor_kg_m3 = 0.01 * aegl1_low * tox.molar_mass / (crate::chem::substance::MOLAR_VOLUME_L * 1e6);
    let shelters = ctx.scenario.shelters.len();
    let watch = ctx
        .scenario
        .places
        .iter()
        .map(|p| (p.name.clone(), crate::compile::middle_cell(&c.cells_of(&p.name))))
        .collect();
    let leaks = specs.into_iter().map(|spec| Leak::new(spec, grid, c)).collect();
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
        tox,
        leaks,
        monitors: Default::default(),
        grid,
        ppm,
        aegl,
        floor_kg_m3,
        max_ppm: 0.0,
        max_zone_km2: [0.0; 2],
        zone_km2: [0.0; 2],
        shelter_ppm: vec![0.0; shelters],
        ach,
        watch,
        scratch: vec![0.0; grid.cols * grid.rows],
    });
    b.add_in_build_order(Phase::Hazard, step_release);
    seal::build(b);
    monitor::build(b);
    decon::build(b);
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
        "release.decontaminated",
        "release.admitted_unwashed",
    ]);
    b.add_finisher(finish::finish);
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
    let fired: Vec<&crate::scenario::model::Inject> = fired.read().map(|f| &ctx.scenario.injects[f.index]).collect();
    let air = Air {
        speed_ms: weather.wind_speed_ms,
        from_deg: weather.wind_from_deg,
        class: weather.stability,
        air_k: weather.temperature_c.unwrap_or(20.0) + 273.15,
    };
    for leak in &mut s.leaks {
        let by_inject = fired
            .iter()
            .find(|inj| matches!(&inj.event, Event::StartRelease(id) if *id == leak.id))
            .map(|inj| inj.id.clone());
        leak.start_if_due(now, next, by_inject, &mut log);
        leak.step(air, now, next, s.grid, &mut log);
        leak.cloud.tidy(s.grid, s.floor_kg_m3);
    }
    if s.started_s().is_none() {
        return;
    }
    s.scratch.iter_mut().for_each(|v| *v = 0.0);
    for leak in &s.leaks {
        leak.cloud.concentrate(s.grid, &mut s.scratch);
    }
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
    rec.set("release_kg", state.released_kg());
    rec.set("release_cloud_kg", state.leaks.iter().map(|l| l.cloud.mass_kg()).sum::<f64>());
    rec.set("release_aegl2_km2", state.zone_km2[0]);
    rec.set("release_aegl3_km2", state.zone_km2[1]);
    for (place, cell) in &state.watch {
        rec.set(&format!("ppm_at_{place}"), hazards.at(state.ppm, *cell));
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
