//! Injured people and hospitals.
//!
//! Harm (in the people domain) leaves some people injured. When the drill
//! declares hospitals, every household with injured members that is not
//! trapped (a trapped household is a rescue first: the boat brings everyone
//! to a shelter) becomes a casualty incident, reported like any other. A team
//! that can carry people (`rescue_per_hour`) and travels by road or air — an
//! ambulance, a search-and-rescue truck, a helicopter; not a boat — goes to
//! them, takes `injured / rescue_per_hour` to make them ready, and drives (or
//! flies) to the nearest hospital with a free bed, making as many round trips
//! as its capacity needs. There they become hospitalised: out of harm's way
//! (harm only ever touches the injured still outside), counted by
//! `people.hospitalised`. A drill without hospitals has no casualty incidents.
//!
//! Casualties of a toxic cloud (a household that breathed AEGL-2 or above,
//! an overcome crew) go first through the nearest open decontamination
//! line, if command opened one ([`crate::world::decon`]): the carrier
//! drives there, waits its turn while they are washed, and goes on to
//! hospital from there. Admitted unwashed, they are counted.

use super::{Incident, Incidents, Team, TeamState, travel};
use crate::engine::{Ctx, EventLog, SimBuilder};
use crate::scenario::model::TravelMode;
use crate::world::decon::DeconLines;
use crate::world::people::Household;
use bevy_ecs::prelude::*;
use serde_json::json;

/// After no team could get a household's injured to a hospital (no free bed,
/// no open road), how long before command tries again (s): an hour, so the
/// same stranded casualties do not tie a team up tick after tick.
pub const CASUALTY_RETRY_S: f64 = 3600.0;

/// A hospital as the run sees it.
#[derive(Clone, Debug)]
pub struct HospitalState {
    pub id: String,
    pub cell: usize,
    /// Beds for drill casualties (sampled for the run).
    pub beds: u32,
    pub admitted: u32,
}

impl HospitalState {
    pub fn free(&self) -> u32 {
        self.beds.saturating_sub(self.admitted)
    }
}

/// The drill's hospitals, in scenario order.
#[derive(Resource, Clone, Debug, Default)]
pub struct Hospitals(pub Vec<HospitalState>);

impl Hospitals {
    pub fn any_free(&self) -> bool {
        self.0.iter().any(|h| h.free() > 0)
    }

    /// The hospital with a free bed nearest to `cell` in a straight line (ties by order).
    pub fn nearest_free(&self, cell: usize, cols: usize) -> Option<usize> {
        let (c, r) = ((cell % cols) as i64, (cell / cols) as i64);
        self.0
            .iter()
            .enumerate()
            .filter(|(_, h)| h.free() > 0)
            .min_by_key(|(i, h)| (((h.cell % cols) as i64 - c).pow(2) + ((h.cell / cols) as i64 - r).pow(2), *i))
            .map(|(i, _)| i)
    }
}

pub fn build(b: &mut SimBuilder) {
    let ctx = b.world.resource::<Ctx>();
    let hospitals = ctx
        .scenario
        .hospitals
        .iter()
        .map(|h| HospitalState {
            id: h.id.clone(),
            cell: ctx.compiled.centre_cell(&h.place),
            beds: h.beds.value().max(0.0).round() as u32,
            admitted: 0,
        })
        .collect();
    b.world.insert_resource(Hospitals(hospitals));
}

/// Can a team of this travel mode carry casualties to a hospital?
pub fn carries_casualties(mode: TravelMode) -> bool {
    mode != TravelMode::Water
}

/// Casualties who breathed the cloud at the injuring level, or a crew it
/// overcame: they are washed before a hospital takes them.
pub fn needs_decon(i: &Incident, household: Option<&Household>) -> bool {
    i.crew.is_some() || household.is_some_and(|h| h.breath.max_aegl >= 2)
}

/// Travel time for the team from `from` to `to` by its mode, if it can get there.
fn leg(t: &Team, ctx: &Ctx, roads: &crate::roads::RoadState, from: usize, to: usize) -> Option<f64> {
    match t.mode {
        TravelMode::Air => Some(travel::straight_time(ctx, from, to, t.speed_ms)),
        _ => travel::road_time(ctx, roads, t, from, to),
    }
}

