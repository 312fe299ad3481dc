//! The report's content, built once from a run and printed twice (HTML and
//! Markdown), so both say the same thing. The section order follows the
//! HSEEP after-action report / improvement plan (AAR/IP) template: exercise
//! overview, executive summary, analysis of capabilities (objectives,
//! ratings, strengths, areas for improvement), then appendices (improvement
//! plan). Drillsim adds the timeline and the charts.

use crate::charts::ChartFile;
use crate::charts::gantt::Gantt;
use crate::charts::stock::Stock;
use crate::rules::{self, Finding, Verdict};
use crate::{RunData, fmt_num, fmt_time};
use std::collections::BTreeMap;

/// Section headings, in order; tests look for each in the rendered HTML.
pub const SECTIONS: [&str; 8] = [
    "1. Exercise overview",
    "2. Executive summary",
    "3. Objectives and core capabilities",
    "4. Strengths and areas for improvement",
    "5. Timeline",
    "6. Charts and maps",
    "Appendix A: Improvement plan",
    "Appendix B: How findings are derived",
];

/// Table headers: both documents print the same tables.
pub const OVERVIEW_COLUMNS: [&str; 2] = ["Item", "Value"];
pub const SAMPLED_COLUMNS: [&str; 2] = ["Parameter", "Value"];
pub const OBJECTIVE_COLUMNS: [&str; 8] = ["Objective", "Capability", "Metric", "Value", "Target", "Rating", "Weight", "Points"];
pub const CAPABILITY_COLUMNS: [&str; 3] = ["Capability", "Rating", "Objectives"];
pub const ACTION_COLUMNS: [&str; 4] = ["Inject", "Expected action", "Delay", "Verdict"];
pub const TIMELINE_COLUMNS: [&str; 4] = ["Time", "Event", "Subject", "Detail"];

/// Columns of the improvement-plan table (HSEEP AAR/IP appendix A), left for
/// the planning team to fill in.
pub const IMPROVEMENT_PLAN_COLUMNS: [&str; 6] = [
    "Capability",
    "Area for improvement",
    "Corrective action",
    "Responsible",
    "Start date",
    "Completion date",
];
pub const IMPROVEMENT_PLAN_INTRO: &str = "To be completed by the exercise planning team: one row per area for improvement.";

/// Event kinds that go into the timeline table, with a readable name. Kinds
/// that repeat (a full shelter, a shortfall) appear once per subject.
const TIMELINE: [(&str, &str, bool); 16] = [
    ("inject_fired", "Inject", false),
    ("levee_breached", "Levee breached", false),
    ("road_closed", "Road closed", false),
    ("road_opened", "Road opened", false),
    ("level_changed", "Response level", false),
    ("warning_issued", "Warning issued", false),
    ("rule_fired", "Plan rule fired", false),
    ("order_executed", "Order executed", false),
    ("sandbag_line_complete", "Sandbag line complete", false),
    ("recon_done", "Reconnaissance done", false),
    ("casualties", "Casualties", false),
    ("shelter_full", "Shelter first full", true),
    ("shortfall", "First shortfall", true),
    ("comms_outage", "Communications outage", false),
    ("team_lost", "Team lost", false),
    ("patients_admitted", "Patients admitted", false),
];

#[derive(Clone, Debug)]
pub struct ObjectiveRow {
    pub id: String,
    pub capability: String,
    pub metric: String,
    pub value: String,
    pub target: String,
    pub rating: String,
    pub weight: String,
    pub points: String,
}

#[derive(Clone, Debug)]
pub struct TimelineRow {
    pub time: String,
    pub what: String,
    pub subject: String,
    pub detail: String,
}

/// A chart's place in the report: file stem, caption, and the section it belongs to.
#[derive(Clone, Debug)]
pub struct ChartRef {
    pub stem: String,
    pub title: String,
    pub group: &'static str,
}

