//! What every command-line test needs.

use std::process::Command;

/// `drillsim` under a fixed locale: its help and argument errors follow
/// `LC_ALL`, and the tests must not depend on the machine's.
pub fn drillsim() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_drillsim"));
    cmd.env("LC_ALL", "C.UTF-8");
    cmd
}
