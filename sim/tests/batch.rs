//! Batches: results independent of thread count, shards that merge into the
//! unsharded batch byte for byte, resume after a torn write, Latin hypercube
//! strata, and the errors a wrong directory gets.

use drillsim::CompiledScenario;
use drillsim::batch::{self, BatchError, BatchOptions, BatchPlan, Sampling, Shard};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> CompiledScenario {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name);
    CompiledScenario::load(&p).unwrap_or_else(|d| panic!("{d:?}"))
}

fn small_flood() -> CompiledScenario {
    fixture("tests/fixtures/small_flood.ron")
}

fn plan(runs: u64, sampling: Sampling, shard: Option<Shard>) -> BatchPlan {
    BatchPlan {
        seed: 11,
        runs,
        sampling,
        shard,
    }
}

fn run(c: &CompiledScenario, p: &BatchPlan, dir: &Path, threads: usize, resume: bool) -> Result<batch::BatchOutcome, BatchError> {
    batch::run_batch(c, p, dir, &BatchOptions { threads, resume }, &|_| {})
}

/// Every file of a batch directory (relative path → bytes), hidden state included.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.strip_prefix(dir).unwrap().display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn assert_same_dirs(a: &Path, b: &Path) {
    let (sa, sb) = (snapshot(a), snapshot(b));
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&sa), names(&sb));
    for ((name, x), (_, y)) in sa.iter().zip(&sb) {
        assert!(x == y, "{name} differs");
    }
}

#[test]
fn thread_count_does_not_change_a_byte() {
    let c = small_flood();
    let tmp = tempfile::tempdir().unwrap();
    let p = plan(24, Sampling::Independent, None);
    run(&c, &p, &tmp.path().join("t1"), 1, false).unwrap();
    run(&c, &p, &tmp.path().join("t2"), 2, false).unwrap();
    run(&c, &p, &tmp.path().join("t3"), 3, false).unwrap();
    assert_same_dirs(&tmp.path().join("t1"), &tmp.path().join("t2"));
    assert_same_dirs(&tmp.path().join("t1"), &tmp.path().join("t3"));
    let csv = std::fs::read_to_string(tmp.path().join("t1/runs.csv")).unwrap();
    let reps: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(reps, (0..24).map(|r| r.to_string()).collect::<Vec<_>>());
    // Replications differ: the rows are not one run copied.
    let distinct: std::collections::BTreeSet<&str> = csv.lines().skip(1).map(|l| l.split_once(',').unwrap().1).collect();
    assert!(distinct.len() > 12, "only {} distinct rows", distinct.len());
    for r in ["p_depth_gt_0_5m", "p_flooded", "p_trapped"] {
        let text = std::fs::read_to_string(tmp.path().join(format!("t1/rasters/{r}.asc"))).unwrap();
        let values: Vec<f64> = text
            .lines()
            .skip(6)
            .flat_map(|l| l.split(' ').map(|v| v.parse::<f64>().unwrap()))
            .collect();
        assert!(values.iter().all(|v| (0.0..=1.0).contains(v)), "{r}");
        assert!(values.iter().any(|v| *v > 0.0), "{r} is empty");
    }
}

#[test]
fn the_three_hazard_chain_is_the_same_on_any_thread_count() {
    // Flood, chlorine release and grass fire in one world: the bundled chain drill.
    let c = fixture("../scenarios/chemical_park_flood.ron");
    let tmp = tempfile::tempdir().unwrap();
    let p = plan(4, Sampling::Independent, None);
    run(&c, &p, &tmp.path().join("t1"), 1, false).unwrap();
    run(&c, &p, &tmp.path().join("t2"), 2, false).unwrap();
    assert_same_dirs(&tmp.path().join("t1"), &tmp.path().join("t2"));
    let text = std::fs::read_to_string(tmp.path().join("t1/rasters/p_aegl2.asc")).unwrap();
    let values: Vec<f64> = text
        .lines()
        .skip(6)
        .flat_map(|l| l.split(' ').map(|v| v.parse::<f64>().unwrap()))
        .collect();
    assert!(values.iter().any(|v| *v > 0.0), "no cell ever exceeded AEGL-2");
    assert!(values.iter().all(|v| (0.0..=1.0).contains(v)));
}

#[test]
fn shards_merge_into_the_unsharded_batch() {
    let c = small_flood();
    let tmp = tempfile::tempdir().unwrap();
    for sampling in [Sampling::Independent, Sampling::Lhs] {
        let base = tmp.path().join(format!("{sampling:?}"));
        run(&c, &plan(17, sampling, None), &base.join("whole"), 2, false).unwrap();
        let mut dirs = Vec::new();
        for k in [3, 1, 2] {
            let d = base.join(format!("shard{k}"));
            run(&c, &plan(17, sampling, Some(Shard { index: k, count: 3 })), &d, 1, false).unwrap();
            dirs.push(d);
        }
        batch::merge(&dirs, &base.join("merged")).unwrap();
        assert_same_dirs(&base.join("whole"), &base.join("merged"));
        // A shard missing, or given twice, is refused.
        let err = batch::merge(&dirs[..2], &base.join("m2")).unwrap_err();
        assert!(err.to_string().contains("exactly once"), "{err}");
        let twice = [dirs[0].clone(), dirs[0].clone(), dirs[1].clone()];
        assert!(batch::merge(&twice, &base.join("m3")).is_err());
    }
}

