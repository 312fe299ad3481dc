//! Quantities a trainer writes: durations such as `"1h30min"` and parameters
//! that are either a number or a distribution (`Uniform(3.0, 7.0)`).
//!
//! A [`Param`] is resolved by inverse transform from one uniform draw `u`, so
//! plain Monte Carlo and Latin hypercube sampling share one code path.

use super::de::bilingual;
use super::diagnostics::Said;
use super::normal::inverse_normal_cdf;
use crate::said;
use serde::de::{self, Deserializer, EnumAccess, VariantAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A span of time in seconds, written as `"90min"`, `"1h30min"`, `"2d"`, `"45s"`, `"1.5h"`.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Default)]
pub struct Duration(pub f64);

/// Largest `sigma` of a `LogNormal` (sigma 10 spans 17 orders of magnitude at ±4 sd).
pub const MAX_LOG_SIGMA: f64 = 10.0;

/// Longest duration accepted anywhere in a scenario (30 days): bounds every tick loop.
pub const MAX_DURATION_S: f64 = 30.0 * 86_400.0;

impl Duration {
    pub fn secs(self) -> f64 {
        self.0
    }
    pub fn from_secs(s: f64) -> Self {
        Duration(s)
    }

    /// Parse `"1h30min"`-style text. Units: `d`, `h`, `min`, `s`.
    pub fn parse(text: &str) -> Result<Self, Said> {
        let t = text.trim();
        if t.is_empty() {
            return Err(said!(
                "empty duration: write e.g. \"90min\" or \"1h30min\"",
                "时长是空的：写成如 \"90min\" 或 \"1h30min\""
            ));
        }
        let mut total = 0.0;
        let mut rest = t;
        while !rest.is_empty() {
            let num_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
            if num_len == 0 {
                return Err(said!(
                    "`{text}` is not a duration: write e.g. \"90min\" or \"1h30min\"",
                    "`{text}` 不是时长：写成如 \"90min\" 或 \"1h30min\""
                ));
            }
            let value: f64 = rest[..num_len]
                .parse()
                .map_err(|_| said!("`{}` is not a number", "`{}` 不是数字", &rest[..num_len]))?;
            rest = rest[num_len..].trim_start();
            let unit_len = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
            let unit = &rest[..unit_len];
            let factor = match unit {
                "d" | "day" | "days" => 86_400.0,
                "h" | "hr" | "hour" | "hours" => 3_600.0,
                "min" | "m" | "mins" | "minute" | "minutes" => 60.0,
                "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
                "" => {
                    return Err(said!(
                        "`{text}` lacks a unit: write e.g. \"{value}min\" (units d, h, min, s)",
                        "`{text}` 缺少单位：写成如 \"{value}min\"（单位 d 天、h 小时、min 分钟、s 秒）"
                    ));
                }
                _ => {
                    return Err(said!(
                        "unknown time unit `{unit}` in `{text}` (units d, h, min, s)",
                        "`{text}` 中的时间单位 `{unit}` 无法识别（单位 d 天、h 小时、min 分钟、s 秒）"
                    ));
                }
            };
            total += value * factor;
            rest = rest[unit_len..].trim_start();
        }
        if !(0.0..=MAX_DURATION_S).contains(&total) {
            return Err(said!("`{text}` is longer than the 30-day limit", "`{text}` 超过了 30 天的上限"));
        }
        Ok(Duration(total))
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0.round() as i64;
        let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
        if h > 0 {
            write!(f, "{h}h")?;
        }
        if m > 0 {
            write!(f, "{m}min")?;
        }
        if sec > 0 || s == 0 {
            write!(f, "{sec}s")?;
        }
        Ok(())
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Duration;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duration such as \"90min\" or \"1h30min\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Duration, E> {
                Duration::parse(v).map_err(|e| E::custom(bilingual(e)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Duration, E> {
                Err(E::custom(bilingual(needs_unit(v as f64))))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Duration, E> {
                Err(E::custom(bilingual(needs_unit(v))))
            }
        }
        d.deserialize_any(V)
    }
}

fn needs_unit(v: f64) -> Said {
    said!(
        "durations need a unit: write \"{v}min\" or \"{v}s\"",
        "时长需要单位：写成 \"{v}min\" 或 \"{v}s\""
    )
}

/// What a [`Param`] can hold: plain numbers, or durations.
pub trait ParamValue: Copy + fmt::Debug + PartialEq {
    fn to_f64(self) -> f64;
    fn from_f64(v: f64) -> Self;
    fn from_number(v: f64) -> Result<Self, Said>;
    fn from_text(t: &str) -> Result<Self, Said>;
    fn write(self, s: &mut String);
}

impl ParamValue for f64 {
    fn to_f64(self) -> f64 {
        self
    }
    fn from_f64(v: f64) -> Self {
        v
    }
    fn from_number(v: f64) -> Result<Self, Said> {
        Ok(v)
    }
    fn from_text(t: &str) -> Result<Self, Said> {
        Err(said!("expected a number, found the text {t:?}", "应为数字，这里是文本 {t:?}"))
    }
    fn write(self, s: &mut String) {
        s.push_str(&format!("{self}"));
    }
}

impl ParamValue for Duration {
    fn to_f64(self) -> f64 {
        self.0
    }
    fn from_f64(v: f64) -> Self {
        Duration(v)
    }
    fn from_number(v: f64) -> Result<Self, Said> {
        Err(needs_unit(v))
    }
    fn from_text(t: &str) -> Result<Self, Said> {
        Duration::parse(t)
    }
    fn write(self, s: &mut String) {
        s.push_str(&format!("\"{self}\""));
    }
}

/// A number that may be uncertain. Written as a plain value (`5.0`, `"20min"`)
/// or as a distribution: `Uniform(min, max)`, `Normal(mean, sd)`,
/// `Triangular(min, mode, max)`, `LogNormal(median, sigma)` (sigma of ln X)
/// or `Choice([a, b, c])` (equally likely).
#[derive(Clone, Debug, PartialEq)]
pub enum Param<V: ParamValue = f64> {
    Fixed(V),
    Uniform(V, V),
    Normal(V, V),
    Triangular(V, V, V),
    LogNormal(V, f64),
    Choice(Vec<V>),
}

impl<V: ParamValue> Param<V> {
    pub fn is_uncertain(&self) -> bool {
        !matches!(self, Param::Fixed(_) | Param::Choice(_)) || matches!(self, Param::Choice(c) if c.len() > 1)
    }

    /// The value when fixed, else the distribution's median (used only before sampling).
    pub fn value(&self) -> V {
        self.resolve(0.5)
    }

    /// Inverse-CDF value for a uniform draw `u` in (0, 1).
    pub fn resolve(&self, u: f64) -> V {
        let u = u.clamp(1e-12, 1.0 - 1e-12);
        let v = match self {
            Param::Fixed(v) => v.to_f64(),
            Param::Uniform(a, b) => a.to_f64() + u * (b.to_f64() - a.to_f64()),
            Param::Normal(m, sd) => m.to_f64() + sd.to_f64() * inverse_normal_cdf(u),
            Param::Triangular(a, c, b) => {
                let (a, c, b) = (a.to_f64(), c.to_f64(), b.to_f64());
                let fc = if b > a { (c - a) / (b - a) } else { 0.5 };
                if u < fc {
                    a + (u * (b - a) * (c - a)).sqrt()
                } else {
                    b - ((1.0 - u) * (b - a) * (b - c)).sqrt()
                }
            }
            Param::LogNormal(median, sigma) => median.to_f64() * (sigma * inverse_normal_cdf(u)).exp(),
            Param::Choice(values) => {
                if values.is_empty() {
                    0.0
                } else {
                    let i = ((u * values.len() as f64) as usize).min(values.len() - 1);
                    values[i].to_f64()
                }
            }
        };
        V::from_f64(v)
    }

    /// Problems that make this distribution impossible (min > max, sd < 0, ...).
    pub fn problem(&self) -> Option<Said> {
        let show = |v: &V| {
            let mut s = String::new();
            v.write(&mut s);
            s
        };
        let args: Vec<f64> = match self {
            Param::Fixed(v) => vec![v.to_f64()],
            Param::Uniform(a, b) | Param::Normal(a, b) => vec![a.to_f64(), b.to_f64()],
            Param::Triangular(a, c, b) => vec![a.to_f64(), c.to_f64(), b.to_f64()],
            Param::LogNormal(m, s) => vec![m.to_f64(), *s],
            Param::Choice(v) => v.iter().map(|x| x.to_f64()).collect(),
        };
        if args.iter().any(|x| !x.is_finite()) {
            return Some(said!(
                "every value must be a finite number (not inf or NaN)",
                "每个值都必须是有限的数（不能是 inf 或 NaN）"
            ));
        }
        let why = match self {
            Param::Uniform(a, b) if a.to_f64() > b.to_f64() => {
                said!(
                    "Uniform(min, max) has min {} greater than max {}",
                    "Uniform(min, max) 的最小值 {} 大于最大值 {}",
                    show(a),
                    show(b)
                )
            }
            Param::Normal(_, sd) if sd.to_f64() < 0.0 => {
                said!(
                    "Normal(mean, sd) needs sd ≥ 0, found {}",
                    "Normal(mean, sd) 要求 sd ≥ 0，这里是 {}",
                    show(sd)
                )
            }
            Param::Triangular(a, c, b) if !(a.to_f64() <= c.to_f64() && c.to_f64() <= b.to_f64()) => {
                said!(
                    "Triangular(min, mode, max) needs min ≤ mode ≤ max, found ({}, {}, {})",
                    "Triangular(min, mode, max) 要求 min ≤ mode ≤ max，这里是 ({}, {}, {})",
                    show(a),
                    show(c),
                    show(b)
                )
            }
            Param::LogNormal(m, s) if m.to_f64() <= 0.0 || !(0.0..=MAX_LOG_SIGMA).contains(s) => {
                said!(
                    "LogNormal(median, sigma) needs median > 0 and sigma from 0 to {MAX_LOG_SIGMA}, found ({}, {s})",
                    "LogNormal(median, sigma) 要求 median > 0，sigma 在 0 到 {MAX_LOG_SIGMA} 之间，这里是 ({}, {s})",
                    show(m)
                )
            }
            Param::Choice(v) if v.is_empty() => said!("Choice([..]) needs at least one value", "Choice([..]) 至少需要一个值"),
            _ => {
                let (lo, hi) = self.range();
                if lo.is_finite() && hi.is_finite() {
                    return None;
                }
                said!(
                    "the distribution reaches values too large to represent",
                    "这个分布的取值大到无法表示"
                )
            }
        };
        Some(why)
    }

    /// Lowest and highest values the parameter can take (Normal: ±4 sd).
    pub fn range(&self) -> (f64, f64) {
        match self {
            Param::Choice(v) => v
                .iter()
                .map(|x| x.to_f64())
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| (lo.min(x), hi.max(x))),
            _ => (self.resolve(3e-5).to_f64(), self.resolve(1.0 - 3e-5).to_f64()),
        }
    }

    /// The RON text of this parameter (used in run records and messages).
    pub fn to_ron(&self) -> String {
        let mut s = String::new();
        let list = |s: &mut String, vs: &[V]| {
            for (i, v) in vs.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                v.write(s);
            }
        };
        match self {
            Param::Fixed(v) => v.write(&mut s),
            Param::Uniform(a, b) => {
                s.push_str("Uniform(");
                list(&mut s, &[*a, *b]);
                s.push(')');
            }
            Param::Normal(a, b) => {
                s.push_str("Normal(");
                list(&mut s, &[*a, *b]);
                s.push(')');
            }
            Param::Triangular(a, b, c) => {
                s.push_str("Triangular(");
                list(&mut s, &[*a, *b, *c]);
                s.push(')');
            }
            Param::LogNormal(a, sg) => {
                s.push_str("LogNormal(");
                a.write(&mut s);
                s.push_str(&format!(", {sg})"));
            }
            Param::Choice(v) => {
                s.push_str("Choice([");
                list(&mut s, v);
                s.push_str("])");
            }
        }
        s
    }
}

