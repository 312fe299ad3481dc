//! Embers ahead of the front: the maximum spotting distance from a
//! wind-driven surface fire (Albini 1979, *Spot fire distance from burning
//! trees: a predictive model*, USDA FS GTR INT-56, and its surface-fire form
//! in Albini 1983 and Chase 1984, as firelab/behave's `spot.cpp` computes
//! it), and the probability that an ember lighting on fine fuel ignites it
//! (Schroeder 1969, as tabulated in Rothermel 1983, *How to predict the
//! spread and intensity of forest and range fires*, GTR INT-143; behave's
//! `ignite.cpp`). Units are the models' own: ft, mph, °F.
//!
//! - Firebrand height z = 1.055·√(f·I_B), f = 322·(0.474·U₂₀)^−1.01, with
//!   I_B = (L/0.45)^(1/0.46) from the flame length L;
//! - cover height used H = max(H_cover, 2.2·z^0.337 − 4) (an open canopy
//!   counts half its height);
//! - flat-terrain distance (miles) 0.000718·U₂₀·√H·(0.362 + √(z/H)/2·ln(z/H))
//!   plus drift 0.000278·U₂₀·z^0.643;
//! - over a ridge-valley of horizontal distance D (mi) and relief ΔH (ft),
//!   x solves x = d/D − ΔH/(10π·1000)·(cos(πx − kπ/2) − cos(kπ/2)) (six
//!   fixed-point steps) for the source at position k (0 midslope windward,
//!   1 valley bottom, 2 midslope leeward, 3 ridge top).
//! - Ignition: Q_ig = 144.51 − 0.266T − 0.00058T² − T·M + 18.54(1 − e^(−15.1M)) + 640M
//!   (cal/g; T the fuel temperature in °C, the air's plus 25 − 20·shade °F;
//!   M the 1-h moisture), at most 400; P = 0.000048·(0.1(400 − Q_ig))^4.3/50.

/// Where the burning source sits on the terrain (Albini's positions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    MidslopeWindward = 0,
    ValleyBottom = 1,
    MidslopeLeeward = 2,
    RidgeTop = 3,
}

/// What lies downwind of the fire.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Downwind {
    /// Height of the cover (trees) downwind, ft.
    pub cover_ft: f64,
    /// An open canopy counts half its height.
    pub open: bool,
    /// Ridge-to-valley horizontal distance, miles, and relief, ft (0 for flat).
    pub ridge_valley_mi: f64,
    pub relief_ft: f64,
    pub position: Position,
}

/// Firebrand height and maximum spotting distance.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Spotting {
    pub firebrand_height_ft: f64,
    pub flat_ft: f64,
    /// Over the ridge-valley terrain (equal to `flat_ft` on flat ground).
    pub terrain_ft: f64,
}

const FT_PER_MILE: f64 = 5280.0;

/// Maximum spotting distance from a surface fire of flame length
/// `flame_ft` in a 20-ft wind of `wind20_mph`.
pub fn from_surface_fire(flame_ft: f64, wind20_mph: f64, d: &Downwind) -> Spotting {
    if wind20_mph <= 1e-7 || flame_ft <= 1e-7 {
        return Spotting::default();
    }
    let f = 322.0 * (0.474 * wind20_mph).powf(-1.01);
    let byram = (flame_ft / 0.45).powf(1.0 / 0.46);
    let z = if f * byram < 1e-7 { 0.0 } else { 1.055 * (f * byram).sqrt() };
    let cover = if d.open { 0.5 * d.cover_ft } else { d.cover_ft };
    let critical = if z < 1e-7 { 0.0 } else { 2.2 * z.powf(0.337) - 4.0 };
    let h = cover.max(critical);
    if h <= 1e-7 {
        return Spotting {
            firebrand_height_ft: z,
            ..Default::default()
        };
    }
    let drift = 0.000278 * wind20_mph * z.powf(0.643);
    let flat_mi = 0.000718 * wind20_mph * h.sqrt() * (0.362 + (z / h).sqrt() / 2.0 * (z / h).ln()) + drift;
    let mut terrain_mi = flat_mi;
    if d.relief_ft > 1e-7 && d.ridge_valley_mi > 1e-7 {
        let k = d.position as i32 as f64;
        let a1 = flat_mi / d.ridge_valley_mi;
        let b1 = d.relief_ft / (10.0 * std::f64::consts::PI) / 1000.0;
        let mut x = a1;
        for _ in 0..6 {
            x = a1 - b1 * ((std::f64::consts::PI * x - k * std::f64::consts::FRAC_PI_2).cos() - (k * std::f64::consts::FRAC_PI_2).cos());
        }
        terrain_mi = x * d.ridge_valley_mi;
    }
    Spotting {
        firebrand_height_ft: z,
        flat_ft: flat_mi * FT_PER_MILE,
        terrain_ft: terrain_mi * FT_PER_MILE,
    }
}

