//! Mop-up in a run ("finish it", 打了): crews whose kind has a
//! `mop_up_ha_per_hour` go back to a contained fire and work its burnt
//! area; the fire is out when their hectares add up to it, and the time
//! that takes follows their rate. Without a rate the fire stays contained,
//! never out, and the event log says why.

use drillsim::{CompiledScenario, Engine, RunOutcome, RunSpec};
use std::path::Path;

/// The grass-fire attack fixture, attacked at 10 min, with `mop_up` added
/// to the hotshots' kind (empty for none) and the given objectives.
fn run(mop_up: &str) -> RunOutcome {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/grass_fire_attack.ron", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .replace("WIND", "2.0")
        .replace("ATTACK", "\"10min\"")
        .replace("mobilisation: \"0min\")", &format!("mobilisation: \"0min\"{mop_up})"))
        .replace(
            "metric: AreaBurnt, target: AtMost(0.1))",
            "metric: AreaBurnt, target: AtMost(0.1)), (id: \"out\", capability: \"Fire management\", metric: TimeToOut, target: AtMost(120.0))",
        );
    let c = CompiledScenario::from_source(&text, Path::new("grass_fire_attack.ron"), Path::new(".")).unwrap_or_else(|d| panic!("{d}"));
    c.runnable().unwrap_or_else(|d| panic!("{d}"));
    Engine::run(&c, RunSpec { seed: 5, replication: 0 })
}

fn at_min(out: &RunOutcome, kind: &str) -> Option<f64> {
    out.events.iter().find(|e| e.kind == kind).map(|e| e.t_s / 60.0)
}

#[test]
fn crews_mop_up_a_contained_fire_at_their_rate_and_it_is_out() {
    let slow = run(", mop_up_ha_per_hour: 0.1");
    let fast = run(", mop_up_ha_per_hour: 0.4");
    let contained = at_min(&slow, "fire_contained").expect("the crews contain the fire");
    assert_eq!(at_min(&fast, "fire_contained"), Some(contained), "mop-up changed the attack");
    let area_ha = slow.metrics["fire.area_burnt_km2"] * 100.0;
    assert!(area_ha > 0.5, "too small a fire to tell rates apart: {area_ha} ha");
    for (out, rate) in [(&slow, 0.1), (&fast, 0.4)] {
        let started = out.events.iter().find(|e| e.kind == "mop_up_started").expect("mop-up asked for");
        assert!((started.data["area_ha"].as_f64().unwrap() - area_ha).abs() < 1e-9);
        let out_at = out
            .events
            .iter()
            .find(|e| e.kind == "fire_out")
            .unwrap_or_else(|| panic!("not out at {rate} ha/h"));
        assert_eq!(out_at.data["by"], "mop-up");
        assert!((out.metrics["fire.mopped_up_km2"] * 100.0 - area_ha).abs() < 1e-9);
        // Three 20-person crews at `rate` ha/h each, after walking back to
        // the heel: no sooner than the area allows, and within the trip.
        let work_min = out_at.t_s / 60.0 - contained;
        let least = area_ha / (3.0 * rate) * 60.0;
        assert!(
            work_min >= least - 1.0,
            "{rate} ha/h: out after {work_min} min, {least} min of work at least"
        );
        assert!(
            work_min <= least + 30.0,
            "{rate} ha/h: out after {work_min} min, {least} min of work"
        );
        let lit = out.metrics["fire.initial_attack_min"];
        assert!(out.metrics["fire.time_to_out_min"] > lit);
    }
    assert!(slow.metrics["fire.time_to_out_min"] > fast.metrics["fire.time_to_out_min"] + 30.0);
    let card = |o: &RunOutcome| o.scorecard.as_ref().unwrap().objectives[1].value;
    assert_eq!(card(&fast), Some(fast.metrics["fire.time_to_out_min"]));
}

#[test]
fn without_a_mop_up_rate_the_fire_is_never_out_and_says_why() {
    let out = run("");
    assert!(at_min(&out, "fire_contained").is_some());
    assert!(at_min(&out, "fire_out").is_none());
    let why = out
        .events
        .iter()
        .find(|e| e.kind == "mop_up_not_possible")
        .expect("no word on mop-up");
    assert!(why.data["why"].as_str().unwrap().contains("mop_up_ha_per_hour"));
    assert!(out.metrics["fire.time_to_out_min"].is_nan());
    let card = out.scorecard.as_ref().unwrap();
    assert_eq!(card.objectives[1].value, None);
    assert!(!card.objectives[1].met);
}
