//! Monte Carlo batches: many replications of one scenario, run in parallel,
//! streamed to disk in replication order, resumable after a kill, sliceable
//! into shards for a cluster and merged back into exactly what one machine
//! would have written.
//!
//! Design:
//! - The compiled scenario (terrain, roads, places) is built once and shared
//!   by every replication; each replication builds its own `World`
//!   ([`crate::Engine::run_with_draws`]) and is reduced at once to a
//!   [`row::RunRow`] — its CSV line and its probability-raster hits — so
//!   memory does not grow with the number of runs.
//! - Workers on a rayon pool take replications in order from a shared
//!   counter; a writer on the calling thread puts rows back in order and
//!   appends them. A worker never runs more than a small window ahead of
//!   the writer, which bounds the reorder buffer. Output therefore does not
//!   depend on the thread count.
//! - Every row is a pure function of (scenario, seed, replication, sampling,
//!   runs), so resume and shards just skip or slice positions ([`plan`]).
//! - What is on disk and why it survives interruption: [`store`].
//! - Statistics: [`stats`]; plan-versus-plan comparison: [`compare`].

pub mod compare;
pub mod differences;
mod finish;
pub mod plan;
pub mod row;
pub mod stats;
pub mod store;

use crate::CompiledScenario;
use crate::engine::{Engine, RunSpec};
use crate::output::{OutputError, write_atomic};
use crate::said;
use crate::scenario::Said;
pub use finish::{BatchSummary, finalize, merge};
pub use plan::{BatchPlan, LatinHypercube, Sampling, Shard};
use row::{RunRow, header_line, split_csv};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};
use store::{COUNTS, MANIFEST, Manifest, RUNS, RUNS_PARTIAL, RasterCounts, SUMMARY, io_err};

/// Version of the batch directory layout; bump when it changes.
pub const FORMAT: u32 = 2;
/// How often the raster counts are checkpointed (rows are flushed one by one).
const CHECKPOINT_EVERY: Duration = Duration::from_secs(2);

/// Why a batch could not be run, merged or compared. [`BatchError::said`]
/// words it in both languages (`Display` is the English).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("{}", .0.en)]
    Plan(Said),
    /// The I/O error is in the message only (see `OutputError::Io`).
    #[error("{path}: {error}")]
    Io { path: PathBuf, error: std::io::Error },
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("{0} is not a batch this version can read: {1}")]
    Corrupt(PathBuf, String),
    #[error("{dir} already holds a batch{}", detail.en)]
    Exists { dir: PathBuf, detail: Said },
    #[error("{dir} holds a different batch: {}", difference.en)]
    Mismatch { dir: PathBuf, difference: Said },
    #[error("{0} holds no batch to resume (no batch.json)")]
    NothingToResume(PathBuf),
    #[error("replication {replication} reported columns that differ from the first run's: {detail}")]
    ColumnsChanged { replication: u64, detail: String },
    #[error("replication {replication} failed inside the engine: {message}")]
    RunPanicked { replication: u64, message: String },
    #[error("cannot start {threads} worker threads: {message}")]
    Threads { threads: usize, message: String },
}

impl BatchError {
    /// The message in both languages.
    pub fn said(&self) -> Said {
        let en = self.to_string();
        let zh = match self {
            BatchError::Plan(s) => s.zh.clone(),
            BatchError::Io { path, error } => format!("{}：{error}", path.display()),
            BatchError::Output(e) => format!("写出结果失败：{e}"),
            BatchError::Corrupt(dir, why) => format!("{} 不是本版本能读取的批量运行：{why}", dir.display()),
            BatchError::Exists { dir, detail } => format!("{} 中已有一个批量运行{}", dir.display(), detail.zh),
            BatchError::Mismatch { dir, difference } => {
                format!("{} 中是另一个批量运行：{}", dir.display(), difference.zh)
            }
            BatchError::NothingToResume(dir) => {
                format!("{} 中没有可继续的批量运行（没有 batch.json）", dir.display())
            }
            BatchError::ColumnsChanged { replication, detail } => {
                format!("第 {replication} 次重复运行报告的列与第一次不同：{detail}")
            }
            BatchError::RunPanicked { replication, message } => {
                format!("第 {replication} 次重复运行在引擎内部出错：{message}")
            }
            BatchError::Threads { threads, message } => format!("无法启动 {threads} 个工作线程：{message}"),
        };
        Said { en, zh }
    }

