//! The base scenario and checking helpers shared by the broken-scenario
//! tests (`loader_errors.rs`, `loader_errors_values.rs`).

#![allow(dead_code)] // each test binary uses part of this module

use drillsim::{CompiledScenario, Diagnostic, Diagnostics};
use std::path::Path;

/// A small valid drill: an 8×4 map, three places, a road, one zone, one
/// shelter, a team, a depot, an inject and a rule.
pub const BASE: &str = r#"Scenario(
    name: "Base drill",
    start: "2024-06-12T08:00",
    duration: "2h",
    tick: "1min",
    map: (
        cell_size_m: 50.0,
        elevation: Constant(10.0),
        land: Ascii(
            legend: {'.': Grass, '=': Road, 'H': Residential},
            rows: [
                "HH=.....",
                "HH=.....",
                "..======",
                "........",
            ],
        ),
    ),
    places: [
        (name: "town", at: Rect(0, 0, 1, 1)),
        (name: "school", at: Point(7, 3)),
        (name: "yard", at: Point(4, 3)),
    ],
    roads: (
        nodes: [
            (id: "a", at: (2, 0)),
            (id: "b", at: (2, 2)),
            (id: "c", at: (7, 2)),
        ],
        links: [
            (id: "north", from: "a", to: "b"),
            (id: "east", from: "b", to: "c"),
        ],
    ),
    hazards: [
        Flood(inflows: [(place: "yard", hydrograph: [("0h", 10.0), ("1h", 50.0)])]),
    ],
    population: [
        (zone: "town", residents: 200, vulnerable_share: 0.2),
    ],
    warning_channels: [(channel: Sirens, reach: 0.7, delay: "5min")],
    shelters: [(id: "gym", place: "school", capacity: 500)],
    stations: [(id: "st1", place: "yard")],
    teams: [(id: "boat_1", kind: "water_rescue", base: "st1", crew: 4)],
    depots: [(id: "dep", place: "yard", tier: County, stock: {"water_l": 1000})],
    injects: [
        (id: "rain", at: "30min", event: ExtraRain(mm_h: 20.0, duration: "1h"), expects: ["warn_town"]),
    ],
    plan: (
        rules: [(id: "warn_town", when: InjectFired("rain"), do: Warn(zone: "town", channel: Sirens))],
    ),
    objectives: [(id: "life", capability: "Life safety", metric: Fatalities, target: AtMost(0.0))],
)
"#;

/// The ASCII land map of [`BASE`], lines 9 to 17.
pub const ASCII_LAND: &str = r#"land: Ascii(
            legend: {'.': Grass, '=': Road, 'H': Residential},
            rows: [
                "HH=.....",
                "HH=.....",
                "..======",
                "........",
            ],
        ),"#;

/// Compile as `run` does: what is not simulated yet is an error.
pub fn compile_in(text: &str, dir: &Path) -> Result<CompiledScenario, Diagnostics> {
    CompiledScenario::from_source(text, &dir.join("drill.ron"), dir).and_then(|c| c.runnable().map(|_| c))
}

pub fn errors(text: &str) -> Diagnostics {
    match compile_in(text, Path::new(".")) {
        Ok(_) => panic!("the scenario should not compile:\n{text}"),
        Err(d) => d,
    }
}

/// `BASE` with `from` (which must occur exactly once) replaced by `to`.
pub fn mutate(from: &str, to: &str) -> String {
    mutate_text(BASE, from, to)
}

pub fn mutate_text(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    text.replacen(from, to, 1)
}

/// The diagnostic with `code` at `line:column`; checks its message, hint and
/// that the position is where its text is.
#[track_caller]
pub fn expect<'d>(d: &'d Diagnostics, code: &str, line: usize, column: usize, message: &str, hint: Option<&str>) -> &'d Diagnostic {
    let Some(found) = d.errors.iter().find(|e| e.code == code && e.line == line && e.column == column) else {
        panic!("no `{code}` at {line}:{column}; got:\n{d}\n{:#?}", d.errors);
    };
    assert!(found.message.contains(message), "message {:?} lacks {message:?}", found.message);
    if let Some(why) = found.translation_problem() {
        panic!("{why}");
    }
    if let Some(h) = hint {
        assert_eq!(found.hint.as_deref(), Some(h), "hint of {:?}", found.message);
    }
    // The text at line:column (counted in characters) is the offending text.
    let src_line = d.source.split('\n').nth(line - 1).expect("line inside the file");
    let at: String = src_line.chars().skip(column - 1).collect();
    let text = found.text.strip_suffix("...").unwrap_or(&found.text);
    assert!(at.starts_with(text), "{line}:{column} is {at:?}, not {:?}", found.text);
    found
}

/// Exactly one diagnostic, as [`expect`].
#[track_caller]
pub fn only(text: &str, code: &str, line: usize, column: usize, message: &str, hint: Option<&str>) -> Diagnostic {
    let d = errors(text);
    assert_eq!(d.errors.len(), 1, "expected one error, got:\n{d}");
    expect(&d, code, line, column, message, hint).clone()
}
