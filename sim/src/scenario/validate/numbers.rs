//! Checks on single values: the drill clock, ranges, shares, time series and
//! the distributions of every uncertain parameter.

use super::{MAX_TICKS, MIN_TICK_S};
use crate::scenario::Problem;
use crate::scenario::model::Scenario;
use crate::scenario::params::for_each_param;
use crate::scenario::tree::Path;
use crate::scenario::units::{Duration, Param};

pub(super) fn check_clock(s: &Scenario, out: &mut Vec<Problem>) {
    let root = Path::root();
    if let Err(why) = parse_start(&s.start) {
        out.push(Problem::new(
            root.field("start"),
            "bad-date",
            format!("`{}` is not a valid start date-time: {why}", s.start),
            Some("write YYYY-MM-DDTHH:MM, e.g. \"2024-06-12T02:00\"".into()),
        ));
    }
    if s.tick.0 < MIN_TICK_S {
        out.push(Problem::new(
            root.field("tick"),
            "out-of-range",
            format!("tick must be at least {MIN_TICK_S}s, found {}", s.tick),
            Some("a tick of \"1min\" suits most drills".into()),
        ));
    } else if s.tick.0 > s.duration.0 {
        out.push(Problem::new(
            root.field("tick"),
            "out-of-range",
            format!("tick {} is longer than the whole drill (duration {})", s.tick, s.duration),
            Some("use a tick shorter than `duration`, e.g. \"1min\"".into()),
        ));
    } else if s.duration.0 / s.tick.0 > MAX_TICKS {
        out.push(Problem::new(
            root.field("tick"),
            "too-large",
            format!(
                "{} in steps of {} is {:.0} ticks; the limit is {MAX_TICKS}",
                s.duration,
                s.tick,
                s.duration.0 / s.tick.0
            ),
            Some("use a longer tick".into()),
        ));
    }
    if s.name.trim().is_empty() {
        out.push(Problem::new(
            root.field("name"),
            "empty",
            "the scenario needs a name",
            Some("e.g. name: \"Riverside levee breach\"".into()),
        ));
    }
}

/// `YYYY-MM-DDTHH:MM` with real calendar dates (leap years included).
pub fn valid_start(t: &str) -> bool {
    parse_start(t).is_ok()
}

fn parse_start(t: &str) -> Result<(), String> {
    let b = t.as_bytes();
    if b.len() != 16 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return Err("expected the form YYYY-MM-DDTHH:MM".into());
    }
    let num = |r: std::ops::Range<usize>| -> Result<u32, String> {
        let part = t.get(r).unwrap_or("");
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse::<u32>().map_err(|_| format!("`{part}` is not a number"))
        } else {
            Err(format!("`{part}` is not a number"))
        }
    };
    let (year, month, day, hour, minute) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?);
    if !(1..=12).contains(&month) {
        return Err(format!("month {month} is not 01 to 12"));
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if !(1..=days).contains(&day) {
        return Err(format!("day {day} is not in month {month:02}, which has {days} days"));
    }
    if hour > 23 {
        return Err(format!("hour {hour} is not 00 to 23"));
    }
    if minute > 59 {
        return Err(format!("minute {minute} is not 00 to 59"));
    }
    Ok(())
}

