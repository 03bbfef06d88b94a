//! `coupon.redeem` and `coupon.rollback`: a sequence of redemptions, retries, partial and
//! full rollbacks on one held coupon, each through the wire function. After every success
//! the record is consistent (`validate`), never counts more uses than before plus one,
//! never rolls back more than was redeemed, and matches a model of what each order still
//! owes; a retry returns an identical record; nothing is applied on an error.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use o2okit::{HeldCoupon, Money};
use o2okit_fuzz::{id, json, Amt, Arbitrary, At, Checked, Cur, Value};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Redeem {
    coupon: HeldCoupon,
    order_id: String,
    amount: Money,
    #[serde(default)]
    customer_id: Option<String>,
    now: chrono::DateTime<chrono::FixedOffset>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rollback {
    coupon: HeldCoupon,
    order_id: String,
    #[serde(default)]
    amount: Option<Money>,
}

#[derive(Arbitrary, Debug)]
enum Op {
    Redeem {
        order: u8,
        amount: Amt,
        customer: Option<u8>,
        now: At,
    },
    Retry,
    Rollback {
        order: u8,
        amount: Option<Amt>,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    currency: Cur,
    owner: Option<u8>,
    max_uses: u8,
    valid_until: Option<At>,
    ops: Vec<Op>,
}

fn redeemed_minus_rolled_back(coupon: &HeldCoupon) -> BTreeMap<String, i128> {
    let mut owed = BTreeMap::new();
    for r in &coupon.redemptions {
        *owed.entry(r.order_id.clone()).or_insert(0) +=
            r.amount.minor_units() - r.rolled_back.minor_units();
    }
    owed
}

fuzz_target!(|input: Input| {
    let c = input.currency.currency();
    let mut coupon =
        json!({"coupon_id": "cpn-1", "promotion_id": "p", "max_uses": input.max_uses % 4});
    if let Some(o) = input.owner {
        coupon["customer_id"] = json!(id(o));
    }
    if let Some(t) = input.valid_until {
        coupon["valid_until"] = t.wire();
    }
    let mut coupon: HeldCoupon =
        o2okit::decode(&coupon.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let mut last_redeem: Option<Value> = None;
    // What each order has been given and not given back, by the model.
    let mut owed: BTreeMap<String, i128> = BTreeMap::new();
    for op in input.ops.iter().take(24) {
        let before = coupon.clone();
        match op {
            Op::Redeem { .. } | Op::Retry => {
                let request = match op {
                    Op::Redeem {
                        order,
                        amount,
                        customer,
                        now,
                    } => {
                        let mut r = json!({"coupon": coupon, "order_id": format!("o-{}", id(*order)),
                                           "amount": o2okit_fuzz::money(i64::from(amount.units % 3_000), c),
                                           "now": now.wire()});
                        if let Some(cu) = customer {
                            r["customer_id"] = json!(id(*cu));
                        }
                        r
                    }
                    _ => match &last_redeem {
                        Some(previous) => {
                            let mut r = previous.clone();
                            r["coupon"] =
                                serde_json::to_value(&coupon).unwrap_or_else(|e| panic!("{e}"));
                            r
                        }
                        None => continue,
                    },
                };
                last_redeem = Some(request.clone());
                let run = |r: &Redeem| {
                    r.coupon
                        .redeem(&r.order_id, r.amount, r.customer_id.as_deref(), r.now)
                };
                let Some(next) = Checked::<HeldCoupon>::run("coupon.redeem", &request, run).ok()
                else {
                    continue;
                };
                next.validate()
                    .unwrap_or_else(|e| panic!("redeem made an inconsistent record: {e}"));
                assert!(next.uses() <= before.uses() + 1);
                let order = request["order_id"].as_str().unwrap_or_default().to_string();
                let amount: Money = serde_json::from_value(request["amount"].clone())
                    .unwrap_or_else(|e| panic!("{e}"));
                if next.redemptions.len() > before.redemptions.len() {
                    assert_eq!(next.redemptions.len(), before.redemptions.len() + 1);
                    assert_eq!(next.uses(), before.uses() + 1);
                    *owed.entry(order).or_insert(0) += amount.minor_units();
                } else {
                    assert_eq!(next, before, "a retry changed the record");
                }
                // Idempotent: the same redemption again gives the identical record.
                let again = next.redeem(
                    &run_order(&request),
                    amount,
                    request["customer_id"].as_str(),
                    next.redemptions
                        .last()
                        .map_or_else(|| unreachable!(), |r| r.at),
                );
                assert_eq!(
                    again.as_ref().ok(),
                    Some(&next),
                    "a retry of the same redemption is not identical"
                );
                coupon = next;
            }
            Op::Rollback { order, amount } => {
                let mut request =
                    json!({"coupon": coupon, "order_id": format!("o-{}", id(*order))});
                if let Some(a) = amount {
                    request["amount"] = o2okit_fuzz::money(i64::from(a.units % 3_000), c);
                }
                let run = |r: &Rollback| r.coupon.rollback(&r.order_id, r.amount);
                let Some(next) = Checked::<HeldCoupon>::run("coupon.rollback", &request, run).ok()
                else {
                    continue;
                };
                next.validate()
                    .unwrap_or_else(|e| panic!("rollback made an inconsistent record: {e}"));
                assert_eq!(next.redemptions.len(), before.redemptions.len());
                assert!(next.uses() <= before.uses());
                let order = format!("o-{}", id(*order));
                let given_back: i128 = match amount {
                    Some(a) => i128::from(a.units % 3_000),
                    None => before.remaining(&order).map_or(0, |m| m.minor_units()),
                };
                let entry = owed.entry(order.clone()).or_insert(0);
                *entry -= given_back;
                assert!(*entry >= 0, "rolled back more than was redeemed");
                assert_eq!(
                    next.remaining(&order).map(|m| m.minor_units() >= 0),
                    Some(true)
                );
                if amount.is_none() {
                    // A full rollback again is idempotent.
                    assert_eq!(next.rollback(&order, None).as_ref().ok(), Some(&next));
                }
                coupon = next;
            }
        }
        for r in &coupon.redemptions {
            assert!(
                !r.rolled_back.is_negative()
                    && r.rolled_back.minor_units() <= r.amount.minor_units()
            );
        }
        let mut model = owed.clone();
        model.retain(|_, v| *v != 0);
        let mut record = redeemed_minus_rolled_back(&coupon);
        record.retain(|_, v| *v != 0);
        assert_eq!(
            record, model,
            "the record and the model disagree on what is owed"
        );
    }
});

fn run_order(request: &Value) -> String {
    request["order_id"].as_str().unwrap_or_default().to_string()
}
