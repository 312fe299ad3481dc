//! A sampled parameter of a scenario (`hazards[0].inflows[0].hydrograph[1][1]`)
//! named for people, with its value in its unit: how a run report lists
//! the values its run drew, and how a batch report names the parameters
//! the outcomes move with.

use super::{Lang, amount, count, item_name, item_unit, minutes};
use crate::fmt_time;

/// A sampled parameter in words and its value in its unit:
/// ("inflow at upstream at 1h00", "2,149 m³/s").
pub fn param(n: &drillsim::scenario::param_names::ParamName, v: f64, lang: Lang) -> (String, String) {
    let field = |f: &str| -> String {
        let (en, zh) = match f {
            "discharge" => ("discharge", "流量"),
            "speed_ms" => ("wind speed", "风速"),
            "from_deg" => ("wind direction", "风向"),
            "rain_mm_h" => ("rain", "降雨强度"),
            "temperature_c" => ("temperature", "气温"),
            "fuel_moisture_pct" => ("fuel moisture", "可燃物含水率"),
            "crest_m" => ("crest", "堤顶高程"),
            "breach_when_overtopped_m" => ("overtopping that breaches it", "漫顶溃决水深"),
            "residents" => ("residents", "居民人数"),
            "household_size" => ("household size", "户均人数"),
            "cars_per_household" => ("cars per household", "户均车辆"),
            "vulnerable_share" => ("share needing help to leave", "需协助撤离比例"),
            "compliance" => ("share who obey a warning", "服从预警比例"),
            "departure_delay_mean" => ("mean delay before leaving", "平均出发延迟"),
            "reach" => ("share of households reached", "覆盖户数比例"),
            "delay" => ("delay", "延迟"),
            "capacity" => ("capacity", "容量"),
            "beds" => ("beds", "床位"),
            "speed_kmh" => ("speed", "速度"),
            "ready_after" => ("ready after", "就绪时间"),
            "mobilisation" => ("mobilisation", "集结时间"),
            "lead_time" => ("lead time", "供货周期"),
            "depart" => ("departure", "出发时间"),
            "at" => ("time", "时间"),
            "report_delay" => ("report delay", "报告延迟"),
            "relative_humidity_pct" => ("relative humidity", "相对湿度"),
            "level_m" => ("level", "水位"),
            "rate_m3s" => ("rate", "流量"),
            "pump_m3s" => ("pump rate", "排涝流量"),
            "rate_kg_s" => ("release rate", "泄漏速率"),
            "mass_kg" => ("mass released", "泄漏总量"),
            "liquid_kg" => ("liquid held", "液体储量"),
            "gauge_kpa" => ("gauge pressure", "表压"),
            "hole_diameter_mm" => ("hole diameter", "孔径"),
            "indoor_ach" => ("indoor air changes", "室内换气次数"),
            "sealed_ach" => ("air changes of a sealed room", "密闭房间换气次数"),
            "side_m" => ("building size", "建筑边长"),
            "separation_m" => ("building separation", "建筑间距"),
            "fire_resistant_share" => ("share of fire-resistant buildings", "耐火建筑比例"),
            "firebrands_per_ha" => ("firebrands per hectare", "每公顷飞火数"),
            "close_roads_below_m" => ("visibility that closes roads", "封路能见度"),
            "ground_share" => ("share of smoke at ground level", "近地面烟雾比例"),
            "rescue_per_hour" => ("rescues per hour", "每小时救援人数"),
            "sandbag_m_per_hour" => ("sandbag line per hour", "每小时沙袋堤长度"),
            "wet_line_m_per_hour" => ("wet line per hour", "每小时湿线长度"),
            "mop_up_ha_per_hour" => ("mop-up rate", "清理余火速率"),
            "decon_people_per_hour" => ("people washed per hour", "每小时洗消人数"),
            "seal_leak" => ("time to seal a leak", "堵漏用时"),
            "density_kg_m3" => ("liquid density", "液体密度"),
            "section_m2" => ("tank cross-section", "储罐截面积"),
            other => (other, other),
        };
        lang.pick(en, zh).replace('_', " ")
    };
    let section = |s: &str| -> String {
        let zh = match s {
            "inflow" => "来水",
            "wind" => "风",
            "rain" => "降雨",
            "weather" => "天气",
            "levee" => "堤防",
            "zone" => "居民区",
            "warning" => "预警渠道",
            "shelter" => "避难所",
            "hospital" => "医院",
            "team kind" => "队伍类型",
            "team" => "队伍",
            "depot" => "仓库",
            "agreement" => "供应协议",
            "convoy" => "车队",
            "plan" => "预案",
            "inject" => "情景注入",
            "consumption" => "消耗",
            "release" => "泄漏",
            "fire" => "火灾",
            "flood" => "洪水",
            other => other,
        };
        lang.pick(s, zh).to_string()
    };
    // Weather fields name themselves ("wind speed", "rain").
    let section = if matches!(n.section, "wind" | "rain" | "weather" | "plan") {
        String::new()
    } else {
        section(n.section)
    };
    // A stock, a cargo, a ration or a team's use of a supply is counted in
    // an item (`water_l`): named as the item, shown in its unit.
    let item = if matches!(n.section, "shelter" | "depot" | "convoy" | "consumption") && n.unit.is_empty() {
        Some(n.field.as_str())
    } else {
        n.field
            .strip_prefix("quantity ")
            .or_else(|| n.field.strip_prefix("supplies_per_hour "))
    };
    let what = match item {
        Some(i) if n.field.starts_with("quantity ") => format!("{}{}", lang.pick("quantity of ", "供货量 "), item_name(i, lang)),
        Some(i) if n.field.starts_with("supplies_per_hour ") => match lang {
            Lang::En => format!("{} used per hour", item_name(i, lang)),
            Lang::Zh => format!("每小时消耗{}", item_name(i, lang)),
        },
        Some(i) => item_name(i, lang),
        None => field(&n.field),
    };
    // A ration's subject is its basis, not an id.
    let subject = match (n.section, n.subject.as_str()) {
        ("consumption", "per_person_per_day") => lang.pick("per person per day", "每人每天").to_string(),
        ("consumption", "per_person") => lang.pick("per person", "每人").to_string(),
        // A channel is a keyword of the scenario language, not an id.
        ("warning", channel) if lang == Lang::Zh => {
            crate::labels::timeline_value_zh("channel", channel).unwrap_or_else(|| channel.to_string())
        }
        _ => n.subject.clone(),
    };
    let mut label = format!("{section} {subject} {what}");
    if let Some(t) = n.at_s {
        label.push_str(&match lang {
            Lang::En => format!(" at {}", fmt_time(t)),
            Lang::Zh => format!("（{}）", fmt_time(t)),
        });
    }
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let shown = match n.unit {
        "s" => minutes(v / 60.0, lang),
        "share" => format!("{:.1} %", 100.0 * v),
        "people" => match lang {
            Lang::En => format!("{} people", amount(v)),
            Lang::Zh => format!("{} 人", amount(v)),
        },
        "" => match item {
            Some(i) => format!("{} {}", amount(v), item_unit(i, lang)),
            None => crate::fmt_num(v),
        },
        unit => {
            // Symbols (m, kPa, km/h) read the same in both; words do not.
            let unit = match (lang, unit) {
                (Lang::Zh, "people/h") => "人/小时",
                (Lang::Zh, "cars") => "辆",
                (Lang::Zh, "beds") => "张",
                (_, unit) => unit,
            };
            format!("{} {unit}", if v.abs() >= 100.0 { count(v) } else { crate::fmt_num(v) })
        }
    };
    (label, shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every parameter of every bundled scenario (uncertain or not: any may
    /// be made uncertain) is named for people: the hazard it belongs to (a
    /// release's tank was once called "fire tank"), a field in words in
    /// both languages, and a unit wherever the field carries one.
    #[test]
    fn every_parameter_of_the_bundled_scenarios_is_named_with_its_unit() {
        use drillsim::scenario::params::{ParamMut, for_each_param};
        let mut seen = 0;
        for entry in std::fs::read_dir("../scenarios").unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "ron") {
                continue;
            }
            let compiled = drillsim::CompiledScenario::load(&path).unwrap_or_else(|d| panic!("{d}"));
            let mut copy = (*compiled.scenario).clone();
            let mut params = Vec::new();
            for_each_param(&mut copy, &mut |p, v| params.push((p.to_string(), matches!(v, ParamMut::Dur(_)))));
            for (key, is_duration) in params {
                let at = format!("{} {key}", path.display());
                let n = drillsim::scenario::param_names::param_name(&compiled.scenario, &key).unwrap_or_else(|| panic!("{at}: no name"));
                let field = key.rsplit(['.', '[']).next().unwrap();
                if is_duration {
                    assert_eq!(n.unit, "s", "{at}: a duration shown without its unit");
                }
                if ["_m", "_kg", "_kpa", "_mm", "_pct", "_share", "_per_hour", "_ach", "_ms", "_kmh"]
                    .iter()
                    .any(|s| field.ends_with(s))
                {
                    assert!(!n.unit.is_empty(), "{at}: `{field}` has no unit");
                }
                if let Some(rest) = key.strip_prefix("hazards[") {
                    let hazard: usize = rest.split(']').next().unwrap().parse().unwrap();
                    let kind = match &compiled.scenario.hazards[hazard] {
                        drillsim::scenario::model::Hazard::Flood(_) => ["flood", "inflow", "levee"].as_slice(),
                        drillsim::scenario::model::Hazard::Fire(_) => &["fire"],
                        drillsim::scenario::model::Hazard::Release(_) => &["release"],
                    };
                    assert!(kind.contains(&n.section), "{at}: named as part of a {}", n.section);
                }
                // Chinese words only, apart from the subject's id.
                let (zh, _) = param(&n, 1.0, Lang::Zh);
                // A warning channel is a keyword, named in Chinese too.
                if n.section == "warning" {
                    assert!(!zh.contains(&n.subject), "{at}: `{zh}` names the channel in English");
                }
                let mut rest = zh.replace(&n.subject, "");
                if let Some(t) = n.at_s {
                    rest = rest.replace(&fmt_time(t), "");
                }
                assert!(!rest.chars().any(|c| c.is_ascii_alphabetic()), "{at}: `{zh}` is not Chinese");
                let (en, _) = param(&n, 1.0, Lang::En);
                assert!(!en.contains('_') || n.subject.contains('_'), "{at}: `{en}` shows a raw key");
                seen += 1;
            }
        }
        assert!(seen > 100, "only {seen} parameters");
    }
}
