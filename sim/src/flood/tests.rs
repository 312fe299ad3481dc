//! Flood solver tests: analytical (Hunter et al. 2005), EA benchmark test 1
//! (Néelz & Pender 2013), mass balance, positivity, dry map, dam break.
//! Reference values: reference/hazard-models.md §1.

use super::*;
use proptest::prelude::*;

fn solver(nx: usize, ny: usize, dx: f64, z: Vec<f64>, n: f64, edges: EdgeMode) -> FloodSolver {
    let grid = FloodGrid { nx, ny, cell_m: dx };
    FloodSolver::new(grid, z, vec![n; nx * ny], edges)
}

fn assert_balanced(s: &FloodSolver, what: &str) -> f64 {
    let v = s.volumes();
    let scale = (v.initial + v.inflow + v.rain).max(1.0);
    let rel = v.residual().abs() / scale;
    assert!(rel < 1e-9, "{what}: residual {} of {scale} ({rel:e}) {v:?}", v.residual());
    rel
}

// ---------------------------------------------------------------- Hunter 2005

const HUNTER_U: f64 = 0.4;
const HUNTER_N: f64 = 0.01;
const HUNTER_DX: f64 = 25.0;

/// Hunter et al. (2005) analytical depth with C = 0 (reference §1):
/// `h = [(7/3) n² u² (u t − x)]^{3/7}` for `x < u t`, else 0.
///
/// Note: reference §1 prints the bracket as `−(7/3)(C − n²u²(x − ut))`, which
/// is negative for `x < ut` with C = 0; the sign of `(x − ut)` must be flipped
/// to reproduce its own boundary condition `[(7/3) n² u³ t]^{3/7}` at x = 0
/// and its table (0.4231 / 0.3680 / 0.2989 / 0.1963 m), which this form does.
fn hunter(x: f64, t: f64, u: f64) -> f64 {
    let a = (7.0 / 3.0) * HUNTER_N * HUNTER_N * u * u * (u * t - x);
    if a <= 0.0 { 0.0 } else { a.powf(3.0 / 7.0) }
}

/// Run the 1-row, 240-cell (6 km) channel to t = 9000 s with the upstream
/// depth `h(0,t) = [(7/3) n² u³ t]^{3/7}` imposed on cell 0 every sub-step.
/// `x` is measured from the centre of cell 0.
fn run_hunter() -> FloodSolver {
    let nx = 240;
    let mut s = solver(nx, 1, HUNTER_DX, vec![0.0; nx], HUNTER_N, EdgeMode::Closed);
    let bc = |t: f64| ((7.0 / 3.0) * HUNTER_N * HUNTER_N * HUNTER_U.powi(3) * t).powf(3.0 / 7.0);
    let fixed = [(0usize, Stage::DepthAt(&bc))];
    let forcing = Forcing {
        fixed: &fixed,
        ..Forcing::default()
    };
    for _ in 0..150 {
        s.advance(60.0, &forcing);
    }
    assert!((s.time_s() - 9000.0).abs() < 1e-9);
    s
}

fn hunter_rms(s: &FloodSolver, u: f64) -> (f64, usize) {
    let t = s.time_s();
    let mut sum = 0.0;
    let mut cnt = 0;
    for (i, &h) in s.depth().iter().enumerate() {
        let x = i as f64 * HUNTER_DX;
        let ha = hunter(x, t, u);
        if ha > 0.0 {
            sum += (h - ha).powi(2);
            cnt += 1;
        }
    }
    ((sum / cnt as f64).sqrt(), cnt)
}

