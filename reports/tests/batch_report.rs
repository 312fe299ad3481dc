//! The batch report: written from a finished batch directory alone, the
//! same bytes every time, its tables quoting summary.json, in both
//! languages.

mod common;

use drillsim_reports::Lang;
use drillsim_reports::batch::{BatchData, write_batch_report};
use std::path::{Path, PathBuf};

/// A finished batch of the tutorial drill (10 runs; its convoy's departure
/// is uncertain) in `parent/batch`.
fn batch_dir(parent: &Path) -> PathBuf {
    batch_of(parent, 10)
}

fn batch_of(parent: &Path, runs: u64) -> PathBuf {
    common::tutorial_batch(parent, 5, runs)
}

#[test]
fn the_batch_report_quotes_its_summary_and_is_a_pure_function_of_the_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = batch_dir(tmp.path());
    let written = write_batch_report(&dir, Lang::En).unwrap();
    for f in &written.files {
        assert!(dir.join(f).is_file(), "{} listed, not written", f.display());
    }
    for stem in ["score_histogram", "objectives_met", "map_p_trapped"] {
        assert!(dir.join(format!("charts/{stem}.png")).is_file(), "no {stem} chart");
    }
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("<html lang=\"en\">") && html.contains("data:image/png;base64,"));

    // Each objective's row quotes summary.json's share and interval.
    let summary: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    let objectives = summary["objectives"].as_array().unwrap();
    assert!(!objectives.is_empty());
    for o in objectives {
        let p = &o["p_met"];
        let row = format!(
            "| `{}` | {} | {:.1} % | [{:.1}, {:.1}] % |",
            o["id"].as_str().unwrap(),
            "Logistics and supply chain",
            100.0 * p["p"].as_f64().unwrap(),
            100.0 * p["ci95"]["lo"].as_f64().unwrap(),
            100.0 * p["ci95"]["hi"].as_f64().unwrap()
        );
        assert!(md.contains(&row), "no row `{row}` in:\n{md}");
    }
    // Every sampled parameter that varied is ranked against the score.
    let data = BatchData::load(&dir).unwrap();
    let header = std::fs::read_to_string(dir.join("runs.csv")).unwrap();
    let params = header
        .lines()
        .next()
        .unwrap()
        .split(',')
        .filter(|h| h.starts_with("param."))
        .count();
    assert!(params >= 1);
    assert_eq!(data.outcomes, ["score", "objective.supplies_in.value"]);
    assert!(data.drivers.len() <= params);
    // A convoy that leaves later arrives later: the departure ranks with the
    // arrival objective almost perfectly, beyond chance; the score, met in
    // every run, has no ρ.
    let depart = data
        .drivers
        .iter()
        .find(|d| d.path == "convoys[0].depart")
        .expect("the departure is ranked");
    let (rho, n) = depart.rho[1].expect("the arrival varied");
    assert_eq!(n, 10);
    assert!(rho > 0.9, "ρ(departure, arrival) = {rho}");
    assert!(md.contains("Spearman") && md.contains(&format!("{rho:+.2} *")), "{md}");
    assert_eq!(data.scores.len(), 10);

    // The same directory gives the same bytes; Chinese is another report.
    write_batch_report(&dir, Lang::En).unwrap();
    assert_eq!(std::fs::read_to_string(dir.join("report.md")).unwrap(), md);
    assert_eq!(std::fs::read_to_string(dir.join("report.html")).unwrap(), html);
    write_batch_report(&dir, Lang::Zh).unwrap();
    let zh = std::fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(
        zh.contains("批量运行概况") && zh.contains("后勤保障") && zh.contains("达标比例"),
        "{zh}"
    );
    assert!(
        !zh.contains("Drill score") && !zh.contains("Outcomes"),
        "English left in the Chinese report"
    );
}

#[test]
fn a_directory_that_is_not_a_finished_batch_is_refused_with_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    let err = BatchData::load(tmp.path()).err().expect("an empty directory is no batch");
    assert!(err.to_string().contains(&tmp.path().display().to_string()), "{err}");
    // A batch whose summary is not written yet (interrupted) is no report's source either.
    let dir = batch_dir(tmp.path());
    std::fs::remove_file(dir.join("summary.json")).unwrap();
    assert!(matches!(
        BatchData::load(&dir),
        Err(drillsim_reports::ReportError::NotABatchDir { .. })
    ));
}

/// The comparison report quotes compare.json: each objective's shares under
/// both plans and the paired change, in both languages, the same bytes on
/// a second writing.
#[test]
fn the_comparison_report_quotes_the_paired_differences() {
    use drillsim_reports::batch::compare::{CompareData, write_compare_report};
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("../scenarios/tutorial.ron").unwrap();
    // Plan B sends the convoy twenty minutes later.
    let late = text.replace("depart: Uniform(\"1min\", \"2min\")", "depart: Uniform(\"21min\", \"22min\")");
    assert_ne!(late, text, "the tutorial's convoy departure moved");
    common::compare_dir(tmp.path(), ("tutorial.ron", "../scenarios"), &text, &late, 8);

    write_compare_report(tmp.path(), Lang::En).unwrap();
    let md = std::fs::read_to_string(tmp.path().join("report.md")).unwrap();
    assert!(tmp.path().join("charts/objectives_change.png").is_file());
    let data = CompareData::load(tmp.path()).unwrap();
    let o = &data.objectives[0];
    let change = format!("{:+.1}", 100.0 * o.diff).replace('-', "−");
    let row = format!("| `supplies_in` | {:.1} % | {:.1} % | {change}", 100.0 * o.a, 100.0 * o.b);
    assert!(md.contains(&row), "no `{row}` in:\n{md}");
    // Arriving twenty minutes later is a clear, paired difference of the
    // arrival time: the same draws, shifted.
    let arrival = data
        .columns
        .iter()
        .find(|c| c.name == "metric.convoy.supply_1.arrival_min")
        .unwrap();
    assert!(arrival.clear() && arrival.diff > 10.0, "{arrival:?}");
    let line = md
        .lines()
        .find(|l| l.contains("convoy `supply_1` arrived"))
        .expect("the arrival row");
    assert!(line.contains(" * |"), "the arrival's change is not marked clear: {line}");
    write_compare_report(tmp.path(), Lang::En).unwrap();
    assert_eq!(std::fs::read_to_string(tmp.path().join("report.md")).unwrap(), md);
    write_compare_report(tmp.path(), Lang::Zh).unwrap();
    let zh = std::fs::read_to_string(tmp.path().join("report.md")).unwrap();
    assert!(zh.contains("对比概况") && zh.contains("配对"), "{zh}");
}

/// A batch of one run has no interval nor spread: the report says what the
/// run scored and prints no undefined figure.
#[test]
fn a_batch_of_one_run_reports_no_undefined_figure() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = batch_of(tmp.path(), 1);
    write_batch_report(&dir, Lang::En).unwrap();
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(md.contains("The one run scored"), "{md}");
    assert!(!md.contains("n/a") && !md.contains("NaN"), "{md}");
}
