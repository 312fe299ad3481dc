//! Local time stepping: where the water is thin and slow, faces take a
//! multiple of the base step.
//!
//! The global step is set by the deepest, fastest water (the channel), yet
//! on a rain-soaked map most cells hold a film a few millimetres deep whose
//! own Courant limit is many times longer. Following the power-of-two local
//! time stepping of Sanders (2008, "Integration of a shallow water model
//! with a local time step", J. Hydraul. Res. 46(4):466–475) as laid out for
//! 2-D flood models by Yang, An, Li & Zhang (2020, "Implementation of a
//! local time stepping algorithm and its acceleration effect on
//! two-dimensional hydrodynamic models", Water 12(4):1148, §2.2):
//!
//! * At the start of each **cycle** of `2^top` base steps of `Δt₀` (the
//!   global stable step), every cell gets a level `m`: the largest with
//!   `Δt = 2^m·Δt₀` within its own Courant limit
//!   `CFL·√θ·Δx / (|u| + √(g·h) + g·(δη/Δx)·Δt)` (the condition of
//!   [`super::FloodSolver::stable_dt`] on the cell's depth and the largest
//!   speed of its four faces, plus the speed a face gains from rest in one
//!   step down its cell's largest surface drop `δη`), at most `top`, and
//!   `2^top·Δt₀ ≤` [`super::INIT_TSTEP`]. Cells at least [`FILM_DEPTH`]
//!   deep keep level 0.
//! * Levels are smoothed so that they rise by at most one every two cells
//!   away from a faster cell: the cells beside a level-`m` cell are at most
//!   `m`, the next two rings at most `m + 1`, and so on. Yang et al. require
//!   neighbours to differ by at most one level; the wider band here lets a
//!   flood front travel a cycle (at most `Cr ≤ 0.59` cells per base step, so
//!   under 2.4 cells in a cycle of four) without reaching a cell whose level
//!   was set for a thin film.
//! * A face's level is the smaller of its two cells' (its **period** is
//!   `2^level` base steps), so a face is never updated more slowly than
//!   either cell allows. A face of period `p` is updated on the base steps
//!   that are multiples of `p`, with a step of `p·Δt₀`; on the others it
//!   keeps its discharge and moves no water. Each cell takes its rain the
//!   same way. The last base step of a cycle is due for every period, so
//!   every face and cell covers the cycle exactly and the fluxes stay
//!   conservative: what one cell loses across a face its neighbour gains.
//!
//! Nothing here is needed for the result (with `top = 0` every period is 1
//! and the scheme is the global one); it skips work where the water is too
//! thin and slow for a shorter step to matter. Tests hold the riverside
//! valley, the levee-confined valley, the Hunter sweep (within 1 mm of the
//! global step), the EA depression case and the volume balance to the same
//! bounds as the global step.

use rayon::prelude::*;

use super::{CFL, DEPTH_THRESH, FloodGrid, FloodSolver, G, INIT_TSTEP, Isa, Span};

/// Highest level [`FloodSolver::set_max_level`] accepts: periods of up to
/// 64 base steps.
pub const MAX_LEVEL: u32 = 6;

/// Cells at least this deep (m) stay on the base step. This is our
/// numerical choice, not a published constant: with levels inside the
/// riverside valley's 2–3 m floodplain the levee-confined valley test saw
/// one-tick spikes of 10–15 cm where levels met (the naive local step of a
/// forward–backward scheme is only marginally stable there), and the work
/// saved is in the rain films, a few millimetres deep, anyway.
pub const FILM_DEPTH: f64 = 0.1;

/// The default: cycles of four base steps. With `INIT_TSTEP` = 10 s and the
/// riverside drill's base step of 1.4–2.8 s no cell could take a longer one.
pub const DEFAULT_MAX_LEVEL: u32 = 2;

