//! Group-buy: hand-computed cases and property tests of the state machine.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, FixedOffset};
use o2okit::{
    groupbuy_open, groupbuy_progress, groupbuy_replay, groupbuy_simulate, groupbuy_step, Currency,
    FailureReason, GroupBuyCampaign, GroupBuyEffect, GroupBuyEvent, GroupBuyState, GroupBuyStatus,
    GroupBuyStep, Money, OutcomeKind, ParticipationStatus, ProgressHintCode, SimulatedTeam,
    TeamOutcome, TeamSimulation, TimedEvent, VirtualFill,
};
use proptest::prelude::*;

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn cny(amount: &str) -> Money {
    Money::parse(amount, Currency::from_code("CNY").unwrap()).unwrap()
}

fn campaign(json: &str) -> GroupBuyCampaign {
    o2okit::decode(json).unwrap()
}

fn join(key: &str, customer: &str, team: Option<&str>) -> GroupBuyEvent {
    GroupBuyEvent::Join {
        key: key.into(),
        customer_id: customer.into(),
        team_id: team.map(str::to_string),
    }
}

fn open_team(key: &str, customer: &str) -> GroupBuyEvent {
    GroupBuyEvent::OpenTeam {
        key: key.into(),
        customer_id: customer.into(),
    }
}

fn pay(key: &str, participation: &str) -> GroupBuyEvent {
    GroupBuyEvent::PaymentConfirmed {
        key: key.into(),
        participation_id: participation.into(),
        amount: None,
    }
}

fn leave(key: &str, participation: &str) -> GroupBuyEvent {
    GroupBuyEvent::Leave {
        key: key.into(),
        participation_id: participation.into(),
    }
}

fn step(state: &GroupBuyState, event: &GroupBuyEvent, now: &str) -> GroupBuyStep {
    groupbuy_step(state, event, at(now)).unwrap_or_else(|e| panic!("{event:?} at {now}: {e}"))
}

fn code(state: &GroupBuyState, event: &GroupBuyEvent, now: &str) -> &'static str {
    groupbuy_step(state, event, at(now)).unwrap_err().code()
}

fn tipping(min: u32, extra: &str) -> GroupBuyCampaign {
    campaign(&format!(
        r#"{{"id": "spa", "deadline": "2026-12-01T00:00:00+08:00",
            "kind": {{"type": "tipping_point", "min_participants": {min},
                      "price": {{"amount": "199.00", "currency": "CNY"}}}}{extra}}}"#
    ))
}

fn team_buy(size: u32, extra_kind: &str, extra: &str) -> GroupBuyCampaign {
    campaign(&format!(
        r#"{{"id": "hotpot", "deadline": "2026-12-01T00:00:00+08:00",
            "kind": {{"type": "team_buy", "size": {size}, "window_seconds": 86400,
                      "price": {{"amount": "99.00", "currency": "CNY"}}{extra_kind}}}{extra}}}"#
    ))
}

fn ladder() -> GroupBuyCampaign {
    campaign(
        r#"{"id": "tea", "deadline": "2026-12-01T00:00:00+08:00",
            "kind": {"type": "ladder", "tiers": [
                {"min_participants": 1, "price": {"amount": "100.00", "currency": "CNY"}},
                {"min_participants": 5, "price": {"amount": "90.00", "currency": "CNY"}},
                {"min_participants": 10, "price": {"amount": "80.00", "currency": "CNY"}}]}}"#,
    )
}

// ---------------------------------------------------------------- hand-computed cases

#[test]
fn min_10_with_9_paid_at_the_deadline_fails_with_9_full_refunds() {
    let mut state = groupbuy_open(&tipping(10, "")).unwrap();
    for i in 1..=9 {
        let now = format!("2026-11-22T10:{i:02}:00+08:00");
        state = step(
            &state,
            &join(&format!("j{i}"), &format!("c{i}"), None),
            &now,
        )
        .state;
        state = step(&state, &pay(&format!("p{i}"), &format!("p{i}")), &now).state;
    }
    // One second before the deadline nothing happens; at the deadline the deal fails.
    let before = step(&state, &GroupBuyEvent::Tick, "2026-11-30T23:59:59+08:00");
    assert_eq!(before.state.status, GroupBuyStatus::Open);
    assert!(before.effects.is_empty());
    let end = step(
        &before.state,
        &GroupBuyEvent::Tick,
        "2026-12-01T00:00:00+08:00",
    );
    assert_eq!(end.state.status, GroupBuyStatus::Failed);
    assert_eq!(end.state.failure_reason, Some(FailureReason::BelowMinimum));
    assert_eq!(end.effects.len(), 10);
    for (i, effect) in end.effects[..9].iter().enumerate() {
        assert_eq!(
            effect,
            &GroupBuyEffect::RefundFull {
                participation_id: format!("p{}", i + 1),
                customer_id: format!("c{}", i + 1),
                amount: cny("199.00"),
            }
        );
    }
    assert_eq!(
        end.effects[9],
        GroupBuyEffect::NotifyFailure {
            team_id: None,
            reason: FailureReason::BelowMinimum
        }
    );
    assert_eq!(end.outcome.resolved.len(), 1);
    assert!(end
        .state
        .participations
        .iter()
        .all(|p| p.status == ParticipationStatus::Refunded && p.refunded == Some(p.price)));
    // Terminal: the next event is rejected and changes nothing.
    assert_eq!(
        code(
            &end.state,
            &GroupBuyEvent::Tick,
            "2026-12-02T00:00:00+08:00"
        ),
        "campaign_ended"
    );
}

