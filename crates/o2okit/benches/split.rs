//! Revenue split of many orders: a 6-rule plan (processor fee, capped platform commission,
//! delivery fee, a channel pool credited to 4 touches by time decay, store and staff
//! shares) plus the merchant's remainder, reported as orders per second (criterion's
//! `elem/s`), beside a baseline in the same run: a plain `o2okit::allocate` of each order's
//! amount over 6 weights (one largest-remainder split per order, the least a split can cost).
//!
//! - `compiled_split_into`: `CompiledPlan::split_into` into one reused buffer, the
//!   allocation-free hot path;
//! - `compiled_split_ledger`: `CompiledPlan::split`, full `Ledger`s with their strings;
//! - `baseline_allocate_6_weights`: `allocate(paid, 6 weights)` per order.
//!
//! Before the measurements it also times one pass over 1,000,000 orders (the 10,000 sample
//! orders 100 times) for the hot path and the baseline, and prints orders/s.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use o2okit::{allocate, Decimal, Money, SplitBuffer, SplitOrder, SplitPlan};
use serde_json::json;

mod support;

const ORDERS: usize = 10_000;

fn plan() -> SplitPlan {
    o2okit::decode(
        &json!({
            "rules": [
                {"id": "processor", "to": {"role": "payment_processor", "party_id": "wxpay"},
                 "base": "customer_paid", "pay": {"type": "percent", "percent": "0.6"}},
                {"id": "platform", "to": {"role": "platform", "party_id": "mall"},
                 "base": "gross_paid", "pay": {"type": "percent", "percent": "8"}, "cap": {"percent": "30"}},
                {"id": "delivery", "to": {"role": "logistics", "party_id": "rider-co"},
                 "base": "delivery_fee", "pay": {"type": "percent", "percent": "100"}},
                {"id": "channel", "to": {"role": "marketing", "attribution": {"type": "time_decay"}},
                 "base": "goods", "pay": {"type": "percent", "percent": "2"}},
                {"id": "store", "to": {"role": "store"}, "base": "goods",
                 "pay": {"type": "percent", "percent": "1"}},
                {"id": "staff", "to": {"role": "store_staff"}, "base": "goods",
                 "pay": {"type": "percent_plus_fixed", "percent": "0.5",
                         "fixed": {"amount": "0.10", "currency": "CNY"}}}
            ],
            "parties": [{"role": "merchant", "party_id": "noodle-house"}]
        })
        .to_string(),
    )
    .unwrap()
}

/// 10,000 different orders: amounts, delivery fees, touch times, stores and staff vary.
fn orders(n: usize) -> Vec<SplitOrder> {
    let mut state: u64 = 0x5eed;
    let mut next = move |bound: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % bound
    };
    (0..n)
        .map(|i| {
            let paid = 1_000 + next(50_000);
            let delivery = next(800).min(paid / 2);
            let cents = |u: u64| format!("{}.{:02}", u / 100, u % 100);
            let mut ages: Vec<u64> = (0..4).map(|_| next(30 * 86_400)).collect();
            ages.sort_unstable_by(|a, b| b.cmp(a));
            let journey: Vec<_> = ages
                .iter()
                .enumerate()
                .map(|(t, age)| {
                    let at = chrono::DateTime::parse_from_rfc3339("2026-11-22T12:00:00+08:00")
                        .unwrap()
                        - chrono::TimeDelta::seconds(*age as i64);
                    let channel = ["douyin", "wechat", "dianping", "store_qr"][t];
                    json!({"channel": channel,
                           "party_id": format!("media-{}", next(50)), "at": at.to_rfc3339()})
                })
                .collect();
            o2okit::decode(
                &json!({
                    "id": format!("order-{i}"), "at": "2026-11-22T12:00:00+08:00",
                    "paid": {"amount": cents(paid), "currency": "CNY"},
                    "delivery_fee": {"amount": cents(delivery), "currency": "CNY"},
                    "parties": [{"role": "store", "party_id": format!("store-{}", next(100))},
                                {"role": "store_staff", "party_id": format!("staff-{}", next(1000))}],
                    "journey": journey
                })
                .to_string(),
            )
            .unwrap()
        })
        .collect()
}

/// Orders per second, on integers (no float in the crate, not even in a benchmark).
fn per_second(count: u128, nanos: u128) -> u128 {
    count * 1_000_000_000 / nanos.max(1)
}

fn bench(c: &mut Criterion) {
    let plan = plan();
    let compiled = plan.compile().unwrap();
    // 10,000 orders, split 100 times over (a hundredth of each in the test run).
    let orders = orders(support::size(ORDERS));
    let passes = support::size(100);
    let total = (orders.len() * passes) as u128;
    let paid: Vec<Money> = orders.iter().map(|o| o.paid.unwrap()).collect();
    let weights: Vec<Decimal> = ["0.6", "8", "5", "2", "1", "0.5"]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    let mut buffer = SplitBuffer::new();
    // Same answers on both paths, and every order splits.
    for order in orders.iter().take(100) {
        compiled.split_into(order, &mut buffer).unwrap();
        let fast: Vec<i128> = buffer.amounts_minor().collect();
        let full = compiled.split(order).unwrap();
        let slow: Vec<i128> = full.lines.iter().map(|l| l.amount.minor_units()).collect();
        assert_eq!(fast, slow);
        assert_eq!(full.lines.len(), 10);
    }

    // One pass over a million orders, timed once.
    let start = Instant::now();
    for _ in 0..passes {
        for order in &orders {
            compiled.split_into(black_box(order), &mut buffer).unwrap();
            black_box(buffer.len());
        }
    }
    let split_nanos = start.elapsed().as_nanos();
    let start = Instant::now();
    for _ in 0..passes {
        for total in &paid {
            black_box(allocate(black_box(*total), &weights).unwrap());
        }
    }
    let allocate_nanos = start.elapsed().as_nanos();
    let ratio = split_nanos * 100 / allocate_nanos.max(1);
    println!(
        "{total} orders: split_into {} orders/s ({} ms); baseline allocate {} orders/s ({} ms); time ratio {}.{:02}",
        per_second(total, split_nanos),
        split_nanos / 1_000_000,
        per_second(total, allocate_nanos),
        allocate_nanos / 1_000_000,
        ratio / 100,
        ratio % 100
    );

    let mut group = c.benchmark_group("split_10k_orders_6_rules_decay_4_touches");
    group.throughput(Throughput::Elements(orders.len() as u64));
    group.sample_size(20);
    group.bench_function("compiled_split_into", |b| {
        b.iter(|| {
            for order in &orders {
                compiled.split_into(black_box(order), &mut buffer).unwrap();
            }
        })
    });
    group.bench_function("compiled_split_ledger", |b| {
        b.iter(|| {
            for order in &orders {
                black_box(compiled.split(black_box(order)).unwrap());
            }
        })
    });
    group.bench_function("baseline_allocate_6_weights", |b| {
        b.iter(|| {
            for total in &paid {
                black_box(allocate(black_box(*total), &weights).unwrap());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
