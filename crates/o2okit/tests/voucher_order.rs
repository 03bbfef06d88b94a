//! Online → offline voucher orders: hand-computed lifecycles and property tests of the
//! state machine (idempotency, reversal windows, refunds, expiry, settlement, money).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use chrono::{DateTime, Duration, FixedOffset};
use o2okit::{
    verify_code, voucher_order_open, voucher_order_replay, voucher_order_step, Currency,
    DealRefundPolicy, LifecycleActor, Money, TimedVoucherCommand, VoucherDeal, VoucherOrderCommand,
    VoucherOrderEffect, VoucherOrderState, VoucherOrderStatus, VoucherOrderStep, VoucherScope,
};
use proptest::prelude::*;

const KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn cny(amount: &str) -> Money {
    Money::parse(amount, Currency::from_code("CNY").unwrap()).unwrap()
}

/// 2 vouchers of 3 uses at 100.00 each, stores S1 and S2, March 2026, 10-minute reversals,
/// 5% to the platform, the rest to the merchant.
fn deal(refund: &str) -> VoucherDeal {
    o2okit::decode(&format!(
        r#"{{"id": "hotpot-for-2", "price": {{"amount": "100.00", "currency": "CNY"}},
        "vouchers": 2, "uses": 3,
        "valid_from": "2026-03-01T00:00:00+08:00", "valid_until": "2026-04-01T00:00:00+08:00",
        "stores": ["S1", "S2"], "refund": "{refund}", "reversal_minutes": 10,
        "plan": {{"rules": [{{"id": "platform", "to": {{"role": "platform", "party_id": "mt"}},
                 "base": "gross_paid", "pay": {{"type": "percent", "percent": "5"}}}}],
                 "remainder": {{"role": "merchant", "party_id": "hotpot-house"}}}},
        "codes": {{"key": "{KEY}"}}}}"#
    ))
    .unwrap()
}

fn pay(key: &str, amount: &str) -> VoucherOrderCommand {
    VoucherOrderCommand::Pay {
        key: key.into(),
        actor: LifecycleActor::Customer,
        amount: cny(amount),
        serial: Some(1000),
    }
}

fn redeem(key: &str, voucher: &str, store: &str, count: u32) -> VoucherOrderCommand {
    VoucherOrderCommand::Redeem {
        key: key.into(),
        actor: LifecycleActor::Staff,
        voucher: voucher.into(),
        store_id: store.into(),
        staff_id: Some("zhang".into()),
        count,
    }
}

fn reverse(key: &str, redemption: &str) -> VoucherOrderCommand {
    VoucherOrderCommand::Reverse {
        key: key.into(),
        actor: LifecycleActor::Staff,
        redemption: redemption.into(),
    }
}

fn refund(key: &str, vouchers: &[&str]) -> VoucherOrderCommand {
    VoucherOrderCommand::Refund {
        key: key.into(),
        actor: LifecycleActor::Customer,
        vouchers: vouchers.iter().map(|v| v.to_string()).collect(),
    }
}

fn expire(key: &str) -> VoucherOrderCommand {
    VoucherOrderCommand::Expire {
        key: key.into(),
        actor: LifecycleActor::Scheduler,
    }
}

fn settle(key: &str) -> VoucherOrderCommand {
    VoucherOrderCommand::Settle {
        key: key.into(),
        actor: LifecycleActor::Platform,
        redemptions: Vec::new(),
    }
}

fn settle_only(key: &str, redemptions: &[&str]) -> VoucherOrderCommand {
    VoucherOrderCommand::Settle {
        key: key.into(),
        actor: LifecycleActor::Platform,
        redemptions: redemptions.iter().map(|r| r.to_string()).collect(),
    }
}

struct Order {
    deal: VoucherDeal,
    state: VoucherOrderState,
}

impl Order {
    fn new(deal: VoucherDeal) -> Order {
        let state = voucher_order_open(&deal, "o-1", "ann").unwrap();
        Order { deal, state }
    }

    fn try_step(
        &self,
        command: &VoucherOrderCommand,
        now: &str,
    ) -> Result<VoucherOrderStep, o2okit::Error> {
        voucher_order_step(&self.state, &self.deal, command, at(now))
    }

