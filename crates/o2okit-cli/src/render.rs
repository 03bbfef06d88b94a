//! Human-readable renderings of library values, shared by the commands and the demo.

use o2okit::{Allocation, Currency, Money};

use crate::table::{Align, Table};

/// The rule the library applies, in one line.
pub fn allocation_rule(allocation: &Allocation) -> String {
    if allocation.unit.minor_units() == 1 {
        "largest remainder on minor units; ties to the lower index".to_string()
    } else {
        format!(
            "largest remainder on whole cash steps of {}; ties to the lower index",
            allocation.unit
        )
    }
}

/// One row per party: index (or label), weight, amount, exact share, remainder, markers.
pub fn allocation_table(allocation: &Allocation, labels: Option<&[&str]>, indent: &str) -> String {
    let first = match labels {
        Some(_) => ("party", Align::Left),
        None => ("#", Align::Right),
    };
    let mut table = Table::new(&[
        first,
        ("weight", Align::Decimal),
        ("amount", Align::Decimal),
        ("exact share", Align::Decimal),
        ("remainder", Align::Decimal),
        ("", Align::Left),
    ]);
    for (index, part) in allocation.parts.iter().enumerate() {
        let label = labels
            .and_then(|l| l.get(index))
            .map_or_else(|| index.to_string(), |l| (*l).to_string());
        let mut marks = Vec::new();
        if part.extra_unit {
            marks.push("+1 leftover unit");
        }
        if part.capped {
            marks.push("capped");
        }
        table.row(vec![
            label,
            part.weight.to_string(),
            part.amount.amount().to_string(),
            part.exact_share.to_string(),
            part.remainder.to_string(),
            marks.join(", "),
        ]);
    }
    table.render(indent)
}

/// The table, then the total, the unit and the rule.
pub fn allocation_report(allocation: &Allocation) -> String {
    let mut out = allocation_table(allocation, None, "");
    out.push('\n');
    out.push_str(&allocation_footer(allocation, ""));
    out
}

/// Total, unit, leftover count, rule, and a legend for the markers in use.
pub fn allocation_footer(allocation: &Allocation, indent: &str) -> String {
    let leftover = match allocation.leftover_units {
        1 => "1 leftover unit".to_string(),
        n => format!("{n} leftover units"),
    };
    let mut lines = vec![
        format!("total   {}", allocation.total),
        format!(
            "unit    {} ({leftover} after flooring the exact shares)",
            allocation.unit
        ),
        format!("rule    {}", allocation_rule(allocation)),
    ];
    if allocation.parts.iter().any(|p| p.capped) {
        lines.push(
            "capped  the part was limited by its cap (its exact share shows the cap);".to_string(),
        );
        lines
            .push("        what it could not take went to the other parties by weight".to_string());
    }
    lines
        .iter()
        .map(|line| format!("{indent}{line}\n"))
        .collect()
}

/// The parts' amounts, joined with " / " ("74.99 / 25.00").
pub fn amounts_line(allocation: &Allocation) -> String {
    allocation
        .parts
        .iter()
        .map(|p| p.amount.amount().to_string())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// "one unit is 0.01 CNY" / "0 decimals: one unit is 1 JPY".
pub fn smallest_unit(currency: Currency) -> String {
    Money::from_minor(1, currency).map_or_else(|_| "?".to_string(), |m| m.to_string())
}

/// A table of currencies: code, minor units, smallest unit, name.
pub fn currency_table(currencies: impl IntoIterator<Item = Currency>) -> String {
    let mut table = Table::new(&[
        ("code", Align::Left),
        ("minor units", Align::Right),
        ("smallest unit", Align::Decimal),
        ("name", Align::Left),
    ]);
    for currency in currencies {
        let unit = Money::from_minor(1, currency)
            .map_or_else(|_| "?".to_string(), |m| m.amount().to_string());
        table.row(vec![
            currency.code().to_string(),
            currency.minor_units().to_string(),
            unit,
            currency.name().to_string(),
        ]);
    }
    table.render("")
}
