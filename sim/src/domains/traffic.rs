//! Vehicles on the road network: convoys now, evacuees and teams later.
//!
//! A vehicle holds its remaining route as arc indices. Each tick it spends the
//! tick's time budget crossing arcs; on entering an arc its travel time comes
//! from the BPR function with the arc's current load. Before entering each
//! arc it checks the rest of its route, and if any arc ahead has closed it
//! reroutes from where it stands; with no route left it is stuck and says so.

use crate::engine::{Clock, Ctx, EventLog, Phase, Recorder, RunResults, SimBuilder};
use crate::roads::pcu;
use crate::world::hazard::Hazards;
use crate::world::roads::{RoadCommand, Roads, Vehicle, VehicleState};
use crate::world::sets::{CascadeStep, CommandStep};
use bevy_ecs::prelude::*;
use serde_json::json;
use std::collections::BTreeMap;

pub fn build(b: &mut SimBuilder) {
    let ctx = b.ctx();
    let mut vehicles = Vec::new();
    let mut order = 0;
    for c in &ctx.scenario.convoys {
        let (Some(from), Some(to)) = (ctx.compiled.node_of(&c.from), ctx.compiled.node_of(&c.to)) else {
            continue;
        };
        for k in 0..c.vehicles {
            let id = if c.vehicles == 1 {
                c.id.clone()
            } else {
                format!("{}#{}", c.id, k + 1)
            };
            vehicles.push(Vehicle::waiting(
                order,
                id,
                c.id.clone(),
                c.class,
                c.depart.value().secs(),
                (from, to),
            ));
            order += 1;
        }
    }
    let convoys: Vec<String> = ctx.scenario.convoys.iter().map(|c| c.id.clone()).collect();
    b.world.spawn_batch(vehicles);
    b.declare_metrics(
        convoys
            .iter()
            .flat_map(|id| [format!("convoy.{id}.arrival_min"), format!("convoy.{id}.reroutes")]),
    );
    b.add_finisher(metrics);
    b.schedule.add_systems(apply_road_commands.in_set(CommandStep::Roads));
    b.world.insert_resource(HazardClosures::default());
    b.schedule.add_systems(close_hazard_links.in_set(CascadeStep::Closures));
    b.schedule.add_systems(move_vehicles.in_set(Phase::Move));
    b.add_recorder(record_traffic);
}

pub fn apply_road_commands(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    mut roads: ResMut<Roads>,
    mut cmds: MessageReader<RoadCommand>,
    mut log: ResMut<EventLog>,
) {
    for c in cmds.read() {
        let Some(link) = ctx.compiled.roads.link_index(&c.link) else {
            continue;
        };
        if roads.0.closed_by_order[link] != c.close {
            roads.0.closed_by_order[link] = c.close;
            let kind = if c.close { "road_closed" } else { "road_opened" };
            log.push(clock.now_s(), kind, &c.link, &[("by", json!(c.by))]);
        }
    }
}

/// Each hazard's road mask: the classes it keeps off each arc. Kept per
/// hazard so that one hazard receding never reopens a link another still
/// closes; the road state holds their union.
#[derive(Resource, Default)]
pub struct HazardClosures {
    pub by_hazard: Vec<Vec<u8>>,
}

/// Close arcs to the classes each hazard keeps off them; reopen as it
/// recedes. A bridge deck stands above what it crosses: only its end cells count.
pub fn close_hazard_links(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    hazards: Res<Hazards>,
    mut closures: ResMut<HazardClosures>,
    mut roads: ResMut<Roads>,
    mut log: ResMut<EventLog>,
) {
    let net = &ctx.compiled.roads;
    closures.by_hazard.resize(hazards.effect_count(), vec![0; net.arcs.len()]);
    for (i, arc) in net.arcs.iter().enumerate() {
        let cells: &[usize] = if arc.kind == crate::scenario::model::LinkKind::Bridge && arc.cells.len() > 2 {
            &[arc.cells[0], arc.cells[arc.cells.len() - 1]]
        } else {
            &arc.cells
        };
        let (mut all, mut against_scba) = (0u8, 0u8);
        for (k, e) in hazards.effects().enumerate() {
            let mask = cells.iter().fold(0u8, |m, c| m | e.blocks(&hazards, *c));
            all |= mask;
            if !e.scba_passes() {
                against_scba |= mask;
            }
            let was = closures.by_hazard[k][i];
            if mask == was {
                continue;
            }
            closures.by_hazard[k][i] = mask;
            // Log once per declared link, on its first arc.
            if net.arcs_of_link(arc.link).next() == Some(i) {
                let (closing, reopening) = e.closure_events();
                let kind = if mask > was { closing } else { reopening };
                log.push(clock.now_s(), kind, &net.link_ids[arc.link], &[("blocked_classes", json!(mask))]);
            }
        }
        roads.0.hazard_blocked[i] = all;
        roads.0.hazard_blocked_scba[i] = against_scba;
    }
}

