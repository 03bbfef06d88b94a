//! Any text into any wire function: `function name`, a newline, then the JSON input (the
//! seed corpus holds every golden vector input in that form, so mutations start deep in
//! each domain). Whatever the input: `call` and `call_value` never panic and agree (same
//! output, or the same error code); an error has a listed code and a message; a success is
//! deterministic (the same input twice gives the same bytes), is valid JSON, and calling
//! again on the re-encoded input gives the same bytes. (`call_value(v)` is compared with
//! `call` on the text of `v`: a JSON text with a repeated key is rejected by `call`, while
//! a parsed value has already kept only the last one; found by this target.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (name, input) = text.split_once('\n').unwrap_or(("", text));
    let function = if o2okit::FUNCTIONS.contains(&name) {
        name
    } else {
        // Not a function name: pick one by the bytes, so every function is reached.
        let h = name.bytes().fold(0usize, |h, b| {
            h.wrapping_mul(31).wrapping_add(usize::from(b))
        });
        o2okit::FUNCTIONS[h % o2okit::FUNCTIONS.len()]
    };
    let first = o2okit::call(function, input);
    let second = o2okit::call(function, input);
    let value = serde_json::from_str::<serde_json::Value>(input);
    match &first {
        Err(e) => {
            o2okit_fuzz::assert_typed(e);
            let again = second.expect_err("the same input succeeded the second time");
            assert_eq!((again.code(), again.to_string()), (e.code(), e.to_string()));
            if let Ok(v) = value {
                // call_value(v) is call(the text of v). Not call(input): a parsed value has
                // already dropped a repeated key, which the text decoder rejects.
                let via_value = o2okit::call_value(function, v.clone());
                let via_text = o2okit::call(function, &v.to_string());
                match (via_value, via_text) {
                    (Err(a), Err(b)) => {
                        assert_eq!(a.code(), b.code(), "call and call_value disagree")
                    }
                    (Ok(a), Ok(b)) => assert_eq!(
                        Some(a),
                        serde_json::from_str::<serde_json::Value>(&b).ok(),
                        "call and call_value disagree"
                    ),
                    (a, b) => panic!("call and call_value disagree: {a:?} / {b:?}"),
                }
            }
        }
        Ok(out) => {
            assert_eq!(
                second.as_ref().ok(),
                Some(out),
                "the same input gave other bytes"
            );
            let parsed: serde_json::Value =
                serde_json::from_str(out).unwrap_or_else(|e| panic!("output is not JSON: {e}"));
            assert_eq!(
                serde_json::to_string(&parsed).ok().as_deref(),
                Some(out.as_str()),
                "output is not canonical JSON"
            );
            let v = value.unwrap_or_else(|e| panic!("call accepted what is not JSON: {e}"));
            let via_value = o2okit::call_value(function, v.clone())
                .unwrap_or_else(|e| panic!("call_value failed: {e}"));
            assert_eq!(via_value, parsed, "call and call_value disagree");
            let reencoded = o2okit::call(function, &v.to_string())
                .unwrap_or_else(|e| panic!("re-encoded input failed: {e}"));
            assert_eq!(&reencoded, out, "the re-encoded input gave other bytes");
        }
    }
});
