//! The numbers of the batch report that `summary.json` does not hold: how
//! the score spreads (a histogram) and which sampled parameters the
//! outcome moves with (Spearman's rank correlation).
//!
//! Spearman's ρ (Spearman 1904, "The proof and measurement of association
//! between two things", Am. J. Psychol. 15, 72–101) is Pearson's
//! correlation of the two columns' ranks, ties given their average rank. It
//! asks only that the outcome rise or fall with the parameter, not that it
//! do so in a straight line, which suits thresholds and saturation (a
//! levee that holds, then does not). For n runs without association,
//! ρ·√(n − 1) is approximately standard normal (the large-sample result in
//! Kendall & Gibbons 1990, "Rank Correlation Methods", 5th ed., ch. 4), so
//! |ρ| > 1.96/√(n − 1) marks an association unlikely at the 5 % level by
//! chance alone. With many parameters some will cross that line by chance;
//! the report says so.

/// Ranks 1..=n of `v` (finite values only; the caller filters), ties
/// sharing their average rank.
pub fn ranks(v: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..v.len()).collect();
    order.sort_by(|&a, &b| v[a].total_cmp(&v[b]).then(a.cmp(&b)));
    let mut out = vec![0.0; v.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i + 1;
        while j < order.len() && v[order[j]] == v[order[i]] {
            j += 1;
        }
        // Positions i..j (0-based) hold ranks i+1..=j: their mean.
        let rank = (i + 1 + j) as f64 / 2.0;
        for &k in &order[i..j] {
            out[k] = rank;
        }
        i = j;
    }
    out
}

/// Spearman's ρ of the pairs where both values are finite, with the number
/// of such pairs; `None` when fewer than three pairs remain or either
/// column is constant over them (ρ is then undefined).
pub fn spearman(x: &[f64], y: &[f64]) -> Option<(f64, usize)> {
    let (xs, ys): (Vec<f64>, Vec<f64>) = x
        .iter()
        .zip(y)
        .filter(|(a, b)| a.is_finite() && b.is_finite())
        .map(|(a, b)| (*a, *b))
        .unzip();
    let n = xs.len();
    if n < 3 {
        return None;
    }
    let (rx, ry) = (ranks(&xs), ranks(&ys));
    let mean = (n as f64 + 1.0) / 2.0;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in rx.iter().zip(&ry) {
        let (da, db) = (a - mean, b - mean);
        sxy += da * db;
        sxx += da * da;
        syy += db * db;
    }
    (sxx > 0.0 && syy > 0.0).then(|| (sxy / (sxx * syy).sqrt(), n))
}

/// |ρ| above which an association is unlikely by chance at the 5 % level
/// for `n` pairs (1.96/√(n − 1)).
pub fn spearman_threshold(n: usize) -> f64 {
    1.959_963_984_540_054 / ((n.max(2) - 1) as f64).sqrt()
}

/// Counts of `v`'s finite values in `bins` equal bins from its minimum to
/// its maximum (a constant column falls in one bin): (lower edge of the
/// first bin, bin width, counts).
pub fn histogram(v: &[f64], bins: usize) -> (f64, f64, Vec<u64>) {
    let finite: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    let bins = bins.max(1);
    let mut counts = vec![0u64; bins];
    let Some(lo) = finite.iter().copied().reduce(f64::min) else {
        return (0.0, 1.0, counts);
    };
    let hi = finite.iter().copied().fold(lo, f64::max);
    let width = if hi > lo { (hi - lo) / bins as f64 } else { 1.0 };
    for x in finite {
        let k = (((x - lo) / width) as usize).min(bins - 1);
        counts[k] += 1;
    }
    (lo, width, counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_their_average_rank() {
        assert_eq!(ranks(&[10.0, 30.0, 20.0, 20.0]), vec![1.0, 4.0, 2.5, 2.5]);
        assert_eq!(ranks(&[5.0, 5.0, 5.0]), vec![2.0, 2.0, 2.0]);
    }

    /// Checks against values worked by hand: any increasing relation gives
    /// ρ = 1, a reversed one −1; and the textbook case of five pairs whose
    /// rank differences are (0, −2, 1, 1, 0): ρ = 1 − 6·Σd²/(n(n²−1)) =
    /// 1 − 6·6/120 = 0.7 (no ties, so the shortcut formula is exact).
    #[test]
    fn spearman_matches_worked_values() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let (rho, n) = spearman(&x, &[1.0, 8.0, 27.0, 64.0, 125.0]).unwrap();
        assert!((rho - 1.0).abs() < 1e-12 && n == 5);
        let (rho, _) = spearman(&x, &[9.0, 7.0, 5.0, 3.0, 1.0]).unwrap();
        assert!((rho + 1.0).abs() < 1e-12);
        // Ranks of y: 1, 4, 2, 3, 5 against 1..5: d = 0, −2, 1, 1, 0.
        let (rho, _) = spearman(&x, &[0.1, 0.9, 0.3, 0.5, 1.2]).unwrap();
        assert!((rho - 0.7).abs() < 1e-12, "{rho}");
        // Missing values drop their pair; a constant column has no ρ.
        let (_, n) = spearman(&[1.0, f64::NAN, 3.0, 4.0], &[1.0, 2.0, 3.0, 4.0]).unwrap();
        assert_eq!(n, 3);
        assert!(spearman(&x, &[2.0; 5]).is_none());
        assert!(spearman(&[1.0, 2.0], &[1.0, 2.0]).is_none());
    }

    #[test]
    fn threshold_shrinks_with_the_runs() {
        assert!((spearman_threshold(101) - 0.196).abs() < 1e-3);
        assert!(spearman_threshold(1000) < spearman_threshold(100));
    }

    #[test]
    fn histogram_counts_every_finite_value_once() {
        let v = [0.0, 1.0, 2.0, 3.0, 4.0, f64::NAN, 10.0];
        let (lo, width, counts) = histogram(&v, 5);
        assert_eq!((lo, width), (0.0, 2.0));
        assert_eq!(counts, vec![2, 2, 1, 0, 1]);
        assert_eq!(counts.iter().sum::<u64>(), 6);
        let (_, _, one) = histogram(&[7.0, 7.0], 4);
        assert_eq!(one, vec![2, 0, 0, 0]);
    }
}
