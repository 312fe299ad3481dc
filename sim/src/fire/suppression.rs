//! What a crew on the fireline can build, and where it can work.
//!
//! Three published tables, kept as printed:
//!
//! * **Hand crews**: sustained line production of 20-person crews
//!   (construction, burnout and holding, rest and fatigue allowed for), in
//!   chains per hour by Anderson fuel model, Type 1 and Type 2 — NWCG
//!   *Incident Response Pocket Guide* (PMS 461), table "Sustained line
//!   production rates of 20-person crews", from the NWCG *Fireline Handbook*.
//!   Where the table splits a model by condition we take the general row:
//!   FM1 grass (not tundra), FM4 chaparral (not high pocosin), FM6 "others"
//!   (not black spruce), FM9 conifer litter. FM8's row prints two Type-1 and
//!   two Type-2 figures under one condition (7/40 and 5/24) in the copy we
//!   could read; we take the lower pair, 7 and 5, the conservative reading.
//! * **Dozers**: single-pass line construction of a Type 3 dozer, chains per
//!   hour by fuel-model group, slope class (0–25, 26–40, 41–55, 56–74 %) and
//!   up- or downhill — NWCG "Dozers" page (Equipment Technology Committee),
//!   table "Dozer fireline construction rates". Each entry is a range; the
//!   note under it says the higher end applies to new machines, the best
//!   operators, moist rockless soil and no lost time, so we take the low end,
//!   and the uphill figure, because the engine does not track which way along
//!   the line a dozer works. Steeper than 74 % no dozer works.
//! * **Where each can work** (Andrews & Rothermel 1982, GTR INT-131, the
//!   fire-behaviour "hauling chart"): hand crews only where flames are under
//!   1.2 m (4 ft); dozers, engines and aircraft up to 2.4 m (8 ft); above that
//!   control is ineffective and no one builds line there.
//!
//! Engines' wet line and aircraft drops have no such table we could cite:
//! their rate is the scenario's own (`WetLine(m_per_hour: …)`).
//!
//! The flame a crew faces is the one the fire would arrive with: Rothermel's
//! fireline intensity scales with the spread rate in that direction
//! (I(ψ) = H·w·R(ψ), as BehavePlus computes flank and backing intensity), and
//! Byram's (1959) flame length L = 0.45·I^0.46 (ft, BTU/ft/s) follows.

use super::rothermel::Spread;

/// One chain (66 ft), m.
pub const M_PER_CHAIN: f64 = 20.1168;
/// Flame length up to which hand crews can hold line, m (4 ft).
pub const HAND_CREW_MAX_FLAME_M: f64 = 1.2;
/// Flame length up to which dozers, engines and aircraft can, m (8 ft).
pub const EQUIPMENT_MAX_FLAME_M: f64 = 2.4;

/// Type 1 and Type 2 20-person crews, chains/h, Anderson models 1–13 (IRPG).
const HAND_CREW_CHAINS_H: [(f64, f64); 13] = [
    (30.0, 18.0), // 1 short grass (grass)
    (24.0, 16.0), // 2 open timber, grass understory
    (5.0, 3.0),   // 3 tall grass
    (5.0, 3.0),   // 4 chaparral
    (6.0, 4.0),   // 5 brush
    (6.0, 4.0),   // 6 dormant brush, hardwood slash (others)
    (4.0, 2.0),   // 7 southern rough
    (7.0, 5.0),   // 8 closed timber litter (see the module note)
    (28.0, 16.0), // 9 hardwood litter (conifers)
    (6.0, 4.0),   // 10 timber, litter and understory
    (15.0, 9.0),  // 11 logging slash, light
    (7.0, 4.0),   // 12 logging slash, medium
    (5.0, 3.0),   // 13 logging slash, heavy
];

/// Type 3 dozer, uphill, low end of each range, chains/h, by slope class
/// 0–25 %, 26–40 %, 41–55 %, 56–74 % (NWCG dozer table).
const DOZER_T3_UP_CHAINS_H: [(&[u8], [f64; 4]); 6] = [
    (&[1, 2], [55.0, 30.0, 8.0, 0.0]),
    (&[3, 5, 8], [45.0, 25.0, 2.0, 0.0]),
    (&[4], [20.0, 10.0, 0.0, 0.0]),
    (&[6, 7, 9], [35.0, 15.0, 0.0, 0.0]),
    (&[11, 12], [15.0, 7.0, 0.0, 0.0]),
    (&[10, 13], [8.0, 3.0, 0.0, 0.0]),
];

/// A hand crew's type (NWCG typing: Type 1 are hotshot crews).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub enum CrewType {
    Type1,
    Type2,
}

/// How a kind of team builds line, with the rate it needs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Builder {
    /// `crew_factor` = the team's crew over 20 (the table's crew).
    HandCrew(CrewType),
    Dozer,
    /// Metres per hour at any fuel and slope.
    WetLine(f64),
}