    /// A hint for the person who typed the command, when there is one.
    pub fn hint(&self) -> Option<Said> {
        match self {
            BatchError::Exists { .. } => Some(said!(
                "add --resume to continue it, --force to replace it, or choose another --out",
                "加 --resume 继续它，加 --force 替换它，或换一个 --out"
            )),
            BatchError::Mismatch { .. } => Some(said!(
                "resume with the same scenario, --seed, --runs, --sampling and --shard, or choose another --out",
                "用相同的情景、--seed、--runs、--sampling 和 --shard 继续，或换一个 --out"
            )),
            BatchError::NothingToResume(_) => Some(said!(
                "drop --resume to start a new batch there",
                "去掉 --resume，在那里开始新的批量运行"
            )),
            BatchError::RunPanicked { .. } | BatchError::ColumnsChanged { .. } => Some(said!(
                "this is a bug in drillsim; please report it with the scenario and seed",
                "这是 drillsim 的缺陷；请连同情景文件和种子一起报告"
            )),
            _ => None,
        }
    }

    /// Whether the error is the user's input (exit code 2) rather than the system's.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            BatchError::Plan(_)
                | BatchError::Exists { .. }
                | BatchError::Mismatch { .. }
                | BatchError::NothingToResume(_)
                | BatchError::Corrupt(..)
        )
    }
}

/// How to run, as opposed to what: none of this changes the results.
#[derive(Clone, Copy, Debug)]
pub struct BatchOptions {
    pub threads: usize,
    pub resume: bool,
}

/// Progress reported after each row the writer commits.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    /// Rows of this process's slice on disk.
    pub done: u64,
    pub total: u64,
    /// Rows that were already on disk when this process started.
    pub resumed: u64,
}

/// What a finished `run_batch` did.
#[derive(Clone, Debug)]
pub struct BatchOutcome {
    pub rows: u64,
    pub resumed_from: u64,
    pub summary: BatchSummary,
}

pub fn manifest_for(compiled: &CompiledScenario, plan: &BatchPlan) -> Manifest {
    let dims = compiled.terrain.dims;
    Manifest {
        format: FORMAT,
        engine_version: env!("CARGO_PKG_VERSION").into(),
        scenario: compiled.scenario.name.clone(),
        scenario_sha256: compiled.hash.clone(),
        plan: *plan,
        grid: (dims.cols, dims.rows, compiled.terrain.cell_m),
        layers: Engine::declarations(compiled).probability_rasters,
    }
}

fn describe_difference(old: &Manifest, new: &Manifest) -> Said {
    let mut diffs: Vec<Said> = Vec::new();
    if old.scenario_sha256 != new.scenario_sha256 {
        let was = &old.scenario_sha256[..12.min(old.scenario_sha256.len())];
        let now = &new.scenario_sha256[..12.min(new.scenario_sha256.len())];
        diffs.push(said!(
            "the scenario changed (sha256 {was} → {now})",
            "情景已改变（sha256 {was} → {now}）"
        ));
    }
    let (a, b) = (&old.plan, &new.plan);
    if a.seed != b.seed {
        diffs.push(said!("seed {} there, {} asked", "那里的种子是 {}，要求的是 {}", a.seed, b.seed));
    }
    if a.runs != b.runs {
        diffs.push(said!("{} runs there, {} asked", "那里有 {} 次运行，要求的是 {} 次", a.runs, b.runs));
    }
    if a.sampling != b.sampling {
        diffs.push(said!(
            "sampling {:?} there, {:?} asked",
            "那里的抽样方式是 {:?}，要求的是 {:?}",
            a.sampling,
            b.sampling
        ));
    }
    if a.shard != b.shard {
        let s = |s: Option<Shard>| s.map_or("none".to_string(), |s| s.to_string());
        let (was, now) = (s(a.shard), s(b.shard));
        diffs.push(said!("shard {was} there, {now} asked", "那里的分片是 {was}，要求的是 {now}"));
    }
    if old.engine_version != new.engine_version || old.format != new.format {
        let (was, now) = (&old.engine_version, &new.engine_version);
        diffs.push(said!(
            "written by drillsim {was}, this is {now}",
            "由 drillsim {was} 写出，当前是 {now}"
        ));
    }
    if diffs.is_empty() {
        diffs.push(said!("the raster grid differs", "栅格网格不同"));
    }
    Said {
        en: diffs.iter().map(|d| d.en.as_str()).collect::<Vec<_>>().join("; "),
        zh: diffs.iter().map(|d| d.zh.as_str()).collect::<Vec<_>>().join("；"),
    }
}

