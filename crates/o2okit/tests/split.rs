//! Revenue split: the hand-computed cases of the issue and the split's properties.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use o2okit::{
    attribute, bind, settle, split, split_batch, split_pool, AttributionModel, BindEvent,
    BindPolicy, BindRule, Currency, Entry, Ledger, LedgerLine, LineKind, Money, Period,
    PoolRequest, Refund, RefundPolicy, SplitBuffer, SplitOrder, SplitPlan, Touchpoint,
};
use proptest::prelude::*;
use serde_json::{json, Value};

fn cny() -> Currency {
    Currency::from_code("CNY").unwrap()
}

fn m(units: i64) -> Value {
    json!({"amount": Money::from_minor(i128::from(units), cny()).unwrap().amount().to_string(), "currency": "CNY"})
}

fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(s).unwrap()
}

fn decode<T: serde::de::DeserializeOwned>(v: Value) -> T {
    o2okit::decode(&v.to_string()).unwrap()
}

fn amounts(ledger: &Ledger) -> Vec<String> {
    ledger
        .lines
        .iter()
        .map(|l| l.amount.amount().to_string())
        .collect()
}

fn units(lines: &[LedgerLine]) -> i128 {
    lines.iter().map(|l| l.amount.minor_units()).sum()
}

/// The waterfall: 100.00 paid; processor 0.6% -> 0.60; platform 8% -> 8.00;
/// logistics fixed -> 5.00; channel 2% -> 2.00; merchant remainder -> 84.40.
#[test]
fn waterfall_on_100() {
    let plan: SplitPlan = decode(json!({
        "rules": [
            {"id": "processor", "to": {"role": "payment_processor", "party_id": "wxpay"},
             "base": "customer_paid", "pay": {"type": "percent", "percent": "0.6"}},
            {"id": "platform", "to": {"role": "platform", "party_id": "mall"},
             "base": "gross_paid", "pay": {"type": "percent", "percent": "8"}},
            {"id": "logistics", "to": {"role": "logistics", "party_id": "rider-co"},
             "base": "gross_paid", "pay": {"type": "fixed", "amount": m(500)}},
            {"id": "channel", "to": {"role": "marketing", "party_id": "douyin"},
             "base": "gross_paid", "pay": {"type": "percent", "percent": "2"}}
        ],
        "remainder": {"role": "merchant", "party_id": "noodle-house"}
    }));
    let order = SplitOrder::new("o-1", at("2026-11-22T12:00:00+08:00"), decode(m(10_000)));
    let ledger = split(&order, &plan).unwrap();
    assert_eq!(amounts(&ledger), ["0.60", "8.00", "5.00", "2.00", "84.40"]);
    let parties: Vec<&str> = ledger.lines.iter().map(|l| l.party_id.as_str()).collect();
    assert_eq!(
        parties,
        ["wxpay", "mall", "rider-co", "douyin", "noodle-house"]
    );
    assert_eq!(ledger.lines[4].kind, LineKind::Remainder);
    assert_eq!(ledger.total().unwrap(), ledger.paid);

    // The compiled plan and the allocation-free path agree with the one-shot split.
    let compiled = plan.compile().unwrap();
    assert_eq!(compiled.split(&order).unwrap(), ledger);
    let mut buffer = SplitBuffer::new();
    compiled.split_into(&order, &mut buffer).unwrap();
    let fast: Vec<i128> = buffer.amounts_minor().collect();
    assert_eq!(fast, [60, 800, 500, 200, 8440]);
}

/// Position-based on four touches with a pool of 10.00 gives 4.00 / 1.00 / 1.00 / 4.00.
#[test]
fn position_based_on_four_touches() {
    let journey: Vec<Touchpoint> = ["01", "05", "08", "09"]
        .iter()
        .enumerate()
        .map(|(i, day)| Touchpoint {
            channel: format!("channel-{i}"),
            party_id: format!("party-{i}"),
            stage: None,
            at: at(&format!("2026-11-{day}T10:00:00+08:00")),
        })
        .collect();
    let pool = Money::from_minor(1000, cny()).unwrap();
    let shares = attribute(
        pool,
        &journey,
        at("2026-11-10T10:00:00+08:00"),
        &AttributionModel::position_based(),
    )
    .unwrap()
    .shares;
    let got: Vec<String> = shares
        .iter()
        .map(|s| s.amount.amount().to_string())
        .collect();
    assert_eq!(got, ["4.00", "1.00", "1.00", "4.00"]);
    assert_eq!(shares[1].credit.to_string(), "0.1");
}

