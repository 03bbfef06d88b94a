//! Flow 1's lifecycle in `o2okit flow replay`: voucher orders.

use chrono::{DateTime, FixedOffset};
use o2okit::{
    voucher_order_open, voucher_order_step, Flow, Money, VoucherDeal, VoucherOrderCommand,
    VoucherOrderEffect, VoucherOrderReplayRequest, VoucherOrderState,
};

use super::{ledger_lines, replay, Lifecycle, Stepped, EFFECT};
use crate::cli::FlowReplayArgs;
use crate::error::CliError;

/// A voucher order under one deal.
struct VoucherOrders<'a> {
    deal: &'a VoucherDeal,
}

impl Lifecycle for VoucherOrders<'_> {
    type Command = VoucherOrderCommand;
    type Effect = VoucherOrderEffect;
    type State = VoucherOrderState;

    fn step(
        &self,
        state: &VoucherOrderState,
        command: &VoucherOrderCommand,
        at: DateTime<FixedOffset>,
    ) -> Result<Stepped<VoucherOrderState, VoucherOrderEffect>, o2okit::Error> {
        let step = voucher_order_step(state, self.deal, command, at)?;
        Ok(Stepped {
            state: step.state,
            effects: step.effects,
            duplicate: step.duplicate,
        })
    }

    fn status(state: &VoucherOrderState) -> &'static str {
        state.status.as_str()
    }

    fn describe_command(command: &VoucherOrderCommand) -> (&'static str, &'static str, &str) {
        (command.name(), command.actor().as_str(), command.key())
    }

    fn describe_effect(effect: &VoucherOrderEffect) -> Vec<String> {
        describe_effect(effect)
    }

    fn totals(state: &VoucherOrderState) -> Result<Vec<String>, CliError> {
        totals(state)
    }
}

/// Replay a flow 1 log (the `voucher_order.replay` input).
pub(super) fn replay_log(log: &str, args: &FlowReplayArgs) -> Result<String, CliError> {
    let request: VoucherOrderReplayRequest = o2okit::decode(log)?;
    let deal = &request.deal;
    let state = voucher_order_open(deal, &request.order_id, &request.customer_id)?;
    let header = describe_deal(deal, &state);
    let commands: Vec<_> = request
        .commands
        .iter()
        .map(|timed| (timed.at, &timed.command))
        .collect();
    replay(
        &VoucherOrders { deal },
        Flow::OnlineToOffline,
        header,
        state,
        &commands,
        args,
    )
}

fn describe_deal(deal: &VoucherDeal, state: &VoucherOrderState) -> String {
    format!(
        "flow online_to_offline: order {} for {}, deal {} ({} voucher(s) x {} use(s) at {}, stores {}, refund {}, reversal window {} min)",
        state.order_id,
        state.customer_id,
        deal.id,
        deal.vouchers,
        deal.uses,
        deal.price,
        deal.stores.join(", "),
        deal.refund.as_str(),
        deal.reversal_minutes
    )
}

fn describe_effect(effect: &VoucherOrderEffect) -> Vec<String> {
    match effect {
        VoucherOrderEffect::Charge {
            customer_id,
            amount,
        } => vec![format!("{EFFECT}charge {customer_id} {amount}")],
        VoucherOrderEffect::IssueVoucher {
            voucher,
            uses,
            code,
            ..
        } => vec![format!(
            "{EFFECT}issue voucher {voucher} ({uses} use(s)){}",
            code.as_deref()
                .map(|c| format!(", code {c}"))
                .unwrap_or_default()
        )],
        VoucherOrderEffect::Redeemed {
            voucher,
            redemption,
            store_id,
            count,
            amount,
        } => vec![format!(
            "{EFFECT}redeemed {count} use(s) of {voucher} at {store_id}: {amount} held until settlement (redemption {redemption})"
        )],
        VoucherOrderEffect::Reversed {
            voucher,
            redemption,
            count,
            amount,
        } => vec![format!(
            "{EFFECT}reversed redemption {redemption}: {count} use(s) of {voucher} back, {amount}"
        )],
        VoucherOrderEffect::Refund {
            customer_id,
            voucher,
            uses,
            amount,
        } => vec![format!(
            "{EFFECT}refund {customer_id} {amount} ({uses} unused use(s) of {voucher})"
        )],
        VoucherOrderEffect::Breakage {
            voucher,
            uses,
            amount,
        } => vec![format!(
            "{EFFECT}breakage {amount} to the merchant ({uses} lapsed use(s) of {voucher})"
        )],
        VoucherOrderEffect::Settle {
            voucher,
            redemption,
            amount,
            ledger,
        } => {
            let mut lines = vec![format!(
                "{EFFECT}settle redemption {redemption} ({voucher}): {amount}"
            )];
            lines.extend(ledger_lines(&ledger.lines));
            lines
        }
    }
}

fn totals(state: &VoucherOrderState) -> Result<Vec<String>, CliError> {
    let t = &state.totals;
    let held = t.held()?;
    let amount = |m: &Money| m.amount().to_string();
    let mut lines = vec![
        format!("status: {}", state.status.as_str()),
        format!(
            "totals ({}): charged {}, refunded {}, settled {}, breakage {}, held {}",
            t.charged.currency(),
            amount(&t.charged),
            amount(&t.refunded),
            amount(&t.settled),
            amount(&t.breakage),
            amount(&held)
        ),
    ];
    let equation = format!(
        "charged {} = refunded {} + settled {} + breakage {}",
        amount(&t.charged),
        amount(&t.refunded),
        amount(&t.settled),
        amount(&t.breakage)
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
