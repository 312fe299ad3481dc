//! Chart files: right size, real content (not blank), a legend in the legend
//! panel drawn in the colours the data uses, and Chinese names drawn as
//! glyphs from the embedded CJK font.

mod common;

use common::{Image, run_dir};
use drillsim_reports::charts::{self, LEGEND_W};
use drillsim_reports::palette;
use drillsim_reports::{RunData, fonts};
use plotters::prelude::*;

fn rgb(c: RGBColor) -> [u8; 3] {
    [c.0, c.1, c.2]
}

/// Words each chart's SVG must contain: its legend or axis text.
fn expected_text(stem: &str) -> &'static [&'static str] {
    match stem {
        "people" => &["sheltered", "at home", "warned", "People"],
        "hazard" => &["km²", "Time since start (h)"],
        "teams" => &["冲锋舟_1", "travelling", "working", "idle"],
        "msel" => &["警报", "warn_town", "boats_out", "road_shut"],
        "scorecard" => &["life", "sheltered", "Points"],
        s if s.starts_with("map_") => &["Flood depth (m)", "山顶避难所", "Easting (km)", "open road"],
        "stock" => &["water_l", "meals", "beds", "shortfall", "山顶避难所"],
        "waits" => &["Incidents waiting for a first team", "team on its way", "Cause", "Incidents"],
        other => panic!("a chart nobody tests: {other}"),
    }
}

#[test]
fn every_chart_is_a_png_and_an_svg_with_content_and_a_legend() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = run_dir(tmp.path());
    let run = RunData::load(&dir).unwrap();
    let out = dir.join("charts");
    let files = charts::render_all(&run, &out).unwrap();
    let stems: Vec<&str> = files.iter().map(|c| c.stem.as_str()).collect();
    for want in [
        "scorecard",
        "people",
        "hazard",
        "map_max_depth_m",
        "teams",
        "waits",
        "stock",
        "msel",
    ] {
        assert!(stems.contains(&want), "no {want} chart among {stems:?}");
    }
    for c in &files {
        let png_path = out.join(format!("{}.png", c.stem));
        let img = Image::read(&png_path);
        assert_eq!((img.width, img.height), (c.width, c.height), "{}", c.stem);
        assert!(img.width >= 1200, "{} is too small to print on A4: {} px", c.stem, img.width);
        let bytes = std::fs::metadata(&png_path).unwrap().len();
        assert!(bytes > 20_000, "{}.png is only {bytes} bytes", c.stem);
        let plot = img.ink(0, img.width - LEGEND_W);
        assert!(plot > 0.03, "{}: plot area {:.1} % inked", c.stem, plot * 100.0);
        assert!(img.distinct_colours() >= 8, "{}: {} colours", c.stem, img.distinct_colours());
        let legend = img.ink(img.width - LEGEND_W, img.width);
        assert!(legend > 0.005, "{}: legend panel {:.2} % inked", c.stem, legend * 100.0);

        let svg = std::fs::read_to_string(out.join(format!("{}.svg", c.stem))).unwrap();
        assert!(
            svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
            "{}.svg is not an SVG",
            c.stem
        );
        for text in expected_text(&c.stem) {
            assert!(svg.contains(text), "{}.svg lacks `{text}`", c.stem);
        }
    }
}

#[test]
fn legend_swatches_use_the_colours_of_the_data() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = run_dir(tmp.path());
    let run = RunData::load(&dir).unwrap();
    let out = dir.join("charts");
    charts::render_all(&run, &out).unwrap();

    let people = Image::read(&out.join("people.png"));
    let sheltered = palette::PEOPLE.iter().find(|p| p.0 == "sheltered").unwrap().2;
    let legend_x = people.width - LEGEND_W;
    assert!(people.has_colour_in(rgb(sheltered), 0, legend_x), "no sheltered band in the plot");
    assert!(
        people.has_colour_in(rgb(sheltered), legend_x, people.width),
        "no sheltered swatch in the legend"
    );

    let teams = Image::read(&out.join("teams.png"));
    let working = palette::TEAM.iter().find(|t| t.0 == "working").unwrap().1;
    let legend_x = teams.width - LEGEND_W;
    assert!(teams.has_colour_in(rgb(working), 0, legend_x), "the boat never shows as working");
    assert!(teams.has_colour_in(rgb(working), legend_x, teams.width));
}

