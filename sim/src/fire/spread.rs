//! Fire spread between cells by minimum travel time (Finney 2002's MTT, as
//! FlamMap and Sousa et al. 2012 use it): a cell's ignition time is the
//! least, over its neighbours, of the neighbour's ignition time plus the
//! time to cross between their centres at the Rothermel rate in that
//! direction. Dijkstra's order makes it exact for those rates and cheap —
//! each cell is settled once — and it advances in steps (`advance(until)`),
//! so the engine can change the wind, build a line or drop water between
//! ticks and the front only ever uses the conditions of the moment a cell
//! ignites.
//!
//! Why MTT and not Cell2Fire's accumulated progress: with the ignition at
//! the rear focus, the rate from a cell along a ray at ψ from the head,
//! `R(1 − e)/(1 − e·cos ψ)`, is the polar equation of the fire ellipse, so
//! the least-time front from a point is that ellipse (Huygens' principle)
//! up to the angular resolution of the neighbourhood. Sixteen neighbours
//! (the 8 adjacent and the 8 knight's moves) bring the angular gaps to 26.6°
//! at most; `tests` check head rate and length-to-width within 10 %.
//!
//! A crossing is split at the boundary: half the distance at the source
//! cell's rate, half at the target's, so a firebreak or a road of
//! unburnable cells stops the front (its rate is zero) and a fuel change
//! takes effect at the boundary.

use super::rothermel::Spread;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Neighbour offsets (column, row) with their distance in cells.
pub const NEIGHBOURS: [(i32, i32); 16] = [
    (1, 0),
    (-1, 0),
    (0, 1),
    (0, -1),
    (1, 1),
    (1, -1),
    (-1, 1),
    (-1, -1),
    (2, 1),
    (2, -1),
    (-2, 1),
    (-2, -1),
    (1, 2),
    (1, -2),
    (-1, 2),
    (-1, -2),
];

/// Azimuth of a grid step, degrees clockwise from north (row 0 is north).
pub fn azimuth(dc: i32, dr: i32) -> f64 {
    let a = (dc as f64).atan2(-dr as f64).to_degrees();
    if a < 0.0 { a + 360.0 } else { a }
}

/// How fast each cell burns right now: the head fire and its azimuth
/// (degrees clockwise from north), or `None` for a cell that cannot burn.
pub trait Rates {
    fn head(&self, cell: usize) -> Option<(Spread, f64)>;
}

#[derive(PartialEq)]
struct Pending {
    t_min: f64,
    cell: usize,
}

impl Eq for Pending {}

impl Ord for Pending {
    fn cmp(&self, o: &Self) -> Ordering {
        // Earliest first; the cell index breaks ties so the order is total.
        o.t_min.total_cmp(&self.t_min).then_with(|| o.cell.cmp(&self.cell))
    }
}

impl PartialOrd for Pending {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// The fire on a grid: every cell's ignition time (minutes from the start,
/// infinite until it burns) and the cells whose ignition is pending.
pub struct Front {
    pub cols: usize,
    pub rows: usize,
    /// Cell side, ft (the rates are ft/min).
    pub cell_ft: f64,
    /// Ignition time of each cell, minutes; `f64::INFINITY` while unburnt.
    pub arrival_min: Vec<f64>,
    settled: Vec<bool>,
    heap: BinaryHeap<Pending>,
    /// Each cell's (head rate, eccentricity, head azimuth) during one
    /// `advance` — NaN when not asked yet — and the cells asked, to reset.
    /// A cell's rates are computed once per step, not once per neighbour.
    cache: Vec<[f64; 3]>,
    asked: Vec<usize>,
    /// Cells have become unburnable since some times were queued.
    obstructed: bool,
}

impl Front {
    pub fn new(cols: usize, rows: usize, cell_ft: f64) -> Self {
        Front {
            cols,
            rows,
            cell_ft,
            arrival_min: vec![f64::INFINITY; cols * rows],
            settled: vec![false; cols * rows],
            heap: BinaryHeap::new(),
            cache: vec![[f64::NAN; 3]; cols * rows],
            asked: Vec::new(),
            obstructed: false,
        }
    }

