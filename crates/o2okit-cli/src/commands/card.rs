//! `o2okit card replay [FILE|-]`: replay a stored-value card's event log and print its
//! ledger.

use o2okit::{CardEntry, CardEntryKind, CardReplay, CardReplayRequest};

use crate::cli::{CardArgs, CardCommand};
use crate::error::{encode_error, pretty_json, CliError};
use crate::input::read_input;
use crate::table::{Align, Table};

/// Run a card subcommand.
pub fn run(args: &CardArgs) -> Result<String, CliError> {
    match &args.command {
        CardCommand::Replay(replay) => {
            let request: CardReplayRequest = o2okit::decode(&read_input(replay.file.as_deref())?)?;
            let result = o2okit::card_replay(&request.card, &request.rules, &request.events)?;
            if replay.json {
                let value = serde_json::to_value(&result).map_err(encode_error)?;
                return Ok(pretty_json(&value));
            }
            Ok(render(&result))
        }
    }
}

fn event_label(entry: &CardEntry) -> String {
    let detail = entry
        .order_id
        .as_deref()
        .or(entry.key.as_deref())
        .map(|d| format!(" {d}"))
        .unwrap_or_default();
    let kind = match entry.kind {
        CardEntryKind::TopUp => "top_up",
        CardEntryKind::Duplicate => "duplicate",
        CardEntryKind::Spend => "spend",
        CardEntryKind::Refund => "refund",
        CardEntryKind::Close => "close",
    };
    format!("{kind}{detail}")
}

fn signed(money: &o2okit::Money) -> String {
    let text = money.amount().to_string();
    if money.is_positive() {
        format!("+{text}")
    } else {
        text
    }
}

/// The ledger table and the totals.
pub(crate) fn render(replay: &CardReplay) -> String {
    let card = &replay.card;
    let kind = match card.kind {
        o2okit::CardKind::Registered => "registered",
        o2okit::CardKind::Anonymous => "anonymous",
    };
    let status = match card.status {
        o2okit::CardStatus::Open => "open",
        o2okit::CardStatus::Closed => "closed",
    };
    let mut out = format!("card {} ({}, {kind}, {status})\n", card.id, card.currency);
    let mut table = Table::new(&[
        ("time", Align::Left),
        ("event", Align::Left),
        ("amount", Align::Decimal),
        ("principal Δ", Align::Decimal),
        ("bonus Δ", Align::Decimal),
        ("principal", Align::Decimal),
        ("bonus", Align::Decimal),
        ("balance", Align::Decimal),
    ]);
    for entry in &replay.entries {
        let balance = entry
            .principal
            .checked_add(entry.bonus)
            .map(|b| b.amount().to_string())
            .unwrap_or_default();
        table.row(vec![
            entry.at.to_rfc3339(),
            event_label(entry),
            entry.amount.amount().to_string(),
            signed(&entry.principal_delta),
            signed(&entry.bonus_delta),
            entry.principal.amount().to_string(),
            entry.bonus.amount().to_string(),
            balance,
        ]);
    }
    out.push_str(&table.render("  "));
    let t = &replay.totals;
    let mut totals = Table::new(&[
        ("", Align::Left),
        ("principal", Align::Decimal),
        ("bonus", Align::Decimal),
    ]);
    let row = |label: &str, p: &o2okit::Money, b: &o2okit::Money| {
        vec![
            label.to_string(),
            p.amount().to_string(),
            b.amount().to_string(),
        ]
    };
    totals.row(row("topped up / granted", &t.topped_up, &t.bonus_granted));
    totals.row(row("spent", &t.spent_principal, &t.spent_bonus));
    totals.row(row("refunded", &t.refunded_principal, &t.refunded_bonus));
    totals.row(row("paid out / forfeited", &t.paid_out, &t.bonus_forfeited));
    totals.row(row("balance", &t.principal, &t.bonus));
    out.push_str("\ntotals (principal = topped up - spent + refunded - paid out)\n");
    out.push_str(&totals.render("  "));
    out
}
