//! The physics of one face: the local inertial momentum update
//! ([`face`]), its speed, and [`face_span`], which runs them over a row's
//! faces in blocks the compiler vectorises whole. The pass structure around
//! them is in [`super::sweep`].

use super::sweep::Coef;
use super::{DEPTH_THRESH, G, MAX_HFLOW};

/// Weight of a face's own previous discharge in the momentum update; the
/// rest is shared by its two up- and downstream neighbours (the q-centred
/// scheme of de Almeida, Bates, Freer & Souvignet 2012, "Improving the
/// stability of a simple formulation of the shallow water equations for 2-D
/// flood modeling", Water Resour. Res. 48, W05528, eq. 13; θ = 1 is Bates et
/// al. 2010). 0.7 lies inside the range they studied and was checked here on
/// the Hunter sweep and the riverside valley (`tests_accuracy`); the exact
/// value they recommend was not confirmed from the paper. The averaging damps
/// the odd-even oscillation of the plain form. As in LISFLOOD-FP 8
/// (`fp_acc.cpp`), a face whose θ-weighted discharge would flow against the
/// water-surface drop falls back to the Bates form.
pub const THETA: f64 = 0.7;

/// Cube root of a positive, normal `x` (a flow depth in
/// `[DEPTH_THRESH, MAX_HFLOW]`) without division or libm: the
/// exponent-thirding bit trick on the high 32 bits of `x` for a ≤ 4.1 % guess
/// of `x^{-1/3}` (dividing a 32-bit lane by 3 is one multiply-high, which
/// vectorises; a 64-bit division does not), Newton steps
/// `r ← r·(4 − x·r³)/3`, then `x^{1/3} = x·r²`. Error budget: each step
/// squares the relative error (×2): 4.1 % → 3.4e-3 → 2.3e-5 after the two
/// steps used (measured worst 2.3e-5 over 1e-4..20 m), so the friction term
/// is off by ≤ 5e-5 relative, far below the
/// model's own error (the Hunter wave is reproduced to ~1 cm in 0.4 m,
/// 2.5e-2) and below the uncertainty of any Manning's n. libm `cbrt` took
/// ~60 % of the kernel time; each Newton step is a chain of six dependent
/// operations in the hottest loop.
#[inline(always)]
pub(super) fn cbrt_pos(x: f64) -> f64 {
    let hi = x.to_bits() >> 32;
    let third = (hi * 0xAAAA_AAAB) >> 33;
    let mut r = f64::from_bits((0x553E_F0F9 - third) << 32);
    for _ in 0..2 {
        r *= (4.0 - x * r * r * r) * (1.0 / 3.0);
    }
    x * r * r
}

/// Bates et al. (2010) / de Almeida et al. (2012) face update between cell 0
/// (west/north) and cell 1 (east/south); positive flows 0 → 1.
/// `q0` is the face's previous discharge, `qn` the sum of its two
/// neighbours' in the same direction, `p` the face's period in base steps
/// (see [`Coef::step`]): a face not due this base step keeps `q0`. Friction
/// uses the face's own `|q0|` (de Almeida et al. 2012, eq. 13).
/// LISFLOOD-FP's optional `fricSolver2D` (the magnitude of the whole
/// discharge vector, crossing faces averaged) was tried and rejected: on the
/// riverside valley it set off 1–2 m depth spikes at the wetting front of
/// the dry channel (see `tests_accuracy`).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(super) fn face(q0: f64, qa: f64, qb: f64, z0: f64, h0: f64, n0: f64, z1: f64, h1: f64, n1: f64, p: f64, k: &Coef) -> f64 {
    face_with::<false>(q0, qa, qb, z0, h0, n0, z1, h1, n1, p, k)
}

/// [`face`], knowing at compile time whether every period is 1 (then `p`
/// is not read and every face is due: the global step costs nothing for
/// the local one).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn face_with<const UNIFORM: bool>(
    q0: f64,
    qa: f64,
    qb: f64,
    z0: f64,
    h0: f64,
    n0: f64,
    z1: f64,
    h1: f64,
    n1: f64,
    p: f64,
    k: &Coef,
) -> f64 {
    let dt = if UNIFORM { k.dt } else { k.step(p) };
    let g_dt = G * dt;
    let e0 = z0 + h0;
    let e1 = z1 + h1;
    let hf = (e0.max(e1) - z0.max(z1)).min(MAX_HFLOW);
    // Computed on a safe depth and selected at the end: branch-free.
    let hc = hf.max(DEPTH_THRESH);
    let nf = 0.5 * (n0 + n1);
    let drop = e0 - e1;
    let slope = g_dt * k.inv_dx * hc * drop;
    let h73 = hc * hc * cbrt_pos(hc);
    let scale = h73 / (h73 + g_dt * nf * nf * q0.abs());
    let centred = (k.theta * q0 + 0.5 * (1.0 - k.theta) * (qa + qb) + slope) * scale;
    let bates = (q0 + slope) * scale;
    let q = if centred * drop < 0.0 { bates } else { centred };
    let q = if hf > DEPTH_THRESH { q } else { 0.0 };
    if UNIFORM || dt > 0.0 { q } else { q0 }
}

