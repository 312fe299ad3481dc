//! Mop-up: "finish it" (打了). A contained fire is not out: the burnt ground
//! inside the line still smoulders. Once the line holds, as many crews as
//! were on it (of the kinds that mop up) are asked back to work the burnt
//! area, from the perimeter inward; when their hectares add up to the
//! burnt area the fire is declared out (`fire_out`, by mop-up) and they are
//! released.
//!
//! The rate is the team kind's `mop_up_ha_per_hour`, the agency's own
//! figure: the published production tables (Broyles 2011; the NWCG
//! Incident Response Pocket Guide's sustained rates) cover building,
//! burning out and holding line, not mop-up. A drill whose crews have no
//! such rate ends with the fire contained but never declared out, and says
//! so (`mop_up_not_possible`). Not modelled: rekindling of ground left
//! unmopped; the whole burnt area is mopped, as S-130 teaches for small
//! fires.

use super::Fire;
use crate::engine::{Clock, Ctx, EventLog, SimBuilder};
use crate::world::sets::{ActStep, CommandStep};
use crate::world::tasks::{WorkDone, WorkKind, WorkReport, WorkRequest};
use bevy_ecs::prelude::*;
use serde_json::json;

/// The mop-up of the fire, once it is contained.
#[derive(Clone, Debug, Default)]
pub struct MopUp {
    /// Teams of the drill whose kind mops up.
    crews_able: usize,
    /// Crews to ask for at the next command step.
    wanted: usize,
    /// Where the crews gather: the line's origin.
    cell: usize,
    /// Sites asked for so far.
    sites: usize,
    /// Burnt area to mop up, and mopped, ha.
    pub area_ha: f64,
    pub done_ha: f64,
}

impl MopUp {
    pub fn new(crews_able: usize) -> MopUp {
        MopUp {
            crews_able,
            ..MopUp::default()
        }
    }

    /// The fire is contained with `crews` on the line: ask for as many
    /// crews to mop up `area_ha` of burnt ground. Returns whether any can
    /// (none asked for then: a request no team can take would wait forever).
    pub fn begin(&mut self, area_ha: f64, crews: usize, cell: usize) -> bool {
        self.area_ha = area_ha;
        self.cell = cell;
        if self.crews_able == 0 {
            return false;
        }
        self.wanted = crews.clamp(1, self.crews_able);
        true
    }
}

/// Scenario teams whose kind mops up.
pub fn crews_able(ctx: &Ctx) -> usize {
    ctx.scenario
        .teams
        .iter()
        .filter(|t| ctx.team_kinds.iter().any(|k| k.id == t.kind && k.mop_up_ha_per_hour.is_some()))
        .count()
}

pub fn build(b: &mut SimBuilder) {
    b.add_in_step_order(CommandStep::Requests, request_mop_up);
    b.add_in_step_order(ActStep::SiteWork, mop_up);
}

fn request_mop_up(mut fire: ResMut<Fire>, mut requests: MessageWriter<WorkRequest>) {
    let m = &mut fire.mop_up;
    for _ in 0..std::mem::take(&mut m.wanted) {
        requests.write(WorkRequest {
            kind: WorkKind::MopUp,
            site: m.sites,
            cell: m.cell,
        });
        m.sites += 1;
    }
}

/// Crews' hectares mop the burnt area; when it is all done the fire is out.
fn mop_up(
    clock: Res<Clock>,
    mut fire: ResMut<Fire>,
    mut reports: MessageReader<WorkReport>,
    mut done: MessageWriter<WorkDone>,
    mut log: ResMut<EventLog>,
) {
    let fire = &mut *fire;
    let next = clock.next_s();
    for r in reports.read() {
        if let WorkReport::Worked {
            kind: WorkKind::MopUp,
            amount,
            ..
        } = r
        {
            if fire.out_min.is_some() {
                continue;
            }
            let m = &mut fire.mop_up;
            m.done_ha = (m.done_ha + amount).min(m.area_ha);
            if m.done_ha >= m.area_ha {
                fire.out_min = Some(next / 60.0);
                log.push(
                    next,
                    "fire_out",
                    "fire",
                    &[("by", json!("mop-up")), ("area_km2", json!(m.area_ha / 100.0))],
                );
                for site in 0..m.sites {
                    done.write(WorkDone {
                        kind: WorkKind::MopUp,
                        site,
                        at_s: next,
                    });
                }
            }
        }
    }
}

/// Called when the line holds: start the mop-up, or say why none follows.
pub fn contained(fire: &mut Fire, at_s: f64, log: &mut EventLog) {
    let area_ha = fire.burnt_cells as f64 * fire.cell_km2 * 100.0;
    let crews = fire.line.sites;
    let cell = fire.line.origin().unwrap_or(0);
    if fire.mop_up.begin(area_ha, crews, cell) {
        log.push(at_s, "mop_up_started", "fire", &[("area_ha", json!(area_ha))]);
    } else {
        log.push(
            at_s,
            "mop_up_not_possible",
            "fire",
            &[("why", json!("no team of the drill has a kind with `mop_up_ha_per_hour`"))],
        );
    }
}
