//! A cloud carried as a train of Gaussian puffs, each moving with the wind
//! of its own time (the Lagrangian puff method of CALPUFF and RIMPUFF): a
//! continuous release emits puffs every tick, so a wind shift bends the
//! cloud and a release that has ended drifts away.
//!
//! Spread. A puff's σ follows the curves of the release (Briggs plume σ for
//! a continuous release — the train then sums to the Briggs plume — or the
//! CCPS puff σ for an instantaneous one) at the distance it has travelled.
//! When the stability class changes a puff carries on from the spread it
//! has (virtual distance). Below 1 m/s the Gaussian model is outside its
//! fitted range (ALOHA refuses such winds); the spread then grows at 1 m/s
//! while the puffs move at the real wind.
//!
//! Ground-level concentration on the grid. Each cell takes the value at its
//! centre of every puff convolved with the cell (the box adds `cell²/12` to
//! σ² horizontally), so a narrow plume near the source is not lost between
//! cell centres. Puffs are spaced at most 2 such σ apart when emitted
//! (the train's ripple is then under 1.5 %).
//!
//! Buoyant puffs (smoke): a puff may carry the buoyancy flux of the heat
//! it left with; it then rises by Briggs' two-thirds law with the distance
//! it has travelled, up to the final rise ([`super::rise`]), above the
//! cloud's release height. A puff without buoyancy (a toxic release) does
//! not rise.
//!
//! Cut-offs, with their error: a puff reaches ±4σ (the Gaussian tail past it
//! is 3·10⁻⁴ of the peak); a puff whose ground-level peak is under the
//! caller's floor is dropped, as is one carried 4σ off the map (its mass is
//! counted in `left_kg`). Neighbouring puffs closer than half their σ merge
//! into one of their total mass at their centre of mass: the merged spread
//! is under-stated by at most `(d/2)²` in variance, 6 % of σ², and the
//! test below bounds the field's change at 1 % of its peak (0.4 % for 58
//! puffs in place of 1,280).

use super::rise::rise;
use super::sigma::{Curves, Stability};

/// Wind below which spread grows as at this speed, m/s.
pub const MIN_SPREAD_WIND_MS: f64 = 1.0;
/// Puffs reach this many σ.
const REACH_SIGMAS: f64 = 4.0;
/// Neighbours closer than this many σ merge.
const MERGE_SIGMAS: f64 = 0.5;
/// Emitted puffs are at most this many (cell-convolved) σ apart.
const SPACING_SIGMAS: f64 = 2.0;
/// `(2π)^{3/2}`, the bits `(2.0 * PI).powf(1.5)` gives (a test checks),
/// so the hottest line of a puff's peak calls no `pow`.
const TWO_PI_POW_1_5: f64 = 15.749_609_945_722_419;
/// A rising puff is drawn while its ground-level peak is at least this
/// share of its peak at the release height (see [`Cloud::concentrate`]).
pub const ALOFT_SHARE: f64 = 1e-6;
/// At most this many puffs are emitted in one tick.
const MAX_PUFFS_PER_EMISSION: usize = 256;

#[derive(Clone, Debug, PartialEq)]
pub struct Puff {
    /// Centre, m east of the grid's west edge and south of its north edge.
    pub x: f64,
    pub y: f64,
    pub mass_kg: f64,
    /// Distance travelled (virtual, under `class`), m.
    pub travel_m: f64,
    pub class: Stability,
    /// Buoyancy flux of the heat it left with, m⁴/s³ (0: a passive gas).
    pub buoyancy: f64,
    /// Plume rise above the cloud's height reached so far, m.
    pub rise_m: f64,
    /// The curves' (σy, σz) at `travel_m` under `class`, m: kept with
    /// them so a tick asks the curves (two `pow`s) once per puff.
    pub sigma: (f64, f64),
}

/// The grid a cloud is drawn on.
#[derive(Clone, Copy, Debug)]
pub struct Grid {
    pub cols: usize,
    pub rows: usize,
    pub cell_m: f64,
}

