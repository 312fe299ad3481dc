//! The batch report's charts: the score's histogram, each objective's
//! probability of being met with its interval, and the probability maps
//! over the scenario's elevation, roads, zones and shelters (the base layers of a
//! run's maps, [`crate::charts::maps`]).

use super::{BatchData, analysis};
use crate::charts::map_base::{
    MAP_PLOT_WIDTH, MAP_WIDTH, MARK_PX, draw_elevation, draw_label, draw_roads_and_zones, draw_runs, km_frame, map_height, place_labels,
};
use crate::charts::{
    BoxError, Chart, ChartFile, DrawResult, LABEL, SMALL, TICK, TITLE, TimeChart, axis_num, font, latin, legend, render, with_legend,
};
use crate::labels::chart as tr;
use crate::palette::{self, DARK, GREEN, LIGHT};
use crate::rundir::Raster;
use crate::{Lang, ReportError};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::Path;

/// Bins of the score histogram: enough to show a shape, few enough that a
/// batch of a few dozen runs still fills them.
const SCORE_BINS: usize = 20;

/// Every chart the batch report shows.
pub fn render_all(data: &BatchData, dir: &Path) -> Result<Vec<ChartFile>, ReportError> {
    let mut out = Vec::new();
    if !data.scores.is_empty() {
        out.push(render(&ScoreHistogram { data }, dir)?);
    }
    if !data.objectives.is_empty() {
        out.push(render(&ObjectiveOdds { data }, dir)?);
    }
    for map in probability_maps(data) {
        out.push(render(&map, dir)?);
    }
    Ok(out)
}

/// One map per probability raster of the batch.
pub fn probability_maps(data: &BatchData) -> Vec<ProbabilityMap<'_>> {
    data.rasters
        .iter()
        .map(|(stem, what, raster)| ProbabilityMap {
            data,
            stem: stem.clone(),
            what: what.clone(),
            raster,
        })
        .collect()
}

/// How the drill score spread over the runs.
pub struct ScoreHistogram<'a> {
    pub data: &'a BatchData,
}

impl Chart for ScoreHistogram<'_> {
    fn stem(&self) -> String {
        "score_histogram".into()
    }
    fn title(&self) -> String {
        tr(self.data.lang, "Drill score over the runs")
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let lang = self.data.lang;
        let (plot, side) = with_legend(root);
        let (lo, width, counts) = analysis::histogram(&self.data.scores, SCORE_BINS);
        let top = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
        let hi = lo + width * SCORE_BINS as f64;
        let title = self.title();
        let (x_desc, y_desc) = (tr(lang, "Drill score (out of 100)"), tr(lang, "Runs"));
        let mut chart = ChartBuilder::on(&plot)
            .caption(&title, font(&title, TITLE))
            .margin(20)
            .x_label_area_size(80)
            .y_label_area_size(110)
            .build_cartesian_2d(lo..hi, 0.0..top * 1.1)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_desc(&x_desc)
            .y_desc(&y_desc)
            .x_label_formatter(&|v| axis_num(*v))
            .y_label_formatter(&|v| axis_num(*v))
            .axis_desc_style(font(&x_desc, LABEL))
            .label_style(latin(TICK))
            .draw()?;
        chart.draw_series(counts.iter().enumerate().map(|(k, c)| {
            let x0 = lo + width * k as f64;
            Rectangle::new([(x0, 0.0), (x0 + width, *c as f64)], palette::ramp(3)[1].filled())
        }))?;
        let mut entries = vec![(tr(lang, "runs in the bin"), palette::ramp(3)[1])];
        if let Some(s) = self.data.column("score") {
            for (v, name, colour) in [
                (s.mean, "mean", DARK),
                (s.p5, "5th percentile", palette::VERMILION),
                (s.p95, "95th percentile", palette::GREEN),
            ] {
                if v.is_finite() {
                    chart.draw_series(std::iter::once(PathElement::new(
                        vec![(v, 0.0), (v, top * 1.1)],
                        colour.stroke_width(4),
                    )))?;
                    entries.push((format!("{} {}", tr(lang, name), axis_num((v * 10.0).round() / 10.0)), colour));
                }
            }
        }
        legend(&side, &tr(lang, "Score"), &entries)
    }
}

