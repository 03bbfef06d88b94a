//! Property tests of the money and allocation invariants.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use o2okit::{
    allocate, allocate_capped, allocate_to_step, Allocation, AllocationRequest, Currency, Decimal,
    Money, Rounding,
};
use proptest::prelude::*;

const CODES: [&str; 5] = ["CNY", "JPY", "KWD", "CLF", "USD"];

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(CODES.to_vec()).prop_map(|c| Currency::from_code(c).unwrap())
}

/// A weight with 0 to 4 decimals, zero included.
fn weight() -> impl Strategy<Value = Decimal> {
    (0u32..=1_000_000, 0u32..=4).prop_map(|(m, scale)| Decimal::new(i64::from(m), scale))
}

fn weights() -> impl Strategy<Value = Vec<Decimal>> {
    prop::collection::vec(weight(), 1..9).prop_filter("at least one positive weight", |w| {
        w.iter().any(|x| !x.is_zero())
    })
}

fn money(currency: Currency, units: i64) -> Money {
    Money::from_minor(i128::from(units), currency).unwrap()
}

fn units(m: &Money) -> i128 {
    m.minor_units()
}

/// Weights as integers at a common scale.
fn int_weights(weights: &[Decimal]) -> Vec<i128> {
    let scale = weights.iter().map(|w| w.scale()).max().unwrap_or(0);
    weights
        .iter()
        .map(|w| w.mantissa() * 10i128.pow(scale - w.scale()))
        .collect()
}

