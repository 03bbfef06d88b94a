//! Order intake and price parity: the hand-computed marketplace split, and the properties.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use o2okit::{
    normalize, price_parity, quote, split, Currency, IntakeStatus, LineKind, Money, ParityRequest,
    Role, SeenOrder, Source, SourcePayload, SplitPlan,
};
use proptest::prelude::*;
use serde_json::{json, Value};

fn cny() -> Currency {
    Currency::from_code("CNY").unwrap()
}

fn m(units: i64) -> Value {
    json!({"amount": Money::from_minor(i128::from(units), cny()).unwrap().amount().to_string(), "currency": "CNY"})
}

fn merchant_plan() -> SplitPlan {
    o2okit::decode(
        r#"{"rules": [], "remainder": {"role": "merchant", "party_id": "noodle-house"}}"#,
    )
    .unwrap()
}

fn marketplace(
    items: &[(u32, i64)],
    merchant_discount: i64,
    subsidy: i64,
    delivery: i64,
    rate: &str,
) -> SourcePayload {
    let subtotal: i64 = items.iter().map(|(q, p)| i64::from(*q) * p).sum();
    let paid = subtotal - merchant_discount - subsidy + delivery;
    let items: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(i, (q, p))| json!({"item_code": format!("sku-{i}"), "quantity": q, "list_price": m(*p)}))
        .collect();
    SourcePayload::decode(
        Source::Marketplace,
        json!({
            "platform": "mt", "platform_order_id": "9001", "shop_id": "s-3",
            "ordered_at": "2026-05-04T12:10:00+08:00", "items": items,
            "merchant_discount": m(merchant_discount), "platform_subsidy": m(subsidy),
            "delivery": {"by": "platform_rider", "fee": m(delivery)},
            "user_paid": m(paid), "commission": {"rate": rate}
        }),
    )
    .unwrap()
}

/// The vector `intake-marketplace-commission-subsidy-and-rider`, split: 2 x 50.00 + 6.00 =
/// 106.00, merchant discount 10.00, platform subsidy 5.00, delivery 4.00, paid 95.00.
/// Commission 18% of 96.00 = 17.28 to the platform, 4.00 to its riders; the gross is
/// 95.00 + 5.00 = 100.00, so the merchant keeps 100.00 - 17.28 - 4.00 = 78.72, and the
/// platform is charged its 5.00 subsidy.
#[test]
fn a_marketplace_order_splits_with_its_commission() {
    let payload = marketplace(&[(2, 5000), (1, 600)], 1000, 500, 400, "18");
    let order = normalize(&payload, &[]).unwrap().order;
    let plan = order.split_plan(&merchant_plan()).unwrap();
    let ledger = split(&order.split_order(), &plan).unwrap();
    let lines: Vec<(&str, &str, &str, String)> = ledger
        .lines
        .iter()
        .map(|l| {
            (
                l.rule.as_str(),
                l.role.as_str(),
                l.party_id.as_str(),
                l.amount.amount().to_string(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("commission", "platform", "mt", "17.28".to_string()),
            ("platform_delivery", "logistics", "mt", "4.00".to_string()),
            ("remainder", "merchant", "noodle-house", "78.72".to_string()),
            ("platform_subsidy", "platform", "mt", "-5.00".to_string()),
        ]
    );
    assert_eq!(ledger.lines[0].amount, order.fees[0].amount);
    assert_eq!(
        ledger.lines[0].base_amount.unwrap().to_string(),
        "96.00 CNY"
    );
    assert_eq!(ledger.lines[3].kind, LineKind::Subsidy);
    assert_eq!(ledger.total().unwrap(), order.paid);
    assert_eq!(ledger.order_id, order.id);

    // The cart prices back to the subtotal with no promotions.
    let q = quote(&order.cart(), &[], &order.quote_context()).unwrap();
    assert_eq!(q.total.to_string(), "110.00 CNY"); // 106.00 goods + 4.00 delivery
                                                   // A plan rule with a fee's id is refused.
    let clash: SplitPlan = o2okit::decode(
        r#"{"rules": [{"id": "commission", "to": {"role": "platform"}, "base": "goods",
            "pay": {"type": "percent", "percent": "1"}}]}"#,
    )
    .unwrap();
    assert_eq!(order.split_plan(&clash).unwrap_err().code(), "duplicate_id");
}

#[test]
fn errors_name_the_problem() {
    let phone = |due: Value| {
        SourcePayload::decode(
            Source::Phone,
            json!({"call_id": "c-1", "store_id": "s-1", "caller_phone": "1", "taken_by": "a",
                "called_at": "2026-05-01T18:02:00+08:00", "fulfilment": "pickup",
                "items": [{"product_id": "p", "qty": 3, "unit_price": m(333)}], "amount_due": due}),
        )
        .unwrap()
    };
    let err = normalize(&phone(m(1000)), &[]).unwrap_err();
    assert_eq!(err.code(), "amounts_do_not_reconcile");
    assert_eq!(err.category().as_str(), "intake");
    let text = err.to_string();
    assert!(
        text.contains("9.99 CNY") && text.contains("10.00 CNY"),
        "{text}"
    );

    let counter = SourcePayload::decode(
        Source::StoreCounter,
        json!({"receipt_no": "R-1", "store_id": "s-1", "cashier_id": "c", "rung_at": "2026-05-01T12:00:00+08:00",
            "items": [{"sku": "tea", "qty": "0", "price": m(800)}],
            "tender": {"method": "cash", "received": m(0)}}),
    )
    .unwrap();
    let err = normalize(&counter, &[]).unwrap_err();
    assert_eq!(err.code(), "invalid_source_order");
    assert!(err.to_string().contains("payload.items[0]"), "{err}");
}

