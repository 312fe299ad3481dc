//! Chemical releases in a run: a cloud that follows the wind, dose where
//! people are, and the classic protective-action result — for a short
//! release sheltering in place harms fewer than evacuating through the
//! cloud; for a long one, evacuating early harms fewer.

use drillsim::{CompiledScenario, Engine, RunOutcome, RunSpec};
use std::path::Path;

fn scenario(source: &str, at: &str, action: &str, injects: &str) -> CompiledScenario {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/chlorine_town.ron", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .replace("SOURCE", source)
        .replace("RELEASE_AT", &format!("{at:?}"))
        .replace("ACTION", action)
        .replace("INJECTS", injects);
    let c = CompiledScenario::from_source(&text, Path::new("chlorine_town.ron"), Path::new(".")).unwrap_or_else(|d| panic!("{d}"));
    c.runnable().unwrap_or_else(|d| panic!("{d}"));
    drillsim::domains::check_for(drillsim::domains::STANDARD, &c).unwrap_or_else(|d| panic!("{d}"));
    c
}

fn run(c: &CompiledScenario) -> RunOutcome {
    Engine::run(c, RunSpec { seed: 3, replication: 0 })
}

fn harmed(o: &RunOutcome) -> f64 {
    o.metrics["people.dead"] + o.metrics["people.injured"]
}

const SHORT: &str = "rate_kg_s: 1.0, duration: \"10min\"";
const LONG: &str = "rate_kg_s: 1.0, duration: \"4h\"";
const SHELTER: &str = "ShelterInPlace(zone: \"town\")";
const EVACUATE: &str = "Evacuate(zone: \"town\", shelter: \"hall_shelter\")";

#[test]
fn for_a_short_release_sheltering_in_place_harms_fewer_than_evacuating_through_it() {
    let stay = run(&scenario(SHORT, "0min", SHELTER, ""));
    let go = run(&scenario(SHORT, "0min", EVACUATE, ""));
    assert!(harmed(&go) > 0.0, "nobody walked into the cloud");
    assert!(
        harmed(&stay) < 0.5 * harmed(&go),
        "sheltered {} vs evacuated {}",
        harmed(&stay),
        harmed(&go)
    );
    assert!(stay.events.iter().any(|e| e.kind == "shelter_in_place_issued"));
    assert!(stay.metrics["release.people_aegl2"] < go.metrics["release.people_aegl2"]);
}

#[test]
fn for_a_long_release_evacuating_early_harms_fewer_than_sheltering() {
    let stay = run(&scenario(LONG, "40min", SHELTER, ""));
    let go = run(&scenario(LONG, "40min", EVACUATE, ""));
    assert!(harmed(&stay) > 0.0, "four hours indoors did no harm");
    assert!(
        harmed(&go) < 0.5 * harmed(&stay),
        "evacuated {} vs sheltered {}",
        harmed(&go),
        harmed(&stay)
    );
    // Indoors the air approaches the outside: after hours the load is far
    // above that of a ten-minute release.
    assert!(stay.metrics["release.max_toxic_load"] > 100.0 * run(&scenario(SHORT, "40min", SHELTER, "")).metrics["release.max_toxic_load"]);
}

#[test]
fn a_wind_shift_turns_the_cloud_over_the_map() {
    let shift = "(id: \"backing\", at: \"60min\", event: WindShift(speed_ms: 2.0, from_deg: 180.0))";
    let out = run(&scenario(LONG, "0min", SHELTER, shift));
    let ts = &out.timeseries;
    let town = ts.column("ppm_at_town").expect("no town series");
    let field = ts.column("ppm_at_north_field").expect("no north field series");
    let t = ts.column("t_min").unwrap();
    let before: Vec<usize> = (0..t.len()).filter(|&i| t[i] > 20.0 && t[i] < 60.0).collect();
    // The release runs to 4 h.
    let after: Vec<usize> = (0..t.len()).filter(|&i| t[i] > 120.0 && t[i] < 240.0).collect();
    assert!(
        before.iter().all(|&i| town[i] > 2.8),
        "the town was not under the cloud before the shift"
    );
    assert!(
        before.iter().all(|&i| field[i] == 0.0),
        "the field north of the plant had gas before the shift"
    );
    assert!(after.iter().all(|&i| field[i] > 2.8), "the cloud did not turn north");
    assert!(after.iter().all(|&i| town[i] < 0.01), "the town stayed under the cloud");
}

