//! The comparison report: `drillsim compare A B` ran both plans on the same
//! replications (common random numbers), and `compare.json` holds, per
//! objective and per outcome, the paired difference B − A with its
//! interval. This prints it for people — which objectives plan B meets more
//! or less often, which outcomes change beyond their interval — with a
//! chart of the objectives' changes, into `report.html`, `report.md` and
//! `charts/` of the comparison directory. Each plan's own batch report is
//! in `a/` and `b/`.

use super::BatchData;
use super::change_maps::change_maps;
use super::charts::{BarRow, Bars, bar_rows};
use super::render::{Block, heading, write_documents};
use crate::charts::{Chart, ChartFile, DrawResult, render};
use crate::labels::chart as tr;
use crate::palette::{self, DARK};
use crate::words::{self, Lang};
use crate::{ReportError, Written};
use drillsim::batch::differences::{SectionChange, Side};
use plotters::coord::Shift;
use plotters::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One paired difference of `compare.json`.
#[derive(Clone, Debug)]
pub struct Paired {
    pub name: String,
    pub a: f64,
    pub b: f64,
    pub diff: f64,
    pub lo: f64,
    pub hi: f64,
    /// How much narrower pairing made the interval than independent seeds.
    pub variance_reduction: f64,
}

impl Paired {
    /// The interval excludes zero: B differs from A beyond chance (95 %).
    pub fn clear(&self) -> bool {
        self.lo > 0.0 || self.hi < 0.0
    }
}

/// Everything the comparison report is made from.
pub struct CompareData {
    pub dir: PathBuf,
    pub scenario_a: String,
    pub scenario_b: String,
    pub seed: u64,
    pub runs: u64,
    /// Objectives: `a`, `b` are the probabilities of meeting them.
    pub objectives: Vec<Paired>,
    /// `score` and every `metric.*` column.
    pub columns: Vec<Paired>,
    /// What B changes from A; `None` in a `compare.json` written before it
    /// said so.
    pub differences: Option<Vec<SectionChange>>,
    /// Where B moves the risk ([`change_maps`]), or why no map is drawn.
    pub maps: Result<Vec<MapChange>, String>,
    pub lang: Lang,
}

