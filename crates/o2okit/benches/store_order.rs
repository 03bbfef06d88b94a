#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
//! Replay of 100,000 flow 4 store orders (Papa John's-style: an order on the WeChat
//! mini-program, the own app or Dianping, eaten in the store), each a full lifecycle of five
//! commands: `place`, `accept`, `ready`, `complete`, `settle` (the settlement splits the paid
//! amount with the channel's fee first). Beside it in the same run, the baseline: cloning the
//! same command logs and splitting each order once with the same plan compiled once (the
//! settlement's money work without the state machine). Criterion reports both as orders per
//! second (`thrpt`).

use std::hint::black_box;

use chrono::{DateTime, Duration, FixedOffset};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use o2okit::{
    store_order_replay, Currency, LifecycleActor, Money, Party, Role, SplitOrder, SplitPlan,
    StoreOrderCommand, StoreOrderPolicy, StoreOrderStatus, TimedStoreOrderCommand,
};

mod support;

const ORDERS: usize = 100_000;

fn policy() -> StoreOrderPolicy {
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

const CHANNELS: [&str; 3] = ["wechat", "own_app", "dianping"];

fn amount(i: usize) -> Money {
    Money::from_minor(
        1_990 + (i as i128 * 7_919) % 20_000,
        Currency::from_code("CNY").unwrap(),
    )
    .unwrap()
}

/// Order `i`: placed `i` seconds after noon at store `i mod 200` on channel `i mod 3`.
fn log(i: usize) -> Vec<TimedStoreOrderCommand> {
    let start: DateTime<FixedOffset> =
        DateTime::parse_from_rfc3339("2026-03-06T12:00:00+08:00").unwrap();
    let placed = start + Duration::seconds(i as i64);
    let key = |k: &str| k.to_string();
    let commands = [
        StoreOrderCommand::Place {
            key: key("p"),
            actor: LifecycleActor::Customer,
            amount: amount(i),
            discounts: Vec::new(),
            channel: Some(CHANNELS[i % 3].to_string()),
            fulfilment: o2okit::Fulfilment::DineIn,
            store_id: Some(format!("store-{}", i % 200)),
            address: None,
            items: Vec::new(),
        },
        StoreOrderCommand::Accept {
            key: key("a"),
            actor: LifecycleActor::Staff,
        },
        StoreOrderCommand::Ready {
            key: key("r"),
            actor: LifecycleActor::Staff,
        },
        StoreOrderCommand::Complete {
            key: key("c"),
            actor: LifecycleActor::Staff,
        },
        StoreOrderCommand::Settle {
            key: key("s"),
            actor: LifecycleActor::Platform,
        },
    ];
    commands
        .into_iter()
        .zip([0i64, 60, 900, 960, 36_000])
        .map(|(command, after)| TimedStoreOrderCommand {
            at: placed + Duration::seconds(after),
            command,
        })
        .collect()
}

/// The plan settlement uses for a channel: the channel's fee rule first, then the policy's.
fn settlement_plan(policy: &StoreOrderPolicy, channel: usize) -> SplitPlan {
    let mut plan = policy.plan.clone();
    if let (Some(fee), Some(to)) = (
        &policy.channels[channel].fee,
        &policy.channels[channel].fee_to,
    ) {
        plan.rules.insert(
            0,
            o2okit::Rule::new(
                o2okit::CHANNEL_FEE_RULE,
                o2okit::Payee::party(to.role.clone(), to.party_id.clone()),
                o2okit::SplitBase::CustomerPaid,
                fee.clone(),
            ),
        );
    }
    plan
}

fn bench(c: &mut Criterion) {
    let policy = policy();
    let orders = support::size(ORDERS);
    let logs: Vec<Vec<TimedStoreOrderCommand>> = (0..orders).map(log).collect();
    let ids: Vec<String> = (0..orders).map(|i| format!("o-{i}")).collect();
    let first = store_order_replay(&policy, &ids[0], "ann", &logs[0]).unwrap();
    assert_eq!(first.state.status, StoreOrderStatus::Closed);
    assert!(first.state.totals.held().unwrap().is_zero());
    eprintln!(
        "{orders} flow 4 orders x {} commands; one order's replay: {} effects",
        logs[0].len(),
        first.effects.len()
    );
    let plans: Vec<_> = (0..3)
        .map(|ch| settlement_plan(&policy, ch).compile().unwrap())
        .collect();

    let mut group = c.benchmark_group("store_order_replay_100k_flow_4");
    group.sample_size(10);
    group.throughput(Throughput::Elements(orders as u64));
    group.bench_function("o2okit::store_order_replay", |b| {
        b.iter(|| {
            for (id, log) in ids.iter().zip(&logs) {
                black_box(
                    store_order_replay(black_box(&policy), id, "ann", black_box(log)).unwrap(),
                );
            }
        })
    });
    group.bench_function("baseline clone the log and split once", |b| {
        b.iter(|| {
            for (i, (id, log)) in ids.iter().zip(&logs).enumerate() {
                let copy = black_box(log).clone();
                let mut order = SplitOrder::new(id.clone(), copy[0].at, amount(i));
                order
                    .parties
                    .push(Party::new(Role::Store, format!("store-{}", i % 200)));
                black_box(plans[i % 3].split(&order).unwrap());
                black_box(copy);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
