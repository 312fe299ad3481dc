//! What every map draws, the run's key maps ([`super::maps`]) and the
//! batch's probability maps alike: the km axes, the scenario's elevation in
//! grey, the roads and zones, a raster in runs of equal class, and labels
//! placed without overlap ([`super::placement`]).

use super::placement::{self, Placement, Wanted};
use super::{DrawResult, LABEL, SMALL, TICK, font, latin};
use crate::palette::{self, DARK, VERMILION};
use crate::rundir::Raster;
use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Half the side of a shelter's square and a team's triangle, pixels.
pub(crate) const MARK_PX: i32 = 12;

/// Blank border of a map's frame, and the room for its axes' labels (px).
const FRAME_MARGIN: i32 = 20;
const X_LABELS: i32 = 80;
const Y_LABELS: i32 = 100;

/// Width of a map chart, and of its plot panel (the legend takes the rest).
pub(crate) const MAP_WIDTH: u32 = 1600;
pub(crate) const MAP_PLOT_WIDTH: u32 = MAP_WIDTH - 440;

/// Height of a map chart for `r`: enough for the map at the plot panel's
/// full width, so a wide map leaves no blank band under it; between 700 px
/// (room for the longest legend) and 1300 px (a tall map, then narrowed by
/// [`km_frame`]).
pub(crate) fn map_height(r: &Raster) -> u32 {
    // Margins, axis labels and a caption of about 50 px around the map.
    let around = (2 * FRAME_MARGIN + X_LABELS + 50) as f64;
    let inner_w = (MAP_PLOT_WIDTH as i32 - 2 * FRAME_MARGIN - Y_LABELS) as f64;
    let shape = r.cols as f64 / r.rows.max(1) as f64;
    (around + inner_w / shape).round().clamp(700.0, 1300.0) as u32
}

/// A map's axes on its plot panel: `r`'s extent in km from the south-west
/// corner, north up, captioned `(text, size)`. A kilometre is as long
/// east–west as north–south: the panel is narrowed (evenly both sides) or
/// shortened (below) to the map's shape, so distances, a plume's width and
/// a fire's ellipse read true.
pub(crate) fn km_frame<'p, DB: DrawingBackend>(
    plot: &'p DrawingArea<DB, Shift>,
    r: &Raster,
    (caption, size): (&str, f64),
    lang: crate::Lang,
) -> Result<super::TimeChart<'p, DB>, super::BoxError>
where
    DB::ErrorType: 'static,
{
    let km = r.cell_m / 1000.0;
    let (x_desc, y_desc) = (
        crate::labels::chart(lang, "Easting (km)"),
        crate::labels::chart(lang, "Northing (km)"),
    );
    // The caption takes its text's height and up to 5 px above and below
    // (plotters' `DrawingArea::titled`).
    let (_, text_h) = plot.estimate_text_size(caption, &font(caption, size))?;
    let caption_h = text_h as i32 + 2 * (text_h as i32 / 2).min(5);
    let (w, h) = plot.dim_in_pixel();
    let inner_w = (w as i32 - 2 * FRAME_MARGIN - Y_LABELS).max(1) as f64;
    let inner_h = (h as i32 - 2 * FRAME_MARGIN - X_LABELS - caption_h).max(1) as f64;
    let shape = r.cols as f64 / r.rows.max(1) as f64;
    let (pad_x, pad_y) = if inner_w / inner_h > shape {
        ((inner_w - inner_h * shape).round() as i32, 0)
    } else {
        (0, (inner_h - inner_w / shape).round() as i32)
    };
    let mut chart = ChartBuilder::on(plot)
        .caption(caption, font(caption, size))
        .margin_top(FRAME_MARGIN)
        .margin_bottom(FRAME_MARGIN + pad_y)
        .margin_left(FRAME_MARGIN + pad_x / 2)
        .margin_right(FRAME_MARGIN + pad_x - pad_x / 2)
        .x_label_area_size(X_LABELS)
        .y_label_area_size(Y_LABELS)
        .build_cartesian_2d(0.0..r.cols as f64 * km, 0.0..r.rows as f64 * km)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(&x_desc)
        .y_desc(&y_desc)
        .x_label_formatter(&|v| super::axis_num(*v))
        .y_label_formatter(&|v| super::axis_num(*v))
        .axis_desc_style(font(&x_desc, LABEL))
        .label_style(latin(TICK))
        .draw()?;
    Ok(chart)
}

