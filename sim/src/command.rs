//! Command: response levels, the plan's rules, and the conditions they test.
//!
//! Scheduled orders run the tick their time comes; rules are tested in file
//! order every tick and each fires once, the first tick its condition holds
//! (and the response level allows it). Both carry out their action the same
//! way ([`execute`]). Conditions
//! read the state other domains published in earlier phases, through
//! [`Facts`], so the same evaluator serves injects, rules and level triggers.

use crate::engine::{Clock, Ctx, EventLog, Phase, SimBuilder};
use crate::hazard::HazardField;
use crate::logistics::ResupplyOrder;
use crate::msel::MselState;
use crate::people::{PeopleTally, PersonState, WarningOrder};
use crate::scenario::model::{Action, Channel, Condition, Level};
use crate::teams::TeamOrder;
use crate::traffic::RoadCommand;
use bevy_ecs::prelude::*;
use bevy_ecs::system::SystemParam;
use serde_json::json;

#[derive(Resource, Clone, Debug, Default)]
pub struct CommandState {
    pub level: Option<Level>,
    pub rule_fired_at: Vec<Option<f64>>,
    pub order_done_at: Vec<Option<f64>>,
}

/// What conditions may look at.
pub struct Facts<'a> {
    pub now: f64,
    pub ctx: &'a Ctx,
    pub msel: &'a MselState,
    pub hazard: &'a HazardField,
    pub people: &'a PeopleTally,
    pub level: Option<Level>,
}

pub fn holds(c: &Condition, f: &Facts) -> bool {
    match c {
        Condition::After(d) => f.now >= d.secs(),
        Condition::InjectFired(id) => f
            .ctx
            .scenario
            .injects
            .iter()
            .position(|i| &i.id == id)
            .is_some_and(|k| f.msel.inject_fired_at[k].is_some()),
        Condition::Depth { place, above_m } => f.ctx.compiled.cells_of(place).iter().any(|c| f.hazard.depth(*c) > *above_m),
        Condition::Trapped { min_people } => f.people.count(PersonState::Trapped) >= *min_people as u64,
        Condition::LevelAtLeast(l) => f.level.is_some_and(|cur| cur >= *l),
        Condition::Sheltered { zone, share } => f.ctx.scenario.population.iter().position(|p| &p.zone == zone).is_some_and(|zi| {
            let (s, r) = (f.people.zone_sheltered[zi], f.people.zone_residents[zi]);
            r > 0 && s as f64 / r as f64 >= *share
        }),
        Condition::All(cs) => cs.iter().all(|c| holds(c, f)),
        Condition::Any(cs) => cs.iter().any(|c| holds(c, f)),
    }
}

pub fn build(b: &mut SimBuilder) {
    let plan = &b.ctx().scenario.plan;
    let (rules, orders) = (plan.rules.len(), plan.orders.len());
    b.world.insert_resource(CommandState {
        level: None,
        rule_fired_at: vec![None; rules],
        order_done_at: vec![None; orders],
    });
    b.schedule
        .add_systems(apply_plan.in_set(Phase::Command).before(crate::traffic::apply_road_commands));
}

/// Where actions go: the domains that carry them out.
#[derive(SystemParam)]
pub struct Outbox<'w> {
    warnings: MessageWriter<'w, WarningOrder>,
    roads: MessageWriter<'w, RoadCommand>,
    teams: MessageWriter<'w, TeamOrder>,
    resupply: MessageWriter<'w, ResupplyOrder>,
}

/// Scheduled orders that are due, then level triggers, then rules; each
/// action goes through [`execute`], whichever of them gave it.
#[allow(clippy::too_many_arguments)]
pub fn apply_plan(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    msel: Res<MselState>,
    hazard: Res<HazardField>,
    people: Res<PeopleTally>,
    mut state: ResMut<CommandState>,
    mut log: ResMut<EventLog>,
    mut out: Outbox,
) {
    let now = clock.now_s();
    let plan = &ctx.scenario.plan;
    for (k, o) in plan.orders.iter().enumerate() {
        if state.order_done_at[k].is_some() || now < o.at.secs() {
            continue;
        }
        state.order_done_at[k] = Some(now);
        log.push(
            now,
            "order_executed",
            &o.id,
            &[("action", json!(crate::msel::action_name(&o.action)))],
        );
        execute(&o.action, &o.id, now, &ctx, &mut state, &mut log, &mut out);
    }
    // Levels only rise.
    for trig in &plan.levels {
        let facts = Facts {
            now,
            ctx: &ctx,
            msel: &msel,
            hazard: &hazard,
            people: &people,
            level: state.level,
        };
        if state.level.is_none_or(|l| trig.level > l) && holds(&trig.when, &facts) {
            state.level = Some(trig.level);
            log.push(
                now,
                "level_changed",
                &format!("{:?}", trig.level),
                &[("level", json!(format!("{:?}", trig.level)))],
            );
        }
    }
    for (k, rule) in plan.rules.iter().enumerate() {
        if state.rule_fired_at[k].is_some() {
            continue;
        }
        if let Some(min) = rule.min_level
            && state.level.is_none_or(|l| l < min)
        {
            continue;
        }
        let facts = Facts {
            now,
            ctx: &ctx,
            msel: &msel,
            hazard: &hazard,
            people: &people,
            level: state.level,
        };
        if !holds(&rule.when, &facts) {
            continue;
        }
        state.rule_fired_at[k] = Some(now);
        log.push(
            now,
            "rule_fired",
            &rule.id,
            &[("action", json!(crate::msel::action_name(&rule.action)))],
        );
        execute(&rule.action, &rule.id, now, &ctx, &mut state, &mut log, &mut out);
    }
}

/// Carry out one action of the plan, given by rule or order `by`.
fn execute(action: &Action, by: &str, now: f64, ctx: &Ctx, state: &mut CommandState, log: &mut EventLog, out: &mut Outbox) {
    match action {
        Action::Warn { zone, channel } => {
            if let Some(zi) = ctx.scenario.population.iter().position(|p| &p.zone == zone) {
                out.warnings.write(WarningOrder {
                    zone: zi,
                    channel: *channel,
                    evacuate: false,
                    shelter: None,
                    by: by.to_string(),
                });
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
            if state.level.is_none_or(|cur| *l > cur) {
                state.level = Some(*l);
                log.push(now, "level_changed", &format!("{l:?}"), &[("level", json!(format!("{l:?}")))]);
            }
        }
        Action::Dispatch { kind, count, .. } => {
            out.teams.write(TeamOrder::Commit {
                kind: kind.clone(),
                count: *count,
            });
        }
        Action::Sandbag { levee } => {
            out.teams.write(TeamOrder::Sandbag { levee: levee.clone() });
        }
        Action::StartPump(p) => {
            out.teams.write(TeamOrder::Pump { pump: p.clone() });
        }
        Action::TrafficControl {
            link,
            close,
            capacity_factor,
        } => {
            if let Some(l) = ctx.compiled.roads.link_index(link) {
                out.teams.write(TeamOrder::Task(crate::teams::Task::TrafficControl {
                    link: l,
                    close: *close,
                    factor: *capacity_factor,
                }));
            }
        }
        Action::Recon(place) => {
            let cells = ctx.compiled.cells_of(place);
            if let Some(c) = cells.get(cells.len() / 2) {
                out.teams.write(TeamOrder::Task(crate::teams::Task::Recon {
                    cell: *c,
                    place: place.clone(),
                }));
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
