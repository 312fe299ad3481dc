//! Several releases of one substance in one drill: each starts, runs and is
//! sealed on its own, and the air people breathe is the sum of their clouds
//! (the Gaussian puff model is linear in the mass released).

use drillsim::{CompiledScenario, Engine, RunOutcome, RunSpec};
use std::path::Path;

/// The chlorine town with a store 360 m east-south-east of the plant,
/// upwind of the town, the given releases, `teams` (team kinds and teams)
/// and, after the order to shelter in place, `orders`.
fn drill(releases: &str, teams: &str, orders: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/chlorine_town.ron", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .replace(
            "hazards: [Release(id: \"cl2\", place: \"plant\", substance: Chlorine, SOURCE, at: RELEASE_AT)]",
            &format!("hazards: [{releases}]"),
        )
        .replace(
            "(name: \"plant\", at: Point(5, 20)),",
            "(name: \"plant\", at: Point(5, 20)),\n        (name: \"store\", at: Point(12, 22)),",
        )
        .replace("ACTION", "ShelterInPlace(zone: \"town\")")
        .replace("INJECTS", "")
        .replace("    plan: (", &format!("{teams}    plan: ("))
        .replace("], default_dispatch: false)", &format!("{orders}], default_dispatch: false)"))
}

const PLANT: &str = "Release(id: \"cl2\", place: \"plant\", substance: Chlorine, rate_kg_s: 1.0, duration: \"4h\", at: \"0min\")";
const STORE: &str = "Release(id: \"store_cl2\", place: \"store\", substance: Chlorine, mass_kg: 800.0, at: \"30min\")";

fn compile(text: &str) -> Result<CompiledScenario, drillsim::Diagnostics> {
    CompiledScenario::from_source(text, Path::new("two_releases.ron"), Path::new("."))
}

fn run(text: &str) -> RunOutcome {
    let c = compile(text).unwrap_or_else(|d| panic!("{d}"));
    c.runnable().unwrap_or_else(|d| panic!("{d}"));
    Engine::run(&c, RunSpec { seed: 3, replication: 0 })
}

#[test]
fn two_releases_add_up_in_the_air_and_start_on_their_own() {
    let both = run(&drill(&format!("{PLANT}, {STORE}"), "", ""));
    let plant = run(&drill(PLANT, "", ""));
    let store = run(&drill(STORE, "", ""));
    let series = |o: &RunOutcome, c: &str| o.timeseries.column(c).unwrap_or_else(|| panic!("no {c}")).to_vec();
    let (town, town_plant, town_store) = (
        series(&both, "ppm_at_town"),
        series(&plant, "ppm_at_town"),
        series(&store, "ppm_at_town"),
    );
    let mut puff_seen = false;
    for i in 0..town.len() {
        let sum = town_plant[i] + town_store[i];
        assert!(
            (town[i] - sum).abs() <= 1e-5 * sum.max(1.0),
            "row {i}: {} ppm with both, {sum} ppm summed",
            town[i]
        );
        puff_seen |= town_store[i] > 0.1 * town_plant[i].max(1.0);
    }
    assert!(puff_seen, "the store's puff never reached the town: the test would not see it");
    let kg = both.metrics["release.released_kg"];
    assert!((kg - (4.0 * 3600.0 + 800.0)).abs() < 1e-6, "released {kg} kg");
    let started: Vec<(&str, f64)> = both
        .events
        .iter()
        .filter(|e| e.kind == "release_started")
        .map(|e| (e.subject.as_str(), e.t_s))
        .collect();
    assert_eq!(started, [("cl2", 0.0), ("store_cl2", 1800.0)]);
    // The air adds up; what people breathe from it is a dose, which does not.
    assert!(both.metrics["release.max_toxic_load"] > plant.metrics["release.max_toxic_load"]);
}

