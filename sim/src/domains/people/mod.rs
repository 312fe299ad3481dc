//! People: households as entities, from warning to shelter or harm.
//!
//! A household's living, unhurt members share one [`HouseholdState`]; injured
//! and dead members are counted apart, so every resident is in exactly one of
//! the nine [`PersonState`]s at every tick (`PeopleTally` sums them). Travel
//! reuses the traffic domain: a departing household gets a
//! [`crate::world::roads::Vehicle`] (car or on foot) and is handed back on arrival
//! or when it is stuck. Behaviour follows reference/hazard-models.md §6;
//! harm is each hazard's own published rule, applied tick-independently (see
//! [`harm`]). A shelter a hazard ruins stops taking people in.

pub(crate) mod behaviour;
pub mod harm;
mod record;
mod spawn;

use crate::engine::{Clock, EventLog, ProbabilityRaster, SimBuilder};
use crate::world::hazard::Hazards;
use crate::world::people::Shelters;
#[cfg(doc)]
use crate::world::people::{HouseholdState, PersonState};
use crate::world::sets::{ActStep, HarmStep};
use bevy_ecs::prelude::*;
use serde_json::json;

pub fn build(b: &mut SimBuilder) {
    spawn::spawn(b);
    b.schedule.add_systems(
        (
            lose_shelters,
            behaviour::receive_warnings,
            behaviour::decide_and_depart,
            behaviour::handle_arrivals,
        )
            .chain()
            .in_set(ActStep::People),
    );
    b.schedule.add_systems(harm::apply_harm.in_set(HarmStep::Apply));
    b.add_recorder(record::record_people);
    let keys = record::metric_keys(&b.ctx().scenario);
    b.declare_metrics(keys);
    b.declare_probability_raster(ProbabilityRaster::new(
        "p_trapped",
        "trapped",
        0.0,
        "probability that someone is trapped in the cell at some point",
    ));
    b.add_finisher(record::finish);
}

/// Shelters a hazard ruins close to new arrivals. Those already inside stay
/// (moving them is a command decision the plan can order); the event tells
/// the exercise controller.
fn lose_shelters(clock: Res<Clock>, hazards: Res<Hazards>, mut shelters: ResMut<Shelters>, mut log: ResMut<EventLog>) {
    for s in shelters.0.iter_mut().filter(|s| s.usable) {
        if let Some((cause, (field, value))) = hazards.ruining(s.cell) {
            s.usable = false;
            log.push(
                clock.now_s(),
                "shelter_lost",
                &s.id,
                &[("cause", json!(cause)), (field, json!(value)), ("occupancy", json!(s.occupancy))],
            );
        }
    }
}
