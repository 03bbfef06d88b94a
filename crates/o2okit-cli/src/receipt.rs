//! The readable receipt of a [`Quote`], shared by `o2okit quote` and the demo.
//!
//! Everything here is formatting: the amounts, shares, reasons and hints are the library's.

use o2okit::{FundedBy, Money, Quote, QuotedLine, Rejection};

use crate::table::{Align, Table};

/// The whole receipt: lines, discounts, delivery, totals, rejected promotions, selection.
/// Every line starts with `indent`.
pub fn receipt(quote: &Quote, indent: &str) -> String {
    let inner = format!("{indent}  ");
    let mut out = String::new();
    let mut section = |title: &str, body: String| {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("{indent}{title}\n"));
        out.push_str(&body);
    };
    section("Lines", lines_table(quote, &inner));
    section("Discounts", discounts_block(quote, &inner));
    if !quote.gifts.is_empty() {
        section("Gifts", gifts_table(quote, &inner));
    }
    if let Some(delivery) = &quote.delivery {
        section(
            "Delivery",
            format!(
                "{inner}fee {}, discount {}, charged {}\n",
                delivery.fee.amount(),
                delivery.discount.amount(),
                delivery.charged.amount()
            ),
        );
    }
    section("Totals", totals_table(quote, &inner));
    section("Not applied", rejected_block(&quote.rejected, &inner));
    section("Selection", selection_block(quote, &inner));
    out
}

/// "merchant", or "brand (coca-cola)" when a party is named.
pub fn payer(funded_by: &FundedBy) -> String {
    match &funded_by.party_id {
        Some(party) => format!("{} ({party})", funded_by.role),
        None => funded_by.role.clone(),
    }
}

/// "key=value, key=value" (the params are already sorted by key).
pub fn params(rejection: &Rejection) -> String {
    rejection
        .params
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "1 x 28.44, 2 x 28.45" when a line's units have different net prices, else empty.
fn unit_nets(line: &QuotedLine) -> String {
    if line.units.len() < 2 {
        return String::new();
    }
    line.units
        .iter()
        .map(|run| format!("{} x {}", run.count, run.net.amount()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn lines_table(quote: &Quote, indent: &str) -> String {
    let mut table = Table::new(&[
        ("line", Align::Left),
        ("qty", Align::Decimal),
        ("original", Align::Decimal),
        ("discount", Align::Decimal),
        ("net", Align::Decimal),
        ("unit nets", Align::Left),
    ]);
    for line in &quote.lines {
        table.row(vec![
            line.line_id.clone(),
            line.quantity.normalize().to_string(),
            line.original.amount().to_string(),
            line.discount.amount().to_string(),
            line.net.amount().to_string(),
            unit_nets(line),
        ]);
    }
    table.render(indent)
}

fn discounts_block(quote: &Quote, indent: &str) -> String {
    if quote.discounts.is_empty() {
        return format!("{indent}none\n");
    }
    let mut table = Table::new(&[
        ("promotion", Align::Left),
        ("kind", Align::Left),
        ("amount", Align::Decimal),
        ("funded by", Align::Left),
        ("lines touched", Align::Left),
    ]);
    for discount in &quote.discounts {
        let touched = if discount.lines.is_empty() {
            match discount.kind.as_str() {
                "delivery" => "delivery fee".to_string(),
                "gift" => "gift item".to_string(),
                _ => "-".to_string(),
            }
        } else {
            discount
                .lines
                .iter()
                .map(|share| format!("{} {}", share.line_id, share.amount.amount()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        table.row(vec![
            discount.promotion_id.clone(),
            discount.kind.clone(),
            discount.amount.amount().to_string(),
            payer(&discount.funded_by),
            touched,
        ]);
    }
    let mut out = table.render(indent);
    for discount in &quote.discounts {
        if let Some(hint) = &discount.hint {
            out.push_str(&format!(
                "{indent}hint for {}: {}\n",
                discount.promotion_id, hint.message
            ));
        }
    }
    out
}

fn gifts_table(quote: &Quote, indent: &str) -> String {
    let mut table = Table::new(&[
        ("promotion", Align::Left),
        ("product", Align::Left),
        ("qty", Align::Right),
        ("value", Align::Decimal),
        ("funded by", Align::Left),
    ]);
    for gift in &quote.gifts {
        table.row(vec![
            gift.promotion_id.clone(),
            gift.product_id.clone(),
            gift.quantity.to_string(),
            gift.value.amount().to_string(),
            payer(&gift.funded_by),
        ]);
    }
    table.render(indent)
}

fn totals_table(quote: &Quote, indent: &str) -> String {
    let mut table = Table::new(&[("", Align::Left), ("", Align::Decimal)]);
    table.row(vec!["subtotal".into(), amount(quote.subtotal)]);
    table.row(vec!["discounts".into(), minus(quote.discount_total)]);
    if let Some(delivery) = &quote.delivery {
        table.row(vec!["delivery".into(), amount(delivery.charged)]);
    }
    table.row(vec!["total".into(), quote.total.to_string()]);
    // The header row of this two-column table is blank: drop it.
    table
        .render(indent)
        .lines()
        .skip(1)
        .map(|line| format!("{line}\n"))
        .collect()
}

fn rejected_block(rejected: &[Rejection], indent: &str) -> String {
    if rejected.is_empty() {
        return format!("{indent}none\n");
    }
    let mut table = Table::new(&[
        ("promotion", Align::Left),
        ("reason", Align::Left),
        ("params", Align::Left),
        ("hint", Align::Left),
    ]);
    for rejection in rejected {
        table.row(vec![
            rejection.promotion_id.clone(),
            reason_code(rejection),
            params(rejection),
            rejection
                .hint
                .as_ref()
                .map_or_else(String::new, |h| h.message.clone()),
        ]);
    }
    table.render(indent)
}

fn selection_block(quote: &Quote, indent: &str) -> String {
    let s = &quote.selection;
    let optimal = if s.optimal {
        "yes (proven best combination)"
    } else {
        "no (the search reached its bound; the best combination found)"
    };
    [
        format!("mode         {}", s.mode),
        format!("optimal      {optimal}"),
        format!("candidates   {}", s.candidates),
        format!("evaluations  {}", s.evaluations),
        format!("saving       {}", s.saving),
    ]
    .iter()
    .map(|line| format!("{indent}{line}\n"))
    .collect()
}

/// The stable reason code as it appears on the wire (`min_spend_not_met`).
pub fn reason_code(rejection: &Rejection) -> String {
    serde_json::to_value(rejection.reason)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| format!("{:?}", rejection.reason))
}

fn amount(money: Money) -> String {
    money.amount().to_string()
}

/// "-27.00" for a discount of 27.00 ("0.00" stays unsigned).
fn minus(money: Money) -> String {
    if money.is_zero() {
        amount(money)
    } else {
        format!("-{}", money.amount())
    }
}
