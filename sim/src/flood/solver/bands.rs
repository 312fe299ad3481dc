//! Driving the three row passes of [`super::sweep`] over the rows' active
//! spans, on the calling thread or in bands of rows on a rayon pool.
//! Every row is computed the same way whichever band it falls in and the
//! per-row reductions are combined in row order, so the result does not
//! depend on the number of threads.

use std::sync::Arc;

use rayon::prelude::*;

use super::sweep::{self, Coef, Frame, Isa, RowOut};
use super::{EdgeMode, FloodSolver};

/// Cells a base step must sweep before its row passes go to the pool.
/// Each pass hands bands to the threads and joins them, tens of
/// microseconds when the workers have gone to sleep between steps. With
/// every base step on the pool the riverside drill (200 × 200, at most
/// ~36,000 cells a step) took 6.2 s on two threads against 4.4–4.6 s on
/// one, and 4.7–6.2 s with only its full steps (over 16,384 cells) on the
/// pool; a 1024 × 1024 sub-step (10 ms of work) halves on two.
pub(super) const PARALLEL_MIN_CELLS: usize = 65_536;

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
        let f = &frame;
        let isa = self.isa;
        // Small base steps (the short ranges between full steps of local
        // time stepping) run on the calling thread: three pool dispatches
        // cost more than their work. Bits do not depend on it.
        let swept: usize = self.ranges.iter().flatten().map(|s| s.c1 - s.c0 + 1).sum();
        self.cell_updates += swept as u64;
        // On a full step with rain every cell outside the ranges takes it.
        let rain_alone = rain > 0.0 && full;
        let worth_it = swept >= self.parallel_min_cells || (rain_alone && nx * ny >= self.parallel_min_cells);
        let pool = self.pool.clone().filter(|_| worth_it);
        let band = match &pool {
            Some(p) => ny.div_ceil(4 * p.current_num_threads()).max(1),
            None => ny,
        };
        let spans = &self.ranges[..];
        let in_rows = move |first: usize, count: usize| (first..first + count).filter(move |r| spans[*r].is_some());

        // 1. Momentum: reads h and the memory, writes the raw faces.
        {
            let (h, qx, qy) = (&self.h[..], &self.qx[..], &self.qy[..]);
            let (qy_raw, qy_raw_south) = self.qy_raw.split_at_mut(ny * nx);
            type Chunk<'a> = (usize, ((&'a mut [f64], &'a mut [f64]), &'a mut [f64]));
            let body = |(j, ((qxr, qyr), speed)): Chunk| {
                speed.fill(0.0);
                for r in in_rows(j * band, speed.len()) {
                    let o = r - j * band;
                    let qx_row = &mut qxr[o * (nx + 1)..(o + 1) * (nx + 1)];
                    speed[o] = sweep::momentum_row(isa, f, h, qx, qy, r, qx_row, &mut qyr[o * nx..(o + 1) * nx]);
                }
            };
            match &pool {
                Some(p) => p.install(|| {
                    self.qx_raw
                        .par_chunks_mut(band * (nx + 1))
                        .zip(qy_raw.par_chunks_mut(band * nx))
                        .zip(self.row_speed.par_chunks_mut(band))
                        .enumerate()
                        .for_each(body)
                }),
                None => self
                    .qx_raw
                    .chunks_mut(band * (nx + 1))
                    .zip(qy_raw.chunks_mut(band * nx))
                    .zip(self.row_speed.chunks_mut(band))
                    .enumerate()
                    .for_each(body),
            }
            let south = sweep::momentum_south_edge(f, h, qy, qy_raw_south);
            self.umax = self.row_speed.iter().fold(south, |m, u| m.max(*u));
        }

        // 2. Limiter factors: read h and the raw faces.
        {
            let (h, qx_raw, qy_raw) = (&self.h[..], &self.qx_raw[..], &self.qy_raw[..]);
            let body = |(j, fac): (usize, &mut [f64])| {
                for r in in_rows(j * band, fac.len() / nx) {
                    let o = r - j * band;
                    sweep::factor_row(isa, f, h, qx_raw, qy_raw, r, &mut fac[o * nx..(o + 1) * nx]);
                }
            };
            match &pool {
                Some(p) => p.install(|| self.fac.par_chunks_mut(band * nx).enumerate().for_each(body)),
                None => self.fac.chunks_mut(band * nx).enumerate().for_each(body),
            }
        }

        // 3. Limit and continuity: read raw faces and factors, write the
        //    memory and the depths.
        {
            let (qx_raw, qy_raw, fac) = (&self.qx_raw[..], &self.qy_raw[..], &self.fac[..]);
            let (qy_mem, qy_mem_south) = self.qy.split_at_mut(ny * nx);
            type Chunk<'a> = (usize, (((&'a mut [f64], &'a mut [f64]), &'a mut [f64]), &'a mut [RowOut]));
            let body = |(j, (((hc, qxc), qyc), outc)): Chunk| {
                for (o, out) in outc.iter_mut().enumerate() {
                    let r = j * band + o;
                    let hr = &mut hc[o * nx..(o + 1) * nx];
                    let new = match spans[r] {
                        Some(s) => {
                            let swept = sweep::continuity_row(
                                isa,
                                f,
                                qx_raw,
                                qy_raw,
                                fac,
                                r,
                                hr,
                                &mut qxc[o * (nx + 1)..(o + 1) * (nx + 1)],
                                &mut qyc[o * nx..(o + 1) * nx],
                            );
                            if rain_alone {
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
                        None if rain_alone => sweep::rain_row(isa, hr, f.cell_periods(r), &f.k, 0, f.moving_floor),
                        // Not swept, no rain due: the row stands as it was.
                        None => RowOut {
                            hmax: out.hmax,
                            ..RowOut::default()
                        },
                    };
                    // Between full steps the cells outside the range kept
                    // their depth, so the row's maximum can only grow.
                    *out = if full {
                        new
                    } else {
                        RowOut {
                            hmax: new.hmax.max(out.hmax),
                            ..new
                        }
                    };
                }
            };
            match &pool {
                Some(p) => p.install(|| {
                    self.h
                        .par_chunks_mut(band * nx)
                        .zip(self.qx.par_chunks_mut(band * (nx + 1)))
                        .zip(qy_mem.par_chunks_mut(band * nx))
                        .zip(self.rows_out.par_chunks_mut(band))
                        .enumerate()
                        .for_each(body)
                }),
                None => self
                    .h
                    .chunks_mut(band * nx)
                    .zip(self.qx.chunks_mut(band * (nx + 1)))
                    .zip(qy_mem.chunks_mut(band * nx))
                    .zip(self.rows_out.chunks_mut(band))
                    .enumerate()
                    .for_each(body),
            }
            sweep::limit_south_edge(f, qy_raw, fac, qy_mem_south);
        }

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