/// Shelters consume water and meals from the first person in: the fixture's
/// hill shelter holds none and no depot can send any, so its stock chart
/// shows the items at zero with the engine's shortfall events marked.
#[test]
fn stock_chart_shows_each_item_and_marks_the_engines_shortfalls() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = run_dir(tmp.path());
    let run = RunData::load(&dir).unwrap();
    let stock = charts::stock::Stock::new(&run);
    assert_eq!(stock.items(), ["beds", "meals", "water_l"]);
    assert_eq!(stock.holders(), ["山顶避难所"]);
    let shortfalls = stock.shortfalls();
    assert!(
        shortfalls.iter().any(|f| f.1 == "山顶避难所" && f.2 == "water_l" && f.3 > 0.0),
        "{shortfalls:?}"
    );

    let out = dir.join("charts");
    let files = charts::render_all(&run, &out).unwrap();
    let chart = files.iter().find(|c| c.stem == "stock").expect("a stock chart");
    assert_eq!(chart.height, 90 + 2 * 420, "three items: two rows of panels");
    let img = Image::read(&out.join("stock.png"));
    let legend_x = img.width - LEGEND_W;
    assert!(
        img.has_colour_in(rgb(palette::VERMILION), 0, legend_x),
        "the shortfalls are not marked"
    );
    assert!(
        img.has_colour_in(rgb(palette::VERMILION), legend_x, img.width),
        "no shortfall in the legend"
    );
}

/// Draw one character in `family` onto a small white bitmap.
fn glyph(family: &str, c: char) -> Vec<u8> {
    assert!(fonts::register());
    let mut buf = vec![255u8; 64 * 64 * 3];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (64, 64)).into_drawing_area();
        root.draw(&Text::new(c.to_string(), (4, 4), (family, 48.0).into_font().color(&BLACK)))
            .unwrap();
        root.present().unwrap();
    }
    buf
}

/// Chinese names are drawn from the embedded subset of WenQuanYi Micro Hei:
/// each character is a distinct, inked glyph (a missing glyph would draw
/// nothing, or the same empty box for every character).
#[test]
fn chinese_characters_render_as_distinct_glyphs() {
    let chars = ['山', '顶', '避', '难', '所', '城', '关', '镇', '警', '报'];
    assert_eq!(fonts::family("山顶避难所"), fonts::CJK);
    assert_eq!(fonts::family("boat_1"), fonts::LATIN);
    let glyphs: Vec<Vec<u8>> = chars.iter().map(|&c| glyph(fonts::CJK, c)).collect();
    for (c, g) in chars.iter().zip(&glyphs) {
        let inked = g.chunks(3).filter(|p| p[0] < 128).count();
        assert!(inked > 150, "{c} drew only {inked} dark pixels");
    }
    for i in 0..glyphs.len() {
        for j in i + 1..glyphs.len() {
            assert_ne!(glyphs[i], glyphs[j], "{} and {} drew the same glyph", chars[i], chars[j]);
        }
    }
    // And a Latin label still comes from DejaVu: `A` is inked there too.
    assert!(glyph(fonts::LATIN, 'A').chunks(3).any(|p| p[0] < 128));
}

/// With the report in Chinese the charts speak Chinese too: titles, axes
/// and legends, drawn with the embedded CJK font.
#[test]
fn charts_of_a_chinese_report_are_in_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = run_dir(tmp.path());
    let mut run = RunData::load(&dir).unwrap();
    run.lang = drillsim_reports::Lang::Zh;
    let out = dir.join("charts");
    charts::render_all(&run, &out).unwrap();
    for (stem, text) in [
        ("people", "各状态人数随时间变化"),
        ("people", "开始后时间（小时）"),
        ("scorecard", "评分表：演练得分"),
        ("teams", "队伍状态"),
        ("msel", "情景注入触发"),
        ("msel", "滞后（&gt; 60 分钟）"),
        ("map_max_depth_m", "通行道路"),
    ] {
        let svg = std::fs::read_to_string(out.join(format!("{stem}.svg"))).unwrap();
        assert!(svg.contains(text), "{stem}.svg lacks `{text}`");
    }
}