#[test]
fn a_leaking_tank_empties_and_its_rate_falls_with_the_head() {
    // 20 t of liquid chlorine (1,410 kg/m³ near 20 °C) in a 10 m² tank, 4 bar
    // gauge, a 10 mm hole at the floor.
    let tank = "tank: (liquid_kg: 20000.0, density_kg_m3: 1410.0, section_m2: 10.0, gauge_kpa: 400.0, hole_diameter_mm: 10.0)";
    let out = run(&scenario(tank, "0min", SHELTER, ""));
    let released = out.metrics["release.released_kg"];
    let kg = out.timeseries.column("release_kg").unwrap();
    let first_hour = kg[60] - kg[0];
    let last = kg[kg.len() - 1] - kg[kg.len() - 61];
    assert!(released > 0.0 && released <= 20000.0 + 1e-6, "{released}");
    assert!(last < first_hour, "the rate did not fall: {first_hour} then {last}");
    // Bernoulli at the start: 0.61·A·√(2ρ(P + ρgh)).
    let area = std::f64::consts::PI * 0.005f64.powi(2);
    let head: f64 = 20000.0 / (1410.0 * 10.0);
    let q0: f64 = 0.61 * area * (2.0f64 * 1410.0 * (4e5 + 1410.0 * 9.80665 * head)).sqrt();
    assert!(
        (kg[1] - kg[0] - q0 * 60.0).abs() / (q0 * 60.0) < 0.02,
        "{} vs {}",
        kg[1] - kg[0],
        q0 * 60.0
    );
}

#[test]
fn a_release_is_refused_a_second_time_and_a_bad_tank_is_located() {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/chlorine_town.ron", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .replace("SOURCE", "mass_kg: 100.0, rate_kg_s: 2.0")
        .replace("RELEASE_AT", "\"0min\"")
        .replace("ACTION", SHELTER)
        .replace("INJECTS", "");
    let Err(err) = CompiledScenario::from_source(&text, Path::new("chlorine_town.ron"), Path::new(".")) else {
        panic!("accepted two sources for one release");
    };
    let err = err.to_string();
    assert!(err.contains("exactly one of"), "{err}");
    assert!(err.contains("chlorine_town.ron:"), "not located: {err}");
}

#[test]
fn a_raised_release_is_weaker_at_the_ground_nearby() {
    let peak = |source: &str| {
        let out = run(&scenario(source, "0min", SHELTER, ""));
        out.timeseries.column("ppm_at_town").unwrap().into_iter().fold(0.0, f64::max)
    };
    let (ground, stack) = (peak(SHORT), peak("rate_kg_s: 1.0, duration: \"10min\", height_m: 60.0"));
    assert!(
        stack < 0.5 * ground,
        "a 60 m stack gave {stack} ppm against {ground} at ground level"
    );
}

