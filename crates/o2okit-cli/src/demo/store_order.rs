//! Helpers shared by the store-order walk-throughs of flows 2, 3 and 4: the journey
//! classified, a quote turned into the order's `place` command, the lifecycle replayed as
//! `o2okit flow replay` prints it, and the settlement statements.

use o2okit::{
    classify, settle, store_order_open, store_order_step, Classification, Journey, Period, Quote,
    StoreOrderReplayRequest,
};
use serde_json::{json, Value};

use super::Page;
use crate::commands::flow::replay_text;
use crate::ledger::statements;

/// Classify a journey and print the flow with the touchpoints that decided it.
pub fn journey(page: &mut Page, journey: &str) -> Result<(), o2okit::Error> {
    let journey: Journey = o2okit::decode(journey)?;
    match classify(&journey)? {
        Classification::Classified { flow, evidence, .. } => page.line(format!(
            "  flow {} {} ({}), decided by touchpoints {:?}",
            flow.number(),
            flow.as_str(),
            flow.name_zh(),
            evidence.iter().map(|e| e.index).collect::<Vec<_>>()
        )),
        other => page.line(format!(
            "  not classified: {}",
            serde_json::to_string(&other).unwrap_or_default()
        )),
    }
    Ok(())
}

/// Print a quote's discounts and total, one line each.
pub fn quote_lines(page: &mut Page, quote: &Quote) {
    page.line(format!("  subtotal {}", quote.subtotal));
    for discount in &quote.discounts {
        page.line(format!(
            "  - {} {} ({}, funded by {})",
            discount.amount, discount.promotion_id, discount.kind, discount.funded_by.role
        ));
    }
    page.line(format!("  to pay {}", quote.total));
}

/// The example log with its `place` command paying the quote: the amount is the quote's
/// total and the discounts are the quote's, each with its funder.
pub fn log_paying(example: &str, quote: &Quote) -> Result<String, o2okit::Error> {
    let mut log: Value = o2okit::decode(example)?;
    let discounts: Vec<Value> = quote
        .discounts
        .iter()
        .map(|d| {
            json!({"promotion_id": d.promotion_id, "amount": d.amount, "funded_by": d.funded_by})
        })
        .collect();
    let missing = || o2okit::Error::InvalidInput {
        field: "commands".into(),
        reason: "the example has no place command".into(),
    };
    let place = log
        .get_mut("commands")
        .and_then(Value::as_array_mut)
        .and_then(|commands| {
            commands
                .iter_mut()
                .find(|c| c.pointer("/command/type").and_then(Value::as_str) == Some("place"))
        })
        .and_then(|c| c.get_mut("command"))
        .and_then(Value::as_object_mut)
        .ok_or_else(missing)?;
    place.insert("amount".into(), json!(quote.total));
    place.insert("discounts".into(), Value::Array(discounts));
    Ok(log.to_string())
}

/// Replay the log as `o2okit flow replay --keep-going` prints it, then the statements of
/// what was settled, per party, for the week in Asia/Shanghai.
pub fn replay_and_settle(page: &mut Page, log: &str) -> Result<(), o2okit::Error> {
    page.block(&indent(&replay_text(log)?));
    let mut value: Value = o2okit::decode(log)?;
    if let Some(object) = value.as_object_mut() {
        object.remove("flow");
    }
    let request: StoreOrderReplayRequest = o2okit::decode(&value.to_string())?;
    // As `--keep-going` does: a rejected command leaves the state as it was.
    let mut state = store_order_open(&request.policy, &request.order_id, &request.customer_id)?;
    for timed in &request.commands {
        if let Ok(step) = store_order_step(&state, &request.policy, &timed.command, timed.at) {
            state = step.state;
        }
    }
    if let Some(ledger) = &state.ledger {
        page.blank();
        page.line("The week's statements per party:");
        page.block(&statements(
            &settle(&ledger.lines, Period::Week, Some("Asia/Shanghai"))?,
            "  ",
        ));
    }
    Ok(())
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.trim().is_empty() {
                "\n".to_string()
            } else {
                format!("  {line}\n")
            }
        })
        .collect()
}