    fn step(&mut self, command: &VoucherOrderCommand, now: &str) -> Vec<VoucherOrderEffect> {
        let step = self.try_step(command, now).unwrap();
        assert!(!step.duplicate);
        self.state = step.state;
        step.effects
    }

    fn reject(&self, command: &VoucherOrderCommand, now: &str) -> &'static str {
        self.try_step(command, now).unwrap_err().code()
    }
}

fn amounts(effects: &[VoucherOrderEffect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            VoucherOrderEffect::Charge { amount, .. }
            | VoucherOrderEffect::Redeemed { amount, .. }
            | VoucherOrderEffect::Reversed { amount, .. }
            | VoucherOrderEffect::Refund { amount, .. }
            | VoucherOrderEffect::Breakage { amount, .. }
            | VoucherOrderEffect::Settle { amount, .. } => Some(amount.amount().to_string()),
            VoucherOrderEffect::IssueVoucher { .. } => None,
        })
        .collect()
}

#[test]
fn a_two_voucher_three_use_deal_end_to_end() {
    let mut order = Order::new(deal("any_time"));
    assert_eq!(order.state.status, VoucherOrderStatus::Created);
    assert_eq!(
        order.reject(&pay("p0", "100.00"), "2026-02-20T10:00:00+08:00"),
        "amount_mismatch"
    );

    // Pay: a charge, then two vouchers with codes scoped to the deal and its expiry.
    let effects = order.step(&pay("p", "200.00"), "2026-02-20T10:00:00+08:00");
    assert_eq!(effects.len(), 3);
    assert!(
        matches!(&effects[0], VoucherOrderEffect::Charge { amount, customer_id } if *amount == cny("200.00") && customer_id == "ann")
    );
    let key = o2okit::VoucherKey::from_hex(KEY).unwrap();
    let scope = VoucherScope {
        store_id: None,
        deal_id: Some("hotpot-for-2".into()),
        expires_at: Some(at("2026-04-01T00:00:00+08:00")),
    };
    for (i, effect) in effects[1..].iter().enumerate() {
        let VoucherOrderEffect::IssueVoucher {
            voucher,
            uses,
            serial,
            code,
        } = effect
        else {
            panic!("{effect:?}");
        };
        assert_eq!(voucher, &format!("o-1/v{}", i + 1));
        assert_eq!((*uses, *serial), (3, Some(1000 + i as u64)));
        let check = verify_code(
            &key,
            &Default::default(),
            code.as_deref().unwrap(),
            &scope,
            at("2026-03-05T12:00:00+08:00"),
        )
        .unwrap();
        assert!(check.valid);
        assert_eq!(check.serial, Some(1000 + i as u64));
    }
    assert_eq!(order.state.status, VoucherOrderStatus::Issued);

    // Guards of a redemption: the store, the window (half-open), the uses left.
    assert_eq!(
        order.reject(&redeem("x", "o-1/v1", "S9", 1), "2026-03-02T12:00:00+08:00"),
        "store_not_allowed"
    );
    assert_eq!(
        order.reject(&redeem("x", "o-1/v1", "S1", 1), "2026-02-28T23:59:59+08:00"),
        "outside_validity"
    );
    assert_eq!(
        order.reject(&redeem("x", "o-1/v1", "S1", 4), "2026-03-02T12:00:00+08:00"),
        "no_uses_left"
    );
    assert_eq!(
        order.reject(&redeem("x", "o-1/v9", "S1", 1), "2026-03-02T12:00:00+08:00"),
        "unknown_voucher"
    );
    assert_eq!(
        order.reject(&redeem("x", "o-1/v1", "S1", 0), "2026-03-02T12:00:00+08:00"),
        "invalid_input"
    );

    // Redeem 2 of 3 uses: 2/3 of 100.00 by largest remainder.
    let effects = order.step(
        &redeem("r1", "o-1/v1", "S1", 2),
        "2026-03-01T00:00:00+08:00",
    );
    assert_eq!(amounts(&effects), ["66.67"]);
    assert_eq!(order.state.status, VoucherOrderStatus::PartiallyRedeemed);
    assert_eq!(order.state.vouchers[0].uses_left, 1);

    // Reverse inside the 10-minute window: the uses come back with their value.
    let effects = order.step(&reverse("rv1", "r1"), "2026-03-01T00:09:59+08:00");
    assert_eq!(amounts(&effects), ["66.67"]);
    assert_eq!(order.state.status, VoucherOrderStatus::Issued);
    assert_eq!(
        (
            order.state.vouchers[0].uses_left,
            order.state.vouchers[0].value_left
        ),
        (3, cny("100.00"))
    );
    assert_eq!(
        order.reject(&reverse("rv1b", "r1"), "2026-03-01T00:09:59+08:00"),
        "already_reversed"
    );

    // Redeem again at S2; the window ends at exactly +10 minutes.
    order.step(
        &redeem("r2", "o-1/v1", "S2", 2),
        "2026-03-10T19:00:00+08:00",
    );
    assert_eq!(
        order.reject(&reverse("rv2", "r2"), "2026-03-10T19:10:00+08:00"),
        "reversal_window_passed"
    );
    // Settle before the window passed: nothing is due yet.
    let early = order.step(&settle("s0"), "2026-03-10T19:05:00+08:00");
    assert!(early.is_empty());

    // Settle once the window passed: one split, lines adding up to the redemption.
    let effects = order.step(&settle("s1"), "2026-03-10T19:10:00+08:00");
    assert_eq!(effects.len(), 1);
    let VoucherOrderEffect::Settle {
        amount,
        ledger,
        redemption,
        ..
    } = &effects[0]
    else {
        panic!("{effects:?}");
    };
    assert_eq!((redemption.as_str(), *amount), ("r2", cny("66.67")));
    assert_eq!(ledger.total().unwrap(), cny("66.67"));
    assert_eq!(ledger.party_total("mt").unwrap(), cny("3.33"));
    assert_eq!(ledger.party_total("hotpot-house").unwrap(), cny("63.34"));
    // Never reversed after settlement, even inside a window.
    assert_eq!(
        order.reject(&reverse("rv3", "r2"), "2026-03-10T19:11:00+08:00"),
        "already_settled"
    );

    // Refund any time: the open uses of both vouchers.
    let effects = order.step(&refund("f", &[]), "2026-03-11T09:00:00+08:00");
    assert_eq!(amounts(&effects), ["33.33", "100.00"]);
    assert_eq!(order.state.status, VoucherOrderStatus::Closed);
    let totals = &order.state.totals;
    assert_eq!(
        (totals.charged, totals.refunded, totals.settled),
        (cny("200.00"), cny("133.33"), cny("66.67"))
    );
    assert!(totals.held().unwrap().is_zero());
    // Closed absorbs.
    assert_eq!(
        order.reject(&expire("e"), "2026-04-02T00:00:00+08:00"),
        "command_not_allowed"
    );
}

