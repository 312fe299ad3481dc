//! Strengths and areas for improvement, derived from the results by fixed,
//! documented rules ([`rules_text`], printed in every report) so two
//! readers of the same run get the same list. Every amount a finding quotes
//! is a metric or scorecard value of the run, never a re-count of events.
//!
//! 1. An objective rated **P** is a strength; **S, M or U** an area for
//!    improvement (HSEEP: an objective met "with some challenges" still has
//!    something to improve).
//! 2. An expected action carried out within [`PROMPT_MIN`] minutes of its
//!    inject is a strength; one later than [`LATE_MIN`] minutes, or never
//!    carried out, is an area for improvement. These two yardsticks are
//!    Drillsim's reporting convention, not HSEEP values: HSEEP leaves timing
//!    targets to each exercise, and the scenario language has none for actions.
//! 3. Every item that ran short (`supply.<item>.shortfall` above zero) is an
//!    area for improvement, in the item's own unit, naming where it ran short.
//! 4. Deaths, injuries and people still trapped at the end are areas for
//!    improvement — unless an objective scores that metric, when rule 1
//!    already says it.
//! 5. A shelter that turned households away when full is an area for
//!    improvement (`shelter_full` events).
//! 6. A team lost during the drill is an area for improvement; one overcome
//!    by a gas cloud says what it breathed and behind what protection.
//! 7. A cause of the incidents' wait for a first team that a plan could
//!    change — no team in the drill able to do it, able teams not
//!    committed, every able team busy, no way there for any able team — is an
//!    area for improvement when it holds at least
//!    [`waits::MIN_SHARE`](crate::words::waits::MIN_SHARE) of all their
//!    waiting and [`waits::MIN_MINUTES`](crate::words::waits::MIN_MINUTES)
//!    or more (Drillsim's convention; the engine splits each incident's wait
//!    tick by tick, `incidents.waited_min.<cause>`).
//! 8. A capability with any area for improvement lists no strengths, so the
//!    report never praises and faults the same capability.

use crate::RunData;
use crate::palette::{self, RGBColor};
use crate::words::{self, Lang, waits};
use std::collections::BTreeMap;

/// An expected action this many minutes or less after its inject is prompt.
pub const PROMPT_MIN: f64 = 15.0;
/// An expected action more than this many minutes after its inject is late.
pub const LATE_MIN: f64 = 60.0;

/// The rules as printed in the report.
pub fn rules_text(lang: Lang) -> [&'static str; 8] {
    match lang {
        Lang::En => [
            "An objective rated P is a strength; one rated S, M or U is an area for improvement.",
            "An expected action carried out within 15 min of its inject is a strength; later than 60 min, or not at all, is an area for improvement (Drillsim's reporting convention; the thresholds are not HSEEP values).",
            "Every item that ran short is an area for improvement, with the run's total shortfall in the item's unit and where it ran short.",
            "Deaths, injuries and people trapped at the end of the drill are areas for improvement, unless an objective scores them (rule 1 then says it).",
            "A shelter that turned households away because it was full is an area for improvement.",
            "A team lost during the drill (overcome by a gas cloud, or by an inject) is an area for improvement.",
            "A cause of the incidents' wait for a first team that a plan could change (no team in the drill able to do it, able teams not committed, every able team busy, no way there for any able team) is an area for improvement when it holds at least 10 % of all their waiting and an hour or more (Drillsim's reporting convention).",
            "A capability with an area for improvement lists no strengths.",
        ],
        Lang::Zh => [
            "评定为 P 的演练目标列为做得好的方面；评定为 S、M 或 U 的列为存在问题。",
            "情景注入后 15 分钟内完成的预期行动列为做得好的方面；超过 60 分钟或未完成的列为存在问题（Drillsim 的报告约定，并非 HSEEP 规定值）。",
            "每一种出现缺口的物资列为存在问题，给出本次运行以该物资单位计的缺口总量和缺口地点。",
            "死亡、受伤和演练结束时仍被困的人员列为存在问题；若已有演练目标评价该指标，则由第 1 条说明。",
            "因满员而拒收家庭的避难所列为存在问题。",
            "演练中失联的队伍（中毒失能或因情景注入失联）列为存在问题。",
            "事件等待首支队伍的原因中，凡预案可以改变的（演练中没有具备相应能力的队伍、有能力的队伍未投入、有能力的队伍全部忙碌、有能力的队伍均无法到达），占全部等待 10 % 以上且累计 1 小时以上的，列为存在问题（Drillsim 的报告约定）。",
            "有存在问题的能力不再列出做得好的方面。",
        ],
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Prompt,
    Acceptable,
    Late,
    NotDone,
}

pub fn action_verdict(delay_min: Option<f64>) -> Verdict {
    match delay_min {
        None => Verdict::NotDone,
        Some(d) if d <= PROMPT_MIN => Verdict::Prompt,
        Some(d) if d <= LATE_MIN => Verdict::Acceptable,
        Some(_) => Verdict::Late,
    }
}

pub fn verdict_colour(v: Verdict) -> RGBColor {
    match v {
        Verdict::Prompt => palette::GREEN,
        Verdict::Acceptable => palette::YELLOW,
        Verdict::Late => palette::ORANGE,
        Verdict::NotDone => palette::VERMILION,
    }
}

/// One strength or area for improvement.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The capability it concerns (an objective's, or a fixed one for rules 2–7).
    pub capability: String,
    pub text: String,
    /// Which rule (1–7) produced it.
    pub rule: u8,
}

