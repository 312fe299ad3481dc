//! The wildfire hazard in a run: a grass fire driven east by the wind
//! reaches a village. Checks the front against the surface model, its
//! effects on people, roads and the records, and determinism.

use drillsim::fire::fuels;
use drillsim::fire::rothermel::{FT_MIN_PER_MPH, Fuelbed, Moisture};
use drillsim::fire::wind;
use drillsim::{CompiledScenario, Engine, RunOutcome, RunSpec};
use std::path::Path;

fn fixture() -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/grass_fire.ron", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn compile(text: &str) -> CompiledScenario {
    let c = CompiledScenario::from_source(text, Path::new("grass_fire.ron"), Path::new(".")).unwrap_or_else(|d| panic!("{d}"));
    c.runnable().unwrap_or_else(|d| panic!("{d}"));
    drillsim::domains::check_for(drillsim::domains::STANDARD, &c).unwrap_or_else(|d| panic!("{d}"));
    c
}

fn run(c: &CompiledScenario) -> RunOutcome {
    Engine::run(c, RunSpec { seed: 5, replication: 0 })
}

#[test]
fn the_head_runs_at_the_surface_models_rate_downwind() {
    let c = compile(&fixture());
    let out = run(&c);
    let arrival = &out.rasters["fire_arrival_min"];
    let cols = c.terrain.dims.cols;
    // Along row 8, through open grass from column 4 to column 24.
    let (a, b) = (arrival[8 * cols + 4] as f64, arrival[8 * cols + 24] as f64);
    let observed_m_min = 20.0 * 30.0 / (b - a);
    // FM1 at 6 % dead moisture, a 6 m/s 10-m wind: 20-ft wind ÷ 1.15, then
    // the unsheltered adjustment factor for its 1-ft bed.
    let fm1 = fuels::find("FM1").unwrap();
    let m = Moisture::from_dead_1h(0.06);
    let mph = wind::twenty_ft_from_ten_m(6.0 * 2.236_936) * wind::adjustment_factor(0.0, 0.0, fm1.depth_ft);
    let ros = Fuelbed::new(fm1, &m).unwrap().spread(mph * FT_MIN_PER_MPH, 0.0, 0.0).ros * 0.3048;
    assert!(
        (observed_m_min - ros).abs() / ros < 0.10,
        "front {observed_m_min:.1} m/min vs Rothermel {ros:.1}"
    );
    // Upwind of the ignition it backs slowly; the bare strip never burns.
    assert!(arrival[8 * cols] as f64 > a, "backing fire reached column 0 before column 4");
    assert!(arrival[cols + 15].is_nan(), "a bare cell burnt");
    let burnt = arrival.iter().filter(|v| v.is_finite()).count() as f64;
    assert!((out.metrics["fire.area_burnt_km2"] - burnt * 0.0009).abs() < 1e-9);
    assert!(out.metrics["fire.max_flame_length_m"] > 0.5);
}

#[test]
fn the_front_hurts_those_it_reaches_and_kills_no_one() {
    let c = compile(&fixture());
    let out = run(&c);
    let hurt = out
        .events
        .iter()
        .find(|e| e.kind == "casualties")
        .expect("the fire reached the village");
    assert!(hurt.data.contains_key("flame_length_m"), "{:?}", hurt.data);
    assert!(hurt.t_s > 3600.0, "the village is 900 m downwind: reached at {} s", hurt.t_s);
    assert!(out.metrics["people.injured"] > 0.0);
    assert_eq!(out.metrics["people.dead"], 0.0, "no fire-fatality function: nobody dies");
    assert!(
        out.events.iter().any(|e| e.kind == "self_evacuation"),
        "the front drives people out"
    );
    // The burnt area grows every tick until the fire stops.
    let col = out.timeseries.columns.iter().position(|c| c == "fire_area_km2").unwrap();
    let area: Vec<f64> = out.timeseries.rows.iter().map(|r| r[col]).collect();
    assert!(area.windows(2).all(|w| w[1] >= w[0]));
    assert!(*area.last().unwrap() > 0.2);
}

