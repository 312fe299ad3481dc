//! Plan against plan on common random numbers.
//!
//! Both batches run the same replications with the same seed, so each
//! replication of plan B meets the same weather, timings and behaviour draws
//! as plan A (streams are named, not positional: [`crate::engine::rng`]).
//! The difference B − A is then estimated from paired differences, whose
//! variance is var(A) + var(B) − 2·cov(A, B); with independent seeds it would
//! be var(A) + var(B). `variance_reduction` is the share of the latter that
//! pairing removed (Law, *Simulation Modeling and Analysis*, 5th ed. 2015,
//! §11.2 "common random numbers").

use super::BatchError;
use super::finish::read_header;
use super::stats::{CONFIDENCE, Interval, PairedCounts, Proportion, newcombe_paired, student_t_quantile, wilson};
use super::store::{self, RUNS};
use serde::Serialize;
use std::path::Path;

/// Paired difference of one numeric column.
#[derive(Clone, Debug, Serialize)]
pub struct PairedDifference {
    pub column: String,
    /// Replications where both plans have a value.
    pub n: usize,
    pub mean_a: f64,
    pub mean_b: f64,
    /// Mean of B − A and its interval from the paired differences.
    pub mean_difference: f64,
    pub ci95: Interval,
    /// Half-width the interval would have with independent seeds.
    pub independent_half_width: f64,
    /// 1 − var(B − A) / (var(A) + var(B)).
    pub variance_reduction: f64,
}

/// Change in the probability of meeting one objective.
#[derive(Clone, Debug, Serialize)]
pub struct ObjectiveChange {
    pub id: String,
    pub p_met_a: Proportion,
    pub p_met_b: Proportion,
    /// P_B − P_A over the replications scored under both plans, with
    /// Newcombe's interval for paired proportions ([`newcombe_paired`]).
    pub difference: f64,
    pub ci95: Interval,
}

#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub scenario_a: String,
    pub scenario_b: String,
    pub seed: u64,
    pub runs: u64,
    pub confidence: f64,
    /// What plan B changes from plan A ([`super::differences`]): empty
    /// from [`compare`], which sees only the two batches' results; filled
    /// by the caller that compiled both scenarios.
    pub differences: Vec<super::differences::SectionChange>,
    pub columns: Vec<PairedDifference>,
    pub objectives: Vec<ObjectiveChange>,
}

fn mean_var(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    let var = if v.len() < 2 {
        f64::NAN
    } else {
        v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0)
    };
    (m, var)
}

fn paired(column: &str, a: &[f64], b: &[f64]) -> PairedDifference {
    let (xa, xb): (Vec<f64>, Vec<f64>) = a
        .iter()
        .zip(b)
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .map(|(x, y)| (*x, *y))
        .unzip();
    let d: Vec<f64> = xa.iter().zip(&xb).map(|(x, y)| y - x).collect();
    let n = d.len();
    let ((ma, va), (mb, vb), (md, vd)) = (mean_var(&xa), mean_var(&xb), mean_var(&d));
    let t = if n >= 2 {
        student_t_quantile(0.5 + CONFIDENCE / 2.0, (n - 1) as f64)
    } else {
        f64::NAN
    };
    let half = t * (vd / n as f64).sqrt();
    let reduction = if va + vb > 0.0 { 1.0 - vd / (va + vb) } else { f64::NAN };
    PairedDifference {
        column: column.to_string(),
        n,
        mean_a: ma,
        mean_b: mb,
        mean_difference: md,
        ci95: Interval {
            lo: md - half,
            hi: md + half,
        },
        independent_half_width: t * ((va + vb) / n as f64).sqrt(),
        variance_reduction: reduction,
    }
}

/// Compare two finished batch directories run on the same seed and runs.
pub fn compare(a: &Path, b: &Path) -> Result<Comparison, BatchError> {
    let ma = store::read_manifest(a)?.ok_or_else(|| BatchError::NothingToResume(a.into()))?;
    let mb = store::read_manifest(b)?.ok_or_else(|| BatchError::NothingToResume(b.into()))?;
    if ma.plan.unsharded() != mb.plan.unsharded() || ma.plan.shard.is_some() {
        return Err(BatchError::Plan(crate::said!(
            "the two batches must be whole (unsharded) and use the same --seed, --runs and --sampling",
            "两个批量运行都必须完整（未分片），并使用相同的 --seed、--runs 和 --sampling"
        )));
    }
    let (ra, rb) = (a.join(RUNS), b.join(RUNS));
    let (ha, hb) = (read_header(&ra)?, read_header(&rb)?);
    let common: Vec<(usize, usize)> = ha
        .iter()
        .enumerate()
        .filter(|(i, h)| *i >= 2 && !h.ends_with(".rating"))
        .filter_map(|(i, h)| hb.iter().position(|x| x == h).map(|j| (i, j)))
        .collect();
    let mut columns = Vec::new();
    let mut objectives = Vec::new();
    for block in common.chunks(8) {
        let ia: Vec<usize> = block.iter().map(|p| p.0).collect();
        let ib: Vec<usize> = block.iter().map(|p| p.1).collect();
        let (va, vb) = (store::read_columns(&ra, &ia)?, store::read_columns(&rb, &ib)?);
        for (k, &(i, _)) in block.iter().enumerate() {
            let name = &ha[i];
            let p = paired(name, &va[k], &vb[k]);
            if let Some(id) = name.strip_prefix("objective.").and_then(|s| s.strip_suffix(".met")) {
                let count = |v: &[f64]| {
                    (
                        v.iter().filter(|x| **x == 1.0).count() as u64,
                        v.iter().filter(|x| x.is_finite()).count() as u64,
                    )
                };
                let ((ka, na), (kb, nb)) = (count(&va[k]), count(&vb[k]));
                let mut pairs = PairedCounts::default();
                for (x, y) in va[k].iter().zip(&vb[k]).filter(|(x, y)| x.is_finite() && y.is_finite()) {
                    match (*x == 1.0, *y == 1.0) {
                        (true, true) => pairs.both += 1,
                        (true, false) => pairs.a_only += 1,
                        (false, true) => pairs.b_only += 1,
                        (false, false) => pairs.neither += 1,
                    }
                }
                objectives.push(ObjectiveChange {
                    id: id.to_string(),
                    p_met_a: wilson(ka, na),
                    p_met_b: wilson(kb, nb),
                    difference: p.mean_difference,
                    ci95: newcombe_paired(pairs),
                });
            } else {
                columns.push(p);
            }
        }
    }
    Ok(Comparison {
        scenario_a: ma.scenario,
        scenario_b: mb.scenario,
        seed: ma.plan.seed,
        runs: ma.plan.runs,
        confidence: CONFIDENCE,
        differences: Vec::new(),
        columns,
        objectives,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairing_removes_shared_noise() {
        // B = A + 1 exactly: the paired interval is a point, independence would be wide.
        let a: Vec<f64> = (0..50).map(|i| ((i * 37) % 11) as f64).collect();
        let b: Vec<f64> = a.iter().map(|x| x + 1.0).collect();
        let p = paired("x", &a, &b);
        assert_eq!(p.mean_difference, 1.0);
        assert!(p.ci95.hi - p.ci95.lo < 1e-12);
        assert!(p.independent_half_width > 0.5);
        assert!((p.variance_reduction - 1.0).abs() < 1e-12);
    }
}
