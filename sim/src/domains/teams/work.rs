//! Teams arriving, working, carrying people, tiring and resting.
//!
//! [`advance_teams`] walks the teams in order and hands each to the handler
//! of its state: [`arrive`] when travel ends, [`work`] while on the task, then
//! [`end_shift`]. Work at a hazard's site is reported to the domain that owns
//! it ([`WorkReport`]); that domain says when it is done ([`WorkDone`]) and
//! [`release_done`] frees the team.

use super::casualties::Hospitals;
use super::{Incidents, Task, Team, TeamState, travel};
use crate::engine::{Clock, Ctx, EventLog, Recorder};
use crate::scenario::model::{Event, TeamKind};
use crate::world::crews::CrewAir;
use crate::world::decon::DeconLines;
use crate::world::hazard::Hazards;
use crate::world::people::{Household, HouseholdState, Shelters, admit};
use crate::world::plan::InjectFired;
use crate::world::roads::Roads;
use crate::world::supplies::SupplyUse;
use crate::world::tasks::{WorkDone, WorkReport};
use bevy_ecs::prelude::*;
use bevy_ecs::system::SystemParam;
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

/// What the teams change as they work: people, shelters, hospitals, roads,
/// incidents, and what they tell the other domains.
#[derive(SystemParam)]
pub struct Field<'w, 's> {
    roads: ResMut<'w, Roads>,
    hazards: Res<'w, Hazards>,
    households: Query<'w, 's, &'static mut Household>,
    shelters: ResMut<'w, Shelters>,
    inc: ResMut<'w, Incidents>,
    hospitals: ResMut<'w, Hospitals>,
    decon: ResMut<'w, DeconLines>,
    arrivals: ResMut<'w, Arrivals>,
    reports: MessageWriter<'w, WorkReport>,
    log: ResMut<'w, EventLog>,
}

/// The tick being advanced: start, end and length (s).
#[derive(Clone, Copy)]
struct Span {
    now: f64,
    next: f64,
    dt: f64,
}

pub fn advance_teams(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    mut teams: Query<(&mut Team, &mut CrewAir)>,
    mut fired: MessageReader<InjectFired>,
    mut f: Field,
) {
    let span = Span {
        now: clock.now_s(),
        next: clock.next_s(),
        dt: clock.dt_s,
    };
    let mut ts: Vec<(Mut<Team>, Mut<CrewAir>)> = teams.iter_mut().collect();
    ts.sort_by_key(|(t, _)| t.order);
    for fi in fired.read() {
        if let Event::TeamLost(id) = &ctx.scenario.injects[fi.index].event
            && let Some((t, _)) = ts.iter_mut().find(|(t, _)| &t.id == id)
        {
            lose(t, span.now, &mut f);
        }
    }
    for (t, air) in ts.iter_mut() {
        // A crew overcome by what it breathed (last tick's Harm phase) is
        // out of the drill, whatever it was doing.
        if air.overcome_s.is_some() && t.state != TeamState::Lost {
            lose(t, span.now, &mut f);
        }
        advance_team(t, &ctx, span, &mut f);
        if air.cell != t.cell {
            air.cell = t.cell;
        }
        let indoors = t.task.is_none() && t.cell == t.base_cell && t.state != TeamState::Lost;
        if air.indoors != indoors {
            air.indoors = indoors;
        }
    }
    // Overcome crews' members brought to hospital are out of the cloud.
    for (order, n) in std::mem::take(&mut f.inc.crew_admitted) {
        if let Some((_, air)) = ts.iter_mut().find(|(t, _)| t.order == order) {
            let n = n.min(air.crew);
            air.crew -= n;
            air.hospitalised += n;
        }
    }
}

/// One team's tick, by its state.
fn advance_team(t: &mut Team, ctx: &Ctx, span: Span, f: &mut Field) {
    let k = &ctx.team_kinds[t.kind];
    match t.state {
        TeamState::Lost | TeamState::Idle => {}
        TeamState::Mobilising => {
            if t.ready_at_s < span.next {
                let at = t.ready_at_s.max(span.now);
                set_state(t, TeamState::Idle, at, &mut f.log);
            }
        }
        TeamState::Resting => {
            if t.until_s < span.next {
                t.shift_started_s = None;
                let at = t.until_s;
                set_state(t, TeamState::Idle, at, &mut f.log);
            }
        }
        TeamState::Travelling => {
            if t.until_s < span.next {
                arrive(t, k, ctx, f);
            }
        }
        TeamState::Working => work(t, k, ctx, span, f),
    }
    end_shift(t, k, span, f);
}