/// The seed's store: 1,000.00 profit share, 80% to staff by orders 120:75:5.
#[test]
fn staff_pool_of_the_seed() {
    let request: PoolRequest = decode(json!({
        "pool": m(100_000), "members_percent": "80",
        "keeper": {"role": "store", "party_id": "store-7"},
        "members": [{"party_id": "li", "weight": "120"}, {"party_id": "wang", "weight": "75"},
                    {"party_id": "zhao", "weight": "5"}]
    }));
    let split = split_pool(&request).unwrap();
    let shares: Vec<String> = split
        .shares
        .iter()
        .map(|s| s.amount.amount().to_string())
        .collect();
    assert_eq!(shares, ["480.00", "300.00", "20.00"]);
    assert_eq!(split.kept.amount().to_string(), "200.00");
    assert_eq!(split.members_total.amount().to_string(), "800.00");
}

/// A platform-funded coupon reduces the platform's take; the merchant is paid as if the
/// customer had paid the list price; the subsidy is a line of its own.
#[test]
fn platform_coupon_is_charged_to_the_platform() {
    let plan: SplitPlan = decode(json!({
        "rules": [{"id": "platform", "to": {"role": "platform"}, "base": "gross_paid",
                   "pay": {"type": "percent", "percent": "8"}}],
        "parties": [{"role": "platform", "party_id": "mall"}, {"role": "merchant", "party_id": "shop"}]
    }));
    let list_price: SplitOrder = decode(
        json!({"id": "a", "at": "2026-11-22T12:00:00+08:00", "paid": m(10_000),
        "parties": []}),
    );
    let with_coupon: SplitOrder = decode(
        json!({"id": "b", "at": "2026-11-22T12:00:00+08:00", "paid": m(9_000),
        "discounts": [{"promotion_id": "p-10", "amount": m(1_000), "funded_by": {"role": "platform"}}]}),
    );
    let full = split(&list_price, &plan).unwrap();
    let coupon = split(&with_coupon, &plan).unwrap();
    assert_eq!(
        full.party_total("shop").unwrap(),
        coupon.party_total("shop").unwrap()
    );
    assert_eq!(coupon.party_total("mall").unwrap().to_string(), "-2.00 CNY");
    assert_eq!(coupon.lines[2].kind, LineKind::Subsidy);
    assert_eq!(coupon.total().unwrap().to_string(), "90.00 CNY");
}

#[test]
fn binding_last_wins_with_a_lock() {
    let events = vec![
        BindEvent {
            party_id: "li".into(),
            at: at("2026-11-01T10:00:00+08:00"),
        },
        BindEvent {
            party_id: "wang".into(),
            at: at("2026-11-03T10:00:00+08:00"),
        },
    ];
    let rule = BindRule {
        policy: BindPolicy::LastWins,
        role: o2okit::Role::StoreStaff,
        lock_seconds: Some(86_400),
        expiry_seconds: None,
    };
    let state = bind(&events, &rule, at("2026-11-05T00:00:00+08:00")).unwrap();
    assert_eq!(state.binding.unwrap().party_id, "wang");
}

// ----------------------------------------------------------------------------------------
// Properties
// ----------------------------------------------------------------------------------------

const ROLES: [&str; 6] = [
    "platform",
    "payment_processor",
    "logistics",
    "marketing",
    "store",
    "referrer",
];
const BASES: [&str; 6] = [
    "gross_paid",
    "customer_paid",
    "goods",
    "delivery_fee",
    "margin",
    "remainder",
];
const ROUNDINGS: [&str; 4] = ["half_even", "half_up", "down", "up"];