    /// Set `cell` alight at `t_min` (an ignition, a spot fire).
    pub fn ignite(&mut self, cell: usize, t_min: f64) {
        if cell < self.arrival_min.len() && !self.settled[cell] && t_min < self.arrival_min[cell] {
            self.arrival_min[cell] = t_min;
            self.heap.push(Pending { t_min, cell });
        }
    }

    /// Whether `cell` has ignited.
    pub fn burnt(&self, cell: usize) -> bool {
        self.settled[cell]
    }

    /// `cell`'s (head rate, eccentricity, head azimuth) now; rate 0 when it cannot burn.
    fn head(&mut self, cell: usize, rates: &dyn Rates) -> [f64; 3] {
        if self.cache[cell][0].is_nan() {
            self.cache[cell] = match rates.head(cell) {
                Some((s, az)) => [s.ros, s.eccentricity, az],
                None => [0.0, 0.0, 0.0],
            };
            self.asked.push(cell);
        }
        self.cache[cell]
    }

    /// Rate towards azimuth `az`, ft/min, from a cell's head: R(1 − e)/(1 − e·cos ψ).
    fn rate([ros, e, head_az]: [f64; 3], az: f64) -> f64 {
        if ros <= 0.0 {
            return 0.0;
        }
        ros * (1.0 - e) / (1.0 - e * (az - head_az).to_radians().cos())
    }

    /// Say that cells have become unburnable since times were queued (a
    /// fireline): from now on each queued time is checked against the open
    /// paths before its cell ignites.
    pub fn obstruct(&mut self) {
        self.obstructed = true;
    }

    /// The neighbour (c + dc, r + dr), if on the grid.
    fn step(&self, c: i32, r: i32, dc: i32, dr: i32) -> Option<usize> {
        let (nc, nr) = (c + dc, r + dr);
        (nc >= 0 && nr >= 0 && nc < self.cols as i32 && nr < self.rows as i32).then(|| nr as usize * self.cols + nc as usize)
    }

    /// Minutes to cross from (c, r), burning with `here`, to its neighbour by
    /// (dc, dr); `None` where the fire cannot cross.
    fn crossing(&mut self, c: i32, r: i32, dc: i32, dr: i32, here: [f64; 3], rates: &dyn Rates) -> Option<f64> {
        let n = self.step(c, r, dc, dr)?;
        if !self.open_between(c, r, dc, dr, rates) {
            return None;
        }
        let az = azimuth(dc, dr);
        let half = 0.5 * self.cell_ft * ((dc * dc + dr * dr) as f64).sqrt();
        let there = self.head(n, rates);
        let (out, into) = (Self::rate(here, az), Self::rate(there, az));
        (out > 0.0 && into > 0.0).then(|| half / out + half / into)
    }

    /// Earliest arrival at `cell` from its burnt neighbours now.
    fn time_from_burnt(&mut self, cell: usize, rates: &dyn Rates) -> f64 {
        let (c, r) = ((cell % self.cols) as i32, (cell / self.cols) as i32);
        let mut best = f64::INFINITY;
        for (dc, dr) in NEIGHBOURS {
            let Some(n) = self.step(c, r, -dc, -dr) else { continue };
            if !self.settled[n] {
                continue;
            }
            let (nc, nr) = ((n % self.cols) as i32, (n / self.cols) as i32);
            let from = self.head(n, rates);
            if let Some(cross) = self.crossing(nc, nr, dc, dr, from, rates) {
                best = best.min(self.arrival_min[n] + cross);
            }
        }
        best
    }