/// Each cell's and face's period for the current cycle, and the rows'
/// ranges for each base step that is not due for every period.
pub(super) struct Periods {
    /// Period (base steps) of each cell (for its rain).
    pub(super) cell: Vec<f64>,
    /// Period of each vertical face, `(nx + 1) · ny`.
    pub(super) x: Vec<f64>,
    /// Period of each horizontal face, `nx · (ny + 1)`.
    pub(super) y: Vec<f64>,
    /// Level (log₂ period) of each cell.
    level: Vec<u8>,
    /// The cycle's `top` the ranges were built for.
    top: u32,
    /// `ranges[t]`: per row, the columns a base step due for periods up to
    /// `2^t` must sweep (every cell of level ≤ t and its neighbours), for
    /// `t < top`.
    pub(super) ranges: Vec<Vec<Option<Span>>>,
    /// `own[t]`: per row, the columns within one cell of its own cells of
    /// level ≤ t (the ranges join three rows of these).
    own: Vec<Vec<Option<Span>>>,
    /// Rows whose levels changed in this plan.
    dirty: Vec<bool>,
    /// Every period is 1 (no cycle planned since the last reset).
    uniform: bool,
    /// `nx + 1` ones: the periods of any row while `uniform`.
    pub(super) ones: Vec<f64>,
    /// Scratch: raw levels, the next cycle's levels, two more planes.
    raw: Vec<u8>,
    next: Vec<u8>,
    scratch: [Vec<u8>; 2],
}

impl Periods {
    pub(super) fn new(grid: FloodGrid) -> Periods {
        let (nx, ny) = (grid.nx, grid.ny);
        Periods {
            cell: vec![1.0; nx * ny],
            x: vec![1.0; (nx + 1) * ny],
            y: vec![1.0; nx * (ny + 1)],
            level: vec![0; nx * ny],
            top: 0,
            ranges: vec![vec![None; ny]; MAX_LEVEL as usize],
            own: vec![vec![None; ny]; MAX_LEVEL as usize],
            dirty: vec![false; ny],
            uniform: true,
            ones: vec![1.0; nx + 1],
            raw: vec![0; nx * ny],
            next: vec![0; nx * ny],
            scratch: [vec![0; nx * ny], vec![0; nx * ny]],
        }
    }

    /// The cell, vertical and horizontal face periods, or `None` while
    /// every period is 1.
    pub(super) fn varied(&self) -> Option<[&[f64]; 3]> {
        (!self.uniform).then_some([&self.cell[..], &self.x[..], &self.y[..]])
    }

    /// Every period back to 1: the global scheme. (The arrays are left as
    /// they are: nothing reads them until the next plan rebuilds them all.)
    pub(super) fn reset(&mut self) {
        self.uniform = true;
    }
}

impl FloodSolver {
    /// Longest local time stepping this solver uses: cycles of up to
    /// `2^max_level` base steps (default 2: a thin film can take four base
    /// steps at once). 0 turns local time stepping off.
    ///
    /// # Panics
    /// If `max_level` is over [`MAX_LEVEL`].
    pub fn set_max_level(&mut self, max_level: u32) {
        assert!(max_level <= MAX_LEVEL, "max_level must be at most {MAX_LEVEL}");
        self.max_level = max_level;
    }

    /// The top level of a cycle whose base step is at most `stable`: the
    /// largest `m ≤ max_level` with `2^m·stable ≤ INIT_TSTEP`; 0 while no
    /// water can move.
    pub(super) fn top_level(&self, stable: f64) -> u32 {
        if self.hmax <= DEPTH_THRESH {
            return 0;
        }
        (0..=self.max_level)
            .rev()
            .find(|m| stable * f64::from(1u32 << m) <= INIT_TSTEP)
            .unwrap_or(0)
    }

