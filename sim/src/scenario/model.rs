//! The scenario language as Rust types: what `scenarios/README.md` documents,
//! field by field. Deserialized from the spanned tree ([`super::de`]); every
//! struct denies unknown fields so a misspelt field is an error with a hint.
//!
//! Coordinates are map cells `(col, row)`, row 0 at the top (north) as in the
//! ASCII map. Units are SI unless a field name says otherwise (`speed_kmh`).

use super::units::{Duration, Param};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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

// ---------------------------------------------------------------- map

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MapSpec {
    /// Side of one square cell in metres.
    pub cell_size_m: f64,
    /// Columns × rows. Optional when the land ASCII map or the `.asc` file gives it.
    #[serde(default)]
    pub size: Option<(u32, u32)>,
    pub elevation: Elevation,
    pub land: Land,
    /// Manning's n per land class, overriding the built-in table.
    #[serde(default)]
    pub manning_n: BTreeMap<LandClass, f64>,
    /// Land classes painted over shapes after `land`, in order: `(at: Rect(..), class: Residential)`.
    #[serde(default)]
    pub paint: Vec<Paint>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Paint {
    pub at: Shape,
    pub class: LandClass,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Elevation {
    /// The same ground height everywhere (m).
    Constant(f64),
    /// ESRI ASCII grid file, path relative to the scenario.
    AsciiGrid(String),
    /// Plane falling `drop_per_km_*` metres per km towards east (+col) and south (+row).
    SlopedPlane {
        base_m: f64,
        #[serde(default)]
        drop_per_km_east: f64,
        #[serde(default)]
        drop_per_km_south: f64,
    },
    /// Valley draining southwards with a river channel along a column.
    RiverValley {
        floor_m: f64,
        /// Rise of the valley sides per km away from the channel.
        side_slope_per_km: f64,
        /// Fall along the valley (towards +row) per km.
        #[serde(default)]
        drop_per_km: f64,
        channel_col: u32,
        channel_width_cells: u32,
        channel_depth_m: f64,
    },
    /// Flat base with gaussian hills.
    Hills { base_m: f64, hills: Vec<Hill> },
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Hill {
    pub at: (i64, i64),
    pub height_m: f64,
    pub radius_m: f64,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Land {
    Uniform(LandClass),
    Ascii {
        legend: BTreeMap<char, LandClass>,
        rows: Vec<String>,
    },
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LandClass {
    Water,
    Residential,
    Commercial,
    Industrial,
    Road,
    Grass,
    Farmland,
    Forest,
    Shrub,
    Bare,
    /// Raised embankment; its crest height comes from a flood hazard's `levees`.
    Levee,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub name: String,
    pub at: Shape,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub enum Shape {
    Point(i64, i64),
    /// Inclusive corners (col0, row0, col1, row1).
    Rect(i64, i64, i64, i64),
    Polygon(Vec<(i64, i64)>),
    /// Cells along straight segments through the listed points.
    Line(Vec<(i64, i64)>),
}

// ---------------------------------------------------------------- roads

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Roads {
    #[serde(default)]
    pub nodes: Vec<RoadNode>,
    #[serde(default)]
    pub links: Vec<RoadLink>,
    /// Build a graph from land cells of class `Road` (one node per road cell).
    #[serde(default)]
    pub from_cells: Option<DerivedRoads>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RoadNode {
    pub id: String,
    pub at: (i64, i64),
}

fn default_lanes() -> u32 {
    1
}
fn default_speed() -> f64 {
    50.0
}
/// HCM practical urban capacity, reference/hazard-models.md §6.
fn default_capacity() -> f64 {
    1500.0
}
fn all_classes() -> Vec<VehicleClass> {
    vec![VehicleClass::Car, VehicleClass::Truck, VehicleClass::Bus, VehicleClass::Foot]
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RoadLink {
    pub id: String,
    pub from: String,
    pub to: String,
    #[serde(default = "default_lanes")]
    pub lanes: u32,
    #[serde(default = "default_speed")]
    pub speed_kmh: f64,
    /// Capacity per lane, passenger-car units per hour.
    #[serde(default = "default_capacity")]
    pub capacity_pcu_h_lane: f64,
    /// Length in metres; default the straight distance between the nodes.
    #[serde(default)]
    pub length_m: Option<f64>,
    #[serde(default = "all_classes")]
    pub classes: Vec<VehicleClass>,
    #[serde(default = "yes")]
    pub two_way: bool,
    #[serde(default)]
    pub kind: LinkKind,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum LinkKind {
    #[default]
    Road,
    Bridge,
    Ford,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DerivedRoads {
    #[serde(default = "default_speed")]
    pub speed_kmh: f64,
    #[serde(default = "default_lanes")]
    pub lanes: u32,
    #[serde(default = "default_capacity")]
    pub capacity_pcu_h_lane: f64,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VehicleClass {
    Car,
    Truck,
    Bus,
    Foot,
    Boat,
    Air,
}

// ---------------------------------------------------------------- weather

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Weather {
    /// Wind from this time on: `(at: "0h", speed_ms: 4.0, from_deg: 225.0)`.
    #[serde(default)]
    pub wind: Vec<WindAt>,
    /// Rain intensity from each time on (step function), mm/h: `[("0h", 20.0), ("3h", 5.0)]`.
    #[serde(default)]
    pub rain_mm_h: Vec<(Duration, Param)>,
    #[serde(default)]
    pub sky: Sky,
    #[serde(default)]
    pub temperature_c: Option<Param>,
    /// Dead fine fuel moisture, percent.
    #[serde(default)]
    pub fuel_moisture_pct: Option<Param>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WindAt {
    pub at: Duration,
    pub speed_ms: Param,
    pub from_deg: Param,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum Sky {
    StrongSun,
    #[default]
    ModerateSun,
    SlightSun,
    Overcast,
    NightCloudy,
    NightClear,
}

// ---------------------------------------------------------------- hazards

#[derive(Clone, Debug, Deserialize, Serialize)]
pub enum Hazard {
    Flood(Flood),
    Fire(Fire),
    Release(Release),
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Flood {
    #[serde(default)]
    pub inflows: Vec<Inflow>,
    /// Whether weather rain falls on the flood grid.
    #[serde(default = "yes")]
    pub rain: bool,
    #[serde(default)]
    pub initial_water: Vec<WaterBody>,
    #[serde(default)]
    pub edges: Edges,
    #[serde(default)]
    pub levees: Vec<Levee>,
    #[serde(default)]
    pub pumps: Vec<Pump>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Inflow {
    pub place: String,
    /// Discharge in m³/s at times, linearly interpolated: `[("0h", 200.0), ("2h", 900.0)]`.
    pub hydrograph: Vec<(Duration, Param)>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WaterBody {
    pub place: String,
    /// Water-surface elevation, m.
    pub level_m: Param,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum Edges {
    #[default]
    Closed,
    Open,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Levee {
    pub id: String,
    /// A place naming the levee's cells (usually a `Line`).
    pub place: String,
    /// Crest height above the ground, m.
    pub crest_m: Param,
    /// Breach by itself once water stands this high above the crest (overtopping), m.
    #[serde(default)]
    pub breach_when_overtopped_m: Option<Param>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pump {
    pub id: String,
    pub place: String,
    pub rate_m3s: Param,
    /// Pumps start switched off unless `on: true`; plans and teams switch them on.
    #[serde(default)]
    pub on: bool,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Fire {
    pub ignitions: Vec<Ignition>,
    /// Anderson fuel model number (1..=13) per land class.
    #[serde(default)]
    pub fuel_models: BTreeMap<LandClass, u8>,
    #[serde(default)]
    pub spotting: bool,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ignition {
    pub place: String,
    #[serde(default)]
    pub at: Duration,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    pub id: String,
    pub place: String,
    pub substance: Substance,
    /// Continuous release rate, kg/s (plume); or `mass_kg` for an instantaneous puff.
    #[serde(default)]
    pub rate_kg_s: Option<Param>,
    #[serde(default)]
    pub mass_kg: Option<Param>,
    #[serde(default)]
    pub duration: Option<Duration>,
    #[serde(default)]
    pub height_m: f64,
    #[serde(default)]
    pub urban: bool,
    /// Starts at this time, or when an inject fires `StartRelease(id)`.
    #[serde(default)]
    pub at: Option<Duration>,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub enum Substance {
    Chlorine,
    Ammonia,
    HydrogenSulfide,
    SulfurDioxide,
    HydrogenChloride,
}

// ---------------------------------------------------------------- people

fn default_household() -> Param {
    Param::Fixed(2.8)
}
fn default_cars() -> Param {
    Param::Fixed(0.8)
}
fn default_vulnerable() -> Param {
    Param::Fixed(0.15)
}
/// Share of warned residents who comply (LSU evacuation-demand slides: > 80 % of
/// those who heard a mandatory order left), reference/hazard-models.md §6.
fn default_compliance() -> Param {
    Param::Fixed(0.8)
}
fn default_departure() -> Param<Duration> {
    Param::Fixed(Duration(30.0 * 60.0))
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    /// A place (usually a `Rect` or `Polygon`) where the residents live.
    pub zone: String,
    pub residents: Param,
    #[serde(default = "default_household")]
    pub household_size: Param,
    #[serde(default = "default_cars")]
    pub cars_per_household: Param,
    #[serde(default = "default_vulnerable")]
    pub vulnerable_share: Param,
    #[serde(default = "default_compliance")]
    pub compliance: Param,
    /// Mean of the Rayleigh departure delay after a household decides to leave.
    #[serde(default = "default_departure")]
    pub departure_delay_mean: Param<Duration>,
    /// Assigned shelter; default the nearest one with room.
    #[serde(default)]
    pub shelter: Option<String>,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Channel {
    Sirens,
    CellBroadcast,
    DoorToDoor,
    Radio,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WarningChannel {
    pub channel: Channel,
    /// Share of households a warning on this channel reaches.
    pub reach: Param,
    /// Delay between the order and households hearing it.
    pub delay: Param<Duration>,
}

// ---------------------------------------------------------------- facilities

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Shelter {
    pub id: String,
    pub place: String,
    pub capacity: Param,
    #[serde(default)]
    pub supplies: BTreeMap<String, Param>,
}

/// Needs of the people in a shelter, by item name (the names shelters' `supplies`
/// and depots' `stock` use). Each map, when written, replaces its default whole.
///
/// The defaults are planning figures, not from reference/hazard-models.md: the
/// Sphere Handbook (2018) minimum of 15 litres of water per person per day, three
/// meals per person per day, and one bed per person.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Consumption {
    /// Used up per sheltered person per day: `{"water_l": 15.0, "meals": 3.0}`.
    #[serde(default = "default_daily_needs")]
    pub per_person_per_day: BTreeMap<String, Param>,
    /// Needed on hand (not used up) per sheltered person: `{"beds": 1.0}`.
    #[serde(default = "default_held_needs")]
    pub per_person: BTreeMap<String, Param>,
}

fn default_daily_needs() -> BTreeMap<String, Param> {
    BTreeMap::from([("water_l".into(), Param::Fixed(15.0)), ("meals".into(), Param::Fixed(3.0))])
}
fn default_held_needs() -> BTreeMap<String, Param> {
    BTreeMap::from([("beds".into(), Param::Fixed(1.0))])
}

impl Default for Consumption {
    fn default() -> Self {
        Consumption {
            per_person_per_day: default_daily_needs(),
            per_person: default_held_needs(),
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Hospital {
    pub id: String,
    pub place: String,
    pub beds: Param,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Station {
    pub id: String,
    pub place: String,
}

// ---------------------------------------------------------------- response

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
    /// People carried at once (boats: length × beam / 15, reference §7).
    #[serde(default)]
    pub capacity_people: u32,
    #[serde(default)]
    pub rescue_per_hour: Option<Param>,
    #[serde(default)]
    pub pump_m3s: Option<Param>,
    #[serde(default)]
    pub sandbag_m_per_hour: Option<Param>,
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
    Message(String),
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Condition {
    /// Water deeper than `above_m` anywhere in the place.
    Depth {
        place: String,
        above_m: f64,
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
    /// Send the nearest available team to look at a place: trapped people there
    /// become known to command when it arrives.
    Recon(String),
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
