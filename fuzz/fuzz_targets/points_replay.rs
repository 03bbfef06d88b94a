//! `points.replay` and `points.redeem`: a programme (per-amount, per-visit and
//! per-category earning, expiry at the end of a month or year in a named zone, a point
//! value) driven by earns, redemptions and ticks. Each event is applied with
//! `points_apply`; a rejected one is dropped. After every step the balance is the sum of
//! the lots' remaining points, no lot gives more than it earned, an expired lot is empty,
//! and the entries carry the running balance. At the end the accepted log through
//! `points.replay` gives the stepped state and entries, its totals reconcile (earned =
//! redeemed + expired + balance) and a redemption through `points.redeem` takes exactly
//! the points asked for, worth exactly points × point value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use o2okit::{
    PointsEntryKind, PointsRedeemRequest, PointsRedemption, PointsReplay, PointsReplayRequest,
};
use o2okit_fuzz::promo::ZONES;
use o2okit_fuzz::{id, json, log_times, pick, Amt, Arbitrary, Checked, Cur, Value};

#[derive(Arbitrary, Debug)]
enum RuleIn {
    PerAmount(u8, Amt),
    PerVisit(u8),
    PerCategory(u8, u8, Amt),
}

#[derive(Arbitrary, Debug)]
enum EventIn {
    Earn {
        amount: Amt,
        order: Option<u8>,
        lines: Vec<(u8, Amt)>,
    },
    Redeem {
        points: u16,
        order: Option<u8>,
    },
    Tick,
}

#[derive(Arbitrary, Debug)]
struct Input {
    currency: Cur,
    rules: Vec<RuleIn>,
    expiry: Option<(u8, bool)>,
    zone: u8,
    point_value: Option<u8>,
    events: Vec<(EventIn, u16, u8)>,
    until: Option<u16>,
    redeem: u16,
}

const CATEGORIES: [&str; 3] = ["coffee", "cake", "tea"];

