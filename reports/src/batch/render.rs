//! `report.md` and `report.html` of a batch: one list of blocks, built
//! once in the report's language, printed both ways (the run report's
//! table and page helpers, [`crate::markdown`] and [`crate::html`]).

use super::{BatchData, Driver, analysis};
use crate::charts::ChartFile;
use crate::html::{self, esc};
use crate::words::{self, Lang};
use crate::{ReportError, Written, fmt_num, markdown, write_atomic};
use base64::Engine as _;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Parameters whose place in the scenario is listed, strongest first.
const DRIVERS_SHOWN: usize = 12;

/// Parameters named beside each outcome, strongest first.
const TOP_PER_OUTCOME: usize = 3;

pub(super) enum Block {
    Heading(String),
    /// May hold `code` spans.
    Para(String),
    /// A paragraph set apart, `Warning:` first; may hold `code` spans.
    Warning(String),
    /// Cells may hold `code` spans.
    Table(Vec<String>, Vec<Vec<String>>),
    /// A chart by stem.
    Figure(String),
}

pub(super) fn heading(lang: Lang, n: usize, en: &str, zh: &str) -> Block {
    const ZH_NUMBERS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];
    Block::Heading(match lang {
        Lang::En => format!("{n}. {en}"),
        Lang::Zh => format!("{}、{zh}", ZH_NUMBERS[(n - 1).min(5)]),
    })
}

pub(super) fn title(d: &BatchData) -> String {
    format!("{}{}", d.lang.pick("Batch report: ", "批量运行评估报告："), d.manifest.scenario)
}

/// `x [lo, hi]` in the metric's unit, written once after the interval
/// when the three share it (`12 [10, 14] people`).
fn with_interval(key: &str, v: f64, lo: f64, hi: f64, lang: Lang) -> String {
    let (m, a, b) = (
        words::mean_value(key, v, lang),
        words::mean_value(key, lo, lang),
        words::mean_value(key, hi, lang),
    );
    if !(lo.is_finite() && hi.is_finite()) {
        return m;
    }
    let split = |s: &str| s.split_once(' ').map(|(n, u)| (n.to_string(), u.to_string()));
    match (split(&m), split(&a), split(&b)) {
        // A unit with a number in it is a duration (`3 h 1 min`): kept whole.
        (Some((m, u)), Some((a, ua)), Some((b, ub))) if u == ua && u == ub && !u.contains(|c: char| c.is_ascii_digit()) => {
            format!("{m} [{a}, {b}] {u}")
        }
        _ => format!("{m} [{a}, {b}]"),
    }
}