/// The wind a cloud moves in this tick.
#[derive(Clone, Copy, Debug)]
pub struct Air {
    pub speed_ms: f64,
    /// Direction the wind blows from, degrees clockwise from north.
    pub from_deg: f64,
    pub class: Stability,
    /// Air temperature, K (the stable plume rise depends on it).
    pub air_k: f64,
}

impl Air {
    /// Unit vector the wind blows toward, in grid axes (x east, y south).
    fn toward(&self) -> (f64, f64) {
        let to = (self.from_deg + 180.0).to_radians();
        (to.sin(), -to.cos())
    }
}

#[derive(Clone, Debug)]
pub struct Cloud {
    pub puffs: Vec<Puff>,
    pub curves: Curves,
    pub height_m: f64,
    /// Mass carried off the map or below the floor, kg.
    pub left_kg: f64,
}

impl Cloud {
    pub fn new(curves: Curves, height_m: f64) -> Self {
        Cloud {
            puffs: Vec::new(),
            curves,
            height_m,
            left_kg: 0.0,
        }
    }

    /// Horizontal σ² of a puff seen by a grid of `cell_m` cells.
    fn spread2(&self, p: &Puff, cell_m: f64) -> (f64, f64) {
        let (sy, sz) = p.sigma;
        (sy * sy + cell_m * cell_m / 12.0, sz)
    }

    /// Move every puff for `dt_s` seconds of `air`.
    pub fn advance(&mut self, air: Air, dt_s: f64) {
        let (ex, ey) = air.toward();
        let step = air.speed_ms * dt_s;
        let grow = air.speed_ms.max(MIN_SPREAD_WIND_MS) * dt_s;
        for p in &mut self.puffs {
            if p.class != air.class {
                p.travel_m = self.curves.virtual_distance(air.class, p.sigma.0);
                p.class = air.class;
            }
            p.travel_m += grow;
            p.sigma = self.curves.at(p.class, p.travel_m);
            p.x += ex * step;
            p.y += ey * step;
            if p.buoyancy > 0.0 {
                p.rise_m = rise(p.buoyancy, p.travel_m, air.speed_ms, air.class, air.air_k);
            }
        }
    }

    /// Release `mass_kg` evenly over the `dt_s` seconds ending now from
    /// (`x`, `y`): puffs spread along the path the wind carried them, each
    /// as far out as its release time gives. `dt_s = 0` is one puff at the source.
    pub fn emit(&mut self, x: f64, y: f64, mass_kg: f64, air: Air, dt_s: f64, cell_m: f64) {
        self.emit_buoyant(x, y, mass_kg, 0.0, air, dt_s, cell_m);
    }

    /// [`Self::emit`] for a source that also gives off heat: its puffs carry
    /// `buoyancy` (m⁴/s³, [`super::rise::buoyancy_flux`]) and rise with it.
    #[allow(clippy::too_many_arguments)]
    pub fn emit_buoyant(&mut self, x: f64, y: f64, mass_kg: f64, buoyancy: f64, air: Air, dt_s: f64, cell_m: f64) {
        if mass_kg <= 0.0 {
            return;
        }
        let (ex, ey) = air.toward();
        let path = air.speed_ms * dt_s;
        let min_sigma = (cell_m * cell_m / 12.0).sqrt();
        let n = ((path / (SPACING_SIGMAS * min_sigma)).ceil() as usize).clamp(1, MAX_PUFFS_PER_EMISSION);
        let grow_speed = air.speed_ms.max(MIN_SPREAD_WIND_MS);
        for j in 0..n {
            // The oldest piece first, so the train stays in emission order.
            let age = dt_s * (1.0 - (j as f64 + 0.5) / n as f64);
            let along = air.speed_ms * age;
            let travel_m = grow_speed * age;
            self.puffs.push(Puff {
                x: x + ex * along,
                y: y + ey * along,
                mass_kg: mass_kg / n as f64,
                travel_m,
                class: air.class,
                buoyancy,
                rise_m: rise(buoyancy, travel_m, air.speed_ms, air.class, air.air_k),
                sigma: self.curves.at(air.class, travel_m),
            });
        }
    }

