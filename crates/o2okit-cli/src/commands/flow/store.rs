//! Flows 2, 3 and 4 in `o2okit flow replay`: store orders.

use chrono::{DateTime, FixedOffset};
use o2okit::{
    store_order_open, store_order_step, Flow, Handover, Money, StoreOrderCommand, StoreOrderEffect,
    StoreOrderPolicy, StoreOrderReplayRequest, StoreOrderState,
};

use super::{invalid, ledger_lines, replay, Lifecycle, Stepped, EFFECT};
use crate::cli::FlowReplayArgs;
use crate::commands::assign::reason;
use crate::error::CliError;

/// A store order under one policy.
struct StoreOrders<'a> {
    policy: &'a StoreOrderPolicy,
}

impl Lifecycle for StoreOrders<'_> {
    type Command = StoreOrderCommand;
    type Effect = StoreOrderEffect;
    type State = StoreOrderState;

    fn step(
        &self,
        state: &StoreOrderState,
        command: &StoreOrderCommand,
        at: DateTime<FixedOffset>,
    ) -> Result<Stepped<StoreOrderState, StoreOrderEffect>, o2okit::Error> {
        let step = store_order_step(state, self.policy, command, at)?;
        Ok(Stepped {
            state: step.state,
            effects: step.effects,
            duplicate: step.duplicate,
        })
    }

    fn status(state: &StoreOrderState) -> &'static str {
        state.status.as_str()
    }

    fn describe_command(command: &StoreOrderCommand) -> (&'static str, &'static str, &str) {
        (command.name(), command.actor().as_str(), command.key())
    }

    fn describe_effect(effect: &StoreOrderEffect) -> Vec<String> {
        describe_effect(effect)
    }

    fn totals(state: &StoreOrderState) -> Result<Vec<String>, CliError> {
        totals(state)
    }
}

/// Replay a flow 2, 3 or 4 log (the `store_order.replay` input); the policy's flow must be
/// the log's.
pub(super) fn replay_log(flow: Flow, log: &str, args: &FlowReplayArgs) -> Result<String, CliError> {
    let request: StoreOrderReplayRequest = o2okit::decode(log)?;
    let policy = &request.policy;
    if policy.flow != flow {
        return Err(invalid(
            "policy.flow",
            format!(
                "the log says {flow} but its policy {:?} is for {}; make them agree",
                policy.id, policy.flow
            ),
        ));
    }
    let state = store_order_open(policy, &request.order_id, &request.customer_id)?;
    let header = describe_policy(policy, &state);
    let commands: Vec<_> = request
        .commands
        .iter()
        .map(|timed| (timed.at, &timed.command))
        .collect();
    replay(
        &StoreOrders { policy },
        flow,
        header,
        state,
        &commands,
        args,
    )
}

fn describe_policy(policy: &StoreOrderPolicy, state: &StoreOrderState) -> String {
    let mut parts = vec![format!("currency {}", policy.currency.code())];
    if !policy.channels.is_empty() {
        let channels: Vec<&str> = policy.channels.iter().map(|c| c.id.as_str()).collect();
        parts.push(format!("channels {}", channels.join(", ")));
    }
    if !policy.partner_stores.is_empty() {
        parts.push(format!(
            "{} partner store(s) to route to",
            policy.partner_stores.len()
        ));
    }
    if let Some(minutes) = policy.cancel_minutes {
        parts.push(format!("cancel window {minutes} min"));
    }
    format!(
        "flow {} ({}): order {} for {}, policy {} ({})",
        policy.flow,
        policy.flow.name_zh(),
        state.order_id,
        state.customer_id,
        policy.id,
        parts.join(", ")
    )
}

fn handover(handover: Handover) -> &'static str {
    match handover {
        Handover::PickedUp => "picked up",
        Handover::Delivered => "delivered",
        Handover::Served => "served",
    }
}

fn describe_effect(effect: &StoreOrderEffect) -> Vec<String> {
    match effect {
        StoreOrderEffect::Bind { binding } => vec![format!(
            "{EFFECT}bound to {} ({}) since {}{}",
            binding.party_id,
            binding.role,
            binding.bound_at.to_rfc3339(),
            binding
                .expires_at
                .map(|at| format!(", until {}", at.to_rfc3339()))
                .unwrap_or_default()
        )],
        StoreOrderEffect::AssignStore {
            store_id,
            distance_m,
            eta_minutes,
            passed_over,
        } => {
            let mut lines = vec![format!(
                "{EFFECT}routed to store {store_id} ({distance_m} m{})",
                eta_minutes
                    .map(|m| format!(", about {m} min"))
                    .unwrap_or_default()
            )];
            for other in passed_over {
                let reasons: Vec<String> = other.reasons.iter().map(reason).collect();
                lines.push(format!(
                    "{EFFECT}  passed over {}{}: {}",
                    other.store_id,
                    other
                        .distance_m
                        .map(|m| format!(" ({m} m)"))
                        .unwrap_or_default(),
                    reasons.join("; ")
                ));
            }
            lines
        }
        StoreOrderEffect::Charge {
            customer_id,
            amount,
        } => vec![format!("{EFFECT}charge {customer_id} {amount}")],
        StoreOrderEffect::Completed {
            store_id,
            handover: how,
        } => vec![format!("{EFFECT}{} (store {store_id})", handover(*how))],
        StoreOrderEffect::Settle { amount, ledger } => {
            let mut lines = vec![format!("{EFFECT}settle {amount}")];
            lines.extend(ledger_lines(&ledger.lines));
            lines
        }
        StoreOrderEffect::Refund {
            customer_id,
            amount,
        } => vec![format!("{EFFECT}refund {customer_id} {amount}")],
        StoreOrderEffect::Clawback { amount, clawback } => {
            let mut lines = vec![format!(
                "{EFFECT}claw back {amount} from the parties (refunded {} of {} refundable)",
                clawback.refunded_total, clawback.refundable
            )];
            lines.extend(ledger_lines(&clawback.lines));
            lines
        }
    }
}

fn totals(state: &StoreOrderState) -> Result<Vec<String>, CliError> {
    let t = &state.totals;
    let held = t.held()?;
    let amount = |m: &Money| m.amount().to_string();
    let mut lines = vec![
        format!("status: {}", state.status.as_str()),
        format!(
            "totals ({}): charged {}, refunded {}, settled {}, clawed back {}, held {}",
            t.charged.currency(),
            amount(&t.charged),
            amount(&t.refunded),
            amount(&t.settled),
            amount(&t.clawed_back),
            amount(&held)
        ),
    ];
    let equation = format!(
        "charged {} = refunded {} + settled {} - clawed back {}",
        amount(&t.charged),
        amount(&t.refunded),
        amount(&t.settled),
        amount(&t.clawed_back)
    );
    if held.is_zero() {
        lines.push(format!(
            "money nets to zero: {equation} (customer, platform and parties)"
        ));
    } else {
        lines.push(format!(
            "money balances: {equation} + held {} (the platform still holds it: the order has not ended)",
            amount(&held)
        ));
    }
    Ok(lines)
}
