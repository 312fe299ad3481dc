//! Spawning teams, taking command's orders, reporting incidents, and
//! assigning teams to tasks.

use super::{Incident, IncidentKind, Incidents, Task, Team, TeamState, WaitCause, travel};
use crate::engine::{Clock, Ctx, EventLog, SimBuilder};
use crate::scenario::model::DispatchPolicy;
use crate::world::crews::CrewAir;
use crate::world::hazard::Hazards;
use crate::world::people::{ChannelOutages, Household, HouseholdState};
use crate::world::plan::TeamOrder;
use crate::world::roads::Roads;
use crate::world::tasks::WorkRequest;
use bevy_ecs::prelude::*;
use serde_json::json;

pub fn spawn(b: &mut SimBuilder) {
    let ctx = b.world.resource::<Ctx>();
    let kinds = &ctx.team_kinds;
    let c = &ctx.compiled;
    let default_dispatch = ctx.scenario.plan.default_dispatch;
    let teams: Vec<(Team, CrewAir)> = ctx
        .scenario
        .teams
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let kind = kinds.iter().position(|k| k.id == t.kind)?;
            let k = &kinds[kind];
            let place = ctx
                .scenario
                .stations
                .iter()
                .find(|s| s.id == t.base)
                .map(|s| s.place.as_str())
                .unwrap_or(&t.base);
            let cell = c.centre_cell(place);
            let mobilisation = k.mobilisation.as_ref().map(|m| m.value().secs()).unwrap_or(0.0);
            let ready = t.ready_after.as_ref().map(|r| r.value().secs()).unwrap_or(mobilisation);
            let protection = k.protection.map_or(1.0, |p| p.protection_factor());
            let air = CrewAir::new(i as u32, &t.id, cell, protection, t.crew.max(1));
            let team = Team {
                order: i as u32,
                id: t.id.clone(),
                kind,
                mode: k.mode,
                speed_ms: k.speed_kmh.value().max(0.1) / 3.6,
                scba: k.protection.is_some_and(|p| p.scba()),
                capacity: k.capacity_people.max(1),
                crew_factor: t.crew.max(1) as f64 / k.crew.max(1) as f64,
                base_cell: cell,
                cell,
                state: TeamState::Mobilising,
                task: None,
                until_s: ready,
                ready_at_s: ready,
                committed: default_dispatch,
                shift_started_s: None,
                task_created_s: 0.0,
            };
            Some((team, air))
        })
        .collect();
    b.world.spawn_batch(teams);
}

pub fn take_orders(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    mut orders: MessageReader<TeamOrder>,
    mut work: MessageReader<WorkRequest>,
    mut inc: ResMut<Incidents>,
    mut q: Query<&mut Team>,
) {
    let kinds = &ctx.team_kinds;
    let now = clock.now_s();
    for o in orders.read() {
        match o {
            TeamOrder::Commit { kind, count, policy } => {
                inc.policy = *policy;
                let mut teams: Vec<Mut<Team>> = q.iter_mut().filter(|t| kinds[t.kind].id == *kind && !t.committed).collect();
                teams.sort_by_key(|t| t.order);
                let n = count.map(|c| c as usize).unwrap_or(teams.len());
                for t in teams.iter_mut().take(n) {
                    t.committed = true;
                }
                *inc.committed_kinds.entry(kind.clone()).or_insert(0) += n as u32;
            }
            TeamOrder::TrafficControl { link, close, factor } => inc.pending.push((
                Task::TrafficControl {
                    link: *link,
                    close: *close,
                    factor: *factor,
                },
                now,
            )),
            TeamOrder::Recon { cell, place } => inc.pending.push((
                Task::Recon {
                    cell: *cell,
                    place: place.clone(),
                },
                now,
            )),
        }
    }
    for w in work.read() {
        let task = Task::Site {
            kind: w.kind,
            site: w.site,
            cell: w.cell,
        };
        inc.pending.push((task, now));
    }
}

