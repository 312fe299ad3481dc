//! One sub-step as three row passes over each row's active span (the columns
//! within one cell of water deep enough to move, see
//! [`super::FloodSolver`]'s `spans`):
//!
//! 1. **momentum** — every face's new discharge from the previous sub-step's
//!    (limited) discharge, written to the `raw` face arrays;
//! 2. **limiter** — each cell's factor: the share of its outgoing `raw`
//!    discharge it can supply from what it holds;
//! 3. **continuity** — each face's limited discharge (raw × the factor of its
//!    upstream cell) is written back as the memory for the next sub-step and
//!    the depths are updated; cells outside the row's span (or every cell of
//!    a row without one) take the rain alone ([`rain_row`]).
//!
//! Each pass reads only arrays the pass does not write, so the rows of a pass
//! are independent: [`super::FloodSolver::set_threads`] runs them in bands on a
//! rayon pool and gets bit-identical results for any band count (per-row
//! reductions are combined in row order). Inside a row the loops are
//! branch-free over equal-length slices so the compiler vectorises them; the
//! row functions are compiled three times (x86-64 baseline, AVX2+FMA,
//! AVX-512) and [`Isa::detect`] picks one at run time. No `mul_add` is used and
//! Rust never contracts `a*b+c` by itself, so every variant rounds alike and
//! produces the same bits.

use std::borrow::Cow;

use super::face::{LANES, cbrt_pos, face, face_span, face_speed};
use super::{DEPTH_THRESH, G, MAX_HFLOW, Span, ZERO_DEPTH};

/// Per-sub-step constants.
#[derive(Clone, Copy)]
pub(super) struct Coef {
    /// The base step Δt₀ (s).
    pub(super) dt: f64,
    /// Faces and cells whose period (in base steps) is at most this are
    /// due this base step (see [`Coef::step`]).
    pub(super) due: f64,
    pub(super) inv_dx: f64,
    /// Rain (m/s).
    pub(super) rain: f64,
    pub(super) cell_area: f64,
    pub(super) theta: f64,
}

impl Coef {
    /// The step (s) a face or cell of period `p` (1, 2, 4, … base steps)
    /// takes this base step: `p·Δt₀` when it is due, else 0. A cycle of
    /// local time stepping ([`super::levels`]) ends on a base step where
    /// every period is due, so each face and cell covers the cycle exactly.
    #[inline(always)]
    pub(super) fn step(&self, p: f64) -> f64 {
        if p <= self.due { p * self.dt } else { 0.0 }
    }
}

/// What one row's continuity pass reports; rows are combined in order.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct RowOut {
    pub(super) hmax: f64,
    /// First and last column left deeper than [`Frame::moving_floor`], if any.
    pub(super) moving: Option<(usize, usize)>,
    /// Depth (m) of round-off residues clipped to zero, summed over the row.
    pub(super) clipped_m: f64,
    /// Volume (m³) that left through open edges.
    pub(super) edge_out: f64,
}

/// Read-only geometry and state shared by the passes.
#[derive(Clone, Copy)]
pub(super) struct Frame<'a> {
    pub(super) nx: usize,
    pub(super) ny: usize,
    pub(super) open: bool,
    /// Each row's span this sub-step (`None`: the row is not swept).
    pub(super) spans: &'a [Option<Span>],
    /// Depth above which a cell counts as moving water (see
    /// [`super::FloodSolver`]'s `moving_floor`).
    pub(super) moving_floor: f64,
    pub(super) z: &'a [f64],
    pub(super) n: &'a [f64],
    /// Period (base steps) of each cell, of each vertical face (`(nx+1)·ny`)
    /// and of each horizontal face (`nx·(ny+1)`); `None` when every period
    /// is 1 (then every row reads the one row of `ones`, which stays in
    /// cache instead of streaming three more grids).
    pub(super) periods: Option<[&'a [f64]; 3]>,
    /// `nx + 1` ones.
    pub(super) ones: &'a [f64],
    pub(super) k: Coef,
}

