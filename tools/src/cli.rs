//! Command-line arguments.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

/// Drillsim: write a disaster-response drill as a scenario file, check it,
/// run it, and read what happened.
///
/// Start with `drillsim run` (runs the bundled drill), then `drillsim new my_drill`
/// to write your own; `drillsim validate my_drill.ron` points at every mistake.
#[derive(Parser, Debug)]
#[command(name = "drillsim", version, propagate_version = true)]
pub struct Cli {
    /// Language of this help, of the messages and of the reports: `en` or
    /// `zh` (中文), for the command that follows as its own `--lang`;
    /// default: the scenario's `language`, and for this help the locale.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// `drillsim --lang zh run …` means `drillsim run --lang zh …`: the
    /// command's own `--lang` wins when both are given.
    fn lang_to_command(mut self) -> Self {
        let Some(top) = self.lang else { return self };
        let own = match &mut self.command {
            Command::Validate { lang, .. }
            | Command::Run { lang, .. }
            | Command::Play { lang, .. }
            | Command::Report { lang, .. }
            | Command::Merge { lang, .. }
            | Command::Export { lang, .. }
            | Command::New { lang, .. } => lang,
            Command::Batch(args) => &mut args.common.lang,
            Command::Compare { common, .. } => &mut common.lang,
        };
        own.get_or_insert(top);
        self
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check scenario files and list every error with file:line:column.
    ///
    /// Exit code 0 when all files are valid, 2 when any is not.
    Validate {
        /// Scenario files (.ron).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// `human` (default) or `json` for machine-readable diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Language of the messages: `en` or `zh` (中文); default: each
        /// file's `language`. JSON carries both either way.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Run one drill and write its outputs (events, time series, summary).
    ///
    /// Without FILE, runs the drill bundled in the binary and says which.
    Run {
        /// Scenario file; omit to run the bundled drill.
        file: Option<PathBuf>,
        /// Random seed, a whole number from 0 to 18446744073709551615
        /// (default: the scenario's `seed`).
        #[arg(long, allow_negative_numbers = true, value_parser = parse_seed)]
        seed: Option<u64>,
        /// Replication index: the same seed with another index is another independent run.
        #[arg(long, default_value_t = 0)]
        replication: u64,
        /// Output directory (default: runs/<scenario>-seed<N>). A previous run
        /// directory is replaced whole; a directory holding other files is
        /// refused unless --force.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace --out even when it holds files drillsim did not write.
        #[arg(long)]
        force: bool,
        /// Skip the after-action report (report.html, report.md, charts/).
        #[arg(long)]
        no_report: bool,
        /// Threads for this one run: the flood grid is split into bands of
        /// rows (default 1). Does not change the results.
        #[arg(long)]
        threads: Option<usize>,
        /// Language of the report, the summary and any error: `en` or `zh`
        /// (中文); default: the scenario's `language`.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Also print every metric, named in words, with its key.
        #[arg(long, short)]
        verbose: bool,
        /// `human` (default) or `json`: the metrics and scorecard as one JSON object on stdout.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Play a drill live (tabletop): step the clock, fire injects, give orders.
    ///
    /// Reads commands from the terminal or a pipe (`help` lists them): `step
    /// 10min`, `to 2h`, `order ID ACTION`, `inject ID`, `status`, `injects`,
    /// `end`, `finish`. Every move is saved as it is made to the session file
    /// (--record), which `--replay` plays back to the same bytes; `--replay
    /// FILE --until TIME` stops the replay there so the players can branch.
    /// `end` or `finish` writes the run directory, as `drillsim run` does.
    Play {
        /// Scenario file; omit to play the bundled drill.
        file: Option<PathBuf>,
        /// Random seed (default: the scenario's `seed`; a replay uses the session's).
        #[arg(long, allow_negative_numbers = true, value_parser = parse_seed, conflicts_with = "replay")]
        seed: Option<u64>,
        /// Replication index (a replay uses the session's).
        #[arg(long, conflicts_with = "replay")]
        replication: Option<u64>,
        /// Replay the moves of a session file written by `drillsim play`.
        #[arg(long, value_name = "SESSION")]
        replay: Option<PathBuf>,
        /// Stop the replay at this clock time (e.g. `2h`) and play on from
        /// there: a branch of the session.
        #[arg(long, requires = "replay", value_name = "TIME")]
        until: Option<String>,
        /// Where to save this session's moves (default: the first free
        /// sessions/<scenario>-seed<N>[-K].ron). An existing file is refused unless --force.
        #[arg(long, value_name = "SESSION")]
        record: Option<PathBuf>,
        /// Output directory for the run (default: runs/<session>-play, after
        /// the session file, so each session keeps its own run).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace --out and --record even when they hold other files.
        #[arg(long)]
        force: bool,
        /// Skip the after-action report at the end.
        #[arg(long)]
        no_report: bool,
        /// Threads for the flood grid (default 1). Does not change the results.
        #[arg(long)]
        threads: Option<usize>,
        /// Language of what is printed and of the report: `en` or `zh` (中文);
        /// default: the scenario's `language`.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Write the report of a run or batch directory: report.html, report.md, charts/.
    ///
    /// `drillsim run`, `batch` and `merge` already do this; use it to
    /// regenerate a report, e.g. in another language.
    Report {
        /// A directory written by `drillsim run`, `drillsim batch` or `drillsim merge`.
        run_dir: PathBuf,
        /// Language of the report: `en` or `zh` (中文); default: the
        /// `language` of the scenario the directory was run from.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Run a drill many times (Monte Carlo) and summarise the outcomes.
    ///
    /// Writes DIR/runs.csv (one row per replication: sampled parameters,
    /// metrics, objective values and ratings, score), DIR/summary.json (mean,
    /// sd, percentiles with 95 % intervals, probability of meeting each
    /// objective), probability rasters in DIR/rasters and the batch report
    /// (DIR/report.html, report.md, charts/). Results do not depend on
    /// --threads. An interrupted batch continues with --resume.
    Batch(BatchArgs),
    /// Join the directories of `drillsim batch --shard K/N` into one batch.
    ///
    /// The result is byte for byte what one unsharded batch would have written.
    Merge {
        /// Shard directories, one per shard, in any order.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Directory for the merged batch.
        #[arg(long)]
        out: PathBuf,
        /// Language of the batch report: `en` or `zh` (中文); default: the
        /// scenario's `language`.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Compare two plans on the same replications (common random numbers).
    ///
    /// Runs both scenarios as batches on the same seeds into DIR/a and DIR/b,
    /// then writes DIR/compare.json: what B changes from A (plan, or the drill
    /// itself too, with a warning), per metric the paired difference B − A with
    /// its 95 % interval and the variance reduction against independent seeds,
    /// per objective the change in the probability of meeting it.
    Compare {
        /// Plan A (the baseline).
        a: PathBuf,
        /// Plan B (the alternative).
        b: PathBuf,
        #[command(flatten)]
        common: BatchCommon,
    },
    /// Export a scenario's flood inputs for a peer code (ESRI ASCII grids
    /// and LISFLOOD-FP 8 input files).
    ///
    /// DIR/dem.asc (bed elevation, levee crests added), DIR/manning.asc, DIR/start.asc (water
    /// standing at the start, if any), DIR/inflows.csv (each inflow's
    /// hydrograph and its cells), DIR/rain.csv (each value held until the
    /// next), and the same as LISFLOOD-FP 8 input files (DIR/lisflood.par,
    /// .bci, .bdy, .rain), uncertain values at their median. ESRI ASCII
    /// grids, row 0 = north.
    Export {
        /// Scenario file.
        file: PathBuf,
        /// Output directory.
        #[arg(long)]
        out: PathBuf,
        /// Language of what is printed: `en` or `zh` (中文); default: the
        /// scenario's `language`.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Write a commented starter scenario NAME.ron to edit.
    New {
        /// Name of the drill; the file is NAME.ron (or NAME if it ends in .ron).
        name: String,
        /// What the drill is about: a starter with that hazard, its teams,
        /// injects, plan and objectives, ready to run and edit.
        #[arg(long, value_enum, default_value_t = crate::templates::Hazard::None)]
        hazard: crate::templates::Hazard,
        /// Language of the starter's comments and texts: `en` (default) or `zh` (中文).
        #[arg(long, value_enum, hide_possible_values = true)]
        lang: Option<LangArg>,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(clap::Args, Debug)]
pub struct BatchArgs {
    /// Scenario file.
    pub file: PathBuf,
    #[command(flatten)]
    pub common: BatchCommon,
    /// Run only slice K of N (1-based): replications r with r mod N = K − 1.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
}

/// Options shared by `batch` and `compare`.
#[derive(clap::Args, Debug)]
pub struct BatchCommon {
    /// Number of replications.
    #[arg(long)]
    pub runs: u64,
    /// Random seed, a whole number from 0 to 18446744073709551615
    /// (default: the scenario's `seed`).
    #[arg(long, allow_negative_numbers = true, value_parser = parse_seed)]
    pub seed: Option<u64>,
    /// Worker threads (default: all cores). Does not change the results.
    #[arg(long)]
    pub threads: Option<usize>,
    /// How the uncertain parameters are sampled.
    #[arg(long, value_enum, default_value_t = SamplingArg::Independent)]
    pub sampling: SamplingArg,
    /// Language of the reports and of what is printed: `en` or `zh` (中文);
    /// default: the scenario's `language`.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Output directory (default: batches/<scenario>-seed<S>-runs<N>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Continue an interrupted batch in --out: nothing lost, nothing run twice.
    #[arg(long)]
    pub resume: bool,
    /// Replace --out even when it holds another batch or files drillsim did
    /// not write; the old directory is removed once the new batch is complete.
    #[arg(long, conflicts_with = "resume")]
    pub force: bool,
    /// No progress bar (it is also hidden when stderr is not a terminal).
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SamplingArg {
    /// Each replication draws every parameter from its own random stream.
    Independent,
    /// Latin hypercube: each parameter's runs spread one per equal-probability stratum.
    Lhs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English, HSEEP after-action report layout.
    En,
    /// 中文，按 AQ/T 9009 应急演练评估规范的术语。
    Zh,
}

impl LangArg {
    pub fn lang(self) -> drillsim_reports::Lang {
        match self {
            LangArg::En => drillsim_reports::Lang::En,
            LangArg::Zh => drillsim_reports::Lang::Zh,
        }
    }
}

/// `--lang` when given, else the language the scenario asks for (its
/// `language: "zh"`): a Chinese drill reads in Chinese without a flag.
pub fn lang_or(flag: Option<LangArg>, scenario_zh: bool) -> drillsim_reports::Lang {
    match flag {
        Some(l) => l.lang(),
        None if scenario_zh => drillsim_reports::Lang::Zh,
        None => drillsim_reports::Lang::En,
    }
}

/// The language for a compiled scenario: `--lang`, else its `language`.
pub fn lang_for(flag: Option<LangArg>, compiled: &drillsim::CompiledScenario) -> drillsim_reports::Lang {
    lang_or(flag, compiled.scenario.language == "zh")
}

/// The language for a scenario text, parsed or not (see
/// [`drillsim::scenario::diagnostics::declares_chinese`]).
pub fn lang_of_source(flag: Option<LangArg>, source: &str) -> drillsim_reports::Lang {
    lang_or(flag, drillsim::scenario::diagnostics::declares_chinese(source))
}

/// The language of a directory written by `run`, `batch` or `merge`: the
/// `language` of the `scenario.ron` copied into it.
pub fn lang_of_dir(flag: Option<LangArg>, dir: &std::path::Path) -> drillsim_reports::Lang {
    match flag {
        Some(l) => l.lang(),
        None => lang_of_source(None, &scenario_copy(dir).unwrap_or_default()),
    }
}

/// The text of the `scenario.ron` a run, batch or compare directory keeps,
/// if `dir` is one (a compare directory keeps its plans' copies in a/ and b/).
pub fn scenario_copy(dir: &std::path::Path) -> Option<String> {
    let limit = drillsim::scenario::MAX_SCENARIO_BYTES as u64;
    [dir.join("scenario.ron"), dir.join("a").join("scenario.ron")]
        .iter()
        .find_map(|p| drillsim::scenario::read_limited(p, limit).ok())
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// `--seed`: a clear message for a negative, fractional or too large value.
fn parse_seed(s: &str) -> Result<u64, String> {
    s.trim().parse::<u64>().map_err(|_| {
        if HELP_IN_CHINESE.load(Ordering::Relaxed) {
            format!("`{s}` 不是种子：请给 0 到 18446744073709551615 之间的整数（如 --seed 7）")
        } else {
            format!("`{s}` is not a seed: give a whole number from 0 to 18446744073709551615 (e.g. --seed 7)")
        }
    })
}

/// Set once, before parsing, for the value parsers' messages.
static HELP_IN_CHINESE: AtomicBool = AtomicBool::new(false);

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// The arguments, or the exit code once help, the version or a usage
/// error has been printed: in Chinese when [`crate::cli_zh::wanted`] says so.
pub fn parse() -> Result<Cli, ExitCode> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let zh = crate::cli_zh::wanted(&args);
    HELP_IN_CHINESE.store(zh, Ordering::Relaxed);
    let mut cmd = if zh {
        crate::cli_zh::localize(Cli::command())
    } else {
        Cli::command()
    };
    let parsed = cmd
        .try_get_matches_from_mut(&args)
        .and_then(|mut m| Cli::from_arg_matches_mut(&mut m))
        .map(Cli::lang_to_command);
    parsed.map_err(|e| {
        let code = if e.use_stderr() { 2 } else { 0 };
        if zh {
            crate::cli_zh::print(&e);
        } else {
            let _ = e.print();
        }
        ExitCode::from(code)
    })
}