fn sum_units(a: &Allocation) -> i128 {
    a.parts.iter().map(|p| units(&p.amount)).sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parts_sum_to_the_total(c in currency(), total in -1_000_000_000_000i64..1_000_000_000_000, w in weights()) {
        let a = allocate(money(c, total), &w).unwrap();
        prop_assert_eq!(sum_units(&a), i128::from(total));
        prop_assert_eq!(a.parts.len(), w.len());
        for p in &a.parts {
            prop_assert_eq!(p.amount.currency(), c);
        }
    }

    #[test]
    fn each_part_is_within_one_unit_of_its_exact_share(total in -1_000_000_000_000i64..1_000_000_000_000, w in weights()) {
        let c = Currency::from_code("CNY").unwrap();
        let a = allocate(money(c, total), &w).unwrap();
        let iw = int_weights(&w);
        let big_w: i128 = iw.iter().sum();
        for (p, wi) in a.parts.iter().zip(&iw) {
            // |part - total * wi / W| < 1  <=>  |part * W - total * wi| < W
            let diff = units(&p.amount) * big_w - i128::from(total) * wi;
            prop_assert!(diff.abs() < big_w, "part {} too far from its share", p.amount);
        }
    }

    #[test]
    fn a_zero_weight_gets_exactly_zero(total in -1_000_000_000i64..1_000_000_000, mut w in weights(), at in 0usize..8) {
        let c = Currency::from_code("USD").unwrap();
        let at = at % (w.len() + 1);
        w.insert(at, Decimal::ZERO);
        let a = allocate(money(c, total), &w).unwrap();
        prop_assert!(a.parts[at].amount.is_zero());
        prop_assert!(!a.parts[at].extra_unit);
    }

    #[test]
    fn negating_the_total_negates_every_part(c in currency(), total in -1_000_000_000i64..1_000_000_000, w in weights()) {
        let plus = allocate(money(c, total), &w).unwrap();
        let minus = allocate(money(c, total).negate(), &w).unwrap();
        for (p, m) in plus.parts.iter().zip(&minus.parts) {
            prop_assert_eq!(p.amount.negate(), m.amount);
            prop_assert_eq!(p.extra_unit, m.extra_unit);
            prop_assert_eq!(p.remainder, m.remainder);
        }
    }

    #[test]
    fn scaling_every_weight_changes_nothing(total in 0i64..1_000_000_000, w in weights(), k in 1u32..10_000, shift in 0u32..6) {
        let c = Currency::from_code("CNY").unwrap();
        let factor = Decimal::new(i64::from(k), shift);
        let scaled: Vec<Decimal> = w.iter().map(|x| *x * factor).collect();
        let a = allocate(money(c, total), &w).unwrap();
        let b = allocate(money(c, total), &scaled).unwrap();
        prop_assert_eq!(a.amounts(), b.amounts());
    }

    #[test]
    fn cash_steps_give_whole_steps(step_units in prop::sample::select(vec![5i64, 10, 20, 25, 50, 100]), steps in -100_000i64..100_000, w in weights()) {
        let chf = Currency::from_code("CHF").unwrap();
        let step = Decimal::new(step_units, 2);
        let a = allocate_to_step(money(chf, steps * step_units), &w, step).unwrap();
        prop_assert_eq!(sum_units(&a), i128::from(steps * step_units));
        for p in &a.parts {
            prop_assert_eq!(units(&p.amount) % i128::from(step_units), 0);
        }
    }

    #[test]
    fn caps_are_respected_and_overflow_moves_on(
        total in 0i64..1_000_000,
        w in weights(),
        raw_caps in prop::collection::vec(prop::option::of(0i64..500_000), 8),
    ) {
        let c = Currency::from_code("CNY").unwrap();
        let caps: Vec<Option<Money>> = raw_caps.iter().take(w.len()).map(|o| o.map(|u| money(c, u))).collect();
        let capacity: Option<i64> = w.iter().zip(&raw_caps).filter(|(x, _)| !x.is_zero()).map(|(_, cap)| *cap).sum();
        match allocate_capped(money(c, total), &w, &caps) {
            Ok(a) => {
                prop_assert_eq!(sum_units(&a), i128::from(total));
                for (p, cap) in a.parts.iter().zip(&caps) {
                    if let Some(cap) = cap {
                        prop_assert!(units(&p.amount) <= units(cap));
                    }
                    prop_assert!(!p.amount.is_negative());
                }
                for (p, x) in a.parts.iter().zip(&w) {
                    if x.is_zero() { prop_assert!(p.amount.is_zero()); }
                }
            }
            Err(e) => {
                prop_assert_eq!(e.code(), "caps_insufficient");
                prop_assert!(capacity.is_some_and(|cap| cap < total));
            }
        }
    }

    #[test]
    fn uncapped_parties_share_the_rest_by_weight(total in 0i64..1_000_000, w in weights()) {
        // Caps that never bind give exactly the uncapped result.
        let c = Currency::from_code("CNY").unwrap();
        let caps: Vec<Option<Money>> = w.iter().map(|_| Some(money(c, total))).collect();
        let capped = allocate_capped(money(c, total), &w, &caps).unwrap();
        let plain = allocate(money(c, total), &w).unwrap();
        prop_assert_eq!(capped.amounts(), plain.amounts());
    }

    #[test]
    fn ties_go_to_the_lower_index(total in 0i64..1_000_000, w in weights()) {
        let c = Currency::from_code("CNY").unwrap();
        let a = allocate(money(c, total), &w).unwrap();
        let again = allocate(money(c, total), &w).unwrap();
        prop_assert_eq!(&a, &again);
        // Among equal remainders, an extra unit at j means every earlier equal one got one too;
        // and every party that got one has a remainder at least as large as any that did not.
        for (j, pj) in a.parts.iter().enumerate() {
            if !pj.extra_unit { continue; }
            for (i, pi) in a.parts.iter().enumerate() {
                if pi.extra_unit { continue; }
                prop_assert!(pj.remainder >= pi.remainder);
                if pi.remainder == pj.remainder && !pi.remainder.is_zero() {
                    prop_assert!(i > j, "tie at {} and {} went to the later party", i, j);
                }
            }
        }
    }

    #[test]
    fn money_serde_round_trips(c in currency(), units_ in any::<i64>()) {
        let m = money(c, units_);
        let json = serde_json::to_string(&m).unwrap();
        let back: Money = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, m);
        prop_assert!(json.contains("\"amount\":\""));
        prop_assert_eq!(m.to_string().parse::<Money>().unwrap(), m);
    }

    #[test]
    fn allocation_serde_round_trips(total in -1_000_000i64..1_000_000, w in weights(), step in prop::option::of(Just(Decimal::new(5, 2)))) {
        let c = Currency::from_code("CHF").unwrap();
        let total = if step.is_some() { total - total % 5 } else { total };
        let request = AllocationRequest { total: money(c, total), weights: w, caps: None, step };
        let json = serde_json::to_string(&request).unwrap();
        prop_assert_eq!(&serde_json::from_str::<AllocationRequest>(&json).unwrap(), &request);
        let a = request.allocate().unwrap();
        let out = serde_json::to_string(&a).unwrap();
        prop_assert_eq!(serde_json::from_str::<Allocation>(&out).unwrap(), a);
        // The wire dispatcher gives the same thing.
        prop_assert_eq!(o2okit::call("allocate", &json).unwrap(), out);
    }

    #[test]
    fn rounding_agrees_with_rust_decimal(m in any::<i64>(), scale in 0u32..10, mode in prop::sample::select(Rounding::ALL.to_vec())) {
        let c = Currency::from_code("CNY").unwrap();
        let x = Decimal::new(m, scale);
        let ours = Money::from_decimal_rounded(x, c, mode).unwrap();
        prop_assert_eq!(ours.amount(), x.round_dp_with_strategy(2, mode.strategy()));
    }

    #[test]
    fn checked_arithmetic_matches_integers(a in any::<i64>(), b in any::<i64>()) {
        let c = Currency::from_code("KWD").unwrap();
        let sum = money(c, a).checked_add(money(c, b)).unwrap();
        prop_assert_eq!(units(&sum), i128::from(a) + i128::from(b));
        let diff = money(c, a).checked_sub(money(c, b)).unwrap();
        prop_assert_eq!(units(&diff), i128::from(a) - i128::from(b));
    }

    #[test]
    fn the_wire_never_panics(function in prop::sample::select(o2okit::FUNCTIONS.to_vec()), input in ".{0,200}") {
        let _ = o2okit::call(function, &input);
    }

    #[test]
    fn the_wire_never_panics_on_near_valid_input(total in "[-+0-9.eE]{0,40}", cur in "[A-Za-z]{0,4}", w in prop::collection::vec("[-0-9.eE]{0,30}", 0..5)) {
        let input = serde_json::json!({"total": {"amount": total, "currency": cur}, "weights": w});
        if let Err(e) = o2okit::call_value("allocate", input) {
            prop_assert!(o2okit::ERROR_CODES.contains(&e.code()));
        }
    }
}

