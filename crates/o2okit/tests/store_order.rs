//! Flows 2, 3 and 4 as store orders: hand-computed lifecycles modelled on the seeds'
//! examples (Suning, JD, Papa John's) and property tests of the state machine (idempotency,
//! absorbing terminals, money that nets to zero, deterministic replay, no panic).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use chrono::{DateTime, Duration, FixedOffset};
use o2okit::{
    store_order_open, store_order_replay, store_order_step, Currency, Handover, LedgerLine,
    LifecycleActor, Money, StoreOrderCommand, StoreOrderEffect, StoreOrderPolicy, StoreOrderState,
    StoreOrderStatus, StoreOrderStep, TimedStoreOrderCommand,
};
use proptest::prelude::*;

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn cny(amount: &str) -> Money {
    Money::parse(amount, Currency::from_code("CNY").unwrap()).unwrap()
}

fn cmd(json: &str) -> StoreOrderCommand {
    o2okit::decode(json).unwrap()
}

/// Flow 2, Suning-style: staff bind a customer to a store with the store's QR code (first
/// bind wins for 30 days); the mall takes 5%, the bound store 3%, the bound staff member 1%,
/// the fulfilling store a fixed 20.00; the rest to Suning.
fn suning() -> StoreOrderPolicy {
    o2okit::decode(
        r#"{"id": "suning-qr", "flow": "offline_to_online", "currency": "CNY",
        "binding": {"policy": "first_wins", "expiry_seconds": 2592000},
        "plan": {"rules": [
            {"id": "platform", "to": {"role": "platform", "party_id": "suning-mall"}, "base": "gross_paid",
             "pay": {"type": "percent", "percent": "5"}},
            {"id": "bound-store", "to": {"role": "bound_store"}, "base": "gross_paid",
             "pay": {"type": "percent", "percent": "3"}},
            {"id": "staff", "to": {"role": "store_staff"}, "base": "gross_paid",
             "pay": {"type": "percent", "percent": "1"}},
            {"id": "fulfilment", "to": {"role": "store"}, "base": "gross_paid",
             "pay": {"type": "fixed", "amount": {"amount": "20.00", "currency": "CNY"}}}],
          "remainder": {"role": "merchant", "party_id": "suning"},
          "parties": [{"role": "platform", "party_id": "suning-mall"}]}}"#,
    )
    .unwrap()
}

/// Flow 3, JD-style: three partner convenience stores north of the address (about 1, 2 and
/// 3 km), the nearest out of TVs; JD takes 5%, the experience store 4%, the fulfilling store
/// a fixed 8.00.
fn jd() -> StoreOrderPolicy {
    o2okit::decode(
        r#"{"id": "jd-showroom", "flow": "online_to_offline_to_online", "currency": "CNY",
        "plan": {"rules": [
            {"id": "platform", "to": {"role": "platform", "party_id": "jd"}, "base": "gross_paid",
             "pay": {"type": "percent", "percent": "5"}},
            {"id": "experience", "to": {"role": "experience_store"}, "base": "gross_paid",
             "pay": {"type": "percent", "percent": "4"}},
            {"id": "fulfilment", "to": {"role": "store"}, "base": "gross_paid",
             "pay": {"type": "fixed", "amount": {"amount": "8.00", "currency": "CNY"}}}],
          "remainder": {"role": "merchant", "party_id": "jd-retail"}},
        "partner_stores": [
            {"id": "jd-a", "location": {"lat": 39.9132, "lng": 116.4074}, "area": {"type": "radius", "radius_m": 3000},
             "stock": {"tv": 0}},
            {"id": "jd-b", "location": {"lat": 39.9222, "lng": 116.4074}, "area": {"type": "radius", "radius_m": 3000},
             "stock": {"tv": 2}},
            {"id": "jd-c", "location": {"lat": 39.9312, "lng": 116.4074}, "area": {"type": "radius", "radius_m": 5000},
             "stock": {"tv": 5}}]}"#,
    )
    .unwrap()
}

/// Flow 4, Papa John's-style: orders on the WeChat mini-program (0.6% to the payment
/// processor), the own app (free) or Dianping (8% to the platform); the fulfilling store 10%;
/// the customer may cancel within 5 minutes.
fn papa() -> StoreOrderPolicy {
    o2okit::decode(
        r#"{"id": "papa", "flow": "offline_to_online_to_offline", "currency": "CNY",
        "plan": {"rules": [{"id": "store", "to": {"role": "store"}, "base": "gross_paid",
                            "pay": {"type": "percent", "percent": "10"}}],
                 "remainder": {"role": "merchant", "party_id": "papa-johns"}},
        "channels": [
            {"id": "wechat", "kind": "mini_program", "fee": {"type": "percent", "percent": "0.6"},
             "fee_to": {"role": "payment_processor", "party_id": "wxpay"}},
            {"id": "own_app", "kind": "own_app"},
            {"id": "dianping", "kind": "third_party", "fee": {"type": "percent", "percent": "8"},
             "fee_to": {"role": "platform", "party_id": "dianping"}}],
        "cancel_minutes": 5}"#,
    )
    .unwrap()
}

struct Order {
    policy: StoreOrderPolicy,
    state: StoreOrderState,
}

impl Order {
    fn new(policy: StoreOrderPolicy) -> Order {
        let state = store_order_open(&policy, "o-1", "ann").unwrap();
        Order { policy, state }
    }

    fn try_step(
        &self,
        command: &StoreOrderCommand,
        now: &str,
    ) -> Result<StoreOrderStep, o2okit::Error> {
        store_order_step(&self.state, &self.policy, command, at(now))
    }

    fn step(&mut self, json: &str, now: &str) -> Vec<StoreOrderEffect> {
        let step = self.try_step(&cmd(json), now).unwrap();
        assert!(!step.duplicate);
        self.state = step.state;
        self.check_money();
        step.effects
    }

    fn reject(&self, json: &str, now: &str) -> &'static str {
        let before = self.state.clone();
        let code = self.try_step(&cmd(json), now).unwrap_err().code();
        assert_eq!(self.state, before);
        code
    }

    fn check_money(&self) {
        let t = &self.state.totals;
        let held = t.held().unwrap();
        assert!(!held.is_negative(), "{t:?}");
        assert_eq!(
            t.charged,
            t.refunded
                .checked_add(t.settled)
                .unwrap()
                .checked_sub(t.clawed_back)
                .unwrap()
                .checked_add(held)
                .unwrap()
        );
        if self.state.status.is_final() {
            assert!(held.is_zero(), "{:?} holds {held}", self.state.status);
        }
    }
}

fn lines(lines: &[LedgerLine]) -> Vec<(String, String, String)> {
    lines
        .iter()
        .map(|l| {
            (
                l.role.as_str().to_string(),
                l.party_id.clone(),
                l.amount.amount().to_string(),
            )
        })
        .collect()
}

fn row(role: &str, party: &str, amount: &str) -> (String, String, String) {
    (role.into(), party.into(), amount.into())
}

fn settled_ledger(effects: &[StoreOrderEffect]) -> &o2okit::Ledger {
    effects
        .iter()
        .find_map(|e| match e {
            StoreOrderEffect::Settle { ledger, .. } => Some(ledger),
            _ => None,
        })
        .expect("a settle effect")
}

