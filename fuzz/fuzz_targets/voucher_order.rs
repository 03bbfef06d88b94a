//! `voucher_order.step` and `voucher_order.replay` (flow 1): a deal from the golden vectors
//! (with its price, counts, refund policy and reversal window varied), driven by a log of
//! pays, redemptions, reversals, refunds, expiries and settlements with keys from a short
//! list and mostly the right actors. Each command goes through `voucher_order.step`; a
//! rejected one is dropped. After every step the money is conserved (charged = refunded +
//! settled + breakage + the value still held in vouchers and pending redemptions), the
//! totals are the sums of the effects, every settlement's ledger adds up to its amount, no
//! value or use count goes negative or above the deal's; a terminal order takes no new
//! command; the same command again is a duplicate with the same state and the original
//! effects. At the end the accepted log through `voucher_order.replay` gives exactly the
//! stepped state, effects and duplicates.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use o2okit::{
    VoucherOrderEffect, VoucherOrderReplay, VoucherOrderReplayRequest, VoucherOrderState,
    VoucherOrderStep, VoucherOrderStepRequest,
};
use o2okit_fuzz::{after, json, log_offsets, pick, Amt, Arbitrary, Checked, Value};

static DEALS: OnceLock<Vec<Value>> = OnceLock::new();
const ACTORS: [&str; 5] = ["customer", "staff", "platform", "scheduler", "logistics"];
const REFUNDS: [&str; 3] = ["any_time", "at_expiry", "none"];

#[derive(Arbitrary, Debug)]
struct DealIn {
    template: u8,
    price: Option<Amt>,
    vouchers: Option<u8>,
    uses: Option<u8>,
    refund: Option<u8>,
    reversal_minutes: Option<u16>,
}

#[derive(Arbitrary, Debug)]
enum CommandIn {
    Pay {
        right_amount: bool,
        amount: Amt,
        serial: Option<u16>,
    },
    Redeem {
        voucher: u8,
        store: u8,
        count: u8,
        staff: bool,
    },
    Reverse {
        redemption: u8,
    },
    Refund {
        vouchers: Vec<u8>,
    },
    Expire,
    Settle {
        redemptions: Vec<u8>,
    },
    Retry,
}

#[derive(Arbitrary, Debug)]
struct Input {
    deal: DealIn,
    commands: Vec<(CommandIn, u8, bool, u16, u8)>,
}

fn deal(input: &DealIn) -> Value {
    let deals = DEALS.get_or_init(|| {
        o2okit_fuzz::vector_values(
            include_str!("../../testdata/vectors/voucher_orders.json"),
            "deal",
        )
    });
    let mut deal = o2okit_fuzz::pick_ref(deals, input.template).clone();
    let c = o2okit::Currency::from_code(deal["price"]["currency"].as_str().unwrap_or("CNY"))
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(p) = input.price {
        deal["price"] = o2okit_fuzz::money(i64::from(p.units % 50_000), c);
    }
    if let Some(v) = input.vouchers {
        deal["vouchers"] = json!(v % 4);
    }
    if let Some(u) = input.uses {
        deal["uses"] = json!(u % 4);
    }
    if let Some(r) = input.refund {
        deal["refund"] = json!(pick(&REFUNDS, r));
    }
    if let Some(m) = input.reversal_minutes {
        deal["reversal_minutes"] = json!(m % 120);
    }
    deal
}

