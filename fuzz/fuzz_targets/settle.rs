//! `settle`: ledger lines of several orders, parties, roles, currencies, entries and times
//! (either sign), by period in a named zone. On every success the statements partition the
//! lines (each line in exactly one statement of its party and currency), each statement's
//! total is its credits plus its debits and the sum of its lines and of its role totals;
//! the settlement does not depend on the order of the lines; the per-party totals do not
//! depend on the period; and the common contract holds.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use o2okit::{LedgerLine, Period, SettleRequest, Settlement};
use o2okit_fuzz::promo::ZONES;
use o2okit_fuzz::split::ROLES;
use o2okit_fuzz::{id, json, pick, Amt, Arbitrary, Checked, Cur, Value};

const PERIODS: [&str; 4] = ["all", "day", "week", "month"];
const KINDS: [&str; 3] = ["rule", "remainder", "subsidy"];

#[derive(Arbitrary, Debug)]
struct LineIn {
    order: u8,
    hours: u16,
    clawback: bool,
    kind: u8,
    party: u8,
    role: u8,
    amount: Amt,
    negative: bool,
    other_currency: bool,
}

#[derive(Arbitrary, Debug)]
struct Input {
    currency: Cur,
    other: Cur,
    lines: Vec<LineIn>,
    period: u8,
    zone: Option<u8>,
    seed: u64,
}

fn settle(r: &SettleRequest) -> Result<Settlement, o2okit::Error> {
    o2okit::settle(&r.lines, r.period, r.time_zone.as_deref())
}

fn party_totals(s: &Settlement) -> BTreeMap<(String, &'static str), i128> {
    let mut totals = BTreeMap::new();
    for st in &s.statements {
        *totals
            .entry((st.party_id.clone(), st.currency.code()))
            .or_insert(0) += st.total.minor_units();
    }
    totals
}

fuzz_target!(|input: Input| {
    let lines: Vec<Value> = input
        .lines
        .iter()
        .take(40)
        .map(|l| {
            let c = if l.other_currency { input.other.currency() } else { input.currency.currency() };
            let sign = if l.negative { -1 } else { 1 };
            json!({"order_id": format!("o-{}", id(l.order)), "at": o2okit_fuzz::time(i64::from(l.hours % 2_000) * 3_600, l.hours % 3 == 0),
                   "entry": if l.clawback { "clawback" } else { "split" }, "kind": pick(&KINDS, l.kind),
                   "rule": format!("r{}", l.kind % 3), "party_id": format!("party-{}", id(l.party)),
                   "role": pick(&ROLES, l.role), "amount": o2okit_fuzz::money(sign * l.amount.minor(), c)})
        })
        .collect();
    let mut request = json!({"lines": lines, "period": pick(&PERIODS, input.period)});
    if let Some(z) = input.zone {
        request["time_zone"] = json!(pick(&ZONES, z));
    }
    let Some(s) = Checked::<Settlement>::run("settle", &request, settle).ok() else {
        return;
    };
    let r: SettleRequest = o2okit::decode(&request.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let mut counted = 0u64;
    for st in &s.statements {
        let sum: i128 = st.lines.iter().map(|l| l.amount.minor_units()).sum();
        assert_eq!(st.total.minor_units(), sum, "statement total");
        assert_eq!(
            st.total.minor_units(),
            st.credits.minor_units() + st.debits.minor_units()
        );
        assert!(!st.credits.is_negative() && !st.debits.is_positive());
        assert_eq!(st.line_count, st.lines.len() as u64);
        let roles: i128 = st.roles.iter().map(|r| r.total.minor_units()).sum();
        assert_eq!(roles, sum, "role totals");
        assert_eq!(
            st.roles.iter().map(|r| r.line_count).sum::<u64>(),
            st.line_count
        );
        for l in &st.lines {
            assert_eq!(l.party_id, st.party_id);
            assert_eq!(l.amount.currency(), st.currency);
        }
        counted += st.line_count;
    }
    assert_eq!(
        counted,
        r.lines.len() as u64,
        "the statements do not partition the lines"
    );
    // A deterministic shuffle of the lines changes nothing.
    let mut shuffled: Vec<LedgerLine> = r.lines.clone();
    let mut state = input.seed;
    for i in (1..shuffled.len()).rev() {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        shuffled.swap(i, (state >> 33) as usize % (i + 1));
    }
    let again = o2okit::settle(&shuffled, r.period, r.time_zone.as_deref())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, s, "the order of the lines changed the settlement");
    // The per-party totals are the same whatever the period.
    let all = o2okit::settle(&r.lines, Period::All, r.time_zone.as_deref())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        party_totals(&all),
        party_totals(&s),
        "per-party totals depend on the period"
    );
});
