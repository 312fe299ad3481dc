//! Warning, decision, departure and arrival.
//!
//! Warning reach and delay per channel are scenario parameters (no citable
//! figures exist in the reference file; defaults documented in
//! scenarios/README.md). Compliance and the Rayleigh departure delay follow
//! reference/hazard-models.md §6. Households at a cell a hazard says drives
//! people out (a flood: water of class H2 or worse,
//! deeper than 0.3 m) leave at once whether or not they complied earlier.

use super::spawn::rayleigh_delay;
use crate::engine::rng::uniform01;
use crate::engine::{Clock, Ctx, EventLog, Streams};
use crate::scenario::model::{Channel, VehicleClass};
use crate::world::hazard::Hazards;
use crate::world::people::{ChannelOutages, Household, HouseholdState, Shelters, WarningOrder, admit};
use crate::world::roads::{Roads, Vehicle, VehicleState};
use bevy_ecs::prelude::*;
use serde_json::json;

/// Vehicle ordering: household vehicles after convoys.
const HOUSEHOLD_VEHICLE_ORDER: u32 = 1 << 24;

/// Reach (share) and delay (s) of a channel: the scenario's, else the documented defaults.
pub fn channel_params(ctx: &Ctx, channel: Channel) -> (f64, f64) {
    if let Some(c) = ctx.scenario.warning_channels.iter().find(|c| c.channel == channel) {
        return (c.reach.value().clamp(0.0, 1.0), c.delay.value().secs());
    }
    match channel {
        Channel::Sirens => (0.7, 5.0 * 60.0),
        Channel::CellBroadcast => (0.85, 10.0 * 60.0),
        Channel::DoorToDoor => (0.95, 60.0 * 60.0),
        Channel::Radio => (0.5, 15.0 * 60.0),
    }
}

fn sorted<'a>(q: &'a mut Query<&mut Household>) -> Vec<Mut<'a, Household>> {
    let mut v: Vec<Mut<Household>> = q.iter_mut().collect();
    v.sort_by_key(|h| h.order);
    v
}

#[allow(clippy::too_many_arguments)]
pub fn receive_warnings(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    outages: Res<ChannelOutages>,
    mut orders: MessageReader<WarningOrder>,
    mut q: Query<&mut Household>,
    mut streams: ResMut<Streams>,
    mut log: ResMut<EventLog>,
) {
    let now = clock.now_s();
    let orders: Vec<WarningOrder> = orders.read().cloned().collect();
    if orders.is_empty() {
        return;
    }
    let mut hhs = sorted(&mut q);
    let rng = streams.get("warning");
    for o in orders {
        let zone = &ctx.scenario.population[o.zone].zone;
        if outages.0.get(&o.channel).is_some_and(|until| *until > now) {
            log.push(
                now,
                "warning_failed",
                zone,
                &[("channel", json!(format!("{:?}", o.channel))), ("by", json!(o.by))],
            );
            continue;
        }
        let (reach, delay) = channel_params(&ctx, o.channel);
        let mut reached = 0u64;
        for h in hhs.iter_mut().filter(|h| h.zone as usize == o.zone && h.alive() > 0) {
            if o.shelter_in_place {
                // Its own draw: households that miss the alert behave as before.
                if h.breath.sealed_at.is_none() && uniform01(rng) < reach {
                    h.breath.sealed_at = Some(now + delay);
                    reached += h.alive() as u64;
                }
                continue;
            }
            if o.evacuate {
                h.breath.sealed_at = None;
            }
            if o.evacuate && o.shelter.is_some() {
                h.assigned = o.shelter;
            }
            if h.heard_at.is_some() {
                continue;
            }
            if uniform01(rng) < reach {
                h.heard_at = Some(now + delay);
                reached += h.alive() as u64;
            }
        }
        log.push(
            now,
            if o.shelter_in_place {
                "shelter_in_place_issued"
            } else {
                "warning_issued"
            },
            zone,
            &[
                ("channel", json!(format!("{:?}", o.channel))),
                ("people_reached", json!(reached)),
                ("by", json!(o.by)),
            ],
        );
    }
}

