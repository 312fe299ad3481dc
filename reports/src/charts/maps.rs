//! Maps at key times: each hazard layer snapshot the run wrote
//! (`rasters/<stem>_t<min>min.asc`) and each layer's peak at the end, drawn
//! over a grey elevation background, with the road network (links closed at
//! that time in vermilion), shelters labelled with their occupancy, teams
//! labelled with their task, and population zones.
//!
//! The raster is drawn in discrete classes (a stepped legend reads better on
//! paper than a continuous ramp); runs of equal class along a row are merged
//! into one rectangle, which keeps the SVG small. North is up; axes are in
//! km from the map's south-west corner.

use super::{Chart, DrawResult, LABEL, SMALL, TICK, TITLE, font, latin};
use crate::palette::{self, DARK, GREEN, ORANGE, VERMILION};
use crate::rundir::Raster;
use crate::{RunData, fmt_time};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::BTreeMap;

pub struct MapChart<'a> {
    pub run: &'a RunData,
    /// Raster file stem.
    pub raster: String,
    /// Time shown (min); the end of the run for end-of-run rasters.
    pub t_min: f64,
    pub caption: String,
}

/// The maps worth printing: every `<stem>_t<N>min` snapshot in time order,
/// then each hazard layer's peak at the end of the run, titled and classed
/// as the run's `rasters/layers.json` describes the layers.
pub fn key_maps(run: &RunData) -> Vec<MapChart<'_>> {
    let mut snaps: Vec<(f64, String, String)> = run
        .rasters
        .keys()
        .filter_map(|k| {
            let (name, rest) = k.rsplit_once("_t")?;
            let min: f64 = rest.strip_suffix("min")?.parse().ok()?;
            Some((min, name.to_string(), k.clone()))
        })
        .collect();
    snaps.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.2.cmp(&b.2)));
    let mut out: Vec<MapChart> = snaps
        .into_iter()
        .map(|(min, name, k)| MapChart {
            run,
            caption: format!("{} at {}", snapshot_title(run, &name), fmt_time(min * 60.0)),
            raster: k,
            t_min: min,
        })
        .collect();
    for l in &run.layers {
        let Some(peak) = l.peak_raster.as_ref().filter(|p| run.rasters.contains_key(*p)) else {
            continue;
        };
        out.push(MapChart {
            run,
            raster: peak.clone(),
            t_min: run.summary.duration_s / 60.0,
            caption: format!("Maximum {} over the whole run", l.title.to_lowercase()),
        });
    }
    out
}

/// The layer a raster shows: a snapshot of it or its peak.
fn layer_of<'r>(run: &'r RunData, stem: &str) -> Option<&'r drillsim::engine::LayerInfo> {
    run.layers.iter().find(|l| {
        l.peak_raster.as_deref() == Some(stem)
            || l.snapshot_stem
                .as_deref()
                .is_some_and(|s| stem.strip_prefix(s).is_some_and(|rest| rest.starts_with("_t")))
    })
}

fn snapshot_title(run: &RunData, stem: &str) -> String {
    match run.layers.iter().find(|l| l.snapshot_stem.as_deref() == Some(stem)) {
        Some(l) => l.title.clone(),
        None => stem.replace('_', " "),
    }
}

/// Class edges and unit for a raster: its layer's classes, otherwise eight
/// equal classes up to the maximum.
fn classes(run: &RunData, stem: &str, r: &Raster) -> (Vec<f64>, String) {
    if let Some(l) = layer_of(run, stem).filter(|l| !l.classes.is_empty()) {
        let mut e = l.classes.clone();
        e.push(f64::INFINITY);
        return (e, l.unit.clone());
    }
    let max = r.max().max(1e-9);
    let mut e: Vec<f64> = (0..8).map(|i| max * i as f64 / 8.0).collect();
    e[0] = max * 1e-3;
    e.push(f64::INFINITY);
    (e, String::new())
}

fn class_of(edges: &[f64], v: f64) -> Option<usize> {
    if !v.is_finite() || v < edges[0] {
        return None;
    }
    edges.windows(2).position(|w| v >= w[0] && v < w[1])
}