#[test]
fn huge_amounts_and_weights_stay_exact() {
    let c = Currency::from_code("CNY").unwrap();
    let total = Money::parse("792281625142643375935439503.35", c).unwrap();
    let w: Vec<Decimal> = [
        "79228162514264337593543950335",
        "1",
        "0.0000000000000000000000000001",
    ]
    .iter()
    .map(|s| o2okit::parse_decimal(s).unwrap())
    .collect();
    match allocate(total, &w) {
        Ok(a) => assert_eq!(sum_units(&a), units(&total)),
        Err(e) => assert_eq!(e.code(), "amount_out_of_range"),
    }
    let w2 = [Decimal::MAX, Decimal::MAX];
    let a = allocate(total, &w2).unwrap();
    assert_eq!(sum_units(&a), units(&total));
}

/// The wire lists exactly the functions of this build; a function o2okit has but this build
/// does not answers `not_in_build` naming its feature, and only an unknown name answers
/// `unknown_function`. Runs with the default features and in the money-only build.
#[test]
fn the_wire_lists_what_is_compiled_in_and_names_the_feature_of_the_rest() {
    let compiled: Vec<&str> = o2okit::WIRE_FUNCTIONS
        .iter()
        .filter(|f| f.compiled)
        .map(|f| f.name)
        .collect();
    assert_eq!(compiled, o2okit::FUNCTIONS);
    for f in o2okit::WIRE_FUNCTIONS {
        assert_eq!(
            o2okit::check_function(f.name).is_ok(),
            f.compiled,
            "{}",
            f.name
        );
        if f.compiled {
            continue;
        }
        let feature = f.feature.expect("money and allocation are always compiled");
        let err = o2okit::call(f.name, "{}").unwrap_err();
        assert_eq!(err.code(), "not_in_build", "{}", f.name);
        assert_eq!(err.category(), o2okit::ErrorCategory::Input);
        let message = err.to_string();
        assert!(message.contains(f.name), "{message}");
        assert!(
            message.contains(&format!("cargo feature \"{feature}\"")),
            "{message}"
        );
        assert!(message.contains("\"o2okit\""), "{message}");
    }
    let err = o2okit::call("money.divide", "{}").unwrap_err();
    assert_eq!(err.code(), "unknown_function");
    assert!(err.to_string().contains(&o2okit::FUNCTIONS.join(", ")));
    #[cfg(not(feature = "promotions"))]
    assert!(!o2okit::FUNCTIONS.contains(&"quote"));
}
