//! Broken scenarios, continued: numbers, distributions, limits, dates,
//! injects, encodings, many mistakes at once, and the logistics sections.
//! Same helpers and base drill as `loader_errors.rs` (`loader_cases`).

mod loader_cases;

use drillsim::CompiledScenario;
use loader_cases::*;
use std::path::Path;

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
fn a_second_substance_is_validated_but_not_simulated() {
    let flood = "Flood(inflows: [(place: \"yard\", hydrograph: [(\"0h\", 10.0), (\"1h\", 50.0)])]),";
    // Releases of one substance run together; a second substance does not yet.
    only(
        &mutate(
            flood,
            "Release(id: \"cl\", place: \"yard\", substance: Chlorine, mass_kg: 100.0), Release(id: \"nh3\", place: \"yard\", substance: Ammonia, mass_kg: 50.0),",
        ),
        "not-yet-simulated",
        36,
        125,
        "a release of a second substance (Ammonia after Chlorine) is validated but not simulated yet: one substance per drill",
        Some("releases of one substance add up in the air; give every release `substance: Chlorine`"),
    );
    // A fire's own mistakes: an unknown place, and no fuel to burn.
    let d = errors(&mutate(flood, "Fire(ignitions: [(place: \"yrd\")]),"));
    expect(&d, "unknown-id", 36, 34, "unknown place `yrd`", Some("did you mean `yard`?"));
    expect(&d, "missing-field", 36, 9, "a fire needs `fuel_models`", None);
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
fn thousands_of_mistakes_in_a_big_file_are_all_reported() {
    // 10,000 places and 5,000 teams based nowhere: every error is reported.
    // What it costs (positions and did-you-mean searches must not take a
    // pass over the file each) is measured by the `loader` bench, not here.
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
    let d = errors(&text);
    assert_eq!(
        d.errors.iter().filter(|e| e.code == "unknown-id").count(),
        5_000,
        "{}",
        d.errors[0].message
    );
    let last = d.errors.iter().rev().find(|e| e.code == "unknown-id").unwrap();
    assert!(last.message.contains("nowhere_4999"));
}

// ------------------------------------------------------------------ logistics

const SHELTERS: &str = r#"    shelters: [(id: "gym", place: "school", capacity: 500)],"#;
const RULE: &str = r#"rules: [(id: "warn_town", when: InjectFired("rain"), do: Warn(zone: "town", channel: Sirens))],"#;
const SUPPLY_HINT: &str = "depots, shelters and teams hold supplies under their ids: give each its own";

#[test]
fn consumption_needs_cannot_be_negative_or_unnamed() {
    only(
        &mutate(
            SHELTERS,
            &format!("{SHELTERS}\n    consumption: (per_person_per_day: {{\"water_l\": -2.0}}),"),
        ),
        "negative",
        43,
        51,
        "`water_l` cannot be negative, but is -2",
        Some("write a value of at least 0"),
    );
    only(
        &mutate(SHELTERS, &format!("{SHELTERS}\n    consumption: (per_person: {{\" \": 1.0}}),")),
        "empty",
        43,
        37,
        "the item name is empty",
        Some("e.g. \"water_l\""),
    );
}

#[test]
fn depots_and_teams_cannot_share_a_shelter_id() {
    only(
        &mutate(r#"(id: "dep", place"#, r#"(id: "gym", place"#),
        "duplicate-id",
        45,
        19,
        "depot `gym` has the same id as a shelter",
        Some(SUPPLY_HINT),
    );
    only(
        &mutate(r#"(id: "boat_1", kind"#, r#"(id: "gym", kind"#),
        "duplicate-id",
        44,
        18,
        "team `gym` has the same id as a shelter",
        Some(SUPPLY_HINT),
    );
}

#[test]
fn resupply_from_a_misspelt_depot_or_of_no_item() {
    let resupply = |from: &str, item: &str| {
        mutate(
            RULE,
            &format!(
                r#"rules: [(id: "warn_town", when: InjectFired("rain"), do: Resupply(from: "{from}", to: "gym", item: "{item}", quantity: 10.0))],"#
            ),
        )
    };
    only(
        &resupply("depo", "water_l"),
        "unknown-id",
        50,
        81,
        "unknown depot `depo`",
        Some("did you mean `dep`?"),
    );
    only(&resupply("dep", ""), "empty", 50, 105, "the item name is empty", None);
}

#[test]
fn negative_depot_stock_and_an_unknown_lost_depot() {
    only(
        &mutate(r#"stock: {"water_l": 1000}"#, r#"stock: {"water_l": -1000}"#),
        "negative",
        45,
        74,
        "`water_l` cannot be negative, but is -1000",
        Some("write a value of at least 0"),
    );
    only(
        &mutate(r#"event: ExtraRain(mm_h: 20.0, duration: "1h")"#, r#"event: DepotLost("depto")"#),
        "unknown-id",
        47,
        52,
        "unknown depot `depto`",
        Some("did you mean `dep`?"),
    );
}