fn command(cmd: &CommandIn, key: String, actor: &str, deal: &Value) -> Option<Value> {
    let c = o2okit::Currency::from_code(deal["price"]["currency"].as_str().unwrap_or("CNY"))
        .unwrap_or_else(|e| panic!("{e}"));
    Some(match cmd {
        CommandIn::Pay {
            right_amount,
            amount,
            serial,
        } => {
            let price: o2okit::Money =
                serde_json::from_value(deal["price"].clone()).unwrap_or_else(|e| panic!("{e}"));
            let total = price.minor_units() * i128::from(deal["vouchers"].as_u64().unwrap_or(0));
            let units = if *right_amount {
                i64::try_from(total).unwrap_or(0)
            } else {
                i64::from(amount.units)
            };
            let mut p = json!({"type": "pay", "key": key, "actor": actor, "amount": o2okit_fuzz::money(units, c)});
            if let Some(s) = serial {
                p["serial"] = json!(s);
            }
            p
        }
        CommandIn::Redeem {
            voucher,
            store,
            count,
            staff,
        } => {
            let stores: Vec<&str> = deal["stores"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let store = if stores.is_empty() || store % 8 == 7 {
                "S-elsewhere"
            } else {
                pick(&stores, *store)
            };
            let mut r = json!({"type": "redeem", "key": key, "actor": actor, "voucher": format!("o-1/v{}", voucher % 4),
                               "store_id": store, "count": count % 4});
            if *staff {
                r["staff_id"] = json!("staff-1");
            }
            r
        }
        CommandIn::Reverse { redemption } => {
            json!({"type": "reverse", "key": key, "actor": actor, "redemption": format!("k{}", redemption % 10)})
        }
        CommandIn::Refund { vouchers } => json!({"type": "refund", "key": key, "actor": actor,
            "vouchers": vouchers.iter().take(3).map(|v| format!("o-1/v{}", v % 4)).collect::<Vec<_>>()}),
        CommandIn::Expire => json!({"type": "expire", "key": key, "actor": actor}),
        CommandIn::Settle { redemptions } => json!({"type": "settle", "key": key, "actor": actor,
            "redemptions": redemptions.iter().take(3).map(|r| format!("k{}", r % 10)).collect::<Vec<_>>()}),
        CommandIn::Retry => return None,
    })
}

fn expected_actor(cmd: &CommandIn) -> &'static str {
    match cmd {
        CommandIn::Pay { .. } | CommandIn::Refund { .. } => "customer",
        CommandIn::Redeem { .. } | CommandIn::Reverse { .. } => "staff",
        CommandIn::Expire => "scheduler",
        CommandIn::Settle { .. } | CommandIn::Retry => "platform",
    }
}

fn check(state: &VoucherOrderState, deal: &o2okit::VoucherDeal, all: &[VoucherOrderEffect]) {
    let t = &state.totals;
    for m in [t.charged, t.refunded, t.settled, t.breakage] {
        assert!(!m.is_negative(), "a negative total {m}");
    }
    let held = t.held().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        held,
        state.value_held().unwrap_or_else(|e| panic!("{e}")),
        "money is not conserved: {t:?}"
    );
    assert!(!held.is_negative());
    let sum = |f: &dyn Fn(&VoucherOrderEffect) -> Option<o2okit::Money>| -> i128 {
        all.iter().filter_map(f).map(|m| m.minor_units()).sum()
    };
    assert_eq!(
        t.charged.minor_units(),
        sum(&|e| match e {
            VoucherOrderEffect::Charge { amount, .. } => Some(*amount),
            _ => None,
        })
    );
    assert_eq!(
        t.refunded.minor_units(),
        sum(&|e| match e {
            VoucherOrderEffect::Refund { amount, .. } => Some(*amount),
            _ => None,
        })
    );
    assert_eq!(
        t.settled.minor_units(),
        sum(&|e| match e {
            VoucherOrderEffect::Settle { amount, .. } => Some(*amount),
            _ => None,
        })
    );
    assert_eq!(
        t.breakage.minor_units(),
        sum(&|e| match e {
            VoucherOrderEffect::Breakage { amount, .. } => Some(*amount),
            _ => None,
        })
    );
    for v in &state.vouchers {
        assert!(
            !v.value_left.is_negative() && v.value_left.minor_units() <= deal.price.minor_units()
        );
        assert!(
            v.uses_left
                .saturating_add(v.uses_refunded)
                .saturating_add(v.uses_lapsed)
                <= deal.uses
        );
    }
    for r in &state.redemptions {
        assert!(r.count >= 1 && !r.amount.is_negative());
    }
}