impl Builder {
    /// Line built per hour in an Anderson fuel model on a slope (rise/run), m;
    /// zero where this builder cannot work (a fuel outside 1–13, too steep).
    pub fn m_per_hour(self, anderson: u16, slope_tan: f64) -> f64 {
        let Some(k) = (anderson as usize).checked_sub(1).filter(|k| *k < 13) else {
            return match self {
                Builder::WetLine(m) => m,
                _ => 0.0,
            };
        };
        match self {
            Builder::HandCrew(CrewType::Type1) => HAND_CREW_CHAINS_H[k].0 * M_PER_CHAIN,
            Builder::HandCrew(CrewType::Type2) => HAND_CREW_CHAINS_H[k].1 * M_PER_CHAIN,
            Builder::Dozer => {
                let class = match slope_tan * 100.0 {
                    p if p <= 25.0 => 0,
                    p if p <= 40.0 => 1,
                    p if p <= 55.0 => 2,
                    p if p <= 74.0 => 3,
                    _ => return 0.0,
                };
                let n = anderson as u8;
                DOZER_T3_UP_CHAINS_H
                    .iter()
                    .find(|(models, _)| models.contains(&n))
                    .map_or(0.0, |(_, by_slope)| by_slope[class] * M_PER_CHAIN)
            }
            Builder::WetLine(m) => m,
        }
    }

    /// The longest flame this builder can work against, m.
    pub fn max_flame_m(self) -> f64 {
        match self {
            Builder::HandCrew(_) => HAND_CREW_MAX_FLAME_M,
            Builder::Dozer | Builder::WetLine(_) => EQUIPMENT_MAX_FLAME_M,
        }
    }
}

/// Flame length (ft) of a fire spreading at `angle_deg` from its head, from
/// the fireline intensity at that rate: I(ψ) = I_head·R(ψ)/R_head, then
/// Byram's 0.45·I^0.46.
pub fn flame_length_at(s: &Spread, angle_deg: f64) -> f64 {
    if s.ros <= 0.0 || s.fireline_intensity <= 0.0 {
        return 0.0;
    }
    let intensity = s.fireline_intensity * s.from_ignition(angle_deg) / s.ros;
    0.45 * intensity.powf(0.46)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fire::fuels;
    use crate::fire::rothermel::{FT_MIN_PER_MPH, Fuelbed, Moisture};

    #[test]
    fn crew_rates_are_the_pocket_guides_chains() {
        // FM1 grass: 30 chains/h for a Type 1 crew, 18 for a Type 2.
        assert!((Builder::HandCrew(CrewType::Type1).m_per_hour(1, 0.0) - 603.504).abs() < 1e-9);
        assert!((Builder::HandCrew(CrewType::Type2).m_per_hour(1, 0.0) - 18.0 * 20.1168).abs() < 1e-9);
        // FM10 timber: 6 and 4.
        assert!((Builder::HandCrew(CrewType::Type1).m_per_hour(10, 0.3) - 6.0 * M_PER_CHAIN).abs() < 1e-9);
        // A Type 1 crew out-builds a Type 2 in every model.
        for m in 1..=13 {
            let (a, b) = (
                Builder::HandCrew(CrewType::Type1).m_per_hour(m, 0.0),
                Builder::HandCrew(CrewType::Type2).m_per_hour(m, 0.0),
            );
            assert!(a > b && b > 0.0, "FM{m}: {a} vs {b}");
        }
    }

    #[test]
    fn dozers_slow_with_slope_and_stop_past_74_percent() {
        let d = Builder::Dozer;
        assert!((d.m_per_hour(1, 0.10) - 55.0 * M_PER_CHAIN).abs() < 1e-9);
        assert!((d.m_per_hour(1, 0.30) - 30.0 * M_PER_CHAIN).abs() < 1e-9);
        assert!((d.m_per_hour(10, 0.20) - 8.0 * M_PER_CHAIN).abs() < 1e-9);
        assert_eq!(d.m_per_hour(4, 0.50), 0.0, "chaparral over 40 %: no uphill line");
        assert_eq!(d.m_per_hour(1, 0.80), 0.0);
        assert_eq!(
            Builder::HandCrew(CrewType::Type1).m_per_hour(14, 0.0),
            0.0,
            "no row for a non-Anderson model"
        );
    }

    #[test]
    fn the_flank_burns_lower_than_the_head_and_limits_who_can_work() {
        let bed = Fuelbed::new(fuels::find("1").unwrap(), &Moisture::from_dead_1h(0.06)).unwrap();
        let s = bed.spread(5.0 * FT_MIN_PER_MPH, 0.0, 0.0);
        let (head, flank, back) = (flame_length_at(&s, 0.0), flame_length_at(&s, 90.0), flame_length_at(&s, 180.0));
        assert!((head - s.flame_length).abs() < 1e-9, "the head's flame is Rothermel's");
        assert!(head > flank && flank > back && back > 0.0, "{head} > {flank} > {back}");
        // Grass in a 5 mph midflame wind: the head is too hot for hand tools, the flank is not.
        assert!(head * 0.3048 > HAND_CREW_MAX_FLAME_M, "head {:.2} m", head * 0.3048);
        assert!(flank * 0.3048 < HAND_CREW_MAX_FLAME_M, "flank {:.2} m", flank * 0.3048);
    }
}
