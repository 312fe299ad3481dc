//! Places, roads, weather and hazards: the physical world of the drill.

use super::PLACE;
use super::numbers::{positive, range, series, within};
use super::{Known, MAX_LANES, MAX_QUANTITY, MAX_ROAD_CELLS, MAX_ROAD_LINKS, MAX_ROAD_NODES, MAX_SHAPE_POINTS};
use crate::map::{Cell, Dims, MAX_PLACE_CELLS, shape_cell_estimate};
use crate::said;
use crate::scenario::Problem;
use crate::scenario::model::{Hazard, Scenario, Shape};
use crate::scenario::tree::Path;
use std::collections::BTreeMap;

pub(super) fn places<'a>(s: &'a Scenario, dims: Option<Dims>, k: &mut Known<'a>, out: &mut Vec<Problem>) {
    let root = Path::root().field("places");
    let mut covered: u64 = 0;
    let mut budget_reported = false;
    for (i, p) in s.places.iter().enumerate() {
        let path = root.index(i);
        k.places.declare(&p.name, path.field("name"), out);
        let at = path.field("at");
        let shape_ok = match &p.at {
            Shape::Polygon(v) if v.len() < 3 => {
                out.push(Problem::new(
                    at.clone(),
                    "bad-shape",
                    said!(
                        "a Polygon needs at least 3 points, found {}",
                        "Polygon 至少需要 3 个点，这里有 {} 个",
                        v.len()
                    ),
                    Some(said!(
                        "use Point(col, row) or Rect(col0, row0, col1, row1) for smaller places",
                        "较小的地点用 Point(col, row) 或 Rect(col0, row0, col1, row1)"
                    )),
                ));
                false
            }
            Shape::Line(v) if v.is_empty() => {
                out.push(Problem::new(
                    at.clone(),
                    "bad-shape",
                    said!("a Line needs at least one point", "Line 至少需要一个点"),
                    Some(said!("e.g. Line([(0, 4), (10, 4)])", "如 Line([(0, 4), (10, 4)])")),
                ));
                false
            }
            Shape::Polygon(v) | Shape::Line(v) if v.len() > MAX_SHAPE_POINTS => {
                out.push(Problem::new(
                    at.clone(),
                    "too-large",
                    said!(
                        "the shape has {} points; the limit is {MAX_SHAPE_POINTS}",
                        "这个形状有 {} 个点，上限是 {MAX_SHAPE_POINTS}",
                        v.len()
                    ),
                    Some(said!("simplify the outline", "简化轮廓")),
                ));
                false
            }
            _ => true,
        };
        let Some(d) = dims else { continue };
        if let Some((pt, where_)) = first_outside(&p.at, d) {
            out.push(Problem::new(
                part(at.clone(), where_),
                "outside-map",
                said!(
                    "place `{}` has point ({}, {}) outside the {}×{} map",
                    "地点 `{}` 的点 ({}, {}) 在 {}×{} 的地图之外",
                    p.name,
                    pt.0,
                    pt.1,
                    d.cols,
                    d.rows
                ),
                Some(said!(
                    "cells are (col, row) with col 0..={} and row 0..={} (row 0 is the top edge)",
                    "网格写作 (列, 行)，列 0..={}，行 0..={}（第 0 行是上边缘）",
                    d.cols - 1,
                    d.rows - 1
                )),
            ));
        } else if shape_ok && !budget_reported {
            covered = covered.saturating_add(shape_cell_estimate(&p.at, d));
            if covered > MAX_PLACE_CELLS {
                budget_reported = true;
                out.push(Problem::new(
                    at,
                    "too-large",
                    said!(
                        "all places up to this one cover {covered} cells; the limit is {MAX_PLACE_CELLS}",
                        "到这个地点为止所有地点共覆盖 {covered} 个网格，上限是 {MAX_PLACE_CELLS}"
                    ),
                    Some(said!(
                        "use fewer or smaller places, or a coarser cell_size_m",
                        "减少或缩小地点，或用更粗的 cell_size_m"
                    )),
                ));
            }
        }
    }
}

