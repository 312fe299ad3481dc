//! Tabletop sessions: moves made live replay to the same bytes, a session
//! file's mistakes are located, and injects fire by hand once.

use drillsim::output::{events_jsonl, timeseries_csv};
use drillsim::session::{self, Refused, Table};
use drillsim::{CompiledScenario, Engine, RunSpec};
use proptest::prelude::*;
use std::path::Path;

fn small_flood() -> CompiledScenario {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/small_flood.ron", env!("CARGO_MANIFEST_DIR"))).unwrap();
    CompiledScenario::from_source(&text, Path::new("small_flood.ron"), Path::new(".")).unwrap_or_else(|d| panic!("{d}"))
}

const SPEC: RunSpec = RunSpec { seed: 11, replication: 0 };

/// The live session the tests share: an early warning at 10 min, the alarm
/// inject (due at 40 min) fired by hand at 15 min, stopped at 50 min.
fn live(c: &CompiledScenario) -> (Table, String) {
    let mut t = Table::new(c, SPEC);
    t.advance_to(600.0);
    let text = r#"Warn(zone: "town", channel: Sirens) // a comment the file leaves out"#;
    let (action, as_given) = session::parse_action(text, "order", c).unwrap();
    t.order("early_warning", action, &as_given).unwrap();
    t.advance_to(900.0);
    t.inject(c, "alarm").unwrap();
    t.advance_to(3000.0);
    let file = t.to_ron("small_flood.ron", true);
    (t, file)
}

