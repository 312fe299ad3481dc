//! The subcommands.

use crate::cli::{Cli, Command, Format, LangArg};
use crate::{outdir, render};
use anyhow::{Context, Result};
use drillsim::said;
use drillsim::{CompiledScenario, Engine, RunSpec};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The drill run by `drillsim run` without a file.
pub const BUNDLED_NAME: &str = "scenarios/riverside_flood.ron";
const BUNDLED: &str = include_str!("../../scenarios/riverside_flood.ron");

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Validate { files, format, lang } => validate(&files, format, lang),
        Command::Run {
            file,
            seed,
            replication,
            out,
            force,
            no_report,
            threads,
            lang,
            verbose,
            format,
        } => run_one(&RunArgs {
            file: file.as_deref(),
            seed,
            replication,
            out,
            force,
            report: !no_report,
            threads,
            lang,
            verbose,
            json: format == Format::Json,
        }),
        Command::Play {
            file,
            seed,
            replication,
            replay,
            until,
            record,
            out,
            force,
            no_report,
            threads,
            lang,
        } => crate::play_cmd::play(&crate::play_cmd::PlayArgs {
            file: file.as_deref(),
            seed,
            replication,
            replay: replay.as_deref(),
            until: until.as_deref(),
            record,
            out,
            force,
            report: !no_report,
            threads,
            lang,
        }),
        Command::Report { run_dir, lang } => crate::report_cmd::report(&run_dir, crate::cli::lang_of_dir(lang, &run_dir)),
        Command::New { name, hazard, lang, force } => new(&name, hazard, lang.unwrap_or(LangArg::En).lang(), force),
        Command::Export { file, out, lang } => export(&file, &out, lang),
        Command::Batch(args) => crate::batch_cmd::batch(&args),
        Command::Merge { dirs, out, lang } => {
            let lang = crate::cli::lang_of_dir(lang, dirs.first().map_or(Path::new("."), |d| d.as_path()));
            crate::batch_cmd::merge(&dirs, &out, lang)
        }
        Command::Compare { a, b, common } => crate::batch_cmd::compare(&a, &b, &common),
    }
}

/// Print why a scenario cannot be used, in `--lang` or the language the
/// file asks for, and give exit code 2.
pub fn invalid(d: &drillsim::Diagnostics, flag: Option<LangArg>) -> ExitCode {
    eprint!("{}", render::human(d, crate::cli::lang_of_source(flag, &d.source)));
    ExitCode::from(2)
}

fn validate(files: &[PathBuf], format: Format, flag: Option<LangArg>) -> Result<ExitCode> {
    let results: Vec<(String, Result<CompiledScenario, drillsim::Diagnostics>)> = files
        .iter()
        .map(|f| (f.display().to_string(), drillsim::domains::load_to_validate(f)))
        .collect();
    let all_ok = results.iter().all(|(_, r)| r.is_ok());
    match format {
        Format::Json => {
            let view: Vec<(String, Result<&drillsim::Diagnostics, &drillsim::Diagnostics>)> = results
                .iter()
                .map(|(f, r)| {
                    let d = match r {
                        Ok(c) => Ok(&c.not_simulated),
                        Err(d) => Err(d),
                    };
                    (f.clone(), d)
                })
                .collect();
            println!("{}", render::json(&view));
        }
        Format::Human => {
            for (f, r) in &results {
                match r {
                    Ok(c) => {
                        let lang = crate::cli::lang_for(flag, c);
                        let (name, cols, rows) = (&c.scenario.name, c.terrain.dims.cols, c.terrain.dims.rows);
                        let (links, uncertain) = (c.roads.link_ids.len(), c.uncertain.len());
                        match lang {
                            drillsim_reports::Lang::En => {
                                let s = |n: usize| if n == 1 { "" } else { "s" };
                                let (ls, us) = (s(links), s(uncertain));
                                println!(
                                    "{f}: ok ({name}, {cols}×{rows} cells, {links} road link{ls}, {uncertain} uncertain parameter{us})"
                                )
                            }
                            drillsim_reports::Lang::Zh => {
                                println!("{f}：通过（{name}，{cols}×{rows} 个网格，{links} 条路段，{uncertain} 个不确定参数）")
                            }
                        }
                        if !c.not_simulated.errors.is_empty() {
                            eprint!("{}", render::warnings(&c.not_simulated, lang));
                        }
                    }
                    Err(d) => eprint!("{}", render::human(d, crate::cli::lang_of_source(flag, &d.source))),
                }
            }
        }
    }
    Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

struct RunArgs<'a> {
    file: Option<&'a Path>,
    seed: Option<u64>,
    replication: u64,
    out: Option<PathBuf>,
    force: bool,
    report: bool,
    threads: Option<usize>,
    lang: Option<LangArg>,
    verbose: bool,
    json: bool,
}

