//! Logistics: stock never below zero (proptest), shelters running short,
//! resupply convoys, agreement reserves, lost depots, determinism.

use drillsim::domains::logistics::{HolderKind, Stocks};
use drillsim::engine::EventRecord;
use drillsim::output::{events_jsonl, timeseries_csv};
use drillsim::{CompiledScenario, Engine, RunOutcome, RunSpec};
use proptest::prelude::*;
use std::path::Path;

fn load(text: &str) -> CompiledScenario {
    CompiledScenario::from_source(text, Path::new("small_logistics.ron"), Path::new(".")).unwrap_or_else(|d| panic!("{d}"))
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn run(text: &str) -> RunOutcome {
    Engine::run(&load(text), RunSpec { seed: 5, replication: 0 })
}

fn events<'a>(out: &'a RunOutcome, kind: &str) -> Vec<&'a EventRecord> {
    out.events.iter().filter(|e| e.kind == kind).collect()
}

fn data<'a>(e: &'a EventRecord, key: &str) -> &'a serde_json::Value {
    &e.data[key]
}

fn last(out: &RunOutcome, column: &str) -> f64 {
    *out.timeseries
        .column(column)
        .unwrap_or_else(|| panic!("no column {column}"))
        .last()
        .unwrap()
}

#[derive(Clone, Debug)]
enum Op {
    Draw(usize, usize, f64),
    Add(usize, usize, f64),
    Consume(usize, usize, f64),
    DrawNearest(usize, usize, f64),
    Lose(usize),
}

const HOLDERS: [&str; 5] = ["depot_a", "depot_b", "shelter", "team", "unregistered"];
const ITEMS: [&str; 2] = ["water_l", "meals"];