#[test]
fn at_expiry_refunds_the_rest_automatically() {
    let mut order = Order::new(deal("at_expiry"));
    order.step(&pay("p", "200.00"), "2026-03-01T10:00:00+08:00");
    order.step(
        &redeem("r1", "o-1/v2", "S1", 1),
        "2026-03-02T12:00:00+08:00",
    );
    assert_eq!(
        order.reject(&refund("f", &[]), "2026-03-03T12:00:00+08:00"),
        "refund_not_allowed"
    );
    let err = order
        .try_step(&expire("e"), "2026-03-31T23:59:59+08:00")
        .unwrap_err();
    assert_eq!(err.code(), "command_not_allowed");
    assert!(err.to_string().contains("valid_until"), "{err}");
    let effects = order.step(&expire("e"), "2026-04-01T00:00:00+08:00");
    assert_eq!(amounts(&effects), ["100.00", "66.67"]);
    // The redemption still awaits settlement.
    assert_eq!(order.state.status, VoucherOrderStatus::Redeemed);
    assert_eq!(
        order.reject(
            &redeem("r2", "o-1/v2", "S1", 1),
            "2026-04-01T00:00:00+08:00"
        ),
        "command_not_allowed"
    );
    let effects = order.step(&settle("s"), "2026-04-02T00:00:00+08:00");
    assert_eq!(amounts(&effects), ["33.33"]);
    assert_eq!(order.state.status, VoucherOrderStatus::Closed);
    let t = &order.state.totals;
    assert_eq!(t.refunded.checked_add(t.settled).unwrap(), t.charged);
}

