//! The report's content, built once from a run and printed twice (HTML and
//! Markdown), so both say the same thing. The section order follows the
//! HSEEP after-action report / improvement plan (AAR/IP) template: exercise
//! overview, executive summary, analysis of capabilities (objectives,
//! ratings, strengths, areas for improvement), then appendices (improvement
//! plan). Drillsim adds the timeline and the charts.

use crate::charts::ChartFile;
use crate::charts::gantt::Gantt;
use crate::charts::stock::Stock;
use crate::labels::{self, Labels};
use crate::rules::{self, Finding, Verdict};
use crate::rundir::Event;
use crate::words::{self, Lang};
use crate::{RunData, fmt_num, fmt_time};
use drillsim::session::Move;
use std::collections::BTreeMap;

/// Section headings in English, in order; tests look for each in the rendered HTML.
pub const SECTIONS: [&str; 8] = labels::EN.sections;

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
    pub lang: Lang,
    /// The fixed words in `lang`.
    pub t: &'static Labels,
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
    /// The moves of a tabletop session, each as (time, move, what).
    pub decisions: Vec<[String; 3]>,
    pub charts: Vec<ChartRef>,
    /// Notes printed where a chart is absent.
    pub notes: Vec<(&'static str, String)>,
    /// Team hours per state: team, [(state, h)].
    pub team_hours: Vec<(String, Vec<(&'static str, f64)>)>,
    /// The incidents' wait for a first team by cause: cause, time, share.
    pub waits: Vec<[String; 3]>,
    /// Sampled parameters: in words, value with unit, path in the scenario.
    pub sampled: Vec<(String, String, String)>,
}

/// The scenario file as the report shows it: as given when relative, its
/// name alone when absolute, so a report names no directory of the machine
/// it was made on (the SHA-256 beside it identifies the file).
fn shown_path(given: &str) -> String {
    let p = std::path::Path::new(given);
    match p.file_name() {
        Some(name) if p.is_absolute() => name.to_string_lossy().into_owned(),
        _ => given.to_string(),
    }
}

fn group_of(stem: &str) -> &'static str {
    match stem {
        "scorecard" => "Scorecard",
        "msel" => "MSEL",
        "people" | "dose" => "People",
        "hazard" | "air_at_places" => "Hazard",
        "teams" | "waits" => "Teams",
        "stock" => "Supplies",
        _ => "Maps",
    }
}

/// Order of the chart groups in section 6.
pub const CHART_GROUPS: [&str; 5] = ["People", "Hazard", "Maps", "Teams", "Supplies"];

/// The display name of a chart group in `lang`.
pub fn group_name(group: &str, lang: Lang) -> &'static str {
    let t = labels::labels(lang);
    CHART_GROUPS.iter().position(|g| *g == group).map_or("", |i| t.chart_groups[i])
}

impl Document {
    pub fn build(run: &RunData, charts: &[ChartFile]) -> Self {
        Self::build_in(run, charts, Lang::En)
    }

