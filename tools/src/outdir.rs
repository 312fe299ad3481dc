//! `--out DIR` without losing anyone's files.
//!
//! A command writes into a directory that is missing, empty, or holds only
//! what the same command wrote there before. Anything else — a folder of
//! notes, another command's output — is refused with exit code 2 and a hint,
//! unless `--force` says to replace it. A run is built in a hidden sibling
//! directory and renamed into place, so the old directory is only replaced
//! by a complete new one; a batch (which writes as it goes, so `--resume`
//! can finish it) moves a forced-over directory aside and deletes it only
//! once the new batch is complete.

use crate::render::refuse;
use drillsim::said;
use drillsim::scenario::Said;
use drillsim_reports::Lang;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The names `drillsim run` writes into a run directory.
pub const RUN_ENTRIES: &[&str] = &[
    "events.jsonl",
    "timeseries.csv",
    "summary.json",
    "scorecard.json",
    "scenario.ron",
    "scenario.sha256",
    "rasters",
    "tables",
    "report.html",
    "report.md",
    "charts",
    "session.ron",
];

/// The names `drillsim batch` writes into a batch directory.
pub const BATCH_ENTRIES: &[&str] = &[
    "batch.json",
    "scenario.ron",
    "runs.csv",
    "runs.csv.partial",
    "summary.json",
    "rasters",
    ".batch-state",
    "report.html",
    "report.md",
    "charts",
];

/// The names `drillsim compare` writes.
pub const COMPARE_ENTRIES: &[&str] = &["a", "b", "compare.json", "report.html", "report.md", "charts"];

/// What `--out` points at.
#[derive(Debug, PartialEq, Eq)]
pub enum OutDir {
    /// Missing or empty: nothing to protect.
    Free,
    /// Holds only what this command writes.
    Previous,
    /// Holds something else; the first few names.
    Foreign(Vec<String>),
}

/// Look at `dir` against the entries a command writes. An `Err` is a message
/// for the user (`dir` is a file, or cannot be read).
pub fn classify(dir: &Path, entries: &[&str]) -> Result<OutDir, Said> {
    if !dir.exists() {
        return can_create(dir, "--out").map(|()| OutDir::Free);
    }
    let shown = dir.display();
    if !dir.is_dir() {
        return Err(said!("--out {shown} is a file, not a directory", "--out {shown} 是文件，不是目录"));
    }
    let listing = std::fs::read_dir(dir).map_err(|e| said!("cannot read --out {shown}: {e}", "无法读取 --out {shown}：{e}"))?;
    let mut names: Vec<String> = listing
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // Temporary files of an interrupted atomic write belong to us too.
        .filter(|n| !(n.starts_with('.') && n.contains(".tmp-")))
        .collect();
    names.sort();
    if names.is_empty() {
        return Ok(OutDir::Free);
    }
    let foreign: Vec<String> = names.iter().filter(|n| !entries.contains(&n.as_str())).take(3).cloned().collect();
    Ok(if foreign.is_empty() {
        OutDir::Previous
    } else {
        OutDir::Foreign(foreign)
    })
}

/// Whether a missing `path` (a directory, or a file such as `--record`'s)
/// can be made: its nearest existing ancestor must be a directory we may
/// write in; `flag` names the argument in the message. Asked by making (and removing) an empty
/// hidden directory there, the one test that answers for permissions,
/// read-only mounts and pseudo-filesystems alike, so a run that takes
/// minutes does not fail only when it writes its files.
pub fn can_create(path: &Path, flag: &str) -> Result<(), Said> {
    let ancestor = path
        .ancestors()
        .skip(1)
        .map(|a| if a.as_os_str().is_empty() { Path::new(".") } else { a })
        .find(|a| a.exists())
        .unwrap_or(Path::new("."));
    let (shown, under) = (path.display(), ancestor.display());
    if !ancestor.is_dir() {
        return Err(said!(
            "cannot make {flag} {shown}: {under} is a file, not a directory",
            "无法创建 {flag} {shown}：{under} 是文件，不是目录"
        ));
    }
    let probe = ancestor.join(format!(".drillsim-probe-{}", std::process::id()));
    match std::fs::create_dir(&probe) {
        Ok(()) => {
            let _ = std::fs::remove_dir(&probe);
            Ok(())
        }
        Err(e) => Err(said!(
            "cannot make {flag} {shown}: nothing can be created in {under} ({e})",
            "无法创建 {flag} {shown}：{under} 中不能创建任何东西（{e}）"
        )),
    }
}

/// What a command writes into its directory, in English and in Chinese.
pub type Kind = (&'static str, &'static str);
pub const A_RUN: Kind = ("a run directory", "运行目录");
pub const A_BATCH: Kind = ("a batch directory", "批量运行目录");
pub const A_COMPARISON: Kind = ("a comparison directory", "方案对比目录");

