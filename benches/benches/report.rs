//! The after-action report of the riverside drill: reading the run directory
//! and drawing every chart (PNG + SVG), report.html and report.md. Compare
//! with the `drill` bench's `riverside_flood` (one replication).
//!
//! `cargo bench -p drillsim-benches --bench report`

use drillsim::{CompiledScenario, Engine, RunSpec};
use drillsim_reports::RunData;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// One riverside run directory, simulated once for all benches (~15 s).
fn run_dir() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/riverside_flood.ron");
        let c = CompiledScenario::load(&p).unwrap_or_else(|d| panic!("{d}"));
        let outcome = Engine::run(
            &c,
            RunSpec {
                seed: 2024,
                replication: 0,
            },
        );
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("run");
        drillsim::output::write_run_dir(&dir, &c, &outcome).unwrap();
        (tmp, dir)
    })
    .1
}

/// The whole report: load the run directory, every chart, both documents.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn riverside_report(bencher: divan::Bencher) {
    let dir = run_dir();
    bencher.bench(|| drillsim_reports::write_report(dir).unwrap());
}

/// Only reading the run directory (events, time series, rasters, scenario).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn riverside_load_run_dir(bencher: divan::Bencher) {
    let dir = run_dir();
    bencher.bench(|| RunData::load(dir).unwrap());
}

/// A finished batch of the tutorial drill, 2,000 runs (one uncertain
/// parameter, one objective), made once for the batch benches.
fn batch_dir() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/tutorial.ron");
        let c = CompiledScenario::load(&p).unwrap_or_else(|d| panic!("{d}"));
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("batch");
        let plan = drillsim::batch::BatchPlan {
            seed: 1,
            runs: 2000,
            sampling: drillsim::batch::Sampling::Independent,
            shard: None,
        };
        let opts = drillsim::batch::BatchOptions { threads: 1, resume: false };
        drillsim::batch::run_batch(&c, &plan, &dir, &opts, &|_| {}).unwrap();
        (tmp, dir)
    })
    .1
}

/// The batch report of 2,000 runs: summary, runs.csv a column at a time
/// (the rank correlations), the score histogram, the objectives' odds, the
/// probability map, both documents.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn tutorial_batch_report_2000_runs(bencher: divan::Bencher) {
    let dir = batch_dir();
    bencher.bench(|| drillsim_reports::batch::write_batch_report(dir, drillsim_reports::Lang::En).unwrap());
}
