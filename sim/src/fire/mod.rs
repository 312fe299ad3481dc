//! Wildland fire behaviour: the surface fire spread model of Rothermel
//! (1972) with Albini's (1976) corrections, over the standard fuel models
//! ([`fuels`]). Plain functions of fuel, moisture, wind and slope, in the
//! model's own units (ft, lb, BTU, min); the fire hazard domain converts to
//! the metres and seconds of the rest of the engine at its edge.
//!
//! Not simulated yet: spread between cells, spotting, suppression and the
//! fire's effects on people and roads (a `Fire` hazard is still refused by
//! `drillsim run` with `not-yet-simulated`).

pub mod fuels;
pub mod percolation;
pub mod rothermel;
pub mod spread;

#[cfg(test)]
mod tests;