#[test]
fn a_reversal_after_expiry_refunds_at_once() {
    let mut order = Order::new(deal("at_expiry"));
    order.step(&pay("p", "200.00"), "2026-03-01T10:00:00+08:00");
    order.step(
        &redeem("r1", "o-1/v1", "S1", 3),
        "2026-03-31T23:55:00+08:00",
    );
    order.step(&expire("e"), "2026-04-01T00:00:00+08:00");
    let effects = order.step(&reverse("rv", "r1"), "2026-04-01T00:04:00+08:00");
    assert_eq!(amounts(&effects), ["100.00", "100.00"]);
    assert!(matches!(effects[1], VoucherOrderEffect::Refund { .. }));
    assert_eq!(order.state.status, VoucherOrderStatus::Expired);
}

#[test]
fn settling_listed_redemptions() {
    let mut order = Order::new(deal("at_expiry"));
    order.step(&pay("p", "200.00"), "2026-03-01T10:00:00+08:00");
    order.step(
        &redeem("r1", "o-1/v1", "S1", 1),
        "2026-03-02T12:00:00+08:00",
    );
    order.step(
        &redeem("r2", "o-1/v2", "S1", 1),
        "2026-03-02T12:05:00+08:00",
    );
    let now = "2026-03-02T12:12:00+08:00";
    assert_eq!(
        order.reject(&settle_only("s", &["r9"]), now),
        "unknown_redemption"
    );
    // r2's window is still open: nothing is settled, not even r1.
    let err = order
        .try_step(&settle_only("s", &["r1", "r2"]), now)
        .unwrap_err();
    assert_eq!(err.code(), "command_not_allowed");
    assert!(err.to_string().contains("r2"), "{err}");
    let effects = order.step(&settle_only("s", &["r1"]), now);
    assert_eq!(amounts(&effects), ["33.33"]);
    assert_eq!(
        order.reject(&settle_only("s2", &["r1"]), now),
        "already_settled"
    );
    let effects = order.step(&settle("s3"), "2026-03-02T12:15:00+08:00");
    assert!(
        matches!(&effects[..], [VoucherOrderEffect::Settle { redemption, .. }] if redemption == "r2")
    );
}

#[test]
fn no_refund_policy_pays_breakage_to_the_merchant() {
    let mut order = Order::new(deal("none"));
    order.step(&pay("p", "200.00"), "2026-03-01T10:00:00+08:00");
    assert_eq!(
        order.reject(&refund("f", &["o-1/v1"]), "2026-03-02T12:00:00+08:00"),
        "refund_not_allowed"
    );
    let effects = order.step(&expire("e"), "2026-04-05T00:00:00+08:00");
    assert!(effects
        .iter()
        .all(|e| matches!(e, VoucherOrderEffect::Breakage { .. })));
    assert_eq!(amounts(&effects), ["100.00", "100.00"]);
    assert_eq!(order.state.status, VoucherOrderStatus::Expired);
    assert_eq!(order.state.totals.breakage, cny("200.00"));
}

#[test]
fn refunding_everything_ends_refunded_and_absorbs() {
    let mut order = Order::new(deal("any_time"));
    order.step(&pay("p", "200.00"), "2026-03-01T10:00:00+08:00");
    order.step(&refund("f1", &["o-1/v2"]), "2026-03-01T11:00:00+08:00");
    assert_eq!(
        order.reject(&refund("f2", &["o-1/v2"]), "2026-03-01T11:00:00+08:00"),
        "no_uses_left"
    );
    order.step(&refund("f2", &[]), "2026-03-01T12:00:00+08:00");
    assert_eq!(order.state.status, VoucherOrderStatus::Refunded);
    let err = order
        .try_step(&redeem("r", "o-1/v1", "S1", 1), "2026-03-02T12:00:00+08:00")
        .unwrap_err();
    assert_eq!(err.code(), "command_not_allowed");
    assert!(err.to_string().contains("refunded"), "{err}");
    assert!(err.to_string().contains("allowed now: none"), "{err}");
}