/// Which part of a shape a point is written at.
enum Where {
    Whole,
    Index(usize),
}

fn part(path: Path, w: Where) -> Path {
    match w {
        Where::Whole => path,
        Where::Index(i) => path.index(i),
    }
}

/// The first point of a shape outside the map, and where it is written.
fn first_outside(shape: &Shape, d: Dims) -> Option<((i64, i64), Where)> {
    match shape {
        Shape::Point(c, r) => (!d.contains((*c, *r))).then_some(((*c, *r), Where::Whole)),
        Shape::Rect(c0, r0, c1, r1) => {
            if !d.contains((*c0, *r0)) {
                Some(((*c0, *r0), Where::Index(if d.contains((*c0, 0)) { 1 } else { 0 })))
            } else if !d.contains((*c1, *r1)) {
                Some(((*c1, *r1), Where::Index(if d.contains((*c1, 0)) { 3 } else { 2 })))
            } else {
                None
            }
        }
        Shape::Polygon(v) | Shape::Line(v) => v
            .iter()
            .enumerate()
            .find(|(_, p)| !d.contains(**p))
            .map(|(i, p)| (*p, Where::Index(i))),
    }
}

pub(super) fn roads<'a>(s: &'a Scenario, dims: Option<Dims>, k: &mut Known<'a>, out: &mut Vec<Problem>) {
    let root = Path::root().field("roads");
    if s.roads.nodes.len() > MAX_ROAD_NODES {
        out.push(Problem::new(
            root.field("nodes"),
            "too-large",
            said!(
                "{} road nodes; the limit is {MAX_ROAD_NODES}",
                "有 {} 个道路节点，上限是 {MAX_ROAD_NODES}",
                s.roads.nodes.len()
            ),
            None,
        ));
    }
    if s.roads.links.len() > MAX_ROAD_LINKS {
        out.push(Problem::new(
            root.field("links"),
            "too-large",
            said!(
                "{} road links; the limit is {MAX_ROAD_LINKS}",
                "有 {} 条路段，上限是 {MAX_ROAD_LINKS}",
                s.roads.links.len()
            ),
            None,
        ));
    }
    for (i, n) in s.roads.nodes.iter().enumerate() {
        let p = root.field("nodes").index(i);
        k.nodes.declare(&n.id, p.field("id"), out);
        if let Some(d) = dims
            && !d.contains(n.at)
        {
            out.push(Problem::new(
                p.field("at"),
                "outside-map",
                said!(
                    "road node `{}` at ({}, {}) is outside the {}×{} map",
                    "道路节点 `{}` 的位置 ({}, {}) 在 {}×{} 的地图之外",
                    n.id,
                    n.at.0,
                    n.at.1,
                    d.cols,
                    d.rows
                ),
                Some(said!(
                    "cells are (col, row) with col 0..={} and row 0..={}",
                    "网格写作 (列, 行)，列 0..={}，行 0..={}",
                    d.cols - 1,
                    d.rows - 1
                )),
            ));
        }
    }
    let at: BTreeMap<&str, Cell> = s.roads.nodes.iter().map(|n| (n.id.as_str(), n.at)).collect();
    let mut road_cells: u64 = 0;
    for (i, l) in s.roads.links.iter().enumerate() {
        let p = root.field("links").index(i);
        k.links.declare(&l.id, p.field("id"), out);
        // Each direction of a link keeps the list of cells it crosses.
        if let (Some(d), Some(a), Some(b)) = (dims, at.get(l.from.as_str()), at.get(l.to.as_str()))
            && d.contains(*a)
            && d.contains(*b)
            && road_cells <= MAX_ROAD_CELLS
        {
            let cells = a.0.abs_diff(b.0) + a.1.abs_diff(b.1) + 1;
            road_cells += cells * if l.two_way { 2 } else { 1 };
            if road_cells > MAX_ROAD_CELLS {
                out.push(Problem::new(
                    p.clone(),
                    "too-large",
                    said!(
                        "the links up to this one cross {road_cells} cells in all; the limit is {MAX_ROAD_CELLS}",
                        "到这条路段为止所有路段共经过 {road_cells} 个网格，上限是 {MAX_ROAD_CELLS}"
                    ),
                    Some(said!("use fewer or shorter links", "减少路段或缩短路段")),
                ));
            }
        }
        k.nodes.check(&l.from, p.field("from"), out);
        k.nodes.check(&l.to, p.field("to"), out);
        if l.from == l.to {
            out.push(Problem::new(
                p.field("to"),
                "self-loop",
                said!("link `{}` starts and ends at `{}`", "路段 `{}` 的起点和终点都是 `{}`", l.id, l.to),
                Some(said!("a link joins two different nodes", "一条路段连接两个不同的节点")),
            ));
        }
        if l.lanes == 0 || l.lanes > MAX_LANES {
            out.push(Problem::new(
                p.field("lanes"),
                "out-of-range",
                said!(
                    "lanes must be 1 to {MAX_LANES}, found {}",
                    "lanes 必须在 1 到 {MAX_LANES} 之间，这里是 {}",
                    l.lanes
                ),
                None,
            ));
        }
        positive(l.speed_kmh, p.field("speed_kmh"), "speed_kmh", out);
        positive(l.capacity_pcu_h_lane, p.field("capacity_pcu_h_lane"), "capacity_pcu_h_lane", out);
        if let Some(len) = l.length_m {
            positive(len, p.field("length_m"), "length_m", out);
        }
        if l.classes.is_empty() {
            out.push(Problem::new(
                p.field("classes"),
                "empty",
                said!("a link must allow at least one vehicle class", "路段至少要允许一种车辆类别"),
                Some(said!("e.g. classes: [Car, Truck, Foot]", "如 classes: [Car, Truck, Foot]")),
            ));
        }
    }
    if let Some(d) = &s.roads.from_cells {
        let p = root.field("from_cells");
        positive(d.speed_kmh, p.field("speed_kmh"), "speed_kmh", out);
        positive(d.capacity_pcu_h_lane, p.field("capacity_pcu_h_lane"), "capacity_pcu_h_lane", out);
        if d.lanes == 0 || d.lanes > MAX_LANES {
            out.push(Problem::new(
                p.field("lanes"),
                "out-of-range",
                said!(
                    "lanes must be 1 to {MAX_LANES}, found {}",
                    "lanes 必须在 1 到 {MAX_LANES} 之间，这里是 {}",
                    d.lanes
                ),
                None,
            ));
        }
    }
}

