//! Harm from the hazards, independent of the tick length.
//!
//! Each hazard states, through its effects, the probability `L` that someone
//! who has stayed at a cell through it so far has died (for a flood the
//! depth–mortality curve of the deepest water met; for a release, the probit
//! of the dose taken). Each household remembers the worst `L` met per
//! hazard; when it rises from `L₀` to `L₁`, each living member dies with the
//! conditional probability `(L₁ − L₀) / (1 − L₀)`, so the chance of surviving
//! the whole event is `1 − L_max` however the exposure is sliced into ticks.
//! Whenever survivors meet what the hazard says hurts (flood water of class
//! H4 or worse, a fire's front), they count as injured — whether or not the
//! lethality rose, so a hazard that hurts without killing still hurts.

use crate::engine::rng::uniform01;
use crate::engine::{Clock, EventLog, Streams};
use crate::world::hazard::Hazards;
use crate::world::people::{Household, HouseholdState, death_probability};
use bevy_ecs::prelude::*;
use serde_json::json;

pub fn apply_harm(
    clock: Res<Clock>,
    hazards: Res<Hazards>,
    mut q: Query<&mut Household>,
    mut streams: ResMut<Streams>,
    mut log: ResMut<EventLog>,
) {
    let now = clock.now_s();
    let mut hhs: Vec<Mut<Household>> = q.iter_mut().collect();
    hhs.sort_by_key(|h| h.order);
    let rng = streams.get("harm");
    for h in hhs.iter_mut() {
        if h.alive() == 0 {
            continue;
        }
        let sheltered = h.state == HouseholdState::Sheltered;
        for (k, e) in hazards.effects().enumerate() {
            if (sheltered && !e.reaches_shelters()) || !e.exposes_household(&hazards, h) {
                continue;
            }
            if !h.exposed {
                h.exposed = true;
            }
            if h.worst_lethality.len() <= k {
                h.worst_lethality.resize(k + 1, 0.0);
            }
            let l = e.lethality_household(&hazards, h);
            // A hazard may hurt without killing (a fire's front): injuries
            // do not wait for the lethality to rise.
            let hurts = h.healthy > 0 && e.injures_household(&hazards, h);
            if l <= h.worst_lethality[k] && !hurts {
                continue;
            }
            let p = death_probability(h.worst_lethality[k], l);
            h.worst_lethality[k] = h.worst_lethality[k].max(l);
            let (mut died, mut injured_died) = (0, 0);
            // No draws when nobody can die: the harm stream stays as it was
            // for hazards and moments that only hurt.
            if p > 0.0 {
                for _ in 0..h.healthy {
                    if uniform01(rng) < p {
                        died += 1;
                    }
                }
                for _ in 0..h.injured {
                    if uniform01(rng) < p {
                        injured_died += 1;
                    }
                }
            }
            h.healthy -= died;
            h.injured -= injured_died;
            h.dead += died + injured_died;
            let mut hurt = 0;
            if h.healthy > 0 && e.injures_household(&hazards, h) {
                hurt = h.healthy;
                h.injured += hurt;
                h.healthy = 0;
            }
            if died + injured_died > 0 || hurt > 0 {
                let (field, value) = e.reading(&hazards, h.cell);
                let mut data = vec![
                    ("dead", json!(died + injured_died)),
                    ("injured", json!(hurt)),
                    (field, json!(value)),
                ];
                if hazards.effect_count() > 1 {
                    data.push(("hazard", json!(e.hazard())));
                }
                log.push(now, "casualties", &h.id(), &data);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliced_exposure_compounds_to_the_whole() {
        // Surviving 0 → 0.1 → 0.25 → 0.4 step by step equals surviving 0 → 0.4 at once.
        let steps = [0.0, 0.1, 0.25, 0.3, 0.4];
        let survive: f64 = steps.windows(2).map(|w| 1.0 - death_probability(w[0], w[1])).product();
        assert!((survive - 0.6).abs() < 1e-12);
        assert_eq!(death_probability(0.3, 0.2), 0.0);
        assert_eq!(death_probability(0.0, 1.0), 1.0);
    }
}
