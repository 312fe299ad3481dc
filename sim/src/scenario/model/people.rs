//! Population, warning channels and facilities (shelters, consumption, hospitals, stations).

use super::*;

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
/// The defaults are planning figures: the Sphere Handbook (2018) minimum of 15
/// litres of water per person per day, three meals per person per day, and one
/// bed per person. They apply only to a drill that exercises logistics
/// ([`super::Scenario::needs`]): a drill that declares no supplies anywhere
/// and no `consumption` section keeps no accounts of them.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Consumption {
    /// Whether the scenario wrote a `consumption` section (true whenever it
    /// was read from text; false for the default of an absent section).
    #[serde(skip, default = "written")]
    pub declared: bool,
    /// Used up per sheltered person per day: `{"water_l": 15.0, "meals": 3.0}`.
    #[serde(default = "default_daily_needs")]
    pub per_person_per_day: BTreeMap<String, Param>,
    /// Needed on hand (not used up) per sheltered person: `{"beds": 1.0}`.
    #[serde(default = "default_held_needs")]
    pub per_person: BTreeMap<String, Param>,
}

fn written() -> bool {
    true
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
            declared: false,
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
