//! Regressions found by fuzzing and by the mutated-vector property tests: each input that
//! once crashed, lost money or disagreed between surfaces, pinned with the answer it must
//! give. (The fuzz targets are in `fuzz/`; their corpora in `fuzz/corpus/`.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

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

/// The fuzz target `split_refund` assumed that once "everything" was refunded every ledger
/// line had given its share back. An order paid 0.00 whose goods were paid by two funded
/// discounts has a ledger (the merchant's remainder 0.02 against two subsidies of -0.01)
/// but nothing to refund: the first unit refunded is more than was paid. The target now
/// checks the give-back only when something was paid; this pins the core's answer.
#[test]
fn a_zero_paid_order_with_funded_discounts_has_nothing_to_refund() {
    let order = json!({"id": "o-1", "at": "2026-11-22T12:00:00+08:00",
        "paid": {"amount": "0.00", "currency": "CNY"},
        "delivery_fee": {"amount": "0.00", "currency": "CNY"},
        "discounts": [
            {"promotion_id": "p0", "amount": {"amount": "0.01", "currency": "CNY"},
             "funded_by": {"role": "brand", "party_id": "brand-x"}, "on": "goods"},
            {"promotion_id": "p1", "amount": {"amount": "0.01", "currency": "CNY"},
             "funded_by": {"role": "platform", "party_id": "platform-x"}, "on": "goods"}]});
    let plan = json!({"rules": [], "parties": [{"role": "merchant", "party_id": "shop"}]});
    let ledger: serde_json::Value = serde_json::from_str(
        &o2okit::call("split", &json!({"order": order, "plan": plan}).to_string()).unwrap(),
    )
    .unwrap();
    let amounts: Vec<&str> = ledger["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["amount"]["amount"].as_str().unwrap())
        .collect();
    let sum: o2okit::Decimal = amounts
        .iter()
        .map(|a| a.parse::<o2okit::Decimal>().unwrap())
        .sum();
    assert_eq!(
        sum,
        o2okit::Decimal::ZERO,
        "the ledger nets to what was paid: {amounts:?}"
    );
    assert!(
        amounts.contains(&"0.02"),
        "the merchant's remainder: {amounts:?}"
    );
    let refund = json!({"order": order, "plan": plan,
        "refund": {"amount": "0.01", "currency": "CNY"}, "at": "2026-11-23T01:00:00+08:00"});
    let e = o2okit::call("split.refund", &refund.to_string()).unwrap_err();
    assert_eq!(e.code(), "refund_exceeds_paid", "{e}");
}

/// The fuzz target `points_replay` assumed that the log of accepted events always replays.
/// With a programme the core rejects (`per: 0.00`, a step of spend of zero) no event is
/// accepted, and the empty log fails too, with the field named: the same answer as each
/// step. Pinned here; the target accepts that failure for an empty log only.
#[test]
fn a_points_programme_with_a_zero_step_fails_even_with_no_events() {
    let program = json!({"earn": [{"type": "per_category", "category": "tea", "points": 0,
        "per": {"amount": "0.00", "currency": "CNY"}}], "time_zone": "Asia/Shanghai"});
    let e = o2okit::call(
        "points.replay",
        &json!({"program": program, "events": []}).to_string(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "invalid_membership", "{e}");
    assert!(e.to_string().contains("program.earn[0].per"), "{e}");
    let earn = json!({"program": program, "events": [{"at": "2026-11-22T10:00:00+08:00",
        "event": {"type": "earn", "amount": {"amount": "10.00", "currency": "CNY"}}}]});
    let e2 = o2okit::call("points.replay", &earn.to_string()).unwrap_err();
    assert_eq!(e2.code(), "invalid_membership", "{e2}");
}

/// A JSON text that repeats a key: `call` rejects it (the text decoder refuses a repeated
/// field), while a value parsed beforehand has already kept only the last one, so
/// `call_value` of that value answers. The fuzz target `wire_call` compared `call_value(v)`
/// with `call(input)` and stopped here; the contract is `call_value(v) == call(text of v)`,
/// which holds. Pinned: `call` refuses a repeated key (`invalid_json`), `call_value` answers
/// for the value as parsed.
#[test]
fn a_repeated_key_in_json_text_is_rejected() {
    let text = r#"{"touchpoints":[{"channel":"online","stage":"markete","stage":"experience","at":"2026-05-02T10:00:00+08:00"}]}"#;
    // The text decoder meets the first value (a misspelt stage) and stops there.
    let e = o2okit::call("flow.classify", text).unwrap_err();
    assert_eq!(e.code(), "invalid_json", "{e}");
    assert!(e.to_string().contains("markete"), "{e}");
    // Two valid values: the repeated field itself is the error.
    let twice = text.replace("markete", "marketing");
    let e = o2okit::call("flow.classify", &twice).unwrap_err();
    assert_eq!(e.code(), "invalid_json", "{e}");
    assert!(e.to_string().contains("duplicate field `stage`"), "{e}");
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    let by_value = o2okit::call_value("flow.classify", value.clone()).unwrap();
    let by_text = o2okit::call("flow.classify", &value.to_string()).unwrap();
    assert_eq!(
        by_value,
        serde_json::from_str::<serde_json::Value>(&by_text).unwrap()
    );
}
