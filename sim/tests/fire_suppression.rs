//! Suppression in a run: hotshot crews sent with `AttackFire` line a grass
//! fire's edge at the pocket-guide rate, contain it, and the fire burns less
//! than the same fire left alone; in a wind that makes the head too hot for
//! hand tools they line only where the flames are under 1.2 m.

use drillsim::{CompiledScenario, Engine, RunOutcome, RunSpec};
use std::path::Path;

fn scenario(wind_ms: f64, attack: &str) -> CompiledScenario {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/grass_fire_attack.ron", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .replace("WIND", &format!("{wind_ms:.1}"))
        .replace("ATTACK", &format!("{attack:?}"));
    let c = CompiledScenario::from_source(&text, Path::new("grass_fire_attack.ron"), Path::new(".")).unwrap_or_else(|d| panic!("{d}"));
    c.runnable().unwrap_or_else(|d| panic!("{d}"));
    drillsim::domains::check_for(drillsim::domains::STANDARD, &c).unwrap_or_else(|d| panic!("{d}"));
    c
}

fn run(c: &CompiledScenario) -> RunOutcome {
    Engine::run(c, RunSpec { seed: 5, replication: 0 })
}

#[test]
fn crews_contain_a_grass_fire_that_burns_on_without_them() {
    let attacked = run(&scenario(2.0, "10min"));
    let late = run(&scenario(2.0, "3h50min"));
    let (a, l) = (attacked.metrics["fire.area_burnt_km2"], late.metrics["fire.area_burnt_km2"]);
    assert!(a < 0.5 * l, "attacked {a:.3} km² vs left alone {l:.3}");
    assert!(attacked.events.iter().any(|e| e.kind == "fire_contained"), "no containment event");
    assert!((attacked.metrics["fire.containment"] - 1.0).abs() < 1e-9);
    let ia = attacked.metrics["fire.initial_attack_min"];
    assert!(ia > 10.0 && ia < 30.0, "first line {ia} min after ignition");
    assert!(attacked.metrics["fire.line_built_km"] > 0.0);
    // The line is on the fire's edge: every lined cell touches a burnt one.
    let (line, arrival) = (&attacked.rasters["fire_line"], &attacked.rasters["fire_arrival_min"]);
    let cols = 60;
    for (cell, _) in line.iter().enumerate().filter(|(_, v)| v.is_finite()) {
        assert!(arrival[cell].is_nan(), "a lined cell burnt");
        let (c, r) = ((cell % cols) as i64, (cell / cols) as i64);
        let touches = (-1..=1).any(|dr| {
            (-1..=1).any(|dc| {
                let (nc, nr) = (c + dc, r + dr);
                (0..60).contains(&nc) && (0..60).contains(&nr) && arrival[(nr * 60 + nc) as usize].is_finite()
            })
        });
        assert!(touches, "lined cell {cell} is off the fire's edge");
    }
}

#[test]
fn the_line_goes_no_faster_than_the_crews_rate() {
    let out = run(&scenario(2.0, "10min"));
    // Three Type 1 crews in FM1 grass: 30 chains/h each.
    let first = out.metrics["fire.initial_attack_min"];
    let minutes = out
        .events
        .iter()
        .find(|e| e.kind == "fire_contained")
        .map(|e| e.t_s / 60.0)
        .unwrap()
        - first;
    let most_km = 3.0 * 30.0 * 20.1168 / 1000.0 * (minutes / 60.0 + 1.0 / 60.0);
    let built = out.metrics["fire.line_built_km"];
    assert!(built <= most_km + 1e-9, "{built} km of line in {minutes} min, more than {most_km}");
}

#[test]
fn a_head_too_hot_for_hand_tools_runs_on_past_the_crews() {
    let calm = run(&scenario(2.0, "10min"));
    let windy = run(&scenario(9.0, "10min"));
    assert!(
        windy.metrics["fire.max_flame_length_m"] > 1.2,
        "the head is not too hot for hand crews"
    );
    // The crews hold the flanks and the rear, but the head runs on to the
    // east edge of the grid, five times the calm fire's area and more.
    let east_edge = windy.rasters["fire_arrival_min"][30 * 60 + 59];
    assert!(east_edge.is_finite(), "the head was stopped by hand crews");
    assert!(windy.metrics["fire.line_built_km"] > 0.0, "no flank was lined");
    assert!(windy.metrics["fire.area_burnt_km2"] > 5.0 * calm.metrics["fire.area_burnt_km2"]);
}

#[test]
fn suppression_is_deterministic() {
    let c = scenario(2.0, "10min");
    let (a, b) = (run(&c), run(&c));
    assert_eq!(
        a.rasters["fire_line"].iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
        b.rasters["fire_line"].iter().map(|v| v.to_bits()).collect::<Vec<_>>()
    );
    assert_eq!(a.metrics["fire.line_built_km"].to_bits(), b.metrics["fire.line_built_km"].to_bits());
}

#[test]
fn attacking_with_no_kind_that_builds_line_is_a_located_error() {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/grass_fire_attack.ron", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .replace("WIND", "2.0")
        .replace("ATTACK", "\"10min\"")
        .replace(", fireline: HandCrew(Type1)", "");
    let Err(err) = CompiledScenario::from_source(&text, Path::new("grass_fire_attack.ron"), Path::new(".")) else {
        panic!("accepted an attack with no line builders");
    };
    let err = err.to_string();
    assert!(err.contains("no team kind of this scenario builds fireline"), "{err}");
    assert!(err.contains("grass_fire_attack.ron:"), "not located: {err}");
}
