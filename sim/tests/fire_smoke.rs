//! Smoke in a run: a grass fire west of a north–south road, with a bare
//! strip between them that the flames cannot cross, in a west wind. The
//! smoke that stays at the ground cuts visibility on the road and closes
//! it although no flame reaches it; smoke that rises with the fire's heat
//! (Briggs) passes over; the layer and its rasters are published; bad
//! values are located.

use drillsim::{CompiledScenario, Engine, RunOutcome, RunSpec};
use std::path::Path;

/// 40 × 20 cells of 30 m: grass in columns 0–19, bare ground 20–29, the
/// road down column 30, bare ground east of it.
fn drill(smoke: &str) -> String {
    let row = format!("\"{}{}={}\",", "g".repeat(20), ".".repeat(10), ".".repeat(9));
    let rows: Vec<String> = (0..20).map(|_| row.clone()).collect();
    format!(
        r#"Scenario(
    name: "Smoke test", start: "2024-08-01T13:00", duration: "1h30min", tick: "1min", seed: 5,
    map: (
        cell_size_m: 30.0,
        elevation: Constant(100.0),
        land: Ascii(legend: {{'g': Grass, '=': Road, '.': Bare}}, rows: [
            {}
        ]),
    ),
    places: [(name: "west_field", at: Rect(1, 4, 1, 15)), (name: "hall", at: Point(38, 2))],
    roads: (
        nodes: [(id: "n", at: (30, 0)), (id: "s", at: (30, 19))],
        links: [(id: "east_road", from: "n", to: "s")],
    ),
    weather: (wind: [(at: "0h", speed_ms: 4.0, from_deg: 270.0)], fuel_moisture_pct: 6.0),
    hazards: [Fire(ignitions: [(place: "west_field", at: "5min")], fuel_models: {{Grass: 1}}{smoke})],
    population: [(zone: "hall", residents: 10, compliance: 0.0)],
    shelters: [(id: "hall_shelter", place: "hall", capacity: 50)],
    objectives: [(id: "burnt", capability: "Fire management", metric: Injured, target: AtMost(0.0))],
    outputs: (snapshots: ["30min"]),
)"#,
        rows.join("\n            ")
    )
}

fn run(text: &str) -> RunOutcome {
    let c = CompiledScenario::from_source(text, Path::new("smoke.ron"), Path::new(".")).unwrap_or_else(|d| panic!("{d}"));
    c.runnable().unwrap_or_else(|d| panic!("{d}"));
    Engine::run(&c, RunSpec { seed: 5, replication: 0 })
}

fn closures(out: &RunOutcome) -> Vec<(&str, f64)> {
    out.events
        .iter()
        .filter(|e| e.kind.starts_with("link_"))
        .map(|e| (e.kind.as_str(), e.t_s))
        .collect()
}

#[test]
fn ground_smoke_closes_the_road_the_flames_never_reach_and_rising_smoke_does_not() {
    let low = run(&drill(", smoke: (close_roads_below_m: 500.0, ground_share: 1.0)"));
    let events = closures(&low);
    assert!(
        events.first().is_some_and(|(k, _)| *k == "link_smoke_closed"),
        "the road did not close under smoke: {events:?}"
    );
    assert!(
        events.iter().any(|(k, _)| *k == "link_smoke_cleared"),
        "it never reopened: {events:?}"
    );
    assert!(
        !events.iter().any(|(k, _)| *k == "link_burning"),
        "the flames reached the road: {events:?}"
    );
    assert!(low.metrics["fire.smoke_closed_km2_max"] > 0.0);
    // The road's cells saw less than 500 m at their worst.
    let peak = &low.rasters["max_smoke_extinction_per_km"];
    let worst_on_road = (0..20).map(|r| peak[r * 40 + 30]).fold(0.0f32, f32::max) as f64;
    assert!(3.912 / (worst_on_road / 1000.0 + 1e-5) < 500.0, "{worst_on_road} per km");
    // It thins as it spreads downwind.
    assert!(
        peak[10 * 40 + 39] < peak[10 * 40 + 30],
        "{} vs {}",
        peak[10 * 40 + 39],
        peak[10 * 40 + 30]
    );
    assert!(low.rasters.contains_key("smoke_t30min"));

    // All of it rising with the fire's heat: it passes over the road.
    let high = run(&drill(", smoke: (close_roads_below_m: 500.0, ground_share: 0.0)"));
    assert!(closures(&high).is_empty(), "{:?}", closures(&high));
    let peak_high = &high.rasters["max_smoke_extinction_per_km"];
    let worst_high = (0..20).map(|r| peak_high[r * 40 + 30]).fold(0.0f32, f32::max);
    assert!(
        (worst_high as f64) < 0.01 * worst_on_road,
        "rising smoke is as thick at the road: {worst_high} vs {worst_on_road}"
    );
    // The fire itself is the same either way.
    assert_eq!(low.metrics["fire.area_burnt_km2"], high.metrics["fire.area_burnt_km2"]);

    // Without `smoke` there is no smoke layer.
    let none = run(&drill(""));
    assert!(!none.rasters.contains_key("max_smoke_extinction_per_km"));
}

#[test]
fn smoke_values_out_of_range_are_located() {
    for (field, bad) in [
        ("ground_share", ", smoke: (close_roads_below_m: 50.0, ground_share: 1.5)"),
        ("close_roads_below_m", ", smoke: (close_roads_below_m: 0.0, ground_share: 0.2)"),
    ] {
        let text = drill(bad);
        let Err(d) = CompiledScenario::from_source(&text, Path::new("smoke.ron"), Path::new(".")) else {
            panic!("accepted {bad}");
        };
        let e = d.errors.iter().find(|e| e.message.contains(field)).unwrap_or_else(|| panic!("{d}"));
        let line = text.lines().position(|l| l.contains("smoke:")).unwrap() + 1;
        assert_eq!(e.line, line, "{field}: {d}");
    }
}