impl Frame<'_> {
    /// Periods of the cells of row `r` (`nx`).
    #[inline(always)]
    pub(super) fn cell_periods(&self, r: usize) -> &[f64] {
        match self.periods {
            Some([cell, _, _]) => &cell[r * self.nx..(r + 1) * self.nx],
            None => &self.ones[..self.nx],
        }
    }

    /// Periods of the vertical faces of row `r` (`nx + 1`).
    #[inline(always)]
    pub(super) fn x_periods(&self, r: usize) -> &[f64] {
        match self.periods {
            Some([_, x, _]) => &x[r * (self.nx + 1)..(r + 1) * (self.nx + 1)],
            None => self.ones,
        }
    }

    /// Periods of the horizontal faces north of row `r` (`nx`; `r = ny`
    /// is the south edge).
    #[inline(always)]
    pub(super) fn y_periods(&self, r: usize) -> &[f64] {
        match self.periods {
            Some([_, _, y]) => &y[r * self.nx..(r + 1) * self.nx],
            None => &self.ones[..self.nx],
        }
    }
}

/// The instruction set the row kernels run with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Isa {
    /// x86-64 baseline (SSE2) or a non-x86 target.
    Baseline,
    /// AVX2 + FMA (the FMA units are not used for contraction).
    Avx2,
    /// AVX-512 F/VL/DQ.
    Avx512,
}

impl Isa {
    /// The widest set this CPU supports.
    pub fn detect() -> Isa {
        #[cfg(target_arch = "x86_64")]
        {
            if std::is_x86_feature_detected!("avx512f")
                && std::is_x86_feature_detected!("avx512vl")
                && std::is_x86_feature_detected!("avx512dq")
            {
                return Isa::Avx512;
            }
            if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
                return Isa::Avx2;
            }
        }
        Isa::Baseline
    }

    /// Every set this CPU can run, narrowest first (for tests and benches).
    pub fn available() -> Vec<Isa> {
        let best = Isa::detect();
        [Isa::Baseline, Isa::Avx2, Isa::Avx512]
            .into_iter()
            .filter(|i| *i as u8 <= best as u8)
            .collect()
    }
}

/// Open-edge outflow (positive = leaving) for edge cell with surface
/// `eta_in` inside. Zero-gradient surface slope, never inflow, capped at the
/// critical discharge `h·√(g·h)`.
/// A face of period `p` that is not due keeps `q_out`.
#[inline]
fn edge_flux(q_out: f64, z: f64, h: f64, n: f64, eta_in: Option<f64>, p: f64, k: &Coef) -> f64 {
    let dt = k.step(p);
    if dt == 0.0 {
        return q_out;
    }
    if h <= DEPTH_THRESH {
        return 0.0;
    }
    let g_dt = G * dt;
    let hf = h.min(MAX_HFLOW);
    let drop = eta_in.map_or(0.0, |ei| (ei - (z + h)).max(0.0));
    let q0 = q_out.max(0.0);
    let h73 = hf * hf * cbrt_pos(hf);
    let q = (q0 + g_dt * k.inv_dx * hf * drop) * h73 / (h73 + g_dt * n * n * q0);
    q.min(h * (G * h).sqrt())
}

multiversion! {
    /// Momentum of the faces row `r` owns: its vertical faces (into `qx_raw`,
    /// the row's `nx + 1` faces) and the horizontal face north of it (into
    /// `qy_raw`, `nx` faces). `qx`/`qy` are the whole memory arrays.
    /// Returns the largest face speed (m/s) of the row, for the time step.
    fn momentum_row / momentum_row_body(f: &Frame, h: &[f64], qx: &[f64], qy: &[f64], r: usize, qx_raw: &mut [f64], qy_raw: &mut [f64]) -> f64
}

