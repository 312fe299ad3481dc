//! Broken scenarios: every mistake a trainer can make is reported with its
//! code, a clear message, the exact line and column (in characters) and, where
//! one exists, a hint.
//!
//! Each case mutates a small valid scenario ([`BASE`]) and checks one
//! diagnostic. The helper also checks that the reported line and column really
//! point at the reported text, independently of the library's own arithmetic.

mod loader_cases;

use drillsim::Diagnostics;
use loader_cases::*;
use std::path::Path;

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
fn syntax_full_width_punctuation_is_named_in_both_languages() {
    // A Chinese input method left on: a full-width comma after a value.
    let d = only(
        &mutate("name: \"Base drill\",", "name: \"Base drill\"，"),
        "syntax",
        2,
        23,
        "full-width `，` where `,` is needed",
        Some("write `,` instead; outside \"quotes\", switch the input method to English punctuation"),
    );
    assert_eq!(d.message_zh, "这里是全角标点 `，`，应为半角的 `,`");
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
        Some("add `capacity: ...` inside the parentheses that open here"),
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
