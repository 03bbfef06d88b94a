//! Flow 1, online → offline (先线上后线下): a Meituan-style group-buy voucher bought online,
//! checked offline at the counter by its code, redeemed (核销), reversed once by mistake,
//! settled through the split and refunded for the unused voucher (随时退); the money nets
//! to zero.

use chrono::{DateTime, FixedOffset};
use o2okit::{
    settle, verify_code, voucher_order_open, voucher_order_step, LedgerLine, Period, VoucherDeal,
    VoucherOrderCommand, VoucherOrderEffect, VoucherOrderState, VoucherRejection, VoucherScope,
};

use super::store_order::journey;
use super::{Page, Section};
use crate::ledger::{ledger_table, statements};

pub const SECTION: Section = Section {
    name: "voucher-order",
    title: "Flow 1, online -> offline: a group-buy voucher redeemed in store",
    run,
};

/// Two single-use vouchers for a hotpot set for two, 99.00 each, at two stores, refundable
/// any time (随时退), reversible for 10 minutes, with 12-digit Damm codes.
const DEAL: &str = r#"{"id": "hotpot-for-2", "price": {"amount": "99.00", "currency": "CNY"},
    "vouchers": 2, "uses": 1,
    "valid_from": "2026-11-20T00:00:00+08:00", "valid_until": "2026-12-20T00:00:00+08:00",
    "stores": ["xinjiekou", "hexi"], "refund": "any_time", "reversal_minutes": 10,
    "plan": {"rules": [
        {"id": "processor", "to": {"role": "payment_processor", "party_id": "wxpay"},
         "base": "customer_paid", "pay": {"type": "percent", "percent": "0.6"}},
        {"id": "commission", "to": {"role": "platform", "party_id": "groupbuy-app"},
         "base": "gross_paid", "pay": {"type": "percent", "percent": "6"}}],
        "remainder": {"role": "merchant", "party_id": "hotpot-chain"}},
    "codes": {"key": "6f326f6b69742d64656d6f2d6b657921", "spec": {"digits": 12, "serial_digits": 6, "check": "damm"}}}"#;

const JOURNEY: &str = r#"{"touchpoints": [
    {"channel": "online", "stage": "marketing", "at": "2026-11-22T12:00:00+08:00", "kind": "feed_ad"},
    {"channel": "online", "stage": "transaction", "at": "2026-11-22T12:03:00+08:00", "kind": "voucher_paid"},
    {"channel": "offline", "stage": "experience", "at": "2026-11-23T19:00:00+08:00", "kind": "voucher_redeemed"}]}"#;

fn at(text: &str) -> Result<DateTime<FixedOffset>, o2okit::Error> {
    o2okit::decode(&format!("\"{text}\""))
}

/// One step of the story: apply `command` at `time`, print what happened.
fn step(
    page: &mut Page,
    state: &mut VoucherOrderState,
    deal: &VoucherDeal,
    time: &str,
    command: &str,
) -> Result<Vec<VoucherOrderEffect>, o2okit::Error> {
    let command: VoucherOrderCommand = o2okit::decode(command)?;
    let now = at(time)?;
    let clock = time.get(11..16).unwrap_or(time);
    match voucher_order_step(state, deal, &command, now) {
        Ok(step) => {
            let mark = if step.duplicate {
                " (duplicate: nothing applied again)"
            } else {
                ""
            };
            page.line(format!(
                "  {clock}  {:<8} by {:<9} -> {}{mark}",
                command.name(),
                command.actor().as_str(),
                step.state.status.as_str()
            ));
            if !step.duplicate {
                for effect in &step.effects {
                    page.line(format!("           {}", describe(effect)));
                }
            }
            *state = step.state;
            Ok(step.effects)
        }
        Err(error) => {
            page.line(format!(
                "  {clock}  {:<8} by {:<9} -> rejected",
                command.name(),
                command.actor().as_str()
            ));
            page.error("           ", &error);
            Ok(Vec::new())
        }
    }
}

fn rejection(reason: VoucherRejection) -> &'static str {
    match reason {
        VoucherRejection::BadCheckDigit => "bad_check_digit",
        VoucherRejection::Mismatch => "mismatch",
        VoucherRejection::Expired => "expired",
    }
}

