//! Flood solver benchmarks (see BENCHMARKS.md, "Flood solver").
//!
//! `substep_1024_wet`: one fixed-dt sub-step of the local inertial solver on a
//! fully wet 1024 × 1024 grid, single thread. Divide the time by 1024² for
//! ns per cell per sub-step (divan also prints cells/s via the counter).
//! `advance_1024_dry`: a 60 s engine tick on a dry 1024 × 1024 map.
//! `substep_1024_wet_isa`: the wet sub-step with each instruction set this
//! CPU has (the same bits come out of each). `substep_1024_wet_threads`: the
//! wet sub-step in bands on 1 and 2 threads (`drillsim run --threads`);
//! `riverside_valley_first_hour_threads` the same for the riverside drill's
//! short base steps.
//! `substep_1024_river_in_rain`: a wet river across a dry map in light rain.
//! `substep_wet_by_size`: the wet sub-step from 64² to 1024² cells.

use divan::{Bencher, counter::ItemsCount};
use drillsim::flood::{EdgeMode, FloodGrid, FloodSolver, Forcing, Isa};

fn main() {
    divan::main();
}

const N: usize = 1024;

fn solver(wet: bool) -> FloodSolver {
    solver_of(N, wet)
}

/// An `n` × `n` grid of 10 m cells on a gently undulating bed (so fluxes
/// are non-trivial everywhere), filled to 2 m and spun up when `wet`.
fn solver_of(n: usize, wet: bool) -> FloodSolver {
    let grid = FloodGrid {
        nx: n,
        ny: n,
        cell_m: 10.0,
    };
    let z: Vec<f64> = (0..n * n)
        .map(|i| {
            let (r, c) = ((i / n) as f64, (i % n) as f64);
            0.3 * (r * 0.05).sin() + 0.3 * (c * 0.07).cos() + 0.001 * c
        })
        .collect();
    let mut s = FloodSolver::new(grid, z, vec![0.03; n * n], EdgeMode::Closed);
    if wet {
        let all: Vec<usize> = (0..n * n).collect();
        s.fill_to_level(&all, 2.0);
        // Spin up so faces carry real discharge.
        let dt = s.stable_dt();
        for _ in 0..5 {
            s.substep(dt, &Forcing::default());
        }
    }
    s
}

/// Time one unforced sub-step of `s` at its stable step, counted per cell.
fn bench_wet_substep(bencher: Bencher, s: &mut FloodSolver) {
    let dt = s.stable_dt();
    let forcing = Forcing::default();
    bencher
        .counter(ItemsCount::new(s.depth().len()))
        .bench_local(|| s.substep(dt, &forcing));
}

/// The wet sub-step on grids from one that fits in L1/L2 (64², ~0.3 MB of
/// solver arrays) to one that streams from memory (1024², ~84 MB): whether
/// the kernels wait on memory or on arithmetic. Single thread.
#[divan::bench(args = [64, 128, 200, 512, 1024], sample_count = 20, sample_size = 1)]
fn substep_wet_by_size(bencher: Bencher, n: usize) {
    let mut s = solver_of(n, true);
    bench_wet_substep(bencher, &mut s);
}

#[divan::bench(sample_count = 30, sample_size = 1)]
fn substep_1024_wet(bencher: Bencher) {
    let mut s = solver(true);
    bench_wet_substep(bencher, &mut s);
    assert!(s.depth().iter().all(|&h| h > 0.0), "grid must stay fully wet");
}

fn available_isas() -> Vec<&'static str> {
    Isa::available()
        .into_iter()
        .map(|i| match i {
            Isa::Baseline => "baseline",
            Isa::Avx2 => "avx2",
            Isa::Avx512 => "avx512",
        })
        .collect()
}

