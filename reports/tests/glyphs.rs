//! Every character a chart draws has a glyph in the font it is drawn with.
//! plotters draws a run of text in one font and leaves a character that
//! font lacks blank: the Chinese scorecard once read `目标 0 人` for
//! `目标 ≤ 0 人`, dropping whether a target was a floor or a ceiling.

mod common;

use ab_glyph::{Font, FontRef};
use drillsim_reports::{Lang, RunData, charts, fonts};
use std::path::Path;

/// `(font family, text)` of each `<text>` element of an SVG chart, with
/// the XML escapes plotters writes undone.
fn texts(svg: &str) -> Vec<(String, String)> {
    svg.split("<text")
        .skip(1)
        .map(|el| {
            let (attrs, rest) = el.split_once('>').expect("a closed <text> tag");
            let family = attrs
                .split_once("font-family=\"")
                .and_then(|(_, f)| f.split_once('"'))
                .map(|(f, _)| f.to_string())
                .expect("every text names its font");
            let body = rest.split_once("</text>").expect("a closed text element").0.trim();
            let body = body
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            (family, body)
        })
        .collect()
}

/// Check every glyph of the SVG charts `files` in `out`; returns how many
/// characters were checked.
fn check_svgs(out: &Path, files: &[charts::ChartFile]) -> usize {
    assert!(!files.is_empty());
    let mut checked = 0;
    for file in files {
        let path = out.join(format!("{}.svg", file.stem));
        let svg = std::fs::read_to_string(&path).unwrap();
        for (family, text) in texts(&svg) {
            let bytes = fonts::ttf(&family).unwrap_or_else(|| panic!("{}: unknown font {family}", path.display()));
            let font = FontRef::try_from_slice(bytes).unwrap();
            for c in text.chars().filter(|c| !c.is_whitespace()) {
                assert_ne!(
                    font.glyph_id(c).0,
                    0,
                    "{}: `{c}` of `{text}` has no glyph in {family}",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    checked
}

/// Chart the run in `dir` in both languages and check every glyph; returns
/// how many characters were checked.
fn check_run(dir: &Path) -> usize {
    assert!(fonts::register());
    let mut checked = 0;
    for lang in [Lang::En, Lang::Zh] {
        let mut run = RunData::load(dir).unwrap();
        run.lang = lang;
        let out = dir.join(format!("charts_{lang:?}"));
        checked += check_svgs(&out, &charts::render_all(&run, &out).unwrap());
    }
    checked
}

/// The batch report's charts too, on a batch of the tutorial drill.
#[test]
fn every_character_a_batch_chart_draws_has_a_glyph_in_its_font() {
    assert!(fonts::register());
    let tmp = tempfile::tempdir().unwrap();
    let dir = common::tutorial_batch(tmp.path(), 1, 6);
    for lang in [Lang::En, Lang::Zh] {
        let mut data = drillsim_reports::batch::BatchData::load(&dir).unwrap();
        data.lang = lang;
        let out = dir.join(format!("charts_{lang:?}"));
        let files = drillsim_reports::batch::charts::render_all(&data, &out).unwrap();
        assert!(check_svgs(&out, &files) > 100);
    }
    // And the comparison's chart (the plan against itself).
    let cmp = drillsim::batch::compare::compare(&dir, &dir).unwrap();
    std::fs::write(tmp.path().join("compare.json"), serde_json::to_string(&cmp).unwrap()).unwrap();
    for lang in [Lang::En, Lang::Zh] {
        drillsim_reports::batch::compare::write_compare_report(tmp.path(), lang).unwrap();
        let file = drillsim_reports::charts::ChartFile {
            stem: "objectives_change".into(),
            title: String::new(),
            width: 0,
            height: 0,
            png: Vec::new(),
        };
        assert!(check_svgs(&tmp.path().join("charts"), &[file]) > 50);
    }
}

#[test]
fn every_character_a_chart_draws_has_a_glyph_in_its_font() {
    let tmp = tempfile::tempdir().unwrap();
    // The flood drill with Chinese names: people, hazard, teams, MSEL,
    // scorecard, stock and the depth maps.
    let flood = common::run_dir(&tmp.path().join("flood"));
    // A chlorine release: the dose and air-at-places charts.
    let release = std::fs::read_to_string("../sim/tests/fixtures/chlorine_town.ron")
        .unwrap()
        .replace("SOURCE", "rate_kg_s: 1.0, duration: \"10min\"")
        .replace("RELEASE_AT", "\"0min\"")
        .replace("ACTION", "Evacuate(zone: \"town\", shelter: \"hall_shelter\")")
        .replace("INJECTS", "");
    let (release, _) = common::run_dir_of(&tmp.path().join("release"), &release, "chlorine_town.ron", 3);
    // A grass fire reaching houses under smoke: flame, buildings and smoke maps.
    let fire = std::fs::read_to_string("../sim/tests/fixtures/grass_fire.ron").unwrap().replace(
        "fuel_models: {Grass: 1, Residential: 9}",
        "fuel_models: {Grass: 1}, structures: (side_m: 10.0, separation_m: 5.0, fire_resistant_share: 0.2), \
         smoke: (close_roads_below_m: 50.0, ground_share: 0.2)",
    );
    let (fire, _) = common::run_dir_of(&tmp.path().join("fire"), &fire, "grass_fire.ron", 5);
    for dir in [flood, release, fire] {
        assert!(check_run(&dir) > 500, "{}: too few characters checked", dir.display());
    }
}

/// The check itself can fail: `texts` finds the scorecard's `≤` and `km²`,
/// and a font without a glyph reports none for it.
#[test]
fn the_glyph_check_sees_symbols_and_missing_glyphs() {
    let svg = "<text x=\"1\" font-family=\"WenQuanYi Micro Hei\" font-size=\"9\">\n目标 &lt;= ≤ 1.00 km²\n</text>";
    assert_eq!(
        texts(svg),
        vec![("WenQuanYi Micro Hei".to_string(), "目标 <= ≤ 1.00 km²".to_string())]
    );
    let latin = FontRef::try_from_slice(fonts::ttf(fonts::LATIN).unwrap()).unwrap();
    assert_eq!(latin.glyph_id('目').0, 0, "DejaVu Sans has no hanzi");
    let cjk = FontRef::try_from_slice(fonts::ttf(fonts::CJK).unwrap()).unwrap();
    for c in ['目', '≤', '≥', '²', '→', '–'] {
        assert_ne!(cjk.glyph_id(c).0, 0, "the CJK subset lacks `{c}`");
    }
}

/// The comparison's change map: plan B of the fixture drill never orders the
/// town out, so more of its cells see someone trapped, beyond chance; the
/// map is drawn in both languages, every glyph present.
#[test]
fn the_change_map_shows_where_plan_b_moves_the_risk_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::FIXTURE).unwrap();
    let rule = r#"(id: "warn_town", when: InjectFired("警报"), do: Evacuate(zone: "城关镇")),"#;
    let no_warning = text
        .replacen(rule, "", 1)
        .replacen(r#"expects: ["warn_town", "boats_out"]"#, r#"expects: ["boats_out"]"#, 1);
    assert!(!no_warning.contains("warn_town"), "the fixture's warning rule moved");
    common::compare_dir(tmp.path(), ("report_drill.ron", "tests/fixtures"), &text, &no_warning, 8);
    for lang in [Lang::En, Lang::Zh] {
        drillsim_reports::batch::compare::write_compare_report(tmp.path(), lang).unwrap();
        let md = std::fs::read_to_string(tmp.path().join("report.md")).unwrap();
        let sentence = md
            .lines()
            .find(|l| l.starts_with("`p_trapped`"))
            .unwrap_or_else(|| panic!("no p_trapped sentence in:\n{md}"));
        let raised: usize = sentence
            .split(lang.pick("raises it in ", "使 "))
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{sentence}"));
        assert!(raised > 0, "{sentence}");
        assert!(md.contains("![") && md.contains("charts/map_change_p_trapped.png"), "{md}");
        let file = charts::ChartFile {
            stem: "map_change_p_trapped".into(),
            title: String::new(),
            width: 0,
            height: 0,
            png: Vec::new(),
        };
        assert!(check_svgs(&tmp.path().join("charts"), &[file]) > 100);
    }
}
