//! The batch wire functions (`allocate.batch`, `quote.batch`, `groupbuy.progress_batch`) give,
//! item by item, exactly what the single call gives: the same value, or the same error code,
//! category and message. Property-tested against the single calls, through both carriers of
//! the wire (JSON text and parsed values).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use o2okit::{call, call_value, MAX_BATCH_ITEMS};
use proptest::prelude::*;
use serde_json::{json, Value};

/// What the single call gives for `input`: its value, or its error as a batch item carries
/// it. An item that does not decode is decoded on its own, so its message has no line and
/// column (they would point into the whole batch's JSON); code, category and text are the
/// same.
fn single(function: &str, input: &Value) -> Result<Value, Value> {
    call(function, &input.to_string())
        .map(|out| serde_json::from_str(&out).unwrap())
        .map_err(|e| {
            let mut error = e.to_json_value();
            let message = error["message"].as_str().unwrap().to_string();
            let message = match message.rfind(" at line ") {
                Some(at) if message[at..].contains(" column ") => message[..at].to_string(),
                _ => message,
            };
            error["message"] = Value::String(message);
            error
        })
}

/// Run a batch through both carriers; they must agree.
fn batch(function: &str, input: &Value) -> Result<Value, String> {
    let text =
        call(function, &input.to_string()).map(|s| serde_json::from_str::<Value>(&s).unwrap());
    let value = call_value(function, input.clone());
    match (text, value) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "the two carriers disagree");
            Ok(a)
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.code(), b.code(), "the two carriers disagree");
            Err(a.code().to_string())
        }
        (a, b) => panic!("the two carriers disagree: {a:?} / {b:?}"),
    }
}

/// A request for `allocate`, sometimes one that fails (all-zero or negative weights, a JSON
/// number for money, too many decimals, an unknown currency).
fn allocation_request() -> impl Strategy<Value = Value> {
    let amount = (-100_000_000i64..100_000_000, 0u32..=3)
        .prop_map(|(m, s)| o2okit::Decimal::new(m, s).to_string());
    let currency = prop::sample::select(vec!["CNY", "JPY", "KWD", "XYZ"]);
    let weight = prop_oneof![
        8 => (0u32..1000).prop_map(|w| json!(w.to_string())),
        1 => Just(json!("-1")),
        1 => (0u32..1000).prop_map(|w| json!(w)),
    ];
    let total = prop_oneof![
        9 => (amount, currency).prop_map(|(a, c)| json!({"amount": a, "currency": c})),
        1 => Just(json!({"amount": 12.5, "currency": "CNY"})),
    ];
    (total, prop::collection::vec(weight, 0..6))
        .prop_map(|(total, weights)| json!({"total": total, "weights": weights}))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn allocate_batch_is_the_single_call_item_by_item(requests in prop::collection::vec(allocation_request(), 0..12)) {
        let full = batch("allocate.batch", &json!({"requests": requests})).unwrap();
        let amounts = batch("allocate.batch", &json!({"requests": requests, "detail": "amounts"})).unwrap();
        let full = full["results"].as_array().unwrap();
        let amounts = amounts["results"].as_array().unwrap();
        prop_assert_eq!(full.len(), requests.len());
        prop_assert_eq!(amounts.len(), requests.len());
        for (i, request) in requests.iter().enumerate() {
            match single("allocate", request) {
                Ok(allocation) => {
                    prop_assert_eq!(&full[i], &json!({"allocation": allocation}));
                    let parts: Vec<Value> = allocation["parts"].as_array().unwrap().iter().map(|p| p["amount"]["amount"].clone()).collect();
                    prop_assert_eq!(&amounts[i], &json!({"amounts": parts}));
                }
                Err(error) => {
                    prop_assert_eq!(&full[i], &json!({"error": error}));
                    prop_assert_eq!(&amounts[i], &json!({"error": error}));
                }
            }
        }
    }
}

fn quote_context() -> Value {
    json!({"now": "2026-11-22T10:00:00+08:00", "channel": "in_store"})
}

