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

use super::map_base::{
    MAP_PLOT_WIDTH, MAP_WIDTH, MARK_PX, draw_elevation, draw_label, draw_roads_and_zones, draw_runs, km_frame, map_height, place_labels,
};
use super::map_state::{closed_links, shelter_full_at, team_positions};
use super::placement::Placement;
use super::{Chart, DrawResult, LABEL, SMALL, TITLE, font, latin};
use crate::palette::{self, DARK, GREEN, VERMILION};
use crate::rundir::Raster;
use crate::{RunData, fmt_time};
use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;

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
            caption: match run.lang {
                crate::Lang::En => format!("{} at {}", snapshot_title(run, &name), fmt_time(min * 60.0)),
                crate::Lang::Zh => format!("{} {}", fmt_time(min * 60.0), super::tr(run, &snapshot_title(run, &name))),
            },
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
            // A yes/no layer (one class, no unit: buildings burnt) has no
            // maximum to speak of, only where it ever happened.
            caption: match (run.lang, l.classes.len() == 1 && l.unit.is_empty()) {
                (crate::Lang::En, false) => format!("Maximum {} over the whole run", lower_first_word(&l.title)),
                (crate::Lang::En, true) => format!("{} over the whole run", l.title),
                (crate::Lang::Zh, false) => format!("全程最大{}", super::tr(run, &l.title)),
                (crate::Lang::Zh, true) => format!("全程{}", super::tr(run, &l.title)),
            },
        });
    }
    out
}

/// "Flood depth" → "flood depth", but "AEGL zone" stays: acronyms keep their capitals.
fn lower_first_word(title: &str) -> String {
    let mut chars = title.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if b.is_lowercase() => a.to_lowercase().chain(title[a.len_utf8()..].chars()).collect(),
        _ => title.to_string(),
    }
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
        (MAP_WIDTH, self.grid().map_or(1300, map_height))
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let Some(r) = self.grid() else { return Ok(()) };
        let (plot, side) = root.split_horizontally(MAP_PLOT_WIDTH);
        let km = r.cell_m / 1000.0;
        let mut chart = self.frame(&plot)?;
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
        if let Some(sc) = scenario {
            draw_elevation(&mut chart, sc, r)?;
        }
        let (edges, unit) = classes(self.run, &self.raster, r);
        let ramp = if layer_of(self.run, &self.raster).is_some_and(|l| l.name == drillsim::domains::release::AEGL_ZONE) {
            palette::AEGL_ZONES.to_vec()
        } else {
            palette::ramp(edges.len() - 1)
        };
        draw_runs(&mut chart, r, |i| class_of(&edges, r.values[i]), |k| ramp[*k], rect_row)?;
        if let Some(line) = self.fire_line() {
            let by = self.t_min;
            draw_runs(&mut chart, line, |i| (line.values[i] <= by).then_some(()), |_| BLACK, rect_row)?;
        }

        let t_s = self.t_min * 60.0;
        let mut teams_shown: Vec<String> = Vec::new();
        if let Some(sc) = scenario {
            let closed = closed_links(self.run, t_s);
            draw_roads_and_zones(&mut chart, sc, r, &|id| closed.contains_key(id))?;
            for m in self.marks(sc, t_s, &xy) {
                if let Mark::Team { colour, state } = &m.kind {
                    chart.draw_series(std::iter::once(TriangleMarker::new(m.at, MARK_PX, colour.filled())))?;
                    if !teams_shown.contains(state) {
                        teams_shown.push(state.clone());
                    }
                } else if let Mark::Shelter { full } = m.kind {
                    let (cx, cy) = chart.as_coord_spec().translate(&m.at);
                    root.draw(&Rectangle::new(
                        [(cx - MARK_PX, cy - MARK_PX), (cx + MARK_PX, cy + MARK_PX)],
                        if full { VERMILION.filled() } else { GREEN.filled() },
                    ))?;
                }
            }
            for (m, placed) in self.layout(sc, &chart, root)? {
                draw_label(root, &m.label, placed.as_ref())?;
            }
        }
        teams_shown.sort_by_key(|s| palette::TEAM.iter().position(|t| t.0 == s.as_str()).unwrap_or(99));
        self.legend(&side, &edges, &ramp, &unit, &teams_shown)
    }
}

