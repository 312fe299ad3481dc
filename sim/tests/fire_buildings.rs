//! Buildings in a run: with `structures`, the village's built-up cells burn
//! from building to building at Hamada's rates, reached from the burning
//! grass; they show on the buildings layer, not the flame layer; the people
//! at home there are hurt and leave; crews build no line through them.

use drillsim::fire::hamada::Blocks;
use drillsim::{CompiledScenario, Engine, RunOutcome, RunSpec};
use std::path::Path;

const STRUCTURES: &str = "structures: (side_m: 10.0, separation_m: 5.0, fire_resistant_share: 0.2)";

/// The grass-fire fixture (a 6 m/s west wind, a village east of the
/// ignition) with `fire` in place of its fire's fuel models, and the east
/// half of the map built up edge to edge (the road across it aside), so
/// the front inside runs through buildings only.
fn drill(fire: &str) -> String {
    let mut text = std::fs::read_to_string(format!("{}/tests/fixtures/grass_fire.ron", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .replace("fuel_models: {Grass: 1, Residential: 9}", fire);
    for row in text
        .clone()
        .lines()
        .filter(|l| l.trim_start().starts_with("\"g") && l.trim_end().ends_with("\","))
    {
        let cells = row.trim().trim_start_matches('"').trim_end_matches("\",");
        let built = format!("{}{}", &cells[..20].replace('.', "g"), "H".repeat(20));
        text = text.replacen(row, &row.replace(cells, &built), 1);
    }
    text
}

fn run(text: &str) -> RunOutcome {
    let c = CompiledScenario::from_source(text, Path::new("grass_fire.ron"), Path::new(".")).unwrap_or_else(|d| panic!("{d}"));
    c.runnable().unwrap_or_else(|d| panic!("{d}"));
    Engine::run(&c, RunSpec { seed: 5, replication: 0 })
}

#[test]
fn buildings_burn_one_from_another_at_hamadas_rate() {
    let out = run(&drill(&format!("fuel_models: {{Grass: 1}}, {STRUCTURES}")));
    let cols = 40;
    let arrival = &out.rasters["fire_arrival_min"];
    let at = |c: usize, r: usize| arrival[r * cols + c] as f64;
    // Down the wind along row 5, inside the built-up half: 15 cells of 30 m.
    let (enter, leave) = (at(22, 5), at(37, 5));
    assert!(enter.is_finite() && leave.is_finite(), "the block did not burn: {enter} {leave}");
    let head = Blocks {
        side_m: 10.0,
        separation_m: 5.0,
        fire_resistant: 0.2,
    }
    .rates(6.0)
    .downwind;
    let expected = 15.0 * 30.0 / head;
    assert!(
        ((leave - enter) - expected).abs() < 0.01 * expected + 1e-6,
        "crossed in {} min, Hamada's downwind rate gives {expected}",
        leave - enter
    );
    // On the buildings layer, not the flame layer.
    let built = &out.rasters["buildings_burnt"];
    let flame = &out.rasters["max_flame_length_m"];
    let cell = 7 * cols + 35;
    assert_eq!(built[cell], 1.0);
    assert!(
        flame[cell].is_nan() || flame[cell] == 0.0,
        "a building has a flame length: {}",
        flame[cell]
    );
    assert!(
        out.metrics["fire.built_cells_lost"] >= 100.0,
        "{}",
        out.metrics["fire.built_cells_lost"]
    );
    // The residents, told nothing and staying home, are hurt when their
    // houses burn.
    assert!(out.metrics["people.injured"] > 0.0);
    assert!(
        out.events
            .iter()
            .any(|e| e.kind == "casualties" && e.data.contains_key("buildings_burning")),
        "no casualty reads the buildings layer"
    );
}

#[test]
fn buildings_and_their_fuel_model_conflict_and_a_bad_share_is_located() {
    let text = drill(&format!("fuel_models: {{Grass: 1, Residential: 9}}, {STRUCTURES}"));
    let Err(d) = CompiledScenario::from_source(&text, Path::new("grass_fire.ron"), Path::new(".")) else {
        panic!("accepted Residential as both a fuel model and buildings");
    };
    let e = d.errors.iter().find(|e| e.code == "conflict").expect("no conflict");
    assert!(
        e.message.contains("Residential cells burn from building to building"),
        "{}",
        e.message
    );
    assert_eq!(
        e.hint.as_deref(),
        Some("remove `Residential` from `fuel_models`, or remove `structures`")
    );
    let line = text.lines().position(|l| l.contains("structures:")).unwrap() + 1;
    assert_eq!(e.line, line);
    let bad = drill(&format!("fuel_models: {{Grass: 1}}, {}", STRUCTURES.replace("0.2)", "1.5)")));
    let Err(d) = CompiledScenario::from_source(&bad, Path::new("grass_fire.ron"), Path::new(".")) else {
        panic!("accepted a share of 1.5");
    };
    assert!(d.errors.iter().any(|e| e.message.contains("fire_resistant_share")), "{d}");
}
