//! The commons: what the domains share, defined below all of them.
//!
//! Domains never import each other. They meet here — in resources (hazard
//! layers, road state, households and shelters, the inject record, the
//! response level), in messages (orders, work at hazard sites, supplies) and
//! in public [`sets`] that order their systems. [`build`] is the first domain
//! of every run: it inserts the shared resources with their empty defaults and
//! chains the sets, so any subset of domains can run on top of it.

pub mod crews;
pub mod decon;
pub mod hazard;
pub mod people;
pub mod plan;
pub mod roads;
pub mod sets;
pub mod supplies;
pub mod tasks;
pub mod weather;

use crate::engine::{Clock, Ctx, Phase, SimBuilder};
use crate::roads::RoadState;
use bevy_ecs::prelude::*;
use sets::{ActStep, CascadeStep, CommandStep, HarmStep};

/// The commons domain: shared resources, shared messages, the step order.
pub fn build(b: &mut SimBuilder) {
    let ctx = b.ctx();
    let zones = ctx.scenario.population.len();
    let injects = ctx.scenario.injects.len();
    let roads = RoadState::new(&ctx.compiled.roads);
    b.world.insert_resource(hazard::Hazards::default());
    b.world.insert_resource(people::Shelters::default());
    b.world.insert_resource(people::ChannelOutages::default());
    b.world.insert_resource(people::PeopleTally::new(zones));
    b.world.insert_resource(plan::MselState {
        inject_fired_at: vec![None; injects],
    });
    b.world.insert_resource(plan::ResponseLevel::default());
    b.world.insert_resource(plan::Readings::default());
    b.world.insert_resource(decon::DeconLines::default());
    b.world.insert_resource(weather::WeatherNow::default());
    b.world.insert_resource(roads::Roads(roads));
    b.add_message::<plan::InjectFired>();
    b.add_message::<plan::TeamOrder>();
    b.add_message::<people::WarningOrder>();
    b.add_message::<roads::RoadCommand>();
    b.add_message::<tasks::WorkOrder>();
    b.add_message::<tasks::WorkRequest>();
    b.add_message::<tasks::WorkReport>();
    b.add_message::<tasks::WorkDone>();
    b.add_message::<supplies::ResupplyOrder>();
    b.add_message::<supplies::SupplyUse>();
    b.add_recorder(take_snapshots);
    b.add_finisher(hazard::finish);
    b.schedule.configure_sets(
        (CommandStep::Plan, CommandStep::Requests, CommandStep::Roads, CommandStep::Teams)
            .chain()
            .in_set(Phase::Command),
    );
    b.schedule
        .configure_sets((CascadeStep::Closures, CascadeStep::Consequences).chain().in_set(Phase::Cascade));
    b.schedule
        .configure_sets((HarmStep::Exposure, HarmStep::Apply).chain().in_set(Phase::Harm));
    b.schedule.configure_sets(
        (
            ActStep::Supplies,
            ActStep::People,
            ActStep::Teams,
            ActStep::SiteWork,
            ActStep::Release,
            ActStep::Upkeep,
        )
            .chain()
            .in_set(Phase::Act),
    );
}

/// Snapshot the layers at each of the scenario's `snapshots` times that falls
/// in this tick (after the tick's hazard step, as the maps show them).
fn take_snapshots(clock: Res<Clock>, ctx: Res<Ctx>, mut hazards: ResMut<hazard::Hazards>) {
    let (now, next) = (clock.now_s(), clock.next_s());
    for t in ctx.scenario.outputs.snapshots.iter().map(|d| d.secs()) {
        if t > now && t <= next {
            hazards.snapshot((t / 60.0).round() as u64);
        }
    }
}
