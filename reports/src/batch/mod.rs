//! The batch report: what an analyst reads after `drillsim batch` (or
//! `drillsim merge`), written into the batch directory beside the files it
//! is made from — `report.html` (self-contained, like a run's), `report.md`
//! and `charts/`.
//!
//! ```text
//! batch dir ──BatchData::load──▶ BatchData ──charts──▶ charts/*.png, *.svg
//!   summary.json, runs.csv,          └──render──▶ report.html, report.md
//!   batch.json, rasters/, scenario.ron
//! ```
//!
//! It shows what `summary.json` holds in words and units (the score's and
//! each metric's mean with its interval and percentiles, each objective's
//! probability of being met with its Wilson interval and how its ratings
//! fell), the score's histogram, the probability maps on the scenario's
//! roads and zones, and which sampled parameters the score moves with
//! ([`analysis`]). Like a run's report it is a pure function of the
//! directory.

pub mod analysis;
pub mod change_maps;
pub mod charts;
pub mod compare;
mod render;

use crate::rundir::{Raster, parse_asc};
use crate::{Lang, ReportError, Written, words};
use drillsim::CompiledScenario;
use drillsim::batch::store::{Manifest, read_columns, read_manifest};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One numeric column of `summary.json` (NaN where the batch had none).
#[derive(Clone, Debug)]
pub struct ColumnRow {
    pub column: String,
    pub n: u64,
    pub mean: f64,
    pub mean_lo: f64,
    pub mean_hi: f64,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
}

/// One objective of `summary.json`.
#[derive(Clone, Debug)]
pub struct ObjectiveRow {
    pub id: String,
    pub met: u64,
    pub n: u64,
    pub p: f64,
    pub lo: f64,
    pub hi: f64,
    /// Runs per rating letter.
    pub ratings: BTreeMap<String, u64>,
}

/// A sampled parameter's rank correlation with each outcome
/// ([`BatchData::outcomes`]): `None` where ρ is undefined (an outcome that
/// did not vary).
#[derive(Clone, Debug)]
pub struct Driver {
    /// `runs.csv` column without its `param.` prefix.
    pub path: String,
    /// (ρ, pairs) per outcome, in the order of [`BatchData::outcomes`].
    pub rho: Vec<Option<(f64, usize)>>,
}

impl Driver {
    /// The largest |ρ| over the outcomes (0 when none is defined).
    pub fn strongest(&self) -> f64 {
        self.rho.iter().flatten().map(|(r, _)| r.abs()).fold(0.0, f64::max)
    }
}

/// Everything the batch report is made from.
pub struct BatchData {
    pub dir: PathBuf,
    pub manifest: Manifest,
    pub runs: u64,
    pub columns: Vec<ColumnRow>,
    pub objectives: Vec<ObjectiveRow>,
    /// The score of every run, in replication order.
    pub scores: Vec<f64>,
    /// The outcomes parameters are ranked against: `score`, then each
    /// objective's value (`objective.<id>.value`), as `runs.csv` names them.
    pub outcomes: Vec<String>,
    /// Sampled parameters with a defined ρ for some outcome, by their
    /// strongest |ρ|, largest first.
    pub drivers: Vec<Driver>,
    /// Probability rasters: (file stem, what a cell holds, grid).
    pub rasters: Vec<(String, String, Raster)>,
    /// The scenario re-compiled for its map, or why it could not be.
    pub scenario: Result<CompiledScenario, String>,
    pub lang: Lang,
}

fn read(path: &Path) -> Result<String, ReportError> {
    std::fs::read_to_string(path).map_err(|error| ReportError::Io {
        path: path.to_path_buf(),
        error,
    })
}

fn not_a_batch(dir: &Path) -> ReportError {
    ReportError::NotABatchDir { dir: dir.to_path_buf() }
}

/// A number of `summary.json`; `null` (a statistic the batch had no value
/// for) reads as NaN.
fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

