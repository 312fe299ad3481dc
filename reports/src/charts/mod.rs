//! Charts: each one a type implementing [`Chart`], drawn once onto an
//! in-memory bitmap (encoded to PNG) and once onto an SVG string, from the
//! same generic `draw`. Sizes and font sizes are chosen for A4: a 1600 px
//! wide chart printed 170 mm wide is ~240 dpi, and 24 px tick labels come out
//! at ~7 pt. A legend sits in its own panel to the right so it never covers data.
//!
//! Text in PNGs is rasterised from the embedded fonts ([`crate::fonts`]). SVGs
//! carry text as `<text>` elements naming the same families; a viewer without
//! them substitutes its own sans-serif font.

mod bearings;
pub mod gantt;
pub mod hazard;
pub(crate) mod map_base;
mod map_state;
pub mod maps;
pub mod msel;
pub mod people;
pub mod placement;
pub mod release;
pub mod scorecard;
pub mod stock;
pub mod waits;

use crate::fonts;
use crate::palette::{self, DARK};
use crate::{ReportError, RunData};
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use std::path::Path;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;
pub type DrawResult = Result<(), BoxError>;
pub type TimeChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

pub const TITLE: f64 = 36.0;
pub const LABEL: f64 = 28.0;
pub const TICK: f64 = 24.0;
pub const SMALL: f64 = 22.0;
/// Width of the legend panel right of a chart.
pub const LEGEND_W: u32 = 360;
pub const TIME_AXIS: &str = "Time since start (h)";

/// Fixed chart text in the run's language.
pub fn tr(run: &RunData, en: &str) -> String {
    crate::labels::chart(run.lang, en)
}

/// A chart drawn from a run.
pub trait Chart {
    /// File stem under `charts/`.
    fn stem(&self) -> String;
    /// Caption in the documents.
    fn title(&self) -> String;
    fn size(&self) -> (u32, u32) {
        (1600, 900)
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static;
}

/// A chart written to disk.
#[derive(Clone, Debug)]
pub struct ChartFile {
    pub stem: String,
    pub title: String,
    pub width: u32,
    pub height: u32,
    /// The PNG, kept for embedding in `report.html`.
    pub png: Vec<u8>,
}

/// Draw `chart` to `dir/<stem>.png` and `dir/<stem>.svg`.
pub fn render<C: Chart>(chart: &C, dir: &Path) -> Result<ChartFile, ReportError> {
    let (w, h) = chart.size();
    let stem = chart.stem();
    if !fonts::register() {
        return Err(ReportError::Chart {
            chart: stem,
            message: "an embedded font did not parse".into(),
        });
    }
    let fail = |e: Box<dyn std::error::Error + Send + Sync>| ReportError::Chart {
        chart: stem.clone(),
        message: e.to_string(),
    };
    let mut buf = vec![255u8; w as usize * h as usize * 3];
    {
        let root = bearings::WithBearings(BitMapBackend::with_buffer(&mut buf, (w, h))).into_drawing_area();
        chart.draw(&root).map_err(fail)?;
        root.present().map_err(|e| fail(e.into()))?;
    }
    let png = encode_png(&buf, w, h).map_err(|e| fail(e.into()))?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| fail(e.into()))?;
        chart.draw(&root).map_err(fail)?;
        root.present().map_err(|e| fail(e.into()))?;
    }
    crate::write_atomic(&dir.join(format!("{stem}.png")), &png)?;
    crate::write_atomic(&dir.join(format!("{stem}.svg")), svg.as_bytes())?;
    Ok(ChartFile {
        stem,
        title: chart.title(),
        width: w,
        height: h,
        png,
    })
}

fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fast);
        let mut writer = enc.write_header()?;
        writer.write_image_data(rgb)?;
    }
    Ok(out)
}

/// A text style in the font that can draw `text`.
pub fn font(text: &str, size: f64) -> TextStyle<'static> {
    (fonts::family(text), size).into_font().color(&BLACK)
}

/// A font for numbers and fixed English labels.
pub fn latin(size: f64) -> TextStyle<'static> {
    (fonts::LATIN, size).into_font().color(&BLACK)
}

/// Split off the legend panel: (plot, legend).
pub fn with_legend<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>) -> (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>) {
    let w = root.dim_in_pixel().0;
    root.split_horizontally(w.saturating_sub(LEGEND_W))
}

/// Draw a legend of colour swatches, top to bottom.
pub fn legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, title: &str, entries: &[(String, RGBColor)]) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let mut y = 70;
    area.draw(&Text::new(title.to_string(), (10, y - 40), font(title, LABEL)))?;
    for (label, c) in entries {
        area.draw(&Rectangle::new([(10, y), (44, y + 26)], c.filled()))?;
        area.draw(&Rectangle::new([(10, y), (44, y + 26)], DARK.stroke_width(1)))?;
        area.draw(&Text::new(label.clone(), (54, y + 2), font(label, SMALL)))?;
        y += 38;
    }
    Ok(())
}

