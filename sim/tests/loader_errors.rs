//! Broken scenarios: every mistake a trainer can make is reported with its
//! code, a clear message, the exact line and column (in characters) and, where
//! one exists, a hint.
//!
//! Each case mutates a small valid scenario ([`BASE`]) and checks one
//! diagnostic. The helper also checks that the reported line and column really
//! point at the reported text, independently of the library's own arithmetic.

use drillsim::{CompiledScenario, Diagnostic, Diagnostics};
use std::path::Path;

/// A small valid drill: an 8×4 map, three places, a road, one zone, one
/// shelter, a team, a depot, an inject and a rule.
const BASE: &str = r#"Scenario(
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
const ASCII_LAND: &str = r#"land: Ascii(
            legend: {'.': Grass, '=': Road, 'H': Residential},
            rows: [
                "HH=.....",
                "HH=.....",
                "..======",
                "........",
            ],
        ),"#;

fn compile_in(text: &str, dir: &Path) -> Result<CompiledScenario, Diagnostics> {
    CompiledScenario::from_source(text, &dir.join("drill.ron"), dir)
}

fn errors(text: &str) -> Diagnostics {
    match compile_in(text, Path::new(".")) {
        Ok(_) => panic!("the scenario should not compile:\n{text}"),
        Err(d) => d,
    }
}

/// `BASE` with `from` (which must occur exactly once) replaced by `to`.
fn mutate(from: &str, to: &str) -> String {
    mutate_text(BASE, from, to)
}

fn mutate_text(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    text.replacen(from, to, 1)
}

/// The diagnostic with `code` at `line:column`; checks its message, hint and
/// that the position is where its text is.
#[track_caller]
fn expect<'d>(d: &'d Diagnostics, code: &str, line: usize, column: usize, message: &str, hint: Option<&str>) -> &'d Diagnostic {
    let Some(found) = d.errors.iter().find(|e| e.code == code && e.line == line && e.column == column) else {
        panic!("no `{code}` at {line}:{column}; got:\n{d}\n{:#?}", d.errors);
    };
    assert!(found.message.contains(message), "message {:?} lacks {message:?}", found.message);
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
fn only(text: &str, code: &str, line: usize, column: usize, message: &str, hint: Option<&str>) -> Diagnostic {
    let d = errors(text);
    assert_eq!(d.errors.len(), 1, "expected one error, got:\n{d}");
    expect(&d, code, line, column, message, hint).clone()
}

#[test]
fn base_scenario_compiles() {
    if let Err(d) = compile_in(BASE, Path::new(".")) {
        panic!("{d}");
    }
}

// ------------------------------------------------------------------ syntax

#[test]
fn syntax_missing_comma_points_at_the_next_item_and_names_the_line() {
    let d = only(
        &mutate("name: \"Base drill\",", "name: \"Base drill\""),
        "syntax",
        3,
        5,
        "expected `,`",
        Some("add `,` at the end of line 2"),
    );
    assert_eq!(d.text, "s");
}

#[test]
fn syntax_missing_colon_after_field_name() {
    only(
        &mutate("cell_size_m: 50.0", "cell_size_m 50.0"),
        "syntax",
        7,
        21,
        "expected `:` after the field name `cell_size_m`",
        Some("write `cell_size_m: value`"),
    );
}

#[test]
fn syntax_unclosed_text_names_the_line_where_it_starts() {
    only(
        &mutate("name: \"Base drill\",", "name: \"Base drill,"),
        "syntax",
        3,
        13,
        "a `\"` is probably missing",
        Some("the text that starts on line 2 runs over a line break: close it with `\"`"),
    );
}

#[test]
fn syntax_missing_closing_bracket() {
    only(
        &mutate(
            "        (name: \"yard\", at: Point(4, 3)),\n    ],",
            "        (name: \"yard\", at: Point(4, 3)),\n",
        ),
        "syntax",
        24,
        10,
        "unexpected `:`",
        Some("a closing `]` or `)` is probably missing before this field"),
    );
}

#[test]
fn syntax_stray_character_and_trailing_text() {
    only(&mutate("crew: 4", "crew: @4"), "syntax", 44, 69, "unexpected character `@`", None);
    only(&format!("{BASE})\n"), "syntax", 54, 1, "after the end of the scenario", None);
}

#[test]
fn syntax_truncated_file_points_at_its_end() {
    let cut = &BASE[..BASE.find("    roads: (").unwrap()];
    only(cut, "syntax", 23, 7, "the file ends before every bracket is closed", None);
}