/// Where each label goes: `(text, anchor in km, marker half size in px)`,
/// placed without overlap ([`placement`]) inside the plot.
pub(crate) fn place_labels<DB: DrawingBackend>(
    chart: &super::TimeChart<'_, DB>,
    root: &DrawingArea<DB, Shift>,
    anchors: &[(&str, (f64, f64), i32)],
) -> Result<Vec<Option<Placement>>, super::BoxError>
where
    DB::ErrorType: 'static,
{
    let mut wanted = Vec::with_capacity(anchors.len());
    for (label, at, marker) in anchors {
        let (w, h) = root.estimate_text_size(label, &font(label, SMALL))?;
        wanted.push(Wanted {
            anchor: chart.as_coord_spec().translate(at),
            marker: *marker,
            size: (w as i32, h as i32),
        });
    }
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    Ok(placement::place(&wanted, [xs.start, ys.start, xs.end, ys.end]))
}

/// A placed label: a leader line when it stands away from its marker, a
/// white box under the text (it keeps roads and water off it), the text.
pub(crate) fn draw_label<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, label: &str, placed: Option<&Placement>) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let Some(p) = placed else { return Ok(()) };
    if let Some((a, b)) = p.leader {
        root.draw(&PathElement::new(vec![a, b], DARK.stroke_width(2)))?;
    }
    root.draw(&Rectangle::new(
        [(p.rect[0], p.rect[1]), (p.rect[2], p.rect[3])],
        WHITE.mix(0.85).filled(),
    ))?;
    let style = font(label, SMALL).color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center));
    root.draw(&Text::new(label.to_string(), (p.rect[0] + 4, (p.rect[1] + p.rect[3]) / 2), style))?;
    Ok(())
}

/// The map cell `(row, columns c0..c1)` as a rectangle in km, north up.
fn cell_rect(r: &Raster, row: usize, c0: usize, c1: usize) -> [(f64, f64); 2] {
    let km = r.cell_m / 1000.0;
    let y1 = (r.rows - row) as f64 * km;
    [(c0 as f64 * km, y1), (c1 as f64 * km, y1 - km)]
}

/// The scenario's elevation under a raster of the same grid, in eight grey
/// steps (nothing when the grids differ).
pub(crate) fn draw_elevation<DB: DrawingBackend>(
    chart: &mut super::TimeChart<'_, DB>,
    sc: &drillsim::CompiledScenario,
    r: &Raster,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    if sc.terrain.dims.cols != r.cols || sc.terrain.dims.rows != r.rows {
        return Ok(());
    }
    let el = &sc.terrain.elevation;
    let (lo, hi) = el
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
    let step = |v: f64| (((v - lo) / (hi - lo).max(1e-9)) * 7.999) as u8;
    let grey = |s: u8| RGBColor(178 + s * 9, 178 + s * 9, 178 + s * 9);
    draw_runs(
        chart,
        r,
        |i| Some(step(el[i])),
        |s| grey(*s),
        |row, c0, c1| cell_rect(r, row, c0, c1),
    )
}

