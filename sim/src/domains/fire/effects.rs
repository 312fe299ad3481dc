//! What the fire means for people, roads and sites, read from its layers.

use crate::world::hazard::{HazardEffects, Hazards, LayerId};

/// The fire's effects, reading its flame layer and, with `structures`,
/// the buildings layer: a cell is burning if either says so.
pub struct FireEffects {
    pub flame: LayerId,
    pub buildings: Option<LayerId>,
}

impl FireEffects {
    fn flame(&self, h: &Hazards, cell: usize) -> f64 {
        h.at(self.flame, cell)
    }
    fn burning(&self, h: &Hazards, cell: usize) -> bool {
        self.flame(h, cell) > 0.0 || self.buildings.is_some_and(|b| h.at(b, cell) > 0.0)
    }
}

impl HazardEffects for FireEffects {
    fn hazard(&self) -> &'static str {
        "fire"
    }
    fn reading(&self, h: &Hazards, cell: usize) -> (&'static str, f64) {
        match self.buildings.filter(|b| h.at(*b, cell) > 0.0) {
            Some(_) => ("buildings_burning", 1.0),
            None => ("flame_length_m", self.flame(h, cell)),
        }
    }
    fn exposes(&self, h: &Hazards, cell: usize) -> bool {
        self.burning(h, cell)
    }
    /// No published fire-fatality function goes with the surface model.
    fn lethality(&self, _h: &Hazards, _cell: usize) -> f64 {
        0.0
    }
    fn injures(&self, h: &Hazards, cell: usize) -> bool {
        self.burning(h, cell)
    }
    fn perceived(&self, h: &Hazards, cell: usize) -> bool {
        self.burning(h, cell)
    }
    fn drives_out(&self, h: &Hazards, cell: usize) -> bool {
        self.burning(h, cell)
    }
    fn blocks(&self, h: &Hazards, cell: usize) -> u8 {
        if self.burning(h, cell) { u8::MAX } else { 0 }
    }
    fn ruins(&self, h: &Hazards, cell: usize) -> bool {
        self.burning(h, cell)
    }
    fn closure_events(&self) -> (&'static str, &'static str) {
        ("link_burning", "link_reopened")
    }
    fn ruin_cause(&self) -> &'static str {
        "burnt"
    }
}