#[test]
fn flow_2_a_qr_scan_in_store_then_home_delivery_credits_the_bound_store_and_staff() {
    let mut order = Order::new(suning());
    // Li scans the customer in at Xinjiekou; five days later Wang at Hunan Road tries to
    // take the customer over: first bind wins, so Li and Xinjiekou keep the credit.
    order.step(
        r#"{"type": "touch", "key": "t1", "actor": "staff", "store_id": "xinjiekou", "staff_id": "li", "channel": "store_qr"}"#,
        "2026-11-01T15:00:00+08:00",
    );
    order.step(
        r#"{"type": "touch", "key": "t2", "actor": "customer", "store_id": "hunan-rd", "staff_id": "wang", "channel": "store_qr"}"#,
        "2026-11-06T15:00:00+08:00",
    );
    // A washing machine at 2,999.00 after a 100.00 coupon funded by the platform, delivered
    // from the Hunan Road store.
    let effects = order.step(
        r#"{"type": "place", "key": "p", "actor": "customer",
            "amount": {"amount": "2999.00", "currency": "CNY"},
            "discounts": [{"promotion_id": "double-11", "amount": {"amount": "100.00", "currency": "CNY"},
                           "funded_by": {"role": "platform"}}],
            "fulfilment": "delivery", "store_id": "hunan-rd", "address": {"lat": 32.05, "lng": 118.78}}"#,
        "2026-11-11T10:00:00+08:00",
    );
    assert_eq!(order.state.status, StoreOrderStatus::Received);
    let bound: Vec<(String, String)> = effects
        .iter()
        .filter_map(|e| match e {
            StoreOrderEffect::Bind { binding } => {
                Some((binding.role.as_str().to_string(), binding.party_id.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        bound,
        [
            ("store_staff".to_string(), "li".to_string()),
            ("bound_store".to_string(), "xinjiekou".to_string())
        ]
    );
    assert!(
        matches!(effects.last(), Some(StoreOrderEffect::Charge { amount, customer_id })
        if *amount == cny("2999.00") && customer_id == "ann")
    );
    // A delivery is completed by the rider, not by the store.
    order.step(
        r#"{"type": "accept", "key": "a", "actor": "staff"}"#,
        "2026-11-11T10:05:00+08:00",
    );
    order.step(
        r#"{"type": "ready", "key": "r", "actor": "staff"}"#,
        "2026-11-11T11:00:00+08:00",
    );
    assert_eq!(
        order.reject(
            r#"{"type": "complete", "key": "c", "actor": "staff"}"#,
            "2026-11-11T11:01:00+08:00"
        ),
        "command_not_allowed"
    );
    order.step(
        r#"{"type": "dispatch", "key": "d", "actor": "logistics"}"#,
        "2026-11-11T11:10:00+08:00",
    );
    assert_eq!(order.state.status, StoreOrderStatus::OutForDelivery);
    assert_eq!(
        order.reject(
            r#"{"type": "complete", "key": "c", "actor": "staff"}"#,
            "2026-11-11T12:00:00+08:00"
        ),
        "command_not_allowed"
    );
    let done = order.step(
        r#"{"type": "complete", "key": "c", "actor": "logistics"}"#,
        "2026-11-11T12:00:00+08:00",
    );
    assert_eq!(
        done,
        [StoreOrderEffect::Completed {
            store_id: "hunan-rd".into(),
            handover: Handover::Delivered
        }]
    );
    let effects = order.step(
        r#"{"type": "settle", "key": "s", "actor": "platform"}"#,
        "2026-11-18T00:00:00+08:00",
    );
    assert_eq!(order.state.status, StoreOrderStatus::Closed);
    // Gross 3,099.00 (paid + the platform's subsidy): 5% = 154.95, 3% = 92.97, 1% = 30.99,
    // 20.00 fixed, remainder 3,099.00 − 298.91 = 2,800.09; the platform pays the 100.00 subsidy.
    let ledger = settled_ledger(&effects);
    assert_eq!(
        lines(&ledger.lines),
        [
            row("platform", "suning-mall", "154.95"),
            row("bound_store", "xinjiekou", "92.97"),
            row("store_staff", "li", "30.99"),
            row("store", "hunan-rd", "20.00"),
            row("merchant", "suning", "2800.09"),
            row("platform", "suning-mall", "-100.00"),
        ]
    );
    assert_eq!(ledger.total().unwrap(), cny("2999.00"));
    assert_eq!(
        order.reject(
            r#"{"type": "settle", "key": "s2", "actor": "platform"}"#,
            "2026-11-19T00:00:00+08:00"
        ),
        "command_not_allowed"
    );
}

#[test]
fn flow_2_an_expired_binding_credits_nobody_and_the_share_stays_with_the_merchant() {
    let mut order = Order::new(suning());
    order.step(
        r#"{"type": "touch", "key": "t1", "actor": "staff", "store_id": "xinjiekou", "staff_id": "li"}"#,
        "2026-10-01T15:00:00+08:00",
    );
    // 31 days later: the 30-day binding has expired.
    let effects = order.step(
        r#"{"type": "place", "key": "p", "actor": "customer", "amount": {"amount": "100.00", "currency": "CNY"},
            "fulfilment": "pickup", "store_id": "hunan-rd"}"#,
        "2026-11-01T15:00:00+08:00",
    );
    assert!(!effects
        .iter()
        .any(|e| matches!(e, StoreOrderEffect::Bind { .. })));
    order.step(
        r#"{"type": "accept", "key": "a", "actor": "staff"}"#,
        "2026-11-01T15:01:00+08:00",
    );
    order.step(
        r#"{"type": "ready", "key": "r", "actor": "staff"}"#,
        "2026-11-01T15:30:00+08:00",
    );
    assert_eq!(
        order.reject(
            r#"{"type": "dispatch", "key": "d", "actor": "staff"}"#,
            "2026-11-01T15:31:00+08:00"
        ),
        "command_not_allowed"
    );
    let done = order.step(
        r#"{"type": "complete", "key": "c", "actor": "staff"}"#,
        "2026-11-01T16:00:00+08:00",
    );
    assert!(matches!(
        &done[0],
        StoreOrderEffect::Completed {
            handover: Handover::PickedUp,
            ..
        }
    ));
    let effects = order.step(
        r#"{"type": "settle", "key": "s", "actor": "platform"}"#,
        "2026-11-02T00:00:00+08:00",
    );
    assert_eq!(
        lines(&settled_ledger(&effects).lines),
        [
            row("platform", "suning-mall", "5.00"),
            row("store", "hunan-rd", "20.00"),
            row("merchant", "suning", "75.00"),
        ]
    );
}

#[test]
fn flow_3_experience_in_a_showroom_then_an_online_order_routed_to_the_nearest_partner_store() {
    let mut order = Order::new(jd());
    order.step(
        r#"{"type": "touch", "key": "t1", "actor": "customer", "store_id": "jd-showroom-sanlitun", "channel": "showroom"}"#,
        "2026-06-01T14:00:00+08:00",
    );
    // Dine-in is not a flow 3 fulfilment; the address is needed for routing; the store is chosen.
    assert_eq!(
        order.reject(
            r#"{"type": "place", "key": "p", "actor": "customer", "amount": {"amount": "4999.00", "currency": "CNY"},
                "fulfilment": "dine_in", "address": {"lat": 39.9042, "lng": 116.4074}, "items": [{"product_id": "tv", "quantity": 1}]}"#,
            "2026-06-02T20:00:00+08:00"
        ),
        "invalid_input"
    );
    assert_eq!(
        order.reject(
            r#"{"type": "place", "key": "p", "actor": "customer", "amount": {"amount": "4999.00", "currency": "CNY"},
                "fulfilment": "delivery", "items": [{"product_id": "tv", "quantity": 1}]}"#,
            "2026-06-02T20:00:00+08:00"
        ),
        "invalid_input"
    );
    let effects = order.step(
        r#"{"type": "place", "key": "p", "actor": "customer", "amount": {"amount": "4999.00", "currency": "CNY"},
            "fulfilment": "delivery", "address": {"lat": 39.9042, "lng": 116.4074},
            "items": [{"product_id": "tv", "quantity": 1}]}"#,
        "2026-06-02T20:00:00+08:00",
    );
    let StoreOrderEffect::AssignStore {
        store_id,
        passed_over,
        ..
    } = &effects[0]
    else {
        panic!("{effects:?}")
    };
    assert_eq!(store_id, "jd-b");
    let reasons: Vec<(&str, Vec<&str>)> = passed_over
        .iter()
        .map(|p| {
            (
                p.store_id.as_str(),
                p.reasons.iter().map(|r| r.code()).collect(),
            )
        })
        .collect();
    assert_eq!(
        reasons,
        [("jd-a", vec!["out_of_stock"]), ("jd-c", vec!["farther"])]
    );
    let StoreOrderEffect::Bind { binding } = &effects[1] else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (binding.role.as_str(), binding.party_id.as_str()),
        ("experience_store", "jd-showroom-sanlitun")
    );
    assert!(matches!(&effects[2], StoreOrderEffect::Charge { .. }));
    for (json, time) in [
        (
            r#"{"type": "accept", "key": "a", "actor": "staff"}"#,
            "2026-06-02T20:02:00+08:00",
        ),
        (
            r#"{"type": "ready", "key": "r", "actor": "staff"}"#,
            "2026-06-02T20:20:00+08:00",
        ),
        (
            r#"{"type": "dispatch", "key": "d", "actor": "staff"}"#,
            "2026-06-02T20:25:00+08:00",
        ),
        (
            r#"{"type": "complete", "key": "c", "actor": "logistics"}"#,
            "2026-06-02T21:00:00+08:00",
        ),
    ] {
        order.step(json, time);
    }
    let effects = order.step(
        r#"{"type": "settle", "key": "s", "actor": "platform"}"#,
        "2026-06-09T00:00:00+08:00",
    );
    // 5% of 4,999.00 = 249.95; 4% = 199.96 to the showroom although the sale closed online;
    // 8.00 to jd-b; the remainder 4,541.09.
    assert_eq!(
        lines(&settled_ledger(&effects).lines),
        [
            row("platform", "jd", "249.95"),
            row("experience_store", "jd-showroom-sanlitun", "199.96"),
            row("store", "jd-b", "8.00"),
            row("merchant", "jd-retail", "4541.09"),
        ]
    );
}

