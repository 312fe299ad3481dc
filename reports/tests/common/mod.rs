//! Shared by the report tests: a run directory of the small Chinese-named
//! fixture drill, written the way `drillsim run` writes it.

#![allow(dead_code)] // each test binary uses part of this module

use drillsim::{CompiledScenario, Engine, RunSpec};
use std::path::{Path, PathBuf};

/// Relative to the crate directory, the working directory of `cargo test`,
/// so the path the report prints is the same on every machine.
pub const FIXTURE: &str = "tests/fixtures/report_drill.ron";

/// Run the fixture drill (seed 11, replication 0) into `parent/run`.
pub fn run_dir(parent: &Path) -> PathBuf {
    let compiled = CompiledScenario::load(Path::new(FIXTURE)).expect("the fixture drill is valid");
    let outcome = Engine::run(&compiled, RunSpec { seed: 11, replication: 0 });
    let dir = parent.join("run");
    drillsim::output::write_run_dir(&dir, &compiled, &outcome).expect("run directory written");
    dir
}

/// Run scenario `text` (named `name` in messages; seed `seed`,
/// replication 0) into `parent/run`; the outcome comes back too.
pub fn run_dir_of(parent: &Path, text: &str, name: &str, seed: u64) -> (PathBuf, drillsim::RunOutcome) {
    let compiled = CompiledScenario::from_source(text, Path::new(name), Path::new(".")).unwrap_or_else(|d| panic!("{d}"));
    let outcome = Engine::run(&compiled, RunSpec { seed, replication: 0 });
    let dir = parent.join("run");
    drillsim::output::write_run_dir(&dir, &compiled, &outcome).expect("run directory written");
    (dir, outcome)
}

/// A finished batch of the bundled tutorial drill (its convoy's departure
/// is uncertain): `runs` replications from `seed`, in `parent/batch`.
pub fn tutorial_batch(parent: &Path, seed: u64, runs: u64) -> PathBuf {
    let compiled = CompiledScenario::load(Path::new("../scenarios/tutorial.ron")).expect("the tutorial is valid");
    let dir = parent.join("batch");
    let plan = drillsim::batch::BatchPlan {
        seed,
        runs,
        sampling: drillsim::batch::Sampling::Independent,
        shard: None,
    };
    let opts = drillsim::batch::BatchOptions { threads: 2, resume: false };
    drillsim::batch::run_batch(&compiled, &plan, &dir, &opts, &|_| {}).expect("the batch runs");
    dir
}

/// A comparison directory in `parent`: `a_text` and `b_text` (scenario
/// sources named `name`, their data files under `base`) run as batches of
/// `runs` from seed 3 into `a/` and `b/`, and `compare.json` beside them,
/// as `drillsim compare` writes them before its report.
pub fn compare_dir(parent: &Path, (name, base): (&str, &str), a_text: &str, b_text: &str, runs: u64) {
    use drillsim::batch::{self, BatchOptions, BatchPlan, Sampling};
    let plan = BatchPlan {
        seed: 3,
        runs,
        sampling: Sampling::Independent,
        shard: None,
    };
    for (sub, source) in [("a", a_text), ("b", b_text)] {
        let c = CompiledScenario::from_source(source, Path::new(name), Path::new(base)).unwrap_or_else(|d| panic!("{d}"));
        let opts = BatchOptions { threads: 2, resume: false };
        batch::run_batch(&c, &plan, &parent.join(sub), &opts, &|_| {}).expect("the batch runs");
    }
    let cmp = batch::compare::compare(&parent.join("a"), &parent.join("b")).expect("two whole batches");
    std::fs::write(parent.join("compare.json"), serde_json::to_string_pretty(&cmp).unwrap()).unwrap();
}

/// A decoded RGB(A) image.
pub struct Image {
    pub width: u32,
    pub height: u32,
    /// RGB triples, row-major.
    pub pixels: Vec<[u8; 3]>,
}

impl Image {
    pub fn read(path: &Path) -> Image {
        let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        let channels = info.color_type.samples();
        assert!(channels >= 3, "{}: expected colour, got {:?}", path.display(), info.color_type);
        let pixels = buf[..info.buffer_size()].chunks(channels).map(|p| [p[0], p[1], p[2]]).collect();
        Image {
            width: info.width,
            height: info.height,
            pixels,
        }
    }

    /// Share of pixels in columns `x0..x1` that are not (near) white.
    pub fn ink(&self, x0: u32, x1: u32) -> f64 {
        let (mut ink, mut all) = (0usize, 0usize);
        for (i, p) in self.pixels.iter().enumerate() {
            let x = i as u32 % self.width;
            if x >= x0 && x < x1 {
                all += 1;
                ink += usize::from(p.iter().any(|&c| c < 235));
            }
        }
        ink as f64 / all.max(1) as f64
    }

    pub fn distinct_colours(&self) -> usize {
        let set: std::collections::BTreeSet<[u8; 3]> = self.pixels.iter().copied().collect();
        set.len()
    }

    /// Does `colour` appear (exactly) in columns `x0..x1`?
    pub fn has_colour_in(&self, colour: [u8; 3], x0: u32, x1: u32) -> bool {
        self.pixels
            .iter()
            .enumerate()
            .any(|(i, p)| *p == colour && (x0..x1).contains(&(i as u32 % self.width)))
    }
}
