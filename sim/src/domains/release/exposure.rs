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
use crate::engine::Clock;
use crate::world::hazard::Hazards;
use crate::world::people::{Breath, Household, HouseholdState, Shelters};
use bevy_ecs::prelude::*;

pub fn breathe(
    clock: Res<Clock>,
    hazards: Res<Hazards>,
    shelters: Res<Shelters>,
    mut state: ResMut<ReleaseState>,
    mut q: Query<&mut Household>,
) {
    if state.started_s.is_none() {
        return;
    }
    let (now, next) = (clock.now_s(), clock.next_s());
    let dt = next - now;
    let s = &mut *state;
    let (home_ach, sealed_ach) = s.ach;
    for (si, sh) in shelters.0.iter().enumerate() {
        let outdoor = hazards.at(s.ppm, sh.cell);
        if let Some(c) = s.shelter_ppm.get_mut(si) {
            *c = indoor::step(*c, outdoor, home_ach, dt);
        }
    }
    let tick = Tick {
        dt_s: dt,
        end_s: next,
        elapsed_min: s.elapsed_min(next),
        home_ach,
        sealed_ach,
    };
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
