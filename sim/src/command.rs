//! Command: response levels, the plan's rules, and the conditions they test.
//!
//! Rules are tested in file order every tick; each fires once, the first
//! tick its condition holds (and the response level allows it). Conditions
//! read the state other domains published in earlier phases, through
//! [`Facts`], so the same evaluator serves injects, rules and level triggers.

use crate::engine::{Clock, Ctx, EventLog, Phase, SimBuilder};
use crate::hazard::HazardField;
use crate::msel::MselState;
use crate::people::{PeopleTally, PersonState, WarningOrder};
use crate::scenario::model::{Action, Channel, Condition, Level};
use crate::teams::TeamOrder;
use crate::traffic::RoadCommand;
use bevy_ecs::prelude::*;
use serde_json::json;

#[derive(Resource, Clone, Debug, Default)]
pub struct CommandState {
    pub level: Option<Level>,
    pub rule_fired_at: Vec<Option<f64>>,
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
    let n = b.ctx().scenario.plan.rules.len();
    b.world.insert_resource(CommandState {
        level: None,
        rule_fired_at: vec![None; n],
    });
    b.schedule
        .add_systems(apply_plan.in_set(Phase::Command).before(crate::traffic::apply_road_commands));
}

#[allow(clippy::too_many_arguments)]
fn apply_plan(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    msel: Res<MselState>,
    hazard: Res<HazardField>,
    people: Res<PeopleTally>,
    mut state: ResMut<CommandState>,
    mut log: ResMut<EventLog>,
    mut warnings: MessageWriter<WarningOrder>,
    mut roads: MessageWriter<RoadCommand>,
    mut teams: MessageWriter<TeamOrder>,
) {
    let now = clock.now_s();
    let plan = &ctx.scenario.plan;
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
        match &rule.action {
            Action::Warn { zone, channel } => {
                if let Some(zi) = ctx.scenario.population.iter().position(|p| &p.zone == zone) {
                    warnings.write(WarningOrder {
                        zone: zi,
                        channel: *channel,
                        evacuate: false,
                        shelter: None,
                        by: rule.id.clone(),
                    });
                }
            }
            Action::Evacuate { zone, shelter } => {
                if let Some(zi) = ctx.scenario.population.iter().position(|p| &p.zone == zone) {
                    let si = shelter.as_ref().and_then(|s| ctx.scenario.shelters.iter().position(|x| &x.id == s));
                    for channel in [Channel::CellBroadcast, Channel::Sirens] {
                        warnings.write(WarningOrder {
                            zone: zi,
                            channel,
                            evacuate: true,
                            shelter: si,
                            by: rule.id.clone(),
                        });
                    }
                }
            }
            Action::CloseRoad(l) => {
                roads.write(RoadCommand {
                    link: l.clone(),
                    close: true,
                    by: rule.id.clone(),
                });
            }
            Action::OpenRoad(l) => {
                roads.write(RoadCommand {
                    link: l.clone(),
                    close: false,
                    by: rule.id.clone(),
                });
            }
            Action::RaiseLevel(l) => {
                if state.level.is_none_or(|cur| *l > cur) {
                    state.level = Some(*l);
                    log.push(now, "level_changed", &format!("{l:?}"), &[("level", json!(format!("{l:?}")))]);
                }
            }
            Action::Dispatch { kind, count, .. } => {
                teams.write(TeamOrder::Commit {
                    kind: kind.clone(),
                    count: *count,
                });
            }
            Action::Sandbag { levee } => {
                teams.write(TeamOrder::Sandbag { levee: levee.clone() });
            }
            Action::StartPump(p) => {
                teams.write(TeamOrder::Pump { pump: p.clone() });
            }
            Action::TrafficControl {
                link,
                close,
                capacity_factor,
            } => {
                if let Some(l) = ctx.compiled.roads.link_index(link) {
                    teams.write(TeamOrder::Task(crate::teams::Task::TrafficControl {
                        link: l,
                        close: *close,
                        factor: *capacity_factor,
                    }));
                }
            }
            Action::Recon(place) => {
                let cells = ctx.compiled.cells_of(place);
                if let Some(c) = cells.get(cells.len() / 2) {
                    teams.write(TeamOrder::Task(crate::teams::Task::Recon {
                        cell: *c,
                        place: place.clone(),
                    }));
                }
            }
            // Rejected at load time until the logistics domain simulates it.
            Action::Resupply { .. } => {}
        }
    }
}
