//! Wildland fire behaviour as plain functions and dense grids, in the
//! models' own units (ft, lb, BTU, min, mph); the fire hazard domain will
//! convert to the engine's metres and seconds at its edge.
//!
//! - [`fuels`]: the 53 standard fuel models;
//! - [`rothermel`]: surface spread (Rothermel 1972, Albini 1976);
//! - [`wind`]: 20-ft to midflame wind (Albini & Baughman 1979);
//! - [`spread`]: spread between cells by minimum travel time;
//! - [`spotting`]: maximum spotting distance (Albini 1979) and firebrand
//!   ignition probability (Schroeder 1969);
//! - [`percolation`]: the classic forest-fire percolation model.
//!
//! Every formula is checked against firelab/behave built from source.
//! Not simulated yet: the fire as a hazard domain of the engine —
//! suppression, effects on people, buildings and roads — so a `Fire` hazard
//! is still refused by `drillsim run` with `not-yet-simulated`.

pub mod fuels;
pub mod percolation;
pub mod rothermel;
pub mod spotting;
pub mod spread;
pub mod wind;

#[cfg(test)]
mod tests;
