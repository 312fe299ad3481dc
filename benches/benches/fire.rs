//! Fire benchmarks (see BENCHMARKS.md, "Fire").
//!
//! `percolation_1000`: the classic forest-fire model on 1000 × 1000 cells
//! at density 0.6, burnt to the end (the run prints its ticks; ns per
//! cell-update = time / (ticks × 10⁶)). `rothermel_fuelbed` and
//! `rothermel_spread`: the per-(fuel, moisture) terms and the per-wind step
//! for GS4. `mtt_front_1000`: minimum-travel-time spread from one ignition
//! over 1000 × 1000 cells of 30 m of GR2 in a 5 mph wind until the fire
//! leaves the grid, every cell's rate from the surface model (no caching).

use divan::Bencher;
use drillsim::fire::fuels;
use drillsim::fire::percolation::Forest;
use drillsim::fire::rothermel::{FT_MIN_PER_MPH, Fuelbed, Moisture, Spread};
use drillsim::fire::spread::{Front, Rates};

fn main() {
    divan::main();
}

const DRY: Moisture = Moisture::from_dead_1h(0.06);

#[divan::bench(sample_count = 10)]
fn percolation_1000(bencher: Bencher) {
    bencher
        .with_inputs(|| Forest::new(1000, 1000, 0.6, 7))
        .bench_local_values(|mut f| f.run());
}

#[divan::bench]
fn rothermel_fuelbed() -> Option<Fuelbed> {
    Fuelbed::new(divan::black_box(fuels::find("GS4").unwrap()), divan::black_box(&DRY))
}

#[divan::bench]
fn rothermel_spread(bencher: Bencher) {
    let bed = Fuelbed::new(fuels::find("GS4").unwrap(), &DRY).unwrap();
    bencher.bench(|| divan::black_box(&bed).spread(divan::black_box(440.0), 0.0, 0.3));
}

struct Grass(Fuelbed);

impl Rates for Grass {
    fn head(&self, _cell: usize) -> Option<(Spread, f64)> {
        let s = self.0.spread(5.0 * FT_MIN_PER_MPH, 90.0, 0.0);
        Some((s, 90.0))
    }
}

#[divan::bench(sample_count = 5)]
fn mtt_front_1000(bencher: Bencher) {
    let rates = Grass(Fuelbed::new(fuels::find("GR2").unwrap(), &DRY).unwrap());
    bencher
        .with_inputs(|| {
            let mut f = Front::new(1000, 1000, 98.4);
            f.ignite(500 * 1000 + 100, 0.0);
            f
        })
        .bench_local_values(|mut f| f.advance(1e9, &rates).len());
}
