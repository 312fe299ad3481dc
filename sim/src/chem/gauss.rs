//! The Gaussian plume and puff (CCPS 1999, *Guidelines for Consequence
//! Analysis of Chemical Releases*, §2.1.3), with the ground as a perfect
//! reflector (an image source at −H) and an effective release height H.
//!
//! Plume, release rate Q (kg/s) in wind u (m/s):
//! `C = Q/(2π·u·σy·σz)·exp(−y²/2σy²)·[exp(−(z−H)²/2σz²) + exp(−(z+H)²/2σz²)]`.
//!
//! Puff, released mass M (kg), centre at distance `ut` downwind:
//! `C = M/((2π)^{3/2}·σx·σy·σz)·exp(−(x−ut)²/2σx²)·exp(−y²/2σy²)·[same vertical term]`.

use std::f64::consts::PI;

/// The vertical term with its ground reflection.
pub fn vertical(z: f64, h: f64, sz: f64) -> f64 {
    let two_sz2 = 2.0 * sz * sz;
    (-(z - h).powi(2) / two_sz2).exp() + (-(z + h).powi(2) / two_sz2).exp()
}

/// Plume concentration (kg/m³) at crosswind offset `y` and height `z` where
/// the plume has spread to (σy, σz).
pub fn plume(q: f64, u: f64, (sy, sz): (f64, f64), y: f64, z: f64, h: f64) -> f64 {
    q / (2.0 * PI * u * sy * sz) * (-y * y / (2.0 * sy * sy)).exp() * vertical(z, h, sz)
}

/// Puff concentration (kg/m³) at (`dx`, `dy`) from the puff centre and
/// height `z`, for spreads (σx, σy, σz).
pub fn puff(m: f64, (sx, sy, sz): (f64, f64, f64), dx: f64, dy: f64, z: f64, h: f64) -> f64 {
    m / ((2.0 * PI).powf(1.5) * sx * sy * sz) * (-dx * dx / (2.0 * sx * sx)).exp() * (-dy * dy / (2.0 * sy * sy)).exp() * vertical(z, h, sz)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chem::sigma::Stability;
    use crate::chem::sigma::{Surface, briggs, ccps_puff};

    /// CCPS (1999) plume example: Q = 0.1 kg/s, u = 2 m/s, class F, ground
    /// release, ground-level centreline 500 m downwind.
    #[test]
    fn ccps_plume_example_with_both_sigma_sets() {
        // With the example's own σ (σy = 0.0674x^0.9, σz fitted; 18.10 m,
        // 8.50 m at 500 m) the book gives 1.0347e−4 kg/m³.
        let sy = 0.0674 * 500f64.powf(0.9);
        let sz = 0.01122 * 500f64.powf(1.4024) * (-0.054 * 500f64.ln().powi(2)).exp();
        let c = plume(0.1, 2.0, (sy, sz), 0.0, 0.0, 0.0);
        assert!((c - 1.0347e-4).abs() / 1.0347e-4 < 0.005, "{c}");
        // With Briggs rural class F (19.52 m, 6.96 m): 1.172e−4 kg/m³.
        let c = plume(0.1, 2.0, briggs(Stability::F, Surface::Rural, 500.0), 0.0, 0.0, 0.0);
        assert!((c - 1.172e-4).abs() / 1.172e-4 < 0.005, "{c}");
    }

    #[test]
    fn ground_level_centreline_reduces_to_q_over_pi_u_sy_sz() {
        let (sy, sz) = (30.0, 12.0);
        let c = plume(2.0, 3.0, (sy, sz), 0.0, 0.0, 0.0);
        assert!((c - 2.0 / (PI * 3.0 * sy * sz)).abs() < 1e-15);
        // A raised release is weaker at the ground right under it.
        assert!(plume(2.0, 3.0, (sy, sz), 0.0, 0.0, 20.0) < c);
    }

    #[test]
    fn a_puff_holds_its_mass() {
        // Integrate over the half-space above the ground: the reflection
        // returns what the ground stops, so the integral is the mass.
        let m = 500.0;
        let (sxy, sz) = ccps_puff(Stability::D, 800.0);
        let h = 10.0;
        let (step, reach) = (sxy / 10.0, 6.0 * sxy);
        let zstep = sz / 20.0;
        let n = (reach / step) as i64;
        let nz = (8.0 * sz.max(h) / zstep) as i64;
        let mut total = 0.0;
        for i in -n..=n {
            for j in -n..=n {
                for k in 0..nz {
                    let z = (k as f64 + 0.5) * zstep;
                    total += puff(m, (sxy, sxy, sz), i as f64 * step, j as f64 * step, z, h);
                }
            }
        }
        total *= step * step * zstep;
        assert!((total - m).abs() / m < 1e-3, "{total}");
    }
}