    pub fn build_in(run: &RunData, charts: &[ChartFile], lang: Lang) -> Self {
        let t = labels::labels(lang);
        let s = &run.summary;
        let sc = &run.scorecard;
        let values = [
            s.scenario.clone(),
            shown_path(&s.scenario_file),
            s.scenario_sha256.clone(),
            s.seed.to_string(),
            s.replication.to_string(),
            s.start.clone(),
            duration(s, lang),
            format!("{} s", fmt_num(s.tick_s)),
            s.engine_version.clone(),
        ];
        let mut overview: Vec<(String, String)> = t.overview_items.iter().map(|k| k.to_string()).zip(values).collect();
        let mut decisions = Vec::new();
        if let Some(session) = &run.session {
            let value = match session {
                Ok(moves) => {
                    decisions = moves.iter().filter_map(|m| decision(m, run, lang)).collect();
                    let orders = moves.iter().filter(|m| matches!(m, Move::Order { .. })).count();
                    let injects = moves.iter().filter(|m| matches!(m, Move::Inject { .. })).count();
                    match lang {
                        Lang::En => format!(
                            "live at the table: {orders} order{} given, {injects} inject{} fired by hand (session.ron replays it)",
                            if orders == 1 { "" } else { "s" },
                            if injects == 1 { "" } else { "s" }
                        ),
                        Lang::Zh => format!("桌面推演：现场下达指令 {orders} 条，手动触发情景注入 {injects} 个（session.ron 可重放）"),
                    }
                }
                Err(why) => match lang {
                    Lang::En => format!("live at the table; session.ron could not be read: {why}"),
                    Lang::Zh => format!("桌面推演；无法读取 session.ron：{why}"),
                },
            };
            overview.push((lang.pick("Played", "推演方式").to_string(), value));
        }
        let objectives = sc
            .objectives
            .iter()
            .map(|o| ObjectiveRow {
                id: o.id.clone(),
                capability: labels::capability(&o.capability, lang),
                metric: words::metric(&o.metric, lang).label,
                value: o.value.map_or("—".into(), |v| words::value(&o.metric, v, lang)),
                target: words::target(&o.metric, &o.target, lang),
                rating: o.rating.clone(),
                weight: fmt_num(o.weight),
                points: format!("{:.1}", o.points),
            })
            .collect();
        // Capability rating: the worst rating among its objectives.
        let rank = |r: &str| ["P", "S", "M", "U"].iter().position(|x| *x == r).unwrap_or(4);
        let mut caps: Vec<(String, String, Vec<String>)> = Vec::new();
        for o in &sc.objectives {
            let capability = labels::capability(&o.capability, lang);
            match caps.iter_mut().find(|c| c.0 == capability) {
                Some(c) => {
                    if rank(&o.rating) > rank(&c.1) {
                        c.1 = o.rating.clone();
                    }
                    c.2.push(o.id.clone());
                }
                None => caps.push((capability, o.rating.clone(), vec![o.id.clone()])),
            }
        }
        let actions = sc
            .expected_actions
            .iter()
            .map(|a| {
                let v = match rules::action_verdict(a.delay_min) {
                    Verdict::Prompt => t.verdicts[0],
                    Verdict::Acceptable => t.verdicts[1],
                    Verdict::Late => t.verdicts[2],
                    Verdict::NotDone => t.verdicts[3],
                };
                let d = a.delay_min.map_or("—".into(), |d| words::minutes(d, lang));
                (a.inject.clone(), a.action.clone(), d, v.to_string())
            })
            .collect();
        let (strengths, improvements) = rules::findings(run, lang);
        let mut notes = Vec::new();
        let stock = Stock::new(run);
        if stock.columns.is_empty() {
            notes.push(("Supplies", t.notes[0].to_string()));
        }
        if let Err(why) = &run.scenario {
            notes.push(("Maps", format!("{}{why}.", t.notes[1])));
        }
        if !charts.iter().any(|c| group_of(&c.stem) == "Maps") {
            notes.push(("Maps", t.notes[2].to_string()));
        }
        let gantt = Gantt::new(run);
        if gantt.rows.is_empty() {
            notes.push(("Teams", t.notes[3].to_string()));
        }
        let sampled = s
            .sampled
            .iter()
            .map(|(path, v)| {
                let named = run
                    .scenario
                    .as_ref()
                    .ok()
                    .and_then(|c| drillsim::scenario::param_names::param_name(&c.scenario, path));
                match named {
                    Some(n) => {
                        let (label, value) = words::param(&n, *v, lang);
                        (label, value, path.clone())
                    }
                    None => (path.clone(), fmt_num(*v), path.clone()),
                }
            })
            .collect();
        Document {
            lang,
            t,
            title: format!("{}{}", t.title, s.scenario),
            overview,
            summary: summary(run, &strengths, &improvements, lang),
            objectives,
            capabilities: caps,
            actions,
            strengths,
            improvements,
            timeline: timeline(&run.events, lang),
            decisions,
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
            waits: words::waits::parts(|k| run.metric(k))
                .iter()
                .filter(|p| p.minutes > 0.0)
                .map(|p| {
                    [
                        words::waits::name(p.cause, lang).to_string(),
                        words::minutes(p.minutes, lang),
                        format!("{:.0} %", p.share * 100.0),
                    ]
                })
                .collect(),
            sampled,
        }
    }

