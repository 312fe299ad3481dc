//! Teams arriving, working, carrying people, tiring and resting.

use super::{Incidents, Task, Team, TeamState, travel};
use crate::engine::{Clock, Ctx, EventLog, Recorder};
use crate::hazard::HazardField;
use crate::inundation::Flood;
use crate::msel::InjectFired;
use crate::people::{Household, HouseholdState, Shelters};
use crate::scenario::model::Event;
use bevy_ecs::prelude::*;
use serde_json::json;

/// (arrival s, task created s) of every team arriving on a task: for "time to first unit".
#[derive(Resource, Default, Clone, Debug)]
pub struct Arrivals(pub Vec<(f64, f64)>);

pub(super) fn set_state(t: &mut Team, state: TeamState, at: f64, log: &mut EventLog) {
    if t.state != state {
        t.state = state;
        let task = t.task.as_ref().map(|k| k.label()).unwrap_or_default();
        // `cell` (where the team is) lets reports place teams on maps.
        log.push(
            at,
            "team_state",
            &t.id,
            &[("state", json!(state.name())), ("task", json!(task)), ("cell", json!(t.cell))],
        );
    }
}

#[allow(clippy::too_many_arguments)]
pub fn advance_teams(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    mut roads: ResMut<crate::traffic::Roads>,
    hazard: Res<HazardField>,
    mut teams: Query<&mut Team>,
    mut households: Query<&mut Household>,
    mut shelters: ResMut<Shelters>,
    mut inc: ResMut<Incidents>,
    mut hospitals: ResMut<super::casualties::Hospitals>,
    mut flood: Option<ResMut<Flood>>,
    mut arrivals: ResMut<Arrivals>,
    mut fired: MessageReader<InjectFired>,
    mut log: ResMut<EventLog>,
) {
    let (now, next, dt) = (clock.now_s(), clock.next_s(), clock.dt_s);
    let kinds = &ctx.team_kinds;
    let cell_m = ctx.compiled.terrain.cell_m;
    let mut ts: Vec<Mut<Team>> = teams.iter_mut().collect();
    ts.sort_by_key(|t| t.order);
    for f in fired.read() {
        if let Event::TeamLost(id) = &ctx.scenario.injects[f.index].event
            && let Some(t) = ts.iter_mut().find(|t| &t.id == id)
        {
            if let Some(
                Task::Rescue { incident }
                | Task::Transport { incident, .. }
                | Task::Casualty { incident }
                | Task::ToHospital { incident, .. },
            ) = t.task
            {
                inc.list[incident].team = None;
            }
            if let (Some(Task::Pump { pump }), Some(fl)) = (&t.task, flood.as_mut()) {
                fl.pumps[*pump].on = false;
            }
            set_state(t, TeamState::Lost, now, &mut log);
            t.task = None;
        }
    }
    for t in ts.iter_mut() {
        let k = &kinds[t.kind];
        match t.state {
            TeamState::Lost => {}
            TeamState::Mobilising => {
                if t.ready_at_s < next {
                    let at = t.ready_at_s.max(now);
                    set_state(t, TeamState::Idle, at, &mut log);
                }
            }
            TeamState::Resting => {
                if t.until_s < next {
                    t.shift_started_s = None;
                    let at = t.until_s;
                    set_state(t, TeamState::Idle, at, &mut log);
                }
            }
            TeamState::Idle => {}
            TeamState::Travelling => {
                if t.until_s >= next {
                    continue;
                }
                let at = t.until_s;
                match t.task.clone() {
                    Some(Task::Rescue { incident } | Task::Casualty { incident }) => {
                        let i = &mut inc.list[incident];
                        arrivals.0.push((at, i.created_s));
                        i.first_unit_s.get_or_insert(at);
                        t.cell = i.cell;
                        let rate = k.rescue_per_hour.as_ref().map(|r| r.value()).unwrap_or(1.0).max(0.01);
                        t.until_s = at + i.people as f64 / rate * 3600.0;
                        set_state(t, TeamState::Working, at, &mut log);
                    }
                    Some(Task::Transport { incident, shelter }) => {
                        let order = inc.list[incident].household;
                        if let Some(mut h) = households.iter_mut().find(|h| Some(h.order) == order) {
                            crate::people::behaviour::admit(&mut h, &mut shelters, shelter, at, &mut log, false);
                            h.rescued = true;
                        }
                        inc.list[incident].resolved_s = Some(at);
                        t.cell = shelters.0[shelter].cell;
                        log.push(
                            at,
                            "rescue_completed",
                            &format!("incident_{incident}"),
                            &[("team", json!(t.id)), ("shelter", json!(shelters.0[shelter].id))],
                        );
                        t.task = None;
                        set_state(t, TeamState::Idle, at, &mut log);
                    }
                    Some(Task::ToHospital { incident, hospital }) => {
                        let order = inc.list[incident].household;
                        if let Some(mut h) = households.iter_mut().find(|h| Some(h.order) == order) {
                            super::casualties::admit(t, incident, hospital, &mut h, &mut hospitals, &mut inc, &mut log);
                        } else {
                            inc.list[incident].resolved_s = Some(at);
                            t.task = None;
                            set_state(t, TeamState::Idle, at, &mut log);
                        }
                    }
                    Some(Task::Pump { pump }) => {
                        arrivals.0.push((at, t.task_created_s));
                        if let Some(fl) = flood.as_mut() {
                            fl.pumps[pump].on = true;
                            t.cell = fl.pumps[pump].cell;
                        }
                        t.until_s = f64::INFINITY;
                        set_state(t, TeamState::Working, at, &mut log);
                    }
                    Some(Task::Sandbag { levee }) => {
                        arrivals.0.push((at, t.task_created_s));
                        t.cell = crate::inundation::levee_middle_cell(&ctx, levee);
                        t.until_s = f64::INFINITY;
                        set_state(t, TeamState::Working, at, &mut log);
                    }
                    Some(Task::TrafficControl { link, close, factor }) => {
                        arrivals.0.push((at, t.task_created_s));
                        if close {
                            roads.0.closed_by_order[link] = true;
                        } else {
                            roads.0.capacity_factor[link] = factor;
                        }
                        log.push(
                            at,
                            "traffic_control",
                            &ctx.compiled.roads.link_ids[link],
                            &[("team", json!(t.id)), ("close", json!(close)), ("capacity_factor", json!(factor))],
                        );
                        t.until_s = f64::INFINITY;
                        set_state(t, TeamState::Working, at, &mut log);
                    }
                    Some(Task::Recon { place, .. }) => {
                        arrivals.0.push((at, t.task_created_s));
                        let cells = ctx.compiled.cells_of(&place);
                        let mut found = 0;
                        for i in inc.list.iter_mut().filter(|i| i.reported_s > at && cells.contains(&i.cell)) {
                            i.reported_s = at;
                            found += 1;
                        }
                        log.push(
                            at,
                            "recon_done",
                            &place,
                            &[("team", json!(t.id)), ("incidents_found", json!(found))],
                        );
                        t.task = None;
                        set_state(t, TeamState::Idle, at, &mut log);
                    }
                    None => set_state(t, TeamState::Idle, at, &mut log),
                }
            }
            TeamState::Working => {
                match t.task.clone() {
                    Some(Task::Rescue { incident }) if t.until_s < next => {
                        let order = inc.list[incident].household;
                        let Some(mut h) = households.iter_mut().find(|h| Some(h.order) == order) else {
                            continue;
                        };
                        if h.alive() == 0 || h.state != HouseholdState::Trapped {
                            inc.list[incident].resolved_s = Some(t.until_s);
                            t.task = None;
                            let at = t.until_s;
                            set_state(t, TeamState::Idle, at, &mut log);
                            continue;
                        }
                        // Carry them to the nearest usable shelter with room; more trips if they outnumber the boat.
                        let alive = h.alive();
                        let cols = ctx.compiled.terrain.dims.cols;
                        let (c, r) = ((t.cell % cols) as i64, (t.cell / cols) as i64);
                        let target = shelters
                            .0
                            .iter()
                            .enumerate()
                            .filter(|(_, s)| s.usable && s.occupancy + alive <= s.capacity)
                            .min_by_key(|(i, s)| (((s.cell % cols) as i64 - c).pow(2) + ((s.cell / cols) as i64 - r).pow(2), *i))
                            .map(|(i, _)| i)
                            .or_else(|| shelters.0.iter().position(|s| s.usable));
                        let Some(si) = target else { continue };
                        let leg = travel::road_time(&ctx, &roads.0, t.cell, shelters.0[si].cell, t.speed_ms).unwrap_or_else(|| {
                            travel::boat_path_cells(&ctx, &hazard, t.cell, shelters.0[si].cell).unwrap_or(0) as f64 * cell_m / t.speed_ms
                        });
                        let trips = alive.div_ceil(t.capacity).max(1) as f64;
                        h.state = HouseholdState::Travelling;
                        t.task = Some(Task::Transport { incident, shelter: si });
                        t.until_s += leg * (2.0 * trips - 1.0);
                        set_state(t, TeamState::Travelling, now, &mut log);
                    }
                    Some(Task::Casualty { incident }) if t.until_s < next => {
                        let order = inc.list[incident].household;
                        let Some(h) = households.iter().find(|h| Some(h.order) == order) else {
                            continue;
                        };
                        if super::casualties::leave_for_hospital(t, incident, h, &hospitals, &ctx, &roads.0, &mut inc, &mut log) {
                            set_state(t, TeamState::Travelling, now, &mut log);
                        } else {
                            t.task = None;
                            let at = t.until_s;
                            set_state(t, TeamState::Idle, at, &mut log);
                        }
                    }
                    Some(Task::Sandbag { levee }) => {
                        t.progress += k.sandbag_m_per_hour.as_ref().map(|r| r.value()).unwrap_or(0.0) * dt / 3600.0;
                        if let Some(fl) = flood.as_mut() {
                            let need = fl.breach_length_m(levee, cell_m);
                            if need <= 0.0 || t.progress >= need {
                                let raised = fl.sandbag(levee);
                                log.push(
                                    next,
                                    "sandbag_line_complete",
                                    &fl.levees[levee].id,
                                    &[("team", json!(t.id)), ("cells", json!(raised))],
                                );
                                t.task = None;
                                set_state(t, TeamState::Idle, next, &mut log);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        // Shifts: a team that has worked its shift rests, handing plan tasks back.
        if let (Some(start), Some(shift)) = (t.shift_started_s, k.shift)
            && matches!(t.state, TeamState::Working | TeamState::Idle)
            && next - start >= shift.secs()
            && !matches!(
                t.task,
                Some(Task::Rescue { .. } | Task::Transport { .. } | Task::Casualty { .. } | Task::ToHospital { .. })
            )
        {
            if let Some(task @ (Task::Pump { .. } | Task::Sandbag { .. } | Task::TrafficControl { .. })) = t.task.take() {
                if let Task::TrafficControl { link, close: false, .. } = &task {
                    roads.0.capacity_factor[*link] = 1.0;
                }
                if let (Task::Pump { pump }, Some(fl)) = (&task, flood.as_mut()) {
                    fl.pumps[*pump].on = false;
                }
                inc.pending.push((task, next));
            }
            t.until_s = next + k.rest.map(|r| r.secs()).unwrap_or(0.0);
            set_state(t, TeamState::Resting, next, &mut log);
        }
    }
}

pub fn record_teams(q: Query<&Team>, mut rec: ResMut<Recorder>) {
    let mut counts = [0.0; 6];
    for t in q.iter() {
        counts[t.state as usize] += 1.0;
    }
    for (i, name) in [
        "teams_mobilising",
        "teams_idle",
        "teams_travelling",
        "teams_working",
        "teams_resting",
        "teams_lost",
    ]
    .iter()
    .enumerate()
    {
        rec.set(name, counts[i]);
    }
}
