//! # drillsim-reports
//!
//! After-action reports from a run directory (`drillsim run --out DIR`):
//! charts and maps (PNG and SVG, [`charts`]), `report.html` — one
//! self-contained file in the HSEEP after-action report layout, charts
//! embedded as `data:` URIs, no network access — and `report.md` with the
//! same content ([`document`] builds it once, [`html`] and [`markdown`]
//! print it).
//!
//! ```text
//! run dir ──rundir::RunData::load──▶ RunData ──charts::render_all──▶ charts/*.png, *.svg
//!                                        └──document::Document::build──▶ report.html, report.md
//! ```
//!
//! A batch directory gets its own report the same way ([`batch`]).
//!
//! Everything is read from the run's files; the copied `scenario.ron` is
//! re-compiled only for the map geometry (roads, places, shelters). The
//! report is a pure function of the run directory: no generation time, no
//! absolute paths.
//!
//! ## Strengths and areas for improvement
//!
//! Derived by the rules in [`rules`] (also printed in each report):
//! objectives rated P/S are strengths and M/U areas for improvement;
//! expected actions within 15 min of their inject are strengths, later than
//! 60 min or never done are areas for improvement; supply shortfalls,
//! people trapped at the end, deaths and injuries, full shelters, lost
//! teams, and what incidents waited on when a plan could change it, are
//! areas for improvement.
//!
//! ## Fonts
//!
//! Chart text is drawn from fonts compiled into the binary ([`fonts`]):
//! DejaVu Sans (742 KiB) and a GB 2312 level-1 subset of WenQuanYi Micro
//! Hei (732 KiB) for Chinese names and the symbols they mix in;
//! `fonts/subset.sh` rebuilds the subset.

pub mod batch;
pub mod charts;
pub mod document;
pub mod fonts;
pub mod html;
pub mod labels;
pub mod markdown;
pub mod palette;
pub mod rules;
pub mod rundir;
pub mod words;

pub use document::Document;
pub use rundir::RunData;
pub use words::Lang;

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{dir} is not a run directory (no summary.json)")]
    NotARunDir { dir: PathBuf },
    #[error("{dir} is not a finished batch directory (it needs both batch.json and summary.json)")]
    NotABatchDir { dir: PathBuf },
    /// The I/O error is in the message only, so a whole chain says it once.
    #[error("cannot read {path}: {error}")]
    Io { path: PathBuf, error: std::io::Error },
    #[error("{path}:{line}: {message}")]
    Parse { path: PathBuf, line: usize, message: String },
    #[error("cannot draw chart `{chart}`: {message}")]
    Chart { chart: String, message: String },
    #[error(transparent)]
    Write(#[from] drillsim::output::OutputError),
}

/// What [`write_report`] wrote, relative to the run directory.
#[derive(Clone, Debug)]
pub struct Written {
    pub files: Vec<PathBuf>,
}

/// Write `path` atomically (the engine's own writer).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    Ok(drillsim::output::write_atomic(path, bytes)?)
}

/// Read the run directory `dir` and write `report.html`, `report.md` and
/// `charts/*.{png,svg}` into it, in English.
pub fn write_report(dir: &Path) -> Result<Written, ReportError> {
    write_report_in(dir, Lang::En)
}

/// [`write_report`] in `lang`.
pub fn write_report_in(dir: &Path, lang: Lang) -> Result<Written, ReportError> {
    let mut run = RunData::load(dir)?;
    run.lang = lang;
    write_report_for(&run, dir)
}

/// [`write_report`] for an already loaded run, into `out`, in `run.lang`.
pub fn write_report_for(run: &RunData, out: &Path) -> Result<Written, ReportError> {
    let charts = charts::render_all(run, &out.join("charts"))?;
    let doc = Document::build_in(run, &charts, run.lang);
    let mut files: Vec<PathBuf> = charts
        .iter()
        .flat_map(|c| ["png", "svg"].map(|x| PathBuf::from(format!("charts/{}.{x}", c.stem))))
        .collect();
    write_atomic(&out.join("report.md"), markdown::render(&doc).as_bytes())?;
    write_atomic(&out.join("report.html"), html::render(&doc, &charts).as_bytes())?;
    files.push("report.md".into());
    files.push("report.html".into());
    Ok(Written { files })
}

/// Seconds since the start as `2h05`.
pub fn fmt_time(t_s: f64) -> String {
    let m = (t_s / 60.0).round().max(0.0) as u64;
    format!("{}h{:02}", m / 60, m % 60)
}

/// A number for people: integers without decimals, others to 3 significant-ish places.
pub fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        "n/a".into()
    } else if (v.fract() == 0.0 && v.abs() < 1e15) || v.abs() >= 100.0 {
        format!("{v:.0}")
    } else if v.abs() >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}