    pub fn charts_in<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a ChartRef> + 'a {
        self.charts.iter().filter(move |c| c.group == group)
    }

    pub fn notes_for<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.notes.iter().filter(move |n| n.0 == group).map(|n| n.1.as_str())
    }
}

fn summary(run: &RunData, strengths: &[Finding], improvements: &[Finding], lang: Lang) -> Vec<String> {
    let sc = &run.scorecard;
    let mut out = Vec::new();
    let people = |k: &str| run.metric(k).map_or("—".to_string(), |v| words::value(k, v, lang));
    let share_zh = |s: String| {
        if s.is_empty() {
            s
        } else {
            format!("（{}）", s.trim().trim_matches(['(', ')']))
        }
    };
    let count = |k: &str| words::count(run.metric(k).filter(|v| v.is_finite()).unwrap_or(0.0));
    if let Some(score) = sc.score {
        let p = sc.objectives.iter().filter(|o| o.rating == "P").count();
        let n = sc.objectives.len();
        out.push(match lang {
            Lang::En => format!(
                "The drill scored {score:.1} out of 100; {p} of {n} objective{} {} performed without challenges (P).",
                if n == 1 { "" } else { "s" },
                if p == 1 { "was" } else { "were" }
            ),
            Lang::Zh => format!("本次演练得分 {score:.1}（满分 100）；{n} 个演练目标中有 {p} 个顺利完成（P）。"),
        });
    } else {
        out.push(
            lang.pick(
                "The scenario defines no objectives, so the drill was not scored.",
                "本情景未设定演练目标，因此未评分。",
            )
            .into(),
        );
    }
    if let Some(res) = run.metric("people.residents").filter(|r| *r > 0.0) {
        let sheltered = run.metric("people.sheltered").unwrap_or(f64::NAN);
        let share = if sheltered.is_finite() {
            format!(" ({:.0} %)", 100.0 * sheltered / res)
        } else {
            String::new()
        };
        let share = if lang == Lang::Zh { share_zh(share) } else { share };
        out.push(match lang {
            Lang::En => format!(
                "Of {}, {}{share} reached a shelter, {} were rescued by teams, {} died, {} were injured ({} taken to hospital) and {} were still trapped at the end.",
                people("people.residents"),
                count("people.sheltered"),
                count("people.rescued"),
                count("people.dead"),
                count("people.injured"),
                count("people.hospitalised"),
                count("people.trapped_at_end"),
            ),
            Lang::Zh => format!(
                "{} 名居民中，{} 人{share}进入避难所，{} 人被救援队救出，{} 人死亡，{} 人受伤（{} 人送医），演练结束时仍有 {} 人被困。",
                count("people.residents"),
                count("people.sheltered"),
                count("people.rescued"),
                count("people.dead"),
                count("people.injured"),
                count("people.hospitalised"),
                count("people.trapped_at_end"),
            ),
        });
    }
    if let Some(why) = words::waits::summary_sentence(&words::waits::parts(|k| run.metric(k)), lang) {
        out.push(why);
    }
    let injects = run.injects();
    if !injects.is_empty() || !sc.expected_actions.is_empty() {
        let count = |v: Verdict| {
            sc.expected_actions
                .iter()
                .filter(|a| rules::action_verdict(a.delay_min) == v)
                .count()
        };
        let (fired, n) = (injects.len(), sc.expected_actions.len());
        let (a, b, c, d) = (
            count(Verdict::Prompt),
            count(Verdict::Acceptable),
            count(Verdict::Late),
            count(Verdict::NotDone),
        );
        let prompt = rules::PROMPT_MIN;
        out.push(match lang {
            Lang::En => format!(
                "{} fired. Of {}, {a} {} prompt (≤ {prompt} min), {b} came within the hour, {c} {} late and {d} {} not done.",
                words::of(fired as u64, "inject", "injects"),
                words::of(n as u64, "expected action", "expected actions"),
                words::was_were(a as u64),
                words::was_were(c as u64),
                words::was_were(d as u64),
            ),
            Lang::Zh => format!(
                "共触发 {fired} 个情景注入。{n} 项预期行动中，{a} 项及时（≤ {prompt} 分钟），{b} 项在一小时内完成，{c} 项迟缓，{d} 项未完成。"
            ),
        });
    }
    let (g, b) = (strengths.len(), improvements.len());
    out.push(match lang {
        Lang::En => format!(
            "The rules of Appendix B find {g} strength{} and {b} area{} for improvement.",
            if g == 1 { "" } else { "s" },
            if b == 1 { "" } else { "s" }
        ),
        Lang::Zh => format!("按附录 B 的规则，发现演练成效 {g} 项、存在问题 {b} 项。"),
    });
    out
}