/// New trapped households become incidents; command learns of them after the
/// reporting delay (tripled while every warning channel is cut). Injured
/// residents and overcome crews become casualty incidents where a hospital
/// has a bed.
// A system's parameters are the data it reads; splitting them would hide that.
#[allow(clippy::too_many_arguments)]
pub fn report_incidents(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    outages: Res<ChannelOutages>,
    q: Query<&Household>,
    crews: Query<&CrewAir>,
    hospitals: Res<super::casualties::Hospitals>,
    mut inc: ResMut<Incidents>,
    mut log: ResMut<EventLog>,
) {
    let now = clock.now_s();
    // Casualties only where a hospital could take them (see `casualties`).
    let hospital_beds = hospitals.any_free();
    let mut needs: Vec<(&Household, IncidentKind, u32)> = q
        .iter()
        .filter_map(|h| {
            if h.state == HouseholdState::Trapped {
                (h.alive() > 0).then_some((h, IncidentKind::Trapped, h.alive()))
            } else {
                let retry_due = inc.casualty_retry_s.get(&h.order).is_none_or(|t| *t <= now);
                (hospital_beds && h.injured > 0 && retry_due).then_some((h, IncidentKind::Casualty, h.injured))
            }
        })
        .collect();
    // Trapped households first, then casualties, each in household order.
    needs.sort_by_key(|(h, kind, _)| (*kind == IncidentKind::Casualty, h.order));
    let all_cut = !outages.0.is_empty() && outages.0.len() >= 4 && outages.0.values().all(|u| *u > now);
    let delay = ctx.scenario.plan.report_delay.value().secs() * if all_cut { 3.0 } else { 1.0 };
    for (h, kind, people) in needs {
        if inc
            .list
            .iter()
            .any(|i| i.household == Some(h.order) && i.kind == kind && i.resolved_s.is_none())
        {
            continue;
        }
        let id = inc.list.len();
        inc.list.push(Incident {
            id,
            kind,
            household: Some(h.order),
            crew: None,
            cell: h.cell,
            people,
            created_s: now,
            reported_s: now + delay,
            team: None,
            first_unit_s: None,
            resolved_s: None,
            washed: false,
            assigned_s: None,
            waited_s: [0.0; WaitCause::COUNT],
        });
    }
    // A crew overcome in the field is on the radio: command knows at once.
    let mut down: Vec<&CrewAir> = crews
        .iter()
        .filter(|c| hospital_beds && c.overcome_s.is_some() && c.crew > 0)
        .filter(|c| inc.crew_retry_s.get(&c.order).is_none_or(|t| *t <= now))
        .collect();
    down.sort_by_key(|c| c.order);
    for c in down {
        // Members who died while waiting are not carried.
        if let Some(i) = inc.list.iter_mut().find(|i| i.crew == Some(c.order) && i.resolved_s.is_none()) {
            i.people = i.people.min(c.crew);
            continue;
        }
        let id = inc.list.len();
        inc.list.push(Incident {
            id,
            kind: IncidentKind::Casualty,
            household: None,
            crew: Some(c.order),
            cell: c.cell,
            people: c.crew,
            created_s: now,
            reported_s: now,
            team: None,
            first_unit_s: None,
            resolved_s: None,
            washed: false,
            assigned_s: None,
            waited_s: [0.0; WaitCause::COUNT],
        });
    }
    for i in inc.list.iter().filter(|i| i.reported_s >= now && i.reported_s < clock.next_s()) {
        log.push(
            i.reported_s,
            "incident_reported",
            &format!("incident_{}", i.id),
            &[
                ("people", json!(i.people)),
                ("cell", json!(i.cell)),
                ("kind", json!(if i.kind == IncidentKind::Trapped { "trapped" } else { "casualty" })),
            ],
        );
    }
}

/// Can this kind do this task?
fn capable(ctx: &Ctx, team: &Team, task: &Task) -> bool {
    let k = &ctx.team_kinds[team.kind];
    match task {
        Task::Rescue { .. } | Task::Transport { .. } => k.rescue_per_hour.is_some(),
        Task::Casualty { .. } | Task::ToDecon { .. } | Task::ToHospital { .. } => {
            k.rescue_per_hour.is_some() && super::casualties::carries_casualties(team.mode)
        }
        Task::Site { kind, .. } => kind.rate(k).is_some(),
        Task::TrafficControl { .. } => k.traffic_control,
        Task::Recon { .. } => true,
    }
}

