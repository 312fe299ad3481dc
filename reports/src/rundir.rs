//! Reading a run directory back: the files `drillsim run` wrote
//! (`sim/src/output.rs`), parsed into plain data the charts and documents
//! share. Nothing here re-runs the simulation; the scenario is re-compiled
//! only for geometry (map size, roads, places), and a report is still written
//! without it (maps then say why they are missing).

use crate::ReportError;
use drillsim::CompiledScenario;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One line of `events.jsonl`.
#[derive(Clone, Debug, Deserialize)]
pub struct Event {
    pub t_s: f64,
    pub kind: String,
    pub subject: String,
    #[serde(default)]
    pub data: serde_json::Map<String, serde_json::Value>,
}

impl From<&drillsim::engine::EventRecord> for Event {
    fn from(e: &drillsim::engine::EventRecord) -> Event {
        Event {
            t_s: e.t_s,
            kind: e.kind.clone(),
            subject: e.subject.clone(),
            data: e.data.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        }
    }
}

impl Event {
    pub fn str(&self, key: &str) -> Option<&str> {
        self.data.get(key).and_then(|v| v.as_str())
    }
    pub fn num(&self, key: &str) -> Option<f64> {
        self.data.get(key).and_then(|v| v.as_f64())
    }
}

/// `summary.json`.
#[derive(Clone, Debug, Deserialize)]
pub struct Summary {
    pub scenario: String,
    #[serde(default)]
    pub scenario_file: String,
    pub scenario_sha256: String,
    pub seed: u64,
    #[serde(default)]
    pub replication: u64,
    #[serde(default)]
    pub start: String,
    pub duration_s: f64,
    #[serde(default)]
    pub tick_s: f64,
    #[serde(default)]
    pub sampled: Vec<(String, f64)>,
    #[serde(default)]
    pub metrics: BTreeMap<String, Option<f64>>,
    #[serde(default)]
    pub engine_version: String,
    /// Ticks run: fewer than `duration_s / tick_s` when a tabletop session
    /// ended early.
    #[serde(default)]
    pub ticks: Option<u64>,
}

/// One objective of `scorecard.json`.
#[derive(Clone, Debug, Deserialize)]
pub struct Objective {
    pub id: String,
    pub capability: String,
    pub metric: String,
    pub value: Option<f64>,
    pub target: String,
    #[serde(default)]
    pub met: bool,
    pub rating: String,
    pub weight: f64,
    pub points: f64,
}

/// An action an inject expected, and how long after the inject it happened.
#[derive(Clone, Debug, Deserialize)]
pub struct ExpectedAction {
    pub inject: String,
    pub action: String,
    pub delay_min: Option<f64>,
}

/// `scorecard.json` (`null` when the scenario has no objectives).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Scorecard {
    #[serde(default)]
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub expected_actions: Vec<ExpectedAction>,
    #[serde(default)]
    pub score: Option<f64>,
}

/// `timeseries.csv`: the first column is `t_min`; empty cells are NaN.
#[derive(Clone, Debug, Default)]
pub struct Series {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<f64>>,
}

impl Series {
    pub fn col(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }
    /// Times of the rows in hours.
    pub fn hours(&self) -> Vec<f64> {
        self.rows.iter().map(|r| r.first().copied().unwrap_or(f64::NAN) / 60.0).collect()
    }
    pub fn values(&self, col: usize) -> Vec<f64> {
        self.rows.iter().map(|r| r.get(col).copied().unwrap_or(f64::NAN)).collect()
    }
    /// Value of a column at the last row at or before `t_min`.
    pub fn at(&self, col: usize, t_min: f64) -> Option<f64> {
        self.rows
            .iter()
            .take_while(|r| r.first().is_some_and(|t| *t <= t_min + 1e-9))
            .last()
            .and_then(|r| r.get(col).copied())
            .filter(|v| v.is_finite())
    }
}

