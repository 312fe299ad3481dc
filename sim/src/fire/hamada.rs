//! Fire spread through a built-up area from building to building: Hamada's
//! (1951) empirical model, from the spread of the great fires in Japanese
//! cities, as reproduced in Lee, Davidson, Ohnishi & Scawthorn (2008),
//! "Fire following earthquake — reviewing the state-of-the-art of
//! modeling", Earthquake Spectra 24(4):933–967, and used by HAZUS and the
//! Japanese urban-fire models built on it.
//!
//! For blocks of buildings of side `a` (m) standing `d` (m) apart, a share
//! `f` of them fire-resistant, in a wind `V` (m/s), the time (min) for the
//! fire to pass from one building to the next, `a + d` metres on, is
//!
//! ```text
//! downwind  t_d = [(1−f)(3 + 3a/8 + 8d/(25 + 2.5V)) + f(5 + 5a/8 + 16d/(25 + 2.5V))] / (1.5(1 + 0.1V + 0.007V²))
//! sidewind  t_s = [(1−f)(3 + 3a/8 + 8d/(5 + 0.25V)) + f(5 + 5a/8 + 16d/(5 + 0.25V))] / (1 + 0.005V²)
//! upwind    t_u = [(1−f)(3 + 3a/8 + 8d/(5 + 0.2V))  + f(5 + 5a/8 + 16d/(5 + 0.2V))]  / (1 + 0.002V²)
//! ```
//!
//! and the rate in each direction is `(a + d)/t`. The cell spread needs one
//! ellipse per cell (head rate, eccentricity): the one through the downwind
//! and sidewind rates, `e = 1 − R_s/R_d` (the rate at ψ from the wind is
//! then `R_d(1 − e)/(1 − e·cos ψ)`, `R_d` ahead and `R_s` abeam, as
//! FireBench's `Hamada_2` builds it). Its backing rate `R_s/(2 − R_s/R_d)` is
//! below Hamada's upwind rate (0.58 against 0.93 m/min for the check case
//! below): the back of an urban fire is slower here than in the model.
//! Hamada fitted winds of a few m/s; even calm, its downwind rate is 2.4
//! times the sidewind one (2.17 against 0.91 m/min for the check case's
//! buildings).
//!
//! Check values: FireBench's regression tests of its `Hamada_1`, an
//! independent implementation (WIRC-SJSU), for `a` = 20 m, `d` = 5 m,
//! `V` = 1 m/s: downwind 0.040633 m/s with `f` = 0.6, 0.038711 m/s with
//! `f` = 0.7; upwind 0.0154586 m/s with `f` = 0.6.

/// A built-up area as Hamada's model sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Blocks {
    /// Mean side of a building, m.
    pub side_m: f64,
    /// Mean gap between buildings, m.
    pub separation_m: f64,
    /// Share of fire-resistant buildings, 0–1.
    pub fire_resistant: f64,
}

/// Hamada's rates, m/min.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UrbanRates {
    pub downwind: f64,
    pub sidewind: f64,
    pub upwind: f64,
}

impl Blocks {
    /// Minutes to pass one building and gap: `wind_term` is the
    /// direction's `d` divisor, `gain` its wind factor.
    fn minutes(&self, wind_term: f64, gain: f64) -> f64 {
        let (a, d, f) = (self.side_m, self.separation_m, self.fire_resistant);
        ((1.0 - f) * (3.0 + 3.0 * a / 8.0 + 8.0 * d / wind_term) + f * (5.0 + 5.0 * a / 8.0 + 16.0 * d / wind_term)) / gain
    }

    /// The rates in a wind of `wind_ms`.
    pub fn rates(&self, wind_ms: f64) -> UrbanRates {
        let v = wind_ms.max(0.0);
        let step = self.side_m + self.separation_m;
        UrbanRates {
            downwind: step / self.minutes(25.0 + 2.5 * v, 1.5 * (1.0 + 0.1 * v + 0.007 * v * v)),
            sidewind: step / self.minutes(5.0 + 0.25 * v, 1.0 + 0.005 * v * v),
            upwind: step / self.minutes(5.0 + 0.2 * v, 1.0 + 0.002 * v * v),
        }
    }
}

impl UrbanRates {
    /// The cell ellipse: head rate (m/min) and eccentricity.
    pub fn ellipse(&self) -> (f64, f64) {
        let e = if self.downwind > 0.0 {
            (1.0 - self.sidewind / self.downwind).clamp(0.0, 0.99)
        } else {
            0.0
        };
        (self.downwind, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(f: f64) -> Blocks {
        Blocks {
            side_m: 20.0,
            separation_m: 5.0,
            fire_resistant: f,
        }
    }

    #[test]
    fn rates_match_an_independent_implementation() {
        // FireBench regression values, m/s (its test tolerance is 1 %).
        let ms = |m_min: f64| m_min / 60.0;
        assert!((ms(blocks(0.6).rates(1.0).downwind) - 0.04063334223171382).abs() < 1e-9);
        assert!((ms(blocks(0.7).rates(1.0).downwind) - 0.038711215666327584).abs() < 1e-9);
        assert!((ms(blocks(0.6).rates(1.0).upwind) - 0.015458558815152377).abs() < 1e-9);
    }

    #[test]
    fn wind_drives_the_head_and_wider_gaps_and_fire_resistance_slow_it() {
        // (Downwind, a wider gap adds more distance than time: the rate in
        // m/min may rise; it is the flanks that gaps hold back.)
        let b = blocks(0.2);
        let (calm, gale) = (b.rates(0.0), b.rates(10.0));
        assert!(gale.downwind > 2.0 * calm.downwind, "{calm:?} {gale:?}");
        assert!(gale.downwind > gale.sidewind && gale.sidewind > 0.0 && gale.upwind > 0.0);
        let wide = Blocks { separation_m: 20.0, ..b };
        assert!(wide.rates(5.0).sidewind < b.rates(5.0).sidewind);
        assert!(blocks(0.9).rates(5.0).downwind < b.rates(5.0).downwind);
        // The ellipse passes through the downwind and sidewind rates.
        let (head, e) = gale.ellipse();
        assert_eq!(head, gale.downwind);
        assert!((head * (1.0 - e) - gale.sidewind).abs() < 1e-9);
    }
}