// ------------------------------------------------------------------ types

#[test]
fn wrong_type_text_for_a_number() {
    only(
        &mutate("residents: 200", "residents: \"many\""),
        "type",
        39,
        35,
        "expected a number, found the text \"many\"",
        None,
    );
    only(
        &mutate("residents: 200", "residents: \"200\""),
        "type",
        39,
        35,
        "expected a number",
        Some("write the number without quotes"),
    );
}

#[test]
fn wrong_type_out_of_range_and_duration_without_unit() {
    only(
        &mutate("crew: 4", "crew: -4"),
        "type",
        44,
        69,
        "expected a whole number from 0 to 4294967295, found -4",
        None,
    );
    only(
        &mutate("duration: \"2h\"", "duration: 2"),
        "type",
        4,
        15,
        "durations need a unit: write \"2min\" or \"2s\"",
        None,
    );
    only(
        &mutate("duration: \"2h\"", "duration: \"2 weeks\""),
        "type",
        4,
        15,
        "unknown time unit `weeks`",
        None,
    );
}

#[test]
fn unknown_field_with_did_you_mean() {
    only(
        &mutate("capacity: 500", "capacty: 500"),
        "unknown-field",
        42,
        45,
        "unknown field `capacty`",
        Some("did you mean `capacity`?"),
    );
    // Inside an enum variant written with fields, too.
    only(
        &mutate("duration: \"1h\")", "duraton: \"1h\")"),
        "unknown-field",
        47,
        64,
        "unknown field `duraton`",
        Some("did you mean `duration`?"),
    );
}

#[test]
fn unknown_variant_with_did_you_mean() {
    only(
        &mutate("Constant(10.0)", "Constnt(10.0)"),
        "unknown-variant",
        8,
        20,
        "unknown variant `Constnt`",
        Some("did you mean `Constant`?"),
    );
    only(
        &mutate("tier: County", "tier: Country"),
        "unknown-variant",
        45,
        47,
        "unknown variant `Country`",
        Some("did you mean `County`?"),
    );
}

#[test]
fn missing_field_points_at_the_struct() {
    only(
        &mutate(
            "(id: \"gym\", place: \"school\", capacity: 500)",
            "(id: \"gym\", place: \"school\")",
        ),
        "missing-field",
        42,
        16,
        "missing field `capacity`",
        Some("add `capacity: ...` here"),
    );
}

#[test]
fn duplicate_map_key_points_at_the_second_one() {
    only(
        &mutate("{'.': Grass, '=': Road,", "{'.': Grass, '.': Road,"),
        "duplicate-key",
        10,
        34,
        "key `.` is given twice in this map",
        Some("remove one of them"),
    );
}

#[test]
fn duplicate_field_points_at_the_second_one() {
    only(
        &mutate("capacity: 500", "capacity: 500, capacity: 600"),
        "duplicate-field",
        42,
        60,
        "field `capacity` is given twice",
        Some("remove one of them"),
    );
}

// ------------------------------------------------------------------ ids

#[test]
fn unknown_id_with_did_you_mean() {
    only(
        &mutate("base: \"st1\"", "base: \"st2\""),
        "unknown-id",
        44,
        56,
        "unknown team base (station, place or road node) `st2`",
        Some("did you mean `st1`?"),
    );
}

#[test]
fn duplicate_id_names_the_first_declaration() {
    let d = errors(&mutate("(id: \"c\", at: (7, 2))", "(id: \"b\", at: (7, 2))"));
    expect(
        &d,
        "duplicate-id",
        28,
        18,
        "road node `b` is declared twice",
        Some("ids must be unique: rename one of them (first declared on line 27)"),
    );
    expect(&d, "unknown-id", 32, 41, "unknown road node `c`", None);
}

#[test]
fn misspelt_team_kind() {
    only(
        &mutate("\"water_rescue\"", "\"water_rescu\""),
        "unknown-id",
        44,
        34,
        "unknown team kind `water_rescu`",
        Some("did you mean `water_rescue`?"),
    );
}

#[test]
fn expects_naming_an_unknown_rule() {
    only(
        &mutate("expects: [\"warn_town\"]", "expects: [\"warn_twn\"]"),
        "unknown-id",
        47,
        91,
        "unknown plan rule or order `warn_twn`",
        Some("did you mean `warn_town`?"),
    );
}