#[test]
fn a_saved_session_replays_to_the_same_bytes() {
    let c = small_flood();
    let (table, file) = live(&c);
    assert!(
        file.contains(r#"Order(at: "10min", id: "early_warning", do: Warn(zone: "town", channel: Sirens)),"#),
        "{file}"
    );
    assert!(file.contains(r#"Inject(at: "15min", id: "alarm"),"#), "{file}");
    assert!(file.contains(r#"End(at: "50min"),"#), "{file}");
    let played = table.finish();
    assert_eq!(played.ticks, 50);
    let fired = played.events.iter().find(|e| e.kind == "inject_fired").unwrap();
    assert_eq!(
        (fired.t_s, fired.data["by"].as_str()),
        (900.0, Some("facilitator")),
        "fired by hand, not at its own 40 min"
    );

    let s = session::from_source(&file, Path::new("session.ron"), &c).unwrap_or_else(|d| panic!("{d}"));
    let mut again = Table::new(
        &c,
        RunSpec {
            seed: s.seed,
            replication: s.replication,
        },
    );
    assert_eq!(again.replay(&c, &s, None), Ok(true), "the replay meets the session's end");
    assert_eq!(
        again.to_ron("small_flood.ron", true),
        file,
        "the replay makes the same moves and ends in the same place"
    );
    let replayed = again.finish();
    assert_eq!(events_jsonl(&replayed), events_jsonl(&played));
    assert_eq!(timeseries_csv(&replayed), timeseries_csv(&played));
    assert_eq!(format!("{:?}", replayed.metrics), format!("{:?}", played.metrics));

    // The moves changed the run: without them it is another one.
    let mut plain = Engine::prepare(&c, SPEC, None);
    for _ in 0..50 {
        plain.step();
    }
    assert_ne!(events_jsonl(&plain.finish()), events_jsonl(&played));
}

#[test]
fn a_replay_stopped_early_is_a_branch_point() {
    let c = small_flood();
    let (_, file) = live(&c);
    let s = session::from_source(&file, Path::new("session.ron"), &c).unwrap();
    let mut branch = Table::new(&c, SPEC);
    assert_eq!(branch.replay(&c, &s, Some(720.0)), Ok(false));
    assert_eq!(branch.now_s(), 720.0);
    assert_eq!(branch.moves().len(), 1, "only the order before 12 min is made");
    // The players take the other way: the inject fires at its own time.
    branch.advance_to(3000.0);
    let fired = branch.events().iter().find(|e| e.kind == "inject_fired").unwrap();
    assert_eq!(fired.t_s, 2400.0);
}

#[test]
fn an_inject_fires_by_hand_once_and_only_a_known_one() {
    let c = small_flood();
    let mut t = Table::new(&c, SPEC);
    assert_eq!(t.inject(&c, "alarn"), Err(Refused::UnknownInject("alarn".into())));
    t.inject(&c, "alarm").unwrap();
    assert!(t.queued("alarm"));
    assert_eq!(
        t.inject(&c, "alarm"),
        Err(Refused::AlreadyQueued("alarm".into())),
        "twice in one tick"
    );
    t.advance_to(60.0);
    assert_eq!(t.inject(&c, "alarm"), Err(Refused::AlreadyFired("alarm".into(), 0.0)));
    assert_eq!(t.inject_fired_at(), &[Some(0.0)]);
    assert!(matches!(
        t.order(
            "bad id",
            drillsim::scenario::model::Action::RaiseLevel(drillsim::scenario::model::Level::I),
            "RaiseLevel(I)"
        ),
        Err(Refused::BadId(_))
    ));
    t.advance_to(1e9);
    assert!(t.is_over());
    assert_eq!(t.inject(&c, "alarm"), Err(Refused::Over));
}

#[test]
fn a_typed_order_is_checked_like_a_plan_rule() {
    let c = small_flood();
    let d = session::parse_action(r#"Warn(zone: "twn", channel: Sirens)"#, "order", &c).unwrap_err();
    let e = &d.errors[0];
    assert_eq!((e.code, e.line, e.column), ("unknown-id", 1, 12), "{d}");
    assert_eq!(e.hint.as_deref(), Some("did you mean `town`?"));
    let d = session::parse_action("Wran(zone: \"town\")", "order", &c).unwrap_err();
    assert_eq!(d.errors[0].code, "unknown-variant", "{d}");
    assert!(d.errors[0].hint.as_deref().unwrap_or("").contains("Warn"), "{d}");
    let d = session::parse_action("Warn(zone: \"town\"", "order", &c).unwrap_err();
    assert_eq!(d.errors[0].code, "syntax", "{d}");
}

#[test]
fn a_session_file_s_mistakes_are_each_located() {
    let c = small_flood();
    let (_, file) = live(&c);
    let wrong = file
        .replace(&c.hash, &"0".repeat(64))
        .replace(r#"zone: "town""#, r#"zone: "twn""#)
        .replace(
            r#"Inject(at: "15min", id: "alarm")"#,
            r#"Inject(at: "15min", id: "alarn"), Inject(at: "5min30s", id: "alarm")"#,
        );
    let d = session::from_source(&wrong, Path::new("session.ron"), &c).unwrap_err();
    let found: Vec<(&str, usize)> = d.errors.iter().map(|e| (e.code, e.line)).collect();
    assert_eq!(
        found,
        [("other-scenario", 4), ("unknown-id", 8), ("unknown-id", 9), ("off-tick", 9)],
        "{d}"
    );
    assert!(d.errors[2].hint.as_deref() == Some("did you mean `alarm`?"), "{d}");
    // An End before other moves, a move after the drill, out of order.
    let wrong = file.replace(
        r#"End(at: "50min")"#,
        r#"End(at: "50min"), Inject(at: "29d", id: "alarm"), Inject(at: "1min", id: "alarm")"#,
    );
    let d = session::from_source(&wrong, Path::new("session.ron"), &c).unwrap_err();
    let codes: Vec<&str> = d.errors.iter().map(|e| e.code).collect();
    // The two repeats of `alarm` on one line are one message.
    assert_eq!(codes, ["end-not-last", "out-of-range", "duplicate", "out-of-order"], "{d}");
    // A field the format does not have is an error, not ignored.
    let d = session::from_source(&file.replace("seed: 11,", "seed: 11, speed: 2,"), Path::new("s.ron"), &c).unwrap_err();
    assert_eq!(d.errors[0].code, "unknown-field", "{d}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Whatever a session file is mangled into, loading it returns (a
    /// session or located errors) and never panics.
    #[test]
    fn a_mangled_session_file_never_panics(cut in 0usize..2000, len in 0usize..40, insert in "[ -~]{0,12}") {
        static SHARED: std::sync::OnceLock<(CompiledScenario, String)> = std::sync::OnceLock::new();
        let (c, file) = SHARED.get_or_init(|| {
            let c = small_flood();
            let file = live(&c).1;
            (c, file)
        });
        let mut bytes: Vec<char> = file.chars().collect();
        let at = cut.min(bytes.len());
        let end = (at + len).min(bytes.len());
        bytes.splice(at..end, insert.chars());
        let text: String = bytes.into_iter().collect();
        if let Err(d) = session::from_source(&text, Path::new("s.ron"), c) {
            prop_assert!(!d.errors.is_empty());
            for e in &d.errors {
                prop_assert!(e.line >= 1 && e.column >= 1);
            }
        }
    }
}

/// A hand-written session may fire by hand an inject its own trigger has
/// fired by then: the replay refuses that move, and says where it is written.
#[test]
fn a_move_the_run_refuses_on_replay_is_named_with_its_place() {
    let c = small_flood();
    let (_, file) = live(&c);
    let late = file.replace(r#"Inject(at: "15min", id: "alarm")"#, r#"Inject(at: "45min", id: "alarm")"#);
    let s = session::from_source(&late, Path::new("session.ron"), &c).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(s.positions[1], (9, 9), "the second move's line and column");
    let mut t = Table::new(&c, SPEC);
    assert_eq!(
        t.replay(&c, &s, None),
        Err((1, Refused::AlreadyFired("alarm".into(), 2400.0))),
        "the alarm fired at its own 40 min"
    );
}