#[test]
fn flow_3_no_partner_store_available_applies_nothing() {
    let order = Order::new(jd());
    let err = order
        .try_step(
            &cmd(r#"{"type": "place", "key": "p", "actor": "customer", "amount": {"amount": "4999.00", "currency": "CNY"},
                "fulfilment": "delivery", "address": {"lat": 39.9042, "lng": 116.4074},
                "items": [{"product_id": "tv", "quantity": 9}]}"#),
            "2026-06-02T20:00:00+08:00",
        )
        .unwrap_err();
    assert_eq!(err.code(), "no_store_available");
    assert_eq!(err.category().as_str(), "lifecycle");
    let message = err.to_string();
    assert!(message.contains("jd-a: out_of_stock"), "{message}");
    assert!(message.contains("jd-c: out_of_stock"), "{message}");
    assert_eq!(order.state.status, StoreOrderStatus::Created);
}

#[test]
fn flow_4_a_wechat_order_eaten_in_the_store_pays_the_channel_fee() {
    let mut order = Order::new(papa());
    assert_eq!(
        order.reject(
            r#"{"type": "touch", "key": "t", "actor": "customer", "store_id": "xuhui"}"#,
            "2026-03-06T11:59:00+08:00"
        ),
        "command_not_allowed"
    );
    assert_eq!(
        order.reject(
            r#"{"type": "place", "key": "p", "actor": "customer", "channel": "meituan",
                "amount": {"amount": "88.00", "currency": "CNY"}, "fulfilment": "dine_in", "store_id": "xuhui"}"#,
            "2026-03-06T12:00:00+08:00"
        ),
        "unknown_channel"
    );
    order.step(
        r#"{"type": "place", "key": "p", "actor": "customer", "channel": "wechat",
            "amount": {"amount": "88.00", "currency": "CNY"}, "fulfilment": "dine_in", "store_id": "xuhui"}"#,
        "2026-03-06T12:00:00+08:00",
    );
    let mut statuses = vec![order.state.status];
    for (json, time) in [
        (
            r#"{"type": "accept", "key": "a", "actor": "staff"}"#,
            "2026-03-06T12:01:00+08:00",
        ),
        (
            r#"{"type": "ready", "key": "r", "actor": "staff"}"#,
            "2026-03-06T12:15:00+08:00",
        ),
        (
            r#"{"type": "complete", "key": "c", "actor": "staff"}"#,
            "2026-03-06T12:16:00+08:00",
        ),
    ] {
        order.step(json, time);
        statuses.push(order.state.status);
    }
    let effects = order.step(
        r#"{"type": "settle", "key": "s", "actor": "platform"}"#,
        "2026-03-06T23:00:00+08:00",
    );
    statuses.push(order.state.status);
    assert_eq!(
        statuses,
        [
            StoreOrderStatus::Received,
            StoreOrderStatus::InPreparation,
            StoreOrderStatus::Ready,
            StoreOrderStatus::Completed,
            StoreOrderStatus::Closed
        ]
    );
    // 0.6% of 88.00 = 0.528 → 0.53; 10% = 8.80; 88.00 − 9.33 = 78.67.
    let ledger = settled_ledger(&effects);
    assert_eq!(
        lines(&ledger.lines),
        [
            row("payment_processor", "wxpay", "0.53"),
            row("store", "xuhui", "8.80"),
            row("merchant", "papa-johns", "78.67"),
        ]
    );
    assert_eq!(ledger.lines[0].rule, "channel_fee");
}

#[test]
fn flow_4_a_platform_order_pays_the_platform_commission() {
    let mut order = Order::new(papa());
    order.step(
        r#"{"type": "place", "key": "p", "actor": "customer", "channel": "dianping",
            "amount": {"amount": "123.45", "currency": "CNY"}, "fulfilment": "pickup", "store_id": "jingan"}"#,
        "2026-03-06T18:00:00+08:00",
    );
    for (json, time) in [
        (
            r#"{"type": "accept", "key": "a", "actor": "staff"}"#,
            "2026-03-06T18:01:00+08:00",
        ),
        (
            r#"{"type": "ready", "key": "r", "actor": "staff"}"#,
            "2026-03-06T18:20:00+08:00",
        ),
        (
            r#"{"type": "complete", "key": "c", "actor": "staff"}"#,
            "2026-03-06T18:40:00+08:00",
        ),
    ] {
        order.step(json, time);
    }
    let effects = order.step(
        r#"{"type": "settle", "key": "s", "actor": "platform"}"#,
        "2026-03-07T00:00:00+08:00",
    );
    // 8% of 123.45 = 9.876 → 9.88; 10% = 12.345 → 12.34 (half-even); rest 101.23.
    assert_eq!(
        lines(&settled_ledger(&effects).lines),
        [
            row("platform", "dianping", "9.88"),
            row("store", "jingan", "12.34"),
            row("merchant", "papa-johns", "101.23"),
        ]
    );
}

