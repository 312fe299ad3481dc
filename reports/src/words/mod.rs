//! Numbers as people read them: what a metric key means, in words, and its
//! value in human units (`14 people`, `72.1 %`, `2 h 54 min`, `1,867 L`).
//! The terminal summary, the report and its charts all name metrics through
//! here, in English or Chinese ([`Lang`]), so they never disagree.

use crate::fmt_time;

pub mod differences;
mod params;
pub mod waits;
pub use params::param;

/// The language of a report or summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The BCP 47 tag of the language the reports are written in: `en`, or
    /// `zh-CN` (Simplified Chinese, as a mainland bureau writes it), so a
    /// browser falling back to its own fonts picks simplified glyph forms.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
    /// The English or the Chinese of a phrase.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// Names as code, the first `listed` of them, then how many more; `measure`
/// is the Chinese measure word for what is counted (`支` for teams).
pub fn code_list(names: &[&str], listed: usize, measure: &str, lang: Lang) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    capped_list(&quoted, listed, measure, lang)
}

/// Items already written out, the first `listed` of them, then how many more.
pub fn capped_list(items: &[String], listed: usize, measure: &str, lang: Lang) -> String {
    let shown = &items[..items.len().min(listed)];
    let more = items.len() - shown.len();
    match (lang, more) {
        (Lang::En, 0) => shown.join(", "),
        (Lang::En, n) => format!("{} and {n} more", shown.join(", ")),
        (Lang::Zh, 0) => shown.join("、"),
        (Lang::Zh, _) => format!("{} 等 {} {measure}", shown.join("、"), items.len()),
    }
}

/// How a metric's value is shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Unit {
    /// A count of people.
    People,
    /// A plain count (incidents, convoys).
    Count,
    /// A count of named things: one, many (English), and the Chinese
    /// measure word with the noun (`个建成区网格`).
    Things(&'static str, &'static str, &'static str),
    /// A share in [0, 1], shown as a percentage.
    Share,
    /// Minutes (a delay).
    Minutes,
    /// Minutes since the start, shown as a drill time `2h05`.
    ClockMinutes,
    /// An amount of a supply item (its unit from the item's name).
    Item(String),
    /// A physical quantity with its symbol (`m`, `km²`, `m³`).
    Physical(&'static str),
    /// Unknown key: the number as it is.
    Plain,
}

/// A metric in words: what it measures and its unit.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricWords {
    pub label: String,
    pub unit: Unit,
}

/// Seconds in a key (`share_sheltered_by_12600`) as a drill time `3h30`.
fn by_time(secs: &str) -> String {
    secs.parse::<f64>().map_or_else(|_| secs.to_string(), fmt_time)
}

