//! The master scenario events list (injects).
//!
//! Timed injects fire in the tick containing their time; conditional injects
//! fire the first tick their condition holds; in a stepped run the
//! facilitator may fire any of them by hand ([`LiveInjects`]) sooner. Firing writes an
//! [`InjectFired`] message other domains react to, and an event to the log.

use crate::engine::{Clock, Ctx, EventLog, LiveInjects, Phase, RunResults, SimBuilder};
use crate::scenario::model::{Channel, Event};
use crate::world::hazard::Hazards;
use crate::world::people::{ChannelOutages, PeopleTally, Shelters};
use crate::world::plan::{Facts, InjectFired, MselState, ResponseLevel, event_name, holds};
use crate::world::roads::RoadCommand;
use bevy_ecs::prelude::*;
use serde_json::json;

pub fn build(b: &mut SimBuilder) {
    b.schedule.add_systems(fire_injects.in_set(Phase::Inject));
    b.declare_metrics(["injects_fired"]);
    b.add_finisher(metrics);
}

#[allow(clippy::too_many_arguments)]
fn fire_injects(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    hazards: Res<Hazards>,
    people: Res<PeopleTally>,
    readings: Res<crate::world::plan::Readings>,
    level: Res<ResponseLevel>,
    mut state: ResMut<MselState>,
    mut by_hand: ResMut<LiveInjects>,
    mut log: ResMut<EventLog>,
    mut fired: MessageWriter<InjectFired>,
    mut roads: MessageWriter<RoadCommand>,
    mut outages: ResMut<ChannelOutages>,
    mut shelters: ResMut<Shelters>,
) {
    let now = clock.now_s();
    let hand: Vec<String> = std::mem::take(&mut by_hand.0);
    for (k, inj) in ctx.scenario.injects.iter().enumerate() {
        if state.inject_fired_at[k].is_some() {
            continue;
        }
        let fired_by_hand = hand.contains(&inj.id);
        let due = fired_by_hand
            || match (&inj.at, &inj.when) {
                (Some(at), _) => now >= at.value().secs(),
                (None, Some(c)) => holds(
                    c,
                    &Facts {
                        now,
                        ctx: &ctx,
                        msel: &state,
                        hazards: &hazards,
                        people: &people,
                        readings: &readings,
                        level: level.0,
                    },
                ),
                (None, None) => false,
            };
        if !due {
            continue;
        }
        state.inject_fired_at[k] = Some(now);
        let mut data = vec![("note", json!(inj.note)), ("event", json!(event_name(&inj.event)))];
        if fired_by_hand {
            data.push(("by", json!("facilitator")));
        }
        log.push(now, "inject_fired", &inj.id, &data);
        match &inj.event {
            Event::RoadClosed(l) => {
                roads.write(RoadCommand {
                    link: l.clone(),
                    close: true,
                    by: inj.id.clone(),
                });
            }
            Event::RoadOpened(l) => {
                roads.write(RoadCommand {
                    link: l.clone(),
                    close: false,
                    by: inj.id.clone(),
                });
            }
            Event::Message(text) => log.push(now, "message", &inj.id, &[("text", json!(text))]),
            Event::CommsOutage { channel, duration } => {
                let until = now + duration.secs();
                let channels: Vec<Channel> = match channel {
                    Some(c) => vec![*c],
                    None => vec![Channel::Sirens, Channel::CellBroadcast, Channel::DoorToDoor, Channel::Radio],
                };
                for c in channels {
                    let e = outages.0.entry(c).or_insert(until);
                    *e = e.max(until);
                }
            }
            Event::ShelterUnusable(id) => {
                if let Some(s) = shelters.0.iter_mut().find(|s| &s.id == id) {
                    s.usable = false;
                }
            }
            _ => {}
        }
        fired.write(InjectFired { index: k });
    }
}

fn metrics(world: &mut World, out: &mut RunResults) {
    let state = world.resource::<MselState>();
    out.metrics
        .insert("injects_fired".into(), state.inject_fired_at.iter().flatten().count() as f64);
}
