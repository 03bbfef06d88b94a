//! `store_order.step` and `store_order.replay` (flows 2, 3 and 4): a policy and its
//! touches and placements from a golden vector case (amounts and discounts varied), driven
//! by a log of touches, placements, accepts, readies, dispatches, completions,
//! settlements, cancels, voids and refunds (keys from a short list, mostly the right
//! actors). Each command goes through `store_order.step`; a rejected one is dropped. After
//! every step the money is conserved (charged = refunded + settled − clawed back + held,
//! held never negative and zero in every final status), the totals are the sums of the
//! effects, every settlement ledger adds up to its amount and every clawback to minus its
//! amount; a terminal order takes no new command; the same command again is a duplicate
//! with the same state and the original effects. At the end the accepted log through
//! `store_order.replay` gives exactly the stepped state, effects and duplicates.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use o2okit::{
    StoreOrderEffect, StoreOrderReplay, StoreOrderReplayRequest, StoreOrderState, StoreOrderStep,
    StoreOrderStepRequest,
};
use o2okit_fuzz::{after, json, log_offsets, pick, Amt, Arbitrary, Checked, Value};

/// Per replay case of the vectors: the policy, its first time, its touches and placements.
struct Template {
    policy: Value,
    start: Value,
    touches: Vec<Value>,
    places: Vec<Value>,
}

static TEMPLATES: OnceLock<Vec<Template>> = OnceLock::new();
const ACTORS: [&str; 5] = ["customer", "staff", "platform", "scheduler", "logistics"];

fn templates() -> &'static [Template] {
    TEMPLATES.get_or_init(|| {
        let doc: Value =
            serde_json::from_str(include_str!("../../testdata/vectors/store_orders.json"))
                .unwrap_or_else(|e| panic!("{e}"));
        let mut out = Vec::new();
        for case in doc["cases"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            let (Some(policy), Some(commands)) = (
                case["input"].get("policy"),
                case["input"]["commands"].as_array(),
            ) else {
                continue;
            };
            let Some(first) = commands.first() else {
                continue;
            };
            let of = |kind: &str| -> Vec<Value> {
                commands
                    .iter()
                    .map(|c| c["command"].clone())
                    .filter(|c| c["type"] == kind)
                    .collect()
            };
            let places = of("place");
            if places.is_empty() {
                continue;
            }
            out.push(Template {
                policy: policy.clone(),
                start: first["at"].clone(),
                touches: of("touch"),
                places,
            });
        }
        assert!(!out.is_empty());
        out
    })
}

#[derive(Arbitrary, Debug)]
enum CommandIn {
    Touch {
        template: u8,
    },
    Place {
        template: u8,
        amount: Option<Amt>,
        drop_discounts: bool,
    },
    Accept,
    Ready,
    Dispatch,
    Complete,
    Settle,
    Cancel,
    Void {
        reason: bool,
    },
    Refund {
        amount: Option<Amt>,
    },
    Retry,
}

#[derive(Arbitrary, Debug)]
struct Input {
    template: u8,
    commands: Vec<(CommandIn, u8, bool, u16, u8)>,
}

fn expected_actor(cmd: &CommandIn, delivery: bool) -> &'static str {
    match cmd {
        CommandIn::Touch { .. } | CommandIn::Accept | CommandIn::Ready | CommandIn::Dispatch => {
            "staff"
        }
        CommandIn::Place { .. } | CommandIn::Cancel | CommandIn::Refund { .. } => "customer",
        CommandIn::Complete if delivery => "logistics",
        CommandIn::Complete => "staff",
        CommandIn::Settle | CommandIn::Void { .. } | CommandIn::Retry => "platform",
    }
}

fn command(
    cmd: &CommandIn,
    key: String,
    actor: &str,
    t: &Template,
    currency: o2okit::Currency,
) -> Option<Value> {
    let mut c = match cmd {
        CommandIn::Touch { template } if !t.touches.is_empty() => {
            o2okit_fuzz::pick_ref(&t.touches, *template).clone()
        }
        CommandIn::Touch { .. } => {
            json!({"type": "touch", "store_id": "s-unknown", "channel": "store_qr"})
        }
        CommandIn::Place {
            template,
            amount,
            drop_discounts,
        } => {
            let mut p = o2okit_fuzz::pick_ref(&t.places, *template).clone();
            if let Some(a) = amount {
                p["amount"] = o2okit_fuzz::money(i64::from(a.units % 60_000), currency);
            }
            if *drop_discounts {
                if let Some(o) = p.as_object_mut() {
                    o.remove("discounts");
                }
            }
            p
        }
        CommandIn::Accept => json!({"type": "accept"}),
        CommandIn::Ready => json!({"type": "ready"}),
        CommandIn::Dispatch => json!({"type": "dispatch"}),
        CommandIn::Complete => json!({"type": "complete"}),
        CommandIn::Settle => json!({"type": "settle"}),
        CommandIn::Cancel => json!({"type": "cancel"}),
        CommandIn::Void { reason } => {
            if *reason {
                json!({"type": "void", "reason": "rider accident"})
            } else {
                json!({"type": "void"})
            }
        }
        CommandIn::Refund { amount } => match amount {
            Some(a) => {
                json!({"type": "refund", "amount": o2okit_fuzz::money(i64::from(a.units % 60_000), currency)})
            }
            None => json!({"type": "refund"}),
        },
        CommandIn::Retry => return None,
    };
    c["key"] = json!(key);
    c["actor"] = json!(actor);
    Some(c)
}