impl BatchData {
    /// Read a finished batch directory.
    pub fn load(dir: &Path) -> Result<BatchData, ReportError> {
        let manifest = read_manifest(dir).ok().flatten().ok_or_else(|| not_a_batch(dir))?;
        let summary_path = dir.join("summary.json");
        if !summary_path.is_file() {
            return Err(not_a_batch(dir));
        }
        let summary: Value = serde_json::from_str(&read(&summary_path)?).map_err(|e| ReportError::Parse {
            path: summary_path.clone(),
            line: e.line(),
            message: e.to_string(),
        })?;
        let columns = summary["columns"]
            .as_array()
            .map(|cols| {
                cols.iter()
                    .map(|c| {
                        let column = c["column"].as_str().unwrap_or_default().to_string();
                        let (mean_lo, mean_hi) = words::within_possible(&column, num(&c["mean_ci95"]["lo"]), num(&c["mean_ci95"]["hi"]));
                        ColumnRow {
                            column,
                            n: c["n"].as_u64().unwrap_or(0),
                            mean: num(&c["mean"]),
                            mean_lo,
                            mean_hi,
                            p5: num(&c["p5"]["value"]),
                            p50: num(&c["p50"]["value"]),
                            p95: num(&c["p95"]["value"]),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let objectives = summary["objectives"]
            .as_array()
            .map(|os| {
                os.iter()
                    .map(|o| ObjectiveRow {
                        id: o["id"].as_str().unwrap_or_default().to_string(),
                        met: o["p_met"]["successes"].as_u64().unwrap_or(0),
                        n: o["p_met"]["n"].as_u64().unwrap_or(0),
                        p: num(&o["p_met"]["p"]),
                        lo: num(&o["p_met"]["ci95"]["lo"]),
                        hi: num(&o["p_met"]["ci95"]["hi"]),
                        ratings: o["ratings"]
                            .as_object()
                            .map(|r| r.iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(0))).collect())
                            .unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let (scores, outcomes, drivers) = score_and_drivers(dir)?;
        let mut rasters = Vec::new();
        if let Some(list) = summary["rasters"].as_object() {
            for (file, what) in list {
                let path = dir.join(file);
                let stem = Path::new(file)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                rasters.push((stem, what.as_str().unwrap_or_default().to_string(), parse_asc(&path)?));
            }
        }
        Ok(BatchData {
            dir: dir.to_path_buf(),
            runs: summary["runs"].as_u64().unwrap_or(0),
            manifest,
            columns,
            objectives,
            scores,
            outcomes,
            drivers,
            rasters,
            scenario: compile(dir),
            lang: Lang::En,
        })
    }

    /// The summary row of a `runs.csv` column.
    pub fn column(&self, name: &str) -> Option<&ColumnRow> {
        self.columns.iter().find(|c| c.column == name)
    }
}

/// The score of every run, the outcomes, and each sampled parameter's
/// correlation with them: the outcomes stay in memory, the parameters are
/// read one column at a time (as `summary.json` was made).
type Drivers = (Vec<f64>, Vec<String>, Vec<Driver>);

fn score_and_drivers(dir: &Path) -> Result<Drivers, ReportError> {
    let path = dir.join("runs.csv");
    let header_line = read_first_line(&path)?;
    let header = drillsim::batch::row::split_csv(&header_line);
    let batch_err = |e: drillsim::batch::BatchError| ReportError::Parse {
        path: path.clone(),
        line: 0,
        message: e.to_string(),
    };
    let outcome_cols: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| *h == "score" || (h.starts_with("objective.") && h.ends_with(".value")))
        .map(|(i, _)| i)
        .collect();
    // The score first, then the objectives in file order.
    let mut outcome_cols = outcome_cols;
    outcome_cols.sort_by_key(|&i| header[i] != "score");
    let outcomes: Vec<String> = outcome_cols.iter().map(|&i| header[i].clone()).collect();
    let values = read_columns(&path, &outcome_cols).map_err(batch_err)?;
    let scores = match outcomes.first() {
        Some(first) if first == "score" => values[0].clone(),
        _ => Vec::new(),
    };
    let mut drivers = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let Some(param) = h.strip_prefix("param.") else { continue };
        let x = read_columns(&path, &[i]).map_err(batch_err)?.remove(0);
        let rho: Vec<Option<(f64, usize)>> = values.iter().map(|y| analysis::spearman(&x, y)).collect();
        if rho.iter().any(Option::is_some) {
            drivers.push(Driver {
                path: param.to_string(),
                rho,
            });
        }
    }
    drivers.sort_by(|a, b| b.strongest().total_cmp(&a.strongest()).then_with(|| a.path.cmp(&b.path)));
    Ok((scores, outcomes, drivers))
}

fn read_first_line(path: &Path) -> Result<String, ReportError> {
    use std::io::BufRead;
    let file = std::fs::File::open(path).map_err(|error| ReportError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    let mut line = String::new();
    std::io::BufReader::new(file)
        .read_line(&mut line)
        .map_err(|error| ReportError::Io {
            path: path.to_path_buf(),
            error,
        })?;
    Ok(line.trim_end().to_string())
}

/// Re-compile the batch's copy of the scenario for its map; data files it
/// names are looked for from the working directory, then the batch's.
fn compile(dir: &Path) -> Result<CompiledScenario, String> {
    let path = dir.join("scenario.ron");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut last = String::new();
    for base in [Path::new("."), dir] {
        match CompiledScenario::from_source(&text, &path, base) {
            Ok(c) => return Ok(c),
            Err(d) => last = d.to_string(),
        }
    }
    Err(last)
}

/// Read the batch directory `dir` and write `report.html`, `report.md` and
/// `charts/*.{png,svg}` into it, in `lang`.
pub fn write_batch_report(dir: &Path, lang: Lang) -> Result<Written, ReportError> {
    let mut data = BatchData::load(dir)?;
    data.lang = lang;
    let charts = charts::render_all(&data, &dir.join("charts"))?;
    render::write_documents(dir, lang, &render::title(&data), &render::blocks(&data), &charts)
}
