#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
//! `quote` of a 20-line delivery cart under 10 candidate promotions (3 automatic item
//! offers, 7 coupons: order, delivery, in stacking groups), best-for-customer selection,
//! beside baselines in the same run:
//! - the same cart and promotions in explicit selection mode with no coupons listed, so
//!   only the automatic offers are candidates (no search over coupons);
//! - the same cart with no promotions at all (the fixed cost: prepare, one pipeline run,
//!   assemble the quote);
//! - the JSON wire path `o2okit::call("quote", json)` that the CLI, Python and npm use.
//!
//! The number of pipeline evaluations each mode spends is printed once before the
//! measurements (`selection.evaluations`); time per quote divided by (evaluations + 1 final
//! run) approximates the cost of one pipeline run.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use o2okit::{quote, CouponSelection, QuoteRequest};
use serde_json::{json, Value};

fn money(amount: &str) -> Value {
    json!({"amount": amount, "currency": "CNY"})
}

/// 20 lines over four categories, 1–3 units each (38 units), a 6.00 delivery fee.
fn cart() -> Value {
    let categories = ["drinks", "mains", "sides", "desserts"];
    let prices = [
        "18.00", "32.50", "12.00", "22.00", "16.00", "28.00", "9.90", "25.00", "21.00", "45.00",
        "6.50", "19.90", "15.00", "38.00", "11.00", "26.00", "17.50", "29.90", "8.00", "23.00",
    ];
    let lines: Vec<Value> = prices
        .iter()
        .enumerate()
        .map(|(i, price)| {
            json!({
                "id": format!("line-{i}"),
                "product_id": format!("sku-{i}"),
                "categories": [categories[i % 4]],
                "unit_price": money(price),
                "quantity": ((i % 3) + 1).to_string(),
            })
        })
        .collect();
    json!({"lines": lines, "delivery_fee": money("6.00")})
}

fn promotions() -> Value {
    json!([
        {"id": "drinks-2nd-half", "discount": {"type": "nth_item", "n": 2, "percent": "50"},
         "funded_by": {"role": "merchant"},
         "conditions": {"target": {"categories": ["drinks"]}}},
        {"id": "desserts-10", "discount": {"type": "percent_off_items", "percent": "10"},
         "funded_by": {"role": "brand", "party_id": "sweet-co"},
         "conditions": {"target": {"categories": ["desserts"]}}},
        {"id": "sides-b2g1",
         "discount": {"type": "buy_x_get_y", "buy": 2, "get": 1, "percent": "100"},
         "funded_by": {"role": "merchant"},
         "conditions": {"target": {"categories": ["sides"]}}},
        {"id": "manjian", "trigger": "coupon",
         "discount": {"type": "threshold", "tiers": [
            {"min_spend": money("100.00"), "off": money("10.00")},
            {"min_spend": money("200.00"), "off": money("25.00")},
            {"min_spend": money("300.00"), "off": money("45.00")}]},
         "funded_by": {"role": "platform"},
         "stacking": {"group": "platform-order"}},
        {"id": "every-100-minus-12", "trigger": "coupon",
         "discount": {"type": "repeating", "step": money("100.00"), "off": money("12.00"),
                      "cap": money("48.00")},
         "funded_by": {"role": "platform"},
         "stacking": {"group": "platform-order"}},
        {"id": "shop-no-threshold-8", "trigger": "coupon",
         "discount": {"type": "no_threshold", "amount": money("8.00")},
         "funded_by": {"role": "merchant"},
         "stacking": {"priority": 10, "group": "shop"}},
        {"id": "shop-5-percent", "trigger": "coupon",
         "discount": {"type": "percent_off_order", "percent": "5"},
         "max_discount": money("20.00"),
         "funded_by": {"role": "merchant"},
         "stacking": {"priority": 10, "group": "shop"}},
        {"id": "big-order-20", "trigger": "coupon",
         "discount": {"type": "amount_off_order", "amount": money("20.00")},
         "conditions": {"min_subtotal": money("300.00")},
         "funded_by": {"role": "platform"},
         "stacking": {"priority": 20}},
        {"id": "free-delivery", "trigger": "coupon",
         "discount": {"type": "delivery", "percent": "100"},
         "funded_by": {"role": "platform"},
         "stacking": {"group": "delivery"}},
        {"id": "delivery-3-off", "trigger": "coupon",
         "discount": {"type": "delivery", "amount": money("3.00")},
         "funded_by": {"role": "merchant"},
         "stacking": {"group": "delivery"}}
    ])
}

fn request(coupons: Value, with_promotions: bool) -> Value {
    json!({
        "cart": cart(),
        "promotions": if with_promotions { promotions() } else { json!([]) },
        "context": {
            "now": "2026-11-22T12:30:00+08:00",
            "channel": "online_delivery",
            "customer": {"id": "u-1"},
            "coupons": coupons,
        }
    })
}

fn bench(c: &mut Criterion) {
    let best_json = request(json!({"mode": "best_for_customer"}), true);
    let best: QuoteRequest = serde_json::from_value(best_json.clone()).unwrap();
    let automatic: QuoteRequest =
        serde_json::from_value(request(json!({"mode": "explicit", "coupons": []}), true)).unwrap();
    let bare: QuoteRequest =
        serde_json::from_value(request(json!({"mode": "best_for_customer"}), false)).unwrap();
    assert_eq!(best.cart.lines.len(), 20);
    assert_eq!(best.promotions.len(), 10);
    assert!(matches!(
        automatic.context.coupons,
        CouponSelection::Explicit { .. }
    ));
    let text = best_json.to_string();

    let q_best = quote(&best.cart, &best.promotions, &best.context).unwrap();
    let q_auto = quote(&automatic.cart, &automatic.promotions, &automatic.context).unwrap();
    let q_bare = quote(&bare.cart, &bare.promotions, &bare.context).unwrap();
    assert!(q_best.selection.saving.amount() > q_auto.selection.saving.amount());
    let wire: Value = serde_json::from_str(&o2okit::call("quote", &text).unwrap()).unwrap();
    assert_eq!(wire, serde_json::to_value(&q_best).unwrap());
    for (name, q) in [
        ("best_for_customer", &q_best),
        ("explicit, automatic only", &q_auto),
        ("no promotions", &q_bare),
    ] {
        let applied: Vec<&str> = q
            .discounts
            .iter()
            .map(|d| d.promotion_id.as_str())
            .collect();
        eprintln!(
            "{name}: {} candidates, {} evaluations (+1 final run), optimal {}, saving {}, \
             total {}, applied [{}]",
            q.selection.candidates,
            q.selection.evaluations,
            q.selection.optimal,
            q.selection.saving,
            q.total,
            applied.join(", "),
        );
    }

    let mut group = c.benchmark_group("quote_20_lines_10_promotions");
    group.bench_function("o2okit::quote best_for_customer", |b| {
        b.iter(|| {
            quote(
                black_box(&best.cart),
                black_box(&best.promotions),
                black_box(&best.context),
            )
        })
    });
    group.bench_function("baseline explicit, automatic only", |b| {
        b.iter(|| {
            quote(
                black_box(&automatic.cart),
                black_box(&automatic.promotions),
                black_box(&automatic.context),
            )
        })
    });
    group.bench_function("baseline no promotions", |b| {
        b.iter(|| {
            quote(
                black_box(&bare.cart),
                black_box(&bare.promotions),
                black_box(&bare.context),
            )
        })
    });
    group.bench_function("o2okit::call_json best_for_customer", |b| {
        b.iter(|| o2okit::call("quote", black_box(&text)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
