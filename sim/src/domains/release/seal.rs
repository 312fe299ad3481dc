//! Sealing the leak. A `SealLeak` order becomes a work request at the
//! source; the teams domain sends the nearest crew in SCBA whose kind seals
//! leaks (it drives through the roads the cloud has closed, see
//! [`crate::roads::RoadState::route_for`]), and once the crews' time on site
//! adds up to the kind's `seal_leak` time the source stops at the end of
//! that tick: a tank keeps what is left in it, a fixed-rate release ends
//! early. An order for a release that has not begun, or has already
//! stopped, sends nobody and says so in the event log. Each release is its
//! own site (its index among the drill's releases), sealed on its own.

use super::ReleaseState;
use crate::engine::{Clock, EventLog, SimBuilder};
use crate::world::sets::{ActStep, CommandStep};
use crate::world::tasks::{WorkDone, WorkKind, WorkOrder, WorkReport, WorkRequest};
use bevy_ecs::prelude::*;
use serde_json::json;

/// Progress of the sealing job.
#[derive(Clone, Debug, Default)]
pub struct Seal {
    /// Crews are on their way or at work.
    pub requested: bool,
    /// Share of the job done, 0–1 (crews' work adds up).
    pub done: f64,
    /// When the leak was sealed (s): the source stops from then on.
    pub sealed_at: Option<f64>,
}

pub fn build(b: &mut SimBuilder) {
    b.add_in_step_order(CommandStep::Requests, request_seal);
    b.add_in_step_order(ActStep::SiteWork, work_on_seal);
}

fn request_seal(
    clock: Res<Clock>,
    mut state: ResMut<ReleaseState>,
    mut orders: MessageReader<WorkOrder>,
    mut requests: MessageWriter<WorkRequest>,
    mut log: ResMut<EventLog>,
) {
    for o in orders.read().filter(|o| o.kind == WorkKind::SealLeak) {
        let Some(site) = state.leaks.iter().position(|l| l.id == o.site) else {
            continue;
        };
        let leak = &mut state.leaks[site];
        if !leak.leaking() {
            let why = if leak.started_s.is_none() { "not begun" } else { "already stopped" };
            log.push(clock.now_s(), "seal_not_needed", &leak.id, &[("release", json!(why))]);
            continue;
        }
        leak.seal.requested = true;
        requests.write(WorkRequest {
            kind: WorkKind::SealLeak,
            site,
            cell: leak.cell,
        });
    }
}

/// Crews' time on site seals the leak; a source that stopped on its own
/// (a tank run dry) releases them.
fn work_on_seal(
    clock: Res<Clock>,
    mut state: ResMut<ReleaseState>,
    mut reports: MessageReader<WorkReport>,
    mut done: MessageWriter<WorkDone>,
    mut log: ResMut<EventLog>,
) {
    let next = clock.next_s();
    for r in reports.read() {
        if let WorkReport::Worked {
            kind: WorkKind::SealLeak,
            site,
            team,
            amount,
        } = r
        {
            let Some(leak) = state.leaks.get_mut(*site).filter(|l| l.leaking()) else {
                continue;
            };
            leak.seal.done += amount;
            if leak.seal.done >= 1.0 {
                leak.seal.sealed_at = Some(next);
                log.push(next, "leak_sealed", &leak.id, &[("team", json!(team))]);
            }
        }
    }
    for (site, leak) in state.leaks.iter_mut().enumerate() {
        if leak.seal.requested && !leak.leaking() {
            leak.seal.requested = false;
            done.write(WorkDone {
                kind: WorkKind::SealLeak,
                site,
                at_s: next,
            });
        }
    }
}