/// A `TeamLost` inject, or a crew overcome: the team is out of the drill.
/// What it was doing is not: its incident waits for another team, and plan
/// work (a site, traffic control) goes back on the pending list, as at the
/// end of a shift.
fn lose(t: &mut Team, now: f64, f: &mut Field) {
    if let Some(
        Task::Rescue { incident }
        | Task::Transport { incident, .. }
        | Task::Casualty { incident }
        | Task::ToDecon { incident, .. }
        | Task::ToHospital { incident, .. },
    ) = t.task
    {
        let i = &mut f.inc.list[incident];
        i.team = None;
        if i.first_unit_s.is_none() {
            i.end_travel(now);
        }
    }
    // Logged with the task it was on.
    set_state(t, TeamState::Lost, now, &mut f.log);
    hand_back(t, now, f);
    t.task = None;
}

/// Plan work the team stops doing (a site, traffic control) goes back on
/// the pending list for another team; the site's domain hears it left.
fn hand_back(t: &mut Team, at: f64, f: &mut Field) {
    let Some(task @ (Task::Site { .. } | Task::TrafficControl { .. })) = t.task.take() else {
        return;
    };
    match &task {
        Task::TrafficControl { link, close: false, .. } => f.roads.0.capacity_factor[*link] = 1.0,
        Task::Site { kind, site, .. } => {
            f.reports.write(WorkReport::Left { kind: *kind, site: *site });
        }
        _ => {}
    }
    f.inc.pending.push((task, at));
}

/// Travel has ended at `t.until_s`: start the task there.
fn arrive(t: &mut Team, k: &TeamKind, ctx: &Ctx, f: &mut Field) {
    let at = t.until_s;
    match t.task.clone() {
        Some(Task::Rescue { incident } | Task::Casualty { incident }) => {
            let i = &mut f.inc.list[incident];
            f.arrivals.0.push((at, i.created_s));
            if i.first_unit_s.is_none() {
                i.end_travel(at);
            }
            i.first_unit_s.get_or_insert(at);
            t.cell = i.cell;
            let rate = (k.rescue_per_hour.as_ref().map(|r| r.value()).unwrap_or(1.0) * t.crew_factor).max(0.01);
            t.until_s = at + i.people as f64 / rate * 3600.0;
            set_state(t, TeamState::Working, at, &mut f.log);
        }
        Some(Task::Transport { incident, shelter }) => {
            let order = f.inc.list[incident].household;
            if let Some(mut h) = f.households.iter_mut().find(|h| Some(h.order) == order) {
                admit(&mut h, &mut f.shelters, shelter, at, &mut f.log, false);
                h.rescued = true;
            }
            f.inc.list[incident].resolved_s = Some(at);
            t.cell = f.shelters.0[shelter].cell;
            f.log.push(
                at,
                "rescue_completed",
                &format!("incident_{incident}"),
                &[("team", json!(t.id)), ("shelter", json!(f.shelters.0[shelter].id))],
            );
            t.task = None;
            set_state(t, TeamState::Idle, at, &mut f.log);
        }
        Some(Task::ToDecon { incident, line }) => {
            let people = casualties_of(incident, f).unwrap_or(0);
            let done = f.decon.book(line, people, at);
            // A line that closed while they drove washes nobody.
            f.inc.list[incident].washed = done > at;
            t.cell = f.decon.lines[line].cell;
            t.until_s = done;
            f.log.push(
                at,
                "casualties_decontaminated",
                &f.decon.lines[line].place,
                &[
                    ("team", json!(t.id)),
                    ("people", json!(if done > at { people } else { 0 })),
                    ("incident", json!(incident)),
                    ("until_min", json!(done / 60.0)),
                ],
            );
            set_state(t, TeamState::Working, at, &mut f.log);
        }
        Some(Task::ToHospital { incident, hospital }) if f.inc.list[incident].crew.is_some() => {
            let n = super::casualties::admit_crew(t, incident, hospital, &mut f.hospitals, &mut f.inc, &mut f.log);
            if !f.inc.list[incident].washed {
                f.decon.admitted_unwashed += n;
            }
        }
        Some(Task::ToHospital { incident, hospital }) => {
            let order = f.inc.list[incident].household;
            if let Some(mut h) = f.households.iter_mut().find(|h| Some(h.order) == order) {
                let unwashed = super::casualties::needs_decon(&f.inc.list[incident], Some(&h)) && !f.inc.list[incident].washed;
                let n = super::casualties::admit(t, incident, hospital, &mut h, &mut f.hospitals, &mut f.inc, &mut f.log);
                if unwashed {
                    f.decon.admitted_unwashed += n;
                }
            } else {
                f.inc.list[incident].resolved_s = Some(at);
                t.task = None;
                set_state(t, TeamState::Idle, at, &mut f.log);
            }
        }
        Some(Task::Site { kind, site, cell }) => {
            f.arrivals.0.push((at, t.task_created_s));
            f.reports.write(WorkReport::Arrived { kind, site });
            t.cell = cell;
            t.until_s = f64::INFINITY;
            set_state(t, TeamState::Working, at, &mut f.log);
        }
        Some(task @ Task::TrafficControl { link, close, factor }) => {
            f.arrivals.0.push((at, t.task_created_s));
            t.cell = super::dispatch::task_cell(ctx, &task);
            if close {
                f.roads.0.closed_by_order[link] = true;
            } else {
                f.roads.0.capacity_factor[link] = factor;
            }
            f.log.push(
                at,
                "traffic_control",
                &ctx.compiled.roads.link_ids[link],
                &[("team", json!(t.id)), ("close", json!(close)), ("capacity_factor", json!(factor))],
            );
            t.until_s = f64::INFINITY;
            set_state(t, TeamState::Working, at, &mut f.log);
        }
        Some(Task::Recon { place, cell }) => {
            f.arrivals.0.push((at, t.task_created_s));
            t.cell = cell;
            let cells = ctx.compiled.cells_of(&place);
            let mut found = 0;
            for i in f.inc.list.iter_mut().filter(|i| i.reported_s > at && cells.contains(&i.cell)) {
                i.reported_s = at;
                found += 1;
            }
            f.log.push(
                at,
                "recon_done",
                &place,
                &[("team", json!(t.id)), ("incidents_found", json!(found))],
            );
            t.task = None;
            set_state(t, TeamState::Idle, at, &mut f.log);
        }
        None => set_state(t, TeamState::Idle, at, &mut f.log),
    }
}

