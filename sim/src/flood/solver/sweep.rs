//! The fused row sweep: flux (row r), outflow limiter (row r−1) and
//! continuity (row r−2) in one pass, so every state array streams through
//! memory once per sub-step. reference/hazard-models.md §1 for the equations.

use super::{DEPTH_THRESH, EdgeMode, FloodSolver, G, MAX_HFLOW, Rect, ZERO_DEPTH};

/// Cube root of a positive, normal `x` (here a flow depth in
/// `(DEPTH_THRESH, MAX_HFLOW]`) without division: exponent-thirding bit trick
/// for a ≤ 3.5 % guess of `x^{-1/3}`, four Newton steps
/// `r ← r·(4 − x·r³)/3` (≲ 4e-16 relative), then `x^{1/3} = x·r²`.
/// libm `cbrt` took ~60 % of the kernel time (see BENCHMARKS.md).
#[inline(always)]
pub(super) fn cbrt_pos(x: f64) -> f64 {
    let mut r = f64::from_bits(0x553E_F0F9_096B_BA4E - x.to_bits() / 3);
    for _ in 0..4 {
        r *= (4.0 - x * r * r * r) * (1.0 / 3.0);
    }
    x * r * r
}

/// Bates et al. (2010) face update between cell 0 (west/north) and cell 1
/// (east/south); positive result flows 0 → 1. reference/hazard-models.md §1.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn face_flux(q: f64, z0: f64, h0: f64, n0: f64, z1: f64, h1: f64, n1: f64, k: &Coef) -> f64 {
    let e0 = z0 + h0;
    let e1 = z1 + h1;
    let hf = (e0.max(e1) - z0.max(z1)).min(MAX_HFLOW);
    // Computed unconditionally (on a safe depth) and selected at the end, so
    // the loop is branch-free and vectorises.
    let hc = hf.max(DEPTH_THRESH);
    let nf = 0.5 * (n0 + n1);
    // g·h·Δt·S with S = (η1 − η0)/Δx
    let num = q - k.g_dt_over_dx * hc * (e1 - e0);
    // num / (1 + g·Δt·n²·|q| / h^{7/3}), with one division.
    let h73 = hc * hc * cbrt_pos(hc);
    let qn = num * h73 / (h73 + k.g_dt * nf * nf * q.abs());
    if hf > DEPTH_THRESH { qn } else { 0.0 }
}

/// [`face_flux`] over a run of faces: `q[i]` lies between cell `i` of the
/// `*0` slices and cell `i` of the `*1` slices (all the same length).
#[inline(always)]
fn flux_span(q: &mut [f64], c0: [&[f64]; 3], c1: [&[f64]; 3], k: &Coef) {
    let len = q.len();
    let (z0, h0, n0) = (&c0[0][..len], &c0[1][..len], &c0[2][..len]);
    let (z1, h1, n1) = (&c1[0][..len], &c1[1][..len], &c1[2][..len]);
    for i in 0..len {
        q[i] = face_flux(q[i], z0[i], h0[i], n0[i], z1[i], h1[i], n1[i], k);
    }
}

/// Open-edge outflow (positive = leaving the domain) for edge cell `e` whose
/// interior neighbour has surface `eta_in`. Zero-gradient surface slope, never
/// inflow, capped at the critical discharge `h·√(g·h)`.
#[inline]
fn edge_flux(q_out: f64, z: f64, h: f64, n: f64, eta_in: Option<f64>, k: &Coef) -> f64 {
    if h <= DEPTH_THRESH {
        return 0.0;
    }
    let hf = h.min(MAX_HFLOW);
    let drop = eta_in.map_or(0.0, |ei| (ei - (z + h)).max(0.0));
    let q0 = q_out.max(0.0);
    let h73 = hf * hf * cbrt_pos(hf);
    let q = (q0 + k.g_dt_over_dx * hf * drop) * h73 / (h73 + k.g_dt * n * n * q0);
    q.min(h * (G * h).sqrt())
}

/// Per-sub-step constants.
struct Coef {
    g_dt: f64,
    g_dt_over_dx: f64,
    dt_over_dx: f64,
}

