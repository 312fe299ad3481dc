//! Command-line arguments.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Drillsim: write a disaster-response drill as a scenario file, check it,
/// run it, and read what happened.
///
/// Start with `drillsim run` (runs the bundled drill), then `drillsim new my_drill`
/// to write your own; `drillsim validate my_drill.ron` points at every mistake.
#[derive(Parser, Debug)]
#[command(name = "drillsim", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
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
    },
    /// Run one drill and write its outputs (events, time series, summary).
    ///
    /// Without FILE, runs the drill bundled in the binary and says which.
    Run {
        /// Scenario file; omit to run the bundled drill.
        file: Option<PathBuf>,
        /// Random seed (default: the scenario's `seed`).
        #[arg(long)]
        seed: Option<u64>,
        /// Replication index: the same seed with another index is another independent run.
        #[arg(long, default_value_t = 0)]
        replication: u64,
        /// Output directory (default: runs/<scenario>-seed<N>).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Skip the after-action report (report.html, report.md, charts/).
        #[arg(long)]
        no_report: bool,
    },
    /// Write the after-action report of a run directory: report.html, report.md, charts/.
    ///
    /// `drillsim run` already does this; use it to regenerate a report.
    Report {
        /// A directory written by `drillsim run`.
        run_dir: PathBuf,
    },
    /// Write a commented starter scenario NAME.ron to edit.
    New {
        /// Name of the drill; the file is NAME.ron (or NAME if it ends in .ron).
        name: String,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

pub fn parse() -> Result<Cli, clap::Error> {
    Cli::try_parse()
}