fn observation() -> impl Strategy<Value = Value> {
    (
        0..4usize,
        0..4usize,
        prop::option::of(0..3usize),
        0..2000i64,
        any::<bool>(),
    )
        .prop_map(|(product, channel, store, price, hkd)| {
            let channels = ["online_delivery", "online_pickup", "in_store", "dine_in"];
            let mut o = json!({
                "product_id": format!("p{product}"),
                "channel": channels[channel],
                "price": {"amount": Money::from_minor(i128::from(price), cny()).unwrap().amount().to_string(),
                          "currency": if hkd { "HKD" } else { "CNY" }},
            });
            if let Some(s) = store {
                o["store_id"] = json!(format!("s{s}"));
            }
            o
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Normalising is idempotent: the same payload gives the same output, and its
    /// resubmission is a duplicate pointing at the same canonical id; other content under the
    /// same external id is a conflict.
    #[test]
    fn normalize_is_idempotent(
        items in prop::collection::vec((1..5u32, 0..10_000i64), 1..5),
        md in 0..500i64, sub in 0..500i64, delivery in 0..1_000i64, rate in 0..300u32,
    ) {
        let subtotal: i64 = items.iter().map(|(q, p)| i64::from(*q) * p).sum();
        prop_assume!(md + sub <= subtotal);
        let rate = format!("{}.{}", rate / 10, rate % 10);
        let payload = marketplace(&items, md, sub, delivery, &rate);
        let first = normalize(&payload, &[]).unwrap();
        prop_assert_eq!(first.status, IntakeStatus::New);
        prop_assert_eq!(&normalize(&payload, &[]).unwrap(), &first);
        let seen = [SeenOrder { id: first.order.id.clone(), fingerprint: first.fingerprint.clone() }];
        let again = normalize(&payload, &seen).unwrap();
        prop_assert_eq!(again.status, IntakeStatus::Duplicate);
        prop_assert_eq!(&again.order, &first.order);
        prop_assert_eq!(&again.fingerprint, &first.fingerprint);
        prop_assert_eq!(&normalize(&payload, &seen).unwrap(), &again);
        // Other content, same external id: a conflict.
        let changed = marketplace(&items, md, sub, delivery + 1, &rate);
        prop_assert_eq!(normalize(&changed, &seen).unwrap_err().code(), "conflicting_duplicate");
    }

    /// The split of a normalised order adds up to what was paid, and the platform's
    /// commission line is the commission.
    #[test]
    fn split_of_a_normalized_order_sums_to_paid(
        items in prop::collection::vec((1..5u32, 0..10_000i64), 1..5),
        md in 0..500i64, sub in 0..500i64, delivery in 0..1_000i64, rate in 0..300u32,
    ) {
        let subtotal: i64 = items.iter().map(|(q, p)| i64::from(*q) * p).sum();
        prop_assume!(md + sub <= subtotal);
        let rate = format!("{}.{}", rate / 10, rate % 10);
        let order = normalize(&marketplace(&items, md, sub, delivery, &rate), &[]).unwrap().order;
        let ledger = split(&order.split_order(), &order.split_plan(&merchant_plan()).unwrap()).unwrap();
        prop_assert_eq!(ledger.total().unwrap(), order.paid);
        let commission = ledger.lines.iter().find(|l| l.rule == "commission").unwrap();
        prop_assert_eq!(&commission.role, &Role::Platform);
        prop_assert_eq!(commission.amount, order.fees[0].amount);
        // 0–30% of the goods base (subtotal less the merchant's discount), half-even.
        let base = i128::from(subtotal - md);
        let exact = base * i128::from(rate.replace('.', "").parse::<i64>().unwrap());
        let got = commission.amount.minor_units() * 1000;
        prop_assert!((got - exact).abs() <= 500, "{} vs {}", got, exact);
    }

    /// Every observation is accounted for exactly once, in one product's matching or
    /// deviations, and the products come sorted.
    #[test]
    fn parity_accounts_for_every_observation(
        observations in prop::collection::vec(observation(), 0..24),
        tolerance in prop::option::of(0..200i64),
        reference in prop::option::of(0..4usize),
    ) {
        let channels = ["online_delivery", "online_pickup", "in_store", "dine_in"];
        let mut request = json!({"observations": observations});
        if let Some(t) = tolerance {
            request["tolerance"] = json!({"percent": t.to_string()});
        }
        if let Some(r) = reference {
            request["reference"] = json!(channels[r]);
        }
        let request: ParityRequest = o2okit::decode(&request.to_string()).unwrap();
        let report = price_parity(&request).unwrap();
        let mut seen: Vec<usize> = report.products.iter().flat_map(|p| {
            p.matching.iter().copied().chain(p.deviations.iter().map(|d| d.index))
        }).collect();
        seen.sort_unstable();
        prop_assert_eq!(seen, (0..request.observations.len()).collect::<Vec<_>>());
        prop_assert_eq!(report.observations, request.observations.len());
        prop_assert_eq!(report.products_at_parity + report.products_deviating, report.products.len());
        for p in &report.products {
            prop_assert_eq!(p.count, p.matching.len() + p.deviations.len());
            prop_assert_eq!(p.at_parity, p.deviations.is_empty());
            prop_assert!(p.min.minor_units() <= p.reference.minor_units() && p.reference.minor_units() <= p.max.minor_units());
            for d in &p.deviations {
                prop_assert_eq!(d.price.checked_sub(p.reference).unwrap(), d.difference);
            }
        }
        let keys: Vec<(String, String)> = report.products.iter()
            .map(|p| (p.product_id.clone(), p.currency.code().to_string())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        prop_assert_eq!(keys, sorted);
    }
}
