//! The map: a dense raster of elevation and land cover plus named places.
//!
//! Grids are plain `Vec`s in row-major order (`index = row * cols + col`, row 0
//! at the top/north, as written in the ASCII map). Everything that covers the
//! map is a dense resource; nothing here is an entity.

pub mod asc;
mod terrain;

pub use terrain::{Terrain, build_terrain, manning_n};

use crate::scenario::model::Shape;

/// Largest map accepted (cells): 4096 × 4096. Bounds memory before anything is allocated.
pub const MAX_CELLS: u64 = 4096 * 4096;

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
                let (rl, rh) = pts.iter().fold((i64::MAX, i64::MIN), |(l, h), p| (l.min(p.1), h.max(p.1)));
                let (cl, ch) = pts.iter().fold((i64::MAX, i64::MIN), |(l, h), p| (l.min(p.0), h.max(p.0)));
                for r in rl.max(0)..=rh.min(dims.rows as i64 - 1) {
                    for c in cl.max(0)..=ch.min(dims.cols as i64 - 1) {
                        if point_in_polygon((c as f64, r as f64), pts) {
                            cells.push(dims.index((c, r)));
                        }
                    }
                }
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

/// Even-odd test with the polygon's vertices at cell centres; boundary cells count as inside.
fn point_in_polygon(p: (f64, f64), poly: &[Cell]) -> bool {
    let mut inside = false;
    let n = poly.len();
    for i in 0..n {
        let a = (poly[i].0 as f64, poly[i].1 as f64);
        let b = (poly[(i + 1) % n].0 as f64, poly[(i + 1) % n].1 as f64);
        // on the edge?
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
