//! Membership: hand-computed cases and property tests of stored-value cards and points.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use chrono::{DateTime, Duration, FixedOffset};
use o2okit::{
    card_apply, card_open, card_replay, points_apply, points_redeem, points_replay, quote,
    CardEntryKind, CardEvent, CardRules, CardSpec, CardState, CardStatus, CardTotals, Currency,
    Money, PointsEntryKind, PointsEvent, PointsProgram, PointsState, PointsTotals, QuoteContext,
    SpendPolicy, TimedCardEvent, TimedPointsEvent,
};
use proptest::prelude::*;

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn cny(amount: &str) -> Money {
    Money::parse(amount, Currency::from_code("CNY").unwrap()).unwrap()
}

fn minor(units: i128) -> Money {
    Money::from_minor(units, Currency::from_code("CNY").unwrap()).unwrap()
}

fn rules(policy: SpendPolicy) -> CardRules {
    let mut rules: CardRules = o2okit::decode(
        r#"{"bonus_tiers": [
        {"min_top_up": {"amount": "100.00", "currency": "CNY"}, "bonus": {"amount": "20.00", "currency": "CNY"}},
        {"min_top_up": {"amount": "300.00", "currency": "CNY"}, "bonus": {"amount": "50.00", "currency": "CNY"}}]}"#,
    )
    .unwrap();
    rules.spend_policy = policy;
    rules
}

fn spec(max_balance: Option<&str>) -> CardSpec {
    let mut spec: CardSpec = o2okit::decode(r#"{"id": "card-1", "currency": "CNY"}"#).unwrap();
    spec.limits.max_balance = max_balance.map(cny);
    spec
}

fn program() -> PointsProgram {
    o2okit::decode(
        r#"{"earn": [{"type": "per_amount", "points": 1, "per": {"amount": "10.00", "currency": "CNY"}}],
            "expiry": {"months_after": 6, "at": "end_of_month"}, "time_zone": "Asia/Shanghai",
            "point_value": {"amount": "0.01", "currency": "CNY"}, "funded_by": {"role": "platform"}}"#,
    )
    .unwrap()
}

#[test]
fn the_issue_example_top_up_100_get_20_spend_60() {
    let card = card_open(&spec(None)).unwrap();
    let r = rules(SpendPolicy::Proportional);
    let step = card_apply(
        &card,
        &r,
        &CardEvent::TopUp {
            amount: cny("100.00"),
            key: None,
        },
        at("2026-03-01T10:00:00+08:00"),
    )
    .unwrap();
    assert_eq!(
        (step.card.principal, step.card.bonus),
        (cny("100.00"), cny("20.00"))
    );
    let step = card_apply(
        &step.card,
        &r,
        &CardEvent::Spend {
            order_id: "o1".into(),
            amount: cny("60.00"),
        },
        at("2026-03-02T10:00:00+08:00"),
    )
    .unwrap();
    assert_eq!(
        (step.card.principal, step.card.bonus),
        (cny("50.00"), cny("10.00"))
    );
    assert_eq!(step.entry.principal_delta, cny("-50.00"));
    assert_eq!(step.entry.bonus_delta, cny("-10.00"));
}

#[test]
fn closing_refunds_principal_only() {
    let events = vec![
        TimedCardEvent {
            at: at("2026-03-01T10:00:00+08:00"),
            event: CardEvent::TopUp {
                amount: cny("300.00"),
                key: None,
            },
        },
        TimedCardEvent {
            at: at("2026-03-02T10:00:00+08:00"),
            event: CardEvent::Close,
        },
    ];
    let replay = card_replay(&spec(None), &rules(SpendPolicy::Proportional), &events).unwrap();
    assert_eq!(replay.card.status, CardStatus::Closed);
    assert_eq!(replay.totals.paid_out, cny("300.00"));
    assert_eq!(replay.totals.bonus_forfeited, cny("50.00"));
    assert_eq!(replay.entries[1].kind, CardEntryKind::Close);
}

#[test]
fn points_expire_across_a_month_boundary_in_local_time() {
    // Earned an hour apart, on both sides of local midnight between January and February
    // (both still 31 January in UTC): they expire a month apart.
    let events: Vec<TimedPointsEvent> = o2okit::decode(
        r#"[
        {"at": "2026-01-31T23:30:00+08:00", "event": {"type": "earn", "amount": {"amount": "50.00", "currency": "CNY"}}},
        {"at": "2026-02-01T00:30:00+08:00", "event": {"type": "earn", "amount": {"amount": "30.00", "currency": "CNY"}}}]"#,
    )
    .unwrap();
    let replay = points_replay(&program(), &events, None).unwrap();
    let lots = &replay.state.lots;
    assert_eq!(lots[0].expires_at, Some(at("2026-08-01T00:00:00+08:00")));
    assert_eq!(lots[1].expires_at, Some(at("2026-09-01T00:00:00+08:00")));
    // One second before the end of July: all 8 points; at midnight: the January lot is gone.
    let before = points_apply(
        &replay.state,
        &program(),
        &PointsEvent::Tick,
        at("2026-07-31T23:59:59+08:00"),
    )
    .unwrap();
    assert_eq!(before.state.balance, 8);
    let after = points_apply(
        &before.state,
        &program(),
        &PointsEvent::Tick,
        at("2026-08-01T00:00:00+08:00"),
    )
    .unwrap();
    assert_eq!(after.state.balance, 3);
    assert_eq!(after.entries.len(), 1);
    assert_eq!(after.entries[0].kind, PointsEntryKind::Expire);
    assert_eq!(after.entries[0].points, 5);
    let err = points_redeem(
        &after.state,
        &program(),
        4,
        at("2026-08-01T00:00:00+08:00"),
        None,
    )
    .unwrap_err();
    assert_eq!(err.code(), "insufficient_points");
}

