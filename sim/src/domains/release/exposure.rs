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
use crate::engine::Clock;
use crate::world::hazard::Hazards;
use crate::world::people::{Household, HouseholdState, Shelters};
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
    let elapsed = s.elapsed_min(next);
    let n = s.tox.n();
    for mut h in q.iter_mut() {
        if h.alive() == 0 {
            continue;
        }
        let outdoor = hazards.at(s.ppm, h.cell);
        let (where_, shelter) = (h.state, h.shelter);
        let b = &mut h.breath;
        let before = b.ppm;
        b.ppm = match where_ {
            HouseholdState::Travelling => outdoor,
            HouseholdState::Sheltered => shelter.and_then(|si| s.shelter_ppm.get(si).copied()).unwrap_or(outdoor),
            _ => {
                let sealed = b.sealed_at.is_some_and(|t| t < next) && !b.ventilated;
                if sealed && outdoor < b.indoor_ppm {
                    b.ventilated = true;
                }
                let ach = if sealed && !b.ventilated { sealed_ach } else { home_ach };
                b.indoor_ppm = indoor::step(b.indoor_ppm, outdoor, ach, dt);
                b.indoor_ppm
            }
        };
        b.load += 0.5 * (before.powf(n) + b.ppm.powf(n)) * dt / 60.0;
        b.peak_ppm = b.peak_ppm.max(b.ppm);
        b.aegl = s.tox.aegl_level(b.ppm, elapsed);
        b.max_aegl = b.max_aegl.max(b.aegl);
        b.lethality = s.tox.lethality(b.load);
    }
}
