//! The map: a dense raster of elevation and land cover plus named places.
//!
//! Grids are plain `Vec`s in row-major order (`index = row * cols + col`, row 0
//! at the top/north, as written in the ASCII map). Everything that covers the
//! map is a dense resource; nothing here is an entity.

pub mod asc;
mod checks;
mod terrain;

pub use checks::{MAX_ASC_BYTES, MAX_CELL_SIZE_M, MAX_HILL_OFFSET, MAX_HILLS};
pub use terrain::{Terrain, build_terrain, manning_n};

use crate::scenario::model::Shape;

/// Largest map accepted (cells): 4096 × 4096. Bounds memory before anything is allocated.
pub const MAX_CELLS: u64 = 4096 * 4096;

/// Most cells all named places may cover together, overlaps counted twice:
/// each place keeps its cell list for the whole batch.
pub const MAX_PLACE_CELLS: u64 = 2 * MAX_CELLS;

/// Cell coordinates (col, row).
pub type Cell = (i64, i64);

/// Map dimensions in cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Dims {
    pub cols: usize,
    pub rows: usize,
}

impl Dims {
    pub fn len(&self) -> usize {
        self.cols * self.rows
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn contains(&self, (c, r): Cell) -> bool {
        c >= 0 && r >= 0 && (c as usize) < self.cols && (r as usize) < self.rows
    }
    pub fn index(&self, (c, r): Cell) -> usize {
        r as usize * self.cols + c as usize
    }
    pub fn cell(&self, index: usize) -> Cell {
        ((index % self.cols) as i64, (index / self.cols) as i64)
    }
}

/// The cells a shape covers, clipped to the map, in row-major order.
pub fn shape_cells(shape: &Shape, dims: Dims) -> Vec<usize> {
    let mut cells = Vec::new();
    match shape {
        Shape::Point(c, r) => {
            if dims.contains((*c, *r)) {
                cells.push(dims.index((*c, *r)));
            }
        }
        Shape::Rect(c0, r0, c1, r1) => {
            let (cl, ch) = ((*c0).min(*c1).max(0), (*c0).max(*c1).min(dims.cols as i64 - 1));
            let (rl, rh) = ((*r0).min(*r1).max(0), (*r0).max(*r1).min(dims.rows as i64 - 1));
            for r in rl..=rh {
                for c in cl..=ch {
                    cells.push(dims.index((c, r)));
                }
            }
        }
        Shape::Polygon(pts) => {
            if pts.len() >= 3 {
                polygon_cells(pts, dims, &mut cells);
            }
        }
        Shape::Line(pts) => {
            for w in pts.windows(2) {
                for cell in line_cells(w[0], w[1]) {
                    if dims.contains(cell) {
                        cells.push(dims.index(cell));
                    }
                }
            }
            if pts.len() == 1 && dims.contains(pts[0]) {
                cells.push(dims.index(pts[0]));
            }
            cells.sort_unstable();
            cells.dedup();
        }
    }
    cells
}

/// Corner points of a shape (for validation against the map extent).
pub fn shape_points(shape: &Shape) -> Vec<Cell> {
    match shape {
        Shape::Point(c, r) => vec![(*c, *r)],
        Shape::Rect(c0, r0, c1, r1) => vec![(*c0, *r0), (*c1, *r1)],
        Shape::Polygon(p) | Shape::Line(p) => p.clone(),
    }
}

/// Centre of a shape in cell coordinates.
pub fn shape_centre(shape: &Shape) -> (f64, f64) {
    let pts = shape_points(shape);
    let n = pts.len().max(1) as f64;
    let (sc, sr) = pts.iter().fold((0.0, 0.0), |(a, b), p| (a + p.0 as f64, b + p.1 as f64));
    (sc / n, sr / n)
}

/// An upper bound on `shape_cells(shape, dims).len()`, found without
/// allocating (bounding box for polygons, path length for lines).
pub fn shape_cell_estimate(shape: &Shape, dims: Dims) -> u64 {
    let clipped = |c0: i64, r0: i64, c1: i64, r1: i64| -> u64 {
        let (cl, ch) = (c0.min(c1).max(0), c0.max(c1).min(dims.cols as i64 - 1));
        let (rl, rh) = (r0.min(r1).max(0), r0.max(r1).min(dims.rows as i64 - 1));
        if ch < cl || rh < rl {
            0
        } else {
            (ch - cl + 1) as u64 * (rh - rl + 1) as u64
        }
    };
    match shape {
        Shape::Point(..) => 1,
        Shape::Rect(c0, r0, c1, r1) => clipped(*c0, *r0, *c1, *r1),
        Shape::Polygon(pts) if pts.len() < 3 => 0,
        Shape::Polygon(pts) => {
            let (rl, rh) = pts.iter().fold((i64::MAX, i64::MIN), |(l, h), p| (l.min(p.1), h.max(p.1)));
            let (cl, ch) = pts.iter().fold((i64::MAX, i64::MIN), |(l, h), p| (l.min(p.0), h.max(p.0)));
            clipped(cl, rl, ch, rh)
        }
        Shape::Line(pts) => pts
            .windows(2)
            .map(|w| w[0].0.abs_diff(w[1].0).saturating_add(w[0].1.abs_diff(w[1].1)).saturating_add(1))
            .fold(1u64, u64::saturating_add),
    }
}

/// Cells of a polygon, row by row: even-odd rule with the vertices at cell
/// centres, cells on an edge counting as inside. Each row costs O(V log V + W)
/// rather than O(V·W).
fn polygon_cells(pts: &[Cell], dims: Dims, cells: &mut Vec<usize>) {
    let (rl, rh) = pts.iter().fold((i64::MAX, i64::MIN), |(l, h), p| (l.min(p.1), h.max(p.1)));
    let (cl, ch) = pts.iter().fold((i64::MAX, i64::MIN), |(l, h), p| (l.min(p.0), h.max(p.0)));
    let (cl, ch) = (cl.max(0), ch.min(dims.cols as i64 - 1));
    if ch < cl {
        return;
    }
    let width = (ch - cl + 1) as usize;
    let n = pts.len();
    let mut xs: Vec<f64> = Vec::with_capacity(n);
    // Difference array of the cells lying exactly on an edge.
    let mut edge = vec![0i64; width + 1];
    for r in rl.max(0)..=rh.min(dims.rows as i64 - 1) {
        xs.clear();
        edge.iter_mut().for_each(|e| *e = 0);
        let mut mark = |lo: i64, hi: i64| {
            let (lo, hi) = (lo.max(cl), hi.min(ch));
            if lo <= hi {
                edge[(lo - cl) as usize] += 1;
                edge[(hi - cl) as usize + 1] -= 1;
            }
        };
        let y = r as f64;
        for i in 0..n {
            let (a, b) = (pts[i], pts[(i + 1) % n]);
            let (ax, ay, bx, by) = (a.0 as f64, a.1 as f64, b.0 as f64, b.1 as f64);
            if (ay > y) != (by > y) {
                xs.push((bx - ax) * (y - ay) / (by - ay) + ax);
            }
            if a.1 == b.1 {
                if a.1 == r {
                    mark(a.0.min(b.0), a.0.max(b.0));
                }
            } else if r >= a.1.min(b.1) && r <= a.1.max(b.1) {
                // The edge passes through a cell centre of this row when the
                // crossing column is a whole number.
                let num = (b.0 as i128 - a.0 as i128) * (r as i128 - a.1 as i128);
                let den = b.1 as i128 - a.1 as i128;
                if num % den == 0 {
                    let c = (a.0 as i128 + num / den) as i64;
                    mark(c, c);
                }
            }
        }
        xs.sort_by(f64::total_cmp);
        let mut on_edge = 0;
        for (k, c) in (cl..=ch).enumerate() {
            on_edge += edge[k];
            // Crossings to the right of the cell centre.
            let right = xs.len() - xs.partition_point(|x| *x <= c as f64);
            if on_edge > 0 || right % 2 == 1 {
                cells.push(dims.index((c, r)));
            }
        }
    }
}

/// 4-connected cells from `a` to `b` (Bresenham with the diagonal step split),
/// so a levee line has no diagonal gaps water could leak through.
pub fn line_cells(a: Cell, b: Cell) -> Vec<Cell> {
    let (mut x, mut y) = a;
    let (dx, dy) = ((b.0 - a.0).abs(), -(b.1 - a.1).abs());
    let (sx, sy) = (if a.0 < b.0 { 1 } else { -1 }, if a.1 < b.1 { 1 } else { -1 });
    let mut err = dx + dy;
    let mut out = vec![(x, y)];
    // Bounded: at most dx + |dy| steps.
    for _ in 0..(dx - dy + 1) {
        if (x, y) == b {
            break;
        }
        let e2 = 2 * err;
        if e2 >= dy && (e2 <= dx) && x != b.0 && y != b.1 {
            // diagonal move: take the x step first, then y
            err += dy;
            x += sx;
            out.push((x, y));
            err += dx;
            y += sy;
        } else if e2 >= dy {
            err += dy;
            x += sx;
        } else {
            err += dx;
            y += sy;
        }
        out.push((x, y));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The per-cell test `polygon_cells` must agree with.
    fn point_in_polygon(p: (f64, f64), poly: &[Cell]) -> bool {
        let mut inside = false;
        let n = poly.len();
        for i in 0..n {
            let a = (poly[i].0 as f64, poly[i].1 as f64);
            let b = (poly[(i + 1) % n].0 as f64, poly[(i + 1) % n].1 as f64);
            let cross = (b.0 - a.0) * (p.1 - a.1) - (b.1 - a.1) * (p.0 - a.0);
            if cross.abs() < 1e-9 && p.0 >= a.0.min(b.0) && p.0 <= a.0.max(b.0) && p.1 >= a.1.min(b.1) && p.1 <= a.1.max(b.1) {
                return true;
            }
            if (a.1 > p.1) != (b.1 > p.1) && p.0 < (b.0 - a.0) * (p.1 - a.1) / (b.1 - a.1) + a.0 {
                inside = !inside;
            }
        }
        inside
    }

    #[test]
    fn scanline_polygons_match_the_point_test() {
        let d = Dims { cols: 17, rows: 13 };
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |m: i64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m as u64) as i64
        };
        for _ in 0..2000 {
            let n = 3 + next(6) as usize;
            let pts: Vec<Cell> = (0..n).map(|_| (next(23) - 3, next(19) - 3)).collect();
            let mut want = Vec::new();
            for r in 0..d.rows as i64 {
                for c in 0..d.cols as i64 {
                    if point_in_polygon((c as f64, r as f64), &pts) {
                        want.push(d.index((c, r)));
                    }
                }
            }
            let got = shape_cells(&Shape::Polygon(pts.clone()), d);
            assert_eq!(got, want, "{pts:?}");
            assert!(shape_cell_estimate(&Shape::Polygon(pts), d) >= got.len() as u64);
        }
    }

    #[test]
    fn line_is_four_connected() {
        let cells = line_cells((0, 0), (5, 3));
        assert_eq!(cells.first(), Some(&(0, 0)));
        assert_eq!(cells.last(), Some(&(5, 3)));
        for w in cells.windows(2) {
            assert_eq!((w[0].0 - w[1].0).abs() + (w[0].1 - w[1].1).abs(), 1, "{cells:?}");
        }
    }

    #[test]
    fn shapes_cover_cells() {
        let d = Dims { cols: 10, rows: 10 };
        assert_eq!(shape_cells(&Shape::Rect(1, 1, 2, 2), d).len(), 4);
        assert_eq!(shape_cells(&Shape::Rect(8, 8, 20, 20), d).len(), 4);
        let tri = Shape::Polygon(vec![(0, 0), (4, 0), (0, 4)]);
        assert_eq!(shape_cells(&tri, d).len(), 15);
    }
}
