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
