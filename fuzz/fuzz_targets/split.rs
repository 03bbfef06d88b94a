//! `split`: an order (paid, delivery fee, cost, volume, funded discounts, a journey) by a
//! plan of up to six rules of every form (percent, fixed, tiers, clamps, ratio caps,
//! attribution over the journey). On every success the ledger adds up exactly to what was
//! paid and only subsidies (or rules that allow it) are negative; the compiled plan and
//! `split_batch` give exactly the same ledger; and the common contract holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use o2okit::{Ledger, SplitRequest};
use o2okit_fuzz::split::{check_ledger, OrderIn, PlanIn};
use o2okit_fuzz::{json, Arbitrary, Checked, Cur};

#[derive(Arbitrary, Debug)]
struct Input {
    currency: Cur,
    order: OrderIn,
    plan: PlanIn,
    other: OrderIn,
}

fuzz_target!(|input: Input| {
    let c = input.currency.currency();
    let request = json!({"order": input.order.wire("o-1", 43_200, c), "plan": input.plan.wire(c)});
    let run = |r: &SplitRequest| o2okit::split(&r.order, &r.plan);
    let Some(ledger) = Checked::<Ledger>::run("split", &request, run).ok() else {
        return;
    };
    let r: SplitRequest = o2okit::decode(&request.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let paid = r.order.paid.map_or(0, |p| p.minor_units());
    let negatives = r.plan.rules.iter().any(|rule| rule.allow_negative);
    check_ledger(&ledger, paid, c, negatives);
    let compiled = r
        .plan
        .compile()
        .unwrap_or_else(|e| panic!("the plan split but does not compile: {e}"));
    assert_eq!(
        compiled.split(&r.order).ok().as_ref(),
        Some(&ledger),
        "the compiled plan differs"
    );
    // A batch gives the very same ledgers, and reports the orders that fail.
    let other: o2okit::SplitOrder = o2okit::decode(&input.other.wire("o-2", 50_000, c).to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    let alone = o2okit::split(&other, &r.plan);
    let batch = o2okit::split_batch(&r.plan, &[r.order.clone(), other.clone(), r.order.clone()])
        .unwrap_or_else(|e| panic!("the batch failed: {e}"));
    match alone {
        Ok(l) => assert_eq!(
            batch.ledgers,
            vec![ledger.clone(), l, ledger.clone()],
            "the batch differs"
        ),
        Err(e) => {
            assert_eq!(
                batch.ledgers,
                vec![ledger.clone(), ledger.clone()],
                "the batch differs"
            );
            assert_eq!(batch.errors.len(), 1);
            assert_eq!(
                (batch.errors[0].index, batch.errors[0].code.as_str()),
                (1, e.code())
            );
        }
    }
});
