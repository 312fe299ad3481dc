//! Scheduled orders (`plan.orders`) carry out their action exactly as a rule
//! would: a warning, an evacuation, a response level, a team task.

use drillsim::{CompiledScenario, Engine, RunSpec};
use std::path::Path;

fn run_with_orders(orders: &str) -> drillsim::RunOutcome {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/small_flood.ron", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .replace("plan: (rules: [", &format!("plan: (orders: [{orders}], rules: ["));
    let c = CompiledScenario::from_source(&text, Path::new("small_flood.ron"), Path::new(".")).unwrap_or_else(|d| panic!("{d}"));
    Engine::run(&c, RunSpec { seed: 11, replication: 0 })
}

#[test]
fn scheduled_orders_carry_out_their_actions() {
    let out = run_with_orders(
        r#"(id: "early_warning", at: "10min", do: Warn(zone: "town", channel: Sirens)),
           (id: "early_move", at: "20min", do: Evacuate(zone: "town", shelter: "hill_shelter")),
           (id: "level_up", at: "30min", do: RaiseLevel(II))"#,
    );
    let by = |kind: &str, id: &str| out.events.iter().find(|e| e.kind == kind && e.data["by"] == id).map(|e| e.t_s);
    assert_eq!(by("warning_issued", "early_warning"), Some(600.0), "the Warn order reached no one");
    assert_eq!(
        by("warning_issued", "early_move"),
        Some(1200.0),
        "the Evacuate order reached no one"
    );
    let level = out
        .events
        .iter()
        .find(|e| e.kind == "level_changed")
        .expect("the level order raised the level");
    assert_eq!((level.t_s, level.subject.as_str()), (1800.0, "II"));
    for id in ["early_warning", "early_move", "level_up"] {
        assert!(
            out.events.iter().any(|e| e.kind == "order_executed" && e.subject == id),
            "{id} not logged"
        );
    }
    // The evacuation order moved people before the plan's own rule at 40 min.
    let sheltered_by_40 = out.timeseries.column("people_sheltered").unwrap()[39];
    let without = run_with_orders("");
    assert!(
        sheltered_by_40 > without.timeseries.column("people_sheltered").unwrap()[39],
        "the early order changed nothing"
    );
}

/// A stepped run handed the same orders at the same times as a scripted
/// run's `plan.orders` writes byte-identical events, time series and metrics:
/// the live tabletop mode stands on this.
#[test]
fn a_stepped_run_given_orders_between_ticks_matches_the_scripted_run() {
    use drillsim::output::{events_jsonl, timeseries_csv};
    use drillsim::scenario::model::{Action, Channel, Level};
    let scripted = run_with_orders(
        r#"(id: "early_warning", at: "10min", do: Warn(zone: "town", channel: Sirens)),
           (id: "level_up", at: "30min", do: RaiseLevel(II))"#,
    );
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/small_flood.ron", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let c = CompiledScenario::from_source(&text, Path::new("small_flood.ron"), Path::new(".")).unwrap_or_else(|d| panic!("{d}"));
    let mut run = Engine::prepare(&c, RunSpec { seed: 11, replication: 0 }, None);
    let mut given = 0;
    while !run.is_done() {
        let now = run.now_s();
        if now == 600.0 {
            run.order(
                "early_warning",
                Action::Warn {
                    zone: "town".into(),
                    channel: Channel::Sirens,
                },
            );
            given += 1;
        }
        if now == 1800.0 {
            run.order("level_up", Action::RaiseLevel(Level::II));
            given += 1;
        }
        assert!(run.step());
    }
    assert_eq!(given, 2, "the clock never showed the order times");
    assert!(!run.step(), "a finished run does not step");
    let stepped = run.finish();
    assert_eq!(events_jsonl(&stepped), events_jsonl(&scripted));
    assert_eq!(timeseries_csv(&stepped), timeseries_csv(&scripted));
    assert_eq!(format!("{:?}", stepped.metrics), format!("{:?}", scripted.metrics));
    // And the orders changed the run: without them it is another run.
    let plain = Engine::run(&c, RunSpec { seed: 11, replication: 0 });
    assert_ne!(events_jsonl(&plain), events_jsonl(&scripted));
}

/// A run may be stopped early: the outcome covers the ticks done.
#[test]
fn a_stepped_run_can_finish_early() {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/small_flood.ron", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let c = CompiledScenario::from_source(&text, Path::new("small_flood.ron"), Path::new(".")).unwrap_or_else(|d| panic!("{d}"));
    let mut run = Engine::prepare(&c, RunSpec { seed: 11, replication: 0 }, None);
    for _ in 0..10 {
        run.step();
    }
    assert_eq!(run.ticks_done(), 10);
    let out = run.finish();
    assert_eq!(out.ticks, 10);
    assert!(out.events.iter().all(|e| e.t_s < 600.0 + 1e-9));
}
