//! `drillsim play`: a drill played live at the table.
//!
//! The facilitator types commands (or pipes a script): the clock moves only
//! when told, what happened meanwhile is printed as the report's timeline
//! would word it, injects fire by hand, players' orders are plan actions in
//! the scenario language, checked like a rule's before they are given. The
//! library's [`drillsim::session::Table`] does the stepping; this module
//! reads lines, prints, saves the session file after every move and writes
//! the run directory at the end. A mistyped command at a terminal is
//! explained and the session goes on; in a piped script it stops the
//! session with exit code 2 and no run directory.

use crate::commands::{invalid, load_or_bundled, print_outcome, write_run};
use crate::outdir;
use crate::play_text::{help, print_injects, print_map, print_names, print_new_rows, print_status, print_zones};
use anyhow::{Context, Result};
use drillsim::said;
use drillsim::scenario::Said;
use drillsim::scenario::units::Duration;
use drillsim::session::{self, Table};
use drillsim::{CompiledScenario, RunSpec};
use drillsim_reports::{Lang, fmt_time};
use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Longest command line read (bytes); the rest of a longer line is skipped.
const MAX_LINE: u64 = 16 * 1024;

pub struct PlayArgs<'a> {
    pub file: Option<&'a Path>,
    pub seed: Option<u64>,
    pub replication: Option<u64>,
    pub replay: Option<&'a Path>,
    pub until: Option<&'a str>,
    pub record: Option<PathBuf>,
    pub out: Option<PathBuf>,
    pub force: bool,
    pub report: bool,
    pub threads: Option<usize>,
    pub lang: Option<crate::cli::LangArg>,
}

