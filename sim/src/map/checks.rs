//! Checks on the `map` section that come before any raster is allocated:
//! the numbers of the elevation generators, Manning's n, the shape of the
//! ASCII map. Each limit here is documented in scenarios/README.md.

use super::Dims;
use super::asc::AscGrid;
use crate::scenario::Problem;
use crate::scenario::model::{Elevation, MapSpec};
use crate::scenario::tree::Path;

/// Largest cell side, metres.
pub const MAX_CELL_SIZE_M: f64 = 10_000.0;
/// Largest `.asc` elevation file, bytes (512 MiB).
pub const MAX_ASC_BYTES: u64 = 512 * 1024 * 1024;
/// Most hills of a `Hills` generator: each hill costs one pass over the map.
pub const MAX_HILLS: usize = 64;
/// Hill centres lie within this many cells of the map's (0, 0) corner.
pub const MAX_HILL_OFFSET: i64 = 1_000_000;

fn map_path() -> Path {
    Path::root().field("map")
}

fn finite(v: f64, path: Path, what: &str, out: &mut Vec<Problem>) {
    if !v.is_finite() {
        out.push(Problem::new(
            path,
            "out-of-range",
            format!("{what} must be a finite number, found {v}"),
            None,
        ));
    }
}

/// Cell size and Manning's n overrides.
pub(super) fn spec(spec: &MapSpec) -> Vec<Problem> {
    let mut out = Vec::new();
    if !(spec.cell_size_m.is_finite() && spec.cell_size_m > 0.0 && spec.cell_size_m <= MAX_CELL_SIZE_M) {
        out.push(Problem::new(
            map_path().field("cell_size_m"),
            "out-of-range",
            format!(
                "cell_size_m must be above 0 and at most {MAX_CELL_SIZE_M} m, found {}",
                spec.cell_size_m
            ),
            Some("typical flood and evacuation maps use 10 to 100 m cells".into()),
        ));
    }
    for (class, n) in &spec.manning_n {
        if !(n.is_finite() && *n > 0.0 && *n <= 1.0) {
            out.push(Problem::new(
                map_path().field("manning_n").key(&format!("{class:?}")),
                "out-of-range",
                format!("Manning's n for {class:?} must be above 0 and at most 1, found {n}"),
                Some("typical values are 0.02 (roads) to 0.15 (dense forest)".into()),
            ));
        }
    }
    out
}

/// The width most rows of an ASCII map share (the first row's on a tie), so
/// one odd row is reported rather than all the others.
pub(super) fn usual_width(rows: &[String]) -> usize {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for r in rows {
        let w = r.chars().count();
        match counts.iter_mut().find(|(width, _)| *width == w) {
            Some((_, n)) => *n += 1,
            None => counts.push((w, 1)),
        }
    }
    // `max_by_key` keeps the last maximum; scan in reverse so the first row wins ties.
    counts.iter().rev().max_by_key(|(_, n)| *n).map(|(w, _)| *w).unwrap_or(0)
}

/// Raster values must be numbers (NODATA aside).
pub(super) fn finite_raster(g: AscGrid) -> Result<AscGrid, String> {
    match g.values.iter().position(|v| !v.is_finite() && Some(*v) != g.nodata) {
        Some(i) => Err(format!(
            "value {} (row {}, column {}) is not a finite number",
            g.values[i],
            i / g.cols + 1,
            i % g.cols + 1
        )),
        None => Ok(g),
    }
}

/// The generator's numbers, before the raster is computed.
pub(super) fn elevation(e: &Elevation, dims: Dims) -> Vec<Problem> {
    let p = map_path().field("elevation");
    let mut out = Vec::new();
    match e {
        Elevation::Constant(z) => finite(*z, p.index(0), "the elevation", &mut out),
        Elevation::AsciiGrid(_) => {}
        Elevation::SlopedPlane {
            base_m,
            drop_per_km_east,
            drop_per_km_south,
        } => {
            finite(*base_m, p.field("base_m"), "base_m", &mut out);
            finite(*drop_per_km_east, p.field("drop_per_km_east"), "drop_per_km_east", &mut out);
            finite(*drop_per_km_south, p.field("drop_per_km_south"), "drop_per_km_south", &mut out);
        }
        Elevation::RiverValley {
            floor_m,
            side_slope_per_km,
            drop_per_km,
            channel_col,
            channel_width_cells,
            channel_depth_m,
        } => {
            finite(*floor_m, p.field("floor_m"), "floor_m", &mut out);
            finite(*side_slope_per_km, p.field("side_slope_per_km"), "side_slope_per_km", &mut out);
            finite(*drop_per_km, p.field("drop_per_km"), "drop_per_km", &mut out);
            if !(channel_depth_m.is_finite() && *channel_depth_m >= 0.0) {
                out.push(Problem::new(
                    p.field("channel_depth_m"),
                    "out-of-range",
                    format!("channel_depth_m must be zero or more, found {channel_depth_m}"),
                    None,
                ));
            }
            if *channel_col as usize >= dims.cols {
                out.push(Problem::new(
                    p.field("channel_col"),
                    "outside-map",
                    format!("channel_col {channel_col} is outside the map (columns 0..={})", dims.cols - 1),
                    None,
                ));
            }
            if *channel_width_cells == 0 || *channel_width_cells as usize > dims.cols {
                out.push(Problem::new(
                    p.field("channel_width_cells"),
                    "out-of-range",
                    format!(
                        "channel_width_cells must be 1 to the map width ({}), found {channel_width_cells}",
                        dims.cols
                    ),
                    None,
                ));
            }
        }
        Elevation::Hills { base_m, hills } => {
            finite(*base_m, p.field("base_m"), "base_m", &mut out);
            if hills.len() > MAX_HILLS {
                out.push(Problem::new(
                    p.field("hills"),
                    "too-large",
                    format!("{} hills; the limit is {MAX_HILLS}", hills.len()),
                    Some("for real terrain use an AsciiGrid elevation file".into()),
                ));
                return out;
            }
            for (i, h) in hills.iter().enumerate() {
                let hp = p.field("hills").index(i);
                if h.at.0.unsigned_abs() > MAX_HILL_OFFSET as u64 || h.at.1.unsigned_abs() > MAX_HILL_OFFSET as u64 {
                    out.push(Problem::new(
                        hp.field("at"),
                        "out-of-range",
                        format!(
                            "a hill centre must lie within {MAX_HILL_OFFSET} cells of the map, found ({}, {})",
                            h.at.0, h.at.1
                        ),
                        None,
                    ));
                }
                finite(h.height_m, hp.field("height_m"), "height_m", &mut out);
                if !(h.radius_m.is_finite() && h.radius_m > 0.0) {
                    out.push(Problem::new(
                        hp.field("radius_m"),
                        "out-of-range",
                        format!("radius_m must be greater than zero, found {}", h.radius_m),
                        None,
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_width_prefers_the_majority_then_the_first_row() {
        let rows = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(usual_width(&rows(&["abc", "abcd", "abcd"])), 4);
        assert_eq!(usual_width(&rows(&["abc", "abcd"])), 3);
        assert_eq!(usual_width(&rows(&[])), 0);
    }
}