#[test]
fn flood_hunter_analytical_wave() {
    let s = run_hunter();
    let (rms, cnt) = hunter_rms(&s, HUNTER_U);
    eprintln!("Hunter: RMS depth error {rms:.5} m over {cnt} wetted cells");
    assert!(cnt > 140, "wetted profile too short: {cnt}");
    assert!(rms < 0.01, "RMS {rms} m >= 1 cm");
    // Table values of reference §1 (u = 0.4, n = 0.01, t = 9000 s), loosely.
    for (x, want) in [(0.0, 0.4231), (1000.0, 0.3680), (2000.0, 0.2989), (3000.0, 0.1963)] {
        assert!((hunter(x, 9000.0, HUNTER_U) - want).abs() < 1e-3, "analytic formula at {x}");
        let got = s.depth()[(x / HUNTER_DX) as usize];
        eprintln!("Hunter: x = {x:>6} m  h = {got:.4}  table {want:.4}");
        assert!((got - want).abs() < 0.02, "x = {x}: {got} vs {want}");
    }
    // Ahead of the front (x > ut = 3600 m plus a few cells) stays dry.
    assert!(s.depth()[160..].iter().all(|&h| h == 0.0));
    assert_balanced(&s, "hunter");
    // The metric can fail: the same run judged against u = 0.5 is far off.
    let (wrong, _) = hunter_rms(&s, 0.5);
    assert!(wrong > 0.03, "metric does not discriminate: {wrong}");
}

// ------------------------------------------------------- mass conservation

/// The 12-hour mass-balance case:
/// 60 × 40 cells of 20 m. Terrain falls 3 m west → east towards an open
/// edge. A shallow river channel (rows 10..=13, 0.5 m deep) is fed at its
/// west end hard enough to overtop its banks; a full-width levee (row 14,
/// +2.5 m) protects a town basin (rows 15..=34, cols 20..=40, −0.8 m) that
/// has a pump. Rain for the first 3 h. At 6 h a 100 m breach lowers five
/// levee cells to the channel bed.
struct MassCase {
    s: FloodSolver,
    z: Vec<f64>,
    nx: usize,
    dx: f64,
    inflow: [(usize, f64); 2],
    sinks: [(usize, f64); 2],
    rain: f64,
}

fn mass_case() -> MassCase {
    let (nx, ny, dx) = (60usize, 40usize, 20.0);
    let mut z = vec![0.0; nx * ny];
    for r in 0..ny {
        for c in 0..nx {
            let mut e = 5.0 - 3.0 * c as f64 / (nx - 1) as f64 + 0.01 * (r as f64 - 20.0).abs();
            if (10..=13).contains(&r) {
                e -= 0.5;
            }
            if r == 14 {
                e += 2.5;
            }
            if (15..=34).contains(&r) && (20..=40).contains(&c) {
                e -= 0.8;
            }
            z[r * nx + c] = e;
        }
    }
    let mut s = solver(nx, ny, dx, z.clone(), 0.035, EdgeMode::Open);
    for r in 10..=13 {
        for c in 0..nx {
            s.set_depth(r * nx + c, 0.5); // initial bank-full channel
        }
    }
    let inflow = [(11 * nx, 40.0), (12 * nx, 40.0)];
    let pump = 25 * nx + 30;
    let dry_pump = 39 * nx + 2; // on high, dry ground: must never go negative
    let sinks = [(pump, 1.5), (dry_pump, 50.0)];
    let rain = 30e-3 / 3600.0; // 30 mm/h
    MassCase {
        s,
        z,
        nx,
        dx,
        inflow,
        sinks,
        rain,
    }
}