/// A number for a message: at most three decimals, no trailing zeros.
pub(super) fn num(v: f64) -> String {
    if v != 0.0 && v.abs() < 0.001 || v.abs() >= 1e15 {
        return format!("{v:e}");
    }
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

pub(super) fn positive(v: f64, path: Path, what: &str, out: &mut Vec<Problem>) {
    if !(v.is_finite() && v > 0.0) {
        out.push(Problem::new(
            path,
            "out-of-range",
            format!("{what} must be greater than zero, found {}", num(v)),
            None,
        ));
    }
}

/// A plain number between `lo` and `hi` (both inclusive).
pub(super) fn within(v: f64, lo: f64, hi: f64, path: Path, what: &str, out: &mut Vec<Problem>) {
    range(&Param::Fixed(v), lo, hi, path, what, out);
}

/// Every value the parameter can take lies in `lo..=hi` (Normal: ±4 sd).
pub(super) fn range(p: &Param, lo: f64, hi: f64, path: Path, what: &str, out: &mut Vec<Problem>) {
    if p.problem().is_some() {
        return; // reported as bad-distribution
    }
    let (a, b) = p.range();
    let can = if p.is_uncertain() { "can be" } else { "is" };
    if a < lo && lo == 0.0 {
        out.push(Problem::new(
            path,
            "negative",
            format!("{what} cannot be negative, but {can} {}", num(a)),
            Some(format!("write a value of at least 0{}", normal_note(p))),
        ));
    } else if a < lo {
        out.push(Problem::new(
            path,
            "out-of-range",
            format!("{what} must be at least {}, but {can} {}", num(lo), num(a)),
            Some(format!("allowed: {} to {}{}", num(lo), num(hi), normal_note(p))),
        ));
    } else if b > hi {
        out.push(Problem::new(
            path,
            "too-large",
            format!("{what} must be at most {}, but {can} {}", num(hi), num(b)),
            Some(format!("the documented limit is {}{}", num(hi), normal_note(p))),
        ));
    }
}

fn normal_note(p: &Param) -> &'static str {
    if matches!(p, Param::Normal(..)) {
        " (a Normal is checked over mean ± 4 sd)"
    } else {
        ""
    }
}

/// A share: every value in `0..=1`.
pub(super) fn share(p: &Param, path: Path, what: &str, out: &mut Vec<Problem>) {
    if p.problem().is_some() {
        return;
    }
    let (a, b) = p.range();
    if a < 0.0 || b > 1.0 {
        let bad = if b > 1.0 { b } else { a };
        out.push(Problem::new(
            path,
            "not-a-share",
            format!("{what} is a share between 0 and 1, found {}", num(bad)),
            Some(format!("write 0.85 for 85 %{}", normal_note(p))),
        ));
    }
}

/// A `[(time, value), ..]` series: times strictly increasing, values not negative.
pub(super) fn series(s: &[(Duration, Param)], path: Path, required: bool, out: &mut Vec<Problem>) {
    if s.is_empty() && required {
        out.push(Problem::new(
            path.clone(),
            "empty",
            "the series needs at least one (time, value) pair",
            Some("e.g. [(\"0h\", 200.0), (\"2h\", 900.0)]".into()),
        ));
    }
    for (i, w) in s.windows(2).enumerate() {
        if w[1].0.0 <= w[0].0.0 {
            out.push(Problem::new(
                path.index(i + 1).index(0),
                "not-increasing",
                format!("times in a series must increase, but {} follows {}", w[1].0, w[0].0),
                Some("list the points in time order, each time once".into()),
            ));
        }
    }
    for (i, (_, v)) in s.iter().enumerate() {
        if v.problem().is_none() && v.range().0 < 0.0 {
            out.push(Problem::new(
                path.index(i).index(1),
                "negative",
                format!("values in this series cannot be negative, found {}", num(v.range().0)),
                None,
            ));
        }
    }
}

/// Impossible distributions anywhere in the scenario (min > max, sd < 0, ...).
pub(super) fn distributions(s: &Scenario, out: &mut Vec<Problem>) {
    let mut copy = s.clone();
    for_each_param(&mut copy, &mut |path, p| {
        if let Some(msg) = p.problem() {
            out.push(Problem::new(path, "bad-distribution", msg, Some(DISTRIBUTION_HINT.into())));
        }
    });
}

const DISTRIBUTION_HINT: &str =
    "distributions are Uniform(min, max), Normal(mean, sd), Triangular(min, mode, max), LogNormal(median, sigma), Choice([a, b, ..])";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(num(5.0), "5");
        assert_eq!(num(-201.281081), "-201.281");
        assert_eq!(num(1.2), "1.2");
        assert_eq!(num(0.0001), "1e-4");
        assert_eq!(num(5e6), "5000000");
    }

    #[test]
    fn calendar_dates() {
        assert!(valid_start("2024-02-29T00:00"));
        assert!(!valid_start("2023-02-29T00:00"));
        assert!(!valid_start("2024-04-31T12:00"));
        assert!(!valid_start("2024-13-01T12:00"));
        assert!(!valid_start("2024-12-01T24:00"));
        assert!(!valid_start("2024-12-01T23:60"));
        assert!(!valid_start("2024-+1-01T23:00"));
        assert!(!valid_start("2024-06-12 08:00"));
        assert!(valid_start("1900-03-01T23:59"));
    }
}