    /// Plan a cycle of `2^top` base steps of `dt0`: each cell's level from
    /// its own Courant limit, smoothed, and the periods and ranges that
    /// follow (rebuilt only when a level changed).
    pub(super) fn plan_levels(&mut self, dt0: f64, top: u32) {
        let FloodGrid { nx, ny, cell_m } = self.grid;
        let limit = CFL * self.theta.sqrt() * cell_m / dt0;
        let p = &mut self.periods;
        let k = LevelCoef::new(limit, G * dt0 / cell_m, top);
        let grids = Grids {
            nx,
            ny,
            z: &self.z,
            h: &self.h,
            qx: &self.qx,
            qy: &self.qy,
        };
        // Only cells within one cell of moving water can have a face that
        // carries any; the rest keep the top level. (The moving extents,
        // not the swept spans, so that sweeping every cell plans the same
        // levels.) Rows are independent: on a pool they are planned in
        // bands, with the same bits, unless the grid is under the size at
        // which a sweep would stay off the pool.
        let (moving, isa) = (&self.moving[..], self.isa);
        let plan_row = |(r, raw): (usize, &mut [u8])| raw_levels_of_row(raw, r, moving, &grids, &k, top, isa);
        match self.pool.as_deref().filter(|_| nx * ny >= self.parallel_min_cells) {
            Some(pool) => pool.install(|| p.raw.par_chunks_mut(nx).enumerate().for_each(plan_row)),
            None => p.raw.chunks_mut(nx).enumerate().for_each(plan_row),
        }
        // level = min over j of (j + the smallest raw level within 2j + 1
        // cells): rising by at most one every two cells.
        let [a, b] = &mut p.scratch;
        box_min(&p.raw, a, b, nx, ny);
        p.next.copy_from_slice(a);
        for j in 1..top as u8 {
            box_min(a, b, &mut p.raw, nx, ny);
            box_min(b, a, &mut p.raw, nx, ny);
            for (l, w) in p.next.iter_mut().zip(a.iter()) {
                *l = (*l).min(w + j);
            }
        }
        if p.next.iter().all(|l| *l == 0) {
            // Deep water everywhere: the global step, without reading
            // periods at all.
            p.uniform = true;
            return;
        }
        let all = p.uniform || p.top != top;
        p.top = top;
        p.uniform = false;
        // Only the rows whose levels changed are rebuilt, with the faces
        // and ranges they share with the rows beside them.
        for r in 0..ny {
            let row = r * nx..(r + 1) * nx;
            if !all && p.next[row.clone()] == p.level[row.clone()] {
                continue;
            }
            p.level[row.clone()].copy_from_slice(&p.next[row.clone()]);
            for (c, l) in p.cell[row.clone()].iter_mut().zip(&p.level[row.clone()]) {
                *c = f64::from(1u32 << l);
            }
            let cells = &p.cell[row.clone()];
            let faces = &mut p.x[r * (nx + 1)..(r + 1) * (nx + 1)];
            faces[0] = cells[0];
            faces[nx] = cells[nx - 1];
            for ((f, w), e) in faces[1..nx].iter_mut().zip(&cells[..nx - 1]).zip(&cells[1..]) {
                *f = w.min(*e);
            }
            // The horizontal faces north and south of the row.
            for face_row in [r, r + 1] {
                let north = &p.cell[face_row.saturating_sub(1) * nx..][..nx];
                let south = &p.cell[face_row.min(ny - 1) * nx..][..nx];
                for ((f, a), b) in p.y[face_row * nx..(face_row + 1) * nx].iter_mut().zip(north).zip(south) {
                    *f = a.min(*b);
                }
            }
            for (t, own) in p.own.iter_mut().enumerate().take(top as usize) {
                own[r] = own_range(&p.level[row.clone()], t as u8);
            }
            p.dirty[r] = true;
        }
        for r in 0..ny {
            let near = p.dirty[r.saturating_sub(1)] || p.dirty[r] || p.dirty[(r + 1).min(ny - 1)];
            if !near {
                continue;
            }
            for (ranges, own) in p.ranges.iter_mut().zip(&p.own).take(top as usize) {
                let (above, below) = (own[r.saturating_sub(1)], own[(r + 1).min(ny - 1)]);
                ranges[r] = [above, own[r], below].into_iter().flatten().reduce(|a, b| Span::union(Some(a), b));
            }
        }
        p.dirty.fill(false);
    }
}

/// Raw levels of row `r` (`raw`, its `nx` cells): the top level, except
/// within one cell of moving water (`moving`, each row's extent), where
/// each cell's own Courant limit decides.
fn raw_levels_of_row(raw: &mut [u8], r: usize, moving: &[Option<Span>], grids: &Grids, k: &LevelCoef, top: u32, isa: Isa) {
    let (nx, ny) = (grids.nx, grids.ny);
    raw.fill(top as u8);
    let near = moving[r.saturating_sub(1)..=(r + 1).min(ny - 1)].iter().flatten();
    let Some(s) = near.fold(None, |acc, m| Some(Span::union(acc, *m))) else {
        return;
    };
    let s = Span {
        c0: s.c0.saturating_sub(1),
        c1: (s.c1 + 1).min(nx - 1),
    };
    // The grid's edge cells one by one; the interior as one run.
    let (lo, hi) = (s.c0.max(1), s.c1.min(nx.saturating_sub(2)));
    let edge_row = r == 0 || r + 1 == ny || lo > hi;
    let (left, right) = if edge_row {
        (s.c0..=s.c1, None)
    } else {
        (s.c0..=lo - 1, Some(hi + 1..=s.c1))
    };
    for c in left.chain(right.into_iter().flatten()) {
        raw[c] = k.level(grids.h[r * nx + c], grids.drop_at(r, c), grids.qmax_at(r, c));
    }
    if !edge_row {
        row_levels(isa, &mut raw[lo..=hi], grids, r, lo, k, top);
    }
}