#[test]
fn flood_mass_conserved_over_12h_with_all_forcings() {
    let MassCase {
        mut s,
        z,
        nx,
        dx,
        inflow,
        sinks,
        rain,
    } = mass_case();
    let basin: Vec<usize> = (15..=34).flat_map(|r| (20..=40).map(move |c| r * nx + c)).collect();
    let basin_vol = |s: &FloodSolver| basin.iter().map(|&i| s.depth()[i]).sum::<f64>() * dx * dx;
    let mut before_breach = 0.0;
    let mut after_breach = 0.0;
    for tick in 0..(12 * 60) {
        let t = tick as f64 * 60.0;
        if tick == 6 * 60 {
            before_breach = basin_vol(&s);
            for c in 28..=32 {
                let cell = 14 * nx + c;
                s.set_bed(cell, z[cell] - 3.0);
            }
        }
        if tick == 7 * 60 {
            after_breach = basin_vol(&s);
        }
        let forcing = Forcing {
            inflows: &inflow,
            rain_m_per_s: if t < 3.0 * 3600.0 { rain } else { 0.0 },
            sinks: &sinks,
            fixed: &[],
        };
        s.advance(60.0, &forcing);
        assert!(s.depth().iter().all(|&h| h >= 0.0 && h.is_finite()));
    }
    let v = s.volumes();
    let scale = v.inflow + v.rain + v.initial;
    let resid = (v.initial + v.inflow + v.rain - v.stored - v.outflow - v.sink).abs();
    eprintln!("mass 12h: {v:?}\n  residual {resid:e} m³ = {:e} relative", resid / scale);
    eprintln!("mass 12h: basin {before_breach:.0} m³ before breach, {after_breach:.0} m³ 1 h after");
    assert!(v.outflow > 0.1 * v.inflow, "open edge barely used: {v:?}");
    assert!(v.sink > 0.0 && v.rain > 0.0 && v.initial > 0.0);
    assert!(v.clipped.abs() < 1e-9 * scale, "clipped {}", v.clipped);
    assert!(resid <= 1e-6 * scale, "residual {resid} > 1e-6 × {scale}");
    assert!(after_breach > before_breach + 10_000.0, "breach had no effect");
}

// ---------------------------------------------------------- EA test 1

/// Bed profile along x (m) for the reconstructed EA test 1 geometry.
/// Public description (reference §1; Néelz & Pender 2013): 700 × 100 m slope
/// with a depression, sill/pond level 10.25 m, initial level 9.7 m. Our
/// reconstruction (piecewise linear, uniform across y):
/// x 0 → 340 m: 9.00 → 10.25 (the beach slope), 340 → 360 m: flat sill crest
/// at 10.25, 360 → 440 m: down to the pond floor 9.85, 440 → 520 m: flat floor,
/// 520 → 700 m: up to 10.60 (above the peak level, closed at the east end).
fn ea1_bed(x: f64) -> f64 {
    let lerp = |x0: f64, z0: f64, x1: f64, z1: f64| z0 + (z1 - z0) * (x - x0) / (x1 - x0);
    match x {
        x if x < 340.0 => lerp(0.0, 9.0, 340.0, 10.25),
        x if x < 360.0 => 10.25,
        x if x < 440.0 => lerp(360.0, 10.25, 440.0, 9.85),
        x if x < 520.0 => 9.85,
        _ => lerp(520.0, 9.85, 700.0, 10.6),
    }
}

/// Boundary level (m): 9.7 → 10.35 over the first hour, held to 10 h, back
/// to 9.7 by 11 h, held to 20 h (our reading of "rises to 10.35 m, then falls").
fn ea1_level(t: f64) -> f64 {
    let hr = t / 3600.0;
    if hr < 1.0 {
        9.7 + 0.65 * hr
    } else if hr < 10.0 {
        10.35
    } else if hr < 11.0 {
        10.35 - 0.65 * (hr - 10.0)
    } else {
        9.7
    }
}