fn check(state: &StoreOrderState, all: &[StoreOrderEffect]) {
    let t = &state.totals;
    for m in [t.charged, t.refunded, t.settled, t.clawed_back] {
        assert!(!m.is_negative(), "a negative total {m}");
    }
    let held = t.held().unwrap_or_else(|e| panic!("{e}"));
    assert!(!held.is_negative(), "more paid out than charged: {t:?}");
    if state.status.is_final() {
        assert!(held.is_zero(), "{:?} still holds {held}", state.status);
    }
    let sum = |f: &dyn Fn(&StoreOrderEffect) -> Option<o2okit::Money>| -> i128 {
        all.iter().filter_map(f).map(|m| m.minor_units()).sum()
    };
    assert_eq!(
        t.charged.minor_units(),
        sum(&|e| match e {
            StoreOrderEffect::Charge { amount, .. } => Some(*amount),
            _ => None,
        })
    );
    assert_eq!(
        t.refunded.minor_units(),
        sum(&|e| match e {
            StoreOrderEffect::Refund { amount, .. } => Some(*amount),
            _ => None,
        })
    );
    assert_eq!(
        t.settled.minor_units(),
        sum(&|e| match e {
            StoreOrderEffect::Settle { amount, .. } => Some(*amount),
            _ => None,
        })
    );
    assert_eq!(
        t.clawed_back.minor_units(),
        sum(&|e| match e {
            StoreOrderEffect::Clawback { amount, .. } => Some(*amount),
            _ => None,
        })
    );
}

fuzz_target!(|input: Input| {
    let t = o2okit_fuzz::pick_ref(templates(), input.template);
    let currency = o2okit::Currency::from_code(t.policy["currency"].as_str().unwrap_or("CNY"))
        .unwrap_or_else(|e| panic!("{e}"));
    let open = json!({"policy": t.policy, "order_id": "o-1", "customer_id": "ann"});
    let Ok(opened) = o2okit::call("store_order.open", &open.to_string()) else {
        return;
    };
    let mut state: StoreOrderState = o2okit::decode(&opened).unwrap_or_else(|e| panic!("{e}"));
    let steps: Vec<(u16, u8)> = input
        .commands
        .iter()
        .take(24)
        .map(|(_, _, _, m, f)| (m % 600, *f))
        .collect();
    let offsets = log_offsets(&steps);
    let mut accepted: Vec<Value> = Vec::new();
    let mut effects: Vec<StoreOrderEffect> = Vec::new();
    let mut duplicates: Vec<usize> = Vec::new();
    let mut previous: Option<Value> = None;
    for ((cmd, k, wrong_actor, _, _), offset) in input.commands.iter().zip(offsets) {
        let delivery = state
            .order
            .as_ref()
            .is_some_and(|o| o.fulfilment == o2okit::Fulfilment::Delivery);
        let actor = if *wrong_actor && k % 4 == 0 {
            pick(&ACTORS, *k)
        } else {
            expected_actor(cmd, delivery)
        };
        let Some(command) =
            command(cmd, format!("k{}", k % 10), actor, t, currency).or_else(|| previous.clone())
        else {
            continue;
        };
        previous = Some(command.clone());
        let now = after(&t.start, offset);
        let request = json!({"state": state, "policy": t.policy, "command": command, "now": now});
        let Some(step) = Checked::<StoreOrderStep>::run(
            "store_order.step",
            &request,
            StoreOrderStepRequest::step,
        )
        .ok() else {
            continue;
        };
        if step.duplicate {
            assert_eq!(step.state, state, "a duplicate changed the state");
            duplicates.push(accepted.len());
        } else {
            assert!(
                !state.status.is_terminal(),
                "a terminal order took a new command"
            );
            effects.extend(step.effects.iter().cloned());
            for e in &step.effects {
                match e {
                    StoreOrderEffect::Settle { amount, ledger } => {
                        let sum: i128 = ledger.lines.iter().map(|l| l.amount.minor_units()).sum();
                        assert_eq!(
                            sum,
                            amount.minor_units(),
                            "a settlement ledger does not add up"
                        );
                    }
                    StoreOrderEffect::Clawback { amount, clawback } => {
                        let sum: i128 = clawback.lines.iter().map(|l| l.amount.minor_units()).sum();
                        assert_eq!(sum, -amount.minor_units(), "a clawback does not add up");
                    }
                    _ => {}
                }
            }
            let retry: StoreOrderStepRequest = o2okit::decode(
                &json!({"state": step.state, "policy": t.policy,
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
        check(&step.state, &effects);
        accepted.push(json!({"at": now, "command": command}));
        state = step.state;
    }
    let request =
        json!({"policy": t.policy, "order_id": "o-1", "customer_id": "ann", "commands": accepted});
    match Checked::<StoreOrderReplay>::run(
        "store_order.replay",
        &request,
        StoreOrderReplayRequest::replay,
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