/// Stacked bands over time, bottom band first, as (colour, values): each
/// band's top is the sum of it and those below (a missing value counts as
/// none). Returns the stack's highest top, at least 1.
pub fn stack_tops(bands: &[(RGBColor, &[f64])]) -> (Vec<Vec<f64>>, f64) {
    let mut tops: Vec<Vec<f64>> = Vec::with_capacity(bands.len());
    for (_, v) in bands {
        let below = tops.last().cloned().unwrap_or_else(|| vec![0.0; v.len()]);
        tops.push(
            below
                .iter()
                .zip(v.iter())
                .map(|(a, b)| a + if b.is_finite() { *b } else { 0.0 })
                .collect(),
        );
    }
    let y_max = max_of(tops.last().into_iter().flatten().copied(), 1.0);
    (tops, y_max)
}

/// Draw bands stacked by [`stack_tops`], the top band first so each lower
/// band paints over the one above it.
pub fn draw_stack<DB: DrawingBackend>(
    chart: &mut TimeChart<'_, DB>,
    hours: &[f64],
    bands: &[(RGBColor, &[f64])],
    tops: &[Vec<f64>],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    for ((c, _), top) in bands.iter().zip(tops).rev() {
        chart.draw_series(
            AreaSeries::new(hours.iter().copied().zip(top.iter().copied()), 0.0, c.filled()).border_style(c.stroke_width(1)),
        )?;
    }
    Ok(())
}

/// A time chart over the whole run (x in hours) with y in `0..y_max`.
pub fn time_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    title: &str,
    run: &RunData,
    y_max: f64,
    y_desc: &str,
) -> Result<TimeChart<'a, DB>, Box<dyn std::error::Error + Send + Sync>>
where
    DB::ErrorType: 'static,
{
    let mut chart = ChartBuilder::on(area)
        .caption(title, font(title, TITLE))
        .margin(20)
        .x_label_area_size(80)
        .y_label_area_size(120)
        .build_cartesian_2d(0.0..run.duration_h().max(1e-6), 0.0..y_max.max(1e-9) * 1.08)?;
    let x_desc = tr(run, TIME_AXIS);
    let y_desc = tr(run, y_desc);
    chart
        .configure_mesh()
        .x_desc(&x_desc)
        .y_desc(&y_desc)
        .x_label_formatter(&|v| axis_num(*v))
        .y_label_formatter(&|v| axis_num(*v))
        .axis_desc_style(font(&x_desc, LABEL))
        .label_style(latin(TICK))
        .light_line_style(RGBColor(240, 240, 240))
        .draw()?;
    Ok(chart)
}

/// Dashed vertical lines at each fired inject, labelled with its id.
pub fn inject_markers<DB: DrawingBackend>(chart: &mut TimeChart<'_, DB>, run: &RunData, y_max: f64) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let top = y_max * 1.08;
    inject_markers_on(chart, run, 0.0, top, |i| top * (0.97 - 0.06 * (i % 3) as f64))
}

/// [`inject_markers`] on any y axis (e.g. a log scale): lines from `bottom`
/// to `top`, the i-th label at `label_y(i)`.
pub fn inject_markers_on<DB, Y>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, Y>>,
    run: &RunData,
    bottom: f64,
    top: f64,
    label_y: impl Fn(usize) -> f64,
) -> DrawResult
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
    Y: plotters::coord::ranged1d::Ranged<ValueType = f64>,
{
    for (i, (id, t_s, _)) in run.injects().iter().enumerate() {
        let t = t_s / 3600.0;
        chart.draw_series(DashedLineSeries::new([(t, bottom), (t, top)], 10, 6, DARK.stroke_width(2)))?;
        // Stagger labels so injects close in time stay legible.
        chart.draw_series(std::iter::once(Text::new(format!(" {id}"), (t, label_y(i)), font(id, SMALL))))?;
    }
    Ok(())
}

/// Every chart of a run, in report order, written to `dir`. Charts with no
/// data (no stock tracked, no teams) are left out; the documents say so.
pub fn render_all(run: &RunData, dir: &Path) -> Result<Vec<ChartFile>, ReportError> {
    let mut out = vec![
        render(&scorecard::Scorecard { run }, dir)?,
        render(&people::People { run }, dir)?,
        render(&hazard::Hazard { run }, dir)?,
    ];
    if let Some(d) = release::Dose::new(run) {
        out.push(render(&d, dir)?);
    }
    let air = release::AirAtPlaces::new(run);
    if !air.places.is_empty() {
        out.push(render(&air, dir)?);
    }
    for m in maps::key_maps(run) {
        out.push(render(&m, dir)?);
    }
    let g = gantt::Gantt::new(run);
    if !g.rows.is_empty() {
        out.push(render(&g, dir)?);
    }
    if let Some(w) = waits::Waits::new(run) {
        out.push(render(&w, dir)?);
    }
    let s = stock::Stock::new(run);
    if !s.columns.is_empty() {
        out.push(render(&s, dir)?);
    }
    out.push(render(&msel::Msel::new(run), dir)?);
    Ok(out)
}

/// An axis tick: `2` rather than `2.0`, `0.25` kept, thousands unseparated.
pub fn axis_num(v: f64) -> String {
    let s = format!("{:.3}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// Largest finite value, at least `floor`.
pub fn max_of(values: impl IntoIterator<Item = f64>, floor: f64) -> f64 {
    values.into_iter().filter(|v| v.is_finite()).fold(floor, f64::max)
}

pub fn rating_colour(r: &str) -> RGBColor {
    palette::rating(r)
}