/// State of each link at `t_s`: closed by order, or flooded for some class.
pub fn closed_links(run: &RunData, t_s: f64) -> BTreeMap<String, &'static str> {
    let mut state: BTreeMap<String, &'static str> = BTreeMap::new();
    for e in run.events.iter().filter(|e| e.t_s <= t_s) {
        match e.kind.as_str() {
            "road_closed" => {
                state.insert(e.subject.clone(), "closed");
            }
            "road_opened" => {
                state.remove(&e.subject);
            }
            // Hazard closures carry the classes now kept off the link.
            _ if e.num("blocked_classes").is_some() => {
                if e.num("blocked_classes").unwrap_or(0.0) > 0.0 {
                    state.entry(e.subject.clone()).or_insert("blocked");
                } else if state.get(&e.subject) == Some(&"blocked") {
                    state.remove(&e.subject);
                }
            }
            _ => {}
        }
    }
    state
}

/// Each team's last reported (cell, state, task) at or before `t_s`.
pub fn team_positions(run: &RunData, t_s: f64) -> BTreeMap<String, (usize, String, String)> {
    let mut out = BTreeMap::new();
    for e in run.events_of("team_state").filter(|e| e.t_s <= t_s) {
        if let Some(cell) = e.num("cell") {
            let st = e.str("state").unwrap_or_default().to_string();
            out.insert(
                e.subject.clone(),
                (cell as usize, st, e.str("task").unwrap_or_default().to_string()),
            );
        }
    }
    out
}

impl MapChart<'_> {
    fn grid(&self) -> Option<&Raster> {
        self.run.rasters.get(&self.raster)
    }
}

