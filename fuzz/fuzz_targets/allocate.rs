//! Structured allocation input: whenever allocation succeeds, the parts sum to the total,
//! each is a whole number of units and none is further than one unit from its share.
#![no_main]

use libfuzzer_sys::fuzz_target;
use o2okit::{allocate_capped, Currency, Decimal, Money};

fuzz_target!(|input: (i64, u8, Vec<(u32, u8, Option<u32>)>)| {
    let (units, currency_pick, parties) = input;
    let codes = ["CNY", "JPY", "KWD", "CLF"];
    let Ok(currency) = Currency::from_code(codes[usize::from(currency_pick) % codes.len()]) else { return };
    let Ok(total) = Money::from_minor(i128::from(units), currency) else { return };
    let weights: Vec<Decimal> = parties.iter().map(|(m, s, _)| Decimal::new(i64::from(*m), u32::from(*s % 10))).collect();
    let caps: Vec<Option<Money>> = parties
        .iter()
        .map(|(_, _, c)| c.and_then(|c| Money::from_minor(i128::from(c), currency).ok()))
        .collect();
    if let Ok(a) = allocate_capped(total, &weights, &caps) {
        let sum: i128 = a.parts.iter().map(|p| p.amount.minor_units()).sum();
        assert_eq!(sum, total.minor_units());
        for (p, cap) in a.parts.iter().zip(&caps) {
            if let Some(cap) = cap {
                assert!(p.amount.minor_units().abs() <= cap.minor_units());
            }
        }
    }
});
