//! The flood solver's active spans on a real drill's inputs: cells under
//! the depth threshold far from moving water take rain without a flux sweep,
//! and that must change no bit against sweeping every cell. (Here, not in
//! `flood/`, because the inputs come from a compiled scenario: the solver
//! must not name the layers above it.)

use drillsim::flood::{EdgeMode, FloodSolver, Forcing};

/// The same on the riverside drill's own inputs (`drillsim export`: bed with
/// levee crests, land-class Manning's n, median hydrograph, rain) for 8 h.
#[test]
fn spans_change_no_bit_on_the_riverside_drill_inputs() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/riverside_flood.ron");
    let compiled = drillsim::domains::load(&path).expect("bundled drill");
    let f = drillsim::domains::flood::export::flood_inputs(&compiled).expect("flood");
    let grid = f.grid();
    let mut spans = FloodSolver::new(grid, f.bed_m.clone(), f.manning_n.clone(), EdgeMode::Open);
    let mut all = FloodSolver::new(grid, f.bed_m.clone(), f.manning_n.clone(), EdgeMode::Open);
    all.set_sweep_every_cell(true);
    let mut swept = 0;
    for tick in 0..8 * 60 {
        let t = tick as f64 * 60.0;
        let inflows = f.inflows_at(t);
        let forcing = Forcing {
            inflows: &inflows,
            rain_m_per_s: f.rain_m_per_s_at(t),
            ..Forcing::default()
        };
        spans.advance(60.0, &forcing);
        all.advance(60.0, &forcing);
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
    }
    assert_eq!(spans.volumes(), all.volumes());
    let share = swept as f64 / (8.0 * 60.0 * grid.cells() as f64);
    eprintln!(
        "riverside inputs: {:.1} % of the cells swept at the end of a tick, on average",
        100.0 * share
    );
}
