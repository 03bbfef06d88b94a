//! The golden values of the demo page (examples/web/expected.json, written by hand) against
//! the Rust core, for the shop the page shows (examples/web/shop.json). The browser test
//! (bindings/wasm/test/browser.test.mjs) checks the page against the same file, so what the
//! page shows in Chromium is what the server computes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use serde_json::{json, Value};

fn read(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/web")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The quote request the page sends for a scenario: the shop's cart with the scenario's
/// quantities, the promotions, the context with the scenario's coupon choice.
fn request(shop: &Value, scenario: &Value) -> Value {
    let mut cart = shop["cart"].clone();
    for line in cart["lines"].as_array_mut().unwrap() {
        if let Some(q) = scenario["quantities"].get(line["id"].as_str().unwrap()) {
            line["quantity"] = q.clone();
        }
    }
    let mut context = shop["context"].clone();
    if scenario["coupons"] != "best" {
        context["coupons"] = json!({"mode": "explicit", "coupons": scenario["coupons"]});
    }
    json!({"cart": cart, "promotions": shop["promotions"], "context": context})
}

#[test]
fn the_demo_scenarios_are_what_the_core_computes() {
    let shop = read("shop.json");
    let expected = read("expected.json");
    let scenarios = expected["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), 3);
    for s in scenarios {
        let name = s["name"].as_str().unwrap();
        let q = o2okit::call_value("quote", request(&shop, s)).unwrap();
        assert_eq!(q["subtotal"]["amount"], s["subtotal"], "{name}: subtotal");
        assert_eq!(q["total"]["amount"], s["total"], "{name}: total");
        let applied: Vec<Value> = q["discounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| json!({"promotion_id": d["promotion_id"], "amount": d["amount"]["amount"], "funded_by": d["funded_by"]}))
            .collect();
        assert_eq!(Value::from(applied), s["applied"], "{name}: applied");
        let rejected: Vec<Value> = q["rejected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let mut out = json!({"promotion_id": r["promotion_id"], "reason": r["reason"]});
                if let Some(h) = r.get("hint") {
                    let mut hint = json!({"code": h["code"]});
                    if let Some(a) = h.get("amount") {
                        hint["amount"] = a["amount"].clone();
                    }
                    if let Some(at) = h.get("at") {
                        hint["at"] = at.clone();
                    }
                    out["hint"] = hint;
                }
                out
            })
            .collect();
        // The page's wording of each hint (`text`) is the page's own; the rest is the core's.
        let mut want = s["rejected"].clone();
        for r in want.as_array_mut().unwrap() {
            if let Some(h) = r.get_mut("hint") {
                h.as_object_mut().unwrap().remove("text");
            }
        }
        assert_eq!(Value::from(rejected), want, "{name}: rejected");
    }
}

#[test]
fn the_demo_group_buy_team_is_what_the_core_computes() {
    let shop = read("shop.json");
    let want = &read("expected.json")["groupbuy"];
    let progress = o2okit::call_value(
        "groupbuy.progress",
        json!({"state": shop["groupbuy"]["state"], "now": shop["context"]["now"]}),
    )
    .unwrap();
    let team = progress["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["team_id"] == want["team_id"])
        .unwrap();
    for key in ["count", "size", "needed", "percent", "remaining_seconds"] {
        assert_eq!(team[key], want[key], "{key}");
    }
    let seconds = want["remaining_seconds"].as_u64().unwrap();
    let countdown = format!(
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    );
    assert_eq!(want["countdown"], countdown.as_str());
}

#[test]
fn the_demo_voucher_check_digit_catches_the_typos() {
    let want = &read("expected.json")["voucher"];
    assert!(o2okit::damm_is_valid(want["code"].as_str().unwrap()));
    for typo in want["typos"].as_array().unwrap() {
        assert!(!o2okit::damm_is_valid(typo.as_str().unwrap()), "{typo}");
    }
}
