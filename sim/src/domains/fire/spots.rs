//! Spot fires in a run ([`crate::fire::spotting`] wrapped for the grid).
//!
//! Each cell that ignites casts a Poisson number of firebrands with mean
//! `firebrands_per_ha` × its area (the scenario's: no published production
//! rate goes with the distance model). A firebrand lands Albini's maximum
//! spotting distance downwind of the cell — the distance the model gives,
//! so the worst case; embers that fall shorter land in or beside the front
//! that is already burning. One that lands more than a cell and a half away
//! on unburnt, unlined fuel lights it with Schroeder's (1969) probability
//! for the 1-h moisture, the air temperature and the fuel's shade. Both
//! draws come from the run's `hazard` stream, in the order the cells lit.

use crate::engine::rng::uniform01;
use crate::fire::spotting::{Downwind, Position, from_surface_fire, ignition_probability};
use crate::scenario::model::Spotting;
use rand::Rng;
use rand_distr::{Distribution, Poisson};

const FT_PER_M: f64 = 1.0 / 0.3048;

/// A spot fire: the cell that cast it, where it landed, and how far (m).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spot {
    pub from: usize,
    pub cell: usize,
    pub distance_m: f64,
}

/// The weather the embers fly and land in.
pub struct EmberWeather {
    pub wind20_mph: f64,
    /// Azimuth the wind blows toward, degrees clockwise from north.
    pub wind_to_deg: f64,
    /// Dead 1-h fuel moisture, fraction.
    pub dead_1h: f64,
    pub air_f: f64,
}

pub struct Spotter {
    per_cell: f64,
    downwind: Downwind,
    shade: f64,
    cols: usize,
    rows: usize,
    cell_m: f64,
}

impl Spotter {
    pub fn new(spec: &Spotting, cols: usize, rows: usize, cell_m: f64) -> Self {
        Spotter {
            per_cell: spec.firebrands_per_ha.value().max(0.0) * cell_m * cell_m / 10_000.0,
            downwind: Downwind {
                cover_ft: spec.cover_height_m * FT_PER_M,
                open: false,
                ridge_valley_mi: 0.0,
                relief_ft: 0.0,
                position: Position::MidslopeWindward,
            },
            shade: spec.shade,
            cols,
            rows,
            cell_m,
        }
    }

    /// Spot fires cast by the cells lit this tick, (cell, flame length ft)
    /// in the order they lit, landing where `receptive` says fuel can catch.
    pub fn cast(&self, lit: &[(usize, f64)], air: &EmberWeather, receptive: impl Fn(usize) -> bool, rng: &mut impl Rng) -> Vec<Spot> {
        let mut spots = Vec::new();
        if self.per_cell <= 0.0 || air.wind20_mph <= 0.0 {
            return spots;
        }
        let Ok(brands) = Poisson::new(self.per_cell) else { return spots };
        let p_ignite = ignition_probability(air.dead_1h, air.air_f, self.shade);
        let (sin, cos) = air.wind_to_deg.to_radians().sin_cos();
        for &(from, flame_ft) in lit {
            let n = brands.sample(rng) as u64;
            if n == 0 {
                continue;
            }
            let reach = from_surface_fire(flame_ft, air.wind20_mph, &self.downwind);
            let d = reach.flat_ft / FT_PER_M;
            // Every brand from one cell lands at the same maximum distance;
            // the draws still come one by one so the stream does not depend
            // on whether the landing cell can burn.
            let landing = self.landing(from, d * sin, d * cos);
            for _ in 0..n {
                let lights = uniform01(rng) < p_ignite;
                match landing {
                    Some(cell) if lights && d > 1.5 * self.cell_m && receptive(cell) && !spots.iter().any(|s: &Spot| s.cell == cell) => {
                        spots.push(Spot { from, cell, distance_m: d })
                    }
                    _ => {}
                }
            }
        }
        spots
    }

    /// The cell `east` m east and `north` m north of `from`'s centre.
    fn landing(&self, from: usize, east: f64, north: f64) -> Option<usize> {
        let x = ((from % self.cols) as f64 + 0.5) * self.cell_m + east;
        let y = ((from / self.cols) as f64 + 0.5) * self.cell_m - north;
        let (c, r) = ((x / self.cell_m).floor(), (y / self.cell_m).floor());
        (c >= 0.0 && r >= 0.0 && (c as usize) < self.cols && (r as usize) < self.rows).then(|| r as usize * self.cols + c as usize)
    }
}
