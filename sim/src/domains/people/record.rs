//! Per-tick counts of people by state, per zone and per shelter; end-of-run metrics.

use crate::engine::{Clock, Ctx, Recorder, RunResults};
use crate::scenario::model::{Metric, Scenario};
use crate::world::hazard::Hazards;
use crate::world::people::{Household, HouseholdState, PeopleTally, PersonState, Shelters};
use bevy_ecs::prelude::*;
use std::collections::BTreeMap;

pub fn record_people(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    hazards: Res<Hazards>,
    shelters: Res<Shelters>,
    q: Query<&Household>,
    mut tally: ResMut<PeopleTally>,
    mut rec: ResMut<Recorder>,
) {
    let zones = tally.zone_residents.len();
    let mut t = PeopleTally::new(zones);
    t.sheltered_at = std::mem::take(&mut tally.sheltered_at);
    for h in q.iter() {
        let s: PersonState = h.state.into();
        t.by_state[s as usize] += h.healthy as u64;
        t.by_state[PersonState::Injured as usize] += h.injured as u64;
        t.by_state[PersonState::Hospitalised as usize] += h.hospitalised as u64;
        t.by_state[PersonState::Dead as usize] += h.dead as u64;
        let z = h.zone as usize;
        t.zone_residents[z] += h.size as u64;
        t.zone_by_state[z][s as usize] += h.healthy as u64;
        t.zone_by_state[z][PersonState::Injured as usize] += h.injured as u64;
        t.zone_by_state[z][PersonState::Hospitalised as usize] += h.hospitalised as u64;
        t.zone_by_state[z][PersonState::Dead as usize] += h.dead as u64;
        if h.state == HouseholdState::Sheltered {
            t.zone_sheltered[z] += h.alive() as u64;
        }
        if h.alive() > 0 && h.state != HouseholdState::Sheltered && hazards.exposed_at(h.cell) {
            t.at_risk += h.alive() as u64;
            t.zone_at_risk[z] += h.alive() as u64;
        }
        if h.exposed {
            t.exposed += h.size as u64;
        }
    }
    for s in PersonState::ALL {
        rec.set(s.column(), t.count(s) as f64);
    }
    rec.set("people_at_risk", t.at_risk as f64);
    for (zi, z) in ctx.scenario.population.iter().enumerate() {
        for s in PersonState::ALL {
            let name = s.column().trim_start_matches("people_");
            rec.set(&format!("zone.{}.{name}", z.zone), t.zone_by_state[zi][s as usize] as f64);
        }
        rec.set(&format!("zone.{}.at_risk", z.zone), t.zone_at_risk[zi] as f64);
    }
    for s in &shelters.0 {
        rec.set(&format!("shelter.{}.occupancy", s.id), s.occupancy as f64);
        rec.set(&format!("shelter.{}.capacity", s.id), s.capacity as f64);
    }
    // Capture share sheltered at each objective deadline (end of the tick containing it).
    for o in &ctx.scenario.objectives {
        if let Metric::ShareSheltered { zone, by } = &o.metric {
            let key = crate::scoring::metric_key(&o.metric);
            if t.sheltered_at.contains_key(&key) || clock.next_s() < by.secs() {
                continue;
            }
            let (sheltered, residents) = match zone {
                Some(zn) => match ctx.scenario.population.iter().position(|p| &p.zone == zn) {
                    Some(zi) => (t.zone_sheltered[zi], t.zone_residents[zi]),
                    None => (0, 0),
                },
                None => (t.count(PersonState::Sheltered), t.total()),
            };
            t.sheltered_at.insert(
                key,
                if residents == 0 {
                    f64::NAN
                } else {
                    sheltered as f64 / residents as f64
                },
            );
        }
    }
    *tally = t;
}

/// The metric keys [`finish`] reports for `s`.
pub fn metric_keys(s: &Scenario) -> Vec<String> {
    let mut keys: Vec<String> = [
        "people.residents",
        "people.dead",
        "people.injured",
        "people.hospitalised",
        "people.sheltered",
        "people.trapped_at_end",
        "people.exposed",
        "shelters.max_occupancy_ratio",
    ]
    .map(String::from)
    .to_vec();
    // A deadline past the end of the run is never captured: NaN, but present.
    for o in &s.objectives {
        if let Metric::ShareSheltered { .. } = &o.metric {
            keys.push(crate::scoring::metric_key(&o.metric));
        }
    }
    keys
}

pub fn finish(world: &mut World, out: &mut RunResults) {
    metrics(world, &mut out.metrics);
    rasters(world, &mut out.rasters);
}

fn metrics(world: &mut World, m: &mut BTreeMap<String, f64>) {
    let t = world.resource::<PeopleTally>().clone();
    m.insert("people.residents".into(), t.total() as f64);
    m.insert("people.dead".into(), t.count(PersonState::Dead) as f64);
    // Injured counts everyone hurt and alive at the end, in hospital or not:
    // carrying a casualty to hospital must not read as fewer people hurt.
    let hospitalised = t.count(PersonState::Hospitalised);
    m.insert("people.injured".into(), (t.count(PersonState::Injured) + hospitalised) as f64);
    m.insert("people.hospitalised".into(), hospitalised as f64);
    m.insert("people.sheltered".into(), t.count(PersonState::Sheltered) as f64);
    m.insert("people.trapped_at_end".into(), t.count(PersonState::Trapped) as f64);
    m.insert("people.exposed".into(), t.exposed as f64);
    for (k, v) in &t.sheltered_at {
        m.insert(k.clone(), *v);
    }
    let shelters = world.resource::<Shelters>();
    let ratio = shelters
        .0
        .iter()
        .filter(|s| s.capacity > 0)
        .map(|s| s.max_occupancy as f64 / s.capacity as f64)
        .fold(0.0, f64::max);
    m.insert("shelters.max_occupancy_ratio".into(), ratio);
}

/// People ever trapped, per cell where they were trapped.
fn rasters(world: &mut World, r: &mut BTreeMap<String, Vec<f32>>) {
    let cells = world.resource::<Ctx>().compiled.terrain.dims.len();
    let mut trapped = vec![0.0f32; cells];
    let mut q = world.query::<&Household>();
    for h in q.iter(world) {
        if h.ever_trapped {
            trapped[h.cell] += h.size as f32;
        }
    }
    r.insert("trapped".into(), trapped);
}
