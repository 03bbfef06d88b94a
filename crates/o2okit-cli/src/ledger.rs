//! Readable ledgers and statements of the revenue split, shared by `o2okit split`,
//! `o2okit settle` and the demo. Everything here is formatting; the amounts are the
//! library's.

use o2okit::{Ledger, LedgerLine, LineKind, Settlement};

use crate::table::{Align, Table};

/// A ledger as a table (party, role, rule, base, amount), then its total against what was
/// paid. Every line starts with `indent`.
pub fn ledger_table(ledger: &Ledger, indent: &str) -> String {
    let mut table = Table::new(&[
        ("party", Align::Left),
        ("role", Align::Left),
        ("line", Align::Left),
        ("base", Align::Left),
        ("on", Align::Decimal),
        ("amount", Align::Decimal),
    ]);
    for line in &ledger.lines {
        table.row(row(line));
    }
    let mut out = table.render(indent);
    let total = ledger
        .total()
        .map_or_else(|e| format!("? ({e})"), |t| t.to_string());
    out.push_str(&format!(
        "{indent}total {total} = paid {} (gross shared {}, delivery fee {})\n",
        ledger.paid, ledger.gross, ledger.delivery_fee
    ));
    out
}

fn row(line: &LedgerLine) -> Vec<String> {
    let what = match line.kind {
        LineKind::Rule => match (&line.channel, line.touchpoint) {
            (Some(channel), Some(t)) => format!("rule {} (touch #{t} {channel})", line.rule),
            _ => format!("rule {}", line.rule),
        },
        LineKind::Remainder => "remainder".to_string(),
        LineKind::Subsidy => format!("subsidy of {}", line.rule),
    };
    vec![
        line.party_id.clone(),
        line.role.as_str().to_string(),
        what,
        line.base
            .map(|b| b.as_str().to_string())
            .unwrap_or_default(),
        line.base_amount
            .map(|m| m.amount().to_string())
            .unwrap_or_default(),
        line.amount.amount().to_string(),
    ]
}

/// Statements: one block per party, currency and period, with its role totals.
pub fn statements(settlement: &Settlement, indent: &str) -> String {
    let mut table = Table::new(&[
        ("party", Align::Left),
        ("currency", Align::Left),
        ("period", Align::Left),
        ("orders", Align::Right),
        ("lines", Align::Right),
        ("credits", Align::Decimal),
        ("debits", Align::Decimal),
        ("total", Align::Decimal),
        ("by role", Align::Left),
    ]);
    for s in &settlement.statements {
        let roles: Vec<String> = s
            .roles
            .iter()
            .map(|r| format!("{} {}", r.role.as_str(), r.total.amount()))
            .collect();
        table.row(vec![
            s.party_id.clone(),
            s.currency.code().to_string(),
            s.period.clone(),
            s.order_count.to_string(),
            s.line_count.to_string(),
            s.credits.amount().to_string(),
            s.debits.amount().to_string(),
            s.total.amount().to_string(),
            roles.join(", "),
        ]);
    }
    format!(
        "{}{indent}period: {} in {}\n",
        table.render(indent),
        serde_json::to_value(settlement.period)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        settlement.time_zone
    )
}
