//! Whole drills end to end (load excluded): how long one replication takes.
//!
//! `cargo bench -p drillsim-benches --bench drill`

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
