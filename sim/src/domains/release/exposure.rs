//! What each household breathes, where it actually is.
//!
//! At home (whatever it is doing there) and in a shelter people are
//! indoors: the building's air follows the outside at its air-change rate
//! (`dC_in/dt = λ·(C_out − C_in)`, Wilson 1987). A home told to shelter in
//! place is sealed (λ = `sealed_ach`) from the moment it heard the order;
//! once the air outside is cleaner than inside, the cloud has passed and
//! its people open up again (λ = `indoor_ach`) — the advice that goes with
//! sheltering. Shelters keep their own air. On the road people breathe the
//! outside air. The toxic load `∫Cⁿdt` (ppmⁿ·min) grows by the trapezoid
//! rule over the tick; its probit is the household's lethality, which the
//! people domain turns into deaths (see `people::harm`).

use super::ReleaseState;
use crate::chem::indoor;
use crate::chem::substance::Toxicology;
use crate::engine::rng::uniform01;
use crate::engine::{Clock, EventLog, Streams};
use crate::world::crews::CrewAir;
use crate::world::hazard::Hazards;
use crate::world::people::{Breath, Household, HouseholdState, Shelters, death_probability};
use bevy_ecs::prelude::*;
use serde_json::json;

pub fn breathe(
    clock: Res<Clock>,
    hazards: Res<Hazards>,
    shelters: Res<Shelters>,
    mut state: ResMut<ReleaseState>,
    mut q: Query<&mut Household>,
) {
    if state.started_s().is_none() {
        return;
    }
    let s = &mut *state;
    let tick = Tick::now(&clock, s);
    for (si, sh) in shelters.0.iter().enumerate() {
        let outdoor = hazards.at(s.ppm, sh.cell);
        if let Some(c) = s.shelter_ppm.get_mut(si) {
            *c = indoor::step(*c, outdoor, tick.home_ach, tick.dt_s);
        }
    }
    for mut h in q.iter_mut() {
        if h.alive() == 0 {
            continue;
        }
        let outdoor = hazards.at(s.ppm, h.cell);
        let at = match h.state {
            HouseholdState::Travelling => Whereabouts::Outdoors,
            HouseholdState::Sheltered => match h.shelter.and_then(|si| s.shelter_ppm.get(si).copied()) {
                Some(inside) => Whereabouts::Shelter(inside),
                None => Whereabouts::Outdoors,
            },
            _ => Whereabouts::Home,
        };
        inhale(&mut h.breath, at, outdoor, &tick, s.tox);
    }
}

/// What each response crew breathes (see [`crate::world::crews`]): the air
/// around it — outside in the field, the building's at its base — through
/// its respirator. Its members die by the probit of the load as residents do (the
/// rise in lethality since the worst met, drawn from the `crew_harm`
/// stream), and breathing at AEGL-2 or above for the time elapsed — the
/// level that impairs the ability to escape — overcomes the crew.
pub fn breathe_crews(
    clock: Res<Clock>,
    hazards: Res<Hazards>,
    state: Res<ReleaseState>,
    mut streams: ResMut<Streams>,
    mut log: ResMut<EventLog>,
    mut q: Query<&mut CrewAir>,
) {
    if state.started_s().is_none() {
        return;
    }
    let tick = Tick::now(&clock, &state);
    let mut crews: Vec<Mut<CrewAir>> = q.iter_mut().collect();
    crews.sort_by_key(|c| c.order);
    for c in crews.iter_mut() {
        if c.crew == 0 {
            continue;
        }
        let outdoor = hazards.at(state.ppm, c.cell);
        if outdoor <= 0.0 && c.breath.ppm <= 0.0 && c.breath.indoor_ppm <= 0.0 {
            continue;
        }
        let around = if c.indoors {
            c.breath.indoor_ppm = indoor::step(c.breath.indoor_ppm, outdoor, tick.home_ach, tick.dt_s);
            c.breath.indoor_ppm
        } else {
            outdoor
        };
        let inhaled = around / c.protection_factor;
        inhale(&mut c.breath, Whereabouts::Outdoors, inhaled, &tick, state.tox);
        let p = death_probability(c.worst_lethality, c.breath.lethality);
        if p > 0.0 {
            c.worst_lethality = c.breath.lethality;
            let rng = streams.get("crew_harm");
            let died = (0..c.crew).filter(|_| uniform01(rng) < p).count() as u32;
            if died > 0 {
                c.crew -= died;
                c.dead += died;
                log.push(
                    tick.end_s,
                    "crew_casualties",
                    &c.team,
                    &[("dead", json!(died)), ("ppm", json!(outdoor))],
                );
            }
        }
        if c.overcome_s.is_none() && (c.breath.aegl >= 2 || c.crew == 0) {
            c.overcome_s = Some(tick.end_s);
            log.push(
                tick.end_s,
                "crew_overcome",
                &c.team,
                &[
                    ("ppm", json!(outdoor)),
                    ("inhaled_ppm", json!(c.breath.ppm)),
                    ("protection_factor", json!(c.protection_factor)),
                ],
            );
        }
    }
}

/// Where a household breathes this tick.
#[derive(Clone, Copy, Debug)]
pub enum Whereabouts {
    /// At home: its own indoor air.
    Home,
    /// In a shelter whose indoor air is this, ppm.
    Shelter(f64),
    /// On the road.
    Outdoors,
}

/// What a tick gives every household alike.
#[derive(Clone, Copy, Debug)]
pub struct Tick {
    pub dt_s: f64,
    /// Time at the tick's end, s.
    pub end_s: f64,
    /// Minutes since the release began, for the AEGL.
    pub elapsed_min: f64,
    pub home_ach: f64,
    pub sealed_ach: f64,
}

impl Tick {
    fn now(clock: &Clock, s: &ReleaseState) -> Tick {
        let (now, next) = (clock.now_s(), clock.next_s());
        Tick {
            dt_s: next - now,
            end_s: next,
            elapsed_min: s.elapsed_min(next),
            home_ach: s.ach.0,
            sealed_ach: s.ach.1,
        }
    }
}

/// One household's breath over one tick with the air outside at `outdoor` ppm.
pub fn inhale(b: &mut Breath, at: Whereabouts, outdoor: f64, tick: &Tick, tox: &Toxicology) {
    let before = b.ppm;
    b.ppm = match at {
        Whereabouts::Outdoors => outdoor,
        Whereabouts::Shelter(inside) => inside,
        Whereabouts::Home => {
            let sealed = b.sealed_at.is_some_and(|t| t < tick.end_s) && !b.ventilated;
            if sealed && outdoor < b.indoor_ppm {
                b.ventilated = true;
            }
            let ach = if sealed && !b.ventilated { tick.sealed_ach } else { tick.home_ach };
            b.indoor_ppm = indoor::step(b.indoor_ppm, outdoor, ach, tick.dt_s);
            b.indoor_ppm
        }
    };
    let n = tox.n();
    b.load += 0.5 * (before.powf(n) + b.ppm.powf(n)) * tick.dt_s / 60.0;
    b.peak_ppm = b.peak_ppm.max(b.ppm);
    b.aegl = tox.aegl_level(b.ppm, tick.elapsed_min);
    b.max_aegl = b.max_aegl.max(b.aegl);
    b.lethality = tox.lethality(b.load);
}