/// A hazmat crew sent to the plant seals that leak; the store's pressurised
/// tank keeps leaking until it is empty.
#[test]
fn sealing_one_leak_leaves_the_other_running() {
    let tank = "Release(id: \"store_cl2\", place: \"store\", substance: Chlorine, at: \"0min\", \
                tank: (liquid_kg: 2000.0, density_kg_m3: 1410.0, section_m2: 2.0, gauge_kpa: 400.0, hole_diameter_mm: 10.0))";
    let teams = "    team_kinds: [(id: \"hazmat\", mode: Road, speed_kmh: 40.0, crew: 4, protection: LevelA, \
                 seal_leak: \"20min\")],\n    teams: [(id: \"hazmat_1\", kind: \"hazmat\", base: \"hall\", crew: 4, \
                 ready_after: \"0min\")],\n";
    let orders = ", (id: \"commit\", at: \"2min\", do: Dispatch(kind: \"hazmat\")), \
                  (id: \"seal\", at: \"10min\", do: SealLeak(\"cl2\"))";
    let out = run(&drill(&format!("{PLANT}, {tank}"), teams, orders));
    let sealed: Vec<&str> = out
        .events
        .iter()
        .filter(|e| e.kind == "leak_sealed")
        .map(|e| e.subject.as_str())
        .collect();
    assert_eq!(sealed, ["cl2"]);
    let ended = |id: &str| {
        out.events
            .iter()
            .find(|e| e.kind == "release_ended" && e.subject == id)
            .unwrap_or_else(|| panic!("{id} never ended"))
            .clone()
    };
    let (plant_end, store_end) = (ended("cl2"), ended("store_cl2"));
    assert_eq!(plant_end.data["by"], "sealed");
    assert!(!store_end.data.contains_key("by"), "the store was sealed too: {:?}", store_end.data);
    let plant_kg = plant_end.data["released_kg"].as_f64().unwrap();
    assert!(
        (plant_kg - plant_end.t_s).abs() < 61.0,
        "1 kg/s until sealed, released {plant_kg} kg"
    );
    let kg = out.metrics["release.released_kg"];
    assert!(
        kg > plant_kg + 1990.0 && kg <= plant_kg + 2000.0 + 1e-6,
        "the store's 2 t did not leak out: {kg} kg in all"
    );
}

#[test]
fn a_second_substance_and_a_second_set_of_air_changes_are_located() {
    let ammonia = STORE.replace("Chlorine", "Ammonia");
    let c = compile(&drill(&format!("{PLANT}, {ammonia}"), "", "")).unwrap_or_else(|d| panic!("{d}"));
    let refused = c.runnable().unwrap_err();
    let e = &refused.errors[0];
    assert_eq!(e.code, "not-yet-simulated");
    assert!(e.message.contains("second substance (Ammonia after Chlorine)"), "{}", e.message);
    assert!(
        e.hint.as_deref().unwrap_or_default().contains("substance: Chlorine"),
        "{:?}",
        e.hint
    );
    let text = drill(&format!("{PLANT}, {ammonia}"), "", "");
    let line = text.lines().position(|l| l.contains("hazards: [")).unwrap() + 1;
    assert_eq!(e.line, line);
    let col = text
        .lines()
        .nth(line - 1)
        .unwrap()
        .chars()
        .collect::<String>()
        .rfind("Ammonia")
        .unwrap()
        + 1;
    assert_eq!(e.column, col);

    let leaky = STORE.replace("at: \"30min\"", "at: \"30min\", indoor_ach: 2.0");
    let Err(d) = compile(&drill(&format!("{PLANT}, {leaky}"), "", "")) else {
        panic!("accepted the homes' air changes on the second release");
    };
    let e = &d.errors[0];
    assert_eq!(e.code, "conflict");
    assert!(e.message.contains("`indoor_ach` describes the homes"), "{}", e.message);
    assert_eq!(e.hint.as_deref(), Some("move it to release `cl2`, or remove it here"));
    // On the first release they are the homes' rates, as in a one-release drill.
    let first = PLANT.replace("at: \"0min\"", "at: \"0min\", indoor_ach: 2.0, sealed_ach: 0.5");
    assert!(compile(&drill(&format!("{first}, {STORE}"), "", "")).is_ok());
}