#[test]
fn unknown_inject_inside_a_combined_condition() {
    only(
        &mutate("InjectFired(\"rain\")", "All([After(\"5min\"), InjectFired(\"rian\")])"),
        "unknown-id",
        50,
        73,
        "unknown inject `rian`",
        Some("did you mean `rain`?"),
    );
}

// ------------------------------------------------------------------ map

#[test]
fn place_outside_the_map() {
    only(
        &mutate("Point(7, 3)", "Point(9, 3)"),
        "outside-map",
        21,
        30,
        "place `school` has point (9, 3) outside the 8×4 map",
        Some("cells are (col, row) with col 0..=7 and row 0..=3 (row 0 is the top edge)"),
    );
}

#[test]
fn outside_points_of_rects_and_polygons_are_underlined_exactly() {
    let d = only(
        &mutate("Rect(0, 0, 1, 1)", "Rect(0, 0, 1, 7)"),
        "outside-map",
        20,
        42,
        "point (1, 7)",
        None,
    );
    assert_eq!(d.text, "7");
    let d = only(
        &mutate("Rect(0, 0, 1, 1)", "Polygon([(0, 0), (1, 0), (9, 1), (0, 1)])"),
        "outside-map",
        20,
        53,
        "point (9, 1)",
        None,
    );
    assert_eq!(d.text, "(9, 1)");
}

#[test]
fn raster_size_differs_from_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let mut asc = String::from("ncols 5\nnrows 4\nxllcorner 0\nyllcorner 0\ncellsize 50\n");
    for _ in 0..4 {
        asc.push_str("1 2 3 4 5\n");
    }
    std::fs::write(dir.path().join("dem.asc"), asc).unwrap();
    let text = mutate("Constant(10.0)", "AsciiGrid(\"dem.asc\")");
    let d = compile_in(&text, dir.path()).expect_err("size mismatch");
    assert_eq!(d.errors.len(), 1, "{d}");
    expect(
        &d,
        "size-mismatch",
        8,
        30,
        "`dem.asc` is 5×4 cells but the map is 8×4",
        Some("the elevation raster, the land map and `size` must all agree"),
    );
}

#[test]
fn broken_raster_file_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dem.asc"), "ncols 8\nnrows 4\ncellsize 50\n1 2 x\n").unwrap();
    let text = mutate("Constant(10.0)", "AsciiGrid(\"dem.asc\")");
    let d = compile_in(&text, dir.path()).expect_err("bad raster");
    expect(&d, "bad-raster", 8, 30, "cannot read `dem.asc`: line 4: `x` is not a number", None);
}

#[test]
fn missing_data_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = mutate("Constant(10.0)", "AsciiGrid(\"data/dem.asc\")");
    let d = compile_in(&text, dir.path()).expect_err("missing file");
    assert_eq!(d.errors.len(), 1, "{d}");
    expect(
        &d,
        "missing-file",
        8,
        30,
        "data file `data/dem.asc` not found",
        Some("paths are relative to the folder of the scenario file"),
    );
}

#[test]
fn undefined_legend_character_points_at_the_character() {
    let d = only(
        &mutate("\"........\",", "\"....X...\","),
        "undefined-legend",
        15,
        22,
        "character 'X' in row 4 is not in the legend",
        Some("add 'X': <LandClass> to `legend` (defined: '.', '=', 'H')"),
    );
    assert_eq!(d.text, "X");
}

#[test]
fn ragged_ascii_rows_report_the_odd_row_only() {
    only(
        &mutate("\"HH=.....\",\n                \"..", "\"HH=......\",\n                \".."),
        "ragged-map",
        13,
        17,
        "row 2 has 9 characters, the other rows have 8",
        Some("every row of the ASCII map must be the same width"),
    );
}

#[test]
fn grid_over_the_cell_limit_is_rejected_before_allocation() {
    for (size, cells) in [("(5000, 5000)", "25000000"), ("(4000000, 4000000)", "16000000000000")] {
        let text = mutate(ASCII_LAND, &format!("size: {size},\n        land: Uniform(Grass),"));
        only(
            &text,
            "too-large",
            9,
            15,
            &format!("= {cells} cells; maps must have 1 to 16777216 cells"),
            Some("use a larger cell_size_m or a smaller extent"),
        );
    }
}

#[test]
fn too_many_hills() {
    let hills = vec!["(at: (1, 1), height_m: 5.0, radius_m: 50.0)"; 70].join(", ");
    only(
        &mutate("Constant(10.0)", &format!("Hills(base_m: 0.0, hills: [{hills}])")),
        "too-large",
        8,
        46,
        "70 hills; the limit is 64",
        Some("for real terrain use an AsciiGrid elevation file"),
    );
}

