//! Settlement: ledger lines of many orders and refunds, summed into one statement per party,
//! currency and period.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use super::ledger::LedgerLine;
use crate::money::{Currency, Money};
use crate::roles::Role;
use crate::Error;

/// The length of a settlement period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// One period for everything (`"all"`). The default.
    #[default]
    All,
    /// Calendar days (`"2026-11-22"`).
    Day,
    /// ISO weeks, Monday to Sunday (`"2026-W47"`).
    Week,
    /// Calendar months (`"2026-11"`).
    Month,
}

/// The input of the `settle` wire function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SettleRequest {
    /// Ledger lines of splits and clawbacks, in any order.
    pub lines: Vec<LedgerLine>,
    /// The period length (default `all`).
    #[serde(default)]
    pub period: Period,
    /// The IANA time zone the periods are cut in (default `UTC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

/// Statements, sorted by party, currency and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Settlement {
    /// The period length.
    pub period: Period,
    /// The time zone the periods were cut in.
    pub time_zone: String,
    /// One statement per party, currency and period.
    pub statements: Vec<Statement>,
}

/// What one party is owed (or owes) in one currency over one period, and the lines behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// The party.
    pub party_id: String,
    /// The currency.
    pub currency: Currency,
    /// The period's key (`all`, `2026-11-22`, `2026-W47`, `2026-11`).
    pub period: String,
    /// The net amount: credits plus debits.
    pub total: Money,
    /// The sum of the positive lines.
    pub credits: Money,
    /// The sum of the negative lines (subsidies, clawbacks).
    pub debits: Money,
    /// How many lines.
    pub line_count: u64,
    /// How many distinct orders.
    pub order_count: u64,
    /// Totals by role, by role name.
    pub roles: Vec<RoleTotal>,
    /// The lines, by time, then order id, then the rest of the line.
    pub lines: Vec<LedgerLine>,
}

/// A party's total in one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RoleTotal {
    /// The role.
    pub role: Role,
    /// Its net amount.
    pub total: Money,
    /// How many lines.
    pub line_count: u64,
}

/// A total order on ledger lines (every field compared), so that statements do not depend on
/// the order the lines came in.
fn compare(a: &LedgerLine, b: &LedgerLine) -> Ordering {
    (a.at.timestamp(), a.at.timestamp_subsec_nanos())
        .cmp(&(b.at.timestamp(), b.at.timestamp_subsec_nanos()))
        .then_with(|| a.order_id.cmp(&b.order_id))
        .then_with(|| a.entry.cmp(&b.entry))
        .then_with(|| a.kind.cmp(&b.kind))
        .then_with(|| a.rule.cmp(&b.rule))
        .then_with(|| a.touchpoint.cmp(&b.touchpoint))
        .then_with(|| a.role.cmp(&b.role))
        .then_with(|| a.party_id.cmp(&b.party_id))
        .then_with(|| a.channel.cmp(&b.channel))
        .then_with(|| a.base.cmp(&b.base))
        .then_with(|| key(&a.base_amount).cmp(&key(&b.base_amount)))
        .then_with(|| key(&Some(a.amount)).cmp(&key(&Some(b.amount))))
        .then_with(|| {
            a.at.offset()
                .local_minus_utc()
                .cmp(&b.at.offset().local_minus_utc())
        })
}

fn key(m: &Option<Money>) -> Option<(&'static str, i128)> {
    m.as_ref().map(|m| (m.currency().code(), m.minor_units()))
}