/// A chemical release adds the population's dose distribution and the air
/// at named places: every resident is counted once, the bars wear the AEGL
/// colours of the tiers reached, and the places the cloud crossed are named.
#[test]
fn a_release_charts_the_dose_of_every_resident_and_the_air_at_places() {
    let text = std::fs::read_to_string("../sim/tests/fixtures/chlorine_town.ron")
        .unwrap()
        .replace("SOURCE", "rate_kg_s: 1.0, duration: \"10min\"")
        .replace("RELEASE_AT", "\"0min\"")
        .replace("ACTION", "Evacuate(zone: \"town\", shelter: \"hall_shelter\")")
        .replace("INJECTS", "");
    let tmp = tempfile::tempdir().unwrap();
    let (dir, outcome) = common::run_dir_of(tmp.path(), &text, "chlorine_town.ron", 3);
    let run = RunData::load(&dir).unwrap();

    let dose = charts::release::Dose::new(&run).expect("a dose chart");
    let counted: f64 = dose.bars.iter().flatten().sum::<f64>() + dose.unexposed;
    assert_eq!(counted, 200.0, "the town's 200 residents, each once");
    let reached_aegl2: f64 = dose.bars.iter().map(|b| b[2] + b[3]).sum();
    assert_eq!(reached_aegl2, outcome.metrics["release.people_aegl2"]);
    let air = charts::release::AirAtPlaces::new(&run);
    let places: Vec<&str> = air.places.iter().map(|(_, p)| p.as_str()).collect();
    assert!(places.contains(&"plant") && places.contains(&"town"), "{places:?}");
    assert!(!places.contains(&"north_field"), "the cloud never went north: {places:?}");

    let out = dir.join("charts");
    let files = charts::render_all(&run, &out).unwrap();
    for stem in ["dose", "air_at_places"] {
        assert!(files.iter().any(|c| c.stem == stem), "no {stem} chart");
    }
    let img = Image::read(&out.join("dose.png"));
    let legend_x = img.width - LEGEND_W;
    assert!(
        img.has_colour_in(rgb(palette::AEGL_ZONES[1]), 0, legend_x),
        "no bar of residents whose air reached AEGL-2"
    );
    let svg = std::fs::read_to_string(out.join("air_at_places.svg")).unwrap();
    assert!(svg.contains("town") && svg.contains("ppm"), "the air chart names no place");
}

/// On the fire's maps the line built by the map's time is drawn as black
/// cells (SVG rectangles filled black, one more for the legend swatch).
#[test]
fn fire_maps_draw_the_line_built_by_their_time() {
    let text = std::fs::read_to_string("../sim/tests/fixtures/grass_fire_attack.ron")
        .unwrap()
        .replace("WIND", "2.0")
        .replace("ATTACK", "\"10min\"");
    let tmp = tempfile::tempdir().unwrap();
    let (dir, outcome) = common::run_dir_of(tmp.path(), &text, "grass_fire_attack.ron", 5);
    let run = RunData::load(&dir).unwrap();
    let line = &run.rasters["fire_line"];
    let first_line = outcome.metrics["fire.initial_attack_min"];
    let lined: Vec<f64> = line.values.iter().copied().filter(|v| v.is_finite()).collect();
    assert!(!lined.is_empty(), "the crews built no line");
    assert!(lined.iter().all(|v| *v >= first_line - 1e-6), "a cell lined before the first line");

    let out = dir.join("charts");
    charts::render_all(&run, &out).unwrap();
    let black_rects = |stem: &str| {
        let svg = std::fs::read_to_string(out.join(format!("{stem}.svg"))).unwrap();
        svg.split("<rect")
            .skip(1)
            .filter(|r| r.split('>').next().unwrap_or("").contains("fill=\"#000000\""))
            .count()
    };
    let at_end = black_rects("map_max_flame_length_m");
    assert!(at_end >= 2, "no fire line on the end-of-run map");
    let by_1h = lined.iter().filter(|v| **v <= 60.0).count();
    let at_1h = black_rects("map_flame_t60min");
    if by_1h == 0 {
        assert_eq!(at_1h, 0, "line drawn before it was built");
    } else {
        assert!(at_1h >= 2 && at_1h <= at_end, "{at_1h} black cells at 1 h, {at_end} at the end");
    }
    let svg = std::fs::read_to_string(out.join("map_max_flame_length_m.svg")).unwrap();
    assert!(svg.contains("fire line built"));
}

/// A yes/no layer (buildings burnt) names its one class instead of giving
/// it a bound; the smoke layer gets its own maps.
#[test]
fn buildings_and_smoke_maps_read_as_what_they_show() {
    let text = std::fs::read_to_string("../sim/tests/fixtures/grass_fire.ron").unwrap().replace(
        "fuel_models: {Grass: 1, Residential: 9}",
        "fuel_models: {Grass: 1}, structures: (side_m: 10.0, separation_m: 5.0, fire_resistant_share: 0.2), \
         smoke: (close_roads_below_m: 50.0, ground_share: 0.2)",
    );
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = common::run_dir_of(tmp.path(), &text, "grass_fire.ron", 5);
    let run = RunData::load(&dir).unwrap();
    let out = dir.join("charts");
    charts::render_all(&run, &out).unwrap();
    let svg = std::fs::read_to_string(out.join("map_buildings_burnt.svg")).unwrap();
    assert!(!svg.contains("≥ 0.5"), "the buildings map gives its class a bound");
    assert!(svg.matches("Buildings burnt").count() >= 2, "the class is not named");
    let smoke = std::fs::read_to_string(out.join("map_max_smoke_extinction_per_km.svg")).unwrap();
    assert!(smoke.contains("Smoke extinction (1/km)"), "no smoke legend");
}