/// One change map as the text tells it: the raster's stem, what a cell
/// holds, and the cells B raises and lowers beyond chance.
#[derive(Clone, Debug)]
pub struct MapChange {
    pub stem: String,
    pub what: String,
    pub raised: usize,
    pub lowered: usize,
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

impl CompareData {
    pub fn load(dir: &Path) -> Result<CompareData, ReportError> {
        let path = dir.join("compare.json");
        let text = std::fs::read_to_string(&path).map_err(|_| ReportError::NotABatchDir { dir: dir.to_path_buf() })?;
        let v: Value = serde_json::from_str(&text).map_err(|e| ReportError::Parse {
            path: path.clone(),
            line: e.line(),
            message: e.to_string(),
        })?;
        let list = |key: &str| v[key].as_array().cloned().unwrap_or_default();
        let objectives = list("objectives")
            .iter()
            .map(|o| Paired {
                name: o["id"].as_str().unwrap_or_default().to_string(),
                a: num(&o["p_met_a"]["p"]),
                b: num(&o["p_met_b"]["p"]),
                diff: num(&o["difference"]),
                lo: num(&o["ci95"]["lo"]),
                hi: num(&o["ci95"]["hi"]),
                variance_reduction: f64::NAN,
            })
            .collect();
        let columns = list("columns")
            .iter()
            .filter(|c| c["column"].as_str().is_some_and(|n| n == "score" || n.starts_with("metric.")))
            .map(|c| Paired {
                name: c["column"].as_str().unwrap_or_default().to_string(),
                a: num(&c["mean_a"]),
                b: num(&c["mean_b"]),
                diff: num(&c["mean_difference"]),
                lo: num(&c["ci95"]["lo"]),
                hi: num(&c["ci95"]["hi"]),
                variance_reduction: num(&c["variance_reduction"]),
            })
            .collect();
        Ok(CompareData {
            dir: dir.to_path_buf(),
            scenario_a: v["scenario_a"].as_str().unwrap_or_default().to_string(),
            scenario_b: v["scenario_b"].as_str().unwrap_or_default().to_string(),
            seed: v["seed"].as_u64().unwrap_or(0),
            runs: v["runs"].as_u64().unwrap_or(0),
            objectives,
            columns,
            differences: serde_json::from_value(v["differences"].clone()).ok(),
            maps: Ok(Vec::new()),
            lang: Lang::En,
        })
    }
}

/// A change of a share in percentage points, signed with a true minus as
/// [`signed`] writes it: `+12.5`, `−66.7`.
fn points(share: f64) -> String {
    format!("{:+.1}", 100.0 * share).replace('-', "−")
}

/// `+1.2` for a difference, in the metric's unit when it has one.
fn signed(key: &str, v: f64, lang: Lang) -> String {
    let shown = words::mean_value(key, v.abs(), lang);
    if v > 0.0 {
        format!("+{shown}")
    } else if v < 0.0 {
        format!("−{shown}")
    } else {
        shown
    }
}

fn blocks(d: &CompareData) -> Vec<Block> {
    let lang = d.lang;
    let p = |en: &str, zh: &str| lang.pick(en, zh).to_string();
    let mut out = vec![heading(lang, 1, "The comparison", "对比概况")];
    out.push(Block::Table(
        vec![p("Item", "项目"), p("Value", "内容")],
        vec![
            vec![
                p("Plan A (baseline)", "方案 A（基准）"),
                format!("`{}` (a/report.html)", d.scenario_a),
            ],
            vec![p("Plan B", "方案 B"), format!("`{}` (b/report.html)", d.scenario_b)],
            vec![p("Seed", "随机种子"), format!("`{}`", d.seed)],
            vec![p("Paired runs", "配对运行次数"), format!("`{}`", d.runs)],
        ],
    ));
    if let Some(changes) = &d.differences {
        out.extend(difference_blocks(changes, lang));
    }
    out.push(Block::Para(p(
        "Both plans ran on the same replications: run k of A and run k of B met the same weather, timings and behaviour draws (common random numbers), so each difference B − A is paired run by run and its 95 % interval is narrower than two independent batches would give (an outcome's mean: Student's t on the paired differences; an objective's share: Newcombe's interval for paired proportions, 1998). A difference whose interval excludes zero is marked *.",
        "两个方案在相同的重复运行上推演：A 的第 k 次与 B 的第 k 次遇到相同的天气、时间与人员行为抽样（共同随机数），因此每个差值 B − A 逐次配对，其 95 % 区间比两组独立运行更窄（结果均值：配对差值的 t 区间；目标达标比例：Newcombe 配对比例区间，1998）。区间不含零的差值标 *。",
    )));
    out.push(heading(lang, 2, "Objectives", "演练目标"));
    if d.objectives.is_empty() {
        out.push(Block::Para(p(
            "The plans have no objectives in common.",
            "两个方案没有共同的演练目标。",
        )));
    } else {
        let pct = |v: f64| format!("{:.1} %", 100.0 * v);
        let rows = d
            .objectives
            .iter()
            .map(|o| {
                vec![
                    format!("`{}`", o.name),
                    pct(o.a),
                    pct(o.b),
                    format!("{}{}", points(o.diff), if o.clear() { " *" } else { "" }),
                    format!("[{}, {}]", points(o.lo), points(o.hi)),
                ]
            })
            .collect();
        out.push(Block::Table(
            vec![
                p("Objective", "演练目标"),
                p("Met with A", "A 达标比例"),
                p("Met with B", "B 达标比例"),
                p("Change (points)", "变化（百分点）"),
                p("95 % interval", "95 % 区间"),
            ],
            rows,
        ));
        out.push(Block::Figure("objectives_change".into()));
    }
    out.push(heading(lang, 3, "Outcomes", "演练结果"));
    // Engine counters without words for people stay in compare.json.
    let named = |c: &&Paired| c.name.strip_prefix("metric.").is_none_or(|k| words::metric(k, lang).label != k);
    let shown = d.columns.iter().filter(named).count();
    let clear = d.columns.iter().filter(named).filter(|c| c.clear()).count();
    out.push(Block::Para(match lang {
        Lang::En => format!("{clear} of {shown} outcomes differ beyond their interval (marked *). The last column says how much narrower pairing made each interval than independent seeds would (negative: wider). Engine counters are in compare.json."),
        Lang::Zh => format!("{shown} 项结果中有 {clear} 项的差值超出区间（标 *）。最后一列为配对使区间比独立抽样缩小的比例（负值为变宽）。引擎计数见 compare.json。"),
    }));
    let rows = d
        .columns
        .iter()
        .filter(named)
        .map(|c| {
            let (key, label) = match c.name.strip_prefix("metric.") {
                Some(k) => (k.to_string(), words::metric(k, lang).label),
                None => (String::new(), p("drill score", "演练得分")),
            };
            let show = |v: f64| {
                if key.is_empty() {
                    crate::fmt_num(v)
                } else {
                    words::mean_value(&key, v, lang)
                }
            };
            let diff = if key.is_empty() {
                format!("{:+.2}", c.diff)
            } else {
                signed(&key, c.diff, lang)
            };
            let vr = if c.variance_reduction.is_finite() {
                format!("{:.0} %", 100.0 * c.variance_reduction)
            } else {
                String::new()
            };
            vec![
                label,
                show(c.a),
                show(c.b),
                format!("{diff}{}", if c.clear() { " *" } else { "" }),
                format!(
                    "[{}, {}]",
                    if key.is_empty() {
                        format!("{:+.2}", c.lo)
                    } else {
                        signed(&key, c.lo, lang)
                    },
                    if key.is_empty() {
                        format!("{:+.2}", c.hi)
                    } else {
                        signed(&key, c.hi, lang)
                    }
                ),
                vr,
            ]
        })
        .collect();
    out.push(Block::Table(
        vec![
            p("Outcome", "结果"),
            p("Mean with A", "A 均值"),
            p("Mean with B", "B 均值"),
            "B − A".into(),
            p("95 % interval", "95 % 区间"),
            p("Narrower by pairing", "配对缩小"),
        ],
        rows,
    ));
    out.extend(map_blocks(d));
    out
}

/// Where B moves the risk: one change map per probability raster.
fn map_blocks(d: &CompareData) -> Vec<Block> {
    let lang = d.lang;
    let maps = match &d.maps {
        Ok(maps) if maps.is_empty() => return Vec::new(),
        Ok(maps) => maps,
        Err(why) => {
            let text = match lang {
                Lang::En => format!("No map of where B moves the risk: {why}"),
                Lang::Zh => format!("未绘制风险分布变化图：{why}"),
            };
            return vec![heading(lang, 4, "Where the risk moved", "风险分布的变化"), Block::Para(text)];
        }
    };
    let mut out = vec![heading(lang, 4, "Where the risk moved", "风险分布的变化")];
    out.push(Block::Para(lang.pick(
        "Each map below shows, cell by cell, how much plan B changes the share of runs in which the cell suffered what the map's title says, in percentage points (B − A). A cell is coloured only where its change is beyond chance at 95 % (Newcombe's interval for two independent proportions, 1998; the paired runs are alike, so the test is conservative and a few cells that changed may be left blank). With few runs no cell may qualify.",
        "下列各图逐个网格显示方案 B 使该网格出现图题所述情况的运行比例改变了多少个百分点（B − A）。只有变化在 95 % 水平上超出偶然的网格才着色（两个独立比例之差的 Newcombe 区间，1998；配对运行彼此相近，故检验偏保守，少数确有变化的网格可能留白）。运行次数少时可能没有网格达到该标准。",
    ).into()));
    for m in maps {
        let what = match lang {
            Lang::En => m.what.clone(),
            Lang::Zh => tr(Lang::Zh, &m.what),
        };
        let changed = m.raised + m.lowered > 0;
        out.push(Block::Para(match (changed, lang) {
            (true, Lang::En) => format!(
                "`{}` ({what}): B raises it in {} and lowers it in {} beyond chance.",
                m.stem,
                words::of(m.raised as u64, "cell", "cells"),
                words::of(m.lowered as u64, "cell", "cells")
            ),
            (true, Lang::Zh) => format!(
                "`{}`（{what}）：B 使 {} 个网格超出偶然地升高，使 {} 个网格超出偶然地降低。",
                m.stem, m.raised, m.lowered
            ),
            (false, Lang::En) => format!("`{}` ({what}): no cell changes beyond chance.", m.stem),
            (false, Lang::Zh) => format!("`{}`（{what}）：没有网格超出偶然地变化。", m.stem),
        }));
        if changed {
            out.push(Block::Figure(format!("map_change_{}", m.stem)));
        }
    }
    out
}

/// What B changes from A: the warning first when the drill itself
/// differs, then a table of the sections on each side.
fn difference_blocks(changes: &[SectionChange], lang: Lang) -> Vec<Block> {
    use crate::words::differences as says;
    let mut out = Vec::new();
    if let Some(warning) = says::warning(changes, lang) {
        out.push(Block::Warning(warning));
    }
    if changes.is_empty() {
        out.push(Block::Para(says::no_change(lang).into()));
    }
    for side in [Side::Plan, Side::Drill] {
        let rows: Vec<Vec<String>> = changes
            .iter()
            .filter(|c| c.side == side)
            .map(|c| vec![format!("`{}`", c.section), says::what(c, lang)])
            .collect();
        if !rows.is_empty() {
            out.push(Block::Para(says::side_heading(side, lang).into()));
            out.push(Block::Table(
                vec![lang.pick("Section", "场景部分").into(), lang.pick("Change", "改动").into()],
                rows,
            ));
        }
    }
    out
}

/// The change in each objective's probability of being met, B − A, with
/// its paired interval.
pub struct ObjectivesChange<'a> {
    pub data: &'a CompareData,
}