#[test]
fn an_unpaid_order_expires_without_money() {
    let mut order = Order::new(deal("any_time"));
    assert_eq!(
        order.reject(&redeem("r", "o-1/v1", "S1", 1), "2026-03-02T12:00:00+08:00"),
        "command_not_allowed"
    );
    assert_eq!(
        order.reject(&pay("p", "200.00"), "2026-04-01T00:00:00+08:00"),
        "outside_validity"
    );
    assert!(order
        .step(&expire("e"), "2026-04-01T00:00:00+08:00")
        .is_empty());
    assert_eq!(order.state.status, VoucherOrderStatus::Expired);
}

#[test]
fn redeeming_twice_with_the_same_key_applies_once() {
    let mut order = Order::new(deal("any_time"));
    order.step(&pay("p", "200.00"), "2026-03-01T10:00:00+08:00");
    let first = order
        .try_step(
            &redeem("r1", "o-1/v1", "S1", 2),
            "2026-03-02T12:00:00+08:00",
        )
        .unwrap();
    order.state = first.state.clone();
    // A retry, even later and from a terminal-looking position, is a duplicate.
    let retry = order
        .try_step(
            &redeem("r1", "o-1/v1", "S1", 2),
            "2026-03-02T12:01:00+08:00",
        )
        .unwrap();
    assert!(retry.duplicate);
    assert_eq!(retry.effects, first.effects);
    assert_eq!(retry.state, first.state);
    assert_eq!(order.state.vouchers[0].uses_left, 1);
    assert_eq!(order.state.redemptions.len(), 1);
    // The pay retry too: one charge in all.
    let again = order
        .try_step(&pay("p", "200.00"), "2026-03-02T12:01:00+08:00")
        .unwrap();
    assert!(again.duplicate);
    assert_eq!(order.state.totals.charged, cny("200.00"));
}

/// What a service needs to answer 409 or 400: a rejection by the order's state is a
/// conflict; a command wrong whatever the state is not.
#[test]
fn rejections_by_the_state_are_conflicts_and_bad_commands_are_not() {
    let mut order = Order::new(deal("at_expiry"));
    let wrong_amount = order
        .try_step(&pay("p", "199.00"), "2026-03-01T10:00:00+08:00")
        .unwrap_err();
    assert_eq!(wrong_amount.code(), "amount_mismatch");
    assert!(!wrong_amount.is_conflict());
    order.step(&pay("p", "200.00"), "2026-03-01T10:00:00+08:00");
    order.step(
        &redeem("r1", "o-1/v1", "S1", 3),
        "2026-03-02T12:00:00+08:00",
    );
    for (command, at, code, conflict) in [
        (
            redeem("r2", "o-1/v1", "S1", 1),
            "2026-03-02T12:01:00+08:00",
            "no_uses_left",
            true,
        ),
        (
            redeem("r1", "o-1/v2", "S1", 1),
            "2026-03-02T12:01:00+08:00",
            "idempotency_conflict",
            true,
        ),
        (
            redeem("r3", "o-1/v2", "S1", 1),
            "2026-03-02T11:00:00+08:00",
            "time_out_of_order",
            true,
        ),
        (
            pay("p2", "200.00"),
            "2026-03-02T12:01:00+08:00",
            "command_not_allowed",
            true,
        ),
        (
            refund("f", &[]),
            "2026-03-02T12:01:00+08:00",
            "refund_not_allowed",
            true,
        ),
        (
            redeem("r4", "o-1/v2", "S1", 1),
            "2026-04-02T12:00:00+08:00",
            "outside_validity",
            true,
        ),
        (
            redeem("r5", "o-1/v2", "S9", 1),
            "2026-03-02T12:01:00+08:00",
            "store_not_allowed",
            false,
        ),
        (
            redeem("", "o-1/v2", "S1", 1),
            "2026-03-02T12:01:00+08:00",
            "invalid_input",
            false,
        ),
    ] {
        let err = order.try_step(&command, at).unwrap_err();
        assert_eq!(err.code(), code);
        assert_eq!(err.is_conflict(), conflict, "{code}");
    }
}