/// Open (or create) the batch directory for `plan`, checking a resumed one.
fn prepare_dir(compiled: &CompiledScenario, dir: &Path, manifest: &Manifest, resume: bool) -> Result<(), BatchError> {
    match store::read_manifest(dir)? {
        Some(old) if resume => {
            if &old != manifest {
                return Err(BatchError::Mismatch {
                    dir: dir.into(),
                    difference: describe_difference(&old, manifest),
                });
            }
        }
        Some(_) => {
            return Err(BatchError::Exists {
                dir: dir.into(),
                detail: Said::default(),
            });
        }
        None if resume => return Err(BatchError::NothingToResume(dir.into())),
        None => {
            if dir.join(RUNS).exists() || dir.join(RUNS_PARTIAL).exists() {
                return Err(BatchError::Exists {
                    dir: dir.into(),
                    detail: said!(" (runs.csv without batch.json)", "（有 runs.csv 而没有 batch.json）"),
                });
            }
            std::fs::create_dir_all(dir).map_err(io_err(dir))?;
            write_atomic(&dir.join("scenario.ron"), compiled.source.as_bytes())?;
            store::write_manifest(dir, manifest)?;
        }
    }
    Ok(())
}

/// Run (or finish) the batch `plan` of `compiled` into `dir`.
pub fn run_batch(
    compiled: &CompiledScenario,
    plan: &BatchPlan,
    dir: &Path,
    opts: &BatchOptions,
    progress: &dyn Fn(Progress),
) -> Result<BatchOutcome, BatchError> {
    plan.check()?;
    let manifest = manifest_for(compiled, plan);
    prepare_dir(compiled, dir, &manifest, opts.resume)?;
    let total = plan.len();
    let cells = compiled.terrain.dims.len();
    let layers = manifest.layers.len();
    if dir.join(RUNS).exists() && !dir.join(RUNS_PARTIAL).exists() {
        // Finished before: only the end-of-batch files may be missing.
        let counts = RasterCounts::read(&dir.join(COUNTS), cells, layers)?.unwrap_or_else(|| RasterCounts::new(cells, layers));
        if counts.rows == total {
            let summary = finalize(dir, &manifest, &counts)?;
            return Ok(BatchOutcome {
                rows: total,
                resumed_from: total,
                summary,
            });
        }
        // Counts lost: rebuild them from the runs below while keeping the CSV.
        std::fs::rename(dir.join(RUNS), dir.join(RUNS_PARTIAL)).map_err(io_err(dir))?;
    }
    let partial = dir.join(RUNS_PARTIAL);
    let recovered = store::recover_partial(&partial, plan)?;
    let mut counts = RasterCounts::read(&dir.join(COUNTS), cells, layers)?
        .filter(|c| c.rows <= recovered.rows)
        .unwrap_or_else(|| RasterCounts::new(cells, layers));
    let mut header: Option<Vec<String>> = recovered.header.as_deref().map(|h| split_csv(h.trim_end_matches('\n')));
    let mut csv = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&partial)
        .map_err(io_err(&partial))?;
    let lhs = (plan.sampling == Sampling::Lhs).then(|| LatinHypercube::new(plan.seed, plan.runs, compiled.uncertain.len()));
    let work = |pos: u64| {
        let replication = plan.replication(pos);
        let draws = lhs.as_ref().map(|l| l.draws(replication));
        let outcome = Engine::run_with_draws(
            compiled,
            RunSpec {
                seed: plan.seed,
                replication,
            },
            draws.as_deref(),
        );
        RunRow::from_outcome(&outcome, &manifest.layers)
    };
    let start = counts.rows;
    let mut last_checkpoint = Instant::now();
    progress(Progress {
        done: recovered.rows,
        total,
        resumed: recovered.rows,
    });
    let sink = |pos: u64, row: RunRow| -> Result<(), BatchError> {
        if pos >= recovered.rows {
            match &header {
                None => {
                    csv.write_all(header_line(&row.columns).as_bytes()).map_err(io_err(&partial))?;
                    header = Some(row.columns.clone());
                }
                Some(h) if *h != row.columns => {
                    return Err(BatchError::ColumnsChanged {
                        replication: row.replication,
                        detail: column_difference(h, &row.columns),
                    });
                }
                Some(_) => {}
            }
            csv.write_all(row.line.as_bytes()).map_err(io_err(&partial))?;
        }
        counts.add(&row.hits);
        if last_checkpoint.elapsed() >= CHECKPOINT_EVERY {
            csv.sync_data().map_err(io_err(&partial))?;
            counts.save(dir)?;
            last_checkpoint = Instant::now();
        }
        progress(Progress {
            done: (pos + 1).max(recovered.rows),
            total,
            resumed: recovered.rows,
        });
        Ok(())
    };
    ordered_parallel(opts.threads, start..total, &work, sink)?;
    csv.sync_all().map_err(io_err(&partial))?;
    drop(csv);
    counts.save(dir)?;
    std::fs::rename(&partial, dir.join(RUNS)).map_err(io_err(dir))?;
    let summary = finalize(dir, &manifest, &counts)?;
    Ok(BatchOutcome {
        rows: total,
        resumed_from: recovered.rows,
        summary,
    })
}