/// The capability a rule's finding falls under: that of the objective
/// scoring a related metric when there is one, else a default (named in
/// `lang` by [`crate::labels::capability`]).
fn capability_for(run: &RunData, metric: impl Fn(&str) -> bool, default: &str, lang: Lang) -> String {
    run.scorecard.objectives.iter().find(|o| metric(&o.metric)).map_or_else(
        || crate::labels::capability(default, lang),
        |o| crate::labels::capability(&o.capability, lang),
    )
}

/// (strengths, areas for improvement), each in rule order then source order.
pub fn findings(run: &RunData, lang: Lang) -> (Vec<Finding>, Vec<Finding>) {
    let (mut good, mut bad) = (Vec::new(), Vec::new());
    let f = |capability: &str, text: String, rule: u8| Finding {
        capability: capability.to_string(),
        text,
        rule,
    };
    for o in &run.scorecard.objectives {
        let value = o.value.map_or("—".into(), |v| words::value(&o.metric, v, lang));
        let what = words::metric(&o.metric, lang).label;
        let target = words::target(&o.metric, &o.target, lang);
        let text = match lang {
            Lang::En => format!(
                "Objective `{}` rated {} ({}): {what}: {value} (target {target}).",
                o.id,
                o.rating,
                crate::labels::rating_name(&o.rating, lang),
            ),
            Lang::Zh => format!(
                "演练目标 `{}` 评定为 {}（{}）：{what} {value}（目标 {target}）。",
                o.id,
                o.rating,
                crate::labels::rating_name(&o.rating, lang),
            ),
        };
        match o.rating.as_str() {
            "P" => good.push(f(&crate::labels::capability(&o.capability, lang), text, 1)),
            _ => bad.push(f(&crate::labels::capability(&o.capability, lang), text, 1)),
        }
    }
    let coordination = capability_for(run, |m| m.ends_with(".first_unit_min"), "Operational coordination", lang);
    for a in &run.scorecard.expected_actions {
        let text = match (action_verdict(a.delay_min), a.delay_min, lang) {
            (Verdict::Prompt, Some(d), Lang::En) => Some((
                true,
                format!(
                    "`{}` was carried out {} after inject `{}`.",
                    a.action,
                    words::minutes(d, lang),
                    a.inject
                ),
            )),
            (Verdict::Prompt, Some(d), Lang::Zh) => Some((
                true,
                format!("情景注入 `{}` 后 {}完成 `{}`。", a.inject, words::minutes(d, lang), a.action),
            )),
            (Verdict::Late, Some(d), Lang::En) => Some((
                false,
                format!(
                    "`{}` came {} after inject `{}` (later than {LATE_MIN} min).",
                    a.action,
                    words::minutes(d, lang),
                    a.inject
                ),
            )),
            (Verdict::Late, Some(d), Lang::Zh) => Some((
                false,
                format!(
                    "情景注入 `{}` 后 {}才完成 `{}`（超过 {LATE_MIN} 分钟）。",
                    a.inject,
                    words::minutes(d, lang),
                    a.action
                ),
            )),
            (Verdict::NotDone, _, Lang::En) => Some((
                false,
                format!("`{}`, expected after inject `{}`, was never carried out.", a.action, a.inject),
            )),
            (Verdict::NotDone, _, Lang::Zh) => Some((false, format!("情景注入 `{}` 后应完成的 `{}` 未完成。", a.inject, a.action))),
            _ => None,
        };
        match text {
            Some((true, t)) => good.push(f(&coordination, t, 2)),
            Some((false, t)) => bad.push(f(&coordination, t, 2)),
            None => {}
        }
    }
    // Rule 3: amounts from the metrics; the events only say where.
    let logistics = capability_for(run, |m| m.starts_with("supply."), "Logistics and supply chain management", lang);
    let mut places: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in run.events_of("shortfall") {
        let item = e.str("item").unwrap_or_default().to_string();
        let at = places.entry(item).or_default();
        if !at.contains(&e.subject) {
            at.push(e.subject.clone());
        }
    }
    for (key, v) in &run.summary.metrics {
        let Some(item) = key.strip_prefix("supply.").and_then(|k| k.strip_suffix(".shortfall")) else {
            continue;
        };
        let Some(v) = v.filter(|v| v.is_finite() && *v > 0.0) else {
            continue;
        };
        let at: Vec<String> = places.get(item).into_iter().flatten().map(|h| format!("`{h}`")).collect();
        let name = words::item_name(item, lang);
        let amount = words::value(key, v, lang);
        let text = match (lang, item == "beds") {
            (Lang::En, true) => format!("Beds ran short: at the worst, {amount} (at {}).", at.join(", ")),
            (Lang::En, false) => format!(
                "{} ran short: {amount} short over the drill (at {}).",
                capitalise(&name),
                at.join(", ")
            ),
            (Lang::Zh, true) => format!("床位不足：最多 {amount}（{}）。", at.join("、")),
            (Lang::Zh, false) => format!("{name}不足：演练期间共缺 {amount}（{}）。", at.join("、")),
        };
        bad.push(f(&logistics, text, 3));
    }
    let scored = |key: &str| run.scorecard.objectives.iter().any(|o| o.metric == key);
    for key in ["people.trapped_at_end", "people.dead", "people.injured"] {
        if scored(key) {
            continue;
        }
        if let Some(v) = run.metric(key).filter(|v| *v > 0.0) {
            let n = words::value(key, v, lang);
            let (text, cap) = match (key, lang) {
                ("people.trapped_at_end", Lang::En) => (format!("{n} still trapped at the end of the drill."), "Mass search and rescue"),
                ("people.trapped_at_end", Lang::Zh) => (format!("演练结束时仍有 {n} 被困。"), "Mass search and rescue"),
                ("people.dead", Lang::En) => (format!("{n} died."), "Life safety"),
                ("people.dead", Lang::Zh) => (format!("{n} 死亡。"), "Life safety"),
                (_, Lang::En) => (format!("{n} were injured."), "Life safety"),
                (_, Lang::Zh) => (format!("{n} 受伤。"), "Life safety"),
            };
            let related: &[&str] = if key == "people.trapped_at_end" {
                &["people.trapped_at_end"]
            } else {
                &["people.dead", "people.injured"]
            };
            let cap = capability_for(run, |m| related.contains(&m), cap, lang);
            bad.push(f(&cap, text, 4));
        }
    }
    let care = capability_for(run, |m| m.starts_with("shelters."), "Mass care", lang);
    let mut full: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
    for e in run.events_of("shelter_full") {
        let s = full.entry(e.subject.as_str()).or_insert((e.t_s, 0));
        s.1 += 1;
    }
    for (shelter, (first, n)) in full {
        let text = match lang {
            Lang::En => format!(
                "Shelter `{shelter}` was full from {} and turned away {n} household{}.",
                crate::fmt_time(first),
                if n == 1 { "" } else { "s" }
            ),
            Lang::Zh => format!("避难所 `{shelter}` 自 {} 起满员，拒收 {n} 户。", crate::fmt_time(first)),
        };
        bad.push(f(&care, text, 5));
    }
    let mut lost: Vec<&str> = run
        .events_of("team_state")
        .filter(|e| e.str("state") == Some("lost"))
        .map(|e| e.subject.as_str())
        .collect();
    lost.dedup();
    for team in lost {
        // A crew overcome by the cloud says what it breathed and through what.
        let overcome = run.events_of("crew_overcome").find(|e| e.subject == team);
        let text = match (lang, overcome) {
            (Lang::En, Some(e)) => format!(
                "Team `{team}` was overcome by the cloud at {}: {:.3} ppm outside, {:.3} ppm behind a respirator of protection factor {}.",
                crate::fmt_time(e.t_s),
                e.num("ppm").unwrap_or(f64::NAN),
                e.num("inhaled_ppm").unwrap_or(f64::NAN),
                e.num("protection_factor").unwrap_or(1.0)
            ),
            (Lang::Zh, Some(e)) => format!(
                "队伍 `{team}` 于 {} 中毒失能：外界浓度 {:.3} ppm，呼吸防护（防护因数 {}）后吸入 {:.3} ppm。",
                crate::fmt_time(e.t_s),
                e.num("ppm").unwrap_or(f64::NAN),
                e.num("protection_factor").unwrap_or(1.0),
                e.num("inhaled_ppm").unwrap_or(f64::NAN)
            ),
            (Lang::En, None) => format!("Team `{team}` was lost."),
            (Lang::Zh, None) => format!("队伍 `{team}` 失联。"),
        };
        bad.push(f(&crate::labels::capability("Responder safety and health", lang), text, 6));
    }
    let waiting = capability_for(
        run,
        |m| m.starts_with("incidents.") || m == "people.trapped_at_end",
        "Mass search and rescue",
        lang,
    );
    let able = run
        .scenario
        .as_ref()
        .ok()
        .map(|c| waits::team_list(&drillsim::domains::teams::rescue_teams(&c.scenario), lang));
    for part in waits::plan_side(&waits::parts(|k| run.metric(k))) {
        let (total, pct) = (words::minutes(part.minutes, lang), (part.share * 100.0).round());
        let (name, hint) = (waits::name(part.cause, lang), waits::hint(part.cause, lang));
        // Which teams the cause is about, past "no able team".
        let teams = able
            .as_ref()
            .filter(|_| part.cause != drillsim::domains::teams::WaitCause::NoAbleTeam);
        let text = match (lang, teams) {
            (Lang::En, Some(t)) => format!(
                "Incidents waited {total} in all for a first team with {name} ({pct} % of their waiting; able to rescue: {t}): {hint}."
            ),
            (Lang::En, None) => format!("Incidents waited {total} in all for a first team with {name} ({pct} % of their waiting): {hint}."),
            (Lang::Zh, Some(t)) => format!("事件等待首支队伍共 {total}，原因是{name}（占全部等待的 {pct} %；能救援的队伍：{t}）：{hint}。"),
            (Lang::Zh, None) => format!("事件等待首支队伍共 {total}，原因是{name}（占全部等待的 {pct} %）：{hint}。"),
        };
        bad.push(f(&waiting, text, 7));
    }
    // Rule 8.
    good.retain(|g: &Finding| !bad.iter().any(|b| b.capability == g.capability));
    (good, bad)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
