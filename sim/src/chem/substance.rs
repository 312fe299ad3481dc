//! What a released gas does to people: molar mass (for ppm), the Acute
//! Exposure Guideline Levels by exposure time, and the lethality probit of
//! the toxic load.
//!
//! AEGLs (ppm) for 10 min, 30 min, 1 h, 4 h and 8 h are the US EPA / National
//! Research Council values (NRC, *Acute Exposure Guideline Levels for
//! Selected Airborne Chemicals*; H₂S as tabulated in PMC5777517 Table 3).
//! HCl's AEGL-2 and AEGL-3 rows are as commonly transcribed and not checked
//! against the NRC volume. Between two tabulated durations a level is
//! interpolated on log–log axes, the `Cⁿ·t = k` scaling the levels were
//! derived with; before 10 min the 10-min value holds, after 8 h the 8-h one.
//!
//! Probits `Pr = a + b·ln(Cⁿ·t)` (C in ppm, t in min) are the HSE's
//! (*Methods of approximation and determination of human vulnerability for
//! offshore major accident hazard assessment*, SPC/Tech/OSD/30, Table 2;
//! chlorine after Withers & Lees 1985). Death probability is `Φ(Pr − 5)`.

use crate::scenario::model::Substance;
use crate::scenario::normal::normal_cdf;

/// Molar volume of an ideal gas at 25 °C and 1 atm, L/mol: the conversion
/// `ppm = mg/m³ × 24.45 / M` used with AEGLs (US EPA).
pub const MOLAR_VOLUME_L: f64 = 24.45;

/// Durations (min) of the AEGL table's columns.
pub const AEGL_MINUTES: [f64; 5] = [10.0, 30.0, 60.0, 240.0, 480.0];

/// One substance's published figures.
pub struct Toxicology {
    /// g/mol.
    pub molar_mass: f64,
    /// AEGL-1, -2, -3 (ppm) at the [`AEGL_MINUTES`].
    pub aegl: [[f64; 5]; 3],
    /// Lethality probit (a, b, n) for C in ppm and t in min.
    pub probit: (f64, f64, f64),
}

pub fn toxicology(s: Substance) -> &'static Toxicology {
    match s {
        Substance::Chlorine => &CHLORINE,
        Substance::Ammonia => &AMMONIA,
        Substance::HydrogenSulfide => &HYDROGEN_SULFIDE,
        Substance::SulfurDioxide => &SULFUR_DIOXIDE,
        Substance::HydrogenChloride => &HYDROGEN_CHLORIDE,
    }
}

const CHLORINE: Toxicology = Toxicology {
    molar_mass: 70.90,
    aegl: [[0.5; 5], [2.8, 2.8, 2.0, 1.0, 0.71], [50.0, 28.0, 20.0, 10.0, 7.1]],
    probit: (-8.29, 0.92, 2.0),
};
const AMMONIA: Toxicology = Toxicology {
    molar_mass: 17.031,
    aegl: [
        [30.0; 5],
        [220.0, 220.0, 160.0, 110.0, 110.0],
        [2700.0, 1600.0, 1100.0, 550.0, 390.0],
    ],
    probit: (-35.9, 1.85, 2.0),
};
const HYDROGEN_SULFIDE: Toxicology = Toxicology {
    molar_mass: 34.08,
    aegl: [
        [0.75, 0.60, 0.51, 0.36, 0.33],
        [41.0, 32.0, 27.0, 20.0, 17.0],
        [76.0, 59.0, 50.0, 37.0, 31.0],
    ],
    probit: (-31.42, 3.008, 1.43),
};
const SULFUR_DIOXIDE: Toxicology = Toxicology {
    molar_mass: 64.07,
    aegl: [[0.20; 5], [0.75; 5], [30.0, 30.0, 30.0, 19.0, 9.6]],
    probit: (-15.67, 2.1, 1.0),
};
const HYDROGEN_CHLORIDE: Toxicology = Toxicology {
    molar_mass: 36.46,
    aegl: [[1.8; 5], [100.0, 43.0, 22.0, 11.0, 11.0], [620.0, 210.0, 100.0, 26.0, 26.0]],
    probit: (-16.85, 2.0, 1.0),
};

impl Toxicology {
    /// ppm for a concentration in kg/m³ (25 °C, 1 atm).
    pub fn ppm(&self, kg_m3: f64) -> f64 {
        kg_m3 * 1e6 * MOLAR_VOLUME_L / self.molar_mass
    }