/// One tick on the task.
fn work(t: &mut Team, k: &TeamKind, ctx: &Ctx, span: Span, f: &mut Field) {
    match t.task.clone() {
        Some(Task::Rescue { incident }) if t.until_s < span.next => rescued(t, incident, ctx, span.now, f),
        Some(Task::Casualty { incident }) if t.until_s < span.next => {
            let Some(injured) = casualties_of(incident, f) else {
                return;
            };
            let i = &f.inc.list[incident];
            let household = i.household.and_then(|o| f.households.iter().find(|h| h.order == o));
            let to_decon = super::casualties::needs_decon(i, household)
                && !i.washed
                && super::casualties::leave_for_decon(t, incident, injured, &f.decon, ctx, &f.roads.0);
            if to_decon {
                set_state(t, TeamState::Travelling, span.now, &mut f.log);
            } else {
                to_hospital(t, incident, injured, ctx, span, f);
            }
        }
        Some(Task::ToDecon { incident, .. }) if t.until_s < span.next => {
            let injured = casualties_of(incident, f).unwrap_or(0);
            to_hospital(t, incident, injured, ctx, span, f);
        }
        Some(Task::Site { kind, site, .. }) if !kind.open_ended() => {
            let amount = kind.rate(k).unwrap_or(0.0) * t.crew_factor * span.dt / 3600.0;
            f.reports.write(WorkReport::Worked {
                kind,
                site,
                team: t.id.clone(),
                amount,
            });
        }
        _ => {}
    }
}

/// How many casualties an incident has now: a household's injured, or an
/// overcome crew's members; `None` if its household is gone.
fn casualties_of(incident: usize, f: &Field) -> Option<u32> {
    let i = &f.inc.list[incident];
    match (i.household, i.crew) {
        (Some(order), _) => f.households.iter().find(|h| h.order == order).map(|h| h.injured),
        (None, Some(_)) => Some(i.people),
        (None, None) => None,
    }
}

/// The casualties are ready (or washed): set off for hospital, or give up.
fn to_hospital(t: &mut Team, incident: usize, injured: u32, ctx: &Ctx, span: Span, f: &mut Field) {
    if super::casualties::leave_for_hospital(t, incident, injured, &f.hospitals, ctx, &f.roads.0, &mut f.inc, &mut f.log) {
        set_state(t, TeamState::Travelling, span.now, &mut f.log);
    } else {
        t.task = None;
        let at = t.until_s;
        set_state(t, TeamState::Idle, at, &mut f.log);
    }
}