/// Refuse `dir` unless it is free, a previous output of this command, or
/// `force` is given.
pub fn check(dir: &Path, entries: &[&str], force: bool, (what, what_zh): Kind, lang: Lang) -> Result<OutDir, ExitCode> {
    match classify(dir, entries) {
        Err(m) => Err(refuse(
            m,
            said!(
                "give --out a directory you can write in (a new name is created)",
                "给 --out 一个可写的目录（新名称会被创建）"
            ),
            lang,
        )),
        Ok(OutDir::Foreign(names)) if !force => {
            let (shown, more) = (dir.display(), if names.len() == 3 { ", …" } else { "" });
            let names = names.join(", ");
            Err(refuse(
                said!(
                    "--out {shown} already holds files that are not {what} ({names}{more})",
                    "--out {shown} 中已有不属于{what_zh}的文件（{names}{more}）"
                ),
                said!(
                    "choose a new or empty directory, or add --force to replace it and everything in it",
                    "换一个新的或空的目录，或加 --force 替换它和其中的一切"
                ),
                lang,
            ))
        }
        Ok(state) => Ok(state),
    }
}

/// A hidden sibling of `dir`: `.NAME.KIND-PID`.
pub fn sibling(dir: &Path, kind: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    dir.with_file_name(format!(".{name}.{kind}-{}", std::process::id()))
}

/// Put the complete directory `staging` where `dir` is, replacing what was
/// there: the old one is renamed aside first and removed only after the new
/// one is in place.
pub fn swap_into_place(staging: &Path, dir: &Path) -> std::io::Result<()> {
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    if !dir.exists() {
        return std::fs::rename(staging, dir);
    }
    let old = sibling(dir, "replaced");
    std::fs::rename(dir, &old)?;
    if let Err(e) = std::fs::rename(staging, dir) {
        let _ = std::fs::rename(&old, dir);
        return Err(e);
    }
    std::fs::remove_dir_all(&old)
}

/// For a command that writes as it goes (a batch): with `force`, move an
/// occupied `dir` aside to a hidden sibling and return where, so it can be
/// removed once the new output is complete ([`finish_aside`]) — or kept if
/// the command fails. Without `force`, or for a free directory, nothing moves.
pub fn set_aside(dir: &Path, state: &OutDir, force: bool, lang: Lang) -> Result<Option<PathBuf>, ExitCode> {
    if !force || *state == OutDir::Free {
        return Ok(None);
    }
    let old = sibling(dir, "replaced");
    match std::fs::rename(dir, &old) {
        Ok(()) => Ok(Some(old)),
        Err(e) => {
            let shown = dir.display();
            Err(refuse(
                said!("cannot move {shown} aside to replace it: {e}", "无法把 {shown} 移开以替换它：{e}"),
                said!("remove it yourself, or choose another --out", "请自行删除它，或换一个 --out"),
                lang,
            ))
        }
    }
}

/// The command's outcome decides what happens to a directory [`set_aside`]
/// moved: removed after success, kept (and said where) after a failure.
pub fn finish_aside(aside: Option<PathBuf>, dir: &Path, success: bool, lang: Lang) {
    let Some(old) = aside else { return };
    if success {
        let _ = std::fs::remove_dir_all(&old);
    } else {
        let (dir, old) = (dir.display(), old.display());
        match lang {
            Lang::En => eprintln!("  note: the previous contents of {dir} are kept in {old}"),
            Lang::Zh => eprintln!("  注：{dir} 原有的内容保留在 {old}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_is_ours_only_when_every_entry_is() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("r");
        assert_eq!(classify(&out, RUN_ENTRIES).unwrap(), OutDir::Free);
        std::fs::create_dir(&out).unwrap();
        assert_eq!(classify(&out, RUN_ENTRIES).unwrap(), OutDir::Free);
        std::fs::write(out.join("summary.json"), "{}").unwrap();
        std::fs::write(out.join(".x.tmp-12"), "").unwrap();
        assert_eq!(classify(&out, RUN_ENTRIES).unwrap(), OutDir::Previous);
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        assert_eq!(classify(&out, RUN_ENTRIES).unwrap(), OutDir::Foreign(vec!["notes.txt".into()]));
        assert!(classify(&out.join("notes.txt"), RUN_ENTRIES).is_err());
        let under_a_file = classify(&out.join("notes.txt").join("r"), RUN_ENTRIES).unwrap_err();
        assert!(under_a_file.en.contains("notes.txt is a file"), "{under_a_file:?}");
        assert_eq!(classify(&out.join("new").join("deeper"), RUN_ENTRIES).unwrap(), OutDir::Free);
        assert!(!out.join("new").exists(), "asking makes nothing");
        let left: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("probe"))
            .collect();
        assert!(left.is_empty(), "the probe is removed: {left:?}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_directory_nobody_may_write_in_is_refused_before_the_run() {
        // /proc refuses new directories even to root, who may write anywhere else.
        let m = classify(Path::new("/proc/drillsim-run"), RUN_ENTRIES).unwrap_err();
        assert!(m.en.contains("nothing can be created in /proc"), "{m:?}");
    }

    #[test]
    fn swapping_replaces_the_whole_directory() {
        let d = tempfile::tempdir().unwrap();
        let (out, staging) = (d.path().join("r"), d.path().join(".r.staging"));
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("old.txt"), "old").unwrap();
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(staging.join("new.txt"), "new").unwrap();
        swap_into_place(&staging, &out).unwrap();
        assert!(out.join("new.txt").is_file());
        assert!(!out.join("old.txt").exists());
        assert!(!staging.exists());
        let left: Vec<_> = std::fs::read_dir(d.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "the replaced directory is removed");
    }
}