fn quote_promotions() -> Value {
    json!([
        {"id": "mj", "discount": {"type": "threshold", "tiers": [
            {"min_spend": {"amount": "100.00", "currency": "CNY"}, "off": {"amount": "10.00", "currency": "CNY"}},
            {"min_spend": {"amount": "200.00", "currency": "CNY"}, "off": {"amount": "30.00", "currency": "CNY"}}]},
         "funded_by": {"role": "platform", "party_id": "p"}},
        {"id": "half", "discount": {"type": "nth_item", "n": 2, "percent": "50"}, "funded_by": {"role": "merchant"},
         "conditions": {"target": {"products": ["latte"]}}}
    ])
}

fn cart() -> impl Strategy<Value = Value> {
    let line = (
        0u32..3,
        1u32..30_000,
        prop_oneof![9 => (0i32..5).prop_map(|q| json!(q.to_string())), 1 => Just(json!("1.5"))],
    );
    prop::collection::vec(line, 0..5).prop_map(|lines| {
        let lines: Vec<Value> = lines
            .into_iter()
            .enumerate()
            .map(|(i, (product, cents, quantity))| {
                let product_id = ["latte", "bagel", "tea"][product as usize];
                json!({"id": format!("l{i}"), "product_id": product_id,
                       "unit_price": {"amount": o2okit::Decimal::new(i64::from(cents), 2).to_string(), "currency": "CNY"},
                       "quantity": quantity})
            })
            .collect();
        json!({"lines": lines})
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn quote_batch_is_the_single_call_item_by_item(carts in prop::collection::vec(cart(), 0..5)) {
        let out = batch("quote.batch", &json!({"carts": carts, "promotions": quote_promotions(), "context": quote_context()})).unwrap();
        let results = out["results"].as_array().unwrap();
        prop_assert_eq!(results.len(), carts.len());
        for (i, cart) in carts.iter().enumerate() {
            let expected = match single("quote", &json!({"cart": cart, "promotions": quote_promotions(), "context": quote_context()})) {
                Ok(quote) => json!({"quote": quote}),
                Err(error) => json!({"error": error}),
            };
            prop_assert_eq!(&results[i], &expected);
        }
    }
}

#[test]
fn progress_batch_is_the_single_call_item_by_item() {
    let campaign = json!({"id": "yoga", "kind": {"type": "tipping_point", "price": {"amount": "59.90", "currency": "CNY"},
        "min_participants": 3}, "deadline": "2026-11-30T00:00:00+08:00"});
    let state = call_value("groupbuy.open", json!({"campaign": campaign})).unwrap();
    let mut joined = call_value(
        "groupbuy.step",
        json!({"state": state, "now": "2026-11-22T10:00:00+08:00",
        "event": {"type": "join", "key": "j1", "customer_id": "ann"}}),
    )
    .unwrap()["state"]
        .clone();
    let mut broken = joined.clone();
    broken["campaign"]["deadline"] = json!("yesterday");
    let states = vec![
        state.clone(),
        joined.clone(),
        broken,
        json!({"campaign": 1}),
    ];
    for now in ["2026-11-22T12:00:00+08:00", "2026-12-01T00:00:00+08:00"] {
        let out = batch(
            "groupbuy.progress_batch",
            &json!({"states": states, "now": now}),
        )
        .unwrap();
        let results = out["results"].as_array().unwrap();
        assert_eq!(results.len(), states.len());
        for (i, state) in states.iter().enumerate() {
            let expected = match single("groupbuy.progress", &json!({"state": state, "now": now})) {
                Ok(progress) => json!({"progress": progress}),
                Err(error) => json!({"error": error}),
            };
            assert_eq!(results[i], expected, "state #{i} at {now}");
        }
        assert!(results[0].get("progress").is_some() && results[1].get("progress").is_some());
        assert!(results[2].get("error").is_some() && results[3].get("error").is_some());
    }
    joined["status"] = json!("nonsense");
    let out = batch(
        "groupbuy.progress_batch",
        &json!({"states": [joined], "now": "2026-11-22T12:00:00+08:00"}),
    )
    .unwrap();
    assert_eq!(out["results"][0]["error"]["code"], "invalid_json");
}

#[test]
fn a_batch_longer_than_the_limit_is_refused() {
    let request = r#"{"total":{"amount":"1.00","currency":"CNY"},"weights":["1"]}"#;
    let text = format!(
        r#"{{"requests":[{}]}}"#,
        vec![request; MAX_BATCH_ITEMS + 1].join(",")
    );
    let err = call("allocate.batch", &text).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("at most 100000 items"), "{err}");
    let states = format!(
        r#"{{"now":"2026-11-22T10:00:00+08:00","states":[{}]}}"#,
        vec!["0"; MAX_BATCH_ITEMS + 1].join(",")
    );
    assert_eq!(
        call("groupbuy.progress_batch", &states).unwrap_err().code(),
        "invalid_input"
    );
}

#[test]
fn a_malformed_batch_fails_as_a_whole() {
    for (function, input) in [
        ("allocate.batch", json!({"requests": [], "extra": 1})),
        ("allocate.batch", json!({"requests": {}})),
        ("allocate.batch", json!({"detail": "amounts"})),
        (
            "quote.batch",
            json!({"carts": [], "promotions": [], "context": {"now": "2026-11-22T10:00:00"}}),
        ),
        (
            "quote.batch",
            json!({"carts": [], "promotions": [{"id": "x"}], "context": quote_context()}),
        ),
        ("groupbuy.progress_batch", json!({"states": []})),
    ] {
        assert_eq!(
            batch(function, &input),
            Err("invalid_json".to_string()),
            "{function} {input}"
        );
    }
}

/// A request for the Rust API, anywhere in range: totals up to 96-bit mantissas at any of the
/// currency's scales, weights with many digits (some too wide for 128 bits), caps and cash
/// steps (some invalid), so that every error `allocate` can give is reached.
fn wide_request() -> impl Strategy<Value = o2okit::AllocationRequest> {
    use o2okit::{AllocationRequest, Currency, Decimal, Money};
    let currency = prop::sample::select(vec!["CNY", "JPY", "KWD", "CHF"]);
    let mantissa = prop_oneof![
        3 => -1_000_000i128..1_000_000,
        1 => -(1i128 << 95)..(1i128 << 95),
    ];
    let weight = prop_oneof![
        4 => (0u32..1000).prop_map(Decimal::from),
        2 => (0i128..(1i128 << 95), 0u32..=28)
            .prop_map(|(m, s)| Decimal::try_from_i128_with_scale(m, s).unwrap()),
        1 => Just(Decimal::from(-1)),
    ];
    let step = prop_oneof![
        6 => Just(None),
        1 => Just(Some(Decimal::new(5, 2))),
        1 => Just(Some(Decimal::new(3, 3))),
    ];
    (
        currency,
        mantissa,
        prop::collection::vec(weight, 0..6),
        step,
        any::<bool>(),
        0i128..5_000,
    )
        .prop_map(|(code, m, weights, step, capped, cap)| {
            let currency = Currency::from_code(code).unwrap();
            let total = Money::from_minor(m, currency).unwrap();
            let mut request = AllocationRequest::new(total, weights.clone());
            if let Some(step) = step {
                request = request.with_step(step);
            }
            if capped {
                let caps = (0..weights.len())
                    .map(|i| (i % 2 == 0).then(|| Money::from_minor(cap, currency).unwrap()))
                    .collect();
                request = request.with_caps(caps);
            }
            request
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `AllocationRequest::amounts` (what `allocate.batch` with `detail: "amounts"` uses)
    /// is `allocate()` without the explanation: the same parts, or the same error.
    #[test]
    fn amounts_are_the_allocation_without_its_explanation(request in wide_request()) {
        match (request.amounts(), request.allocate()) {
            (Ok(amounts), Ok(allocation)) => prop_assert_eq!(amounts, allocation.amounts()),
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
            (a, b) => prop_assert!(false, "amounts {a:?} but allocate {b:?}"),
        }
    }
}
