//! Runs every golden vector in `testdata/vectors/*.json` through `o2okit::call_value`; every
//! file listed in `testdata/vector-files.json` must be there with at least its cases.
//!
//! The same files are run by the Python and the JS test suites. Set `O2OKIT_BLESS=1` to
//! fill in `expected` for new cases that have neither `expected` nor `error` (review the
//! diff before committing: a blessed value is only as good as the eye that checked it).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;

fn vector_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/vectors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// `testdata/vector-files.json`: every vector file and the fewest cases it may hold.
fn manifest() -> BTreeMap<String, usize> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/vector-files.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).unwrap();
    doc["min_cases"]
        .as_object()
        .expect("a `min_cases` object")
        .iter()
        .map(|(file, n)| (file.clone(), n.as_u64().expect("a count") as usize))
        .collect()
}

#[test]
fn golden_vectors() {
    let bless = std::env::var_os("O2OKIT_BLESS").is_some();
    let mut names = BTreeSet::new();
    let mut failures = Vec::new();
    let mut ran = 0usize;
    let minimum = manifest();
    let files = vector_files();
    let found: BTreeSet<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let listed: BTreeSet<String> = minimum.keys().cloned().collect();
    assert_eq!(
        found, listed,
        "the vector files and testdata/vector-files.json disagree (a file lost, or not listed)"
    );
    let mut not_in_build = 0usize;
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut doc: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        let mut changed = false;
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let count = doc["cases"].as_array().expect("a `cases` array").len();
        assert!(
            count >= minimum[&file],
            "{file} holds {count} cases, fewer than the {} listed in testdata/vector-files.json",
            minimum[&file]
        );
        for case in doc["cases"].as_array_mut().expect("a `cases` array") {
            let name = case["name"].as_str().expect("a case name").to_string();
            assert!(names.insert(name.clone()), "duplicate case name {name}");
            let function = case["function"].as_str().expect("a function").to_string();
            let result = o2okit::call_value(&function, case["input"].clone());
            let known = o2okit::WIRE_FUNCTIONS.iter().any(|f| f.name == function);
            if known && !o2okit::FUNCTIONS.contains(&function.as_str()) {
                // Built without the function's feature: the wire must say so, with its code.
                match result {
                    Err(err) if err.code() == "not_in_build" => not_in_build += 1,
                    other => failures.push(format!(
                        "{name}: {function} is not in this build, got {other:?}"
                    )),
                }
                continue;
            }
            ran += 1;
            match (case.get("expected"), case.get("error"), result) {
                (Some(expected), None, Ok(got)) if *expected == got => {}
                (None, Some(code), Err(err)) if code.as_str() == Some(err.code()) => {
                    assert!(!err.to_string().is_empty());
                }
                (None, None, Ok(got)) if bless => {
                    case["expected"] = got;
                    changed = true;
                }
                (None, None, Err(err)) if bless => {
                    case["error"] = Value::String(err.code().to_string());
                    changed = true;
                }
                (expected, error, got) => failures.push(format!(
                    "{}: {name}: expected {} / error {}, got {}",
                    path.file_name().unwrap().to_string_lossy(),
                    expected.map_or("-".into(), Value::to_string),
                    error.map_or("-".into(), Value::to_string),
                    match got {
                        Ok(v) => v.to_string(),
                        Err(e) => format!("error {} ({e})", e.code()),
                    }
                )),
            }
        }
        if changed {
            std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap() + "\n").unwrap();
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!(
        "golden vectors: {ran} replayed from {} files",
        minimum.len()
    );
    if not_in_build == 0 {
        assert!(
            ran >= 30,
            "expected at least 30 golden vectors, found {ran}"
        );
    } else {
        // A build without some domains (`--no-default-features`): money and allocation cases
        // still run, the others must have answered `not_in_build`.
        assert!(
            ran >= 10,
            "expected at least 10 golden vectors, found {ran}"
        );
        eprintln!("{ran} vectors ran; {not_in_build} answered not_in_build (feature off)");
    }
}