#[test]
fn a_road_through_burning_grass_closes_under_the_flames_and_reopens() {
    let text = fixture().replace(
        "fuel_models: {Grass: 1, Residential: 9}",
        "fuel_models: {Grass: 1, Residential: 9, Road: 1}",
    );
    let out = run(&compile(&text));
    let closed = out
        .events
        .iter()
        .find(|e| e.kind == "link_burning")
        .expect("the road closed under flame");
    assert_eq!(closed.subject, "main_road");
    assert!(out.events.iter().any(|e| e.kind == "link_reopened" && e.t_s > closed.t_s));
}

#[test]
fn a_fire_run_is_the_same_every_time() {
    let c = compile(&fixture());
    let (a, b) = (run(&c), run(&c));
    assert_eq!(a.events.len(), b.events.len());
    assert_eq!(serde_json::to_string(&a.events).unwrap(), serde_json::to_string(&b.events).unwrap());
    let bits = |o: &RunOutcome| o.rasters["fire_arrival_min"].iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&a), bits(&b));
}

#[test]
fn an_objective_scores_the_area_burnt_and_needs_a_fire() {
    let text = fixture().replace(
        "objectives: [",
        "objectives: [(id: \"area\", capability: \"Fire management\", metric: AreaBurnt, target: AtMost(0.1)),",
    );
    let out = run(&compile(&text));
    let card = out.scorecard.as_ref().unwrap();
    let o = card.objectives.iter().find(|o| o.id == "area").unwrap();
    assert_eq!(o.value, Some(out.metrics["fire.area_burnt_km2"]));
    assert!(!o.met, "the grass fire burns more than 0.1 km²");
    // Without a fire there is nothing to score.
    let no_fire = text.replace(
        "hazards: [Fire(ignitions: [(place: \"west_field\", at: \"5min\")], fuel_models: {Grass: 1, Residential: 9})],",
        "",
    );
    let d = CompiledScenario::from_source(&no_fire, Path::new("grass_fire.ron"), Path::new(".")).unwrap_err();
    assert!(
        d.errors
            .iter()
            .any(|e| e.code == "no-such-hazard" && e.message.contains("AreaBurnt")),
        "{d}"
    );
}

