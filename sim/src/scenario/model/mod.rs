//! The scenario language as Rust types: what `scenarios/README.md` documents,
//! field by field. Deserialized from the spanned tree ([`super::de`]); every
//! struct denies unknown fields so a misspelt field is an error with a hint.
//!
//! Coordinates are map cells `(col, row)`, row 0 at the top (north) as in the
//! ASCII map. Units are SI unless a field name says otherwise (`speed_kmh`).

use super::units::{Duration, Param};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod hazards;
mod map;
mod people;
mod plan;
mod response;

pub use hazards::*;
pub use map::*;
pub use people::*;
pub use plan::*;
pub use response::*;

fn default_tick() -> Duration {
    Duration(60.0)
}
fn default_seed() -> u64 {
    1
}
fn default_language() -> String {
    "en".into()
}
fn yes() -> bool {
    true
}
fn one() -> u32 {
    1
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub author: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// Local date-time the drill clock starts at, `YYYY-MM-DDTHH:MM`.
    pub start: String,
    pub duration: Duration,
    #[serde(default = "default_tick")]
    pub tick: Duration,
    #[serde(default = "default_seed")]
    pub seed: u64,
    pub map: MapSpec,
    #[serde(default)]
    pub places: Vec<Place>,
    #[serde(default)]
    pub roads: Roads,
    #[serde(default)]
    pub weather: Weather,
    #[serde(default)]
    pub hazards: Vec<Hazard>,
    #[serde(default)]
    pub population: Vec<Zone>,
    #[serde(default)]
    pub warning_channels: Vec<WarningChannel>,
    #[serde(default)]
    pub shelters: Vec<Shelter>,
    /// What sheltered people use up and need on hand (logistics).
    #[serde(default)]
    pub consumption: Consumption,
    #[serde(default)]
    pub hospitals: Vec<Hospital>,
    #[serde(default)]
    pub stations: Vec<Station>,
    #[serde(default)]
    pub team_kinds: Vec<TeamKind>,
    #[serde(default)]
    pub teams: Vec<Team>,
    #[serde(default)]
    pub depots: Vec<Depot>,
    #[serde(default)]
    pub convoys: Vec<Convoy>,
    #[serde(default)]
    pub injects: Vec<Inject>,
    #[serde(default)]
    pub plan: Plan,
    #[serde(default)]
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub outputs: Outputs,
}

impl Scenario {
    /// Whether the drill exercises logistics: it writes a `consumption`
    /// section, stocks a depot or shelter, sends a convoy, orders a resupply
    /// or scores a supply shortfall.
    pub fn tracks_supplies(&self) -> bool {
        let resupply = self
            .plan
            .rules
            .iter()
            .map(|r| &r.action)
            .chain(self.plan.orders.iter().map(|o| &o.action))
            .any(|a| matches!(a, Action::Resupply { .. }));
        self.consumption.declared
            || !self.depots.is_empty()
            || !self.convoys.is_empty()
            || self.shelters.iter().any(|s| !s.supplies.is_empty())
            || resupply
            || self.objectives.iter().any(|o| matches!(o.metric, Metric::SupplyShortfall { .. }))
    }

    /// What sheltered people use up and need on hand: the scenario's
    /// `consumption` (or its defaults) when the drill [tracks
    /// supplies](Self::tracks_supplies), nothing otherwise.
    pub fn needs(&self) -> Option<&Consumption> {
        self.tracks_supplies().then_some(&self.consumption)
    }
}

// ---------------------------------------------------------------- map