/// The rescue work is done: carry the household to the nearest usable
/// shelter with room, in as many trips as the team's capacity needs.
fn rescued(t: &mut Team, incident: usize, ctx: &Ctx, now: f64, f: &mut Field) {
    let order = f.inc.list[incident].household;
    let Some(mut h) = f.households.iter_mut().find(|h| Some(h.order) == order) else {
        return;
    };
    if h.alive() == 0 || h.state != HouseholdState::Trapped {
        f.inc.list[incident].resolved_s = Some(t.until_s);
        t.task = None;
        let at = t.until_s;
        set_state(t, TeamState::Idle, at, &mut f.log);
        return;
    }
    let alive = h.alive();
    let cols = ctx.compiled.terrain.dims.cols;
    let (c, r) = ((t.cell % cols) as i64, (t.cell / cols) as i64);
    let target = f
        .shelters
        .0
        .iter()
        .enumerate()
        .filter(|(_, s)| s.usable && s.occupancy + alive <= s.capacity)
        .min_by_key(|(i, s)| (((s.cell % cols) as i64 - c).pow(2) + ((s.cell / cols) as i64 - r).pow(2), *i))
        .map(|(i, _)| i)
        .or_else(|| f.shelters.0.iter().position(|s| s.usable));
    let Some(si) = target else { return };
    let to = f.shelters.0[si].cell;
    let cell_m = ctx.compiled.terrain.cell_m;
    let leg = travel::road_time(ctx, &f.roads.0, t, t.cell, to)
        .unwrap_or_else(|| travel::boat_path_cells(ctx, &f.hazards, t.cell, to).unwrap_or(0) as f64 * cell_m / t.speed_ms);
    let trips = alive.div_ceil(t.capacity).max(1) as f64;
    h.state = HouseholdState::Travelling;
    t.task = Some(Task::Transport { incident, shelter: si });
    t.until_s += leg * (2.0 * trips - 1.0);
    set_state(t, TeamState::Travelling, now, &mut f.log);
}

/// A team that has worked its shift rests, handing plan tasks back to the
/// pending list (rescues and transports are finished first).
fn end_shift(t: &mut Team, k: &TeamKind, span: Span, f: &mut Field) {
    let (Some(start), Some(shift)) = (t.shift_started_s, k.shift) else {
        return;
    };
    if !matches!(t.state, TeamState::Working | TeamState::Idle)
        || span.next - start < shift.secs()
        || matches!(
            t.task,
            Some(Task::Rescue { .. } | Task::Transport { .. } | Task::Casualty { .. } | Task::ToDecon { .. } | Task::ToHospital { .. })
        )
    {
        return;
    }
    hand_back(t, span.next, f);
    t.until_s = span.next + k.rest.map(|r| r.secs()).unwrap_or(0.0);
    set_state(t, TeamState::Resting, span.next, &mut f.log);
}

/// Teams still working at the end of the tick use their kind's supplies
/// for it (logistics draws them from the nearest depot).
pub fn use_supplies(clock: Res<Clock>, ctx: Res<Ctx>, teams: Query<&Team>, mut supplies: MessageWriter<SupplyUse>) {
    let mut working: Vec<&Team> = teams.iter().filter(|t| t.state == TeamState::Working).collect();
    working.sort_by_key(|t| t.order);
    for t in working {
        for (item, per_hour) in &ctx.team_kinds[t.kind].supplies_per_hour {
            supplies.write(SupplyUse {
                holder: t.id.clone(),
                cell: t.cell,
                item: item.clone(),
                amount: per_hour.value().max(0.0) * clock.dt_s / 3600.0,
            });
        }
    }
}

/// The owning domain finished a site's work: its team is free, and the site
/// leaves the pending list if it was handed back meanwhile.
pub fn release_done(mut done: MessageReader<WorkDone>, mut teams: Query<&mut Team>, mut inc: ResMut<Incidents>, mut log: ResMut<EventLog>) {
    let mut ts: Vec<Mut<Team>> = teams.iter_mut().collect();
    ts.sort_by_key(|t| t.order);
    for d in done.read() {
        let is_site = |task: &Task| matches!(task, Task::Site { kind, site, .. } if *kind == d.kind && *site == d.site);
        inc.pending.retain(|(task, _)| !is_site(task));
        if let Some(t) = ts
            .iter_mut()
            .find(|t| t.state == TeamState::Working && t.task.as_ref().is_some_and(is_site))
        {
            t.task = None;
            set_state(t, TeamState::Idle, d.at_s, &mut log);
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
