#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
//! Membership replays. `card_replay`: one card, 10,000 events (a top-up every tenth event,
//! spends between, a partial refund every fifth spend). `points_replay`: one member,
//! 2,000 events over about five years (earns, a redemption every fourth event, lots
//! expiring at the end of the month six months after earning). Criterion reports events
//! per second (`thrpt`).

use std::hint::black_box;

use chrono::{DateTime, Duration, FixedOffset};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use o2okit::{
    card_replay, points_replay, CardEvent, CardReplayRequest, Currency, Money, PointsEvent,
    PointsProgram, TimedCardEvent, TimedPointsEvent,
};

const CARD_EVENTS: usize = 10_000;
const POINTS_EVENTS: usize = 2_000;

fn start() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-01-01T10:00:00+08:00").unwrap()
}

fn cny(minor: i128) -> Money {
    Money::from_minor(minor, Currency::from_code("CNY").unwrap()).unwrap()
}

fn card_log() -> CardReplayRequest {
    let mut request: CardReplayRequest = o2okit::decode(
        r#"{"card": {"id": "bench", "currency": "CNY"},
            "rules": {"bonus_tiers": [
              {"min_top_up": {"amount": "100.00", "currency": "CNY"}, "bonus": {"amount": "20.00", "currency": "CNY"}},
              {"min_top_up": {"amount": "300.00", "currency": "CNY"}, "bonus": {"amount": "50.00", "currency": "CNY"}}]}}"#,
    )
    .unwrap();
    let mut spends = 0;
    for i in 0..CARD_EVENTS {
        let at = start() + Duration::minutes(i as i64);
        let event = if i % 10 == 0 {
            CardEvent::TopUp {
                amount: cny(30_000),
                key: Some(format!("k{i}")),
            }
        } else if i % 10 == 5 {
            CardEvent::Refund {
                order_id: format!("o{}", spends - 1),
                amount: cny(1_001),
            }
        } else {
            spends += 1;
            CardEvent::Spend {
                order_id: format!("o{}", spends - 1),
                amount: cny(3_337),
            }
        };
        request.events.push(TimedCardEvent { at, event });
    }
    request
}

fn points_log() -> (PointsProgram, Vec<TimedPointsEvent>) {
    let program: PointsProgram = o2okit::decode(
        r#"{"earn": [{"type": "per_amount", "points": 1, "per": {"amount": "1.00", "currency": "CNY"}}],
            "expiry": {"months_after": 6}, "time_zone": "Asia/Shanghai",
            "point_value": {"amount": "0.01", "currency": "CNY"}}"#,
    )
    .unwrap();
    let events = (0..POINTS_EVENTS)
        .map(|i| TimedPointsEvent {
            at: start() + Duration::hours(22 * i as i64),
            event: if i % 4 == 3 {
                PointsEvent::Redeem {
                    points: 50,
                    order_id: None,
                }
            } else {
                PointsEvent::Earn {
                    order_id: Some(format!("o{i}")),
                    amount: cny(4_250),
                    lines: Vec::new(),
                }
            },
        })
        .collect();
    (program, events)
}

fn bench(c: &mut Criterion) {
    let card = card_log();
    let check = card_replay(&card.card, &card.rules, &card.events).unwrap();
    assert_eq!(check.entries.len(), CARD_EVENTS);
    let mut group = c.benchmark_group("membership");
    group.throughput(Throughput::Elements(CARD_EVENTS as u64));
    group.bench_function("card_replay_10k_events", |b| {
        b.iter(|| card_replay(black_box(&card.card), &card.rules, black_box(&card.events)).unwrap())
    });
    let (program, events) = points_log();
    let check = points_replay(&program, &events, None).unwrap();
    assert!(check.totals.expired > 0 && check.totals.redeemed > 0);
    group.throughput(Throughput::Elements(POINTS_EVENTS as u64));
    group.bench_function("points_replay_2k_events", |b| {
        b.iter(|| points_replay(black_box(&program), black_box(&events), None).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