/// What the metric `key` of `summary.json` measures.
pub fn metric(key: &str, lang: Lang) -> MetricWords {
    let w = |label: String, unit: Unit| MetricWords { label, unit };
    let p = |en: &str, zh: &str| lang.pick(en, zh).to_string();
    let parts: Vec<&str> = key.split('.').collect();
    match parts.as_slice() {
        ["people", "dead"] => w(p("deaths", "死亡"), Unit::People),
        ["people", "injured"] => w(p("injured", "受伤"), Unit::People),
        ["people", "exposed"] => w(p("people who met the hazard", "受灾害影响人数"), Unit::People),
        ["people", "trapped_at_end"] => w(p("still trapped at the end", "结束时仍被困"), Unit::People),
        ["people", "sheltered"] => w(p("in a shelter at the end", "结束时在避难所"), Unit::People),
        ["people", "rescued"] => w(p("rescued by teams", "被救援队救出"), Unit::People),
        ["people", "hospitalised"] => w(p("taken to hospital", "送医"), Unit::People),
        ["people", "residents"] => w(p("residents", "居民"), Unit::People),
        ["people", s] if s.starts_with("share_sheltered_by_") => {
            let t = by_time(&s["share_sheltered_by_".len()..]);
            w(
                match lang {
                    Lang::En => format!("residents in a shelter by {t}"),
                    Lang::Zh => format!("{t} 前进入避难所的居民比例"),
                },
                Unit::Share,
            )
        }
        ["zone", zone, s] if s.starts_with("share_sheltered_by_") => {
            let t = by_time(&s["share_sheltered_by_".len()..]);
            w(
                match lang {
                    Lang::En => format!("{zone} residents in a shelter by {t}"),
                    Lang::Zh => format!("{zone} 居民 {t} 前进入避难所的比例"),
                },
                Unit::Share,
            )
        }
        ["inject", id, "first_unit_min"] => w(
            match lang {
                Lang::En => format!("first team on scene after `{id}`"),
                Lang::Zh => format!("`{id}` 后首支队伍到场用时"),
            },
            Unit::Minutes,
        ),
        ["shelters", "max_occupancy_ratio"] => w(p("fullest shelter, share of its capacity", "最满避难所的占用率"), Unit::Share),
        ["supply", item, what] => {
            let (en, zh) = match *what {
                "shortfall" => ("short", "缺口"),
                "delivered" => ("delivered by convoys", "车队送达"),
                "consumed" => ("used", "消耗"),
                "from_agreements" => ("from supply agreements", "协议供应"),
                "stranded" => ("stranded on the road", "滞留途中"),
                "written_off" => ("lost with a depot", "随仓库损失"),
                "in_transit" => ("in transit at the end", "结束时在途"),
                _ => (*what, *what),
            };
            w(
                match lang {
                    Lang::En => format!("{} {en}", item_name(item, lang)),
                    Lang::Zh => format!("{}{zh}", item_name(item, lang)),
                },
                Unit::Item(item.to_string()),
            )
        }
        ["convoy", id, "arrival_min"] => w(
            match lang {
                Lang::En => format!("convoy `{id}` arrived"),
                Lang::Zh => format!("车队 `{id}` 到达时间"),
            },
            Unit::ClockMinutes,
        ),
        ["incidents", "reported"] => w(p("incidents reported", "报告的事件"), Unit::Count),
        ["incidents", "resolved"] => w(p("incidents resolved", "已处置的事件"), Unit::Count),
        ["incidents", "total"] => w(p("incidents", "事件总数"), Unit::Count),
        ["incidents", "mean_wait_min"] => w(p("mean wait for a team", "平均等待救援时间"), Unit::Minutes),
        ["incidents", "waited_min", cause] => {
            waits::label(cause, lang).map_or_else(|| w(key.to_string(), Unit::Plain), |l| w(l, Unit::Minutes))
        }
        ["flood", "peak_depth_m"] => w(p("deepest water", "最大水深"), Unit::Physical("m")),
        ["flood", "max_area_km2"] => w(p("largest flooded area", "最大淹没面积"), Unit::Physical("km²")),
        ["fire", "area_burnt_km2"] => w(p("area burnt", "过火面积"), Unit::Physical("km²")),
        ["fire", "max_flame_length_m"] => w(p("longest flame", "最大火焰长度"), Unit::Physical("m")),
        ["fire", "initial_attack_min"] => w(p("first line built after ignition", "起火至首段防火线建成"), Unit::Minutes),
        ["fire", "line_built_km"] => w(p("fireline built", "建成的防火线"), Unit::Physical("km")),
        ["fire", "perimeter_km"] => w(p("fire perimeter (grid edge)", "火场周长（网格边）"), Unit::Physical("km")),
        ["fire", "spot_fires"] => w(
            p("spot fires lit by embers", "飞火引燃点"),
            Unit::Things("spot fire", "spot fires", "处"),
        ),
        ["fire", "containment"] => w(p("fire edge lined", "火线控制率"), Unit::Share),
        ["fire", "time_to_out_min"] => w(p("fire out after ignition", "起火至火灾扑灭"), Unit::Minutes),
        ["fire", "mopped_up_km2"] => w(p("burnt ground mopped up", "清理余火面积"), Unit::Physical("km²")),
        ["fire", "built_cells_lost"] => w(
            p("built-up area burnt", "烧毁的建成区"),
            Unit::Things("built-up cell", "built-up cells", "个网格"),
        ),
        ["fire", "smoke_closed_km2_max"] => w(
            p(
                "largest area where smoke hid the road-closing distance",
                "烟雾能见度低于封路标准的最大面积",
            ),
            Unit::Physical("km²"),
        ),
        ["release", "released_kg"] => w(p("chemical released", "泄漏量"), Unit::Physical("kg")),
        ["release", "max_ppm"] => w(p("highest air concentration", "最高空气浓度"), Unit::Physical("ppm")),
        ["release", "max_aegl2_km2"] => w(p("largest AEGL-2 zone", "AEGL-2 区最大面积"), Unit::Physical("km²")),
        ["release", "max_aegl3_km2"] => w(p("largest AEGL-3 zone", "AEGL-3 区最大面积"), Unit::Physical("km²")),
        ["release", "max_toxic_load"] => w(p("highest toxic load (ppmⁿ·min)", "最大毒性负荷（ppmⁿ·min）"), Unit::Plain),
        ["release", "crews_overcome"] => w(p("crews overcome by the cloud", "中毒失能的队伍"), Unit::Count),
        ["release", "responders_overcome"] => w(p("responders overcome by the cloud", "中毒失能的救援人员"), Unit::Count),
        ["release", "responders_dead"] => w(p("responders killed by the cloud", "中毒死亡的救援人员"), Unit::Count),
        ["release", "responders_hospitalised"] => w(p("overcome responders brought to hospital", "送医的中毒救援人员"), Unit::Count),
        ["release", "decontaminated"] => w(p("casualties washed at decontamination lines", "经洗消的伤员"), Unit::Count),
        ["release", "admitted_unwashed"] => w(
            p("casualties of the cloud admitted unwashed", "未经洗消即入院的中毒伤员"),
            Unit::Count,
        ),
        ["release", "responders_max_ppm"] => w(
            p("most a crew breathed (behind its respirator)", "队员吸入的最高浓度（呼吸防护后）"),
            Unit::Physical("ppm"),
        ),
        ["release", level] if level.starts_with("people_aegl") => {
            let n = &level["people_aegl".len()..];
            w(
                match lang {
                    Lang::En => format!("residents whose air reached AEGL-{n}"),
                    Lang::Zh => format!("吸入空气达到 AEGL-{n} 的居民"),
                },
                Unit::People,
            )
        }
        ["flood", "inflow_m3"] => w(p("water that came down the river", "上游来水总量"), Unit::Physical("m³")),
        ["injects_fired"] => w(p("injects fired", "已触发的情景注入"), Unit::Count),
        ["logistics", "convoys_dispatched"] => w(p("convoys dispatched", "派出的车队"), Unit::Count),
        ["logistics", "vehicles_delivered"] => w(p("vehicles delivered", "送达的车辆"), Unit::Count),
        ["logistics", "vehicles_stranded"] => w(p("vehicles stranded", "滞留的车辆"), Unit::Count),
        ["logistics", "agreements_activated"] => w(p("supply agreements activated", "启动的供应协议"), Unit::Count),
        ["logistics", "depots_lost"] => w(p("depots lost", "损失的仓库"), Unit::Count),
        _ => w(key.to_string(), Unit::Plain),
    }
}