/// An ESRI ASCII grid from `rasters/`.
#[derive(Clone, Debug)]
pub struct Raster {
    pub cols: usize,
    pub rows: usize,
    pub cell_m: f64,
    /// Row-major, row 0 at the top; NODATA as NaN.
    pub values: Vec<f64>,
}

impl Raster {
    pub fn max(&self) -> f64 {
        self.values.iter().copied().filter(|v| v.is_finite()).fold(0.0, f64::max)
    }
}

/// Everything a report is made from.
pub struct RunData {
    pub dir: PathBuf,
    pub summary: Summary,
    pub scorecard: Scorecard,
    pub events: Vec<Event>,
    pub series: Series,
    /// Rasters by file stem (`max_depth_m`, `depth_t120min`, ...), sorted by name.
    pub rasters: BTreeMap<String, Raster>,
    /// The hazard layers behind the rasters (`rasters/layers.json`), in publication order.
    pub layers: Vec<drillsim::engine::LayerInfo>,
    /// Each household's exposure to a chemical release
    /// (`tables/exposure.csv`), when the drill has one.
    pub exposure: Option<Vec<Exposure>>,
    /// The moves of a tabletop session (`session.ron`, from `drillsim
    /// play`): orders given and injects fired by hand, in order; or why the
    /// file could not be read.
    pub session: Option<Result<Vec<drillsim::session::Move>, String>>,
    /// The scenario re-compiled for its geometry, or why it could not be.
    pub scenario: Result<CompiledScenario, String>,
    /// The language charts and documents are written in.
    pub lang: crate::Lang,
}

fn read(path: &Path) -> Result<String, ReportError> {
    std::fs::read_to_string(path).map_err(|error| ReportError::Io {
        path: path.to_path_buf(),
        error,
    })
}

fn parse_err(path: &Path, line: usize, message: impl Into<String>) -> ReportError {
    ReportError::Parse {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

impl RunData {
    /// Read a run directory. `summary.json` is written last by `drillsim run`,
    /// so its absence means the directory is not a (complete) run.
    pub fn load(dir: &Path) -> Result<Self, ReportError> {
        let sp = dir.join("summary.json");
        if !sp.is_file() {
            return Err(ReportError::NotARunDir { dir: dir.to_path_buf() });
        }
        let summary: Summary = serde_json::from_str(&read(&sp)?).map_err(|e| parse_err(&sp, e.line(), e.to_string()))?;
        let cp = dir.join("scorecard.json");
        let scorecard = if cp.is_file() {
            let v: Option<Scorecard> = serde_json::from_str(&read(&cp)?).map_err(|e| parse_err(&cp, e.line(), e.to_string()))?;
            v.unwrap_or_default()
        } else {
            Scorecard::default()
        };
        let ep = dir.join("events.jsonl");
        let mut events = Vec::new();
        for (i, line) in read(&ep)?.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            events.push(serde_json::from_str::<Event>(line).map_err(|e| parse_err(&ep, i + 1, e.to_string()))?);
        }
        let series = parse_series(&dir.join("timeseries.csv"))?;
        let mut rasters = BTreeMap::new();
        let rdir = dir.join("rasters");
        if rdir.is_dir() {
            let entries = std::fs::read_dir(&rdir).map_err(|error| ReportError::Io { path: rdir.clone(), error })?;
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "asc"))
                .collect();
            paths.sort();
            for p in paths {
                let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                rasters.insert(stem, parse_asc(&p)?);
            }
        }
        let lp = rdir.join("layers.json");
        let layers = if lp.is_file() {
            serde_json::from_str(&read(&lp)?).map_err(|e| parse_err(&lp, e.line(), e.to_string()))?
        } else {
            Vec::new()
        };
        let xp = dir.join("tables").join("exposure.csv");
        let exposure = if xp.is_file() { Some(parse_exposure(&xp)?) } else { None };
        let scenario = compile_scenario(dir, &summary);
        let session = read_session(dir, &scenario);
        Ok(RunData {
            dir: dir.to_path_buf(),
            summary,
            scorecard,
            events,
            series,
            rasters,
            layers,
            exposure,
            session,
            scenario,
            lang: crate::Lang::En,
        })
    }

    /// Events of one kind, in file order (which is time order per kind).
    pub fn events_of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Event> + 'a {
        self.events.iter().filter(move |e| e.kind == kind)
    }

    /// Run length in hours.
    pub fn duration_h(&self) -> f64 {
        self.summary.duration_s / 3600.0
    }

    /// Fired injects: (id, time s, note), by time then id.
    pub fn injects(&self) -> Vec<(String, f64, String)> {
        let mut v: Vec<(String, f64, String)> = self
            .events_of("inject_fired")
            .map(|e| (e.subject.clone(), e.t_s, e.str("note").unwrap_or_default().to_string()))
            .collect();
        v.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        v
    }

    /// A metric of `summary.json`, if present and finite.
    pub fn metric(&self, key: &str) -> Option<f64> {
        self.summary.metrics.get(key).copied().flatten().filter(|v| v.is_finite())
    }
}

