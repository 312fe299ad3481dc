//! Named random streams derived from (seed, replication, stream name).
//!
//! Each stream is an independent PCG generator (`Pcg64Mcg`, value-stable
//! across versions and platforms) seeded by SplitMix64-mixing the three
//! inputs, so adding a draw to one domain never shifts another's numbers
//! and two plans run on one seed see the same weather (common random numbers).

use bevy_ecs::prelude::Resource;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use std::collections::BTreeMap;

pub type StreamRng = Pcg64Mcg;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunSeed {
    pub seed: u64,
    pub replication: u64,
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a of the stream name: stable, no std hasher randomisation.
fn name_hash(name: &str) -> u64 {
    name.bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3))
}

impl RunSeed {
    pub fn new(seed: u64, replication: u64) -> Self {
        RunSeed { seed, replication }
    }
    pub fn stream(&self, name: &str) -> StreamRng {
        let a = splitmix(self.seed ^ splitmix(self.replication.wrapping_add(0x51_7cc1_b727_220a)));
        let b = splitmix(a ^ name_hash(name));
        let c = splitmix(b);
        StreamRng::seed_from_u64(b ^ c.rotate_left(17))
    }
}

/// A uniform draw in (0, 1), never exactly 0 or 1.
pub fn uniform01(rng: &mut impl Rng) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
}

/// The run's streams, created on first use by name.
#[derive(Resource)]
pub struct Streams {
    seed: RunSeed,
    streams: BTreeMap<&'static str, StreamRng>,
}

impl Streams {
    pub fn new(seed: RunSeed) -> Self {
        Streams {
            seed,
            streams: BTreeMap::new(),
        }
    }
    pub fn get(&mut self, name: &'static str) -> &mut StreamRng {
        let seed = self.seed;
        self.streams.entry(name).or_insert_with(|| seed.stream(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_independent_and_reproducible() {
        let s = RunSeed::new(42, 0);
        let a: Vec<u64> = (0..4)
            .map({
                let mut r = s.stream("weather");
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..4)
            .map({
                let mut r = s.stream("weather");
                move |_| r.next_u64()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(s.stream("people").next_u64(), s.stream("weather").next_u64());
        assert_ne!(RunSeed::new(42, 1).stream("weather").next_u64(), a[0]);
        let u = uniform01(&mut s.stream("x"));
        assert!(u > 0.0 && u < 1.0);
    }
}