#[test]
fn cancel_within_the_window_refunds_everything_and_absorbs() {
    let mut order = Order::new(papa());
    order.step(
        r#"{"type": "place", "key": "p", "actor": "customer", "channel": "own_app",
            "amount": {"amount": "59.90", "currency": "CNY"}, "fulfilment": "pickup", "store_id": "xuhui"}"#,
        "2026-03-06T12:00:00+08:00",
    );
    assert_eq!(
        order.reject(
            r#"{"type": "cancel", "key": "x", "actor": "staff"}"#,
            "2026-03-06T12:01:00+08:00"
        ),
        "command_not_allowed"
    );
    let effects = order.step(
        r#"{"type": "cancel", "key": "x", "actor": "customer"}"#,
        "2026-03-06T12:04:59+08:00",
    );
    assert_eq!(
        effects,
        [StoreOrderEffect::Refund {
            customer_id: "ann".into(),
            amount: cny("59.90")
        }]
    );
    assert_eq!(order.state.status, StoreOrderStatus::Cancelled);
    for json in [
        r#"{"type": "accept", "key": "a", "actor": "staff"}"#,
        r#"{"type": "void", "key": "v", "actor": "platform"}"#,
        r#"{"type": "refund", "key": "f", "actor": "customer"}"#,
    ] {
        assert_eq!(
            order.reject(json, "2026-03-06T12:10:00+08:00"),
            "command_not_allowed"
        );
    }
}

#[test]
fn a_zero_minute_cancel_window_never_lets_the_customer_cancel() {
    let mut policy = papa();
    policy.cancel_minutes = Some(0);
    let mut order = Order::new(policy);
    order.step(
        r#"{"type": "place", "key": "p", "actor": "customer", "channel": "own_app",
            "amount": {"amount": "59.90", "currency": "CNY"}, "fulfilment": "pickup", "store_id": "xuhui"}"#,
        "2026-03-06T12:00:00+08:00",
    );
    assert_eq!(
        order.reject(
            r#"{"type": "cancel", "key": "x", "actor": "customer"}"#,
            "2026-03-06T12:00:00+08:00"
        ),
        "command_not_allowed"
    );
    order.step(
        r#"{"type": "void", "key": "v", "actor": "platform"}"#,
        "2026-03-06T12:00:00+08:00",
    );
    assert_eq!(order.state.status, StoreOrderStatus::Voided);
}

#[test]
fn cancel_after_the_window_or_after_accept_is_refused_but_staff_can_void() {
    let mut order = Order::new(papa());
    order.step(
        r#"{"type": "place", "key": "p", "actor": "customer", "channel": "own_app",
            "amount": {"amount": "59.90", "currency": "CNY"}, "fulfilment": "delivery", "store_id": "xuhui",
            "address": {"lat": 31.19, "lng": 121.43}}"#,
        "2026-03-06T12:00:00+08:00",
    );
    let err = order
        .try_step(
            &cmd(r#"{"type": "cancel", "key": "x", "actor": "customer"}"#),
            "2026-03-06T12:05:00+08:00",
        )
        .unwrap_err();
    assert_eq!(err.code(), "command_not_allowed");
    assert!(err.to_string().contains("void"), "{err}");
    order.step(
        r#"{"type": "accept", "key": "a", "actor": "staff"}"#,
        "2026-03-06T12:06:00+08:00",
    );
    assert_eq!(
        order.reject(
            r#"{"type": "cancel", "key": "x", "actor": "customer"}"#,
            "2026-03-06T12:06:00+08:00"
        ),
        "command_not_allowed"
    );
    order.step(
        r#"{"type": "ready", "key": "r", "actor": "staff"}"#,
        "2026-03-06T12:20:00+08:00",
    );
    order.step(
        r#"{"type": "dispatch", "key": "d", "actor": "logistics"}"#,
        "2026-03-06T12:25:00+08:00",
    );
    assert_eq!(
        order.reject(
            r#"{"type": "void", "key": "v", "actor": "customer"}"#,
            "2026-03-06T12:30:00+08:00"
        ),
        "command_not_allowed"
    );
    let effects = order.step(
        r#"{"type": "void", "key": "v", "actor": "staff", "reason": "rider had an accident"}"#,
        "2026-03-06T12:30:00+08:00",
    );
    assert_eq!(
        effects,
        [StoreOrderEffect::Refund {
            customer_id: "ann".into(),
            amount: cny("59.90")
        }]
    );
    assert_eq!(order.state.status, StoreOrderStatus::Voided);
}

fn closed_papa_order() -> Order {
    let mut order = Order::new(papa());
    for (json, time) in [
        (
            r#"{"type": "place", "key": "p", "actor": "customer", "channel": "wechat",
                "amount": {"amount": "88.00", "currency": "CNY"}, "fulfilment": "dine_in", "store_id": "xuhui"}"#,
            "2026-03-06T12:00:00+08:00",
        ),
        (
            r#"{"type": "accept", "key": "a", "actor": "staff"}"#,
            "2026-03-06T12:01:00+08:00",
        ),
        (
            r#"{"type": "ready", "key": "r", "actor": "staff"}"#,
            "2026-03-06T12:15:00+08:00",
        ),
        (
            r#"{"type": "complete", "key": "c", "actor": "staff"}"#,
            "2026-03-06T12:16:00+08:00",
        ),
        (
            r#"{"type": "settle", "key": "s", "actor": "platform"}"#,
            "2026-03-06T23:00:00+08:00",
        ),
    ] {
        order.step(json, time);
    }
    order
}

fn clawback_lines(effects: &[StoreOrderEffect]) -> Vec<(String, String, String)> {
    effects
        .iter()
        .find_map(|e| match e {
            StoreOrderEffect::Clawback { clawback, .. } => Some(lines(&clawback.lines)),
            _ => None,
        })
        .expect("a clawback")
}

#[test]
fn refunds_after_settlement_claw_back_the_ledger_cumulatively_to_the_cent() {
    let mut order = closed_papa_order();
    // 30.00 of 88.00 over the lines 0.53 / 8.80 / 78.67: exact shares 0.1807 / 3.00 /
    // 26.8193 → 0.18 / 3.00 / 26.82 (the odd cent to the largest remainder).
    let first = order.step(
        r#"{"type": "refund", "key": "f1", "actor": "customer", "amount": {"amount": "30.00", "currency": "CNY"}}"#,
        "2026-03-07T10:00:00+08:00",
    );
    assert_eq!(
        first[0],
        StoreOrderEffect::Refund {
            customer_id: "ann".into(),
            amount: cny("30.00")
        }
    );
    assert_eq!(
        clawback_lines(&first),
        [
            row("payment_processor", "wxpay", "-0.18"),
            row("store", "xuhui", "-3.00"),
            row("merchant", "papa-johns", "-26.82"),
        ]
    );
    assert_eq!(order.state.status, StoreOrderStatus::Closed);
    assert_eq!(
        order.reject(
            r#"{"type": "refund", "key": "f2", "actor": "customer", "amount": {"amount": "58.01", "currency": "CNY"}}"#,
            "2026-03-07T11:00:00+08:00"
        ),
        "refund_exceeds_paid"
    );
    assert_eq!(
        order.reject(
            r#"{"type": "refund", "key": "f2", "actor": "staff"}"#,
            "2026-03-07T11:00:00+08:00"
        ),
        "command_not_allowed"
    );
    // The rest (58.00 by default): every line gives back exactly the rest of what it got.
    let second = order.step(
        r#"{"type": "refund", "key": "f2", "actor": "platform"}"#,
        "2026-03-07T11:00:00+08:00",
    );
    assert_eq!(
        clawback_lines(&second),
        [
            row("payment_processor", "wxpay", "-0.35"),
            row("store", "xuhui", "-5.80"),
            row("merchant", "papa-johns", "-51.85"),
        ]
    );
    assert_eq!(order.state.status, StoreOrderStatus::Refunded);
    let t = &order.state.totals;
    assert_eq!(
        (t.charged, t.refunded, t.settled, t.clawed_back),
        (cny("88.00"), cny("88.00"), cny("88.00"), cny("88.00"))
    );
}

