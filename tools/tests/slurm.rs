//! tools/slurm on a real Slurm: a job array over shards and a dependent
//! merge job, whose result must equal an unsharded batch byte for byte.
//!
//! Needs a running cluster (`SLURM_CONF` pointing at it): `.ci/run` starts a
//! one-node cluster on 127.0.0.1 with `.ci/slurm-up` and sets
//! `DRILLSIM_REQUIRE_SLURM=1`, so there the test cannot be skipped. Without
//! that variable and without a cluster it says so and passes.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn cluster_up() -> bool {
    Command::new("sinfo").args(["-h", "-o", "%T"]).output().is_ok_and(|o| {
        o.status.success()
            && String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| ["idle", "mixed", "allocated"].contains(&l.trim()))
    })
}

#[test]
fn sharded_slurm_batch_merges_into_the_unsharded_result() {
    if !cluster_up() {
        assert!(
            std::env::var_os("DRILLSIM_REQUIRE_SLURM").is_none(),
            "DRILLSIM_REQUIRE_SLURM is set but no Slurm cluster answers (start one with `eval \"$(.ci/slurm-up)\"`)"
        );
        eprintln!("skipped: no Slurm cluster (sinfo); .ci/run starts one");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let scenario = root().join("sim/tests/fixtures/small_flood.ron");
    let out = dir.path().join("slurm");
    let submit = Command::new(root().join("tools/slurm/submit"))
        .env("DRILLSIM", env!("CARGO_BIN_EXE_drillsim"))
        .args([scenario.to_str().unwrap(), "30", "3", out.to_str().unwrap(), "5"])
        .output()
        .unwrap();
    assert!(submit.status.success(), "{}", String::from_utf8_lossy(&submit.stderr));
    let ids = String::from_utf8_lossy(&submit.stdout).to_string();
    let merged = out.join("merged");
    let deadline = Instant::now() + Duration::from_secs(300);
    // The merge job writes the batch report last.
    while !merged.join("report.html").exists() {
        if Instant::now() > deadline {
            let logs: Vec<String> = std::fs::read_dir(&out)
                .unwrap()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().starts_with("slurm-"))
                .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
                .collect();
            panic!("jobs {ids} did not finish in 5 minutes; job output:\n{}", logs.join("\n"));
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    let whole = dir.path().join("whole");
    let local = Command::new(env!("CARGO_BIN_EXE_drillsim"))
        .args([
            "batch",
            scenario.to_str().unwrap(),
            "--runs",
            "30",
            "--seed",
            "5",
            "--quiet",
            "--out",
        ])
        .arg(&whole)
        .output()
        .unwrap();
    assert!(local.status.success(), "{}", String::from_utf8_lossy(&local.stderr));
    for f in [
        "runs.csv",
        "summary.json",
        "batch.json",
        "scenario.ron",
        "rasters/p_depth_gt_0_5m.asc",
        "rasters/p_flooded.asc",
        "rasters/p_trapped.asc",
        ".batch-state/raster-counts.bin",
        "report.md",
        "report.html",
    ] {
        let (a, b) = (std::fs::read(merged.join(f)).unwrap(), std::fs::read(whole.join(f)).unwrap());
        assert!(a == b, "{f}: the Slurm-merged batch differs from the unsharded one");
    }
    let shards = (1..=3).filter(|k| out.join(format!("shard-{k}/runs.csv")).is_file()).count();
    assert_eq!(shards, 3, "each array task writes its shard");
}