#[test]
fn the_same_key_for_another_command_is_a_conflict() {
    let mut order = Order::new(deal("any_time"));
    order.step(&pay("p", "200.00"), "2026-03-01T10:00:00+08:00");
    order.step(
        &redeem("r1", "o-1/v1", "S1", 1),
        "2026-03-02T12:00:00+08:00",
    );
    let err = order
        .try_step(
            &redeem("r1", "o-1/v1", "S1", 2),
            "2026-03-02T12:01:00+08:00",
        )
        .unwrap_err();
    assert_eq!(err.code(), "idempotency_conflict");
    assert_eq!(
        order.reject(&settle("p"), "2026-03-02T12:01:00+08:00"),
        "idempotency_conflict"
    );
    // A rejected command does not use its key.
    assert_eq!(
        order.reject(
            &redeem("r2", "o-1/v1", "S9", 1),
            "2026-03-02T12:01:00+08:00"
        ),
        "store_not_allowed"
    );
    order.step(
        &redeem("r2", "o-1/v1", "S1", 1),
        "2026-03-02T12:02:00+08:00",
    );
}

#[test]
fn actors_and_time_order_are_checked() {
    let mut order = Order::new(deal("any_time"));
    let by_staff = VoucherOrderCommand::Pay {
        key: "p".into(),
        actor: LifecycleActor::Staff,
        amount: cny("200.00"),
        serial: Some(1),
    };
    let err = order
        .try_step(&by_staff, "2026-03-01T10:00:00+08:00")
        .unwrap_err();
    assert_eq!(err.code(), "command_not_allowed");
    assert!(err.to_string().contains("only the customer"), "{err}");
    order.step(&pay("p", "200.00"), "2026-03-01T10:00:00+08:00");
    assert_eq!(
        order.reject(&redeem("r", "o-1/v1", "S1", 1), "2026-03-01T09:00:00+08:00"),
        "time_out_of_order"
    );
    let no_serial = VoucherOrderCommand::Pay {
        key: "p2".into(),
        actor: LifecycleActor::Customer,
        amount: cny("200.00"),
        serial: None,
    };
    let fresh = Order::new(deal("any_time"));
    assert_eq!(
        fresh.reject(&no_serial, "2026-03-01T10:00:00+08:00"),
        "invalid_input"
    );
}

#[test]
fn deals_are_validated() {
    let mut bad = deal("any_time");
    bad.stores.push("S1".into());
    assert_eq!(
        voucher_order_open(&bad, "o", "c").unwrap_err().code(),
        "invalid_deal"
    );
    let mut bad = deal("any_time");
    bad.valid_until = bad.valid_from;
    assert_eq!(
        voucher_order_open(&bad, "o", "c").unwrap_err().code(),
        "invalid_deal"
    );
    let mut bad = deal("any_time");
    bad.price = cny("0.02");
    let err = voucher_order_open(&bad, "o", "c").unwrap_err();
    assert_eq!(
        (err.code(), err.category().as_str()),
        ("invalid_deal", "lifecycle")
    );
}

#[test]
fn replay_reports_the_failing_command() {
    let d = deal("any_time");
    let log = vec![
        TimedVoucherCommand {
            at: at("2026-03-01T10:00:00+08:00"),
            command: pay("p", "200.00"),
        },
        TimedVoucherCommand {
            at: at("2026-03-01T10:00:00+08:00"),
            command: pay("p", "200.00"),
        },
        TimedVoucherCommand {
            at: at("2026-03-02T10:00:00+08:00"),
            command: redeem("r", "o-1/v1", "S7", 1),
        },
    ];
    let err = voucher_order_replay(&d, "o-1", "ann", &log).unwrap_err();
    assert_eq!(
        (err.code(), err.event_index()),
        ("store_not_allowed", Some(2))
    );
    let ok = voucher_order_replay(&d, "o-1", "ann", &log[..2]).unwrap();
    assert_eq!((ok.effects.len(), ok.duplicates.clone()), (3, vec![1]));
}