pub(super) fn weather(s: &Scenario, out: &mut Vec<Problem>) {
    let w = Path::root().field("weather");
    for (i, wind) in s.weather.wind.iter().enumerate() {
        let p = w.field("wind").index(i);
        range(&wind.speed_ms, 0.0, 100.0, p.field("speed_ms"), "speed_ms", out);
        range(&wind.from_deg, 0.0, 360.0, p.field("from_deg"), "from_deg", out);
        if i > 0 && wind.at.0 <= s.weather.wind[i - 1].at.0 {
            out.push(Problem::new(
                p.field("at"),
                "not-increasing",
                said!(
                    "wind changes must be listed in time order, but {} follows {}",
                    "风的变化必须按时间顺序列出，但 {} 排在 {} 之后",
                    wind.at,
                    s.weather.wind[i - 1].at
                ),
                None,
            ));
        }
    }
    series(&s.weather.rain_mm_h, w.field("rain_mm_h"), false, out);
    if let Some(t) = &s.weather.temperature_c {
        range(t, -90.0, 60.0, w.field("temperature_c"), "temperature_c", out);
    }
    if let Some(m) = &s.weather.fuel_moisture_pct {
        range(m, 0.0, 300.0, w.field("fuel_moisture_pct"), "fuel_moisture_pct", out);
    }
    if let Some(h) = &s.weather.relative_humidity_pct {
        range(h, 0.0, 100.0, w.field("relative_humidity_pct"), "relative_humidity_pct", out);
    }
    let mut times = [None, None];
    for (k, (field, value)) in [("sunrise", &s.weather.sunrise), ("sunset", &s.weather.sunset)]
        .into_iter()
        .enumerate()
    {
        let Some(text) = value else { continue };
        match crate::scenario::units::clock_minutes(text) {
            Some(m) => times[k] = Some(m),
            None => out.push(Problem::new(
                w.field(field),
                "bad-time-of-day",
                said!("`{text}` is not a time of day", "`{text}` 不是一天中的时刻"),
                {
                    let example = if k == 0 { "05:42" } else { "19:10" };
                    Some(said!(
                        "write the local time as \"HH:MM\", e.g. {field}: \"{example}\"",
                        "把当地时间写成 \"HH:MM\"，如 {field}: \"{example}\""
                    ))
                },
            )),
        }
    }
    let [rise, set] = times;
    let (rise, set) = (rise.unwrap_or(6 * 60), set.unwrap_or(18 * 60));
    if rise >= set {
        let field = if s.weather.sunset.is_some() { "sunset" } else { "sunrise" };
        out.push(Problem::new(
            w.field(field),
            "sun-order",
            said!(
                "sunrise ({:02}:{:02}) must come before sunset ({:02}:{:02})",
                "日出（{:02}:{:02}）必须早于日落（{:02}:{:02}）",
                rise / 60,
                rise % 60,
                set / 60,
                set % 60
            ),
            Some(said!(
                "polar day and night are not modelled; give both times of the drill's date",
                "不模拟极昼和极夜；请给出演练当天的两个时刻"
            )),
        ));
    }
}

