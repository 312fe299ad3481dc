//! What a response team's crew breathes, shared by the teams domain (which
//! puts the crew somewhere) and a hazard that harms by what is breathed
//! (which fills the lungs).
//!
//! A crew breathes the air around it through its respirator: the
//! concentration divided by the respirator's assigned protection factor
//! (OSHA 29 CFR 1910.134 Table 1; see
//! [`crate::scenario::model::Protection::protection_factor`]). In the field
//! the air around it is the outside air; at its own base and off task it is
//! indoors, where the air follows the outside through the building's
//! air-exchange model, as for households (a crew with a respirator is taken
//! to put it on when the gas arrives; its air supply is not limited). When what it breathes
//! reaches AEGL-2 for the time elapsed — by definition the level at which the
//! ability to escape is impaired — the crew is overcome: the team is out of
//! the drill from then on, and its members die by the probit of their toxic
//! load as residents do. Where the drill has hospitals, an overcome crew is a
//! casualty incident command knows of at once (the crew is on the radio):
//! a team that carries casualties brings its members out to a hospital bed,
//! and they breathe the cloud no more.

use crate::world::people::Breath;
use bevy_ecs::prelude::*;

/// One team's crew and its air, on the team's entity.
#[derive(Component, Clone, Debug)]
pub struct CrewAir {
    /// The team's order (its place in the scenario), for stable iteration.
    pub order: u32,
    pub team: String,
    /// Where the crew is (the teams domain keeps it current).
    pub cell: usize,
    /// At its base, off task: indoors.
    pub indoors: bool,
    /// Assigned protection factor of its respirator (1 without one).
    pub protection_factor: f64,
    /// Members alive where the crew is.
    pub crew: u32,
    pub dead: u32,
    /// Members of an overcome crew carried to hospital (out of the cloud).
    pub hospitalised: u32,
    pub breath: Breath,
    /// When the crew was overcome (s): out of service from then on.
    pub overcome_s: Option<f64>,
    /// The worst lethality the crew has met, for tick-independent deaths.
    pub worst_lethality: f64,
}

impl CrewAir {
    pub fn new(order: u32, team: &str, cell: usize, protection_factor: f64, crew: u32) -> Self {
        CrewAir {
            order,
            team: team.to_string(),
            cell,
            indoors: true,
            protection_factor: protection_factor.max(1.0),
            crew,
            dead: 0,
            hospitalised: 0,
            breath: Breath::default(),
            overcome_s: None,
            worst_lethality: 0.0,
        }
    }
}
