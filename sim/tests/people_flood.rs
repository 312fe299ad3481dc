//! Flood and people together: conservation of people, tick-length
//! independence of harm, water balance through the engine.

use drillsim::world::people::PersonState;
use drillsim::{CompiledScenario, Engine, RunSpec};
use proptest::prelude::*;
use std::path::Path;

fn load(text: &str) -> CompiledScenario {
    CompiledScenario::from_source(text, Path::new("small_flood.ron"), Path::new(".")).unwrap_or_else(|d| panic!("{d}"))
}

fn small() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small_flood.ron")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, .. ProptestConfig::default() })]

    /// Every resident is in exactly one state at every tick.
    #[test]
    fn people_are_conserved_every_tick(seed in 0u64..1000, residents in 1u32..900, size in 1.0f64..6.0) {
        let text = small()
            .replace("residents: 400", &format!("residents: {residents}"))
            .replace("household_size: 2.5", &format!("household_size: {size}"));
        let c = load(&text);
        let out = Engine::run(&c, RunSpec { seed, replication: 0 });
        let cols: Vec<Vec<f64>> = PersonState::ALL.iter().map(|s| out.timeseries.column(s.column()).unwrap()).collect();
        for t in 0..out.timeseries.rows.len() {
            let total: f64 = cols.iter().map(|c| c[t]).sum();
            prop_assert_eq!(total, residents as f64, "tick {}", t);
        }
    }
}

#[test]
fn the_flood_hurts_people_and_balances_water() {
    let c = load(&small());
    let out = Engine::run(&c, RunSpec { seed: 11, replication: 0 });
    assert!(out.metrics["flood.max_area_km2"] > 0.2, "{:?}", out.metrics);
    assert!(out.metrics["people.exposed"] > 0.0);
    let residual = out.metrics["flood.volume_residual_m3"].abs();
    assert!(residual <= 1e-6 * out.metrics["flood.inflow_m3"], "residual {residual}");
    assert!(out.rasters["max_depth_m"].iter().any(|d| *d > 1.0));
    assert!(out.events.iter().any(|e| e.kind == "warning_issued"));
    assert!(
        out.events.iter().any(|e| e.kind == "link_flooded" && e.subject == "low_road"),
        "the low road floods"
    );
}

/// Casualties do not depend on the tick length: 1-minute and 5-minute ticks
/// give the same mean deaths within sampling error (Welch's t, |t| < 3).
#[test]
fn harm_is_independent_of_tick_length() {
    // Nobody leaves: everyone stands in the rising water.
    let text = small()
        .replace("compliance: 0.5", "compliance: 0.0")
        .replace("residents: 400", "residents: 1500");
    let deaths = |tick: &str| -> Vec<f64> {
        let c = load(&text.replace("tick: \"1min\"", &format!("tick: \"{tick}\"")));
        (0..24)
            .map(|r| Engine::run(&c, RunSpec { seed: 5, replication: r }).metrics["people.dead"])
            .collect()
    };
    let (a, b) = (deaths("1min"), deaths("5min"));
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let var = |v: &[f64]| {
        let m = mean(v);
        v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64
    };
    let (ma, mb) = (mean(&a), mean(&b));
    assert!(ma > 1.0, "the test needs deaths to compare (got {ma})");
    let t = (ma - mb) / ((var(&a) + var(&b)) / a.len() as f64).sqrt().max(1e-9);
    assert!(t.abs() < 3.0, "1 min mean {ma}, 5 min mean {mb}, t = {t}");
}