#[cfg(unix)]
#[test]
fn devices_are_not_read_as_data_files() {
    // `/dev/zero` reports size 0 and never ends: it must be refused, not read.
    only(
        &mutate("Constant(10.0)", "AsciiGrid(\"/dev/zero\")"),
        "bad-raster",
        8,
        30,
        "`/dev/zero` is not a regular file",
        None,
    );
}

#[test]
fn places_covering_too_many_cells_are_rejected_before_their_cells_are_listed() {
    // Checked on a 4096×4096 map without building it: the second whole-map place takes the total past 2 × 4096² cells.
    let places = "(name: \"town\", at: Rect(0, 0, 1, 1)),";
    let text = mutate(
        places,
        &format!(
            "{places}\n        (name: \"p1\", at: Rect(0, 0, 4095, 4095)), (name: \"p2\", at: Rect(0, 0, 4095, 4095)), (name: \"p3\", at: Rect(0, 0, 4095, 4095)),"
        ),
    );
    let parsed = drillsim::scenario::parse(&text, Path::new("drill.ron")).unwrap_or_else(|d| panic!("{d}"));
    let dims = drillsim::map::Dims { cols: 4096, rows: 4096 };
    let problems = drillsim::scenario::validate::validate(&parsed.scenario, Some(dims));
    let mut d = Diagnostics::new(Path::new("drill.ron"), &text);
    drillsim::scenario::locate(&mut d, &parsed.tree, problems);
    expect(
        &d,
        "too-large",
        21,
        68,
        "all places up to this one cover 33554436 cells; the limit is 33554432",
        None,
    );
}

#[test]
fn too_many_road_cells_for_derived_roads() {
    let text = mutate(ASCII_LAND, "size: (500, 500),\n        land: Uniform(Road),");
    let text = mutate_text(&text, "    roads: (\n", "    roads: (\n        from_cells: (speed_kmh: 30.0),\n");
    only(
        &text,
        "too-large",
        18,
        21,
        "the map has 250000 `Road` cells",
        Some("declare the main roads as nodes and links instead"),
    );
}

// ------------------------------------------------------------------ roads and reachability

#[test]
fn shelter_unreachable_from_a_zone_by_road() {
    only(
        &mutate("            (id: \"east\", from: \"b\", to: \"c\"),\n", ""),
        "unreachable",
        38,
        16,
        "no shelter can be reached by road from zone `town`, on foot or by car",
        Some("add road links joining the zone's nearest road node to a shelter's"),
    );
}

#[test]
fn assigned_shelter_unreachable_and_one_way_links() {
    let text = mutate(
        "(id: \"east\", from: \"b\", to: \"c\")",
        "(id: \"east\", from: \"c\", to: \"b\", two_way: false)",
    );
    only(
        &mutate_text(&text, "vulnerable_share: 0.2", "vulnerable_share: 0.2, shelter: \"gym\""),
        "unreachable",
        39,
        72,
        "shelter `gym` cannot be reached by road from zone `town`",
        None,
    );
}

// ------------------------------------------------------------------ numbers

#[test]
fn uniform_with_min_above_max() {
    only(
        &mutate("residents: 200", "residents: Uniform(300, 200)"),
        "bad-distribution",
        39,
        35,
        "Uniform(min, max) has min 300 greater than max 200",
        None,
    );
}

#[test]
fn negative_capacity() {
    only(
        &mutate("capacity: 500", "capacity: -5"),
        "negative",
        42,
        55,
        "capacity cannot be negative, but is -5",
        Some("write a value of at least 0"),
    );
}

#[test]
fn normal_that_can_go_negative() {
    only(
        &mutate("residents: 200", "residents: Normal(200, 100)"),
        "negative",
        39,
        35,
        "residents cannot be negative, but can be -201.281",
        Some("write a value of at least 0 (a Normal is checked over mean ± 4 sd)"),
    );
}

#[test]
fn share_above_one() {
    only(
        &mutate("vulnerable_share: 0.2", "vulnerable_share: 1.2"),
        "not-a-share",
        39,
        58,
        "vulnerable_share is a share between 0 and 1, found 1.2",
        Some("write 0.85 for 85 %"),
    );
}

