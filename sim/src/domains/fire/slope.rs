//! Slope and aspect of the terrain, as the fire's spread reads them.

/// Slope and upslope azimuth of each cell from central differences.
pub(super) fn slopes(elevation: &[f64], cols: usize, rows: usize, cell_m: f64) -> Vec<(f64, f64)> {
    (0..cols * rows)
        .map(|i| {
            let (c, r) = (i % cols, i / cols);
            let at = |c: usize, r: usize| elevation[r * cols + c];
            let (c0, c1) = (c.saturating_sub(1), (c + 1).min(cols - 1));
            let (r0, r1) = (r.saturating_sub(1), (r + 1).min(rows - 1));
            let east = if c1 > c0 {
                (at(c1, r) - at(c0, r)) / ((c1 - c0) as f64 * cell_m)
            } else {
                0.0
            };
            // Row 0 is north: rising northward means higher at smaller rows.
            let north = if r1 > r0 {
                (at(c, r0) - at(c, r1)) / ((r1 - r0) as f64 * cell_m)
            } else {
                0.0
            };
            let tan = (east * east + north * north).sqrt();
            let az = east.atan2(north).to_degrees().rem_euclid(360.0);
            (tan, az)
        })
        .collect()
}