impl Chart for ObjectivesChange<'_> {
    fn stem(&self) -> String {
        "objectives_change".into()
    }
    fn title(&self) -> String {
        tr(self.data.lang, "Change in the probability of meeting each objective (B − A)")
    }
    fn size(&self) -> (u32, u32) {
        (1600, (240 + 70 * self.data.objectives.len() as u32).max(420))
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let lang = self.data.lang;
        let rows: Vec<BarRow> = self
            .data
            .objectives
            .iter()
            .map(|o| {
                let d = if o.diff.is_finite() { 100.0 * o.diff } else { 0.0 };
                BarRow {
                    label: o.name.clone(),
                    value: d,
                    interval: (100.0 * o.lo, 100.0 * o.hi),
                    colour: if d >= 0.0 { palette::GREEN } else { palette::VERMILION },
                    note: None,
                }
            })
            .collect();
        let bars = Bars {
            title: self.title(),
            x_desc: tr(lang, "Change (percentage points)"),
            x: (-100.0, 100.0),
            background: false,
        };
        let entries = [
            (tr(lang, "B meets it more often"), palette::GREEN),
            (tr(lang, "B meets it less often"), palette::VERMILION),
            (tr(lang, "95 % interval (paired)"), DARK),
        ];
        bar_rows(root, &bars, &rows, &tr(lang, "B − A"), &entries)
    }
}

