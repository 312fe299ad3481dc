//! A new hazard is one module and a line in the domain list. This file is
//! that module: a made-up "heat" that grows steadily over one place, built
//! only on the public commons (`world::hazard`) and engine API. Handed to the
//! engine next to the standard domains, it closes roads, drives people out,
//! harms them, ruins a depot, fires a condition on its layer, and leaves a
//! peak raster and a batch probability raster, without one edit elsewhere.
//!
//! The growth and the thresholds are invented for the test; they model nothing.

use bevy_ecs::prelude::*;
use drillsim::domains::{self, STANDARD};
use drillsim::engine::{Clock, Ctx, Domain, Engine, Phase, RunSpec, SimBuilder};
use drillsim::world::hazard::{self, HazardEffects, Hazards, LayerId, LayerSpec};
use drillsim::{CompiledScenario, RunOutcome};
use std::path::Path;

const HEAT: &str = "test_heat";
/// Heat added per minute over the place.
const PER_MIN: f32 = 0.1;

#[derive(Resource)]
struct Heat {
    layer: LayerId,
    cells: Vec<usize>,
}

struct HeatEffects(LayerId);

impl HazardEffects for HeatEffects {
    fn hazard(&self) -> &'static str {
        "heat"
    }
    fn reading(&self, h: &Hazards, cell: usize) -> (&'static str, f64) {
        ("heat", h.at(self.0, cell))
    }
    fn exposes(&self, h: &Hazards, cell: usize) -> bool {
        h.at(self.0, cell) > 1.0
    }
    fn lethality(&self, h: &Hazards, cell: usize) -> f64 {
        (h.at(self.0, cell) / 10.0).min(0.9)
    }
    fn injures(&self, h: &Hazards, cell: usize) -> bool {
        h.at(self.0, cell) > 1.5
    }
    fn perceived(&self, h: &Hazards, cell: usize) -> bool {
        h.at(self.0, cell) > 0.5
    }
    fn drives_out(&self, h: &Hazards, cell: usize) -> bool {
        h.at(self.0, cell) > 2.0
    }
    fn blocks(&self, h: &Hazards, cell: usize) -> u8 {
        if h.at(self.0, cell) > 3.0 { u8::MAX } else { 0 }
    }
    fn ruins(&self, h: &Hazards, cell: usize) -> bool {
        h.at(self.0, cell) > 4.0
    }
    fn closure_events(&self) -> (&'static str, &'static str) {
        ("link_heated", "link_cooled")
    }
    fn ruin_cause(&self) -> &'static str {
        "overheated"
    }
}

fn build_heat(b: &mut SimBuilder) {
    let cells = b.ctx().compiled.cells_of("hot_spot");
    let layer = hazard::publish(
        b,
        LayerSpec {
            name: HEAT,
            hazard: "heat",
            title: "Test heat",
            unit: "",
            classes: vec![0.5, 2.0, 4.0],
            peak_raster: Some("peak_test_heat"),
            snapshot_stem: None,
            thresholds: vec![("p_heat_gt_2", 2.0, "probability that the test heat exceeds 2")],
        },
    );
    hazard::register_effects(b, HeatEffects(layer));
    b.world.insert_resource(Heat { layer, cells });
    b.add_in_build_order(Phase::Hazard, grow);
}

fn grow(clock: Res<Clock>, ctx: Res<Ctx>, heat: Res<Heat>, mut hazards: ResMut<Hazards>) {
    let level = PER_MIN * (clock.next_s() / 60.0) as f32;
    let n = ctx.compiled.terrain.dims.len();
    let mut values = vec![0.0f32; n];
    for c in &heat.cells {
        values[*c] = level;
    }
    hazards.write(heat.layer, values.into_iter());
}

fn with_heat() -> Vec<Domain> {
    let mut v = STANDARD.to_vec();
    v.push(Domain {
        name: "heat",
        build: build_heat,
    });
    v
}

