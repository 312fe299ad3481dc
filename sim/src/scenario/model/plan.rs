//! Injects, the plan (rules, orders, levels), objectives and outputs.

use super::*;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    pub id: String,
    #[serde(default)]
    pub at: Option<Param<Duration>>,
    #[serde(default)]
    pub when: Option<Condition>,
    pub event: Event,
    #[serde(default)]
    pub note: String,
    /// Ids of plan rules or orders the players are expected to carry out in response.
    #[serde(default)]
    pub expects: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Event {
    LeveeBreach {
        levee: String,
        width_m: f64,
        #[serde(default)]
        depth_m: Option<f64>,
    },
    RoadClosed(String),
    RoadOpened(String),
    CommsOutage {
        #[serde(default)]
        channel: Option<Channel>,
        duration: Duration,
    },
    TeamLost(String),
    DepotLost(String),
    ShelterUnusable(String),
    ExtraRain {
        mm_h: Param,
        duration: Duration,
    },
    WindShift {
        speed_ms: Param,
        from_deg: Param,
    },
    StartRelease(String),
    /// Sets a place alight (every burnable cell of it): how a flood, a
    /// cloud or anything a condition watches starts a wildfire.
    Ignite(String),
    Message(String),
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Condition {
    /// Water deeper than `above_m` anywhere in the place: short for
    /// `Hazard(layer: "water_depth_m", place, above: above_m)`.
    Depth {
        place: String,
        above_m: f64,
    },
    /// A hazard layer above `above` anywhere in the place. `layer` names a
    /// layer a hazard of the run publishes (`water_depth_m`, ...); a name no
    /// hazard publishes is an error when the scenario is loaded.
    Hazard {
        layer: String,
        place: String,
        above: f64,
    },
    /// A hazard layer above `above` in some cell within `within_m` metres of
    /// the place (a fire front 500 m from the village): a trigger distance.
    HazardNear {
        layer: String,
        place: String,
        within_m: f64,
        #[serde(default)]
        above: f64,
    },
    InjectFired(String),
    After(Duration),
    /// At least this many people trapped and known to command.
    Trapped {
        min_people: u32,
    },
    LevelAtLeast(Level),
    /// Share of a zone's residents in shelters at or above `share`.
    Sheltered {
        zone: String,
        share: f64,
    },
    /// A crew measuring the air at the place (`Monitor`) has read AEGL-`aegl`
    /// (1–3) or above there: what command knows of the cloud, as opposed
    /// to the `release_aegl` layer, which is the truth.
    Measured {
        place: String,
        aegl: u8,
    },
    All(Vec<Condition>),
    Any(Vec<Condition>),
}

/// Response levels, IV lowest to I highest (China's four-level emergency response).
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    IV,
    III,
    II,
    I,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(default)]
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub orders: Vec<Order>,
    #[serde(default)]
    pub levels: Vec<LevelTrigger>,
    /// Whether the default dispatch policy covers what the rules leave open.
    #[serde(default = "yes")]
    pub default_dispatch: bool,
    /// Time from an incident (e.g. a trapped household) to command knowing of it:
    /// detection plus reporting. Tripled while every warning channel is cut.
    #[serde(default = "default_report_delay")]
    pub report_delay: Param<Duration>,
}

