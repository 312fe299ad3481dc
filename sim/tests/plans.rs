//! A worse plan scores lower on the same seeds (common random numbers).

use drillsim::{CompiledScenario, Engine, RunSpec};
use std::path::Path;

fn load(name: &str) -> CompiledScenario {
    CompiledScenario::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios").join(name)).unwrap_or_else(|d| panic!("{d}"))
}

#[test]
fn weak_plan_scores_lower_on_the_same_seeds() {
    let (good, weak) = (load("riverside_flood.ron"), load("riverside_flood_weak_plan.ron"));
    let mut diffs = Vec::new();
    for r in 0..2 {
        let spec = RunSpec {
            seed: 2024,
            replication: r,
        };
        let a = Engine::run(&good, spec);
        let b = Engine::run(&weak, spec);
        let (sa, sb) = (a.scorecard.unwrap().score, b.scorecard.unwrap().score);
        diffs.push(sa - sb);
        // Same seed, same hazard: the river is identical in both plans.
        assert_eq!(a.metrics["flood.inflow_m3"], b.metrics["flood.inflow_m3"]);
        assert!(a.metrics["people.sheltered"] > b.metrics["people.sheltered"], "replication {r}");
        for kind in [
            "traffic_control",
            "recon_done",
            "sandbag_line_complete",
            "rescue_completed",
            "levee_breached",
        ] {
            assert!(a.events.iter().any(|e| e.kind == kind), "no {kind} event in replication {r}");
        }
    }
    assert!(diffs.iter().all(|d| *d > 0.0), "score differences good − weak: {diffs:?}");
}

/// The bundled variants change what their headers say and nothing else: the
/// weak plans only the response (their injects drop the actions a removed
/// rule would have taken, which the scorecard lists but does not score),
/// the late report only the inject that reports the fire.
#[test]
fn bundled_variants_change_only_what_they_say() {
    use drillsim::batch::differences::{Side, differences};
    for (base, variant) in [
        ("riverside_flood.ron", "riverside_flood_weak_plan.ron"),
        ("chemical_park_flood.ron", "chemical_park_flood_weak_plan.ron"),
    ] {
        let d = differences(&load(base), &load(variant));
        assert!(d.iter().any(|c| c.side == Side::Plan), "{variant}: no plan change");
        assert!(!d.iter().any(|c| c.changes_the_drill()), "{variant} changes the drill: {d:?}");
    }
    let d = differences(&load("hillside_fire.ron"), &load("hillside_fire_late_report.ron"));
    let drill: Vec<&str> = d.iter().filter(|c| c.changes_the_drill()).map(|c| c.section.as_str()).collect();
    assert_eq!(drill, ["injects"], "{d:?}");
    assert_eq!(d.iter().find(|c| c.section == "injects").unwrap().changed[0].id, "smoke_seen");
}
