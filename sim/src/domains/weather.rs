//! Weather: wind, rain, sky, temperature, humidity and fuel moisture over the
//! drill, and the Pasquill–Gifford stability class they give.
//!
//! Each tick (Weather phase) it publishes [`WeatherNow`] for the hazards. The
//! scenario's `wind` and `rain_mm_h` are step functions of time; a
//! `WindShift` inject replaces the wind from the tick it fires until the next
//! scheduled wind change, if any. Day and night come from the drill clock
//! (the scenario's `start` plus elapsed time) against `sunrise` and `sunset`
//! (defaults 06:00 and 18:00), as the stability table needs.

use crate::engine::{Clock, Ctx, EventLog, Phase, Recorder, SimBuilder};
use crate::scenario::model::Event;
use crate::scenario::units::{clock_minutes, step_value};
use crate::world::plan::InjectFired;
use crate::world::weather::{WeatherNow, daylight, pasquill_gifford};
use bevy_ecs::prelude::*;
use serde_json::json;

/// Sunrise and sunset when the scenario gives none (local time, minutes).
pub const DEFAULT_SUNRISE_MIN: u32 = 6 * 60;
pub const DEFAULT_SUNSET_MIN: u32 = 18 * 60;

/// The weather domain's own state: when the clock started, the sun, and the
/// wind a `WindShift` set (time s, speed m/s, from degrees).
#[derive(Resource, Clone, Debug)]
struct WeatherState {
    start_minute: f64,
    sunrise: f64,
    sunset: f64,
    shift: Option<(f64, f64, f64)>,
}

pub fn build(b: &mut SimBuilder) {
    let s = &b.ctx().scenario;
    // `start` is validated as YYYY-MM-DDTHH:MM.
    let start_minute = s.start.get(11..16).and_then(clock_minutes).unwrap_or(0) as f64;
    let sun = |t: &Option<String>, default: u32| t.as_deref().and_then(clock_minutes).unwrap_or(default) as f64;
    let state = WeatherState {
        start_minute,
        sunrise: sun(&s.weather.sunrise, DEFAULT_SUNRISE_MIN),
        sunset: sun(&s.weather.sunset, DEFAULT_SUNSET_MIN),
        shift: None,
    };
    b.world.insert_resource(state);
    b.schedule.add_systems(update_weather.in_set(Phase::Weather));
    b.add_recorder(record_weather);
}

fn update_weather(
    clock: Res<Clock>,
    ctx: Res<Ctx>,
    mut state: ResMut<WeatherState>,
    mut now_w: ResMut<WeatherNow>,
    mut fired: MessageReader<InjectFired>,
    mut log: ResMut<EventLog>,
) {
    let now = clock.now_s();
    let w = &ctx.scenario.weather;
    for f in fired.read() {
        let inj = &ctx.scenario.injects[f.index];
        if let Event::WindShift { speed_ms, from_deg } = &inj.event {
            let (speed, from) = (speed_ms.value().max(0.0), from_deg.value().rem_euclid(360.0));
            state.shift = Some((now, speed, from));
            log.push(now, "wind_shift", &inj.id, &[("speed_ms", json!(speed)), ("from_deg", json!(from))]);
        }
    }
    let scheduled = w.wind.iter().rev().find(|e| e.at.secs() <= now);
    let (speed, from) = match (scheduled, state.shift) {
        (Some(e), Some((t, s, d))) if e.at.secs() <= t => (s, d),
        (None, Some((_, s, d))) => (s, d),
        (Some(e), _) => (e.speed_ms.value().max(0.0), e.from_deg.value().rem_euclid(360.0)),
        (None, None) => (0.0, 0.0),
    };
    let minute = state.start_minute + now / 60.0;
    let light = daylight(minute, state.sunrise, state.sunset);
    *now_w = WeatherNow {
        wind_speed_ms: speed,
        wind_from_deg: from,
        rain_mm_h: step_value(&w.rain_mm_h, now),
        sky: w.sky,
        temperature_c: w.temperature_c.as_ref().map(|p| p.value()),
        relative_humidity_pct: w.relative_humidity_pct.as_ref().map(|p| p.value()),
        fuel_moisture_pct: w.fuel_moisture_pct.as_ref().map(|p| p.value()),
        daylight: light,
        stability: pasquill_gifford(speed, w.sky, light),
    };
}

fn record_weather(w: Res<WeatherNow>, mut rec: ResMut<Recorder>) {
    rec.set("weather_wind_speed_ms", w.wind_speed_ms);
    rec.set("weather_wind_from_deg", w.wind_from_deg);
    rec.set("weather_stability_class", w.stability.number());
    // Given values are recorded so they show in every run's outputs; the
    // fire domain reads them from `WeatherNow`.
    for (column, v) in [
        ("weather_temperature_c", w.temperature_c),
        ("weather_relative_humidity_pct", w.relative_humidity_pct),
        ("weather_fuel_moisture_pct", w.fuel_moisture_pct),
    ] {
        if let Some(v) = v {
            rec.set(column, v);
        }
    }
}