/// The scenario in `file`, or the bundled drill (saying so) without one.
pub(crate) fn load_or_bundled(file: Option<&Path>) -> Result<CompiledScenario, drillsim::Diagnostics> {
    match file {
        Some(f) => drillsim::domains::load(f),
        None => {
            eprintln!("No scenario given: running the bundled drill {BUNDLED_NAME}.");
            CompiledScenario::from_source(BUNDLED, Path::new(BUNDLED_NAME), Path::new("."))
                .and_then(|c| drillsim::domains::check_for(drillsim::domains::STANDARD, &c).map(|_| c))
                .and_then(|c| c.runnable().map(|_| c))
        }
    }
}

/// The scenario's file name without `.ron`, for default output names.
pub(crate) fn stem_of(file: Option<&Path>) -> String {
    file.and_then(|f| f.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "riverside_flood".into())
}

fn run_one(a: &RunArgs) -> Result<ExitCode> {
    let compiled = match load_or_bundled(a.file) {
        Ok(c) => c,
        Err(d) => return Ok(invalid(&d, a.lang)),
    };
    let lang = crate::cli::lang_for(a.lang, &compiled);
    let threads = match crate::batch_cmd::threads_or(a.threads, 1, lang) {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    let seed = a.seed.unwrap_or(compiled.scenario.seed);
    let out = a
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("runs").join(format!("{}-seed{seed}", stem_of(a.file))));
    if let Err(code) = outdir::check(&out, outdir::RUN_ENTRIES, a.force, outdir::A_RUN, lang) {
        return Ok(code);
    }
    let started = std::time::Instant::now();
    let mut prepared = Engine::prepare(
        &compiled,
        RunSpec {
            seed,
            replication: a.replication,
        },
        None,
    );
    prepared.set_threads(threads);
    let outcome = prepared.run();
    let elapsed = started.elapsed();
    let (files, report_s) = write_run(&compiled, &outcome, &out, a.report.then_some(lang), &[])?;
    if a.json {
        let view = serde_json::json!({
            "scenario": compiled.scenario.name,
            "seed": seed,
            "replication": a.replication,
            "out": out.display().to_string(),
            "report": a.report.then(|| out.join("report.html").display().to_string()),
            "metrics": outcome.metrics,
            "scorecard": outcome.scorecard,
        });
        println!("{}", serde_json::to_string_pretty(&view)?);
        return Ok(ExitCode::SUCCESS);
    }
    let (name, replication) = (&compiled.scenario.name, a.replication);
    let (simulated, secs) = (
        drillsim_reports::fmt_time(outcome.ticks as f64 * compiled.scenario.tick.secs()),
        elapsed.as_secs_f64(),
    );
    match lang {
        drillsim_reports::Lang::En => {
            println!("{name} — seed {seed}, replication {replication}: {simulated} simulated in {secs:.1} s\n")
        }
        drillsim_reports::Lang::Zh => println!("{name} — 种子 {seed}，重复 {replication}：模拟 {simulated}，用时 {secs:.1} s\n"),
    }
    print_outcome(&outcome, &out, files, report_s, lang, a.verbose);
    if !a.verbose {
        println!(
            "{}",
            lang.pick(
                "Every metric: add --verbose, or --format json for tools.",
                "全部指标：加 --verbose，或用 --format json 供程序读取。"
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Write a run directory for `outcome` at `out`, with the report in `report`'s
/// language unless `None`, and `extra` files beside the run's own. Everything
/// goes into a hidden sibling first and replaces `out` whole, so an
/// interrupted write leaves the previous directory as it was. Returns the
/// number of files written and the seconds the report took.
pub(crate) fn write_run(
    compiled: &CompiledScenario,
    outcome: &drillsim::RunOutcome,
    out: &Path,
    report: Option<drillsim_reports::Lang>,
    extra: &[(&str, &[u8])],
) -> Result<(usize, Option<f64>)> {
    let staging = outdir::sibling(out, "partial");
    let written = (|| -> Result<(usize, Option<f64>)> {
        let files = drillsim::output::write_run_dir(&staging, compiled, outcome)?;
        for (name, bytes) in extra {
            drillsim::output::write_atomic(&staging.join(name), bytes)?;
        }
        let report = match report {
            Some(lang) => {
                let t = std::time::Instant::now();
                let w = drillsim_reports::write_report_in(&staging, lang)?;
                Some((w.files.len(), t.elapsed().as_secs_f64()))
            }
            None => None,
        };
        outdir::swap_into_place(&staging, out).with_context(|| format!("moving the run into {}", out.display()))?;
        Ok((files.len() + extra.len() + report.map_or(0, |r| r.0), report.map(|r| r.1)))
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_dir_all(&staging);
        e.context(format!("writing {}", out.display()))
    })
}

/// What happened, the scorecard and where the files went, in words.
pub(crate) fn print_outcome(
    outcome: &drillsim::RunOutcome,
    out: &Path,
    files: usize,
    report_s: Option<f64>,
    lang: drillsim_reports::Lang,
    verbose: bool,
) {
    let happened = crate::summary::what_happened(outcome, lang);
    if !happened.is_empty() {
        println!("{}", lang.pick("What happened", "演练情况"));
        for line in happened {
            println!("  {line}");
        }
        println!();
    }
    if verbose {
        println!("{}", lang.pick("Every metric", "全部指标"));
        print!("{}", crate::summary::all_metrics(outcome, lang));
        println!();
    }
    if let Some(card) = &outcome.scorecard {
        print!("{}", crate::summary::scorecard(card, lang));
        println!();
    }
    println!(
        "{} {files} {} {}",
        lang.pick("Wrote", "已写入"),
        lang.pick("files to", "个文件到"),
        out.display()
    );
    if let Some(s) = report_s {
        let report = out.join("report.html");
        match lang {
            drillsim_reports::Lang::En => println!("After-action report ({s:.1} s): {}", report.display()),
            drillsim_reports::Lang::Zh => println!("演练评估报告（{s:.1} s）：{}", report.display()),
        }
    }
}

fn new(name: &str, hazard: crate::templates::Hazard, lang: drillsim_reports::Lang, force: bool) -> Result<ExitCode> {
    let file = if name.ends_with(".ron") {
        PathBuf::from(name)
    } else {
        PathBuf::from(format!("{name}.ron"))
    };
    if file.exists() && !force {
        let shown = file.display();
        return Ok(render::refuse(
            said!("{shown} already exists", "{shown} 已存在"),
            said!(
                "pass --force to overwrite it, or pick another name",
                "加 --force 覆盖它，或换一个名称"
            ),
            lang,
        ));
    }
    let title = file.file_stem().map(|s| s.to_string_lossy().replace('_', " ")).unwrap_or_default();
    let text = crate::templates::starter(hazard, lang, &title);
    drillsim::output::write_atomic(&file, text.as_bytes())?;
    match lang {
        drillsim_reports::Lang::En => println!(
            "Wrote {f}. Check it with: drillsim validate {f}; run it with: drillsim run {f}",
            f = file.display()
        ),
        drillsim_reports::Lang::Zh => println!(
            "已写入 {f}。检查：drillsim validate {f}；运行：drillsim run {f}（文件写明 language: \"zh\"，输出即为中文）",
            f = file.display()
        ),
    }
    Ok(ExitCode::SUCCESS)
}

fn export(file: &Path, out: &Path, flag: Option<LangArg>) -> Result<ExitCode> {
    let compiled = match drillsim::domains::load(file) {
        Ok(c) => c,
        Err(d) => return Ok(invalid(&d, flag)),
    };
    let lang = crate::cli::lang_for(flag, &compiled);
    let Some(f) = drillsim::domains::flood::export::flood_inputs(&compiled) else {
        let shown = file.display();
        return Ok(render::refuse(
            said!("{shown} has no flood hazard to export", "{shown} 没有可导出的洪水灾害"),
            said!(
                "export works on scenarios with a Flood(...) hazard",
                "export 只用于含 Flood(...) 灾害的情景"
            ),
            lang,
        ));
    };
    if !out.exists()
        && let Err(m) = outdir::can_create(out, "--out")
    {
        return Ok(render::refuse(
            m,
            said!(
                "give --out a directory you can write in (a new name is created)",
                "给 --out 一个可写的目录（新名称会被创建）"
            ),
            lang,
        ));
    }
    let grid = |values: &[f64]| drillsim::map::asc::write(f.cols, f.rows, f.cell_m, -9999.0, values);
    let mut inflows = String::from("place,time_s,discharge_m3s,cells_col_row\n");
    for i in &f.inflows {
        let cells: Vec<String> = i.cells.iter().map(|(c, r)| format!("{c}:{r}")).collect();
        for (t, q) in &i.hydrograph {
            inflows.push_str(&format!("{},{t},{q},{}\n", i.place, cells.join(" ")));
        }
    }
    // Held until the next row, as the engine's weather reads it.
    let mut rain = String::from("time_s,rain_mm_h_from_then_on\n");
    for (t, r) in &f.rain_mm_h {
        rain.push_str(&format!("{t},{r}\n"));
    }
    let mut files = vec![
        ("dem.asc".to_string(), grid(&f.bed_m)),
        ("manning.asc".to_string(), grid(&f.manning_n)),
        ("inflows.csv".to_string(), inflows),
        ("rain.csv".to_string(), rain),
    ];
    if let Some(h) = &f.start_depth_m {
        files.push(("start.asc".to_string(), grid(h)));
    }
    let resroot = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "drill".into());
    files.extend(drillsim::domains::flood::peer::lisflood_files(&f, &resroot));
    for (name, text) in &files {
        let path = out.join(name);
        drillsim::output::write_atomic(&path, text.as_bytes()).with_context(|| format!("writing {}", path.display()))?;
    }
    let (n, shown, (cols, rows, cell), par) = (
        files.len(),
        out.display(),
        (f.cols, f.rows, f.cell_m),
        drillsim::domains::flood::peer::PAR,
    );
    match lang {
        drillsim_reports::Lang::En => {
            println!("Wrote {n} files to {shown} ({cols} × {rows} cells of {cell} m; uncertain values at their median)");
            println!("LISFLOOD-FP 8 runs the same inputs with: cd {shown} && lisflood {par}");
        }
        drillsim_reports::Lang::Zh => {
            println!("已写入 {n} 个文件到 {shown}（{cols} × {rows} 个 {cell} m 网格；不确定参数取中位数）");
            println!("LISFLOOD-FP 8 用同样的输入运行：cd {shown} && lisflood {par}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
