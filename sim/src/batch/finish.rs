//! The end of a batch: probability rasters and `summary.json` from the
//! finished `runs.csv` and raster counts, and `merge`, which joins shard
//! directories into the directory one machine would have written.

use super::row::{header_line, split_csv};
use super::stats::{ColumnStats, Proportion, column_stats, wilson};
use super::store::{self, COUNTS, MANIFEST, Manifest, RUNS, RUNS_PARTIAL, RasterCounts, SUMMARY, io_err};
use super::{BatchError, FORMAT};
use crate::output::write_atomic;
use crate::said;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

/// Columns read per pass over `runs.csv` when summarising: memory stays at
/// `runs × 8 columns` numbers whatever the number of metrics.
const COLUMNS_PER_PASS: usize = 1;

/// Statistics of one numeric column of `runs.csv`.
#[derive(Clone, Debug, Serialize)]
pub struct NamedStats {
    pub column: String,
    #[serde(flatten)]
    pub stats: ColumnStats,
}

/// How often an objective was met, and how its ratings fell.
#[derive(Clone, Debug, Serialize)]
pub struct ObjectiveSummary {
    pub id: String,
    pub p_met: Proportion,
    /// Runs per rating (P, S, M, U).
    pub ratings: BTreeMap<String, u64>,
}

/// `summary.json` of a batch.
#[derive(Clone, Debug, Serialize)]
pub struct BatchSummary {
    pub format: u32,
    pub scenario: String,
    pub scenario_sha256: String,
    pub seed: u64,
    pub runs: u64,
    pub sampling: super::Sampling,
    pub confidence: f64,
    /// Every numeric column of `runs.csv` (parameters, metrics, objective
    /// values, action delays, score), in file order.
    pub columns: Vec<NamedStats>,
    pub objectives: Vec<ObjectiveSummary>,
    /// Probability rasters written, file → what each cell holds.
    pub rasters: BTreeMap<String, String>,
}

/// Write the probability rasters and `summary.json` (last) for a complete batch.
pub fn finalize(dir: &Path, manifest: &Manifest, counts: &RasterCounts) -> Result<BatchSummary, BatchError> {
    let (cols, rows, cell) = manifest.grid;
    let mut rasters = BTreeMap::new();
    for (layer, c) in manifest.layers.iter().zip(&counts.layers) {
        let Some(c) = c else { continue };
        let n = counts.rows.max(1) as f64;
        let p: Vec<f64> = c.iter().map(|k| *k as f64 / n).collect();
        let name = format!("rasters/{}.asc", layer.name);
        write_atomic(&dir.join(&name), crate::map::asc::write(cols, rows, cell, -9999.0, &p).as_bytes())?;
        rasters.insert(name, layer.description.to_string());
    }
    let runs = dir.join(RUNS);
    let header = read_header(&runs)?;
    let numeric: Vec<usize> = (0..header.len())
        .filter(|&i| i >= 2 && !header[i].ends_with(".rating") && !header[i].ends_with(".met"))
        .collect();
    let mut columns = Vec::with_capacity(numeric.len());
    for block in numeric.chunks(COLUMNS_PER_PASS) {
        for (k, mut values) in store::read_columns(&runs, block)?.into_iter().enumerate() {
            columns.push(NamedStats {
                column: header[block[k]].clone(),
                stats: column_stats(&mut values),
            });
        }
    }
    let met: Vec<usize> = (0..header.len()).filter(|&i| header[i].ends_with(".met")).collect();
    let ratings: Vec<usize> = met
        .iter()
        .map(|&i| header.iter().position(|h| *h == header[i].replace(".met", ".rating")).unwrap_or(i))
        .collect();
    let met_values = store::read_columns(&runs, &met)?;
    let rating_counts = store::count_labels(&runs, &ratings)?;
    let objectives = met
        .iter()
        .zip(met_values)
        .zip(rating_counts)
        .map(|((&i, values), ratings)| {
            let n = values.iter().filter(|v| v.is_finite()).count() as u64;
            let k = values.iter().filter(|v| **v == 1.0).count() as u64;
            ObjectiveSummary {
                id: header[i].trim_start_matches("objective.").trim_end_matches(".met").to_string(),
                p_met: wilson(k, n),
                ratings,
            }
        })
        .collect();
    let summary = BatchSummary {
        format: FORMAT,
        scenario: manifest.scenario.clone(),
        scenario_sha256: manifest.scenario_sha256.clone(),
        seed: manifest.plan.seed,
        runs: counts.rows,
        sampling: manifest.plan.sampling,
        confidence: super::stats::CONFIDENCE,
        columns,
        objectives,
        rasters,
    };
    let text = serde_json::to_string_pretty(&summary).unwrap_or_default() + "\n";
    write_atomic(&dir.join(SUMMARY), text.as_bytes())?;
    Ok(summary)
}