#[test]
fn a_points_redemption_quotes_as_a_funded_discount() {
    let events: Vec<TimedPointsEvent> = o2okit::decode(
        r#"[{"at": "2026-01-15T10:00:00+08:00", "event": {"type": "earn", "amount": {"amount": "4000.00", "currency": "CNY"}}}]"#,
    )
    .unwrap();
    let replay = points_replay(&program(), &events, None).unwrap();
    assert_eq!(replay.state.balance, 400);
    let redemption = points_redeem(
        &replay.state,
        &program(),
        300,
        at("2026-03-01T12:00:00+08:00"),
        Some("o9"),
    )
    .unwrap();
    assert_eq!(redemption.discount, cny("3.00"));
    let cart: o2okit::Cart = o2okit::decode(
        r#"{"lines": [{"id": "a", "product_id": "latte", "unit_price": {"amount": "28.00", "currency": "CNY"}, "quantity": "2"}]}"#,
    )
    .unwrap();
    let context: QuoteContext =
        o2okit::decode(r#"{"now": "2026-03-01T12:00:00+08:00", "channel": "online_pickup"}"#)
            .unwrap();
    let q = quote(&cart, &[redemption.promotion], &context).unwrap();
    assert_eq!(q.total, cny("53.00"));
    assert_eq!(q.discounts.len(), 1);
    assert_eq!(q.discounts[0].funded_by.role, "platform");
    assert_eq!(q.discounts[0].amount, cny("3.00"));
}

#[derive(Debug, Clone)]
enum Op {
    TopUp(i128, Option<u8>),
    Spend(u8, i128),
    Refund(u8, i128),
    Close,
    Back,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (1i128..=40_000, proptest::option::of(0u8..4)).prop_map(|(a, k)| Op::TopUp(a, k)),
        4 => (0u8..6, 1i128..=30_000).prop_map(|(o, a)| Op::Spend(o, a)),
        3 => (0u8..6, 1i128..=20_000).prop_map(|(o, a)| Op::Refund(o, a)),
        1 => Just(Op::Close),
        1 => Just(Op::Back),
    ]
}

fn policy() -> impl Strategy<Value = SpendPolicy> {
    prop_oneof![
        Just(SpendPolicy::Proportional),
        Just(SpendPolicy::BonusFirst),
        Just(SpendPolicy::PrincipalFirst)
    ]
}

