#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
//! Replay of 100,000 teams with 10 joins each (the opener's and 9 more), every join paid:
//! 1,000 team-buy campaigns of 100 teams of 10, opened a minute apart and filling in
//! interleaved order, 2,000,000 events in all (`open_team`, `join`, `payment_confirmed`),
//! each team succeeding with vouchers. Beside it in the same run, the baseline: cloning the
//! same event logs and reading every event (the least any replay has to do). Criterion
//! reports both as events per second (`thrpt`); the ratio of the two is the price of the
//! state machine per event.

use std::hint::black_box;

use chrono::{DateTime, Duration, FixedOffset};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use o2okit::{groupbuy_replay, GroupBuyCampaign, GroupBuyEvent, GroupBuyStatus, TimedEvent};

mod support;

const CAMPAIGNS: usize = 1_000;
const TEAMS_PER_CAMPAIGN: usize = 100;
const TEAM_SIZE: usize = 10;

fn campaign() -> GroupBuyCampaign {
    o2okit::decode(
        r#"{"id": "bench", "deadline": "2026-12-31T00:00:00+08:00",
            "kind": {"type": "team_buy", "size": 10, "window_seconds": 86400,
                     "price": {"amount": "19.90", "currency": "CNY"},
                     "leader_price": {"amount": "9.90", "currency": "CNY"}},
            "vouchers_per_participant": 1}"#,
    )
    .unwrap()
}

/// One campaign's log: team `t` opens at `t` minutes; its member `j` joins `37 × j` seconds
/// later and pays one second after joining; events sorted by time (teams interleave).
fn log(campaign: usize) -> Vec<TimedEvent> {
    let start: DateTime<FixedOffset> =
        DateTime::parse_from_rfc3339("2026-11-22T10:00:00+08:00").unwrap();
    let mut events = Vec::with_capacity(TEAMS_PER_CAMPAIGN * TEAM_SIZE * 2);
    let mut participation = 0;
    // Participation ids are given in the order places are taken, so number them after
    // sorting the joins by time.
    let mut joins = Vec::new();
    for t in 0..TEAMS_PER_CAMPAIGN {
        let opened = start + Duration::minutes(t as i64);
        for j in 0..TEAM_SIZE {
            joins.push((opened + Duration::seconds(37 * j as i64), t, j));
        }
    }
    joins.sort();
    let mut payments = Vec::new();
    for (at, t, j) in joins {
        participation += 1;
        let customer = format!("c{campaign}-{t}-{j}");
        let event = if j == 0 {
            GroupBuyEvent::OpenTeam {
                key: format!("o{t}"),
                customer_id: customer,
            }
        } else {
            GroupBuyEvent::Join {
                key: format!("j{t}-{j}"),
                customer_id: customer,
                team_id: Some(format!("t{}", t + 1)),
            }
        };
        events.push(TimedEvent { at, event });
        payments.push(TimedEvent {
            at: at + Duration::seconds(1),
            event: GroupBuyEvent::PaymentConfirmed {
                key: format!("p{participation}"),
                participation_id: format!("p{participation}"),
                amount: None,
            },
        });
    }
    events.extend(payments);
    events.sort_by_key(|e| e.at);
    events
}

fn bench(c: &mut Criterion) {
    let campaign = campaign();
    let campaigns = support::size(CAMPAIGNS);
    let logs: Vec<Vec<TimedEvent>> = (0..campaigns).map(log).collect();
    let events: usize = logs.iter().map(Vec::len).sum();
    assert_eq!(events, campaigns * TEAMS_PER_CAMPAIGN * TEAM_SIZE * 2);
    let first = groupbuy_replay(&campaign, &logs[0]).unwrap();
    assert!(first
        .state
        .teams
        .iter()
        .all(|t| t.status == GroupBuyStatus::Succeeded));
    eprintln!(
        "{campaigns} campaigns x {TEAMS_PER_CAMPAIGN} teams x {TEAM_SIZE} joins: {events} events; \
         one campaign's replay: {} effects, {} participations",
        first.effects.len(),
        first.state.participations.len()
    );

    let mut group = c.benchmark_group("groupbuy_replay_100k_teams");
    group.sample_size(10);
    group.throughput(Throughput::Elements(events as u64));
    group.bench_function("o2okit::groupbuy_replay", |b| {
        b.iter(|| {
            for log in &logs {
                black_box(groupbuy_replay(black_box(&campaign), black_box(log)).unwrap());
            }
        })
    });
    group.bench_function("baseline clone and read the events", |b| {
        b.iter(|| {
            for log in &logs {
                let copy = black_box(log).clone();
                let mut keys = 0usize;
                for timed in &copy {
                    keys += timed.event.key().map_or(0, str::len);
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
