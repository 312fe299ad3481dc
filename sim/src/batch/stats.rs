//! Summary statistics of a batch: mean with a Student-t interval,
//! percentiles with distribution-free order-statistic intervals, and
//! proportions with Wilson score intervals.
//!
//! Every interval is two-sided at 95 %. Non-finite values (a metric a run
//! could not define, written as an empty CSV cell) are left out and counted.

use crate::scenario::normal::inverse_normal_cdf;
use serde::Serialize;

/// Two-sided confidence level of every interval the batch reports.
pub const CONFIDENCE: f64 = 0.95;

/// A closed interval `[lo, hi]`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
}

/// A percentile with its confidence interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Percentile {
    pub value: f64,
    pub ci95: Interval,
}

/// Distribution of one numeric column over the runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnStats {
    /// Runs with a finite value.
    pub n: usize,
    /// Runs where the value was undefined (empty cell).
    pub missing: usize,
    pub mean: f64,
    /// Sample standard deviation (n − 1 denominator).
    pub sd: f64,
    /// Interval for the mean: mean ± t(0.975, n−1)·sd/√n.
    pub mean_ci95: Interval,
    pub min: f64,
    pub max: f64,
    pub p5: Percentile,
    pub p50: Percentile,
    pub p95: Percentile,
}

/// A proportion `successes / n` with its Wilson score interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Proportion {
    pub successes: u64,
    pub n: u64,
    pub p: f64,
    pub ci95: Interval,
}

fn z95() -> f64 {
    inverse_normal_cdf(0.5 + CONFIDENCE / 2.0)
}

/// Quantile `p` of Student's t with `nu` degrees of freedom. Exact for
/// ν = 1, 2; otherwise the Cornish–Fisher expansion of Abramowitz & Stegun
/// (1964) eq. 26.7.5, whose error at p = 0.975 is below 1e-3 for ν ≥ 3
/// (t(0.975, 3) = 3.1824 vs 3.1816 here) and vanishes as ν grows.
pub fn student_t_quantile(p: f64, nu: f64) -> f64 {
    if nu <= 1.0 {
        return (std::f64::consts::PI * (p - 0.5)).tan();
    }
    if nu <= 2.0 {
        return (2.0 * p - 1.0) / (2.0 * p * (1.0 - p)).sqrt();
    }
    let z = inverse_normal_cdf(p);
    let (z2, n) = (z * z, nu);
    let g1 = (z2 + 1.0) * z / 4.0;
    let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
    let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
    let g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
    z + g1 / n + g2 / (n * n) + g3 / (n * n * n) + g4 / (n * n * n * n)
}

/// Percentile of sorted data by linear interpolation between order
/// statistics (Hyndman & Fan 1996, definition 7 — the default of R and NumPy).
pub fn percentile_sorted(sorted: &[f64], p: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * p;
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
    }
}

/// Distribution-free interval for the p-quantile: the order statistics
/// whose ranks bracket n·p ± z·√(n·p·(1−p)), the normal approximation to the
/// binomial count of values below the quantile (Conover, *Practical
/// Nonparametric Statistics*, 3rd ed. 1999, §3.2). Clamped to the data.
pub fn percentile_interval(sorted: &[f64], p: f64) -> Interval {
    let n = sorted.len();
    if n == 0 {
        return Interval {
            lo: f64::NAN,
            hi: f64::NAN,
        };
    }
    let nf = n as f64;
    let half = z95() * (nf * p * (1.0 - p)).sqrt();
    let rank_lo = (nf * p - half).floor().max(1.0) as usize;
    let rank_hi = (nf * p + half).ceil().min(nf).max(1.0) as usize;
    Interval {
        lo: sorted[rank_lo.min(n) - 1],
        hi: sorted[rank_hi.min(n) - 1],
    }
}

