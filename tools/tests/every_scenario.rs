//! Every bundled scenario through every user-facing command: `validate`,
//! `run` (with its report), `report`, `play` (a short tabletop session and
//! its replay), `batch` of a few replications (with its report, and `report`
//! on the batch) and `compare` (with its report). The scenarios are listed from `scenarios/` at test time, so a
//! new drill is covered the day it is added. A batch once failed on the
//! flagship drill because metric keys depended on what happened in a run and
//! no test ran a batch there.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::drillsim;

fn bundled() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    v.sort();
    assert!(v.len() >= 3, "expected the bundled drills in {}", dir.display());
    v
}

fn ok(what: &str, scenario: &Path, out: Output) -> Output {
    assert!(
        out.status.success(),
        "{what} failed on {}: {}\n{}",
        scenario.display(),
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    out
}

fn data_rows(path: &Path) -> usize {
    std::fs::read_to_string(path).unwrap().lines().count() - 1
}

/// The English or the Chinese of what a command prints, by the drill's
/// `language` (a Chinese drill is spoken about in Chinese without a flag).
fn said(scenario: &Path) -> impl Fn(&'static str, &'static str) -> &'static str {
    let zh = is_chinese(scenario);
    move |en, zh_text| if zh { zh_text } else { en }
}

/// Whether the drill's `language` is Chinese.
fn is_chinese(scenario: &Path) -> bool {
    drillsim::scenario::diagnostics::declares_chinese(&std::fs::read_to_string(scenario).unwrap())
}

