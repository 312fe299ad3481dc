//! Team kinds, teams, depots and convoys.

use super::*;

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub enum TravelMode {
    Road,
    Water,
    Air,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TeamKind {
    pub id: String,
    pub mode: TravelMode,
    pub speed_kmh: Param,
    /// The crew its work rates (`rescue_per_hour`, `sandbag_m_per_hour`) are
    /// given for (default 1): a team of the kind works at its rates × its
    /// own `crew` / this.
    #[serde(default = "one")]
    pub crew: u32,
    /// People carried at once (boats: length × beam / 15, reference §7).
    #[serde(default)]
    pub capacity_people: u32,
    #[serde(default)]
    pub rescue_per_hour: Option<Param>,
    #[serde(default)]
    pub pump_m3s: Option<Param>,
    #[serde(default)]
    pub sandbag_m_per_hour: Option<Param>,
    /// How the kind builds fireline on a wildfire (`AttackFire`), if it does.
    #[serde(default)]
    pub fireline: Option<Fireline>,
    /// Whether the kind can direct traffic (`TrafficControl`).
    #[serde(default)]
    pub traffic_control: bool,
    #[serde(default)]
    pub supplies_per_hour: BTreeMap<String, Param>,
    #[serde(default)]
    pub mobilisation: Option<Param<Duration>>,
    #[serde(default)]
    pub shift: Option<Duration>,
    #[serde(default)]
    pub rest: Option<Duration>,
}

pub use crate::fire::suppression::CrewType;

/// How a team kind builds fireline. Hand crews and dozers work at the
/// published rates for the fuel and slope where they are; wet line (engine
/// hose lays, helicopter bucket drops) has no citable production table, so
/// its rate is the scenario's.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub enum Fireline {
    /// A 20-person hand crew of this type (rates scale with `crew` / 20).
    HandCrew(CrewType),
    /// A Type 3 dozer.
    Dozer,
    /// Wet line at this rate, m/h.
    WetLine { m_per_hour: Param },
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub id: String,
    pub kind: String,
    /// A station id or a place name.
    pub base: String,
    #[serde(default = "one")]
    pub crew: u32,
    #[serde(default)]
    pub ready_after: Option<Param<Duration>>,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    Province,
    City,
    County,
    Township,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Depot {
    pub id: String,
    pub place: String,
    pub tier: Tier,
    #[serde(default)]
    pub stock: BTreeMap<String, Param>,
    #[serde(default)]
    pub agreements: Vec<Agreement>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub supplier: String,
    pub item: String,
    pub quantity: Param,
    pub lead_time: Param<Duration>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Convoy {
    pub id: String,
    #[serde(default = "truck")]
    pub class: VehicleClass,
    /// Place names or road node ids.
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub depart: Param<Duration>,
    #[serde(default = "one")]
    pub vehicles: u32,
    #[serde(default)]
    pub cargo: BTreeMap<String, Param>,
}

fn truck() -> VehicleClass {
    VehicleClass::Truck
}

impl Default for Param<Duration> {
    fn default() -> Self {
        Param::Fixed(Duration(0.0))
    }
}

// ---------------------------------------------------------------- injects and plan
