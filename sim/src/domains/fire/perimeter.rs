//! The burnt area's perimeter, kept as cells ignite: the length of the grid
//! edges between burnt and unburnt cells (or the map's border). Each new
//! cell adds its four sides less two for every burnt 4-neighbour (the side
//! they shared was counted once as outside from each), so the update is
//! O(1) per ignition and never rescans the grid.
//!
//! A staircase edge is longer than the smooth curve it approximates: for a
//! large circle or ellipse drawn on the grid, this measure is 4/π ≈ 1.27
//! times the true perimeter (the ratio of the L1 to the Euclidean length
//! of a curve, averaged over directions). The record says which it is.

/// Edges between burnt and unburnt cells.
#[derive(Clone, Debug)]
pub struct Perimeter {
    cols: usize,
    rows: usize,
    burnt: Vec<bool>,
    edges: u64,
}

impl Perimeter {
    pub fn new(cols: usize, rows: usize) -> Self {
        Perimeter {
            cols,
            rows,
            burnt: vec![false; cols * rows],
            edges: 0,
        }
    }

    /// A cell has burnt (again is a no-op).
    pub fn add(&mut self, cell: usize) {
        if self.burnt[cell] {
            return;
        }
        let (c, r) = (cell % self.cols, cell / self.cols);
        let shared = [
            (c > 0).then(|| cell - 1),
            (c + 1 < self.cols).then(|| cell + 1),
            (r > 0).then(|| cell - self.cols),
            (r + 1 < self.rows).then(|| cell + self.cols),
        ]
        .into_iter()
        .flatten()
        .filter(|n| self.burnt[*n])
        .count() as u64;
        self.burnt[cell] = true;
        self.edges = self.edges + 4 - 2 * shared;
    }

    /// The perimeter in km for cells `cell_m` wide.
    pub fn km(&self, cell_m: f64) -> f64 {
        self.edges as f64 * cell_m / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::Perimeter;

    fn of(cells: &[usize]) -> u64 {
        let mut p = Perimeter::new(10, 10);
        cells.iter().for_each(|c| p.add(*c));
        p.edges
    }

    #[test]
    fn edges_of_blocks_lines_and_holes() {
        assert_eq!(of(&[55]), 4);
        assert_eq!(of(&[55, 55]), 4, "a cell burns once");
        assert_eq!(of(&[44, 45, 54, 55]), 8, "2 × 2 block");
        let block3: Vec<usize> = (3..6).flat_map(|r| (3..6).map(move |c| r * 10 + c)).collect();
        assert_eq!(of(&block3), 12, "3 × 3 block");
        // A ring around an unburnt centre: outer 12 plus the hole's 4.
        let ring: Vec<usize> = block3.iter().copied().filter(|c| *c != 44).collect();
        assert_eq!(of(&ring), 16);
        assert_eq!(of(&[0, 1, 2]), 8, "a line at the map's corner counts the border");
        // The order cells burn in does not matter.
        let mut reversed = block3.clone();
        reversed.reverse();
        assert_eq!(of(&reversed), 12);
    }

    #[test]
    fn a_large_disc_measures_four_over_pi_of_its_circumference() {
        let n = 400;
        let mut p = Perimeter::new(n, n);
        let radius = 150.0;
        for r in 0..n {
            for c in 0..n {
                let (dx, dy) = (c as f64 + 0.5 - 200.0, r as f64 + 0.5 - 200.0);
                if dx * dx + dy * dy <= radius * radius {
                    p.add(r * n + c);
                }
            }
        }
        let ratio = p.edges as f64 / (2.0 * std::f64::consts::PI * radius);
        assert!((ratio - 4.0 / std::f64::consts::PI).abs() < 0.01, "ratio {ratio}");
    }
}