/// The values a `runs.csv` column (`score`, `metric.KEY`) can take, where
/// its unit says: a score within 0–100, a share within 0–1, a count, a
/// delay, an amount or a physical size never below zero; `None` for a
/// number of unknown kind (a rounding residual may be negative). A mean's
/// interval intersected with this range still holds the true mean as
/// often as before, since the mean always lies in it; with a few skewed
/// runs the Student-t interval otherwise reaches −1,574 people.
pub fn possible_range(column: &str) -> Option<(f64, f64)> {
    if column == "score" {
        return Some((0.0, 100.0));
    }
    match metric(column.strip_prefix("metric.")?, Lang::En).unit {
        Unit::Share => Some((0.0, 1.0)),
        Unit::Plain => None,
        Unit::People | Unit::Count | Unit::Things(..) | Unit::Minutes | Unit::ClockMinutes | Unit::Item(_) | Unit::Physical(_) => {
            Some((0.0, f64::INFINITY))
        }
    }
}

/// `(lo, hi)` cut to what `column` can take ([`possible_range`]).
pub fn within_possible(column: &str, lo: f64, hi: f64) -> (f64, f64) {
    match possible_range(column) {
        Some((a, b)) => (lo.clamp(a, b), hi.clamp(a, b)),
        None => (lo, hi),
    }
}

/// A supply item's name for people: `water_l` → water, `fuel_l` → fuel.
/// `water_l` is one stock that shelters drink and engines pump (the hillside
/// drill's depot feeds both), so in Chinese it is 水, not 饮用水.
pub fn item_name(item: &str, lang: Lang) -> String {
    let base = item.strip_suffix("_l").or_else(|| item.strip_suffix("_kg")).unwrap_or(item);
    match (lang, base) {
        (Lang::Zh, "water") => "水".into(),
        (Lang::Zh, "meals") => "餐食".into(),
        (Lang::Zh, "beds") => "床位".into(),
        (Lang::Zh, "fuel") => "燃油".into(),
        (Lang::Zh, "sandbags") => "沙袋".into(),
        (Lang::Zh, "tents") => "帐篷".into(),
        (Lang::Zh, "blankets") => "毛毯".into(),
        _ => base.replace('_', " "),
    }
}

