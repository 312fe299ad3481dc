//! Stock levels every tick, shortfall events, end-of-run metrics.

use super::{Logistics, Sites, Stocks};
use crate::engine::{Clock, EventLog, Recorder};
use bevy_ecs::prelude::*;
use serde_json::json;
use std::collections::BTreeMap;

/// `stock.<holder>.<item>` for depots and shelters; shortfalls due a report go to the log.
pub fn record_stocks(
    clock: Res<Clock>,
    sites: Res<Sites>,
    mut stocks: ResMut<Stocks>,
    mut rec: ResMut<Recorder>,
    mut log: ResMut<EventLog>,
) {
    for (column, holder, item) in &sites.columns {
        rec.set(column, stocks.level(holder, item));
    }
    let now = clock.now_s();
    for r in stocks.take_shortfall_reports(now) {
        let mut data = vec![
            ("item", json!(r.item)),
            ("amount", json!(r.amount)),
            ("where", json!(r.holder)),
            ("holder_kind", json!(r.kind.map(|k| k.name()))),
            ("since_min", json!(r.since_s.map(|t| t / 60.0))),
        ];
        if r.held {
            data.push(("people_short", json!(true)));
        }
        log.push(now, "shortfall", &r.holder, &data);
    }
}

pub fn metrics(world: &mut World, m: &mut BTreeMap<String, f64>) {
    let get = |map: &BTreeMap<String, f64>, item: &str| map.get(item).copied().unwrap_or(0.0);
    let mut in_transit: BTreeMap<String, f64> = BTreeMap::new();
    let mut q = world.query::<&super::Cargo>();
    for c in q.iter(world).filter(|c| c.stage == super::CargoStage::Loaded) {
        for (item, v) in &c.items {
            *in_transit.entry(item.clone()).or_insert(0.0) += v;
        }
    }
    let (sites, stocks, state) = (world.resource::<Sites>(), world.resource::<Stocks>(), world.resource::<Logistics>());
    let mut items = sites.items.clone();
    items.extend(stocks.unmet().keys().cloned());
    items.extend(state.delivered.keys().cloned());
    let mut total = 0.0;
    for item in &items {
        let short = get(stocks.unmet(), item) + get(&state.held_peak, item);
        total += short;
        m.insert(format!("supply.{item}.shortfall"), short);
        m.insert(format!("supply.{item}.delivered"), get(&state.delivered, item));
        for (what, map) in [
            ("consumed", &state.consumed),
            ("from_agreements", &state.from_agreements),
            ("stranded", &state.stranded),
            ("written_off", stocks.written_off()),
            ("in_transit", &in_transit),
        ] {
            if map.contains_key(item) {
                m.insert(format!("supply.{item}.{what}"), get(map, item));
            }
        }
    }
    m.insert("supply.shortfall_total".into(), total);
    m.insert("logistics.convoys_dispatched".into(), state.convoys_dispatched as f64);
    m.insert("logistics.vehicles_delivered".into(), state.vehicles_delivered as f64);
    m.insert("logistics.vehicles_stranded".into(), state.vehicles_stranded as f64);
    m.insert("logistics.agreements_activated".into(), state.agreements_activated as f64);
    m.insert("logistics.depots_lost".into(), state.depots_lost as f64);
}
