//! What flood water means for people, roads and sites: the flood's
//! [`HazardEffects`], read by the people, traffic and logistics domains
//! through the hazard layers without knowing it is water.
//!
//! Hazard classes are the NSW Flood Hazard Guideline FB03 (2023) classes of
//! Australian Rainfall & Runoff (Smith, Davey, Cox, 2014, *Flood hazard*,
//! ARR Project 10 Stage 1 report, WRL TR 2014/07): H1 generally safe (d ≤ 0.3,
//! d·v ≤ 0.3), H2 unsafe for small vehicles (d ≤ 0.5, d·v ≤ 0.6), H3 unsafe
//! for vehicles, children and the elderly (d ≤ 1.2, d·v ≤ 0.6), H4 unsafe for
//! people and vehicles (d ≤ 2, d·v ≤ 1), H5 unsafe for all, buildings need
//! engineering design (d ≤ 4, d·v ≤ 4, v ≤ 4), H6 unsafe for all (beyond).

use super::FLOODED_DEPTH_M;
use crate::roads::class_bit;
use crate::scenario::model::VehicleClass;
use crate::world::hazard::{HazardEffects, Hazards, LayerId};

/// Water deeper than this counts as exposure (m): ankle-deep, a third of the
/// H1 "generally safe" depth bound (FB03), so that sheet water from rain on
/// open ground does not count. The same bound counts a cell as flooded.
pub const EXPOSED_DEPTH_M: f64 = FLOODED_DEPTH_M;
/// Depth at home that makes any household leave at once (m): the H1/H2
/// depth bound of FB03, above which the water is unsafe for small vehicles.
pub const SELF_EVACUATE_DEPTH_M: f64 = 0.3;
/// Depth that counts as an environmental cue (the household sees the water), m.
pub const CUE_DEPTH_M: f64 = 0.05;
/// Water deeper than this at a depot's or shelter's cell loses it (m): the
/// H2/H3 depth bound of FB03, above which the yard is unworkable and goods
/// stored on the ground are taken as spoiled.
pub const SITE_LOSS_DEPTH_M: f64 = 0.5;

/// Flood hazard class H1..=H6 (FB03): the highest class any of the depth,
/// speed or depth × speed tests triggers.
pub fn hazard_class(depth_m: f64, speed_ms: f64) -> u8 {
    let dv = depth_m * speed_ms;
    let by_dv = if dv <= 0.3 {
        1
    } else if dv <= 0.6 {
        3 // H2 and H3 share the 0.6 m²/s bound; depth separates them
    } else if dv <= 1.0 {
        4
    } else if dv <= 4.0 {
        5
    } else {
        6
    };
    let by_d = if depth_m <= 0.3 {
        1
    } else if depth_m <= 0.5 {
        2
    } else if depth_m <= 1.2 {
        3
    } else if depth_m <= 2.0 {
        4
    } else if depth_m <= 4.0 {
        5
    } else {
        6
    };
    let by_v = if speed_ms <= 2.0 {
        1
    } else if speed_ms <= 4.0 {
        5
    } else {
        6
    };
    // d·v in (0.3, 0.6] is H2 when the depth test alone says H1 or H2.
    let by_dv = if by_dv == 3 && by_d <= 2 { 2 } else { by_dv };
    by_dv.max(by_d).max(by_v)
}

/// Flood mortality `F(h) = 0.985 / (1 + exp(6.32 − 1.412 h))`, h in metres:
/// the logistic depth–mortality fit attributed to Jonkman (2008, *Loss of
/// life estimation in flood risk assessment*, Natural Hazards 46) as used in
/// the World Bank GFDRR CCDR-tools flood module.
pub fn flood_mortality(depth_m: f64) -> f64 {
    if depth_m <= 0.0 {
        return 0.0;
    }
    0.985 / (1.0 + (6.32 - 1.412 * depth_m).exp())
}

/// The lowest FB03 class at which [`flood_mortality`] is applied. The
/// logistic curve was fitted to loss of life in neighbourhoods flooded metres
/// deep (the 1953 North Sea flood data behind Jonkman 2008); its tail below
/// that — 0.2 % at 0.1 m — is the shape of the fit, not an observation, and
/// FB03 rates H1 and H2 water (d ≤ 0.5 m, d·v ≤ 0.6 m²/s) safe for people on
/// foot. From H3 ("unsafe for children and the elderly") on, the curve
/// applies; fast shallow water (v > 2 m/s is H5) counts through its class.
pub const LETHAL_FROM_CLASS: u8 = 3;

/// Probability of death for someone who stayed in water of this depth and
/// speed: [`flood_mortality`] where the class is [`LETHAL_FROM_CLASS`] or
/// worse, zero in water FB03 calls safe for people.
pub fn flood_lethality(depth_m: f64, speed_ms: f64) -> f64 {
    if hazard_class(depth_m, speed_ms) < LETHAL_FROM_CLASS {
        return 0.0;
    }
    flood_mortality(depth_m)
}