    /// Whether the fire can cross from (c, r) by (dc, dr) without passing
    /// over unburnable ground: a knight's move crosses the two cells beside
    /// its segment, so either being unburnable stops it; a diagonal passes
    /// through the corner of its two orthogonal cells, stopped when both are.
    /// Without this a line or a road one cell wide would leak by long moves.
    fn open_between(&mut self, c: i32, r: i32, dc: i32, dr: i32, rates: &dyn Rates) -> bool {
        let cols = self.cols as i32;
        let mut burns = |dx: i32, dy: i32| self.head(((r + dy) * cols + c + dx) as usize, rates)[0] > 0.0;
        match (dc.abs(), dr.abs()) {
            (1, 1) => burns(dc, 0) || burns(0, dr),
            (2, 1) => burns(dc.signum(), 0) && burns(dc.signum(), dr),
            (1, 2) => burns(0, dr.signum()) && burns(dc, dr.signum()),
            _ => true,
        }
    }

    /// Burn every cell whose ignition time is at or before `until_min`, at
    /// the rates of `rates` now; returns the cells that ignited, in order.
    pub fn advance(&mut self, until_min: f64, rates: &dyn Rates) -> Vec<usize> {
        // Conditions may have changed since the last step.
        for c in std::mem::take(&mut self.asked) {
            self.cache[c] = [f64::NAN; 3];
        }
        self.burn_until(until_min, rates)
    }

    /// [`Self::advance`] when `rates` give what they gave at the last step
    /// everywhere but at `changed` (the weather the same, a line built
    /// there): the rates already asked are kept, so a cell waiting on the
    /// front for many steps costs one surface-model call, not one per step.
    /// Same results as `advance` when the promise holds.
    pub fn advance_in_same_conditions(&mut self, until_min: f64, rates: &dyn Rates, changed: &[usize]) -> Vec<usize> {
        for &c in changed {
            self.cache[c] = [f64::NAN; 3];
        }
        self.burn_until(until_min, rates)
    }