/// Nearest capable, committed, idle team for each task; plan tasks first,
/// then incidents by priority (casualties before trapped households, then
/// people waiting, then how long they have waited).
pub fn assign(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    roads: Res<Roads>,
    hazards: Res<Hazards>,
    mut inc: ResMut<Incidents>,
    mut q: Query<&mut Team>,
    mut log: ResMut<EventLog>,
) {
    let now = clock.now_s();
    let tick_s = clock.next_s() - now;
    let mut teams: Vec<Mut<Team>> = q.iter_mut().collect();
    teams.sort_by_key(|t| t.order);
    let mut waiting = [0u32; WaitCause::COUNT];
    for i in inc.list.iter_mut().filter(|i| i.awaits_first_team() && i.reported_s > now) {
        i.add_wait(WaitCause::Unreported, tick_s);
        waiting[WaitCause::Unreported as usize] += 1;
    }
    let mut tasks: Vec<(Task, usize, f64)> = inc.pending.iter().map(|(t, at)| (t.clone(), task_cell(&ctx, t), *at)).collect();
    let mut rescues: Vec<&Incident> = inc
        .list
        .iter()
        .filter(|i| i.team.is_none() && i.resolved_s.is_none() && i.reported_s <= now)
        .collect();
    let policy = inc.policy;
    rescues.sort_by(|a, b| priority(policy, a, b));
    tasks.extend(rescues.iter().map(|i| {
        let task = match i.kind {
            IncidentKind::Trapped => Task::Rescue { incident: i.id },
            IncidentKind::Casualty => Task::Casualty { incident: i.id },
        };
        (task, i.cell, i.created_s)
    }));
    let mut assigned_plan = Vec::new();
    // Whether a busy team has a way to a cell, asked once a tick for teams
    // that start alike: boats in one harbour, households in one cell.
    let mut busy_reach = travel::ReachCache::default();
    for (task, cell, created) in tasks {
        let (best, cause) = nearest_able(&ctx, &roads, &hazards, &teams, &task, cell, &mut busy_reach);
        let Some((tt, ti)) = best else {
            if let Task::Rescue { incident } | Task::Casualty { incident } = task {
                let i = &mut inc.list[incident];
                if i.awaits_first_team() {
                    i.add_wait(cause, tick_s);
                    waiting[cause as usize] += 1;
                }
            }
            continue;
        };
        let t = &mut teams[ti];
        t.state = TeamState::Travelling;
        t.until_s = now + tt;
        t.task = Some(task.clone());
        t.shift_started_s.get_or_insert(now);
        t.task_created_s = created;
        log.push(
            now,
            "team_state",
            &t.id,
            &[
                ("state", json!("travelling")),
                ("task", json!(task.label())),
                ("eta_min", json!(tt / 60.0)),
                ("cell", json!(t.cell)),
            ],
        );
        match task {
            Task::Rescue { incident } | Task::Casualty { incident } => {
                let i = &mut inc.list[incident];
                i.team = Some(ti);
                if i.awaits_first_team() {
                    i.assigned_s = Some(now);
                }
            }
            _ => assigned_plan.push(task),
        }
    }
    inc.pending.retain(|(t, _)| !assigned_plan.contains(t));
    waiting[WaitCause::OnTheWay as usize] = inc.list.iter().filter(|i| i.awaits_first_team() && i.assigned_s.is_some()).count() as u32;
    inc.waiting_now = waiting;
}