fn move_vehicles(clock: Res<Clock>, ctx: Res<Ctx>, mut roads: ResMut<Roads>, mut q: Query<&mut Vehicle>, mut log: ResMut<EventLog>) {
    let net = &ctx.compiled.roads;
    let mut vs: Vec<Mut<Vehicle>> = q.iter_mut().collect();
    vs.sort_by_key(|v| v.order);
    let now = clock.now_s();
    for v in vs.iter_mut() {
        if matches!(v.state, VehicleState::Arrived | VehicleState::Stuck) {
            continue;
        }
        if v.state == VehicleState::Waiting {
            if v.depart_s >= clock.next_s() {
                continue;
            }
            v.state = VehicleState::Moving;
            if !v.quiet {
                log.push(v.depart_s.max(now), "vehicle_departed", &v.id, &[]);
            }
        }
        // Time left in this tick for this vehicle.
        let mut t = v.depart_s.max(now);
        let end = clock.next_s();
        let mut guard = 0;
        while t < end && guard < 10_000 {
            guard += 1;
            if let Some(arc) = v.on_arc {
                if t + v.remaining_s <= end {
                    t += v.remaining_s;
                    v.remaining_s = 0.0;
                    roads.0.load_pcu[arc] -= pcu(v.class);
                    v.on_arc = None;
                    v.node = net.arcs[arc].to;
                } else {
                    v.remaining_s -= end - t;
                    t = end;
                    continue;
                }
            }
            if v.node == v.dest {
                v.state = VehicleState::Arrived;
                v.arrived_s = Some(t);
                if !v.quiet {
                    log.push(
                        t,
                        "vehicle_arrived",
                        &v.id,
                        &[("group", json!(v.group)), ("reroutes", json!(v.reroutes))],
                    );
                }
                break;
            }
            let blocked = v.route.iter().any(|a| !roads.0.is_open(net, *a, v.class));
            if v.route.is_empty() || blocked {
                let had_route = !v.route.is_empty();
                match roads.0.route(net, v.node, v.dest, v.class) {
                    Some((eta, arcs)) => {
                        if had_route {
                            v.reroutes += 1;
                        }
                        if had_route && !v.quiet {
                            log.push(
                                t,
                                "vehicle_rerouted",
                                &v.id,
                                &[("at", json!(net.nodes[v.node].id)), ("eta_min", json!(eta / 60.0))],
                            );
                        }
                        v.route = arcs.into();
                    }
                    None => {
                        v.state = VehicleState::Stuck;
                        if !v.quiet {
                            log.push(t, "vehicle_stuck", &v.id, &[("at", json!(net.nodes[v.node].id))]);
                        }
                        break;
                    }
                }
            }
            let Some(arc) = v.route.pop_front() else {
                continue;
            };
            let tt = roads.0.travel_time_s(net, arc, v.class).unwrap_or(f64::INFINITY);
            roads.0.load_pcu[arc] += pcu(v.class);
            v.on_arc = Some(arc);
            v.remaining_s = tt;
        }
    }
}

fn record_traffic(q: Query<&Vehicle>, roads: Res<Roads>, mut rec: ResMut<Recorder>) {
    let mut counts = [0.0; 4];
    for v in q.iter() {
        counts[v.state as usize] += 1.0;
    }
    rec.set("vehicles_waiting", counts[0]);
    rec.set("vehicles_moving", counts[1]);
    rec.set("vehicles_arrived", counts[2]);
    rec.set("vehicles_stuck", counts[3]);
    rec.set("links_closed", roads.0.closed_by_order.iter().filter(|c| **c).count() as f64);
}

fn metrics(world: &mut World, out: &mut RunResults) {
    let m = &mut out.metrics;
    let convoys: Vec<String> = world.resource::<Ctx>().scenario.convoys.iter().map(|c| c.id.clone()).collect();
    let mut q = world.query::<&Vehicle>();
    let mut groups: BTreeMap<String, (bool, f64, u32)> = BTreeMap::new();
    for v in q.iter(world).filter(|v| convoys.contains(&v.group)) {
        let e = groups.entry(v.group.clone()).or_insert((true, 0.0, 0));
        match v.arrived_s {
            Some(t) => e.1 = e.1.max(t),
            None => e.0 = false,
        }
        e.2 += v.reroutes;
    }
    for (g, (all, t, reroutes)) in groups {
        m.insert(format!("convoy.{g}.arrival_min"), if all { t / 60.0 } else { f64::NAN });
        m.insert(format!("convoy.{g}.reroutes"), reroutes as f64);
    }
}
