//! `drillsim batch`, `merge` and `compare`: argument checks, the progress
//! bar, and what is printed at the end. The work is in `drillsim::batch`.

use crate::batch_text::HAZARD_HEADLINES;
use crate::cli::{BatchArgs, BatchCommon, SamplingArg};
use anyhow::{Context, Result};
use drillsim::CompiledScenario;
use drillsim::batch::{self, BatchError, BatchOptions, BatchPlan, BatchSummary, Progress, Sampling, Shard};
use drillsim::said;
use drillsim_reports::{Lang, words};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Print a batch error the way the user needs it; 2 for their input, 1 otherwise.
fn fail(e: &BatchError, lang: Lang) -> ExitCode {
    crate::render::say_error(lang, &e.said(), e.hint().as_ref());
    ExitCode::from(if e.is_usage() { 2 } else { 1 })
}

/// A `--threads` value checked (1 to 1024), or `default` when absent.
pub(crate) fn threads_or(asked: Option<usize>, default: usize, lang: Lang) -> Result<usize, ExitCode> {
    let hint = || said!("omit --threads for the default", "不写 --threads 则用默认值");
    match asked {
        Some(0) => Err(crate::render::refuse(
            said!("--threads must be at least 1", "--threads 至少为 1"),
            hint(),
            lang,
        )),
        Some(t) if t > 1024 => Err(crate::render::refuse(
            said!("--threads {t} is more than 1024", "--threads {t} 超过了 1024"),
            hint(),
            lang,
        )),
        Some(t) => Ok(t),
        None => Ok(default),
    }
}

fn progress_bar(total: u64, quiet: bool, label: &str, lang: Lang) -> ProgressBar {
    let bar = ProgressBar::new(total);
    if quiet || !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    let template = lang.pick(
        "{prefix} [{elapsed_precise}] {wide_bar} {pos}/{len} runs  {rate}  ETA {eta}",
        "{prefix} [{elapsed_precise}] {wide_bar} {pos}/{len} 次  {rate}  预计剩余 {eta}",
    );
    if let Ok(style) = ProgressStyle::with_template(template) {
        // indicatif's own `{per_sec}` prints four decimals (18.4093/s).
        let rate = |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.1}/s", state.per_sec());
        };
        bar.set_style(style.with_key("rate", rate));
    }
    bar.set_prefix(label.to_string());
    bar
}

struct Prepared {
    compiled: CompiledScenario,
    plan: BatchPlan,
    opts: BatchOptions,
    /// `--lang`, or the scenario's `language`.
    lang: Lang,
}

fn prepare(file: &Path, c: &BatchCommon, shard: Option<&str>) -> Result<Prepared, ExitCode> {
    let compiled = drillsim::domains::load(file).map_err(|d| crate::commands::invalid(&d, c.lang))?;
    let lang = crate::cli::lang_for(c.lang, &compiled);
    let shard = match shard.map(Shard::parse).transpose() {
        Ok(s) => s,
        Err(m) => {
            return Err(crate::render::refuse(
                m.map(|m, _| format!("--shard: {m}")),
                said!("--shard 2/8 runs the second of eight slices", "--shard 2/8 运行八份中的第二份"),
                lang,
            ));
        }
    };
    let threads = threads_or(c.threads, std::thread::available_parallelism().map_or(1, |n| n.get()), lang)?;
    let plan = BatchPlan {
        seed: c.seed.unwrap_or(compiled.scenario.seed),
        runs: c.runs,
        sampling: match c.sampling {
            SamplingArg::Independent => Sampling::Independent,
            SamplingArg::Lhs => Sampling::Lhs,
        },
        shard,
    };
    plan.check().map_err(|e| fail(&e, lang))?;
    Ok(Prepared {
        compiled,
        plan,
        opts: BatchOptions { threads, resume: c.resume },
        lang,
    })
}

fn default_out(file: &Path, plan: &BatchPlan) -> PathBuf {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "batch".into());
    let shard = plan.shard.map(|s| format!("-shard{}of{}", s.index, s.count)).unwrap_or_default();
    PathBuf::from("batches").join(format!("{stem}-seed{}-runs{}{shard}", plan.seed, plan.runs))
}