fn column_difference(want: &[String], got: &[String]) -> String {
    let missing: Vec<&String> = want.iter().filter(|c| !got.contains(c)).take(3).collect();
    let extra: Vec<&String> = got.iter().filter(|c| !want.contains(c)).take(3).collect();
    format!("missing {missing:?}, new {extra:?}")
}

/// Run `work` over `range` on `threads` workers and hand the results to
/// `sink` in order. A worker waits rather than run more than a few positions
/// ahead of the sink, so at most `2·threads + 2` results wait in memory.
fn ordered_parallel<T: Send>(
    threads: usize,
    range: std::ops::Range<u64>,
    work: &(dyn Fn(u64) -> T + Sync),
    mut sink: impl FnMut(u64, T) -> Result<(), BatchError>,
) -> Result<(), BatchError> {
    let threads = threads.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("drillsim-batch-{i}"))
        .build()
        .map_err(|e| BatchError::Threads {
            threads,
            message: e.to_string(),
        })?;
    let window = 2 * threads as u64 + 2;
    let next = AtomicU64::new(range.start);
    let committed = Mutex::new(range.start);
    let advanced = Condvar::new();
    let abort = AtomicBool::new(false);
    let (tx, rx) = std::sync::mpsc::channel::<(u64, Result<T, String>)>();
    let mut result = Ok(());
    pool.in_place_scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, committed, advanced, abort) = (&next, &committed, &advanced, &abort);
            let end = range.end;
            scope.spawn(move |_| {
                loop {
                    let pos = next.fetch_add(1, Ordering::SeqCst);
                    if pos >= end {
                        break;
                    }
                    let mut c = committed.lock().unwrap_or_else(|p| p.into_inner());
                    while pos >= *c + window && !abort.load(Ordering::SeqCst) {
                        c = advanced
                            .wait_timeout(c, Duration::from_millis(200))
                            .unwrap_or_else(|p| p.into_inner())
                            .0;
                    }
                    drop(c);
                    if abort.load(Ordering::SeqCst) {
                        break;
                    }
                    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(pos))).map_err(|p| {
                        p.downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| p.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "panic".into())
                    });
                    if tx.send((pos, out)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<u64, Result<T, String>> = BTreeMap::new();
        let mut want = range.start;
        'outer: while want < range.end {
            let Ok((pos, out)) = rx.recv() else { break };
            pending.insert(pos, out);
            while let Some(out) = pending.remove(&want) {
                let step = match out {
                    Ok(t) => sink(want, t),
                    Err(message) => Err(BatchError::RunPanicked {
                        replication: want,
                        message,
                    }),
                };
                if let Err(e) = step {
                    result = Err(e);
                    break 'outer;
                }
                want += 1;
                *committed.lock().unwrap_or_else(|p| p.into_inner()) = want;
                advanced.notify_all();
            }
        }
        abort.store(true, Ordering::SeqCst);
        advanced.notify_all();
        drop(rx);
    });
    result
}

/// Where the finished files of a batch directory are.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v = vec![dir.join(MANIFEST), dir.join(RUNS), dir.join(SUMMARY)];
    v.extend(
        store::read_manifest(dir)
            .ok()
            .flatten()
            .map(|m| m.layers)
            .unwrap_or_default()
            .iter()
            .map(|l| dir.join("rasters").join(format!("{}.asc", l.name)))
            .filter(|p| p.exists()),
    );
    v
}
