//! Filling of floodplain depressions, in the manner of the UK Environment
//! Agency's 2-D benchmark test 2 (Néelz & Pender 2013, "Benchmarking the
//! latest generation of 2D hydraulic modelling packages", Environment
//! Agency): water poured onto a gentle slope runs into a chain of
//! depressions, and once it has come to rest the final state follows from
//! volume balance alone. The EA's own DEM (a 4 × 4 grid of depressions) and
//! its comparison tolerances are not reproduced here: this is a 1-D chain of
//! four depressions on the benchmark's 1:1500 slope, whose exact end state
//! is known — every depression the water reached before the last is full to
//! its downstream lip, the last holds what is left, the one after is dry.

use super::*;

const DX: f64 = 10.0;
const NX: usize = 200;
const NY: usize = 3;
/// 1:1500, the steeper of the benchmark's two slopes.
const SLOPE: f64 = 1.0 / 1500.0;
/// Depth of each depression below its downstream lip (m); the benchmark's
/// depressions are about 0.5 m deep.
const DEPTH: f64 = 0.5;
/// First column and length (cells) of each depression, west to east.
const BOWLS: [(usize, usize); 4] = [(10, 20), (50, 20), (90, 20), (130, 20)];

/// When the end state is read: after 48 h, as in the benchmark.
const AT_REST_MIN: usize = 48 * 60;

fn plane(c: usize) -> f64 {
    10.0 - (c as f64 + 0.5) * DX * SLOPE
}

/// The bed of a depression's cells: flat, `DEPTH` below the plane at its
/// downstream lip (the first column after it).
fn bowl_floor(b: (usize, usize)) -> f64 {
    plane(b.0 + b.1) - DEPTH
}

fn bed() -> Vec<f64> {
    let mut z = vec![0.0; NX * NY];
    for r in 0..NY {
        for c in 0..NX {
            let bowl = BOWLS.iter().find(|b| (b.0..b.0 + b.1).contains(&c));
            z[r * NX + c] = bowl.map_or(plane(c), |b| bowl_floor(*b));
        }
    }
    z
}

fn cells(b: (usize, usize)) -> Vec<usize> {
    (0..NY).flat_map(|r| (b.0..b.0 + b.1).map(move |c| r * NX + c)).collect()
}

/// The dry slope and its depressions, Manning's n 0.03, walls all round.
fn dry_slope() -> FloodSolver {
    let grid = FloodGrid {
        nx: NX,
        ny: NY,
        cell_m: DX,
    };
    FloodSolver::new(grid, bed(), vec![0.03; NX * NY], EdgeMode::Closed)
}

/// Lowest and highest water level (m) over a depression's cells.
fn level_range(s: &FloodSolver, b: (usize, usize)) -> (f64, f64) {
    let l: Vec<f64> = cells(b).iter().map(|&i| s.level(i)).collect();
    (
        l.iter().cloned().fold(f64::MAX, f64::min),
        l.iter().cloned().fold(f64::MIN, f64::max),
    )
}

#[test]
fn flood_depressions_fill_in_order_to_their_lips_by_volume_balance() {
    let mut s = dry_slope();
    let area = DX * DX;
    let capacity = |b: (usize, usize)| (b.1 * NY) as f64 * area * DEPTH;
    // Enough for two and a half depressions, poured at the top of the slope
    // at 1 m³/s.
    let poured = 2.5 * capacity(BOWLS[0]);
    let minutes = (poured / 60.0).round() as usize;
    let inflow = [(NX, 1.0)];
    for minute in 0..AT_REST_MIN {
        let forcing = Forcing {
            inflows: if minute < minutes { &inflow } else { &[] },
            ..Forcing::default()
        };
        s.advance(60.0, &forcing);
    }
    let v = s.volumes();
    assert!((v.inflow - minutes as f64 * 60.0).abs() < 1e-6, "{v:?}");
    assert!(v.residual().abs() < 1e-9 * v.inflow, "{v:?}");

    // The first two are full to their lips, their surfaces flat.
    for (i, b) in BOWLS[..2].iter().enumerate() {
        let lip = plane(b.0 + b.1);
        let (lo, hi) = level_range(&s, *b);
        eprintln!("depression {i}: level {lo:.4}..{hi:.4} m, lip {lip:.4} m");
        assert!(hi - lo < 1e-3, "depression {i} surface not flat: {lo}..{hi}");
        assert!(lo > lip - 2e-3 && hi < lip + 5e-3, "depression {i} at {lo}..{hi}, lip {lip}");
    }
    // The third holds the rest. The first two still stand a few mm over
    // their lips (the last millimetres leave a lip slowly, against
    // friction) and the wet slopes keep under the 1 mm threshold each:
    // together under 1 cm of the third's level.
    let third = BOWLS[2];
    let rest = v.inflow - 2.0 * capacity(BOWLS[0]);
    let want = bowl_floor(third) + rest / ((third.1 * NY) as f64 * area);
    let (lo, hi) = level_range(&s, third);
    eprintln!("depression 2: level {lo:.4}..{hi:.4} m, volume balance {want:.4} m");
    assert!(hi - lo < 1e-3, "third depression not flat: {lo}..{hi}");
    assert!((lo - want).abs() < 1e-2, "third depression at {lo}, volume balance {want}");
    assert!(hi < plane(third.0 + third.1), "third depression spilled");
    // Nothing reached the fourth, nor the slope beyond the third.
    let h = s.depth();
    assert!(cells(BOWLS[3]).iter().all(|&i| h[i] == 0.0), "water reached the fourth depression");
    assert!((0..NY).all(|r| h[r * NX + third.0 + third.1 + 1] == 0.0));
}

/// A 1 cm bump in a still pond 1 cm under its lip ([`dry_slope`]) dies
/// away. With the step at `cfl = 0.7` unscaled by `√θ` it grew
/// into a 2 cm ring with a near-2Δx pattern in the discharges (the stability
/// limit of the q-centred momentum, see `FloodSolver::stable_dt`).
#[test]
fn flood_disturbance_in_a_still_pond_dies_away() {
    let mut s = dry_slope();
    let b = BOWLS[1];
    s.fill_to_level(&cells(b), plane(b.0 + b.1) - 0.01);
    let bump = NX + b.0 + 5;
    s.set_depth(bump, s.depth()[bump] + 0.01);
    for _ in 0..24 * 60 {
        s.advance(60.0, &Forcing::default());
    }
    let (lo, hi) = level_range(&s, b);
    assert!(hi - lo < 1e-3, "after 24 h the pond's surface spans {:.4} m", hi - lo);
}
