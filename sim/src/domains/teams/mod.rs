//! Response teams: mobilise, travel, work, rest; and the incidents they serve.
//!
//! Teams are entities with plain-data state. Incidents — trapped households,
//! and injured people once the drill has hospitals ([`casualties`]); work at
//! hazard sites (through [`crate::world::tasks`]) and traffic tasks come from
//! the plan — become known to command after
//! the plan's reporting delay. Every tick, [`dispatch::assign`] gives
//! each known, unserved task the nearest capable available team (priority by
//! people waiting and waiting time); the plan can switch that default off and
//! commit teams itself with `Dispatch`. Travel time is fixed at dispatch from
//! the road graph with the closures then in force (road mode), a road leg to
//! the water's edge plus a boat leg over wet cells (water mode), or a straight
//! line (air); [`work`] carries out the task when the team arrives. Each
//! tick an incident still waiting for its first team is charged to one
//! [`WaitCause`] — not yet known, no able team, none committed, all busy,
//! no way there, on the way — so a report can say why people waited.

pub mod casualties;
mod dispatch;
mod travel;
mod waits;
pub(crate) mod work;

pub use waits::WaitCause;

use crate::engine::{Ctx, RunResults, SimBuilder};
use crate::scenario::model::DispatchPolicy;
use crate::scenario::model::TravelMode;
use crate::world::plan::MselState;
use crate::world::sets::{ActStep, CommandStep};
use crate::world::tasks::WorkKind;
use bevy_ecs::prelude::*;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeamState {
    Mobilising,
    Idle,
    Travelling,
    Working,
    Resting,
    Lost,
}

impl TeamState {
    pub fn name(self) -> &'static str {
        match self {
            TeamState::Mobilising => "mobilising",
            TeamState::Idle => "idle",
            TeamState::Travelling => "travelling",
            TeamState::Working => "working",
            TeamState::Resting => "resting",
            TeamState::Lost => "lost",
        }
    }
}

/// What a team is doing or about to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Task {
    /// Rescue the people of a trapped household and carry them to a shelter.
    Rescue { incident: usize },
    /// Work at a hazard's site (a levee to sandbag, a pump to run), for the
    /// domain that owns it; `cell` is where the team works.
    Site { kind: WorkKind, site: usize, cell: usize },
    /// Carry rescued people to a shelter.
    Transport { incident: usize, shelter: usize },
    /// Reach injured people and make them ready to move (road or air teams).
    Casualty { incident: usize },
    /// Carry casualties of a toxic cloud to a decontamination line and
    /// wait there while they are washed (then on to hospital).
    ToDecon { incident: usize, line: usize },
    /// Carry injured people to a hospital.
    ToHospital { incident: usize, hospital: usize },
    /// Direct traffic on a declared link: close it, or scale its capacity.
    TrafficControl { link: usize, close: bool, factor: f64 },
    /// Look at a place: trapped people there become known on arrival.
    Recon { cell: usize, place: String },
}

impl Task {
    pub fn label(&self) -> String {
        match self {
            Task::Rescue { incident } => format!("rescue #{incident}"),
            Task::Site { kind, site, .. } => kind.label(*site),
            Task::Transport { incident, .. } => format!("transport #{incident}"),
            Task::Casualty { incident } => format!("casualty #{incident}"),
            Task::ToDecon { incident, .. } => format!("to decontamination #{incident}"),
            Task::ToHospital { incident, .. } => format!("to hospital #{incident}"),
            Task::TrafficControl { link, .. } => format!("traffic control link #{link}"),
            Task::Recon { place, .. } => format!("recon {place}"),
        }
    }
}