fn check_one(scenario: &Path, work: &Path) {
    let s = scenario.to_str().unwrap();
    let said = said(scenario);
    ok("validate", scenario, drillsim().args(["validate", s]).output().unwrap());

    // export: the flood inputs for a peer code, or a clean "no flood" refusal.
    let export = drillsim()
        .current_dir(work)
        .args(["export", s, "--out", "export"])
        .output()
        .unwrap();
    if std::fs::read_to_string(scenario).unwrap().contains("Flood(") {
        let out = ok("export", scenario, export);
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(said("median", "中位数")),
            "{s}: export did not say how it chose values"
        );
        let dem = std::fs::read_to_string(work.join("export/dem.asc")).unwrap();
        assert!(dem.starts_with("ncols "), "{s}: dem.asc is not an ESRI ASCII grid");
        let inflows = std::fs::read_to_string(work.join("export/inflows.csv")).unwrap();
        assert!(inflows.lines().count() > 1, "{s}: no inflow rows");
        // The same inputs as LISFLOOD-FP files: every file the parameter
        // file names is there.
        let par = std::fs::read_to_string(work.join("export/lisflood.par")).unwrap();
        let keys = ["DEMfile", "manningfile", "startfile", "bcifile", "bdyfile", "rainfall"];
        let named: Vec<&str> = par
            .lines()
            .filter_map(|l| l.split_once(' ').filter(|(k, _)| keys.contains(k)).map(|(_, v)| v))
            .collect();
        assert!(named.len() >= 3, "{s}: lisflood.par names too few files:\n{par}");
        for name in named {
            assert!(
                work.join("export").join(name).is_file(),
                "{s}: lisflood.par names {name}, not written"
            );
        }
    } else {
        assert_eq!(export.status.code(), Some(2), "{s}: export of a scenario without a flood");
        let refused = String::from_utf8_lossy(&export.stderr);
        assert!(refused.contains(said("no flood hazard", "没有可导出的洪水灾害")), "{s}: {refused}");
        assert!(!work.join("export").exists(), "{s}: export wrote files it should not have");
    }

    let run = ok(
        "run",
        scenario,
        drillsim().current_dir(work).args(["run", s, "--out", "run"]).output().unwrap(),
    );
    let shown = String::from_utf8_lossy(&run.stdout);
    assert!(!shown.contains("NaN"), "{s}: the run summary shows NaN:\n{shown}");
    assert!(shown.contains("report.html"), "{s}: the summary does not say where the report is");
    // Every bundled release reaches some crew: the summary says what crews breathed.
    assert_eq!(
        shown.contains(said("behind their respirators", "队员经呼吸防护后吸入")),
        std::fs::read_to_string(scenario).unwrap().contains("Release("),
        "{s}: the run summary and the drill's release disagree on crews' air:\n{shown}"
    );
    let report = std::fs::read(work.join("run/report.md")).unwrap();
    // The timeline names every release that started and every fire out, by
    // its id: with several releases a commander must see which one; and
    // every shelter-in-place order and air reading command acted on.
    let md = String::from_utf8_lossy(&report);
    // Where incidents waited is tabulated whenever any incident waited.
    let summary: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(work.join("run/summary.json")).unwrap()).unwrap();
    let waited = summary["metrics"]
        .as_object()
        .unwrap()
        .iter()
        .any(|(k, v)| k.starts_with("incidents.waited_min.") && v.as_f64().is_some_and(|m| m > 0.0));
    assert_eq!(
        md.contains(said(
            "Where the incidents' wait for a first team went",
            "事件等待首支队伍的时间按原因划分"
        )),
        waited,
        "{s}: the report's table of what incidents waited on"
    );
    for line in std::fs::read_to_string(work.join("run/events.jsonl")).unwrap().lines() {
        let e: serde_json::Value = serde_json::from_str(line).unwrap();
        let (kind, subject) = (e["kind"].as_str().unwrap(), e["subject"].as_str().unwrap());
        let label = match kind {
            "release_started" => said("Release started", "泄漏开始"),
            "leak_sealed" => said("Leak sealed", "堵漏完成"),
            "fire_contained" => said("Fire contained", "火场控制"),
            "shelter_in_place_issued" => said("Shelter-in-place order issued", "发布就地避险指令"),
            "cloud_measured" => said("Air measured", "空气监测读数"),
            _ => continue,
        };
        assert!(
            md.lines().any(|l| l.contains(label) && l.contains(subject)),
            "{s}: the report's timeline lacks {label} {subject}"
        );
    }
    let html = std::fs::read(work.join("run/report.html")).unwrap();
    assert!(html.len() > 10_000, "report.html of {s} is only {} bytes", html.len());
    std::fs::remove_file(work.join("run/report.md")).unwrap();
    ok(
        "report",
        scenario,
        drillsim().current_dir(work).args(["report", "run"]).output().unwrap(),
    );
    assert_eq!(
        std::fs::read(work.join("run/report.md")).unwrap(),
        report,
        "report regenerates {s} differently"
    );
    // Map labels never overprint each other, on every map of every drill.
    let data = drillsim_reports::RunData::load(&work.join("run")).unwrap();
    for map in drillsim_reports::charts::maps::key_maps(&data) {
        let boxes: Vec<[i32; 4]> = map.label_boxes().into_iter().map(|b| b.expect("every label found room")).collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
                assert!(!overlap, "{s}, map {}: label boxes {a:?} and {b:?} overlap", map.raster);
            }
        }
    }
    ok(
        "report --lang zh",
        scenario,
        drillsim()
            .current_dir(work)
            .args(["report", "run", "--lang", "zh"])
            .output()
            .unwrap(),
    );
    let zh = std::fs::read_to_string(work.join("run/report.md")).unwrap();
    assert!(
        zh.contains("存在问题") && zh.contains("评估结论"),
        "{s}: the Chinese report lacks its terms"
    );
    // A casualty row names its hazard reading in Chinese (an unknown one
    // falls back to the key, after a space).
    assert!(!zh.contains("最不利 "), "{s}: a hazard reading without its Chinese name");
    // The team table's states and a yes/no map's caption are Chinese too.
    assert!(!zh.contains("| mobilising") && !zh.contains("全程最大烧毁"), "{s}:\n{zh}");

    check_play(scenario, work);

    let batch = ok(
        "batch",
        scenario,
        drillsim()
            .current_dir(work)
            .args(["batch", s, "--runs", "3", "--out", "batch", "--quiet"])
            .output()
            .unwrap(),
    );
    assert_eq!(data_rows(&work.join("batch/runs.csv")), 3);
    // The terminal summary leads with the drill's own hazards.
    let text = std::fs::read_to_string(scenario).unwrap();
    let shown = String::from_utf8_lossy(&batch.stdout);
    for (hazard, headline) in [
        ("Fire(", said("area burnt", "过火面积")),
        ("Release(", said("residents whose air reached AEGL-2", "吸入空气达到 AEGL-2 的居民")),
    ] {
        assert_eq!(
            shown.contains(headline),
            text.contains(hazard),
            "{s}: the batch summary and the drill's hazards disagree on {headline}:\n{shown}"
        );
    }
    let summary: serde_json::Value = serde_json::from_slice(&std::fs::read(work.join("batch/summary.json")).unwrap()).unwrap();
    assert_eq!(summary["runs"], 3);
    // The batch report, and `report` on the batch directory in Chinese.
    assert!(
        shown.contains(said("Wrote the batch report", "已写入批量运行评估报告")),
        "{s}: {shown}"
    );
    let html = std::fs::read(work.join("batch/report.html")).unwrap();
    assert!(html.len() > 10_000, "{s}: the batch report.html is only {} bytes", html.len());
    let md = std::fs::read_to_string(work.join("batch/report.md")).unwrap();
    assert!(
        md.contains(said("## 1. The batch", "## 一、批量运行概况"))
            && md.contains(said("## 6. Where the hazard reaches", "## 六、灾害影响范围")),
        "{s}:\n{md}"
    );
    ok(
        "report of a batch, --lang zh",
        scenario,
        drillsim()
            .current_dir(work)
            .args(["report", "batch", "--lang", "zh"])
            .output()
            .unwrap(),
    );
    let zh = std::fs::read_to_string(work.join("batch/report.md")).unwrap();
    assert!(zh.contains("批量运行概况") && zh.contains("演练目标"), "{s}:\n{zh}");
    // The probability maps name every shelter and zone, no label over another.
    let data = drillsim_reports::batch::BatchData::load(&work.join("batch")).unwrap();
    let marked = data
        .scenario
        .as_ref()
        .map(|c| c.scenario.shelters.len() + c.scenario.population.len())
        .unwrap();
    for map in drillsim_reports::batch::charts::probability_maps(&data) {
        let boxes: Vec<[i32; 4]> = map.label_boxes().into_iter().map(|b| b.expect("every label found room")).collect();
        assert_eq!(boxes.len(), marked, "{s}, map {}: not every shelter and zone is named", map.stem);
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
                assert!(!overlap, "{s}, probability map {}: label boxes {a:?} and {b:?} overlap", map.stem);
            }
        }
    }
    // Every metric the run reported is a batch column: the registry fixes both.
    let run: serde_json::Value = serde_json::from_slice(&std::fs::read(work.join("run/summary.json")).unwrap()).unwrap();
    let csv = std::fs::read_to_string(work.join("batch/runs.csv")).unwrap();
    let columns: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    for key in run["metrics"].as_object().unwrap().keys() {
        let column = format!("metric.{key}");
        assert!(columns.contains(&column.as_str()), "{s}: metric {key} is not a batch column");
    }

    // A plan compared with itself on common random numbers differs by exactly zero.
    ok(
        "compare",
        scenario,
        drillsim()
            .current_dir(work)
            .args(["compare", s, s, "--runs", "2", "--out", "cmp", "--quiet"])
            .output()
            .unwrap(),
    );
    // The comparison report, and each plan's batch report beside it.
    for f in ["cmp/report.html", "cmp/report.md", "cmp/a/report.html", "cmp/b/report.html"] {
        assert!(work.join(f).is_file(), "{s}: compare wrote no {f}");
    }
    let cmp_md = std::fs::read_to_string(work.join("cmp/report.md")).unwrap();
    assert!(
        cmp_md.contains(said("## 3. Outcomes", "## 三、演练结果")) && !cmp_md.contains(" * |"),
        "{s}: a plan differs from itself:\n{cmp_md}"
    );
    assert!(
        cmp_md.contains(said("B is the same drill and plan as A", "B 与 A 是同一演练、同一预案")),
        "{s}: the comparison does not say the plans are the same:\n{cmp_md}"
    );
    // Nor does it move any risk: no change map is drawn.
    assert!(!cmp_md.contains("map_change_"), "{s}: a plan moves the risk from itself:\n{cmp_md}");
    let cmp: serde_json::Value = serde_json::from_slice(&std::fs::read(work.join("cmp/compare.json")).unwrap()).unwrap();
    assert_eq!(cmp["differences"], serde_json::json!([]), "{s}: a scenario differs from itself");
    let columns = cmp["columns"].as_array().unwrap();
    assert!(columns.len() > 10, "{s}: compare paired only {} columns", columns.len());
    for c in columns {
        let d = c["mean_difference"].as_f64();
        assert!(d.is_none_or(|d| d == 0.0), "{s}: {} differs from itself by {d:?}", c["column"]);
    }
}

