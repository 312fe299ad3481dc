//! `drillsim batch` as an analyst meets it: killed with SIGKILL and resumed,
//! wrong arguments, compare on common random numbers.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

mod common;
use common::drillsim;

fn fixture() -> String {
    format!("{}/../sim/tests/fixtures/small_flood.ron", env!("CARGO_MANIFEST_DIR"))
}

fn rows(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .map(|s| s.lines().count().saturating_sub(1))
        .unwrap_or(0)
}

#[test]
fn sigkill_then_resume_matches_an_uninterrupted_batch() {
    let dir = tempfile::tempdir().unwrap();
    let runs = "800";
    let mut child = drillsim()
        .current_dir(dir.path())
        .args(["batch", &fixture(), "--runs", runs, "--threads", "1", "--out", "killed", "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let partial = dir.path().join("killed/runs.csv.partial");
    let deadline = Instant::now() + Duration::from_secs(120);
    while rows(&partial) < 20 {
        assert!(Instant::now() < deadline, "the batch never got going");
        assert!(child.try_wait().unwrap().is_none(), "the batch finished before it could be killed");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let before = rows(&partial);
    assert!(
        !dir.path().join("killed/runs.csv").exists(),
        "runs.csv must only appear when the batch is complete"
    );
    let resumed = drillsim()
        .current_dir(dir.path())
        .args(["batch", &fixture(), "--runs", runs, "--threads", "2", "--out", "killed", "--resume"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&resumed.stderr);
    assert!(resumed.status.success(), "{stderr}");
    assert!(stderr.contains("were already done"), "{stderr}");
    let whole = drillsim()
        .current_dir(dir.path())
        .args(["batch", &fixture(), "--runs", runs, "--threads", "2", "--out", "whole", "--quiet"])
        .output()
        .unwrap();
    assert!(whole.status.success());
    for f in [
        "runs.csv",
        "summary.json",
        "batch.json",
        "rasters/p_flooded.asc",
        "rasters/p_trapped.asc",
    ] {
        let (a, b) = (
            std::fs::read(dir.path().join("killed").join(f)).unwrap(),
            std::fs::read(dir.path().join("whole").join(f)).unwrap(),
        );
        assert!(a == b, "{f} differs after resume (killed at {before} rows)");
    }
}

#[test]
fn bad_batch_arguments_exit_2_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    for (args, want) in [
        (vec!["--runs", "5", "--shard", "0/2"], "shard index"),
        (vec!["--runs", "5", "--shard", "2"], "K/N"),
        (vec!["--runs", "0"], "--runs must be"),
        (vec!["--runs", "5", "--threads", "0"], "--threads"),
        (vec!["--runs", "2", "--shard", "1/3"], "shards more than"),
    ] {
        let out = drillsim()
            .current_dir(dir.path())
            .arg("batch")
            .arg(fixture())
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(want), "{args:?}: {stderr}");
    }
    let out = drillsim()
        .current_dir(dir.path())
        .args(["batch", "missing.ron", "--runs", "3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // A finished batch is not overwritten.
    let ok = drillsim()
        .current_dir(dir.path())
        .args(["batch", &fixture(), "--runs", "3", "--out", "b", "-q"])
        .output()
        .unwrap();
    assert!(ok.status.success());
    let again = drillsim()
        .current_dir(dir.path())
        .args(["batch", &fixture(), "--runs", "3", "--out", "b"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--resume"));
}

#[test]
fn compare_pairs_two_plans_on_the_same_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let plans = format!("{}/../scenarios", env!("CARGO_MANIFEST_DIR"));
    let a = format!("{plans}/tutorial.ron");
    let out = drillsim()
        .current_dir(dir.path())
        .args(["compare", &a, &a, "--runs", "12", "--out", "cmp", "--quiet"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let cmp: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("cmp/compare.json")).unwrap()).unwrap();
    // A plan against itself: every paired difference is exactly zero.
    let cols = cmp["columns"].as_array().unwrap();
    assert!(!cols.is_empty());
    for c in cols.iter().filter(|c| c["n"].as_u64().unwrap() > 0) {
        assert_eq!(c["mean_difference"].as_f64(), Some(0.0), "{c}");
    }
    assert_eq!(
        std::fs::read(dir.path().join("cmp/a/runs.csv")).unwrap(),
        std::fs::read(dir.path().join("cmp/b/runs.csv")).unwrap()
    );
}

/// Writes `tutorial.ron` with `edits` (old → new text) into `dir` as `name`.
fn tutorial_with(dir: &Path, name: &str, edits: &[(&str, &str)]) -> String {
    let source = format!("{}/../scenarios/tutorial.ron", env!("CARGO_MANIFEST_DIR"));
    let mut text = std::fs::read_to_string(source).unwrap();
    for (old, new) in edits {
        assert!(text.contains(old), "the tutorial no longer says {old}");
        text = text.replacen(old, new, 1);
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn compare_says_what_plan_b_changes_and_warns_when_the_drill_changed_too() {
    let dir = tempfile::tempdir().unwrap();
    let a = tutorial_with(dir.path(), "a.ron", &[]);
    let order = r#"(id: "reroute_supplies", at: "5min", do: CloseRoad("mill_st_bridge")),"#;
    let plan_only = tutorial_with(
        dir.path(),
        "b.ron",
        &[
            (order, r#"(id: "reroute_supplies", at: "10min", do: CloseRoad("mill_st_bridge")),"#),
            (r#"capacity: 400,"#, r#"capacity: 600,"#),
        ],
    );
    let compare = |b: &str, out: &str| {
        let o = drillsim()
            .current_dir(dir.path())
            .args(["compare", &a, b, "--runs", "2", "--out", out, "--quiet"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let report = std::fs::read_to_string(dir.path().join(out).join("report.md")).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join(out).join("compare.json")).unwrap()).unwrap();
        (
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
            report,
            json,
        )
    };

    let (stdout, stderr, report, json) = compare(&plan_only, "plan");
    assert!(
        stdout.contains(
            "What B changes in the plan:\n  plan.orders: changes reroute_supplies (at)\n  shelters: changes school_shelter (capacity)\n"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("drill itself") && !stderr.contains("warning"), "{stdout}{stderr}");
    assert!(report.contains("| `plan.orders` | changes `reroute_supplies` (at) |"), "{report}");
    assert!(!report.contains("Warning"), "{report}");
    let sections: Vec<&str> = json["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["section"].as_str().unwrap())
        .collect();
    assert_eq!(sections, ["plan.orders", "shelters"]);

    // The drill itself changed too: more residents.
    let other_drill = tutorial_with(
        dir.path(),
        "c.ron",
        &[
            (r#"residents: 120,"#, r#"residents: 240,"#),
            (order, r#"(id: "reroute_supplies", at: "10min", do: CloseRoad("mill_st_bridge")),"#),
        ],
    );
    let (stdout, stderr, report, _) = compare(&other_drill, "drill");
    assert!(
        stdout.contains("Where B's drill itself differs from A's:\n  population: changes old_town (residents)\n"),
        "{stdout}"
    );
    assert!(
        stderr.contains("warning: B also changes the drill itself (population): each difference below"),
        "{stderr}"
    );
    assert!(
        report.contains("> **Warning:** B also changes the drill itself (`population`)"),
        "{report}"
    );
}
