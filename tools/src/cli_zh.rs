//! `drillsim --help` and the argument errors in Chinese.
//!
//! clap words its help and errors in English. Rather than keep a second
//! set of argument definitions, the one [`clap::Command`] built from
//! [`crate::cli::Cli`] is rewritten before parsing: every command's about
//! text, every argument's help and the headings come from the tables below,
//! and the defaults and possible values clap would print in English
//! brackets are written into the Chinese sentences instead (a test checks
//! that each sentence names them). A usage error is worded here from the
//! error's kind and context.
//!
//! Which language: `--lang` among the arguments, else the `language` of a
//! scenario (or run directory) named among them, else the system locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`, as POSIX orders them): a trainer whose
//! desktop is set to Chinese reads `drillsim --help` in Chinese.

use clap::Command;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::Path;

/// Whether help and usage errors for these arguments are to be in Chinese.
pub fn wanted(args: &[OsString]) -> bool {
    let texts: Vec<&str> = args.iter().skip(1).filter_map(|a| a.to_str()).collect();
    for (i, a) in texts.iter().enumerate() {
        match (*a, texts.get(i + 1)) {
            ("--lang", Some(&"zh")) => return true,
            ("--lang", Some(&"en")) | ("--lang=en", _) => return false,
            ("--lang=zh", _) => return true,
            _ => {}
        }
    }
    if let Some(zh) = texts.iter().find_map(|a| scenario_language(Path::new(a))) {
        return zh;
    }
    locale_is_chinese(|k| std::env::var(k).ok())
}

/// Whether a scenario file, or the directory of a run or batch, says
/// `language: "zh"`; `None` when `path` is neither.
fn scenario_language(path: &Path) -> Option<bool> {
    if path.extension().is_some_and(|e| e == "ron") && path.is_file() {
        let limit = drillsim::scenario::MAX_SCENARIO_BYTES as u64;
        let text = drillsim::scenario::read_limited(path, limit).ok()?;
        return Some(drillsim::scenario::diagnostics::declares_chinese(&String::from_utf8_lossy(&text)));
    }
    crate::cli::scenario_copy(path).map(|text| drillsim::scenario::diagnostics::declares_chinese(&text))
}

/// The first set of `LC_ALL`, `LC_MESSAGES`, `LANG` names a Chinese locale.
fn locale_is_chinese(var: impl Fn(&str) -> Option<String>) -> bool {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| var(k).filter(|v| !v.is_empty()))
        .is_some_and(|v| v.starts_with("zh"))
}

const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";
const ARGUMENTS: &str = "参数";
const OPTIONS: &str = "选项";

/// The command with every text in Chinese.
pub fn localize(cmd: Command) -> Command {
    // clap and `finish_help` wrap to the same width.
    let mut cmd = cmd.term_width(crate::cjk_wrap::help_width());
    cmd.build();
    localize_command(cmd, "drillsim")
}

fn localize_command(cmd: Command, path: &str) -> Command {
    let name = cmd.get_name().to_string();
    let (about, more) = command_zh(path).unwrap_or(("", None));
    // `--help` prints the long text alone, so it repeats the about line.
    let long_about = more.map(|m| format!("{}。\n\n{m}", about.trim_end_matches('。')));
    let cmd = match long_about {
        Some(text) => cmd.long_about(text),
        None => cmd.long_about(None::<&str>),
    };
    let mut cmd = cmd
        .about(about)
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .mut_args(|a| {
            let text = arg_zh(&name, a.get_id().as_str()).unwrap_or("");
            let heading = if a.is_positional() { ARGUMENTS } else { OPTIONS };
            let placeholder = a.get_value_names().and_then(|v| v.first()).and_then(|v| placeholder_zh(v.as_str()));
            let a = match placeholder {
                Some(p) => a.value_name(p),
                None => a,
            };
            a.help(text)
                .long_help(None::<&str>)
                .help_heading(heading)
                .hide_default_value(true)
                .hide_possible_values(true)
        });
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for sub in subs {
        let inner = format!("{path} {sub}");
        // `build` copied every command under `help` (for `drillsim help
        // run`); unbuilt, as in English, `drillsim help help` lists none.
        let listed = path != "drillsim help";
        cmd = cmd.mut_subcommand(&sub, |s| localize_command(s, &inner).hide(!listed));
    }
    cmd
}