impl MapChart<'_> {
    /// On a map of the fire's flame, the `fire_line` raster (the minute each
    /// cell was lined), when some line was built by the map's time.
    fn fire_line(&self) -> Option<&Raster> {
        let flame = layer_of(self.run, &self.raster).is_some_and(|l| l.name == drillsim::domains::fire::FLAME_LENGTH);
        let line = self.run.rasters.get("fire_line").filter(|_| flame)?;
        let r = self.grid()?;
        let by = self.t_min;
        (line.cols == r.cols && line.rows == r.rows && line.values.iter().any(|v| *v <= by)).then_some(line)
    }

    fn legend<DB: DrawingBackend>(
        &self,
        side: &DrawingArea<DB, Shift>,
        edges: &[f64],
        ramp: &[RGBColor],
        unit: &str,
        teams: &[String],
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let title = match layer_of(self.run, &self.raster) {
            Some(l) if !unit.is_empty() => match self.run.lang {
                crate::Lang::En => format!("{} ({unit})", l.title),
                crate::Lang::Zh => format!("{}（{}）", super::tr(self.run, &l.title), super::tr(self.run, unit)),
            },
            Some(l) => super::tr(self.run, &l.title),
            None => self.raster.replace('_', " "),
        };
        side.draw(&Text::new(title.clone(), (10, 40), font(&title, LABEL)))?;
        let mut y = 90;
        // A yes/no layer (one class, no unit) is named, not bounded ("≥ 0.5").
        let yes_no = edges.len() == 2 && unit.is_empty() && layer_of(self.run, &self.raster).is_some();
        for (k, w) in edges.windows(2).enumerate().rev() {
            let label = if yes_no {
                title.clone()
            } else if w[1].is_finite() {
                format!("{} – {}", num(w[0]), num(w[1]))
            } else {
                format!("≥ {}", num(w[0]))
            };
            side.draw(&Rectangle::new([(10, y), (60, y + 34)], ramp[k].filled()))?;
            side.draw(&Text::new(label.clone(), (72, y + 6), font(&label, SMALL)))?;
            y += 34;
        }
        y += 40;
        let tr = |en: &str| super::tr(self.run, en);
        let mut items: Vec<(String, RGBColor, u32)> = vec![
            (tr("open road"), DARK, 3),
            (tr("closed or flooded road"), VERMILION, 7),
            (tr("population zone"), palette::PURPLE, 2),
            (tr("shelter (occupied/capacity)"), GREEN, 0),
            (tr("shelter full"), VERMILION, 0),
        ];
        if self.fire_line().is_some() {
            items.push((tr("fire line built"), BLACK, 0));
        }
        for state in teams {
            let label = match self.run.lang {
                crate::Lang::En => format!("team {state}: task"),
                crate::Lang::Zh => format!("{}{}：{}", tr("team"), tr(state), tr("task")),
            };
            items.push((label, palette::team_state(state), 1));
        }
        for (label, c, width) in items {
            match width {
                0 => side.draw(&Rectangle::new([(14, y + 4), (38, y + 28)], c.filled()))?,
                1 => side.draw(&TriangleMarker::new((26, y + 16), MARK_PX, c.filled()))?,
                2 => side.draw(&Rectangle::new([(10, y + 4), (60, y + 28)], c.stroke_width(3)))?,
                w => side.draw(&PathElement::new(vec![(8, y + 16), (60, y + 16)], c.stroke_width(w)))?,
            }
            side.draw(&Text::new(label.clone(), (72, y + 6), font(&label, SMALL)))?;
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

/// Something labelled on a map.
pub enum Mark {
    Zone,
    Shelter { full: bool },
    Team { colour: RGBColor, state: String },
}

/// A labelled thing at a point of the map (km).
pub struct Marked {
    pub label: String,
    pub at: (f64, f64),
    pub kind: Mark,
}

impl MapChart<'_> {
    /// Zones, shelters and teams with their labels, in drawing order.
    fn marks(&self, sc: &drillsim::CompiledScenario, t_s: f64, xy: &dyn Fn(usize) -> (f64, f64)) -> Vec<Marked> {
        let r = match self.grid() {
            Some(r) => r,
            None => return Vec::new(),
        };
        let centroid = |place: &str| -> Option<(f64, f64)> {
            let cells = sc.places.get(place)?;
            let n = cells.len().max(1) as f64;
            let (sx, sy) = cells.iter().map(|c| xy(*c)).fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
            Some((sx / n, sy / n))
        };
        let mut out = Vec::new();
        let s = &self.run.series;
        for sh in &sc.scenario.shelters {
            let Some(p) = centroid(&sh.place) else { continue };
            let occ = s.col(&format!("shelter.{}.occupancy", sh.id)).and_then(|i| s.at(i, self.t_min));
            let cap = s.col(&format!("shelter.{}.capacity", sh.id)).and_then(|i| s.at(i, self.t_min));
            let label = match (occ, cap) {
                (Some(o), Some(c)) => format!("{} {o:.0}/{c:.0}", sh.id),
                _ => sh.id.clone(),
            };
            let full = shelter_full_at(self.run, &sh.id, t_s, occ, cap);
            out.push(Marked {
                label,
                at: p,
                kind: Mark::Shelter { full },
            });
        }
        for (team, (cell, state, task)) in team_positions(self.run, t_s) {
            if cell >= r.cols * r.rows {
                continue;
            }
            let label = match (self.run.lang, task.is_empty()) {
                (crate::Lang::En, true) => format!("{team} ({state})"),
                (crate::Lang::En, false) => format!("{team}: {task}"),
                (crate::Lang::Zh, true) => format!("{team}（{}）", super::tr(self.run, &state)),
                (crate::Lang::Zh, false) => format!("{team}：{}", crate::labels::task(crate::Lang::Zh, &task)),
            };
            out.push(Marked {
                label,
                at: xy(cell),
                kind: Mark::Team {
                    colour: palette::team_state(&state),
                    state,
                },
            });
        }
        for z in &sc.scenario.population {
            if let Some(p) = centroid(&z.zone) {
                out.push(Marked {
                    label: z.zone.clone(),
                    at: p,
                    kind: Mark::Zone,
                });
            }
        }
        out
    }

    /// Every label's box, placed without overlap ([`placement`]).
    fn layout<DB: DrawingBackend>(
        &self,
        sc: &drillsim::CompiledScenario,
        chart: &super::TimeChart<'_, DB>,
        root: &DrawingArea<DB, Shift>,
    ) -> Result<Vec<(Marked, Option<Placement>)>, super::BoxError>
    where
        DB::ErrorType: 'static,
    {
        let Some(r) = self.grid() else { return Ok(Vec::new()) };
        let km = r.cell_m / 1000.0;
        let xy = |cell: usize| -> (f64, f64) {
            let (c, rr) = ((cell % r.cols) as f64, (cell / r.cols) as f64);
            ((c + 0.5) * km, (r.rows as f64 - rr - 0.5) * km)
        };
        let marks = self.marks(sc, self.t_min * 60.0, &xy);
        let anchors: Vec<(&str, (f64, f64), i32)> = marks
            .iter()
            .map(|m| (m.label.as_str(), m.at, if matches!(m.kind, Mark::Zone) { 2 } else { MARK_PX }))
            .collect();
        let placed = place_labels(chart, root, &anchors)?;
        Ok(marks.into_iter().zip(placed).collect())
    }

    /// The map's axes on the plot panel (left of the legend).
    fn frame<'p, DB: DrawingBackend>(&self, plot: &'p DrawingArea<DB, Shift>) -> Result<super::TimeChart<'p, DB>, super::BoxError>
    where
        DB::ErrorType: 'static,
    {
        let r = self.grid().ok_or("no raster")?;
        let lang = self.run.lang;
        km_frame(plot, r, (&self.caption, TITLE), lang)
    }

    /// The label boxes of this map, as drawn (pixels): for tests.
    pub fn label_boxes(&self) -> Vec<Option<[i32; 4]>> {
        let (w, h) = self.size();
        let mut svg = String::new();
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let (Some(sc), Some(_)) = (self.run.scenario.as_ref().ok(), self.grid()) else {
            return Vec::new();
        };
        crate::fonts::register();
        let (plot, _) = root.split_horizontally(MAP_PLOT_WIDTH);
        let Ok(chart) = self.frame(&plot) else { return Vec::new() };
        self.layout(sc, &chart, &root)
            .map(|v| v.into_iter().map(|(_, p)| p.map(|p| p.rect)).collect())
            .unwrap_or_default()
    }
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
