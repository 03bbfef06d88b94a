//! `o2okit flow replay [FILE|-]`: replay an order's command log through its flow's lifecycle
//! and print the states and effects.

use o2okit::{
    voucher_order_open, voucher_order_step, Flow, Money, TimedVoucherCommand, VoucherDeal,
    VoucherOrderCommand, VoucherOrderEffect, VoucherOrderReplayRequest, VoucherOrderState,
};
use serde::Serialize;
use serde_json::Value;

use crate::cli::{FlowArgs, FlowCommand, FlowReplayArgs};
use crate::error::{encode_error, pretty_json, CliError};
use crate::input::read_input;

/// Run a flow subcommand.
pub fn run(args: &FlowArgs) -> Result<String, CliError> {
    match &args.command {
        FlowCommand::Replay(replay) => run_replay(replay),
    }
}

fn invalid(field: &str, reason: impl Into<String>) -> CliError {
    CliError::Core(o2okit::Error::InvalidInput {
        field: field.into(),
        reason: reason.into(),
    })
}

/// Read the log, take its `flow` and hand the rest to that flow's lifecycle. The one place
/// that knows which flows the CLI can replay: add a flow's lifecycle here.
fn run_replay(args: &FlowReplayArgs) -> Result<String, CliError> {
    let mut log: Value = o2okit::decode(&read_input(args.file.as_deref())?)?;
    let object = log.as_object_mut().ok_or_else(|| {
        invalid(
            "flow",
            "the log must be a JSON object with a \"flow\" field, e.g. {\"flow\": \"online_to_offline\", ...}",
        )
    })?;
    let flow = object.remove("flow").ok_or_else(|| {
        invalid(
            "flow",
            "missing: say which flow the order follows, e.g. \"flow\": \"online_to_offline\"",
        )
    })?;
    // Decoded through the core, so a bad value gets the core's codes (`invalid_json`, ...).
    let flow: Flow = o2okit::decode(&flow.to_string())?;
    match flow {
        Flow::OnlineToOffline => {
            let request: VoucherOrderReplayRequest = o2okit::decode(&log.to_string())?;
            voucher_order(&request, args)
        }
        other => Err(invalid(
            "flow",
            format!(
                "the {other} lifecycle is not available in the CLI yet; only online_to_offline (voucher orders) can be replayed"
            ),
        )),
    }
}

/// One command's result, for `--json`.
#[derive(Serialize)]
struct StepRecord<'a> {
    index: usize,
    at: String,
    command: &'a VoucherOrderCommand,
    duplicate: bool,
    status: &'static str,
    effects: Vec<VoucherOrderEffect>,
}

/// `--json`: the per-command results and the final state.
#[derive(Serialize)]
struct JsonReplay<'a> {
    flow: Flow,
    steps: Vec<StepRecord<'a>>,
    state: VoucherOrderState,
}

fn voucher_order(
    request: &VoucherOrderReplayRequest,
    args: &FlowReplayArgs,
) -> Result<String, CliError> {
    let deal = &request.deal;
    let mut state = voucher_order_open(deal, &request.order_id, &request.customer_id)?;
    let mut out = vec![describe_deal(deal, &state), String::new()];
    let mut records = Vec::new();
    for (index, TimedVoucherCommand { at, command }) in request.commands.iter().enumerate() {
        let head = format!(
            "#{index:<3} {}  {} by {}",
            at.to_rfc3339(),
            command.name(),
            command.actor().as_str()
        );
        match voucher_order_step(&state, deal, command, *at) {
            Ok(step) => {
                let status = step.state.status.as_str();
                if step.duplicate {
                    out.push(format!(
                        "{head}  -> {status} (duplicate of key {}: nothing applied again)",
                        command.key()
                    ));
                } else {
                    out.push(format!("{head}  -> {status}"));
                    for effect in &step.effects {
                        out.extend(describe_effect(effect));
                    }
                }
                records.push(StepRecord {
                    index,
                    at: at.to_rfc3339(),
                    command,
                    duplicate: step.duplicate,
                    status,
                    effects: step.effects,
                });
                state = step.state;
            }
            Err(error) if args.keep_going => {
                out.push(format!("{head}  -> rejected [{}]: {error}", error.code()));
            }
            Err(error) => {
                return Err(CliError::Core(o2okit::Error::AtEvent {
                    index,
                    error: Box::new(error),
                }))
            }
        }
    }
    if args.json {
        let value = serde_json::to_value(JsonReplay {
            flow: Flow::OnlineToOffline,
            steps: records,
            state,
        })
        .map_err(encode_error)?;
        return Ok(pretty_json(&value));
    }
    out.push(String::new());
    out.extend(totals(&state)?);
    let mut text = out.join("\n");
    text.push('\n');
    Ok(text)
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

const EFFECT: &str = "      ";

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
            for line in &ledger.lines {
                lines.push(format!(
                    "{EFFECT}  {} ({}) {}",
                    line.party_id, line.role, line.amount
                ));
            }
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
