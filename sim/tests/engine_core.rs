//! Engine determinism and road behaviour on the tutorial drill.

use drillsim::output::{events_jsonl, timeseries_csv};
use drillsim::{CompiledScenario, Engine, RunSpec};
use std::path::Path;

fn tutorial() -> CompiledScenario {
    CompiledScenario::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/tutorial.ron"))).unwrap_or_else(|d| panic!("{d}"))
}

#[test]
fn same_seed_gives_identical_outputs() {
    let c = tutorial();
    let a = Engine::run(&c, RunSpec { seed: 7, replication: 0 });
    let b = Engine::run(&c, RunSpec { seed: 7, replication: 0 });
    assert_eq!(events_jsonl(&a), events_jsonl(&b));
    assert_eq!(timeseries_csv(&a), timeseries_csv(&b));
    assert_eq!(a.sampled, b.sampled);
}

#[test]
fn different_seeds_differ_where_random() {
    let c = tutorial();
    let a = Engine::run(&c, RunSpec { seed: 7, replication: 0 });
    let b = Engine::run(&c, RunSpec { seed: 8, replication: 0 });
    // The convoy's departure is Uniform("2min", "6min"): different seeds sample different times.
    assert_ne!(a.sampled[0].1, b.sampled[0].1);
    assert_ne!(events_jsonl(&a), events_jsonl(&b));
    let r1 = Engine::run(&c, RunSpec { seed: 7, replication: 1 });
    assert_ne!(a.sampled[0].1, r1.sampled[0].1);
}

#[test]
fn convoy_reroutes_around_the_closed_bridge() {
    let c = tutorial();
    let out = Engine::run(&c, RunSpec { seed: 7, replication: 0 });
    let kinds: Vec<(&str, &str)> = out.events.iter().map(|e| (e.kind.as_str(), e.subject.as_str())).collect();
    assert!(kinds.contains(&("road_closed", "mill_st_bridge")), "{kinds:?}");
    assert!(
        kinds.iter().any(|(k, s)| *k == "vehicle_rerouted" && s.starts_with("supply_1")),
        "{kinds:?}"
    );
    assert!(kinds.iter().filter(|(k, _)| *k == "vehicle_arrived").count() == 2, "{kinds:?}");
    assert!(out.metrics["convoy.supply_1.reroutes"] >= 2.0);
    // The detour is longer than the direct route over the bridge.
    let direct = {
        let net = &c.roads;
        let state = drillsim::roads::RoadState::new(net);
        let (a, b) = (c.node_of("depot").unwrap(), c.node_of("school_gate").unwrap());
        state.route(net, a, b, drillsim::scenario::model::VehicleClass::Truck).unwrap().0
    };
    let depart = out.sampled[0].1;
    let arrival = out.metrics["convoy.supply_1.arrival_min"] * 60.0;
    assert!(arrival - depart > direct, "arrival {arrival} depart {depart} direct {direct}");
}

#[test]
fn routing_respects_closures_and_classes() {
    let c = tutorial();
    let net = &c.roads;
    let mut state = drillsim::roads::RoadState::new(net);
    let (a, b) = (c.node_of("depot").unwrap(), c.node_of("school_gate").unwrap());
    use drillsim::scenario::model::VehicleClass::*;
    let link = |id: &str| net.link_index(id).unwrap();
    let names = |r: &[usize]| r.iter().map(|a| net.link_ids[net.arcs[*a].link].clone()).collect::<Vec<_>>();
    let (_, r) = state.route(net, a, b, Truck).unwrap();
    assert_eq!(names(&r), ["mill_st_w", "mill_st_bridge", "mill_st_e"]);
    state.closed_by_order[link("mill_st_bridge")] = true;
    let (_, r) = state.route(net, a, b, Truck).unwrap();
    // The south road admits only cars and pedestrians, so trucks go north.
    assert_eq!(names(&r), ["ring_west", "ring_north", "ring_east"]);
    state.closed_by_order[link("ring_north")] = true;
    assert!(state.route(net, a, b, Truck).is_none());
    let (_, r) = state.route(net, a, b, Car).unwrap();
    assert_eq!(names(&r), ["south_w", "south_road", "south_e"]);
}

#[test]
fn bpr_slows_loaded_links() {
    let c = tutorial();
    let net = &c.roads;
    let mut state = drillsim::roads::RoadState::new(net);
    let arc = net.arcs_of_link(net.link_index("mill_st_w").unwrap()).next().unwrap();
    use drillsim::scenario::model::VehicleClass::Car;
    let t0 = state.travel_time_s(net, arc, Car).unwrap();
    assert!((t0 - net.arcs[arc].length_m / (30.0 / 3.6)).abs() < 1e-9);
    // Load the link to flow = capacity: BPR gives t0 · 1.15.
    let cap = net.arcs[arc].capacity_pcu_h;
    state.load_pcu[arc] = cap * t0 / 3600.0;
    let t = state.travel_time_s(net, arc, Car).unwrap();
    assert!((t / t0 - 1.15).abs() < 1e-9, "{}", t / t0);
}

#[test]
fn timeseries_every_thins_the_rows() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/tutorial.ron")).unwrap();
    let text = text.replacen("objectives: [", "outputs: (timeseries_every: \"7min\"),\n    objectives: [", 1);
    let c = CompiledScenario::from_source(&text, Path::new("t.ron"), Path::new(".")).unwrap_or_else(|d| panic!("{d}"));
    let out = Engine::run(&c, RunSpec { seed: 7, replication: 0 });
    let t = out.timeseries.column("t_min").unwrap();
    // 60 one-minute ticks: rows at 7, 14, ..., 56 and the last tick (60).
    assert_eq!(t, vec![7.0, 14.0, 21.0, 28.0, 35.0, 42.0, 49.0, 56.0, 60.0]);
}
