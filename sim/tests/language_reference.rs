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
