//! `drillsim`: the command-line front end. A thin layer over the `drillsim`
//! library: parse arguments (clap), call the library, render diagnostics
//! (miette) and map outcomes to exit codes: 0 success, 1 runtime failure,
//! 2 invalid input (bad scenario or arguments).

mod batch_cmd;
mod batch_text;
mod cjk_wrap;
mod cli;
mod cli_zh;
mod commands;
mod outdir;
mod play_cmd;
mod play_text;
mod render;
mod report_cmd;
mod summary;
mod templates;

use std::process::ExitCode;

fn main() -> ExitCode {
    // Die quietly when a reader such as `head` closes our stdout, as Unix
    // tools do, instead of panicking in `println!`. Every file a user keeps
    // is written by rename, so being stopped here loses none.
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let args = match cli::parse() {
        Ok(a) => a,
        Err(code) => return code,
    };
    match commands::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}
