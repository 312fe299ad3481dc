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
    drill_with(decon, "protection: LevelB", "rate_kg_s: 1.0, duration: \"10min\"")
}

/// The same with the medic's `protection` and the release's source given.
fn drill_with(decon: Option<f64>, protection: &str, source: &str) -> String {
    let mut kinds =
        format!("(id: \"medic\", mode: Road, speed_kmh: 40.0, crew: 2, rescue_per_hour: 20.0, capacity_people: 4, {protection})");
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
        .replace("SOURCE", source)
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
    run_text(&drill(decon))
}

fn run_text(text: &str) -> RunOutcome {
    let c = compile(text).unwrap_or_else(|d| panic!("{d}"));
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

/// OSHA 1910.120(q)(3)(iv): no crew without SCBA is sent into the cloud's
/// closed zone, even where the road to it is open. A farm lies in the
/// plume 500 m from the plant; its track comes in from the north, outside
/// the cloud. Under a four-hour release an ambulance crew in SCBA drives
/// in while it lasts; a bare one waits until the air there clears — and is
/// never overcome.
#[test]
fn an_ambulance_without_scba_is_not_sent_into_the_cloud() {
    let farm = |protection: &str| {
        drill_with(None, protection, "rate_kg_s: 1.0, duration: \"4h\"")
            .replace("(name: \"plant\", at: Point(5, 20)),", "(name: \"plant\", at: Point(5, 20)),\n        (name: \"farm\", at: Point(15, 20)),")
            .replace("(id: \"hall_door\", at: (24, 1))]", "(id: \"hall_door\", at: (24, 1)), (id: \"farm_gate\", at: (15, 13))]")
            .replace(
                "(id: \"north_lane\", from: \"town_square\", to: \"hall_door\")]",
                "(id: \"north_lane\", from: \"town_square\", to: \"hall_door\"), (id: \"farm_track\", from: \"farm_gate\", to: \"hall_door\")]",
            )
            .replace(
                "departure_delay_mean: \"5min\")]",
                "departure_delay_mean: \"5min\"), (zone: \"farm\", residents: 20, household_size: 2.0, cars_per_household: 0.0, \
                 vulnerable_share: 0.0, compliance: 1.0, departure_delay_mean: \"5min\")]",
            )
    };
    let scba = run_text(&farm("protection: LevelB"));
    let bare = run_text(&farm("traffic_control: false"));
    let first_casualty = |o: &RunOutcome| {
        o.events
            .iter()
            .find(|e| {
                e.subject == "medic_1" && e.kind == "team_state" && e.data["task"].as_str().is_some_and(|t| t.starts_with("casualty"))
            })
            .map(|e| e.t_s / 60.0)
    };
    let in_scba = first_casualty(&scba).expect("the crew in SCBA went to no casualty");
    assert!(in_scba < 60.0, "the crew in SCBA first set off at {in_scba} min");
    assert!(
        first_casualty(&bare).is_none_or(|t| t > 4.0 * 60.0),
        "the bare crew set off into the cloud at {:?} min",
        first_casualty(&bare)
    );
    assert_eq!(bare.metrics["release.crews_overcome"], 0.0, "the bare crew was overcome");
}