    /// Merge close neighbours and drop puffs off the map or under
    /// `floor_kg_m3` at their ground-level peak. A rising puff is judged
    /// at the height it left from: aloft its ground-level value is small
    /// now but grows as it spreads down, never past that bound.
    pub fn tidy(&mut self, grid: Grid, floor_kg_m3: f64) {
        let (w, h) = (grid.cols as f64 * grid.cell_m, grid.rows as f64 * grid.cell_m);
        let curves = self.curves;
        let mut kept: Vec<Puff> = Vec::with_capacity(self.puffs.len());
        for p in std::mem::take(&mut self.puffs) {
            let (s2, sz) = self.spread2(&p, grid.cell_m);
            let reach = REACH_SIGMAS * s2.sqrt();
            let off = p.x < -reach || p.y < -reach || p.x > w + reach || p.y > h + reach;
            if off || self.peak(&p, s2, sz, self.height_m) < floor_kg_m3 {
                self.left_kg += p.mass_kg;
                continue;
            }
            if let Some(last) = kept.last_mut()
                && last.class == p.class
            {
                let d2 = (last.x - p.x).powi(2) + (last.y - p.y).powi(2);
                let s2_min = s2.min(self.spread2(last, grid.cell_m).0);
                if d2 < MERGE_SIGMAS * MERGE_SIGMAS * s2_min {
                    let m = last.mass_kg + p.mass_kg;
                    last.x = (last.x * last.mass_kg + p.x * p.mass_kg) / m;
                    last.y = (last.y * last.mass_kg + p.y * p.mass_kg) / m;
                    last.travel_m = (last.travel_m * last.mass_kg + p.travel_m * p.mass_kg) / m;
                    last.sigma = curves.at(last.class, last.travel_m);
                    if last.buoyancy > 0.0 || p.buoyancy > 0.0 {
                        last.buoyancy = (last.buoyancy * last.mass_kg + p.buoyancy * p.mass_kg) / m;
                        last.rise_m = (last.rise_m * last.mass_kg + p.rise_m * p.mass_kg) / m;
                    }
                    last.mass_kg = m;
                    continue;
                }
            }
            kept.push(p);
        }
        self.puffs = kept;
    }

    /// Ground-level peak concentration of a puff centred `h` m up, kg/m³.
    fn peak(&self, p: &Puff, s2: f64, sz: f64, h: f64) -> f64 {
        2.0 * p.mass_kg / (TWO_PI_POW_1_5 * s2 * sz) * (-h * h / (2.0 * sz * sz)).exp()
    }

    /// Add the cloud's ground-level concentration (kg/m³) to `out`, one
    /// value per cell. Returns the rows `r0..r1` and columns `c0..c1` it
    /// touched (every drawn puff's ±4σ window), if any.
    ///
    /// A rising puff whose plume rise keeps its ground-level value under
    /// [`ALOFT_SHARE`] of what it would give at its release height is not
    /// drawn: it is aloft, and it is still carried (it comes down as it
    /// spreads). A puff without buoyancy is always drawn.
    pub fn concentrate(&self, grid: Grid, out: &mut [f32]) -> Option<Window> {
        let (cols, cell) = (grid.cols, grid.cell_m);
        let (mut fx, mut fy) = (Vec::new(), Vec::new());
        let mut touched: Option<Window> = None;
        for p in &self.puffs {
            let (s2, sz) = self.spread2(p, cell);
            let peak = self.peak(p, s2, sz, self.height_m + p.rise_m);
            if p.buoyancy > 0.0 && peak < ALOFT_SHARE * self.peak(p, s2, sz, self.height_m) {
                continue;
            }
            let ((c0, c1), (r0, r1)) = window(p, s2, grid);
            if c0 >= c1 || r0 >= r1 {
                continue;
            }
            touched = union(touched, Some((r0, r1, c0, c1)));
            let factor = |i: usize, centre: f64| {
                let d = (i as f64 + 0.5) * cell - centre;
                (-d * d / (2.0 * s2)).exp() as f32
            };
            fx.clear();
            fx.extend((c0..c1).map(|c| factor(c, p.x)));
            fy.clear();
            fy.extend((r0..r1).map(|r| peak as f32 * factor(r, p.y)));
            for (r, wy) in (r0..r1).zip(&fy) {
                let row = &mut out[r * cols + c0..r * cols + c1];
                for (o, wx) in row.iter_mut().zip(&fx) {
                    *o += wy * wx;
                }
            }
        }
        touched
    }