/// The flow depth [`face`] computes with on the face between cells 0 and 1
/// (never under [`DEPTH_THRESH`]): what its speed is measured on.
#[inline(always)]
fn speed_depth(z0: f64, h0: f64, z1: f64, h1: f64) -> f64 {
    ((z0 + h0).max(z1 + h1) - z0.max(z1)).clamp(DEPTH_THRESH, MAX_HFLOW)
}

/// Speed (m/s) of discharge `q` on the face between cells 0 and 1, on the
/// flow depth [`face`] used.
#[inline(always)]
pub(super) fn face_speed(q: f64, z0: f64, h0: f64, z1: f64, h1: f64) -> f64 {
    q.abs() / speed_depth(z0, h0, z1, h1)
}

/// Lanes of one block of [`face_span`]: eight `f64`, one AVX-512 register,
/// two AVX2 or four SSE2 registers.
pub(super) const LANES: usize = 8;

/// The fastest face of each lane so far, as the discharge and flow depth
/// whose quotient is its speed: comparing `|q|·H > Q·h` instead of dividing
/// keeps a second division per face out of the hottest loop, and only the
/// eight winners are divided at the end ([`Fastest::speed`]).
#[derive(Clone, Copy)]
struct Fastest {
    q: [f64; LANES],
    h: [f64; LANES],
}

impl Fastest {
    fn new() -> Fastest {
        Fastest {
            q: [0.0; LANES],
            h: [1.0; LANES],
        }
    }

    /// The largest `q/h` of the lanes: what dividing every face would give,
    /// unless two faces' speeds lie within a rounding of each other (then
    /// the one kept may be the other, a difference of an ulp in the step).
    fn speed(&self) -> f64 {
        (0..LANES).fold(0.0f64, |m, j| m.max(self.q[j] / self.h[j]))
    }
}

/// [`face`] over one block of [`LANES`] faces, keeping each lane's fastest
/// face. Fixed-size arrays give the compiler a whole vector and nothing to
/// peel.
#[inline(always)]
fn face_block<const UNIFORM: bool>(
    out: &mut [f64; LANES],
    fast: Fastest,
    q: [&[f64; LANES]; 3],
    p: &[f64; LANES],
    c0: [&[f64; LANES]; 3],
    c1: [&[f64; LANES]; 3],
    k: &Coef,
) -> Fastest {
    let mut next = fast;
    for j in 0..LANES {
        let (z0, h0, n0, z1, h1, n1) = (c0[0][j], c0[1][j], c0[2][j], c1[0][j], c1[1][j], c1[2][j]);
        let v = face_with::<UNIFORM>(q[0][j], q[1][j], q[2][j], z0, h0, n0, z1, h1, n1, p[j], k);
        out[j] = v;
        let hf = speed_depth(z0, h0, z1, h1);
        let a = v.abs();
        let faster = a * fast.h[j] > fast.q[j] * hf;
        next.q[j] = if faster { a } else { fast.q[j] };
        next.h[j] = if faster { hf } else { fast.h[j] };
    }
    next
}

/// [`face`] over a run of faces with periods `p` (`None`: all 1),
/// returning the largest face speed (m/s).
/// Whole blocks of [`LANES`] faces go straight from the slices; the last,
/// partial block is copied into padding (dry, level, frictionless faces
/// that carry nothing) so it runs the same vector code instead of a scalar
/// tail, which cost as much as the rest of a 200-cell row.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(super) fn face_span(
    out: &mut [f64],
    q0: &[f64],
    qa: &[f64],
    qb: &[f64],
    p: Option<&[f64]>,
    c0: [&[f64]; 3],
    c1: [&[f64]; 3],
    k: &Coef,
) -> f64 {
    match p {
        Some(p) => face_span_with::<false>(out, q0, qa, qb, p, c0, c1, k),
        None => face_span_with::<true>(out, q0, qa, qb, &[1.0; LANES], c0, c1, k),
    }
}