#[inline(always)]
fn momentum_row_body(f: &Frame, h: &[f64], qx: &[f64], qy: &[f64], r: usize, qx_raw: &mut [f64], qy_raw: &mut [f64]) -> f64 {
    let (nx, k) = (f.nx, &f.k);
    let Some(b) = f.spans[r] else { return 0.0 };
    let mut speed = 0.0f64;
    let edge_speed = |q: f64, h: f64| if h > DEPTH_THRESH { q.abs() / h } else { 0.0 };
    let row = r * nx;
    let zr = &f.z[row..row + nx];
    let hr = &h[row..row + nx];
    let nr = &f.n[row..row + nx];
    let mx = &qx[r * (nx + 1)..(r + 1) * (nx + 1)];
    let px = f.x_periods(r);
    let qyn = &qy[row..row + nx];
    let qys = &qy[row + nx..row + 2 * nx];

    // Runs of faces are stretched to whole blocks of LANES where the row
    // allows: a face outside the range is either not due (it keeps its
    // discharge) or between two cells that cannot move (it stays zero), so
    // this changes nothing but spares `face_span` its padded tail, which
    // cost as much as a block on the short ranges of local time stepping.
    let whole = |len: usize, room: usize| (len.div_ceil(LANES) * LANES).min(room);
    // Interior vertical faces lo+1..=hi lie between cells c−1 and c.
    if b.c1 > b.c0 {
        let lo = b.c0;
        let hi = lo + whole(b.c1 - lo, nx - 1 - lo);
        let len = hi - lo;
        let out = &mut qx_raw[lo + 1..=hi];
        let (q0, qw, qe) = (&mx[lo + 1..=hi], &mx[lo..hi], &mx[lo + 2..hi + 2]);
        let (z0, h0, n0) = (&zr[lo..hi], &hr[lo..hi], &nr[lo..hi]);
        let (z1, h1, n1) = (&zr[lo + 1..=hi], &hr[lo + 1..=hi], &nr[lo + 1..=hi]);
        let p = &px[lo + 1..=hi];
        let mut umax = face_span(out, q0, qw, qe, f.periods.map(|_| p), [z0, h0, n0], [z1, h1, n1], k);
        // A wall is not a neighbour, nor an open edge face that carries
        // nothing: there the face's own discharge stands in for the missing
        // face, as LISFLOOD-FP 8 does (`fp_acc.cpp`: an edge face whose
        // discharge is zero is replaced by the face's own). Else the face
        // loses (1 − θ)/2 of its momentum every sub-step; beside the
        // riverside drill's inflow, on its open north edge, that held up a
        // 1.1 m mound. A closed edge face always carries nothing.
        if lo == 0 && mx[0] == 0.0 {
            out[0] = face(q0[0], q0[0], qe[0], z0[0], h0[0], n0[0], z1[0], h1[0], n1[0], p[0], k);
            umax = umax.max(face_speed(out[0], z0[0], h0[0], z1[0], h1[0]));
        }
        if hi == nx - 1 && mx[nx] == 0.0 {
            let i = len - 1;
            out[i] = face(q0[i], qw[i], q0[i], z0[i], h0[i], n0[i], z1[i], h1[i], n1[i], p[i], k);
            umax = umax.max(face_speed(out[i], z0[i], h0[i], z1[i], h1[i]));
        }
        speed = speed.max(umax);
    }
    if f.open {
        if b.c0 == 0 {
            let inner = (nx > 1).then(|| zr[1] + hr[1]);
            qx_raw[0] = -edge_flux(-mx[0], zr[0], hr[0], nr[0], inner, px[0], k);
            speed = speed.max(edge_speed(qx_raw[0], hr[0]));
        }
        if b.c1 == nx - 1 {
            let l = nx - 1;
            let inner = (nx > 1).then(|| zr[l - 1] + hr[l - 1]);
            qx_raw[nx] = edge_flux(mx[nx], zr[l], hr[l], nr[l], inner, px[nx], k);
            speed = speed.max(edge_speed(qx_raw[nx], hr[l]));
        }
    }

    // Horizontal face north of row r, between (r−1, c) and (r, c). Where
    // neither cell can move it comes out zero, so computing it over the
    // whole span is safe.
    if r > 0 {
        let up = row - nx;
        let lo = b.c0;
        let hi = lo + whole(b.c1 + 1 - lo, nx - lo);
        let out = &mut qy_raw[lo..hi];
        let q0 = &qyn[lo..hi];
        let qa = &qy[up + lo..up + hi];
        let qb = &qys[lo..hi];
        let (z0, h0, n0) = (&f.z[up + lo..up + hi], &h[up + lo..up + hi], &f.n[up + lo..up + hi]);
        let (z1, h1, n1) = (&zr[lo..hi], &hr[lo..hi], &nr[lo..hi]);
        // Beside the north or south edge the face's own discharge stands in
        // for an edge face that carries nothing (as for the vertical faces
        // above; a closed edge's faces always do).
        let qa = if r == 1 { own_if_idle(qa, q0) } else { Cow::Borrowed(qa) };
        let qb = if r + 1 == f.ny { own_if_idle(qb, q0) } else { Cow::Borrowed(qb) };
        let (qa, qb) = (&qa[..], &qb[..]);
        let p = &f.y_periods(r)[lo..hi];
        speed = speed.max(face_span(out, q0, qa, qb, f.periods.map(|_| p), [z0, h0, n0], [z1, h1, n1], k));
    } else if r == 0 && f.open {
        for c in b.c0..=b.c1 {
            let inner = (f.ny > 1).then(|| f.z[nx + c] + h[nx + c]);
            qy_raw[c] = -edge_flux(-qyn[c], zr[c], hr[c], nr[c], inner, f.y_periods(0)[c], k);
            speed = speed.max(edge_speed(qy_raw[c], hr[c]));
        }
    }
    speed
}

