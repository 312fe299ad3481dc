//! Places, roads, weather and hazards: the physical world of the drill.

use super::numbers::{positive, range, series, within};
use super::{Known, MAX_LANES, MAX_QUANTITY, MAX_ROAD_CELLS, MAX_ROAD_LINKS, MAX_ROAD_NODES, MAX_SHAPE_POINTS};
use crate::map::{Cell, Dims, MAX_PLACE_CELLS, shape_cell_estimate};
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
                    format!("a Polygon needs at least 3 points, found {}", v.len()),
                    Some("use Point(col, row) or Rect(col0, row0, col1, row1) for smaller places".into()),
                ));
                false
            }
            Shape::Line(v) if v.is_empty() => {
                out.push(Problem::new(
                    at.clone(),
                    "bad-shape",
                    "a Line needs at least one point",
                    Some("e.g. Line([(0, 4), (10, 4)])".into()),
                ));
                false
            }
            Shape::Polygon(v) | Shape::Line(v) if v.len() > MAX_SHAPE_POINTS => {
                out.push(Problem::new(
                    at.clone(),
                    "too-large",
                    format!("the shape has {} points; the limit is {MAX_SHAPE_POINTS}", v.len()),
                    Some("simplify the outline".into()),
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
                format!(
                    "place `{}` has point ({}, {}) outside the {}×{} map",
                    p.name, pt.0, pt.1, d.cols, d.rows
                ),
                Some(format!(
                    "cells are (col, row) with col 0..={} and row 0..={} (row 0 is the top edge)",
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
                    format!("all places up to this one cover {covered} cells; the limit is {MAX_PLACE_CELLS}"),
                    Some("use fewer or smaller places, or a coarser cell_size_m".into()),
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
            format!("{} road nodes; the limit is {MAX_ROAD_NODES}", s.roads.nodes.len()),
            None,
        ));
    }
    if s.roads.links.len() > MAX_ROAD_LINKS {
        out.push(Problem::new(
            root.field("links"),
            "too-large",
            format!("{} road links; the limit is {MAX_ROAD_LINKS}", s.roads.links.len()),
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
                format!(
                    "road node `{}` at ({}, {}) is outside the {}×{} map",
                    n.id, n.at.0, n.at.1, d.cols, d.rows
                ),
                Some(format!(
                    "cells are (col, row) with col 0..={} and row 0..={}",
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
                    format!("the links up to this one cross {road_cells} cells in all; the limit is {MAX_ROAD_CELLS}"),
                    Some("use fewer or shorter links".into()),
                ));
            }
        }
        k.nodes.check(&l.from, p.field("from"), out);
        k.nodes.check(&l.to, p.field("to"), out);
        if l.from == l.to {
            out.push(Problem::new(
                p.field("to"),
                "self-loop",
                format!("link `{}` starts and ends at `{}`", l.id, l.to),
                Some("a link joins two different nodes".into()),
            ));
        }
        if l.lanes == 0 || l.lanes > MAX_LANES {
            out.push(Problem::new(
                p.field("lanes"),
                "out-of-range",
                format!("lanes must be 1 to {MAX_LANES}, found {}", l.lanes),
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
                "a link must allow at least one vehicle class",
                Some("e.g. classes: [Car, Truck, Foot]".into()),
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
                format!("lanes must be 1 to {MAX_LANES}, found {}", d.lanes),
                None,
            ));
        }
    }
}

pub(super) fn weather(s: &Scenario, out: &mut Vec<Problem>) {
    let w = Path::root().field("weather");
    for (i, wind) in s.weather.wind.iter().enumerate() {
        let p = w.field("wind").index(i);
        range(&wind.speed_ms, 0.0, 100.0, p.field("speed_ms"), "wind speed_ms", out);
        range(&wind.from_deg, 0.0, 360.0, p.field("from_deg"), "from_deg", out);
        if i > 0 && wind.at.0 <= s.weather.wind[i - 1].at.0 {
            out.push(Problem::new(
                p.field("at"),
                "not-increasing",
                format!(
                    "wind changes must be listed in time order, but {} follows {}",
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
                format!("`{text}` is not a time of day"),
                Some(format!(
                    "write the local time as \"HH:MM\", e.g. {field}: \"{}\"",
                    if k == 0 { "05:42" } else { "19:10" }
                )),
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
            format!(
                "sunrise ({:02}:{:02}) must come before sunset ({:02}:{:02})",
                rise / 60,
                rise % 60,
                set / 60,
                set % 60
            ),
            Some("polar day and night are not modelled; give both times of the drill's date".into()),
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
                    k.location(&inflow.place, p.field("place"), "place", None, out);
                    series(&inflow.hydrograph, p.field("hydrograph"), true, out);
                }
                for (j, b) in f.initial_water.iter().enumerate() {
                    k.location(&b.place, hp.field("initial_water").index(j).field("place"), "place", None, out);
                }
                for (j, l) in f.levees.iter().enumerate() {
                    let p = hp.field("levees").index(j);
                    k.levees.declare(&l.id, p.field("id"), out);
                    k.location(&l.place, p.field("place"), "place", None, out);
                    range(&l.crest_m, 0.0, 1000.0, p.field("crest_m"), "crest_m", out);
                    if let Some(o) = &l.breach_when_overtopped_m {
                        range(o, 0.0, 1000.0, p.field("breach_when_overtopped_m"), "breach_when_overtopped_m", out);
                    }
                }
                for (j, pm) in f.pumps.iter().enumerate() {
                    let p = hp.field("pumps").index(j);
                    k.pumps.declare(&pm.id, p.field("id"), out);
                    k.location(&pm.place, p.field("place"), "place", None, out);
                    range(&pm.rate_m3s, 0.0, 1e5, p.field("rate_m3s"), "rate_m3s", out);
                }
            }
            Hazard::Fire(f) => {
                if f.fuel_models.is_empty() {
                    out.push(Problem::new(
                        hp.clone(),
                        "missing-field",
                        "a fire needs `fuel_models`: with no land class mapped to a fuel model nothing can burn",
                        Some("e.g. `fuel_models: {Grass: 1, Shrub: 5, Forest: 10}` (Anderson's 13 fuel models)".into()),
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
                        "a fire needs at least one ignition, or an inject that fires `Ignite`",
                        Some("e.g. `ignitions: [(place: \"ridge\", at: \"20min\")]`".into()),
                    ));
                }
                for (j, ig) in f.ignitions.iter().enumerate() {
                    k.location(&ig.place, hp.field("ignitions").index(j).field("place"), "place", None, out);
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
                            format!("cover_height_m must be 0 to 100 m, found {}", sp.cover_height_m),
                            None,
                        ));
                    }
                    if !(0.0..=1.0).contains(&sp.shade) {
                        out.push(Problem::new(
                            p.field("shade"),
                            "not-a-share",
                            format!("shade is between 0 and 1, found {}", sp.shade),
                            None,
                        ));
                    }
                    if s.weather.temperature_c.is_none() {
                        out.push(Problem::new(
                            p.clone(),
                            "missing-field",
                            "an ember's chance to ignite fuel depends on the air temperature, and `weather` gives none",
                            Some("add `temperature_c: 25.0` (or a distribution) to `weather`".into()),
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
                            format!("with `structures`, {class:?} cells burn from building to building (Hamada), not as a fuel model"),
                            Some(format!("remove `{class:?}` from `fuel_models`, or remove `structures`")),
                        ));
                    }
                }
                for (class, m) in &f.fuel_models {
                    if !(1..=13).contains(m) {
                        out.push(Problem::new(
                            hp.field("fuel_models").key(&format!("{class:?}")),
                            "out-of-range",
                            format!("fuel model {m} is not one of Anderson's 13 (1..=13)"),
                            None,
                        ));
                    }
                }
            }
            Hazard::Release(r) => {
                k.releases.declare(&r.id, hp.field("id"), out);
                k.location(&r.place, hp.field("place"), "place", None, out);
                let sources = [r.rate_kg_s.is_some(), r.mass_kg.is_some(), r.tank.is_some()];
                if sources.iter().filter(|s| **s).count() != 1 {
                    out.push(Problem::new(
                        hp.clone(),
                        "missing-field",
                        "a release needs exactly one of `rate_kg_s` (plume), `mass_kg` (puff) or `tank` (a leak)",
                        Some("e.g. rate_kg_s: 2.5 with duration: \"30min\", or mass_kg: 500.0".into()),
                    ));
                }
                if r.duration.is_some() && r.rate_kg_s.is_none() {
                    out.push(Problem::new(
                        hp.field("duration"),
                        "conflict",
                        "`duration` only applies to a `rate_kg_s` release",
                        Some("a puff is released at once and a tank leaks until it is empty or sealed".into()),
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
                            format!("`{field}` describes the homes, not the leak: it is set once, on the drill's first release"),
                            Some(format!("move it to release `{first}`, or remove it here")),
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