impl<V: ParamValue> From<V> for Param<V> {
    fn from(v: V) -> Self {
        Param::Fixed(v)
    }
}

impl<V: ParamValue> Serialize for Param<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_ron())
    }
}

/// One argument of a distribution, parsed as `V`.
struct Arg<V>(V);

impl<'de, V: ParamValue> Deserialize<'de> for Arg<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AV<V>(std::marker::PhantomData<V>);
        impl<V: ParamValue> Visitor<'_> for AV<V> {
            type Value = Arg<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Arg<V>, E> {
                V::from_number(v).map(Arg).map_err(|e| E::custom(bilingual(e)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Arg<V>, E> {
                V::from_number(v as f64).map(Arg).map_err(|e| E::custom(bilingual(e)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Arg<V>, E> {
                V::from_number(v as f64).map(Arg).map_err(|e| E::custom(bilingual(e)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Arg<V>, E> {
                V::from_text(v).map(Arg).map_err(|e| E::custom(bilingual(e)))
            }
        }
        d.deserialize_any(AV(std::marker::PhantomData))
    }
}

const DISTRIBUTIONS: &[&str] = &["Uniform", "Normal", "Triangular", "LogNormal", "Choice"];

impl<'de, V: ParamValue> Deserialize<'de> for Param<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PV<V>(std::marker::PhantomData<V>);
        impl<'de, V: ParamValue> Visitor<'de> for PV<V> {
            type Value = Param<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value or a distribution: Uniform(min, max), Normal(mean, sd), Triangular(min, mode, max), LogNormal(median, sigma), Choice([..])")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Param<V>, E> {
                V::from_number(v).map(Param::Fixed).map_err(|e| E::custom(bilingual(e)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Param<V>, E> {
                self.visit_f64(v as f64)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Param<V>, E> {
                self.visit_f64(v as f64)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Param<V>, E> {
                V::from_text(v).map(Param::Fixed).map_err(|e| E::custom(bilingual(e)))
            }
            fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Param<V>, A::Error> {
                let (name, variant): (String, _) = data.variant()?;
                match name.as_str() {
                    "Uniform" => {
                        let (a, b): (Arg<V>, Arg<V>) = variant.tuple_variant(2, TupleV::<(Arg<V>, Arg<V>)>::new())?;
                        Ok(Param::Uniform(a.0, b.0))
                    }
                    "Normal" => {
                        let (a, b): (Arg<V>, Arg<V>) = variant.tuple_variant(2, TupleV::<(Arg<V>, Arg<V>)>::new())?;
                        Ok(Param::Normal(a.0, b.0))
                    }
                    "Triangular" => {
                        let (a, b, c): (Arg<V>, Arg<V>, Arg<V>) = variant.tuple_variant(3, TupleV::<(Arg<V>, Arg<V>, Arg<V>)>::new())?;
                        Ok(Param::Triangular(a.0, b.0, c.0))
                    }
                    "LogNormal" => {
                        let (a, s): (Arg<V>, Arg<f64>) = variant.tuple_variant(2, TupleV::<(Arg<V>, Arg<f64>)>::new())?;
                        Ok(Param::LogNormal(a.0, s.0))
                    }
                    "Choice" => {
                        let vs: Vec<Arg<V>> = variant.newtype_variant()?;
                        Ok(Param::Choice(vs.into_iter().map(|a| a.0).collect()))
                    }
                    other => {
                        let names = crate::scenario::de::list_names(DISTRIBUTIONS);
                        let near = crate::scenario::diagnostics::suggest(other, DISTRIBUTIONS.iter().copied());
                        let (en, zh) = match near {
                            Some(s) => (format!(" (did you mean `{s}`?)"), format!("（是不是想写 `{s}`？）")),
                            None => (String::new(), String::new()),
                        };
                        Err(de::Error::custom(bilingual(said!(
                            "unknown distribution `{other}`{en}; expected a value or one of {names}",
                            "未知的分布 `{other}`{zh}；应为一个值，或以下之一：{names}"
                        ))))
                    }
                }
            }
        }
        d.deserialize_any(PV(std::marker::PhantomData))
    }
}

/// Visits a tuple variant's elements as a tuple type `T`.
struct TupleV<T>(std::marker::PhantomData<T>);
impl<T> TupleV<T> {
    fn new() -> Self {
        TupleV(std::marker::PhantomData)
    }
}
impl<'de, T: Deserialize<'de>> Visitor<'de> for TupleV<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the distribution's arguments")
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        T::deserialize(de::value::SeqAccessDeserializer::new(seq))
    }
}

/// Minutes after midnight of a local time of day `"HH:MM"` (00:00–23:59).
pub fn clock_minutes(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// Step-function lookup: the value of the last entry at or before `t`.
pub fn step_value(series: &[(Duration, Param)], t: f64) -> f64 {
    series
        .iter()
        .rev()
        .find(|(at, _)| at.secs() <= t)
        .map(|(_, v)| v.value())
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse() {
        assert_eq!(Duration::parse("90min").unwrap().0, 5400.0);
        assert_eq!(Duration::parse("1h30min").unwrap().0, 5400.0);
        assert_eq!(Duration::parse("1.5h").unwrap().0, 5400.0);
        assert_eq!(Duration::parse("2d").unwrap().0, 172_800.0);
        assert!(Duration::parse("90").unwrap_err().en.contains("unit"));
        assert!(Duration::parse("5 weeks").unwrap_err().en.contains("unknown time unit"));
        assert!(Duration::parse("40d").unwrap_err().en.contains("30-day"));
        assert_eq!(Duration(5400.0).to_string(), "1h30min");
    }

    #[test]
    fn inverse_cdfs() {
        assert!((inverse_normal_cdf(0.975) - 1.959964).abs() < 1e-5);
        assert!((inverse_normal_cdf(0.5)).abs() < 1e-9);
        let t: Param = Param::Triangular(0.0, 1.0, 2.0);
        assert!((t.resolve(0.5) - 1.0).abs() < 1e-12);
        let u: Param = Param::Uniform(3.0, 7.0);
        assert_eq!(u.resolve(0.25), 4.0);
        let ln: Param = Param::LogNormal(10.0, 0.5);
        assert!((ln.resolve(0.5) - 10.0).abs() < 1e-9);
        let c: Param = Param::Choice(vec![1.0, 2.0, 3.0]);
        assert_eq!(c.resolve(0.1), 1.0);
        assert_eq!(c.resolve(0.9), 3.0);
    }

    #[test]
    fn problems_found() {
        assert!(Param::Uniform(7.0, 3.0).problem().is_some());
        assert!(Param::Normal(1.0, -1.0).problem().is_some());
        assert!(Param::<f64>::Choice(vec![]).problem().is_some());
        assert!(Param::Fixed(1.0).problem().is_none());
    }
}