#[test]
fn flood_ea_test1_disconnected_pond() {
    let (nx, ny, dx) = (70usize, 10usize, 10.0);
    let mut z = vec![0.0; nx * ny];
    for r in 0..ny {
        for c in 0..nx {
            z[r * nx + c] = ea1_bed((c as f64 + 0.5) * dx);
        }
    }
    let mut s = solver(nx, ny, dx, z.clone(), 0.03, EdgeMode::Closed);
    let all: Vec<usize> = (0..nx * ny).filter(|&i| z[i] < 9.7).collect();
    s.fill_to_level(&all, 9.7);
    let level = ea1_level;
    let fixed: Vec<(usize, Stage)> = (0..ny).map(|r| (r * nx, Stage::LevelAt(&level))).collect();
    let forcing = Forcing {
        fixed: &fixed,
        ..Forcing::default()
    };
    let pond: Vec<usize> = (0..nx * ny)
        .filter(|&i| {
            let x = (i % nx) as f64 * dx + 0.5 * dx;
            x > 360.0 && z[i] < 10.24
        })
        .collect();
    assert!(pond.len() > 100);
    let mut peak_pond = f64::MIN;
    for tick in 0..(20 * 60) {
        s.advance(60.0, &forcing);
        if tick == 9 * 60 {
            peak_pond = pond.iter().map(|&i| s.level(i)).fold(f64::MAX, f64::min);
        }
    }
    let (lo, hi) = pond
        .iter()
        .map(|&i| s.level(i))
        .fold((f64::MAX, f64::MIN), |(a, b), l| (a.min(l), b.max(l)));
    eprintln!("EA1: pond level at 9 h >= {peak_pond:.4} m; at 20 h {lo:.4}..{hi:.4} m (sill 10.25)");
    assert!(peak_pond > 10.30, "pond never flooded above the sill: {peak_pond}");
    assert!((lo - 10.25).abs() < 0.01 && (hi - 10.25).abs() < 0.01, "pond {lo}..{hi}");
    // The beach seaward of the sill drained back to the boundary level.
    assert!((s.level(5 * nx + 10) - 9.7).abs() < 0.01 || s.depth()[5 * nx + 10] == 0.0);
    assert_balanced(&s, "ea1");
}

// ------------------------------------------------ positivity / dry map

