//! report.md and report.html: the Markdown is pinned by a snapshot for a
//! fixed seed; the HTML is self-contained and has every section and chart.

mod common;

use common::run_dir;
use drillsim_reports::document::SECTIONS;

#[test]
fn markdown_report_for_a_fixed_seed_matches_its_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = run_dir(tmp.path());
    drillsim_reports::write_report(&dir).unwrap();
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    insta::assert_snapshot!("report_drill_seed11", md);
}

#[test]
fn html_report_is_self_contained_with_every_section_and_chart() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = run_dir(tmp.path());
    let written = drillsim_reports::write_report(&dir).unwrap();
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    for s in SECTIONS {
        assert!(html.contains(&format!(">{s}</h2>")), "no section `{s}`");
    }
    let pngs: Vec<String> = written
        .files
        .iter()
        .filter_map(|f| f.to_str()?.strip_prefix("charts/")?.strip_suffix(".png").map(String::from))
        .collect();
    assert!(pngs.len() >= 6, "{pngs:?}");
    for stem in &pngs {
        assert!(
            html.contains(&format!("<figure id=\"chart-{stem}\"><img src=\"data:image/png;base64,")),
            "chart {stem} not embedded"
        );
    }
    // Nothing to fetch: no external scripts, styles, images or fonts.
    for needle in ["http://", "https://", "<script src", "<link", "src=\"charts/", "url("] {
        assert!(!html.contains(needle), "report.html refers to something outside itself: `{needle}`");
    }
    assert!(
        html.contains("城关镇") && html.contains("冲锋舟_1"),
        "names are kept in their own script"
    );
}

/// `write_report` twice gives the same bytes: the report is a function of
/// the run directory (no generation time, no absolute paths).
#[test]
fn report_is_a_pure_function_of_the_run_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = run_dir(tmp.path());
    drillsim_reports::write_report(&dir).unwrap();
    let first = (
        std::fs::read(dir.join("report.html")).unwrap(),
        std::fs::read(dir.join("report.md")).unwrap(),
    );
    drillsim_reports::write_report(&dir).unwrap();
    let second = (
        std::fs::read(dir.join("report.html")).unwrap(),
        std::fs::read(dir.join("report.md")).unwrap(),
    );
    assert!(first == second, "the report changed between two renderings of one run");
    let md = String::from_utf8(first.1).unwrap();
    assert!(
        !md.contains(tmp.path().to_str().unwrap()),
        "report.md names the temporary directory"
    );
}

/// A drill run by its absolute path: the report names the file, not the
/// directories of the machine it ran on.
#[test]
fn a_scenario_given_by_absolute_path_is_shown_by_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    let path = std::fs::canonicalize(common::FIXTURE).unwrap();
    let compiled = drillsim::CompiledScenario::load(&path).unwrap();
    let outcome = drillsim::Engine::run(&compiled, drillsim::RunSpec { seed: 11, replication: 0 });
    let dir = tmp.path().join("run");
    drillsim::output::write_run_dir(&dir, &compiled, &outcome).unwrap();
    drillsim_reports::write_report(&dir).unwrap();
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    let parent = path.parent().unwrap().to_str().unwrap();
    assert!(md.contains(&format!("| `{name}` |")) && !md.contains(parent), "{md}");
}

#[test]
fn a_directory_that_is_not_a_run_is_refused_with_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    let err = drillsim_reports::write_report(tmp.path()).unwrap_err();
    assert!(matches!(err, drillsim_reports::ReportError::NotARunDir { .. }), "{err}");
    assert!(err.to_string().contains(tmp.path().to_str().unwrap()));
    assert!(
        std::fs::read_dir(tmp.path()).unwrap().next().is_none(),
        "wrote into a non-run directory"
    );
}

