//! Dispersion coefficients σ (m) as functions of the downwind distance x (m).
//!
//! Plumes use Briggs (1973) as tabulated for open country and for cities
//! (Briggs, G.A., *Diffusion estimation for small emissions*, ATDL
//! contribution 79, NOAA 1973; the equation set of GasDispersion.jl).
//! Instantaneous puffs use the CCPS (1999) puff coefficients (*Guidelines
//! for Consequence Analysis of Chemical Releases*, the puff coefficients
//! also coded in GasDispersion.jl), with σx = σy.

/// Pasquill–Gifford atmospheric stability class, A (very unstable) to F (stable).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stability {
    A,
    B,
    C,
    D,
    E,
    F,
}

impl Stability {
    /// 1 (A) to 6 (F), for time-series columns.
    pub fn number(self) -> f64 {
        self as u8 as f64 + 1.0
    }
}

/// Open country or city: the roughness the Briggs curves were fitted for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Surface {
    Rural,
    Urban,
}

/// Distances below a metre are read as a metre: the curves are fitted from
/// 100 m out and a zero σ would put the whole release in one point.
const MIN_X: f64 = 1.0;

/// Briggs (1973) plume coefficients (σy, σz) at `x` metres downwind.
pub fn briggs(class: Stability, surface: Surface, x: f64) -> (f64, f64) {
    use Stability::*;
    let x = x.max(MIN_X);
    let inv_sqrt = |k: f64| (1.0 + k * x).powf(-0.5);
    match surface {
        Surface::Rural => {
            let sy = match class {
                A => 0.22,
                B => 0.16,
                C => 0.11,
                D => 0.08,
                E => 0.06,
                F => 0.04,
            } * x
                * inv_sqrt(0.0001);
            let sz = match class {
                A => 0.20 * x,
                B => 0.12 * x,
                C => 0.08 * x * inv_sqrt(0.0002),
                D => 0.06 * x * inv_sqrt(0.0015),
                E => 0.03 * x / (1.0 + 0.0003 * x),
                F => 0.016 * x / (1.0 + 0.0003 * x),
            };
            (sy, sz)
        }
        Surface::Urban => {
            let sy = match class {
                A | B => 0.32,
                C => 0.22,
                D => 0.16,
                E | F => 0.11,
            } * x
                * inv_sqrt(0.0004);
            let sz = match class {
                A | B => 0.24 * x * (1.0 + 0.001 * x).sqrt(),
                C => 0.20 * x,
                D => 0.14 * x * inv_sqrt(0.0003),
                E | F => 0.08 * x * inv_sqrt(0.0015),
            };
            (sy, sz)
        }
    }
}

/// CCPS (1999) puff coefficients (σx = σy, σz) at `x` metres travelled.
pub fn ccps_puff(class: Stability, x: f64) -> (f64, f64) {
    use Stability::*;
    let x = x.max(MIN_X);
    let ((ay, by), (az, bz)) = match class {
        A => ((0.18, 0.92), (0.60, 0.75)),
        B => ((0.14, 0.92), (0.53, 0.73)),
        C => ((0.10, 0.92), (0.34, 0.71)),
        D => ((0.06, 0.92), (0.15, 0.70)),
        E => ((0.04, 0.92), (0.10, 0.65)),
        F => ((0.02, 0.89), (0.05, 0.61)),
    };
    (ay * x.powf(by), az * x.powf(bz))
}

/// Which curves a cloud's σ follow: Briggs plume curves for the puffs a
/// continuous release is carried as (their sum is then the Briggs plume), or
/// the CCPS instantaneous-puff curves for a single released mass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curves {
    Plume(Surface),
    Puff,
}

impl Curves {
    /// (σy, σz) at `x` metres travelled.
    pub fn at(self, class: Stability, x: f64) -> (f64, f64) {
        match self {
            Curves::Plume(s) => briggs(class, s, x),
            Curves::Puff => ccps_puff(class, x),
        }
    }

    /// The distance at which these curves reach horizontal spread `sigma_y`
    /// under `class`: a cloud that meets a new stability class carries on
    /// from the spread it has (the virtual-source method), not from its
    /// distance. Every σy here increases with x, so bisection finds it.
    pub fn virtual_distance(self, class: Stability, sigma_y: f64) -> f64 {
        let (mut lo, mut hi) = (MIN_X, MIN_X);
        while self.at(class, hi).0 < sigma_y && hi < 1e7 {
            lo = hi;
            hi *= 2.0;
        }
        for _ in 0..60 {
            let mid = 0.5 * (lo + hi);
            if self.at(class, mid).0 < sigma_y {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        0.5 * (lo + hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn briggs_rural_f_at_500_m() {
        // The σ quoted with the CCPS plume example: 19.52 m and 6.96 m.
        let (sy, sz) = briggs(Stability::F, Surface::Rural, 500.0);
        assert!((sy - 19.52).abs() < 0.01, "{sy}");
        assert!((sz - 6.96).abs() < 0.01, "{sz}");
    }

    #[test]
    fn cities_spread_a_cloud_wider_than_open_country() {
        for class in [Stability::A, Stability::D, Stability::F] {
            let (ry, rz) = briggs(class, Surface::Rural, 1000.0);
            let (uy, uz) = briggs(class, Surface::Urban, 1000.0);
            assert!(uy > ry && uz > rz, "{class:?}");
        }
        // Unstable air spreads a cloud more than stable air.
        assert!(briggs(Stability::A, Surface::Rural, 1000.0).0 > briggs(Stability::F, Surface::Rural, 1000.0).0);
    }

    #[test]
    fn virtual_distance_inverts_the_curve() {
        for curves in [Curves::Plume(Surface::Rural), Curves::Plume(Surface::Urban), Curves::Puff] {
            let sy = curves.at(Stability::D, 1234.0).0;
            let x = curves.virtual_distance(Stability::D, sy);
            assert!((x - 1234.0).abs() < 1e-6, "{curves:?} {x}");
            // The same spread is reached sooner in unstable air.
            assert!(curves.virtual_distance(Stability::A, sy) < x);
        }
    }
}
