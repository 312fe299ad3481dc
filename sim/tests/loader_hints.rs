//! Hints that point at the real mistake: a typo in a declaration is one
//! error, not one per correct use; a list of known names starts with the
//! closest; a bad row copied many times is one error naming the other
//! lines; what is valid but not simulated yet is a warning for `validate`.

mod loader_cases;

use drillsim::CompiledScenario;
use loader_cases::{BASE, errors, mutate, mutate_text};
use std::path::Path;

#[test]
fn a_typo_in_a_zone_is_one_error_at_the_zone() {
    let d = errors(&mutate(r#"(zone: "town", residents: 200"#, r#"(zone: "twon", residents: 200"#));
    assert_eq!(d.errors.len(), 1, "the correct uses of `town` are not blamed:\n{d}");
    let e = &d.errors[0];
    assert!(e.message.contains("unknown place `twon`"), "{d}");
    assert_eq!(e.hint.as_deref(), Some("did you mean `town`?"));
}

#[test]
fn one_bad_row_copied_is_one_error_naming_the_other_lines() {
    let row = r#"    teams: [(id: "boat_1", kind: "water_rescue", base: "st1", crew: 4)],"#;
    let copies: Vec<String> = (1..=9)
        .map(|i| format!(r#"        (id: "boat_{i}", kind: "water_rescue", base: "st9", crew: 4),"#))
        .collect();
    let text = mutate_text(BASE, row, &format!("    teams: [\n{}\n    ],", copies.join("\n")));
    let d = errors(&text);
    let unknown: Vec<_> = d.errors.iter().filter(|e| e.message.contains("`st9`")).collect();
    assert_eq!(unknown.len(), 1, "{d}");
    let hint = unknown[0].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("the same problem on 8 more line(s)"), "{hint}");
}

#[test]
fn the_list_of_known_names_starts_with_the_closest() {
    // Far from every kind, so no did-you-mean: the list itself must help.
    let d = errors(&mutate(r#"kind: "water_rescue""#, r#"kind: "rescue_water_boat""#));
    let hint = d.errors[0].hint.clone().unwrap_or_default();
    let first = hint.split('`').nth(1).unwrap_or_default();
    assert!(first.contains("rescue"), "the closest kinds come first: {hint}");
}

#[test]
fn not_simulated_yet_is_a_warning_for_validate_and_an_error_for_run() {
    let flood = "Flood(inflows: [(place: \"yard\", hydrograph: [(\"0h\", 10.0), (\"1h\", 50.0)])]),";
    let text = mutate(
        flood,
        &format!(
            "{flood}\n        Release(id: \"cl\", place: \"yard\", substance: Chlorine, mass_kg: 100.0),\n        Release(id: \"nh3\", place: \"yard\", substance: Ammonia, mass_kg: 50.0),"
        ),
    );
    let c = CompiledScenario::from_source(&text, Path::new("drill.ron"), Path::new(".")).expect("valid");
    assert_eq!(c.not_simulated.errors.len(), 1);
    assert_eq!(c.not_simulated.errors[0].code, "not-yet-simulated");
    assert!(c.not_simulated.errors[0].line > 1);
    let refused = c.runnable().unwrap_err();
    assert!(
        refused.errors[0]
            .message
            .contains("a release of a second substance (Ammonia after Chlorine) is validated but not simulated yet")
    );
}