impl Chart for MapChart<'_> {
    fn stem(&self) -> String {
        format!("map_{}", self.raster)
    }
    fn title(&self) -> String {
        self.caption.clone()
    }
    fn size(&self) -> (u32, u32) {
        (1600, 1300)
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let Some(r) = self.grid() else { return Ok(()) };
        let (plot, side) = root.split_horizontally(1600 - 440);
        let km = r.cell_m / 1000.0;
        let (w_km, h_km) = (r.cols as f64 * km, r.rows as f64 * km);
        let mut chart = ChartBuilder::on(&plot)
            .caption(&self.caption, font(&self.caption, TITLE))
            .margin(20)
            .x_label_area_size(80)
            .y_label_area_size(100)
            .build_cartesian_2d(0.0..w_km, 0.0..h_km)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_desc("Easting (km)")
            .y_desc("Northing (km)")
            .x_label_formatter(&|v| super::axis_num(*v))
            .y_label_formatter(&|v| super::axis_num(*v))
            .axis_desc_style(latin(LABEL))
            .label_style(latin(TICK))
            .draw()?;
        // (col, row) of a cell's centre in km, north up.
        let xy = |cell: usize| -> (f64, f64) {
            let (c, rr) = ((cell % r.cols) as f64, (cell / r.cols) as f64);
            ((c + 0.5) * km, (r.rows as f64 - rr - 0.5) * km)
        };
        let rect_row = |row: usize, c0: usize, c1: usize| -> [(f64, f64); 2] {
            let y1 = (r.rows - row) as f64 * km;
            [(c0 as f64 * km, y1), (c1 as f64 * km, y1 - km)]
        };
        let scenario = self.run.scenario.as_ref().ok();
        // Elevation background in eight grey steps, when the scenario compiled.
        if let Some(sc) = scenario.filter(|s| s.terrain.dims.cols == r.cols && s.terrain.dims.rows == r.rows) {
            let el = &sc.terrain.elevation;
            let (lo, hi) = el
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
            let step = |v: f64| (((v - lo) / (hi - lo).max(1e-9)) * 7.999) as u8;
            let grey = |s: u8| RGBColor(178 + s * 9, 178 + s * 9, 178 + s * 9);
            draw_runs(&mut chart, r, |i| Some(step(el[i])), |s| grey(*s), rect_row)?;
        }
        let (edges, unit) = classes(self.run, &self.raster, r);
        let ramp = palette::ramp(edges.len() - 1);
        draw_runs(&mut chart, r, |i| class_of(&edges, r.values[i]), |k| ramp[*k], rect_row)?;

        let t_s = self.t_min * 60.0;
        // Marker half-size: about 12 px whatever the map's extent.
        let mark = w_km / 90.0;
        let mut placed = Placed::new(w_km, h_km);
        if let Some(sc) = scenario {
            let closed = closed_links(self.run, t_s);
            let net = &sc.roads;
            let mut seen = std::collections::BTreeSet::new();
            for a in &net.arcs {
                if !seen.insert(a.link) {
                    continue;
                }
                let (p, q) = (xy(net.nodes[a.from].cell), xy(net.nodes[a.to].cell));
                let id = &net.link_ids[a.link];
                match closed.get(id) {
                    Some(_) => {
                        chart.draw_series(LineSeries::new([p, q], VERMILION.stroke_width(7)))?;
                        let mid = ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0);
                        chart.draw_series(std::iter::once(Cross::new(mid, 12, BLACK.stroke_width(4))))?;
                    }
                    None => {
                        chart.draw_series(LineSeries::new([p, q], DARK.stroke_width(3)))?;
                    }
                }
            }
            let centroid = |place: &str| -> Option<(f64, f64)> {
                let cells = sc.places.get(place)?;
                let n = cells.len().max(1) as f64;
                let (sx, sy) = cells.iter().map(|c| xy(*c)).fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
                Some((sx / n, sy / n))
            };
            for z in &sc.scenario.population {
                if let Some(p) = centroid(&z.zone) {
                    let at = placed.place(&z.zone, p, false);
                    let style = font(&z.zone, SMALL).color(&DARK).pos(Pos::new(HPos::Left, VPos::Center));
                    chart.draw_series(std::iter::once(Text::new(z.zone.clone(), at, style)))?;
                }
            }
            let s = &self.run.series;
            for sh in &sc.scenario.shelters {
                let Some(p) = centroid(&sh.place) else { continue };
                let occ = s.col(&format!("shelter.{}.occupancy", sh.id)).and_then(|i| s.at(i, self.t_min));
                let cap = s.col(&format!("shelter.{}.capacity", sh.id)).and_then(|i| s.at(i, self.t_min));
                let label = match (occ, cap) {
                    (Some(o), Some(c)) => format!("{} {o:.0}/{c:.0}", sh.id),
                    _ => sh.id.clone(),
                };
                let full = matches!((occ, cap), (Some(o), Some(c)) if o >= c && c > 0.0);
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(p.0 - mark, p.1 - mark), (p.0 + mark, p.1 + mark)],
                    if full { VERMILION.filled() } else { GREEN.filled() },
                )))?;
                let at = placed.place(&label, beside(p, w_km, mark), p.0 > w_km * 0.6);
                chart.draw_series(std::iter::once(Text::new(label.clone(), at, anchored(&label, p, w_km))))?;
            }
            for (team, (cell, state, task)) in team_positions(self.run, t_s) {
                if cell >= r.cols * r.rows {
                    continue;
                }
                let p = xy(cell);
                let label = if task.is_empty() {
                    format!("{team} ({state})")
                } else {
                    format!("{team}: {task}")
                };
                chart.draw_series(std::iter::once(TriangleMarker::new(p, 12, palette::team_state(&state).filled())))?;
                let at = placed.place(&label, beside(p, w_km, mark), p.0 > w_km * 0.6);
                chart.draw_series(std::iter::once(Text::new(label.clone(), at, anchored(&label, p, w_km))))?;
            }
        }
        self.legend(&side, &edges, &ramp, &unit)
    }
}

impl MapChart<'_> {
    fn legend<DB: DrawingBackend>(&self, side: &DrawingArea<DB, Shift>, edges: &[f64], ramp: &[RGBColor], unit: &str) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let title = match layer_of(self.run, &self.raster) {
            Some(l) if !unit.is_empty() => format!("{} ({unit})", l.title),
            Some(l) => l.title.clone(),
            None => self.raster.replace('_', " "),
        };
        side.draw(&Text::new(title, (10, 40), latin(LABEL)))?;
        let mut y = 90;
        for (k, w) in edges.windows(2).enumerate().rev() {
            let label = if w[1].is_finite() {
                format!("{} – {}", num(w[0]), num(w[1]))
            } else {
                format!("≥ {}", num(w[0]))
            };
            side.draw(&Rectangle::new([(10, y), (60, y + 34)], ramp[k].filled()))?;
            side.draw(&Text::new(label, (72, y + 6), latin(SMALL)))?;
            y += 34;
        }
        y += 40;
        let items: [(&str, RGBColor, u32); 5] = [
            ("open road", DARK, 3),
            ("closed or flooded road", VERMILION, 7),
            ("shelter (occupied/capacity)", GREEN, 0),
            ("shelter full", VERMILION, 0),
            ("team: task", ORANGE, 1),
        ];
        for (label, c, width) in items {
            match width {
                0 => side.draw(&Rectangle::new([(14, y + 4), (38, y + 28)], c.filled()))?,
                1 => side.draw(&TriangleMarker::new((26, y + 16), 12, c.filled()))?,
                w => side.draw(&PathElement::new(vec![(8, y + 16), (60, y + 16)], c.stroke_width(w)))?,
            }
            side.draw(&Text::new(label.to_string(), (72, y + 6), latin(SMALL)))?;
            y += 42;
        }
        if let Err(why) = &self.run.scenario {
            y += 20;
            for line in wrap(&format!("Roads, shelters and teams not drawn: {why}"), 30) {
                side.draw(&Text::new(line, (10, y), latin(SMALL - 4.0)))?;
                y += 24;
            }
        }
        Ok(())
    }
}

