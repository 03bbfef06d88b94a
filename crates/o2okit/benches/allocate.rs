//! `allocate` of 5 weights in a 2-decimal currency, beside a baseline in the same run: a
//! straightforward largest-remainder written on `Decimal` (what a user would write by hand)
//! and the JSON wire path that the CLI and the npm package use. Report the ratios, not the
//! absolute times.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use o2okit::{allocate, Currency, Decimal, Money};

/// Baseline: largest remainder on Decimal, ties to the lower index.
fn reference(total: Decimal, weights: &[Decimal]) -> Vec<Decimal> {
    let sum: Decimal = weights.iter().sum();
    let cents = total * Decimal::ONE_HUNDRED;
    let exact: Vec<Decimal> = weights.iter().map(|w| cents * w / sum).collect();
    let mut parts: Vec<Decimal> = exact.iter().map(|e| e.floor()).collect();
    let mut leftover = cents - parts.iter().sum::<Decimal>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - parts[b]).cmp(&(exact[a] - parts[a])));
    for i in order {
        if leftover <= Decimal::ZERO {
            break;
        }
        parts[i] += Decimal::ONE;
        leftover -= Decimal::ONE;
    }
    parts
        .into_iter()
        .map(|p| p / Decimal::ONE_HUNDRED)
        .collect()
}

fn bench(c: &mut Criterion) {
    let cny = Currency::from_code("CNY").unwrap();
    let total = Money::parse("1234.56", cny).unwrap();
    let weights: Vec<Decimal> = ["30", "25", "20", "15", "10.5"]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    let ours: Vec<Decimal> = allocate(total, &weights)
        .unwrap()
        .amounts()
        .iter()
        .map(|m| m.amount())
        .collect();
    assert_eq!(ours, reference(total.amount(), &weights));
    let json = serde_json::json!({"total": total, "weights": ["30", "25", "20", "15", "10.5"]})
        .to_string();

    let mut group = c.benchmark_group("allocate_5_weights_cny");
    group.bench_function("o2okit::allocate", |b| {
        b.iter(|| allocate(black_box(total), black_box(&weights)))
    });
    group.bench_function("baseline_decimal_reference", |b| {
        b.iter(|| reference(black_box(total.amount()), black_box(&weights)))
    });
    group.bench_function("o2okit::call_json", |b| {
        b.iter(|| o2okit::call("allocate", black_box(&json)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