fn describe(effect: &VoucherOrderEffect) -> String {
    match effect {
        VoucherOrderEffect::Charge {
            customer_id,
            amount,
        } => format!("charge {customer_id} {amount}"),
        VoucherOrderEffect::IssueVoucher { voucher, code, .. } => format!(
            "issue voucher {voucher}, code {}",
            code.as_deref().unwrap_or("-")
        ),
        VoucherOrderEffect::Redeemed {
            voucher,
            store_id,
            amount,
            ..
        } => format!("redeemed {voucher} at {store_id}: {amount} now due to the parties"),
        VoucherOrderEffect::Reversed {
            voucher, amount, ..
        } => format!("reversed: {voucher} is usable again ({amount})"),
        VoucherOrderEffect::Refund {
            customer_id,
            voucher,
            amount,
            ..
        } => format!("refund {customer_id} {amount} for {voucher}"),
        VoucherOrderEffect::Breakage {
            voucher, amount, ..
        } => format!("breakage {amount} for {voucher}, paid to the merchant"),
        VoucherOrderEffect::Settle {
            redemption, amount, ..
        } => format!("settle redemption {redemption}: pay out {amount} by the plan"),
    }
}

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    let deal: VoucherDeal = o2okit::decode(DEAL)?;
    page.line("Ann sees a feed ad for a hotpot set for two and buys two vouchers at 99.00 in the");
    page.line("app; she eats at the Xinjiekou store the next evening. Her journey, classified:");
    journey(page, JOURNEY)?;
    page.blank();
    page.line("Each command carries an idempotency key and an actor; each step returns the next");
    page.line("state and the effects for the platform to carry out. o2okit moves no money.");
    page.blank();
    let mut state = voucher_order_open(&deal, "mt-88001", "ann")?;
    let paid = step(
        page,
        &mut state,
        &deal,
        "2026-11-22T12:03:00+08:00",
        r#"{"type": "pay", "key": "pay-1", "actor": "customer", "serial": 88001,
            "amount": {"amount": "198.00", "currency": "CNY"}}"#,
    )?;
    page.blank();
    let code = paid.iter().find_map(|e| match e {
        VoucherOrderEffect::IssueVoucher { code, .. } => code.clone(),
        _ => None,
    });
    if let (Some(code), Some(codes)) = (code, &deal.codes) {
        let scope = VoucherScope {
            store_id: None,
            deal_id: Some(deal.id.clone()),
            expires_at: Some(deal.valid_until),
        };
        let evening = at("2026-11-23T19:00:00+08:00")?;
        page.line("At the counter the store checks the code offline, with the deal's key only:");
        let check = verify_code(&codes.key, &codes.spec, &code, &scope, evening)?;
        page.line(format!(
            "  {code}  valid: {} (serial {})",
            check.valid,
            check.serial.map_or("-".to_string(), |s| s.to_string())
        ));
        let mut typo: Vec<char> = code.chars().collect();
        if let Some(last) = typo.get_mut(3) {
            *last = if *last == '7' { '1' } else { '7' };
        }
        let typo: String = typo.into_iter().collect();
        let check = verify_code(&codes.key, &codes.spec, &typo, &scope, evening)?;
        page.line(format!(
            "  {typo}  valid: {} ({}; one digit mistyped)",
            check.valid,
            check.reason.map_or("-", rejection)
        ));
        page.blank();
    }
    page.line("The evening: a redemption, the same request retried by a flaky network, a wrong");
    page.line(
        "voucher redeemed and reversed inside the 10-minute window, a reversal too late, and",
    );
    page.line("the voucher presented at a store the deal does not cover:");
    page.blank();
    let redeem = r#"{"type": "redeem", "key": "r-1", "actor": "staff", "voucher": "mt-88001/v1",
        "store_id": "xinjiekou", "staff_id": "wang"}"#;
    step(page, &mut state, &deal, "2026-11-23T19:00:00+08:00", redeem)?;
    step(page, &mut state, &deal, "2026-11-23T19:00:05+08:00", redeem)?;
    step(
        page,
        &mut state,
        &deal,
        "2026-11-23T19:01:00+08:00",
        r#"{"type": "redeem", "key": "r-2", "actor": "staff", "voucher": "mt-88001/v2",
            "store_id": "xinjiekou", "staff_id": "wang"}"#,
    )?;
    step(
        page,
        &mut state,
        &deal,
        "2026-11-23T19:04:00+08:00",
        r#"{"type": "reverse", "key": "x-2", "actor": "staff", "redemption": "r-2"}"#,
    )?;
    step(
        page,
        &mut state,
        &deal,
        "2026-11-23T19:30:00+08:00",
        r#"{"type": "reverse", "key": "x-1", "actor": "staff", "redemption": "r-1"}"#,
    )?;
    step(
        page,
        &mut state,
        &deal,
        "2026-11-23T19:31:00+08:00",
        r#"{"type": "redeem", "key": "r-3", "actor": "staff", "voucher": "mt-88001/v2",
            "store_id": "gulou"}"#,
    )?;
    page.blank();
    page.line("Overnight the platform settles what is past its reversal window; a week later Ann");
    page.line("refunds the voucher she did not use (随时退):");
    page.blank();
    let settled = step(
        page,
        &mut state,
        &deal,
        "2026-11-24T02:00:00+08:00",
        r#"{"type": "settle", "key": "settle-1124", "actor": "platform"}"#,
    )?;
    step(
        page,
        &mut state,
        &deal,
        "2026-11-30T10:00:00+08:00",
        r#"{"type": "refund", "key": "refund-1", "actor": "customer"}"#,
    )?;
    page.blank();
    let mut lines: Vec<LedgerLine> = Vec::new();
    for effect in &settled {
        if let VoucherOrderEffect::Settle { ledger, .. } = effect {
            page.line(
                "The settled redemption's split (every line adds up to the voucher's 99.00):",
            );
            page.block(&ledger_table(ledger, "  "));
            lines.extend(ledger.lines.iter().cloned());
        }
    }
    page.blank();
    page.line("The week's statements per party:");
    page.block(&statements(
        &settle(&lines, Period::Week, Some("Asia/Shanghai"))?,
        "  ",
    ));
    page.blank();
    let totals = &state.totals;
    page.line(format!(
        "Status {}: charged {} = refunded {} + settled {} + breakage {}; held {}.",
        state.status.as_str(),
        totals.charged,
        totals.refunded,
        totals.settled,
        totals.breakage,
        totals.held()?
    ));
    Ok(())
}
