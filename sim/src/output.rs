//! Files a run leaves behind, each written atomically (temporary file in the
//! same directory, flushed, then renamed over the target), so an interrupted
//! run never leaves a half-written file a user might keep.

use crate::CompiledScenario;
use crate::engine::RunOutcome;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The I/O error is in the message and not a `source()` as well, so a
    /// chain printed whole (`{:#}`) says it once.
    #[error("cannot write {path}: {error}")]
    Io { path: PathBuf, error: std::io::Error },
}

/// Write `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let err = |error| OutputError::Io {
        path: path.to_path_buf(),
        error,
    };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(err)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(err)
}

/// The run's `summary.json`.
#[derive(Serialize)]
pub struct RunSummary<'a> {
    pub scenario: &'a str,
    pub scenario_file: String,
    pub scenario_sha256: &'a str,
    pub seed: u64,
    pub replication: u64,
    pub start: &'a str,
    pub duration_s: f64,
    pub tick_s: f64,
    pub ticks: u64,
    pub sampled: &'a [(String, f64)],
    pub metrics: &'a std::collections::BTreeMap<String, f64>,
    pub engine_version: &'static str,
}

/// Number formatting shared by every CSV the engine writes: shortest
/// round-trip form, `NaN` as an empty cell; in exponent form below 1e-6 and
/// from 1e15 on, where the plain form runs to a hundred digits (a probit
/// lethality of 1e-108).
pub fn fmt_num(out: &mut String, v: f64) {
    if !v.is_finite() {
        return;
    }
    let _ = if v != 0.0 && !(1e-6..1e15).contains(&v.abs()) {
        write!(out, "{v:e}")
    } else {
        write!(out, "{v}")
    };
}

pub fn timeseries_csv(outcome: &RunOutcome) -> String {
    let ts = &outcome.timeseries;
    let mut s = ts.columns.join(",");
    s.push('\n');
    for row in &ts.rows {
        for (i, v) in row.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            fmt_num(&mut s, *v);
        }
        s.push('\n');
    }
    s
}

/// A table as CSV; text cells are quoted when they hold a comma, quote or
/// line break.
pub fn table_csv(table: &crate::engine::Table) -> String {
    use crate::engine::TableCell;
    let mut s = table.columns.join(",");
    s.push('\n');
    for row in &table.rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            match cell {
                TableCell::Num(v) => fmt_num(&mut s, *v),
                TableCell::Text(t) if t.contains([',', '"', '\n', '\r']) => {
                    let _ = write!(s, "\"{}\"", t.replace('"', "\"\""));
                }
                TableCell::Text(t) => s.push_str(t),
            }
        }
        s.push('\n');
    }
    s
}

pub fn events_jsonl(outcome: &RunOutcome) -> String {
    let mut s = String::new();
    for e in &outcome.events {
        s.push_str(&serde_json::to_string(e).unwrap_or_default());
        s.push('\n');
    }
    s
}

/// NODATA value of the rasters a run writes.
pub const NODATA: f64 = -9999.0;

/// Write a run directory: `events.jsonl`, `timeseries.csv`, `summary.json`,
/// `scenario.ron` (the text as run), `scenario.sha256`, `scorecard.json` and
/// `tables/*.csv` (one row per agent, e.g. each household's exposure),
/// `rasters/*.asc` (ESRI ASCII grids: hazard layer snapshots and peaks,
/// first-wet time, ...) with `rasters/layers.json` describing the hazard
/// layers behind them (title, unit, map classes).
pub fn write_run_dir(dir: &Path, compiled: &CompiledScenario, outcome: &RunOutcome) -> Result<Vec<PathBuf>, OutputError> {
    let s = &compiled.scenario;
    let summary = RunSummary {
        scenario: &s.name,
        scenario_file: compiled.file.display().to_string(),
        scenario_sha256: &compiled.hash,
        seed: outcome.spec.seed,
        replication: outcome.spec.replication,
        start: &s.start,
        duration_s: s.duration.secs(),
        tick_s: s.tick.secs(),
        ticks: outcome.ticks,
        sampled: &outcome.sampled,
        metrics: &outcome.metrics,
        engine_version: env!("CARGO_PKG_VERSION"),
    };
    let summary_json = serde_json::to_string_pretty(&summary).unwrap_or_default() + "\n";
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("events.jsonl", events_jsonl(outcome).into_bytes()),
        ("timeseries.csv", timeseries_csv(outcome).into_bytes()),
        ("scenario.ron", compiled.source.as_bytes().to_vec()),
        ("scenario.sha256", format!("{}  scenario.ron\n", compiled.hash).into_bytes()),
        (
            "scorecard.json",
            (serde_json::to_string_pretty(&outcome.scorecard).unwrap_or_default() + "\n").into_bytes(),
        ),
        // Written last: its presence marks a complete run directory.
        ("summary.json", summary_json.into_bytes()),
    ];
    let mut written = Vec::new();
    let dims = compiled.terrain.dims;
    for (name, raster) in &outcome.rasters {
        let values: Vec<f64> = raster.iter().map(|v| if v.is_finite() { *v as f64 } else { NODATA }).collect();
        let p = dir.join("rasters").join(format!("{name}.asc"));
        write_atomic(
            &p,
            crate::map::asc::write(dims.cols, dims.rows, compiled.terrain.cell_m, NODATA, &values).as_bytes(),
        )?;
        written.push(p);
    }
    for (name, table) in &outcome.tables {
        let p = dir.join("tables").join(format!("{name}.csv"));
        write_atomic(&p, table_csv(table).as_bytes())?;
        written.push(p);
    }
    if !outcome.layers.is_empty() {
        let p = dir.join("rasters").join("layers.json");
        write_atomic(
            &p,
            (serde_json::to_string_pretty(&outcome.layers).unwrap_or_default() + "\n").as_bytes(),
        )?;
        written.push(p);
    }
    for (name, bytes) in files {
        let p = dir.join(name);
        write_atomic(&p, &bytes)?;
        written.push(p);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::fmt_num;

    #[test]
    fn numbers_round_trip_in_few_characters() {
        for v in [0.0, 0.5, -2.25, 1.0935695901997783e-108, -3e-9, 1e-6, 123456.789, 1e15, 6.02e23] {
            let mut s = String::new();
            fmt_num(&mut s, v);
            assert_eq!(s.parse::<f64>().unwrap().to_bits(), v.to_bits(), "{v} wrote {s}");
            assert!(s.len() <= 24, "{v} wrote {} characters: {s}", s.len());
        }
        let mut s = String::new();
        fmt_num(&mut s, f64::NAN);
        assert_eq!(s, "");
    }
}
