//! `groupbuy.step` and `groupbuy.replay`: a tipping point, team buy (leader price, virtual
//! fill) or ladder campaign, driven by a log of opens, joins, leaves, payments, cancels,
//! closes and ticks with keys from a short list (so retries and key conflicts happen).
//! Each event goes through `groupbuy.step`; a rejected one is dropped (nothing applied).
//! After every step: each participation's money (charges − voids − refunds) is never
//! negative, is zero once it left, lapsed or was refunded and is its price less its
//! refund while it holds a place; a terminal campaign, team or participation never changes;
//! the same event again is a `duplicate` that changes nothing. At the end the accepted log
//! through `groupbuy.replay` gives exactly the stepped state, effects and outcomes.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use o2okit::{
    GroupBuyEffect, GroupBuyEvent, GroupBuyReplay, GroupBuyState, GroupBuyStep, OutcomeKind,
    ParticipationStatus, TimedEvent,
};
use o2okit_fuzz::{id, json, log_times, Amt, Arbitrary, Checked, Cur, Value};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepInput {
    state: GroupBuyState,
    event: GroupBuyEvent,
    now: chrono::DateTime<chrono::FixedOffset>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReplayInput {
    campaign: o2okit::GroupBuyCampaign,
    #[serde(default)]
    events: Vec<TimedEvent>,
}

#[derive(Arbitrary, Debug)]
enum KindIn {
    TippingPoint {
        price: Amt,
        min: u8,
    },
    TeamBuy {
        size: u8,
        window_minutes: u16,
        price: Amt,
        leader_price: Option<Amt>,
        virtual_fill: Option<u8>,
    },
    Ladder {
        first: Amt,
        tiers: Vec<(u8, u16)>,
    },
}

#[derive(Arbitrary, Debug)]
struct CampaignIn {
    kind: KindIn,
    starts_minutes: Option<u16>,
    deadline_minutes: u16,
    max_participants: Option<u8>,
    per_customer_limit: Option<u8>,
    vouchers: u8,
}

#[derive(Arbitrary, Debug)]
enum EventIn {
    OpenTeam {
        key: u8,
        customer: u8,
    },
    Join {
        key: u8,
        customer: u8,
        team: Option<u8>,
    },
    Leave {
        key: u8,
        participation: u8,
    },
    Pay {
        key: u8,
        participation: u8,
        amount: Option<Option<Amt>>,
    },
    Cancel {
        key: u8,
        team: Option<u8>,
    },
    Close {
        key: u8,
    },
    Tick,
    /// The previous event again.
    Retry,
}

#[derive(Arbitrary, Debug)]
struct Input {
    currency: Cur,
    campaign: CampaignIn,
    events: Vec<(EventIn, u16, u8)>,
}

fn key(k: u8) -> String {
    format!("k{}", k % 12)
}

fn campaign(input: &CampaignIn, c: o2okit::Currency) -> Value {
    let price = |a: &Amt| o2okit_fuzz::money(i64::from(a.units % 20_000) + 1, c);
    let kind = match &input.kind {
        KindIn::TippingPoint { price: p, min } => {
            json!({"type": "tipping_point", "price": price(p), "min_participants": u32::from(min % 5)})
        }
        KindIn::TeamBuy {
            size,
            window_minutes,
            price: p,
            leader_price,
            virtual_fill,
        } => {
            let mut k = json!({"type": "team_buy", "size": u32::from(size % 5), "window_seconds": u64::from(window_minutes % 3_000) * 60,
                               "price": price(p)});
            if let Some(l) = leader_price {
                k["leader_price"] = price(l);
            }
            if let Some(v) = virtual_fill {
                k["virtual_fill"] = json!({"min_real": u32::from(v % 4)});
            }
            k
        }
        KindIn::Ladder { first, tiers } => {
            let mut units = i64::from(first.units % 20_000) + 100;
            let mut min = 1u32;
            let mut list =
                vec![json!({"min_participants": 1, "price": o2okit_fuzz::money(units, c)})];
            for (step, cut) in tiers.iter().take(3) {
                min += u32::from(step % 4);
                units -= i64::from(cut % 50);
                list.push(json!({"min_participants": min, "price": o2okit_fuzz::money(units, c)}));
            }
            json!({"type": "ladder", "tiers": list})
        }
    };
    let mut campaign = json!({"id": "gb", "kind": kind,
                              "deadline": o2okit_fuzz::time(i64::from(input.deadline_minutes % 30_000) * 60, false)});
    if let Some(s) = input.starts_minutes {
        campaign["starts_at"] = o2okit_fuzz::time(i64::from(s % 600) * 60, false);
    }
    if let Some(m) = input.max_participants {
        campaign["max_participants"] = json!(m % 8);
    }
    if let Some(m) = input.per_customer_limit {
        campaign["per_customer_limit"] = json!(m % 3);
    }
    if input.vouchers % 4 != 0 {
        campaign["vouchers_per_participant"] = json!(input.vouchers % 4);
    }
    campaign
}

fn event(e: &EventIn, c: o2okit::Currency, price: &Value) -> Option<Value> {
    Some(match e {
        EventIn::OpenTeam { key: k, customer } => {
            json!({"type": "open_team", "key": key(*k), "customer_id": id(*customer)})
        }
        EventIn::Join {
            key: k,
            customer,
            team,
        } => {
            let mut j = json!({"type": "join", "key": key(*k), "customer_id": id(*customer)});
            if let Some(t) = team {
                j["team_id"] = json!(format!("t{}", t % 4));
            }
            j
        }
        EventIn::Leave {
            key: k,
            participation,
        } => {
            json!({"type": "leave", "key": key(*k), "participation_id": format!("p{}", participation % 8)})
        }
        EventIn::Pay {
            key: k,
            participation,
            amount,
        } => {
            let mut p = json!({"type": "payment_confirmed", "key": key(*k), "participation_id": format!("p{}", participation % 8)});
            match amount {
                Some(Some(a)) => p["amount"] = o2okit_fuzz::money(i64::from(a.units % 20_000), c),
                Some(None) => p["amount"] = price.clone(),
                None => {}
            }
            p
        }
        EventIn::Cancel { key: k, team } => {
            let mut x = json!({"type": "cancel", "key": key(*k)});
            if let Some(t) = team {
                x["team_id"] = json!(format!("t{}", t % 4));
            }
            x
        }
        EventIn::Close { key: k } => json!({"type": "close", "key": key(*k)}),
        EventIn::Tick => json!({"type": "tick"}),
        EventIn::Retry => return None,
    })
}

/// Charges less voids and refunds, per participation, over a list of effects.
fn apply_money(effects: &[GroupBuyEffect], net: &mut BTreeMap<String, i128>) {
    for e in effects {
        let (p, delta) = match e {
            GroupBuyEffect::Charge {
                participation_id,
                amount,
                ..
            } => (participation_id, amount.minor_units()),
            GroupBuyEffect::VoidCharge {
                participation_id,
                amount,
                ..
            }
            | GroupBuyEffect::RefundFull {
                participation_id,
                amount,
                ..
            }
            | GroupBuyEffect::RefundDifference {
                participation_id,
                amount,
                ..
            } => (participation_id, -amount.minor_units()),
            _ => continue,
        };
        assert!(
            delta != 0 || matches!(e, GroupBuyEffect::Charge { .. }),
            "a zero refund {e:?}"
        );
        *net.entry(p.clone()).or_insert(0) += delta;
    }
}

fn check_state(state: &GroupBuyState, net: &BTreeMap<String, i128>) {
    for p in &state.participations {
        let n = net.get(&p.id).copied().unwrap_or(0);
        assert!(n >= 0, "{}: more refunded than charged ({n})", p.id);
        let refunded = p.refunded.map_or(0, |r| r.minor_units());
        assert!(
            refunded >= 0 && refunded <= p.price.minor_units(),
            "{}: refunded {refunded} of {}",
            p.id,
            p.price
        );
        match p.status {
            ParticipationStatus::Left
            | ParticipationStatus::Lapsed
            | ParticipationStatus::Refunded => {
                assert_eq!(n, 0, "{} is {:?} but still holds {n}", p.id, p.status)
            }
            ParticipationStatus::Pending | ParticipationStatus::Paid => {
                assert_eq!(
                    n,
                    p.price.minor_units() - refunded,
                    "{} ({:?}) holds {n}",
                    p.id,
                    p.status
                )
            }
        }
    }
}

fn terminal_participation(s: ParticipationStatus) -> bool {
    matches!(
        s,
        ParticipationStatus::Left | ParticipationStatus::Lapsed | ParticipationStatus::Refunded
    )
}

fuzz_target!(|input: Input| {
    let c = input.currency.currency();
    let campaign = campaign(&input.campaign, c);
    let Ok(open) = o2okit::call("groupbuy.open", &json!({"campaign": campaign}).to_string()) else {
        return;
    };
    let mut state: GroupBuyState = o2okit::decode(&open).unwrap_or_else(|e| panic!("{e}"));
    let price = match &campaign["kind"]["price"] {
        Value::Null => campaign["kind"]["tiers"][0]["price"].clone(),
        p => p.clone(),
    };
    let steps: Vec<(u16, u8)> = input
        .events
        .iter()
        .take(30)
        .map(|(_, m, f)| (*m, *f))
        .collect();
    let times = log_times(&steps);
    let mut net: BTreeMap<String, i128> = BTreeMap::new();
    let mut accepted: Vec<Value> = Vec::new();
    let mut effects: Vec<GroupBuyEffect> = Vec::new();
    let mut outcomes = Vec::new();
    let mut previous: Option<Value> = None;
    for ((e, _, _), now) in input.events.iter().zip(times) {
        let Some(ev) = event(e, c, &price).or_else(|| previous.clone()) else {
            continue;
        };
        previous = Some(ev.clone());
        let request = json!({"state": state, "event": ev, "now": now});
        let run = |r: &StepInput| o2okit::groupbuy_step(&r.state, &r.event, r.now);
        let Some(step) = Checked::<GroupBuyStep>::run("groupbuy.step", &request, run).ok() else {
            continue;
        };
        let before = &state;
        // Terminal things stay as they are.
        if before.status.is_terminal() {
            assert_eq!(
                step.state.status, before.status,
                "a terminal campaign changed status"
            );
        }
        for (old, new) in before.teams.iter().zip(&step.state.teams) {
            if old.status.is_terminal() {
                assert_eq!(old.status, new.status, "terminal team {} changed", old.id);
            }
        }
        assert!(step.state.participations.len() >= before.participations.len());
        for (old, new) in before.participations.iter().zip(&step.state.participations) {
            if terminal_participation(old.status) {
                assert_eq!(old, new, "terminal participation {} changed", old.id);
            }
        }
        apply_money(&step.effects, &mut net);
        check_state(&step.state, &net);
        // The same event again is a duplicate (ticks are naturally idempotent).
        if step.outcome.kind == OutcomeKind::Duplicate {
            assert!(step.effects.is_empty(), "a duplicate had effects");
            assert_eq!(
                step.state.participations, before.participations,
                "a duplicate changed the participations"
            );
            assert_eq!(step.state.processed, before.processed);
        } else if ev["type"] != "tick" {
            let event: GroupBuyEvent =
                serde_json::from_value(ev.clone()).unwrap_or_else(|e| panic!("{e}"));
            let again = o2okit::groupbuy_step(
                &step.state,
                &event,
                request["now"]
                    .as_str()
                    .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                    .unwrap_or_else(|| unreachable!()),
            )
            .unwrap_or_else(|e| panic!("a retry failed: {e}"));
            assert_eq!(
                again.outcome.kind,
                OutcomeKind::Duplicate,
                "a retry was not a duplicate"
            );
            assert!(again.effects.is_empty(), "a retry had effects");
            assert_eq!(again.state, step.state, "a retry changed the state");
        }
        accepted.push(json!({"at": request["now"], "event": ev}));
        effects.extend(step.effects.iter().cloned());
        outcomes.push(step.outcome.clone());
        state = step.state;
    }
    // Replaying the accepted log gives exactly what stepping gave.
    let request = json!({"campaign": campaign, "events": accepted});
    let run = |r: &ReplayInput| o2okit::groupbuy_replay(&r.campaign, &r.events);
    match Checked::<GroupBuyReplay>::run("groupbuy.replay", &request, run) {
        Checked::Ok(replay) => {
            assert_eq!(
                replay.state, state,
                "replay and steps end in different states"
            );
            assert_eq!(
                replay.effects, effects,
                "replay and steps have different effects"
            );
            assert_eq!(
                replay.outcomes, outcomes,
                "replay and steps have different outcomes"
            );
        }
        // A campaign or policy the core rejects accepts no command either: the empty log
        // fails as the steps did.
        Checked::Failed(_) if accepted.is_empty() => {}
        other => panic!("the accepted log does not replay: {other:?}"),
    }
});
