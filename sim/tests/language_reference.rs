//! scenarios/README.md stays true to the code: its complete example compiles,
//! its fragments parse as the sections they show, and it names every limit.

use drillsim::CompiledScenario;
use std::path::Path;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/README.md")).expect("scenarios/README.md")
}

/// The ```ron blocks of the README.
fn ron_blocks(text: &str) -> Vec<String> {
    text.split("```ron\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_complete_example_compiles() {
    let text = readme();
    let example = text.split("## A complete small drill").nth(1).expect("the section exists");
    let block = &ron_blocks(example)[0];
    if let Err(d) = CompiledScenario::from_source(block, Path::new("README.md"), Path::new(".")) {
        panic!("{d}");
    }
}

/// Every fragment parses as the part of a scenario it shows (checked up to
/// types: no syntax, unknown-field, unknown-variant or type errors).
#[test]
fn section_examples_are_well_typed() {
    const MAP: &str = "map: (cell_size_m: 50.0, size: (24, 12), elevation: Constant(1.0), land: Uniform(Grass)),";
    let scenario = |fields: &str| format!("Scenario(name: \"x\", start: \"2024-01-01T00:00\", duration: \"8h\", {fields})");
    let map_with = |field: &str| scenario(&format!("map: (cell_size_m: 50.0, size: (24, 12), {field}),"));
    let mut checked = 0;
    for block in ron_blocks(&readme()) {
        let b = block.trim();
        let sources: Vec<String> = if b.starts_with("Scenario(") || b.starts_with("depart:") {
            // The meta outline (with `..`) and parameter snippets shown in their sections too.
            Vec::new()
        } else if b.starts_with("elevation:") {
            // Alternatives, one `elevation:` each.
            b.split("elevation:")
                .filter(|a| !a.trim().is_empty())
                .map(|a| map_with(&format!("land: Uniform(Grass), elevation:{a}")))
                .collect()
        } else if b.starts_with("land:") {
            vec![map_with(&format!("elevation: Constant(1.0), {b}"))]
        } else if b.starts_with("Fire(") || b.starts_with("Release(") {
            vec![scenario(&format!("{MAP} hazards: [{b}]"))]
        } else if b.starts_with("map:") {
            vec![scenario(b)]
        } else {
            vec![scenario(&format!("{MAP} {b}"))]
        };
        for src in sources {
            check(&src);
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} fragments checked");
}

#[track_caller]
fn check(src: &str) {
    if let Err(d) = drillsim::scenario::parse(src, Path::new("README.md")) {
        panic!("a README fragment does not parse:\n{src}\n{d}");
    }
}

#[test]
fn every_limit_is_documented() {
    let text = readme();
    for name in [
        "MAX_SCENARIO_BYTES",
        "MAX_DEPTH",
        "MAX_CELLS",
        "MAX_PLACE_CELLS",
        "MAX_CELL_SIZE_M",
        "MAX_ASC_BYTES",
        "MAX_HILLS",
        "MAX_HILL_OFFSET",
        "MAX_SHAPE_POINTS",
        "MAX_ROAD_NODES",
        "MAX_ROAD_LINKS",
        "MAX_ROAD_CELLS",
        "MAX_LANES",
        "MAX_RESIDENTS",
        "MAX_TEAMS",
        "MAX_CREW",
        "MAX_CONVOY_VEHICLES",
        "MAX_TOTAL_VEHICLES",
        "MAX_QUANTITY",
        "MAX_BEDS",
        "MIN_TICK_S",
        "MAX_TICKS",
        "MAX_DURATION_S",
        "MAX_LOG_SIGMA",
    ] {
        assert!(text.contains(&format!("{name}`")), "scenarios/README.md does not document {name}");
    }
    use drillsim::scenario::validate as v;
    assert_eq!(drillsim::map::MAX_CELLS, 16_777_216);
    assert_eq!(drillsim::scenario::MAX_SCENARIO_BYTES, 16 * 1024 * 1024);
    assert_eq!((v::MAX_RESIDENTS, v::MAX_TEAMS, v::MAX_CREW), (5_000_000.0, 10_000, 1_000));
    assert_eq!(
        (v::MAX_CONVOY_VEHICLES, v::MAX_TOTAL_VEHICLES, v::MAX_ROAD_NODES, v::MAX_ROAD_LINKS),
        (10_000, 100_000, 200_000, 400_000)
    );
    assert_eq!(
        (v::MIN_TICK_S, v::MAX_TICKS, drillsim::scenario::units::MAX_DURATION_S),
        (1.0, 200_000.0, 2_592_000.0)
    );
    assert_eq!(
        (
            drillsim::map::MAX_HILLS,
            drillsim::map::MAX_HILL_OFFSET,
            v::MAX_SHAPE_POINTS,
            v::MAX_LANES
        ),
        (64, 1_000_000, 10_000, 16)
    );
}

/// Whether `name` occurs in `text` as a whole word.
fn mentions(text: &str, name: &str) -> bool {
    let ident = |c: char| c == '_' || c.is_alphanumeric();
    text.match_indices(name)
        .any(|(i, _)| !text[..i].chars().next_back().is_some_and(ident) && !text[i + name.len()..].chars().next().is_some_and(ident))
}

/// The names serde expects where `probe` is written as a `T`: the fields of a
/// struct or the variants of an enum, listed in its "unknown .." message.
fn names_of<T: serde::de::DeserializeOwned>(probe: &str) -> Vec<String> {
    let node = drillsim::scenario::tree::parse(probe).expect("probe parses");
    match drillsim::scenario::de::from_node::<T>(&node) {
        Ok(_) => Vec::new(),
        Err(e) if e.message.starts_with("unknown") => e.message.split('`').skip(3).step_by(2).map(str::to_string).collect(),
        Err(_) => Vec::new(),
    }
}

fn fields<T: serde::de::DeserializeOwned>() -> Vec<String> {
    names_of::<T>("(zzz_not_a_field: 1)")
}

/// Variants of an enum and the fields of its struct variants.
fn variants<T: serde::de::DeserializeOwned>() -> Vec<String> {
    let vs = names_of::<T>("ZzzNotAVariant");
    let mut all = vs.clone();
    for v in vs {
        all.extend(names_of::<T>(&format!("{v}(zzz_not_a_field: 1)")));
    }
    all
}

/// Every field and every name of the language appears in the reference, so a
/// field added to the model without documentation fails here.
#[test]
fn every_field_and_name_is_documented() {
    use drillsim::scenario::model::*;
    let text = readme();
    let names: Vec<String> = [
        fields::<Scenario>(),
        fields::<MapSpec>(),
        fields::<Hill>(),
        fields::<Place>(),
        fields::<Roads>(),
        fields::<RoadNode>(),
        fields::<RoadLink>(),
        fields::<DerivedRoads>(),
        fields::<Weather>(),
        fields::<WindAt>(),
        fields::<Flood>(),
        fields::<Inflow>(),
        fields::<WaterBody>(),
        fields::<Levee>(),
        fields::<Pump>(),
        fields::<Fire>(),
        fields::<Ignition>(),
        fields::<Release>(),
        fields::<Zone>(),
        fields::<WarningChannel>(),
        fields::<Shelter>(),
        fields::<Hospital>(),
        fields::<Station>(),
        fields::<TeamKind>(),
        fields::<Team>(),
        fields::<Depot>(),
        fields::<Agreement>(),
        fields::<Convoy>(),
        fields::<Inject>(),
        fields::<Plan>(),
        fields::<Rule>(),
        fields::<Order>(),
        fields::<LevelTrigger>(),
        fields::<Objective>(),
        fields::<Outputs>(),
        variants::<Elevation>(),
        variants::<Land>(),
        variants::<LandClass>(),
        variants::<Shape>(),
        variants::<LinkKind>(),
        variants::<VehicleClass>(),
        variants::<Sky>(),
        variants::<Hazard>(),
        variants::<Edges>(),
        variants::<Substance>(),
        variants::<Channel>(),
        variants::<TravelMode>(),
        variants::<Tier>(),
        variants::<Event>(),
        variants::<Condition>(),
        variants::<Level>(),
        variants::<DispatchPolicy>(),
        variants::<Action>(),
        variants::<Metric>(),
        variants::<Target>(),
    ]
    .concat();
    assert!(names.len() > 250, "only {} names found", names.len());
    let missing: Vec<&String> = names.iter().filter(|n| !mentions(&text, n)).collect();
    assert!(missing.is_empty(), "scenarios/README.md does not mention: {missing:?}");
    // And the bundled team kinds.
    for k in drillsim::response_defaults::bundled_kinds() {
        assert!(mentions(&text, &k.id), "bundled kind `{}` is not documented", k.id);
    }
}