#[test]
fn a_refund_before_settlement_is_the_whole_amount() {
    let mut order = closed_papa_order();
    // Rebuild the same order up to completion only.
    order.state = store_order_open(&order.policy, "o-2", "ann").unwrap();
    for (json, time) in [
        (
            r#"{"type": "place", "key": "p", "actor": "customer", "channel": "wechat",
                "amount": {"amount": "88.00", "currency": "CNY"}, "fulfilment": "dine_in", "store_id": "xuhui"}"#,
            "2026-03-06T12:00:00+08:00",
        ),
        (
            r#"{"type": "accept", "key": "a", "actor": "staff"}"#,
            "2026-03-06T12:01:00+08:00",
        ),
        (
            r#"{"type": "ready", "key": "r", "actor": "staff"}"#,
            "2026-03-06T12:15:00+08:00",
        ),
        (
            r#"{"type": "complete", "key": "c", "actor": "staff"}"#,
            "2026-03-06T12:16:00+08:00",
        ),
    ] {
        order.step(json, time);
    }
    assert_eq!(
        order.reject(
            r#"{"type": "refund", "key": "f", "actor": "customer", "amount": {"amount": "10.00", "currency": "CNY"}}"#,
            "2026-03-06T13:00:00+08:00"
        ),
        "refund_not_allowed"
    );
    let effects = order.step(
        r#"{"type": "refund", "key": "f", "actor": "customer"}"#,
        "2026-03-06T13:00:00+08:00",
    );
    assert_eq!(effects.len(), 1);
    assert_eq!(order.state.status, StoreOrderStatus::Refunded);
    assert_eq!(
        order.reject(
            r#"{"type": "settle", "key": "s", "actor": "platform"}"#,
            "2026-03-06T23:00:00+08:00"
        ),
        "command_not_allowed"
    );
}

#[test]
fn duplicates_return_the_original_effects_and_conflicts_are_refused() {
    let mut order = Order::new(papa());
    let place = cmd(
        r#"{"type": "place", "key": "p", "actor": "customer", "channel": "wechat",
            "amount": {"amount": "88.00", "currency": "CNY"}, "fulfilment": "dine_in", "store_id": "xuhui"}"#,
    );
    let first = order.try_step(&place, "2026-03-06T12:00:00+08:00").unwrap();
    order.state = first.state.clone();
    // The same command again, even later and in another status: the original effects.
    order.step(
        r#"{"type": "accept", "key": "a", "actor": "staff"}"#,
        "2026-03-06T12:01:00+08:00",
    );
    let again = order.try_step(&place, "2026-03-06T12:02:00+08:00").unwrap();
    assert!(again.duplicate);
    assert_eq!(again.effects, first.effects);
    assert_eq!(again.state, order.state);
    // Even before the last command's time (a retry is not a new event).
    let early = order.try_step(&place, "2026-03-06T11:00:00+08:00").unwrap();
    assert!(early.duplicate);
    // Another command under a used key.
    assert_eq!(
        order.reject(
            r#"{"type": "ready", "key": "a", "actor": "staff"}"#,
            "2026-03-06T12:03:00+08:00"
        ),
        "idempotency_conflict"
    );
    assert_eq!(
        order.reject(
            r#"{"type": "place", "key": "p", "actor": "customer", "channel": "wechat",
                "amount": {"amount": "99.00", "currency": "CNY"}, "fulfilment": "dine_in", "store_id": "xuhui"}"#,
            "2026-03-06T12:03:00+08:00"
        ),
        "idempotency_conflict"
    );
    // A rejected command does not use up its key.
    assert_eq!(
        order.reject(
            r#"{"type": "complete", "key": "k", "actor": "staff"}"#,
            "2026-03-06T12:03:00+08:00"
        ),
        "command_not_allowed"
    );
    order.step(
        r#"{"type": "ready", "key": "k", "actor": "staff"}"#,
        "2026-03-06T12:03:00+08:00",
    );
}

#[test]
fn wrong_actors_and_time_out_of_order_are_refused() {
    let mut order = Order::new(papa());
    assert_eq!(
        order.reject(
            r#"{"type": "place", "key": "p", "actor": "staff", "channel": "wechat",
                "amount": {"amount": "88.00", "currency": "CNY"}, "fulfilment": "dine_in", "store_id": "xuhui"}"#,
            "2026-03-06T12:00:00+08:00"
        ),
        "command_not_allowed"
    );
    order.step(
        r#"{"type": "place", "key": "p", "actor": "customer", "channel": "wechat",
            "amount": {"amount": "88.00", "currency": "CNY"}, "fulfilment": "dine_in", "store_id": "xuhui"}"#,
        "2026-03-06T12:00:00+08:00",
    );
    let err = order
        .try_step(
            &cmd(r#"{"type": "accept", "key": "a", "actor": "customer"}"#),
            "2026-03-06T12:01:00+08:00",
        )
        .unwrap_err();
    assert_eq!(err.code(), "command_not_allowed");
    assert!(
        err.to_string().contains("only the staff sends accept"),
        "{err}"
    );
    assert_eq!(
        order.reject(
            r#"{"type": "accept", "key": "a", "actor": "staff"}"#,
            "2026-03-06T11:59:59+08:00"
        ),
        "time_out_of_order"
    );
    assert_eq!(
        order.reject(
            r#"{"type": "settle", "key": "s", "actor": "platform"}"#,
            "2026-03-06T12:01:00+08:00"
        ),
        "command_not_allowed"
    );
    // Equal times are in order.
    order.step(
        r#"{"type": "accept", "key": "a", "actor": "staff"}"#,
        "2026-03-06T12:00:00+08:00",
    );
}