#[test]
fn resume_after_a_torn_write_loses_and_repeats_nothing() {
    let c = small_flood();
    let tmp = tempfile::tempdir().unwrap();
    let p = plan(20, Sampling::Independent, None);
    let whole = tmp.path().join("whole");
    run(&c, &p, &whole, 2, false).unwrap();
    // Fake a kill: the first 7 rows and half of the 8th on disk, an older raster checkpoint.
    let cut = tmp.path().join("cut");
    run(&c, &p, &cut, 1, false).unwrap();
    let csv = std::fs::read_to_string(cut.join("runs.csv")).unwrap();
    let keep: usize = csv.lines().take(8).map(|l| l.len() + 1).sum::<usize>() + 15;
    std::fs::write(cut.join("runs.csv.partial"), &csv.as_bytes()[..keep]).unwrap();
    for f in ["runs.csv", "summary.json", "rasters/p_flooded.asc"] {
        std::fs::remove_file(cut.join(f)).unwrap();
    }
    // A checkpoint of the first 3 rows only.
    let tiny = tmp.path().join("tiny");
    run(&c, &plan(3, Sampling::Independent, None), &tiny, 1, false).unwrap();
    std::fs::copy(
        tiny.join(".batch-state/raster-counts.bin"),
        cut.join(".batch-state/raster-counts.bin"),
    )
    .unwrap();
    let out = run(&c, &p, &cut, 2, true).unwrap();
    assert_eq!(out.resumed_from, 7);
    assert_same_dirs(&whole, &cut);
    // Resuming a finished batch changes nothing.
    run(&c, &p, &cut, 2, true).unwrap();
    assert_same_dirs(&whole, &cut);
}

#[test]
fn wrong_directories_get_clear_errors() {
    let c = small_flood();
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("b");
    run(&c, &plan(3, Sampling::Independent, None), &d, 1, false).unwrap();
    let again = run(&c, &plan(3, Sampling::Independent, None), &d, 1, false).unwrap_err();
    assert!(
        matches!(again, BatchError::Exists { .. }) && again.hint().unwrap().en.contains("--resume"),
        "{again}"
    );
    let other_seed = BatchPlan {
        seed: 12,
        ..plan(3, Sampling::Independent, None)
    };
    let mismatch = run(&c, &other_seed, &d, 1, true).unwrap_err();
    assert!(mismatch.to_string().contains("seed 11 there, 12 asked"), "{mismatch}");
    let nothing = run(&c, &plan(3, Sampling::Independent, None), &tmp.path().join("none"), 1, true).unwrap_err();
    assert!(matches!(nothing, BatchError::NothingToResume(_)));
    let too_many = run(
        &c,
        &plan(2, Sampling::Independent, Some(Shard { index: 1, count: 3 })),
        &tmp.path().join("s"),
        1,
        false,
    )
    .unwrap_err();
    assert!(too_many.is_usage(), "{too_many}");
}

#[test]
fn latin_hypercube_stratifies_each_parameter() {
    let c = fixture("../scenarios/tutorial.ron");
    assert_eq!(c.uncertain, ["convoys[0].depart"]);
    let tmp = tempfile::tempdir().unwrap();
    let n = 40;
    run(&c, &plan(n, Sampling::Lhs, None), &tmp.path().join("lhs"), 2, false).unwrap();
    let csv = std::fs::read_to_string(tmp.path().join("lhs/runs.csv")).unwrap();
    let col = csv
        .lines()
        .next()
        .unwrap()
        .split(',')
        .position(|h| h == "param.convoys[0].depart")
        .unwrap();
    // depart ~ Uniform(60 s, 120 s): stratum k of n holds 60 + 60·[k/n, (k+1)/n).
    let strata_of = |dir: &str| -> Vec<u64> {
        let csv = std::fs::read_to_string(tmp.path().join(dir).join("runs.csv")).unwrap();
        let mut s: Vec<u64> = csv
            .lines()
            .skip(1)
            .map(|l| ((l.split(',').nth(col).unwrap().parse::<f64>().unwrap() - 60.0) / 60.0 * n as f64) as u64)
            .collect();
        s.sort();
        s
    };
    assert_eq!(strata_of("lhs"), (0..n).collect::<Vec<_>>());
    // Independent sampling does not (with 40 runs, a repeat is all but certain).
    run(&c, &plan(n, Sampling::Independent, None), &tmp.path().join("ind"), 2, false).unwrap();
    let mut ind = strata_of("ind");
    ind.dedup();
    assert!(ind.len() < n as usize);
}

#[test]
fn common_random_numbers_narrow_the_comparison() {
    let a = small_flood();
    let text = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small_flood.ron")).unwrap();
    assert!(text.contains("compliance: 0.5"));
    let b_text = text.replace("compliance: 0.5", "compliance: 0.7");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let b = CompiledScenario::from_source(&b_text, &dir.join("small_flood_b.ron"), &dir).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let p = plan(40, Sampling::Independent, None);
    run(&a, &p, &tmp.path().join("a"), 2, false).unwrap();
    run(&b, &p, &tmp.path().join("b"), 2, false).unwrap();
    let cmp = batch::compare::compare(&tmp.path().join("a"), &tmp.path().join("b")).unwrap();
    let sheltered = cmp.columns.iter().find(|c| c.column == "metric.people.sheltered").unwrap();
    // More compliance shelters more people, and pairing shows it with a narrower interval.
    assert!(sheltered.ci95.lo > 0.0, "{sheltered:?}");
    assert!(sheltered.variance_reduction > 0.2, "{sheltered:?}");
    assert!(sheltered.ci95.hi - sheltered.mean_difference < sheltered.independent_half_width);
    assert_eq!(cmp.objectives.len(), 1);
    // Different seeds are refused: the pairing would be meaningless.
    let other = BatchPlan { seed: 99, ..p };
    run(&b, &other, &tmp.path().join("c"), 2, false).unwrap();
    assert!(batch::compare::compare(&tmp.path().join("a"), &tmp.path().join("c")).is_err());
}