struct Lcg(u64);
impl Lcg {
    fn f(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn flood_never_negative_random(seed in any::<u64>(), nx in 1usize..14, ny in 1usize..14,
                                   open in any::<bool>(), rainy in any::<bool>()) {
        let mut g = Lcg(seed);
        let dx = 1.0 + 30.0 * g.f();
        let z: Vec<f64> = (0..nx * ny).map(|_| 3.0 * g.f()).collect();
        let edges = if open { EdgeMode::Open } else { EdgeMode::Closed };
        let mut s = solver(nx, ny, dx, z, 0.01 + 0.1 * g.f(), edges);
        for i in 0..nx * ny {
            if g.f() < 0.3 { s.set_depth(i, 2.0 * g.f()); }
        }
        let cells = nx * ny;
        let pick = |g: &mut Lcg| ((g.f() * cells as f64) as usize).min(cells - 1);
        let inflows = [(pick(&mut g), 5.0 * g.f())];
        let sinks = [(pick(&mut g), 100.0 * g.f()), (pick(&mut g), 1.0 * g.f())];
        for tick in 0..30 {
            let forcing = Forcing {
                inflows: &inflows,
                rain_m_per_s: if rainy && tick < 10 { 1e-4 } else { 0.0 },
                sinks: &sinks,
                fixed: &[],
            };
            let st = s.advance(17.0 + 50.0 * g.f(), &forcing);
            prop_assert!(st.max_depth_m.is_finite());
            for &h in s.depth() {
                prop_assert!(h >= 0.0 && h.is_finite(), "h = {}", h);
            }
        }
        let v = s.volumes();
        let scale = (v.initial + v.inflow + v.rain).max(1.0);
        prop_assert!(v.residual().abs() < 1e-9 * scale, "{:?}", v);
        // Positivity comes from the outflow limiter, not from clipping.
        prop_assert!(v.clipped.abs() < 1e-9 * scale, "clipped {:?}", v);
    }
}

#[test]
fn flood_dry_map_stays_dry_and_untouched() {
    let (nx, ny) = (50, 30);
    let z: Vec<f64> = (0..nx * ny).map(|i| ((i * 7919) % 13) as f64 * 0.3).collect();
    for edges in [EdgeMode::Closed, EdgeMode::Open] {
        let mut s = solver(nx, ny, 5.0, z.clone(), 0.03, edges);
        let sinks = [(17, 3.0)];
        let forcing = Forcing {
            sinks: &sinks,
            ..Forcing::default()
        };
        for _ in 0..10 {
            let st = s.advance(60.0, &forcing);
            assert_eq!(st.substeps, 6, "dry map uses InitTstep = 10 s");
            assert_eq!(st.wet_cells, 0);
            assert_eq!(st.max_depth_m, 0.0);
        }
        assert_eq!(s.bed(), &z[..]);
        assert!(s.depth().iter().all(|&h| h == 0.0));
        assert!(s.qx().iter().chain(s.qy()).all(|&q| q == 0.0));
        let v = s.volumes();
        assert_eq!((v.stored, v.sink, v.outflow, v.initial), (0.0, 0.0, 0.0, 0.0));
        assert_eq!(s.velocity_ms(17), 0.0);
    }
}

// ---------------------------------------------------------- dam break

/// A 5 m column collapsing in a closed box: flow at Froude > 1, where the
/// local inertial scheme is least at ease. On the flat floor no cell's
/// maximum depth may stand more than 0.2 m above all four neighbours'
/// (0.13 m today): this is the check that keeps the face speed in the
/// step, whose spike without it is 0.46 m (figures in
/// `FloodSolver::stable_dt`).
#[test]
fn flood_dam_break_stays_bounded() {
    let n = 41;
    let mut s = solver(n, n, 5.0, vec![0.0; n * n], 0.02, EdgeMode::Closed);
    let h0 = 5.0;
    for r in 18..23 {
        for c in 18..23 {
            s.set_depth(r * n + c, h0);
        }
    }
    let mut spread = 0;
    let mut max = vec![0.0f64; n * n];
    for _ in 0..120 {
        let st = s.advance(10.0, &Forcing::default());
        for (m, h) in max.iter_mut().zip(s.depth()) {
            *m = m.max(*h);
        }
        assert!(st.max_depth_m.is_finite() && st.max_depth_m <= h0 + 1e-9, "max {}", st.max_depth_m);
        let vmax = (0..n * n).map(|i| s.velocity_ms(i)).fold(0.0, f64::max);
        assert!(vmax < 2.0 * (9.80655 * h0).sqrt(), "velocity blew up: {vmax}");
        spread = st.wet_cells;
    }
    assert!(spread > 400, "water did not spread: {spread} wet cells");
    let column = |i: usize| (17..24).contains(&(i / n)) && (17..24).contains(&(i % n));
    for i in (n..n * (n - 1)).filter(|i| i % n != 0 && i % n != n - 1 && !column(*i)) {
        let highest_neighbour = [i - 1, i + 1, i - n, i + n].map(|j| max[j]).into_iter().fold(f64::MIN, f64::max);
        assert!(
            max[i] - highest_neighbour < 0.2,
            "maximum depth spike of {} m at {i}",
            max[i] - highest_neighbour
        );
    }
    // Symmetric initial state on a symmetric grid stays symmetric.
    let h = s.depth();
    for r in 0..n {
        for c in 0..n {
            let d = (h[r * n + c] - h[c * n + r]).abs();
            assert!(d < 1e-6, "asymmetry {d} at ({r},{c})");
        }
    }
    assert_balanced(&s, "dam break");
}

// ---------------------------------------------------------- small checks

#[test]
fn flood_set_bed_keeps_water_and_lake_at_rest() {
    let n = 8;
    // Uneven bed, every cell submerged below level 2.0: a lake at rest must
    // stay exactly at rest (surface slope is zero on every face).
    let z: Vec<f64> = (0..n * n).map(|i| 1.0 + 0.1 * ((i * 37) % 9) as f64).collect();
    let mut s = solver(n, n, 10.0, z, 0.03, EdgeMode::Closed);
    let all: Vec<usize> = (0..n * n).collect();
    s.fill_to_level(&all, 2.0);
    s.advance(600.0, &Forcing::default());
    for i in 0..n * n {
        assert!((s.level(i) - 2.0).abs() < 1e-12, "lake moved at {i}: {}", s.level(i));
        assert_eq!(s.velocity_ms(i), 0.0);
    }
    // Sandbagging (raising) a submerged cell keeps its water: depth unchanged,
    // so its surface rises and the mound then spreads out, conserving volume.
    let d = s.depth()[27];
    s.set_bed(27, s.bed()[27] + 0.5);
    assert_eq!(s.depth()[27], d);
    assert!((s.level(27) - 2.5).abs() < 1e-12);
    s.advance(3600.0, &Forcing::default());
    assert!(s.level(27) < 2.1, "mound did not spread: {}", s.level(27));
    assert_balanced(&s, "lake");
    assert_eq!(s.advance(0.0, &Forcing::default()).substeps, 0);
}

fn s_dt_1m() -> f64 {
    0.7 * 25.0 / 9.80655f64.sqrt()
}

#[test]
fn flood_stable_dt_follows_cfl() {
    let mut s = solver(4, 4, 25.0, vec![0.0; 16], 0.03, EdgeMode::Closed);
    assert_eq!(s.stable_dt(), 10.0);
    s.set_depth(5, 1.0);
    // The q-centred momentum takes √θ of the Bates step (`stable_dt`).
    assert!((s.stable_dt() - THETA.sqrt() * 0.7 * 25.0 / 9.80655f64.sqrt()).abs() < 1e-12);
    // reference §1 check value for the Bates form (θ = 1): Δx = 25 m,
    // h_max = 1 m → Δt ≈ 5.6 s.
    s.set_theta(1.0);
    assert!((s.stable_dt() - 0.7 * 25.0 / 9.80655f64.sqrt()).abs() < 1e-12);
    assert!((s.stable_dt() - 5.59).abs() < 0.01);
    s.set_theta(THETA);
    let st = s.advance(60.0, &Forcing::default());
    assert!(st.substeps >= 7, "{st:?}");
    // Once the pond moves, the face speed shortens the step below the
    // still-water value (`stable_dt` counts u_max + √(g·h_max)).
    assert!(st.min_dt_s < s_dt_1m() && st.min_dt_s > 0.5 * s_dt_1m(), "{st:?}");
    assert!((s.time_s() - 60.0).abs() < 1e-12);
}

#[test]
fn flood_fast_cbrt_is_accurate() {
    let mut worst = 0.0f64;
    let mut x = 1e-4;
    while x < 20.0 {
        let e = (super::solver::cbrt_pos_for_tests(x) / x.cbrt() - 1.0).abs();
        worst = worst.max(e);
        x *= 1.000_37;
    }
    // The budget of `cbrt_pos`: two Newton steps from a 3.5 % guess.
    assert!(worst < 3e-5, "worst relative error {worst:e}");
    assert!(
        worst > 1e-9,
        "more accurate than the two steps explain: the check is not testing them"
    );
}

#[test]
fn flood_drained_map_leaves_no_stale_discharge() {
    // A sloping 30 × 20 map: a lake in one corner runs downhill towards a
    // pump that removes everything. Once all water is gone the map must be
    // back to the untouched dry state: no depth, every face exactly zero,
    // dry-map stepping.
    let (nx, ny) = (30, 20);
    let z: Vec<f64> = (0..nx * ny).map(|i| 0.05 * ((i % nx) + (i / nx)) as f64).collect();
    let mut s = solver(nx, ny, 10.0, z, 0.03, EdgeMode::Closed);
    let corner: Vec<usize> = (0..5).flat_map(|r| (0..5).map(move |c| r * nx + c)).collect();
    s.fill_to_level(&corner, 1.2);
    let sinks: Vec<(usize, f64)> = (0..nx * ny).map(|i| (i, 0.05)).collect();
    let forcing = Forcing {
        sinks: &sinks,
        ..Forcing::default()
    };
    let mut saw_flow = false;
    for _ in 0..240 {
        s.advance(60.0, &forcing);
        saw_flow |= s.qx().iter().any(|&q| q != 0.0);
    }
    assert!(saw_flow, "no flow happened");
    assert!(s.depth().iter().all(|&h| h == 0.0), "water left");
    assert!(s.qx().iter().chain(s.qy()).all(|&q| q == 0.0), "stale discharge");
    let st = s.advance(60.0, &forcing);
    assert_eq!((st.substeps, st.wet_cells), (6, 0));
    assert_balanced(&s, "drained");
}

/// Why depths are stored as f64 (the issue asks for f64 or f32 "chosen by
/// measurement"): round every cell's depth to f32 after each solver step of
/// the 12-hour case, as f32 storage would, and total the volume the rounding
/// creates or destroys. Measured: 2.0e-9 of the water in with the q-centred
/// scheme (9.0e-8 with the plain Bates form) — inside the 1e-6 budget only
/// because rounding errors largely cancel here, and ~10⁶ times the f64
/// residual (~3e-15). The bandwidth f32 would save is not
/// the bottleneck (BENCHMARKS.md: the kernel runs ~5× above the
/// memory-bandwidth floor), so f64 stays.
#[test]
fn f32_depth_storage_loses_five_orders_of_mass_accuracy() {
    let MassCase {
        mut s,
        inflow,
        sinks,
        rain,
        ..
    } = mass_case();
    let area = s.grid().cell_m * s.grid().cell_m;
    let mut rounding = 0.0;
    for tick in 0..(12 * 60 * 12) {
        let t = tick as f64 * 5.0;
        let forcing = Forcing {
            inflows: &inflow,
            rain_m_per_s: if t < 3.0 * 3600.0 { rain } else { 0.0 },
            sinks: &sinks,
            fixed: &[],
        };
        s.advance(5.0, &forcing);
        for cell in 0..s.depth().len() {
            let h = s.depth()[cell];
            let h32 = h as f32 as f64;
            if h32 != h {
                rounding += (h32 - h) * area;
                s.set_depth(cell, h32);
            }
        }
    }
    let v = s.volumes();
    let scale = v.inflow + v.rain + v.initial;
    let rel = rounding.abs() / scale;
    eprintln!("f32 storage: rounding created {rounding:e} m³ = {rel:e} of the water in");
    // The f64 run closes to ~3e-15 (flood_mass_conserved_over_12h_with_all_forcings).
    assert!(rel > 1e-10, "f32 rounding should cost far more than the f64 residual: {rel:e}");
    assert_balanced(&s, "f64 run with f32 rounding accounted");
}

/// Rain on a dry map beside a river: the cells under the depth threshold
/// take the rain without a flux sweep, so the sub-step sweeps only the river
/// and the cells beside it, and the dry cells hold exactly the rain fallen.
/// Once the rain has lifted them over the threshold they move and are swept.
#[test]
fn flood_rain_on_dry_cells_costs_no_flux_sweep() {
    let (nx, ny) = (64, 48);
    // A channel 2 m deep, filled to 1 m below its banks, on a plain sloping
    // gently away from it; its bed falls south so the water keeps moving.
    let in_river = |i: usize| (30..34).contains(&(i % nx));
    let z: Vec<f64> = (0..nx * ny)
        .map(|i| {
            let bank = 10.0 + 0.002 * (i % nx).abs_diff(32) as f64;
            if in_river(i) { 8.0 - 0.001 * (i / nx) as f64 } else { bank }
        })
        .collect();
    let mut s = solver(nx, ny, 10.0, z, 0.03, EdgeMode::Closed);
    let river: Vec<usize> = (0..nx * ny).filter(|&i| in_river(i)).collect();
    s.fill_to_level(&river, 9.0);
    let rain = 2.0 / 3.6e6;
    let forcing = Forcing {
        rain_m_per_s: rain,
        ..Forcing::default()
    };
    let far = 5 * nx + 3;
    let mut fallen = 0.0;
    for _ in 0..10 {
        s.advance(60.0, &forcing);
        fallen += rain * 60.0;
        // River columns 30..=33, the cells beside them (29, 34) and one more
        // each side whose faces touch them: 6 + 2 columns at most.
        assert!(s.swept_cells() <= 8 * ny, "swept {} cells", s.swept_cells());
        assert!(s.swept_cells() >= 4 * ny, "the river itself must be swept");
    }
    assert!((s.depth()[far] - fallen).abs() < 1e-15, "{} vs {fallen}", s.depth()[far]);
    assert_balanced(&s, "river in rain");
    // 2 mm/h passes the 1 mm threshold after 30 min: then every cell moves.
    for _ in 0..30 {
        s.advance(60.0, &forcing);
    }
    assert_eq!(s.swept_cells(), nx * ny);
    assert_balanced(&s, "after the whole map wet");
}