#[test]
fn the_wire_shape_round_trips() {
    let command: VoucherOrderCommand = o2okit::decode(
        r#"{"type": "redeem", "key": "r-1", "actor": "staff", "voucher": "o-1/v1", "store_id": "S1", "count": 2}"#,
    )
    .unwrap();
    assert_eq!(
        command,
        VoucherOrderCommand::Redeem {
            key: "r-1".into(),
            actor: LifecycleActor::Staff,
            voucher: "o-1/v1".into(),
            store_id: "S1".into(),
            staff_id: None,
            count: 2,
        }
    );
    let mut order = Order::new(deal("at_expiry"));
    order.step(&pay("p", "200.00"), "2026-03-01T10:00:00+08:00");
    let json = serde_json::to_string(&order.state).unwrap();
    let back: VoucherOrderState = o2okit::decode(&json).unwrap();
    assert_eq!(back, order.state);
    assert!(json.contains(r#""status":"issued""#));
    assert_eq!(DealRefundPolicy::AtExpiry.as_str(), "at_expiry");
}

// ---- properties -------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Op {
    Pay {
        right: bool,
    },
    Redeem {
        voucher: usize,
        store: usize,
        count: u32,
    },
    Reverse {
        which: usize,
    },
    Refund {
        vouchers: Vec<usize>,
    },
    SettleOnly {
        which: usize,
    },
    Expire,
    Settle,
    Retry {
        which: usize,
    },
    WrongActor,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => any::<bool>().prop_map(|right| Op::Pay { right }),
        6 => (0usize..4, 0usize..3, 0u32..4).prop_map(|(voucher, store, count)| Op::Redeem { voucher, store, count }),
        3 => (0usize..8).prop_map(|which| Op::Reverse { which }),
        2 => proptest::collection::vec(0usize..4, 0..3).prop_map(|vouchers| Op::Refund { vouchers }),
        1 => Just(Op::Expire),
        2 => Just(Op::Settle),
        1 => (0usize..8).prop_map(|which| Op::SettleOnly { which }),
        2 => (0usize..16).prop_map(|which| Op::Retry { which }),
        1 => Just(Op::WrongActor),
    ]
}

fn random_deal(vouchers: u32, uses: u32, minor: i64, policy: usize, window: u32) -> VoucherDeal {
    let mut d = deal(["any_time", "at_expiry", "none"][policy]);
    d.vouchers = vouchers;
    d.uses = uses;
    d.price = Money::from_minor(
        i128::from(minor.max(i64::from(uses))),
        Currency::from_code("CNY").unwrap(),
    )
    .unwrap();
    d.reversal_minutes = window;
    d.codes = None;
    d
}

fn command_for(
    op: &Op,
    i: usize,
    d: &VoucherDeal,
    applied: &[VoucherOrderCommand],
    redeemed: &[String],
) -> VoucherOrderCommand {
    let key = format!("k{i}");
    let voucher = |n: usize| format!("o-1/v{}", n + 1);
    match op {
        Op::Pay { right } => VoucherOrderCommand::Pay {
            key,
            actor: LifecycleActor::Customer,
            amount: if *right {
                d.order_price().unwrap()
            } else {
                d.price
            },
            serial: None,
        },
        Op::Redeem {
            voucher: v,
            store,
            count,
        } => VoucherOrderCommand::Redeem {
            key,
            actor: LifecycleActor::Staff,
            voucher: voucher(*v),
            store_id: ["S1", "S2", "S3"][*store].into(),
            staff_id: None,
            count: *count,
        },
        Op::Reverse { which } => reverse(
            &key,
            redeemed
                .get(*which % redeemed.len().max(1))
                .map_or("none", String::as_str),
        ),
        Op::Refund { vouchers } => VoucherOrderCommand::Refund {
            key,
            actor: LifecycleActor::Customer,
            vouchers: vouchers.iter().map(|v| voucher(*v)).collect(),
        },
        Op::Expire => expire(&key),
        Op::Settle => settle(&key),
        Op::SettleOnly { which } => settle_only(
            &key,
            &[redeemed
                .get(*which % redeemed.len().max(1))
                .map_or("none", String::as_str)],
        ),
        Op::Retry { which } => match applied.get(*which % applied.len().max(1)) {
            Some(previous) => previous.clone(),
            None => settle(&key),
        },
        Op::WrongActor => VoucherOrderCommand::Settle {
            key,
            actor: LifecycleActor::Customer,
            redemptions: Vec::new(),
        },
    }
}

fn check_invariants(d: &VoucherDeal, state: &VoucherOrderState, flow: Money) {
    let t = &state.totals;
    let held = t.held().unwrap();
    assert!(!held.is_negative(), "{t:?}");
    assert_eq!(held, state.value_held().unwrap(), "held value");
    // Net to zero: what the effects moved out of the customer's pocket is still held.
    assert_eq!(flow.negate(), held, "effects vs held");
    for v in &state.vouchers {
        let used = state.uses_redeemed(&v.id);
        assert_eq!(
            v.uses_left + used + v.uses_refunded + v.uses_lapsed,
            d.uses,
            "{v:?}"
        );
        assert!(used <= d.uses);
    }
    if state.status.is_terminal() {
        assert!(held.is_zero(), "terminal with money held: {state:?}");
    }
}