/// Vehicle classes flood water keeps off a cell (FB03 classes): cars from H2
/// (d > 0.3 m or d·v > 0.3 m²/s); pedestrians from H3 (d > 0.5 m, also the
/// critical wading depth of 0.5 m, or d·v > 0.6); trucks, buses and rescue
/// vehicles from H4 (d > 1.2 m or d·v > 0.6 m²/s).
pub fn blocked_classes(depth_m: f64, dv: f64) -> u8 {
    let mut m = 0;
    if depth_m > 0.3 || dv > 0.3 {
        m |= class_bit(VehicleClass::Car);
    }
    if depth_m > 0.5 || dv > 0.6 {
        m |= class_bit(VehicleClass::Foot);
    }
    if depth_m > 1.2 || dv > 0.6 {
        m |= class_bit(VehicleClass::Truck) | class_bit(VehicleClass::Bus);
    }
    m
}

/// The flood's effects, reading its own two layers.
pub struct FloodEffects {
    pub depth: LayerId,
    pub speed: LayerId,
}

impl FloodEffects {
    fn depth(&self, h: &Hazards, cell: usize) -> f64 {
        h.at(self.depth, cell)
    }
    fn speed(&self, h: &Hazards, cell: usize) -> f64 {
        h.at(self.speed, cell)
    }
}

impl HazardEffects for FloodEffects {
    fn hazard(&self) -> &'static str {
        "flood"
    }
    fn reading(&self, h: &Hazards, cell: usize) -> (&'static str, f64) {
        ("depth_m", self.depth(h, cell))
    }
    fn exposes(&self, h: &Hazards, cell: usize) -> bool {
        self.depth(h, cell) > EXPOSED_DEPTH_M
    }
    fn lethality(&self, h: &Hazards, cell: usize) -> f64 {
        flood_lethality(self.depth(h, cell), self.speed(h, cell))
    }
    /// Survivors who met water of class H4 or worse ("unsafe for people")
    /// count as injured: a planning rule, since no published injury function
    /// goes with the mortality curve.
    fn injures(&self, h: &Hazards, cell: usize) -> bool {
        hazard_class(self.depth(h, cell), self.speed(h, cell)) >= 4
    }
    fn perceived(&self, h: &Hazards, cell: usize) -> bool {
        self.depth(h, cell) > CUE_DEPTH_M
    }
    fn drives_out(&self, h: &Hazards, cell: usize) -> bool {
        self.depth(h, cell) >= SELF_EVACUATE_DEPTH_M
    }
    fn blocks(&self, h: &Hazards, cell: usize) -> u8 {
        let d = self.depth(h, cell);
        blocked_classes(d, d * self.speed(h, cell))
    }
    fn ruins(&self, h: &Hazards, cell: usize) -> bool {
        self.depth(h, cell) > SITE_LOSS_DEPTH_M
    }
    fn closure_events(&self) -> (&'static str, &'static str) {
        ("link_flooded", "link_drained")
    }
    fn ruin_cause(&self) -> &'static str {
        "flooded"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mortality_matches_published_check_values() {
        // F(1) = 0.0072, F(2) = 0.029, F(3) = 0.109, F(4) = 0.333, F(5) = 0.667.
        for (h, f) in [(1.0, 0.0072), (2.0, 0.029), (3.0, 0.109), (4.0, 0.333), (5.0, 0.667)] {
            let got = flood_mortality(h);
            assert!((got - f).abs() / f < 0.02, "F({h}) = {got}, expected {f}");
        }
        assert_eq!(flood_mortality(0.0), 0.0);
    }

    #[test]
    fn nobody_dies_in_water_fb03_calls_safe_for_people() {
        assert_eq!(flood_lethality(0.11, 0.2), 0.0);
        assert_eq!(flood_lethality(0.45, 1.0), 0.0); // H2: d·v 0.45
        assert_eq!(flood_lethality(0.6, 0.1), flood_mortality(0.6)); // H3 by depth
        assert_eq!(flood_lethality(0.3, 2.5), flood_mortality(0.3)); // H5 by speed
        assert!((flood_lethality(3.0, 0.0) - 0.109).abs() < 0.002);
    }

    #[test]
    fn hazard_classes_follow_the_table() {
        assert_eq!(hazard_class(0.2, 0.5), 1);
        assert_eq!(hazard_class(0.4, 0.1), 2);
        assert_eq!(hazard_class(0.25, 1.6), 2); // d·v = 0.4
        assert_eq!(hazard_class(1.0, 0.1), 3);
        assert_eq!(hazard_class(1.5, 0.1), 4);
        assert_eq!(hazard_class(0.5, 1.8), 4); // d·v = 0.9
        assert_eq!(hazard_class(3.0, 0.5), 5);
        assert_eq!(hazard_class(0.1, 3.0), 5);
        assert_eq!(hazard_class(5.0, 0.0), 6);
    }

    #[test]
    fn closures_follow_the_classes() {
        let car = class_bit(VehicleClass::Car);
        let truck = class_bit(VehicleClass::Truck);
        assert_eq!(blocked_classes(0.2, 0.1), 0);
        assert_eq!(blocked_classes(0.4, 0.1), car);
        assert_ne!(blocked_classes(0.6, 0.1) & class_bit(VehicleClass::Foot), 0);
        assert_eq!(blocked_classes(1.0, 0.1) & truck, 0);
        assert_ne!(blocked_classes(1.3, 0.1) & truck, 0);
        assert_ne!(blocked_classes(0.2, 0.7) & truck, 0);
    }
}
