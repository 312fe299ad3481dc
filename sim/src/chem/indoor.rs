//! Air inside a building that exchanges λ air changes per hour with the
//! outside: `dC_in/dt = λ·(C_out − C_in)` (Wilson 1987, "Stay indoors or
//! evacuate to avoid exposure to toxic gas?", *Emergency Preparedness
//! Digest*; the single-zone model of NOAA ALOHA's indoor option).
//!
//! Typical λ: 0.2–0.5 ACH for tight new houses, 0.5–1.5 for average homes,
//! more than 2 for leaky or open buildings (ALOHA technical documentation;
//! Chan et al. 2005, LBNL-53776).

/// The indoor concentration after `dt_s` seconds with the outdoor one held
/// at `outdoor`: the exact solution over the step, so any tick length gives
/// the same answer for a steady outside.
pub fn step(indoor: f64, outdoor: f64, ach: f64, dt_s: f64) -> f64 {
    let decay = (-ach * dt_s / 3600.0).exp();
    outdoor + (indoor - outdoor) * decay
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indoors_lags_the_outside_and_keeps_it_after() {
        // One hour of 10 units outside at 0.5 ACH: inside reaches 10·(1 − e^−0.5).
        let mut c = 0.0;
        for _ in 0..60 {
            c = step(c, 10.0, 0.5, 60.0);
        }
        assert!((c - 10.0 * (1.0 - (-0.5f64).exp())).abs() < 1e-9, "{c}");
        // Once the cloud has passed the air inside stays contaminated for a while.
        let after = step(c, 0.0, 0.5, 600.0);
        assert!(after > 0.9 * c && after < c);
        // Tick length does not matter.
        let one = step(0.0, 10.0, 1.0, 3600.0);
        let many = (0..3600).fold(0.0, |c, _| step(c, 10.0, 1.0, 1.0));
        assert!((one - many).abs() < 1e-9);
    }
}
