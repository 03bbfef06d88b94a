//! Ledger lines: who gets what from an order, by which rule, on which base.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::base::SplitBase;
use crate::money::Money;
use crate::roles::Role;

/// The ledger of one order: its lines add up exactly to what the customer paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Ledger {
    /// The order.
    pub order_id: String,
    /// The order time.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// What the customer paid: the sum of the lines.
    pub paid: Money,
    /// Paid plus the subsidised discounts: what the rules and the remainder share.
    pub gross: Money,
    /// The delivery fee charged (part of `paid`).
    pub delivery_fee: Money,
    /// Rule lines in plan order (an attributed rule: one line per touchpoint), then the
    /// remainder, then one subsidy line per subsidised discount.
    pub lines: Vec<LedgerLine>,
}

/// One line of a ledger: a party, its role, an amount, and the rule and base behind it.
///
/// Lines are flat records (every field a scalar) so that a list of them is a table: the
/// statements of [`settle`](fn@crate::settle) and the Python DataFrame view read them as rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LedgerLine {
    /// The order.
    pub order_id: String,
    /// When: the order time for a split, the refund time for a clawback.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// `split` (the order) or `clawback` (a refund).
    pub entry: Entry,
    /// What made the line: a rule, the remainder or a subsidy.
    pub kind: LineKind,
    /// The rule id (`kind: rule`), the remainder's name `remainder`, or the promotion id of a
    /// subsidy.
    pub rule: String,
    /// The party.
    pub party_id: String,
    /// The party's role on this line.
    pub role: Role,
    /// The base the rule was computed on; for a subsidy, what the discount reduced (`goods`
    /// or `delivery_fee`); `remainder` for the remainder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<SplitBase>,
    /// The value of that base for this order (for checking the rule by hand).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_amount: Option<Money>,
    /// For an attributed rule: the touchpoint's position in the journey.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub touchpoint: Option<u32>,
    /// For an attributed rule: the touchpoint's channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The amount: what the party receives (negative: what it pays, such as a subsidy or a
    /// clawback).
    pub amount: Money,
}

/// Whether a line comes from an order's split or from a refund's clawback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Entry {
    /// The split of an order.
    Split,
    /// The clawback of a refund (amounts have the opposite sign of the split).
    Clawback,
}

/// What made a ledger line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// A rule of the plan.
    Rule,
    /// What the rules left, paid to the remainder party.
    Remainder,
    /// A discount charged to the party that funds it (negative in a split).
    Subsidy,
}

impl Ledger {
    /// The lines' total (equal to [`Ledger::paid`]).
    pub fn total(&self) -> Result<Money, crate::Error> {
        self.lines
            .iter()
            .try_fold(Money::zero(self.paid.currency()), |acc, l| {
                acc.checked_add(l.amount)
            })
    }

    /// What one party receives from this order in all (its lines summed; zero when absent).
    pub fn party_total(&self, party_id: &str) -> Result<Money, crate::Error> {
        self.lines
            .iter()
            .filter(|l| l.party_id == party_id)
            .try_fold(Money::zero(self.paid.currency()), |acc, l| {
                acc.checked_add(l.amount)
            })
    }
}
