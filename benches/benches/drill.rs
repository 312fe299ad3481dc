//! Whole drills end to end (load excluded): how long one replication takes.
//!
//! `cargo bench -p drillsim-benches --bench drill`
//!
//! `wildland_fire_1000_24h`: the issue-14 size case, one fire on a
//! 1000 × 1000 landscape for 24 h (fixture in `benches/fixtures/`);
//! `wildland_fire_1000_24h_smoke` the same with its smoke carried and drawn.

use drillsim::{CompiledScenario, Engine, RunSpec};
use std::path::Path;

fn main() {
    divan::main();
}

fn load(name: &str) -> CompiledScenario {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios").join(name);
    CompiledScenario::load(&p).unwrap_or_else(|d| panic!("{d}"))
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn tutorial(bencher: divan::Bencher) {
    let c = load("tutorial.ron");
    bencher.bench(|| Engine::run(&c, RunSpec { seed: 7, replication: 0 }));
}

/// The 8-hour riverside drill: 200 × 200 flood grid, 11,500 residents, 6 teams.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn riverside_flood(bencher: divan::Bencher) {
    let c = load("riverside_flood.ron");
    bencher.bench(|| {
        Engine::run(
            &c,
            RunSpec {
                seed: 2024,
                replication: 0,
            },
        )
    });
}

/// Loading and compiling the riverside scenario (parse, validate, build terrain and roads).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn riverside_load() -> CompiledScenario {
    load("riverside_flood.ron")
}

/// One fire on 1000 × 1000 cells of 30 m for 24 simulated hours in the
/// engine (`benches/fixtures/wildland_1000.ron`: grass, timber and brush on
/// hills, a 6 m/s wind, no one fighting it). Replication 0 lights a cell
/// whose fire burns 36 km² (the road stops its flank), replication 1 one
/// that burns 246 km².
#[divan::bench(args = [0, 1], sample_count = 5, sample_size = 1)]
fn wildland_fire_1000_24h(bencher: divan::Bencher, replication: u64) {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/wildland_1000.ron");
    let c = CompiledScenario::load(&p).unwrap_or_else(|d| panic!("{d}"));
    bencher.bench(|| Engine::run(&c, RunSpec { seed: 5, replication }));
}

/// The same fire with `smoke` (a fifth of it at the ground): the cost of
/// carrying the smoke's puffs and drawing the 1000 × 1000 extinction layer
/// every minute.
#[divan::bench(args = [0, 1], sample_count = 3, sample_size = 1)]
fn wildland_fire_1000_24h_smoke(bencher: divan::Bencher, replication: u64) {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/wildland_1000.ron");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("Grass: 1})", "Grass: 1}, smoke: (close_roads_below_m: 50.0, ground_share: 0.2))");
    let c = CompiledScenario::from_source(&text, &p, p.parent().unwrap()).unwrap_or_else(|d| panic!("{d}"));
    bencher.bench(|| Engine::run(&c, RunSpec { seed: 5, replication }));
}

/// The bundled hillside drill (80 × 50 cells, smoke on, 4 h).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn hillside_fire(bencher: divan::Bencher) {
    let c = load("hillside_fire.ron");
    bencher.bench(|| Engine::run(&c, RunSpec { seed: 7, replication: 0 }));
}
