//! The bad-input catalogue: every case of `testdata/bad/*.json` through the wire
//! dispatcher, compared with the code it must give. The Python and Node suites run the same
//! cases (bindings/python/tests/test_bad_inputs.py, bindings/wasm/test/bad_inputs.test.mjs);
//! `scripts/conformance.py` compares the three. With `O2OKIT_BAD_RESULTS=DIR` set, the code
//! each case gave is written to `DIR/rust.json`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

fn catalogue() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/bad");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the catalogue has lost files: {files:?}");
    let mut cases = Vec::new();
    for path in files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let list = doc["cases"].as_array().expect("a `cases` array");
        assert!(!list.is_empty(), "{file} has no cases");
        for case in list {
            cases.push((file.clone(), case.clone()));
        }
    }
    cases
}

/// The JSON text a recipe describes: `input` written out with the string `"$big"` replaced
/// by a large value (`array_of` an item `count` times, with `{i}` in it replaced by the
/// index; `nested_arrays` deep; `string_of` one character `bytes` times).
fn render(recipe: &Value) -> String {
    let big = &recipe["big"];
    let text = if let Some(item) = big.get("array_of") {
        let item = item.to_string();
        let count = big["count"].as_u64().unwrap();
        let mut out =
            String::with_capacity(item.len().saturating_mul(count as usize).saturating_add(2));
        out.push('[');
        for i in 0..count {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&item.replace("{i}", &i.to_string()));
        }
        out.push(']');
        out
    } else if let Some(depth) = big.get("nested_arrays") {
        let depth = depth.as_u64().unwrap() as usize;
        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
    } else if let Some(ch) = big.get("string_of") {
        let bytes = big["bytes"].as_u64().unwrap() as usize;
        format!("\"{}\"", ch.as_str().unwrap().repeat(bytes))
    } else {
        panic!("unknown recipe {big}");
    };
    recipe["input"].to_string().replacen("\"$big\"", &text, 1)
}

/// What a call gave: its error code, `ok`, or for a case with `rejection` the rejection's
/// code in the output.
fn outcome(case: &Value, result: Result<String, o2okit::Error>) -> String {
    match result {
        Err(e) => {
            assert!(
                o2okit::ERROR_CODES.contains(&e.code()),
                "unlisted code {}",
                e.code()
            );
            assert!(!e.to_string().is_empty());
            e.code().to_string()
        }
        Ok(out) => match case.get("rejection") {
            Some(r) => {
                let out: Value = serde_json::from_str(&out).unwrap();
                out[r["at"].as_str().unwrap()]
                    .as_str()
                    .unwrap_or("ok")
                    .to_string()
            }
            None => "ok".to_string(),
        },
    }
}

fn expected(case: &Value) -> String {
    match (case.get("error"), case.get("rejection")) {
        (Some(code), None) => code.as_str().unwrap().to_string(),
        (None, Some(r)) => r["code"].as_str().unwrap().to_string(),
        _ => panic!("{}: a case has one of `error` or `rejection`", case["name"]),
    }
}

#[test]
fn bad_inputs_give_their_codes() {
    let mut results = BTreeMap::new();
    let mut failures = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    for (file, case) in catalogue() {
        let name = case["name"].as_str().expect("a name").to_string();
        assert!(names.insert(name.clone()), "duplicate case name {name}");
        assert!(case["covers"].is_string(), "{name}: what does it cover?");
        let surfaces = case.get("surfaces").and_then(Value::as_array);
        if surfaces.is_some_and(|s| !s.iter().any(|x| x == "rust")) {
            continue; // a native value of another language (a Python float, a JS number)
        }
        let function = case["function"].as_str().unwrap();
        let text = match (case.get("input"), case.get("text"), case.get("recipe")) {
            (Some(input), None, None) => input.to_string(),
            (None, Some(text), None) => text.as_str().unwrap().to_string(),
            (None, None, Some(recipe)) => render(recipe),
            _ => panic!("{name}: one of `input`, `text`, `recipe` or `native`"),
        };
        let started = std::time::Instant::now();
        let got = outcome(&case, o2okit::call(function, &text));
        if started.elapsed().as_secs_f64() > 0.5 {
            eprintln!("{name}: {:.1} s", started.elapsed().as_secs_f64());
        }
        // A parsed value decodes exactly as its text.
        if let Some(input) = case.get("input") {
            let by_value = outcome(
                &case,
                o2okit::call_value(function, input.clone()).map(|v| v.to_string()),
            );
            if by_value != got {
                failures.push(format!(
                    "{file}: {name}: call gave {got}, call_value {by_value}"
                ));
            }
        }
        let want = expected(&case);
        if got != want {
            failures.push(format!("{file}: {name}: expected {want}, got {got}"));
        }
        results.insert(name, got);
    }
    if let Some(dir) = std::env::var_os("O2OKIT_BAD_RESULTS") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("rust.json"),
            serde_json::to_string_pretty(&results).unwrap(),
        )
        .unwrap();
    }
    assert!(
        failures.is_empty(),
        "{} bad inputs gave another code:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("bad inputs: {} cases", results.len());
}
