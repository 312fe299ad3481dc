//! The layers of `sim/src`, checked the way tidy tests check a tree: by
//! reading the source. From the bottom up:
//!
//! 1. foundation — `scenario`, `map`, `roads`, `flood` (the numeric solver),
//!    `fire` and `chem` (fire behaviour and gas dispersion as plain functions),
//!    `compile`: knows no engine, commons or domain;
//! 2. `engine` — the core: world, schedule, phases, clock, streams, the
//!    metric registry; knows no commons and no domain;
//! 3. `world` — the commons the domains share; knows no domain;
//! 4. `domains/*` — one module per domain; a domain never names another.
//!
//! `domains/mod.rs` (the standard list) and what sits above it (`batch`,
//! `output`) may name anything.

use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return out;
    }
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Every `(file, line number, line)` under `paths` that contains one of `needles`.
fn offences(paths: &[PathBuf], needles: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for p in paths.iter().flat_map(|p| rust_files(p)) {
        let text = std::fs::read_to_string(&p).unwrap();
        for (n, line) in text.lines().enumerate() {
            if let Some(needle) = needles.iter().find(|w| line.contains(w.as_str())) {
                found.push(format!("{}:{}: names `{needle}`: {}", p.display(), n + 1, line.trim()));
            }
        }
    }
    found
}

/// The domain modules: each file or folder under `domains/` but `mod.rs`.
fn domains() -> Vec<(String, PathBuf)> {
    let mut v: Vec<(String, PathBuf)> = std::fs::read_dir(src().join("domains"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "mod.rs"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    v.sort();
    v
}

#[test]
fn the_domains_are_where_the_layers_expect_them() {
    let names: Vec<String> = domains().into_iter().map(|(n, _)| n).collect();
    for expected in ["command", "flood", "logistics", "msel", "people", "teams", "traffic"] {
        assert!(names.iter().any(|n| n == expected), "no domain `{expected}` in {names:?}");
    }
}

#[test]
fn no_domain_names_another() {
    let all = domains();
    let mut found = Vec::new();
    for (name, path) in &all {
        let mut needles: Vec<String> = vec!["crate::domains".into()];
        for (other, _) in all.iter().filter(|(o, _)| o != name) {
            needles.push(format!("super::{other}"));
        }
        if path.is_file() {
            // A one-file domain's `super` is `domains` itself.
            needles.push("super::".into());
        }
        found.extend(offences(std::slice::from_ref(path), &needles));
    }
    assert!(
        found.is_empty(),
        "domains must meet in `world`, not import each other:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_engine_knows_no_domain_and_no_commons() {
    let needles = ["crate::domains".to_string(), "crate::world".to_string()];
    let found = offences(&[src().join("engine")], &needles);
    assert!(
        found.is_empty(),
        "the engine core must not name domains or the commons:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_commons_know_no_domain() {
    let found = offences(&[src().join("world")], &["crate::domains".to_string()]);
    assert!(found.is_empty(), "the commons sit below every domain:\n{}", found.join("\n"));
}

#[test]
fn the_foundation_knows_nothing_above_it() {
    let paths: Vec<PathBuf> = ["scenario", "map", "roads", "flood", "fire", "chem", "compile.rs"]
        .iter()
        .map(|p| src().join(p))
        .collect();
    let needles = ["crate::engine", "crate::world", "crate::domains", "crate::batch"].map(String::from);
    let found = offences(&paths, &needles);
    assert!(
        found.is_empty(),
        "the foundation must not depend on the engine or above:\n{}",
        found.join("\n")
    );
}

/// The test itself must be able to fail: a planted import is caught.
#[test]
fn a_planted_cross_domain_import_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("planted.rs");
    std::fs::write(&f, "use crate::domains::flood::Flood;\n").unwrap();
    assert_eq!(offences(&[f], &["crate::domains".to_string()]).len(), 1);
}
