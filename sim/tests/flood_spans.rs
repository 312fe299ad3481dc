//! The flood solver's active spans on a real drill's inputs: cells under
//! the depth threshold far from moving water take rain without a flux sweep,
//! and that must change no bit against sweeping every cell. (Here, not in
//! `flood/`, because the inputs come from a compiled scenario: the solver
//! must not name the layers above it.) Also: the same inputs stepped on
//! two threads change no bit.

use drillsim::domains::flood::export::FloodInputs;
use drillsim::flood::{EdgeMode, FloodSolver, Forcing};

/// The riverside drill's flood inputs (`drillsim export`: bed with levee
/// crests, land-class Manning's n, median hydrograph, rain) and two fresh
/// solvers on them.
fn riverside_pair() -> (FloodInputs, FloodSolver, FloodSolver) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/riverside_flood.ron");
    let compiled = drillsim::domains::load(&path).expect("bundled drill");
    let f = drillsim::domains::flood::export::flood_inputs(&compiled).expect("flood");
    let solver = || FloodSolver::new(f.grid(), f.bed_m.clone(), f.manning_n.clone(), EdgeMode::Open);
    let (a, b) = (solver(), solver());
    (f, a, b)
}

/// Call `each` with every one-minute tick's forcing for 8 h.
fn over_8_hours(f: &FloodInputs, mut each: impl FnMut(usize, &Forcing)) {
    for tick in 0..8 * 60 {
        let t = tick as f64 * 60.0;
        let inflows = f.inflows_at(t);
        let forcing = Forcing {
            inflows: &inflows,
            rain_m_per_s: f.rain_m_per_s_at(t),
            ..Forcing::default()
        };
        each(tick, &forcing);
    }
}

/// Spans against sweeping every cell on the riverside drill's own inputs
/// for 8 h: the same bits.
#[test]
fn spans_change_no_bit_on_the_riverside_drill_inputs() {
    let (f, mut spans, mut all) = riverside_pair();
    let grid = f.grid();
    all.set_sweep_every_cell(true);
    let mut swept = 0;
    over_8_hours(&f, |tick, forcing| {
        spans.advance(60.0, forcing);
        all.advance(60.0, forcing);
        swept += spans.swept_cells();
        if let Some(i) = (0..spans.qx().len()).find(|&i| spans.qx()[i] != all.qx()[i]) {
            let s1 = grid.nx + 1;
            panic!(
                "tick {tick}: qx face ({}, {}) differs: {} vs {}",
                i / s1,
                i % s1,
                spans.qx()[i],
                all.qx()[i]
            );
        }
        if let Some(i) = (0..spans.qy().len()).find(|&i| spans.qy()[i] != all.qy()[i]) {
            let nx = grid.nx;
            let d = |s: &FloodSolver, j: usize| if j < s.depth().len() { s.depth()[j] } else { -1.0 };
            panic!(
                "tick {tick}: qy face ({}, {}) differs: {} vs {}; h north {} south {}",
                i / nx,
                i % nx,
                spans.qy()[i],
                all.qy()[i],
                d(&all, i.wrapping_sub(nx)),
                d(&all, i)
            );
        }
        if let Some(i) = (0..grid.cells()).find(|&i| spans.depth()[i].to_bits() != all.depth()[i].to_bits()) {
            let nx = grid.nx;
            let around: Vec<(f64, f64)> = [i - nx, i - 1, i, i + 1, i + nx].map(|j| (spans.depth()[j], all.depth()[j])).into();
            panic!(
                "tick {tick}: cell ({}, {}) differs; (spans, all) around it: {around:?}",
                i / nx,
                i % nx
            );
        }
    });
    assert_eq!(spans.volumes(), all.volumes());
    let share = swept as f64 / (8.0 * 60.0 * grid.cells() as f64);
    eprintln!(
        "riverside inputs: {:.1} % of the cells swept at the end of a tick, on average",
        100.0 * share
    );
}

/// Local time stepping on the riverside drill's inputs for 8 h: the films
/// of rain on the valley sides take several base steps at once, so the
/// solver sweeps far fewer cells, while the volumes still balance to
/// round-off and the maximum depths (what harm, trapping and the reports
/// read) stay within centimetres of the global step.
#[test]
fn local_time_steps_do_less_work_for_the_same_flood() {
    let (f, mut local, mut global) = riverside_pair();
    let grid = f.grid();
    global.set_max_level(0);
    let (mut max_local, mut max_global) = (vec![0.0f64; grid.cells()], vec![0.0f64; grid.cells()]);
    over_8_hours(&f, |_, forcing| {
        for (s, max) in [(&mut local, &mut max_local), (&mut global, &mut max_global)] {
            s.advance(60.0, forcing);
            for (m, h) in max.iter_mut().zip(s.depth()) {
                *m = m.max(*h);
            }
        }
    });
    let v = local.volumes();
    assert!(v.residual().abs() < 1e-9 * (v.inflow + v.rain), "volume balance {v:?}");
    let ratio = local.cell_updates() as f64 / global.cell_updates() as f64;
    let worst = (0..grid.cells())
        .map(|i| ((max_local[i] - max_global[i]).abs(), i))
        .fold((0.0, 0), |a, b| if b.0 > a.0 { b } else { a });
    let wet = (0..grid.cells()).filter(|&i| max_global[i] > 0.1).count();
    let off = (0..grid.cells())
        .filter(|&i| max_global[i] > 0.1 && (max_local[i] - max_global[i]).abs() > 0.01)
        .count();
    eprintln!(
        "riverside inputs, 8 h: local steps sweep {} cells ({:.1} % of the global step's {}); worst maximum-depth difference {:.3} m at cell {}; {off} of {wet} cells over 0.1 m differ by more than 1 cm",
        local.cell_updates(),
        100.0 * ratio,
        global.cell_updates(),
        worst.0,
        worst.1
    );
    assert!(ratio < 0.5, "local time stepping swept {ratio} of the global step's cells");
    // Measured: 4.7 cm at the inflow cell, where the river enters 5.9 m
    // deep, when local steps came in; 0.7 cm by 2026-12-07; 2.6 cm (2 of
    // 6,115 cells over 1 cm) once each tick was cut into equal steps, as
    // the face speed's sudden short steps (`stable_dt`) then dominate.
    assert!(worst.0 < 0.1, "maximum depth moved {} m at cell {}", worst.0, worst.1);
    assert!(off * 100 <= wet, "{off} of {wet} flooded cells moved by more than 1 cm");
}

/// The riverside drill's inputs for 8 h on one thread and on two, the way
/// `drillsim run --threads 2` steps them: the base steps over the pool's
/// threshold go to the pool in bands, the short ones stay on the stepping
/// thread, and which is which changes from step to step; each cycle's
/// levels are planned in bands too. The same bits.
#[test]
fn two_threads_change_no_bit_on_the_riverside_drill_inputs() {
    let (f, mut one, mut two) = riverside_pair();
    two.set_threads(2).expect("thread pool");
    over_8_hours(&f, |tick, forcing| {
        one.advance(60.0, forcing);
        two.advance(60.0, forcing);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        let same = [(one.depth(), two.depth()), (one.qx(), two.qx()), (one.qy(), two.qy())]
            .iter()
            .all(|(a, b)| bits(a) == bits(b));
        assert!(same, "tick {tick}: two threads differ from one");
    });
    assert_eq!(one.volumes(), two.volumes());
    assert_eq!(one.cell_updates(), two.cell_updates());
}