/// Probability that a firebrand landing on fine dead fuel ignites it, for
/// 1-h moisture `m1` (fraction), air temperature `air_f` (°F) and the
/// fuel's shade from the sun (0 open to 1 full shade).
pub fn ignition_probability(m1: f64, air_f: f64, shade: f64) -> f64 {
    let fuel_f = air_f + 25.0 - 20.0 * shade;
    let t = (fuel_f - 32.0) * 5.0 / 9.0;
    let q = (144.51 - 0.266 * t - 0.00058 * t * t - t * m1 + 18.54 * (1.0 - (-15.1 * m1).exp()) + 640.0 * m1).min(400.0);
    let x = 0.1 * (400.0 - q);
    (0.000048 * x.powf(4.3) / 50.0).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-7 * b.abs().max(1.0)
    }

    /// Against behave (commit d963287) built from source, same inputs:
    /// (position, ridge-valley mi, relief ft, cover ft, open, wind mph,
    /// flame ft) → (firebrand height, flat distance, terrain distance) ft.
    #[test]
    fn surface_fire_spotting_matches_behave() {
        use Position::*;
        let cases = [
            (
                (MidslopeWindward, 0.0, 0.0, 30.0, false, 10.0, 5.0),
                (118.196674451, 673.495966035, 673.495966035),
            ),
            (
                (MidslopeWindward, 0.0, 0.0, 30.0, true, 20.0, 12.0),
                (215.703999916, 2520.389777376, 2520.389777376),
            ),
            (
                (RidgeTop, 1.0, 1000.0, 60.0, false, 15.0, 8.0),
                (160.527232344, 1090.658001987, 1200.777624579),
            ),
            (
                (ValleyBottom, 2.0, 2000.0, 0.0, false, 25.0, 20.0),
                (335.782908979, 4582.621966962, 3961.416756216),
            ),
            (
                (MidslopeLeeward, 0.5, 500.0, 10.0, true, 5.0, 2.0),
                (61.955792654, 307.332095712, 304.601918116),
            ),
        ];
        for ((position, rv, relief, cover, open, wind, flame), (z, flat, terrain)) in cases {
            let d = Downwind {
                cover_ft: cover,
                open,
                ridge_valley_mi: rv,
                relief_ft: relief,
                position,
            };
            let s = from_surface_fire(flame, wind, &d);
            assert!(close(s.firebrand_height_ft, z), "{position:?}: z {} vs {z}", s.firebrand_height_ft);
            assert!(close(s.flat_ft, flat), "{position:?}: flat {} vs {flat}", s.flat_ft);
            assert!(close(s.terrain_ft, terrain), "{position:?}: terrain {} vs {terrain}", s.terrain_ft);
        }
        assert_eq!(
            from_surface_fire(
                5.0,
                0.0,
                &Downwind {
                    cover_ft: 30.0,
                    open: false,
                    ridge_valley_mi: 0.0,
                    relief_ft: 0.0,
                    position: Position::RidgeTop
                }
            )
            .flat_ft,
            0.0
        );
    }

    /// Against behave: (1-h moisture, air °F, shade) → probability.
    #[test]
    fn firebrand_ignition_probability_matches_behave() {
        for (m, air, shade, p) in [
            (0.03, 90.0, 0.0, 0.893812392),
            (0.06, 80.0, 0.5, 0.548317048),
            (0.10, 70.0, 1.0, 0.276937204),
            (0.15, 60.0, 0.2, 0.124803128),
            (0.25, 50.0, 0.0, 0.012195423),
        ] {
            let got = ignition_probability(m, air, shade);
            assert!((got - p).abs() < 5e-9, "P({m}, {air} °F, {shade}) = {got} vs {p}");
        }
    }
}
