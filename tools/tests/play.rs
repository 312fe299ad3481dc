//! `drillsim play` as a facilitator meets it: piped scripts, mistakes,
//! Chinese command words, replays on a changed scenario, kept files.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn scenario(name: &str) -> String {
    format!("{}/../scenarios/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn play(dir: &Path, args: &[&str], script: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_drillsim"))
        .current_dir(dir)
        .arg("play")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command refused before it reads its input closes the pipe early.
    let _ = child.stdin.take().unwrap().write_all(script.as_bytes());
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn a_mistyped_order_in_a_script_is_located_and_writes_no_run() {
    let dir = tempfile::tempdir().unwrap();
    let tutorial = scenario("tutorial.ron");
    let out = play(
        dir.path(),
        &[&tutorial, "--out", "run"],
        "step 5min\norder warn_all Warn(zone: \"old_twn\", channel: Sirens)\nfinish\n",
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("order:1:12") && err.contains("did you mean `old_town`?"), "{err}");
    assert!(!dir.path().join("run").exists(), "a stopped script wrote a run");
    // The moves made before the mistake are kept.
    let kept = std::fs::read_to_string(dir.path().join("sessions/tutorial-seed7.ron")).unwrap();
    assert!(kept.contains("moves: [\n    ],"), "{kept}");
    // A second session under the default name takes the next free one.
    let second = play(dir.path(), &[&tutorial, "--out", "run"], "step\nend\n");
    assert!(second.status.success(), "{}", text(&second.stderr));
    assert!(
        text(&second.stdout).contains("sessions/tutorial-seed7-2.ron"),
        "{}",
        text(&second.stdout)
    );
    assert!(kept == std::fs::read_to_string(dir.path().join("sessions/tutorial-seed7.ron")).unwrap());

    for (script, says) in [
        ("stpe\n", "did you mean `step`?"),
        ("step 5 min\nto 1min\n", "time only runs forward"),
        ("inject nothing_like_it\n", "unknown inject `nothing_like_it`"),
        ("order only_an_id\n", "an order needs an id and an action"),
        ("step 5parsecs\n", "unknown time unit"),
    ] {
        let out = play(dir.path(), &[&tutorial, "--out", "run", "--force"], script);
        assert_eq!(out.status.code(), Some(2), "{script}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains(says), "{script}: {}", text(&out.stderr));
    }
}

#[test]
fn chinese_command_words_and_a_branch_from_a_replay() {
    let dir = tempfile::tempdir().unwrap();
    let tutorial = scenario("tutorial.ron");
    let out = play(
        dir.path(),
        &[&tutorial, "--lang", "zh", "--record", "a.ron", "--out", "a", "--no-report"],
        "推进 10min\n下令 level_one RaiseLevel(I)\n状态\n名称\n到 30min\n结束\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("指令 `level_one` 已下达") && shown.contains("人员：受威胁"),
        "{shown}"
    );
    assert!(shown.contains("演练结束于 0h30"), "{shown}");
    assert!(shown.contains("人口分区（Warn、Evacuate、ShelterInPlace）：old_town"), "{shown}");
    let session = std::fs::read_to_string(dir.path().join("a.ron")).unwrap();
    assert!(
        session.contains(r#"Order(at: "10min", id: "level_one", do: RaiseLevel(I)),"#),
        "{session}"
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("a/session.ron")).unwrap(), session);

    // A session that never moves the clock writes no run.
    let still = play(dir.path(), &[&tutorial, "--record", "still.ron", "--out", "still"], "status\nend\n");
    assert!(still.status.success(), "{}", text(&still.stderr));
    assert!(text(&still.stdout).contains("The clock never moved"), "{}", text(&still.stdout));
    assert!(!dir.path().join("still").exists() && dir.path().join("still.ron").is_file());

    // The same record again is refused unless forced.
    let again = play(dir.path(), &[&tutorial, "--record", "a.ron", "--out", "b"], "end\n");
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("a.ron already exists"), "{}", text(&again.stderr));

    // Branch at 5 min: the order is not made, the players go on another way.
    let branch = play(
        dir.path(),
        &[
            &tutorial,
            "--replay",
            "a.ron",
            "--until",
            "5min",
            "--record",
            "b.ron",
            "--out",
            "b",
            "--no-report",
        ],
        "to 30min\nend\n",
    );
    assert!(branch.status.success(), "{}", text(&branch.stderr));
    let b = std::fs::read_to_string(dir.path().join("b.ron")).unwrap();
    assert!(!b.contains("level_one") && b.contains(r#"End(at: "30min")"#), "{b}");
    let events = |d: &str| std::fs::read_to_string(dir.path().join(d).join("events.jsonl")).unwrap();
    assert_ne!(events("a"), events("b"), "the branch without the order is another run");

    // Under the default names a branch is a session of its own with a run
    // of its own: the run it branched from is kept.
    let first = play(
        dir.path(),
        &[&tutorial, "--no-report"],
        "step 10min
order level_one RaiseLevel(I)
to 30min
end
",
    );
    assert!(first.status.success(), "{}", text(&first.stderr));
    let kept = events("runs/tutorial-seed7-play");
    let fork = play(
        dir.path(),
        &[
            &tutorial,
            "--replay",
            "sessions/tutorial-seed7.ron",
            "--until",
            "5min",
            "--no-report",
        ],
        "to 30min
end
",
    );
    assert!(fork.status.success(), "{}", text(&fork.stderr));
    assert!(dir.path().join("sessions/tutorial-seed7-2.ron").is_file());
    assert_eq!(events("runs/tutorial-seed7-play"), kept, "the branch replaced the run it left");
    assert_ne!(events("runs/tutorial-seed7-2-play"), kept);
}

#[test]
fn a_session_replayed_on_a_changed_scenario_is_refused_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(scenario("tutorial.ron")).unwrap();
    std::fs::write(dir.path().join("drill.ron"), &original).unwrap();
    let out = play(
        dir.path(),
        &["drill.ron", "--record", "s.ron", "--out", "a", "--no-report"],
        "step\nend\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    std::fs::write(dir.path().join("drill.ron"), original.replace("Tutorial", "Tutorial, edited")).unwrap();
    let out = play(
        dir.path(),
        &["drill.ron", "--replay", "s.ron", "--record", "t.ron", "--out", "b"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("s.ron:4:") && err.contains("another version of"), "{err}");
    assert!(
        !dir.path().join("b").exists() && !dir.path().join("t.ron").exists(),
        "nothing written"
    );
}

#[test]
fn an_order_under_an_expected_action_s_id_is_credited_as_that_action() {
    let dir = tempfile::tempdir().unwrap();
    let riverside = scenario("riverside_flood.ron");
    let out = play(
        dir.path(),
        &[&riverside, "--out", "r", "--no-report"],
        "inject breach\norder boats_out Dispatch(kind: \"water_rescue\")\nstep 2min\nmap\nmap water_speed_ms\nend\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The map of the water now: a bordered grid, the channel shaded, a legend.
    let shown = text(&out.stdout);
    assert!(
        shown.contains("Flood depth now (north up") && shown.contains("█") && shown.contains("S shelter"),
        "{shown}"
    );
    // A layer by its name: the water's speed, in its own classes.
    assert!(shown.contains("Water speed now (north up") && shown.contains("m/s"), "{shown}");
    let map = play(dir.path(), &[&riverside, "--out", "m", "--record", "m.ron"], "step\nmap smoke\n");
    assert_eq!(map.status.code(), Some(2));
    assert!(
        text(&map.stderr).contains("no hazard or layer `smoke` in this drill (hazards: flood; layers: water_depth_m, water_speed_ms)"),
        "{}",
        text(&map.stderr)
    );
    let card: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("r/scorecard.json")).unwrap()).unwrap();
    let delay = |action: &str| {
        card["expected_actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["action"] == action)
            .map(|a| a["delay_min"].clone())
    };
    // The plan's own boats_out rule waits for trapped people; the players sent boats at once.
    assert_eq!(delay("boats_out"), Some(serde_json::json!(0.0)), "{card}");
    assert_eq!(delay("close_the_breach"), Some(serde_json::Value::Null), "{card}");
}

#[test]
fn status_says_why_incidents_are_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let out = play(
        dir.path(),
        &[&scenario("chemical_park_flood.ron"), "--out", "c", "--no-report"],
        "to 3h\nstatus\nend\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // By 3 h the one team able to rescue is busy with casualties.
    let shown = text(&out.stdout);
    let line = shown
        .lines()
        .find(|l| l.contains("incidents waiting for a first team:"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(line.contains("every able team busy: "), "{line}");
}
