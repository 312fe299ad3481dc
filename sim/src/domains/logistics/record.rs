//! Stock levels every tick, shortfall events, end-of-run metrics.

use super::{Logistics, Sites, Stocks};
use crate::engine::{Clock, EventLog, Recorder, RunResults};
use bevy_ecs::prelude::*;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

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
    log_shortfalls(&mut log, now, stocks.take_shortfall_reports(now));
}

fn log_shortfalls(log: &mut EventLog, now: f64, reports: Vec<super::stocks::ShortfallReport>) {
    for r in reports {
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

/// What a supply metric `supply.<item>.<what>` can report, beside `shortfall` and `delivered`.
const SUPPLY_FLOWS: [&str; 5] = ["consumed", "from_agreements", "stranded", "written_off", "in_transit"];

const LOGISTICS_COUNTS: [&str; 5] = [
    "logistics.convoys_dispatched",
    "logistics.vehicles_delivered",
    "logistics.vehicles_stranded",
    "logistics.agreements_activated",
    "logistics.depots_lost",
];

/// Every key [`metrics`] reports for these items: each item has every flow,
/// zero when nothing of it moved that way.
pub fn metric_keys(items: &BTreeSet<String>) -> Vec<String> {
    let mut keys: Vec<String> = items
        .iter()
        .flat_map(|item| {
            ["shortfall", "delivered"]
                .iter()
                .chain(SUPPLY_FLOWS.iter())
                .map(move |what| format!("supply.{item}.{what}"))
        })
        .collect();
    keys.extend(LOGISTICS_COUNTS.map(String::from));
    keys
}

pub fn metrics(world: &mut World, out: &mut RunResults) {
    // The last, partial hour of shortfalls is reported too: the events then
    // add up to the metrics.
    let now = world.resource::<Clock>().now_s();
    let last = world.resource_mut::<Stocks>().take_final_shortfall_reports(now);
    log_shortfalls(&mut world.resource_mut::<EventLog>(), now, last);
    let m = &mut out.metrics;
    let get = |map: &BTreeMap<String, f64>, item: &str| map.get(item).copied().unwrap_or(0.0);
    let mut in_transit: BTreeMap<String, f64> = BTreeMap::new();
    let mut q = world.query::<&super::Cargo>();
    for c in q.iter(world).filter(|c| c.stage == super::CargoStage::Loaded) {
        for (item, v) in &c.items {
            *in_transit.entry(item.clone()).or_insert(0.0) += v;
        }
    }
    let (sites, stocks, state) = (world.resource::<Sites>(), world.resource::<Stocks>(), world.resource::<Logistics>());
    // Items outside the scenario's list cannot move: `scenario_items` names
    // every item a holder, convoy, order or team can carry.
    let items = &sites.items;
    debug_assert!(
        stocks.unmet().keys().chain(state.delivered.keys()).all(|i| items.contains(i)),
        "an item moved that the scenario does not name"
    );
    for item in items {
        let short = get(stocks.unmet(), item) + get(&state.held_peak, item);
        m.insert(format!("supply.{item}.shortfall"), short);
        m.insert(format!("supply.{item}.delivered"), get(&state.delivered, item));
        for (what, map) in [
            ("consumed", &state.consumed),
            ("from_agreements", &state.from_agreements),
            ("stranded", &state.stranded),
            ("written_off", stocks.written_off()),
            ("in_transit", &in_transit),
        ] {
            m.insert(format!("supply.{item}.{what}"), get(map, item));
        }
    }
    let counts = [
        state.convoys_dispatched,
        state.vehicles_delivered,
        state.vehicles_stranded,
        state.agreements_activated,
        state.depots_lost,
    ];
    for (key, n) in LOGISTICS_COUNTS.iter().zip(counts) {
        m.insert((*key).into(), n as f64);
    }
}
