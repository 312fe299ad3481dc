//! Decontamination: casualties of the cloud pass through the decon line
//! command opened on their way to hospital, one batch after another at the
//! line's throughput; without a line they are admitted unwashed, and the
//! run counts them.

use drillsim::{CompiledScenario, Engine, RunOutcome, RunSpec};
use std::path::Path;

/// The chlorine town: a ten-minute release from the start, the town told
/// to evacuate through the cloud at 2 min (so people are hurt), a clinic at the hall, an
/// ambulance in SCBA, and — with `decon` people per hour — a decon unit
/// that command sets up at the hall at 2 min.
fn drill(decon: Option<f64>) -> String {
    let mut kinds =
        "(id: \"medic\", mode: Road, speed_kmh: 40.0, crew: 2, rescue_per_hour: 20.0, capacity_people: 4, protection: LevelB)".to_string();
    let mut teams = "(id: \"medic_1\", kind: \"medic\", base: \"hall\", crew: 2, ready_after: \"0min\")".to_string();
    let mut orders = ", (id: \"medics\", at: \"2min\", do: Dispatch(kind: \"medic\"))".to_string();
    if let Some(rate) = decon {
        kinds +=
            &format!(", (id: \"decon_unit\", mode: Road, speed_kmh: 40.0, crew: 6, decon_people_per_hour: {rate:.1}, protection: LevelC)");
        teams += ", (id: \"decon_1\", kind: \"decon_unit\", base: \"hall\", crew: 6, ready_after: \"0min\")";
        orders += ", (id: \"washers\", at: \"2min\", do: Dispatch(kind: \"decon_unit\")), (id: \"wash\", at: \"2min\", do: Decontaminate(\"hall\"))";
    }
    std::fs::read_to_string(format!("{}/tests/fixtures/chlorine_town.ron", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .replace("SOURCE", "rate_kg_s: 1.0, duration: \"10min\"")
        .replace("RELEASE_AT", "\"0min\"")
        .replace("ACTION", "Evacuate(zone: \"town\", shelter: \"hall_shelter\")")
        .replace("INJECTS", "")
        .replace(
            "    plan: (",
            &format!(
                "    hospitals: [(id: \"clinic\", place: \"hall\", beds: 500)],\n    team_kinds: [{kinds}],\n    teams: [{teams}],\n    plan: ("
            ),
        )
        .replace("], default_dispatch: false)", &format!("{orders}], default_dispatch: false)"))
}

fn compile(text: &str) -> Result<CompiledScenario, drillsim::Diagnostics> {
    CompiledScenario::from_source(text, Path::new("decon.ron"), Path::new("."))
}

fn run(decon: Option<f64>) -> RunOutcome {
    let c = compile(&drill(decon)).unwrap_or_else(|d| panic!("{d}"));
    c.runnable().unwrap_or_else(|d| panic!("{d}"));
    Engine::run(&c, RunSpec { seed: 3, replication: 0 })
}

/// Minutes of every admission, in order.
fn admissions(o: &RunOutcome) -> Vec<(f64, f64)> {
    o.events
        .iter()
        .filter(|e| e.kind == "patients_admitted")
        .map(|e| (e.t_s / 60.0, e.data["people"].as_f64().unwrap()))
        .collect()
}

#[test]
fn casualties_of_the_cloud_are_washed_before_hospital_at_the_lines_rate() {
    let none = run(None);
    let fast = run(Some(120.0));
    let slow = run(Some(6.0));
    let admitted = none.metrics["people.hospitalised"];
    assert!(admitted >= 4.0, "too few casualties to tell lines apart: {admitted}");
    // Without a line every casualty of the cloud is admitted unwashed.
    assert_eq!(none.metrics["release.decontaminated"], 0.0);
    assert_eq!(none.metrics["release.admitted_unwashed"], admitted);
    for (o, rate) in [(&fast, 120.0), (&slow, 6.0)] {
        assert!(
            o.events.iter().any(|e| e.kind == "decon_line_open" && e.subject == "hall"),
            "{rate}/h: the line never opened"
        );
        // The cloud and the casualties do not depend on the line.
        assert_eq!(o.metrics["people.injured"], none.metrics["people.injured"], "{rate}/h");
        assert_eq!(o.metrics["release.admitted_unwashed"], 0.0, "{rate}/h: someone skipped the line");
        let washed = o.metrics["release.decontaminated"];
        assert!(washed >= o.metrics["people.hospitalised"], "{rate}/h: washed {washed}");
        // Each batch is washed after the one before: the line is never
        // faster than its rate.
        let batches: Vec<(f64, f64, f64)> = o
            .events
            .iter()
            .filter(|e| e.kind == "casualties_decontaminated")
            .map(|e| {
                (
                    e.t_s / 60.0,
                    e.data["people"].as_f64().unwrap(),
                    e.data["until_min"].as_f64().unwrap(),
                )
            })
            .collect();
        assert!(!batches.is_empty());
        let mut free = 0.0f64;
        for (arrived, people, until) in &batches {
            let expected = free.max(*arrived) + people / rate * 60.0;
            assert!(
                (until - expected).abs() < 1e-6,
                "{rate}/h: batch of {people} done at {until}, expected {expected}"
            );
            free = *until;
        }
    }
    // A line holds the casualties back: the one ambulance waits at it with
    // each batch, so each admission comes later and fewer reach a bed by
    // the end — a little at 120 people/h, much at 6.
    let (n, f, sl) = (admissions(&none), admissions(&fast), admissions(&slow));
    for k in 0..sl.len().min(6) {
        assert!(
            n[k].0 < f[k].0 && f[k].0 < sl[k].0,
            "admission {k}: {:?} {:?} {:?}",
            n[k],
            f[k],
            sl[k]
        );
    }
    let beds = |o: &RunOutcome| o.metrics["people.hospitalised"];
    assert!(
        beds(&none) >= beds(&fast) && beds(&fast) > beds(&slow),
        "{} {} {}",
        beds(&none),
        beds(&fast),
        beds(&slow)
    );
}

#[test]
fn decontaminate_needs_a_release_and_a_kind_that_washes() {
    let text = drill(Some(30.0)).replace("decon_people_per_hour: 30.0, ", "");
    let Err(d) = compile(&text) else {
        panic!("accepted Decontaminate with no kind that washes");
    };
    let e = d.errors.iter().find(|e| e.code == "no-capable-kind").expect("no located refusal");
    assert!(e.message.contains("decontaminates"), "{}", e.message);
    assert_eq!(
        e.hint.as_deref(),
        Some("give a kind `decon_people_per_hour: 30.0` and a team of it")
    );
    let line = text.lines().position(|l| l.contains("Decontaminate(")).unwrap() + 1;
    assert_eq!(e.line, line);
    let negative = drill(Some(-5.0));
    let Err(d) = compile(&negative) else {
        panic!("accepted a negative throughput");
    };
    assert!(d.errors.iter().any(|e| e.message.contains("decon_people_per_hour")), "{d}");
}