/// The Chinese for a value's placeholder (`<FILE>` → `<文件>`).
fn placeholder_zh(en: &str) -> Option<&'static str> {
    Some(match en {
        "FILE" | "FILES" => "文件",
        "SEED" => "种子",
        "REPLICATION" => "编号",
        "OUT" | "RUN_DIR" | "DIRS" => "目录",
        "THREADS" => "线程数",
        "LANG" => "语言",
        "FORMAT" => "格式",
        "SESSION" => "会话文件",
        "TIME" => "时刻",
        "RUNS" => "次数",
        "SAMPLING" => "方式",
        "NAME" => "名称",
        "HAZARD" => "灾种",
        "A" => "方案A",
        "B" => "方案B",
        "COMMAND" => "命令",
        _ => return None,
    })
}

/// clap's own words left in rendered help: the headings' colon and the
/// usage line's `[OPTIONS]`.
pub fn finish_help(text: &str) -> String {
    let mut out = text.replace("[OPTIONS]", "[选项]");
    for heading in ["命令", ARGUMENTS, OPTIONS] {
        out = out.replace(&format!("{heading}:"), &format!("{heading}："));
    }
    crate::cjk_wrap::wrap(&out, crate::cjk_wrap::help_width())
}

/// A command's about line and, for `--help`, the paragraph after it.
fn command_zh(path: &str) -> Option<(&'static str, Option<&'static str>)> {
    // `drillsim help run` lists what `drillsim run` is.
    if let Some(of) = path.strip_prefix("drillsim help ") {
        return command_zh(&format!("drillsim {of}")).map(|(about, _)| (about, None));
    }
    Some(match path {
        "drillsim" => (
            "Drillsim：把一场应急演练写成情景文件，检查、运行，并查看发生了什么",
            Some(
                "先运行 `drillsim run`（内置演练），再用 `drillsim new 我的演练 --lang zh` 写自己的演练；\
                 `drillsim validate 我的演练.ron` 会指出每一处错误。",
            ),
        ),
        "drillsim validate" => (
            "检查情景文件，逐条列出每处错误及其 文件:行:列",
            Some("全部文件通过时退出码为 0，有任何一个不通过时为 2。"),
        ),
        "drillsim run" => (
            "运行一场演练并写出结果（事件、时间序列、摘要）",
            Some("不给情景文件时运行程序内置的演练，并说明是哪一场。"),
        ),
        "drillsim play" => (
            "实时推演（桌面推演）：推进时钟、触发情景注入、下达指令",
            Some(
                "从终端或管道读取命令（`help` 列出全部）：`step 10min`、`to 2h`、`order 编号 行动`、\
                 `inject 编号`、`status`、`injects`、`end`、`finish`。每一步一做出就存入会话文件\
                 （--record），`--replay` 按原样重放，字节相同；`--replay 文件 --until 时刻` 在该时刻\
                 停止重放，推演人员可从那里分支继续。`end` 或 `finish` 写出运行目录，与 `drillsim run` 相同。",
            ),
        ),
        "drillsim report" => (
            "为运行或批量运行目录写出评估报告：report.html、report.md、charts/",
            Some("`drillsim run`、`batch` 和 `merge` 已经会写报告；用它重新生成，例如换一种语言。"),
        ),
        "drillsim batch" => (
            "多次运行同一演练（蒙特卡洛）并汇总结果",
            Some(
                "写出 DIR/runs.csv（每次重复一行：抽样参数、指标、目标值与评定、得分）、DIR/summary.json\
                 （均值、标准差、分位数及其 95 % 区间、达成每个目标的概率）、DIR/rasters 中的概率栅格，\
                 以及批量运行评估报告（DIR/report.html、report.md、charts/）。结果与 --threads 无关。\
                 中断的批量运行可用 --resume 继续。",
            ),
        ),
        "drillsim merge" => (
            "把 `drillsim batch --shard K/N` 的各分片目录合并为一个批量运行",
            Some("结果与不分片一次运行的批量逐字节相同。"),
        ),
        "drillsim compare" => (
            "在相同的重复上比较两个方案（公共随机数）",
            Some(
                "以相同的种子把两个情景分别作为批量运行写入 DIR/a 和 DIR/b，再写出 DIR/compare.json：\
                 B 相对 A 改了什么（预案，或连同演练本身，并给出警告）、每个指标的配对差 B − A 及其 95 % 区间、相对独立种子的方差缩减；每个目标达成概率的变化。",
            ),
        ),
        "drillsim export" => (
            "为同类洪水模型导出情景的洪水输入（ESRI ASCII 栅格与 LISFLOOD-FP 8 输入文件）",
            Some(
                "DIR/dem.asc（河床高程，已加堤顶）、DIR/manning.asc、DIR/start.asc（开始时的积水，如有）、\
                 DIR/inflows.csv（每个入流的过程线及其网格）、DIR/rain.csv（每个值保持到下一个值），\
                 以及同样内容的 LISFLOOD-FP 8 输入文件（DIR/lisflood.par、.bci、.bdy、.rain），\
                 不确定参数取中位数。ESRI ASCII 栅格，第 0 行在北端。",
            ),
        ),
        "drillsim new" => ("写一个带注释的起步情景 名称.ron 供编辑", None),
        "drillsim help" => ("显示本帮助或指定子命令的帮助", None),
        _ => return None,
    })
}