/// Each objective's probability of being met, with its Wilson interval.
pub struct ObjectiveOdds<'a> {
    pub data: &'a BatchData,
}

impl Chart for ObjectiveOdds<'_> {
    fn stem(&self) -> String {
        "objectives_met".into()
    }
    fn title(&self) -> String {
        tr(self.data.lang, "Probability of meeting each objective")
    }
    fn size(&self) -> (u32, u32) {
        (1600, (240 + 70 * self.data.objectives.len() as u32).max(420))
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let lang = self.data.lang;
        let bar = palette::ramp(3)[1];
        let rows: Vec<BarRow> = self
            .data
            .objectives
            .iter()
            .map(|o| {
                let p = if o.p.is_finite() { 100.0 * o.p } else { 0.0 };
                BarRow {
                    label: o.id.clone(),
                    value: p,
                    interval: (100.0 * o.lo, 100.0 * o.hi),
                    colour: bar,
                    note: Some(format!("{:.1} % ({}/{})", p, o.met, o.n)),
                }
            })
            .collect();
        let bars = Bars {
            title: self.title(),
            x_desc: tr(lang, "Share of runs meeting the objective (%)"),
            x: (0.0, 100.0),
            background: true,
        };
        let entries = [
            (tr(lang, "share of runs meeting it"), bar),
            (tr(lang, "95 % interval (Wilson)"), DARK),
            (tr(lang, "all runs"), LIGHT),
        ];
        bar_rows(root, &bars, &rows, &tr(lang, "Objectives"), &entries)
    }
}

/// One row of [`bar_rows`]: a bar from 0 to `value`, a whisker over
/// `interval` (left out when not finite), a label at the left and an
/// optional note above the bar.
pub(super) struct BarRow {
    pub label: String,
    pub value: f64,
    pub interval: (f64, f64),
    pub colour: RGBColor,
    pub note: Option<String>,
}

/// The frame of [`bar_rows`]: title, x axis and its range, and whether a
/// light bar spans the whole range behind each row (a share of all runs).
pub(super) struct Bars {
    pub title: String,
    pub x_desc: String,
    pub x: (f64, f64),
    pub background: bool,
}

/// Horizontal bars with interval whiskers, one row each, labels measured so
/// none is cut, a zero line when the range spans zero, and a legend.
pub(super) fn bar_rows<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    bars: &Bars,
    rows: &[BarRow],
    legend_title: &str,
    entries: &[(String, RGBColor)],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let (plot, side) = with_legend(root);
    let n = rows.len().max(1) as f64;
    let mut label_w = 160;
    for r in rows {
        label_w = label_w.max(plot.estimate_text_size(&r.label, &font(&r.label, SMALL))?.0 + 40);
    }
    let (x0, x1) = bars.x;
    let mut chart = ChartBuilder::on(&plot)
        .caption(&bars.title, font(&bars.title, TITLE - 4.0))
        .margin(20)
        .x_label_area_size(80)
        .y_label_area_size(label_w.min(plot.dim_in_pixel().0 / 2))
        .build_cartesian_2d(x0..x1, 0.0..n)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .x_desc(&bars.x_desc)
        .x_label_formatter(&|v| axis_num(*v))
        .axis_desc_style(font(&bars.x_desc, LABEL))
        .label_style(latin(TICK))
        .draw()?;
    if x0 < 0.0 && x1 > 0.0 {
        chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), (0.0, n)], BLACK.stroke_width(2))))?;
    }
    for (i, r) in rows.iter().enumerate() {
        let y = n - 1.0 - i as f64;
        if bars.background {
            chart.draw_series(std::iter::once(Rectangle::new([(x0, y + 0.2), (x1, y + 0.8)], LIGHT.filled())))?;
        }
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.0, y + 0.2), (r.value, y + 0.8)],
            r.colour.filled(),
        )))?;
        let (a, b) = r.interval;
        if a.is_finite() && b.is_finite() {
            let (a, b) = (a.clamp(x0, x1), b.clamp(x0, x1));
            chart.draw_series([
                PathElement::new(vec![(a, y + 0.5), (b, y + 0.5)], DARK.stroke_width(3)),
                PathElement::new(vec![(a, y + 0.35), (a, y + 0.65)], DARK.stroke_width(3)),
                PathElement::new(vec![(b, y + 0.35), (b, y + 0.65)], DARK.stroke_width(3)),
            ])?;
        }
        let (px, py) = chart.backend_coord(&(x0, y + 0.5));
        plot.draw(&Text::new(
            r.label.clone(),
            (px - 12, py),
            font(&r.label, SMALL).pos(Pos::new(HPos::Right, VPos::Center)),
        ))?;
        if let Some(note) = &r.note {
            let at = r.value.max(x0).min(x0 + 0.7 * (x1 - x0)) + 0.01 * (x1 - x0);
            chart.draw_series(std::iter::once(Text::new(note.clone(), (at, y + 0.95), latin(SMALL))))?;
        }
    }
    legend(&side, legend_title, entries)
}