#[test]
fn team_window_is_half_open_from_the_team_opening() {
    let state = groupbuy_open(&team_buy(3, "", "")).unwrap();
    let opened = step(
        &state,
        &open_team("o", "leader"),
        "2026-11-22T10:00:00+08:00",
    );
    assert_eq!(
        opened.state.teams[0].expires_at,
        at("2026-11-23T10:00:00+08:00")
    );
    // A second team, opened later the same day.
    let second = step(
        &opened.state,
        &open_team("o2", "lea"),
        "2026-11-22T18:00:00+08:00",
    );
    let accepted = step(
        &second.state,
        &join("a", "ann", Some("t1")),
        "2026-11-23T09:59:59+08:00",
    );
    assert_eq!(accepted.outcome.kind, OutcomeKind::Joined);
    assert_eq!(
        code(
            &accepted.state,
            &join("b", "bob", Some("t1")),
            "2026-11-23T10:00:01+08:00"
        ),
        "team_expired"
    );
    // The end of the window itself is already outside it.
    assert_eq!(
        code(
            &accepted.state,
            &join("b", "bob", Some("t1")),
            "2026-11-23T10:00:00+08:00"
        ),
        "team_expired"
    );
    // The window counts from the team's opening, not the campaign's: the team opened at
    // 18:00 still takes members at 10:00:01.
    let joined = step(
        &accepted.state,
        &join("c", "cy", Some("t2")),
        "2026-11-23T10:00:01+08:00",
    );
    assert_eq!(joined.outcome.kind, OutcomeKind::Joined);
    // Time passing expired team 1 in the same step: its charges are voided, before the join.
    assert!(matches!(
        joined.effects[0],
        GroupBuyEffect::VoidCharge { ref participation_id, .. } if participation_id == "p1"
    ));
    assert_eq!(joined.state.teams[0].status, GroupBuyStatus::Failed);
    assert_eq!(joined.outcome.resolved[0].team_id.as_deref(), Some("t1"));
}

#[test]
fn ladder_refunds_130_to_those_who_paid_more() {
    let mut state = groupbuy_open(&ladder()).unwrap();
    let mut charged = Vec::new();
    for i in 1..=10 {
        let now = format!("2026-11-22T10:{i:02}:00+08:00");
        let s = step(
            &state,
            &join(&format!("j{i}"), &format!("c{i}"), None),
            &now,
        );
        if let GroupBuyEffect::Charge { amount, .. } = &s.effects[0] {
            charged.push(amount.amount().to_string());
        }
        state = step(&s.state, &pay(&format!("p{i}"), &format!("p{i}")), &now).state;
    }
    assert_eq!(
        charged,
        [
            "100.00", "100.00", "100.00", "100.00", "90.00", "90.00", "90.00", "90.00", "90.00",
            "80.00"
        ]
    );
    let end = step(&state, &GroupBuyEvent::Tick, "2026-12-01T00:00:00+08:00");
    assert_eq!(end.state.status, GroupBuyStatus::Succeeded);
    assert_eq!(end.state.final_price, Some(cny("80.00")));
    let mut total = cny("0");
    let mut count = 0;
    for effect in &end.effects {
        if let GroupBuyEffect::RefundDifference {
            amount,
            paid,
            final_price,
            ..
        } = effect
        {
            assert_eq!(paid.checked_sub(*final_price).unwrap(), *amount);
            total = total.checked_add(*amount).unwrap();
            count += 1;
        }
    }
    assert_eq!((count, total), (9, cny("130.00")));
    assert!(matches!(
        end.effects.last(),
        Some(GroupBuyEffect::NotifySuccess { participants: 10, final_price: Some(p), .. }) if *p == cny("80.00")
    ));
}

// ---------------------------------------------------------------- more behaviour

#[test]
fn leader_succession_goes_to_the_earliest_remaining_member() {
    let s = groupbuy_open(&team_buy(
        4,
        r#", "leader_price": {"amount": "79.00", "currency": "CNY"}"#,
        "",
    ))
    .unwrap();
    let s = step(&s, &open_team("o", "lea"), "2026-11-22T10:00:00+08:00");
    assert!(
        matches!(&s.effects[0], GroupBuyEffect::Charge { amount, .. } if *amount == cny("79.00"))
    );
    let s = step(
        &s.state,
        &join("a", "ann", Some("t1")),
        "2026-11-22T10:01:00+08:00",
    );
    assert!(
        matches!(&s.effects[0], GroupBuyEffect::Charge { amount, .. } if *amount == cny("99.00"))
    );
    let s = step(
        &s.state,
        &join("b", "bob", Some("t1")),
        "2026-11-22T10:02:00+08:00",
    );
    let s = step(&s.state, &pay("pa", "p1"), "2026-11-22T10:03:00+08:00");
    let s = step(&s.state, &leave("l", "p1"), "2026-11-22T10:04:00+08:00");
    assert_eq!(s.outcome.new_leader.as_deref(), Some("p2"));
    assert_eq!(s.state.teams[0].leader.as_deref(), Some("p2"));
    assert_eq!(
        s.effects,
        [GroupBuyEffect::RefundFull {
            participation_id: "p1".into(),
            customer_id: "lea".into(),
            amount: cny("79.00")
        }]
    );
    // A non-leader leaving changes no leader; the last one leaving cancels the team.
    let s = step(&s.state, &leave("l2", "p3"), "2026-11-22T10:05:00+08:00");
    assert_eq!(s.outcome.new_leader, None);
    let s = step(&s.state, &leave("l3", "p2"), "2026-11-22T10:06:00+08:00");
    assert_eq!(s.state.teams[0].status, GroupBuyStatus::Cancelled);
    assert_eq!(s.state.teams[0].leader, None);
    assert_eq!(
        s.effects.last(),
        Some(&GroupBuyEffect::NotifyFailure {
            team_id: Some("t1".into()),
            reason: FailureReason::EveryoneLeft
        })
    );
}