/// The road network (links `closed` says are closed in vermilion with a
/// cross) and the outline of each population zone's cells.
pub(crate) fn draw_roads_and_zones<DB: DrawingBackend>(
    chart: &mut super::TimeChart<'_, DB>,
    sc: &drillsim::CompiledScenario,
    r: &Raster,
    closed: &dyn Fn(&str) -> bool,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let km = r.cell_m / 1000.0;
    let xy = |cell: usize| -> (f64, f64) {
        let (c, rr) = ((cell % r.cols) as f64, (cell / r.cols) as f64);
        ((c + 0.5) * km, (r.rows as f64 - rr - 0.5) * km)
    };
    let net = &sc.roads;
    let mut seen = std::collections::BTreeSet::new();
    for a in &net.arcs {
        if !seen.insert(a.link) {
            continue;
        }
        let (p, q) = (xy(net.nodes[a.from].cell), xy(net.nodes[a.to].cell));
        if closed(&net.link_ids[a.link]) {
            chart.draw_series(LineSeries::new([p, q], VERMILION.stroke_width(7)))?;
            let mid = ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0);
            chart.draw_series(std::iter::once(Cross::new(mid, 12, BLACK.stroke_width(4))))?;
        } else {
            chart.draw_series(LineSeries::new([p, q], DARK.stroke_width(3)))?;
        }
    }
    for z in &sc.scenario.population {
        let Some(cells) = sc.places.get(&z.zone) else { continue };
        let inside: std::collections::BTreeSet<usize> = cells.iter().copied().collect();
        let mut edges = Vec::new();
        for &c in cells {
            let (col, row) = (c % r.cols, c / r.cols);
            let [(x0, y1), (x1, y0)] = cell_rect(r, row, col, col + 1);
            let north = row > 0 && inside.contains(&(c - r.cols));
            let south = row + 1 < r.rows && inside.contains(&(c + r.cols));
            let west = col > 0 && inside.contains(&(c - 1));
            let east = col + 1 < r.cols && inside.contains(&(c + 1));
            for (open, a, b) in [
                (north, (x0, y1), (x1, y1)),
                (south, (x0, y0), (x1, y0)),
                (west, (x0, y0), (x0, y1)),
                (east, (x1, y0), (x1, y1)),
            ] {
                if !open {
                    edges.push(PathElement::new(vec![a, b], palette::PURPLE.stroke_width(3)));
                }
            }
        }
        chart.draw_series(edges)?;
    }
    Ok(())
}

/// Fill the cells of `r` by class, merging equal runs along each row.
pub(crate) fn draw_runs<DB: DrawingBackend, K: PartialEq, C: Fn(usize) -> Option<K>>(
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The plotting area's width over height (px) for a map of `cols` × `rows` cells.
    fn drawn_shape(cols: usize, rows: usize) -> f64 {
        crate::fonts::register();
        let mut svg = String::new();
        let r = Raster {
            cols,
            rows,
            cell_m: 25.0,
            values: vec![0.0; cols * rows],
        };
        let root = SVGBackend::with_string(&mut svg, (MAP_WIDTH, map_height(&r))).into_drawing_area();
        let (plot, _) = root.split_horizontally(MAP_PLOT_WIDTH);
        let chart = km_frame(&plot, &r, ("A map", 40.0), crate::Lang::En).unwrap();
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        (xs.end - xs.start) as f64 / (ys.end - ys.start) as f64
    }

    #[test]
    fn a_kilometre_is_as_long_east_west_as_north_south() {
        for (cols, rows) in [(120, 80), (200, 200), (80, 50), (50, 100), (400, 20)] {
            let shape = cols as f64 / rows as f64;
            let drawn = drawn_shape(cols, rows);
            assert!(
                (drawn / shape - 1.0).abs() < 0.01,
                "{cols}×{rows}: drawn {drawn:.3}, map {shape:.3}"
            );
        }
        // A wide map gets a shorter chart, a square one the tallest.
        let r = |cols, rows| Raster {
            cols,
            rows,
            cell_m: 25.0,
            values: Vec::new(),
        };
        assert!(map_height(&r(120, 80)) < 1000 && map_height(&r(120, 80)) > 700);
        assert!(map_height(&r(200, 200)) > 1100);
        assert_eq!(map_height(&r(50, 100)), 1300);
        assert_eq!(map_height(&r(400, 20)), 700);
    }
}