/// A random rule: any form, base, rounding, clamp and cap.
fn rule() -> impl Strategy<Value = Value> {
    (
        0usize..6,
        0usize..6,
        0usize..5,
        0u32..=3000,
        0i64..=2_000,
        prop::option::of(0i64..=500),
        prop::option::of(0i64..=5_000),
        prop::option::of(0u32..=10_000),
        0usize..4,
        any::<bool>(),
    )
        .prop_map(
            |(role, base, form, bp, fixed, min, max, cap, rounding, journey)| {
                let percent = format!("{}.{:02}", bp / 100, bp % 100);
                let pay = match form {
                    0 => json!({"type": "percent", "percent": percent}),
                    1 => json!({"type": "fixed", "amount": m(fixed)}),
                    2 => json!({"type": "percent_plus_fixed", "percent": percent, "fixed": m(fixed)}),
                    3 => json!({"type": "tiered", "by": "amount", "tiers": [
                        {"from": "0", "percent": percent}, {"from": "100", "percent": "3"}]}),
                    _ => json!({"type": "tiered", "by": "volume", "tiers": [
                        {"from": "0", "percent": "1"}, {"from": "50", "percent": percent}]}),
                };
                let mut r = json!({"id": "", "base": BASES[base], "pay": pay,
                                   "rounding": ROUNDINGS[rounding]});
                r["to"] = if journey {
                    json!({"role": "marketing", "attribution": {"type": "time_decay", "half_life_seconds": 86_400}})
                } else {
                    json!({"role": ROLES[role]})
                };
                if let Some(min) = min {
                    r["min"] = m(min);
                }
                if let (Some(max), true) = (max, min.is_none_or(|lo| max.unwrap_or(0) >= lo)) {
                    r["max"] = m(max);
                }
                if let Some(cap) = cap {
                    r["cap"] = json!({"percent": format!("{}.{:02}", cap / 100, cap % 100)});
                }
                r
            },
        )
}

fn plan() -> impl Strategy<Value = SplitPlan> {
    prop::collection::vec(rule(), 0..7).prop_map(|rules| {
        let rules: Vec<Value> = rules
            .into_iter()
            .enumerate()
            .map(|(i, mut r)| {
                r["id"] = json!(format!("r{i}"));
                r
            })
            .collect();
        let parties: Vec<Value> = ROLES
            .iter()
            .map(|r| json!({"role": r, "party_id": format!("{r}-1")}))
            .chain([json!({"role": "merchant", "party_id": "shop"})])
            .collect();
        decode(json!({"rules": rules, "parties": parties}))
    })
}

/// A random order: amounts, delivery, cost, volume, discounts funded by various parties,
/// and a journey of up to four touches before the order.
fn order() -> impl Strategy<Value = SplitOrder> {
    (
        0i64..=2_000_000,
        0i64..=100,
        0i64..=1_000_000,
        0u32..200,
        prop::collection::vec((1i64..=5_000, 0usize..4, any::<bool>()), 0..4),
        prop::collection::vec(0i64..=3_000_000, 0..5),
    )
        .prop_map(|(paid, delivery_pct, cost, volume, discounts, ages)| {
            let delivery = paid * delivery_pct / 200;
            let funders = ["platform", "merchant", "brand", "supplier"];
            let discounts: Vec<Value> = discounts
                .into_iter()
                .enumerate()
                .map(|(i, (amount, funder, on_delivery))| {
                    json!({"promotion_id": format!("p{i}"), "amount": m(amount),
                       "funded_by": {"role": funders[funder], "party_id": format!("{}-x", funders[funder])},
                       "on": if on_delivery { "delivery" } else { "goods" }})
                })
                .collect();
            let mut ages = ages;
            ages.sort_unstable_by(|a, b| b.cmp(a));
            let journey: Vec<Value> = ages
                .iter()
                .enumerate()
                .map(|(i, age)| {
                    let t = at("2026-11-22T12:00:00+08:00") - chrono::TimeDelta::seconds(*age);
                    json!({"channel": format!("ch{i}"), "party_id": format!("media-{}", i % 3),
                       "at": t.to_rfc3339()})
                })
                .collect();
            decode(json!({"id": "o", "at": "2026-11-22T12:00:00+08:00", "paid": m(paid),
                "delivery_fee": m(delivery), "cost": m(cost), "volume": volume.to_string(),
                "discounts": discounts, "journey": journey}))
        })
}

