//! Bundled team kinds, used when a scenario does not declare a kind itself.
//!
//! The reference file (reference/hazard-models.md §7) gives pump and tank
//! figures and the boat-capacity rule; it found no citable rescue rates, so
//! those are documented planning defaults that a scenario should override.

use crate::scenario::model::{TeamKind, TravelMode};
use crate::scenario::units::{Duration, Param};
use std::collections::BTreeMap;

fn kind(id: &str, mode: TravelMode, speed_kmh: f64, capacity: u32, mobilisation_min: f64, crew: u32) -> TeamKind {
    TeamKind {
        id: id.into(),
        crew,
        mode,
        speed_kmh: Param::Fixed(speed_kmh),
        capacity_people: capacity,
        rescue_per_hour: None,
        pump_m3s: None,
        sandbag_m_per_hour: None,
        mop_up_ha_per_hour: None,
        decon_people_per_hour: None,
        fireline: None,
        traffic_control: false,
        protection: None,
        seal_leak: None,
        gas_monitor: false,
        supplies_per_hour: BTreeMap::new(),
        mobilisation: Some(Param::Fixed(Duration(mobilisation_min * 60.0))),
        shift: Some(Duration(12.0 * 3600.0)),
        rest: Some(Duration(8.0 * 3600.0)),
    }
}

/// The bundled kinds. Boat capacity: a 16 × 6 ft flood boat carries
/// 16·6/15 ≈ 6 people (FireRescue1 rule, reference §7). Fire engine pump
/// 750 gpm ≈ 0.047 m³/s (NFPA 1901, reference §7). Rescue rates (people/h)
/// and sandbag rates are planning assumptions with no citable source; they
/// are for the kind's usual crew (the last argument of `kind`) and scale
/// with a team's own `crew`.
pub fn bundled_kinds() -> Vec<TeamKind> {
    let mut boat = kind("water_rescue", TravelMode::Water, 15.0, 6, 15.0, 4);
    boat.rescue_per_hour = Some(Param::Fixed(12.0));
    boat.supplies_per_hour.insert("fuel_l".into(), Param::Fixed(10.0));
    let mut engine = kind("fire_engine", TravelMode::Road, 50.0, 4, 5.0, 4);
    engine.pump_m3s = Some(Param::Fixed(750.0 * 3.785_411_784 / 1000.0 / 60.0));
    let tender = kind("water_tender", TravelMode::Road, 45.0, 2, 10.0, 2);
    let hazmat = kind("hazmat", TravelMode::Road, 45.0, 4, 20.0, 4);
    let mut medical = kind("medical", TravelMode::Road, 60.0, 2, 5.0, 2);
    medical.rescue_per_hour = Some(Param::Fixed(4.0));
    let mut engineering = kind("engineering", TravelMode::Road, 40.0, 0, 30.0, 6);
    engineering.pump_m3s = Some(Param::Fixed(0.5));
    engineering.sandbag_m_per_hour = Some(Param::Fixed(20.0));
    engineering.supplies_per_hour.insert("sandbags".into(), Param::Fixed(150.0));
    let mut police = kind("police", TravelMode::Road, 60.0, 4, 5.0, 2);
    police.traffic_control = true;
    let mut sar = kind("search_rescue", TravelMode::Road, 40.0, 8, 20.0, 8);
    sar.rescue_per_hour = Some(Param::Fixed(8.0));
    let mut volunteers = kind("volunteers", TravelMode::Road, 30.0, 10, 60.0, 10);
    volunteers.sandbag_m_per_hour = Some(Param::Fixed(10.0));
    volunteers.supplies_per_hour.insert("sandbags".into(), Param::Fixed(75.0));
    let mut heli = kind("helicopter", TravelMode::Air, 200.0, 8, 30.0, 4);
    heli.rescue_per_hour = Some(Param::Fixed(10.0));
    heli.supplies_per_hour.insert("fuel_l".into(), Param::Fixed(300.0));
    vec![boat, engine, tender, hazmat, medical, engineering, police, sar, volunteers, heli]
}

/// Scenario kinds, then bundled kinds the scenario did not redefine.
pub fn merged_kinds(own: &[TeamKind]) -> Vec<TeamKind> {
    let mut all: Vec<TeamKind> = own.to_vec();
    for k in bundled_kinds() {
        if !all.iter().any(|o| o.id == k.id) {
            all.push(k);
        }
    }
    all
}
