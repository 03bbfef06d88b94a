#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::float_arithmetic,
    clippy::cast_precision_loss
)]
//! Replay of 100,000 full online → offline voucher order lifecycles, 6 commands each (600,000
//! in all): pay (one voucher of 3 uses, 100.00 CNY), redeem 1 use, redeem 1 more, reverse the
//! second inside the 10-minute window, settle (one split by an 8% platform rule and the
//! merchant's remainder), expire (the 2 open uses refunded). Every order has its own id and
//! customer. Beside it in the same run, the baseline: cloning the same command logs and reading
//! every command (the least any replay has to do). Criterion reports both as lifecycles per
//! second (`thrpt`); events per second are 6 times that. The ratio of the two is the price of
//! the state machine.

use std::hint::black_box;
use std::time::Instant;

use chrono::{DateTime, Duration, FixedOffset};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use o2okit::{
    voucher_order_replay, Currency, Money, TimedVoucherCommand, VoucherDeal, VoucherOrderCommand,
    VoucherOrderStatus,
};

mod support;

const LIFECYCLES: usize = 100_000;
const EVENTS_PER_LIFECYCLE: usize = 6;

fn deal() -> VoucherDeal {
    o2okit::decode(
        r#"{"id": "hotpot-for-2", "price": {"amount": "100.00", "currency": "CNY"},
            "vouchers": 1, "uses": 3, "valid_from": "2026-03-01T00:00:00+08:00",
            "valid_until": "2026-04-01T00:00:00+08:00", "stores": ["S1", "S2"],
            "refund": "at_expiry", "reversal_minutes": 10,
            "plan": {"rules": [{"id": "platform", "to": {"role": "platform", "party_id": "meituan"},
                                "base": "gross_paid", "pay": {"type": "percent", "percent": "8"}}],
                     "remainder": {"role": "merchant", "party_id": "hotpot-house"}}}"#,
    )
    .unwrap()
}

/// Order `n`'s log: paid `n` seconds after the start, redeemed a day and a day and an hour
/// later, the second redemption reversed five minutes after it, settled two days in, expired
/// at the end of the validity.
fn log(n: usize) -> (String, String, Vec<TimedVoucherCommand>) {
    let order = format!("o-{n}");
    let start: DateTime<FixedOffset> =
        DateTime::parse_from_rfc3339("2026-03-01T09:00:00+08:00").unwrap();
    let paid = start + Duration::seconds((n % 86_400) as i64);
    let cny = Currency::from_code("CNY").unwrap();
    let voucher = format!("{order}/v1");
    let redeem = |key: &str| VoucherOrderCommand::Redeem {
        key: key.into(),
        actor: o2okit::LifecycleActor::Staff,
        voucher: voucher.clone(),
        store_id: "S1".into(),
        staff_id: None,
        count: 1,
    };
    let at = |at, command| TimedVoucherCommand { at, command };
    let commands = vec![
        at(
            paid,
            VoucherOrderCommand::Pay {
                key: "pay".into(),
                actor: o2okit::LifecycleActor::Customer,
                amount: Money::parse("100.00", cny).unwrap(),
                serial: None,
            },
        ),
        at(paid + Duration::days(1), redeem("r-1")),
        at(paid + Duration::days(1) + Duration::hours(1), redeem("r-2")),
        at(
            paid + Duration::days(1) + Duration::minutes(65),
            VoucherOrderCommand::Reverse {
                key: "x-2".into(),
                actor: o2okit::LifecycleActor::Staff,
                redemption: "r-2".into(),
            },
        ),
        at(
            paid + Duration::days(2),
            VoucherOrderCommand::Settle {
                key: "settle".into(),
                actor: o2okit::LifecycleActor::Platform,
                redemptions: Vec::new(),
            },
        ),
        at(
            DateTime::parse_from_rfc3339("2026-04-01T00:00:00+08:00").unwrap(),
            VoucherOrderCommand::Expire {
                key: "expire".into(),
                actor: o2okit::LifecycleActor::Scheduler,
            },
        ),
    ];
    (order, format!("c-{n}"), commands)
}

fn bench(c: &mut Criterion) {
    let deal = deal();
    let lifecycles = support::size(LIFECYCLES);
    let logs: Vec<(String, String, Vec<TimedVoucherCommand>)> = (0..lifecycles).map(log).collect();
    let events: usize = logs.iter().map(|l| l.2.len()).sum();
    assert_eq!(events, lifecycles * EVENTS_PER_LIFECYCLE);
    let (order, customer, first) = &logs[0];
    let replay = voucher_order_replay(&deal, order, customer, first).unwrap();
    assert_eq!(replay.state.status, VoucherOrderStatus::Closed);
    assert_eq!(replay.state.totals.settled.to_string(), "33.33 CNY");
    assert_eq!(replay.state.totals.refunded.to_string(), "66.67 CNY");
    assert!(replay.state.totals.held().unwrap().is_zero());

    // One timed pass, printed as lifecycles/s and events/s (criterion's numbers follow).
    let started = Instant::now();
    for (order, customer, log) in &logs {
        black_box(voucher_order_replay(&deal, order, customer, log).unwrap());
    }
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "{lifecycles} lifecycles x {EVENTS_PER_LIFECYCLE} commands: {events} events; one pass \
         {seconds:.3} s = {:.0} lifecycles/s, {:.0} events/s; one lifecycle: {} effects",
        lifecycles as f64 / seconds,
        events as f64 / seconds,
        replay.effects.len()
    );

    let mut group = c.benchmark_group("voucher_order_replay_100k_lifecycles");
    group.sample_size(10);
    group.throughput(Throughput::Elements(lifecycles as u64));
    group.bench_function("o2okit::voucher_order_replay", |b| {
        b.iter(|| {
            for (order, customer, log) in &logs {
                black_box(
                    voucher_order_replay(black_box(&deal), order, customer, black_box(log))
                        .unwrap(),
                );
            }
        })
    });
    group.bench_function("baseline clone and read the commands", |b| {
        b.iter(|| {
            for (order, customer, log) in &logs {
                let copy = black_box(log).clone();
                let mut keys = order.len() + customer.len();
                for timed in &copy {
                    keys += timed.command.key().len();
                    black_box(&timed.at);
                }
                black_box((keys, copy));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