pub(super) fn hazards<'a>(s: &'a Scenario, k: &mut Known<'a>, out: &mut Vec<Problem>) {
    for (i, h) in s.hazards.iter().enumerate() {
        let hp = Path::root().field("hazards").index(i);
        match h {
            Hazard::Flood(f) => {
                for (j, inflow) in f.inflows.iter().enumerate() {
                    let p = hp.field("inflows").index(j);
                    k.location(&inflow.place, p.field("place"), PLACE, None, out);
                    series(&inflow.hydrograph, p.field("hydrograph"), true, out);
                }
                for (j, b) in f.initial_water.iter().enumerate() {
                    k.location(&b.place, hp.field("initial_water").index(j).field("place"), PLACE, None, out);
                }
                for (j, l) in f.levees.iter().enumerate() {
                    let p = hp.field("levees").index(j);
                    k.levees.declare(&l.id, p.field("id"), out);
                    k.location(&l.place, p.field("place"), PLACE, None, out);
                    range(&l.crest_m, 0.0, 1000.0, p.field("crest_m"), "crest_m", out);
                    if let Some(o) = &l.breach_when_overtopped_m {
                        range(o, 0.0, 1000.0, p.field("breach_when_overtopped_m"), "breach_when_overtopped_m", out);
                    }
                }
                for (j, pm) in f.pumps.iter().enumerate() {
                    let p = hp.field("pumps").index(j);
                    k.pumps.declare(&pm.id, p.field("id"), out);
                    k.location(&pm.place, p.field("place"), PLACE, None, out);
                    range(&pm.rate_m3s, 0.0, 1e5, p.field("rate_m3s"), "rate_m3s", out);
                }
            }
            Hazard::Fire(f) => {
                if f.fuel_models.is_empty() {
                    out.push(Problem::new(
                        hp.clone(),
                        "missing-field",
                        said!(
                            "a fire needs `fuel_models`: with no land class mapped to a fuel model nothing can burn",
                            "火灾需要 `fuel_models`：没有地类对应到燃料模型，就什么也烧不起来"
                        ),
                        Some(said!(
                            "e.g. `fuel_models: {{Grass: 1, Shrub: 5, Forest: 10}}` (Anderson's 13 fuel models)",
                            "如 `fuel_models: {{Grass: 1, Shrub: 5, Forest: 10}}`（Anderson 的 13 种燃料模型）"
                        )),
                    ));
                }
                let ignited_by_inject = s
                    .injects
                    .iter()
                    .any(|i| matches!(i.event, crate::scenario::model::Event::Ignite(_)));
                if f.ignitions.is_empty() && !ignited_by_inject {
                    out.push(Problem::new(
                        hp.field("ignitions"),
                        "empty",
                        said!(
                            "a fire needs at least one ignition, or an inject that fires `Ignite`",
                            "火灾至少需要一个起火点，或一个触发 `Ignite` 的情景注入"
                        ),
                        Some(said!(
                            "e.g. `ignitions: [(place: \"ridge\", at: \"20min\")]`",
                            "如 `ignitions: [(place: \"ridge\", at: \"20min\")]`"
                        )),
                    ));
                }
                for (j, ig) in f.ignitions.iter().enumerate() {
                    k.location(&ig.place, hp.field("ignitions").index(j).field("place"), PLACE, None, out);
                }
                if let Some(sp) = &f.spotting {
                    let p = hp.field("spotting");
                    range(
                        &sp.firebrands_per_ha,
                        0.0,
                        1000.0,
                        p.field("firebrands_per_ha"),
                        "firebrands_per_ha",
                        out,
                    );
                    if !(sp.cover_height_m.is_finite() && (0.0..=100.0).contains(&sp.cover_height_m)) {
                        out.push(Problem::new(
                            p.field("cover_height_m"),
                            "out-of-range",
                            said!(
                                "cover_height_m must be 0 to 100 m, found {}",
                                "cover_height_m 必须在 0 到 100 m 之间，这里是 {}",
                                sp.cover_height_m
                            ),
                            None,
                        ));
                    }
                    if !(0.0..=1.0).contains(&sp.shade) {
                        out.push(Problem::new(
                            p.field("shade"),
                            "not-a-share",
                            said!("shade is between 0 and 1, found {}", "shade 在 0 到 1 之间，这里是 {}", sp.shade),
                            None,
                        ));
                    }
                    if s.weather.temperature_c.is_none() {
                        out.push(Problem::new(
                            p.clone(),
                            "missing-field",
                            said!(
                                "an ember's chance to ignite fuel depends on the air temperature, and `weather` gives none",
                                "飞火引燃燃料的概率取决于气温，但 `weather` 中没有给出气温"
                            ),
                            Some(said!(
                                "add `temperature_c: 25.0` (or a distribution) to `weather`",
                                "在 `weather` 中加上 `temperature_c: 25.0`（或一个分布）"
                            )),
                        ));
                    }
                }
                if let Some(sm) = &f.smoke {
                    let p = hp.field("smoke");
                    range(
                        &sm.close_roads_below_m,
                        1.0,
                        5000.0,
                        p.field("close_roads_below_m"),
                        "close_roads_below_m",
                        out,
                    );
                    range(&sm.ground_share, 0.0, 1.0, p.field("ground_share"), "ground_share", out);
                }
                if let Some(st) = &f.structures {
                    let p = hp.field("structures");
                    range(&st.side_m, 1.0, 500.0, p.field("side_m"), "side_m", out);
                    range(&st.separation_m, 0.0, 500.0, p.field("separation_m"), "separation_m", out);
                    range(
                        &st.fire_resistant_share,
                        0.0,
                        1.0,
                        p.field("fire_resistant_share"),
                        "fire_resistant_share",
                        out,
                    );
                    for (class, _) in f.fuel_models.iter().filter(|(c, _)| c.built_up()) {
                        out.push(Problem::new(
                            hp.field("fuel_models").key(&format!("{class:?}")),
                            "conflict",
                            said!(
                                "with `structures`, {class:?} cells burn from building to building (Hamada), not as a fuel model",
                                "有 `structures` 时，{class:?} 网格按建筑之间蔓延（Hamada 模型）燃烧，而不按燃料模型"
                            ),
                            Some(said!(
                                "remove `{class:?}` from `fuel_models`, or remove `structures`",
                                "从 `fuel_models` 中删去 `{class:?}`，或删去 `structures`"
                            )),
                        ));
                    }
                }
                for (class, m) in &f.fuel_models {
                    if !(1..=13).contains(m) {
                        out.push(Problem::new(
                            hp.field("fuel_models").key(&format!("{class:?}")),
                            "out-of-range",
                            said!(
                                "fuel model {m} is not one of Anderson's 13 (1..=13)",
                                "燃料模型 {m} 不在 Anderson 的 13 种之内（1..=13）"
                            ),
                            None,
                        ));
                    }
                }
            }
            Hazard::Release(r) => {
                k.releases.declare(&r.id, hp.field("id"), out);
                k.location(&r.place, hp.field("place"), PLACE, None, out);
                let sources = [r.rate_kg_s.is_some(), r.mass_kg.is_some(), r.tank.is_some()];
                if sources.iter().filter(|s| **s).count() != 1 {
                    out.push(Problem::new(
                        hp.clone(),
                        "missing-field",
                        said!(
                            "a release needs exactly one of `rate_kg_s` (plume), `mass_kg` (puff) or `tank` (a leak)",
                            "泄漏源必须给出 `rate_kg_s`（连续羽流）、`mass_kg`（瞬时烟团）或 `tank`（储罐泄漏）中的恰好一项"
                        ),
                        Some(said!(
                            "e.g. rate_kg_s: 2.5 with duration: \"30min\", or mass_kg: 500.0",
                            "如 rate_kg_s: 2.5 加 duration: \"30min\"，或 mass_kg: 500.0"
                        )),
                    ));
                }
                if r.duration.is_some() && r.rate_kg_s.is_none() {
                    out.push(Problem::new(
                        hp.field("duration"),
                        "conflict",
                        said!(
                            "`duration` only applies to a `rate_kg_s` release",
                            "`duration` 只适用于 `rate_kg_s` 泄漏"
                        ),
                        Some(said!(
                            "a puff is released at once and a tank leaks until it is empty or sealed",
                            "烟团一次释放完，储罐则泄漏到漏空或被堵住为止"
                        )),
                    ));
                }
                let first = s.hazards[..i].iter().find_map(|h| match h {
                    Hazard::Release(r) => Some(&r.id),
                    _ => None,
                });
                for (ach, field) in [(&r.indoor_ach, "indoor_ach"), (&r.sealed_ach, "sealed_ach")] {
                    let Some(ach) = ach else { continue };
                    range(ach, 0.01, 100.0, hp.field(field), field, out);
                    if let Some(first) = first {
                        out.push(Problem::new(
                            hp.field(field),
                            "conflict",
                            said!(
                                "`{field}` describes the homes, not the leak: it is set once, on the drill's first release",
                                "`{field}` 描述的是住宅而不是泄漏：只在演练的第一个泄漏源上设置一次"
                            ),
                            Some(said!(
                                "move it to release `{first}`, or remove it here",
                                "把它移到泄漏源 `{first}`，或在这里删去"
                            )),
                        ));
                    }
                }
                if let Some(t) = &r.tank {
                    let tp = hp.field("tank");
                    range(&t.liquid_kg, 0.0, MAX_QUANTITY, tp.field("liquid_kg"), "liquid_kg", out);
                    range(&t.density_kg_m3, 1.0, 25_000.0, tp.field("density_kg_m3"), "density_kg_m3", out);
                    range(&t.section_m2, 0.01, 1e6, tp.field("section_m2"), "section_m2", out);
                    if let Some(g) = &t.gauge_kpa {
                        range(g, 0.0, 1e5, tp.field("gauge_kpa"), "gauge_kpa", out);
                    }
                    range(
                        &t.hole_diameter_mm,
                        0.0,
                        10_000.0,
                        tp.field("hole_diameter_mm"),
                        "hole_diameter_mm",
                        out,
                    );
                    within(t.hole_height_m, 0.0, 1000.0, tp.field("hole_height_m"), "hole_height_m", out);
                }
                if let Some(q) = &r.rate_kg_s {
                    range(q, 0.0, MAX_QUANTITY, hp.field("rate_kg_s"), "rate_kg_s", out);
                }
                if let Some(q) = &r.mass_kg {
                    range(q, 0.0, MAX_QUANTITY, hp.field("mass_kg"), "mass_kg", out);
                }
                within(r.height_m, 0.0, 1000.0, hp.field("height_m"), "height_m", out);
            }
        }
    }
}
