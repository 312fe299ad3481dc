//! Rise of a buoyant plume: Briggs' (1975) equations in the form the US
//! EPA's Industrial Source Complex model uses them (User's Guide for the
//! ISC3 Dispersion Models, vol. II, EPA-454/B-95-003b, 1995, §1.1.4).
//!
//! - Buoyancy flux of a heat release `Q` (W): `F = g·Q/(π·c_p·ρ·T)`
//!   (Briggs 1969, *Plume Rise*, AEC Critical Review Series). With the
//!   ideal-gas `ρ·T = p/R` at sea-level pressure this is `8.8·10⁻⁶·Q`
//!   m⁴/s³ per watt, Briggs' `3.7·10⁻⁵` per cal/s, whatever the air's
//!   temperature.
//! - Gradual rise at distance `x` downwind, in wind `u`:
//!   `Δh = 1.60·F^{1/3}·x^{2/3}/u` (the "two-thirds law"),
//! - up to the final rise: in unstable and neutral air (classes A–D)
//!   `Δh = 21.425·F^{3/4}/u` for `F < 55` and `38.71·F^{3/5}/u` otherwise
//!   (the two-thirds law at Briggs' distance to final rise, `49·F^{5/8}`
//!   and `119·F^{2/5}`); in stable air (E, F)
//!   `Δh = 2.6·(F/(u·s))^{1/3}` with the stability parameter
//!   `s = g/T·∂θ/∂z`, `∂θ/∂z` = 0.020 K/m in class E and 0.035 K/m in F
//!   (ISC3's defaults).
//!
//! Winds under 1 m/s are taken as 1 m/s, as ISC3 does for its stack-height
//! wind: the equations divide by `u` and were not fitted for calm.

use super::sigma::Stability;
use std::f64::consts::PI;

/// Gravitational acceleration, m/s².
const G: f64 = 9.80665;
/// Specific heat of dry air at constant pressure, J/(kg·K).
const CP_AIR: f64 = 1004.7;
/// Sea-level pressure over the gas constant of dry air, `ρ·T`, kg·K/m³
/// (101 325 Pa / 287.05 J/(kg·K)).
const RHO_T: f64 = 101_325.0 / 287.05;
/// Lowest wind the equations are used at, m/s.
const MIN_WIND_MS: f64 = 1.0;

/// Buoyancy flux (m⁴/s³) of a heat release of `watts`.
pub fn buoyancy_flux(watts: f64) -> f64 {
    G * watts.max(0.0) / (PI * CP_AIR * RHO_T)
}

/// Final rise (m) of a plume of buoyancy flux `f` in wind `u_ms`, stability
/// `class`, air at `air_k`.
pub fn final_rise(f: f64, u_ms: f64, class: Stability, air_k: f64) -> f64 {
    if f <= 0.0 {
        return 0.0;
    }
    let u = u_ms.max(MIN_WIND_MS);
    let dtheta_dz = match class {
        Stability::E => 0.020,
        Stability::F => 0.035,
        _ => {
            return if f < 55.0 {
                21.425 * f.powf(0.75) / u
            } else {
                38.71 * f.powf(0.6) / u
            };
        }
    };
    let s = G / air_k * dtheta_dz;
    2.6 * (f / (u * s)).cbrt()
}

/// Rise (m) of the plume `x_m` downwind of the source: the two-thirds law,
/// never above the final rise.
pub fn rise(f: f64, x_m: f64, u_ms: f64, class: Stability, air_k: f64) -> f64 {
    if f <= 0.0 {
        return 0.0;
    }
    let u = u_ms.max(MIN_WIND_MS);
    let gradual = 1.60 * f.cbrt() * x_m.max(0.0).powf(2.0 / 3.0) / u;
    gradual.min(final_rise(f, u, class, air_k))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Briggs' heat-release form: F = 3.7e−5 m⁴/s³ per cal/s (8.8 per MW).
    #[test]
    fn buoyancy_flux_matches_briggs_per_calorie() {
        let per_cal_s = buoyancy_flux(4.184);
        assert!((per_cal_s - 3.7e-5).abs() / 3.7e-5 < 0.01, "{per_cal_s}");
        assert!((buoyancy_flux(1e6) - 8.8).abs() < 0.05);
    }

    /// The final rise in neutral air is the gradual rise at Briggs'
    /// distance to final rise, 49·F^{5/8} (F < 55) or 119·F^{2/5}: the ISC3
    /// constants 21.425 and 38.71 are these products, so the two laws join.
    #[test]
    fn gradual_rise_reaches_the_final_rise_at_briggs_distance() {
        for (f, xf) in [(10.0f64, 49.0 * 10f64.powf(0.625)), (200.0, 119.0 * 200f64.powf(0.4))] {
            let u = 4.0;
            let gradual = 1.60 * f.cbrt() * xf.powf(2.0 / 3.0) / u;
            let fin = final_rise(f, u, Stability::D, 293.0);
            assert!((gradual - fin).abs() / fin < 2e-3, "F = {f}: {gradual} vs {fin}");
            assert!((rise(f, xf * 0.5, u, Stability::D, 293.0) - fin * 0.5f64.powf(2.0 / 3.0)).abs() < 1e-9 * fin + 2e-3 * fin);
            assert_eq!(rise(f, xf * 3.0, u, Stability::D, 293.0), fin);
        }
    }

    /// Worked figures: F = 100 m⁴/s³, u = 5 m/s, class D → 38.71·100^0.6/5
    /// = 122.70 m; class F at 293 K → s = 9.80665/293·0.035 = 1.1714e−3 s⁻²,
    /// 2.6·(100/(5·1.1714e−3))^{1/3} = 66.95 m. A stable layer holds the
    /// plume lower; calm is taken as 1 m/s; no heat, no rise.
    #[test]
    fn final_rise_worked_figures() {
        assert!((final_rise(100.0, 5.0, Stability::D, 293.0) - 122.70).abs() < 0.01);
        assert!((final_rise(100.0, 5.0, Stability::F, 293.0) - 66.95).abs() < 0.01);
        assert_eq!(
            final_rise(100.0, 0.2, Stability::C, 293.0),
            final_rise(100.0, 1.0, Stability::C, 293.0)
        );
        assert_eq!(rise(0.0, 500.0, 3.0, Stability::D, 293.0), 0.0);
    }
}