/// Classes of a probability map: the upper edges of "rare" to "almost
/// always" (a cell no run reached is left undrawn).
const P_EDGES: [f64; 6] = [0.0, 0.05, 0.25, 0.5, 0.75, 0.95];

/// One probability raster of the batch on the scenario's map.
pub struct ProbabilityMap<'a> {
    pub data: &'a BatchData,
    pub stem: String,
    pub what: String,
    pub raster: &'a Raster,
}

impl Chart for ProbabilityMap<'_> {
    fn stem(&self) -> String {
        format!("map_{}", self.stem)
    }
    fn title(&self) -> String {
        match self.data.lang {
            Lang::En => format!("Over {}: {}", crate::words::of(self.data.runs, "run", "runs"), self.what),
            Lang::Zh => format!("{} 次运行：{}", self.data.runs, tr(Lang::Zh, &self.what)),
        }
    }
    fn size(&self) -> (u32, u32) {
        (MAP_WIDTH, map_height(self.raster))
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let r = self.raster;
        let ramp = palette::ramp(P_EDGES.len());
        let class = |i: usize| {
            let v = r.values[i];
            (v.is_finite() && v > 0.0).then(|| P_EDGES.iter().rposition(|e| v > *e).unwrap_or(0))
        };
        let pct = |v: f64| axis_num(100.0 * v);
        let mut entries: Vec<(String, RGBColor)> = P_EDGES
            .iter()
            .enumerate()
            .map(|(k, lo)| {
                let hi = P_EDGES.get(k + 1).copied().unwrap_or(1.0);
                (format!("{} – {} %", pct(*lo), pct(hi)), ramp[k])
            })
            .collect();
        entries.reverse();
        let key = Key {
            title: tr(self.data.lang, "Share of runs"),
            entries,
        };
        draw_over_map(root, self.data, r, &self.title(), class, |k| ramp[*k], key)
    }
}

/// A map's legend: its title and the raster's classes, top first.
pub(super) struct Key {
    pub title: String,
    pub entries: Vec<(String, RGBColor)>,
}

