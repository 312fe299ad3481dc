//! The subcommands.

use crate::cli::{Cli, Command, Format};
use crate::render;
use anyhow::{Context, Result};
use drillsim::{CompiledScenario, Engine, RunSpec};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The drill run by `drillsim run` without a file.
pub const BUNDLED_NAME: &str = "scenarios/riverside_flood.ron";
const BUNDLED: &str = include_str!("../../scenarios/riverside_flood.ron");
const STARTER: &str = include_str!("starter.ron");

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Validate { files, format } => validate(&files, format),
        Command::Run {
            file,
            seed,
            replication,
            out,
            no_report,
            threads,
        } => match crate::batch_cmd::threads_or(threads, 1) {
            Ok(threads) => run_one(file.as_deref(), seed, replication, out, !no_report, threads),
            Err(code) => Ok(code),
        },
        Command::Report { run_dir } => crate::report_cmd::report(&run_dir),
        Command::New { name, force } => new(&name, force),
        Command::Export { file, out } => export(&file, &out),
        Command::Batch(args) => crate::batch_cmd::batch(&args),
        Command::Merge { dirs, out } => crate::batch_cmd::merge(&dirs, &out),
        Command::Compare { a, b, common } => crate::batch_cmd::compare(&a, &b, &common),
    }
}

pub fn invalid(d: &drillsim::Diagnostics) -> ExitCode {
    eprint!("{}", render::human(d));
    ExitCode::from(2)
}

fn validate(files: &[PathBuf], format: Format) -> Result<ExitCode> {
    let results: Vec<(String, Result<CompiledScenario, drillsim::Diagnostics>)> = files
        .iter()
        .map(|f| (f.display().to_string(), drillsim::domains::load(f)))
        .collect();
    let all_ok = results.iter().all(|(_, r)| r.is_ok());
    match format {
        Format::Json => {
            let view: Vec<(String, Option<&drillsim::Diagnostics>)> = results.iter().map(|(f, r)| (f.clone(), r.as_ref().err())).collect();
            println!("{}", render::json(&view));
        }
        Format::Human => {
            for (f, r) in &results {
                match r {
                    Ok(c) => println!(
                        "{f}: ok ({}, {}×{} cells, {} road links, {} uncertain parameters)",
                        c.scenario.name,
                        c.terrain.dims.cols,
                        c.terrain.dims.rows,
                        c.roads.link_ids.len(),
                        c.uncertain.len()
                    ),
                    Err(d) => eprint!("{}", render::human(d)),
                }
            }
        }
    }
    Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

fn run_one(
    file: Option<&Path>,
    seed: Option<u64>,
    replication: u64,
    out: Option<PathBuf>,
    report: bool,
    threads: usize,
) -> Result<ExitCode> {
    let compiled = match file {
        Some(f) => drillsim::domains::load(f),
        None => {
            eprintln!("No scenario given: running the bundled drill {BUNDLED_NAME}.");
            CompiledScenario::from_source(BUNDLED, Path::new(BUNDLED_NAME), Path::new("."))
                .and_then(|c| drillsim::domains::check_for(drillsim::domains::STANDARD, &c).map(|_| c))
        }
    };
    let compiled = match compiled {
        Ok(c) => c,
        Err(d) => return Ok(invalid(&d)),
    };
    let seed = seed.unwrap_or(compiled.scenario.seed);
    let stem = file
        .and_then(|f| f.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "riverside_flood".into());
    let out = out.unwrap_or_else(|| PathBuf::from("runs").join(format!("{stem}-seed{seed}")));
    let started = std::time::Instant::now();
    let mut prepared = Engine::prepare(&compiled, RunSpec { seed, replication }, None);
    prepared.set_threads(threads);
    let outcome = prepared.run();
    let elapsed = started.elapsed();
    let written = drillsim::output::write_run_dir(&out, &compiled, &outcome).with_context(|| format!("writing {}", out.display()))?;
    println!(
        "{} — seed {seed}, replication {replication}: {} ticks simulated in {:.2} s",
        compiled.scenario.name,
        outcome.ticks,
        elapsed.as_secs_f64()
    );
    for (k, v) in &outcome.metrics {
        println!("  {k:<40} {v}");
    }
    if let Some(card) = &outcome.scorecard {
        print!("{}", render::scorecard(card));
    }
    println!("Wrote {} files to {}", written.len(), out.display());
    if report {
        crate::report_cmd::write(&out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn new(name: &str, force: bool) -> Result<ExitCode> {
    let file = if name.ends_with(".ron") {
        PathBuf::from(name)
    } else {
        PathBuf::from(format!("{name}.ron"))
    };
    if file.exists() && !force {
        eprintln!(
            "error: {} already exists\n  = hint: pass --force to overwrite it, or pick another name",
            file.display()
        );
        return Ok(ExitCode::from(2));
    }
    let title = file.file_stem().map(|s| s.to_string_lossy().replace('_', " ")).unwrap_or_default();
    let text = STARTER.replace("{{NAME}}", &title.replace('"', "'"));
    drillsim::output::write_atomic(&file, text.as_bytes())?;
    println!("Wrote {}. Check it with: drillsim validate {}", file.display(), file.display());
    Ok(ExitCode::SUCCESS)
}

fn export(file: &Path, out: &Path) -> Result<ExitCode> {
    let compiled = match drillsim::domains::load(file) {
        Ok(c) => c,
        Err(d) => return Ok(invalid(&d)),
    };
    let Some(f) = drillsim::domains::flood::export::flood_inputs(&compiled) else {
        eprintln!(
            "error: {} has no flood hazard to export\n  = hint: export works on scenarios with a Flood(...) hazard",
            file.display()
        );
        return Ok(ExitCode::from(2));
    };
    let grid = |values: &[f64]| drillsim::map::asc::write(f.cols, f.rows, f.cell_m, -9999.0, values);
    let mut inflows = String::from("place,time_s,discharge_m3s,cells_col_row\n");
    for i in &f.inflows {
        let cells: Vec<String> = i.cells.iter().map(|(c, r)| format!("{c}:{r}")).collect();
        for (t, q) in &i.hydrograph {
            inflows.push_str(&format!("{},{t},{q},{}\n", i.place, cells.join(" ")));
        }
    }
    let mut rain = String::from("time_s,rain_mm_h\n");
    for (t, r) in &f.rain_mm_h {
        rain.push_str(&format!("{t},{r}\n"));
    }
    let files = [
        ("dem.asc", grid(&f.bed_m)),
        ("manning.asc", grid(&f.manning_n)),
        ("inflows.csv", inflows),
        ("rain.csv", rain),
    ];
    for (name, text) in &files {
        let path = out.join(name);
        drillsim::output::write_atomic(&path, text.as_bytes()).with_context(|| format!("writing {}", path.display()))?;
    }
    println!(
        "Wrote {} files to {} ({} × {} cells of {} m; uncertain values at their median)",
        files.len(),
        out.display(),
        f.cols,
        f.rows,
        f.cell_m
    );
    Ok(ExitCode::SUCCESS)
}