/// The grids a level is read from.
pub(super) struct Grids<'a> {
    nx: usize,
    ny: usize,
    z: &'a [f64],
    h: &'a [f64],
    qx: &'a [f64],
    qy: &'a [f64],
}

impl Grids<'_> {
    /// The largest water-surface drop (m) from cell `(r, c)` to one of its
    /// four neighbours (none past the grid's edge).
    fn drop_at(&self, r: usize, c: usize) -> f64 {
        let (nx, ny) = (self.nx, self.ny);
        let eta = |i: usize| self.z[i] + self.h[i];
        let i = r * nx + c;
        let mut d = 0.0f64;
        for (ok, j) in [
            (c > 0, i.wrapping_sub(1)),
            (c + 1 < nx, i + 1),
            (r > 0, i.wrapping_sub(nx)),
            (r + 1 < ny, i + nx),
        ] {
            if ok {
                d = d.max((eta(i) - eta(j)).abs());
            }
        }
        d
    }

    /// The largest |discharge| (m²/s) on the four faces of cell `(r, c)`.
    fn qmax_at(&self, r: usize, c: usize) -> f64 {
        let (nx, x) = (self.nx, r * (self.nx + 1) + c);
        let y = r * nx + c;
        self.qx[x]
            .abs()
            .max(self.qx[x + 1].abs())
            .max(self.qy[y].abs())
            .max(self.qy[y + nx].abs())
    }
}

/// What a cell's level is tested against, per level `m = 1..=top`
/// (unused levels never pass).
pub(super) struct LevelCoef {
    /// `CFL·√θ·Δx / (2^m·Δt₀)`: the speed `|u| + √(g·h)` may reach.
    courant: [f64; MAX_LEVEL as usize],
    /// `g·2^m·Δt₀/Δx`: speed gained in one step per metre of surface drop.
    gain: [f64; MAX_LEVEL as usize],
}

impl LevelCoef {
    fn new(limit: f64, dt0_g_over_dx: f64, top: u32) -> LevelCoef {
        let steps = |m: usize| f64::from(2u32 << m);
        LevelCoef {
            courant: std::array::from_fn(|m| if m < top as usize { limit / steps(m) } else { f64::NEG_INFINITY }),
            gain: std::array::from_fn(|m| dt0_g_over_dx * steps(m)),
        }
    }

    /// Raw level of a cell of depth `h`, largest surface drop `drop` and
    /// largest face discharge `qmax`: the number of levels `m` whose step
    /// `Δt = 2^m·Δt₀` keeps `|u| + √(g·h) + g·(δη/Δx)·Δt ≤ CFL·√θ·Δx/Δt`,
    /// `|u| = qmax / H`, `H = max(h, DEPTH_THRESH)`; 0 from
    /// [`FILM_DEPTH`] up. The last term is the speed a face gains from rest
    /// in one step down the drop: a film of rain on a channel's bank falls
    /// 2 m over one cell, and with four base steps at once it reached
    /// 17 m/s in one step, pulling the whole grid's step down with it.
    /// Tested as `g·h·H² ≤ (R·H − q)²` with `R` the room left for
    /// `√(g·h) + |u|` (both sides non-negative), so no square root or
    /// division is needed.
    #[inline(always)]
    fn level(&self, h: f64, drop: f64, qmax: f64) -> u8 {
        self.level_up_to::<{ MAX_LEVEL as usize }>(h, drop, qmax)
    }

    /// [`Self::level`] testing only the first `TOP` levels (the rest must
    /// not pass): a fixed count the compiler unrolls.
    #[inline(always)]
    fn level_up_to<const TOP: usize>(&self, h: f64, drop: f64, qmax: f64) -> u8 {
        let hd = if h > DEPTH_THRESH { h } else { DEPTH_THRESH };
        let wave = G * h * hd * hd;
        let film = h < FILM_DEPTH;
        let mut m = 0u8;
        for l in 0..TOP {
            let room = (self.courant[l] - self.gain[l] * drop) * hd - qmax;
            m += u8::from(film && room >= 0.0 && wave <= room * room);
        }
        m
    }
}

/// The larger of two finite numbers (no NaN handling: one instruction).
#[inline(always)]
fn max2(a: f64, b: f64) -> f64 {
    if a > b { a } else { b }
}

multiversion! {
    /// Raw levels of the interior cells `lo..lo + raw.len()` of interior
    /// row `r` (every neighbour exists), as zips of shifted rows that the
    /// compiler vectorises.
    fn row_levels / row_levels_body(raw: &mut [u8], g: &Grids, r: usize, lo: usize, k: &LevelCoef, top: u32)
}

