//! What `drillsim batch`, `merge` and `compare` print at the end, in either
//! language: the headline outcomes named in words and units
//! (`drillsim_reports::words`), each objective's chance of being met, as
//! tables aligned by display width. Every metric and its key is in the
//! files (`summary.json`, `compare.json`), so the terminal keeps to what a
//! person reads at a glance.

use drillsim::batch::{self, BatchSummary};
use drillsim_reports::Lang;
use drillsim_reports::words;

/// The people's headlines of the terminal summaries, after the score.
const SUMMARY_PEOPLE: [&str; 4] = [
    "score",
    "metric.people.dead",
    "metric.people.injured",
    "metric.people.trapped_at_end",
];

/// The headline of each hazard a drill may have, shown in the terminal
/// summaries when the drill reports it.
pub const HAZARD_HEADLINES: [&str; 4] = [
    "metric.fire.area_burnt_km2",
    "metric.fire.built_cells_lost",
    "metric.release.people_aegl2",
    "metric.release.crews_overcome",
];

/// A `runs.csv` column (`score` or `metric.*`): its name and how a mean of
/// it reads.
fn outcome(column: &str, lang: Lang) -> (String, Box<dyn Fn(f64) -> String + '_>) {
    match column.strip_prefix("metric.") {
        Some(k) => (words::metric(k, lang).label, Box::new(move |v| words::mean_value(k, v, lang))),
        None => (lang.pick("drill score", "演练得分").into(), Box::new(|v: f64| format!("{v:.2}"))),
    }
}

fn header(en: &[&str], zh: &[&str], lang: Lang) -> Vec<String> {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// A batch's headlines: each outcome's mean with its interval and
/// percentiles, then each objective's chance of being met.
pub fn print_summary(s: &BatchSummary, lang: Lang) {
    let mut rows = vec![header(
        &["outcome", "mean [95 % interval]", "5th percentile", "median", "95th percentile"],
        &["结果", "均值 [95 % 区间]", "第 5 百分位", "中位数", "第 95 百分位"],
        lang,
    )];
    for key in SUMMARY_PEOPLE.into_iter().chain(HAZARD_HEADLINES) {
        let Some(st) = s.columns.iter().find(|n| n.column == key).map(|n| &n.stats).filter(|st| st.n > 0) else {
            continue;
        };
        let (label, show) = outcome(key, lang);
        let (lo, hi) = words::within_possible(key, st.mean_ci95.lo, st.mean_ci95.hi);
        rows.push(vec![
            label,
            format!("{} [{}, {}]", show(st.mean), show(lo), show(hi)),
            show(st.p5.value),
            show(st.p50.value),
            show(st.p95.value),
        ]);
    }
    print!("{}", crate::summary::columns(&rows, "  "));
    let mut rows = vec![header(
        &["objective", "chance met", "95 % interval"],
        &["演练目标", "达标概率", "95 % 区间"],
        lang,
    )];
    for o in &s.objectives {
        rows.push(vec![
            o.id.clone(),
            format!("{:.1} %", 100.0 * o.p_met.p),
            format!("[{:.1}, {:.1}] %", 100.0 * o.p_met.ci95.lo, 100.0 * o.p_met.ci95.hi),
        ]);
    }
    if rows.len() > 1 {
        print!("{}", crate::summary::columns(&rows, "  "));
    }
}

/// How much pairing narrowed an interval; `—` where it is undefined (an
/// outcome that varied in neither plan).
fn reduction(v: f64) -> String {
    if v.is_finite() {
        format!("{:.0} %", 100.0 * v)
    } else {
        "—".into()
    }
}

/// A comparison's headlines: each objective's chance under A and B with the
/// paired change, then the `shown` outcomes with the paired difference and
/// how much pairing narrowed its interval against independent seeds.
pub fn print_comparison(cmp: &batch::compare::Comparison, shown: &dyn Fn(&str) -> bool, lang: Lang) {
    match lang {
        Lang::En => println!(
            "B − A on {} paired replications (seed {}): A = {}, B = {}",
            cmp.runs, cmp.seed, cmp.scenario_a, cmp.scenario_b
        ),
        Lang::Zh => println!(
            "B − A，{} 次配对运行（种子 {}）：A = {}，B = {}",
            cmp.runs, cmp.seed, cmp.scenario_a, cmp.scenario_b
        ),
    }
    print_differences(&cmp.differences, lang);
    let mut rows = vec![header(
        &["objective", "A met", "B met", "change (points) [95 % interval]"],
        &["演练目标", "A 达标概率", "B 达标概率", "变化（百分点）[95 % 区间]"],
        lang,
    )];
    for o in &cmp.objectives {
        rows.push(vec![
            o.id.clone(),
            format!("{:.1} %", 100.0 * o.p_met_a.p),
            format!("{:.1} %", 100.0 * o.p_met_b.p),
            format!(
                "{:+.1} [{:+.1}, {:+.1}]",
                100.0 * o.difference,
                100.0 * o.ci95.lo,
                100.0 * o.ci95.hi
            ),
        ]);
    }
    if rows.len() > 1 {
        print!("{}", crate::summary::columns(&rows, "  "));
    }
    let mut rows = vec![header(
        &["outcome", "A mean", "B mean", "B − A [95 % interval]", "narrowed by pairing"],
        &["结果", "A 均值", "B 均值", "B − A [95 % 区间]", "配对缩小"],
        lang,
    )];
    for d in cmp.columns.iter().filter(|d| shown(d.column.as_str())) {
        let (label, show) = outcome(&d.column, lang);
        rows.push(vec![
            label,
            show(d.mean_a),
            show(d.mean_b),
            format!("{:+.2} [{:+.2}, {:+.2}]", d.mean_difference, d.ci95.lo, d.ci95.hi),
            reduction(d.variance_reduction),
        ]);
    }
    print!("{}", crate::summary::columns(&rows, "  "));
}

/// What B changes from A, one line a section under each side's heading,
/// and the warning when the drill changed too (on stderr, where warnings
/// go). Backticks mark code in the report; a terminal shows names bare.
fn print_differences(changes: &[batch::differences::SectionChange], lang: Lang) {
    use batch::differences::Side;
    use drillsim_reports::words::differences as says;
    let bare = |s: String| s.replace('`', "");
    if changes.is_empty() {
        println!("{}", says::no_change(lang));
    }
    for side in [Side::Plan, Side::Drill] {
        let mut lines = changes.iter().filter(|c| c.side == side).peekable();
        if lines.peek().is_some() {
            println!("{}", says::side_heading(side, lang));
        }
        for c in lines {
            println!("  {}", bare(says::line(c, lang)));
        }
    }
    if let Some(w) = says::warning(changes, lang) {
        eprintln!("{}{}", lang.pick("warning: ", "警告："), bare(w));
    }
}