/// One move of a tabletop session as a row of the report: an order with
/// its action as typed, an inject fired by hand with its note. The end is
/// in the overview.
fn decision(m: &Move, run: &RunData, lang: Lang) -> Option<[String; 3]> {
    match m {
        Move::Order { at_s, id, action_text } => {
            Some([fmt_time(*at_s), format!("{} {id}", lang.pick("Order", "指令")), action_text.clone()])
        }
        Move::Inject { at_s, id } => {
            let note = run
                .scenario
                .as_ref()
                .ok()
                .and_then(|c| c.scenario.injects.iter().find(|j| &j.id == id))
                .map_or(String::new(), |j| j.note.clone());
            Some([fmt_time(*at_s), format!("{} {id}", lang.pick("Inject by hand", "手动注入")), note])
        }
        Move::End { .. } => None,
    }
}

/// The drill's duration, and where a session that stopped early stopped.
fn duration(s: &crate::rundir::Summary, lang: Lang) -> String {
    match s.ticks.map(|t| t as f64 * s.tick_s) {
        Some(ran) if ran + 1e-9 < s.duration_s => match lang {
            Lang::En => format!("{} (stopped at {})", fmt_time(s.duration_s), fmt_time(ran)),
            Lang::Zh => format!("{}（于 {} 提前结束）", fmt_time(s.duration_s), fmt_time(ran)),
        },
        _ => fmt_time(s.duration_s),
    }
}