#[test]
fn virtual_fill_is_opt_in_and_always_reported() {
    for (fill, expect) in [
        ("", GroupBuyStatus::Failed),
        (
            r#", "virtual_fill": {"min_real": 2}"#,
            GroupBuyStatus::Succeeded,
        ),
    ] {
        let s = groupbuy_open(&team_buy(3, fill, r#", "vouchers_per_participant": 2"#)).unwrap();
        let s = step(&s, &open_team("o", "lea"), "2026-11-22T10:00:00+08:00");
        let s = step(
            &s.state,
            &join("a", "ann", Some("t1")),
            "2026-11-22T11:00:00+08:00",
        );
        let s = step(&s.state, &pay("p1", "p1"), "2026-11-22T11:00:00+08:00");
        let s = step(&s.state, &pay("p2", "p2"), "2026-11-22T11:00:00+08:00");
        let end = step(&s.state, &GroupBuyEvent::Tick, "2026-11-23T10:00:00+08:00");
        let team = &end.state.teams[0];
        assert_eq!(team.status, expect);
        assert_eq!(team.ended_at, Some(at("2026-11-23T10:00:00+08:00")));
        if expect == GroupBuyStatus::Succeeded {
            let report = team.virtual_fill.unwrap();
            assert_eq!((report.real, report.filled), (2, 1));
            assert_eq!(end.outcome.resolved[0].virtual_fill, Some(report));
            assert_eq!(end.effects.len(), 3);
            assert!(matches!(
                end.effects[0],
                GroupBuyEffect::IssueVouchers { count: 2, .. }
            ));
            assert_eq!(
                end.effects[2],
                GroupBuyEffect::NotifySuccess {
                    team_id: Some("t1".into()),
                    participants: 2,
                    virtual_fill: Some(report),
                    final_price: None
                }
            );
        } else {
            assert_eq!(team.virtual_fill, None);
            assert_eq!(end.effects.len(), 3); // two refunds and the notification
        }
    }
}

#[test]
fn idempotency_keys() {
    let s = groupbuy_open(&tipping(2, "")).unwrap();
    let s = step(&s, &join("k1", "ann", None), "2026-11-22T10:00:00+08:00");
    let again = step(
        &s.state,
        &join("k1", "ann", None),
        "2026-11-22T10:05:00+08:00",
    );
    assert_eq!(again.outcome.kind, OutcomeKind::Duplicate);
    assert_eq!(again.outcome.key.as_deref(), Some("k1"));
    assert_eq!(again.state, s.state);
    assert!(again.effects.is_empty());
    assert_eq!(
        code(
            &s.state,
            &join("k1", "bob", None),
            "2026-11-22T10:05:00+08:00"
        ),
        "idempotency_conflict"
    );
    // A rejected command does not use its key up.
    let full = groupbuy_open(&tipping(1, r#", "max_participants": 1"#)).unwrap();
    let full = step(&full, &join("a", "ann", None), "2026-11-22T10:00:00+08:00").state;
    assert_eq!(
        code(&full, &join("b", "bob", None), "2026-11-22T10:01:00+08:00"),
        "campaign_full"
    );
    let freed = step(&full, &leave("l", "p1"), "2026-11-22T10:02:00+08:00").state;
    assert_eq!(
        step(&freed, &join("b", "bob", None), "2026-11-22T10:03:00+08:00")
            .outcome
            .kind,
        OutcomeKind::Joined
    );
}

#[test]
fn limits_and_rejections() {
    let c = team_buy(
        2,
        "",
        r#", "per_customer_limit": 1, "max_participants": 3, "starts_at": "2026-11-20T00:00:00+08:00""#,
    );
    let s = groupbuy_open(&c).unwrap();
    assert_eq!(
        code(&s, &open_team("o", "ann"), "2026-11-19T00:00:00+08:00"),
        "campaign_not_started"
    );
    assert_eq!(
        code(&s, &join("j", "ann", None), "2026-11-21T00:00:00+08:00"),
        "event_not_allowed"
    );
    let s = step(&s, &open_team("o", "ann"), "2026-11-21T00:00:00+08:00").state;
    assert_eq!(
        code(
            &s,
            &join("j", "ann", Some("t1")),
            "2026-11-21T00:00:01+08:00"
        ),
        "already_member"
    );
    assert_eq!(
        code(&s, &open_team("o2", "ann"), "2026-11-21T00:00:01+08:00"),
        "customer_limit_reached"
    );
    assert_eq!(
        code(
            &s,
            &join("j", "bob", Some("t9")),
            "2026-11-21T00:00:01+08:00"
        ),
        "unknown_team"
    );
    let s = step(
        &s,
        &join("j", "bob", Some("t1")),
        "2026-11-21T00:00:01+08:00",
    )
    .state;
    assert_eq!(
        code(
            &s,
            &join("j2", "cy", Some("t1")),
            "2026-11-21T00:00:02+08:00"
        ),
        "team_full"
    );
    let s = step(&s, &open_team("o3", "cy"), "2026-11-21T00:00:03+08:00").state;
    assert_eq!(
        code(&s, &open_team("o4", "dee"), "2026-11-21T00:00:04+08:00"),
        "campaign_full"
    );
    assert_eq!(
        code(&s, &pay("x", "p9"), "2026-11-21T00:00:04+08:00"),
        "unknown_participation"
    );
    let wrong = GroupBuyEvent::PaymentConfirmed {
        key: "x".into(),
        participation_id: "p1".into(),
        amount: Some(cny("9.90")),
    };
    assert_eq!(
        code(&s, &wrong, "2026-11-21T00:00:04+08:00"),
        "payment_mismatch"
    );
    let s = step(&s, &pay("x", "p1"), "2026-11-21T00:00:04+08:00").state;
    assert_eq!(
        code(&s, &pay("y", "p1"), "2026-11-21T00:00:05+08:00"),
        "participation_not_pending"
    );
    assert_eq!(
        code(&s, &GroupBuyEvent::Tick, "2026-11-21T00:00:03+08:00"),
        "time_out_of_order"
    );
    assert_eq!(
        code(&s, &open_team("late", "eve"), "2026-12-01T00:00:00+08:00"),
        "deadline_passed"
    );
    let left = step(&s, &leave("l", "p3"), "2026-11-21T00:00:06+08:00").state;
    assert_eq!(
        code(&left, &leave("l2", "p3"), "2026-11-21T00:00:07+08:00"),
        "participation_not_active"
    );
    let empty = GroupBuyEvent::Join {
        key: String::new(),
        customer_id: "a".into(),
        team_id: None,
    };
    assert_eq!(
        code(&left, &empty, "2026-11-21T00:00:07+08:00"),
        "invalid_input"
    );
}

#[test]
fn pending_places_lapse_and_success_counts_paid_only() {
    let s = groupbuy_open(&tipping(2, r#", "vouchers_per_participant": 1"#)).unwrap();
    let s = step(&s, &join("a", "ann", None), "2026-11-22T10:00:00+08:00");
    let s = step(
        &s.state,
        &join("b", "bob", None),
        "2026-11-22T10:00:00+08:00",
    );
    let s = step(
        &s.state,
        &join("c", "cy", None),
        "2026-11-22T10:00:00+08:00",
    );
    let s = step(&s.state, &pay("pa", "p1"), "2026-11-22T10:00:00+08:00");
    let s = step(&s.state, &pay("pc", "p3"), "2026-11-22T10:00:00+08:00");
    let end = step(
        &s.state,
        &GroupBuyEvent::Close {
            key: "close".into(),
        },
        "2026-11-25T00:00:00+08:00",
    );
    assert_eq!(end.state.status, GroupBuyStatus::Succeeded);
    assert_eq!(end.state.ended_at, Some(at("2026-11-25T00:00:00+08:00")));
    let kinds: Vec<String> = end
        .effects
        .iter()
        .map(|e| {
            serde_json::to_value(e).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "issue_vouchers",
            "void_charge",
            "issue_vouchers",
            "notify_success"
        ]
    );
    assert_eq!(
        end.state.participations[1].status,
        ParticipationStatus::Lapsed
    );
}

#[test]
fn an_event_after_time_decided_the_deal_is_rejected() {
    // Found by the property test: a leave at the deadline must not refund a member of a
    // deal that the deadline has just decided.
    let s = groupbuy_open(&tipping(1, "")).unwrap();
    let s = step(&s, &join("a", "ann", None), "2026-11-22T10:00:00+08:00");
    let s = step(&s.state, &pay("pa", "p1"), "2026-11-22T10:00:00+08:00").state;
    assert_eq!(
        code(&s, &leave("l", "p1"), "2026-12-01T00:00:00+08:00"),
        "campaign_ended"
    );
    assert_eq!(
        code(&s, &join("b", "bob", None), "2026-12-01T00:00:00+08:00"),
        "deadline_passed"
    );
    let decided = step(&s, &GroupBuyEvent::Tick, "2026-12-01T00:00:00+08:00");
    assert_eq!(decided.state.status, GroupBuyStatus::Succeeded);
}

#[test]
fn tipping_sells_out_early_when_every_place_is_paid() {
    let s = groupbuy_open(&tipping(1, r#", "max_participants": 2"#)).unwrap();
    let s = step(&s, &join("a", "ann", None), "2026-11-22T10:00:00+08:00");
    let s = step(
        &s.state,
        &join("b", "bob", None),
        "2026-11-22T10:00:00+08:00",
    );
    let s = step(&s.state, &pay("pa", "p1"), "2026-11-22T10:00:00+08:00");
    assert_eq!(s.state.status, GroupBuyStatus::Open);
    let s = step(&s.state, &pay("pb", "p2"), "2026-11-22T10:00:00+08:00");
    assert_eq!(s.state.status, GroupBuyStatus::Succeeded);
}

#[test]
fn cancel_refunds_forming_teams_and_keeps_succeeded_ones() {
    let s = groupbuy_open(&team_buy(2, "", "")).unwrap();
    let s = step(&s, &open_team("o1", "ann"), "2026-11-22T10:00:00+08:00");
    let s = step(
        &s.state,
        &join("j1", "bob", Some("t1")),
        "2026-11-22T10:00:00+08:00",
    );
    let s = step(&s.state, &pay("a", "p1"), "2026-11-22T10:00:00+08:00");
    let s = step(&s.state, &pay("b", "p2"), "2026-11-22T10:00:00+08:00");
    assert_eq!(s.state.teams[0].status, GroupBuyStatus::Succeeded);
    let s = step(
        &s.state,
        &open_team("o2", "cy"),
        "2026-11-22T11:00:00+08:00",
    );
    let s = step(&s.state, &pay("c", "p3"), "2026-11-22T11:00:00+08:00");
    assert_eq!(
        code(&s.state, &leave("l", "p1"), "2026-11-22T11:00:00+08:00"),
        "team_ended"
    );
    let end = step(
        &s.state,
        &GroupBuyEvent::Cancel {
            key: "x".into(),
            team_id: None,
        },
        "2026-11-22T12:00:00+08:00",
    );
    assert_eq!(end.state.status, GroupBuyStatus::Cancelled);
    assert_eq!(end.state.teams[0].status, GroupBuyStatus::Succeeded);
    assert_eq!(end.state.teams[1].status, GroupBuyStatus::Cancelled);
    assert_eq!(end.effects.len(), 2);
}

#[test]
fn team_buy_closes_after_the_deadline_once_no_team_forms() {
    let c = campaign(
        r#"{"id": "c", "deadline": "2026-11-22T12:00:00+08:00",
            "kind": {"type": "team_buy", "size": 2, "window_seconds": 7200,
                     "price": {"amount": "10.00", "currency": "CNY"}}}"#,
    );
    let s = groupbuy_open(&c).unwrap();
    let s = step(&s, &open_team("o", "ann"), "2026-11-22T11:00:00+08:00");
    let s = step(&s.state, &GroupBuyEvent::Tick, "2026-11-22T12:30:00+08:00");
    assert_eq!(s.state.status, GroupBuyStatus::Open); // team 1 runs until 13:00
    assert_eq!(
        code(
            &s.state,
            &open_team("o2", "bob"),
            "2026-11-22T12:30:00+08:00"
        ),
        "deadline_passed"
    );
    let s = step(
        &s.state,
        &join("j", "bob", Some("t1")),
        "2026-11-22T12:40:00+08:00",
    );
    let s = step(&s.state, &GroupBuyEvent::Tick, "2026-11-22T15:00:00+08:00");
    assert_eq!(s.state.status, GroupBuyStatus::Closed);
    assert_eq!(s.state.ended_at, Some(at("2026-11-22T13:00:00+08:00")));
    assert_eq!(s.state.teams[0].status, GroupBuyStatus::Failed);
    assert_eq!(s.outcome.resolved.len(), 2);
}

#[test]
fn progress_hints() {
    let s = groupbuy_open(&tipping(10, "")).unwrap();
    let s = step(&s, &join("a", "ann", None), "2026-11-22T10:00:00+08:00").state;
    let p = groupbuy_progress(&s, at("2026-11-30T20:48:00+08:00")).unwrap();
    assert_eq!(
        (p.count, p.needed, p.percent, p.remaining_seconds),
        (1, Some(9), Some(10), Some(3 * 3600 + 12 * 60))
    );
    assert_eq!(
        p.hint.unwrap().message,
        "9 more people needed within 3 h 12 min"
    );
    let ended = groupbuy_progress(&s, at("2026-12-01T00:00:00+08:00")).unwrap();
    assert_eq!(ended.status, GroupBuyStatus::Failed);
    assert_eq!(ended.hint.unwrap().code, ProgressHintCode::Ended);
    // At the minimum, but not all paid: the deal waits for payments.
    let two = groupbuy_open(&tipping(2, "")).unwrap();
    let two = step(&two, &join("a", "ann", None), "2026-11-22T10:00:00+08:00").state;
    let two = step(&two, &join("b", "bob", None), "2026-11-22T10:00:00+08:00").state;
    let p = groupbuy_progress(&two, at("2026-11-30T22:00:00+08:00")).unwrap();
    assert_eq!(p.hint.unwrap().message, "waiting for 2 payments within 2 h");
    let paid = step(&two, &pay("pa", "p1"), "2026-11-22T10:00:00+08:00").state;
    let paid = step(&paid, &pay("pb", "p2"), "2026-11-22T10:00:00+08:00").state;
    let p = groupbuy_progress(&paid, at("2026-11-30T22:00:00+08:00")).unwrap();
    assert_eq!(p.hint.unwrap().message, "the deal is on: 2 h left to join");
    // Progress reads, it never writes.
    assert_eq!(s.status, GroupBuyStatus::Open);
}

#[test]
fn inconsistent_states_are_rejected() {
    let s = groupbuy_open(&team_buy(3, "", "")).unwrap();
    let s = step(&s, &open_team("o", "lea"), "2026-11-22T10:00:00+08:00").state;
    let field = |state: &GroupBuyState| match groupbuy_step(
        state,
        &GroupBuyEvent::Tick,
        at("2026-11-22T11:00:00+08:00"),
    ) {
        Err(o2okit::Error::InvalidInput { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    let mut twice = s.clone();
    twice.processed.push(twice.processed[0].clone());
    assert_eq!(field(&twice), "state.processed[1].key");
    let mut renamed = s.clone();
    renamed.participations[0].id = "p01".into();
    assert_eq!(field(&renamed), "state.participations[0].id");
    let mut moved = s.clone();
    moved.teams[0].expires_at = at("2026-11-24T10:00:00+08:00");
    assert_eq!(field(&moved), "state.teams[0].expires_at");
    let mut orphan = s.clone();
    orphan.teams[0].members.push("p2".into());
    assert_eq!(field(&orphan), "state.teams[0].members");
    assert!(groupbuy_step(&s, &GroupBuyEvent::Tick, at("2026-11-22T11:00:00+08:00")).is_ok());
}

#[test]
fn replay_names_the_failing_event() {
    let log: Vec<TimedEvent> = vec![
        TimedEvent {
            at: at("2026-11-22T10:00:00+08:00"),
            event: join("a", "ann", None),
        },
        TimedEvent {
            at: at("2026-11-22T10:00:00+08:00"),
            event: pay("b", "p1"),
        },
        TimedEvent {
            at: at("2026-11-22T10:00:00+08:00"),
            event: pay("c", "p1"),
        },
    ];
    let err = groupbuy_replay(&tipping(1, ""), &log).unwrap_err();
    assert_eq!(err.code(), "participation_not_pending");
    assert_eq!(err.event_index(), Some(2));
    assert!(err
        .to_string()
        .starts_with("event #2 of the log was rejected"));
}

// ---------------------------------------------------------------- properties

#[derive(Debug, Clone)]
enum Act {
    Open(u8),
    Join(u8, u8),
    Leave(u8),
    Pay(u8),
    Cancel(Option<u8>),
    Close,
    Tick,
    Retry(u8),
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        12 => (0u8..6).prop_map(Act::Open),
        32 => (0u8..6, 0u8..8).prop_map(|(c, t)| Act::Join(c, t)),
        6 => any::<u8>().prop_map(Act::Leave),
        32 => any::<u8>().prop_map(Act::Pay),
        1 => prop::option::of(any::<u8>()).prop_map(Act::Cancel),
        1 => Just(Act::Close),
        8 => Just(Act::Tick),
        8 => any::<u8>().prop_map(Act::Retry),
    ]
}

/// Minutes between two events: mostly short, sometimes long enough to expire windows.
fn gap() -> impl Strategy<Value = u32> {
    prop_oneof![12 => 0u32..6, 3 => 6u32..60, 1 => 60u32..300]
}

#[derive(Debug, Clone)]
struct Setup {
    kind: u8,
    size: u32,
    min: u32,
    window_minutes: u32,
    fill: Option<u32>,
    max: Option<u32>,
    per_customer: Option<u32>,
    vouchers: u32,
}

fn setup() -> impl Strategy<Value = Setup> {
    (
        0u8..3,
        2u32..5,
        1u32..5,
        1u32..180,
        prop::option::of(1u32..4),
        prop::option::of(1u32..8),
        prop::option::of(1u32..3),
        0u32..2,
    )
        .prop_map(
            |(kind, size, min, window_minutes, fill, max, per_customer, vouchers)| Setup {
                kind,
                size,
                min,
                window_minutes,
                fill: fill.filter(|k| *k < size),
                max: max.filter(|m| kind == 1 || *m >= min),
                per_customer,
                vouchers,
            },
        )
}

fn build(setup: &Setup) -> GroupBuyCampaign {
    let kind = match setup.kind {
        0 => format!(
            r#"{{"type": "tipping_point", "min_participants": {}, "price": {{"amount": "19.99", "currency": "CNY"}}}}"#,
            setup.min
        ),
        1 => format!(
            r#"{{"type": "team_buy", "size": {}, "window_seconds": {}, "price": {{"amount": "33.33", "currency": "CNY"}},
                "leader_price": {{"amount": "29.90", "currency": "CNY"}}{}}}"#,
            setup.size,
            setup.window_minutes * 60,
            setup
                .fill
                .map(|k| format!(r#", "virtual_fill": {{"min_real": {k}}}"#))
                .unwrap_or_default()
        ),
        _ => format!(
            r#"{{"type": "ladder", "tiers": [
                {{"min_participants": {}, "price": {{"amount": "10.01", "currency": "CNY"}}}},
                {{"min_participants": {}, "price": {{"amount": "9.50", "currency": "CNY"}}}},
                {{"min_participants": {}, "price": {{"amount": "7.77", "currency": "CNY"}}}}]}}"#,
            setup.min,
            setup.min + 1,
            setup.min + 3
        ),
    };
    let mut extra = String::new();
    if let Some(max) = setup.max {
        extra.push_str(&format!(r#", "max_participants": {max}"#));
    }
    if let Some(limit) = setup.per_customer {
        extra.push_str(&format!(r#", "per_customer_limit": {limit}"#));
    }
    campaign(&format!(
        r#"{{"id": "prop", "deadline": "2026-11-23T10:00:00+08:00", "kind": {kind},
            "vouchers_per_participant": {}{extra}}}"#,
        setup.vouchers
    ))
}

/// Turn an action into an event, picking ids among those that exist (mostly).
fn to_event(act: &Act, i: usize, log: &[TimedEvent], state: &GroupBuyState) -> GroupBuyEvent {
    let key = format!("k{i}");
    let pick = |n: u8, count: usize, prefix: char| {
        // One in eight picks an id that does not exist.
        if n % 8 == 7 || count == 0 {
            format!("{prefix}{}", count + 1 + usize::from(n % 3))
        } else {
            format!("{prefix}{}", usize::from(n) % count + 1)
        }
    };
    let teams = state.teams.len();
    let parts = state.participations.len();
    match act {
        Act::Open(c) => open_team(&key, &format!("c{c}")),
        Act::Join(c, t) => {
            // Half the joins go to the newest team, so that teams fill.
            let team_buy = matches!(state.campaign.kind, o2okit::GroupBuyKind::TeamBuy { .. });
            let team = match t {
                // A join without a team in a team buy, or with one elsewhere: rejected.
                0 if team_buy => None,
                0 => Some("t1".to_string()),
                _ if !team_buy => None,
                t if t % 2 == 0 && teams > 0 => Some(format!("t{teams}")),
                t => Some(pick(t - 1, teams, 't')),
            };
            join(&key, &format!("c{c}"), team.as_deref())
        }
        Act::Leave(p) => leave(&key, &pick(*p, parts, 'p')),
        // Half the payments are for the newest place, which is usually pending.
        Act::Pay(p) if p % 2 == 0 && parts > 0 => pay(&key, &format!("p{parts}")),
        Act::Pay(p) => pay(&key, &pick(*p, parts, 'p')),
        Act::Cancel(t) => GroupBuyEvent::Cancel {
            key,
            team_id: t.map(|t| pick(t, teams, 't')),
        },
        Act::Close => GroupBuyEvent::Close { key },
        Act::Tick => GroupBuyEvent::Tick,
        Act::Retry(j) => {
            if log.is_empty() {
                GroupBuyEvent::Tick
            } else {
                log[usize::from(*j) % log.len()].event.clone()
            }
        }
    }
}

#[derive(Default, Debug)]
struct Ledger {
    charged: BTreeMap<String, Money>,
    paid: BTreeMap<String, Money>,
    refunded: BTreeMap<String, i128>,
}

fn refunded_units(ledger: &Ledger, id: &str) -> i128 {
    ledger.refunded.get(id).copied().unwrap_or(0)
}

fn check_step(
    setup: &Setup,
    before: &GroupBuyState,
    event: &GroupBuyEvent,
    now: DateTime<FixedOffset>,
    result: &Result<GroupBuyStep, o2okit::Error>,
    ledger: &mut Ledger,
) -> Result<(), TestCaseError> {
    let campaign = &before.campaign;
    // Terminal states absorb: a new event is rejected; a retry is a duplicate; nothing changes.
    if before.status.is_terminal() {
        match result {
            Err(e) => prop_assert_eq!(e.code(), "campaign_ended"),
            Ok(s) => {
                prop_assert_eq!(s.outcome.kind, OutcomeKind::Duplicate);
                prop_assert_eq!(&s.state, before);
                prop_assert!(s.effects.is_empty());
            }
        }
        return Ok(());
    }
    let Ok(s) = result else { return Ok(()) };
    if s.outcome.kind == OutcomeKind::Duplicate {
        prop_assert_eq!(&s.state, before);
        prop_assert!(s.effects.is_empty());
        return Ok(());
    }
    let after = &s.state;
    if let (OutcomeKind::Paid, Some(id)) = (&s.outcome.kind, &s.outcome.participation_id) {
        ledger
            .paid
            .insert(id.clone(), after.participation(id).unwrap().price);
    }
    // No join is accepted after expiry or the deadline.
    match (&s.outcome.kind, event) {
        (
            OutcomeKind::Joined,
            GroupBuyEvent::Join {
                team_id: Some(t), ..
            },
        ) => {
            prop_assert!(now < after.team(t).unwrap().expires_at);
        }
        (OutcomeKind::Joined, _) | (OutcomeKind::OpenedTeam, _) => {
            prop_assert!(now < campaign.deadline)
        }
        _ => {}
    }
    // Money ledger from effects.
    for effect in &s.effects {
        match effect {
            GroupBuyEffect::Charge {
                participation_id,
                amount,
                ..
            } => {
                prop_assert!(ledger
                    .charged
                    .insert(participation_id.clone(), *amount)
                    .is_none());
            }
            GroupBuyEffect::RefundFull {
                participation_id,
                amount,
                ..
            } => {
                // Only what was paid, and all of it.
                prop_assert_eq!(ledger.paid.get(participation_id), Some(amount));
                prop_assert_eq!(refunded_units(ledger, participation_id), 0);
                ledger
                    .refunded
                    .insert(participation_id.clone(), amount.minor_units());
            }
            GroupBuyEffect::RefundDifference {
                participation_id,
                amount,
                paid,
                ..
            } => {
                prop_assert_eq!(ledger.paid.get(participation_id), Some(paid));
                prop_assert!(amount.is_positive());
                *ledger.refunded.entry(participation_id.clone()).or_default() +=
                    amount.minor_units();
            }
            GroupBuyEffect::VoidCharge {
                participation_id,
                amount,
                ..
            } => {
                prop_assert_eq!(ledger.charged.get(participation_id), Some(amount));
                prop_assert!(!ledger.paid.contains_key(participation_id));
            }
            _ => {}
        }
    }
    // Places: a team never holds more than its size, the campaign never more than its max.
    if let Some(max) = campaign.max_participants {
        prop_assert!(after.held_count(None) <= max);
    }
    for team in &after.teams {
        let held = after.held_count(Some(team));
        prop_assert!(held <= setup.size, "team {} holds {}", team.id, held);
        let real = |status| {
            team.members
                .iter()
                .filter(|m| after.participation(m).unwrap().status == status)
                .count() as u32
        };
        // Success iff the paid count reached N, or the declared virtual-fill rule.
        match team.status {
            GroupBuyStatus::Succeeded => match team.virtual_fill {
                None => prop_assert_eq!(real(ParticipationStatus::Paid), setup.size),
                Some(fill) => {
                    let k = setup.fill.unwrap();
                    prop_assert_eq!(fill.real, real(ParticipationStatus::Paid));
                    prop_assert!(k <= fill.real && fill.real < setup.size);
                    prop_assert_eq!(fill.real + fill.filled, setup.size);
                }
            },
            GroupBuyStatus::Failed => {
                let paid_at_end = real(ParticipationStatus::Refunded);
                prop_assert!(paid_at_end < setup.size);
                prop_assert!(setup.fill.is_none_or(|k| paid_at_end < k));
                prop_assert_eq!(real(ParticipationStatus::Paid), 0);
            }
            GroupBuyStatus::Open => {
                prop_assert!(real(ParticipationStatus::Paid) < setup.size);
                prop_assert!(now < team.expires_at);
            }
            GroupBuyStatus::Cancelled => prop_assert_eq!(real(ParticipationStatus::Paid), 0),
            GroupBuyStatus::Closed => prop_assert!(false, "a team is never closed"),
        }
    }
    if setup.kind != 1 {
        match after.status {
            GroupBuyStatus::Succeeded => {
                prop_assert!(after.paid_count(None) >= campaign.min_to_succeed())
            }
            GroupBuyStatus::Failed => {
                prop_assert!(after.paid_count(None) == 0);
                let refunded = after
                    .participations
                    .iter()
                    .filter(|p| p.status == ParticipationStatus::Refunded)
                    .count() as u32;
                prop_assert!(refunded < campaign.min_to_succeed());
            }
            _ => {}
        }
    }
    // Ladder: after refunds everyone paid exactly the final price, never above it.
    if let Some(final_price) = after.final_price {
        for p in &after.participations {
            if p.status == ParticipationStatus::Paid {
                let net = p.price.minor_units() - refunded_units(ledger, &p.id);
                prop_assert_eq!(net, final_price.minor_units());
                prop_assert!(final_price.minor_units() <= p.price.minor_units());
            }
        }
    }
    // On failure, refunds equal what was paid, to the cent; unpaid places get nothing.
    for p in &after.participations {
        let paid = ledger.paid.get(&p.id).map_or(0, Money::minor_units);
        let back = refunded_units(ledger, &p.id);
        match p.status {
            ParticipationStatus::Refunded => prop_assert_eq!(back, paid),
            ParticipationStatus::Left => prop_assert_eq!(back, paid),
            ParticipationStatus::Lapsed | ParticipationStatus::Pending => {
                prop_assert_eq!((paid, back), (0, 0))
            }
            ParticipationStatus::Paid => prop_assert!(back < paid),
        }
        prop_assert_eq!(p.refunded.map_or(0, |m| m.minor_units()), back);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(768))]

    #[test]
    fn random_campaigns_keep_every_invariant(
        setup in setup(),
        acts in prop::collection::vec((gap(), act()), 0..60),
        finish in any::<bool>(),
    ) {
        let campaign = build(&setup);
        let mut state = groupbuy_open(&campaign).unwrap();
        let mut now = at("2026-11-22T10:00:00+08:00");
        let mut accepted: Vec<TimedEvent> = Vec::new();
        let mut all: Vec<TimedEvent> = Vec::new();
        let mut ledger = Ledger::default();
        let mut effects = Vec::new();
        for (i, (minutes, act)) in acts.iter().enumerate() {
            now += Duration::minutes(i64::from(*minutes));
            let event = to_event(act, i, &all, &state);
            // Sometimes end with a tick long after every window and the deadline.
            let (now, event) = if finish && i + 1 == acts.len() {
                (at("2026-11-25T00:00:00+08:00").max(now), GroupBuyEvent::Tick)
            } else {
                (now, event)
            };
            all.push(TimedEvent { at: now, event: event.clone() });
            let result = groupbuy_step(&state, &event, now);
            check_step(&setup, &state, &event, now, &result, &mut ledger)?;
            if let Ok(s) = result {
                accepted.push(TimedEvent { at: now, event });
                effects.extend(s.effects);
                state = s.state;
            }
        }
        // Replaying the accepted log gives the same state and effects, every time.
        let replay = groupbuy_replay(&campaign, &accepted).unwrap();
        prop_assert_eq!(&replay.state, &state);
        prop_assert_eq!(&replay.effects, &effects);
        prop_assert_eq!(groupbuy_replay(&campaign, &accepted).unwrap(), replay);
        // The state survives the wire.
        let json = serde_json::to_string(&state).unwrap();
        prop_assert_eq!(o2okit::decode::<GroupBuyState>(&json).unwrap(), state.clone());
        // Progress never fails on a state the machine produced, at or after its time.
        prop_assert!(groupbuy_progress(&state, now).is_ok());
    }

    #[test]
    fn simulation_agrees_with_the_state_machine(
        size in 2u32..6,
        fill in prop::option::of(1u32..5),
        window in 1u64..600,
        teams in prop::collection::vec(prop::collection::vec(0u64..900, 0..7), 1..6),
    ) {
        let fill = fill.filter(|k| *k < size);
        let request: TeamSimulation = serde_json::from_value(serde_json::json!({
            "sizes": [size],
            "window_seconds": window,
            "virtual_fill": fill.map(|k| serde_json::json!({"min_real": k})),
            "teams": teams.iter().map(|offsets| serde_json::json!({"join_offsets": offsets})).collect::<Vec<_>>(),
        })).unwrap();
        let report = groupbuy_simulate(&request).unwrap();
        let mut succeeded = 0u64;
        let mut virtually = 0u64;
        for offsets in &teams {
            let campaign = campaign(&format!(
                r#"{{"id": "sim", "deadline": "2026-11-23T00:00:00+08:00",
                    "kind": {{"type": "team_buy", "size": {size}, "window_seconds": {window},
                              "price": {{"amount": "1.00", "currency": "CNY"}}{}}}}}"#,
                fill.map(|k| format!(r#", "virtual_fill": {{"min_real": {k}}}"#)).unwrap_or_default()
            ));
            let start = at("2026-11-22T10:00:00+08:00");
            let mut state = groupbuy_open(&campaign).unwrap();
            state = groupbuy_step(&state, &open_team("o", "leader"), start).unwrap().state;
            state = groupbuy_step(&state, &pay("po", "p1"), start).unwrap().state;
            let mut sorted = offsets.clone();
            sorted.sort_unstable();
            for (j, offset) in sorted.iter().enumerate() {
                let t = start + Duration::seconds(*offset as i64);
                let key = format!("j{j}");
                if let Ok(s) = groupbuy_step(&state, &join(&key, &format!("m{j}"), Some("t1")), t) {
                    let id = s.outcome.participation_id.clone().unwrap();
                    state = groupbuy_step(&s.state, &pay(&format!("p{j}"), &id), t).unwrap().state;
                }
            }
            state = groupbuy_step(&state, &GroupBuyEvent::Tick, at("2026-11-24T00:00:00+08:00")).unwrap().state;
            if state.teams[0].status == GroupBuyStatus::Succeeded {
                succeeded += 1;
                virtually += u64::from(state.teams[0].virtual_fill.is_some());
            }
        }
        prop_assert_eq!(report.results[0].succeeded, succeeded);
        prop_assert_eq!(report.results[0].virtually_filled, virtually);
        prop_assert_eq!(report.results[0].failed, teams.len() as u64 - succeeded);
    }
}

proptest! {
    /// The per-team form agrees with the simulation: folding `TeamOutcome::of` over each
    /// team's `members` gives the report's counts for every size, and refunds are the
    /// members of the failed teams.
    #[test]
    fn team_outcomes_fold_to_the_simulation(
        teams in prop::collection::vec(prop::collection::vec(0u64..200, 0..8), 1..40),
        sizes in prop::collection::vec(2u32..10, 1..5),
        window in 1u64..250,
        min_real in prop::option::of(1u32..6),
    ) {
        let request = TeamSimulation {
            sizes: sizes.clone(),
            window_seconds: window,
            virtual_fill: min_real.map(|min_real| VirtualFill { min_real }),
            target_success_rate: None,
            teams: teams
                .iter()
                .map(|offsets| SimulatedTeam { opened_at: None, join_times: vec![], join_offsets: offsets.clone() })
                .collect(),
        };
        let report = groupbuy_simulate(&request).unwrap();
        for (size, result) in sizes.iter().zip(&report.results) {
            let (mut ok, mut virtual_, mut failed) = (0u64, 0u64, 0u64);
            for team in &request.teams {
                let members = team.members(window).unwrap();
                let outcome = TeamOutcome::of(members, *size, request.virtual_fill);
                match outcome {
                    TeamOutcome::Succeeded => ok += 1,
                    TeamOutcome::VirtuallyFilled => virtual_ += 1,
                    TeamOutcome::Failed => failed += 1,
                }
                let refunded = outcome.refunded(members);
                prop_assert_eq!(refunded, if outcome == TeamOutcome::Failed { members } else { 0 });
            }
            prop_assert_eq!(result.succeeded, ok + virtual_);
            prop_assert_eq!(result.virtually_filled, virtual_);
            prop_assert_eq!(result.failed, failed);
        }
    }
}
