//! Convoys: resupply orders and the default resupply policy send trucks;
//! every convoy with cargo loads at departure and unloads on arrival.

use super::{Cargo, CargoStage, Logistics, Needs, RESUPPLY_VEHICLE_ORDER, Site, Sites, Stocks};
use crate::engine::{Clock, Ctx, EventLog, SimBuilder};
use crate::scenario::model::VehicleClass;
use crate::world::people::Shelters;
use crate::world::roads::{Roads, Vehicle, VehicleState};
use crate::world::supplies::ResupplyOrder;
use bevy_ecs::prelude::*;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// The default policy acts when supplies would last less than this (s).
pub const RESUPPLY_HORIZON_S: f64 = 6.0 * 3600.0;
/// ... and sends up to this much demand (s).
pub const RESUPPLY_COVER_S: f64 = 24.0 * 3600.0;
/// A need that depots hold but no truck can reach by road is looked at again after this (s).
const BLOCKED_RETRY_S: f64 = 15.0 * 60.0;

/// Give each vehicle of a scenario convoy with cargo its share to carry.
pub fn attach_scenario_cargo(b: &mut SimBuilder, sites: &Sites) {
    let ctx = b.ctx();
    let (c, convoys) = (ctx.compiled.clone(), ctx.scenario.convoys.clone());
    let mut q = b.world.query::<(Entity, &Vehicle)>();
    let mut vehicles: Vec<(u32, Entity, String, usize)> = q.iter(&b.world).map(|(e, v)| (v.order, e, v.group.clone(), v.node)).collect();
    vehicles.sort_by_key(|v| v.0);
    for cv in convoys.iter().filter(|cv| !cv.cargo.is_empty()) {
        let from = sites.depot_at(&cv.from, &c).map(|s| s.id.clone());
        let to = sites.holder_at(&cv.to, &c).map(|s| s.id.clone());
        let share = 1.0 / cv.vehicles.max(1) as f64;
        let items: BTreeMap<String, f64> = cv.cargo.iter().map(|(k, v)| (k.clone(), v.value().max(0.0) * share)).collect();
        for (_, e, _, node) in vehicles.iter().filter(|v| v.2 == cv.id) {
            b.world.entity_mut(*e).insert(Cargo {
                convoy: cv.id.clone(),
                from: from.clone(),
                to: to.clone(),
                origin: *node,
                items: items.clone(),
                stage: CargoStage::ToLoad,
                by_policy: false,
            });
        }
    }
}

/// Supplies moving towards a holder: quantities by (holder, item), and the
/// (holder, item) pairs a default-policy truck is already serving.
struct InTransit {
    qty: BTreeMap<(String, String), f64>,
    by_policy: BTreeSet<(String, String)>,
}

impl InTransit {
    fn add(&mut self, to: &str, item: &str, q: f64, by_policy: bool) {
        let key = (to.to_string(), item.to_string());
        if by_policy {
            self.by_policy.insert(key.clone());
        }
        *self.qty.entry(key).or_insert(0.0) += q;
    }
    fn get(&self, to: &str, item: &str) -> f64 {
        self.qty.get(&(to.to_string(), item.to_string())).copied().unwrap_or(0.0)
    }
}

/// Everything a dispatch needs to look at and change.
struct Dispatcher<'a, 'w, 's> {
    now: f64,
    ctx: &'a Ctx,
    roads: &'a Roads,
    stocks: &'a mut Stocks,
    state: &'a mut Logistics,
    log: &'a mut EventLog,
    commands: &'a mut Commands<'w, 's>,
    transit: InTransit,
}