fuzz_target!(|input: Input| {
    let deal_value = deal(&input.deal);
    let open = json!({"deal": deal_value, "order_id": "o-1", "customer_id": "ann"});
    let Ok(opened) = o2okit::call("voucher_order.open", &open.to_string()) else {
        return;
    };
    let mut state: VoucherOrderState = o2okit::decode(&opened).unwrap_or_else(|e| panic!("{e}"));
    let deal: o2okit::VoucherDeal =
        serde_json::from_value(deal_value.clone()).unwrap_or_else(|e| panic!("{e}"));
    let steps: Vec<(u16, u8)> = input
        .commands
        .iter()
        .take(30)
        .map(|(_, _, _, m, f)| (*m, *f))
        .collect();
    let offsets = log_offsets(&steps);
    let mut accepted: Vec<Value> = Vec::new();
    let mut effects: Vec<VoucherOrderEffect> = Vec::new();
    let mut duplicates: Vec<usize> = Vec::new();
    let mut previous: Option<Value> = None;
    for ((cmd, k, wrong_actor, _, _), offset) in input.commands.iter().zip(offsets) {
        let actor = if *wrong_actor && k % 4 == 0 {
            pick(&ACTORS, *k)
        } else {
            expected_actor(cmd)
        };
        let Some(command) =
            command(cmd, format!("k{}", k % 10), actor, &deal_value).or_else(|| previous.clone())
        else {
            continue;
        };
        previous = Some(command.clone());
        let now = after(&deal_value["valid_from"], offset);
        let request = json!({"state": state, "deal": deal_value, "command": command, "now": now});
        let Some(step) = Checked::<VoucherOrderStep>::run(
            "voucher_order.step",
            &request,
            VoucherOrderStepRequest::step,
        )
        .ok() else {
            continue;
        };
        if step.duplicate {
            assert_eq!(step.state, state, "a duplicate changed the state");
            let original = state
                .processed
                .iter()
                .find(|p| serde_json::to_value(&p.command).ok().as_ref() == Some(&command))
                .unwrap_or_else(|| panic!("a duplicate of a command never applied"));
            assert_eq!(
                step.effects, original.effects,
                "a duplicate did not return the original effects"
            );
            duplicates.push(accepted.len());
        } else {
            assert!(
                !state.status.is_terminal(),
                "a terminal order took a new command"
            );
            effects.extend(step.effects.iter().cloned());
            for e in &step.effects {
                if let VoucherOrderEffect::Settle { amount, ledger, .. } = e {
                    let sum: i128 = ledger.lines.iter().map(|l| l.amount.minor_units()).sum();
                    assert_eq!(
                        sum,
                        amount.minor_units(),
                        "a settlement ledger does not add up"
                    );
                    assert_eq!(ledger.paid, *amount);
                }
            }
            // The same command again is a duplicate.
            let retry: VoucherOrderStepRequest = o2okit::decode(
                &json!({"state": step.state, "deal": deal_value,
                "command": command, "now": now})
                .to_string(),
            )
            .unwrap_or_else(|e| panic!("{e}"));
            let again = retry
                .step()
                .unwrap_or_else(|e| panic!("a retry failed: {e}"));
            assert!(
                again.duplicate && again.state == step.state && again.effects == step.effects,
                "a retry is not an identical duplicate"
            );
        }
        check(&step.state, &deal, &effects);
        accepted.push(json!({"at": now, "command": command}));
        state = step.state;
    }
    let request =
        json!({"deal": deal_value, "order_id": "o-1", "customer_id": "ann", "commands": accepted});
    match Checked::<VoucherOrderReplay>::run(
        "voucher_order.replay",
        &request,
        VoucherOrderReplayRequest::replay,
    ) {
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
                replay.duplicates, duplicates,
                "replay and steps disagree on duplicates"
            );
        }
        // A campaign or policy the core rejects accepts no command either: the empty log
        // fails as the steps did.
        Checked::Failed(_) if accepted.is_empty() => {}
        other => panic!("the accepted log does not replay: {other:?}"),
    }
});