/// Re-compile the copied `scenario.ron`. Data files it names are relative to
/// the original scenario's directory, so that is tried first, then the run dir.
fn compile_scenario(dir: &Path, summary: &Summary) -> Result<CompiledScenario, String> {
    let path = dir.join("scenario.ron");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let original = Path::new(&summary.scenario_file);
    let mut bases: Vec<PathBuf> = Vec::new();
    if let Some(p) = original.parent() {
        bases.push(if p.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            p.to_path_buf()
        });
    }
    bases.push(dir.to_path_buf());
    let mut last = String::new();
    for base in bases {
        match CompiledScenario::from_source(&text, &path, &base) {
            Ok(c) => return Ok(c),
            Err(d) => {
                last = d
                    .errors
                    .first()
                    .map(|e| e.message.clone())
                    .unwrap_or_else(|| "the scenario did not compile".into())
            }
        }
    }
    Err(format!("the scenario copy in the run directory could not be re-compiled ({last})"))
}

/// The moves of `dir/session.ron`, checked against the run's scenario.
fn read_session(dir: &Path, scenario: &Result<CompiledScenario, String>) -> Option<Result<Vec<drillsim::session::Move>, String>> {
    let path = dir.join("session.ron");
    if !path.is_file() {
        return None;
    }
    Some(match scenario {
        Ok(c) => drillsim::session::load(&path, c)
            .map(|s| s.moves)
            .map_err(|d| d.errors.first().map_or_else(|| d.to_string(), |e| e.message.clone())),
        Err(why) => Err(format!("the scenario could not be compiled ({why})")),
    })
}

/// One household's row of `tables/exposure.csv`, the columns the report reads.
#[derive(Clone, Debug, PartialEq)]
pub struct Exposure {
    pub residents: f64,
    /// ∫Cⁿdt, ppmⁿ·min.
    pub toxic_load: f64,
    /// Highest AEGL tier its air reached, 0–3.
    pub max_aegl: u8,
}

/// Split a CSV line, honouring double-quoted cells (`""` inside is a quote).
fn csv_cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

fn parse_exposure(path: &Path) -> Result<Vec<Exposure>, ReportError> {
    let text = read(path)?;
    let mut lines = text.lines();
    let header = csv_cells(lines.next().ok_or_else(|| parse_err(path, 1, "empty file"))?);
    let col = |name: &str| {
        header
            .iter()
            .position(|c| c == name)
            .ok_or_else(|| parse_err(path, 1, format!("no `{name}` column")))
    };
    let (residents, load, aegl) = (col("residents")?, col("toxic_load")?, col("max_aegl")?);
    let mut rows = Vec::new();
    for (i, line) in lines.enumerate().filter(|(_, l)| !l.is_empty()) {
        let cells = csv_cells(line);
        let num = |k: usize| -> Result<f64, ReportError> {
            let cell = cells.get(k).map(String::as_str).unwrap_or("");
            if cell.is_empty() {
                return Ok(f64::NAN);
            }
            cell.parse::<f64>().map_err(|e| parse_err(path, i + 2, format!("`{cell}`: {e}")))
        };
        if cells.len() != header.len() {
            return Err(parse_err(
                path,
                i + 2,
                format!("{} cells, the header has {}", cells.len(), header.len()),
            ));
        }
        rows.push(Exposure {
            residents: num(residents)?,
            toxic_load: num(load)?,
            max_aegl: num(aegl)?.clamp(0.0, 3.0) as u8,
        });
    }
    Ok(rows)
}