    pub fn mass_kg(&self) -> f64 {
        self.puffs.iter().map(|p| p.mass_kg).sum()
    }
}

/// Rows `r0..r1` and columns `c0..c1` of a grid: `(r0, r1, c0, c1)`.
pub type Window = (usize, usize, usize, usize);

/// The smallest window holding both.
pub fn union(a: Option<Window>, b: Option<Window>) -> Option<Window> {
    match (a, b) {
        (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1), a.2.min(b.2), a.3.max(b.3))),
        (a, b) => a.or(b),
    }
}

/// The columns and rows (half-open) a puff of horizontal variance `s2`
/// reaches on the grid.
fn window(p: &Puff, s2: f64, grid: Grid) -> ((usize, usize), (usize, usize)) {
    let reach = REACH_SIGMAS * s2.sqrt();
    let span = |centre: f64, n: usize| {
        let lo = ((centre - reach) / grid.cell_m).floor().max(0.0) as usize;
        let hi = (((centre + reach) / grid.cell_m).ceil().max(0.0) as usize).min(n);
        (lo, hi)
    };
    (span(p.x, grid.cols), span(p.y, grid.rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chem::gauss::plume;
    use crate::chem::sigma::{Surface, briggs};
    use std::f64::consts::PI;

    const GRID: Grid = Grid {
        cols: 300,
        rows: 300,
        cell_m: 10.0,
    };

    fn field(cloud: &Cloud) -> Vec<f32> {
        let mut out = vec![0.0; GRID.cols * GRID.rows];
        cloud.concentrate(GRID, &mut out);
        out
    }

    fn at(out: &[f32], x: f64, y: f64) -> f64 {
        let (c, r) = ((x / GRID.cell_m) as usize, (y / GRID.cell_m) as usize);
        out[r * GRID.cols + c] as f64
    }

    fn run(cloud: &mut Cloud, air: Air, minutes: usize, rate: f64, src: (f64, f64)) {
        for _ in 0..minutes {
            cloud.advance(air, 60.0);
            cloud.emit(src.0, src.1, rate * 60.0, air, 60.0, GRID.cell_m);
            cloud.tidy(GRID, 1e-12);
        }
    }

    const WEST_WIND: Air = Air {
        speed_ms: 2.0,
        from_deg: 270.0,
        class: Stability::F,
        air_k: 293.15,
    };

    #[test]
    fn the_constant_is_the_power_it_replaces() {
        assert_eq!(TWO_PI_POW_1_5.to_bits(), (2.0 * PI).powf(1.5).to_bits());
    }

    /// The window `concentrate` returns bounds every cell it writes.
    #[test]
    fn reach_bounds_the_drawn_cells() {
        let mut cloud = Cloud::new(Curves::Plume(Surface::Rural), 0.0);
        cloud.emit(700.0, 1500.0, 5.0, WEST_WIND, 600.0, GRID.cell_m);
        cloud.advance(WEST_WIND, 60.0);
        let mut f = vec![0.0; GRID.cols * GRID.rows];
        let (r0, r1, c0, c1) = cloud.concentrate(GRID, &mut f).expect("a reach");
        for (i, v) in f.iter().enumerate() {
            let (r, c) = (i / GRID.cols, i % GRID.cols);
            if *v != 0.0 {
                assert!((r0..r1).contains(&r) && (c0..c1).contains(&c), "cell ({r}, {c}) outside the reach");
            }
        }
        assert!(f.iter().any(|v| *v > 0.0));
        assert!(Cloud::new(Curves::Puff, 0.0).concentrate(GRID, &mut f).is_none());
    }

    #[test]
    fn a_steady_train_is_the_briggs_plume() {
        // The CCPS example: 0.1 kg/s in 2 m/s, class F, 500 m downwind.
        let mut cloud = Cloud::new(Curves::Plume(Surface::Rural), 0.0);
        let src = (5.0, 1505.0);
        run(&mut cloud, WEST_WIND, 30, 0.1, src);
        let got = at(&field(&cloud), src.0 + 500.0, src.1);
        let (sy, sz) = briggs(Stability::F, Surface::Rural, 500.0);
        // The cell box widens σy² by cell²/12.
        let expected = plume(0.1, 2.0, ((sy * sy + 100.0 / 12.0).sqrt(), sz), 0.0, 0.0, 0.0);
        assert!((got - expected).abs() / expected < 0.01, "{got} vs {expected}");
        // Mass is conserved: what was released is in the cloud or left it.
        let released = 0.1 * 60.0 * 30.0;
        assert!((cloud.mass_kg() + cloud.left_kg - released).abs() < 1e-9 * released);
    }

    #[test]
    fn a_wind_shift_turns_the_cloud_and_an_ended_release_drifts_away() {
        let mut cloud = Cloud::new(Curves::Plume(Surface::Rural), 0.0);
        let src = (1000.0, 2000.0);
        run(&mut cloud, WEST_WIND, 10, 0.5, src);
        let before = field(&cloud);
        let east = (src.0 + 600.0, src.1);
        let north = (src.0, src.1 - 600.0);
        assert!(at(&before, east.0, east.1) > 1e-5);
        assert_eq!(at(&before, north.0, north.1), 0.0);
        // The wind backs to the south: new puffs go north, the old ones
        // carry on north from where they were.
        let south_wind = Air {
            from_deg: 180.0,
            ..WEST_WIND
        };
        run(&mut cloud, south_wind, 10, 0.5, src);
        let after = field(&cloud);
        assert!(at(&after, north.0, north.1) > 1e-5, "the cloud did not turn");
        assert!(
            at(&after, east.0, east.1) < 0.01 * at(&before, east.0, east.1),
            "the old arm stayed"
        );
        // The release ends: ten minutes on, nothing is left at the source's doorstep.
        run(&mut cloud, south_wind, 10, 0.0, src);
        let later = field(&cloud);
        assert!(at(&later, north.0, north.1) < 1e-3 * at(&after, north.0, north.1));
        let north_far = (src.0, src.1 - 1800.0);
        assert!(at(&later, north_far.0, north_far.1) > 1e-6, "the cloud did not drift on");
    }

    #[test]
    fn merging_changes_the_field_by_little() {
        let air = Air {
            speed_ms: 3.0,
            from_deg: 250.0,
            class: Stability::D,
            air_k: 293.15,
        };
        let mut merged = Cloud::new(Curves::Plume(Surface::Urban), 5.0);
        let mut unmerged = merged.clone();
        for _ in 0..40 {
            merged.advance(air, 60.0);
            merged.emit(20.0, 1500.0, 60.0, air, 60.0, GRID.cell_m);
            merged.tidy(GRID, 0.0);
            unmerged.advance(air, 60.0);
            unmerged.emit(20.0, 1500.0, 60.0, air, 60.0, GRID.cell_m);
        }
        assert!(
            merged.puffs.len() * 3 < unmerged.puffs.len(),
            "{} vs {}",
            merged.puffs.len(),
            unmerged.puffs.len()
        );
        let (a, b) = (field(&merged), field(&unmerged));
        let peak = b.iter().cloned().fold(0.0f32, f32::max);
        let worst = a.iter().zip(&b).map(|(x, y)| (x - y).abs()).fold(0.0f32, f32::max);
        assert!(worst < 0.01 * peak, "{worst} of {peak}");
    }
}
