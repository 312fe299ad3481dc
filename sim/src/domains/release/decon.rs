//! Decontamination lines. A `Decontaminate(place)` order opens a work
//! site at the place; the teams domain sends the nearest team whose kind
//! washes people (`decon_people_per_hour`). Each tick the line's
//! throughput is what the crews there reported this tick — none when they
//! leave — and the teams domain books casualties of the cloud through it
//! ([`crate::world::decon`]).
//!
//! Why the cloud's casualties: ATSDR's Medical Management Guidelines for
//! chlorine say victims exposed only to the gas who have no skin or eye
//! irritation need no decontamination, and all others do. Chlorine
//! irritates the eyes and mucous membranes from about 1–3 ppm, below its
//! AEGL-2 (2.8 ppm), so everyone the cloud injured (AEGL-2 or above) is
//! taken to be irritated; the model applies the same rule to the other
//! substances. People who breathed only AEGL-1 are not casualties here.
//! Crews overcome in the cloud are washed too (their suits carry it).

use crate::compile::middle_cell;
use crate::engine::{Clock, Ctx, EventLog, SimBuilder};
use crate::world::decon::{DeconLine, DeconLines};
use crate::world::sets::{ActStep, CommandStep};
use crate::world::tasks::{WorkKind, WorkOrder, WorkReport, WorkRequest};
use bevy_ecs::prelude::*;
use serde_json::json;

pub fn build(b: &mut SimBuilder) {
    b.add_in_step_order(CommandStep::Requests, request_line);
    b.add_in_step_order(ActStep::SiteWork, staff_lines);
}

/// A site is a decon line, by its index in [`DeconLines`]; one per place.
fn request_line(
    ctx: Res<Ctx>,
    mut lines: ResMut<DeconLines>,
    mut orders: MessageReader<WorkOrder>,
    mut requests: MessageWriter<WorkRequest>,
) {
    for o in orders.read().filter(|o| o.kind == WorkKind::Decon) {
        let site = match lines.lines.iter().position(|l| l.place == o.site) {
            Some(i) => i,
            None => {
                lines.lines.push(DeconLine {
                    place: o.site.clone(),
                    cell: middle_cell(&ctx.compiled.cells_of(&o.site)),
                    per_hour: 0.0,
                    free_at_s: 0.0,
                });
                lines.lines.len() - 1
            }
        };
        let cell = lines.lines[site].cell;
        requests.write(WorkRequest {
            kind: WorkKind::Decon,
            site,
            cell,
        });
    }
}

/// Each line washes as many people per hour as its crews worked for this tick.
fn staff_lines(clock: Res<Clock>, mut lines: ResMut<DeconLines>, mut reports: MessageReader<WorkReport>, mut log: ResMut<EventLog>) {
    let was_open: Vec<bool> = lines.lines.iter().map(|l| l.per_hour > 0.0).collect();
    lines.lines.iter_mut().for_each(|l| l.per_hour = 0.0);
    for r in reports.read() {
        if let WorkReport::Worked {
            kind: WorkKind::Decon,
            site,
            amount,
            ..
        } = r
            && let Some(line) = lines.lines.get_mut(*site)
        {
            line.per_hour += amount * 3600.0 / clock.dt_s;
        }
    }
    for (line, was) in lines.lines.iter().zip(was_open) {
        let open = line.per_hour > 0.0;
        if open != was {
            let (kind, data) = if open {
                ("decon_line_open", json!(line.per_hour))
            } else {
                ("decon_line_closed", json!(0.0))
            };
            log.push(clock.next_s(), kind, &line.place, &[("people_per_hour", data)]);
        }
    }
}