fn quantity() -> impl Strategy<Value = f64> {
    prop_oneof![
        8 => -50.0f64..500.0,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(-f64::INFINITY),
        1 => Just(0.0),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let (h, i) = (0..HOLDERS.len(), 0..ITEMS.len());
    prop_oneof![
        4 => (h.clone(), i.clone(), quantity()).prop_map(|(h, i, q)| Op::Draw(h, i, q)),
        4 => (h.clone(), i.clone(), quantity()).prop_map(|(h, i, q)| Op::Add(h, i, q)),
        2 => (h.clone(), i.clone(), quantity()).prop_map(|(h, i, q)| Op::Consume(h, i, q)),
        2 => (0usize..100, i, quantity()).prop_map(|(c, i, q)| Op::DrawNearest(c, i, q)),
        1 => h.prop_map(Op::Lose),
    ]
}

fn sane(q: f64) -> f64 {
    if q.is_finite() && q > 0.0 { q } else { 0.0 }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Under any sequence of draws, additions and losses no level is ever
    /// negative or not finite, no draw gives more than was asked, and stock is
    /// conserved: everything added is either still held, drawn, or written off.
    #[test]
    fn stock_never_goes_below_zero(ops in proptest::collection::vec(op(), 1..80)) {
        let mut s = Stocks::default();
        s.register_holder("depot_a", HolderKind::Depot, 5);
        s.register_holder("depot_b", HolderKind::Depot, 77);
        s.register_holder("shelter", HolderKind::Shelter, 40);
        s.register_holder("team", HolderKind::Team, 41);
        let (mut added, mut drawn) = (0.0, 0.0);
        for op in ops {
            match op {
                Op::Draw(h, i, q) | Op::Consume(h, i, q) | Op::DrawNearest(h, i, q) => {
                    let got = match op {
                        Op::Draw(..) => s.draw(HOLDERS[h], ITEMS[i], q),
                        Op::Consume(..) => s.consume(HOLDERS[h], ITEMS[i], q),
                        _ => s.draw_nearest(h, 10, ITEMS[i], q).0,
                    };
                    prop_assert!(got >= 0.0 && got <= sane(q), "{op:?} gave {got}");
                    drawn += got;
                }
                Op::Add(h, i, q) => {
                    s.add(HOLDERS[h], ITEMS[i], q);
                    added += sane(q);
                }
                Op::Lose(h) => {
                    s.lose(HOLDERS[h]);
                }
            }
            let mut held = 0.0;
            for (id, h) in s.holders() {
                for (item, level) in h.items() {
                    prop_assert!(level.is_finite() && level >= 0.0, "{id}.{item} = {level}");
                    let available = if h.lost { 0.0 } else { level };
                    prop_assert_eq!(s.level(id, item), available);
                    held += level;
                }
            }
            let written: f64 = s.written_off().values().sum();
            prop_assert!((added - held - drawn - written).abs() <= 1e-9 * added.max(1.0),
                "added {added}, held {held}, drawn {drawn}, written off {written}");
        }
    }
}

#[test]
fn shelters_run_short_convoys_deliver_agreements_arrive_and_lost_depots_supply_nothing() {
    let out = run(&fixture("small_logistics.ron"));
    let hall_water = |e: &&EventRecord| e.subject == "hall_shelter" && data(e, "item") == "water_l";

    // The hall runs out of water and of meals (no depot left has any).
    let short = events(&out, "shortfall");
    assert!(short.iter().any(hall_water), "{short:?}");
    assert!(short.iter().any(|e| e.subject == "hall_shelter" && data(e, "item") == "meals"));
    assert!(out.metrics["supply.meals.shortfall"] > 0.0);
    // At most one report an hour per holder and item, and a last one at the
    // end of the run for the partial hour, so the events add up to the metric.
    let end = out.ticks as f64 * 60.0;
    for (i, a) in short.iter().enumerate() {
        for b in &short[i + 1..] {
            if a.subject == b.subject && a.data["item"] == b.data["item"] {
                assert!(b.t_s - a.t_s >= 3600.0 || b.t_s == end, "{a:?} then {b:?}");
            }
        }
    }
    let meals: f64 = short
        .iter()
        .filter(|e| data(e, "item") == "meals")
        .map(|e| e.data["amount"].as_f64().unwrap())
        .sum();
    let metric = out.metrics["supply.meals.shortfall"];
    assert!((meals - metric).abs() < 1e-6 * metric.max(1.0), "events {meals} vs metric {metric}");

    // A default-policy truck leaves the near depot, drives the 6 km road at
    // 20 km/h (18 min) and unloads its water at the hall.
    let dispatched = events(&out, "convoy_dispatched");
    let first = dispatched.iter().find(|e| data(e, "item") == "water_l").expect("a water convoy");
    assert_eq!(
        (data(first, "from"), data(first, "by")),
        (&"near_depot".into(), &"default_policy".into())
    );
    let delivered = events(&out, "cargo_delivered");
    let arrival = delivered.iter().find(|e| e.subject == first.subject).expect("delivered");
    assert!(arrival.t_s - first.t_s >= 18.0 * 60.0 - 1e-6, "{first:?} {arrival:?}");
    assert_eq!(data(arrival, "to"), "hall_shelter");
    assert!(out.metrics["supply.water_l.delivered"] > 0.0);

    // The near depot runs dry; its agreement activates and delivers exactly its lead time (1 h) later.
    let on = events(&out, "agreement_activated");
    let done = events(&out, "agreement_delivered");
    assert_eq!((on.len(), done.len()), (1, 1), "{on:?} {done:?}");
    assert_eq!(on[0].subject, "near_depot");
    assert!((done[0].t_s - on[0].t_s - 3600.0).abs() < 1e-6);
    assert_eq!(out.metrics["supply.water_l.from_agreements"], 5000.0);
    // ... and the water it brought goes on to the hall.
    assert!(dispatched.iter().any(|e| e.t_s >= done[0].t_s && data(e, "item") == "water_l"));

    // The lost far depot: written off, never a source, the plan's order to it fails.
    let lost = events(&out, "depot_lost");
    assert_eq!(lost.len(), 1);
    assert_eq!((lost[0].subject.as_str(), lost[0].t_s), ("far_depot", 300.0));
    assert!(dispatched.iter().all(|e| data(e, "from") != "far_depot"));
    let failed = events(&out, "resupply_failed");
    assert_eq!(failed.len(), 1);
    assert_eq!(
        (failed[0].subject.as_str(), data(failed[0], "reason")),
        ("late_order", &"depot lost".into())
    );
    assert_eq!(last(&out, "stock.far_depot.water_l"), 0.0);
    assert_eq!(out.metrics["supply.water_l.written_off"], 50000.0);

    // Water is conserved: start stock + agreements = end stock + used + written off + on the road.
    let start = 100.0 + 300.0 + 50_000.0 + 5000.0;
    let end: f64 = ["hall_shelter", "near_depot", "far_depot"]
        .iter()
        .map(|h| last(&out, &format!("stock.{h}.water_l")))
        .sum();
    let m = |k: &str| out.metrics.get(k).copied().unwrap_or(0.0);
    let accounted = end + m("supply.water_l.consumed") + m("supply.water_l.written_off") + m("supply.water_l.in_transit");
    assert!((start - accounted).abs() < 1e-6, "start {start}, accounted {accounted}");
    // Items are never added across units.
    assert!(!out.metrics.keys().any(|k| k.contains("shortfall_total")));
    // The scorecard reads the water shortfall.
    let card = out.scorecard.as_ref().unwrap();
    assert_eq!(card.objectives[0].value, Some(out.metrics["supply.water_l.shortfall"]));
}

#[test]
fn same_seed_gives_identical_logistics() {
    let c = load(&fixture("small_logistics.ron"));
    let a = Engine::run(&c, RunSpec { seed: 9, replication: 0 });
    let b = Engine::run(&c, RunSpec { seed: 9, replication: 0 });
    assert_eq!(events_jsonl(&a), events_jsonl(&b));
    assert_eq!(timeseries_csv(&a), timeseries_csv(&b));
    assert_eq!(format!("{:?}", a.metrics), format!("{:?}", b.metrics));
}

#[test]
fn the_default_policy_can_be_switched_off() {
    let text = fixture("small_logistics.ron").replace("plan: (", "plan: (default_dispatch: false, ");
    let out = run(&text);
    assert!(events(&out, "convoy_dispatched").is_empty());
    assert_eq!(out.metrics["supply.water_l.delivered"], 0.0);
    assert!(out.metrics["supply.water_l.shortfall"] > 5000.0);
}

#[test]
fn a_scenario_can_set_what_people_need() {
    let text = fixture("small_logistics.ron").replace(
        "    depots: [",
        "    consumption: (per_person_per_day: {\"water_l\": 30.0}, per_person: {}),\n    depots: [",
    );
    let out = run(&text);
    let base = run(&fixture("small_logistics.ron"));
    assert_eq!(out.metrics["supply.meals.shortfall"], 0.0);
    assert_eq!(out.metrics["supply.beds.shortfall"], 0.0);
    // Every item keeps its keys (the metric registry): meals are simply not used.
    assert_eq!(out.metrics["supply.meals.consumed"], 0.0);
    assert!(
        out.metrics["supply.water_l.consumed"] + out.metrics["supply.water_l.shortfall"]
            > base.metrics["supply.water_l.consumed"] + base.metrics["supply.water_l.shortfall"]
    );
}

#[test]
fn scenario_convoys_carry_their_cargo() {
    let c = CompiledScenario::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/tutorial.ron")))
        .unwrap_or_else(|d| panic!("{d}"));
    let out = Engine::run(&c, RunSpec { seed: 7, replication: 0 });
    let depot = out.timeseries.column("stock.county_depot.water_l").unwrap();
    assert_eq!((depot[0], *depot.last().unwrap()), (20_000.0, 16_000.0));
    assert_eq!(last(&out, "stock.school_shelter.water_l"), 2000.0 + 4000.0);
    assert_eq!(last(&out, "stock.school_shelter.blankets"), 200.0);
    assert_eq!(events(&out, "cargo_loaded").len(), 2);
    assert_eq!(out.metrics["supply.water_l.delivered"], 4000.0);
}

#[test]
fn a_flooded_depot_is_lost() {
    // The small flood fills the west of the town (1.4 m at the end in column 2); put a depot there.
    let text = fixture("small_flood.ron")
        .replace("    places: [", "    places: [\n        (name: \"west_yard\", at: Point(2, 15)),")
        .replace(
            "    injects: [",
            "    depots: [(id: \"town_depot\", place: \"west_yard\", tier: Township, stock: {\"sandbags\": 500})],\n    injects: [",
        );
    let out = run(&text);
    let lost = events(&out, "depot_lost");
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert_eq!(
        (lost[0].subject.as_str(), data(lost[0], "cause")),
        ("town_depot", &"flooded".into())
    );
    assert!(data(lost[0], "depth_m").as_f64().unwrap() > 0.5);
    assert_eq!(last(&out, "stock.town_depot.sandbags"), 0.0);
    assert_eq!(out.metrics["supply.sandbags.written_off"], 500.0);
}

#[test]
fn depot_ids_must_differ_from_shelter_ids() {
    let text = fixture("small_logistics.ron").replace("(id: \"near_depot\"", "(id: \"hall_shelter\"");
    let err = CompiledScenario::from_source(&text, Path::new("x.ron"), Path::new(".")).unwrap_err();
    assert!(err.to_string().contains("same id as a shelter"), "{err}");
}

/// A working team uses its kind's `supplies_per_hour` from the nearest depot
/// holding the item; once that runs dry the team itself is short.
#[test]
fn working_teams_draw_their_supplies_from_the_nearest_depot() {
    let text = fixture("small_logistics.ron")
        .replace(
            "    injects: [",
            r#"    stations: [(id: "post", place: "hall")],
    team_kinds: [(id: "traffic_unit", mode: Road, speed_kmh: 60.0, traffic_control: true,
                  supplies_per_hour: {"fuel_l": 30.0}, mobilisation: "0min")],
    teams: [(id: "unit_1", kind: "traffic_unit", base: "post", crew: 2)],
    injects: ["#,
        )
        .replace(
            r#"stock: {"water_l": 300, "beds": 100},"#,
            r#"stock: {"water_l": 300, "beds": 100, "fuel_l": 40},"#,
        )
        .replace(
            "orders: [",
            r#"orders: [(id: "direct", at: "10min", do: TrafficControl(link: "town_road", capacity_factor: 1.5)), "#,
        );
    let out = run(&text);
    // 40 L at 30 L/h lasts 80 min of work; the unit works from ~10 min to the end.
    assert!((last(&out, "stock.near_depot.fuel_l")).abs() < 1e-9, "the depot's fuel is used up");
    let consumed = out.metrics["supply.fuel_l.consumed"];
    assert!((consumed - 40.0).abs() < 1e-6, "consumed {consumed}");
    let short = out.metrics["supply.fuel_l.shortfall"];
    // About 3h50 of work at 30 L/h, less the 40 L the depot had.
    assert!(short > 50.0 && short < 30.0 * 4.0 - 40.0 + 1e-6, "shortfall {short}");
    let reports = events(&out, "shortfall");
    let unit = reports
        .iter()
        .find(|e| e.subject == "unit_1")
        .expect("the team's shortfall is reported");
    assert_eq!(data(unit, "item"), "fuel_l");
    assert_eq!(data(unit, "holder_kind"), "team");
}