#[test]
fn place_guards() {
    let order = Order::new(papa());
    let place =
        |body: &str| format!(r#"{{"type": "place", "key": "p", "actor": "customer", {body}}}"#);
    for (body, code) in [
        (
            r#""channel": "wechat", "amount": {"amount": "0.00", "currency": "CNY"}, "fulfilment": "dine_in", "store_id": "x""#,
            "invalid_input",
        ),
        (
            r#""channel": "wechat", "amount": {"amount": "-1.00", "currency": "CNY"}, "fulfilment": "dine_in", "store_id": "x""#,
            "invalid_input",
        ),
        (
            r#""channel": "wechat", "amount": {"amount": "10.00", "currency": "USD"}, "fulfilment": "dine_in", "store_id": "x""#,
            "currency_mismatch",
        ),
        (
            r#""amount": {"amount": "10.00", "currency": "CNY"}, "fulfilment": "dine_in", "store_id": "x""#,
            "invalid_input",
        ),
        (
            r#""channel": "wechat", "amount": {"amount": "10.00", "currency": "CNY"}, "fulfilment": "dine_in""#,
            "invalid_input",
        ),
        (
            r#""channel": "wechat", "amount": {"amount": "10.00", "currency": "CNY"}, "fulfilment": "delivery", "store_id": "x""#,
            "invalid_input",
        ),
        (
            r#""channel": "wechat", "amount": {"amount": "10.00", "currency": "CNY"}, "fulfilment": "delivery", "store_id": "x", "address": {"lat": 91, "lng": 0}"#,
            "invalid_location",
        ),
        (
            r#""channel": "wechat", "amount": {"amount": "10.00", "currency": "CNY"}, "fulfilment": "pickup", "store_id": "x",
            "discounts": [{"promotion_id": "p", "amount": {"amount": "1.00", "currency": "CNY"}, "funded_by": {"role": "brand"}}]"#,
            "missing_party",
        ),
    ] {
        assert_eq!(
            order.reject(&place(body), "2026-03-06T12:00:00+08:00"),
            code,
            "{body}"
        );
    }
    // Dine-in only in flow 4.
    let suning = Order::new(suning());
    assert_eq!(
        suning.reject(
            &place(r#""amount": {"amount": "10.00", "currency": "CNY"}, "fulfilment": "dine_in", "store_id": "x""#),
            "2026-03-06T12:00:00+08:00"
        ),
        "invalid_input"
    );
}

#[test]
fn policy_guards() {
    let mut flow_1 = papa();
    flow_1.flow = o2okit::Flow::OnlineToOffline;
    let err = store_order_open(&flow_1, "o", "c").unwrap_err();
    assert_eq!(err.code(), "invalid_store_order_policy");
    assert!(err.to_string().contains("voucher_order_open"), "{err}");
    let mut no_channel = papa();
    no_channel.channels.clear();
    assert_eq!(
        store_order_open(&no_channel, "o", "c").unwrap_err().code(),
        "invalid_store_order_policy"
    );
    let mut fee_without_payee = papa();
    fee_without_payee.channels[0].fee_to = None;
    assert_eq!(
        store_order_open(&fee_without_payee, "o", "c")
            .unwrap_err()
            .code(),
        "invalid_store_order_policy"
    );
    let mut repeated = papa();
    repeated.channels[1].id = "wechat".into();
    assert_eq!(
        store_order_open(&repeated, "o", "c").unwrap_err().code(),
        "invalid_store_order_policy"
    );
    let mut no_stores = jd();
    no_stores.partner_stores.clear();
    assert_eq!(
        store_order_open(&no_stores, "o", "c").unwrap_err().code(),
        "invalid_store_order_policy"
    );
    let mut repeated_stores = papa();
    repeated_stores.partner_stores = jd().partner_stores;
    repeated_stores.partner_stores[1].id = "jd-a".into();
    assert_eq!(
        store_order_open(&repeated_stores, "o", "c")
            .unwrap_err()
            .code(),
        "invalid_store_order_policy"
    );
    let mut usd = papa();
    usd.currency = Currency::from_code("USD").unwrap();
    usd.channels.truncate(2);
    usd.channels[0].fee = Some(
        o2okit::decode(r#"{"type": "fixed", "amount": {"amount": "0.10", "currency": "CNY"}}"#)
            .unwrap(),
    );
    assert_eq!(
        store_order_open(&usd, "o", "c").unwrap_err().code(),
        "invalid_store_order_policy"
    );
    assert_eq!(
        store_order_open(&papa(), "", "c").unwrap_err().code(),
        "invalid_input"
    );
    let mut reserved = papa();
    reserved.plan.rules[0].id = "channel_fee".into();
    let err = store_order_open(&reserved, "o", "c").unwrap_err();
    assert_eq!(err.code(), "invalid_store_order_policy");
    assert!(err.to_string().contains("reserved"), "{err}");
    // A step with another policy.
    let order = Order::new(papa());
    let other = suning();
    let err = store_order_step(
        &order.state,
        &other,
        &cmd(r#"{"type": "accept", "key": "a", "actor": "staff"}"#),
        at("2026-03-06T12:00:00+08:00"),
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
}

#[test]
fn replay_reports_the_rejected_command_and_matches_the_steps() {
    let policy = papa();
    let log: Vec<TimedStoreOrderCommand> = o2okit::decode(
        r#"[{"at": "2026-03-06T12:00:00+08:00", "command": {"type": "place", "key": "p", "actor": "customer",
              "channel": "wechat", "amount": {"amount": "88.00", "currency": "CNY"}, "fulfilment": "dine_in", "store_id": "xuhui"}},
            {"at": "2026-03-06T12:01:00+08:00", "command": {"type": "accept", "key": "a", "actor": "staff"}},
            {"at": "2026-03-06T12:01:30+08:00", "command": {"type": "accept", "key": "a", "actor": "staff"}},
            {"at": "2026-03-06T12:15:00+08:00", "command": {"type": "ready", "key": "r", "actor": "staff"}}]"#,
    )
    .unwrap();
    let replay = store_order_replay(&policy, "o-1", "ann", &log).unwrap();
    assert_eq!(replay.duplicates, [2]);
    assert_eq!(replay.state.status, StoreOrderStatus::Ready);
    assert_eq!(replay.effects.len(), 1);
    let mut bad = log.clone();
    bad.push(TimedStoreOrderCommand {
        at: at("2026-03-06T12:16:00+08:00"),
        command: cmd(r#"{"type": "dispatch", "key": "d", "actor": "staff"}"#),
    });
    let err = store_order_replay(&policy, "o-1", "ann", &bad).unwrap_err();
    assert_eq!(err.code(), "command_not_allowed");
    assert_eq!(err.event_index(), Some(4));
}

#[test]
fn the_wire_functions_round_trip() {
    let policy = serde_json::to_value(papa()).unwrap();
    let state = o2okit::call_value(
        "store_order.open",
        serde_json::json!({"policy": policy, "order_id": "o-1", "customer_id": "ann"}),
    )
    .unwrap();
    assert_eq!(state["status"], "created");
    let step = o2okit::call_value(
        "store_order.step",
        serde_json::json!({"state": state, "policy": policy, "now": "2026-03-06T12:00:00+08:00",
            "command": {"type": "place", "key": "p", "actor": "customer", "channel": "own_app",
                        "amount": {"amount": "20.00", "currency": "CNY"}, "fulfilment": "pickup", "store_id": "xuhui"}}),
    )
    .unwrap();
    assert_eq!(step["state"]["status"], "received");
    assert_eq!(step["effects"][0]["type"], "charge");
    assert_eq!(step["duplicate"], false);
    let err = o2okit::call_value(
        "store_order.replay",
        serde_json::json!({"policy": policy, "order_id": "o-1", "customer_id": "ann",
            "commands": [{"at": "2026-03-06T12:00:00+08:00", "command": {"type": "settle", "key": "s", "actor": "platform"}}]}),
    )
    .unwrap_err();
    assert_eq!(err.code(), "command_not_allowed");
    assert_eq!(err.to_json_value()["event_index"], 0);
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Op {
    Touch,
    Place {
        fulfilment: usize,
        cents: i64,
    },
    Accept,
    Ready,
    Dispatch,
    Complete,
    Settle,
    Cancel,
    Void,
    Refund {
        cents: Option<i64>,
    },
    Repeat(usize),
    Conflict(usize),
    /// The command that moves the order along its happy path from its status.
    Next {
        cents: i64,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => Just(Op::Touch),
        2 => (0usize..3, -100i64..1_000_000).prop_map(|(fulfilment, cents)| Op::Place { fulfilment, cents }),
        2 => Just(Op::Accept),
        2 => Just(Op::Ready),
        1 => Just(Op::Dispatch),
        2 => Just(Op::Complete),
        2 => Just(Op::Settle),
        1 => Just(Op::Cancel),
        1 => Just(Op::Void),
        2 => proptest::option::of(-10i64..1_000_000).prop_map(|cents| Op::Refund { cents }),
        1 => (0usize..50).prop_map(Op::Repeat),
        1 => (0usize..50).prop_map(Op::Conflict),
        8 => (1i64..20_000).prop_map(|cents| Op::Next { cents }),
    ]
}

fn actor_for(choice: usize) -> LifecycleActor {
    [
        LifecycleActor::Customer,
        LifecycleActor::Staff,
        LifecycleActor::Platform,
        LifecycleActor::Logistics,
        LifecycleActor::Scheduler,
    ][choice % 5]
}

fn policy_for(flow: usize) -> StoreOrderPolicy {
    match flow % 3 {
        0 => suning(),
        1 => jd(),
        _ => papa(),
    }
}

fn minor(cents: i64) -> Money {
    Money::from_minor(i128::from(cents), Currency::from_code("CNY").unwrap()).unwrap()
}

/// The command for an op; `right` picks the actor the command expects (else `actor`).
fn command_for(
    op: &Op,
    i: usize,
    flow: usize,
    actor: LifecycleActor,
    right: bool,
    state: &StoreOrderState,
    applied: &[StoreOrderCommand],
) -> StoreOrderCommand {
    let key = format!("k{i}");
    let delivery = state.is_delivery();
    let pick = |expected: LifecycleActor| if right { expected } else { actor };
    if let Op::Next { cents } = op {
        let next = match state.status {
            StoreOrderStatus::Created => Op::Place {
                fulfilment: [1, 0, 2][i % 3],
                cents: cents + 100,
            },
            StoreOrderStatus::Received => Op::Accept,
            StoreOrderStatus::InPreparation => Op::Ready,
            StoreOrderStatus::Ready if delivery => Op::Dispatch,
            StoreOrderStatus::Ready | StoreOrderStatus::OutForDelivery => Op::Complete,
            StoreOrderStatus::Completed => Op::Settle,
            _ => Op::Refund {
                cents: (i % 2 == 0).then_some(*cents),
            },
        };
        return command_for(&next, i, flow, actor, right, state, applied);
    }
    match op {
        Op::Touch => StoreOrderCommand::Touch {
            key,
            actor: pick(LifecycleActor::Staff),
            store_id: ["xinjiekou", "hunan-rd", "jd-showroom"][i % 3].into(),
            staff_id: (i % 2 == 0).then(|| ["li", "wang"][i % 4 / 2].to_string()),
            channel: None,
        },
        Op::Place { fulfilment, cents } => {
            let flow3 = flow % 3 == 1;
            let fulfilment = [
                o2okit::Fulfilment::Delivery,
                o2okit::Fulfilment::Pickup,
                o2okit::Fulfilment::DineIn,
            ][*fulfilment];
            StoreOrderCommand::Place {
                key,
                actor: pick(LifecycleActor::Customer),
                amount: minor(*cents),
                discounts: Vec::new(),
                channel: (flow % 3 == 2)
                    .then(|| ["wechat", "own_app", "dianping"][i % 3].to_string()),
                fulfilment,
                store_id: (!flow3).then(|| "store-1".to_string()),
                address: (flow3 || i % 2 == 0)
                    .then(|| o2okit::Location::new(39.9042, 116.4074).unwrap()),
                items: vec![o2okit::AssignItem {
                    product_id: "tv".into(),
                    quantity: 1 + (i % 3) as u32,
                }],
            }
        }
        Op::Accept => StoreOrderCommand::Accept {
            key,
            actor: pick(LifecycleActor::Staff),
        },
        Op::Ready => StoreOrderCommand::Ready {
            key,
            actor: pick(LifecycleActor::Staff),
        },
        Op::Dispatch => StoreOrderCommand::Dispatch {
            key,
            actor: pick(LifecycleActor::Logistics),
        },
        Op::Complete => StoreOrderCommand::Complete {
            key,
            actor: pick(if delivery {
                LifecycleActor::Logistics
            } else {
                LifecycleActor::Staff
            }),
        },
        Op::Settle => StoreOrderCommand::Settle {
            key,
            actor: pick(LifecycleActor::Platform),
        },
        Op::Cancel => StoreOrderCommand::Cancel {
            key,
            actor: pick(LifecycleActor::Customer),
        },
        Op::Void => StoreOrderCommand::Void {
            key,
            actor: pick(LifecycleActor::Platform),
            reason: None,
        },
        Op::Refund { cents } => StoreOrderCommand::Refund {
            key,
            actor: pick(LifecycleActor::Customer),
            amount: cents.map(minor),
        },
        Op::Repeat(n) => applied
            .get(n % applied.len().max(1))
            .cloned()
            .unwrap_or(StoreOrderCommand::Accept { key, actor }),
        Op::Next { .. } => unreachable!("handled above"),
        Op::Conflict(n) => match applied.get(n % applied.len().max(1)) {
            Some(previous) => StoreOrderCommand::Void {
                key: previous.key().to_string(),
                actor,
                reason: Some("conflict".into()),
            },
            None => StoreOrderCommand::Settle { key, actor },
        },
    }
}

fn outflow(effects: &[StoreOrderEffect]) -> Money {
    effects
        .iter()
        .filter_map(StoreOrderEffect::outflow)
        .fold(minor(0), |acc, m| acc.checked_add(m).unwrap())
}

fn check_invariants(state: &StoreOrderState, flow: Money) {
    let t = &state.totals;
    let held = t.held().unwrap();
    // The platform's hands: −Σ outflow is exactly what it holds.
    assert_eq!(flow.negate(), held, "{t:?}");
    assert!(!held.is_negative());
    assert!(t.refunded.amount() <= t.charged.amount());
    assert!(t.clawed_back.amount() <= t.settled.amount());
    if state.status.is_final() {
        assert!(held.is_zero(), "{:?} holds {held}", state.status);
    }
    if let Some(ledger) = &state.ledger {
        assert_eq!(ledger.total().unwrap(), t.settled);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_lifecycles_keep_every_invariant(
        flow_choice in 0usize..3,
        ops in proptest::collection::vec((op(), 0usize..5, proptest::bool::weighted(0.8), 0i64..180), 1..40),
    ) {
        let policy = policy_for(flow_choice);
        let mut state = store_order_open(&policy, "o-1", "ann").unwrap();
        let mut now = at("2026-06-02T12:00:00+08:00");
        let mut applied: Vec<StoreOrderCommand> = Vec::new();
        let mut log: Vec<TimedStoreOrderCommand> = Vec::new();
        let mut flow = minor(0);
        for (i, (op, actor, right, minutes)) in ops.iter().enumerate() {
            now += Duration::minutes(*minutes);
            let command = command_for(op, i, flow_choice, actor_for(*actor), *right, &state, &applied);
            let before = state.clone();
            match store_order_step(&state, &policy, &command, now) {
                Ok(step) => {
                    if before.status.is_terminal() {
                        prop_assert!(step.duplicate, "a terminal status took {command:?}");
                    }
                    if step.duplicate {
                        prop_assert_eq!(&step.state, &before);
                    } else {
                        flow = flow.checked_add(outflow(&step.effects)).unwrap();
                        applied.push(command.clone());
                    }
                    log.push(TimedStoreOrderCommand { at: now, command });
                    state = step.state;
                }
                Err(err) => {
                    prop_assert!(o2okit::ERROR_CODES.contains(&err.code()));
                    if before.status.is_terminal() && err.code() != "idempotency_conflict" {
                        prop_assert_eq!(err.code(), "command_not_allowed");
                    }
                }
            }
            check_invariants(&state, flow);
        }
        // Replay of the accepted log is the fold of the steps, and deterministic.
        let replay = store_order_replay(&policy, "o-1", "ann", &log).unwrap();
        prop_assert_eq!(&replay.state, &state);
        prop_assert_eq!(outflow(&replay.effects), flow);
        let again = store_order_replay(&policy, "o-1", "ann", &log).unwrap();
        prop_assert_eq!(serde_json::to_string(&again).unwrap(), serde_json::to_string(&replay).unwrap());

        // Drive the order to an end: whatever status it is in, the money nets to zero there.
        let end = now + Duration::days(1);
        let finish: &[StoreOrderCommand] = &[
            StoreOrderCommand::Void { key: "end-v".into(), actor: LifecycleActor::Platform, reason: None },
            StoreOrderCommand::Settle { key: "end-s".into(), actor: LifecycleActor::Platform },
        ];
        for command in finish {
            if let Ok(step) = store_order_step(&state, &policy, command, end) {
                flow = flow.checked_add(outflow(&step.effects)).unwrap();
                state = step.state;
            }
        }
        check_invariants(&state, flow);
        prop_assert!(state.status == StoreOrderStatus::Created || state.status.is_final(), "{:?}", state.status);
        prop_assert!(state.totals.held().unwrap().is_zero());
    }

    #[test]
    fn terminal_states_absorb_every_command(
        end in 0usize..3, ops in proptest::collection::vec((op(), 0usize..5, any::<bool>()), 1..20),
    ) {
        let mut order = Order::new(papa());
        order.step(
            r#"{"type": "place", "key": "p", "actor": "customer", "channel": "own_app",
                "amount": {"amount": "10.00", "currency": "CNY"}, "fulfilment": "pickup", "store_id": "s"}"#,
            "2026-03-06T12:00:00+08:00",
        );
        match end {
            0 => { order.step(r#"{"type": "cancel", "key": "x", "actor": "customer"}"#, "2026-03-06T12:01:00+08:00"); }
            1 => { order.step(r#"{"type": "void", "key": "x", "actor": "staff"}"#, "2026-03-06T12:01:00+08:00"); }
            _ => {
                for (json, time) in [
                    (r#"{"type": "accept", "key": "a", "actor": "staff"}"#, "2026-03-06T12:01:00+08:00"),
                    (r#"{"type": "ready", "key": "r", "actor": "staff"}"#, "2026-03-06T12:02:00+08:00"),
                    (r#"{"type": "complete", "key": "c", "actor": "staff"}"#, "2026-03-06T12:03:00+08:00"),
                    (r#"{"type": "settle", "key": "s", "actor": "platform"}"#, "2026-03-06T12:04:00+08:00"),
                    (r#"{"type": "refund", "key": "x", "actor": "platform"}"#, "2026-03-06T12:05:00+08:00"),
                ] {
                    order.step(json, time);
                }
            }
        }
        prop_assert!(order.state.status.is_terminal());
        for (i, (op, actor, right)) in ops.iter().enumerate() {
            let command = command_for(op, i, 2, actor_for(*actor), *right, &order.state, &[]);
            let result = store_order_step(&order.state, &order.policy, &command, at("2026-03-07T00:00:00+08:00"));
            prop_assert_eq!(result.unwrap_err().code(), "command_not_allowed");
        }
    }

    #[test]
    fn arbitrary_wire_commands_never_panic(
        kind in 0usize..12, key in "[a-z]{0,3}", actor in "[a-z_]{0,10}", amount in "-?[0-9]{0,6}(\\.[0-9]{0,3})?",
        currency in prop_oneof![Just("CNY"), Just("USD"), Just("JPY")], store in "[a-z-]{0,6}",
        fulfilment in "[a-z_]{0,9}", lat in -200.0f64..200.0, flow in 0usize..3,
    ) {
        let types = ["touch", "place", "accept", "ready", "dispatch", "complete", "settle", "cancel", "void", "refund", "nope", "place"];
        let command = serde_json::json!({
            "type": types[kind], "key": key, "actor": actor, "store_id": store, "channel": "wechat",
            "amount": {"amount": amount, "currency": currency}, "fulfilment": fulfilment,
            "address": {"lat": lat, "lng": 116.4},
            "items": [{"product_id": "tv", "quantity": 1}],
        });
        let policy = serde_json::to_value(policy_for(flow)).unwrap();
        let state = o2okit::call_value("store_order.open",
            serde_json::json!({"policy": policy, "order_id": "o", "customer_id": "c"})).unwrap();
        let result = o2okit::call_value("store_order.step", serde_json::json!({
            "state": state, "policy": policy, "command": command, "now": "2026-06-02T12:00:00+08:00"}));
        if let Err(err) = result {
            prop_assert!(o2okit::ERROR_CODES.contains(&err.code()), "{}", err.code());
        }
    }
}

/// Flow 4 with its stores listed: the named store is checked at order time (hours in its
/// time zone, stock, being a listed store); a refused order changes nothing.
#[test]
fn a_named_partner_store_must_be_open_and_in_stock() {
    let mut policy = papa();
    policy.partner_stores = o2okit::decode(
        r#"[{"id": "xuhui", "location": {"lat": 31.19, "lng": 121.43},
             "area": {"type": "radius", "radius_m": 3000},
             "hours": {"time_zone": "Asia/Shanghai", "weekly": [{"open": "10:00", "close": "22:00"}]},
             "stock": {"pizza": 5}}]"#,
    )
    .unwrap();
    let place = |store: &str, quantity: u32| {
        format!(
            r#"{{"type": "place", "key": "p", "actor": "customer", "channel": "wechat",
                "amount": {{"amount": "88.00", "currency": "CNY"}}, "fulfilment": "dine_in",
                "store_id": "{store}", "items": [{{"product_id": "pizza", "quantity": {quantity}}}]}}"#
        )
    };
    let order = Order::new(policy.clone());
    // Closed at 23:00 local time.
    let err = order
        .try_step(&cmd(&place("xuhui", 2)), "2026-03-06T23:00:00+08:00")
        .unwrap_err();
    assert_eq!(err.code(), "no_store_available");
    assert!(err.to_string().contains("xuhui: closed"), "{err}");
    // Not enough pizza dough left.
    let err = order
        .try_step(&cmd(&place("xuhui", 9)), "2026-03-06T12:00:00+08:00")
        .unwrap_err();
    assert!(err.to_string().contains("xuhui: out_of_stock"), "{err}");
    // A store the policy does not list.
    let err = order
        .try_step(&cmd(&place("jingan", 2)), "2026-03-06T12:00:00+08:00")
        .unwrap_err();
    assert_eq!(err.code(), "no_store_available");
    assert!(
        err.to_string().contains("jingan: not_a_partner_store"),
        "{err}"
    );
    // Open, in stock: placed.
    let mut order = Order::new(policy);
    let effects = order.step(&place("xuhui", 2), "2026-03-06T12:00:00+08:00");
    assert!(matches!(
        effects.last(),
        Some(StoreOrderEffect::Charge { .. })
    ));
    assert_eq!(order.state.status, o2okit::StoreOrderStatus::Received);
}
