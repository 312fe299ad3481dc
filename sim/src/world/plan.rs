//! The drill's script and command as the domains share them: which injects
//! have fired ([`InjectFired`], [`MselState`]), the response level, the
//! condition evaluator every domain uses ([`holds`] over [`Facts`]), and the
//! orders command gives the teams.

use super::hazard::{Hazards, WATER_DEPTH};
use super::people::{PeopleTally, PersonState};
use crate::engine::Ctx;
use crate::scenario::model::{Action, Condition, DispatchPolicy, Event, Level};
use bevy_ecs::prelude::*;

/// An inject has fired this tick.
#[derive(Message, Clone, Debug)]
pub struct InjectFired {
    pub index: usize,
}

/// Which injects have fired, and when (seconds). Scheduled orders belong to
/// the plan: the command domain runs them.
#[derive(Resource, Default)]
pub struct MselState {
    pub inject_fired_at: Vec<Option<f64>>,
}

/// The response level now (`None` before the first trigger). Command raises it;
/// conditions and rules read it.
#[derive(Resource, Clone, Copy, Debug, Default)]
pub struct ResponseLevel(pub Option<Level>);

/// Order from command to the teams domain.
#[derive(Message, Clone, Debug)]
pub enum TeamOrder {
    /// Let the default policy use this many more teams of a kind (all when `None`).
    Commit {
        kind: String,
        count: Option<u32>,
        policy: DispatchPolicy,
    },
    /// Direct traffic on declared link `link`: close it, or scale its capacity.
    TrafficControl { link: usize, close: bool, factor: f64 },
    /// Look at a place; `cell` is where the team goes.
    Recon { cell: usize, place: String },
}

/// What crews measuring the air have read: the highest AEGL tier seen at
/// each place (`Measured` conditions). The release domain writes it.
#[derive(Resource, Clone, Debug, Default)]
pub struct Readings {
    pub max_aegl: std::collections::BTreeMap<String, u8>,
}

/// What conditions may look at.
pub struct Facts<'a> {
    pub now: f64,
    pub ctx: &'a Ctx,
    pub msel: &'a MselState,
    pub hazards: &'a Hazards,
    pub people: &'a PeopleTally,
    pub readings: &'a Readings,
    pub level: Option<Level>,
}

pub fn holds(c: &Condition, f: &Facts) -> bool {
    match c {
        Condition::After(d) => f.now >= d.secs(),
        Condition::InjectFired(id) => f
            .ctx
            .scenario
            .injects
            .iter()
            .position(|i| &i.id == id)
            .is_some_and(|k| f.msel.inject_fired_at[k].is_some()),
        Condition::Depth { place, above_m } => layer_above(f, WATER_DEPTH, place, *above_m),
        Condition::Hazard { layer, place, above } => layer_above(f, layer, place, *above),
        Condition::HazardNear {
            layer,
            place,
            within_m,
            above,
        } => layer_near(f, layer, place, *within_m, *above),
        Condition::Trapped { min_people } => f.people.count(PersonState::Trapped) >= *min_people as u64,
        Condition::LevelAtLeast(l) => f.level.is_some_and(|cur| cur >= *l),
        Condition::Sheltered { zone, share } => f.ctx.scenario.population.iter().position(|p| &p.zone == zone).is_some_and(|zi| {
            let (s, r) = (f.people.zone_sheltered[zi], f.people.zone_residents[zi]);
            r > 0 && s as f64 / r as f64 >= *share
        }),
        Condition::Measured { place, aegl } => f.readings.max_aegl.get(place).is_some_and(|seen| seen >= aegl),
        Condition::All(cs) => cs.iter().all(|c| holds(c, f)),
        Condition::Any(cs) => cs.iter().any(|c| holds(c, f)),
    }
}

/// Layer `layer` exceeds `above` in some cell of `place` (never, where no hazard publishes it).
fn layer_above(f: &Facts, layer: &str, place: &str, above: f64) -> bool {
    let Some(id) = f.hazards.find(layer) else { return false };
    f.ctx.compiled.cells_of(place).iter().any(|c| f.hazards.at(id, *c) > above)
}

/// Layer `layer` exceeds `above` in some cell within `within_m` of `place`.
/// Scans the place's bounding box grown by the distance, and measures the
/// distance only for cells over the threshold (a front is a thin line).
fn layer_near(f: &Facts, layer: &str, place: &str, within_m: f64, above: f64) -> bool {
    let Some(id) = f.hazards.find(layer) else { return false };
    let t = &f.ctx.compiled.terrain;
    let (cols, rows, cell_m) = (t.dims.cols, t.dims.rows, t.cell_m);
    let cells = f.ctx.compiled.cells_of(place);
    let (Some(c0), Some(c1), Some(r0), Some(r1)) = (
        cells.iter().map(|c| c % cols).min(),
        cells.iter().map(|c| c % cols).max(),
        cells.iter().map(|c| c / cols).min(),
        cells.iter().map(|c| c / cols).max(),
    ) else {
        return false;
    };
    let grow = (within_m / cell_m).ceil() as usize;
    let within2 = within_m * within_m;
    for r in r0.saturating_sub(grow)..=(r1 + grow).min(rows - 1) {
        for c in c0.saturating_sub(grow)..=(c1 + grow).min(cols - 1) {
            if f.hazards.at(id, r * cols + c) <= above {
                continue;
            }
            let near = cells.iter().any(|p| {
                let (dc, dr) = ((p % cols) as f64 - c as f64, (p / cols) as f64 - r as f64);
                (dc * dc + dr * dr) * cell_m * cell_m <= within2
            });
            if near {
                return true;
            }
        }
    }
    false
}

pub fn event_name(e: &Event) -> &'static str {
    match e {
        Event::LeveeBreach { .. } => "LeveeBreach",
        Event::RoadClosed(_) => "RoadClosed",
        Event::RoadOpened(_) => "RoadOpened",
        Event::CommsOutage { .. } => "CommsOutage",
        Event::TeamLost(_) => "TeamLost",
        Event::DepotLost(_) => "DepotLost",
        Event::ShelterUnusable(_) => "ShelterUnusable",
        Event::ExtraRain { .. } => "ExtraRain",
        Event::WindShift { .. } => "WindShift",
        Event::StartRelease(_) => "StartRelease",
        Event::Ignite(_) => "Ignite",
        Event::Message(_) => "Message",
    }
}

pub fn action_name(a: &Action) -> &'static str {
    match a {
        Action::Warn { .. } => "Warn",
        Action::Evacuate { .. } => "Evacuate",
        Action::ShelterInPlace { .. } => "ShelterInPlace",
        Action::Dispatch { .. } => "Dispatch",
        Action::CloseRoad(_) => "CloseRoad",
        Action::OpenRoad(_) => "OpenRoad",
        Action::RaiseLevel(_) => "RaiseLevel",
        Action::Sandbag { .. } => "Sandbag",
        Action::StartPump(_) => "StartPump",
        Action::Resupply { .. } => "Resupply",
        Action::TrafficControl { .. } => "TrafficControl",
        Action::Recon(_) => "Recon",
        Action::AttackFire { .. } => "AttackFire",
        Action::SealLeak(_) => "SealLeak",
        Action::Monitor(_) => "Monitor",
        Action::Decontaminate(_) => "Decontaminate",
    }
}
