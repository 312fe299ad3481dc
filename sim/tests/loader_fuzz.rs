//! Fuzzing the loader: every bundled scenario, mutated thousands of ways.
//!
//! For each `.ron` file in `scenarios/` (found when the test runs) proptest
//! applies one to four mutations — bytes and characters (multibyte UTF-8
//! included) deleted, inserted or replaced, lines duplicated, deleted or
//! swapped, tokens swapped, numbers replaced by huge, negative or NaN-ish
//! values, values of fields replaced by hostile ones (giant maps, giant
//! counts, impossible distributions, devices as data files), truncation — and
//! compiles the result. The loader must never panic, and every error must
//! carry at least one diagnostic, each with a line and column inside the text.
//!
//! At least [`TOTAL_CASES`] cases run across all scenarios. The seed is fixed
//! so failures reproduce; set `DRILLSIM_FUZZ_SEED` to explore other inputs and
//! `DRILLSIM_FUZZ_CASES` to change the total.

use drillsim::{CompiledScenario, Diagnostics};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use std::path::{Path, PathBuf};

/// Cases across all bundled scenarios (each scenario gets an equal share, at least 500).
const TOTAL_CASES: u32 = 10_000;

fn scenarios() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("scenarios/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .ron files in {}", dir.display());
    files
}

fn config(cases: u32) -> Config {
    let seed = std::env::var("DRILLSIM_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x0d51_11e5);
    Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        max_shrink_time: 60_000,
        ..Config::default()
    }
}

fn total_cases() -> u32 {
    std::env::var("DRILLSIM_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(TOTAL_CASES)
}

mod fuzz_mutations;

use fuzz_mutations::{Tok, apply, mutations, tokens, value_range};

// ------------------------------------------------------------------ checks

/// Every diagnostic lies inside `text`: its line exists and its column is at
/// most one past the line's last character.
fn check_diagnostics(text: &str, d: &Diagnostics) -> Result<(), TestCaseError> {
    prop_assert!(!d.errors.is_empty(), "an error without diagnostics");
    let lines: Vec<&str> = text.split('\n').collect();
    for e in &d.errors {
        prop_assert!(
            e.line >= 1 && e.line <= lines.len(),
            "line {} outside 1..={}: {e:?}",
            e.line,
            lines.len()
        );
        let width = lines[e.line - 1].chars().count();
        prop_assert!(
            e.column >= 1 && e.column <= width + 1,
            "column {} outside 1..={}: {e:?}",
            e.column,
            width + 1
        );
        prop_assert!(!e.message.is_empty());
        // The same in Chinese, for a drill that says `language: "zh"`.
        if let Some(why) = e.translation_problem() {
            prop_assert!(false, "{}", why);
        }
    }
    Ok(())
}

/// Compile and check; returns the code of the first diagnostic ("ok" when it compiles).
fn compile_checked(text: &str, file: &Path, base: &Path) -> Result<&'static str, TestCaseError> {
    match CompiledScenario::from_source(text, file, base) {
        Ok(_) => Ok("ok"),
        Err(d) => check_diagnostics(text, &d).map(|()| d.errors[0].code),
    }
}

#[test]
fn mutated_scenarios_never_panic_and_always_locate_their_errors() {
    let files = scenarios();
    let per_file = total_cases().div_ceil(files.len() as u32).max(500);
    let started = std::time::Instant::now();
    let mut total = 0;
    // How often each outcome occurred: a check that mutations reach past the parser.
    let outcomes = std::cell::RefCell::new(std::collections::BTreeMap::<&str, u32>::new());
    for file in &files {
        let source = std::fs::read_to_string(file).expect("bundled scenarios are UTF-8");
        let base = file.parent().expect("in scenarios/");
        // The scenario itself compiles.
        if let Err(d) = CompiledScenario::from_source(&source, file, base) {
            panic!("{d}");
        }
        let mut runner = TestRunner::new(config(per_file));
        let strategy = mutations(4);
        let result = runner.run(&strategy, |muts| {
            let mut bytes = source.clone().into_bytes();
            for m in &muts {
                apply(&mut bytes, m);
            }
            // Invalid UTF-8 cannot reach `from_source`; `load` handles it (see below).
            let text = String::from_utf8_lossy(&bytes);
            let code = compile_checked(&text, file, base)?;
            *outcomes.borrow_mut().entry(code).or_default() += 1;
            Ok(())
        });
        if let Err(e) = result {
            panic!("{}: {e}", file.display());
        }
        total += per_file;
    }
    assert!(total >= TOTAL_CASES.min(total_cases()), "only {total} cases");
    let outcomes = outcomes.into_inner();
    eprintln!(
        "loader fuzz: {total} cases over {} scenario(s) in {:.1?}; first diagnostic: {outcomes:?}",
        files.len(),
        started.elapsed()
    );
    // Most mutations must get past the syntax check, or the fuzzing is shallow.
    let syntax = outcomes.get("syntax").copied().unwrap_or(0);
    assert!(syntax * 2 < total, "{syntax} of {total} cases stopped at syntax errors");
}

/// Raw bytes through `load`: invalid UTF-8 is located at its byte.
#[test]
fn mutated_bytes_through_load_are_located() {
    let dir = tempfile::tempdir().expect("temp dir");
    for file in scenarios() {
        let source = std::fs::read(&file).expect("readable");
        let target = dir.path().join(file.file_name().expect("a name"));
        let mut runner = TestRunner::new(config(200));
        let strategy = mutations(3);
        let result = runner.run(&strategy, |muts| {
            let mut bytes = source.clone();
            for m in &muts {
                apply(&mut bytes, m);
            }
            std::fs::write(&target, &bytes).expect("write");
            if let Err(d) = CompiledScenario::load(&target) {
                let shown = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)).into_owned();
                check_diagnostics(&shown, &d)?;
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{}: {e}", file.display());
        }
    }
}

#[test]
fn the_tokenizer_finds_values() {
    let src = "(a: 1, b: \"x\", c: Rect(0, 0, 1, 1), d: [2])".as_bytes();
    let toks = tokens(src);
    assert_eq!(toks.iter().filter(|t| t.0 == Tok::Num).count(), 6);
    assert_eq!(toks.iter().filter(|t| t.0 == Tok::Str).count(), 1);
    let after = |name: &str| toks.iter().position(|t| &src[t.1..t.2] == name.as_bytes()).unwrap() + 2;
    let text = |r: (usize, usize)| std::str::from_utf8(&src[r.0..r.1]).unwrap().to_string();
    assert_eq!(text(value_range(src, &toks, after("c")).unwrap()), "Rect(0, 0, 1, 1)");
    assert_eq!(text(value_range(src, &toks, after("d")).unwrap()), "[2]");
    assert_eq!(text(value_range(src, &toks, after("b")).unwrap()), "\"x\"");
}