/// Run one batch with a progress bar; the summary, or the exit code of a failure.
fn run_with_progress(p: &Prepared, out: &Path, quiet: bool, label: &str, lang: Lang) -> Result<BatchSummary, ExitCode> {
    let bar = progress_bar(p.plan.len(), quiet, label, p.lang);
    let started = std::time::Instant::now();
    let report = |pr: Progress| {
        if pr.done == pr.resumed && pr.resumed > 0 {
            bar.reset_elapsed();
            bar.set_message(format!("resumed at {}", pr.resumed));
        }
        bar.set_position(pr.done);
    };
    let result = batch::run_batch(&p.compiled, &p.plan, out, &p.opts, &report);
    bar.finish_and_clear();
    let done = result.map_err(|e| fail(&e, lang))?;
    let ran = done.rows - done.resumed_from;
    let secs = started.elapsed().as_secs_f64();
    let (rate, threads) = (ran as f64 / secs.max(1e-9), p.opts.threads);
    let (rows, out) = (done.rows, out.display());
    let resumed = match (lang, done.resumed_from) {
        (_, 0) => String::new(),
        (Lang::En, k) => format!(" ({k} were already done)"),
        (Lang::Zh, k) => format!("（其中 {k} 次此前已完成）"),
    };
    match lang {
        Lang::En => {
            let (rows, threads) = (
                words::of(rows, "replication", "replications"),
                words::of(threads as u64, "thread", "threads"),
            );
            eprintln!("{label}: {rows} in {out}{resumed}; ran {ran} in {secs:.1} s ({rate:.2} runs/s on {threads})")
        }
        Lang::Zh => eprintln!(
            "{label}：{rows} 次重复运行，位于 {out}{resumed}；本次运行 {ran} 次，用时 {secs:.1} s（每秒 {rate:.2} 次，{threads} 个线程）"
        ),
    }
    Ok(done.summary)
}