/// Sum ledger lines into one [`Statement`] per party, currency and period.
///
/// Periods are cut in `time_zone` (an IANA name; default UTC): the day, ISO week or month of
/// each line's `at`. Statements come sorted by party id, currency and period key; the lines
/// of a statement are sorted by time, order id and then every other field, so the result
/// does not depend on the order in which the lines (or the orders) are given. Totals are
/// exact; a party with lines in two currencies gets one statement per currency.
///
/// ```
/// use o2okit::{settle, split, Period, SplitOrder, SplitPlan};
/// let plan: SplitPlan = o2okit::decode(r#"{"rules": [{"id": "platform", "to": {"role": "platform", "party_id": "p"},
///     "base": "gross_paid", "pay": {"type": "percent", "percent": "10"}}], "parties": [{"role": "merchant", "party_id": "m"}]}"#)?;
/// let order = |id: &str, paid: &str| -> SplitOrder { o2okit::decode(&format!(
///     r#"{{"id": "{id}", "at": "2026-11-22T12:00:00+08:00", "paid": {{"amount": "{paid}", "currency": "CNY"}}}}"#)).unwrap() };
/// let mut lines = split(&order("a", "100.00"), &plan)?.lines;
/// lines.extend(split(&order("b", "50.00"), &plan)?.lines);
/// let statements = settle(&lines, Period::Month, Some("Asia/Shanghai"))?.statements;
/// assert_eq!(statements[0].party_id, "m");
/// assert_eq!(statements[0].total.to_string(), "135.00 CNY");
/// assert_eq!(statements[1].total.to_string(), "15.00 CNY");
/// assert_eq!(statements[1].period, "2026-11");
/// # Ok::<(), o2okit::Error>(())
/// ```
///
/// Errors: [`Error::UnknownTimeZone`]; [`Error::AmountOutOfRange`] if a total overflows.
pub fn settle(
    lines: &[LedgerLine],
    period: Period,
    time_zone: Option<&str>,
) -> Result<Settlement, Error> {
    let zone_name = time_zone.unwrap_or("UTC");
    let zone = crate::calendar::time_zone(zone_name)?;
    let mut groups: BTreeMap<(&str, Currency, String), Vec<&LedgerLine>> = BTreeMap::new();
    for line in lines {
        let local = zone.local(line.at);
        let key = match period {
            Period::All => "all".to_string(),
            Period::Day => local.format("%Y-%m-%d").to_string(),
            Period::Week => {
                let week = local.iso_week();
                format!("{:04}-W{:02}", week.year(), week.week())
            }
            Period::Month => local.format("%Y-%m").to_string(),
        };
        groups
            .entry((line.party_id.as_str(), line.amount.currency(), key))
            .or_default()
            .push(line);
    }
    let statements = groups
        .into_iter()
        .map(|((party_id, currency, period), mut group)| {
            group.sort_by(|a, b| compare(a, b));
            let zero = Money::zero(currency);
            let (mut credits, mut debits) = (zero, zero);
            let mut roles: BTreeMap<&Role, (Money, u64)> = BTreeMap::new();
            let mut orders = BTreeSet::new();
            for line in &group {
                if line.amount.is_negative() {
                    debits = debits.checked_add(line.amount)?;
                } else {
                    credits = credits.checked_add(line.amount)?;
                }
                let entry = roles.entry(&line.role).or_insert((zero, 0));
                entry.0 = entry.0.checked_add(line.amount)?;
                entry.1 = entry.1.saturating_add(1);
                orders.insert(line.order_id.as_str());
            }
            let mut roles: Vec<RoleTotal> = roles
                .into_iter()
                .map(|(role, (total, line_count))| RoleTotal {
                    role: role.clone(),
                    total,
                    line_count,
                })
                .collect();
            roles.sort_by(|a, b| a.role.as_str().cmp(b.role.as_str()));
            Ok(Statement {
                party_id: party_id.to_string(),
                currency,
                period,
                total: credits.checked_add(debits)?,
                credits,
                debits,
                line_count: u64::try_from(group.len()).unwrap_or(u64::MAX),
                order_count: u64::try_from(orders.len()).unwrap_or(u64::MAX),
                roles,
                lines: group.into_iter().cloned().collect(),
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Settlement {
        period,
        time_zone: zone_name.to_string(),
        statements,
    })
}