#[divan::bench(args = available_isas(), sample_count = 20, sample_size = 1)]
fn substep_1024_wet_isa(bencher: Bencher, isa: &str) {
    let mut s = solver(true);
    let chosen = Isa::available()
        .into_iter()
        .find(|i| format!("{i:?}").eq_ignore_ascii_case(isa))
        .expect("listed");
    assert!(s.set_isa(chosen));
    bench_wet_substep(bencher, &mut s);
}

#[divan::bench(args = [1, 2], sample_count = 20, sample_size = 1)]
fn substep_1024_wet_threads(bencher: Bencher, threads: usize) {
    let mut s = solver(true);
    s.set_threads(threads).expect("thread pool");
    bench_wet_substep(bencher, &mut s);
}

/// A river of 32 wet columns across an otherwise dry 1024 × 1024 map in
/// light rain (2 mm/h): one sub-step. The dry cells hold less than the
/// 1 mm depth threshold, so no face beside them can carry water; what this
/// measures is whether they cost a flux sweep anyway.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn substep_1024_river_in_rain(bencher: Bencher) {
    let mut s = solver(false);
    let river: Vec<usize> = (0..N * N).filter(|i| (i % N).abs_diff(N / 2) < 16).collect();
    s.fill_to_level(&river, 2.0);
    let forcing = Forcing {
        rain_m_per_s: 2.0 / 3.6e6,
        ..Forcing::default()
    };
    for _ in 0..5 {
        let dt = s.stable_dt();
        s.substep(dt, &forcing);
    }
    let dt = s.stable_dt();
    bencher.counter(ItemsCount::new(N * N)).bench_local(|| s.substep(dt, &forcing));
}

#[divan::bench(sample_count = 30, sample_size = 10)]
fn advance_1024_dry(bencher: Bencher) {
    let mut s = solver(false);
    let forcing = Forcing::default();
    bencher.bench_local(|| s.advance(60.0, &forcing));
}

/// The riverside valley as `drillsim export scenarios/riverside_flood.ron`
/// writes it (bed with levee crests, Manning's n, the median hydrograph and
/// the held rain), run by the solver alone for the drill's first simulated
/// hour: the case to compare with other local inertial codes on the same
/// inputs.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn riverside_valley_first_hour(bencher: Bencher) {
    riverside_valley(bencher, 60, 1);
}

/// The first hour in bands on 1 and 2 threads (`drillsim run --threads`):
/// on a grid this size most base steps sweep a few thousand cells, so this
/// measures what handing them to the pool costs against what it saves.
#[divan::bench(args = [1, 2], sample_count = 5, sample_size = 1)]
fn riverside_valley_first_hour_threads(bencher: Bencher, threads: usize) {
    riverside_valley(bencher, 60, threads);
}

/// The same for the whole 8 h drill (`lisflood lisflood.par` in the export
/// directory runs LISFLOOD-FP on these inputs; BENCHMARKS.md compares).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn riverside_valley_8h(bencher: Bencher) {
    riverside_valley(bencher, 8 * 60, 1);
}

/// The riverside valley's solver on `threads` threads for `minutes`
/// one-minute ticks; returns the sub-steps taken.
fn riverside_valley(bencher: Bencher, minutes: usize, threads: usize) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/riverside_flood.ron");
    let compiled = drillsim::domains::load(&path).expect("bundled drill");
    let f = drillsim::domains::flood::export::flood_inputs(&compiled).expect("flood");
    let grid = f.grid();
    bencher
        .with_inputs(|| {
            let mut s = FloodSolver::new(grid, f.bed_m.clone(), f.manning_n.clone(), EdgeMode::Open);
            s.set_threads(threads).expect("thread pool");
            s
        })
        .bench_local_values(|mut s| {
            let mut substeps = 0;
            for minute in 0..minutes {
                let t = minute as f64 * 60.0;
                let inflows = f.inflows_at(t);
                let forcing = Forcing {
                    inflows: &inflows,
                    rain_m_per_s: f.rain_m_per_s_at(t),
                    ..Forcing::default()
                };
                substeps += s.advance(60.0, &forcing).substeps;
            }
            substeps
        });
}