impl Dispatcher<'_, '_, '_> {
    fn reachable(&self, from: &Site, to: &Site) -> bool {
        let net = &self.ctx.compiled.roads;
        match (from.node, to.node) {
            (Some(a), Some(b)) => self.roads.0.route(net, a, b, VehicleClass::Truck).is_some(),
            _ => false,
        }
    }

    /// Put `qty` (already drawn from `from`) on a new truck to `to`.
    fn send(&mut self, from: &Site, to: &Site, item: &str, qty: f64, by: &str, by_policy: bool) {
        let (Some(origin), Some(dest)) = (from.node, to.node) else {
            return;
        };
        self.state.convoys_dispatched += 1;
        let n = self.state.convoys_dispatched;
        let id = format!("resupply_{n}");
        self.transit.add(&to.id, item, qty, by_policy);
        self.log.push(
            self.now,
            "convoy_dispatched",
            &id,
            &[
                ("from", json!(from.id)),
                ("to", json!(to.id)),
                ("item", json!(item)),
                ("quantity", json!(qty)),
                ("by", json!(by)),
            ],
        );
        self.commands.spawn((
            Vehicle::waiting(
                RESUPPLY_VEHICLE_ORDER + n,
                id.clone(),
                id.clone(),
                VehicleClass::Truck,
                self.now,
                (origin, dest),
            ),
            Cargo {
                convoy: id,
                from: Some(from.id.clone()),
                to: Some(to.id.clone()),
                origin,
                items: BTreeMap::from([(item.to_string(), qty)]),
                stage: CargoStage::Loaded,
                by_policy,
            },
        ));
    }

    fn fail(&mut self, o: &ResupplyOrder, reason: &str) {
        self.log.push(
            self.now,
            "resupply_failed",
            &o.by,
            &[
                ("from", json!(o.from)),
                ("to", json!(o.to)),
                ("item", json!(o.item)),
                ("reason", json!(reason)),
            ],
        );
    }

    /// A plan's order: all of `quantity` if the depot has it; what it lacks is a shortfall of the depot.
    fn order(&mut self, sites: &Sites, o: &ResupplyOrder) {
        let (Some(from), Some(to)) = (sites.depot(&o.from), sites.holder(&o.to)) else {
            return; // the validator rejects unknown ids
        };
        if self.stocks.is_lost(&from.id) {
            self.stocks.note_shortfall(&from.id, &o.item, o.quantity);
            return self.fail(o, "depot lost");
        }
        if !self.reachable(from, to) {
            return self.fail(o, "no road open to trucks");
        }
        let got = self.stocks.draw(&from.id, &o.item, o.quantity);
        self.stocks.note_shortfall(&from.id, &o.item, o.quantity - got);
        if got > 0.0 {
            self.send(from, to, &o.item, got, &o.by, false);
        } else {
            self.fail(o, "no stock");
        }
    }

    /// The default policy for one shelter's item: send `want` from the nearest depot a truck can reach.
    fn top_up(&mut self, sites: &Sites, shelter: &Site, item: &str, want: f64) {
        let key = (shelter.id.clone(), item.to_string());
        if want <= 0.0 || self.transit.by_policy.contains(&key) || self.state.blocked_until.get(&key).is_some_and(|t| *t > self.now) {
            return;
        }
        let cols = self.ctx.compiled.terrain.dims.cols;
        let candidates: Vec<String> = self
            .stocks
            .depots_by_distance(shelter.cell, cols, item)
            .iter()
            .map(|s| s.to_string())
            .collect();
        let from = candidates
            .iter()
            .filter_map(|id| sites.depot(id))
            .find(|d| self.reachable(d, shelter));
        match from {
            Some(from) => {
                let got = self.stocks.draw(&from.id, item, want);
                self.send(from, shelter, item, got, "default_policy", true);
            }
            // Depots hold the item but the roads keep trucks from the shelter.
            None if !candidates.is_empty() => {
                self.state.blocked_until.insert(key, self.now + BLOCKED_RETRY_S);
                self.log.push(
                    self.now,
                    "resupply_blocked",
                    &shelter.id,
                    &[("item", json!(item)), ("depots", json!(candidates))],
                );
            }
            None => {}
        }
    }
}

