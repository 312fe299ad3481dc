//! Driving the three row passes of [`super::sweep`] over the rows' active
//! spans: on the calling thread interleaved row by row (`Pass::rolling`,
//! so the rows a pass reads are still in cache from the pass before), or
//! one pass after the other in bands of rows on a rayon pool
//! (`Pass::in_bands`). Every row is computed the same way either way and
//! the per-row reductions are combined in row order, so the result does
//! not depend on the number of threads.

use std::sync::Arc;

use rayon::prelude::*;

use super::sweep::{self, Coef, Frame, Isa, RowOut};
use super::{EdgeMode, FloodSolver};

/// Cells a base step must sweep before its row passes go to the pool.
/// Each pass hands bands to the threads and joins them. Woken from outside
/// the pool that cost tens of microseconds a pass: with every base step on
/// the pool the riverside drill (200 × 200, at most ~36,000 cells a step)
/// took 6.2 s on two threads against 4.4–4.6 s on one. Since a run steps
/// from inside its pool (`FloodSolver::on_own_pool`) a pass starts in
/// place, and on two threads the drill took 3.16 s (median of five) with
/// steps over 1,024 cells on the pool, 3.16 s over 256 and 3.38 s over
/// 4,096, against 3.47 s on one (2026-12-07, BENCHMARKS.md).
pub(super) const PARALLEL_MIN_CELLS: usize = 1_024;

/// Bands each pass is cut into, per pool thread. A thread that finishes
/// its bands steals others', so more, smaller bands even out rows of
/// unequal ranges (a short base step sweeps only the channel's band of
/// each row). On the riverside drill at `--threads 2` (five interleaved
/// runs each, medians, 2026-12-07): 1 band a thread 3.51 s, 2: 2.95 s,
/// 4: 2.68 s, 8: 2.50–2.52 s, 12: 2.61 s, 16: 2.58 s; one thread 2.97 s.
const BANDS_PER_THREAD: usize = 8;

impl FloodSolver {
    /// Run sub-steps' row passes on `threads` threads (1 = the calling thread).
    /// Results are bit-identical for every value.
    ///
    /// # Errors
    /// If the pool cannot be built (the OS refuses threads).
    pub fn set_threads(&mut self, threads: usize) -> Result<(), rayon::ThreadPoolBuildError> {
        self.pool = if threads <= 1 {
            None
        } else {
            Some(Arc::new(rayon::ThreadPoolBuilder::new().num_threads(threads).build()?))
        };
        Ok(())
    }

    /// Threads the sub-steps run on.
    pub fn threads(&self) -> usize {
        self.pool.as_ref().map_or(1, |p| p.current_num_threads())
    }

    /// Choose the instruction set of the row kernels. Returns false (and
    /// keeps the current one) if this CPU lacks it.
    pub fn set_isa(&mut self, isa: Isa) -> bool {
        let ok = Isa::available().contains(&isa);
        if ok {
            self.isa = isa;
        }
        ok
    }

    /// The instruction set the row kernels run with.
    pub fn isa(&self) -> Isa {
        self.isa
    }

    /// Momentum weight θ (default [`super::THETA`]); 1 is the plain Bates et
    /// al. (2010) form, kept for comparisons.
    ///
    /// # Panics
    /// If `theta` is outside `[0, 1]`.
    pub fn set_theta(&mut self, theta: f64) {
        assert!((0.0..=1.0).contains(&theta), "theta must be in [0, 1]");
        self.theta = theta;
    }

    /// One base step of `dt` seconds over every row's range (`ranges`):
    /// the faces and cells whose period is at most `due` move water and take
    /// rain (`rain`, m/s) over their own step; the rest keep their state.
    /// On a `full` base step every period is due and the ranges are the
    /// spans, so cells outside them take their rain alone; then the moving
    /// extents and the largest depth are exact. On the other base steps they
    /// only grow (the cells outside the ranges did not change). Updates the
    /// outflow and clipping books.
    pub(super) fn sweep(&mut self, dt: f64, due: f64, full: bool, rain: f64) {
        let (nx, ny, dx) = (self.grid.nx, self.grid.ny, self.grid.cell_m);
        let frame = Frame {
            nx,
            ny,
            open: self.edges == EdgeMode::Open,
            spans: &self.ranges,
            moving_floor: self.moving_floor,
            z: &self.z,
            n: &self.n,
            periods: self.periods.varied(),
            ones: &self.periods.ones,
            k: Coef {
                dt,
                due,
                inv_dx: 1.0 / dx,
                rain,
                cell_area: dx * dx,
                theta: self.theta,
            },
        };
        // Small base steps (the short ranges between full steps of local
        // time stepping) run on the calling thread: three pool dispatches
        // cost more than their work. Bits do not depend on it.
        let swept: usize = self.ranges.iter().flatten().map(|s| s.c1 - s.c0 + 1).sum();
        self.cell_updates += swept as u64;
        // On a full step with rain every cell outside the ranges takes it.
        let rain_alone = rain > 0.0 && full;
        let worth_it = swept >= self.parallel_min_cells || (rain_alone && nx * ny >= self.parallel_min_cells);
        let state = State {
            h: &mut self.h,
            qx: &mut self.qx,
            qy: &mut self.qy,
            qx_raw: &mut self.qx_raw,
            qy_raw: &mut self.qy_raw,
            fac: &mut self.fac,
            row_speed: &mut self.row_speed,
            rows_out: &mut self.rows_out,
        };
        let pass = Pass {
            f: &frame,
            isa: self.isa,
            full,
            rain_alone,
        };
        self.umax = match self.pool.as_ref().filter(|_| worth_it) {
            Some(pool) => pass.in_bands(state, pool),
            None => pass.rolling(state),
        };

        let mut hmax = 0.0f64;
        for (o, moving) in self.rows_out.iter().zip(&mut self.moving) {
            hmax = hmax.max(o.hmax);
            self.vol.clipped += o.clipped_m * dx * dx;
            self.vol.outflow += o.edge_out;
            let now = o.moving.map(|(c0, c1)| super::Span { c0, c1 });
            *moving = match (full, now) {
                (true, _) => now,
                (false, Some(s)) => Some(super::Span::union(*moving, s)),
                (false, None) => *moving,
            };
        }
        self.hmax = hmax;
    }
}