fn default_report_delay() -> Param<Duration> {
    Param::Fixed(Duration(10.0 * 60.0))
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            rules: Vec::new(),
            orders: Vec::new(),
            levels: Vec::new(),
            default_dispatch: true,
            report_delay: default_report_delay(),
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub when: Condition,
    #[serde(rename = "do")]
    pub action: Action,
    #[serde(default)]
    pub min_level: Option<Level>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Order {
    pub id: String,
    pub at: Duration,
    #[serde(rename = "do")]
    pub action: Action,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LevelTrigger {
    pub level: Level,
    pub when: Condition,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum DispatchPolicy {
    #[default]
    Nearest,
    LongestWaiting,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Action {
    Warn {
        zone: String,
        channel: Channel,
    },
    Evacuate {
        zone: String,
        #[serde(default)]
        shelter: Option<String>,
    },
    /// Tell a zone to stay indoors with windows shut and ventilation off
    /// (a toxic cloud); a later `Evacuate` of the zone overrides it.
    ShelterInPlace {
        zone: String,
    },
    Dispatch {
        kind: String,
        #[serde(default)]
        policy: DispatchPolicy,
        #[serde(default)]
        count: Option<u32>,
    },
    CloseRoad(String),
    OpenRoad(String),
    RaiseLevel(Level),
    Sandbag {
        levee: String,
    },
    StartPump(String),
    Resupply {
        from: String,
        to: String,
        item: String,
        quantity: f64,
    },
    /// Send a police team to a link; on arrival it closes the link (`close: true`)
    /// or multiplies its capacity by `capacity_factor` while it stays.
    TrafficControl {
        link: String,
        #[serde(default)]
        close: bool,
        #[serde(default = "unit_factor")]
        capacity_factor: f64,
    },
    /// Send the nearest available teams (`teams` of them) that build fireline
    /// to the wildfire: they start at its origin and line its edge.
    AttackFire {
        #[serde(default = "one")]
        teams: u32,
    },
    /// Send the nearest available team to look at a place: trapped people there
    /// become known to command when it arrives.
    Recon(String),
    /// Send the nearest available team in SCBA whose kind seals leaks to the
    /// named release: after its `seal_leak` time on site the source stops.
    SealLeak(String),
    /// Send the nearest available team whose kind carries gas detectors to
    /// the place; while it is there its readings become known to command
    /// (`Measured` conditions, `cloud_measured` events).
    Monitor(String),
    /// Open a decontamination line at the place with the nearest available
    /// team whose kind has `decon_people_per_hour`: casualties of the cloud
    /// are washed there on their way to hospital.
    Decontaminate(String),
}

fn unit_factor() -> f64 {
    1.0
}

// ---------------------------------------------------------------- objectives and outputs

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: String,
    pub capability: String,
    pub metric: Metric,
    pub target: Target,
    #[serde(default = "unit_weight")]
    pub weight: f64,
    /// Values at the P/S/M boundaries; beyond the last one is U. Default from the target.
    #[serde(default)]
    pub thresholds: Option<(f64, f64, f64)>,
}

fn unit_weight() -> f64 {
    1.0
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Metric {
    Fatalities,
    Injured,
    ShareSheltered {
        #[serde(default)]
        zone: Option<String>,
        by: Duration,
    },
    /// Minutes from the inject firing to the first team arriving on its incident.
    TimeToFirstUnit(String),
    MaxShelterOccupancy,
    SupplyShortfall {
        #[serde(default)]
        item: Option<String>,
    },
    PeopleExposed,
    TrappedAtEnd,
    ConvoyArrival(String),
    /// Area the fire burnt, km² (needs a `Fire` hazard).
    AreaBurnt,
    /// Minutes from the first ignition to the first fireline built.
    InitialAttack,
    /// Built-up cells (residential, commercial, industrial) the fire burnt.
    BuildingsLost,
    /// Share of the fire's edge lined at the end, 0–1.
    Containment,
    /// Minutes from the first ignition until the fire is out: burnt out,
    /// or contained and mopped up ("finish it"). Never out scores as unmet.
    TimeToOut,
    /// Residents whose air ever reached AEGL-`level` (1–3) where they were
    /// (needs a `Release` hazard).
    PeopleOverAegl(u8),
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq)]
pub enum Target {
    AtLeast(f64),
    AtMost(f64),
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Outputs {
    /// Times at which hazard rasters are written (ESRI ASCII grid).
    #[serde(default)]
    pub snapshots: Vec<Duration>,
    /// Row interval of `timeseries.csv`; default every tick.
    #[serde(default)]
    pub timeseries_every: Option<Duration>,
}