pub struct Document {
    pub title: String,
    pub overview: Vec<(String, String)>,
    pub summary: Vec<String>,
    pub objectives: Vec<ObjectiveRow>,
    /// Capability, its rating (the worst of its objectives), its objectives.
    pub capabilities: Vec<(String, String, Vec<String>)>,
    /// Inject, action, delay, verdict.
    pub actions: Vec<(String, String, String, String)>,
    pub strengths: Vec<Finding>,
    pub improvements: Vec<Finding>,
    pub timeline: Vec<TimelineRow>,
    pub charts: Vec<ChartRef>,
    /// Notes printed where a chart is absent.
    pub notes: Vec<(&'static str, String)>,
    /// Team hours per state: team, [(state, h)].
    pub team_hours: Vec<(String, Vec<(&'static str, f64)>)>,
    pub sampled: Vec<(String, String)>,
}

fn group_of(stem: &str) -> &'static str {
    match stem {
        "scorecard" => "Scorecard",
        "msel" => "MSEL",
        "people" => "People",
        "hazard" => "Hazard",
        "teams" => "Teams",
        "stock" => "Supplies",
        _ => "Maps",
    }
}

/// Order of the chart groups in section 6.
pub const CHART_GROUPS: [&str; 5] = ["People", "Hazard", "Maps", "Teams", "Supplies"];

impl Document {
    pub fn build(run: &RunData, charts: &[ChartFile]) -> Self {
        let s = &run.summary;
        let sc = &run.scorecard;
        let overview = vec![
            ("Scenario".into(), s.scenario.clone()),
            ("Scenario file".into(), s.scenario_file.clone()),
            ("Scenario SHA-256".into(), s.scenario_sha256.clone()),
            ("Seed".into(), s.seed.to_string()),
            ("Replication".into(), s.replication.to_string()),
            ("Exercise start".into(), s.start.clone()),
            ("Duration".into(), fmt_time(s.duration_s)),
            ("Time step".into(), format!("{} s", fmt_num(s.tick_s))),
            ("Engine version".into(), s.engine_version.clone()),
        ];
        let objectives = sc
            .objectives
            .iter()
            .map(|o| ObjectiveRow {
                id: o.id.clone(),
                capability: o.capability.clone(),
                metric: o.metric.clone(),
                value: o.value.map_or("n/a".into(), fmt_num),
                target: o.target.clone(),
                rating: o.rating.clone(),
                weight: fmt_num(o.weight),
                points: format!("{:.1}", o.points),
            })
            .collect();
        // Capability rating: the worst rating among its objectives.
        let rank = |r: &str| ["P", "S", "M", "U"].iter().position(|x| *x == r).unwrap_or(4);
        let mut caps: Vec<(String, String, Vec<String>)> = Vec::new();
        for o in &sc.objectives {
            match caps.iter_mut().find(|c| c.0 == o.capability) {
                Some(c) => {
                    if rank(&o.rating) > rank(&c.1) {
                        c.1 = o.rating.clone();
                    }
                    c.2.push(o.id.clone());
                }
                None => caps.push((o.capability.clone(), o.rating.clone(), vec![o.id.clone()])),
            }
        }
        let actions = sc
            .expected_actions
            .iter()
            .map(|a| {
                let v = match rules::action_verdict(a.delay_min) {
                    Verdict::Prompt => "prompt",
                    Verdict::Acceptable => "within the hour",
                    Verdict::Late => "late",
                    Verdict::NotDone => "not done",
                };
                let d = a.delay_min.map_or("—".into(), |d| format!("{} min", fmt_num(d)));
                (a.inject.clone(), a.action.clone(), d, v.to_string())
            })
            .collect();
        let (strengths, improvements) = rules::findings(run);
        let mut notes = Vec::new();
        let stock = Stock::new(run);
        if stock.columns.is_empty() {
            notes.push(("Supplies", "No supplies tracked in this drill.".to_string()));
        }
        if let Err(why) = &run.scenario {
            notes.push(("Maps", format!("Roads, shelters and teams are not drawn on the maps: {why}.")));
        }
        if !charts.iter().any(|c| group_of(&c.stem) == "Maps") {
            notes.push(("Maps", "This run wrote no hazard rasters, so there are no maps.".to_string()));
        }
        let gantt = Gantt::new(run);
        if gantt.rows.is_empty() {
            notes.push(("Teams", "No response teams in this drill.".to_string()));
        }
        Document {
            title: format!("After-action report: {}", s.scenario),
            overview,
            summary: summary(run, &strengths, &improvements),
            objectives,
            capabilities: caps,
            actions,
            strengths,
            improvements,
            timeline: timeline(run),
            charts: charts
                .iter()
                .map(|c| ChartRef {
                    stem: c.stem.clone(),
                    title: c.title.clone(),
                    group: group_of(&c.stem),
                })
                .collect(),
            notes,
            team_hours: gantt.totals(),
            sampled: s.sampled.iter().map(|(k, v)| (k.clone(), fmt_num(*v))).collect(),
        }
    }

    pub fn charts_in<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a ChartRef> + 'a {
        self.charts.iter().filter(move |c| c.group == group)
    }

    pub fn notes_for<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.notes.iter().filter(move |n| n.0 == group).map(|n| n.1.as_str())
    }
}

