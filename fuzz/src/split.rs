//! Orders and split plans for the `split`, `split_refund` and `settle` targets, and the
//! invariants of a ledger.

use o2okit::{Currency, Ledger, LineKind};

use crate::{json, pick, Amt, Arbitrary, Pct, Value};

/// Roles a rule pays.
pub const ROLES: [&str; 7] = [
    "platform",
    "payment_processor",
    "logistics",
    "marketing",
    "store",
    "referrer",
    "supplier",
];
/// Bases a rule is computed on.
pub const BASES: [&str; 6] = [
    "gross_paid",
    "customer_paid",
    "goods",
    "delivery_fee",
    "margin",
    "remainder",
];
/// Rounding modes.
pub const ROUNDINGS: [&str; 7] = [
    "half_even",
    "half_up",
    "half_down",
    "up",
    "down",
    "ceiling",
    "floor",
];
const FUNDERS: [&str; 4] = ["platform", "merchant", "brand", "supplier"];
const MODELS: [&str; 5] = [
    "first_touch",
    "last_touch",
    "linear",
    "time_decay",
    "position_based",
];

/// What a rule pays.
#[derive(Arbitrary, Debug)]
pub enum PayIn {
    Percent(Pct),
    Fixed(Amt),
    PercentPlusFixed(Pct, Amt),
    TieredByAmount(Pct, Amt, Pct),
    TieredByVolume(Pct, u8, Pct),
}

/// A rule of a plan.
#[derive(Arbitrary, Debug)]
pub struct RuleIn {
    role: u8,
    party: Option<u8>,
    base: u8,
    pay: PayIn,
    min: Option<Amt>,
    max: Option<Amt>,
    cap: Option<(Pct, Option<u8>)>,
    rounding: u8,
    /// Paid by attribution over the order's journey.
    attribution: Option<(u8, u32)>,
    allow_negative: bool,
}

impl RuleIn {
    fn wire(&self, rule_id: &str, c: Currency) -> Value {
        let small = |a: &Amt| crate::money(i64::from(a.units % 5_000), c);
        let pay = match &self.pay {
            PayIn::Percent(p) => json!({"type": "percent", "percent": p.wire()}),
            PayIn::Fixed(a) => json!({"type": "fixed", "amount": small(a)}),
            PayIn::PercentPlusFixed(p, a) => {
                json!({"type": "percent_plus_fixed", "percent": p.wire(), "fixed": small(a)})
            }
            PayIn::TieredByAmount(p, from, q) => {
                json!({"type": "tiered", "by": "amount", "tiers": [
                {"from": "0", "percent": p.wire()},
                {"from": o2okit::Money::from_minor(i128::from(from.units) + 1, c).map(|m| m.amount().to_string()).unwrap_or_default(),
                 "percent": q.wire()}]})
            }
            PayIn::TieredByVolume(p, from, q) => {
                json!({"type": "tiered", "by": "volume", "tiers": [
                {"from": "0", "percent": p.wire()}, {"from": (u32::from(*from) + 1).to_string(), "percent": q.wire()}]})
            }
        };
        let mut r = json!({"id": rule_id, "base": pick(&BASES, self.base), "pay": pay,
                           "rounding": pick(&ROUNDINGS, self.rounding)});
        r["to"] = match self.attribution {
            Some((model, half_life)) => {
                let mut m = json!({"type": pick(&MODELS, model)});
                if pick(&MODELS, model) == "time_decay" {
                    m["half_life_seconds"] = json!(u64::from(half_life % 2_000_000) + 1);
                }
                json!({"role": "marketing", "attribution": m})
            }
            None => {
                let role = pick(&ROLES, self.role);
                match self.party {
                    Some(p) => json!({"role": role, "party_id": format!("{role}-{}", p % 2)}),
                    None => json!({"role": role}),
                }
            }
        };
        if let Some(min) = &self.min {
            r["min"] = crate::money(i64::from(min.units % 500), c);
        }
        if let Some(max) = &self.max {
            let lo = self.min.map_or(0, |m| i64::from(m.units % 500));
            r["max"] = crate::money(lo + i64::from(max.units % 5_000), c);
        }
        if let Some((cap, base)) = &self.cap {
            r["cap"] = json!({"percent": cap.wire()});
            if let Some(b) = base {
                r["cap"]["base"] = json!(pick(&BASES, *b));
            }
        }
        if self.allow_negative {
            r["allow_negative"] = json!(true);
        }
        r
    }
}