#[test]
fn non_finite_numbers() {
    only(
        &mutate("capacity: 500", "capacity: inf"),
        "bad-distribution",
        42,
        55,
        "every value must be a finite number",
        None,
    );
    only(
        &mutate("residents: 200", "residents: NaN"),
        "bad-distribution",
        39,
        35,
        "every value must be a finite number",
        None,
    );
}

#[test]
fn too_many_residents() {
    only(
        &mutate("residents: 200", "residents: 9000000"),
        "too-large",
        39,
        35,
        "residents must be at most 5000000, but is 9000000",
        Some("the documented limit is 5000000"),
    );
}

#[test]
fn giant_convoy_and_crew() {
    only(
        &mutate(
            "    injects: [",
            "    convoys: [(id: \"cv\", from: \"yard\", to: \"school\", vehicles: 4000000000)],\n    injects: [",
        ),
        "out-of-range",
        46,
        64,
        "vehicles must be 1 to 10000, found 4000000000",
        None,
    );
    only(
        &mutate("crew: 4", "crew: 5000"),
        "out-of-range",
        44,
        69,
        "crew must be 1 to 1000, found 5000",
        None,
    );
}

#[test]
fn hydrograph_times_not_increasing() {
    only(
        &mutate("(\"1h\", 50.0)", "(\"0h\", 50.0)"),
        "not-increasing",
        36,
        69,
        "times in a series must increase",
        Some("list the points in time order, each time once"),
    );
}

// ------------------------------------------------------------------ clock and MSEL

#[test]
fn bad_dates() {
    for (date, why) in [
        ("2024-13-12T08:00", "month 13 is not 01 to 12"),
        ("2023-02-29T08:00", "day 29 is not in month 02, which has 28 days"),
        ("2024-06-12 08:00", "expected the form YYYY-MM-DDTHH:MM"),
    ] {
        only(
            &mutate("2024-06-12T08:00", date),
            "bad-date",
            3,
            12,
            why,
            Some("write YYYY-MM-DDTHH:MM, e.g. \"2024-06-12T02:00\""),
        );
    }
}

#[test]
fn tick_longer_than_duration() {
    only(
        &mutate("tick: \"1min\"", "tick: \"3h\""),
        "out-of-range",
        5,
        11,
        "tick 3h is longer than the whole drill (duration 2h)",
        Some("use a tick shorter than `duration`, e.g. \"1min\""),
    );
}

#[test]
fn inject_with_both_at_and_when() {
    only(
        &mutate("at: \"30min\", event", "at: \"30min\", when: After(\"10min\"), event"),
        "conflict",
        47,
        41,
        "inject `rain` has both `at` and `when`",
        Some("keep one: `at` for a fixed time, `when` for a condition"),
    );
}

#[test]
fn inject_after_the_end() {
    only(
        &mutate("at: \"30min\"", "at: \"3h\""),
        "after-end",
        47,
        26,
        "inject `rain` can fire at 10800, after the drill ends (2h)",
        None,
    );
}

// ------------------------------------------------------------------ hazards not simulated yet

#[test]
fn fire_and_release_are_validated_but_not_simulated() {
    let flood = "Flood(inflows: [(place: \"yard\", hydrograph: [(\"0h\", 10.0), (\"1h\", 50.0)])]),";
    only(
        &mutate(flood, "Fire(ignitions: [(place: \"yard\")]),"),
        "not-yet-simulated",
        36,
        9,
        "fire hazards are validated but not simulated yet",
        Some("remove this hazard to run the drill; the rest of the scenario is checked as usual"),
    );
    only(
        &mutate(flood, "Release(id: \"cl\", place: \"yard\", substance: Chlorine, mass_kg: 100.0),"),
        "not-yet-simulated",
        36,
        9,
        "chemical releases are validated but not simulated yet",
        None,
    );
    // Validation of a fire still runs: its mistakes come with the notice.
    let d = errors(&mutate(flood, "Fire(ignitions: [(place: \"yrd\")]),"));
    expect(&d, "unknown-id", 36, 34, "unknown place `yrd`", Some("did you mean `yard`?"));
    expect(&d, "not-yet-simulated", 36, 9, "fire hazards", None);
}

// ------------------------------------------------------------------ files and text

