//! People: households as entities, from warning to shelter or harm.
//!
//! A household's living, unhurt members share one [`HouseholdState`]; injured
//! and dead members are counted apart, so every resident is in exactly one of
//! the nine [`PersonState`]s at every tick (`PeopleTally` sums them). Travel
//! reuses the traffic domain: a departing household gets a
//! [`crate::world::roads::Vehicle`] (car or on foot) and is handed back on arrival
//! or when it is stuck. Behaviour follows reference/hazard-models.md §6;
//! harm follows §2 (see [`harm`]).

pub(crate) mod behaviour;
pub mod harm;
mod record;
mod spawn;

use crate::engine::{Phase, ProbabilityRaster, SimBuilder};
#[cfg(doc)]
use crate::world::people::{HouseholdState, PersonState};
use crate::world::sets::ActStep;
use bevy_ecs::prelude::*;

pub fn build(b: &mut SimBuilder) {
    spawn::spawn(b);
    b.schedule.add_systems(
        (
            behaviour::receive_warnings,
            behaviour::decide_and_depart,
            behaviour::handle_arrivals,
        )
            .chain()
            .in_set(ActStep::People),
    );
    b.schedule.add_systems(harm::apply_harm.in_set(Phase::Harm));
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
