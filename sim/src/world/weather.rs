//! The weather now, as the weather domain publishes it each tick and the
//! hazards read it (rain for the flood; wind, stability and fuel moisture for
//! fire and plumes), and the Pasquill–Gifford stability class.

use crate::scenario::model::Sky;
use bevy_ecs::prelude::*;

pub use crate::chem::sigma::Stability;

/// Where the drill clock stands against the sun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Daylight {
    Day,
    /// The hour before night begins or after it ends: class D whatever the sky.
    Transition,
    /// From 1 h before sunset to 1 h after sunrise.
    Night,
}

/// Day, transition or night at `minute` of the day (0–1439) for sunrise and
/// sunset in minutes after midnight (Pasquill 1961 as tabulated by NOAA
/// READY: night runs from 1 h before sunset to 1 h after sunrise; the hour
/// either side of night is neutral).
pub fn daylight(minute: f64, sunrise: f64, sunset: f64) -> Daylight {
    let m = minute.rem_euclid(1440.0);
    let (night_ends, night_starts) = (sunrise + 60.0, sunset - 60.0);
    if m < night_ends || m >= night_starts {
        Daylight::Night
    } else if m < night_ends + 60.0 || m >= night_starts - 60.0 {
        Daylight::Transition
    } else {
        Daylight::Day
    }
}

/// The stability class of the Pasquill (1961) table for a surface (10 m)
/// wind speed, the sky and the daylight.
///
/// The sky names the insolation by day and the cloud at night: strong and
/// moderate sun are the clear and partly cloudy skies of ≤ 4/8 cloud at
/// night, slight sun the cloudier sky of > 4/8; `NightClear` and
/// `NightCloudy` read as strong and slight sun by day. Overcast is class D by
/// day and night. Where the table gives two classes (A–B, B–C, C–D) the more
/// stable one is taken: it gives the higher ground-level concentration near
/// the source, the cautious choice for protective actions.
pub fn pasquill_gifford(wind_ms: f64, sky: Sky, light: Daylight) -> Stability {
    use Stability::*;
    if sky == Sky::Overcast || light == Daylight::Transition {
        return D;
    }
    // Wind bins of the table: < 2, 2–3, 3–5, 5–6, > 6 m/s.
    let bin = if wind_ms < 2.0 {
        0
    } else if wind_ms < 3.0 {
        1
    } else if wind_ms < 5.0 {
        2
    } else if wind_ms <= 6.0 {
        3
    } else {
        4
    };
    let clear = matches!(sky, Sky::StrongSun | Sky::ModerateSun | Sky::NightClear);
    match light {
        Daylight::Night => {
            let column = if clear { [F, F, E, D, D] } else { [E, E, D, D, D] };
            column[bin]
        }
        _ => {
            let column = match sky {
                Sky::StrongSun | Sky::NightClear => [A, B, B, C, C],
                Sky::ModerateSun => [B, B, C, D, D],
                _ => [B, C, C, D, D],
            };
            column[bin]
        }
    }
}

/// The weather this tick (Weather phase on).
#[derive(Resource, Clone, Debug)]
pub struct WeatherNow {
    /// Surface (10 m) wind speed, m/s.
    pub wind_speed_ms: f64,
    /// Direction the wind blows from, degrees clockwise from north.
    pub wind_from_deg: f64,
    pub rain_mm_h: f64,
    pub sky: Sky,
    pub temperature_c: Option<f64>,
    pub relative_humidity_pct: Option<f64>,
    pub fuel_moisture_pct: Option<f64>,
    pub daylight: Daylight,
    pub stability: Stability,
}

impl Default for WeatherNow {
    fn default() -> Self {
        WeatherNow {
            wind_speed_ms: 0.0,
            wind_from_deg: 0.0,
            rain_mm_h: 0.0,
            sky: Sky::default(),
            temperature_c: None,
            relative_humidity_pct: None,
            fuel_moisture_pct: None,
            daylight: Daylight::Day,
            stability: Stability::D,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Stability::*;

    /// Every cell of the Pasquill table (reference values: NOAA READY
    /// "Pasquill Stability Classes", Pasquill 1961), at one wind speed per bin.
    #[test]
    fn the_table_cell_by_cell() {
        let winds = [1.0, 2.5, 4.0, 5.5, 7.0];
        let strong = [A, B, B, C, C]; // A, A–B, B, C, C
        let moderate = [B, B, C, D, D]; // A–B, B, B–C, C–D, D
        let slight = [B, C, C, D, D];
        let night_cloudy = [E, E, D, D, D];
        let night_clear = [F, F, E, D, D];
        for (i, w) in winds.iter().enumerate() {
            assert_eq!(
                pasquill_gifford(*w, Sky::StrongSun, Daylight::Day),
                strong[i],
                "strong sun, {w} m/s"
            );
            assert_eq!(
                pasquill_gifford(*w, Sky::ModerateSun, Daylight::Day),
                moderate[i],
                "moderate, {w} m/s"
            );
            assert_eq!(pasquill_gifford(*w, Sky::SlightSun, Daylight::Day), slight[i], "slight, {w} m/s");
            assert_eq!(
                pasquill_gifford(*w, Sky::NightCloudy, Daylight::Night),
                night_cloudy[i],
                "cloudy night, {w} m/s"
            );
            assert_eq!(
                pasquill_gifford(*w, Sky::NightClear, Daylight::Night),
                night_clear[i],
                "clear night, {w} m/s"
            );
            assert_eq!(pasquill_gifford(*w, Sky::Overcast, Daylight::Day), D);
            assert_eq!(pasquill_gifford(*w, Sky::Overcast, Daylight::Night), D);
            assert_eq!(pasquill_gifford(*w, Sky::NightClear, Daylight::Transition), D);
        }
    }

    #[test]
    fn night_runs_from_an_hour_before_sunset_to_an_hour_after_sunrise() {
        let (rise, set) = (6.0 * 60.0, 18.0 * 60.0);
        assert_eq!(daylight(3.0 * 60.0, rise, set), Daylight::Night);
        assert_eq!(daylight(6.0 * 60.0 + 59.0, rise, set), Daylight::Night);
        assert_eq!(daylight(7.0 * 60.0 + 30.0, rise, set), Daylight::Transition);
        assert_eq!(daylight(12.0 * 60.0, rise, set), Daylight::Day);
        assert_eq!(daylight(16.0 * 60.0 + 30.0, rise, set), Daylight::Transition);
        assert_eq!(daylight(17.0 * 60.0, rise, set), Daylight::Night);
        assert_eq!(daylight(24.0 * 60.0 + 12.0 * 60.0, rise, set), Daylight::Day, "the next day wraps");
    }
}
