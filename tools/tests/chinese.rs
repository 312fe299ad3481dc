//! A Chinese trainer's drill from start to finish: what drillsim says about
//! a scenario whose `language` is `"zh"`, without a flag.

use std::path::Path;

mod common;
use common::drillsim;

/// A drill whose file says `language: "zh"` (as `new --lang zh` writes it)
/// is spoken about in Chinese without a flag: its mistakes, the run's
/// summary, the report and `play`'s refusals; `--lang en` overrides; a
/// language drillsim does not speak is a located error, not ignored.
#[test]
fn a_chinese_drill_speaks_chinese_without_a_flag() {
    let dir = tempfile::tempdir().unwrap();
    let made = drillsim()
        .current_dir(dir.path())
        .args(["new", "化工园区", "--hazard", "release", "--lang", "zh"])
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let file = dir.path().join("化工园区.ron");
    let good = std::fs::read_to_string(&file).unwrap();
    assert!(good.contains("language: \"zh\""), "{good}");
    let (tick, duration) = ("tick: \"1min\"", "duration: \"");
    assert!(good.contains(tick) && good.contains(duration));

    // Mistakes, in Chinese: a misspelt field, then a tick longer than the drill.
    let stderr = |args: &[&str]| {
        let out = drillsim().current_dir(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    std::fs::write(&file, good.replacen(tick, "tik: \"1min\"", 1)).unwrap();
    let err = stderr(&["validate", "化工园区.ron"]);
    assert!(err.contains("未知字段 `tik`") && err.contains("是不是想写 `tick`？"), "{err}");
    assert!(err.contains("此处") && err.contains("化工园区.ron 中有 1 处错误"), "{err}");
    assert!(err.contains("  提示：是不是想写") && !err.contains("help:"), "{err}");
    let err = stderr(&["validate", "化工园区.ron", "--lang", "en"]);
    assert!(err.contains("unknown field `tik`") && err.contains("1 error(s)"), "{err}");
    // A missing field of the whole drill: its opening line, not the hundred lines of it.
    let dropped: String = good.lines().filter(|l| !l.contains(duration)).map(|l| format!("{l}\n")).collect();
    std::fs::write(&file, dropped).unwrap();
    let err = stderr(&["validate", "化工园区.ron"]);
    assert!(
        err.contains("缺少字段 `duration`") && err.contains("在此处开始的括号内加上"),
        "{err}"
    );
    assert!(err.lines().count() < 15 && !err.contains("objectives"), "{err}");
    std::fs::write(&file, good.replacen(tick, "tick: \"9h\"", 1)).unwrap();
    let err = stderr(&["run", "化工园区.ron", "--no-report"]);
    assert!(err.contains("比整场演练还长"), "{err}");
    // A syntax error is explained in Chinese too: the file cannot say so in a tree.
    std::fs::write(&file, good.replacen(tick, "tick \"1min\"", 1)).unwrap();
    let err = stderr(&["validate", "化工园区.ron"]);
    let line = good.lines().position(|l| l.contains(tick)).unwrap() + 1;
    assert!(
        err.contains("键后面应有 `:`") && err.contains(&format!("化工园区.ron:{line}:")),
        "{err}"
    );

    // A language drillsim does not speak.
    std::fs::write(&file, good.replacen("language: \"zh\"", "language: \"zh-CN\"", 1)).unwrap();
    let err = stderr(&["validate", "化工园区.ron"]);
    assert!(
        err.contains("drillsim 不支持语言 `zh-CN`") && err.contains("是不是想写 \"zh\""),
        "{err}"
    );
    std::fs::write(&file, good.replacen("language: \"zh\"", "language: \"fr\"", 1)).unwrap();
    let err = stderr(&["validate", "化工园区.ron"]);
    assert!(err.contains("drillsim does not speak the language `fr`"), "{err}");

    // The run, its summary and its report.
    std::fs::write(&file, &good).unwrap();
    let ok = drillsim()
        .current_dir(dir.path())
        .args(["validate", "化工园区.ron"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&ok.stdout).contains("化工园区.ron：通过"), "{ok:?}");
    let run = drillsim()
        .current_dir(dir.path())
        .args(["run", "化工园区.ron", "--out", "r"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(said.contains("演练情况") && said.contains("，重复 0：模拟 "), "{said}");
    let report = |dir: &Path| std::fs::read_to_string(dir.join("r").join("report.md")).unwrap();
    assert!(report(dir.path()).contains("应急演练评估报告"));
    assert!(report(dir.path()).contains("| 队伍 | 集结 |"), "{}", report(dir.path()));
    let again = drillsim()
        .current_dir(dir.path())
        .args(["report", "r", "--lang", "en"])
        .output()
        .unwrap();
    assert!(again.status.success());
    assert!(report(dir.path()).contains("After-action report"));
    let again = drillsim().current_dir(dir.path()).args(["report", "r"]).output().unwrap();
    assert!(again.status.success());
    assert!(
        report(dir.path()).contains("应急演练评估报告"),
        "report without --lang follows the drill"
    );

    // A batch and a comparison, summaries and reports in Chinese.
    let out = drillsim()
        .current_dir(dir.path())
        .args(["batch", "化工园区.ron", "--runs", "2", "--out", "b", "--quiet"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("已写入批量运行评估报告"));
    let md = std::fs::read_to_string(dir.path().join("b/report.md")).unwrap();
    assert!(md.contains("批量运行概况"), "{md}");
    let out = drillsim()
        .current_dir(dir.path())
        .args(["compare", "化工园区.ron", "化工园区.ron", "--runs", "2", "--out", "c", "--quiet"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("已写入方案对比报告"));
    // Refusals of what was typed, in Chinese too.
    let err = stderr(&["run", "化工园区.ron", "--out", "化工园区.ron/x"]);
    assert!(err.contains("错误：") && err.contains("不是目录"), "{err}");
    let err = stderr(&["batch", "化工园区.ron", "--runs", "2", "--out", "b", "--quiet"]);
    assert!(err.contains("已有一个批量运行") && err.contains("--resume"), "{err}");
    let err = stderr(&["run", "化工园区.ron", "--threads", "0"]);
    assert!(err.contains("--threads 至少为 1"), "{err}");

    // play refuses in Chinese.
    let mut play = drillsim()
        .current_dir(dir.path())
        .args(["play", "化工园区.ron", "--record", "s.ron", "--out", "p"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    play.stdin.take().unwrap().write_all("跳过\n".as_bytes()).unwrap();
    let out = play.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("错误：未知命令 `跳过`") && err.contains("提示："), "{err}");
}

/// A trainer whose desktop is set to Chinese reads `drillsim --help` and
/// the argument errors in Chinese; a Chinese drill named on the command
/// line brings Chinese errors whatever the locale; `--lang en` wins.
#[test]
fn help_and_argument_errors_follow_the_locale_then_the_drill() {
    let dir = tempfile::tempdir().unwrap();
    let in_locale = |locale: &str, args: &[&str]| {
        drillsim()
            .current_dir(dir.path())
            .env("LC_ALL", locale)
            .args(args)
            .output()
            .unwrap()
    };
    let help = in_locale("zh_CN.UTF-8", &["--help"]);
    let said = String::from_utf8_lossy(&help.stdout);
    assert!(help.status.success(), "{help:?}");
    assert!(
        said.contains("用法：drillsim [选项] <命令>") && said.contains("多次运行同一演练（蒙特卡洛）"),
        "{said}"
    );
    assert!(!said.contains("Usage") && !said.contains("Print help"), "{said}");
    let help = in_locale("C.UTF-8", &["--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("Usage: drillsim [OPTIONS] <COMMAND>"));
    // Chinese help wraps to the terminal (here `COLUMNS`: the test's
    // streams are pipes) between characters, where clap wraps only at spaces.
    let narrow = drillsim()
        .env("COLUMNS", "60")
        .args(["--lang", "zh", "run", "--help"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&narrow.stdout);
    let width = |l: &str| {
        l.chars()
            .map(|c| if ('\u{2E80}'..='\u{FFEF}').contains(&c) { 2 } else { 1 })
            .sum::<usize>()
    };
    assert!(text.lines().count() > 40 && text.lines().all(|l| width(l) <= 60), "{text}");
    // `--lang` before the command: this help, and the command after it.
    let help = in_locale("C.UTF-8", &["--lang", "zh", "--help"]);
    assert!(help.status.success(), "{help:?}");
    assert!(
        String::from_utf8_lossy(&help.stdout).contains("用法：drillsim [选项] <命令>"),
        "{help:?}"
    );
    let help = in_locale("C.UTF-8", &["--lang", "zh", "help", "batch"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("多次运行同一演练"), "{help:?}");

    let wrong = in_locale("zh_CN.UTF-8", &["run", "--sed", "3"]);
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        err.contains("错误：不认识的参数 '--sed'") && err.contains("是不是想写 '--seed'？"),
        "{err}"
    );
    let wrong = in_locale("zh_CN.UTF-8", &["run", "--seed", "-1"]);
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("`-1` 不是种子"), "{wrong:?}");
    let wrong = in_locale("zh_CN.UTF-8", &["run", "--sed", "3", "--lang", "en"]);
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("unexpected argument '--sed'"),
        "{wrong:?}"
    );

    let made = in_locale("C.UTF-8", &["new", "演练", "--lang", "zh"]);
    assert!(made.status.success(), "{made:?}");
    let wrong = in_locale("C.UTF-8", &["run", "演练.ron", "--sed", "3"]);
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("不认识的参数 '--sed'"), "{wrong:?}");

    // `export` of a Chinese flood drill says what it wrote in Chinese.
    let made = in_locale("C.UTF-8", &["new", "洪水", "--hazard", "flood", "--lang", "zh"]);
    assert!(made.status.success(), "{made:?}");
    let exported = in_locale("C.UTF-8", &["export", "洪水.ron", "--out", "peer"]);
    let said = String::from_utf8_lossy(&exported.stdout);
    assert!(
        said.contains("个文件到 peer") && said.contains("LISFLOOD-FP 8 用同样的输入运行"),
        "{said}"
    );
    // … unless asked otherwise, before the command or in it (the command's own wins).
    let exported = in_locale("C.UTF-8", &["--lang", "en", "export", "洪水.ron", "--out", "peer2"]);
    assert!(String::from_utf8_lossy(&exported.stdout).contains("LISFLOOD-FP 8"), "{exported:?}");
    assert!(!String::from_utf8_lossy(&exported.stdout).contains("个文件到"), "{exported:?}");
    let made = in_locale("C.UTF-8", &["--lang", "zh", "new", "火灾", "--hazard", "fire"]);
    assert!(made.status.success(), "{made:?}");
    let starter = std::fs::read_to_string(dir.path().join("火灾.ron")).unwrap();
    assert!(starter.contains("language: \"zh\""), "{starter}");
    let ran = in_locale(
        "C.UTF-8",
        &["--lang", "zh", "run", "火灾.ron", "--lang", "en", "--no-report", "--out", "r"],
    );
    let said = String::from_utf8_lossy(&ran.stdout);
    assert!(
        ran.status.success() && said.contains("What happened") && !said.contains("演练情况"),
        "{said}"
    );
}