/// The team has made the `injured` of a cloud's casualty incident ready:
/// set off for the nearest open decontamination line. False (the team
/// goes straight to hospital) when none is open or none can be reached.
pub fn leave_for_decon(
    t: &mut Team,
    incident: usize,
    injured: u32,
    decon: &DeconLines,
    ctx: &Ctx,
    roads: &crate::roads::RoadState,
) -> bool {
    let cols = ctx.compiled.terrain.dims.cols;
    let Some(line) = (injured > 0).then(|| decon.nearest_open(t.cell, cols)).flatten() else {
        return false;
    };
    let Some(leg) = leg(t, ctx, roads, t.cell, decon.lines[line].cell) else {
        return false;
    };
    let trips = injured.div_ceil(t.capacity).max(1) as f64;
    t.task = Some(super::Task::ToDecon { incident, line });
    t.until_s += leg * (2.0 * trips - 1.0);
    true
}

/// The team has made the `injured` of an incident (a household's, or an
/// overcome crew's) ready: set off for the nearest hospital with a free bed.
/// False (and the incident resolved) when there is nobody left to carry, no
/// free bed, or no way there.
#[allow(clippy::too_many_arguments)]
pub fn leave_for_hospital(
    t: &mut Team,
    incident: usize,
    injured: u32,
    hospitals: &Hospitals,
    ctx: &Ctx,
    roads: &crate::roads::RoadState,
    inc: &mut Incidents,
    log: &mut EventLog,
) -> bool {
    let at = t.until_s;
    let cols = ctx.compiled.terrain.dims.cols;
    let target = (injured > 0).then(|| hospitals.nearest_free(t.cell, cols)).flatten();
    let leg = target.and_then(|hi| leg(t, ctx, roads, t.cell, hospitals.0[hi].cell));
    let (Some(hi), Some(leg)) = (target, leg) else {
        let i = &mut inc.list[incident];
        i.resolved_s = Some(at);
        if injured > 0 {
            match (i.household, i.crew) {
                (Some(order), _) => inc.casualty_retry_s.insert(order, at + CASUALTY_RETRY_S),
                (None, Some(order)) => inc.crew_retry_s.insert(order, at + CASUALTY_RETRY_S),
                (None, None) => None,
            };
            log.push(at, "no_hospital_reached", &format!("incident_{incident}"), &[("team", json!(t.id))]);
        }
        return false;
    };
    let trips = injured.div_ceil(t.capacity).max(1) as f64;
    t.task = Some(super::Task::ToHospital { incident, hospital: hi });
    t.until_s = at + leg * (2.0 * trips - 1.0);
    true
}

/// The team reaches the hospital: the injured it carries are admitted, as many
/// as there are free beds (the rest stay injured and become a new incident).
pub fn admit(
    t: &mut Team,
    incident: usize,
    hospital: usize,
    h: &mut Household,
    hospitals: &mut Hospitals,
    inc: &mut Incidents,
    log: &mut EventLog,
) -> u32 {
    let n = admit_people(t, incident, hospital, h.injured, hospitals, inc, log);
    h.injured -= n;
    h.hospitalised += n;
    n
}

/// The team reaches the hospital with an overcome crew's members: as many
/// as there are free beds are admitted (the rest stay where the crew fell
/// and become a new incident); the crew's air hears it at the end of the
/// teams' step (`Incidents::crew_admitted`).
pub fn admit_crew(
    t: &mut Team,
    incident: usize,
    hospital: usize,
    hospitals: &mut Hospitals,
    inc: &mut Incidents,
    log: &mut EventLog,
) -> u32 {
    let Some(order) = inc.list[incident].crew else {
        return 0;
    };
    let n = admit_people(t, incident, hospital, inc.list[incident].people, hospitals, inc, log);
    inc.crew_admitted.push((order, n));
    n
}

/// Admit up to `carried` people at the hospital; how many found a bed.
fn admit_people(
    t: &mut Team,
    incident: usize,
    hospital: usize,
    carried: u32,
    hospitals: &mut Hospitals,
    inc: &mut Incidents,
    log: &mut EventLog,
) -> u32 {
    let at = t.until_s;
    let hs = &mut hospitals.0[hospital];
    let n = carried.min(hs.free());
    hs.admitted += n;
    t.cell = hs.cell;
    inc.list[incident].resolved_s = Some(at);
    log.push(
        at,
        "patients_admitted",
        &hs.id,
        &[("team", json!(t.id)), ("people", json!(n)), ("incident", json!(incident))],
    );
    t.task = None;
    super::work::set_state(t, TeamState::Idle, at, log);
    n
}
