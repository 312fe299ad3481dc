//! The HTML report in a real browser: headless Chromium (Debian's
//! `chromium`, installed by `.ci/run`) takes a screenshot, which must not be
//! blank, and dumps the DOM, which must hold every section heading and every
//! chart. Skipped with a note when Chromium is absent, unless
//! `DRILLSIM_REQUIRE_CHROMIUM=1` (set by `.ci/run`) makes its absence a failure.
//!
//! Chromium only ever opens the `file://` report: background networking,
//! component updates and sync are switched off.

mod common;

use common::{Image, run_dir};
use drillsim_reports::Lang;
use drillsim_reports::document::SECTIONS;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DRILLSIM_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser", "google-chrome"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// The browser, or `None` after saying the test is skipped; its absence
/// fails when `DRILLSIM_REQUIRE_CHROMIUM=1`.
fn chromium_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var("DRILLSIM_REQUIRE_CHROMIUM").as_deref() != Ok("1"),
            "DRILLSIM_REQUIRE_CHROMIUM=1 but no chromium on PATH (set DRILLSIM_CHROMIUM)"
        );
        eprintln!("skipped: no chromium on PATH");
    }
    found
}

/// Run Chromium headless on `page` with `args`; its stdout. Killed after two minutes.
fn headless(browser: &Path, profile: &Path, page: &Path, args: &[&str]) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox", // tests run as root in CI containers
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium {args:?} failed: {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium {args:?} did not finish in two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

#[test]
fn html_report_renders_in_headless_chromium() {
    let Some(browser) = chromium_or_skip() else { return };
    for (lang, sections) in [(Lang::En, SECTIONS), (Lang::Zh, drillsim_reports::labels::ZH.sections)] {
        check_in(&browser, lang, &sections);
    }
}

fn check_in(browser: &Path, lang: Lang, sections: &[&str]) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = run_dir(tmp.path());
    let written = drillsim_reports::write_report_in(&dir, lang).unwrap();
    let page = dir.join("report.html").canonicalize().unwrap();
    let profile = tmp.path().join("profile");

    let shot = tmp.path().join("shot.png");
    headless(
        browser,
        &profile,
        &page,
        &["--window-size=1280,2400", &format!("--screenshot={}", shot.display())],
    );
    let img = Image::read(&shot);
    assert_eq!((img.width, img.height), (1280, 2400));
    let ink = img.ink(0, img.width);
    assert!(ink > 0.05, "{lang:?}: the screenshot is nearly blank: {:.1} % inked", ink * 100.0);
    assert!(
        img.distinct_colours() > 50,
        "{lang:?}: only {} colours on screen",
        img.distinct_colours()
    );

    let dom = headless(browser, &profile, &page, &["--dump-dom"]);
    let charts = dom_holds(&dom, lang, sections, &written.files);
    assert!(charts >= 6);
    assert_eq!(dom.matches("<img src=\"data:image/png;base64,").count(), charts);
}

/// The DOM holds each of `sections` as a heading and every chart among
/// `files` (`charts/STEM.png`) by its id; returns how many charts.
fn dom_holds(dom: &str, lang: Lang, sections: &[&str], files: &[std::path::PathBuf]) -> usize {
    for s in sections {
        assert!(dom.contains(&format!(">{s}</h2>")), "{lang:?}: the DOM lacks section `{s}`");
    }
    let charts: Vec<&str> = files
        .iter()
        .filter_map(|f| f.to_str()?.strip_prefix("charts/")?.strip_suffix(".png"))
        .collect();
    for stem in &charts {
        assert!(
            dom.contains(&format!("id=\"chart-{stem}\"")),
            "{lang:?}: the DOM lacks chart `{stem}`"
        );
    }
    charts.len()
}

/// The batch report too: a tutorial batch's report in both languages shows
/// ink, and its DOM holds its six sections and every chart it wrote.
#[test]
fn batch_report_renders_in_headless_chromium() {
    let Some(browser) = chromium_or_skip() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let dir = common::tutorial_batch(tmp.path(), 2, 8);
    for (lang, first, last) in [
        (Lang::En, "1. The batch", "6. Where the hazard reaches"),
        (Lang::Zh, "一、批量运行概况", "六、灾害影响范围"),
    ] {
        let written = drillsim_reports::batch::write_batch_report(&dir, lang).unwrap();
        let page = dir.join("report.html").canonicalize().unwrap();
        let profile = tmp.path().join(format!("profile-{lang:?}"));
        let shot = tmp.path().join("shot.png");
        headless(
            &browser,
            &profile,
            &page,
            &["--window-size=1280,1600", &format!("--screenshot={}", shot.display())],
        );
        let ink = Image::read(&shot).ink(0, 1280);
        assert!(
            ink > 0.05,
            "{lang:?}: the batch report's screenshot is nearly blank ({:.1} %)",
            ink * 100.0
        );
        let dom = headless(&browser, &profile, &page, &["--dump-dom"]);
        let charts = dom_holds(&dom, lang, &[first, last], &written.files);
        assert!(charts >= 3, "{:?}", written.files);
    }
}