pub(super) fn blocks(d: &BatchData) -> Vec<Block> {
    let lang = d.lang;
    let p = |en: &str, zh: &str| lang.pick(en, zh).to_string();
    let mut out = vec![heading(lang, 1, "The batch", "批量运行概况")];
    let plan = &d.manifest.plan;
    let mut overview = vec![
        (p("Scenario", "情景名称"), format!("`{}`", d.manifest.scenario)),
        (
            p("Scenario SHA-256", "情景文件 SHA-256"),
            format!("`{}`", d.manifest.scenario_sha256),
        ),
        (p("Seed", "随机种子"), format!("`{}`", plan.seed)),
        (p("Runs", "运行次数"), format!("`{}`", d.runs)),
        (p("Sampling", "抽样方式"), {
            let name = serde_json::to_value(plan.sampling)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            // The name `--sampling` takes, and in Chinese what it is.
            match (lang, name.as_str()) {
                (Lang::Zh, "independent") => "独立抽样（`independent`）".to_string(),
                (Lang::Zh, "lhs") => "拉丁超立方抽样（`lhs`）".to_string(),
                _ => format!("`{name}`"),
            }
        }),
        (p("Engine version", "引擎版本"), format!("`{}`", d.manifest.engine_version)),
    ];
    if let Some(s) = plan.shard {
        overview.push((p("Shard", "分片"), format!("`{}/{}`", s.index, s.count)));
    }
    out.push(Block::Table(
        vec![p("Item", "项目"), p("Value", "内容")],
        overview.into_iter().map(|(a, b)| vec![a, b]).collect(),
    ));
    out.push(Block::Para(p(
        "Each run draws every uncertain number of the scenario afresh (weather, timings, behaviour) and plays the drill through; intervals are 95 % (Student t for means, cut to the values an outcome can take, such as no fewer than zero people; order statistics for percentiles; Wilson for shares). Every figure below is in summary.json and runs.csv beside this report.",
        "每次运行重新抽取情景中的全部不确定参数（天气、时间、人员行为），完整推演一次演练；区间均为 95 %（均值用 t 分布，并截断到结果可能的取值范围，如人数不少于零；百分位数用次序统计量；比例用 Wilson 区间）。下列数字均可在本报告旁的 summary.json 与 runs.csv 中查到。",
    )));

    out.push(heading(lang, 2, "Drill score", "演练得分"));
    if let Some(s) = d.column("score") {
        let m = fmt_num(s.mean);
        // One run has no interval (nor spread): say only what it scored.
        let interval = if s.mean_lo.is_finite() && s.mean_hi.is_finite() {
            format!(" [{}, {}]", fmt_num(s.mean_lo), fmt_num(s.mean_hi))
        } else {
            String::new()
        };
        let (a, b, c) = (fmt_num(s.p5), fmt_num(s.p50), fmt_num(s.p95));
        out.push(Block::Para(match (lang, s.n) {
            (Lang::En, 1) => format!("The one run scored {m}."),
            (Lang::Zh, 1) => format!("唯一一次运行得分 {m}。"),
            (Lang::En, n) => format!("Over {n} runs the drill scored {m} on average{interval}; one run in twenty scored under {a}, half under {b}, and one in twenty over {c}."),
            (Lang::Zh, n) => format!("{n} 次运行的平均得分 {m}{interval}；二十次中约有一次低于 {a}，半数低于 {b}，二十次中约有一次高于 {c}。"),
        }));
        out.push(Block::Figure("score_histogram".into()));
    } else {
        out.push(Block::Para(p("The scenario scores no objectives.", "该情景未设演练目标，无得分。")));
    }

    out.push(heading(lang, 3, "Objectives", "演练目标"));
    if d.objectives.is_empty() {
        out.push(Block::Para(p("The scenario has no objectives.", "该情景未设演练目标。")));
    } else {
        let capability = |id: &str| -> String {
            d.scenario
                .as_ref()
                .ok()
                .and_then(|sc| sc.scenario.objectives.iter().find(|o| o.id == id))
                .map(|o| crate::labels::capability(&o.capability, lang))
                .unwrap_or_default()
        };
        let rows = d
            .objectives
            .iter()
            .map(|o| {
                let ratings = ["P", "S", "M", "U"]
                    .iter()
                    .map(|r| format!("{r} {}", o.ratings.get(*r).copied().unwrap_or(0)))
                    .collect::<Vec<_>>()
                    .join(" · ");
                vec![
                    format!("`{}`", o.id),
                    capability(&o.id),
                    format!("{:.1} %", 100.0 * o.p),
                    format!("[{:.1}, {:.1}] %", 100.0 * o.lo, 100.0 * o.hi),
                    ratings,
                ]
            })
            .collect();
        out.push(Block::Table(
            vec![
                p("Objective", "演练目标"),
                p("Capability", "能力"),
                p("Met in", "达标比例"),
                p("95 % interval", "95 % 区间"),
                p("Runs by rating", "各评定的运行次数"),
            ],
            rows,
        ));
        out.push(Block::Figure("objectives_met".into()));
    }

    out.push(heading(lang, 4, "Outcomes", "演练结果"));
    out.push(Block::Para(p(
        "Every outcome the runs measured, named for people; the engine's own counters (the flood solver's steps, its mass balance) are in summary.json.",
        "各次运行测得的全部结果；引擎自身的计数（洪水求解步数、水量平衡）见 summary.json。",
    )));
    let rows: Vec<Vec<String>> = d
        .columns
        .iter()
        .filter_map(|c| c.column.strip_prefix("metric.").map(|k| (k, c)))
        .filter(|(k, _)| words::metric(k, lang).label != *k)
        .map(|(k, c)| {
            vec![
                words::metric(k, lang).label,
                with_interval(k, c.mean, c.mean_lo, c.mean_hi, lang),
                words::value(k, c.p5, lang),
                words::value(k, c.p50, lang),
                words::value(k, c.p95, lang),
            ]
        })
        .collect();
    out.push(Block::Table(
        vec![
            p("Outcome", "结果"),
            p("Mean [95 % interval]", "均值 [95 % 区间]"),
            p("5th percentile", "第 5 百分位"),
            p("Median", "中位数"),
            p("95th percentile", "第 95 百分位"),
        ],
        rows,
    ));

    out.push(heading(lang, 5, "What the outcome moves with", "结果受哪些参数影响"));
    if d.drivers.is_empty() {
        out.push(Block::Para(p(
            "No sampled parameter has a defined rank correlation with the score or an objective (the scenario samples none, or the outcomes did not vary).",
            "没有抽样参数与得分或演练目标有可计算的秩相关（情景未设不确定参数，或结果未变化）。",
        )));
    } else {
        let n = d.runs as usize;
        let line = analysis::spearman_threshold(n);
        out.push(Block::Para(match lang {
            Lang::En => format!(
                "Spearman's rank correlation ρ of each sampled parameter with the drill score and with each objective's value over the runs: +1 when the outcome always rises with the parameter, −1 when it always falls, 0 when the two are unrelated. With {n} runs |ρ| above {line:.2} (1.96/√(n − 1)) is unlikely by chance at the 5 % level and is marked *; with many parameters about one in twenty may still cross it by chance. Correlation is not cause: a parameter can stand in for another drawn with it."
            ),
            Lang::Zh => format!(
                "各抽样参数与演练得分及各演练目标取值的 Spearman 秩相关系数 ρ：结果总随参数增大而升高为 +1，总是降低为 −1，无关为 0。{n} 次运行时 |ρ| 大于 {line:.2}（1.96/√(n − 1)）在 5 % 水平上不太可能由偶然造成，标 *；参数较多时仍可能约有二十分之一偶然越线。相关不等于因果。"
            ),
        }));
        let named = |path: &str| -> String {
            d.scenario
                .as_ref()
                .ok()
                .and_then(|sc| drillsim::scenario::param_names::param_name(&sc.scenario, path))
                .map(|n| words::param(&n, 0.0, lang).0)
                .unwrap_or_else(|| path.to_string())
        };
        // One row per outcome with the parameters it moves with most: a
        // parameter × outcome matrix would be too wide for a page.
        let rows = d
            .outcomes
            .iter()
            .enumerate()
            .map(|(k, o)| {
                let outcome = match o.strip_prefix("objective.").and_then(|o| o.strip_suffix(".value")) {
                    Some(id) => format!("`{id}`"),
                    None => p("drill score", "演练得分"),
                };
                let mut ranked: Vec<(&Driver, f64, usize)> =
                    d.drivers.iter().filter_map(|dr| dr.rho[k].map(|(rho, n)| (dr, rho, n))).collect();
                ranked.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then_with(|| a.0.path.cmp(&b.0.path)));
                let top = ranked
                    .iter()
                    .take(TOP_PER_OUTCOME)
                    .map(|(dr, rho, n)| {
                        let mark = if rho.abs() > analysis::spearman_threshold(*n) { " *" } else { "" };
                        format!("{} ({rho:+.2}{mark})", named(&dr.path))
                    })
                    .collect::<Vec<_>>()
                    .join(lang.pick("; ", "；"));
                let top = if top.is_empty() {
                    p("(did not vary)", "（未变化）")
                } else {
                    top
                };
                vec![outcome, top]
            })
            .collect();
        out.push(Block::Table(
            vec![p("Outcome", "结果"), p("Moves most with (ρ)", "关联最强的参数（ρ）")],
            rows,
        ));
        // Where each parameter sits in the scenario, for the analyst who
        // wants to change it.
        let rows = d
            .drivers
            .iter()
            .take(DRIVERS_SHOWN)
            .map(|dr| vec![named(&dr.path), format!("`{}`", dr.path)])
            .collect();
        out.push(Block::Table(
            vec![p("Parameter", "参数"), p("Where in the scenario", "情景文件中的位置")],
            rows,
        ));
    }

    out.push(heading(lang, 6, "Where the hazard reaches", "灾害影响范围"));
    if d.rasters.is_empty() {
        out.push(Block::Para(p("The batch wrote no probability maps.", "本次批量运行未生成概率图。")));
    } else {
        out.push(Block::Para(p(
            "Each map gives, per cell, the share of runs in which it happened; the ESRI ASCII grids are in rasters/.",
            "每幅图给出每个网格在多少比例的运行中出现该情况；ESRI ASCII 栅格文件在 rasters/ 目录中。",
        )));
        for (stem, _, _) in &d.rasters {
            out.push(Block::Figure(format!("map_{stem}")));
        }
    }
    out
}

