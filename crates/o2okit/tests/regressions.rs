//! Regressions found by fuzzing and by the mutated-vector property tests: each input that
//! once crashed, lost money or disagreed between surfaces, pinned with the answer it must
//! give. (The fuzz targets are in `fuzz/`; their corpora in `fuzz/corpus/`.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::json;

/// `call` and `call_value` decoded some malformed inputs differently: for an enum written as
/// a map with two keys (`tolerance: {percent, unexpected_field}`), the text decoder
/// reported the bad decimal (`invalid_decimal`) and the value decoder the map's shape
/// (`invalid_json`). Found by `the_wire_never_panics_on_mutated_vectors`. Fixed: a value is
/// decoded through its text.
#[test]
fn call_and_call_value_give_the_same_code_for_a_two_key_enum() {
    let input = json!({
        "tolerance": {"percent": "2026-11-22T10:00:00", "unexpected_field": 1},
        "observations": [{"product_id": "soap", "channel": "in_store", "store_id": "s-1",
                          "price": {"amount": "12.00", "currency": "CNY"}}]
    });
    let by_text = o2okit::call("price.parity", &input.to_string()).unwrap_err();
    let by_value = o2okit::call_value("price.parity", input).unwrap_err();
    assert_eq!(by_value.code(), by_text.code(), "{by_value} / {by_text}");
    assert_eq!(by_value.code(), "invalid_decimal");
    assert_eq!(by_value.to_string(), by_text.to_string());
}
