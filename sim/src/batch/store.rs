//! The batch directory on disk and how it survives interruption.
//!
//! - `batch.json` — the manifest: scenario hash, seed, runs, sampling, shard.
//!   Written atomically before the first run; `--resume` refuses a directory
//!   whose manifest differs from what it was asked to run.
//! - `runs.csv.partial` — rows appended in replication order as runs finish,
//!   flushed row by row. A kill can leave at most one torn last line, which
//!   resume cuts off. When the batch completes it is renamed to `runs.csv`,
//!   so `runs.csv` only ever exists whole.
//! - `.batch-state/raster-counts.bin` — per-cell hit counts for the
//!   probability rasters and how many rows they include, checkpointed
//!   atomically. Rows finished after the last checkpoint are re-run on resume
//!   to rebuild their counts (runs are pure functions, so this is exact).
//! - `summary.json`, `rasters/*.asc` — written at the end, atomically;
//!   `summary.json` last, so its presence marks a finished batch.

use super::BatchError;
use super::plan::BatchPlan;
use super::row::split_csv;
use crate::engine::ProbabilityRaster;
use crate::output::write_atomic;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

pub const MANIFEST: &str = "batch.json";
pub const RUNS: &str = "runs.csv";
pub const RUNS_PARTIAL: &str = "runs.csv.partial";
pub const SUMMARY: &str = "summary.json";
pub const COUNTS: &str = ".batch-state/raster-counts.bin";

pub fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> BatchError + '_ {
    move |error| BatchError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// What a batch directory says it holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub engine_version: String,
    pub scenario: String,
    pub scenario_sha256: String,
    pub plan: BatchPlan,
    /// Raster grid: columns, rows, cell size (m).
    pub grid: (usize, usize, f64),
    /// The probability rasters the scenario's domains declare, in count order.
    pub layers: Vec<ProbabilityRaster>,
}

pub fn write_manifest(dir: &Path, m: &Manifest) -> Result<(), BatchError> {
    let text = serde_json::to_string_pretty(m).unwrap_or_default() + "\n";
    Ok(write_atomic(&dir.join(MANIFEST), text.as_bytes())?)
}

pub fn read_manifest(dir: &Path) -> Result<Option<Manifest>, BatchError> {
    let path = dir.join(MANIFEST);
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| BatchError::Corrupt(path, format!("not a batch manifest: {e}"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_err(&path)(e)),
    }
}

/// The complete rows already in `runs.csv.partial`.
pub struct Recovered {
    pub header: Option<String>,
    pub rows: u64,
}

/// Cut a torn last line off `path` and check that the rows are this plan's
/// replications in order. Streams the file: memory does not grow with it.
pub fn recover_partial(path: &Path, plan: &BatchPlan) -> Result<Recovered, BatchError> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Recovered { header: None, rows: 0 }),
        Err(e) => return Err(io_err(path)(e)),
    };
    let mut reader = BufReader::new(file);
    let (mut header, mut rows, mut good_len) = (None, 0u64, 0u64);
    let mut line = String::new();
    loop {
        line.clear();
        let n = reader.read_line(&mut line).map_err(io_err(path))?;
        if n == 0 || !line.ends_with('\n') {
            break;
        }
        if header.is_none() {
            header = Some(line.clone());
        } else {
            let first = line.split(',').next().unwrap_or("");
            let want = plan.replication(rows);
            if first.parse::<u64>().ok() != Some(want) || rows >= plan.len() {
                return Err(BatchError::Corrupt(
                    path.to_path_buf(),
                    format!("row {} is replication `{first}`, expected {want}", rows + 1),
                ));
            }
            rows += 1;
        }
        good_len += n as u64;
    }
    let f = std::fs::OpenOptions::new().write(true).open(path).map_err(io_err(path))?;
    f.set_len(good_len).map_err(io_err(path))?;
    f.sync_all().map_err(io_err(path))?;
    Ok(Recovered { header, rows })
}

/// Per-cell hit counts of the probability rasters over the first `rows` rows.
#[derive(Clone, Debug, PartialEq)]
pub struct RasterCounts {
    pub rows: u64,
    pub cells: usize,
    /// One entry per [`Manifest::layers`]; `None` when no run had the source raster.
    pub layers: Vec<Option<Vec<u32>>>,
}

const COUNTS_MAGIC: &[u8; 8] = b"DSRC0001";

impl RasterCounts {
    pub fn new(cells: usize, layers: usize) -> RasterCounts {
        RasterCounts {
            rows: 0,
            cells,
            layers: vec![None; layers],
        }
    }

    pub fn add(&mut self, hits: &[Option<Vec<u64>>]) {
        for (layer, bits) in self.layers.iter_mut().zip(hits) {
            let Some(bits) = bits else { continue };
            let counts = layer.get_or_insert_with(|| vec![0; self.cells]);
            for (w, word) in bits.iter().enumerate() {
                let mut word = *word;
                while word != 0 {
                    let i = w * 64 + word.trailing_zeros() as usize;
                    if let Some(c) = counts.get_mut(i) {
                        *c += 1;
                    }
                    word &= word - 1;
                }
            }
        }
        self.rows += 1;
    }