fn splits(order: &SplitOrder, plan: &SplitPlan) -> Option<Ledger> {
    match split(order, plan) {
        Ok(ledger) => Some(ledger),
        Err(e) => {
            assert_eq!(e.code(), "split_exceeds_total", "{e}");
            None
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// The ledger sums exactly to what was paid, no rule line is negative (no rule allows
    /// it here), and the fast path gives the same amounts.
    #[test]
    fn ledger_sums_to_the_amount_paid(order in order(), plan in plan()) {
        if let Some(ledger) = splits(&order, &plan) {
            prop_assert_eq!(units(&ledger.lines), order.paid.unwrap().minor_units());
            for line in &ledger.lines {
                if line.kind != LineKind::Subsidy {
                    prop_assert!(!line.amount.is_negative(), "{:?}", line);
                }
            }
            let compiled = plan.compile().unwrap();
            prop_assert_eq!(&compiled.split(&order).unwrap(), &ledger);
            let mut buffer = SplitBuffer::new();
            compiled.split_into(&order, &mut buffer).unwrap();
            let fast: Vec<i128> = buffer.amounts_minor().collect();
            let slow: Vec<i128> = ledger.lines.iter().map(|l| l.amount.minor_units()).collect();
            prop_assert_eq!(fast, slow);
            // The borrowed line views (what the columnar batch writes) are the ledger's lines.
            prop_assert_eq!(buffer.paid_minor(), ledger.paid.minor_units());
            prop_assert_eq!(buffer.gross_minor(), ledger.gross.minor_units());
            prop_assert_eq!(buffer.delivery_fee_minor(), ledger.delivery_fee.minor_units());
            let views: Vec<_> = compiled.lines(&order, &buffer).unwrap().collect();
            prop_assert_eq!(views.len(), ledger.lines.len());
            for (view, line) in views.iter().zip(&ledger.lines) {
                prop_assert_eq!(view.kind, line.kind);
                prop_assert_eq!(view.rule, line.rule.as_str());
                prop_assert_eq!(view.party_id, line.party_id.as_str());
                prop_assert_eq!(view.role, line.role.as_str());
                prop_assert_eq!(view.base, line.base);
                prop_assert_eq!(Some(view.base_amount_minor), line.base_amount.map(|m| m.minor_units()));
                prop_assert_eq!(view.touchpoint.map(|t| t as u32), line.touchpoint);
                prop_assert_eq!(view.channel, line.channel.as_deref());
                prop_assert_eq!(view.amount_minor, line.amount.minor_units());
            }
        }
    }

    /// Successive partial refunds claw back by the cumulative difference: each clawback sums
    /// to minus its refund, and once everything is refunded every line has given back
    /// exactly what it received.
    #[test]
    fn clawbacks_are_cumulative_and_exact(order in order(), plan in plan(), cuts in prop::collection::vec(0u32..=1000, 0..5)) {
        if let Some(ledger) = splits(&order, &plan) {
            let paid = ledger.paid.minor_units();
            let mut points: Vec<i128> = cuts.iter().map(|c| paid * i128::from(*c) / 1000).collect();
            points.push(paid);
            points.sort_unstable();
            let mut before = 0i128;
            let mut given_back = vec![0i128; ledger.lines.len()];
            for point in points {
                let refund = Refund {
                    refunded_before: Money::from_minor(before, cny()).unwrap(),
                    amount: Money::from_minor(point - before, cny()).unwrap(),
                    at: ledger.at,
                    delivered: false,
                };
                let claw = ledger.clawback(&refund, &RefundPolicy::default()).unwrap();
                prop_assert_eq!(units(&claw.lines), before - point);
                for (total, line) in given_back.iter_mut().zip(&claw.lines) {
                    prop_assert_eq!(line.entry, Entry::Clawback);
                    *total += line.amount.minor_units();
                }
                before = point;
            }
            for (total, line) in given_back.iter().zip(&ledger.lines) {
                prop_assert_eq!(*total, -line.amount.minor_units(), "{:?}", line);
            }
            let over = Refund {
                refunded_before: ledger.paid,
                amount: Money::from_minor(1, cny()).unwrap(),
                at: ledger.at,
                delivered: false,
            };
            prop_assert_eq!(ledger.clawback(&over, &RefundPolicy::default()).unwrap_err().code(), "refund_exceeds_paid");
        }
    }

    /// A ratio cap is never exceeded, not even by one unit.
    #[test]
    fn caps_are_never_exceeded(paid in 0i64..=10_000_000, percent in 0u32..=10_000, cap in 0u32..=10_000, rounding in 0usize..4) {
        let plan: SplitPlan = decode(json!({
            "rules": [{"id": "platform", "to": {"role": "platform", "party_id": "p"}, "base": "gross_paid",
                       "pay": {"type": "percent", "percent": format!("{}.{:02}", percent / 100, percent % 100)},
                       "cap": {"percent": format!("{}.{:02}", cap / 100, cap % 100)},
                       "rounding": ROUNDINGS[rounding]}],
            "parties": [{"role": "merchant", "party_id": "m"}]}));
        let order = SplitOrder::new("o", at("2026-11-22T12:00:00+08:00"), Money::from_minor(i128::from(paid), cny()).unwrap());
        let ledger = split(&order, &plan).unwrap();
        let taken = ledger.lines[0].amount.minor_units();
        // taken <= cap% of paid, exactly: taken * 10000 <= paid * cap
        prop_assert!(taken * 10_000 <= i128::from(paid) * i128::from(cap), "{} > {}% of {}", taken, cap, paid);
    }

    /// Attribution shares add up to the pool under every model, and each share is a whole
    /// number of units.
    #[test]
    fn attribution_shares_sum_to_the_pool(pool in 0i64..=100_000_000, ages in prop::collection::vec(0i64..=40_000_000, 1..7), model in 0usize..5, half_life in 1u64..=2_000_000) {
        let mut ages = ages;
        ages.sort_unstable_by(|a, b| b.cmp(a));
        let now = at("2026-11-22T12:00:00+08:00");
        let journey: Vec<Touchpoint> = ages.iter().enumerate().map(|(i, age)| Touchpoint {
            channel: format!("c{i}"), party_id: format!("p{i}"), stage: None,
            at: now - chrono::TimeDelta::seconds(*age),
        }).collect();
        let model = match model {
            0 => AttributionModel::FirstTouch,
            1 => AttributionModel::LastTouch,
            2 => AttributionModel::Linear,
            3 => AttributionModel::TimeDecay { half_life_seconds: half_life },
            _ => AttributionModel::position_based(),
        };
        let pool_money = Money::from_minor(i128::from(pool), cny()).unwrap();
        match attribute(pool_money, &journey, now, &model) {
            Ok(a) => {
                prop_assert_eq!(a.shares.len(), journey.len());
                prop_assert_eq!(a.shares.iter().map(|s| s.amount.minor_units()).sum::<i128>(), i128::from(pool));
            }
            Err(e) => {
                // Only when every touch is more than 60 half-lives old.
                prop_assert_eq!(e.code(), "invalid_attribution");
                prop_assert!(ages.iter().all(|a| *a as u64 > 60 * half_life));
            }
        }
    }

    /// A touch with zero weight gets zero: the non-first touches under first touch, the
    /// non-last under last touch, the middle ones under 50/0/50, and a touch 61 half-lives
    /// old under time decay.
    #[test]
    fn a_zero_weight_touch_gets_zero(pool in 0i64..=100_000_000, n in 1usize..7, old in 0usize..7) {
        let now = at("2026-11-22T12:00:00+08:00");
        let old = old % n;
        let journey: Vec<Touchpoint> = (0..n).map(|i| Touchpoint {
            channel: format!("c{i}"), party_id: format!("p{i}"), stage: None,
            at: now - chrono::TimeDelta::seconds(if i <= old && n > 1 && old + 1 < n { 61 * 3600 } else { 60 }),
        }).collect();
        let pool_money = Money::from_minor(i128::from(pool), cny()).unwrap();
        let get = |model: &AttributionModel| -> Vec<i128> {
            attribute(pool_money, &journey, now, model).unwrap().shares.iter().map(|s| s.amount.minor_units()).collect()
        };
        let first = get(&AttributionModel::FirstTouch);
        prop_assert!(first.iter().skip(1).all(|a| *a == 0));
        let last = get(&AttributionModel::LastTouch);
        prop_assert!(last.iter().take(n - 1).all(|a| *a == 0));
        if n >= 3 {
            let ends = get(&AttributionModel::PositionBased { first_percent: 50.into(), last_percent: 50.into() });
            prop_assert!(ends[1..n - 1].iter().all(|a| *a == 0));
        }
        if n > 1 && old + 1 < n {
            // Touches 0..=old are 61 hours old with a one-hour half-life: weight zero.
            let decay = get(&AttributionModel::TimeDecay { half_life_seconds: 3600 });
            prop_assert!(decay[..=old].iter().all(|a| *a == 0), "{:?}", decay);
        }
    }

    /// Settlement does not depend on the order in which orders (and their lines) come.
    #[test]
    fn settlement_does_not_depend_on_order(orders in prop::collection::vec(order(), 1..6), plan in plan(), seed in any::<u64>(), period in 0usize..4) {
        let mut lines: Vec<LedgerLine> = Vec::new();
        for (i, order) in orders.iter().enumerate() {
            let mut order = order.clone();
            order.id = format!("o{i}");
            order.at += chrono::TimeDelta::hours(i as i64 * 13);
            if let Some(ledger) = splits(&order, &plan) {
                lines.extend(ledger.lines);
            }
        }
        let period = [Period::All, Period::Day, Period::Week, Period::Month][period];
        let reference = settle(&lines, period, Some("Asia/Shanghai")).unwrap();
        // A deterministic shuffle.
        let mut shuffled = lines.clone();
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(&settle(&shuffled, period, Some("Asia/Shanghai")).unwrap(), &reference);
        // Totals per party match the lines.
        let total: i128 = reference.statements.iter().map(|s| s.total.minor_units()).sum();
        prop_assert_eq!(total, units(&lines));
        // A batch gives the very same ledgers as splitting each order on its own, in order,
        // and reports each order that fails with its index and code.
        let batch = split_batch(&plan, &orders).unwrap();
        let mut ledgers = Vec::new();
        let mut errors = Vec::new();
        for (index, order) in orders.iter().enumerate() {
            match split(order, &plan) {
                Ok(ledger) => ledgers.push(ledger),
                Err(e) => errors.push((index as u64, order.id.clone(), e.code().to_string())),
            }
        }
        prop_assert_eq!(&batch.ledgers, &ledgers);
        let batch_errors: Vec<(u64, String, String)> =
            batch.errors.iter().map(|e| (e.index, e.order_id.clone(), e.code.clone())).collect();
        prop_assert_eq!(batch_errors, errors);
        // From 64 orders on, a batch caches the plan's decay tables: still the same ledgers.
        let many: Vec<SplitOrder> = orders.iter().cycle().take(70).cloned().collect();
        let big = split_batch(&plan, &many).unwrap();
        let expected: Vec<Ledger> = many.iter().filter_map(|o| split(o, &plan).ok()).collect();
        prop_assert_eq!(big.ledgers, expected);
    }
}

/// The generators above mostly make orders that split (so the properties test something).
#[test]
fn generated_orders_mostly_split() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut ok, mut subsidised, mut attributed) = (0, 0, 0);
    for _ in 0..300 {
        let order = order().new_tree(&mut runner).unwrap().current();
        let plan = plan().new_tree(&mut runner).unwrap().current();
        if let Some(ledger) = splits(&order, &plan) {
            ok += 1;
            subsidised += usize::from(ledger.lines.iter().any(|l| l.kind == LineKind::Subsidy));
            attributed += usize::from(ledger.lines.iter().any(|l| l.touchpoint.is_some()));
        }
    }
    assert!(ok > 120, "only {ok} of 300 generated orders split");
    assert!(
        subsidised > 30 && attributed > 30,
        "{subsidised} {attributed}"
    );
}
