//! `o2okit assign [FILE|-]`: assign an order to a store and explain the others.

use o2okit::{AssignRequest, Assignment, PassReason};

use crate::cli::AssignArgs;
use crate::error::{encode_error, pretty_json, CliError};
use crate::input::read_input;
use crate::table::{Align, Table};

/// Read the request, assign, and render the result (or the Assignment JSON).
pub fn run(args: &AssignArgs) -> Result<String, CliError> {
    let request = o2okit::decode::<AssignRequest>(&read_input(args.file.as_deref())?)?;
    let result = o2okit::assign(
        &request.order,
        &request.stores,
        request.now,
        &request.policy,
    )?;
    if args.json {
        let value = serde_json::to_value(&result).map_err(encode_error)?;
        return Ok(pretty_json(&value));
    }
    Ok(render(&result))
}

fn distance(metres: Option<u32>) -> String {
    metres.map_or_else(String::new, |m| format!("{m} m"))
}

pub(crate) fn reason(reason: &PassReason) -> String {
    match reason {
        PassReason::Closed {
            next_open: Some(at),
        } => format!("closed (opens {})", at.to_rfc3339()),
        PassReason::OutOfStock { short } => {
            let parts: Vec<String> = short
                .iter()
                .map(|s| format!("{} {}/{}", s.product_id, s.available, s.wanted))
                .collect();
            format!("out_of_stock ({})", parts.join(", "))
        }
        PassReason::AtCapacity {
            daily_capacity,
            used_today,
        } => format!("at_capacity ({used_today}/{daily_capacity} today)"),
        PassReason::BelowMinimumOrder { min_order } => {
            format!("below_minimum_order (min {min_order})")
        }
        PassReason::TieBreak { by } => {
            let by = serde_json::to_value(by)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            format!("tie_break ({by})")
        }
        other => other.code().to_string(),
    }
}

pub(crate) fn render(result: &Assignment) -> String {
    let status = serde_json::to_value(result.status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let mut out = format!("status: {status}\n");
    if !result.chosen.is_empty() {
        let mut table = Table::new(&[
            ("chosen", Align::Left),
            ("distance", Align::Right),
            ("fee", Align::Decimal),
            ("eta", Align::Right),
            ("items", Align::Left),
        ]);
        for c in &result.chosen {
            table.row(vec![
                c.store_id.clone(),
                distance(Some(c.distance_m)),
                c.fee.map_or_else(String::new, |f| f.to_string()),
                c.eta_minutes
                    .map_or_else(String::new, |e| format!("{e} min")),
                c.items.join(", "),
            ]);
        }
        out.push_str(&table.render("  "));
    }
    if let (Some(fee), true) = (result.fee, result.chosen.len() > 1) {
        out.push_str(&format!("  total fee {fee}\n"));
    }
    if !result.passed_over.is_empty() {
        let mut table = Table::new(&[
            ("passed over", Align::Left),
            ("distance", Align::Right),
            ("reasons", Align::Left),
        ]);
        for p in &result.passed_over {
            let reasons: Vec<String> = p.reasons.iter().map(reason).collect();
            table.row(vec![
                p.store_id.clone(),
                distance(p.distance_m),
                reasons.join("; "),
            ]);
        }
        out.push_str(&table.render("  "));
    }
    out
}