/// An argument's help in `command` (the subcommand's name).
fn arg_zh(command: &str, id: &str) -> Option<&'static str> {
    Some(match (command, id) {
        (_, "help") => "显示帮助",
        (_, "version") => "显示版本",
        ("help", "subcommand") => "要查看帮助的子命令",
        ("validate", "files") => "情景文件（.ron）。",
        ("validate", "format") => "`human`（默认）或 `json`（机器可读的诊断）。",
        ("validate", "lang") => "提示信息的语言：`en` 或 `zh`（中文）；默认按各文件的 `language`。JSON 两种语言都有。",
        ("run", "file") => "情景文件；不给则运行内置演练。",
        ("play", "file") => "情景文件；不给则推演内置演练。",
        ("batch" | "export", "file") => "情景文件。",
        ("run" | "batch" | "compare", "seed") => "随机种子，0 到 18446744073709551615 之间的整数（默认：情景的 `seed`）。",
        ("play", "seed") => "随机种子（默认：情景的 `seed`；重放时用会话中的种子）。",
        ("run", "replication") => "重复编号：同一种子、不同编号是另一次独立运行（默认 0）。",
        ("play", "replication") => "重复编号（重放时用会话中的编号）。",
        ("run", "out") => {
            "输出目录（默认：runs/<情景>-seed<N>）。以前的运行目录整体替换；\
             目录里有其他文件时拒绝写入，除非加 --force。"
        }
        ("play", "out") => "运行输出目录（默认：runs/<会话>-play，按会话文件命名，每个会话各有自己的运行目录）。",
        ("batch" | "compare", "out") => "输出目录（默认：batches/<情景>-seed<S>-runs<N>）。",
        ("merge", "out") => "合并后批量运行的目录。",
        ("export", "out") => "输出目录。",
        ("run", "force") => "即使 --out 中有不是 drillsim 写的文件也替换。",
        ("play", "force") => "即使 --out 和 --record 中有其他文件也替换。",
        ("batch" | "compare", "force") => "即使 --out 中有另一个批量运行或不是 drillsim 写的文件也替换；新的批量运行完成后才删除旧目录。",
        ("new", "force") => "覆盖已有文件。",
        ("run", "no_report") => "不写评估报告（report.html、report.md、charts/）。",
        ("play", "no_report") => "结束时不写评估报告。",
        ("run", "threads") => "本次运行的线程数：洪水网格按行分带并行（默认 1）。不改变结果。",
        ("play", "threads") => "洪水网格的线程数（默认 1）。不改变结果。",
        ("batch" | "compare", "threads") => "工作线程数（默认：全部核心）。不改变结果。",
        ("run", "lang") => "报告、摘要和错误信息的语言：`en` 或 `zh`（中文）；默认按情景的 `language`。",
        ("play" | "batch" | "compare", "lang") => "输出与报告的语言：`en` 或 `zh`（中文）；默认按情景的 `language`。",
        ("merge", "lang") => "批量运行评估报告的语言：`en` 或 `zh`（中文）；默认按情景的 `language`。",
        ("report", "lang") => "报告的语言：`en` 或 `zh`（中文）；默认按该目录所运行情景的 `language`。",
        ("run", "verbose") => "同时列出每个指标，写明名称及其键。",
        ("run", "format") => "`human`（默认）或 `json`：把指标和评分表作为一个 JSON 对象写到标准输出。",
        ("play", "replay") => "重放 `drillsim play` 写下的会话文件中的每一步。",
        ("play", "until") => "在此时刻（如 `2h`）停止重放，从这里继续推演：会话的一个分支。",
        ("play", "record") => {
            "本次会话各步的保存位置（默认：第一个空闲的 sessions/<情景>-seed<N>[-K].ron）。\
             已有文件时拒绝，除非加 --force。"
        }
        ("report", "run_dir") => "`drillsim run`、`drillsim batch` 或 `drillsim merge` 写出的目录。",
        ("batch" | "compare", "runs") => "重复次数。",
        ("batch" | "compare", "sampling") => {
            "不确定参数的抽样方式：`independent`（默认，每次重复从各自的随机流抽取每个参数）\
             或 `lhs`（拉丁超立方：每个参数的各次运行在等概率分层中各取一个）。"
        }
        ("batch" | "compare", "resume") => "在 --out 中继续一个中断的批量运行：不丢失、不重复。",
        ("batch" | "compare", "quiet") => "不显示进度条（标准错误输出不是终端时也不显示）。",
        ("batch", "shard") => "只运行 N 份中的第 K 份（从 1 开始）：重复编号 r 满足 r mod N = K − 1。",
        ("merge", "dirs") => "分片目录，每个分片一个，顺序不限。",
        ("compare", "a") => "方案 A（基准）。",
        ("compare", "b") => "方案 B（备选）。",
        ("new", "name") => "演练名称；文件为 名称.ron（名称已以 .ron 结尾时即为该名称）。",
        ("new", "hazard") => {
            "演练内容：`none`（默认，无灾种：一个镇、一条路、一辆车、一个避难所，最小的演练）、\
             `flood`（河流洪水，情景注入使堤防决口）、`fire`（村庄上方山坡的山林火灾）\
             或 `release`（化工园区上风向城镇的氯气泄漏）。起步情景带有该灾种、队伍、情景注入、\
             预案和目标，可直接运行和编辑。"
        }
        ("new", "lang") => "起步情景注释和文字的语言：`en`（默认）或 `zh`（中文）。",
        ("drillsim", "lang") => {
            "本帮助、提示信息和报告的语言：`en` 或 `zh`（中文），作为其后命令自己的 `--lang`；\
             默认按情景的 `language`，本帮助按系统语言环境。"
        }
        ("export", "lang") => "输出信息的语言：`en` 或 `zh`（中文）；默认按情景的 `language`。",
        _ => return None,
    })
}