#[allow(clippy::too_many_arguments)]
pub fn decide_and_depart(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    hazards: Res<Hazards>,
    shelters: Res<Shelters>,
    roads: Res<Roads>,
    mut q: Query<(Entity, &mut Household), Without<Vehicle>>,
    mut streams: ResMut<Streams>,
    mut log: ResMut<EventLog>,
    mut commands: Commands,
) {
    let (now, next) = (clock.now_s(), clock.next_s());
    let compiled = &ctx.compiled;
    let mut hhs: Vec<(Entity, Mut<Household>)> = q.iter_mut().collect();
    hhs.sort_by_key(|(_, h)| h.order);
    let rng = streams.get("people");
    for (entity, h) in hhs.iter_mut() {
        if h.alive() == 0
            || matches!(
                h.state,
                HouseholdState::Sheltered | HouseholdState::Trapped | HouseholdState::Travelling
            )
        {
            continue;
        }
        // Told to shelter in place: stay in (a departure being prepared is
        // called off) unless a hazard drives people out of the cell.
        if h.breath.sealed_at.is_some_and(|t| t < next) && !hazards.effects().any(|e| e.drives_out(&hazards, h.cell)) {
            if matches!(h.state, HouseholdState::AtHome | HouseholdState::Preparing) {
                h.state = HouseholdState::Warned;
                h.depart_at = None;
            }
            continue;
        }
        if h.heard_at.is_none() && hazards.effects().any(|e| e.perceived(&hazards, h.cell)) {
            h.heard_at = Some(now);
        }
        if h.state == HouseholdState::AtHome && h.heard_at.is_some_and(|t| t < next) {
            h.state = HouseholdState::Warned;
            let zone = &ctx.scenario.population[h.zone as usize];
            let complies = uniform01(rng) < zone.compliance.value();
            h.complied = Some(complies);
            if complies {
                let mean = zone.departure_delay_mean.value().secs() * if h.vulnerable { 1.5 } else { 1.0 };
                h.depart_at = Some(h.heard_at.unwrap_or(now) + rayleigh_delay(mean, uniform01(rng)));
                h.state = HouseholdState::Preparing;
            }
        }
        if matches!(h.state, HouseholdState::AtHome | HouseholdState::Warned)
            && let Some(e) = hazards.effects().find(|e| e.drives_out(&hazards, h.cell))
        {
            h.state = HouseholdState::Preparing;
            h.depart_at = Some(now);
            let (field, value) = e.reading(&hazards, h.cell);
            log.push(now, "self_evacuation", &h.id(), &[(field, json!(value))]);
        }
        if h.state != HouseholdState::Preparing || h.depart_at.is_none_or(|t| t >= next) {
            continue;
        }
        let depart = h.depart_at.unwrap_or(now).max(now);
        let class = if h.cars > 0 { VehicleClass::Car } else { VehicleClass::Foot };
        let Some(start) = compiled.roads.nearest_node(h.cell, compiled.terrain.dims.cols) else {
            trap(h, now, &mut log, "no road nearby");
            continue;
        };
        let target = choose_shelter(h, &shelters, compiled.terrain.dims.cols, start, class, &compiled.roads, &roads.0);
        match target {
            Some(si) => {
                let dest = shelters.0[si].node.unwrap_or(start);
                h.shelter = Some(si);
                h.state = HouseholdState::Travelling;
                let order = HOUSEHOLD_VEHICLE_ORDER + h.order;
                commands.entity(*entity).insert(Vehicle {
                    quiet: true,
                    ..Vehicle::waiting(order, h.id(), "households".into(), class, depart, (start, dest))
                });
            }
            None => trap(h, now, &mut log, "no shelter reachable"),
        }
    }
}