fn summary(run: &RunData, strengths: &[Finding], improvements: &[Finding]) -> Vec<String> {
    let sc = &run.scorecard;
    let mut out = Vec::new();
    if let Some(score) = sc.score {
        let ok = sc.objectives.iter().filter(|o| o.rating == "P" || o.rating == "S").count();
        out.push(format!(
            "The drill scored {score:.1} out of 100; {ok} of {} objectives were performed without or with some challenges (P or S).",
            sc.objectives.len()
        ));
    } else {
        out.push("The scenario defines no objectives, so the drill was not scored.".into());
    }
    if let Some(res) = run.metric("people.residents").filter(|r| *r > 0.0) {
        let pct = |k: &str| {
            run.metric(k)
                .map_or("n/a".to_string(), |v| format!("{} ({:.0} %)", fmt_num(v), 100.0 * v / res))
        };
        out.push(format!(
            "Of {} residents, {} reached a shelter, {} were rescued by teams, {} died, {} were injured ({} of them taken to hospital) and {} were still trapped at the end.",
            fmt_num(res),
            pct("people.sheltered"),
            run.metric("people.rescued").map_or("n/a".into(), fmt_num),
            run.metric("people.dead").map_or("n/a".into(), fmt_num),
            run.metric("people.injured").map_or("n/a".into(), fmt_num),
            run.metric("people.hospitalised").map_or("0".into(), fmt_num),
            run.metric("people.trapped_at_end").map_or("n/a".into(), fmt_num),
        ));
    }
    let injects = run.injects();
    if !injects.is_empty() || !sc.expected_actions.is_empty() {
        let count = |v: Verdict| {
            sc.expected_actions
                .iter()
                .filter(|a| rules::action_verdict(a.delay_min) == v)
                .count()
        };
        out.push(format!(
            "{} injects fired. Of {} expected actions, {} were prompt (≤ {} min), {} came within the hour, {} were late and {} were not done.",
            injects.len(),
            sc.expected_actions.len(),
            count(Verdict::Prompt),
            rules::PROMPT_MIN,
            count(Verdict::Acceptable),
            count(Verdict::Late),
            count(Verdict::NotDone)
        ));
    }
    out.push(format!(
        "The rules of Appendix B find {} strengths and {} areas for improvement.",
        strengths.len(),
        improvements.len()
    ));
    out
}

fn timeline(run: &RunData) -> Vec<TimelineRow> {
    let mut seen: BTreeMap<(&str, &str), ()> = BTreeMap::new();
    let mut rows: Vec<(f64, usize, TimelineRow)> = Vec::new();
    for (i, e) in run.events.iter().enumerate() {
        let Some((_, what, once)) = TIMELINE.iter().find(|(k, _, _)| *k == e.kind) else {
            continue;
        };
        if *once && seen.insert((e.kind.as_str(), e.subject.as_str()), ()).is_some() {
            continue;
        }
        let mut detail: Vec<String> = Vec::new();
        for (k, v) in &e.data {
            let v = match v {
                // An absent value adds nothing.
                serde_json::Value::Null => continue,
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.as_f64().map_or(n.to_string(), fmt_num),
                other => other.to_string(),
            };
            // Nor does restating the subject (the `where` of a shortfall).
            if !v.is_empty() && v != e.subject {
                detail.push(format!("{}: {v}", k.replace('_', " ")));
            }
        }
        rows.push((
            e.t_s,
            i,
            TimelineRow {
                time: fmt_time(e.t_s),
                what: what.to_string(),
                subject: e.subject.clone(),
                detail: detail.join("; "),
            },
        ));
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    rows.into_iter().map(|r| r.2).collect()
}
