//! People as the other domains see them: households (entities owned by the
//! people domain), the shelters they fill, the warnings command sends them,
//! and the per-tick tally that conditions and metrics read.

use crate::engine::EventLog;
use crate::scenario::model::Channel;
use bevy_ecs::prelude::*;
use serde_json::json;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum HouseholdState {
    AtHome,
    Warned,
    Preparing,
    Travelling,
    Sheltered,
    Trapped,
}

/// The nine states a resident can be in; the order of the time-series columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PersonState {
    AtHome,
    Warned,
    Preparing,
    Travelling,
    Sheltered,
    Trapped,
    Injured,
    /// Injured and carried to a hospital by a team: out of harm's way.
    Hospitalised,
    Dead,
}

impl PersonState {
    pub const ALL: [PersonState; 9] = [
        PersonState::AtHome,
        PersonState::Warned,
        PersonState::Preparing,
        PersonState::Travelling,
        PersonState::Sheltered,
        PersonState::Trapped,
        PersonState::Injured,
        PersonState::Hospitalised,
        PersonState::Dead,
    ];
    pub fn column(self) -> &'static str {
        match self {
            PersonState::AtHome => "people_at_home",
            PersonState::Warned => "people_warned",
            PersonState::Preparing => "people_preparing",
            PersonState::Travelling => "people_travelling",
            PersonState::Sheltered => "people_sheltered",
            PersonState::Trapped => "people_trapped",
            PersonState::Injured => "people_injured",
            PersonState::Hospitalised => "people_hospitalised",
            PersonState::Dead => "people_dead",
        }
    }
}

impl From<HouseholdState> for PersonState {
    fn from(s: HouseholdState) -> Self {
        match s {
            HouseholdState::AtHome => PersonState::AtHome,
            HouseholdState::Warned => PersonState::Warned,
            HouseholdState::Preparing => PersonState::Preparing,
            HouseholdState::Travelling => PersonState::Travelling,
            HouseholdState::Sheltered => PersonState::Sheltered,
            HouseholdState::Trapped => PersonState::Trapped,
        }
    }
}

#[derive(Component, Clone, Debug)]
pub struct Household {
    /// Domain order: households are processed in this order every tick.
    pub order: u32,
    pub zone: u16,
    pub home_cell: usize,
    /// Where the household is now (home, road node, or shelter).
    pub cell: usize,
    pub size: u32,
    pub cars: u32,
    pub vulnerable: bool,
    pub state: HouseholdState,
    pub healthy: u32,
    pub injured: u32,
    /// Injured members a team has delivered to a hospital.
    pub hospitalised: u32,
    pub dead: u32,
    pub heard_at: Option<f64>,
    pub depart_at: Option<f64>,
    pub complied: Option<bool>,
    /// Shelter index the household heads for or stays in.
    pub shelter: Option<usize>,
    /// Shelter the plan assigned (overrides nearest-with-room).
    pub assigned: Option<usize>,
    /// Worst lethality met so far, per hazard in publication order, for
    /// tick-independent harm (see `people::harm`).
    pub worst_lethality: Vec<f64>,
    pub exposed: bool,
    pub rescued: bool,
    pub ever_trapped: bool,
    /// What the household breathes, for a toxic cloud (written by the release domain).
    pub breath: Breath,
}

/// Conditional death probability when the worst lethality met rises from
/// `l0` to `l1`: surviving each rise in turn compounds to surviving `l1`
/// at once, so harm does not depend on how exposure is cut into ticks.
pub fn death_probability(l0: f64, l1: f64) -> f64 {
    if l1 <= l0 {
        return 0.0;
    }
    ((l1 - l0) / (1.0 - l0)).clamp(0.0, 1.0)
}

/// A household's air in a toxic cloud: the concentration inside the
/// building it is in, what its members breathe now and the toxic load so
/// far (ppmⁿ·min, with the substance's probit exponent n).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Breath {
    pub indoor_ppm: f64,
    pub ppm: f64,
    pub load: f64,
    pub peak_ppm: f64,
    /// AEGL level (0–3) of what it breathes now, for the time elapsed.
    pub aegl: u8,
    pub max_aegl: u8,
    /// Probit lethality of the load so far.
    pub lethality: f64,
    /// When the household heard it is to shelter in place (windows shut,
    /// ventilation off); `None` if it was not told, or an evacuation
    /// order came after.
    pub sealed_at: Option<f64>,
    /// A sealed home opened up again once the air outside was cleaner.
    pub ventilated: bool,
}

impl Household {
    pub fn alive(&self) -> u32 {
        self.healthy + self.injured
    }
    pub fn id(&self) -> String {
        format!("hh{}", self.order)
    }
}

/// A shelter as the run sees it.
#[derive(Clone, Debug)]
pub struct ShelterState {
    pub id: String,
    pub node: Option<usize>,
    pub cell: usize,
    pub capacity: u32,
    pub occupancy: u32,
    pub usable: bool,
    pub max_occupancy: u32,
}

#[derive(Resource, Default, Clone, Debug)]
pub struct Shelters(pub Vec<ShelterState>);

/// Order to warn a zone on a channel (from the plan or command).
#[derive(Message, Clone, Debug)]
pub struct WarningOrder {
    pub zone: usize,
    pub channel: Channel,
    /// An evacuation order (not only an alert), optionally naming the shelter.
    pub evacuate: bool,
    /// Stay indoors, sealed, instead of leaving.
    pub shelter_in_place: bool,
    pub shelter: Option<usize>,
    pub by: String,
}

/// Warning channels cut by a comms outage until the given time (s).
#[derive(Resource, Default, Clone, Debug)]
pub struct ChannelOutages(pub BTreeMap<Channel, f64>);

/// Take household `h` into shelter `si`: it is sheltered there from `now`
/// (people arriving on their own, or brought by a team). `overflow` logs that
/// the shelter took them beyond its capacity.
pub fn admit(h: &mut Household, shelters: &mut Shelters, si: usize, now: f64, log: &mut EventLog, overflow: bool) {
    let s = &mut shelters.0[si];
    s.occupancy += h.alive();
    s.max_occupancy = s.max_occupancy.max(s.occupancy);
    h.state = HouseholdState::Sheltered;
    h.cell = s.cell;
    if overflow {
        log.push(
            now,
            "shelter_overflow",
            &s.id,
            &[("household", json!(h.id())), ("occupancy", json!(s.occupancy))],
        );
    }
}

/// Counts from the last Record phase, read by conditions and metrics.
#[derive(Resource, Clone, Debug, Default)]
pub struct PeopleTally {
    pub by_state: [u64; 9],
    pub at_risk: u64,
    pub exposed: u64,
    pub zone_residents: Vec<u64>,
    pub zone_sheltered: Vec<u64>,
    /// Per zone, people by state (same order as [`PersonState::ALL`]) and at risk.
    pub zone_by_state: Vec<[u64; 9]>,
    pub zone_at_risk: Vec<u64>,
    /// Share sheltered captured at each `ShareSheltered` deadline, by metric key.
    pub sheltered_at: BTreeMap<String, f64>,
}

impl PeopleTally {
    pub fn new(zones: usize) -> Self {
        PeopleTally {
            zone_residents: vec![0; zones],
            zone_sheltered: vec![0; zones],
            zone_by_state: vec![[0; 9]; zones],
            zone_at_risk: vec![0; zones],
            ..Default::default()
        }
    }
    pub fn total(&self) -> u64 {
        self.by_state.iter().sum()
    }
    pub fn count(&self, s: PersonState) -> u64 {
        self.by_state[s as usize]
    }
}