/// Write `report.md` and `report.html` of `blocks` into `dir`; the files
/// written, charts included, relative to `dir`.
pub(super) fn write_documents(dir: &Path, lang: Lang, title: &str, blocks: &[Block], charts: &[ChartFile]) -> Result<Written, ReportError> {
    let mut files: Vec<PathBuf> = charts
        .iter()
        .flat_map(|c| ["png", "svg"].map(|x| PathBuf::from(format!("charts/{}.{x}", c.stem))))
        .collect();
    write_atomic(&dir.join("report.md"), markdown(lang, title, blocks, charts).as_bytes())?;
    write_atomic(&dir.join("report.html"), html(lang, title, blocks, charts).as_bytes())?;
    files.push("report.md".into());
    files.push("report.html".into());
    Ok(Written { files })
}

fn warning_word(lang: Lang) -> &'static str {
    lang.pick("Warning:", "注意：")
}

fn markdown(lang: Lang, title: &str, blocks: &[Block], charts: &[ChartFile]) -> String {
    let mut o = format!("# {title}\n\n");
    for b in blocks {
        match b {
            Block::Heading(h) => {
                let _ = writeln!(o, "## {h}\n");
            }
            Block::Para(t) => {
                let _ = writeln!(o, "{t}\n");
            }
            Block::Warning(t) => {
                let _ = writeln!(o, "> **{}** {t}\n", warning_word(lang));
            }
            Block::Table(head, rows) => {
                let head: Vec<&str> = head.iter().map(String::as_str).collect();
                markdown::table(&mut o, &head, rows.iter().cloned());
            }
            Block::Figure(stem) => {
                if let Some(c) = charts.iter().find(|c| &c.stem == stem) {
                    let _ = writeln!(
                        o,
                        "![{}](charts/{stem}.png)\n\n*{}* ([SVG](charts/{stem}.svg))\n",
                        markdown::cell(&c.title),
                        c.title
                    );
                }
            }
        }
    }
    o
}