/// One source of truth: every figure the findings and the summary quote is
/// the run's metric or scorecard value, formatted the one way `words` does;
/// a capability is never both praised and faulted; strengths come only
/// from objectives rated P.
#[test]
fn findings_quote_the_metrics_and_never_contradict_each_other() {
    use drillsim_reports::words::{self, Lang};
    let tmp = tempfile::tempdir().unwrap();
    let dir = run_dir(tmp.path());
    let run = drillsim_reports::RunData::load(&dir).unwrap();
    for lang in [Lang::En, Lang::Zh] {
        let (good, bad) = drillsim_reports::rules::findings(&run, lang);
        for g in &good {
            assert!(
                !bad.iter().any(|b| b.capability == g.capability),
                "{:?}: `{}` is both a strength and an area for improvement",
                lang,
                g.capability
            );
        }
        for o in &run.scorecard.objectives {
            let rule1 = |f: &&drillsim_reports::rules::Finding| f.rule == 1 && f.text.contains(&format!("`{}`", o.id));
            if good.iter().any(|f| rule1(&f)) {
                assert_eq!(o.rating, "P", "{lang:?}: objective {} is a strength rated {}", o.id, o.rating);
            }
            if o.rating != "P" {
                assert!(
                    bad.iter().any(|f| rule1(&f)),
                    "{lang:?}: objective {} rated {} is not an area",
                    o.id,
                    o.rating
                );
            }
        }
        let shortfalls: Vec<(&String, f64)> = run
            .summary
            .metrics
            .iter()
            .filter(|(k, v)| k.ends_with(".shortfall") && v.is_some_and(|v| v > 0.0))
            .map(|(k, v)| (k, v.unwrap()))
            .collect();
        assert!(
            shortfalls.len() >= 2,
            "the fixture should run short of several items: {shortfalls:?}"
        );
        for (key, v) in shortfalls {
            let amount = words::value(key, v, lang);
            assert!(
                bad.iter().any(|f| f.rule == 3 && f.text.contains(&amount)),
                "{lang:?}: no finding quotes {key} = {amount}: {bad:?}"
            );
        }
        let doc = drillsim_reports::Document::build_in(&run, &[], lang);
        let dead = run.metric("people.dead").unwrap();
        let trapped = run.metric("people.trapped_at_end").unwrap();
        let summary = doc.summary.join(" ");
        for (key, v) in [("people.dead", dead), ("people.trapped_at_end", trapped)] {
            let shown = match lang {
                Lang::En => words::count(v),
                Lang::Zh => format!("{} 人", words::count(v)),
            };
            assert!(
                summary.contains(&shown),
                "{lang:?}: the summary does not say {key} = {shown}: {summary}"
            );
        }
        assert!(!summary.contains("NaN"), "{summary}");
    }
}

/// The Chinese report uses the terms of AQ/T 9009 and keeps the layout.
#[test]
fn the_chinese_report_uses_the_drill_evaluation_terms() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = run_dir(tmp.path());
    drillsim_reports::write_report_in(&dir, drillsim_reports::Lang::Zh).unwrap();
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    for term in ["演练概况", "评估结论", "演练目标", "评估内容", "存在问题", "改进建议"] {
        assert!(md.contains(term), "report.md lacks {term}");
    }
    for s in drillsim_reports::labels::ZH.sections {
        assert!(html.contains(&format!(">{s}</h2>")), "no section `{s}`");
    }
    assert!(html.contains("<html lang=\"zh-CN\">"));
    assert!(md.contains("城关镇"), "names are kept");
    assert!(!md.contains("Areas for improvement"), "English headings left in the Chinese report");
    // The timeline's details name their fields in Chinese (`覆盖人数：364`,
    // not `people reached: 364`).
    let timeline = md
        .split(&format!("## {}", drillsim_reports::labels::ZH.sections[4]))
        .nth(1)
        .unwrap();
    let timeline = timeline.split("\n## ").next().unwrap();
    let rows: Vec<&str> = timeline.lines().filter(|l| l.starts_with("| ") && l.contains('h')).collect();
    assert!(rows.len() > 5, "{timeline}");
    for row in rows {
        let english_key = row
            .as_bytes()
            .windows(3)
            .any(|w| w[0].is_ascii_alphabetic() && w[1] == b':' && w[2] == b' ');
        assert!(!english_key, "an English field in the Chinese timeline: {row}");
        // Nor an English reading (`最大 depth m：`) or a bare keyword of
        // the scenario language (`行动：Dispatch`, `响应级别：II`); ids stay.
        assert!(!row.contains("最大 "), "an English reading in the Chinese timeline: {row}");
        for keyword in [
            "：Dispatch",
            "：Warn",
            "：Evacuate",
            "：LeveeBreach",
            "：Sirens",
            "：II",
            "：III",
            "：Message",
        ] {
            assert!(!row.contains(keyword), "an English keyword in the Chinese timeline: {row}");
        }
    }
    for said in [
        "行动：组织转移（Evacuate）",
        "事件：信息通报（Message）",
        "渠道：警报器",
        "最不利深度（m）：",
    ] {
        assert!(timeline.contains(said), "no `{said}` in {timeline}");
    }
}