#[derive(Component, Clone, Debug)]
pub struct Team {
    pub order: u32,
    pub id: String,
    pub kind: usize,
    pub mode: TravelMode,
    pub speed_ms: f64,
    /// Breathes from SCBA (protection `LevelA` or `LevelB`).
    pub scba: bool,
    pub capacity: u32,
    /// The team's crew over its kind's: scales rescue and work rates.
    pub crew_factor: f64,
    pub base_cell: usize,
    pub cell: usize,
    pub state: TeamState,
    pub task: Option<Task>,
    /// When the current travel, work or rest ends (s).
    pub until_s: f64,
    pub ready_at_s: f64,
    /// Committed to the incident (by the default policy or a `Dispatch` order).
    pub committed: bool,
    pub shift_started_s: Option<f64>,
    /// When the current task arose (incident created or plan order given), s.
    pub task_created_s: f64,
}

/// What an incident needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncidentKind {
    /// A household trapped by the hazard: rescue it and carry it to a shelter.
    Trapped,
    /// Injured people outside a hospital: carry them to one.
    Casualty,
}

/// The ids of the scenario's teams whose kind can rescue trapped people (a
/// kind with `rescue_per_hour`, the scenario's own or a bundled one), in
/// the scenario's order: the teams the wait causes past
/// [`WaitCause::NoAbleTeam`] are about.
pub fn rescue_teams(scenario: &crate::Scenario) -> Vec<&str> {
    let kinds = crate::response_defaults::merged_kinds(&scenario.team_kinds);
    scenario
        .teams
        .iter()
        .filter(|t| kinds.iter().any(|k| k.id == t.kind && k.rescue_per_hour.is_some()))
        .map(|t| t.id.as_str())
        .collect()
}

/// Something command knows needs a team.
#[derive(Clone, Debug)]
pub struct Incident {
    pub id: usize,
    pub kind: IncidentKind,
    /// Household order for rescues and casualties.
    pub household: Option<u32>,
    /// Team order of an overcome crew, for a responder-down casualty.
    pub crew: Option<u32>,
    pub cell: usize,
    pub people: u32,
    pub created_s: f64,
    pub reported_s: f64,
    pub team: Option<usize>,
    pub first_unit_s: Option<f64>,
    pub resolved_s: Option<f64>,
    /// Its casualties went through a decontamination line.
    pub washed: bool,
    /// When the team now on its way to it set off, until the first arrives.
    pub assigned_s: Option<f64>,
    /// Seconds spent waiting for the first team, by [`WaitCause`] (indexed
    /// by the cause's place in [`WaitCause::ALL`]).
    pub waited_s: [f64; WaitCause::COUNT],
}

impl Incident {
    /// Still waiting for its first team (and not given up).
    pub fn awaits_first_team(&self) -> bool {
        self.first_unit_s.is_none() && self.resolved_s.is_none()
    }

    pub fn add_wait(&mut self, cause: WaitCause, secs: f64) {
        self.waited_s[cause as usize] += secs;
    }

    /// The team on its way arrived, was lost, or the drill ended, at `at`.
    pub fn end_travel(&mut self, at: f64) {
        if let Some(set_off) = self.assigned_s.take() {
            self.add_wait(WaitCause::OnTheWay, (at - set_off).max(0.0));
        }
    }
}

#[derive(Resource, Default, Clone, Debug)]
pub struct Incidents {
    pub list: Vec<Incident>,
    /// Plan-ordered tasks (sandbag, pump) waiting for a team, with when they were ordered (s).
    pub pending: Vec<(Task, f64)>,
    /// Kinds the plan has committed (`Dispatch`), with how many teams more may be committed.
    pub committed_kinds: BTreeMap<String, u32>,
    /// Households whose injured no team could get to a hospital, by household
    /// order: no new casualty incident for them before this time (s).
    pub casualty_retry_s: BTreeMap<u32, f64>,
    /// The order waiting incidents are served in: the last `Dispatch` order's policy.
    pub policy: DispatchPolicy,
    /// Overcome crews whose members no team could get to a hospital, by team
    /// order: no new casualty incident for them before this time (s).
    pub crew_retry_s: BTreeMap<u32, f64>,
    /// Crew members admitted to hospital this tick (crew's team order,
    /// people), applied to their `CrewAir` at the end of the teams' step.
    pub crew_admitted: Vec<(u32, u32)>,
    /// Incidents waiting for their first team at this tick's dispatch, by
    /// [`WaitCause`] (recorded as `incidents_waiting_<key>`).
    pub waiting_now: [u32; WaitCause::COUNT],
}