/// The unit an item is counted in: litres for `*_l`, kilograms for `*_kg`,
/// otherwise pieces of the item.
pub fn item_unit(item: &str, lang: Lang) -> String {
    if item.ends_with("_l") {
        "L".into()
    } else if item.ends_with("_kg") {
        "kg".into()
    } else if item == "beds" {
        lang.pick("beds", "张床位").into()
    } else if item == "meals" {
        lang.pick("meals", "份").into()
    } else {
        match lang {
            Lang::En => item.replace('_', " "),
            Lang::Zh => item_name(item, lang),
        }
    }
}

/// `n` and the English noun in its number: `1 inject`, `3 injects`.
pub fn of(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n as f64), if n == 1 { one } else { many })
}

/// The English verb `to be` agreeing with a count.
pub fn was_were(n: u64) -> &'static str {
    if n == 1 { "was" } else { "were" }
}

/// A count with thousands separators: `11,500`.
pub fn count(v: f64) -> String {
    let n = v.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A quantity to at most one decimal, with separators when large.
fn amount(v: f64) -> String {
    if v.abs() >= 100.0 || v.fract() == 0.0 {
        count(v)
    } else {
        format!("{v:.1}")
    }
}

/// Minutes as `45 min` or `2 h 54 min`.
pub fn minutes(m: f64, lang: Lang) -> String {
    let (h_word, m_word) = (lang.pick("h", "小时"), lang.pick("min", "分钟"));
    if m < 60.0 {
        let v = if m.fract() == 0.0 || m >= 10.0 {
            format!("{m:.0}")
        } else {
            format!("{m:.1}")
        };
        return format!("{v} {m_word}");
    }
    // Past a hundred hours (waits summed over incidents) the minutes are noise.
    if m >= 6000.0 {
        return format!("{} {h_word}", count(m / 60.0));
    }
    let total = m.round() as u64;
    format!("{} {h_word} {} {m_word}", total / 60, total % 60)
}

/// The value `v` of metric `key` in its unit; `—` when it was not measured
/// (an inject that never fired, a convoy that never arrived).
pub fn value(key: &str, v: f64, lang: Lang) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    match metric(key, lang).unit {
        Unit::People => match lang {
            Lang::En => format!("{} {}", count(v), if v.round() == 1.0 { "person" } else { "people" }),
            Lang::Zh => format!("{} 人", count(v)),
        },
        Unit::Count => count(v),
        Unit::Things(one, many, zh) => match lang {
            Lang::En => format!("{} {}", count(v), if v.round() == 1.0 { one } else { many }),
            Lang::Zh => format!("{} {zh}", count(v)),
        },
        Unit::Share => format!("{:.1} %", 100.0 * v),
        Unit::Minutes => minutes(v, lang),
        Unit::ClockMinutes => fmt_time(60.0 * v),
        // Beds are held per person: a shortfall of beds is people without one.
        Unit::Item(item) if item == "beds" && key.ends_with(".shortfall") => {
            format!("{} {}", amount(v), lang.pick("people without one", "人无床位"))
        }
        Unit::Item(item) => format!("{} {}", amount(v), item_unit(&item, lang)),
        Unit::Physical(sym) => {
            let n = if v.abs() >= 1000.0 { count(v) } else { format!("{v:.2}") };
            format!("{n} {sym}")
        }
        Unit::Plain => crate::fmt_num(v),
    }
}

/// [`value`] for a mean over runs, or a difference of means: counts of
/// people and things keep a decimal under 100 (a mean of 5.7 convoys is
/// not 6, and a difference of −1.7 beside means of 6 and 5 would mislead).
pub fn mean_value(key: &str, v: f64, lang: Lang) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    match metric(key, lang).unit {
        Unit::People => match lang {
            Lang::En => format!("{} {}", amount(v), if v == 1.0 { "person" } else { "people" }),
            Lang::Zh => format!("{} 人", amount(v)),
        },
        Unit::Count => amount(v),
        Unit::Things(_, many, zh) => match lang {
            Lang::En => format!("{} {many}", amount(v)),
            Lang::Zh => format!("{} {zh}", amount(v)),
        },
        _ => value(key, v, lang),
    }
}

