//! The weather domain: a `WindShift` inject changes the wind from the tick it
//! fires, and day, night and the sky give the Pasquill–Gifford class.

use drillsim::{CompiledScenario, Engine, RunOutcome, RunSpec};
use std::path::Path;

fn run(weather: &str, injects: &str, start: &str) -> RunOutcome {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/small_flood.ron", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .replace(
            "    start: \"2024-01-01T00:00\",",
            &format!("    start: \"{start}\",\n    weather: {weather},"),
        )
        .replace(
            "    injects: [(id: \"alarm\", at: \"40min\", event: Message(\"Water rising in town.\"), note: \"\")],",
            &format!("    injects: [(id: \"alarm\", at: \"40min\", event: Message(\"Water rising in town.\"), note: \"\"), {injects}],"),
        );
    let c = CompiledScenario::from_source(&text, Path::new("w.ron"), Path::new(".")).unwrap_or_else(|d| panic!("{d}"));
    Engine::run(&c, RunSpec { seed: 1, replication: 0 })
}

fn at(out: &RunOutcome, column: &str, minute: f64) -> f64 {
    let t = out.timeseries.column("t_min").unwrap();
    let v = out.timeseries.column(column).unwrap_or_else(|| panic!("no column {column}"));
    let i = t.iter().position(|x| *x >= minute).unwrap();
    v[i]
}

#[test]
fn a_wind_shift_turns_the_wind_until_the_next_scheduled_change() {
    let out = run(
        r#"(wind: [(at: "0h", speed_ms: 3.0, from_deg: 225.0), (at: "50min", speed_ms: 4.0, from_deg: 180.0)], sky: NightClear)"#,
        r#"(id: "front", at: "20min", event: WindShift(speed_ms: 8.0, from_deg: 315.0), note: "cold front")"#,
        "2024-01-01T00:00",
    );
    assert_eq!(at(&out, "weather_wind_from_deg", 10.0), 225.0);
    assert_eq!(at(&out, "weather_wind_from_deg", 30.0), 315.0, "the shift turned the wind");
    assert_eq!(at(&out, "weather_wind_speed_ms", 30.0), 8.0);
    assert_eq!(
        at(&out, "weather_wind_from_deg", 55.0),
        180.0,
        "the scheduled change after it holds"
    );
    let shift = out.events.iter().find(|e| e.kind == "wind_shift").expect("the shift is logged");
    assert_eq!(shift.t_s, 1200.0);
    // Night, clear, 3 m/s → E; after the shift 8 m/s → D.
    assert_eq!(at(&out, "weather_stability_class", 10.0), 5.0);
    assert_eq!(at(&out, "weather_stability_class", 30.0), 4.0);
}

#[test]
fn day_and_night_come_from_the_clock_and_the_sun() {
    let weather = r#"(wind: [(at: "0h", speed_ms: 1.0, from_deg: 90.0)], sky: StrongSun, sunrise: "06:00", sunset: "18:00")"#;
    let noon = run(weather, "", "2024-06-01T12:00");
    assert_eq!(at(&noon, "weather_stability_class", 0.0), 1.0, "strong sun, light wind: A");
    let midnight = run(weather, "", "2024-06-01T00:00");
    assert_eq!(at(&midnight, "weather_stability_class", 0.0), 6.0, "clear night, light wind: F");
    let dusk = run(weather, "", "2024-06-01T16:30");
    assert_eq!(at(&dusk, "weather_stability_class", 0.0), 4.0, "the hour before night: D");
}

#[test]
fn a_bad_sunrise_is_a_located_error() {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/small_flood.ron", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .replace(
            "    start: \"2024-01-01T00:00\",",
            "    start: \"2024-01-01T00:00\",\n    weather: (sunrise: \"6am\", sunset: \"05:00\"),",
        );
    let Err(e) = CompiledScenario::from_source(&text, Path::new("w.ron"), Path::new(".")) else {
        panic!("a bad sunrise was accepted")
    };
    let msg = e.to_string();
    assert!(msg.contains("bad-time-of-day") && msg.contains("6am"), "{msg}");
    assert!(msg.contains(":6:"), "located on the weather line: {msg}");
}