fuzz_target!(|input: Input| {
    let c = input.currency.currency();
    let earn: Vec<Value> = input.rules.iter().take(3).map(|r| match r {
        RuleIn::PerAmount(p, per) => json!({"type": "per_amount", "points": p % 5, "per": per.money(c)}),
        RuleIn::PerVisit(p) => json!({"type": "per_visit", "points": p % 10}),
        RuleIn::PerCategory(cat, p, per) => json!({"type": "per_category", "category": pick(&CATEGORIES, *cat), "points": p % 5, "per": per.money(c)}),
    }).collect();
    let mut program = json!({"earn": earn, "time_zone": pick(&ZONES, input.zone)});
    if let Some((months, year)) = input.expiry {
        program["expiry"] = json!({"months_after": months % 14, "at": if year { "end_of_year" } else { "end_of_month" }});
    }
    if let Some(v) = input.point_value {
        program["point_value"] = o2okit_fuzz::money(i64::from(v % 20) + 1, c);
    }
    let Ok(program_typed) = o2okit::decode::<o2okit::PointsProgram>(&program.to_string()) else {
        return;
    };
    let mut state = o2okit::PointsState::default();
    // Long gaps: months pass between events, so lots expire.
    let steps: Vec<(u16, u8)> = input
        .events
        .iter()
        .take(30)
        .map(|(_, m, f)| (m.saturating_mul(7), *f))
        .collect();
    let times = log_times(&steps);
    let mut accepted: Vec<Value> = Vec::new();
    let mut entries = Vec::new();
    for ((e, _, _), at) in input.events.iter().zip(&times) {
        let event = match e {
            EventIn::Earn {
                amount,
                order,
                lines,
            } => {
                let mut x = json!({"type": "earn", "amount": amount.money(c)});
                if let Some(o) = order {
                    x["order_id"] = json!(format!("o-{}", id(*o)));
                }
                if !lines.is_empty() {
                    x["lines"] = json!(lines
                        .iter()
                        .take(3)
                        .map(|(cat, a)| json!({"category": pick(&CATEGORIES, *cat), "amount": a.money(c)}))
                        .collect::<Vec<_>>());
                }
                x
            }
            EventIn::Redeem { points, order } => {
                let mut x = json!({"type": "redeem", "points": points % 200});
                if let Some(o) = order {
                    x["order_id"] = json!(format!("o-{}", id(*o)));
                }
                x
            }
            EventIn::Tick => json!({"type": "tick"}),
        };
        let Ok(ev) = serde_json::from_value::<o2okit::PointsEvent>(event.clone()) else {
            continue;
        };
        let Ok(step) =
            o2okit::points_apply(&state, &program_typed, &ev, o2okit_fuzz::parse_time(at))
        else {
            continue;
        };
        let balance: u64 = step.state.lots.iter().map(|l| l.remaining).sum();
        assert_eq!(
            balance, step.state.balance,
            "the balance is not the lots' remaining points"
        );
        for lot in &step.state.lots {
            assert!(
                lot.remaining <= lot.points,
                "lot {} gives more than it earned",
                lot.id
            );
            if let Some(exp) = lot.expires_at {
                if exp <= o2okit_fuzz::parse_time(at) {
                    assert_eq!(lot.remaining, 0, "lot {} expired but not empty", lot.id);
                }
            }
        }
        let mut running = state.balance;
        for entry in &step.entries {
            running = match entry.kind {
                PointsEntryKind::Earn => running + entry.points,
                PointsEntryKind::Redeem | PointsEntryKind::Expire => running
                    .checked_sub(entry.points)
                    .unwrap_or_else(|| panic!("below zero")),
            };
            assert_eq!(
                entry.balance, running,
                "an entry's balance is not the running balance"
            );
            let taken: u64 = entry.lots.iter().map(|t| t.points).sum();
            if entry.kind != PointsEntryKind::Earn {
                assert_eq!(taken, entry.points, "lots taken do not add up");
            }
        }
        assert_eq!(running, step.state.balance);
        accepted.push(json!({"at": at, "event": event}));
        entries.extend(step.entries);
        state = step.state;
    }
    let mut request = json!({"program": program, "events": accepted});
    if let (Some(u), Some(last)) = (input.until, accepted.last()) {
        request["until"] = o2okit_fuzz::after(&last["at"], i64::from(u) * 3_600);
    }
    let run = |r: &PointsReplayRequest| o2okit::points_replay(&r.program, &r.events, r.until);
    let replay = match Checked::<PointsReplay>::run("points.replay", &request, run) {
        Checked::Ok(replay) => replay,
        // A programme the core rejects (a step of spend of zero) accepts no event either:
        // the empty log fails as the steps did.
        Checked::Failed(_) if accepted.is_empty() => return,
        other => panic!("the accepted log does not replay: {other:?}"),
    };
    let t = &replay.totals;
    assert_eq!(
        t.earned,
        t.redeemed + t.expired + t.balance,
        "points totals do not reconcile"
    );
    assert_eq!(t.balance, replay.state.balance);
    if request.get("until").is_none() {
        assert_eq!(
            replay.state, state,
            "replay and steps end in different states"
        );
        assert_eq!(
            replay.entries, entries,
            "replay and steps have different entries"
        );
    }
    // Redeem some of what is left.
    let Some(last) = accepted.last() else { return };
    let points = u64::from(input.redeem) % (replay.state.balance + 2);
    let at = request.get("until").unwrap_or(&last["at"]).clone();
    let redeem = json!({"state": replay.state, "program": program, "points": points, "at": at, "order_id": "o-r"});
    let run = |r: &PointsRedeemRequest| {
        o2okit::points_redeem(&r.state, &r.program, r.points, r.at, r.order_id.as_deref())
    };
    if let Some(red) = Checked::<PointsRedemption>::run("points.redeem", &redeem, run).ok() {
        let taken: u64 = red.taken.iter().map(|t| t.points).sum();
        assert_eq!(taken, points, "took other points than asked");
        assert!(
            red.state.balance + points <= replay.state.balance,
            "the balance did not fall by the points"
        );
        if let Some(v) = program_typed.point_value {
            assert_eq!(
                red.discount.minor_units(),
                v.minor_units() * i128::from(points),
                "the discount is not points × value"
            );
        }
    }
});
