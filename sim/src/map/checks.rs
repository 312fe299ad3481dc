//! Checks on the `map` section that come before any raster is allocated:
//! the numbers of the elevation generators, Manning's n, the shape of the
//! ASCII map. Each limit here is documented in scenarios/README.md.

use super::Dims;
use super::asc::AscGrid;
use crate::said;
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
            said!("{what} must be a finite number, found {v}", "{what} 必须是有限的数，这里是 {v}"),
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
            said!(
                "cell_size_m must be above 0 and at most {MAX_CELL_SIZE_M} m, found {}",
                "cell_size_m 必须大于 0 且不超过 {MAX_CELL_SIZE_M} m，这里是 {}",
                spec.cell_size_m
            ),
            Some(said!(
                "typical flood and evacuation maps use 10 to 100 m cells",
                "洪水和疏散地图的网格一般为 10 到 100 m"
            )),
        ));
    }
    for (class, n) in &spec.manning_n {
        if !(n.is_finite() && *n > 0.0 && *n <= 1.0) {
            out.push(Problem::new(
                map_path().field("manning_n").key(&format!("{class:?}")),
                "out-of-range",
                said!(
                    "Manning's n for {class:?} must be above 0 and at most 1, found {n}",
                    "{class:?} 的曼宁糙率 n 必须大于 0 且不超过 1，这里是 {n}"
                ),
                Some(said!(
                    "typical values are 0.02 (roads) to 0.15 (dense forest)",
                    "常见取值从 0.02（道路）到 0.15（茂密森林）"
                )),
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
pub(super) fn finite_raster(g: AscGrid) -> Result<AscGrid, crate::scenario::Said> {
    match g.values.iter().position(|v| !v.is_finite() && Some(*v) != g.nodata) {
        Some(i) => Err(said!(
            "value {} (row {}, column {}) is not a finite number",
            "数值 {}（第 {} 行第 {} 列）不是有限的数",
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
        Elevation::Constant(z) => finite(*z, p.index(0), "Constant", &mut out),
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
                    said!(
                        "channel_depth_m must be zero or more, found {channel_depth_m}",
                        "channel_depth_m 必须不小于零，这里是 {channel_depth_m}"
                    ),
                    None,
                ));
            }
            if *channel_col as usize >= dims.cols {
                out.push(Problem::new(
                    p.field("channel_col"),
                    "outside-map",
                    said!(
                        "channel_col {channel_col} is outside the map (columns 0..={})",
                        "channel_col {channel_col} 在地图之外（列号 0..={}）",
                        dims.cols - 1
                    ),
                    None,
                ));
            }
            if *channel_width_cells == 0 || *channel_width_cells as usize > dims.cols {
                out.push(Problem::new(
                    p.field("channel_width_cells"),
                    "out-of-range",
                    said!(
                        "channel_width_cells must be 1 to the map width ({}), found {channel_width_cells}",
                        "channel_width_cells 必须在 1 到地图宽度（{}）之间，这里是 {channel_width_cells}",
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
                    said!(
                        "{} hills; the limit is {MAX_HILLS}",
                        "有 {} 座山丘，上限是 {MAX_HILLS}",
                        hills.len()
                    ),
                    Some(said!(
                        "for real terrain use an AsciiGrid elevation file",
                        "真实地形请用 AsciiGrid 高程文件"
                    )),
                ));
                return out;
            }
            for (i, h) in hills.iter().enumerate() {
                let hp = p.field("hills").index(i);
                if h.at.0.unsigned_abs() > MAX_HILL_OFFSET as u64 || h.at.1.unsigned_abs() > MAX_HILL_OFFSET as u64 {
                    out.push(Problem::new(
                        hp.field("at"),
                        "out-of-range",
                        said!(
                            "a hill centre must lie within {MAX_HILL_OFFSET} cells of the map, found ({}, {})",
                            "山丘中心必须在地图 {MAX_HILL_OFFSET} 格以内，这里是 ({}, {})",
                            h.at.0,
                            h.at.1
                        ),
                        None,
                    ));
                }
                finite(h.height_m, hp.field("height_m"), "height_m", &mut out);
                if !(h.radius_m.is_finite() && h.radius_m > 0.0) {
                    out.push(Problem::new(
                        hp.field("radius_m"),
                        "out-of-range",
                        said!(
                            "radius_m must be greater than zero, found {}",
                            "radius_m 必须大于零，这里是 {}",
                            h.radius_m
                        ),
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