/// Read the comparison directory `dir` and write its report in `lang`.
pub fn write_compare_report(dir: &Path, lang: Lang) -> Result<Written, ReportError> {
    let mut data = CompareData::load(dir)?;
    data.lang = lang;
    let mut charts: Vec<ChartFile> = Vec::new();
    if !data.objectives.is_empty() {
        charts.push(render(&ObjectivesChange { data: &data }, &dir.join("charts"))?);
    }
    let other_map = data.differences.iter().flatten().any(|c| c.changes_the_drill() && c.is_the_map());
    data.maps = if other_map {
        Err(lang.pick("A and B are on different maps.", "A 与 B 的地图不同。").into())
    } else {
        match (BatchData::load(&dir.join("a")), BatchData::load(&dir.join("b"))) {
            (Ok(mut a), Ok(b)) => {
                a.lang = lang;
                let mut told = Vec::new();
                for map in change_maps(&a, &b) {
                    let (raised, lowered) = map.counts();
                    // A map with nothing coloured says no more than its sentence.
                    if raised + lowered > 0 {
                        charts.push(render(&map, &dir.join("charts"))?);
                    }
                    told.push(MapChange {
                        stem: map.stem.clone(),
                        what: map.what.clone(),
                        raised,
                        lowered,
                    });
                }
                Ok(told)
            }
            (Err(e), _) | (_, Err(e)) => Err(e.to_string()),
        }
    };
    let title = format!(
        "{}{} / {}",
        lang.pick("Plan comparison: ", "方案对比："),
        data.scenario_a,
        data.scenario_b
    );
    write_documents(dir, lang, &title, &blocks(&data), &charts)
}
