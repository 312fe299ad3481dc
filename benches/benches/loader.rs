//! The scenario loader on a big, wrong file: how long `validate` takes to
//! report every mistake.
//!
//! `cargo bench -p drillsim-benches --bench loader`
//!
//! `thousands_of_mistakes`: the tutorial drill with 10,000 more places and
//! 5,000 teams based at places that do not exist — 5,000 located
//! `unknown-id` errors, each with its did-you-mean search. Positions and
//! searches must not cost a pass over the file each (that was quadratic
//! once); the test `thousands_of_mistakes_in_a_big_file_are_all_reported`
//! checks the errors, this bench their cost.

use drillsim::CompiledScenario;
use std::path::Path;

fn main() {
    divan::main();
}

fn big_wrong_file() -> String {
    let base = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/tutorial.ron")).unwrap();
    let places: Vec<String> = (0..10_000)
        .map(|i| format!("(name: \"p{i}\", at: Point({}, {})),", i % 8, (i / 8) % 4))
        .collect();
    let teams: Vec<String> = (0..5_000)
        .map(|i| format!("(id: \"t{i}\", kind: \"police\", base: \"nowhere_{i}\"),"))
        .collect();
    base.replacen(
        "    places: [\n",
        &format!("    places: [\n        {}\n", places.join("\n        ")),
        1,
    )
    .replacen(
        "    population: [",
        &format!("    teams: [\n        {}\n    ],\n    population: [", teams.join("\n        ")),
        1,
    )
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn thousands_of_mistakes(bencher: divan::Bencher) {
    let text = big_wrong_file();
    let errors = match CompiledScenario::from_source(&text, Path::new("big.ron"), Path::new(".")) {
        Err(d) => d.errors.iter().filter(|e| e.code == "unknown-id").count(),
        Ok(_) => 0,
    };
    assert_eq!(errors, 5_000, "the bench file must hold 5,000 unknown bases");
    bencher.bench(|| CompiledScenario::from_source(&text, Path::new("big.ron"), Path::new(".")));
}
