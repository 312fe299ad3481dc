//! Maps: size, elevation, land cover, places and roads.

use super::*;

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

impl LandClass {
    /// Residential, commercial and industrial land: buildings.
    pub fn built_up(self) -> bool {
        matches!(self, LandClass::Residential | LandClass::Commercial | LandClass::Industrial)
    }
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