pub fn play(a: &PlayArgs) -> Result<ExitCode> {
    let compiled = match load_or_bundled(a.file) {
        Ok(c) => c,
        Err(d) => return Ok(invalid(&d, a.lang)),
    };
    let lang = crate::cli::lang_for(a.lang, &compiled);
    let threads = match crate::batch_cmd::threads_or(a.threads, 1, lang) {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    let drill_s = compiled.scenario.duration.secs();
    let replay = match a.replay {
        Some(p) => match session::load(p, &compiled) {
            Ok(s) => Some(s),
            Err(d) => {
                eprint!("{}", crate::render::human(&d, lang));
                return Ok(ExitCode::from(2));
            }
        },
        None => None,
    };
    let until = match a.until.map(Duration::parse) {
        None => None,
        Some(Ok(t)) if t.secs() <= drill_s => Some(t.secs()),
        Some(Ok(t)) => {
            let end = compiled.scenario.duration;
            return Ok(crate::render::refuse(
                said!("--until {t} is after the drill's end ({end})", "--until {t} 晚于演练结束（{end}）"),
                said!("give a clock time within the drill", "给出演练时段之内的时间"),
                lang,
            ));
        }
        Some(Err(e)) => {
            return Ok(crate::render::refuse(
                e.map(|e, _| format!("--until: {e}")),
                said!("e.g. --until 2h or --until 1h30min", "如 --until 2h 或 --until 1h30min"),
                lang,
            ));
        }
    };
    let seed = replay.as_ref().map(|s| s.seed).or(a.seed).unwrap_or(compiled.scenario.seed);
    let replication = replay.as_ref().map(|s| s.replication).or(a.replication).unwrap_or(0);
    let stem = crate::commands::stem_of(a.file);
    // A default name never replaces a kept session: the first free one.
    let record = a.record.clone().unwrap_or_else(|| {
        let name = |k: u32| match k {
            1 => format!("{stem}-seed{seed}.ron"),
            k => format!("{stem}-seed{seed}-{k}.ron"),
        };
        let dir = PathBuf::from("sessions");
        (1..=999)
            .map(|k| dir.join(name(k)))
            .find(|p| !p.exists())
            .unwrap_or_else(|| dir.join(name(1000)))
    });
    if record.is_dir() {
        let shown = record.display();
        return Ok(crate::render::refuse(
            said!("{shown} is a directory", "{shown} 是一个目录"),
            said!("give --record a file name", "给 --record 一个文件名"),
            lang,
        ));
    }
    if !record.exists()
        && let Err(m) = outdir::can_create(&record, "--record")
    {
        return Ok(crate::render::refuse(
            m,
            said!(
                "give --record a file in a directory you can write in",
                "给 --record 一个位于可写目录中的文件"
            ),
            lang,
        ));
    }
    if record.exists() && !a.force {
        let shown = record.display();
        return Ok(crate::render::refuse(
            said!("{shown} already exists", "{shown} 已存在"),
            said!(
                "pass --record OTHER.ron to keep it, or --force to replace it",
                "要保留它就用 --record 另一个文件.ron，要替换它就加 --force"
            ),
            lang,
        ));
    }
    // The run is named after its session, so a branch played from a replay
    // (a session of its own) never replaces the run of the one it left.
    let out = a.out.clone().unwrap_or_else(|| {
        let session = record
            .file_stem()
            .map_or_else(|| stem.clone(), |s| s.to_string_lossy().into_owned());
        PathBuf::from("runs").join(format!("{session}-play"))
    });
    if let Err(code) = outdir::check(&out, outdir::RUN_ENTRIES, a.force, outdir::A_RUN, lang) {
        return Ok(code);
    }
    let label = a
        .file
        .map_or(crate::commands::BUNDLED_NAME.to_string(), |f| f.display().to_string());
    let mut table = Table::new(&compiled, RunSpec { seed, replication });
    table.set_threads(threads);
    let (name, length, tick) = (&compiled.scenario.name, fmt_time(drill_s), compiled.scenario.tick);
    match lang {
        Lang::En => println!("{name} — seed {seed}, replication {replication}; drill of {length}, one tick is {tick}"),
        Lang::Zh => println!("{name} — 种子 {seed}，重复 {replication}；演练时长 {length}，每步 {tick}"),
    }
    let mut printed = 0;
    let mut ended = false;
    if let (Some(s), Some(path)) = (&replay, a.replay) {
        match table.replay(&compiled, s, until) {
            Ok(e) => ended = e && until.is_none(),
            Err((i, why)) => {
                let (line, column) = s.positions[i];
                let (shown, n, at) = (path.display(), i + 1, Duration(s.moves[i].at_s()));
                let why = why.said();
                return Ok(crate::render::refuse(
                    Said::new(
                        format!("{shown}:{line}:{column}: move {n} (at {at}): {}", why.en),
                        format!("{shown}:{line}:{column}：第 {n} 步操作（{at}）：{}", why.zh),
                    ),
                    said!(
                        "the session no longer replays on this scenario: check the move, or play it again",
                        "这份演练记录已无法在本情景上重放：检查这一步操作，或重新推演"
                    ),
                    lang,
                ));
            }
        }
        let made = table.moves().len();
        let (path, now) = (path.display(), fmt_time(table.now_s()));
        match lang {
            Lang::En => println!("Replayed {made} moves of {path}; the clock shows {now}"),
            Lang::Zh => println!("已重放 {path} 中的 {made} 步操作；当前时间 {now}"),
        }
        printed = print_new_rows(&table, printed, lang);
        print_status(&table, lang);
    }
    save(&record, &table, &label, ended)?;
    println!(
        "{} {}",
        lang.pick("Moves are saved as they are made to", "每步操作即时保存到"),
        record.display()
    );
    if !ended {
        let interactive = std::io::stdin().is_terminal();
        println!("{}", lang.pick("Type `help` for the commands.", "输入 `help`（帮助）查看命令。"));
        let mut input = std::io::stdin().lock();
        let stop = loop {
            if interactive {
                print!("[{}] > ", fmt_time(table.now_s()));
                std::io::stdout().flush().ok();
            }
            let line = match read_line(&mut input) {
                Ok(Some(l)) => l,
                Ok(None) => {
                    println!(
                        "{}",
                        lang.pick("(end of input: the session ends here)", "（输入结束：演练在此结束）")
                    );
                    break Stop::End;
                }
                Err(message) => {
                    if let Some(code) = refuse(interactive, &message, None, lang) {
                        return Ok(code);
                    }
                    continue;
                }
            };
            match command(&mut table, &compiled, &line, lang, &mut printed) {
                Ok(Some(stop)) => break stop,
                Ok(None) => {}
                Err(Bad::Order(d)) => {
                    eprint!("{}", crate::render::human(&d, lang));
                    if !interactive {
                        return Ok(ExitCode::from(2));
                    }
                }
                Err(Bad::Usage(message, hint)) => {
                    if let Some(code) = refuse(interactive, &message, Some(&hint), lang) {
                        return Ok(code);
                    }
                }
            }
            save(&record, &table, &label, false)?;
        };
        if stop == Stop::Finish {
            table.advance_to(drill_s);
            print_new_rows(&table, printed, lang);
        }
    }
    save(&record, &table, &label, true)?;
    if table.now_s() == 0.0 {
        println!(
            "{}",
            lang.pick(
                "The clock never moved: no run directory is written (the session file is kept).",
                "时钟未推进：不写出运行目录（会话文件已保存）。"
            )
        );
        return Ok(ExitCode::SUCCESS);
    }
    let session_text = table.to_ron(&label, true);
    let outcome = table.finish();
    let (files, report_s) = write_run(
        &compiled,
        &outcome,
        &out,
        a.report.then_some(lang),
        &[("session.ron", session_text.as_bytes())],
    )?;
    let ended_s = outcome.ticks as f64 * compiled.scenario.tick.secs();
    let early = match (ended_s < drill_s, lang) {
        (false, _) => String::new(),
        (true, Lang::En) => format!(
            " of {}: what follows judges what happened by then (a deadline still ahead counts as missed)",
            fmt_time(drill_s)
        ),
        (true, Lang::Zh) => format!("（共 {}）：以下按截至此时的情况评估（未到期限的目标按未达成计）", fmt_time(drill_s)),
    };
    println!(
        "\n{} {}{early}\n",
        lang.pick("The session ended at", "演练结束于"),
        fmt_time(ended_s)
    );
    print_outcome(&outcome, &out, files, report_s, lang, false);
    println!(
        "{}drillsim play {label} --replay {}",
        lang.pick("Replay or branch it with: ", "重放或从中分支："),
        record.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// A mistyped command: at a terminal, explain it and go on (`None`); in a
/// script, stop with exit code 2.
fn refuse(interactive: bool, message: &Said, hint: Option<&Said>, lang: Lang) -> Option<ExitCode> {
    crate::render::say_error(lang, message, hint);
    (!interactive).then(|| ExitCode::from(2))
}

fn save(record: &Path, table: &Table, label: &str, ended: bool) -> Result<()> {
    drillsim::output::write_atomic(record, table.to_ron(label, ended).as_bytes())
        .with_context(|| format!("saving the session to {}", record.display()))
}

/// One line of input, at most [`MAX_LINE`] bytes; `None` at the end of input.
fn read_line(input: &mut impl BufRead) -> Result<Option<String>, Said> {
    let unreadable = |e: std::io::Error| said!("cannot read the input: {e}", "无法读取输入：{e}");
    let mut buf = Vec::new();
    let n = input.by_ref().take(MAX_LINE + 1).read_until(b'\n', &mut buf).map_err(unreadable)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.len() as u64 > MAX_LINE && buf.last() != Some(&b'\n') {
        // Skip the rest of the line, a bounded chunk at a time.
        loop {
            let mut rest = Vec::new();
            let m = input.by_ref().take(MAX_LINE).read_until(b'\n', &mut rest).map_err(unreadable)?;
            if m == 0 || rest.last() == Some(&b'\n') {
                break;
            }
        }
        return Err(said!("a command line has at most {MAX_LINE} bytes", "一行命令最多 {MAX_LINE} 字节"));
    }
    String::from_utf8(buf)
        .map(|s| Some(s.trim().to_string()))
        .map_err(|_| said!("the line is not UTF-8 text", "这一行不是 UTF-8 文本"))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    /// Stop the drill where the clock is.
    End,
    /// Run the drill to its end first.
    Finish,
}

enum Bad {
    Order(drillsim::Diagnostics),
    Usage(Said, Said),
}

fn bad(message: Said, hint: Said) -> Bad {
    Bad::Usage(message, hint)
}

/// Carry out one command line.
fn command(table: &mut Table, compiled: &CompiledScenario, line: &str, lang: Lang, printed: &mut usize) -> Result<Option<Stop>, Bad> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let rest = rest.trim();
    match word {
        "help" | "?" | "帮助" => print!("{}", help(lang)),
        "step" | "推进" => {
            let by = if rest.is_empty() {
                table.tick_s()
            } else {
                Duration::parse(rest)
                    .map_err(|e| {
                        bad(
                            e,
                            said!(
                                "e.g. `step 10min`; `step` alone moves one tick",
                                "如 `step 10min`；只写 `step` 则推进一步"
                            ),
                        )
                    })?
                    .secs()
            };
            advance(table, table.now_s() + by, lang, printed)?;
        }
        "to" | "到" => {
            let t = Duration::parse(rest).map_err(|e| {
                bad(
                    e,
                    said!(
                        "e.g. `to 2h` or `to 1h30min` (time since the start)",
                        "如 `to 2h` 或 `to 1h30min`（自开始起的时间）"
                    ),
                )
            })?;
            if t.secs() < table.now_s() {
                let now = fmt_time(table.now_s());
                return Err(bad(
                    said!(
                        "the clock already shows {now}; time only runs forward",
                        "时钟已到 {now}；时间只能向前"
                    ),
                    said!(
                        "replay the session with --until to branch from an earlier time",
                        "用 --until 重放演练记录，可从更早的时间分支"
                    ),
                ));
            }
            advance(table, t.secs(), lang, printed)?;
        }
        "order" | "下令" => {
            let (id, text) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            if text.trim().is_empty() {
                return Err(bad(
                    said!("an order needs an id and an action", "指令需要一个 id 和一个行动"),
                    said!(
                        "e.g. `order boats_out Dispatch(kind: \"water_rescue\")`, written as a plan rule's `do:`",
                        "如 `下令 派出冲锋舟 Dispatch(kind: \"water_rescue\")`，行动的写法与预案规则的 `do:` 相同"
                    ),
                ));
            }
            let (action, as_given) = session::parse_action(text.trim(), "order", compiled).map_err(Bad::Order)?;
            table.order(id, action, &as_given).map_err(|e| bad(e.said(), end_hint()))?;
            println!(
                "{} `{id}` {}",
                lang.pick("Order", "指令"),
                lang.pick("given: it takes effect in the next tick.", "已下达：下一步生效。")
            );
        }
        "inject" | "注入" => {
            table.inject(compiled, rest).map_err(|e| {
                let pending: Vec<&str> = compiled
                    .scenario
                    .injects
                    .iter()
                    .zip(table.inject_fired_at())
                    .filter(|(j, t)| t.is_none() && !table.queued(&j.id))
                    .map(|(j, _)| j.id.as_str())
                    .collect();
                let hint = if pending.is_empty() {
                    said!("every inject has fired", "所有情景注入都已触发")
                } else {
                    let pending = pending.join(", ");
                    said!("not fired yet: {pending}", "尚未触发：{pending}")
                };
                bad(e.said(), hint)
            })?;
            println!(
                "{} `{rest}` {}",
                lang.pick("Inject", "情景注入"),
                lang.pick("fires in the next tick.", "将在下一步触发。")
            );
        }
        "status" | "状态" => print_status(table, lang),
        "zones" | "分区" => print_zones(table, compiled, lang),
        "injects" | "msel" | "情景" => print_injects(table, compiled, lang),
        "names" | "名称" => print_names(compiled, lang),
        "map" | "地图" => print_map(table, compiled, rest, lang)
            .map_err(|e| bad(e, said!("`map` alone maps every hazard", "只写 `map` 则绘制每种灾害")))?,
        "end" | "结束" => return Ok(Some(Stop::End)),
        "finish" | "完成" => return Ok(Some(Stop::Finish)),
        other => {
            let known = [
                "help", "step", "to", "order", "inject", "status", "zones", "injects", "names", "map", "end", "finish",
            ];
            let hint = match drillsim::scenario::diagnostics::suggest(other, known) {
                Some(k) => said!(
                    "did you mean `{k}`? (`help` lists the commands)",
                    "是不是想输入 `{k}`？（`help` 列出全部命令）"
                ),
                None => said!("`help` lists the commands", "`help`（帮助）列出全部命令"),
            };
            return Err(bad(said!("unknown command `{other}`", "未知命令 `{other}`"), hint));
        }
    }
    Ok(None)
}

fn end_hint() -> Said {
    said!("type `end` to write the outputs", "输入 `end`（结束）写出结果")
}

fn advance(table: &mut Table, to_s: f64, lang: Lang, printed: &mut usize) -> Result<(), Bad> {
    if table.is_over() {
        return Err(bad(drillsim::session::Refused::Over.said(), end_hint()));
    }
    table.advance_to(to_s);
    *printed = print_new_rows(table, *printed, lang);
    print_status(table, lang);
    if table.is_over() {
        println!(
            "{}",
            lang.pick(
                "The drill has reached its end: type `end` to write the outputs.",
                "演练已到结束时间：输入 `end`（结束）写出结果。"
            )
        );
    }
    Ok(())
}