/// The solver's arrays a base step writes.
struct State<'a> {
    h: &'a mut [f64],
    qx: &'a mut [f64],
    qy: &'a mut [f64],
    qx_raw: &'a mut [f64],
    qy_raw: &'a mut [f64],
    fac: &'a mut [f64],
    row_speed: &'a mut [f64],
    rows_out: &'a mut [RowOut],
}

/// One base step's three passes: what they read and how they run.
struct Pass<'a> {
    f: &'a Frame<'a>,
    isa: Isa,
    full: bool,
    rain_alone: bool,
}

impl Pass<'_> {
    /// Momentum of row `r` (see [`sweep::momentum_row`]) into its rows of
    /// the raw face arrays; returns its largest face speed.
    fn momentum(&self, h: &[f64], qx: &[f64], qy: &[f64], r: usize, qx_row: &mut [f64], qy_row: &mut [f64]) -> f64 {
        sweep::momentum_row(self.isa, self.f, h, qx, qy, r, qx_row, qy_row)
    }

    /// Limit and continuity of row `r` (its depths `hr`, its memory faces
    /// `qx_row`/`qy_row`), rain alone on its cells outside the range on a
    /// full step, and the row's outcome merged into `out`.
    #[allow(clippy::too_many_arguments)]
    fn continuity(
        &self,
        qx_raw: &[f64],
        qy_raw: &[f64],
        fac: &[f64],
        r: usize,
        hr: &mut [f64],
        qx_row: &mut [f64],
        qy_row: &mut [f64],
        out: &mut RowOut,
    ) {
        let (f, isa) = (self.f, self.isa);
        let new = match f.spans[r] {
            Some(s) => {
                let swept = sweep::continuity_row(isa, f, qx_raw, qy_raw, fac, r, hr, qx_row, qy_row);
                if self.rain_alone {
                    let period = f.cell_periods(r);
                    let (left, rest) = hr.split_at_mut(s.c0);
                    let right = &mut rest[s.c1 + 1 - s.c0..];
                    let l = sweep::rain_row(isa, left, &period[..s.c0], &f.k, 0, f.moving_floor);
                    let rr = sweep::rain_row(isa, right, &period[s.c1 + 1..], &f.k, s.c1 + 1, f.moving_floor);
                    l.join(swept).join(rr)
                } else {
                    swept
                }
            }
            None if self.rain_alone => sweep::rain_row(isa, hr, f.cell_periods(r), &f.k, 0, f.moving_floor),
            // Not swept, no rain due: the row stands as it was.
            None => RowOut {
                hmax: out.hmax,
                ..RowOut::default()
            },
        };
        // Between full steps the cells outside the range kept their depth,
        // so the row's maximum can only grow.
        *out = if self.full {
            new
        } else {
            RowOut {
                hmax: new.hmax.max(out.hmax),
                ..new
            }
        };
    }

    /// The three passes interleaved row by row on the calling thread:
    /// momentum of row `i`, the factors of row `i − 1`, continuity of row
    /// `i − 2`. Each pass of a row reads only rows its predecessors have
    /// finished and rows the later passes have not yet written (momentum
    /// reads depths and memory from row `i − 1` on, continuity has written
    /// up to row `i − 3`), so every row computes exactly what the separate
    /// passes of [`Self::in_bands`] compute, while the rows a pass reads
    /// are still in cache from the pass before (about 3 % faster than three
    /// whole-grid passes on the riverside drill). Returns the largest face
    /// speed.
    fn rolling(&self, s: State) -> f64 {
        let (f, isa) = (self.f, self.isa);
        let (nx, ny) = (f.nx, f.ny);
        let mut south = 0.0;
        for i in 0..ny + 2 {
            if i < ny {
                let r = i;
                let (qx_row, qy_row) = (&mut s.qx_raw[r * (nx + 1)..(r + 1) * (nx + 1)], &mut s.qy_raw[r * nx..(r + 1) * nx]);
                s.row_speed[r] = if f.spans[r].is_some() {
                    self.momentum(s.h, s.qx, s.qy, r, qx_row, qy_row)
                } else {
                    0.0
                };
                if r + 1 == ny {
                    south = sweep::momentum_south_edge(f, s.h, s.qy, &mut s.qy_raw[ny * nx..]);
                }
            }
            if let Some(r) = i.checked_sub(1).filter(|r| *r < ny && f.spans[*r].is_some()) {
                sweep::factor_row(isa, f, s.h, s.qx_raw, s.qy_raw, r, &mut s.fac[r * nx..(r + 1) * nx]);
            }
            if let Some(r) = i.checked_sub(2) {
                let hr = &mut s.h[r * nx..(r + 1) * nx];
                let qx_row = &mut s.qx[r * (nx + 1)..(r + 1) * (nx + 1)];
                let qy_row = &mut s.qy[r * nx..(r + 1) * nx];
                self.continuity(s.qx_raw, s.qy_raw, s.fac, r, hr, qx_row, qy_row, &mut s.rows_out[r]);
            }
        }
        sweep::limit_south_edge(f, s.qy_raw, s.fac, &mut s.qy[ny * nx..]);
        s.row_speed.iter().fold(south, |m, u| m.max(*u))
    }

    /// The three passes one after the other, each in bands of rows on
    /// `pool`. Returns the largest face speed.
    fn in_bands(&self, s: State, pool: &rayon::ThreadPool) -> f64 {
        let f = self.f;
        let (nx, ny) = (f.nx, f.ny);
        let band = ny.div_ceil(BANDS_PER_THREAD * pool.current_num_threads()).max(1);
        let spans = f.spans;
        let in_rows = move |first: usize, count: usize| (first..first + count).filter(move |r| spans[*r].is_some());
        let State {
            h,
            qx,
            qy,
            qx_raw,
            qy_raw,
            fac,
            row_speed,
            rows_out,
        } = s;

        // 1. Momentum: reads h and the memory, writes the raw faces.
        let (qy_raw_rows, qy_raw_south) = qy_raw.split_at_mut(ny * nx);
        {
            let (h, qx, qy) = (&*h, &*qx, &*qy);
            type Chunk<'a> = (usize, ((&'a mut [f64], &'a mut [f64]), &'a mut [f64]));
            let body = |(j, ((qxr, qyr), speed)): Chunk| {
                speed.fill(0.0);
                for r in in_rows(j * band, speed.len()) {
                    let o = r - j * band;
                    let qx_row = &mut qxr[o * (nx + 1)..(o + 1) * (nx + 1)];
                    speed[o] = self.momentum(h, qx, qy, r, qx_row, &mut qyr[o * nx..(o + 1) * nx]);
                }
            };
            pool.install(|| {
                qx_raw
                    .par_chunks_mut(band * (nx + 1))
                    .zip(qy_raw_rows.par_chunks_mut(band * nx))
                    .zip(row_speed.par_chunks_mut(band))
                    .enumerate()
                    .for_each(body)
            });
        }
        let south = sweep::momentum_south_edge(f, h, qy, qy_raw_south);
        let umax = row_speed.iter().fold(south, |m, u| m.max(*u));
        let (qx_raw, qy_raw) = (&*qx_raw, &*qy_raw);

        // 2. Limiter factors: read h and the raw faces.
        {
            let h = &*h;
            let body = |(j, fac): (usize, &mut [f64])| {
                for r in in_rows(j * band, fac.len() / nx) {
                    let o = r - j * band;
                    sweep::factor_row(self.isa, f, h, qx_raw, qy_raw, r, &mut fac[o * nx..(o + 1) * nx]);
                }
            };
            pool.install(|| fac.par_chunks_mut(band * nx).enumerate().for_each(body));
        }

        // 3. Limit and continuity: read raw faces and factors, write the
        //    memory and the depths.
        let fac = &*fac;
        let (qy_mem, qy_mem_south) = qy.split_at_mut(ny * nx);
        type Chunk<'a> = (usize, (((&'a mut [f64], &'a mut [f64]), &'a mut [f64]), &'a mut [RowOut]));
        let body = |(j, (((hc, qxc), qyc), outc)): Chunk| {
            for (o, out) in outc.iter_mut().enumerate() {
                let hr = &mut hc[o * nx..(o + 1) * nx];
                let qx_row = &mut qxc[o * (nx + 1)..(o + 1) * (nx + 1)];
                let qy_row = &mut qyc[o * nx..(o + 1) * nx];
                self.continuity(qx_raw, qy_raw, fac, j * band + o, hr, qx_row, qy_row, out);
            }
        };
        pool.install(|| {
            h.par_chunks_mut(band * nx)
                .zip(qx.par_chunks_mut(band * (nx + 1)))
                .zip(qy_mem.par_chunks_mut(band * nx))
                .zip(rows_out.par_chunks_mut(band))
                .enumerate()
                .for_each(body)
        });
        sweep::limit_south_edge(f, qy_raw, fac, qy_mem_south);
        umax
    }
}
