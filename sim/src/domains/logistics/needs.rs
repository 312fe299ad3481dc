//! What sheltered people and working teams use up, every tick.

use super::{Logistics, Needs, Sites, Stocks};
use crate::engine::{Clock, Ctx};
use crate::world::people::Shelters;
use crate::world::supplies::SupplyUse;
use bevy_ecs::prelude::*;

/// Each shelter with people draws its tick's consumption from its own stock
/// (what is missing is a shortfall) and checks held items such as beds.
pub fn consume(
    clock: Res<Clock>,
    sites: Res<Sites>,
    needs: Res<Needs>,
    shelters: Res<Shelters>,
    mut stocks: ResMut<Stocks>,
    mut state: ResMut<Logistics>,
) {
    let dt = clock.dt_s;
    let mut short_now = vec![0.0; needs.held.len()];
    for sh in &sites.shelters {
        let people = shelters.0.get(sh.index).map_or(0.0, |s| s.occupancy as f64);
        if people <= 0.0 {
            continue;
        }
        for (item, per_s) in &needs.used_per_s {
            let got = stocks.consume(&sh.id, item, people * per_s * dt);
            *state.consumed.entry(item.clone()).or_insert(0.0) += got;
        }
        for (k, (item, per_person)) in needs.held.iter().enumerate() {
            let short = people * per_person - stocks.level(&sh.id, item);
            if short > 0.0 {
                stocks.note_held_shortfall(&sh.id, item, short);
                short_now[k] += short;
            }
        }
    }
    for ((item, _), short) in needs.held.iter().zip(short_now) {
        let peak = state.held_peak.entry(item.clone()).or_insert(0.0);
        *peak = peak.max(short);
    }
}

/// Each working team uses its kind's `supplies_per_hour` (fuel for boats and
/// helicopters, sandbags for a sandbag line, ...), drawn from the nearest
/// depot that holds the item; what that depot cannot give is a shortfall of
/// the team. A drill without depots does not track team supplies: there is no
/// stock to draw from, and every hour of work would read as a shortfall.
pub fn team_supplies(
    ctx: Res<Ctx>,
    sites: Res<Sites>,
    mut uses: MessageReader<SupplyUse>,
    mut stocks: ResMut<Stocks>,
    mut state: ResMut<Logistics>,
) {
    if sites.depots.is_empty() {
        uses.clear();
        return;
    }
    let cols = ctx.compiled.terrain.dims.cols;
    for u in uses.read() {
        let (got, _) = stocks.draw_nearest(u.cell, cols, &u.item, u.amount);
        stocks.note_shortfall(&u.holder, &u.item, u.amount - got);
        *state.consumed.entry(u.item.clone()).or_insert(0.0) += got;
    }
}