fn trap(h: &mut Household, now: f64, log: &mut EventLog, why: &str) {
    h.state = HouseholdState::Trapped;
    h.ever_trapped = true;
    log.push(
        now,
        "household_trapped",
        &h.id(),
        &[("people", json!(h.alive())), ("reason", json!(why)), ("cell", json!(h.cell))],
    );
}

/// The assigned shelter if usable and reachable, else the nearest usable
/// shelter with room (straight-line order) that the road network reaches.
fn choose_shelter(
    h: &Household,
    shelters: &Shelters,
    cols: usize,
    start: usize,
    class: VehicleClass,
    net: &crate::roads::RoadNetwork,
    state: &crate::roads::RoadState,
) -> Option<usize> {
    let reachable = |si: usize| shelters.0[si].node.is_some_and(|n| state.route(net, start, n, class).is_some());
    if let Some(a) = h.assigned
        && shelters.0[a].usable
        && reachable(a)
    {
        return Some(a);
    }
    let (c, r) = ((h.cell % cols) as i64, (h.cell / cols) as i64);
    let mut order: Vec<(i64, usize)> = shelters
        .0
        .iter()
        .enumerate()
        .filter(|(_, s)| s.usable && s.occupancy + h.alive() <= s.capacity)
        .map(|(i, s)| {
            let (sc, sr) = ((s.cell % cols) as i64, (s.cell / cols) as i64);
            ((sc - c).pow(2) + (sr - r).pow(2), i)
        })
        .collect();
    order.sort();
    order.into_iter().map(|(_, i)| i).find(|i| reachable(*i))
}

#[allow(clippy::too_many_arguments)]
pub fn handle_arrivals(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    mut shelters: ResMut<Shelters>,
    mut q: Query<(Entity, &mut Household, &mut Vehicle)>,
    mut log: ResMut<EventLog>,
    mut commands: Commands,
) {
    let now = clock.now_s();
    let net = &ctx.compiled.roads;
    let cols = ctx.compiled.terrain.dims.cols;
    let mut hhs: Vec<(Entity, Mut<Household>, Mut<Vehicle>)> = q.iter_mut().collect();
    hhs.sort_by_key(|(_, h, _)| h.order);
    for (entity, h, v) in hhs.iter_mut() {
        h.cell = net.nodes[v.node].cell;
        match v.state {
            VehicleState::Arrived => {
                let si = h.shelter.unwrap_or(0);
                let alive = h.alive();
                let fits = shelters.0.get(si).is_some_and(|s| s.usable && s.occupancy + alive <= s.capacity);
                if fits {
                    admit(h, &mut shelters, si, now, &mut log, false);
                    commands.entity(*entity).remove::<Vehicle>();
                    continue;
                }
                // Full or unusable: the next shelter with room, nearest first.
                let here = h.cell;
                let (c, r) = ((here % cols) as i64, (here / cols) as i64);
                let next = shelters
                    .0
                    .iter()
                    .enumerate()
                    .filter(|(i, s)| *i != si && s.usable && s.occupancy + alive <= s.capacity && s.node.is_some())
                    .min_by_key(|(i, s)| (((s.cell % cols) as i64 - c).pow(2) + ((s.cell / cols) as i64 - r).pow(2), *i))
                    .map(|(i, _)| i);
                let from = shelters.0.get(si).map(|s| s.id.clone()).unwrap_or_default();
                match next {
                    Some(n) => {
                        log.push(
                            now,
                            "shelter_full",
                            &from,
                            &[("household", json!(h.id())), ("redirected_to", json!(shelters.0[n].id))],
                        );
                        h.shelter = Some(n);
                        v.dest = shelters.0[n].node.unwrap_or(v.node);
                        v.state = VehicleState::Moving;
                        v.arrived_s = None;
                        v.route.clear();
                    }
                    None => {
                        admit(h, &mut shelters, si, now, &mut log, true);
                        commands.entity(*entity).remove::<Vehicle>();
                    }
                }
            }
            VehicleState::Stuck => {
                trap(h, now, &mut log, "road cut");
                commands.entity(*entity).remove::<Vehicle>();
            }
            _ => {}
        }
    }
}