/// A plan: up to six rules; every role has a party.
#[derive(Arbitrary, Debug)]
pub struct PlanIn {
    rules: Vec<RuleIn>,
    /// The remainder goes to a named merchant (or the default merchant party).
    named_remainder: bool,
}

impl PlanIn {
    /// The wire plan.
    pub fn wire(&self, c: Currency) -> Value {
        let rules: Vec<Value> = self
            .rules
            .iter()
            .take(6)
            .enumerate()
            .map(|(i, r)| r.wire(&format!("r{i}"), c))
            .collect();
        let parties: Vec<Value> = ROLES
            .iter()
            .map(|r| json!({"role": r, "party_id": format!("{r}-1")}))
            .chain([json!({"role": "merchant", "party_id": "shop"})])
            .collect();
        let mut plan = json!({"rules": rules, "parties": parties});
        if self.named_remainder {
            plan["remainder"] = json!({"role": "merchant", "party_id": "shop-2"});
        }
        plan
    }
}

/// An order: paid, delivery fee, cost, volume, funded discounts and a journey.
#[derive(Arbitrary, Debug)]
pub struct OrderIn {
    paid: Amt,
    delivery_percent: u8,
    cost: Option<Amt>,
    volume: Option<u8>,
    discounts: Vec<(Amt, u8, bool)>,
    /// Ages of the journey's touches, in minutes before the order.
    journey: Vec<u16>,
}

impl OrderIn {
    /// The wire order `order_id` at `at`.
    pub fn wire(&self, order_id: &str, at_seconds: i64, c: Currency) -> Value {
        let paid = self.paid.minor();
        let delivery = paid * i64::from(self.delivery_percent % 101) / 200;
        let discounts: Vec<Value> = self
            .discounts
            .iter()
            .take(3)
            .enumerate()
            .map(|(i, (amount, funder, on_delivery))| {
                let funder = pick(&FUNDERS, *funder);
                json!({"promotion_id": format!("p{i}"), "amount": crate::money(i64::from(amount.units % 5_000) + 1, c),
                       "funded_by": {"role": funder, "party_id": format!("{funder}-x")},
                       "on": if *on_delivery { "delivery" } else { "goods" }})
            })
            .collect();
        let mut ages: Vec<i64> = self
            .journey
            .iter()
            .take(4)
            .map(|m| i64::from(*m) * 60)
            .collect();
        ages.sort_unstable_by(|a, b| b.cmp(a));
        let journey: Vec<Value> = ages
            .iter()
            .enumerate()
            .map(|(i, age)| {
                json!({"channel": format!("ch{i}"), "party_id": format!("media-{}", i % 3),
                                   "at": crate::time(at_seconds - age, false)})
            })
            .collect();
        let mut order = json!({"id": order_id, "at": crate::time(at_seconds, false), "paid": crate::money(paid, c),
                               "delivery_fee": crate::money(delivery, c)});
        if let Some(cost) = self.cost {
            order["cost"] = cost.money(c);
        }
        if let Some(v) = self.volume {
            order["volume"] = json!(v.to_string());
        }
        if !discounts.is_empty() {
            order["discounts"] = json!(discounts);
        }
        if !journey.is_empty() {
            order["journey"] = json!(journey);
        }
        order
    }
}

/// The invariants of a ledger: the lines add up exactly to what was paid, every line is in
/// the order's currency and names its order, and only subsidies (and rules that allow it)
/// are negative.
pub fn check_ledger(ledger: &Ledger, paid: i128, c: Currency, negatives_allowed: bool) {
    assert_eq!(ledger.paid.minor_units(), paid);
    let sum: i128 = ledger.lines.iter().map(|l| l.amount.minor_units()).sum();
    assert_eq!(sum, paid, "the ledger does not add up to what was paid");
    for line in &ledger.lines {
        assert_eq!(line.amount.currency(), c);
        assert_eq!(line.order_id, ledger.order_id);
        if line.kind == LineKind::Rule && !negatives_allowed {
            assert!(!line.amount.is_negative(), "negative rule line {line:?}");
        }
        if line.kind == LineKind::Subsidy {
            assert!(!line.amount.is_positive(), "positive subsidy {line:?}");
        }
    }
}