/// Labels already drawn, as boxes in km, so later ones step down instead of
/// overprinting. Sizes are estimates from the font size and the plot's scale
/// (~1100 px for the map's extent).
struct Placed {
    boxes: Vec<[f64; 4]>,
    char_w: f64,
    line_h: f64,
}

impl Placed {
    fn new(w_km: f64, h_km: f64) -> Self {
        Placed {
            boxes: Vec::new(),
            char_w: w_km * 12.5 / 1100.0,
            line_h: h_km * 28.0 / 1100.0,
        }
    }
    /// Position for a label anchored at `at` (its right end if `right`).
    fn place(&mut self, label: &str, at: (f64, f64), right: bool) -> (f64, f64) {
        let w = label.chars().map(|c| if crate::fonts::is_cjk(c) { 2.0 } else { 1.0 }).sum::<f64>() * self.char_w;
        let mut y = at.1;
        for _ in 0..8 {
            let x0 = if right { at.0 - w } else { at.0 };
            let b = [x0, y - self.line_h / 2.0, x0 + w, y + self.line_h / 2.0];
            if !self.boxes.iter().any(|o| b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) {
                self.boxes.push(b);
                return (at.0, y);
            }
            y -= self.line_h;
        }
        at
    }
}

/// Where a label goes: right of its marker, or left of it in the map's right half.
fn beside(p: (f64, f64), w_km: f64, mark: f64) -> (f64, f64) {
    if p.0 > w_km * 0.6 {
        (p.0 - 1.6 * mark, p.1)
    } else {
        (p.0 + 1.6 * mark, p.1)
    }
}

fn anchored(label: &str, p: (f64, f64), w_km: f64) -> TextStyle<'static> {
    let h = if p.0 > w_km * 0.6 { HPos::Right } else { HPos::Left };
    font(label, SMALL).pos(Pos::new(h, VPos::Center))
}

fn num(v: f64) -> String {
    if v >= 10.0 {
        format!("{v:.0}")
    } else {
        format!("{}", (v * 100.0).round() / 100.0)
    }
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for w in text.split_whitespace() {
        let cur = lines.last_mut().expect("never empty");
        if !cur.is_empty() && cur.chars().count() + w.chars().count() >= width {
            lines.push(w.to_string());
        } else {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(w);
        }
    }
    lines
}

/// Fill the cells of `r` by class, merging equal runs along each row.
fn draw_runs<DB: DrawingBackend, K: PartialEq, C: Fn(usize) -> Option<K>>(
    chart: &mut super::TimeChart<'_, DB>,
    r: &Raster,
    class: C,
    colour: impl Fn(&K) -> RGBColor,
    rect_row: impl Fn(usize, usize, usize) -> [(f64, f64); 2],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let mut rects = Vec::new();
    for row in 0..r.rows {
        let mut c0 = 0;
        while c0 < r.cols {
            let k = class(row * r.cols + c0);
            let mut c1 = c0 + 1;
            while c1 < r.cols && class(row * r.cols + c1) == k {
                c1 += 1;
            }
            if let Some(k) = k {
                rects.push(Rectangle::new(rect_row(row, c0, c1), colour(&k).filled()));
            }
            c0 = c1;
        }
    }
    chart.draw_series(rects)?;
    Ok(())
}
