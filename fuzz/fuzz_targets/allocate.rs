//! `allocate` with caps and cash steps, built from small integers. On every success: the
//! parts sum to the total, each in the total's currency and with its sign; a zero weight
//! gets zero; a cap is never exceeded; a step divides every part; without caps or step
//! every part is within one unit of its exact share. Plus the common contract
//! (deterministic, the wire gives the same bytes, round trip).
#![no_main]

use libfuzzer_sys::fuzz_target;
use o2okit::{Allocation, AllocationRequest, Decimal};
use o2okit_fuzz::{json, pick, Amt, Arbitrary, Checked, Cur, Dec, Value};

const STEPS: [&str; 7] = ["0.05", "0.10", "0.5", "1", "0.01", "5", "0.20"];

#[derive(Arbitrary, Debug)]
struct Input {
    currency: Cur,
    total: Amt,
    negative: bool,
    weights: Vec<Dec>,
    caps: Option<Vec<Option<Amt>>>,
    step: Option<u8>,
}

fuzz_target!(|input: Input| {
    let c = input.currency.currency();
    let weights: Vec<Dec> = input.weights.iter().copied().take(12).collect();
    let sign = if input.negative { -1 } else { 1 };
    let total = sign * input.total.minor();
    let mut request = json!({
        "total": o2okit_fuzz::money(total, c),
        "weights": weights.iter().map(|w| w.wire()).collect::<Vec<_>>(),
    });
    if let Some(caps) = &input.caps {
        let caps: Vec<Value> = caps
            .iter()
            .take(weights.len())
            .map(|cap| cap.map_or(Value::Null, |a| a.money(c)))
            .collect();
        request["caps"] = Value::Array(caps);
    }
    if let Some(step) = input.step {
        request["step"] = json!(pick(&STEPS, step));
    }
    let Some(a) =
        Checked::<Allocation>::run("allocate", &request, |r: &AllocationRequest| r.allocate()).ok()
    else {
        return;
    };
    assert_eq!(a.parts.len(), weights.len());
    assert_eq!(a.total.minor_units(), i128::from(total));
    let sum: i128 = a.parts.iter().map(|p| p.amount.minor_units()).sum();
    assert_eq!(sum, i128::from(total), "parts do not add up");
    let caps = input.caps.as_ref();
    for (i, (p, w)) in a.parts.iter().zip(&weights).enumerate() {
        assert_eq!(p.amount.currency(), c);
        assert!(
            p.amount.minor_units() * i128::from(sign) >= 0,
            "part {i} has the wrong sign"
        );
        if w.decimal().is_zero() {
            assert!(p.amount.is_zero(), "zero weight {i} got {}", p.amount);
        }
        if let Some(Some(cap)) = caps.and_then(|caps| caps.get(i)) {
            assert!(
                p.amount.minor_units().abs() <= i128::from(cap.minor()),
                "cap {i} exceeded"
            );
        }
        if let Some(step) = input.step {
            let step: Decimal = pick(&STEPS, step)
                .parse()
                .unwrap_or_else(|_| unreachable!());
            assert!(
                (p.amount.amount() % step).is_zero(),
                "part {i} is not whole steps"
            );
        }
    }
    if input.caps.is_none() && input.step.is_none() {
        // |part - total * w / W| < 1 unit  <=>  |part * W - total * w| < W (integers at a common scale)
        let scale = weights
            .iter()
            .map(|w| w.decimal().scale())
            .max()
            .unwrap_or(0);
        let ints: Vec<i128> = weights
            .iter()
            .map(|w| i128::from(w.mantissa) * 10i128.pow(scale - w.decimal().scale()))
            .collect();
        let big_w: i128 = ints.iter().sum();
        for (p, wi) in a.parts.iter().zip(&ints) {
            let diff = p.amount.minor_units() * big_w - i128::from(total) * wi;
            assert!(
                diff.abs() < big_w,
                "part {} too far from its share",
                p.amount
            );
        }
    }
});
