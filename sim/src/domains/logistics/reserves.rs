//! Depots lost (by inject or to a hazard) and agreement reserves.

use super::{Logistics, Sites, Stocks};
use crate::engine::{Clock, Ctx, EventLog};
use crate::scenario::model::Event;
use crate::world::hazard::Hazards;
use crate::world::plan::InjectFired;
use bevy_ecs::prelude::*;
use serde_json::json;

/// An agreement activates when its depot's level falls below this share of the start level.
pub const AGREEMENT_TRIGGER_SHARE: f64 = 0.25;

fn lose(
    now: f64,
    depot: &str,
    cause: &str,
    reading: Option<(&'static str, f64)>,
    stocks: &mut Stocks,
    state: &mut Logistics,
    log: &mut EventLog,
) {
    if stocks.is_lost(depot) || stocks.holder(depot).is_none() {
        return;
    }
    let written_off = stocks.lose(depot);
    state.depots_lost += 1;
    let mut data = vec![("cause", json!(cause)), ("written_off", json!(written_off))];
    if let Some((field, value)) = reading {
        data.push((field, json!(value)));
    }
    log.push(now, "depot_lost", depot, &data);
    for a in state.agreements.iter_mut().filter(|a| a.depot == depot && !a.done) {
        a.done = true;
        if a.due_s.is_some() {
            log.push(
                now,
                "agreement_cancelled",
                depot,
                &[
                    ("supplier", json!(a.supplier)),
                    ("item", json!(a.item)),
                    ("quantity", json!(a.quantity)),
                ],
            );
        }
    }
}

/// Lose depots, activate agreements, deliver the ones due this tick.
#[allow(clippy::too_many_arguments)]
pub fn update_reserves(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    sites: Res<Sites>,
    hazards: Res<Hazards>,
    mut fired: MessageReader<InjectFired>,
    mut stocks: ResMut<Stocks>,
    mut state: ResMut<Logistics>,
    mut log: ResMut<EventLog>,
) {
    let now = clock.now_s();
    for f in fired.read() {
        let Some(inj) = ctx.scenario.injects.get(f.index) else { continue };
        if let Event::DepotLost(id) = &inj.event {
            lose(now, id, &format!("inject {}", inj.id), None, &mut stocks, &mut state, &mut log);
        }
    }
    for d in &sites.depots {
        if let Some((cause, reading)) = hazards.ruining(d.cell) {
            lose(now, &d.id, cause, Some(reading), &mut stocks, &mut state, &mut log);
        }
    }
    let short = stocks.take_short_draws();
    let Logistics {
        agreements,
        from_agreements,
        agreements_activated,
        ..
    } = &mut *state;
    for a in agreements.iter_mut().filter(|a| a.due_s.is_none() && !a.done) {
        let low = stocks.level(&a.depot, &a.item) < AGREEMENT_TRIGGER_SHARE * a.initial;
        if !(low || short.contains(&(a.depot.clone(), a.item.clone()))) {
            continue;
        }
        let due = now + a.lead_s;
        a.due_s = Some(due);
        *agreements_activated += 1;
        log.push(
            now,
            "agreement_activated",
            &a.depot,
            &[
                ("supplier", json!(a.supplier)),
                ("item", json!(a.item)),
                ("quantity", json!(a.quantity)),
                ("lead_time_min", json!(a.lead_s / 60.0)),
                ("due_min", json!(due / 60.0)),
                ("trigger", json!(if low { "below 25 % of initial stock" } else { "short draw" })),
            ],
        );
    }
    // Due inside this tick (a zero lead time delivers at once).
    let end = clock.next_s();
    for a in agreements.iter_mut().filter(|a| !a.done) {
        let Some(due) = a.due_s.filter(|t| *t < end) else { continue };
        a.done = true;
        stocks.add(&a.depot, &a.item, a.quantity);
        *from_agreements.entry(a.item.clone()).or_insert(0.0) += a.quantity;
        log.push(
            due,
            "agreement_delivered",
            &a.depot,
            &[
                ("supplier", json!(a.supplier)),
                ("item", json!(a.item)),
                ("quantity", json!(a.quantity)),
            ],
        );
    }
}