#[test]
fn non_utf8_file_points_at_the_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.ron");
    // "Base édrill" saved as Latin-1: é is the single byte 0xE9.
    let mut bytes = BASE.replace("Base drill", "Base \u{0}drill").into_bytes();
    bytes.iter_mut().filter(|b| **b == 0).for_each(|b| *b = 0xE9);
    std::fs::write(&file, bytes).unwrap();
    let d = CompiledScenario::load(&file).expect_err("not UTF-8");
    assert_eq!(d.errors.len(), 1);
    expect(
        &d,
        "encoding",
        2,
        17,
        "the file is not UTF-8: byte 0xE9 cannot be decoded",
        Some("save the scenario as UTF-8 (files saved as GBK/GB 2312 or Latin-1 must be converted)"),
    );
}

#[test]
fn byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bom.ron");
    std::fs::write(&file, format!("\u{FEFF}{BASE}")).unwrap();
    if let Err(d) = CompiledScenario::load(&file) {
        panic!("{d}");
    }
}

#[test]
fn chinese_names_work_and_columns_count_characters() {
    let text = BASE.replace("\"yard\"", "\"河畔\"").replace("\"st1\"", "\"站一\"");
    if let Err(d) = compile_in(&text, Path::new(".")) {
        panic!("Chinese names must work end to end:\n{d}");
    }
    // `"河畔公园"` starts at character 34 (byte 38) of its line.
    let d = only(
        &mutate_text(&text, "place: \"河畔\")]", "place: \"河畔公园\")]"),
        "unknown-id",
        43,
        34,
        "unknown place `河畔公园`",
        Some("did you mean `河畔`?"),
    );
    assert_eq!(d.text, "\"河畔公园\"");
}

#[test]
fn oversized_file_is_rejected_without_parsing() {
    let big = format!("{BASE}//{}\n", "x".repeat(drillsim::scenario::MAX_SCENARIO_BYTES));
    only(&big, "too-large", 1, 1, "the limit is 16777216 bytes (16 MiB)", None);
}

// ------------------------------------------------------------------ all at once

#[test]
fn three_independent_type_mistakes_are_all_reported() {
    let text = mutate("residents: 200", "residents: \"x\"");
    let text = mutate_text(&text, "capacity: 500", "capacty: 500");
    let text = mutate_text(&text, "crew: 4", "crew: -4");
    let d = errors(&text);
    assert!(d.errors.len() >= 3, "{d}");
    expect(&d, "type", 39, 35, "expected a number", None);
    expect(
        &d,
        "unknown-field",
        42,
        45,
        "unknown field `capacty`",
        Some("did you mean `capacity`?"),
    );
    expect(&d, "type", 44, 69, "found -4", None);
}

#[test]
fn three_independent_semantic_mistakes_are_all_reported() {
    let text = mutate("\"water_rescue\"", "\"water_rescu\"");
    let text = mutate_text(&text, "Point(7, 3)", "Point(70, 3)");
    let text = mutate_text(&text, "expects: [\"warn_town\"]", "expects: [\"nope\"]");
    let d = errors(&text);
    assert!(d.errors.len() >= 3, "{d}");
    expect(&d, "outside-map", 21, 30, "point (70, 3)", None);
    expect(&d, "unknown-id", 44, 34, "`water_rescu`", Some("did you mean `water_rescue`?"));
    expect(&d, "unknown-id", 47, 91, "`nope`", Some("declared: `warn_town`"));
    // Sorted top to bottom.
    assert!(d.errors.windows(2).all(|w| (w[0].line, w[0].column) <= (w[1].line, w[1].column)));
}

#[test]
fn thousands_of_mistakes_in_a_big_file_are_all_reported_without_quadratic_work() {
    // 10,000 places and 5,000 teams based nowhere: every error is reported, and
    // neither positions nor did-you-mean searches cost a pass over the file each.
    let places: Vec<String> = (0..10_000)
        .map(|i| format!("(name: \"p{i}\", at: Point({}, {}))", i % 8, (i / 8) % 4))
        .collect();
    let teams: Vec<String> = (0..5_000)
        .map(|i| format!("(id: \"t{i}\", kind: \"police\", base: \"nowhere_{i}\")"))
        .collect();
    let text = mutate(
        "    places: [\n",
        &format!("    places: [\n        {},\n", places.join(",\n        ")),
    );
    let text = mutate_text(&text, "    teams: [", &format!("    teams: [{},\n", teams.join(",\n")));
    let started = std::time::Instant::now();
    let d = errors(&text);
    assert_eq!(
        d.errors.iter().filter(|e| e.code == "unknown-id").count(),
        5_000,
        "{}",
        d.errors[0].message
    );
    let last = d.errors.iter().rev().find(|e| e.code == "unknown-id").unwrap();
    assert!(last.message.contains("nowhere_4999"));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
}