pub(crate) fn read_header(path: &Path) -> Result<Vec<String>, BatchError> {
    let file = std::fs::File::open(path).map_err(io_err(path))?;
    let mut line = String::new();
    BufReader::new(file).read_line(&mut line).map_err(io_err(path))?;
    Ok(split_csv(line.trim_end_matches('\n')))
}

fn shard_of(dir: &Path) -> Result<(Manifest, super::Shard), BatchError> {
    let m = store::read_manifest(dir)?.ok_or_else(|| {
        BatchError::Plan(said!(
            "{} is not a batch directory (no {MANIFEST})",
            "{} 不是批量运行目录（没有 {MANIFEST}）",
            dir.display()
        ))
    })?;
    let shard = m.plan.shard.ok_or_else(|| {
        BatchError::Plan(said!(
            "{} is a whole batch, not a shard; merge takes the shard directories",
            "{} 是完整的批量运行，不是分片；merge 合并的是分片目录",
            dir.display()
        ))
    })?;
    if !dir.join(RUNS).exists() {
        let (hint, hint_zh) = if dir.join(RUNS_PARTIAL).exists() {
            (
                "; finish it with `drillsim batch … --resume`",
                "；用 `drillsim batch … --resume` 完成它",
            )
        } else {
            ("", "")
        };
        return Err(BatchError::Plan(said!(
            "shard {shard} in {} is not finished{hint}",
            "{} 中的分片 {shard} 尚未完成{hint_zh}",
            dir.display()
        )));
    }
    Ok((m, shard))
}

