//! `drillsim report DIR` (a run's or a batch's directory), and the report
//! `drillsim run` writes by default.

use anyhow::{Context, Result};
use drillsim::said;
use drillsim::scenario::Said;
use drillsim_reports::{Lang, ReportError};
use std::path::Path;
use std::process::ExitCode;

/// Write the report into `dir` and say where it is.
pub fn write(dir: &Path, lang: Lang) -> Result<()> {
    let started = std::time::Instant::now();
    let w = drillsim_reports::write_report_in(dir, lang).with_context(|| format!("writing the report in {}", dir.display()))?;
    let (files, secs, path) = (w.files.len(), started.elapsed().as_secs_f64(), dir.join("report.html"));
    match lang {
        Lang::En => println!("Wrote the after-action report ({files} files, {secs:.1} s): {}", path.display()),
        Lang::Zh => println!("已写入演练评估报告（{files} 个文件，{secs:.1} s）：{}", path.display()),
    }
    Ok(())
}

/// A directory that cannot be reported on: exit code 2 and a hint.
fn refuse(dir: &Path, e: &ReportError, hint: Said, lang: Lang) -> ExitCode {
    let message = Said::new(e.to_string(), format!("无法为 {} 写报告：{e}", dir.display()));
    crate::render::refuse(message, hint, lang)
}

pub fn report(dir: &Path, lang: Lang) -> Result<ExitCode> {
    if dir.join("compare.json").is_file() {
        let w = drillsim_reports::batch::compare::write_compare_report(dir, lang)
            .with_context(|| format!("writing the comparison report in {}", dir.display()))?;
        let (files, path) = (w.files.len(), dir.join("report.html"));
        match lang {
            Lang::En => println!("Wrote the comparison report ({files} files): {}", path.display()),
            Lang::Zh => println!("已写入方案对比报告（{files} 个文件）：{}", path.display()),
        }
        return Ok(ExitCode::SUCCESS);
    }
    if dir.join("batch.json").is_file() {
        return match drillsim_reports::batch::BatchData::load(dir) {
            Err(e @ (ReportError::NotABatchDir { .. } | ReportError::Parse { .. })) => {
                let hint = said!(
                    "finish the batch first (`drillsim batch … --resume`), or merge its shards",
                    "先完成批量运行（`drillsim batch … --resume`），或合并它的分片"
                );
                Ok(refuse(dir, &e, hint, lang))
            }
            Err(e) => Err(e.into()),
            Ok(_) => crate::batch_cmd::write_report(dir, lang).map(|_| ExitCode::SUCCESS),
        };
    }
    match drillsim_reports::RunData::load(dir) {
        Err(e @ (ReportError::NotARunDir { .. } | ReportError::Parse { .. })) => {
            let hint = said!(
                "give a directory written by `drillsim run`, `batch`, `merge` or `compare` (their --out)",
                "给出由 `drillsim run`、`batch`、`merge` 或 `compare` 写出的目录（即它们的 --out）"
            );
            Ok(refuse(dir, &e, hint, lang))
        }
        Err(e) => Err(e.into()),
        Ok(_) => write(dir, lang).map(|_| ExitCode::SUCCESS),
    }
}
