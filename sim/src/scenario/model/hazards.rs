//! Weather and the hazards: flood, fire, chemical release.

use super::*;

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
    /// Relative humidity, percent.
    #[serde(default)]
    pub relative_humidity_pct: Option<Param>,
    /// Local time of sunrise, `"HH:MM"` (default `"06:00"`): with `sunset`,
    /// tells day from night for the Pasquill–Gifford stability class.
    #[serde(default)]
    pub sunrise: Option<String>,
    /// Local time of sunset, `"HH:MM"` (default `"18:00"`).
    #[serde(default)]
    pub sunset: Option<String>,
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
    /// Embers ahead of the front, when given.
    #[serde(default)]
    pub spotting: Option<Spotting>,
    /// The built-up classes (residential, commercial, industrial) burn from
    /// building to building at Hamada's rates, when given.
    #[serde(default)]
    pub structures: Option<Structures>,
    /// The front's smoke is carried on the wind and closes roads where
    /// one cannot see, when given.
    #[serde(default)]
    pub smoke: Option<Smoke>,
}

/// Smoke of the flaming front (GFED4 emission factors, IMPROVE extinction,
/// Briggs plume rise, the Gaussian puffs of releases), read as visibility
/// (Koschmieder). Roads where one sees less than `close_roads_below_m`
/// close to every vehicle: 50 m is the distance under which the PRC Road
/// Traffic Safety Law's implementing regulations (art. 81) send drivers off
/// the expressway at the next exit. `ground_share` of the smoke stays at
/// the ground instead of rising with the fire's heat (smouldering, the
/// fire's indraft): no published split goes with Briggs' rise for a fire,
/// so it is the scenario's.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Smoke {
    pub close_roads_below_m: Param,
    pub ground_share: Param,
}

/// Buildings of the built-up land classes, for Hamada's (1951) urban
/// spread: their mean side, the gap between them and the share that is
/// fire-resistant.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Structures {
    pub side_m: Param,
    pub separation_m: Param,
    pub fire_resistant_share: Param,
}

/// Spot fires from a surface fire: each cell that ignites casts firebrands
/// (a Poisson number with mean `firebrands_per_ha` × the cell's area: no
/// published production rate goes with the distance model, so it is the
/// scenario's), each landing Albini's maximum spotting distance downwind
/// and lighting unburnt fuel there with Schroeder's (1969) probability.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Spotting {
    pub firebrands_per_ha: Param,
    /// Height of the cover downwind, m (0: open ground, the model's
    /// critical height is used).
    #[serde(default)]
    pub cover_height_m: f64,
    /// Shade of the fine fuel where embers land, 0 (open) to 1.
    #[serde(default)]
    pub shade: f64,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ignition {
    pub place: String,
    #[serde(default)]
    pub at: Duration,
    /// Light one burnable cell of the place, drawn uniformly per run from
    /// the `fire.ignition` stream, instead of every cell: random ignitions
    /// for burn-probability batches (`P(burnt)` per cell).
    #[serde(default)]
    pub random_cell: bool,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    pub id: String,
    pub place: String,
    pub substance: Substance,
    /// Continuous release rate, kg/s (plume); or `mass_kg` for an
    /// instantaneous puff; or `tank` for a leak through a hole.
    #[serde(default)]
    pub rate_kg_s: Option<Param>,
    #[serde(default)]
    pub mass_kg: Option<Param>,
    #[serde(default)]
    pub tank: Option<Box<Tank>>,
    /// How long a `rate_kg_s` release lasts (default: to the end of the drill).
    #[serde(default)]
    pub duration: Option<Duration>,
    #[serde(default)]
    pub height_m: f64,
    #[serde(default)]
    pub urban: bool,
    /// Starts at this time, or when an inject fires `StartRelease(id)`.
    #[serde(default)]
    pub at: Option<Duration>,
    /// Air changes per hour of homes and shelters as lived in (default 1.0,
    /// mid-range of average homes, 0.5–1.5). The homes' property, so set
    /// on the drill's first release only.
    #[serde(default)]
    pub indoor_ach: Option<Param>,
    /// Air changes per hour of a home sheltering in place, windows shut and
    /// ventilation off (default 0.35, mid-range of tight houses, 0.2–0.5).
    /// First release only, as `indoor_ach`.
    #[serde(default)]
    pub sealed_ach: Option<Param>,
}

impl Release {
    /// Homes' air changes per hour as lived in (this run's value).
    pub fn indoor_ach(&self) -> f64 {
        self.indoor_ach.as_ref().map_or(1.0, |p| p.value())
    }
    /// Air changes per hour of a sealed home (this run's value).
    pub fn sealed_ach(&self) -> f64 {
        self.sealed_ach.as_ref().map_or(0.35, |p| p.value())
    }
}

/// A vertical cylindrical tank leaking liquid through a hole.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tank {
    pub liquid_kg: Param,
    pub density_kg_m3: Param,
    /// Cross-section of the tank, m².
    pub section_m2: Param,
    /// Gauge pressure above the liquid, kPa (0 for an atmospheric tank).
    #[serde(default)]
    pub gauge_kpa: Option<Param>,
    pub hole_diameter_mm: Param,
    /// Height of the hole above the tank floor, m.
    #[serde(default)]
    pub hole_height_m: f64,
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