/// Join finished shard directories into `out`, byte for byte what an
/// unsharded batch with the same seed and runs writes.
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<BatchSummary, BatchError> {
    let mut shards = Vec::new();
    for d in dirs {
        let (m, s) = shard_of(d)?;
        shards.push((d.clone(), m, s));
    }
    let Some((_, first, s0)) = shards.first().cloned() else {
        return Err(BatchError::Plan(said!(
            "merge needs at least one shard directory",
            "merge 至少需要一个分片目录"
        )));
    };
    for (d, m, _) in &shards {
        let (a, b) = (first.plan.unsharded(), m.plan.unsharded());
        if a != b || m.scenario_sha256 != first.scenario_sha256 || m.engine_version != first.engine_version || m.grid != first.grid {
            let (this, first) = (d.display(), dirs[0].display());
            return Err(BatchError::Plan(said!(
                "{this} is a shard of another batch than {first} (scenario, seed, runs, sampling or version differ)",
                "{this} 与 {first} 不是同一个批量运行的分片（情景、种子、运行次数、抽样方式或版本不同）"
            )));
        }
    }
    shards.sort_by_key(|(_, _, s)| s.index);
    let n = s0.count;
    let indexes: Vec<u64> = shards.iter().map(|(_, _, s)| s.index).collect();
    if indexes != (1..=n).collect::<Vec<_>>() || shards.iter().any(|(_, _, s)| s.count != n) {
        let got = shards.iter().map(|(_, _, s)| s.to_string()).collect::<Vec<_>>().join(", ");
        return Err(BatchError::Plan(said!(
            "merge needs each of the {n} shards exactly once; got shards {got}",
            "merge 需要 {n} 个分片各一次；收到的分片是 {got}"
        )));
    }
    if out.exists() && std::fs::read_dir(out).map_err(io_err(out))?.next().is_some() {
        return Err(BatchError::Exists {
            dir: out.into(),
            detail: said!(" (merge writes into a new or empty directory)", "（merge 只写入新的或空的目录）"),
        });
    }
    let manifest = Manifest {
        plan: first.plan.unsharded(),
        ..first.clone()
    };
    let mut counts = RasterCounts::new(manifest.grid.0 * manifest.grid.1, manifest.layers.len());
    for (d, m, _) in &shards {
        let c = RasterCounts::read(&d.join(COUNTS), counts.cells, manifest.layers.len())?
            .filter(|c| c.rows == m.plan.len())
            .ok_or_else(|| BatchError::Corrupt(d.join(COUNTS), "raster counts missing or incomplete".into()))?;
        counts.merge(&c);
    }
    // Built beside `out` and renamed into place: a failed merge leaves nothing behind.
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "merged".into());
    let staging = out.with_file_name(format!(".{name}.merging-{}", std::process::id()));
    let result = write_merged(&shards, &staging, &manifest, &counts, &dirs[0]).and_then(|summary| {
        if out.exists() {
            std::fs::remove_dir(out).map_err(io_err(out))?;
        }
        std::fs::rename(&staging, out).map_err(io_err(out))?;
        Ok(summary)
    });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn write_merged(
    shards: &[(PathBuf, Manifest, super::Shard)],
    out: &Path,
    manifest: &Manifest,
    counts: &RasterCounts,
    first_dir: &Path,
) -> Result<BatchSummary, BatchError> {
    let n = shards.len() as u64;
    std::fs::create_dir_all(out).map_err(io_err(out))?;
    let scenario = first_dir.join("scenario.ron");
    let text = std::fs::read(&scenario).map_err(io_err(&scenario))?;
    write_atomic(&out.join("scenario.ron"), &text)?;
    store::write_manifest(out, manifest)?;
    // Rows interleave: position i of shard k is replication k - 1 + i·n.
    let mut readers = Vec::new();
    let mut header = None;
    for (d, _, s) in shards {
        let path = d.join(RUNS);
        let mut r = BufReader::new(std::fs::File::open(&path).map_err(io_err(&path))?);
        let mut h = String::new();
        r.read_line(&mut h).map_err(io_err(&path))?;
        match &header {
            None => header = Some(h),
            Some(h0) if *h0 != h => {
                return Err(BatchError::Plan(said!(
                    "shard {s} has other columns than shard 1",
                    "分片 {s} 的列与分片 1 不同"
                )));
            }
            Some(_) => {}
        }
        readers.push((path, r.lines()));
    }
    let partial = out.join(RUNS_PARTIAL);
    let mut w = std::io::BufWriter::new(std::fs::File::create(&partial).map_err(io_err(&partial))?);
    w.write_all(header.unwrap_or_else(|| header_line(&[])).as_bytes())
        .map_err(io_err(&partial))?;
    for r in 0..manifest.plan.runs {
        let (path, lines) = &mut readers[(r % n) as usize];
        let line = lines
            .next()
            .ok_or_else(|| BatchError::Corrupt(path.clone(), format!("ends before replication {r}")))?
            .map_err(io_err(path))?;
        if line.split(',').next() != Some(r.to_string().as_str()) {
            return Err(BatchError::Corrupt(path.clone(), format!("expected replication {r} next")));
        }
        w.write_all(line.as_bytes())
            .and_then(|_| w.write_all(b"\n"))
            .map_err(io_err(&partial))?;
    }
    let file = w.into_inner().map_err(|e| io_err(&partial)(e.into_error()))?;
    file.sync_all().map_err(io_err(&partial))?;
    counts.save(out)?;
    std::fs::rename(&partial, out.join(RUNS)).map_err(io_err(out))?;
    finalize(out, manifest, counts)
}
