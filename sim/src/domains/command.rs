//! Command: response levels, the plan's rules and scheduled orders, and
//! orders handed to a stepped run between ticks.
//!
//! Scheduled orders run the tick their time comes; rules are tested in file
//! order every tick and each fires once, the first tick its condition holds
//! (and the response level allows it). Orders given live
//! ([`crate::engine::PreparedRun::order`]) run after the scheduled ones of the
//! same tick. All of them carry out their action the same way ([`execute`]).
//! Conditions read the state other domains published in earlier phases,
//! through [`Facts`], so the same evaluator serves injects, rules and level
//! triggers.

use crate::engine::{Clock, Ctx, EventLog, LiveOrders, SimBuilder};
use crate::scenario::model::{Action, Channel};
use crate::world::hazard::Hazards;
use crate::world::people::{PeopleTally, WarningOrder};
use crate::world::plan::{Facts, MselState, ResponseLevel, TeamOrder, action_name, holds};
use crate::world::roads::RoadCommand;
use crate::world::sets::CommandStep;
use crate::world::supplies::ResupplyOrder;
use crate::world::tasks::{WorkKind, WorkOrder};
use bevy_ecs::prelude::*;
use bevy_ecs::system::SystemParam;
use serde_json::json;

#[derive(Resource, Clone, Debug, Default)]
pub struct CommandState {
    pub rule_fired_at: Vec<Option<f64>>,
    pub order_done_at: Vec<Option<f64>>,
}

pub fn build(b: &mut SimBuilder) {
    let plan = &b.ctx().scenario.plan;
    let (rules, orders) = (plan.rules.len(), plan.orders.len());
    b.world.insert_resource(CommandState {
        rule_fired_at: vec![None; rules],
        order_done_at: vec![None; orders],
    });
    b.schedule.add_systems(apply_plan.in_set(CommandStep::Plan));
}

/// Where actions go: the domains that carry them out.
#[derive(SystemParam)]
pub struct Outbox<'w> {
    warnings: MessageWriter<'w, WarningOrder>,
    roads: MessageWriter<'w, RoadCommand>,
    teams: MessageWriter<'w, TeamOrder>,
    work: MessageWriter<'w, WorkOrder>,
    resupply: MessageWriter<'w, ResupplyOrder>,
}

/// What the plan may read and change.
#[derive(SystemParam)]
pub struct PlanState<'w> {
    msel: Res<'w, MselState>,
    hazards: Res<'w, Hazards>,
    people: Res<'w, PeopleTally>,
    readings: Res<'w, crate::world::plan::Readings>,
    level: ResMut<'w, ResponseLevel>,
    state: ResMut<'w, CommandState>,
    live: ResMut<'w, LiveOrders>,
}

impl PlanState<'_> {
    /// What conditions see now: the level as it stands at this point of the tick.
    fn facts<'a>(&'a self, now: f64, ctx: &'a Ctx) -> Facts<'a> {
        Facts {
            now,
            ctx,
            msel: &self.msel,
            hazards: &self.hazards,
            people: &self.people,
            readings: &self.readings,
            level: self.level.0,
        }
    }
}

/// Scheduled orders that are due, orders given live, then level triggers,
/// then rules; each action goes through [`execute`], whichever of them gave it.
pub fn apply_plan(clock: Res<Clock>, ctx: Res<Ctx>, mut p: PlanState, mut log: ResMut<EventLog>, mut out: Outbox) {
    let now = clock.now_s();
    let plan = &ctx.scenario.plan;
    for (k, o) in plan.orders.iter().enumerate() {
        if p.state.order_done_at[k].is_some() || now < o.at.secs() {
            continue;
        }
        p.state.order_done_at[k] = Some(now);
        log.push(now, "order_executed", &o.id, &[("action", json!(action_name(&o.action)))]);
        execute(&o.action, &o.id, now, &ctx, &mut p.level, &mut log, &mut out);
    }
    for (id, action) in std::mem::take(&mut p.live.0) {
        log.push(now, "order_executed", &id, &[("action", json!(action_name(&action)))]);
        execute(&action, &id, now, &ctx, &mut p.level, &mut log, &mut out);
    }
    // Levels only rise.
    for trig in &plan.levels {
        if p.level.0.is_none_or(|l| trig.level > l) && holds(&trig.when, &p.facts(now, &ctx)) {
            p.level.0 = Some(trig.level);
            log.push(
                now,
                "level_changed",
                &format!("{:?}", trig.level),
                &[("level", json!(format!("{:?}", trig.level)))],
            );
        }
    }
    for (k, rule) in plan.rules.iter().enumerate() {
        if p.state.rule_fired_at[k].is_some() {
            continue;
        }
        if let Some(min) = rule.min_level
            && p.level.0.is_none_or(|l| l < min)
        {
            continue;
        }
        if !holds(&rule.when, &p.facts(now, &ctx)) {
            continue;
        }
        p.state.rule_fired_at[k] = Some(now);
        log.push(now, "rule_fired", &rule.id, &[("action", json!(action_name(&rule.action)))]);
        execute(&rule.action, &rule.id, now, &ctx, &mut p.level, &mut log, &mut out);
    }
}

