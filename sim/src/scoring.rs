//! Scoring a run against the drill's objectives (DESIGN.md §6).
//!
//! Each objective's metric is read from the run's end-of-run metrics, rated
//! P/S/M/U against its thresholds, and weighted into a 0–100 drill score.
//! The formula is documented in scenarios/README.md ("Scoring").

use crate::engine::EventRecord;
use crate::scenario::model::{Metric, Objective, Scenario, Target};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// HSEEP performance ratings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Rating {
    /// Performed without challenges.
    P,
    /// Performed with some challenges.
    S,
    /// Performed with major challenges.
    M,
    /// Unable to be performed.
    U,
}

impl Rating {
    /// Share of an objective's weight earned.
    pub fn credit(self) -> f64 {
        match self {
            Rating::P => 1.0,
            Rating::S => 0.75,
            Rating::M => 0.4,
            Rating::U => 0.0,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Rating::P => "Performed without challenges",
            Rating::S => "Performed with some challenges",
            Rating::M => "Performed with major challenges",
            Rating::U => "Unable to be performed",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveResult {
    pub id: String,
    pub capability: String,
    pub metric: String,
    /// NaN (serialised as null) when the metric could not be measured.
    pub value: Option<f64>,
    pub target: String,
    pub met: bool,
    pub rating: Rating,
    pub weight: f64,
    /// Points earned out of 100 for the whole drill.
    pub points: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExpectedAction {
    pub inject: String,
    pub action: String,
    /// Minutes from the inject firing to the action; None when it never happened.
    pub delay_min: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    pub objectives: Vec<ObjectiveResult>,
    pub expected_actions: Vec<ExpectedAction>,
    /// Weighted 0–100 score.
    pub score: f64,
}

/// The metric key an objective reads from the run's metrics.
pub fn metric_key(m: &Metric) -> String {
    match m {
        Metric::Fatalities => "people.dead".into(),
        Metric::Injured => "people.injured".into(),
        Metric::ShareSheltered { zone: Some(z), by } => format!("zone.{z}.share_sheltered_by_{}", by.secs() as u64),
        Metric::ShareSheltered { zone: None, by } => format!("people.share_sheltered_by_{}", by.secs() as u64),
        Metric::TimeToFirstUnit(i) => format!("inject.{i}.first_unit_min"),
        Metric::MaxShelterOccupancy => "shelters.max_occupancy_ratio".into(),
        Metric::SupplyShortfall { item: Some(i) } => format!("supply.{i}.shortfall"),
        // Refused by the validator: items are counted in their own units.
        Metric::SupplyShortfall { item: None } => "supply.shortfall".into(),
        Metric::PeopleExposed => "people.exposed".into(),
        Metric::TrappedAtEnd => "people.trapped_at_end".into(),
        Metric::ConvoyArrival(c) => format!("convoy.{c}.arrival_min"),
        Metric::AreaBurnt => "fire.area_burnt_km2".into(),
        Metric::InitialAttack => "fire.initial_attack_min".into(),
        Metric::BuildingsLost => "fire.built_cells_lost".into(),
        Metric::Containment => "fire.containment".into(),
        Metric::TimeToOut => "fire.time_to_out_min".into(),
        Metric::PeopleOverAegl(level) => format!("release.people_aegl{level}"),
    }
}

/// Default P/S/M boundaries from the target: for `AtMost(t)`: (t, 1.5t+1, 3t+2);
/// for `AtLeast(t)`: (t, 0.8t, 0.5t).
pub fn thresholds(o: &Objective) -> (f64, f64, f64) {
    o.thresholds.unwrap_or(match o.target {
        Target::AtMost(t) => (t, 1.5 * t + 1.0, 3.0 * t + 2.0),
        Target::AtLeast(t) => (t, 0.8 * t, 0.5 * t),
    })
}

pub fn rate(o: &Objective, value: Option<f64>) -> (bool, Rating) {
    let Some(v) = value else { return (false, Rating::U) };
    let (p, s, m) = thresholds(o);
    match o.target {
        Target::AtMost(t) => (
            v <= t,
            if v <= p {
                Rating::P
            } else if v <= s {
                Rating::S
            } else if v <= m {
                Rating::M
            } else {
                Rating::U
            },
        ),
        Target::AtLeast(t) => (
            v >= t,
            if v >= p {
                Rating::P
            } else if v >= s {
                Rating::S
            } else if v >= m {
                Rating::M
            } else {
                Rating::U
            },
        ),
    }
}

/// Score a run; `None` when the scenario has no objectives.
pub fn score(s: &Scenario, metrics: &BTreeMap<String, f64>, events: &[EventRecord]) -> Option<Scorecard> {
    if s.objectives.is_empty() {
        return None;
    }
    let total_weight: f64 = s.objectives.iter().map(|o| o.weight).sum::<f64>().max(f64::MIN_POSITIVE);
    let objectives: Vec<ObjectiveResult> = s
        .objectives
        .iter()
        .map(|o| {
            let key = metric_key(&o.metric);
            let value = metrics.get(&key).copied().filter(|v| v.is_finite());
            let (met, rating) = rate(o, value);
            ObjectiveResult {
                id: o.id.clone(),
                capability: o.capability.clone(),
                metric: key,
                value,
                target: match o.target {
                    Target::AtMost(t) => format!("≤ {t}"),
                    Target::AtLeast(t) => format!("≥ {t}"),
                },
                met,
                rating,
                weight: o.weight,
                points: 100.0 * o.weight * rating.credit() / total_weight,
            }
        })
        .collect();
    let score = objectives.iter().map(|o| o.points).sum();
    let fired: BTreeMap<&str, f64> = events
        .iter()
        .filter(|e| e.kind == "inject_fired")
        .map(|e| (e.subject.as_str(), e.t_s))
        .collect();
    let done: BTreeMap<&str, f64> =
        events
            .iter()
            .filter(|e| e.kind == "order_executed" || e.kind == "rule_fired")
            .fold(BTreeMap::new(), |mut m, e| {
                m.entry(e.subject.as_str()).or_insert(e.t_s);
                m
            });
    let expected_actions = s
        .injects
        .iter()
        .flat_map(|i| {
            let fired_at = fired.get(i.id.as_str()).copied();
            let done = &done;
            i.expects.iter().map(move |a| ExpectedAction {
                inject: i.id.clone(),
                action: a.clone(),
                delay_min: match (fired_at, done.get(a.as_str())) {
                    (Some(f), Some(d)) => Some(((d - f) / 60.0).max(0.0)),
                    _ => None,
                },
            })
        })
        .collect();
    Some(Scorecard {
        objectives,
        expected_actions,
        score,
    })
}