/// [`face_span`] with `UNIFORM` known at compile time (`p` unread when set).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn face_span_with<const UNIFORM: bool>(
    out: &mut [f64],
    q0: &[f64],
    qa: &[f64],
    qb: &[f64],
    p: &[f64],
    c0: [&[f64]; 3],
    c1: [&[f64]; 3],
    k: &Coef,
) -> f64 {
    fn block(s: &[f64], i: usize) -> &[f64; LANES] {
        s[i..i + LANES].try_into().expect("block in range")
    }
    let len = out.len();
    let mut fast = Fastest::new();
    let whole = len / LANES * LANES;
    for i in (0..whole).step_by(LANES) {
        let o: &mut [f64; LANES] = (&mut out[i..i + LANES]).try_into().expect("block in range");
        let q = [block(q0, i), block(qa, i), block(qb, i)];
        let a = [block(c0[0], i), block(c0[1], i), block(c0[2], i)];
        let b = [block(c1[0], i), block(c1[1], i), block(c1[2], i)];
        let p = if UNIFORM { block(p, 0) } else { block(p, i) };
        fast = face_block::<UNIFORM>(o, fast, q, p, a, b, k);
    }
    if whole < len {
        let rest = len - whole;
        let pad = |s: &[f64]| {
            let mut p = [0.0f64; LANES];
            p[..rest].copy_from_slice(&s[whole..len]);
            p
        };
        let (pq0, pqa, pqb) = (pad(q0), pad(qa), pad(qb));
        let pp = if UNIFORM { [1.0; LANES] } else { pad(p) };
        let (pz0, ph0, pn0) = (pad(c0[0]), pad(c0[1]), pad(c0[2]));
        let (pz1, ph1, pn1) = (pad(c1[0]), pad(c1[1]), pad(c1[2]));
        let mut o = [0.0f64; LANES];
        fast = face_block::<UNIFORM>(&mut o, fast, [&pq0, &pqa, &pqb], &pp, [&pz0, &ph0, &pn0], [&pz1, &ph1, &pn1], k);
        out[whole..].copy_from_slice(&o[..rest]);
    }
    fast.speed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};

    fn coef() -> Coef {
        let dt = 1.7;
        let dx = 25.0;
        Coef {
            dt,
            due: 2.0,
            inv_dx: 1.0 / dx,
            rain: 0.0,
            cell_area: dx * dx,
            theta: THETA,
        }
    }

    /// Blocks, padding and the division-free speed give each face exactly
    /// what [`face`] gives it alone, and the largest speed exactly what
    /// dividing every face gives, for every tail length.
    #[test]
    fn face_span_matches_face_by_face_for_every_tail() {
        let k = coef();
        let mut rng = rand_pcg::Pcg64::seed_from_u64(12);
        for len in 0..=41 {
            for _ in 0..20 {
                let mut v = |lo: f64, hi: f64| -> Vec<f64> { (0..len).map(|_| rng.random_range(lo..hi)).collect() };
                let (q0, qa, qb) = (v(-3.0, 3.0), v(-6.0, 6.0), v(-6.0, 6.0));
                let (z0, z1) = (v(99.0, 101.0), v(99.0, 101.0));
                // A third of the cells dry, so some faces carry nothing.
                let (h0, h1) = (v(-1.0, 2.0), v(-1.0, 2.0));
                let (h0, h1): (Vec<f64>, Vec<f64>) = (h0.iter().map(|h| h.max(0.0)).collect(), h1.iter().map(|h| h.max(0.0)).collect());
                let (n0, n1) = (v(0.01, 0.08), v(0.01, 0.08));
                // Periods 1, 2 and 4 against a due limit of 2: some faces wait.
                let p: Vec<f64> = v(0.0, 3.0).iter().map(|x| f64::from(1u32 << (*x as u32))).collect();
                let mut out = vec![f64::NAN; len];
                let speed = face_span(&mut out, &q0, &qa, &qb, Some(&p), [&z0, &h0, &n0], [&z1, &h1, &n1], &k);
                let mut want = 0.0f64;
                for i in 0..len {
                    let q = face(q0[i], qa[i], qb[i], z0[i], h0[i], n0[i], z1[i], h1[i], n1[i], p[i], &k);
                    if p[i] > k.due {
                        assert_eq!(q.to_bits(), q0[i].to_bits(), "a face not due keeps its discharge");
                    }
                    assert_eq!(out[i].to_bits(), q.to_bits(), "face {i} of {len}");
                    want = want.max(face_speed(q, z0[i], h0[i], z1[i], h1[i]));
                }
                assert_eq!(speed.to_bits(), want.to_bits(), "speed over {len} faces");
                // Every period 1, known or not at compile time: same bits.
                let ones = vec![1.0; len];
                let (mut known, mut read) = (vec![f64::NAN; len], vec![f64::NAN; len]);
                let s1 = face_span(&mut known, &q0, &qa, &qb, None, [&z0, &h0, &n0], [&z1, &h1, &n1], &k);
                let s2 = face_span(&mut read, &q0, &qa, &qb, Some(&ones), [&z0, &h0, &n0], [&z1, &h1, &n1], &k);
                assert_eq!(
                    (s1.to_bits(), known.iter().map(|v| v.to_bits()).collect::<Vec<_>>()),
                    (s2.to_bits(), read.iter().map(|v| v.to_bits()).collect())
                );
            }
        }
    }
}
