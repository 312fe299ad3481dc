//! From the 20-ft wind to the midflame wind the surface model needs: the
//! wind adjustment factor of Albini & Baughman (1979, *Estimating windspeeds
//! for predicting wildland fire behavior*, USDA FS Res. Pap. INT-221), with
//! the crown fill fraction of Finney (1998, RMRS-RP-4, eq. 45), as
//! firelab/behave's `windAdjustmentFactor.cpp` computes it.
//!
//! - Unsheltered (canopy cover 0, crown fill f < 0.05 or canopy below 6 ft):
//!   WAF = 1.83 / ln((20 + 0.36δ) / (0.13δ)), δ the fuel bed depth, ft;
//! - sheltered: WAF = 0.555 / (√(f·H)·ln((20 + 0.36H)/(0.13H))), H the
//!   canopy height, f = cover·π/12.
//!
//! A 10-m wind is a 20-ft wind × 1/1.15 (Turner & Lawson 1978, as behave).

/// Wind adjustment factor for canopy cover `cover` (fraction), canopy height
/// `canopy_ft` and fuel bed depth `depth_ft`.
pub fn adjustment_factor(cover: f64, canopy_ft: f64, depth_ft: f64) -> f64 {
    let fill = cover * std::f64::consts::PI / 12.0;
    if cover < 1e-7 || fill < 0.05 || canopy_ft < 6.0 {
        if depth_ft > 1e-7 {
            1.83 / ((20.0 + 0.36 * depth_ft) / (0.13 * depth_ft)).ln()
        } else {
            0.0
        }
    } else {
        0.555 / ((fill * canopy_ft).sqrt() * ((20.0 + 0.36 * canopy_ft) / (0.13 * canopy_ft)).ln())
    }
}

/// The 20-ft wind from a 10-m wind.
pub fn twenty_ft_from_ten_m(ten_m: f64) -> f64 {
    ten_m / 1.15
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against behave: (cover, canopy ft, depth ft) → WAF.
    #[test]
    fn wind_adjustment_matches_behave() {
        for (cover, canopy, depth, waf) in [
            (0.0, 0.0, 1.0, 0.362104264),
            (0.0, 0.0, 2.5, 0.439515123),
            (0.5, 60.0, 1.0, 0.118303802),
            (0.8, 100.0, 0.5, 0.083040730),
            (0.02, 30.0, 1.0, 0.362104264),
        ] {
            let got = adjustment_factor(cover, canopy, depth);
            assert!((got - waf).abs() < 5e-9, "WAF({cover}, {canopy}, {depth}) = {got} vs {waf}");
        }
    }
}