/// Print what clap stopped parsing for (help, the version, a usage error)
/// in Chinese, where clap's own output would be English.
pub fn print(e: &clap::Error) {
    if let Some(text) = e.use_stderr().then(|| error_text(e)).flatten() {
        eprint!("{text}");
        return;
    }
    // Help, the version, or a kind of error left in English.
    let tty = if e.use_stderr() {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    let rendered = e.render();
    let text = finish_help(&if tty { rendered.ansi().to_string() } else { rendered.to_string() });
    if e.use_stderr() {
        eprint!("{text}");
    } else {
        print!("{text}");
    }
}

/// A usage error in Chinese, laid out as clap lays out its own (`错误：`,
/// a tip, the usage line, where to read more); `None` for the few kinds
/// left in English.
pub fn error_text(e: &clap::Error) -> Option<String> {
    let text = |k| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join("、")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let mut tips = Vec::new();
    let message = match e.kind() {
        ErrorKind::UnknownArgument => {
            if let Some(s) = text(ContextKind::SuggestedArg) {
                tips.push(format!("是不是想写 '{s}'？"));
            }
            if let Some(s) = text(ContextKind::TrailingArg) {
                tips.push(format!("要把 '{s}' 当作值而不是选项，请写 '-- {s}'"));
            }
            format!("不认识的参数 '{arg}'")
        }
        ErrorKind::InvalidSubcommand => {
            let sub = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            if let Some(s) = text(ContextKind::SuggestedSubcommand) {
                tips.push(format!("是不是想写 '{s}'？"));
            }
            format!("不认识的子命令 '{sub}'")
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} 需要一个值"),
        ErrorKind::InvalidValue => {
            if let Some(s) = text(ContextKind::SuggestedValue) {
                tips.push(format!("是不是想写 '{s}'？"));
            }
            let valid = text(ContextKind::ValidValue).map(|v| format!("（可取：{v}）")).unwrap_or_default();
            format!("'{value}' 不是 {arg} 可取的值{valid}")
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e).map(|s| why_zh(&s.to_string())).unwrap_or_default();
            format!("{arg} 的值 '{value}' 无效：{why}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::ArgumentConflict => {
            let prior = text(ContextKind::PriorArg).unwrap_or_default();
            format!("参数 '{arg}' 不能与 '{prior}' 同时使用")
        }
        ErrorKind::NoEquals => format!("{arg} 的值要用等号给出（{arg}=值）"),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 的值个数不对")
        }
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文本".to_string(),
        _ => return None,
    };
    let mut out = format!("错误：{message}\n");
    for tip in tips {
        out.push_str(&format!("\n  提示：{tip}\n"));
    }
    if let Some(usage) = text(ContextKind::Usage) {
        out.push_str(&format!("\n用法：{}\n", usage.trim_start_matches("Usage:").trim()));
    }
    out.push_str("\n更多信息请运行 '--help'。\n");
    Some(out)
}