/// The nearest committed, idle team able to do `task` that can get to
/// `cell` (travel time, index into `teams`; the lower index on a tie), and
/// else why none: the furthest of the [`WaitCause`] checks any team passed,
/// except that a free team without a way there while a busy one has a way
/// (from where it is now) is [`WaitCause::AllBusy`], not a route problem.
fn nearest_able(
    ctx: &Ctx,
    roads: &Roads,
    hazards: &Hazards,
    teams: &[Mut<Team>],
    task: &Task,
    cell: usize,
    busy_reach: &mut travel::ReachCache,
) -> (Option<(f64, usize)>, WaitCause) {
    let mut cause = WaitCause::NoAbleTeam;
    let mut best: Option<(f64, usize)> = None;
    for (i, t) in teams.iter().enumerate() {
        if !capable(ctx, t, task) {
            continue;
        }
        cause = cause.max(WaitCause::NotCommitted);
        if !t.committed {
            continue;
        }
        cause = cause.max(WaitCause::AllBusy);
        if t.state != TeamState::Idle {
            continue;
        }
        cause = cause.max(WaitCause::NoRoute);
        let Some(tt) = travel::travel_time(ctx, &roads.0, hazards, t, cell) else {
            continue;
        };
        if best.is_none_or(|(b, _)| tt.total_cmp(&b).is_lt()) {
            best = Some((tt, i));
        }
    }
    if best.is_none() && cause == WaitCause::NoRoute {
        let busy_with_a_way = teams.iter().any(|t| {
            !matches!(t.state, TeamState::Idle | TeamState::Lost)
                && t.committed
                && capable(ctx, t, task)
                && busy_reach.can_reach(ctx, &roads.0, hazards, t, cell)
        });
        if busy_with_a_way {
            cause = WaitCause::AllBusy;
        }
    }
    (best, cause)
}

/// Which waiting incident is served first. Severity always leads — the
/// injured before the trapped. Then `Nearest` (the default) serves the most
/// people waiting first, then the longest wait; `LongestWaiting` serves the
/// longest wait first, then the most people. Each task then gets the nearest
/// capable team either way.
pub(super) fn priority(policy: DispatchPolicy, a: &Incident, b: &Incident) -> std::cmp::Ordering {
    let severity = (b.kind == IncidentKind::Casualty).cmp(&(a.kind == IncidentKind::Casualty));
    let people = b.people.cmp(&a.people);
    let waited = a.reported_s.total_cmp(&b.reported_s);
    let rest = match policy {
        DispatchPolicy::Nearest => people.then(waited),
        DispatchPolicy::LongestWaiting => waited.then(people),
    };
    severity.then(rest).then(a.id.cmp(&b.id))
}

pub(super) fn task_cell(ctx: &Ctx, task: &Task) -> usize {
    match task {
        Task::Site { cell, .. } => *cell,
        Task::TrafficControl { link, .. } => {
            let net = &ctx.compiled.roads;
            net.arcs_of_link(*link)
                .next()
                .map(|a| net.nodes[net.arcs[a].from].cell)
                .unwrap_or(0)
        }
        Task::Recon { cell, .. } => *cell,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incident(id: usize, people: u32, reported_s: f64) -> Incident {
        Incident {
            id,
            kind: IncidentKind::Trapped,
            household: None,
            crew: None,
            cell: 0,
            people,
            created_s: reported_s,
            reported_s,
            team: None,
            first_unit_s: None,
            resolved_s: None,
            washed: false,
            assigned_s: None,
            waited_s: [0.0; WaitCause::COUNT],
        }
    }

    #[test]
    fn the_dispatch_policy_changes_who_is_served_first() {
        let (many_late, few_early) = (incident(0, 5, 600.0), incident(1, 2, 60.0));
        let first = |policy| {
            let mut v = [&many_late, &few_early];
            v.sort_by(|a, b| priority(policy, a, b));
            v[0].id
        };
        assert_eq!(first(DispatchPolicy::Nearest), 0, "most people first");
        assert_eq!(first(DispatchPolicy::LongestWaiting), 1, "longest wait first");
        let casualty = Incident {
            kind: IncidentKind::Casualty,
            ..incident(2, 1, 900.0)
        };
        let mut v = [&many_late, &few_early, &casualty];
        v.sort_by(|a, b| priority(DispatchPolicy::LongestWaiting, a, b));
        assert_eq!(v[0].id, 2, "the injured lead under any policy");
    }
}