fn html(lang: Lang, title: &str, blocks: &[Block], charts: &[ChartFile]) -> String {
    let mut o = html::page_head(lang, title);
    for b in blocks {
        match b {
            Block::Heading(h) => {
                let _ = writeln!(o, "<h2>{}</h2>", esc(h));
            }
            Block::Para(p) => {
                let _ = writeln!(o, "<p>{}</p>", html::inline(p));
            }
            Block::Warning(p) => {
                let _ = writeln!(
                    o,
                    "<p class=\"warning\"><strong>{}</strong> {}</p>",
                    esc(warning_word(lang)),
                    html::inline(p)
                );
            }
            Block::Table(head, rows) => {
                let head: Vec<&str> = head.iter().map(String::as_str).collect();
                html::table(&mut o, &head, rows.iter().map(|r| r.iter().map(|c| html::inline(c)).collect()));
            }
            Block::Figure(stem) => {
                if let Some(c) = charts.iter().find(|c| &c.stem == stem) {
                    let b64 = base64::engine::general_purpose::STANDARD.encode(&c.png);
                    let _ = writeln!(
                        o,
                        "<figure id=\"chart-{}\"><img src=\"data:image/png;base64,{b64}\" width=\"{}\" height=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>",
                        esc(stem),
                        c.width,
                        c.height,
                        esc(&c.title),
                        esc(&c.title)
                    );
                }
            }
        }
    }
    o.push_str("</body>\n</html>\n");
    o
}