/// The neighbours a row of faces beside the north or south edge averages
/// with: each edge face's discharge, or the face's own (`own`) where the
/// edge face carries nothing. A row of idle edge faces (every closed edge)
/// borrows `own` whole; only a row mixing idle and flowing faces is copied.
fn own_if_idle<'a>(edge: &'a [f64], own: &'a [f64]) -> Cow<'a, [f64]> {
    if edge.iter().all(|e| *e == 0.0) {
        Cow::Borrowed(own)
    } else {
        Cow::Owned(edge.iter().zip(own).map(|(e, o)| if *e == 0.0 { *o } else { *e }).collect())
    }
}

/// Momentum of the domain's south edge faces (open edges only), written into
/// `qy_raw_south` (the `nx` faces south of the last row). Returns their
/// largest speed (m/s).
pub(super) fn momentum_south_edge(f: &Frame, h: &[f64], qy: &[f64], qy_raw_south: &mut [f64]) -> f64 {
    let (nx, ny) = (f.nx, f.ny);
    let Some(b) = f.spans[ny - 1].filter(|_| f.open) else {
        return 0.0;
    };
    let mut speed = 0.0f64;
    let row = (ny - 1) * nx;
    for c in b.c0..=b.c1 {
        let inner = (ny > 1).then(|| f.z[row - nx + c] + h[row - nx + c]);
        let hc = h[row + c];
        qy_raw_south[c] = edge_flux(qy[ny * nx + c], f.z[row + c], hc, f.n[row + c], inner, f.y_periods(ny)[c], &f.k);
        if hc > DEPTH_THRESH {
            speed = speed.max(qy_raw_south[c] / hc);
        }
    }
    speed
}

multiversion! {
    /// Outflow-limiter factor of each cell of row `r` (into `fac`, the row's
    /// `nx` cells).
    fn factor_row / factor_row_body(f: &Frame, h: &[f64], qx_raw: &[f64], qy_raw: &[f64], r: usize, fac: &mut [f64])
}

#[inline(always)]
fn factor_row_body(f: &Frame, h: &[f64], qx_raw: &[f64], qy_raw: &[f64], r: usize, fac: &mut [f64]) {
    let nx = f.nx;
    let Some(b) = f.spans[r] else { return };
    let (lo, hi) = (b.c0, b.c1 + 1);
    let hr = &h[r * nx + lo..r * nx + hi];
    let qx = &qx_raw[r * (nx + 1)..(r + 1) * (nx + 1)];
    let (qw, qe) = (&qx[lo..hi], &qx[lo + 1..=hi]);
    let qn = &qy_raw[r * nx + lo..r * nx + hi];
    let qs = &qy_raw[(r + 1) * nx + lo..(r + 1) * nx + hi];
    let px = f.x_periods(r);
    let (pw, pe) = (&px[lo..hi], &px[lo + 1..=hi]);
    let pn = &f.y_periods(r)[lo..hi];
    let ps = &f.y_periods(r + 1)[lo..hi];
    let k = &f.k;
    let out = &mut fac[lo..hi];
    for i in 0..hi - lo {
        // A face not due moves nothing this base step (its step is 0).
        let out_volume = (-qw[i]).max(0.0) * k.step(pw[i])
            + qe[i].max(0.0) * k.step(pe[i])
            + (-qn[i]).max(0.0) * k.step(pn[i])
            + qs[i].max(0.0) * k.step(ps[i]);
        let out_depth = out_volume * k.inv_dx;
        // Division kept out of the branch; `out_depth` may be 0.
        let share = hr[i] / out_depth.max(f64::MIN_POSITIVE);
        out[i] = if out_depth > hr[i] { share } else { 1.0 };
    }
}

/// `q` limited by the factor of its upstream cell: `fa` when it flows
/// positive (from cell 0), `fb` when negative.
#[inline(always)]
fn limited(q: f64, fa: f64, fb: f64) -> f64 {
    q * if q > 0.0 { fa } else { fb }
}

/// [`limited`] for a face of period `p`; a face not due keeps `q` (its
/// memory, which the momentum pass copied), as no water crossed it.
#[inline(always)]
fn limited_if_due(q: f64, fa: f64, fb: f64, p: f64, k: &Coef) -> f64 {
    if p <= k.due { limited(q, fa, fb) } else { q }
}