pub fn build(b: &mut SimBuilder) {
    dispatch::spawn(b);
    b.world.insert_resource(Incidents::default());
    casualties::build(b);
    b.world.insert_resource(work::Arrivals::default());
    b.schedule.add_systems(
        (dispatch::take_orders, dispatch::report_incidents, dispatch::assign)
            .chain()
            .in_set(CommandStep::Teams),
    );
    b.schedule.add_systems(work::advance_teams.in_set(ActStep::Teams));
    b.schedule
        .add_systems((work::release_done, work::use_supplies).chain().in_set(ActStep::Release));
    b.add_recorder(work::record_teams);
    b.add_recorder(waits::record_waiting);
    let mut keys: Vec<String> = [
        "incidents.total",
        "incidents.reported",
        "incidents.resolved",
        "people.rescued",
        "incidents.mean_wait_min",
    ]
    .map(String::from)
    .to_vec();
    keys.extend(WaitCause::ALL.map(WaitCause::metric));
    keys.extend(b.ctx().scenario.injects.iter().map(|i| format!("inject.{}.first_unit_min", i.id)));
    b.declare_metrics(keys);
    b.add_finisher(metrics);
}

fn metrics(world: &mut World, out: &mut RunResults) {
    let m = &mut out.metrics;
    let end_s = world.resource::<crate::engine::Clock>().now_s();
    let mut inc = world.resource::<Incidents>().clone();
    let ctx = world.resource::<Ctx>();
    for i in inc.list.iter_mut().filter(|i| i.first_unit_s.is_none()) {
        i.end_travel(end_s);
    }
    for cause in WaitCause::ALL {
        let secs: f64 = inc.list.iter().map(|i| i.waited_s[cause as usize]).sum();
        m.insert(cause.metric(), secs / 60.0);
    }
    out.tables.insert("incidents".into(), waits::incidents_table(&inc.list));
    let m = &mut out.metrics;
    let known = inc.list.iter().filter(|i| i.reported_s.is_finite()).count();
    m.insert("incidents.total".into(), inc.list.len() as f64);
    m.insert("incidents.reported".into(), known as f64);
    m.insert(
        "incidents.resolved".into(),
        inc.list.iter().filter(|i| i.resolved_s.is_some()).count() as f64,
    );
    let rescued: u32 = inc
        .list
        .iter()
        .filter(|i| i.kind == IncidentKind::Trapped && i.resolved_s.is_some())
        .map(|i| i.people)
        .sum();
    m.insert("people.rescued".into(), rescued as f64);
    let waits: Vec<f64> = inc
        .list
        .iter()
        .filter_map(|i| i.first_unit_s.map(|t| (t - i.created_s) / 60.0))
        .collect();
    // Always present (NaN without data) so every replication has the same metric keys.
    m.insert(
        "incidents.mean_wait_min".into(),
        if waits.is_empty() {
            f64::NAN
        } else {
            waits.iter().sum::<f64>() / waits.len() as f64
        },
    );
    // Time from each inject to the first team arriving on any task after it.
    let fired: Vec<(String, Option<f64>)> = world
        .resource::<MselState>()
        .inject_fired_at
        .iter()
        .zip(&ctx.scenario.injects)
        .map(|(t, i)| (i.id.clone(), *t))
        .collect();
    // Only tasks that arose at or after the inject count as its response.
    let arrivals = &world.resource::<work::Arrivals>().0;
    for (id, t) in fired {
        let Some(t) = t else {
            m.insert(format!("inject.{id}.first_unit_min"), f64::NAN);
            continue;
        };
        let first = arrivals
            .iter()
            .filter(|(_, created)| *created >= t)
            .map(|(a, _)| *a)
            .fold(f64::INFINITY, f64::min);
        m.insert(
            format!("inject.{id}.first_unit_min"),
            if first.is_finite() { (first - t) / 60.0 } else { f64::NAN },
        );
    }
}