/// `drillsim play` with `script` on stdin.
fn play(work: &Path, args: &[&str], script: &str) -> Output {
    use std::io::Write;
    let mut child = drillsim()
        .current_dir(work)
        .arg("play")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A command refused before it reads its input closes the pipe early.
    let _ = child.stdin.take().unwrap().write_all(script.as_bytes());
    child.wait_with_output().unwrap()
}

/// A short tabletop session (an inject fired by hand, an order, a status),
/// then its replay: the same run to the byte.
fn check_play(scenario: &Path, work: &Path) {
    let s = scenario.to_str().unwrap();
    let said = said(scenario);
    let compiled = drillsim::CompiledScenario::load(scenario).unwrap();
    let inject = compiled
        .scenario
        .injects
        .last()
        .map_or(String::new(), |j| format!("inject {}\n", j.id));
    let script = format!("step 10min\n{inject}order table_level RaiseLevel(I)\nstatus\nzones\ninjects\nnames\nmap\nto 20min\nend\n");
    let live = ok(
        "play",
        scenario,
        play(work, &[s, "--out", "play", "--record", "session.ron"], &script),
    );
    let shown = String::from_utf8_lossy(&live.stdout);
    assert!(
        shown.contains(said("The session ended at 0h20", "演练结束于 0h20")),
        "{s}:\n{shown}"
    );
    // The status after the order's tick shows the level it raised.
    assert!(shown.contains(said("  response level: I\n", "  响应级别：Ⅰ级\n")), "{s}:\n{shown}");
    // `zones` has a row of figures for every zone (with the air at it in a
    // drill with a release) and every shelter.
    let released = std::fs::read_to_string(scenario).unwrap().contains("Release(");
    let zones = compiled
        .scenario
        .population
        .iter()
        .map(|z| (&z.zone, if released { 11 } else { 10 }));
    let shelters = compiled.scenario.shelters.iter().map(|x| (&x.id, 3));
    for (name, cells) in zones.chain(shelters) {
        let row = shown
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name.as_str()) && l.starts_with("  "))
            .unwrap_or_else(|| panic!("{s}: no `zones` row for {name}:\n{shown}"));
        let figures: Vec<&str> = row.split_whitespace().skip(1).collect();
        assert!(
            figures.len() == cells - 1 && figures.iter().all(|f| f.replace(',', "").parse::<f64>().is_ok()),
            "{s}: `zones` row of {name} is not all figures: {row}"
        );
    }
    // Every hazard of the drill is mapped.
    let text = std::fs::read_to_string(scenario).unwrap();
    for (hazard, title) in [
        ("Flood(", said("Flood depth now", "洪水水深（当前")),
        ("Fire(", said("Flame length now", "火焰长度（当前")),
        ("Release(", said("Air concentration now", "空气浓度（当前")),
    ] {
        assert_eq!(
            shown.contains(title),
            text.contains(hazard),
            "{s}: map and hazards disagree on {title}:\n{shown}"
        );
    }
    assert!(work.join("play/report.html").is_file(), "{s}: play wrote no report");
    // The report says the drill was played live and where it stopped.
    let md = std::fs::read_to_string(work.join("play/report.md")).unwrap();
    let hand = usize::from(!inject.is_empty());
    let live_at_the_table = if is_chinese(scenario) {
        format!("桌面推演：现场下达指令 1 条，手动触发情景注入 {hand} 个")
    } else {
        format!(
            "live at the table: 1 order given, {hand} inject{} fired by hand",
            if hand == 1 { "" } else { "s" }
        )
    };
    assert!(
        md.contains(said("(stopped at 0h20)", "（于 0h20 提前结束）")) && md.contains(&live_at_the_table),
        "{s}:\n{md}"
    );
    assert!(
        md.contains(said("### Decisions made at the table", "### 推演中的现场决策"))
            && md.contains(said(
                "| 0h10 | Order table_level | RaiseLevel(I) |",
                "| 0h10 | 指令 table_level | RaiseLevel(I) |"
            )),
        "{s}: the report does not list the decisions:\n{md}"
    );
    let events = std::fs::read_to_string(work.join("play/events.jsonl")).unwrap();
    assert!(events.contains("\"table_level\""), "{s}: the order was not carried out");
    if !inject.is_empty() {
        assert!(events.contains("\"facilitator\""), "{s}: the inject was not fired by hand");
    }
    ok(
        "play --replay",
        scenario,
        play(
            work,
            &[
                s,
                "--replay",
                "session.ron",
                "--record",
                "again.ron",
                "--out",
                "replay",
                "--no-report",
            ],
            "",
        ),
    );
    for f in ["events.jsonl", "timeseries.csv", "scorecard.json", "session.ron"] {
        assert_eq!(
            std::fs::read(work.join("play").join(f)).unwrap(),
            std::fs::read(work.join("replay").join(f)).unwrap(),
            "{s}: the replay's {f} differs from the session's"
        );
    }
}

#[test]
fn every_bundled_scenario_goes_through_every_command() {
    let scenarios = bundled();
    let dirs: Vec<tempfile::TempDir> = scenarios.iter().map(|_| tempfile::tempdir().unwrap()).collect();
    // One thread per drill: each command is a process of its own.
    std::thread::scope(|scope| {
        for (scenario, dir) in scenarios.iter().zip(&dirs) {
            scope.spawn(move || check_one(scenario, dir.path()));
        }
    });
}