multiversion! {
    /// Limit the faces row `r` owns (its vertical faces into `qx_mem`, the
    /// horizontal face north of it into `qy_mem`) and update its depths `hr`.
    fn continuity_row / continuity_row_body(f: &Frame, qx_raw: &[f64], qy_raw: &[f64], fac: &[f64], r: usize, hr: &mut [f64], qx_mem: &mut [f64], qy_mem: &mut [f64]) -> RowOut
}

#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn continuity_row_body(
    f: &Frame,
    qx_raw: &[f64],
    qy_raw: &[f64],
    fac: &[f64],
    r: usize,
    hr: &mut [f64],
    qx_mem: &mut [f64],
    qy_mem: &mut [f64],
) -> RowOut {
    let (nx, ny, k) = (f.nx, f.ny, &f.k);
    let Some(b) = f.spans[r] else {
        return RowOut::default();
    };
    let (lo, hi) = (b.c0, b.c1 + 1);
    let len = hi - lo;
    let fr = &fac[r * nx..(r + 1) * nx];
    // Factors of the rows above and below; an edge row borrows its own (the
    // edge faces never flow inwards, so the borrowed factor is never used).
    let fn_ = if r > 0 { &fac[(r - 1) * nx..r * nx] } else { fr };
    let fs = if r + 1 < ny { &fac[(r + 1) * nx..(r + 2) * nx] } else { fr };
    let qx = &qx_raw[r * (nx + 1)..(r + 1) * (nx + 1)];
    let qn = &qy_raw[r * nx..(r + 1) * nx];
    let qs = &qy_raw[(r + 1) * nx..(r + 2) * nx];
    let px = f.x_periods(r);
    let pn = f.y_periods(r);
    let ps = f.y_periods(r + 1);
    let pc = f.cell_periods(r);

    // Face c lies between cells c − 1 and c; the edge faces 0 and nx only
    // ever carry outflow from their one cell.
    let inner_hi = hi.min(nx - 1);
    qx_mem[lo] = if lo == 0 {
        limited_if_due(qx[0], fr[0], fr[0], px[0], k)
    } else {
        limited_if_due(qx[lo], fr[lo - 1], fr[lo], px[lo], k)
    };
    if inner_hi > lo {
        let out = &mut qx_mem[lo + 1..=inner_hi];
        let (q, fw, fe) = (&qx[lo + 1..=inner_hi], &fr[lo..inner_hi], &fr[lo + 1..=inner_hi]);
        let p = &px[lo + 1..=inner_hi];
        for i in 0..out.len() {
            out[i] = limited_if_due(q[i], fw[i], fe[i], p[i], k);
        }
    }
    if hi == nx {
        qx_mem[nx] = limited_if_due(qx[nx], fr[nx - 1], fr[nx - 1], px[nx], k);
    }
    // Horizontal face north of this row: upstream is the row above (q > 0)
    // or this row (q < 0).
    {
        let out = &mut qy_mem[lo..hi];
        let (q, fa, fb, p) = (&qn[lo..hi], &fn_[lo..hi], &fr[lo..hi], &pn[lo..hi]);
        for i in 0..len {
            out[i] = limited_if_due(q[i], fa[i], fb[i], p[i], k);
        }
    }

    // Continuity with the south face limited on the fly (the row below owns
    // it). The loop carries no floating-point reduction (those would keep it
    // scalar: Rust does not reassociate); clipping, the row's maximum and its
    // wet extent are found by separate cheap passes.
    let mut o = RowOut::default();
    let hr = &mut hr[lo..hi];
    {
        let (xw, xe) = (&qx_mem[lo..hi], &qx_mem[lo + 1..=hi]);
        let (pw, pe) = (&px[lo..hi], &px[lo + 1..=hi]);
        let yn = &qy_mem[lo..hi];
        let (ys, fsr, frr) = (&qs[lo..hi], &fr[lo..hi], &fs[lo..hi]);
        let (pn, ps, pc) = (&pn[lo..hi], &ps[lo..hi], &pc[lo..hi]);
        let mut any_clip = false;
        for i in 0..len {
            // Each face moves water over its own step (0 when not due).
            let south = limited(ys[i], fsr[i], frr[i]);
            let net = xw[i] * k.step(pw[i]) - xe[i] * k.step(pe[i]) + yn[i] * k.step(pn[i]) - south * k.step(ps[i]);
            let hn = hr[i] + net * k.inv_dx + k.rain * k.step(pc[i]);
            any_clip |= hn < ZERO_DEPTH;
            hr[i] = hn;
        }
        if any_clip {
            for h in hr.iter_mut().filter(|h| **h < ZERO_DEPTH) {
                o.clipped_m += *h;
                *h = 0.0;
            }
        }
    }
    let mut lanes = [0.0f64; 8];
    let mut chunks = hr.chunks_exact(8);
    for c in &mut chunks {
        for (m, h) in lanes.iter_mut().zip(c) {
            *m = m.max(*h);
        }
    }
    let hmax = chunks.remainder().iter().chain(&lanes).fold(0.0f64, |m, h| m.max(*h));
    o.moving = moving_extent(hr, lo, f.moving_floor);
    o.hmax = hmax;
    if f.open {
        // Volume per metre of face (m²) that left this base step.
        let mut out = 0.0;
        if b.c0 == 0 {
            out -= qx_mem[0] * k.step(px[0]);
        }
        if b.c1 == nx - 1 {
            out += qx_mem[nx] * k.step(px[nx]);
        }
        if r == 0 {
            out -= (lo..hi).map(|c| qy_mem[c] * k.step(pn[c])).sum::<f64>();
        }
        if r == ny - 1 {
            out += (lo..hi).map(|c| limited(qs[c], fr[c], fr[c]) * k.step(ps[c])).sum::<f64>();
        }
        o.edge_out = out * k.inv_dx * k.cell_area;
    }
    o
}