/// Accumulators filled by one sweep.
#[derive(Default)]
pub(super) struct SweepOut {
    pub(super) hmax: f64,
    pub(super) wet: Option<Rect>,
    pub(super) edge_out: f64,
    pub(super) clipped: f64,
}

impl FloodSolver {
    /// Sweep the cell rectangle `b` for one sub-step of `dt` seconds, adding
    /// `rain_depth` metres to every swept cell.
    pub(super) fn sweep(&mut self, b: Rect, dt: f64, rain_depth: f64, out: &mut SweepOut) {
        let dx = self.grid.cell_m;
        let k = Coef {
            g_dt: G * dt,
            g_dt_over_dx: G * dt / dx,
            dt_over_dx: dt / dx,
        };
        for r in b.r0..=b.r1 + 2 {
            if r <= b.r1 {
                self.flux_row(r, b, &k);
            }
            if r > b.r0 && r - 1 <= b.r1 {
                self.factor_row(r - 1, b, &k);
            }
            if r >= b.r0 + 2 {
                self.continuity_row(r - 2, b, &k, rain_depth, out);
            }
        }
    }

    /// Momentum update of the faces owned by row `r`: its vertical faces, the
    /// horizontal face north of it and, on the last row, the south edge.
    fn flux_row(&mut self, r: usize, b: Rect, k: &Coef) {
        let nx = self.grid.nx;
        let ny = self.grid.ny;
        let open = self.edges == EdgeMode::Open;
        let (z, h, n) = (&self.z, &self.h, &self.n);
        let row = r * nx;
        let zr = &z[row..row + nx];
        let hr = &h[row..row + nx];
        let nr = &n[row..row + nx];
        let qx = &mut self.qx[r * (nx + 1)..(r + 1) * (nx + 1)];

        // Interior vertical faces.
        if b.c1 > b.c0 {
            let (lo, hi) = (b.c0, b.c1);
            flux_span(
                &mut qx[lo + 1..=hi],
                [&zr[lo..hi], &hr[lo..hi], &nr[lo..hi]],
                [&zr[lo + 1..=hi], &hr[lo + 1..=hi], &nr[lo + 1..=hi]],
                k,
            );
        }
        if open {
            if b.c0 == 0 {
                let inner = (nx > 1).then(|| zr[1] + hr[1]);
                qx[0] = -edge_flux(-qx[0], zr[0], hr[0], nr[0], inner, k);
            }
            if b.c1 == nx - 1 {
                let l = nx - 1;
                let inner = (nx > 1).then(|| zr[l - 1] + hr[l - 1]);
                qx[nx] = edge_flux(qx[nx], zr[l], hr[l], nr[l], inner, k);
            }
        }

        // Horizontal face north of row r.
        if r > b.r0 {
            let up = (r - 1) * nx;
            let zu = &z[up..up + nx];
            let hu = &h[up..up + nx];
            let nu = &n[up..up + nx];
            let qy = &mut self.qy[row..row + nx];
            let s = b.c0..=b.c1;
            flux_span(
                &mut qy[s.clone()],
                [&zu[s.clone()], &hu[s.clone()], &nu[s.clone()]],
                [&zr[s.clone()], &hr[s.clone()], &nr[s]],
                k,
            );
        } else if r == 0 && open {
            let qy = &mut self.qy[0..nx];
            for c in b.c0..=b.c1 {
                let inner = (ny > 1).then(|| z[nx + c] + h[nx + c]);
                qy[c] = -edge_flux(-qy[c], zr[c], hr[c], nr[c], inner, k);
            }
        }
        // South edge.
        if open && r == ny - 1 && b.r1 == r {
            let qy = &mut self.qy[ny * nx..(ny + 1) * nx];
            for c in b.c0..=b.c1 {
                let inner = (ny > 1).then(|| z[row - nx + c] + h[row - nx + c]);
                qy[c] = edge_flux(qy[c], zr[c], hr[c], nr[c], inner, k);
            }
        }
    }

