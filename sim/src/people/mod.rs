//! People: households as entities, from warning to shelter or harm.
//!
//! A household's living, unhurt members share one [`HouseholdState`]; injured
//! and dead members are counted apart, so every resident is in exactly one of
//! the eight [`PersonState`]s at every tick (`PeopleTally` sums them). Travel
//! reuses the traffic domain: a departing household gets a
//! [`crate::traffic::Vehicle`] (car or on foot) and is handed back on arrival
//! or when it is stuck. Behaviour follows reference/hazard-models.md §6;
//! harm follows §2 (see [`harm`]).

pub(crate) mod behaviour;
pub mod harm;
mod record;
mod spawn;

use crate::engine::{Phase, ProbabilityRaster, SimBuilder};
use crate::scenario::model::Channel;
use bevy_ecs::prelude::*;

pub use record::PeopleTally;

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
    /// Largest depth the household has stood in (m), for tick-independent harm.
    pub max_depth: f64,
    pub exposed: bool,
    pub rescued: bool,
    pub ever_trapped: bool,
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
    pub shelter: Option<usize>,
    pub by: String,
}

/// Warning channels cut by a comms outage until the given time (s).
#[derive(Resource, Default, Clone, Debug)]
pub struct ChannelOutages(pub std::collections::BTreeMap<Channel, f64>);

/// The people systems of the Act phase; other domains that touch households order against it.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PeopleAct;

pub fn build(b: &mut SimBuilder) {
    spawn::spawn(b);
    b.add_message::<WarningOrder>();
    b.world.insert_resource(ChannelOutages::default());
    b.schedule.add_systems(
        (
            behaviour::receive_warnings,
            behaviour::decide_and_depart,
            behaviour::handle_arrivals,
        )
            .chain()
            .in_set(Phase::Act)
            .in_set(PeopleAct),
    );
    b.schedule.add_systems(harm::apply_harm.in_set(Phase::Harm));
    b.add_recorder(record::record_people);
    let keys = record::metric_keys(&b.ctx().scenario);
    b.declare_metrics(keys);
    b.declare_probability_raster(ProbabilityRaster::new(
        "p_trapped",
        "trapped",
        0.0,
        "probability that someone is trapped in the cell at some point",
    ));
    b.add_finisher(record::finish);
}
