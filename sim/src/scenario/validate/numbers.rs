//! Checks on single values: the drill clock, ranges, shares, time series and
//! the distributions of every uncertain parameter.

use super::{MAX_TICKS, MIN_TICK_S};
use crate::said;
use crate::scenario::model::Scenario;
use crate::scenario::params::for_each_param;
use crate::scenario::tree::Path;
use crate::scenario::units::{Duration, Param};
use crate::scenario::{Problem, Said};

pub(super) fn check_clock(s: &Scenario, out: &mut Vec<Problem>) {
    let root = Path::root();
    if let Err(why) = parse_start(&s.start) {
        out.push(Problem::new(
            root.field("start"),
            "bad-date",
            Said::new(
                format!("`{}` is not a valid start date-time: {}", s.start, why.en),
                format!("`{}` 不是有效的开始日期时间：{}", s.start, why.zh),
            ),
            Some(said!(
                "write YYYY-MM-DDTHH:MM, e.g. \"2024-06-12T02:00\"",
                "写成 YYYY-MM-DDTHH:MM，如 \"2024-06-12T02:00\""
            )),
        ));
    }
    if s.tick.0 < MIN_TICK_S {
        out.push(Problem::new(
            root.field("tick"),
            "out-of-range",
            said!(
                "tick must be at least {MIN_TICK_S}s, found {}",
                "tick 至少为 {MIN_TICK_S}s，这里是 {}",
                s.tick
            ),
            Some(said!("a tick of \"1min\" suits most drills", "大多数演练用 \"1min\" 的步长就合适")),
        ));
    } else if s.tick.0 > s.duration.0 {
        out.push(Problem::new(
            root.field("tick"),
            "out-of-range",
            said!(
                "tick {} is longer than the whole drill (duration {})",
                "tick {} 比整场演练还长（duration {}）",
                s.tick,
                s.duration
            ),
            Some(said!(
                "use a tick shorter than `duration`, e.g. \"1min\"",
                "用比 `duration` 短的 tick，如 \"1min\""
            )),
        ));
    } else if s.duration.0 / s.tick.0 > MAX_TICKS {
        out.push(Problem::new(
            root.field("tick"),
            "too-large",
            said!(
                "{} in steps of {} is {:.0} ticks; the limit is {MAX_TICKS}",
                "{} 按 {} 一步共 {:.0} 步，上限是 {MAX_TICKS}",
                s.duration,
                s.tick,
                s.duration.0 / s.tick.0
            ),
            Some(said!("use a longer tick", "用更长的 tick")),
        ));
    }
    if s.name.trim().is_empty() {
        out.push(Problem::new(
            root.field("name"),
            "empty",
            said!("the scenario needs a name", "情景需要一个名称"),
            Some(said!("e.g. name: \"Riverside levee breach\"", "如 name: \"河畔堤防决口\"")),
        ));
    }
}

/// The languages drillsim writes its messages, summaries and reports in.
pub const LANGUAGES: [&str; 2] = ["en", "zh"];

/// `language` picks the language of everything drillsim says about the
/// drill (diagnostics, summaries, reports) unless `--lang` overrides it, so
/// it must be one drillsim speaks.
pub(super) fn check_language(s: &Scenario, out: &mut Vec<Problem>) {
    let given = s.language.as_str();
    if LANGUAGES.contains(&given) {
        return;
    }
    let lower = given.trim().to_lowercase();
    let meant = if lower.starts_with("zh") || ["cn", "chinese", "中文", "汉语", "简体中文", "chs"].contains(&lower.as_str()) {
        Some("zh")
    } else if lower.starts_with("en") {
        Some("en")
    } else {
        None
    };
    out.push(Problem::new(
        Path::root().field("language"),
        "unknown-language",
        said!("drillsim does not speak the language `{given}`", "drillsim 不支持语言 `{given}`"),
        Some(match meant {
            Some(m) => said!(
                "did you mean \"{m}\"? The languages are \"en\" (English) and \"zh\" (中文)",
                "是不是想写 \"{m}\"？可用的语言是 \"en\"（English）和 \"zh\"（中文）"
            ),
            None => said!("write \"en\" (English) or \"zh\" (中文)", "写 \"en\"（English）或 \"zh\"（中文）"),
        }),
    ));
}

/// `YYYY-MM-DDTHH:MM` with real calendar dates (leap years included).
pub fn valid_start(t: &str) -> bool {
    parse_start(t).is_ok()
}