fn parse_series(path: &Path) -> Result<Series, ReportError> {
    let text = read(path)?;
    let mut lines = text.lines();
    let columns: Vec<String> = lines
        .next()
        .ok_or_else(|| parse_err(path, 1, "empty file"))?
        .split(',')
        .map(str::to_string)
        .collect();
    if columns.first().map(String::as_str) != Some("t_min") {
        return Err(parse_err(path, 1, "the first column must be `t_min`"));
    }
    let mut rows = Vec::new();
    for (i, line) in lines.enumerate().filter(|(_, l)| !l.is_empty()) {
        let row: Vec<f64> = line
            .split(',')
            .map(|c| if c.is_empty() { Ok(f64::NAN) } else { c.parse::<f64>() })
            .collect::<Result<_, _>>()
            .map_err(|e| parse_err(path, i + 2, format!("not a number: {e}")))?;
        if row.len() != columns.len() {
            return Err(parse_err(
                path,
                i + 2,
                format!("{} cells, the header has {}", row.len(), columns.len()),
            ));
        }
        rows.push(row);
    }
    Ok(Series { columns, rows })
}

/// Largest grid read back (cells); the engine's own map limit is far below.
const MAX_RASTER_CELLS: usize = 64 << 20;

pub fn parse_asc(path: &Path) -> Result<Raster, ReportError> {
    let text = read(path)?;
    let mut header: BTreeMap<String, f64> = BTreeMap::new();
    let mut lines = text.lines().enumerate().peekable();
    while let Some((_, l)) = lines.peek() {
        let mut parts = l.split_whitespace();
        match (parts.next(), parts.next()) {
            (Some(k), Some(v)) if k.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) => {
                let v = v
                    .parse::<f64>()
                    .map_err(|e| parse_err(path, lines.peek().map_or(0, |x| x.0 + 1), e.to_string()))?;
                header.insert(k.to_ascii_lowercase(), v);
                lines.next();
            }
            _ => break,
        }
    }
    let get = |k: &str| {
        header
            .get(k)
            .copied()
            .ok_or_else(|| parse_err(path, 1, format!("missing `{k}` in the header")))
    };
    let (cols, rows, cell_m) = (get("ncols")? as usize, get("nrows")? as usize, get("cellsize")?);
    let nodata = header.get("nodata_value").copied().unwrap_or(-9999.0);
    if cols == 0 || rows == 0 || cols.saturating_mul(rows) > MAX_RASTER_CELLS {
        return Err(parse_err(path, 1, format!("unsupported grid size {cols} × {rows}")));
    }
    let mut values = Vec::with_capacity(cols * rows);
    for (i, l) in lines {
        for tok in l.split_whitespace() {
            let v: f64 = tok.parse().map_err(|e| parse_err(path, i + 1, format!("`{tok}`: {e}")))?;
            values.push(if v == nodata { f64::NAN } else { v });
        }
    }
    if values.len() != cols * rows {
        return Err(parse_err(path, 0, format!("{} values for a {cols} × {rows} grid", values.len())));
    }
    Ok(Raster {
        cols,
        rows,
        cell_m,
        values,
    })
}

#[cfg(test)]
mod tests {
    use super::csv_cells;

    #[test]
    fn quoted_cells_keep_their_commas_and_quotes() {
        assert_eq!(csv_cells("1,\"a, \"\"b\"\"\",2"), ["1", "a, \"b\"", "2"]);
        assert_eq!(csv_cells(""), [""]);
        assert_eq!(csv_cells("x,,y"), ["x", "", "y"]);
    }
}
