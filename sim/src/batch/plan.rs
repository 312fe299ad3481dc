//! What a batch runs: the seed, the number of replications, how the
//! uncertain parameters are sampled, and which slice (shard) this process
//! takes. Everything here is arithmetic on indices, so a shard of a
//! 10⁸-run batch costs nothing to describe.

use super::BatchError;
use crate::engine::rng::{RunSeed, uniform01};
use crate::said;
use crate::scenario::Said;
use serde::{Deserialize, Serialize};

/// Largest `--runs` a batch accepts.
pub const MAX_RUNS: u64 = 100_000_000;
/// Latin hypercube keeps one permutation per parameter in memory (4 bytes a run).
pub const MAX_LHS_RUNS: u64 = 1_000_000;
/// Largest shard count.
pub const MAX_SHARDS: u64 = 100_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sampling {
    /// Every replication draws every parameter from its own `parameters` stream.
    Independent,
    /// Latin hypercube (McKay, Beckman & Conover 1979): for each parameter the
    /// N runs fall one in each of N equal-probability strata.
    Lhs,
}

/// Shard `index` of `count` (1-based, as Slurm's array task ids): the
/// replications r with r mod count = index − 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// Parse `K/N`.
    pub fn parse(text: &str) -> Result<Shard, Said> {
        let (k, n) = text
            .split_once('/')
            .ok_or_else(|| said!("`{text}` is not K/N (e.g. 3/8)", "`{text}` 不是 K/N 的形式（如 3/8）"))?;
        let whole = |part: &str| {
            part.trim()
                .parse::<u64>()
                .map_err(|_| said!("`{part}` in `{text}` is not a whole number", "`{text}` 中的 `{part}` 不是整数"))
        };
        let (k, n) = (whole(k)?, whole(n)?);
        if n == 0 || n > MAX_SHARDS {
            return Err(said!(
                "the shard count must be 1..={MAX_SHARDS}, not {n}",
                "分片数必须在 1..={MAX_SHARDS} 之间，这里是 {n}"
            ));
        }
        if k == 0 || k > n {
            return Err(said!(
                "the shard index must be 1..={n} (1-based), not {k}",
                "分片序号必须在 1..={n} 之间（从 1 起），这里是 {k}"
            ));
        }
        Ok(Shard { index: k, count: n })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// A batch: replications `0..runs` of one scenario under `seed`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchPlan {
    pub seed: u64,
    pub runs: u64,
    pub sampling: Sampling,
    pub shard: Option<Shard>,
}

impl BatchPlan {
    pub fn check(&self) -> Result<(), BatchError> {
        let bad = |m: Said| Err(BatchError::Plan(m));
        let runs = self.runs;
        if runs == 0 || runs > MAX_RUNS {
            return bad(said!(
                "--runs must be 1..={MAX_RUNS}, not {runs}",
                "--runs 必须在 1..={MAX_RUNS} 之间，这里是 {runs}"
            ));
        }
        if self.sampling == Sampling::Lhs && runs > MAX_LHS_RUNS {
            return bad(said!(
                "Latin hypercube sampling takes at most {MAX_LHS_RUNS} runs; use independent sampling above that",
                "拉丁超立方抽样最多 {MAX_LHS_RUNS} 次运行；更多时请用独立抽样"
            ));
        }
        if let Some(s) = self.shard
            && s.count > runs
        {
            return bad(said!(
                "{s} shards more than the {runs} runs; use at most --shard K/{runs}",
                "分片 {s} 多于 {runs} 次运行；最多用 --shard K/{runs}"
            ));
        }
        Ok(())
    }

    /// How many replications this process runs.
    pub fn len(&self) -> u64 {
        match self.shard {
            None => self.runs,
            Some(s) => (self.runs + s.count - s.index) / s.count,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The replication at position `i` of this process's slice.
    pub fn replication(&self, i: u64) -> u64 {
        match self.shard {
            None => i,
            Some(s) => s.index - 1 + i * s.count,
        }
    }

    /// The same batch without its shard: what the merged result describes.
    pub fn unsharded(&self) -> BatchPlan {
        BatchPlan { shard: None, ..*self }
    }
}

/// The uniform draws of every replication for Latin hypercube sampling.
///
/// Parameter j's strata are shuffled by a Fisher–Yates permutation from the
/// stream `lhs` of `RunSeed(seed, j)`; run r's draw is
/// `(π_j(r) + u) / N` with `u` from its own `lhs-jitter` stream. Both depend
/// only on (seed, N, j, r), so every shard and thread count agrees.
pub struct LatinHypercube {
    runs: u64,
    seed: u64,
    permutations: Vec<Vec<u32>>,
}

impl LatinHypercube {
    pub fn new(seed: u64, runs: u64, params: usize) -> LatinHypercube {
        let permutations = (0..params)
            .map(|j| {
                let mut rng = RunSeed::new(seed, j as u64).stream("lhs");
                let mut p: Vec<u32> = (0..runs as u32).collect();
                for i in (1..p.len()).rev() {
                    let k = (uniform01(&mut rng) * (i + 1) as f64) as usize;
                    p.swap(i, k.min(i));
                }
                p
            })
            .collect();
        LatinHypercube { runs, seed, permutations }
    }

    pub fn draws(&self, replication: u64) -> Vec<f64> {
        let mut jitter = RunSeed::new(self.seed, replication).stream("lhs-jitter");
        self.permutations
            .iter()
            .map(|p| {
                let u = uniform01(&mut jitter);
                (p[replication as usize] as f64 + u) / self.runs as f64
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_runs() {
        let runs = 23;
        let mut seen = vec![0; runs as usize];
        for k in 1..=5 {
            let plan = BatchPlan {
                seed: 1,
                runs,
                sampling: Sampling::Independent,
                shard: Some(Shard { index: k, count: 5 }),
            };
            for i in 0..plan.len() {
                seen[plan.replication(i) as usize] += 1;
            }
        }
        assert!(seen.iter().all(|&c| c == 1), "{seen:?}");
    }

    #[test]
    fn shard_text_is_checked() {
        assert_eq!(Shard::parse("2/4"), Ok(Shard { index: 2, count: 4 }));
        for bad in ["0/4", "5/4", "1/0", "x/2", "3"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn latin_hypercube_puts_one_run_in_each_stratum() {
        let n = 50;
        let lhs = LatinHypercube::new(9, n, 3);
        for j in 0..3 {
            let mut strata: Vec<u64> = (0..n).map(|r| (lhs.draws(r)[j] * n as f64) as u64).collect();
            strata.sort();
            assert_eq!(strata, (0..n).collect::<Vec<_>>());
        }
        // Two parameters are not permuted alike.
        assert_ne!(lhs.permutations[0], lhs.permutations[1]);
    }
}
