//! Strengths and areas for improvement, derived from the results by fixed,
//! documented rules ([`RULES`], printed in every report) so two readers of
//! the same run get the same list:
//!
//! 1. An objective rated **P or S** is a strength; **M or U** an area for
//!    improvement (HSEEP: M and U capabilities need corrective action).
//! 2. An expected action carried out within [`PROMPT_MIN`] minutes of its
//!    inject is a strength; one later than [`LATE_MIN`] minutes, or never
//!    carried out, is an area for improvement. These two yardsticks are
//!    Drillsim's reporting convention, not HSEEP values: HSEEP leaves timing
//!    targets to each exercise, and the scenario language has none for actions.
//! 3. Every supply shortfall (a `shortfall` event) is an area for improvement,
//!    one finding per holder and item with the total amount short.
//! 4. People still trapped at the end, deaths and injuries are areas for
//!    improvement (`people.trapped_at_end`, `people.dead`, `people.injured`).
//! 5. A shelter that turned households away when full is an area for
//!    improvement (`shelter_full` events).
//! 6. A team lost during the drill is an area for improvement.

use crate::RunData;
use crate::palette::{self, RGBColor};
use std::collections::BTreeMap;

/// An expected action this many minutes or less after its inject is prompt.
pub const PROMPT_MIN: f64 = 15.0;
/// An expected action more than this many minutes after its inject is late.
pub const LATE_MIN: f64 = 60.0;

/// The rules as printed in the report.
pub const RULES: [&str; 6] = [
    "An objective rated P or S is a strength; one rated M or U is an area for improvement.",
    "An expected action carried out within 15 min of its inject is a strength; later than 60 min, or not at all, is an area for improvement (Drillsim's reporting convention; the thresholds are not HSEEP values).",
    "Every supply shortfall is an area for improvement (one per holder and item).",
    "People trapped at the end of the drill, deaths and injuries are areas for improvement.",
    "A shelter that turned households away because it was full is an area for improvement.",
    "A team lost during the drill is an area for improvement.",
];

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
    /// The capability it concerns (an objective's, or a fixed one for rules 2–6).
    pub capability: String,
    pub text: String,
    /// Which rule (1–6) produced it.
    pub rule: u8,
}

/// (strengths, areas for improvement), each in rule order then source order.
pub fn findings(run: &RunData) -> (Vec<Finding>, Vec<Finding>) {
    let (mut good, mut bad) = (Vec::new(), Vec::new());
    let f = |capability: &str, text: String, rule: u8| Finding {
        capability: capability.to_string(),
        text,
        rule,
    };
    for o in &run.scorecard.objectives {
        let value = o.value.map_or("n/a".into(), crate::fmt_num);
        let text = format!(
            "Objective `{}` rated {} ({}): {} = {value}, target {}.",
            o.id,
            o.rating,
            palette::rating_name(&o.rating),
            o.metric,
            o.target
        );
        match o.rating.as_str() {
            "P" | "S" => good.push(f(&o.capability, text, 1)),
            _ => bad.push(f(&o.capability, text, 1)),
        }
    }
    for a in &run.scorecard.expected_actions {
        match (action_verdict(a.delay_min), a.delay_min) {
            (Verdict::Prompt, Some(d)) => good.push(f(
                "Operational coordination",
                format!(
                    "`{}` was carried out {} min after inject `{}`.",
                    a.action,
                    crate::fmt_num(d),
                    a.inject
                ),
                2,
            )),
            (Verdict::Late, Some(d)) => bad.push(f(
                "Operational coordination",
                format!(
                    "`{}` came {} min after inject `{}` (later than {LATE_MIN} min).",
                    a.action,
                    crate::fmt_num(d),
                    a.inject
                ),
                2,
            )),
            (Verdict::NotDone, _) => bad.push(f(
                "Operational coordination",
                format!("`{}`, expected after inject `{}`, was never carried out.", a.action, a.inject),
                2,
            )),
            _ => {}
        }
    }
    // Used-up items (water, meals) sum over the hourly reports; for items held
    // per person (beds) each report is the hour's largest gap, so take the peak.
    let mut short: BTreeMap<(String, String), (f64, usize, bool)> = BTreeMap::new();
    for e in run.events_of("shortfall") {
        let k = (e.subject.clone(), e.str("item").unwrap_or("supplies").to_string());
        let held = e.data.get("people_short").and_then(|v| v.as_bool()).unwrap_or(false);
        let s = short.entry(k).or_insert((0.0, 0, held));
        let amount = e.num("amount").filter(|v| v.is_finite()).unwrap_or(0.0);
        s.0 = if held { s.0.max(amount) } else { s.0 + amount };
        s.1 += 1;
    }
    for ((holder, item), (amount, n, held)) in short {
        let text = if held {
            format!(
                "`{holder}` lacked {item} for up to {} people ({n} hourly report(s)).",
                crate::fmt_num(amount)
            )
        } else {
            format!(
                "`{holder}` ran short of {item}: {} short over {n} hourly report(s).",
                crate::fmt_num(amount)
            )
        };
        bad.push(f("Logistics and supply chain", text, 3));
    }
    for (key, what, cap) in [
        (
            "people.trapped_at_end",
            "still trapped at the end of the drill",
            "Mass search and rescue",
        ),
        ("people.dead", "died", "Life safety"),
        ("people.injured", "were injured", "Life safety"),
    ] {
        if let Some(v) = run.metric(key).filter(|v| *v > 0.0) {
            bad.push(f(cap, format!("{} people {what}.", crate::fmt_num(v)), 4));
        }
    }
    let mut full: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
    for e in run.events_of("shelter_full") {
        let s = full.entry(e.subject.as_str()).or_insert((e.t_s, 0));
        s.1 += 1;
    }
    for (shelter, (first, n)) in full {
        bad.push(f(
            "Mass care",
            format!(
                "Shelter `{shelter}` was full from {} and turned away {n} household(s).",
                crate::fmt_time(first)
            ),
            5,
        ));
    }
    let mut lost: Vec<&str> = run
        .events_of("team_state")
        .filter(|e| e.str("state") == Some("lost"))
        .map(|e| e.subject.as_str())
        .collect();
    lost.dedup();
    for team in lost {
        bad.push(f("Responder safety and health", format!("Team `{team}` was lost."), 6));
    }
    (good, bad)
}
