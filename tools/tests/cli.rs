//! The `drillsim` binary as a user meets it: exit codes, messages, files.

use std::path::Path;

mod common;
use common::drillsim;

fn scenario(name: &str) -> String {
    format!("{}/../scenarios/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn run_without_file_runs_the_bundled_drill() {
    let dir = tempfile::tempdir().unwrap();
    let out = drillsim().current_dir(dir.path()).args(["run", "--out", "r"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bundled drill"));
    for f in [
        "events.jsonl",
        "timeseries.csv",
        "summary.json",
        "scenario.ron",
        "scenario.sha256",
        "scorecard.json",
        "report.html",
        "report.md",
        "charts/people.png",
        "charts/people.svg",
    ] {
        assert!(dir.path().join("r").join(f).is_file(), "{f} missing");
    }
    let summary: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("r/summary.json")).unwrap()).unwrap();
    assert_eq!(summary["seed"], 2024);
    assert_eq!(summary["scenario_sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn run_twice_same_seed_writes_identical_files() {
    let dir = tempfile::tempdir().unwrap();
    for o in ["a", "b"] {
        let st = drillsim()
            .current_dir(dir.path())
            .args(["run", &scenario("tutorial.ron"), "--seed", "3", "--out", o])
            .status()
            .unwrap();
        assert!(st.success());
    }
    for f in [
        "events.jsonl",
        "timeseries.csv",
        "scorecard.json",
        "report.md",
        "report.html",
        "charts/people.svg",
    ] {
        let a = std::fs::read(dir.path().join("a").join(f)).unwrap();
        let b = std::fs::read(dir.path().join("b").join(f)).unwrap();
        assert_eq!(a, b, "{f} differs");
    }
}

#[test]
fn validate_reports_location_and_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = std::fs::read_to_string(scenario("tutorial.ron"))
        .unwrap()
        .replace("place: \"school\"", "place: \"shcool\"");
    let f = dir.path().join("bad.ron");
    std::fs::write(&f, bad).unwrap();
    let out = drillsim().args(["validate", f.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown place `shcool`"), "{err}");
    assert!(err.contains("did you mean `school`?"), "{err}");
    let json = drillsim()
        .args(["validate", "--format", "json", f.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(json.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let e = &v[0]["errors"][0];
    assert_eq!(e["code"], "unknown-id");
    assert!(e["line"].as_u64().unwrap() > 1 && e["column"].as_u64().unwrap() > 1);
    // An invalid scenario writes nothing.
    let run = drillsim()
        .current_dir(dir.path())
        .args(["run", f.to_str().unwrap(), "--out", "x"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(!dir.path().join("x").exists());
}

/// A trainer writing Chinese gets one column for one place: the message's
/// and the excerpt header's both count characters, not UTF-8 bytes.
#[test]
fn validate_counts_columns_in_characters_on_a_chinese_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(scenario("tutorial.ron")).unwrap();
    let (line_no, line) = text.lines().enumerate().find(|(_, l)| l.trim_start().starts_with("name:")).unwrap();
    let chinese = "    name: \"县城物资转运演练\", colour: 1,";
    let f = dir.path().join("zh.ron");
    std::fs::write(&f, text.replacen(line, chinese, 1)).unwrap();
    let out = drillsim().args(["validate", f.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let column = chinese[..chinese.find("colour").unwrap()].chars().count() + 1;
    let place = format!("{}:{}:{column}", f.display(), line_no + 1);
    assert!(err.contains(&format!("{place}: unknown field `colour`")), "{err}");
    assert!(err.contains(&format!("[{place}]")), "the header shows another column:\n{err}");
}

#[test]
fn bad_arguments_exit_2() {
    let out = drillsim().args(["run", "--seed", "abc"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = drillsim().args(["frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = drillsim().args(["validate", "/no/such/file.ron"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

#[test]
fn new_writes_a_valid_starter() {
    let dir = tempfile::tempdir().unwrap();
    let st = drillsim().current_dir(dir.path()).args(["new", "河畔演练"]).status().unwrap();
    assert!(st.success());
    let f = dir.path().join("河畔演练.ron");
    assert!(Path::new(&f).is_file());
    let out = drillsim().args(["validate", f.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // Refuses to overwrite.
    let again = drillsim().current_dir(dir.path()).args(["new", "河畔演练"]).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
}

/// Every starter, in each language, validates and runs as written, and does
/// what the drill is about: the bus arrives; boats rescue people the flood
/// traps; the fire burns; the cloud reaches the town; the plan acts and the
/// scorecard has something to judge. The Chinese starter's comments are in
/// Chinese.
#[test]
fn every_starter_runs_and_its_hazard_matters() {
    let dir = tempfile::tempdir().unwrap();
    // (hazard, a metric the hazard must move above zero)
    let cases = [
        ("none", "convoy.bus_1.arrival_min"),
        ("flood", "people.rescued"),
        ("fire", "fire.area_burnt_km2"),
        ("release", "release.people_aegl2"),
    ];
    for (hazard, moved) in cases {
        for lang in ["en", "zh"] {
            let name = format!("{hazard}_{lang}");
            let made = drillsim()
                .current_dir(dir.path())
                .args(["new", &name, "--hazard", hazard, "--lang", lang])
                .output()
                .unwrap();
            assert!(made.status.success(), "{name}: {}", String::from_utf8_lossy(&made.stderr));
            let text = std::fs::read_to_string(dir.path().join(format!("{name}.ron"))).unwrap();
            let comments: Vec<&str> = text.lines().filter_map(|l| l.split_once("// ").map(|(_, c)| c)).collect();
            assert!(comments.len() >= 3, "{name}: a starter explains itself");
            let chinese = comments
                .iter()
                .filter(|c| c.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)))
                .count();
            match lang {
                "zh" => assert_eq!(
                    chinese,
                    comments.len(),
                    "{name}: an English comment in the Chinese starter:\n{text}"
                ),
                _ => assert!(chinese <= 1, "{name}: Chinese comments in the English starter:\n{text}"),
            }
            // Ids are the trainer's own names: Chinese in the Chinese starter.
            for id in text.split("id: \"").skip(1).filter_map(|t| t.split('"').next()) {
                let cjk = id.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch));
                assert_eq!(cjk, lang == "zh", "{name}: id `{id}`");
            }
            let run = drillsim()
                .current_dir(dir.path())
                .args(["run", &format!("{name}.ron"), "--no-report", "--format", "json", "--out", &name])
                .output()
                .unwrap();
            assert!(run.status.success(), "{name}: {}", String::from_utf8_lossy(&run.stderr));
            let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
            // The Chinese starter names its convoy in Chinese, as every id.
            let moved = if lang == "zh" {
                moved.replace("bus_1", "大巴1")
            } else {
                moved.to_string()
            };
            let value = json["metrics"][&moved].as_f64().unwrap_or(f64::NAN);
            assert!(value > 0.0, "{name}: {moved} = {value}: the drill's hazard does nothing");
            let fired = std::fs::read_to_string(dir.path().join(&name).join("events.jsonl")).unwrap();
            assert!(hazard == "none" || fired.contains("\"rule_fired\""), "{name}: no plan rule fired");
            assert!(
                json["scorecard"]["score"].as_f64().is_some_and(|s| s.is_finite()),
                "{name}: no score"
            );
        }
    }
    let bad = drillsim()
        .current_dir(dir.path())
        .args(["new", "x", "--hazard", "quake"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn no_report_skips_the_report_and_report_regenerates_it() {
    let dir = tempfile::tempdir().unwrap();
    let st = drillsim()
        .current_dir(dir.path())
        .args(["run", &scenario("tutorial.ron"), "--no-report", "--out", "r"])
        .status()
        .unwrap();
    assert!(st.success());
    let run = dir.path().join("r");
    assert!(run.join("summary.json").is_file());
    assert!(
        !run.join("report.html").exists() && !run.join("charts").exists(),
        "--no-report wrote a report"
    );

    let out = drillsim().current_dir(dir.path()).args(["report", "r"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("report.html"));
    for f in ["report.html", "report.md", "charts/scorecard.png", "charts/msel.svg"] {
        assert!(run.join(f).is_file(), "{f} missing after `drillsim report`");
    }
    // Again in Chinese: the report and what the command says.
    let zh = drillsim()
        .current_dir(dir.path())
        .args(["report", "r", "--lang", "zh"])
        .output()
        .unwrap();
    assert!(zh.status.success(), "{}", String::from_utf8_lossy(&zh.stderr));
    let said = String::from_utf8_lossy(&zh.stdout);
    assert!(said.contains("已写入演练评估报告") && !said.contains("Wrote"), "{said}");
    assert!(std::fs::read_to_string(run.join("report.md")).unwrap().contains("演练概况"));
}

/// `batch --lang zh` speaks Chinese in the terminal too: the headlines in
/// words and units, the objectives' odds, where the report is.
#[test]
fn batch_in_chinese_prints_its_summary_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let out = drillsim()
        .args([
            "batch",
            &scenario("tutorial.ron"),
            "--runs",
            "4",
            "--quiet",
            "--lang",
            "zh",
            "--out",
        ])
        .arg(dir.path().join("b"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shown = String::from_utf8_lossy(&out.stdout);
    for words in ["演练得分", "均值 [95 % 区间]", "达标概率", "supplies_in", "已写入批量运行评估报告"] {
        assert!(shown.contains(words), "no `{words}` in:\n{shown}");
    }
    assert!(!shown.contains("metric.") && !shown.contains("P(met)"), "English keys in:\n{shown}");
    assert!(!shown.contains("Wrote"), "English in:\n{shown}");
    let told = String::from_utf8_lossy(&out.stderr);
    assert!(told.contains("次重复运行") && !told.contains("replications"), "{told}");
    let md = std::fs::read_to_string(dir.path().join("b/report.md")).unwrap();
    assert!(md.contains("批量运行概况"), "the report is not in Chinese");
}

/// In English too, the batch and comparison summaries name outcomes in
/// words and units, not by their keys; an objective's change stays within
/// ±100 points however few the runs.
#[test]
fn batch_and_compare_print_words_not_keys() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario("chemical_park_flood.ron");
    let weak = scenario("chemical_park_flood_weak_plan.ron");
    let batch = drillsim()
        .args(["batch", &s, "--runs", "2", "--quiet", "--out"])
        .arg(dir.path().join("b"))
        .output()
        .unwrap();
    assert!(batch.status.success(), "{}", String::from_utf8_lossy(&batch.stderr));
    let shown = String::from_utf8_lossy(&batch.stdout);
    for words in ["drill score", "deaths", "people", "chance met", "no_deaths"] {
        assert!(shown.contains(words), "no `{words}` in:\n{shown}");
    }
    assert!(!shown.contains("metric.") && !shown.contains("P(met)"), "keys in:\n{shown}");
    let compare = drillsim()
        .args(["compare", &s, &weak, "--runs", "2", "--quiet", "--out"])
        .arg(dir.path().join("c"))
        .output()
        .unwrap();
    assert!(compare.status.success(), "{}", String::from_utf8_lossy(&compare.stderr));
    let shown = String::from_utf8_lossy(&compare.stdout);
    for words in ["paired replications", "A met", "still trapped at the end", "narrowed by pairing"] {
        assert!(shown.contains(words), "no `{words}` in:\n{shown}");
    }
    assert!(!shown.contains("metric.") && !shown.contains("NaN"), "{shown}");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("c/compare.json")).unwrap()).unwrap();
    for o in json["objectives"].as_array().unwrap() {
        let (lo, hi) = (o["ci95"]["lo"].as_f64().unwrap(), o["ci95"]["hi"].as_f64().unwrap());
        assert!((-1.0..=1.0).contains(&lo) && (-1.0..=1.0).contains(&hi) && lo <= hi, "{o}");
    }
}

/// `compare --lang zh` too, and no undefined figure shows as NaN.
#[test]
fn compare_in_chinese_prints_its_comparison_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario("tutorial.ron");
    let out = drillsim()
        .args(["compare", &s, &s, "--runs", "3", "--quiet", "--lang", "zh", "--out"])
        .arg(dir.path().join("c"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shown = String::from_utf8_lossy(&out.stdout);
    for words in ["配对运行", "A 达标概率", "演练得分", "已写入方案对比报告"] {
        assert!(shown.contains(words), "no `{words}` in:\n{shown}");
    }
    assert!(!shown.contains("NaN") && !shown.contains("P(met)"), "{shown}");
    let told = String::from_utf8_lossy(&out.stderr);
    assert!(told.contains("方案 A：") && !told.contains("plan A"), "{told}");
    let md = std::fs::read_to_string(dir.path().join("c/report.md")).unwrap();
    assert!(md.contains("对比概况"), "the comparison report is not in Chinese");
}

/// A batch interrupted before its summary has no report yet: exit 2, a hint
/// to finish it, nothing written.
#[test]
fn report_on_an_unfinished_batch_exits_2_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("b");
    let out = drillsim()
        .args(["batch", &scenario("tutorial.ron"), "--runs", "3", "--quiet", "--out"])
        .arg(&batch)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for f in ["summary.json", "report.html", "report.md"] {
        std::fs::remove_file(batch.join(f)).unwrap();
    }
    let out = drillsim().arg("report").arg(&batch).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a finished batch directory") && err.contains("--resume"), "{err}");
    assert!(!batch.join("report.html").exists(), "a report of an unfinished batch");
}

#[test]
fn report_on_a_directory_that_is_not_a_run_exits_2_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let out = drillsim().args(["report", dir.path().to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a run directory") && err.contains("hint"), "{err}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "wrote into {}",
        dir.path().display()
    );
    let missing = drillsim().args(["report", "no/such/dir"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2), "{}", String::from_utf8_lossy(&missing.stderr));
}

/// `--out` never destroys a user's files: a folder holding anything drillsim
/// did not write is refused (exit 2, said once, with a hint), `--force`
/// replaces it, and a previous run directory is replaced whole.
#[test]
fn out_into_a_folder_of_other_files_is_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("summary.json"), "my notes").unwrap();
    std::fs::write(mine.join("minutes.docx"), "the meeting").unwrap();
    let tutorial = scenario("tutorial.ron");
    for args in [
        vec!["run", &tutorial, "--no-report", "--out", "mine"],
        vec!["batch", &tutorial, "--runs", "2", "--out", "mine", "-q"],
        vec!["compare", &tutorial, &tutorial, "--runs", "2", "--out", "mine", "-q"],
    ] {
        let out = drillsim().current_dir(dir.path()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("minutes.docx") && err.contains("--force"), "{args:?}: {err}");
        assert_eq!(err.matches("error:").count(), 1, "{args:?}: said more than once: {err}");
        assert_eq!(std::fs::read_to_string(mine.join("summary.json")).unwrap(), "my notes");
    }
    let forced = drillsim()
        .current_dir(dir.path())
        .args(["run", &tutorial, "--no-report", "--out", "mine", "--force"])
        .output()
        .unwrap();
    assert!(forced.status.success(), "{}", String::from_utf8_lossy(&forced.stderr));
    assert!(!mine.join("minutes.docx").exists(), "--force replaces the directory whole");
    assert!(mine.join("events.jsonl").is_file());
    // A previous run directory is replaced without --force, and nothing is left beside it.
    let again = drillsim()
        .current_dir(dir.path())
        .args(["run", &tutorial, "--no-report", "--out", "mine", "--seed", "5"])
        .output()
        .unwrap();
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    let summary: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(mine.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["seed"], 5);
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["mine"], "staging or replaced directories left behind");
    // A batch over another batch needs --resume or --force.
    let batch = |extra: &[&str]| {
        let mut args = vec!["batch", tutorial.as_str(), "--runs", "2", "--out", "b", "-q"];
        args.extend(extra);
        drillsim().current_dir(dir.path()).args(&args).output().unwrap()
    };
    assert!(batch(&[]).status.success());
    let twice = batch(&[]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&twice.stderr).contains("--force"));
    assert!(batch(&["--force"]).status.success());
    assert!(dir.path().join("b/runs.csv").is_file());
}

#[test]
fn out_naming_a_file_exits_2_with_one_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("afile"), "x").unwrap();
    let out = drillsim()
        .current_dir(dir.path())
        .args(["run", &scenario("tutorial.ron"), "--out", "afile"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is a file, not a directory"), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert_eq!(std::fs::read_to_string(dir.path().join("afile")).unwrap(), "x");
}

/// Where nothing can be made (under a file here; `/proc` and read-only
/// mounts alike), every command that writes says so before it runs: exit 2,
/// one message, nothing written.
#[test]
fn outputs_that_cannot_be_made_are_refused_before_the_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("afile"), "x").unwrap();
    let tutorial = scenario("tutorial.ron");
    let riverside = scenario("riverside_flood.ron");
    let cases: [&[&str]; 5] = [
        &["run", &tutorial, "--out", "afile/r"],
        &["batch", &tutorial, "--runs", "2", "--out", "afile/b"],
        &["compare", &tutorial, &tutorial, "--runs", "2", "--out", "afile/c"],
        &["export", &riverside, "--out", "afile/e"],
        &["play", &tutorial, "--record", "afile/s.ron", "--out", "p"],
    ];
    for args in cases {
        let out = drillsim().current_dir(dir.path()).args(args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("afile is a file, not a directory"), "{args:?}: {err}");
        assert!(err.contains("hint: give --"), "{args:?}: {err}");
        assert_eq!(err.matches("error:").count(), 1, "{args:?}: {err}");
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["afile"], "{args:?} wrote nothing");
    }
}

/// An I/O failure is named once, not once in the message and again as its
/// cause.
#[test]
fn an_io_error_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let run = dir.path().join("r");
    let made = drillsim()
        .args(["run", &scenario("tutorial.ron"), "--no-report", "--out"])
        .arg(&run)
        .output()
        .unwrap();
    assert!(made.status.success());
    std::fs::remove_file(run.join("events.jsonl")).unwrap();
    std::fs::create_dir(run.join("events.jsonl")).unwrap();
    let out = drillsim().arg("report").arg(&run).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("events.jsonl"), "{err}");
    assert_eq!(err.matches("os error").count(), 1, "{err}");
}

#[test]
fn a_negative_seed_gets_a_message_that_helps() {
    let out = drillsim().args(["run", "--seed", "-1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("whole number from 0"), "{err}");
    assert!(!err.contains("'-- -1'"), "the hint that does not work is gone: {err}");
}

/// The terminal summary reads in ten seconds: words and units, no raw keys,
/// no NaN; --format json has every metric for tools, the same values as
/// summary.json.
#[test]
fn run_prints_a_summary_for_people_and_json_for_tools() {
    let dir = tempfile::tempdir().unwrap();
    let out = drillsim()
        .current_dir(dir.path())
        .args(["run", &scenario("tutorial.ron"), "--no-report", "--out", "r"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("What happened") && text.contains("Scorecard"), "{text}");
    for raw in ["NaN", "people.dead", "_min ", "volume_residual"] {
        assert!(!text.contains(raw), "the summary shows `{raw}`:\n{text}");
    }
    assert!(text.lines().count() < 40, "{} lines is not a short summary", text.lines().count());
    let summary: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("r/summary.json")).unwrap()).unwrap();
    let dead = summary["metrics"]["people.dead"].as_f64().unwrap();
    assert!(
        text.contains(&format!("{dead:.0} died")),
        "the summary's deaths differ from summary.json ({dead}):\n{text}"
    );
    let json = drillsim()
        .current_dir(dir.path())
        .args(["run", &scenario("tutorial.ron"), "--no-report", "--out", "r", "--format", "json"])
        .output()
        .unwrap();
    assert!(json.status.success());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["metrics"], summary["metrics"]);
    let verbose = drillsim()
        .current_dir(dir.path())
        .args(["run", &scenario("tutorial.ron"), "--no-report", "--out", "r", "--verbose"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&verbose.stdout);
    for key in summary["metrics"].as_object().unwrap().keys() {
        assert!(text.contains(key.as_str()), "--verbose lacks {key}");
    }
    assert!(!text.contains("NaN"));
}