/// The tutorial drill with a hot spot over the old town, the depot yard and
/// the depot's road node, and an inject on the heat layer.
fn scenario() -> CompiledScenario {
    let text = std::fs::read_to_string(format!("{}/../scenarios/tutorial.ron", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .replace(
            r#"(name: "old_town", at: Rect(1, 3, 2, 4)),"#,
            r#"(name: "old_town", at: Rect(1, 3, 2, 4)),
        (name: "hot_spot", at: Rect(0, 2, 5, 6)),"#,
        )
        .replace(
            "injects: [",
            r#"injects: [
        (id: "heat_alarm", when: Hazard(layer: "test_heat", place: "hot_spot", above: 1.5), event: Message("Heat over the old town.")),"#,
        );
    CompiledScenario::from_source(&text, Path::new("tutorial_heat.ron"), Path::new("../scenarios")).unwrap_or_else(|d| panic!("{d}"))
}

fn run(domains: &[Domain], c: &CompiledScenario) -> RunOutcome {
    Engine::prepare_with(domains, c, RunSpec { seed: 3, replication: 0 }, None).run()
}

#[test]
fn the_heat_layer_is_unknown_without_its_domain() {
    let c = scenario();
    let err = domains::check_for(STANDARD, &c).expect_err("no standard hazard publishes test_heat");
    let text = err.to_string();
    assert!(text.contains("unknown-layer") && text.contains("test_heat"), "{text}");
    domains::check_for(&with_heat(), &c).expect("the heat domain publishes its layer");
}

#[test]
fn a_new_hazard_reaches_every_consumer_through_its_layers() {
    let c = scenario();
    let heat = with_heat();
    let out = run(&heat, &c);
    let first = |kind: &str| out.events.iter().find(|e| e.kind == kind);

    // Conditions: heat passes 1.5 at the end of minute 15 (0.1 per minute).
    let alarm = out
        .events
        .iter()
        .find(|e| e.kind == "inject_fired" && e.subject == "heat_alarm")
        .expect("the Hazard condition on the heat layer fired");
    assert!((14.0 * 60.0..=17.0 * 60.0).contains(&alarm.t_s), "fired at {} s", alarm.t_s);

    // Roads: links through the hot spot close to every class, logged with the hazard's words.
    let heated = first("link_heated").expect("a link through the hot spot closed");
    assert!(heated.t_s >= 29.0 * 60.0, "closed before the heat passed 3: {} s", heated.t_s);
    assert_eq!(heated.data["blocked_classes"], serde_json::json!(u8::MAX));

    // People: driven out, hurt and killed by the heat's own rules.
    let left = first("self_evacuation").expect("households left the hot spot");
    assert!(left.data.contains_key("heat"), "{:?}", left.data);
    let hurt = first("casualties").expect("the heat harmed people");
    assert!(hurt.data.contains_key("heat"));
    assert!(out.metrics["people.exposed"] > 0.0, "exposure not counted");

    // Sites: the depot in the hot spot is lost to the heat.
    let lost = first("depot_lost").expect("the depot yard overheated");
    assert_eq!(lost.data["cause"], "overheated");
    assert!(lost.t_s >= 40.0 * 60.0);

    // Rasters: the layer's peak, and its batch probability raster is declared.
    let peak = &out.rasters["peak_test_heat"];
    let cell = c.cells_of("hot_spot")[0];
    assert!((peak[cell] - 6.0).abs() < 0.01, "peak {} after 60 min", peak[cell]);
    assert_eq!(peak.iter().filter(|v| **v > 0.0).count(), c.cells_of("hot_spot").len());
    let prepared = Engine::prepare_with(&heat, &c, RunSpec { seed: 3, replication: 0 }, None);
    let decl = prepared.declarations();
    assert!(
        decl.probability_rasters
            .iter()
            .any(|r| r.name == "p_heat_gt_2" && r.source == "peak_test_heat")
    );
    assert!(decl.layers.iter().any(|l| l.name == HEAT && l.hazard == "heat"));

    // Without the domain none of it happens (the condition is rejected at load; here it never holds).
    let plain = run(STANDARD, &c);
    for kind in ["link_heated", "self_evacuation", "casualties", "depot_lost"] {
        assert!(!plain.events.iter().any(|e| e.kind == kind), "{kind} without the heat");
    }
    assert!(!plain.events.iter().any(|e| e.subject == "heat_alarm"));
}

#[test]
fn a_misspelt_layer_is_a_located_error_with_a_suggestion() {
    let path = format!("{}/../scenarios/riverside_flood.ron", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let wrong = r#"Hazard(layer: "water_depht_m", place: "west_gauge", above: 0.3)"#;
    let text = text.replace(r#"Depth(place: "west_gauge", above_m: 0.3)"#, wrong);
    let c = CompiledScenario::from_source(&text, Path::new("riverside.ron"), Path::new("../scenarios")).unwrap_or_else(|d| panic!("{d}"));
    let d = domains::check_for(STANDARD, &c).expect_err("the misspelt layer is caught");
    assert_eq!(d.errors.len(), 1);
    let e = &d.errors[0];
    let (line, col) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("\"water_depht_m\"").map(|b| (i + 1, l[..b].chars().count() + 1)))
        .unwrap();
    assert_eq!((e.code, e.line, e.column), ("unknown-layer", line, col));
    assert_eq!(e.hint.as_deref(), Some("did you mean `water_depth_m`?"));
}
