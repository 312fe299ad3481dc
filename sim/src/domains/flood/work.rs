//! Work at the flood's sites: plan orders for a levee or a pump become work
//! requests at its cell; teams' reports there run pumps and lay sandbag lines.

use super::Flood;
use crate::compile::middle_cell;
use crate::engine::{Clock, Ctx, EventLog};
use crate::world::tasks::{WorkDone, WorkKind, WorkOrder, WorkReport, WorkRequest};
use bevy_ecs::prelude::*;
use serde_json::json;

/// Plan orders for work at a flood site become requests for a team at its cell.
pub fn request_work(flood: Res<Flood>, mut orders: MessageReader<WorkOrder>, mut requests: MessageWriter<WorkRequest>) {
    for o in orders.read() {
        let found = match o.kind {
            WorkKind::Sandbag => flood
                .levees
                .iter()
                .position(|l| l.id == o.site)
                .map(|i| (i, middle_cell(&flood.levees[i].cells))),
            WorkKind::Pump => flood.pumps.iter().position(|p| p.id == o.site).map(|i| (i, flood.pumps[i].cell)),
            WorkKind::Fireline | WorkKind::MopUp | WorkKind::SealLeak | WorkKind::Monitor | WorkKind::Decon => None,
        };
        if let Some((site, cell)) = found {
            requests.write(WorkRequest { kind: o.kind, site, cell });
        }
    }
}

/// Teams at flood sites: pumps run while a team is there; a sandbag line is
/// laid at the team's rate and closes the breach once it spans it.
pub fn do_work(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    mut flood: ResMut<Flood>,
    mut reports: MessageReader<WorkReport>,
    mut done: MessageWriter<WorkDone>,
    mut log: ResMut<EventLog>,
) {
    let next = clock.next_s();
    let cell_m = ctx.compiled.terrain.cell_m;
    for r in reports.read() {
        match r {
            WorkReport::Arrived {
                kind: WorkKind::Pump,
                site,
            } => flood.pumps[*site].on = true,
            WorkReport::Left {
                kind: WorkKind::Pump,
                site,
            } => flood.pumps[*site].on = false,
            WorkReport::Arrived {
                kind: WorkKind::Sandbag,
                site,
            } => flood.sandbag_progress_m[*site] = 0.0,
            WorkReport::Worked {
                kind: WorkKind::Sandbag,
                site,
                team,
                amount,
            } => {
                flood.sandbag_progress_m[*site] += amount;
                let need = flood.breach_length_m(*site, cell_m);
                if need <= 0.0 || flood.sandbag_progress_m[*site] >= need {
                    let raised = flood.sandbag(*site);
                    log.push(
                        next,
                        "sandbag_line_complete",
                        &flood.levees[*site].id,
                        &[("team", json!(team)), ("cells", json!(raised))],
                    );
                    done.write(WorkDone {
                        kind: WorkKind::Sandbag,
                        site: *site,
                        at_s: next,
                    });
                }
            }
            WorkReport::Arrived {
                kind: WorkKind::Fireline | WorkKind::MopUp,
                ..
            }
            | WorkReport::Worked {
                kind: WorkKind::Fireline | WorkKind::MopUp,
                ..
            }
            | WorkReport::Left {
                kind: WorkKind::Fireline | WorkKind::MopUp,
                ..
            }
            | WorkReport::Worked { kind: WorkKind::Pump, .. }
            | WorkReport::Left {
                kind: WorkKind::Sandbag, ..
            } => {}
            WorkReport::Arrived {
                kind: WorkKind::SealLeak | WorkKind::Monitor | WorkKind::Decon,
                ..
            }
            | WorkReport::Worked {
                kind: WorkKind::SealLeak | WorkKind::Monitor | WorkKind::Decon,
                ..
            }
            | WorkReport::Left {
                kind: WorkKind::SealLeak | WorkKind::Monitor | WorkKind::Decon,
                ..
            } => {}
        }
    }
}

/// Height a sandbag line adds to a breached levee cell (m): a typical
/// three-course line. A planning figure, not from the reference file.
pub const SANDBAG_HEIGHT_M: f64 = 1.0;

impl Flood {
    /// Metres of sandbag line needed to close a levee's breach.
    pub fn breach_length_m(&self, levee: usize, cell_m: f64) -> f64 {
        let l = &self.levees[levee];
        let z = self.solver.bed();
        l.cells.iter().filter(|c| z[**c] < self.ground[**c] + l.crest_m - 1e-9).count() as f64 * cell_m
    }

    /// Raise every breached cell of a levee by a sandbag line, up to its crest.
    pub fn sandbag(&mut self, levee: usize) -> usize {
        let (cells, crest) = (self.levees[levee].cells.clone(), self.levees[levee].crest_m);
        let mut raised = 0;
        for c in cells {
            let (z, top) = (self.solver.bed()[c], self.ground[c] + crest);
            if z < top - 1e-9 {
                self.solver.set_bed(c, (z + SANDBAG_HEIGHT_M).min(top));
                raised += 1;
            }
        }
        raised
    }
}