    /// Outflow-limiter factor of each cell of row `r`: the fraction of its
    /// outgoing discharge it can actually supply from its current volume.
    fn factor_row(&mut self, r: usize, b: Rect, k: &Coef) {
        let nx = self.grid.nx;
        let hr = &self.h[r * nx..(r + 1) * nx];
        let qx = &self.qx[r * (nx + 1)..(r + 1) * (nx + 1)];
        let qn = &self.qy[r * nx..(r + 1) * nx];
        let qs = &self.qy[(r + 1) * nx..(r + 2) * nx];
        let fac = &mut self.fac[(r % 2) * nx..(r % 2 + 1) * nx];
        for c in b.c0..=b.c1 {
            let outq = (-qx[c]).max(0.0) + qx[c + 1].max(0.0) + (-qn[c]).max(0.0) + qs[c].max(0.0);
            let out_depth = outq * k.dt_over_dx;
            let have = hr[c];
            fac[c] = if out_depth > have { have / out_depth } else { 1.0 };
        }
    }

    /// Apply the limiter to the faces row `r` settles (its vertical faces, its
    /// south face and, on the domain's north edge, its north face), then update
    /// depth by continuity plus rain.
    fn continuity_row(&mut self, r: usize, b: Rect, k: &Coef, rain_depth: f64, out: &mut SweepOut) {
        let nx = self.grid.nx;
        let ny = self.grid.ny;
        let open = self.edges == EdgeMode::Open;
        let dx = self.grid.cell_m;
        let (f_lo, f_hi) = self.fac.split_at(nx);
        let (fr, fs) = if r.is_multiple_of(2) { (f_lo, f_hi) } else { (f_hi, f_lo) };
        let qx = &mut self.qx[r * (nx + 1)..(r + 1) * (nx + 1)];
        let (qy_top, qy_bot) = self.qy.split_at_mut((r + 1) * nx);
        let qn = &mut qy_top[r * nx..];
        let qs = &mut qy_bot[..nx];
        let south_interior = r < b.r1;

        // Limit vertical faces by their upstream cell's factor.
        let fa = if b.c0 == 0 { 0 } else { b.c0 + 1 };
        let fb = if b.c1 == nx - 1 { nx } else { b.c1 };
        for fc in fa..=fb {
            let q = qx[fc];
            if q > 0.0 {
                qx[fc] = q * fr[fc - 1];
            } else if q < 0.0 {
                qx[fc] = q * fr[fc];
            }
        }
        // South face: upstream is this row (q > 0) or the next (q < 0).
        for c in b.c0..=b.c1 {
            let q = qs[c];
            if q > 0.0 {
                qs[c] = q * fr[c];
            } else if q < 0.0 && south_interior {
                qs[c] = q * fs[c];
            }
        }
        // North edge of the domain: outflow only, upstream is this row.
        if r == 0 && open {
            for c in b.c0..=b.c1 {
                qn[c] *= fr[c];
            }
        }

        // Continuity.
        let hr = &mut self.h[r * nx..(r + 1) * nx];
        let mut hmax = out.hmax;
        let mut clipped = 0.0;
        let mut cmin = usize::MAX;
        let mut cmax = 0;
        for c in b.c0..=b.c1 {
            let net = qx[c] - qx[c + 1] + qn[c] - qs[c];
            let mut hn = hr[c] + k.dt_over_dx * net + rain_depth;
            if hn < ZERO_DEPTH {
                clipped += hn;
                hn = 0.0;
            } else {
                cmin = cmin.min(c);
                cmax = c;
            }
            hr[c] = hn;
            hmax = hmax.max(hn);
        }
        out.hmax = hmax;
        out.clipped += clipped * dx * dx;
        if cmin != usize::MAX {
            out.wet = Some(Rect::union(
                out.wet,
                Rect {
                    r0: r,
                    r1: r,
                    c0: cmin,
                    c1: cmax,
                },
            ));
        }

        // Volume leaving through open edges this sub-step.
        if open {
            let vol = k.dt_over_dx * dx * dx;
            let mut q_out = 0.0;
            if b.c0 == 0 {
                q_out -= qx[0];
            }
            if b.c1 == nx - 1 {
                q_out += qx[nx];
            }
            if r == 0 {
                q_out -= qn[b.c0..=b.c1].iter().sum::<f64>();
            }
            if r == ny - 1 {
                q_out += qs[b.c0..=b.c1].iter().sum::<f64>();
            }
            out.edge_out += q_out * vol;
        }
    }
}