/// Statistics of `values`, ignoring non-finite ones. Sorts in place.
pub fn column_stats(values: &mut Vec<f64>) -> ColumnStats {
    let total = values.len();
    values.retain(|v| v.is_finite());
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let nan = f64::NAN;
    let mean = if n == 0 { nan } else { values.iter().sum::<f64>() / n as f64 };
    let sd = if n < 2 {
        nan
    } else {
        (values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1) as f64).sqrt()
    };
    let mean_ci95 = if n < 2 {
        Interval { lo: nan, hi: nan }
    } else {
        let half = student_t_quantile(0.5 + CONFIDENCE / 2.0, (n - 1) as f64) * sd / (n as f64).sqrt();
        Interval {
            lo: mean - half,
            hi: mean + half,
        }
    };
    let pct = |p| Percentile {
        value: percentile_sorted(values, p),
        ci95: percentile_interval(values, p),
    };
    ColumnStats {
        n,
        missing: total - n,
        mean,
        sd,
        mean_ci95,
        min: values.first().copied().unwrap_or(nan),
        max: values.last().copied().unwrap_or(nan),
        p5: pct(0.05),
        p50: pct(0.50),
        p95: pct(0.95),
    }
}

/// Wilson score interval for a binomial proportion (Wilson 1927,
/// J. Am. Stat. Assoc. 22:209) — well-behaved at p̂ = 0 or 1 and small n,
/// where the Wald interval collapses.
pub fn wilson(successes: u64, n: u64) -> Proportion {
    if n == 0 {
        return Proportion {
            successes,
            n,
            p: f64::NAN,
            ci95: Interval {
                lo: f64::NAN,
                hi: f64::NAN,
            },
        };
    }
    let (k, nf, z) = (successes as f64, n as f64, z95());
    let p = k / nf;
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * nf)) / (1.0 + z2 / nf);
    let half = z / (1.0 + z2 / nf) * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt();
    Proportion {
        successes,
        n,
        p,
        ci95: Interval {
            lo: (centre - half).max(0.0),
            hi: (centre + half).min(1.0),
        },
    }
}

/// Counts of a paired binary outcome over replications run on common
/// random numbers: met under both plans, under A only, under B only, under
/// neither.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PairedCounts {
    pub both: u64,
    pub a_only: u64,
    pub b_only: u64,
    pub neither: u64,
}

/// Interval for P_B − P_A from paired binary outcomes: Newcombe's
/// square-and-add interval for paired data (Newcombe 1998, Stat. Med.
/// 17:2635–2650, method 10; as given by Fagerland, Lydersen & Laake,
/// *Statistical Analysis of Contingency Tables*, 2017, §8.5), which
/// combines the two margins' Wilson intervals with their estimated
/// correlation ψ, so it stays inside [−1, 1] and is sensible for a few
/// runs, where a t-interval of the ±1 differences runs past ±100 points.
/// With ℓᵢ, uᵢ the Wilson limits of pᵢ (A = 1, B = 2) and
/// `A = both·neither − a_only·b_only`, ψ is `(A − N/2)/√(n₁₊n₂₊n₊₁n₊₂)` for
/// A > N/2, 0 for 0 ≤ A ≤ N/2, `A/√(…)` for A < 0, and 0 when a margin is
/// empty; then for δ = p₁ − p₂
/// `L = δ − √((p₁−ℓ₁)² + (u₂−p₂)² − 2ψ(p₁−ℓ₁)(u₂−p₂))`,
/// `U = δ + √((p₂−ℓ₂)² + (u₁−p₁)² − 2ψ(p₂−ℓ₂)(u₁−p₁))`,
/// and the interval returned is that of −δ = p₂ − p₁. NaN for no pairs.
pub fn newcombe_paired(c: PairedCounts) -> Interval {
    let n = c.both + c.a_only + c.b_only + c.neither;
    if n == 0 {
        return Interval {
            lo: f64::NAN,
            hi: f64::NAN,
        };
    }
    let (a_met, b_met) = (c.both + c.a_only, c.both + c.b_only);
    let (pa, pb) = (wilson(a_met, n), wilson(b_met, n));
    let margins = [a_met, n - a_met, b_met, n - b_met];
    let psi = if margins.contains(&0) {
        0.0
    } else {
        let root = margins.iter().map(|m| *m as f64).product::<f64>().sqrt();
        let a = c.both as f64 * c.neither as f64 - c.a_only as f64 * c.b_only as f64;
        let half_n = n as f64 / 2.0;
        if a > half_n {
            (a - half_n) / root
        } else if a >= 0.0 {
            0.0
        } else {
            a / root
        }
    };
    square_and_add(&pa, &pb, psi)
}