    /// Sum another slice's counts into these (merging shards).
    pub fn merge(&mut self, other: &RasterCounts) {
        for (mine, theirs) in self.layers.iter_mut().zip(&other.layers) {
            let Some(theirs) = theirs else { continue };
            let mine = mine.get_or_insert_with(|| vec![0; self.cells]);
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a += b;
            }
        }
        self.rows += other.rows;
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(28 + self.layers.len() * (1 + 4 * self.cells));
        out.extend_from_slice(COUNTS_MAGIC);
        out.extend_from_slice(&self.rows.to_le_bytes());
        out.extend_from_slice(&(self.cells as u64).to_le_bytes());
        out.extend_from_slice(&(self.layers.len() as u32).to_le_bytes());
        for layer in &self.layers {
            match layer {
                None => out.push(0),
                Some(c) => {
                    out.push(1);
                    c.iter().for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
                }
            }
        }
        out
    }

    /// Read a checkpoint written for a grid of `cells` cells and `layers` layers.
    pub fn read(path: &Path, cells: usize, layers: usize) -> Result<Option<RasterCounts>, BatchError> {
        let mut bytes = Vec::new();
        match std::fs::File::open(path) {
            Ok(f) => {
                // A checkpoint is never larger than this; a bigger file is not ours.
                let limit = 28 + layers as u64 * (1 + 4 * cells as u64);
                f.take(limit + 1).read_to_end(&mut bytes).map_err(io_err(path))?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err(path)(e)),
        }
        let corrupt = |why: &str| BatchError::Corrupt(path.to_path_buf(), why.to_string());
        let mut at = 0usize;
        let mut take = |n: usize| -> Result<&[u8], BatchError> {
            let s = bytes.get(at..at + n).ok_or_else(|| corrupt("truncated raster checkpoint"))?;
            at += n;
            Ok(s)
        };
        if take(8)? != COUNTS_MAGIC {
            return Err(corrupt("not a raster checkpoint"));
        }
        let u64_at = |s: &[u8]| u64::from_le_bytes(s.try_into().unwrap_or([0; 8]));
        let rows = u64_at(take(8)?);
        let stored_cells = u64_at(take(8)?);
        let stored_layers = u32::from_le_bytes(take(4)?.try_into().unwrap_or([0; 4]));
        if stored_cells != cells as u64 || stored_layers as usize != layers {
            return Err(corrupt("raster checkpoint is for another grid"));
        }
        let mut out = RasterCounts::new(cells, layers);
        out.rows = rows;
        for layer in out.layers.iter_mut() {
            if take(1)?[0] == 1 {
                let raw = take(4 * cells)?;
                *layer = Some(raw.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect());
            }
        }
        Ok(Some(out))
    }

    pub fn save(&self, dir: &Path) -> Result<(), BatchError> {
        Ok(write_atomic(&dir.join(COUNTS), &self.to_bytes())?)
    }
}

/// Read selected numeric columns of a finished `runs.csv` (one pass over the
/// file). Empty or non-numeric cells read as NaN.
pub fn read_columns(path: &Path, wanted: &[usize]) -> Result<Vec<Vec<f64>>, BatchError> {
    let file = std::fs::File::open(path).map_err(io_err(path))?;
    let mut out = vec![Vec::new(); wanted.len()];
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(io_err(path))?;
        if i == 0 {
            continue;
        }
        let fields = split_csv(&line);
        for (k, &col) in wanted.iter().enumerate() {
            out[k].push(fields.get(col).and_then(|f| f.parse().ok()).unwrap_or(f64::NAN));
        }
    }
    Ok(out)
}

/// Read the text columns `wanted` of `runs.csv`, as counts of each distinct value.
pub fn count_labels(path: &Path, wanted: &[usize]) -> Result<Vec<std::collections::BTreeMap<String, u64>>, BatchError> {
    let file = std::fs::File::open(path).map_err(io_err(path))?;
    let mut out = vec![std::collections::BTreeMap::new(); wanted.len()];
    for line in BufReader::new(file).lines().skip(1) {
        let fields = split_csv(&line.map_err(io_err(path))?);
        for (k, &col) in wanted.iter().enumerate() {
            *out[k].entry(fields.get(col).cloned().unwrap_or_default()).or_insert(0) += 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raster_counts_round_trip_and_reject_other_grids() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = RasterCounts::new(130, 3);
        let mut bits = vec![0u64; 3];
        bits[0] = 0b1011;
        bits[2] = 1 << 1; // cell 129
        c.add(&[Some(bits.clone()), None, Some(bits)]);
        assert_eq!(c.layers[0].as_ref().unwrap()[129], 1);
        assert_eq!(c.layers[0].as_ref().unwrap()[2], 0);
        c.save(dir.path()).unwrap();
        let back = RasterCounts::read(&dir.path().join(COUNTS), 130, 3).unwrap().unwrap();
        assert_eq!(back, c);
        assert!(RasterCounts::read(&dir.path().join(COUNTS), 131, 3).is_err());
    }
}