/// Why a value was refused: drillsim's own parsers already speak Chinese
/// (see [`crate::cli`]); Rust's integer parser's few phrases are translated.
fn why_zh(reason: &str) -> String {
    match reason {
        "invalid digit found in string" => "不是整数".to_string(),
        "cannot parse integer from empty string" => "不能为空".to_string(),
        "number too large to fit in target type" => "数值太大".to_string(),
        "number too small to fit in target type" => "数值太小".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn chinese(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Every command and every argument a user can see has Chinese help, and
    /// each sentence names what clap's English brackets would have shown:
    /// the default and every possible value.
    #[test]
    fn every_command_and_argument_is_in_chinese() {
        fn walk(cmd: &Command, path: &str, seen: &mut usize) {
            let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
            assert!(chinese(&about), "{path}: {about}");
            for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
                let id = arg.get_id().as_str();
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                assert!(chinese(&help), "{path} {id}: {help:?}");
                assert!(arg.get_long_help().is_none(), "{path} {id}");
                for value in arg.get_possible_values().iter().filter(|v| !v.is_hide_set()) {
                    let name = value.get_name();
                    assert!(help.contains(&format!("`{name}`")), "{path} {id} leaves out `{name}`: {help}");
                }
                let defaults = if arg.get_action().takes_values() {
                    arg.get_default_values()
                } else {
                    &[]
                };
                for default in defaults {
                    let default = default.to_string_lossy();
                    assert!(
                        help.contains(&format!("`{default}`（默认")) || help.contains(&format!("默认 {default}")),
                        "{path} {id} leaves out its default {default}: {help}"
                    );
                }
                *seen += 1;
            }
            for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
                walk(sub, &format!("{path} {}", sub.get_name()), seen);
            }
        }
        let cmd = localize(crate::cli::Cli::command());
        let mut seen = 0;
        walk(&cmd, "drillsim", &mut seen);
        assert!(seen > 60, "{seen} arguments");
        let help = finish_help(&cmd.clone().render_long_help().to_string());
        assert!(
            help.contains("用法：drillsim [选项] <命令>") && help.contains("命令：") && !help.contains("Usage"),
            "{help}"
        );
    }

    /// Chinese placeholders (`<种子>`) are two columns a character wide:
    /// the help column after them still lines up (clap's `unicode` feature).
    #[test]
    fn short_help_lines_up_past_chinese_placeholders() {
        let width = |s: &str| {
            s.chars()
                .map(|c| if ('\u{2E80}'..='\u{FFEF}').contains(&c) { 2 } else { 1 })
                .sum::<usize>()
        };
        let mut cmd = localize(crate::cli::Cli::command());
        let run = cmd.find_subcommand_mut("run").expect("run");
        let help = run.render_help().to_string();
        let columns: Vec<usize> = help
            .lines()
            .filter(|l| l.trim_start().starts_with('-'))
            .filter_map(|l| {
                let spec_end = l.trim_start().find("  ")? + (l.len() - l.trim_start().len());
                let text = l[spec_end..].trim_start();
                Some(width(&l[..l.len() - text.len()]))
            })
            .collect();
        assert!(columns.len() > 8, "{help}");
        assert!(columns.windows(2).all(|w| w[0] == w[1]), "{columns:?}\n{help}");
    }

    #[test]
    fn the_language_comes_from_the_flag_then_a_scenario_then_the_locale() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert!(wanted(&args(&["drillsim", "run", "--lang", "zh"])));
        assert!(wanted(&args(&["drillsim", "run", "--lang=zh", "--sed"])));
        assert!(!wanted(&args(&["drillsim", "run", "--lang", "en"])));
        let locale = |pairs: &'static [(&'static str, &'static str)]| {
            locale_is_chinese(move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string()))
        };
        assert!(locale(&[("LANG", "zh_CN.UTF-8")]));
        assert!(locale(&[("LC_MESSAGES", "zh_TW.UTF-8"), ("LANG", "en_US.UTF-8")]));
        assert!(!locale(&[("LC_ALL", "C.UTF-8"), ("LANG", "zh_CN.UTF-8")]));
        assert!(locale(&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")]), "an empty variable is not set");
        assert!(!locale(&[]));
    }

    fn error_of(args: &[&str]) -> String {
        let mut cmd = localize(crate::cli::Cli::command());
        let e = cmd.try_get_matches_from_mut(args).expect_err("refused");
        error_text(&e).expect("worded in Chinese")
    }

    #[test]
    fn usage_errors_are_worded_in_chinese() {
        let e = error_of(&["drillsim", "run", "--sed", "3"]);
        assert!(
            e.starts_with("错误：不认识的参数 '--sed'") && e.contains("是不是想写 '--seed'？"),
            "{e}"
        );
        assert!(e.contains("用法：drillsim run") && e.contains("更多信息请运行 '--help'。"), "{e}");
        let e = error_of(&["drillsim", "runn"]);
        assert!(e.contains("不认识的子命令 'runn'") && e.contains("'run'"), "{e}");
        let e = error_of(&["drillsim", "validate", "--format", "xml", "a.ron"]);
        assert!(e.contains("'xml' 不是 --format <格式> 可取的值（可取：human、json）"), "{e}");
        let e = error_of(&["drillsim", "batch", "a.ron"]);
        assert!(e.contains("缺少必需的参数：--runs <次数>"), "{e}");
        let e = error_of(&["drillsim", "run", "--threads", "x"]);
        assert!(e.contains("--threads <线程数> 的值 'x' 无效：不是整数"), "{e}");
        let e = error_of(&["drillsim", "play", "--replay", "s.ron", "--seed", "3"]);
        assert!(e.contains("不能与") && e.contains("--seed"), "{e}");
    }
}
