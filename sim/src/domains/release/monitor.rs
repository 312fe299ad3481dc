//! Crews measuring the cloud. A `Monitor(place)` order becomes an
//! open-ended work site at the place; while a crew whose kind carries gas
//! detectors is there, each tick it reads the air (the `release_ppm` and
//! `release_aegl` layers at the place's middle cell) and the highest tier
//! read becomes known to command ([`Readings`], read by `Measured`
//! conditions). Command sees only what crews have measured there; the
//! layers themselves are the truth the people breathe.

use super::ReleaseState;
use crate::engine::{Clock, EventLog, SimBuilder};
use crate::world::hazard::Hazards;
use crate::world::plan::Readings;
use crate::world::sets::{ActStep, CommandStep};
use crate::world::tasks::{WorkKind, WorkOrder, WorkReport, WorkRequest};
use bevy_ecs::prelude::*;
use serde_json::json;

pub fn build(b: &mut SimBuilder) {
    b.add_in_step_order(CommandStep::Requests, request_monitor);
    b.add_in_step_order(ActStep::SiteWork, measure);
}

/// A site is a place of the scenario, by its index among the watched places.
fn request_monitor(state: Res<ReleaseState>, mut orders: MessageReader<WorkOrder>, mut requests: MessageWriter<WorkRequest>) {
    for o in orders.read().filter(|o| o.kind == WorkKind::Monitor) {
        if let Some(site) = state.watch.iter().position(|(p, _)| *p == o.site) {
            requests.write(WorkRequest {
                kind: WorkKind::Monitor,
                site,
                cell: state.watch[site].1,
            });
        }
    }
}

fn measure(
    clock: Res<Clock>,
    mut state: ResMut<ReleaseState>,
    hazards: Res<Hazards>,
    mut readings: ResMut<Readings>,
    mut reports: MessageReader<WorkReport>,
    mut log: ResMut<EventLog>,
) {
    let s = &mut *state;
    for r in reports.read() {
        match r {
            WorkReport::Arrived {
                kind: WorkKind::Monitor,
                site,
            } => *s.monitors.entry(*site).or_insert(0) += 1,
            WorkReport::Left {
                kind: WorkKind::Monitor,
                site,
            } => {
                if let Some(n) = s.monitors.get_mut(site) {
                    *n = n.saturating_sub(1);
                }
            }
            _ => {}
        }
    }
    for (&site, _) in s.monitors.iter().filter(|(_, n)| **n > 0) {
        let (place, cell) = &s.watch[site];
        let tier = hazards.at(s.aegl, *cell).clamp(0.0, 3.0) as u8;
        let seen = readings.max_aegl.get(place).copied();
        if seen.is_none_or(|t| tier > t) {
            readings.max_aegl.insert(place.clone(), tier);
            let ppm = hazards.at(s.ppm, *cell);
            log.push(
                clock.next_s(),
                "cloud_measured",
                place,
                &[("ppm", json!(ppm)), ("aegl", json!(tier))],
            );
        }
    }
}