/// Carry out one action of the plan, given by rule or order `by`.
fn execute(action: &Action, by: &str, now: f64, ctx: &Ctx, level: &mut ResponseLevel, log: &mut EventLog, out: &mut Outbox) {
    match action {
        Action::Warn { zone, channel } => {
            if let Some(zi) = ctx.scenario.population.iter().position(|p| &p.zone == zone) {
                out.warnings.write(WarningOrder {
                    zone: zi,
                    channel: *channel,
                    evacuate: false,
                    shelter_in_place: false,
                    shelter: None,
                    by: by.to_string(),
                });
            }
        }
        Action::ShelterInPlace { zone } => {
            if let Some(zi) = ctx.scenario.population.iter().position(|p| &p.zone == zone) {
                for channel in [Channel::CellBroadcast, Channel::Sirens] {
                    out.warnings.write(WarningOrder {
                        zone: zi,
                        channel,
                        evacuate: false,
                        shelter_in_place: true,
                        shelter: None,
                        by: by.to_string(),
                    });
                }
            }
        }
        Action::Evacuate { zone, shelter } => {
            if let Some(zi) = ctx.scenario.population.iter().position(|p| &p.zone == zone) {
                let si = shelter.as_ref().and_then(|s| ctx.scenario.shelters.iter().position(|x| &x.id == s));
                for channel in [Channel::CellBroadcast, Channel::Sirens] {
                    out.warnings.write(WarningOrder {
                        zone: zi,
                        channel,
                        evacuate: true,
                        shelter_in_place: false,
                        shelter: si,
                        by: by.to_string(),
                    });
                }
            }
        }
        Action::CloseRoad(l) | Action::OpenRoad(l) => {
            out.roads.write(RoadCommand {
                link: l.clone(),
                close: matches!(action, Action::CloseRoad(_)),
                by: by.to_string(),
            });
        }
        Action::RaiseLevel(l) => {
            if level.0.is_none_or(|cur| *l > cur) {
                level.0 = Some(*l);
                log.push(now, "level_changed", &format!("{l:?}"), &[("level", json!(format!("{l:?}")))]);
            }
        }
        Action::Dispatch { kind, count, policy } => {
            out.teams.write(TeamOrder::Commit {
                kind: kind.clone(),
                count: *count,
                policy: *policy,
            });
        }
        Action::Sandbag { levee } => {
            out.work.write(WorkOrder {
                kind: WorkKind::Sandbag,
                site: levee.clone(),
            });
        }
        Action::AttackFire { teams } => {
            for _ in 0..*teams {
                out.work.write(WorkOrder {
                    kind: WorkKind::Fireline,
                    site: "fire".into(),
                });
            }
        }
        Action::Monitor(place) => {
            out.work.write(WorkOrder {
                kind: WorkKind::Monitor,
                site: place.clone(),
            });
        }
        Action::Decontaminate(place) => {
            out.work.write(WorkOrder {
                kind: WorkKind::Decon,
                site: place.clone(),
            });
        }
        Action::SealLeak(release) => {
            out.work.write(WorkOrder {
                kind: WorkKind::SealLeak,
                site: release.clone(),
            });
        }
        Action::StartPump(p) => {
            out.work.write(WorkOrder {
                kind: WorkKind::Pump,
                site: p.clone(),
            });
        }
        Action::TrafficControl {
            link,
            close,
            capacity_factor,
        } => {
            if let Some(l) = ctx.compiled.roads.link_index(link) {
                out.teams.write(TeamOrder::TrafficControl {
                    link: l,
                    close: *close,
                    factor: *capacity_factor,
                });
            }
        }
        Action::Recon(place) => {
            let cells = ctx.compiled.cells_of(place);
            if let Some(c) = cells.get(cells.len() / 2) {
                out.teams.write(TeamOrder::Recon {
                    cell: *c,
                    place: place.clone(),
                });
            }
        }
        Action::Resupply { from, to, item, quantity } => {
            out.resupply.write(ResupplyOrder {
                from: from.clone(),
                to: to.clone(),
                item: item.clone(),
                quantity: *quantity,
                by: by.to_string(),
            });
        }
    }
}