fn outflow(effects: &[VoucherOrderEffect]) -> Money {
    let mut sum = cny("0.00");
    for effect in effects {
        if let VoucherOrderEffect::Settle { amount, ledger, .. } = effect {
            assert_eq!(ledger.total().unwrap(), *amount);
        }
        if let Some(amount) = effect.outflow() {
            sum = sum.checked_add(amount).unwrap();
        }
    }
    sum
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_lifecycles_keep_every_invariant(
        vouchers in 1u32..4, uses in 1u32..5, minor in 1i64..100_000, policy in 0usize..3,
        window in 0u32..60, prepay in proptest::bool::weighted(0.85), ops in proptest::collection::vec((op(), prop_oneof![3 => 0i64..10, 1 => 0i64..6000]), 1..40),
    ) {
        let d = random_deal(vouchers, uses, minor, policy, window);
        let mut state = voucher_order_open(&d, "o-1", "ann").unwrap();
        let mut now = at("2026-02-28T12:00:00+08:00");
        let mut applied: Vec<VoucherOrderCommand> = Vec::new();
        let mut log: Vec<TimedVoucherCommand> = Vec::new();
        let mut redeemed: Vec<String> = Vec::new();
        let mut flow = cny("0.00");
        let mut ops = ops;
        if prepay {
            ops.insert(0, (Op::Pay { right: true }, 0));
        }
        for (i, (op, minutes)) in ops.iter().enumerate() {
            now += Duration::minutes(*minutes);
            let command = command_for(op, i, &d, &applied, &redeemed);
            let before = state.clone();
            match voucher_order_step(&state, &d, &command, now) {
                Ok(step) => {
                    if before.status.is_terminal() {
                        prop_assert!(step.duplicate, "a terminal status took {command:?}");
                    }
                    if step.duplicate {
                        prop_assert_eq!(&step.state, &before);
                    } else {
                        flow = flow.checked_add(outflow(&step.effects)).unwrap();
                        applied.push(command.clone());
                        if let VoucherOrderCommand::Redeem { key, .. } = &command {
                            redeemed.push(key.clone());
                        }
                    }
                    log.push(TimedVoucherCommand { at: now, command });
                    state = step.state;
                }
                Err(err) => {
                    prop_assert!(o2okit::ERROR_CODES.contains(&err.code()));
                    if before.status.is_terminal() && !matches!(err.code(), "idempotency_conflict") {
                        prop_assert_eq!(err.code(), "command_not_allowed");
                    }
                }
            }
            check_invariants(&d, &state, flow);
        }
        // Replay of the accepted log is the fold of the steps.
        let replay = voucher_order_replay(&d, "o-1", "ann", &log).unwrap();
        prop_assert_eq!(&replay.state, &state);
        prop_assert_eq!(outflow(&replay.effects), flow);
        // Deterministic: the same log gives the same result, byte for byte on the wire.
        let again = voucher_order_replay(&d, "o-1", "ann", &log).unwrap();
        prop_assert_eq!(serde_json::to_string(&again).unwrap(), serde_json::to_string(&replay).unwrap());

        // Finish: expire after the window and settle after every reversal window.
        let end = d.valid_until.max(now) + Duration::days(1);
        for (key, time) in [("end-e", end), ("end-s", end + Duration::days(1))] {
            let command = if key == "end-e" { expire(key) } else { settle(key) };
            if let Ok(step) = voucher_order_step(&state, &d, &command, time) {
                flow = flow.checked_add(outflow(&step.effects)).unwrap();
                state = step.state;
            }
            check_invariants(&d, &state, flow);
        }
        prop_assert!(state.status.is_terminal(), "{:?}", state.status);
        prop_assert!(flow.is_zero(), "a whole lifecycle nets to zero");
        let t = &state.totals;
        let out = t.refunded.checked_add(t.settled).unwrap().checked_add(t.breakage).unwrap();
        prop_assert_eq!(out, t.charged);
    }
}