fn to_event(op: &Op) -> CardEvent {
    match op {
        Op::TopUp(a, k) => CardEvent::TopUp {
            amount: minor(*a),
            key: k.map(|k| format!("k{k}")),
        },
        Op::Spend(o, a) => CardEvent::Spend {
            order_id: format!("o{o}"),
            amount: minor(*a),
        },
        Op::Refund(o, a) => CardEvent::Refund {
            order_id: format!("o{o}"),
            amount: minor(*a),
        },
        Op::Close | Op::Back => CardEvent::Close,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    /// For random event sequences under every policy: each call fully applies or errs
    /// with the card unchanged; balances never go negative; principal + bonus equal the
    /// sums of the ledger deltas and top-ups − spends + refunds − close payout.
    #[test]
    fn card_ledgers_conserve_every_cent(
        ops in proptest::collection::vec(op(), 0..40),
        policy in policy(),
        limited in any::<bool>(),
    ) {
        let r = rules(policy);
        let mut card: CardState = card_open(&spec(limited.then_some("1000.00"))).unwrap();
        let mut entries = Vec::new();
        let mut now = at("2026-03-01T10:00:00+08:00");
        let mut accepted = Vec::new();
        for op in &ops {
            let when = if matches!(op, Op::Back) { now - Duration::seconds(1) } else { now + Duration::minutes(1) };
            let event = to_event(op);
            let before = card.clone();
            match card_apply(&card, &r, &event, when) {
                Ok(step) => {
                    prop_assert!(!matches!(op, Op::Back) || before.as_of.is_none());
                    prop_assert!(!step.card.principal.is_negative());
                    prop_assert!(!step.card.bonus.is_negative());
                    prop_assert_eq!(step.entry.principal, step.card.principal);
                    prop_assert_eq!(step.entry.bonus, step.card.bonus);
                    if let Some(max) = step.card.limits.max_balance {
                        if matches!(step.entry.kind, CardEntryKind::TopUp) {
                            prop_assert!(step.card.balance().unwrap().amount() <= max.amount());
                        }
                    }
                    card = step.card;
                    entries.push(step.entry);
                    accepted.push(TimedCardEvent { at: when, event });
                    now = when;
                }
                Err(e) => {
                    prop_assert_eq!(&card, &before);
                    prop_assert!(!e.code().is_empty());
                }
            }
        }
        let totals = CardTotals::from_entries(card.currency, &entries).unwrap();
        prop_assert_eq!(totals.principal, card.principal);
        prop_assert_eq!(totals.bonus, card.bonus);
        let principal = totals.topped_up
            .checked_sub(totals.spent_principal).unwrap()
            .checked_add(totals.refunded_principal).unwrap()
            .checked_sub(totals.paid_out).unwrap();
        let bonus = totals.bonus_granted
            .checked_sub(totals.spent_bonus).unwrap()
            .checked_add(totals.refunded_bonus).unwrap()
            .checked_sub(totals.bonus_forfeited).unwrap();
        prop_assert_eq!(principal, card.principal);
        prop_assert_eq!(bonus, card.bonus);
        for spend in &card.spends {
            prop_assert!(spend.refunded_principal.amount() <= spend.principal.amount());
            prop_assert!(spend.refunded_bonus.amount() <= spend.bonus.amount());
        }
        if card.status == CardStatus::Closed {
            prop_assert!(card.balance().unwrap().is_zero());
        }
        // Replaying the accepted events gives the same card and ledger.
        let replay = card_replay(&spec(limited.then_some("1000.00")), &r, &accepted).unwrap();
        prop_assert_eq!(replay.card, card);
        prop_assert_eq!(replay.entries, entries);
    }

    /// A spend under any policy takes exactly the amount, each part within its balance,
    /// and the proportional bonus share is the floor of the exact share.
    #[test]
    fn spend_policies_split_exactly(p in 0i128..100_000, b in 0i128..100_000, pick in 0i128..=1_000_000, policy in policy()) {
        let total = p + b;
        prop_assume!(total > 0);
        let amount = pick % (total + 1);
        let (from_p, from_b) = policy.take(minor(amount), minor(p), minor(b)).unwrap();
        prop_assert_eq!(from_p.minor_units() + from_b.minor_units(), amount);
        prop_assert!((0..=p).contains(&from_p.minor_units()));
        prop_assert!((0..=b).contains(&from_b.minor_units()));
        if policy == SpendPolicy::Proportional {
            prop_assert_eq!(from_b.minor_units(), amount * b / total);
        }
        prop_assert_eq!(policy.take(minor(total + 1), minor(p), minor(b)).unwrap_err().code(), "insufficient_balance");
    }

    /// Points never go negative and are conserved: earned = redeemed + expired + balance,
    /// and the balance is the sum of the lots' remaining points.
    #[test]
    fn points_conserve(steps in proptest::collection::vec((0u32..3, 0i64..60, 1i128..200_000), 0..40)) {
        let program = program();
        let mut state = PointsState::default();
        let mut entries = Vec::new();
        let mut now = at("2026-01-01T00:00:00+08:00");
        for (kind, days, value) in steps {
            now += Duration::days(days) + Duration::minutes(7);
            let event = match kind {
                0 => PointsEvent::Earn { order_id: None, amount: minor(value), lines: vec![] },
                1 => PointsEvent::Redeem { points: u64::try_from(value % 500).unwrap() + 1, order_id: None },
                _ => PointsEvent::Tick,
            };
            let before = state.clone();
            let applied = match points_apply(&state, &program, &event, now) {
                Ok(step) => {
                    state = step.state;
                    entries.extend(step.entries);
                    true
                }
                Err(e) => {
                    prop_assert_eq!(e.code(), "insufficient_points");
                    prop_assert_eq!(&state, &before);
                    false
                }
            };
            let sum: u64 = state.lots.iter().map(|l| l.remaining).sum();
            prop_assert_eq!(sum, state.balance);
            for lot in &state.lots {
                prop_assert!(lot.remaining <= lot.points);
                // After an applied event, nothing past its expiry is left.
                if applied && lot.expires_at.is_some_and(|end| end <= now) {
                    prop_assert_eq!(lot.remaining, 0);
                }
            }
        }
        let totals = PointsTotals::from_entries(&entries).unwrap();
        if !entries.is_empty() {
            prop_assert_eq!(totals.balance, state.balance);
        }
        prop_assert_eq!(totals.earned, totals.redeemed + totals.expired + state.balance);
        let earned: u64 = state.lots.iter().map(|l| l.points).sum();
        prop_assert_eq!(earned, totals.earned);
    }
}