#[inline(always)]
fn row_levels_body(raw: &mut [u8], g: &Grids, r: usize, lo: usize, k: &LevelCoef, top: u32) {
    match top {
        1 => row_levels_up_to::<1>(raw, g, r, lo, k),
        2 => row_levels_up_to::<2>(raw, g, r, lo, k),
        _ => row_levels_up_to::<{ MAX_LEVEL as usize }>(raw, g, r, lo, k),
    }
}

#[inline(always)]
fn row_levels_up_to<const TOP: usize>(raw: &mut [u8], g: &Grids, r: usize, lo: usize, k: &LevelCoef) {
    let (nx, len) = (g.nx, raw.len());
    let at = |rr: usize, dc: isize| (rr * nx + lo).wrapping_add_signed(dc);
    let (zc, hc) = (&g.z[at(r, 0)..][..len], &g.h[at(r, 0)..][..len]);
    let (zw, hw) = (&g.z[at(r, -1)..][..len], &g.h[at(r, -1)..][..len]);
    let (ze, he) = (&g.z[at(r, 1)..][..len], &g.h[at(r, 1)..][..len]);
    let (zn, hn) = (&g.z[at(r - 1, 0)..][..len], &g.h[at(r - 1, 0)..][..len]);
    let (zs, hs) = (&g.z[at(r + 1, 0)..][..len], &g.h[at(r + 1, 0)..][..len]);
    let x = r * (nx + 1) + lo;
    let (qw, qe) = (&g.qx[x..][..len], &g.qx[x + 1..][..len]);
    let (qn, qs) = (&g.qy[r * nx + lo..][..len], &g.qy[(r + 1) * nx + lo..][..len]);
    for i in 0..len {
        let e = zc[i] + hc[i];
        let drop = max2(
            max2((e - (zw[i] + hw[i])).abs(), (e - (ze[i] + he[i])).abs()),
            max2((e - (zn[i] + hn[i])).abs(), (e - (zs[i] + hs[i])).abs()),
        );
        let qmax = max2(max2(qw[i].abs(), qe[i].abs()), max2(qn[i].abs(), qs[i].abs()));
        raw[i] = k.level_up_to::<TOP>(hc[i], drop, qmax);
    }
}

/// `dst` = the smallest of each cell's 3 × 3 neighbourhood of `src`
/// (`tmp` is scratch). Written as zips of shifted rows so it vectorises.
fn box_min(src: &[u8], dst: &mut [u8], tmp: &mut [u8], nx: usize, ny: usize) {
    for (s, t) in src.chunks_exact(nx).zip(tmp.chunks_exact_mut(nx)) {
        t[0] = s[0].min(s[nx.min(2) - 1]);
        t[nx - 1] = s[nx - 1].min(s[nx.saturating_sub(2)]);
        if nx > 2 {
            for (((o, w), c), e) in t[1..nx - 1].iter_mut().zip(&s[..nx - 2]).zip(&s[1..nx - 1]).zip(&s[2..]) {
                *o = (*w).min(*c).min(*e);
            }
        }
    }
    for r in 0..ny {
        let (up, down) = (r.saturating_sub(1), (r + 1).min(ny - 1));
        let (a, b, c) = (&tmp[up * nx..][..nx], &tmp[r * nx..][..nx], &tmp[down * nx..][..nx]);
        for (((o, a), b), c) in dst[r * nx..(r + 1) * nx].iter_mut().zip(a).zip(b).zip(c) {
            *o = (*a).min(*b).min(*c);
        }
    }
}

/// The columns of a row within one cell of a cell of level ≤ `t`. The row
/// is searched in blocks of 64 whose smallest level is found first, which
/// the compiler vectorises.
fn own_range(row: &[u8], t: u8) -> Option<Span> {
    const BLOCK: usize = 64;
    let block_min = |b: &[u8]| b.iter().copied().fold(u8::MAX, u8::min);
    let first_block = row.chunks(BLOCK).position(|b| block_min(b) <= t)?;
    let last_block = row.chunks(BLOCK).rposition(|b| block_min(b) <= t)?;
    let c0 = first_block * BLOCK + row[first_block * BLOCK..].iter().position(|l| *l <= t)?;
    let c1 = last_block * BLOCK + row[last_block * BLOCK..].chunks(BLOCK).next()?.iter().rposition(|l| *l <= t)?;
    Some(Span {
        c0: c0.saturating_sub(1),
        c1: (c1 + 1).min(row.len() - 1),
    })
}
