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
    /// Burnt ground a team of the kind's `crew` mops up per hour once the
    /// fire it lined is contained (ha/h). No production rate for mop-up is
    /// published (the line-production tables stop at the line), so this is
    /// the agency's own figure; without it a contained fire is never
    /// declared out.
    #[serde(default)]
    pub mop_up_ha_per_hour: Option<Param>,
    /// Whether the kind can direct traffic (`TrafficControl`).
    #[serde(default)]
    pub traffic_control: bool,
    /// The chemical protective ensemble the crew wears, if any. Crews in
    /// SCBA (`LevelA`, `LevelB`) drive through roads a gas cloud closes.
    #[serde(default)]
    pub protection: Option<Protection>,
    /// Time on site to seal a leaking tank or pipe (`SealLeak`); needs SCBA.
    #[serde(default)]
    pub seal_leak: Option<Param<Duration>>,
    /// People a decontamination line of the kind's `crew` washes per hour
    /// (`Decontaminate(place)`). No published throughput: the agency's
    /// own figure.
    #[serde(default)]
    pub decon_people_per_hour: Option<Param>,
    /// Carries gas detectors and measures the cloud (`Monitor`); needs SCBA.
    #[serde(default)]
    pub gas_monitor: bool,
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

/// Levels of protection of OSHA 29 CFR 1910.120 Appendix B (EPA's A–D).
/// A and B both breathe from a positive-pressure self-contained breathing
/// apparatus; A adds a vapour-tight suit. 1910.120(q)(3)(iv) requires SCBA
/// of anyone in emergency response where there is an inhalation hazard, so
/// only `LevelA` and `LevelB` crews enter a gas cloud's closed roads and
/// seal leaks; `LevelC` (an air-purifying respirator) does not.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub enum Protection {
    LevelA,
    LevelB,
    LevelC,
}

/// Assigned protection factor of a pressure-demand (positive-pressure)
/// self-contained breathing apparatus with a full facepiece: OSHA 29 CFR
/// 1910.134(d)(3)(i)(A), Table 1.
pub const APF_SCBA: f64 = 10_000.0;
/// Assigned protection factor of a full-facepiece air-purifying respirator,
/// the respirator of Level C as drills equip it (1910.120 Appendix B also
/// allows a half mask, APF 10): OSHA 29 CFR 1910.134 Table 1.
pub const APF_FULL_FACE_APR: f64 = 50.0;

impl Protection {
    /// Breathing from a self-contained apparatus.
    pub fn scba(self) -> bool {
        matches!(self, Protection::LevelA | Protection::LevelB)
    }
    /// How many times cleaner the air the crew breathes is than the air
    /// around it (OSHA's assigned protection factor of its respirator).
    pub fn protection_factor(self) -> f64 {
        if self.scba() { APF_SCBA } else { APF_FULL_FACE_APR }
    }
}

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
