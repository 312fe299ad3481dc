//! Toxic gas releases as plain functions, in SI units (kg, m, s) with
//! concentrations in kg/m³ until [`substance`] turns them into ppm; the
//! release hazard domain (`domains::release`) carries the cloud over the map.
//!
//! - [`sigma`]: dispersion coefficients — Briggs (1973) rural and urban for
//!   plumes, CCPS (1999) for instantaneous puffs;
//! - [`cloud`]: a release carried as a train of puffs that follow the wind;
//! - [`rise`]: Briggs' rise of a buoyant plume (the fire's smoke);
//! - [`gauss`]: the Gaussian plume and puff with ground reflection and
//!   release height;
//! - [`substance`]: molar masses, AEGL-1/2/3 by exposure time, and the
//!   lethality probits of the toxic load ∫Cⁿdt;
//! - [`source`]: liquid discharge through a hole in a tank (Bernoulli orifice
//!   flow), so sealing the hole or draining the tank changes the rate;
//! - [`indoor`]: the single-zone air-exchange model of a building.
//!
//! Each formula is tested against the published check value it came with:
//! the CCPS plume example, printed LC50s, Torricelli's draining time.

pub mod cloud;
pub mod gauss;
pub mod indoor;
pub mod rise;
pub mod sigma;
pub mod source;
pub mod substance;
