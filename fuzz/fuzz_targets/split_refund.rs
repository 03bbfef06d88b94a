//! `split.refund`: successive partial refunds of a split order, each through the wire
//! function, with a refund policy (non-refundable rules or roles, delivery kept once
//! delivered). Every clawback gives back exactly its refund (its lines sum to minus the
//! refund), and never more than is refundable; with the default policy, once everything is
//! refunded every ledger line has given back exactly what it received (subsidies included);
//! one unit more is `refund_exceeds_paid`; and the common contract holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use o2okit::{Clawback, Ledger, Money, RefundRequest};
use o2okit_fuzz::split::{OrderIn, PlanIn, ROLES};
use o2okit_fuzz::{json, pick, Arbitrary, Checked, Cur};

#[derive(Arbitrary, Debug)]
struct Input {
    currency: Cur,
    order: OrderIn,
    plan: PlanIn,
    /// Cut points, in thousandths of what was paid.
    cuts: Vec<u16>,
    non_refundable_rule: Option<u8>,
    non_refundable_role: Option<u8>,
    kept_once_delivered: bool,
    delivered: bool,
    /// Refund everything at the end.
    to_the_end: bool,
}

fuzz_target!(|input: Input| {
    let c = input.currency.currency();
    let order = input.order.wire("o-1", 43_200, c);
    let plan = input.plan.wire(c);
    let Ok(split) = o2okit::call("split", &json!({"order": order, "plan": plan}).to_string())
    else {
        return;
    };
    let ledger: Ledger = o2okit::decode(&split).unwrap_or_else(|e| panic!("{e}"));
    let paid = ledger.paid.minor_units();
    let mut policy = json!({});
    if let Some(r) = input.non_refundable_rule {
        policy["non_refundable_rules"] = json!([format!("r{}", r % 6)]);
    }
    if let Some(r) = input.non_refundable_role {
        policy["non_refundable_roles"] = json!([pick(&ROLES, r)]);
    }
    if input.kept_once_delivered {
        policy["delivery"] = json!("kept_once_delivered");
    }
    let default_policy = policy == json!({});
    let mut points: Vec<i128> = input
        .cuts
        .iter()
        .take(5)
        .map(|x| paid * i128::from(x % 1001) / 1000)
        .collect();
    if input.to_the_end {
        points.push(paid);
    }
    points.sort_unstable();
    let mut before = 0i128;
    let mut given_back = vec![0i128; ledger.lines.len()];
    for point in points {
        let request = json!({"order": order, "plan": plan,
            "refunded_before": o2okit_fuzz::money(i64::try_from(before).unwrap_or(0), c),
            "refund": o2okit_fuzz::money(i64::try_from(point - before).unwrap_or(0), c),
            "at": o2okit_fuzz::time(90_000, false), "delivered": input.delivered, "policy": policy});
        let run = |r: &RefundRequest| {
            let refund = o2okit::Refund {
                refunded_before: r
                    .refunded_before
                    .unwrap_or(Money::zero(r.refund.currency())),
                amount: r.refund,
                at: r.at,
                delivered: r.delivered,
            };
            o2okit::clawback(&r.order, &r.plan, &refund, &r.policy)
        };
        let Some(claw) = Checked::<Clawback>::run("split.refund", &request, run).ok() else {
            // With the default policy, a positive refund up to what was paid never fails.
            assert!(
                !(default_policy && point > before && point <= paid),
                "refund up to {point} of {paid} failed"
            );
            return;
        };
        let refundable = claw.refundable.minor_units();
        assert!(refundable <= paid && refundable >= 0);
        assert!(
            point <= refundable,
            "refunded {point}, more than the refundable {refundable}"
        );
        assert_eq!(claw.refund.minor_units(), point - before);
        assert_eq!(claw.refunded_before.minor_units(), before);
        assert_eq!(claw.refunded_total.minor_units(), point);
        let sum: i128 = claw.lines.iter().map(|l| l.amount.minor_units()).sum();
        assert_eq!(
            sum,
            before - point,
            "the clawback does not give back exactly the refund"
        );
        for line in &claw.lines {
            assert_eq!(line.entry, o2okit::Entry::Clawback);
            assert_eq!(line.amount.currency(), c);
        }
        if default_policy {
            assert_eq!(claw.lines.len(), ledger.lines.len());
            for (total, line) in given_back.iter_mut().zip(&claw.lines) {
                *total += line.amount.minor_units();
            }
        }
        before = point;
    }
    // Once everything paid is refunded (nothing to refund when nothing was paid: the
    // subsidies of a zero-paid order stay where they are).
    if default_policy && paid > 0 && before == paid {
        for (total, line) in given_back.iter().zip(&ledger.lines) {
            assert_eq!(
                *total,
                -line.amount.minor_units(),
                "{line:?} was not given back exactly"
            );
        }
        let over = o2okit::Refund {
            refunded_before: ledger.paid,
            amount: Money::from_minor(1, c).unwrap_or_else(|e| panic!("{e}")),
            at: ledger.at,
            delivered: false,
        };
        let e = ledger
            .clawback(&over, &o2okit::RefundPolicy::default())
            .expect_err("refunded more than paid");
        assert_eq!(e.code(), "refund_exceeds_paid");
    }
});