pub fn batch(args: &BatchArgs) -> Result<ExitCode> {
    let p = match prepare(&args.file, &args.common, args.shard.as_deref()) {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let out = args.common.out.clone().unwrap_or_else(|| default_out(&args.file, &p.plan));
    let label = match p.plan.shard {
        Some(s) => format!("{} shard {s}", p.compiled.scenario.name),
        None => p.compiled.scenario.name.clone(),
    };
    let state = match crate::outdir::check(
        &out,
        crate::outdir::BATCH_ENTRIES,
        args.common.force,
        crate::outdir::A_BATCH,
        p.lang,
    ) {
        Ok(state) => state,
        Err(code) => return Ok(code),
    };
    let aside = match crate::outdir::set_aside(&out, &state, args.common.force, p.lang) {
        Ok(a) => a,
        Err(code) => return Ok(code),
    };
    let lang = p.lang;
    let result = run_with_progress(&p, &out, args.common.quiet, &label, lang);
    crate::outdir::finish_aside(aside, &out, result.is_ok(), lang);
    match result {
        Ok(summary) => {
            crate::batch_text::print_summary(&summary, lang);
            let files: Vec<String> = batch::files(&out).iter().map(|f| f.display().to_string()).collect();
            match lang {
                Lang::En => println!("Wrote {}", files.join(", ")),
                Lang::Zh => println!("已写入 {}", files.join("、")),
            }
            // A shard is a slice for `merge`, which reports on the whole.
            if p.plan.shard.is_none() {
                write_report(&out, lang)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(code) => Ok(code),
    }
}

/// The batch report, written once the batch's files are complete.
pub(crate) fn write_report(out: &Path, lang: Lang) -> Result<()> {
    let started = std::time::Instant::now();
    drillsim_reports::batch::write_batch_report(out, lang).with_context(|| format!("writing the batch report in {}", out.display()))?;
    let secs = started.elapsed().as_secs_f64();
    let path = out.join("report.html");
    match lang {
        Lang::En => println!("Wrote the batch report ({secs:.1} s): {}", path.display()),
        Lang::Zh => println!("已写入批量运行评估报告（{secs:.1} s）：{}", path.display()),
    }
    Ok(())
}

pub fn merge(dirs: &[PathBuf], out: &Path, lang: Lang) -> Result<ExitCode> {
    match batch::merge(dirs, out) {
        Ok(summary) => {
            match lang {
                Lang::En => println!(
                    "Merged {} shards ({} replications) into {}",
                    dirs.len(),
                    summary.runs,
                    out.display()
                ),
                Lang::Zh => println!("已将 {} 个分片（{} 次重复运行）合并到 {}", dirs.len(), summary.runs, out.display()),
            }
            crate::batch_text::print_summary(&summary, lang);
            write_report(out, lang)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(fail(&e, lang)),
    }
}

pub fn compare(a: &Path, b: &Path, c: &BatchCommon) -> Result<ExitCode> {
    let (pa, pb) = match (prepare(a, c, None), prepare(b, c, None)) {
        (Ok(pa), Ok(pb)) => (pa, pb),
        (Err(code), _) | (_, Err(code)) => return Ok(code),
    };
    let seed = pa.plan.seed;
    // Both plans speak plan A's language unless --lang says otherwise.
    let lang = pa.lang;
    let pb = Prepared {
        plan: BatchPlan { seed, ..pb.plan },
        ..pb
    };
    let out = c.out.clone().unwrap_or_else(|| {
        let stem = |f: &Path| f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        PathBuf::from("compares").join(format!("{}-vs-{}-seed{seed}-runs{}", stem(a), stem(b), c.runs))
    });
    let state = match crate::outdir::check(&out, crate::outdir::COMPARE_ENTRIES, c.force, crate::outdir::A_COMPARISON, lang) {
        Ok(state) => state,
        Err(code) => return Ok(code),
    };
    let aside = match crate::outdir::set_aside(&out, &state, c.force, lang) {
        Ok(a) => a,
        Err(code) => return Ok(code),
    };
    let compared = (|| -> Result<Result<_, ExitCode>> {
        for (p, sub, label) in [(&pa, "a", "A"), (&pb, "b", "B")] {
            let plan = match lang {
                Lang::En => format!("plan {label}: {}", p.compiled.scenario.name),
                Lang::Zh => format!("方案 {label}：{}", p.compiled.scenario.name),
            };
            if let Err(code) = run_with_progress(p, &out.join(sub), c.quiet, &plan, lang) {
                return Ok(Err(code));
            }
        }
        let mut cmp = match batch::compare::compare(&out.join("a"), &out.join("b")) {
            Ok(cmp) => cmp,
            Err(e) => return Ok(Err(fail(&e, lang))),
        };
        cmp.differences = batch::differences::differences(&pa.compiled, &pb.compiled);
        drillsim::output::write_atomic(&out.join("compare.json"), (serde_json::to_string_pretty(&cmp)? + "\n").as_bytes())?;
        // Each plan's batch report, then the comparison's.
        for sub in ["a", "b"] {
            drillsim_reports::batch::write_batch_report(&out.join(sub), lang)
                .with_context(|| format!("writing the batch report in {}", out.join(sub).display()))?;
        }
        drillsim_reports::batch::compare::write_compare_report(&out, lang)
            .with_context(|| format!("writing the comparison report in {}", out.display()))?;
        Ok(Ok(cmp))
    })();
    crate::outdir::finish_aside(aside, &out, matches!(compared, Ok(Ok(_))), lang);
    let cmp = match compared? {
        Ok(cmp) => cmp,
        Err(code) => return Ok(code),
    };
    let path = out.join("compare.json");
    let shown = [
        "score",
        "metric.people.dead",
        "metric.people.injured",
        "metric.people.sheltered",
        "metric.people.trapped_at_end",
    ];
    let shown = |c: &str| shown.contains(&c) || HAZARD_HEADLINES.contains(&c);
    crate::batch_text::print_comparison(&cmp, &shown, lang);
    match lang {
        Lang::En => {
            println!("Wrote {} (every metric and objective)", path.display());
            println!("Wrote the comparison report: {}", out.join("report.html").display());
        }
        Lang::Zh => {
            println!("已写入 {}（全部指标与演练目标）", path.display());
            println!("已写入方案对比报告：{}", out.join("report.html").display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