/// Interval for P_B − P_A from two independent binomial samples: Newcombe's
/// hybrid score interval (Newcombe 1998, Stat. Med. 17:873–890, method 10),
/// the paired formula above with ψ = 0. For runs paired on common random
/// numbers, whose outcomes are positively correlated, it is wider than the
/// paired interval: conservative. NaN when either sample is empty.
pub fn newcombe_independent(a_hits: u64, a_n: u64, b_hits: u64, b_n: u64) -> Interval {
    if a_n == 0 || b_n == 0 {
        return Interval {
            lo: f64::NAN,
            hi: f64::NAN,
        };
    }
    square_and_add(&wilson(a_hits, a_n), &wilson(b_hits, b_n), 0.0)
}

/// Newcombe's square-and-add limits of p_B − p_A from the two Wilson
/// intervals and their correlation ψ.
fn square_and_add(pa: &Proportion, pb: &Proportion, psi: f64) -> Interval {
    let (p1, l1, u1) = (pa.p, pa.ci95.lo, pa.ci95.hi);
    let (p2, l2, u2) = (pb.p, pb.ci95.lo, pb.ci95.hi);
    let delta = p1 - p2;
    let lower = delta - ((p1 - l1).powi(2) + (u2 - p2).powi(2) - 2.0 * psi * (p1 - l1) * (u2 - p2)).sqrt();
    let upper = delta + ((p2 - l2).powi(2) + (u1 - p1).powi(2) - 2.0 * psi * (p2 - l2) * (u1 - p1)).sqrt();
    Interval { lo: -upper, hi: -lower }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The check value of Fagerland, Lydersen & Laake (2017), ch. 8: Cavo et
    /// al. (2012), complete response before (A) and after (B) consolidation
    /// therapy, [[59, 6], [16, 80]]: A − B = −0.0621, Newcombe's interval
    /// −0.1186 to −0.0046; so B − A = 0.0621 in [0.0046, 0.1186].
    #[test]
    fn newcombe_independent_interval_matches_the_published_example() {
        // Newcombe (1998, Stat. Med. 17:873), Table II, example (a):
        // 56/70 − 48/80 = 0.2000, method 10: 0.0524 to 0.3339.
        let ci = newcombe_independent(48, 80, 56, 70);
        assert!((ci.lo - 0.0524).abs() < 5e-5, "{ci:?}");
        assert!((ci.hi - 0.3339).abs() < 5e-5, "{ci:?}");
        // Newcombe's example (e), 0/10 − 0/20: −0.1611 to 0.2775.
        let ci = newcombe_independent(0, 20, 0, 10);
        assert!((ci.lo + 0.1611).abs() < 5e-5, "{ci:?}");
        assert!((ci.hi - 0.2775).abs() < 5e-5, "{ci:?}");
        assert!(newcombe_independent(1, 0, 1, 3).lo.is_nan());
    }

    #[test]
    fn newcombe_paired_interval_matches_the_published_example() {
        let c = PairedCounts {
            both: 59,
            a_only: 6,
            b_only: 16,
            neither: 80,
        };
        let ci = newcombe_paired(c);
        assert!((ci.lo - 0.0046).abs() < 5e-5, "{ci:?}");
        assert!((ci.hi - 0.1186).abs() < 5e-5, "{ci:?}");
        // Swapping the plans mirrors the interval.
        let mirrored = newcombe_paired(PairedCounts {
            a_only: 16,
            b_only: 6,
            ..c
        });
        assert!((mirrored.lo + ci.hi).abs() < 1e-12 && (mirrored.hi + ci.lo).abs() < 1e-12);
    }

    /// Three runs where B misses what A met twice: a t-interval of the
    /// differences (−1, −1, 0) runs to −210 points; Newcombe's stays in
    /// [−1, 1] and still excludes neither sign it cannot.
    #[test]
    fn newcombe_paired_interval_stays_within_the_possible() {
        for both in 0..4 {
            for a_only in 0..4 - both {
                for b_only in 0..4 - both - a_only {
                    let neither = 3 - both - a_only - b_only;
                    let ci = newcombe_paired(PairedCounts {
                        both,
                        a_only,
                        b_only,
                        neither,
                    });
                    let d = (b_only as f64 - a_only as f64) / 3.0;
                    assert!(ci.lo >= -1.0 && ci.hi <= 1.0, "{both} {a_only} {b_only}: {ci:?}");
                    assert!(ci.lo <= d + 1e-12 && d <= ci.hi + 1e-12, "{both} {a_only} {b_only}: {ci:?}");
                }
            }
        }
        assert!(newcombe_paired(PairedCounts::default()).lo.is_nan());
    }

    #[test]
    fn t_quantiles_match_tables() {
        // Student t table, two-sided 95 % (p = 0.975).
        for (nu, want) in [
            (1.0, 12.706),
            (2.0, 4.303),
            (5.0, 2.571),
            (10.0, 2.228),
            (30.0, 2.042),
            (1000.0, 1.962),
        ] {
            let got = student_t_quantile(0.975, nu);
            assert!((got - want).abs() < 2e-3, "nu {nu}: {got} vs {want}");
        }
    }

    #[test]
    fn wilson_matches_published_example() {
        // Newcombe (1998), Stat. Med. 17:857, Table I: 81/263 → 0.2553–0.3662.
        let w = wilson(81, 263);
        assert!((w.ci95.lo - 0.2553).abs() < 1e-4 && (w.ci95.hi - 0.3662).abs() < 1e-4, "{w:?}");
        // 0/10 stays inside [0, 1] with a non-zero upper bound (0.2775 in Newcombe's table).
        let w0 = wilson(0, 10);
        assert_eq!(w0.ci95.lo, 0.0);
        assert!((w0.ci95.hi - 0.2775).abs() < 1e-4, "{w0:?}");
    }

    #[test]
    fn percentiles_interpolate_like_numpy() {
        let s: Vec<f64> = (1..=10).map(f64::from).collect();
        // numpy.percentile(range(1, 11), [5, 50, 95]) = 1.45, 5.5, 9.55
        assert!((percentile_sorted(&s, 0.05) - 1.45).abs() < 1e-12);
        assert!((percentile_sorted(&s, 0.5) - 5.5).abs() < 1e-12);
        assert!((percentile_sorted(&s, 0.95) - 9.55).abs() < 1e-12);
    }

    #[test]
    fn stats_skip_missing_and_bracket_the_mean() {
        let mut v = vec![2.0, 4.0, f64::NAN, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        let s = column_stats(&mut v);
        assert_eq!((s.n, s.missing), (8, 1));
        assert_eq!(s.mean, 5.0);
        assert!((s.sd - (32.0f64 / 7.0).sqrt()).abs() < 1e-12);
        assert!(s.mean_ci95.lo < 5.0 && s.mean_ci95.hi > 5.0);
        assert!(s.p50.ci95.lo <= s.p50.value && s.p50.value <= s.p50.ci95.hi);
    }

    #[test]
    fn median_interval_covers_true_median_about_95_percent() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(5);
        let trials = 2000;
        let mut covered = 0;
        for _ in 0..trials {
            // Uniform(0, 1): true median 0.5.
            let mut v: Vec<f64> = (0..60).map(|_| (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64).collect();
            v.sort_by(f64::total_cmp);
            let ci = percentile_interval(&v, 0.5);
            if ci.lo <= 0.5 && 0.5 <= ci.hi {
                covered += 1;
            }
        }
        let rate = covered as f64 / trials as f64;
        assert!((0.93..=0.985).contains(&rate), "coverage {rate}");
    }
}
