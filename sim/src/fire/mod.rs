//! Wildland fire behaviour as plain functions and dense grids, in the
//! models' own units (ft, lb, BTU, min, mph); the fire hazard domain
//! (`domains::fire`) converts to the engine's metres and seconds at its edge.
//!
//! - [`fuels`]: the 53 standard fuel models;
//! - [`rothermel`]: surface spread (Rothermel 1972, Albini 1976);
//! - [`hamada`]: spread between buildings in a built-up area (Hamada 1951);
//! - [`wind`]: 20-ft to midflame wind (Albini & Baughman 1979);
//! - [`spread`]: spread between cells by minimum travel time;
//! - [`spotting`]: maximum spotting distance (Albini 1979) and firebrand
//!   ignition probability (Schroeder 1969);
//! - [`suppression`]: line production of crews and dozers by fuel model,
//!   and the flame lengths each can work against;
//! - [`smoke`]: smoke of the front and the visibility through it (GFED4
//!   emission factors, IMPROVE extinction, Koschmieder);
//! - [`percolation`]: the classic forest-fire percolation model.
//!
//! Every fire-behaviour formula is checked against firelab/behave built
//! from source; the suppression tables against their printed figures.

pub mod fuels;
pub mod hamada;
pub mod percolation;
pub mod rothermel;
pub mod smoke;
pub mod spotting;
pub mod spread;
pub mod suppression;
pub mod wind;

#[cfg(test)]
mod tests;
