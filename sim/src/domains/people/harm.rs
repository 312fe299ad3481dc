//! Harm from flood water, independent of the tick length.
//!
//! Mortality is the depth–mortality function of reference/hazard-models.md §2
//! read as the probability of dying for someone who has stood in water of
//! depth h. Each household remembers the deepest water it has met; when that
//! maximum rises from h₀ to h₁, each living member dies with the conditional
//! probability `(F(h₁) − F(h₀)) / (1 − F(h₀))`, so the chance of surviving a
//! whole flood is `1 − F(h_max)` however the exposure is sliced into ticks.
//! Survivors who met water of hazard class H4 or worse ("unsafe for people",
//! NSW FB03, reference §2) are counted as injured: a documented planning rule,
//! since the reference gives no injury function.

use crate::engine::rng::uniform01;
use crate::engine::{Clock, EventLog, Streams};
use crate::world::hazard::{HazardField, flood_mortality, hazard_class};
use crate::world::people::{Household, HouseholdState};
use bevy_ecs::prelude::*;
use serde_json::json;

/// Water deeper than this counts as exposure (m): ankle-deep, a third of the
/// H1 "generally safe" bound of reference §2, so that sheet water from rain on
/// open ground does not count.
pub const EXPOSED_DEPTH_M: f64 = 0.1;

/// Conditional death probability when the worst depth met rises from `h0` to `h1`.
pub fn death_probability(h0: f64, h1: f64) -> f64 {
    if h1 <= h0 {
        return 0.0;
    }
    let (f0, f1) = (flood_mortality(h0), flood_mortality(h1));
    ((f1 - f0) / (1.0 - f0)).clamp(0.0, 1.0)
}

pub fn apply_harm(
    clock: Res<Clock>,
    hazard: Res<HazardField>,
    mut q: Query<&mut Household>,
    mut streams: ResMut<Streams>,
    mut log: ResMut<EventLog>,
) {
    let now = clock.now_s();
    let mut hhs: Vec<Mut<Household>> = q.iter_mut().collect();
    hhs.sort_by_key(|h| h.order);
    let rng = streams.get("harm");
    for h in hhs.iter_mut() {
        if h.alive() == 0 || h.state == HouseholdState::Sheltered {
            continue;
        }
        let d = hazard.depth(h.cell);
        if d <= EXPOSED_DEPTH_M {
            continue;
        }
        if !h.exposed {
            h.exposed = true;
        }
        if d <= h.max_depth {
            continue;
        }
        let p = death_probability(h.max_depth, d);
        h.max_depth = d;
        let mut died = 0;
        for _ in 0..h.healthy {
            if uniform01(rng) < p {
                died += 1;
            }
        }
        h.healthy -= died;
        let mut injured_died = 0;
        for _ in 0..h.injured {
            if uniform01(rng) < p {
                injured_died += 1;
            }
        }
        h.injured -= injured_died;
        h.dead += died + injured_died;
        let speed = hazard.speed_ms.get(h.cell).copied().unwrap_or(0.0) as f64;
        let mut hurt = 0;
        if hazard_class(d, speed) >= 4 && h.healthy > 0 {
            hurt = h.healthy;
            h.injured += hurt;
            h.healthy = 0;
        }
        if died + injured_died > 0 || hurt > 0 {
            log.push(
                now,
                "casualties",
                &h.id(),
                &[
                    ("dead", json!(died + injured_died)),
                    ("injured", json!(hurt)),
                    ("depth_m", json!(d)),
                ],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliced_exposure_compounds_to_the_whole() {
        // Surviving 0→1→2→3 m step by step equals surviving 0→3 m at once.
        let steps = [0.0, 0.7, 1.3, 2.2, 3.0];
        let survive: f64 = steps.windows(2).map(|w| 1.0 - death_probability(w[0], w[1])).product();
        assert!((survive - (1.0 - flood_mortality(3.0))).abs() < 1e-12);
        assert_eq!(death_probability(2.0, 1.0), 0.0);
    }
}