    /// AEGL-`level` (1–3) in ppm for an exposure of `minutes`.
    pub fn aegl(&self, level: usize, minutes: f64) -> f64 {
        let row = &self.aegl[level.clamp(1, 3) - 1];
        let t = minutes.clamp(AEGL_MINUTES[0], AEGL_MINUTES[4]);
        let i = AEGL_MINUTES.windows(2).position(|w| t <= w[1]).unwrap_or(3);
        let (t0, t1) = (AEGL_MINUTES[i], AEGL_MINUTES[i + 1]);
        let (c0, c1) = (row[i], row[i + 1]);
        let f = (t / t0).ln() / (t1 / t0).ln();
        (c0.ln() + f * (c1 / c0).ln()).exp()
    }

    /// The highest AEGL level (0–3) `ppm` reaches for an exposure of `minutes`.
    pub fn aegl_level(&self, ppm: f64, minutes: f64) -> u8 {
        (1..=3).rev().find(|&l| ppm >= self.aegl(l, minutes)).map_or(0, |l| l as u8)
    }

    /// Exponent n of the toxic load `∫Cⁿdt`.
    pub fn n(&self) -> f64 {
        self.probit.2
    }

    /// Probability of death from a toxic load (ppmⁿ·min).
    pub fn lethality(&self, load: f64) -> f64 {
        if load <= 0.0 {
            return 0.0;
        }
        let (a, b, _) = self.probit;
        normal_cdf(a + b * load.ln() - 5.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The concentration that kills fraction `p` in 30 min, by inverting the probit.
    fn lc(s: Substance, p: f64) -> f64 {
        let t = toxicology(s);
        let (a, b, n) = t.probit;
        let pr = 5.0 + crate::scenario::normal::inverse_normal_cdf(p);
        (((pr - a) / b).exp() / 30.0).powf(1.0 / n)
    }

    #[test]
    fn probits_give_the_printed_lc50s() {
        // HSE OSD/30 Table 2, 30-min LC50 (and LC1 where printed), ppm.
        for (s, lc50) in [
            (Substance::Chlorine, 250.0),
            (Substance::Ammonia, 11539.0),
            (Substance::HydrogenChloride, 1851.0),
            (Substance::HydrogenSulfide, 441.0),
            (Substance::SulfurDioxide, 627.0),
        ] {
            let got = lc(s, 0.5);
            assert!((got - lc50).abs() / lc50 < 0.01, "{s:?}: {got}");
        }
        assert!((lc(Substance::Chlorine, 0.01) - 71.0).abs() / 71.0 < 0.01);
        assert!((lc(Substance::Ammonia, 0.01) - 6147.0).abs() / 6147.0 < 0.01);
        // And the forward direction: 250 ppm for 30 min kills half.
        let cl = toxicology(Substance::Chlorine);
        assert!((cl.lethality(250f64.powi(2) * 30.0) - 0.5).abs() < 0.01);
        assert_eq!(cl.lethality(0.0), 0.0);
    }

    #[test]
    fn aegls_hold_at_the_table_and_interpolate_between() {
        let cl = toxicology(Substance::Chlorine);
        assert!((cl.aegl(3, 10.0) - 50.0).abs() < 1e-9);
        assert!((cl.aegl(3, 30.0) - 28.0).abs() < 1e-9);
        assert!((cl.aegl(3, 480.0) - 7.1).abs() < 1e-9);
        // Outside the table the nearest column holds.
        assert!((cl.aegl(3, 1.0) - 50.0).abs() < 1e-9);
        assert!((cl.aegl(3, 2000.0) - 7.1).abs() < 1e-9);
        // Between 1 h and 4 h on log–log axes: at 2 h, 20·(10/20)^(ln2/ln4) = 20/√2.
        assert!((cl.aegl(3, 120.0) - 20.0 / 2f64.sqrt()).abs() < 1e-9);
        assert_eq!(cl.aegl_level(30.0, 30.0), 3);
        assert_eq!(cl.aegl_level(3.0, 30.0), 2);
        assert_eq!(cl.aegl_level(0.6, 30.0), 1);
        assert_eq!(cl.aegl_level(0.1, 30.0), 0);
    }

    #[test]
    fn ppm_from_kg_per_m3() {
        // 1 mg/m³ of chlorine is 24.45/70.90 = 0.345 ppm.
        let ppm = toxicology(Substance::Chlorine).ppm(1e-6);
        assert!((ppm - 0.3448).abs() < 1e-3, "{ppm}");
    }
}