/// The timeline of `events` in words: the kinds a commander reviews, one
/// row each (casualties one row per minute), in time order. Rows for a
/// prefix of a run's events are a prefix of the rows for all of them, so a
/// live session can print the rows as they come.
pub fn timeline(events: &[Event], lang: Lang) -> Vec<TimelineRow> {
    let mut seen: BTreeMap<(&str, &str), ()> = BTreeMap::new();
    let mut rows: Vec<(f64, usize, TimelineRow)> = Vec::new();
    // Per minute: (t, first index, name, households, dead, injured, reading, its worst value).
    type Casualties<'a> = (f64, usize, &'a str, usize, f64, f64, String, f64);
    let mut casualties: BTreeMap<u64, Casualties> = BTreeMap::new();
    for (i, e) in events.iter().enumerate() {
        let Some((_, en, zh, once)) = labels::TIMELINE.iter().find(|(k, _, _, _)| *k == e.kind) else {
            continue;
        };
        let what = lang.pick(en, zh);
        if *once && seen.insert((e.kind.as_str(), e.subject.as_str()), ()).is_some() {
            continue;
        }
        // Casualties come one event per household: one row per minute.
        if e.kind == "casualties" {
            let c = casualties
                .entry(e.t_s.to_bits())
                .or_insert((e.t_s, i, what, 0, 0.0, 0.0, String::new(), 0.0f64));
            c.3 += 1;
            c.4 += e.num("dead").unwrap_or(0.0);
            c.5 += e.num("injured").unwrap_or(0.0);
            for (k, v) in &e.data {
                if let Some(x) = v.as_f64().filter(|_| k != "dead" && k != "injured")
                    && x >= c.7
                {
                    (c.6, c.7) = (k.clone(), x);
                }
            }
            continue;
        }
        let mut detail: Vec<String> = Vec::new();
        let item = e.data.get("item").and_then(|i| i.as_str());
        for (k, v) in &e.data {
            let v = match v {
                // An absent value adds nothing, nor does restating the
                // subject (the `where` of a shortfall, a new level), nor a
                // road's blocked vehicle classes (a bit mask, for tools).
                serde_json::Value::Null => continue,
                _ if k == "blocked_classes" => continue,
                serde_json::Value::String(s) if *s == e.subject => continue,
                serde_json::Value::String(s) if k == "item" => words::item_name(s, lang),
                serde_json::Value::String(s) if lang == Lang::Zh => labels::timeline_value_zh(k, s).unwrap_or_else(|| s.clone()),
                serde_json::Value::String(s) => s.clone(),
                // A shortfall's amount in its item's unit (66.7 L of water).
                serde_json::Value::Number(n) if k == "amount" && item.is_some() => {
                    let unit = words::item_unit(item.unwrap_or_default(), lang);
                    n.as_f64().map_or(n.to_string(), |x| format!("{} {unit}", fmt_num(x)))
                }
                serde_json::Value::Number(n) => n.as_f64().map_or(n.to_string(), fmt_num),
                serde_json::Value::Bool(b) if lang == Lang::Zh => (if *b { "是" } else { "否" }).to_string(),
                other => other.to_string(),
            };
            if !v.is_empty() {
                detail.push(match (lang, labels::timeline_key_zh(k)) {
                    (Lang::Zh, Some(key)) => format!("{key}：{v}"),
                    _ => format!("{}: {v}", k.replace('_', " ")),
                });
            }
        }
        rows.push((
            e.t_s,
            i,
            TimelineRow {
                time: fmt_time(e.t_s),
                what: what.to_string(),
                subject: match lang {
                    Lang::Zh if e.kind == "level_changed" => {
                        labels::timeline_value_zh("level", &e.subject).unwrap_or_else(|| e.subject.clone())
                    }
                    _ => e.subject.clone(),
                },
                detail: detail.join(lang.pick("; ", "；")),
            },
        ));
    }
    for (t_s, i, what, households, dead, injured, reading, worst) in casualties.into_values() {
        let subject = match lang {
            Lang::En => format!("{households} household{}", if households == 1 { "" } else { "s" }),
            Lang::Zh => format!("{households} 户"),
        };
        let mut detail = match lang {
            Lang::En => format!("dead: {}; injured: {}", fmt_num(dead), fmt_num(injured)),
            Lang::Zh => format!("死亡：{}；受伤：{}", fmt_num(dead), fmt_num(injured)),
        };
        if !reading.is_empty() {
            detail.push_str(&match lang {
                Lang::En => format!("; worst {}: {}", reading.replace('_', " "), fmt_num(worst)),
                Lang::Zh => format!(
                    // The worst reading: the deepest water, but the lowest visibility.
                    "；最不利{}：{}",
                    labels::timeline_key_zh(&reading).map_or_else(|| format!(" {}", reading.replace('_', " ")), str::to_string),
                    fmt_num(worst)
                ),
            });
        }
        rows.push((
            t_s,
            i,
            TimelineRow {
                time: fmt_time(t_s),
                what: what.to_string(),
                subject,
                detail,
            },
        ));
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    rows.into_iter().map(|r| r.2).collect()
}