fn parse_start(t: &str) -> Result<(), Said> {
    let b = t.as_bytes();
    if b.len() != 16 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return Err(said!("expected the form YYYY-MM-DDTHH:MM", "应为 YYYY-MM-DDTHH:MM 的形式"));
    }
    let num = |r: std::ops::Range<usize>| -> Result<u32, Said> {
        let part = t.get(r).unwrap_or("");
        let not_a_number = || said!("`{part}` is not a number", "`{part}` 不是数字");
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse::<u32>().map_err(|_| not_a_number())
        } else {
            Err(not_a_number())
        }
    };
    let (year, month, day, hour, minute) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?);
    if !(1..=12).contains(&month) {
        return Err(said!("month {month} is not 01 to 12", "月份 {month} 不在 01 到 12 之间"));
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if !(1..=days).contains(&day) {
        return Err(said!(
            "day {day} is not in month {month:02}, which has {days} days",
            "{month:02} 月只有 {days} 天，没有 {day} 日"
        ));
    }
    if hour > 23 {
        return Err(said!("hour {hour} is not 00 to 23", "小时 {hour} 不在 00 到 23 之间"));
    }
    if minute > 59 {
        return Err(said!("minute {minute} is not 00 to 59", "分钟 {minute} 不在 00 到 59 之间"));
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
            said!("{what} must be greater than zero, found {}", "{what} 必须大于零，这里是 {}", num(v)),
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
    let (can, can_zh) = if p.is_uncertain() {
        ("can be", "可能取到")
    } else {
        ("is", "这里是")
    };
    let (note, note_zh) = normal_note(p);
    let (lo_s, hi_s, a_s, b_s) = (num(lo), num(hi), num(a), num(b));
    if a < lo && lo == 0.0 {
        out.push(Problem::new(
            path,
            "negative",
            said!("{what} cannot be negative, but {can} {a_s}", "{what} 不能是负数，但{can_zh} {a_s}"),
            Some(said!("write a value of at least 0{note}", "写一个不小于 0 的值{note_zh}")),
        ));
    } else if a < lo {
        out.push(Problem::new(
            path,
            "out-of-range",
            said!(
                "{what} must be at least {lo_s}, but {can} {a_s}",
                "{what} 至少为 {lo_s}，但{can_zh} {a_s}"
            ),
            Some(said!("allowed: {lo_s} to {hi_s}{note}", "允许范围：{lo_s} 到 {hi_s}{note_zh}")),
        ));
    } else if b > hi {
        out.push(Problem::new(
            path,
            "too-large",
            said!(
                "{what} must be at most {hi_s}, but {can} {b_s}",
                "{what} 最多为 {hi_s}，但{can_zh} {b_s}"
            ),
            Some(said!("the documented limit is {hi_s}{note}", "文档规定的上限是 {hi_s}{note_zh}")),
        ));
    }
}

fn normal_note(p: &Param) -> (&'static str, &'static str) {
    if matches!(p, Param::Normal(..)) {
        (" (a Normal is checked over mean ± 4 sd)", "（Normal 按均值 ± 4 个标准差检查）")
    } else {
        ("", "")
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
            said!(
                "{what} is a share between 0 and 1, found {}",
                "{what} 是 0 到 1 之间的比例，这里是 {}",
                num(bad)
            ),
            {
                let (note, note_zh) = normal_note(p);
                Some(said!("write 0.85 for 85 %{note}", "85 % 写作 0.85{note_zh}"))
            },
        ));
    }
}

/// A `[(time, value), ..]` series: times strictly increasing, values not negative.
pub(super) fn series(s: &[(Duration, Param)], path: Path, required: bool, out: &mut Vec<Problem>) {
    if s.is_empty() && required {
        out.push(Problem::new(
            path.clone(),
            "empty",
            said!(
                "the series needs at least one (time, value) pair",
                "这个序列至少需要一组 (时间, 值)"
            ),
            Some(said!(
                "e.g. [(\"0h\", 200.0), (\"2h\", 900.0)]",
                "如 [(\"0h\", 200.0), (\"2h\", 900.0)]"
            )),
        ));
    }
    for (i, w) in s.windows(2).enumerate() {
        if w[1].0.0 <= w[0].0.0 {
            out.push(Problem::new(
                path.index(i + 1).index(0),
                "not-increasing",
                said!(
                    "times in a series must increase, but {} follows {}",
                    "序列中的时间必须递增，但 {} 排在 {} 之后",
                    w[1].0,
                    w[0].0
                ),
                Some(said!(
                    "list the points in time order, each time once",
                    "按时间顺序列出各点，每个时间只出现一次"
                )),
            ));
        }
    }
    for (i, (_, v)) in s.iter().enumerate() {
        if v.problem().is_none() && v.range().0 < 0.0 {
            out.push(Problem::new(
                path.index(i).index(1),
                "negative",
                said!(
                    "values in this series cannot be negative, found {}",
                    "这个序列的值不能是负数，这里是 {}",
                    num(v.range().0)
                ),
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
            out.push(Problem::new(
                path,
                "bad-distribution",
                msg,
                Some(said!(
                    "distributions are Uniform(min, max), Normal(mean, sd), Triangular(min, mode, max), LogNormal(median, sigma), Choice([a, b, ..])",
                    "分布可写成 Uniform(min, max)、Normal(mean, sd)、Triangular(min, mode, max)、LogNormal(median, sigma)、Choice([a, b, ..])"
                )),
            ));
        }
    });
}

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
