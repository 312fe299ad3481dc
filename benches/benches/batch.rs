//! Batches on the riverside drill: replications per second at 1 and 2
//! threads (parallel efficiency), and the share of a replication spent in
//! setup (sampling, building the `World` and schedule) versus ticking.
//!
//! `cargo bench -p drillsim-benches --bench batch`
//!
//! Each `riverside_batch` sample runs 2 replications per thread, so the
//! ideal is the same time at every thread count: efficiency = t(1) / t(T).

use drillsim::batch::{BatchOptions, BatchPlan, Sampling, run_batch};
use drillsim::{CompiledScenario, Engine, RunSpec};
use std::path::Path;

fn main() {
    divan::main();
}

fn riverside() -> CompiledScenario {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/riverside_flood.ron");
    CompiledScenario::load(&p).unwrap_or_else(|d| panic!("{d}"))
}

#[divan::bench(args = [1, 2], sample_count = 2, sample_size = 1)]
fn riverside_batch(bencher: divan::Bencher, threads: usize) {
    let c = riverside();
    let plan = BatchPlan {
        seed: 2024,
        runs: 2 * threads as u64,
        sampling: Sampling::Independent,
        shard: None,
    };
    bencher.with_inputs(|| tempfile::tempdir().unwrap()).bench_values(|dir| {
        run_batch(&c, &plan, &dir.path().join("b"), &BatchOptions { threads, resume: false }, &|_| {}).unwrap();
        dir
    });
}

/// Setup of one replication: sample parameters, spawn households and teams,
/// build the schedule.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn riverside_setup(bencher: divan::Bencher) {
    let c = riverside();
    bencher.bench(|| {
        Engine::prepare(
            &c,
            RunSpec {
                seed: 2024,
                replication: 0,
            },
            None,
        )
    });
}