/// `PeopleOverAegl(level)` scores the residents whose air reached that
/// level; a level that does not exist, or the metric in a drill with no
/// release, is a located error.
#[test]
fn people_over_aegl_scores_the_release_and_refuses_what_cannot_be_scored() {
    let source = |level: &str, hazards: bool| {
        let text = std::fs::read_to_string(format!("{}/tests/fixtures/chlorine_town.ron", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .replace("SOURCE", SHORT)
            .replace("RELEASE_AT", "\"0min\"")
            .replace("ACTION", EVACUATE)
            .replace(
                "injects: [INJECTS],",
                &format!(
                    "injects: [],\n    objectives: [(id: \"air\", capability: \"Health and safety\", metric: PeopleOverAegl({level}), target: AtMost(0.0))],"
                ),
            );
        if hazards {
            text
        } else {
            text.replace(
                "hazards: [Release(id: \"cl2\", place: \"plant\", substance: Chlorine, rate_kg_s: 1.0, duration: \"10min\", at: \"0min\")],",
                "",
            )
        }
    };
    let c =
        CompiledScenario::from_source(&source("2", true), Path::new("chlorine_town.ron"), Path::new(".")).unwrap_or_else(|d| panic!("{d}"));
    let out = run(&c);
    let o = &out.scorecard.as_ref().unwrap().objectives[0];
    assert!(
        out.metrics["release.people_aegl2"] > 0.0,
        "evacuating through the cloud harms nobody"
    );
    assert_eq!(o.value, Some(out.metrics["release.people_aegl2"]));
    assert!(!o.met);

    let bad = CompiledScenario::from_source(&source("4", true), Path::new("chlorine_town.ron"), Path::new(".")).unwrap_err();
    let e = bad
        .errors
        .iter()
        .find(|e| e.code == "out-of-range")
        .unwrap_or_else(|| panic!("{bad}"));
    assert!(e.message.contains("AEGL level 4"), "{bad}");
    assert!(bad.to_string().contains("chlorine_town.ron:"), "not located: {bad}");

    let none = CompiledScenario::from_source(&source("2", false), Path::new("chlorine_town.ron"), Path::new(".")).unwrap_err();
    assert!(none.errors.iter().any(|e| e.code == "no-such-hazard"), "{none}");
}

/// The fixture with a hazmat crew in SCBA at the hall, committed and sent
/// to seal the leak at ten minutes, when the cloud has closed the only road
/// (`sealer` is its kind's extra fields).
fn with_sealer(source: &str, sealer: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/chlorine_town.ron", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .replace("SOURCE", source)
        .replace("RELEASE_AT", "\"0min\"")
        .replace("ACTION", SHELTER)
        .replace("INJECTS", "")
        .replace(
            "    plan: (",
            &format!(
                "    team_kinds: [(id: \"hazmat\", mode: Road, speed_kmh: 40.0, crew: 4, {sealer})],\n    \
                 teams: [(id: \"hazmat_1\", kind: \"hazmat\", base: \"hall\", crew: 4, ready_after: \"0min\")],\n    plan: ("
            ),
        )
        .replace(
            "], default_dispatch: false)",
            ", (id: \"commit\", at: \"2min\", do: Dispatch(kind: \"hazmat\")), (id: \"seal\", at: \"10min\", do: SealLeak(\"cl2\"))], default_dispatch: false)",
        )
}

fn compile(text: &str) -> Result<CompiledScenario, drillsim::Diagnostics> {
    CompiledScenario::from_source(text, Path::new("chlorine_town.ron"), Path::new("."))
}

/// A crew in SCBA drives through the cloud's closed road to the source and,
/// after its 20 minutes on site, stops a four-hour release: far less
/// chemical escapes and fewer people are harmed than when nobody seals it.
#[test]
fn sealing_the_leak_stops_the_source_and_harms_fewer() {
    let sealed = run(&compile(&with_sealer(LONG, "protection: LevelA, seal_leak: \"20min\"")).unwrap_or_else(|d| panic!("{d}")));
    let open = run(&scenario(LONG, "0min", SHELTER, ""));
    let closed = sealed
        .events
        .iter()
        .find(|e| e.kind == "link_in_cloud")
        .expect("the cloud closes the lane");
    assert!(closed.t_s < 600.0, "the lane closed at {} s, after the order", closed.t_s);
    let ev = sealed
        .events
        .iter()
        .find(|e| e.kind == "leak_sealed")
        .expect("the crew drove through the cloud and sealed the leak");
    assert_eq!(ev.subject, "cl2");
    // Ordered at 10 min: travel from the hall plus 20 minutes of work.
    assert!(ev.t_s > 30.0 * 60.0 && ev.t_s < 90.0 * 60.0, "sealed at {} s", ev.t_s);
    let ended = sealed.events.iter().find(|e| e.kind == "release_ended").unwrap();
    assert_eq!(ended.t_s, ev.t_s, "the source stops when the leak is sealed");
    let kg = sealed.metrics["release.released_kg"];
    assert!((kg - ev.t_s).abs() < 61.0, "1 kg/s until sealed, released {kg} kg");
    assert!(open.metrics["release.released_kg"] > 4.0 * 3600.0 - 1.0);
    assert!(
        harmed(&sealed) < harmed(&open),
        "sealing harmed {} , not sealing {}",
        harmed(&sealed),
        harmed(&open)
    );
}

/// Only a crew breathing from SCBA seals a leak (OSHA 1910.120(q)(3)(iv)),
/// and `SealLeak` needs such a crew and a release of that name.
#[test]
fn seal_leak_refuses_unprotected_crews_and_unknown_releases() {
    let unprotected = compile(&with_sealer(LONG, "protection: LevelC, seal_leak: \"20min\"")).unwrap_err();
    let e = unprotected
        .errors
        .iter()
        .find(|e| e.code == "unprotected-crew")
        .unwrap_or_else(|| panic!("{unprotected}"));
    assert!(e.message.contains("SCBA"), "{unprotected}");
    let no_sealer = compile(&with_sealer(LONG, "protection: LevelA")).unwrap_err();
    assert!(no_sealer.errors.iter().any(|e| e.code == "no-capable-kind"), "{no_sealer}");
    let wrong = compile(&with_sealer(LONG, "protection: LevelA, seal_leak: \"20min\"").replace("SealLeak(\"cl2\")", "SealLeak(\"cl3\")"))
        .unwrap_err();
    assert!(wrong.to_string().contains("cl3"), "{wrong}");
}

/// Roads the cloud closes stay closed to a crew without SCBA and open to one
/// in it: sent to look at the plant after the lane has closed, the crew in
/// `LevelA` gets there within minutes; the others wait until the four-hour
/// cloud has gone.
#[test]
fn only_crews_in_scba_drive_through_the_clouds_closed_roads() {
    let arrival_s = |protection: &str| {
        let text = with_sealer(LONG, protection).replace(
            ", (id: \"seal\", at: \"10min\", do: SealLeak(\"cl2\"))",
            ", (id: \"look\", at: \"10min\", do: Recon(\"plant\"))",
        );
        let out = run(&compile(&text).unwrap_or_else(|d| panic!("{d}")));
        let cleared = out.events.iter().find(|e| e.kind == "link_cloud_cleared").map(|e| e.t_s);
        let done = out
            .events
            .iter()
            .find(|e| e.kind == "recon_done" && e.subject == "plant")
            .map(|e| e.t_s);
        (done.expect("the recon ends some time"), cleared.expect("the cloud clears"))
    };
    let (scba, _) = arrival_s("protection: LevelA");
    assert!(scba < 30.0 * 60.0, "the crew in SCBA reached the plant only at {scba} s");
    for kit in ["protection: LevelC", "traffic_control: false"] {
        let (done, cleared) = arrival_s(kit);
        assert!(
            done >= cleared && cleared > 4.0 * 3600.0,
            "{kit}: drove through the AEGL-2 zone ({done} s, cleared {cleared} s)"
        );
    }
}

/// Command knows the cloud only where a crew measures it: a rule keyed to
/// AEGL-1 measured in the town fires once a monitoring crew there reads it —
/// after the cloud arrived, not before — and never without the crew, though
/// the same cloud covers the town.
#[test]
fn command_acts_on_what_a_monitoring_crew_measures() {
    let outcome = |monitor: bool| {
        let order = if monitor {
            "(id: \"watch\", at: \"3min\", do: Monitor(\"town\"))"
        } else {
            "(id: \"idle\", at: \"3min\", do: Warn(zone: \"town\", channel: Sirens))"
        };
        let text = with_sealer(LONG, "protection: LevelB, gas_monitor: true")
            .replace("(id: \"seal\", at: \"10min\", do: SealLeak(\"cl2\"))", order)
            .replace(
                "], default_dispatch: false)",
                "], rules: [(id: \"on_reading\", when: Measured(place: \"town\", aegl: 1), do: Warn(zone: \"town\", channel: CellBroadcast))], default_dispatch: false)",
            );
        run(&compile(&text).unwrap_or_else(|d| panic!("{d}")))
    };
    let watched = outcome(true);
    let measured = watched
        .events
        .iter()
        .find(|e| e.kind == "cloud_measured" && e.subject == "town" && e.data["aegl"] == 1);
    let measured = measured.expect("the crew read AEGL-1 in the town");
    assert!(measured.data["ppm"].as_f64().unwrap() > 0.0);
    let fired = watched
        .events
        .iter()
        .find(|e| e.kind == "rule_fired" && e.subject == "on_reading")
        .expect("the rule fired");
    assert!(
        fired.t_s >= measured.t_s,
        "command acted at {} s on a reading made at {} s",
        fired.t_s,
        measured.t_s
    );
    assert!(fired.t_s > 0.0);
    let blind = outcome(false);
    assert!(blind.metrics["release.people_aegl1"] > 0.0, "the cloud reached the town");
    assert!(
        !blind.events.iter().any(|e| e.kind == "rule_fired" && e.subject == "on_reading"),
        "command acted on a reading nobody made"
    );
}

/// `Monitor` needs a crew in SCBA that carries detectors, and `Measured` a
/// level that exists.
#[test]
fn monitoring_refuses_unprotected_crews_and_levels_that_do_not_exist() {
    let unprotected = compile(&with_sealer(LONG, "protection: LevelC, gas_monitor: true")).unwrap_err();
    assert!(
        unprotected
            .errors
            .iter()
            .any(|e| e.code == "unprotected-crew" && e.message.contains("measures")),
        "{unprotected}"
    );
    let level4 = with_sealer(LONG, "protection: LevelA, seal_leak: \"20min\"").replace(
        "], default_dispatch: false)",
        "], rules: [(id: \"r\", when: Measured(place: \"town\", aegl: 4), do: Warn(zone: \"town\", channel: Sirens))], default_dispatch: false)",
    );
    let e = compile(&level4).unwrap_err();
    assert!(
        e.errors
            .iter()
            .any(|e| e.code == "out-of-range" && e.message.contains("AEGL level 4")),
        "{e}"
    );
    let no_monitor = with_sealer(LONG, "protection: LevelA, seal_leak: \"20min\"").replace("SealLeak(\"cl2\")", "Monitor(\"town\")");
    let e = compile(&no_monitor).unwrap_err();
    assert!(
        e.errors.iter().any(|e| e.code == "no-capable-kind" && e.message.contains("gas")),
        "{e}"
    );
}

/// A crew sent to look at the town and standing there when the cloud comes
/// breathes the outside air through its respirator, cleaner by OSHA's
/// assigned protection factor: with none the chlorine overcomes it and the
/// team is out of the drill; a full-face air-purifying respirator (Level C,
/// APF 50) and SCBA (Level A, APF 10,000) keep it working, breathing exactly
/// 1/50 and 1/10,000 of the same air.
#[test]
fn a_crew_breathes_the_cloud_through_its_respirator_and_unprotected_is_overcome() {
    let outcome = |kit: &str| {
        let text = with_sealer(LONG, kit).replace(
            "(id: \"seal\", at: \"10min\", do: SealLeak(\"cl2\"))",
            "(id: \"look\", at: \"3min\", do: Recon(\"town\"))",
        );
        run(&compile(&text).unwrap_or_else(|d| panic!("{d}")))
    };
    let peak = |o: &RunOutcome| {
        let t = &o.tables["crew_exposure"];
        let col = t.columns.iter().position(|c| *c == "peak_inhaled_ppm").unwrap();
        match t.rows[0][col] {
            drillsim::engine::TableCell::Num(v) => v,
            _ => panic!("peak is a number"),
        }
    };
    let bare = outcome("traffic_control: false");
    let overcome = bare
        .events
        .iter()
        .find(|e| e.kind == "crew_overcome" && e.subject == "hazmat_1")
        .expect("the unprotected crew in the town is overcome");
    let recon = bare.events.iter().find(|e| e.kind == "recon_done").unwrap();
    assert!(
        overcome.t_s > recon.t_s,
        "overcome at {} s, in the town at {} s",
        overcome.t_s,
        recon.t_s
    );
    assert_eq!(overcome.data["protection_factor"], 1.0);
    let lost = bare
        .events
        .iter()
        .find(|e| e.kind == "team_state" && e.subject == "hazmat_1" && e.data["state"] == "lost")
        .expect("the overcome team is out of the drill");
    assert!(lost.t_s >= overcome.t_s);
    assert_eq!(bare.metrics["release.crews_overcome"], 1.0);
    assert_eq!(bare.metrics["release.responders_overcome"], 4.0);
    let outdoor = peak(&bare);
    assert!(outdoor > 2.8, "the crew breathed {outdoor} ppm, below chlorine's AEGL-2");
    for (kit, factor) in [("protection: LevelC", 50.0), ("protection: LevelA", 10_000.0)] {
        let o = outcome(kit);
        assert!(!o.events.iter().any(|e| e.kind == "crew_overcome"), "{kit}: overcome");
        assert_eq!(o.metrics["release.crews_overcome"], 0.0);
        assert_eq!(o.metrics["release.responders_dead"], 0.0);
        let inhaled = peak(&o);
        assert!(
            (inhaled * factor / outdoor - 1.0).abs() < 1e-9,
            "{kit}: breathed {inhaled} ppm of {outdoor} outside"
        );
    }
}

/// A sealing crew lost on the job does not take the job with it: the seal
/// goes back on command's list and a second crew in SCBA finishes it, the
/// time already worked counting.
#[test]
fn a_second_crew_finishes_the_seal_when_the_first_is_lost() {
    let text = |lost: bool| {
        with_sealer(LONG, "protection: LevelA, seal_leak: \"20min\"")
            .replace(
                "ready_after: \"0min\")],",
                "ready_after: \"0min\"), (id: \"hazmat_2\", kind: \"hazmat\", base: \"hall\", crew: 4, ready_after: \"0min\")],",
            )
            .replace(
                "    injects: [],",
                if lost {
                    "    injects: [(id: \"down\", at: \"20min\", event: TeamLost(\"hazmat_1\"))],"
                } else {
                    "    injects: [],"
                },
            )
    };
    let sealed_by = |o: &RunOutcome| {
        o.events
            .iter()
            .find(|e| e.kind == "leak_sealed")
            .map(|e| (e.t_s, e.data["team"].as_str().unwrap().to_string()))
    };
    let whole = run(&compile(&text(false)).unwrap_or_else(|d| panic!("{d}")));
    let (t_whole, by) = sealed_by(&whole).expect("the first crew seals the leak");
    assert_eq!(by, "hazmat_1");
    let relieved = run(&compile(&text(true)).unwrap_or_else(|d| panic!("{d}")));
    assert!(
        relieved
            .events
            .iter()
            .any(|e| e.kind == "team_state" && e.subject == "hazmat_1" && e.data["state"] == "lost"),
        "the inject took the first crew"
    );
    let (t_relieved, by) = sealed_by(&relieved).expect("the second crew finished the seal");
    assert_eq!(by, "hazmat_2");
    // Later by the second crew's drive in, but not a whole 20 minutes of work later.
    assert!(
        t_relieved > t_whole && t_relieved < t_whole + 20.0 * 60.0,
        "sealed at {t_relieved} s, {t_whole} s without the loss"
    );
}

/// Responder down: where the drill has a hospital, an overcome crew is a
/// casualty command knows of at once, and an ambulance crew in SCBA brings
/// its members out of the cloud to a bed — after which they breathe no
/// more of it.
#[test]
fn an_overcome_crew_is_carried_to_hospital_and_breathes_no_more() {
    let outcome = |hospital: bool| {
        let mut text = with_sealer(LONG, "traffic_control: false")
            .replace(
                "(id: \"seal\", at: \"10min\", do: SealLeak(\"cl2\"))",
                "(id: \"look\", at: \"3min\", do: Recon(\"town\")), (id: \"medics\", at: \"2min\", do: Dispatch(kind: \"medic\"))",
            )
            .replace(
                "traffic_control: false)],",
                "traffic_control: false), (id: \"medic\", mode: Road, speed_kmh: 40.0, crew: 2, rescue_per_hour: 20.0, capacity_people: 4, protection: LevelB)],",
            )
            .replace(
                "ready_after: \"0min\")],",
                "ready_after: \"0min\"), (id: \"medic_1\", kind: \"medic\", base: \"hall\", crew: 2, ready_after: \"0min\")],",
            );
        if hospital {
            text = text.replace(
                "    plan: (",
                "    hospitals: [(id: \"clinic\", place: \"hall\", beds: 500)],\n    plan: (",
            );
        }
        run(&compile(&text).unwrap_or_else(|d| panic!("{d}")))
    };
    let load = |o: &RunOutcome| {
        let t = &o.tables["crew_exposure"];
        let col = t.columns.iter().position(|c| *c == "toxic_load").unwrap();
        match t.rows[0][col] {
            drillsim::engine::TableCell::Num(v) => v,
            _ => panic!("the load is a number"),
        }
    };
    let left = outcome(false);
    let saved = outcome(true);
    for o in [&left, &saved] {
        assert_eq!(o.metrics["release.crews_overcome"], 1.0, "the bare crew in the town is overcome");
    }
    assert_eq!(left.metrics["release.responders_hospitalised"], 0.0);
    let carried = saved.metrics["release.responders_hospitalised"];
    assert!(carried > 0.0, "nobody brought the crew out");
    assert_eq!(carried + saved.metrics["release.responders_dead"], 4.0);
    assert!(
        saved
            .events
            .iter()
            .any(|e| e.kind == "patients_admitted" && e.data["team"] == "medic_1"),
        "the ambulance admitted nobody"
    );
    assert!(
        load(&saved) < load(&left),
        "carried out, the crew took {} ppmⁿ·min; left in the cloud, {}",
        load(&saved),
        load(&left)
    );
}
