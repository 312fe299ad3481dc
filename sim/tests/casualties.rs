//! Injured people are carried to hospital by road teams once the drill has
//! hospitals: casualty incidents, admissions, beds as a limit, boats excluded.

use drillsim::{CompiledScenario, Engine, RunOutcome, RunSpec};
use std::path::Path;

/// small_flood plus a hospital on the hill, a station by it and `teams`.
fn drill(beds: u32, teams: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/small_flood.ron", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .replace(r#"duration: "3h""#, r#"duration: "8h""#)
        .replace(
            r#"(name: "hill", at: Point(36, 15)),"#,
            r#"(name: "hill", at: Point(36, 15)), (name: "clinic", at: Point(37, 16)), (name: "post", at: Point(30, 15)),"#,
        )
        .replace(
            "    injects: [",
            &format!(
                r#"    hospitals: [(id: "clinic_1", place: "clinic", beds: {beds})],
    stations: [(id: "post_1", place: "post")],
    teams: [{teams}],
    injects: ["#
            ),
        )
}

fn run(text: &str, seed: u64) -> RunOutcome {
    let c = CompiledScenario::from_source(text, Path::new("small_flood.ron"), Path::new(".")).unwrap_or_else(|d| panic!("{d}"));
    Engine::run(&c, RunSpec { seed, replication: 0 })
}

/// Boats bring trapped households (injured included) to the shelter; the
/// ambulance takes the injured on to hospital.
const AMBULANCE: &str = r#"(id: "boat_1", kind: "water_rescue", base: "post_1", crew: 4, ready_after: "5min"),
    (id: "boat_2", kind: "water_rescue", base: "post_1", crew: 4, ready_after: "5min"),
    (id: "boat_3", kind: "water_rescue", base: "post_1", crew: 4, ready_after: "5min"),
    (id: "amb_1", kind: "medical", base: "post_1", crew: 2, ready_after: "5min")"#;
const BOAT: &str = r#"(id: "boat_1", kind: "water_rescue", base: "post_1", crew: 4, ready_after: "5min")"#;

#[test]
fn an_ambulance_takes_the_injured_to_hospital() {
    let seed = (1..40)
        .find(|s| run(&drill(0, AMBULANCE), *s).metrics["people.injured"] >= 2.0)
        .expect("some seed injures people in the small flood");
    let out = run(&drill(50, AMBULANCE), seed);
    let admitted: Vec<_> = out.events.iter().filter(|e| e.kind == "patients_admitted").collect();
    assert!(!admitted.is_empty(), "nobody was admitted");
    assert!(admitted.iter().all(|e| e.subject == "clinic_1" && e.data["team"] == "amb_1"));
    let hospitalised = out.metrics["people.hospitalised"];
    let carried: f64 = admitted.iter().map(|e| e.data["people"].as_f64().unwrap()).sum();
    assert_eq!(hospitalised, carried);
    // Injured counts everyone hurt, in hospital or not.
    assert!(out.metrics["people.injured"] >= hospitalised && hospitalised > 0.0);
    let reported = out
        .events
        .iter()
        .filter(|e| e.kind == "incident_reported" && e.data["kind"] == "casualty")
        .count();
    assert!(reported > 0);
    // The hospitalised show in the time series and are no longer "injured".
    let col = out.timeseries.column("people_hospitalised").unwrap();
    assert_eq!(*col.last().unwrap(), hospitalised);
}

#[test]
fn beds_limit_admissions_and_boats_do_not_carry_casualties() {
    let seed = (1..40)
        .find(|s| run(&drill(0, AMBULANCE), *s).metrics["people.injured"] >= 2.0)
        .unwrap();
    let one_bed = run(&drill(1, AMBULANCE), seed);
    assert_eq!(one_bed.metrics["people.hospitalised"], 1.0, "one bed, one patient");

    let boats_only = run(&drill(50, BOAT), seed);
    assert_eq!(
        boats_only.metrics["people.hospitalised"], 0.0,
        "a boat carried a casualty to hospital"
    );
    assert!(boats_only.events.iter().all(|e| e.kind != "patients_admitted"));
    // Without beds there are no casualty incidents at all.
    let no_beds = run(&drill(0, AMBULANCE), seed);
    assert!(no_beds.events.iter().all(|e| e.data.get("kind").is_none_or(|k| k != "casualty")));
}