/// Plan orders first (in the order given), then the default policy shelter by shelter (id order).
#[allow(clippy::too_many_arguments)]
pub fn dispatch(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    sites: Res<Sites>,
    needs: Res<Needs>,
    shelters: Res<Shelters>,
    roads: Res<Roads>,
    cargo: Query<(&Vehicle, &Cargo)>,
    mut orders: MessageReader<ResupplyOrder>,
    mut stocks: ResMut<Stocks>,
    mut state: ResMut<Logistics>,
    mut log: ResMut<EventLog>,
    mut commands: Commands,
) {
    let mut transit = InTransit {
        qty: BTreeMap::new(),
        by_policy: BTreeSet::new(),
    };
    for (v, c) in cargo.iter() {
        if c.stage == CargoStage::Loaded && matches!(v.state, VehicleState::Waiting | VehicleState::Moving) {
            for (item, q) in &c.items {
                if let Some(to) = &c.to {
                    transit.add(to, item, *q, c.by_policy);
                }
            }
        }
    }
    let mut d = Dispatcher {
        now: clock.now_s(),
        ctx: &ctx,
        roads: &roads,
        stocks: &mut stocks,
        state: &mut state,
        log: &mut log,
        commands: &mut commands,
        transit,
    };
    for o in orders.read() {
        d.order(&sites, o);
    }
    if !ctx.scenario.plan.default_dispatch {
        return;
    }
    for sh in &sites.shelters {
        let Some(st) = shelters.0.get(sh.index) else { continue };
        let people = st.occupancy as f64;
        if people <= 0.0 {
            continue;
        }
        for (item, per_s) in &needs.used_per_s {
            let rate = people * per_s;
            let have = d.stocks.level(&sh.id, item) + d.transit.get(&sh.id, item);
            if have < rate * RESUPPLY_HORIZON_S {
                d.top_up(&sites, sh, item, rate * RESUPPLY_COVER_S - have);
            }
        }
        for (item, per_person) in &needs.held {
            let have = d.stocks.level(&sh.id, item) + d.transit.get(&sh.id, item);
            if have < people * per_person {
                let full = people.max(st.capacity as f64) * per_person;
                d.top_up(&sites, sh, item, full - have);
            }
        }
    }
}

/// Load scenario convoys as they leave; unload every convoy on arrival;
/// strand the cargo of trucks stuck on the way.
pub fn handle_cargo(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    mut q: Query<(&Vehicle, &mut Cargo)>,
    mut stocks: ResMut<Stocks>,
    mut state: ResMut<Logistics>,
    mut log: ResMut<EventLog>,
) {
    let now = clock.now_s();
    let net = &ctx.compiled.roads;
    let mut vs: Vec<(&Vehicle, Mut<Cargo>)> = q.iter_mut().collect();
    vs.sort_by_key(|(v, _)| v.order);
    for (v, c) in vs.iter_mut() {
        if v.state == VehicleState::Waiting || matches!(c.stage, CargoStage::Delivered | CargoStage::Stranded | CargoStage::Returned) {
            continue;
        }
        let never_left = v.state == VehicleState::Stuck && v.node == c.origin && v.on_arc.is_none();
        if c.stage == CargoStage::ToLoad {
            if never_left {
                c.stage = CargoStage::Returned;
                log.push(now, "convoy_cancelled", &v.id, &[("reason", json!("no road out"))]);
                continue;
            }
            let from = c.from.clone();
            for (item, q) in c.items.iter_mut() {
                if let Some(depot) = &from {
                    let got = stocks.draw(depot, item, *q);
                    stocks.note_shortfall(depot, item, *q - got);
                    *q = got;
                }
            }
            c.stage = CargoStage::Loaded;
            log.push(
                v.depart_s.max(now),
                "cargo_loaded",
                &v.id,
                &[("from", json!(from)), ("items", json!(c.items))],
            );
        }
        match v.state {
            VehicleState::Arrived => {
                for (item, q) in &c.items {
                    if let Some(to) = &c.to {
                        stocks.add(to, item, *q);
                    }
                    *state.delivered.entry(item.clone()).or_insert(0.0) += q;
                }
                c.stage = CargoStage::Delivered;
                state.vehicles_delivered += 1;
                log.push(
                    v.arrived_s.unwrap_or(now),
                    "cargo_delivered",
                    &v.id,
                    &[("to", json!(c.to)), ("items", json!(c.items)), ("convoy", json!(c.convoy))],
                );
            }
            VehicleState::Stuck if never_left && c.from.is_some() => {
                let from = c.from.clone().unwrap_or_default();
                for (item, q) in &c.items {
                    stocks.add(&from, item, *q);
                }
                c.stage = CargoStage::Returned;
                log.push(now, "cargo_returned", &v.id, &[("to", json!(from)), ("items", json!(c.items))]);
            }
            VehicleState::Stuck => {
                for (item, q) in &c.items {
                    *state.stranded.entry(item.clone()).or_insert(0.0) += q;
                }
                c.stage = CargoStage::Stranded;
                state.vehicles_stranded += 1;
                log.push(
                    now,
                    "cargo_stranded",
                    &v.id,
                    &[("at", json!(net.nodes[v.node].id)), ("items", json!(c.items))],
                );
            }
            _ => {}
        }
    }
}