    fn burn_until(&mut self, until_min: f64, rates: &dyn Rates) -> Vec<usize> {
        let mut lit = Vec::new();
        while let Some(top) = self.heap.peek() {
            if top.t_min > until_min {
                break;
            }
            let Pending { t_min, cell } = self.heap.pop().expect("peeked");
            if self.settled[cell] || t_min > self.arrival_min[cell] {
                continue;
            }
            let here = self.head(cell, rates);
            if here[0] <= 0.0 {
                // Unburnable after all (a line built since it was queued).
                self.arrival_min[cell] = f64::INFINITY;
                continue;
            }
            if self.obstructed {
                // A line may have cut the path this time came by: the time
                // again from the burnt neighbours, by the open crossings only.
                let t = self.time_from_burnt(cell, rates);
                if t > t_min {
                    self.arrival_min[cell] = t;
                    if t.is_finite() {
                        self.heap.push(Pending { t_min: t, cell });
                    }
                    continue;
                }
            }
            self.settled[cell] = true;
            lit.push(cell);
            let (c, r) = ((cell % self.cols) as i32, (cell / self.cols) as i32);
            for (dc, dr) in NEIGHBOURS {
                let Some(n) = self.step(c, r, dc, dr) else { continue };
                if self.settled[n] {
                    continue;
                }
                let Some(cross) = self.crossing(c, r, dc, dr, here, rates) else {
                    continue;
                };
                let t = t_min + cross;
                if t < self.arrival_min[n] {
                    self.arrival_min[n] = t;
                    self.heap.push(Pending { t_min: t, cell: n });
                }
            }
        }
        lit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fire::fuels;
    use crate::fire::rothermel::{FT_MIN_PER_MPH, Fuelbed, Moisture};

    const DRY: Moisture = Moisture::from_dead_1h(0.06);

    /// One fuel everywhere but where `blocked`; wind blowing toward
    /// `wind_to` (azimuth); a plane sloping up toward `upslope` at `tan`.
    struct Uniform {
        bed: Fuelbed,
        wind_ft_min: f64,
        wind_to: f64,
        upslope: f64,
        tan: f64,
        blocked: Vec<bool>,
    }

    impl Rates for Uniform {
        fn head(&self, cell: usize) -> Option<(Spread, f64)> {
            if self.blocked[cell] {
                return None;
            }
            let s = self.bed.spread(self.wind_ft_min, self.wind_to - self.upslope, self.tan);
            Some((s, self.upslope + s.direction_deg))
        }
    }

    fn grass(n: usize, wind_mph: f64, wind_to: f64, upslope: f64, tan: f64) -> Uniform {
        Uniform {
            bed: Fuelbed::new(fuels::find("GR2").unwrap(), &DRY).unwrap(),
            wind_ft_min: wind_mph * FT_MIN_PER_MPH,
            wind_to,
            upslope,
            tan,
            blocked: vec![false; n * n],
        }
    }

    /// Extent of the burnt cells along a row and a column through `centre`,
    /// in cells: (east, west, north, south), and the widest north-south span.
    fn extent(f: &Front, centre: usize) -> (f64, f64, f64, f64, f64) {
        let (cc, cr) = (centre % f.cols, centre / f.cols);
        let burnt = |c: usize, r: usize| f.burnt(r * f.cols + c);
        let run = |dc: i32, dr: i32| {
            let mut k = 0;
            loop {
                let (c, r) = (cc as i32 + dc * (k + 1), cr as i32 + dr * (k + 1));
                if c < 0 || r < 0 || c >= f.cols as i32 || r >= f.rows as i32 || !burnt(c as usize, r as usize) {
                    return k as f64;
                }
                k += 1;
            }
        };
        let widest = (0..f.cols).map(|c| (0..f.rows).filter(|r| burnt(c, *r)).count()).max().unwrap_or(0) as f64;
        (run(1, 0), run(-1, 0), run(0, -1), run(0, 1), widest)
    }

    #[test]
    fn a_point_ignition_grows_into_the_surface_models_ellipse() {
        let n = 301;
        let rates = grass(n, 5.0, 90.0, 0.0, 0.0);
        let s = rates.head(0).unwrap().0;
        let cell_ft = 30.0 * 3.28084;
        let mut f = Front::new(n, n, cell_ft);
        let centre = (n / 2) * n + n / 4;
        f.ignite(centre, 0.0);
        let t = 0.8 * (n as f64 * 0.7 * cell_ft) / s.ros; // the head stays inside
        f.advance(t, &rates);
        let (east, west, _, _, widest) = extent(&f, centre);
        let head_rate = east * cell_ft / t;
        assert!(
            (head_rate - s.ros).abs() / s.ros < 0.10,
            "head {head_rate:.1} vs Rothermel {:.1} ft/min",
            s.ros
        );
        let lw = (east + west + 1.0) / widest;
        assert!(
            (lw - s.length_to_width).abs() / s.length_to_width < 0.10,
            "length-to-width {lw:.2} vs {:.2}",
            s.length_to_width
        );
    }

    #[test]
    fn a_wind_shift_turns_the_head() {
        let n = 201;
        let mut rates = grass(n, 8.0, 90.0, 0.0, 0.0);
        let mut f = Front::new(n, n, 98.4);
        let centre = (n / 2) * n + n / 2;
        f.ignite(centre, 0.0);
        f.advance(30.0, &rates);
        let (east0, _, north0, _, _) = extent(&f, centre);
        rates.wind_to = 0.0; // now blowing north
        f.advance(60.0, &rates);
        let (east1, _, north1, _, _) = extent(&f, centre);
        assert!(east0 > 2.0 * north0, "first east: {east0} vs {north0}");
        assert!(
            north1 - north0 > 2.0 * (east1 - east0),
            "then north: +{} vs +{}",
            north1 - north0,
            east1 - east0
        );
    }

    #[test]
    fn unburnable_cells_stop_the_front() {
        let n = 121;
        let mut rates = grass(n, 5.0, 90.0, 0.0, 0.0);
        // A break three cells wide across the whole grid, east of the ignition.
        for r in 0..n {
            for c in 70..73 {
                rates.blocked[r * n + c] = true;
            }
        }
        let mut f = Front::new(n, n, 98.4);
        f.ignite(60 * n + 60, 0.0);
        f.advance(1e6, &rates);
        assert!((0..n).all(|r| (73..n).all(|c| !f.burnt(r * n + c))), "the fire crossed the break");
        assert!(f.burnt(60 * n + 69), "it burnt up to the break");
    }

    #[test]
    fn a_line_one_cell_wide_holds_against_long_moves() {
        let n = 61;
        let mut rates = grass(n, 5.0, 90.0, 0.0, 0.0);
        // A straight line, and a diagonal whose cells touch only at corners
        // closing off the south-west corner.
        for r in 0..n {
            rates.blocked[r * n + 40] = true;
            if r >= 30 {
                rates.blocked[r * n + r - 30] = true;
            }
        }
        let mut f = Front::new(n, n, 98.4);
        f.ignite(10 * n + 30, 0.0);
        f.advance(1e6, &rates);
        assert!(
            (0..n).all(|r| (41..n).all(|c| !f.burnt(r * n + c))),
            "the fire crossed the straight line"
        );
        assert!(f.burnt(10 * n + 39), "it burnt up to the line");
        assert!(!f.burnt(60 * n + 5), "the fire crossed the staircase at its corners");
    }

    #[test]
    fn upslope_runs_faster_than_downslope() {
        let n = 121;
        let rates = grass(n, 0.0, 0.0, 0.0, 0.4); // rising to the north, no wind
        let mut f = Front::new(n, n, 98.4);
        let centre = 60 * n + 60;
        f.ignite(centre, 0.0);
        f.advance(40.0, &rates);
        let (_, _, north, south, _) = extent(&f, centre);
        assert!(north > 1.5 * south, "upslope {north} vs downslope {south}");
    }

    #[test]
    fn the_front_is_the_same_whether_advanced_in_one_step_or_many() {
        let n = 81;
        let rates = grass(n, 5.0, 45.0, 0.0, 0.0);
        let (mut a, mut b) = (Front::new(n, n, 98.4), Front::new(n, n, 98.4));
        a.ignite(40 * n + 40, 0.0);
        b.ignite(40 * n + 40, 0.0);
        a.advance(90.0, &rates);
        for k in 1..=90 {
            b.advance(k as f64, &rates);
        }
        assert_eq!(a.arrival_min, b.arrival_min);
    }

    /// Keeping the rates between steps gives the same front as asking
    /// again, provided the cells whose rates changed are named: a break cut
    /// just ahead of the head holds either way, and a front
    /// that is not told of it burns through on stale rates.
    #[test]
    fn kept_rates_give_the_same_front_when_the_changes_are_named() {
        let n = 60;
        // Cut the break once column 38 has burnt (which asks the rates of
        // column 40 by the knight's moves) and before the head reaches it.
        let cut = {
            let mut f = Front::new(n, n, 98.4);
            f.ignite(30 * n + 5, 0.0);
            f.advance(1e9, &grass(n, 5.0, 90.0, 0.0, 0.0));
            let (a38, a40) = (f.arrival_min[30 * n + 38], f.arrival_min[30 * n + 40]);
            let cut = a38.ceil() as usize + 1;
            assert!(a40 > (cut - 1) as f64, "the head must not reach the break first");
            cut
        };
        let run = |keep: bool, name_changes: bool| {
            let mut rates = grass(n, 5.0, 90.0, 0.0, 0.0);
            let mut f = Front::new(n, n, 98.4);
            f.ignite(30 * n + 5, 0.0);
            for minute in 1..=120 {
                let mut changed = Vec::new();
                if minute == cut {
                    for r in 0..n {
                        rates.blocked[r * n + 40] = true;
                        changed.push(r * n + 40);
                    }
                    f.obstruct();
                }
                let until = minute as f64;
                if keep {
                    f.advance_in_same_conditions(until, &rates, if name_changes { &changed } else { &[] });
                } else {
                    f.advance(until, &rates);
                }
            }
            f.arrival_min.iter().map(|t| t.to_bits()).collect::<Vec<_>>()
        };
        let asked = run(false, true);
        let burnt_east = |a: &[u64]| (0..n).any(|r| f64::from_bits(a[r * n + 50]).is_finite());
        assert!(!burnt_east(&asked), "the break must hold when rates are asked again");
        assert_eq!(run(true, true), asked, "kept rates with the changes named");
        assert!(burnt_east(&run(true, false)), "stale rates should let the fire through the break");
    }
}