/// An objective's target (`≤ 0`, `≥ 0.7`) in the metric's unit.
pub fn target(key: &str, target: &str, lang: Lang) -> String {
    let (op, rest) = target.split_at(target.char_indices().nth(1).map_or(target.len(), |(i, _)| i));
    match rest.trim().parse::<f64>() {
        Ok(v) if matches!(op, "≤" | "≥") => format!("{op} {}", value(key, v, lang)),
        _ => target.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_carry_their_units() {
        assert_eq!(value("people.dead", 14.0, Lang::En), "14 people");
        assert_eq!(value("people.dead", 1.0, Lang::En), "1 person");
        assert_eq!(value("people.residents", 11500.0, Lang::En), "11,500 people");
        assert_eq!(value("zone.east_bank.share_sheltered_by_12600", 0.7213, Lang::En), "72.1 %");
        assert_eq!(value("inject.breach.first_unit_min", 2.5, Lang::En), "2.5 min");
        assert_eq!(value("incidents.mean_wait_min", 174.2, Lang::En), "2 h 54 min");
        assert_eq!(value("incidents.waited_min.all_busy", 88_557.0, Lang::En), "1,476 h");
        assert_eq!(value("incidents.waited_min.all_busy", 88_557.0, Lang::Zh), "1,476 小时");
        assert_eq!(value("supply.water_l.shortfall", 1866.9, Lang::En), "1,867 L");
        assert_eq!(value("supply.meals.shortfall", 373.4, Lang::En), "373 meals");
        assert_eq!(value("supply.beds.shortfall", 391.0, Lang::En), "391 people without one");
        assert_eq!(value("supply.beds.delivered", 600.0, Lang::En), "600 beds");
        assert_eq!(value("logistics.convoys_dispatched", 5.67, Lang::En), "6");
        assert_eq!(mean_value("logistics.convoys_dispatched", 5.67, Lang::En), "5.7");
        assert_eq!(mean_value("people.dead", 12.25, Lang::En), "12.2 people");
        assert_eq!(mean_value("people.dead", 1520.4, Lang::En), "1,520 people");
        assert_eq!(value("supply.beds.delivered", 600.0, Lang::Zh), "600 张床位");
        assert_eq!(value("inject.boat_capsized.first_unit_min", f64::NAN, Lang::En), "—");
        assert_eq!(value("people.dead", 14.0, Lang::Zh), "14 人");
        // An objective on the cloud reads as people, as the other people counts do.
        assert_eq!(value("release.people_aegl2", 2044.0, Lang::En), "2,044 people");
        assert_eq!(value("release.people_aegl3", 3.0, Lang::Zh), "3 人");
        // A fire's losses say what was lost.
        assert_eq!(value("fire.built_cells_lost", 156.0, Lang::En), "156 built-up cells");
        assert_eq!(value("fire.built_cells_lost", 1.0, Lang::En), "1 built-up cell");
        assert_eq!(value("fire.built_cells_lost", 156.0, Lang::Zh), "156 个网格");
        assert_eq!(target("fire.built_cells_lost", "≤ 0", Lang::En), "≤ 0 built-up cells");
    }

    #[test]
    fn intervals_are_cut_to_what_the_outcome_can_take() {
        assert_eq!(within_possible("score", 11.96, 123.3), (11.96, 100.0));
        assert_eq!(within_possible("metric.people.injured", -1574.0, 4309.0), (0.0, 4309.0));
        assert_eq!(within_possible("metric.fire.area_burnt_km2", -0.2, 1.1), (0.0, 1.1));
        assert_eq!(within_possible("metric.zone.a.share_sheltered_by_60", -0.1, 1.2), (0.0, 1.0));
        // A number of unknown kind keeps its interval.
        assert_eq!(within_possible("metric.flood.volume_residual_m3", -1.0, 1.0), (-1.0, 1.0));
        assert!(within_possible("score", f64::NAN, f64::NAN).0.is_nan());
    }

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(of(1, "inject", "injects"), "1 inject");
        assert_eq!(of(0, "inject", "injects"), "0 injects");
        assert_eq!(of(12_000, "run", "runs"), "12,000 runs");
        assert_eq!((was_were(1), was_were(2)), ("was", "were"));
    }

    #[test]
    fn keys_read_as_words() {
        assert_eq!(
            metric("zone.east_bank.share_sheltered_by_12600", Lang::En).label,
            "east_bank residents in a shelter by 3h30"
        );
        assert_eq!(metric("supply.water_l.shortfall", Lang::En).label, "water short");
        assert_eq!(metric("no.such.key", Lang::En).unit, Unit::Plain);
        assert_eq!(target("people.dead", "≤ 0", Lang::En), "≤ 0 people");
        assert_eq!(target("zone.a.share_sheltered_by_60", "≥ 0.7", Lang::En), "≥ 70.0 %");
    }
}
