//! Chemical-release benchmarks (see BENCHMARKS.md, "Chemical release").
//!
//! `tick_12h_500`: one tick of the cloud of a 12-hour continuous chlorine
//! release on a 500 × 500 grid of 20 m cells — puffs moved, this minute's
//! puffs emitted, merged and cut off, and the ground-level concentration of
//! every cell drawn — after 12 hours of one-minute ticks, in a steady wind
//! (`steady`) and in one that veers 30° every hour (`veering`), at 1.5 m/s
//! in class E, where the cloud is long and crosses the map slowly.
//! `dose_10000`: the breath and toxic load of 10,000 households for one tick.

use divan::Bencher;
use drillsim::chem::cloud::{Air, Cloud, Grid};
use drillsim::chem::sigma::{Curves, Surface};
use drillsim::chem::substance::toxicology;
use drillsim::domains::release::exposure::{Tick, Whereabouts, inhale};
use drillsim::scenario::model::Substance;
use drillsim::world::people::Breath;
use drillsim::world::weather::Stability;

fn main() {
    divan::main();
}

const GRID: Grid = Grid {
    cols: 500,
    rows: 500,
    cell_m: 20.0,
};
const RATE_KG_S: f64 = 2.0;
/// 1 % of chlorine's AEGL-1 (0.5 ppm), kg/m³.
const FLOOR: f64 = 0.01 * 0.5 * 70.90 / 24.45e6;

fn air(minute: usize, veering: bool) -> Air {
    Air {
        speed_ms: 1.5,
        from_deg: 270.0 + if veering { 30.0 * (minute / 60) as f64 } else { 0.0 },
        class: Stability::E,
        air_k: 293.15,
    }
}

fn tick(cloud: &mut Cloud, minute: usize, veering: bool, out: &mut [f32]) {
    let a = air(minute, veering);
    cloud.advance(a, 60.0);
    cloud.emit(2000.0, 5000.0, RATE_KG_S * 60.0, a, 60.0, GRID.cell_m);
    cloud.tidy(GRID, FLOOR);
    out.iter_mut().for_each(|v| *v = 0.0);
    cloud.concentrate(GRID, out);
}

fn after_12h(veering: bool) -> Cloud {
    let mut cloud = Cloud::new(Curves::Plume(Surface::Rural), 2.0);
    let mut out = vec![0.0; GRID.cols * GRID.rows];
    for minute in 0..720 {
        tick(&mut cloud, minute, veering, &mut out);
    }
    cloud
}

#[divan::bench(args = [false, true], sample_count = 20)]
fn tick_12h_500(bencher: Bencher, veering: bool) {
    let cloud = after_12h(veering);
    eprintln!("{} puffs after 12 h (veering: {veering})", cloud.puffs.len());
    let mut out = vec![0.0f32; GRID.cols * GRID.rows];
    bencher.with_inputs(|| cloud.clone()).bench_local_values(|mut c| {
        tick(&mut c, 720, veering, &mut out);
        c.puffs.len()
    });
}

#[divan::bench]
fn dose_10000(bencher: Bencher) {
    let tox = toxicology(Substance::Chlorine);
    let t = Tick {
        dt_s: 60.0,
        end_s: 3600.0,
        elapsed_min: 60.0,
        home_ach: 1.0,
        sealed_ach: 0.35,
    };
    let outdoor: Vec<f64> = (0..10_000).map(|i| (i % 97) as f64 * 0.3).collect();
    bencher
        .with_inputs(|| vec![Breath::default(); 10_000])
        .bench_local_values(|mut breaths| {
            for (i, b) in breaths.iter_mut().enumerate() {
                let at = match i % 10 {
                    0 => Whereabouts::Outdoors,
                    1 => Whereabouts::Shelter(0.5),
                    _ => Whereabouts::Home,
                };
                inhale(b, at, outdoor[i], &t, tox);
            }
            breaths
        });
}