/// Limit the south edge faces (open edges only) into `qy_mem_south`.
pub(super) fn limit_south_edge(f: &Frame, qy_raw: &[f64], fac: &[f64], qy_mem_south: &mut [f64]) {
    let (nx, ny) = (f.nx, f.ny);
    let Some(b) = f.spans[ny - 1].filter(|_| f.open) else {
        return;
    };
    let fr = &fac[(ny - 1) * nx..ny * nx];
    for c in b.c0..=b.c1 {
        qy_mem_south[c] = limited_if_due(qy_raw[ny * nx + c], fr[c], fr[c], f.y_periods(ny)[c], &f.k);
    }
}

/// First and last column (offset by `lo`) of `hr` deeper than `floor`: the
/// water that can move next sub-step.
fn moving_extent(hr: &[f64], lo: usize, floor: f64) -> Option<(usize, usize)> {
    let first = hr.iter().position(|h| *h > floor)?;
    let last = hr.iter().rposition(|h| *h > floor)?;
    Some((lo + first, lo + last))
}

multiversion! {
    /// Rain alone on cells no face of which can carry water this sub-step
    /// (`hr` is a run of cells outside every span). Every face of such a
    /// cell is exactly zero in the full update (a face's flow depth never
    /// exceeds the deeper of its two cells, up to rounding, and neither is
    /// over `floor`), so `h + rain` here is the bit-for-bit result the
    /// continuity pass would give, with the same clipping of residues.
    /// Returns the run's largest depth, moving extent (offset by `lo`) and
    /// clipped depth.
    fn rain_row / rain_row_body(hr: &mut [f64], period: &[f64], k: &Coef, lo: usize, floor: f64) -> RowOut
}

#[inline(always)]
fn rain_row_body(hr: &mut [f64], period: &[f64], k: &Coef, lo: usize, floor: f64) -> RowOut {
    let mut o = RowOut::default();
    let mut any_clip = false;
    for (h, p) in hr.iter_mut().zip(period) {
        let hn = *h + k.rain * k.step(*p);
        any_clip |= hn < ZERO_DEPTH;
        *h = hn;
    }
    if any_clip {
        for h in hr.iter_mut().filter(|h| **h < ZERO_DEPTH) {
            o.clipped_m += *h;
            *h = 0.0;
        }
    }
    let mut lanes = [0.0f64; 8];
    let mut chunks = hr.chunks_exact(8);
    for c in &mut chunks {
        for (m, h) in lanes.iter_mut().zip(c) {
            *m = m.max(*h);
        }
    }
    o.hmax = chunks.remainder().iter().chain(&lanes).fold(0.0f64, |m, h| m.max(*h));
    if o.hmax > floor {
        o.moving = moving_extent(hr, lo, floor);
    }
    o
}

impl RowOut {
    /// Combine the outcome of two runs of the same row.
    pub(super) fn join(self, other: RowOut) -> RowOut {
        let moving = match (self.moving, other.moving) {
            (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
            (a, b) => a.or(b),
        };
        RowOut {
            hmax: self.hmax.max(other.hmax),
            moving,
            clipped_m: self.clipped_m + other.clipped_m,
            edge_out: self.edge_out + other.edge_out,
        }
    }
}