/// A trigger distance: the warning goes out when the front is within 300 m
/// of the village, before it arrives, and not at the start.
#[test]
fn hazard_near_fires_when_the_front_is_within_the_distance() {
    let text = fixture().replace(
        "objectives: [",
        r#"injects: [(id: "front_close", when: HazardNear(layer: "fire_flame_length_m", place: "village", within_m: 300.0), event: Message("Front 300 m out"))],
    objectives: ["#,
    );
    let c = compile(&text);
    let out = run(&c);
    let fired = out
        .events
        .iter()
        .find(|e| e.kind == "inject_fired" && e.subject == "front_close")
        .expect("the front came within 300 m");
    let arrival = &out.rasters["fire_arrival_min"];
    let first_in_village = c
        .cells_of("village")
        .iter()
        .map(|&i| arrival[i] as f64)
        .filter(|t| t.is_finite())
        .fold(f64::INFINITY, f64::min);
    let fired_min = fired.t_s / 60.0;
    assert!(
        fired_min < first_in_village,
        "fired at {fired_min} min, front in the village at {first_in_village}"
    );
    // 300 m at the ~22 m/min head takes a quarter of an hour.
    assert!(
        first_in_village - fired_min > 5.0,
        "fired only {} min ahead",
        first_in_village - fired_min
    );
}

#[test]
fn a_negative_trigger_distance_is_a_located_error() {
    let text = fixture().replace(
        "objectives: [",
        r#"injects: [(id: "front_close", when: HazardNear(layer: "fire_flame_length_m", place: "village", within_m: -5.0), event: Message("x"))],
    objectives: ["#,
    );
    let d = CompiledScenario::from_source(&text, Path::new("grass_fire.ron"), Path::new(".")).unwrap_err();
    let e = d.errors.iter().find(|e| e.code == "out-of-range").expect("within_m refused");
    assert!(e.message.contains("within_m") && e.line > 1, "{d}");
}

/// The perimeter is recorded as the fire grows and obeys the grid's isoperimetric
/// bound: no region of area A has grid-edge perimeter below 4√A (a square);
/// a wind-driven ellipse is well above it.
#[test]
fn the_perimeter_grows_with_the_fire_and_is_never_below_a_squares() {
    let out = run(&compile(&fixture()));
    let (area, perimeter) = (out.metrics["fire.area_burnt_km2"], out.metrics["fire.perimeter_km"]);
    assert!(area > 0.0);
    assert!(perimeter >= 4.0 * area.sqrt() - 1e-9, "perimeter {perimeter} km for {area} km²");
    assert!(perimeter > 4.0 * area.sqrt() * 1.05, "an elongated fire is no square");
    let ts = &out.timeseries;
    let col = ts
        .columns
        .iter()
        .position(|c| c == "fire_perimeter_km")
        .expect("recorded every tick");
    let values: Vec<f64> = ts.rows.iter().map(|r| r[col]).collect();
    // Zero before the ignition; a cell burning into a notch can shorten it,
    // so growth is checked from start to end, not tick by tick.
    assert_eq!(values[0], 0.0);
    assert_eq!(*values.last().unwrap(), perimeter);
    assert!(values.iter().all(|v| *v <= perimeter * 1.5), "{values:?}");
}

/// The grass fire with a bare firebreak five cells (150 m) wide across the
/// map at columns 15–19, optionally spotting.
fn firebreak(spotting: &str) -> String {
    let text: String = fixture()
        .lines()
        .map(|l| {
            let t = l.trim_start();
            if t.len() == 43 && t.starts_with('"') && t.ends_with("\",") {
                let indent = &l[..l.len() - t.len()];
                let row = &t[1..41];
                format!("{indent}\"{}.....{}\",\n", &row[..15], &row[20..])
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    text.replace("fuel_moisture_pct: 6.0)", "fuel_moisture_pct: 6.0, temperature_c: 30.0)")
        .replace(
            "fuel_models: {Grass: 1, Residential: 9})",
            &format!("fuel_models: {{Grass: 1, Residential: 9}}{spotting})"),
        )
}

/// Embers carry the fire over a break the surface fire cannot cross: every
/// spot lands downwind, farther than the next cell, at the distance
/// Albini's model gives for the flame that cast it; without spotting the
/// fire stops at the break. The same seed gives the same spots.
#[test]
fn spot_fires_jump_a_firebreak_downwind_and_surface_spread_does_not() {
    let cols = 40;
    let east_of_break = |o: &RunOutcome| {
        o.rasters["fire_arrival_min"]
            .iter()
            .enumerate()
            .filter(|(c, v)| c % cols >= 20 && v.is_finite())
            .count()
    };
    let plain = run(&compile(&firebreak("")));
    assert_eq!(east_of_break(&plain), 0, "the surface fire crossed a 150 m break");
    assert_eq!(plain.metrics["fire.spot_fires"], 0.0);

    let spotting = compile(&firebreak(", spotting: (firebrands_per_ha: 20.0)"));
    let out = run(&spotting);
    let spots: Vec<_> = out.events.iter().filter(|e| e.kind == "spot_fire").collect();
    assert!(!spots.is_empty(), "no ember lit anything");
    assert_eq!(out.metrics["fire.spot_fires"], spots.len() as f64);
    for s in &spots {
        let (from, cell) = (s.data["from"].as_u64().unwrap() as usize, s.data["cell"].as_u64().unwrap() as usize);
        let d = s.data["distance_m"].as_f64().unwrap();
        assert!(d > 45.0, "a spot {d} m out is the front itself");
        // Wind from the west: embers fly east, along the row.
        let (dc, dr) = (
            (cell % cols) as f64 - (from % cols) as f64,
            (cell / cols) as f64 - (from / cols) as f64,
        );
        assert!(dc > 0.0 && dr.abs() <= 1.0, "ember from {from} landed at {cell}");
        assert!((dc * 30.0 - d).abs() <= 30.0, "landed {} m east for a {d} m flight", dc * 30.0);
    }
    assert!(east_of_break(&out) > 0, "embers never crossed the break");
    let again = run(&spotting);
    assert_eq!(again.events.len(), out.events.len());
    assert!(
        again
            .events
            .iter()
            .zip(&out.events)
            .all(|(a, b)| a.kind == b.kind && a.t_s == b.t_s && a.data == b.data)
    );

    // The chance an ember catches needs the air temperature.
    let no_temperature = firebreak(", spotting: (firebrands_per_ha: 20.0)").replace(", temperature_c: 30.0", "");
    let err = CompiledScenario::from_source(&no_temperature, Path::new("grass_fire.ron"), Path::new(".")).unwrap_err();
    assert!(
        err.errors
            .iter()
            .any(|e| e.code == "missing-field" && e.message.contains("temperature")),
        "{err}"
    );
}

/// Burn-probability batches light one cell of a place at random per run:
/// always a burnable one (the road across the place never), the same cell
/// for the same replication, different cells across replications, and the
/// fire starts there.
#[test]
fn a_random_ignition_lights_one_burnable_cell_drawn_per_replication() {
    let text = fixture()
        .replace(
            "(name: \"west_field\", at: Rect(1, 8, 1, 12)),",
            "(name: \"west_field\", at: Rect(1, 8, 1, 12)),\n        (name: \"strip\", at: Rect(10, 9, 20, 11)),",
        )
        .replace(
            "ignitions: [(place: \"west_field\", at: \"5min\")]",
            "ignitions: [(place: \"strip\", at: \"5min\", random_cell: true)]",
        );
    assert!(text.contains("random_cell: true") && text.contains("\"strip\""), "fixture changed");
    let c = compile(&text);
    let cols = c.terrain.dims.cols;
    let lit = |replication: u64| {
        let out = Engine::run(&c, RunSpec { seed: 5, replication });
        let ev: Vec<_> = out.events.iter().filter(|e| e.kind == "random_ignition").collect();
        assert_eq!(ev.len(), 1, "one random ignition per run");
        let cell = ev[0].data["cell"].as_u64().unwrap() as usize;
        let arrival = out.rasters["fire_arrival_min"][cell];
        assert_eq!(arrival, 5.0, "the fire starts at the drawn cell at 5 min");
        cell
    };
    let cells: Vec<usize> = (0..12).map(lit).collect();
    for &cell in &cells {
        let (row, col) = (cell / cols, cell % cols);
        assert!(
            (9..=11).contains(&row) && (10..=20).contains(&col),
            "outside the place: {row},{col}"
        );
        assert_ne!(row, 10, "row 10 is the road: not burnable");
    }
    assert_eq!(lit(3), cells[3], "same replication, same cell");
    let distinct: std::collections::BTreeSet<_> = cells.iter().collect();
    assert!(distinct.len() >= 6, "12 draws from 22 cells gave {} distinct", distinct.len());
}

/// The fixture with its timed ignition replaced by an `Ignite` inject.
fn ignited_by_inject(inject: &str) -> String {
    fixture()
        .replace("Fire(ignitions: [(place: \"west_field\", at: \"5min\")]", "Fire(ignitions: []")
        .replace("    outputs: (", &format!("    injects: [{inject}],\n    outputs: ("))
}

/// An `Ignite` inject sets its place alight when it fires: at five minutes
/// it burns exactly the fire the timed ignition at five minutes burns.
#[test]
fn an_ignite_inject_lights_the_place_as_a_timed_ignition_does() {
    let timed = run(&compile(&fixture()));
    let inject = run(&compile(&ignited_by_inject(
        "(id: \"spark\", at: \"5min\", event: Ignite(\"west_field\"))",
    )));
    assert!(inject.metrics["fire.area_burnt_km2"] > 0.1);
    let bits = |o: &RunOutcome| o.rasters["fire_arrival_min"].iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    assert!(bits(&inject) == bits(&timed), "the inject's fire differs from the timed one");
    assert_eq!(inject.metrics["fire.area_burnt_km2"], timed.metrics["fire.area_burnt_km2"]);
    // Never fired, nothing burns.
    let late = run(&compile(&ignited_by_inject(
        "(id: \"spark\", when: Trapped(min_people: 1000000), event: Ignite(\"west_field\"))",
    )));
    assert_eq!(late.metrics["fire.area_burnt_km2"], 0.0);
}

/// `Ignite` needs a place and a `Fire` to burn; a fire needs an ignition or
/// an `Ignite` inject.
#[test]
fn ignite_refuses_unknown_places_and_drills_without_a_fire() {
    let errors = |text: &str| {
        CompiledScenario::from_source(text, Path::new("grass_fire.ron"), Path::new("."))
            .err()
            .unwrap_or_else(|| panic!("accepted"))
    };
    let e = errors(&ignited_by_inject("(id: \"spark\", at: \"5min\", event: Ignite(\"west_feild\"))"));
    assert!(e.to_string().contains("west_feild"), "{e}");
    let text = ignited_by_inject("(id: \"spark\", at: \"5min\", event: Ignite(\"west_field\"))");
    let start = text.find("    hazards: [").unwrap();
    let end = start + text[start..].find('\n').unwrap();
    let no_fire = format!("{}    hazards: [],{}", &text[..start], &text[end..]).replace(
        "    objectives: [(id: \"burnt\", capability: \"Fire management\", metric: Injured, target: AtMost(0.0))],\n",
        "",
    );
    let e = errors(&no_fire);
    assert!(
        e.errors.iter().any(|p| p.code == "no-such-hazard" && p.message.contains("Ignite")),
        "{e}"
    );
    let e = errors(&fixture().replace("Fire(ignitions: [(place: \"west_field\", at: \"5min\")]", "Fire(ignitions: []"));
    assert!(e.to_string().contains("Ignite"), "{e}");
}

/// Natech, fire to gas: a condition on the fire's flame layer at a store in
/// the village starts a chlorine release there, once the front arrives and
/// not before; the cloud then closes roads like any other.
#[test]
fn a_fire_reaching_a_chlorine_store_starts_its_release() {
    let text = fixture()
        .replace(
            "fuel_models: {Grass: 1, Residential: 9})]",
            "fuel_models: {Grass: 1, Residential: 9}), Release(id: \"cl2\", place: \"hall\", substance: Chlorine, rate_kg_s: 1.0, duration: \"30min\")]",
        )
        .replace(
            "    outputs: (",
            "    injects: [(id: \"store_burns\", when: Hazard(layer: \"fire_flame_length_m\", place: \"hall\", above: 0.0), event: StartRelease(\"cl2\"))],\n    outputs: (",
        );
    let c = compile(&text);
    let out = run(&c);
    let cols = c.terrain.dims.cols;
    let reached_min = out.rasters["fire_arrival_min"][7 * cols + 35] as f64;
    assert!(reached_min.is_finite(), "the front never reached the store");
    let started = out
        .events
        .iter()
        .find(|e| e.kind == "release_started")
        .expect("the fire started the release");
    assert_eq!(started.data["by"], "store_burns");
    assert!(
        started.t_s >= reached_min * 60.0 && started.t_s <= reached_min * 60.0 + 120.0,
        "released at {} s, the front reached the store at {reached_min} min",
        started.t_s
    );
    assert!(out.metrics["release.released_kg"] > 1000.0);
    assert!(out.metrics["release.max_ppm"] > 0.0);
}

/// A firebrand rate given as a distribution is drawn per replication, as
/// every parameter is; it used to stay at its median in every run.
#[test]
fn a_firebrand_rate_distribution_is_sampled_per_run() {
    let c = compile(&firebreak(", spotting: (firebrands_per_ha: Uniform(1.0, 40.0))"));
    let drawn = |replication: u64| {
        let o = Engine::run(&c, RunSpec { seed: 5, replication });
        let (_, v) = o
            .sampled
            .iter()
            .find(|(name, _)| name.contains("firebrands_per_ha"))
            .cloned()
            .unwrap_or_else(|| panic!("not sampled: {:?}", o.sampled));
        (v, o.metrics["fire.spot_fires"])
    };
    let runs: Vec<(f64, f64)> = (0..4).map(drawn).collect();
    assert!(runs.iter().all(|(v, _)| (1.0..=40.0).contains(v)), "{runs:?}");
    assert!(runs.windows(2).any(|w| w[0].0 != w[1].0), "every run drew the same rate: {runs:?}");
}