/// A raster classed by `class` over the scenario's elevation, roads and
/// zones, every shelter marked and every shelter and zone named, with the
/// legend `key` (roads, zones and shelters added) on the right.
pub(super) fn draw_over_map<DB: DrawingBackend, K: PartialEq>(
    root: &DrawingArea<DB, Shift>,
    data: &BatchData,
    r: &Raster,
    title: &str,
    class: impl Fn(usize) -> Option<K>,
    colour: impl Fn(&K) -> RGBColor,
    key: Key,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let lang = data.lang;
    let km = r.cell_m / 1000.0;
    let (plot, side) = root.split_horizontally(MAP_PLOT_WIDTH);
    let mut chart = km_frame(&plot, r, (title, TITLE - 4.0), lang)?;
    let sc = data.scenario.as_ref().ok();
    if let Some(sc) = sc {
        draw_elevation(&mut chart, sc, r)?;
    }
    let rect = |row: usize, c0: usize, c1: usize| {
        let y1 = (r.rows - row) as f64 * km;
        [(c0 as f64 * km, y1), (c1 as f64 * km, y1 - km)]
    };
    draw_runs(&mut chart, r, class, colour, rect)?;
    if let Some(sc) = sc {
        draw_roads_and_zones(&mut chart, sc, r, &|_| false)?;
        // Shelters marked, and every shelter and zone named, so the
        // reader can say whom and what the risk falls on.
        let marks = marks(sc, r);
        for (_, at, shelter) in &marks {
            if *shelter {
                let (cx, cy) = chart.as_coord_spec().translate(at);
                root.draw(&Rectangle::new(
                    [(cx - MARK_PX, cy - MARK_PX), (cx + MARK_PX, cy + MARK_PX)],
                    GREEN.filled(),
                ))?;
            }
        }
        let anchors: Vec<(&str, (f64, f64), i32)> = marks
            .iter()
            .map(|(label, at, shelter)| (label.as_str(), *at, if *shelter { MARK_PX } else { 2 }))
            .collect();
        for ((label, ..), placed) in marks.iter().zip(place_labels(&chart, root, &anchors)?) {
            draw_label(root, label, placed.as_ref())?;
        }
    }
    let mut entries = key.entries;
    entries.push((tr(lang, "open road"), DARK));
    entries.push((tr(lang, "population zone"), palette::PURPLE));
    entries.push((tr(lang, "shelter"), GREEN));
    legend(&side, &key.title, &entries)
}

/// Every shelter (`true`) and zone of `sc`, named at its place's centre (km
/// on `r`'s grid).
fn marks(sc: &drillsim::CompiledScenario, r: &Raster) -> Vec<(String, (f64, f64), bool)> {
    let km = r.cell_m / 1000.0;
    let centre = |place: &str| -> Option<(f64, f64)> {
        // A place, or a road node standing for one.
        let cells = Some(sc.cells_of(place)).filter(|c| !c.is_empty())?;
        let n = cells.len() as f64;
        let (sx, sy) = cells.iter().fold((0.0, 0.0), |(x, y), c| {
            let (col, row) = ((c % r.cols) as f64, (c / r.cols) as f64);
            (x + (col + 0.5) * km, y + (r.rows as f64 - row - 0.5) * km)
        });
        Some((sx / n, sy / n))
    };
    let shelters = sc
        .scenario
        .shelters
        .iter()
        .filter_map(|s| Some((s.id.clone(), centre(&s.place)?, true)));
    let zones = sc
        .scenario
        .population
        .iter()
        .filter_map(|z| Some((z.zone.clone(), centre(&z.zone)?, false)));
    shelters.chain(zones).collect()
}

impl ProbabilityMap<'_> {
    /// The map's axes on the plot panel (left of the legend).
    fn frame<'p, DB: DrawingBackend>(&self, plot: &'p DrawingArea<DB, Shift>) -> Result<TimeChart<'p, DB>, BoxError>
    where
        DB::ErrorType: 'static,
    {
        km_frame(plot, self.raster, (&self.title(), TITLE - 4.0), self.data.lang)
    }

    /// The label boxes of this map, as drawn (pixels): for tests.
    pub fn label_boxes(&self) -> Vec<Option<[i32; 4]>> {
        let (w, h) = self.size();
        let mut svg = String::new();
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let Ok(sc) = self.data.scenario.as_ref() else { return Vec::new() };
        crate::fonts::register();
        let (plot, _) = root.split_horizontally(MAP_PLOT_WIDTH);
        let Ok(chart) = self.frame(&plot) else { return Vec::new() };
        let marks = marks(sc, self.raster);
        let anchors: Vec<(&str, (f64, f64), i32)> = marks
            .iter()
            .map(|(label, at, shelter)| (label.as_str(), *at, if *shelter { MARK_PX } else { 2 }))
            .collect();
        place_labels(&chart, &root, &anchors)
            .map(|v| v.into_iter().map(|p| p.map(|p| p.rect)).collect())
            .unwrap_or_default()
    }
}
