//! The priced result of a quote.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::promotion::{Base, FundedBy, Level};
use super::reasons::{Hint, Rejection};
use crate::money::Money;
use crate::wire::decimal::decimal_string;

/// A priced cart: subtotal, the discounts that applied (each with its payer and the lines
/// it touched), delivery, total, per-line and per-unit net prices, gifts, and the
/// promotions that did not apply with their reasons.
///
/// `total = subtotal − discount_total + delivery.charged`, never negative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The lines at their original prices.
    pub subtotal: Money,
    /// Every applied discount, in pipeline order.
    pub discounts: Vec<AppliedDiscount>,
    /// The sum of the item and order discounts (delivery discounts are in `delivery`).
    pub discount_total: Money,
    /// The delivery fee, its discount and what is charged (absent without a fee).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<DeliveryQuote>,
    /// What the customer pays.
    pub total: Money,
    /// Each line with its discounts and net prices.
    pub lines: Vec<QuotedLine>,
    /// Free gifts added by promotions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gifts: Vec<GiftItem>,
    /// Promotions that did not apply, with their reasons and hints.
    pub rejected: Vec<super::reasons::Rejection>,
    /// How the applied combination was chosen.
    pub selection: SelectionReport,
}

/// One applied discount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AppliedDiscount {
    /// The promotion.
    pub promotion_id: String,
    /// The discount kind (`threshold`, `nth_item`, …).
    pub kind: String,
    /// Its pipeline level.
    pub level: Level,
    /// The amount taken off.
    pub amount: Money,
    /// Who pays for it.
    pub funded_by: FundedBy,
    /// The base it was computed on.
    pub base: Base,
    /// How it is spread over the lines (shares sum exactly to `amount`; empty for
    /// delivery discounts and gifts).
    pub lines: Vec<LineShare>,
    /// An upsell, e.g. "add 30.00 more to get 50.00 off".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Hint>,
}

/// A discount's share on one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LineShare {
    /// The line.
    pub line_id: String,
    /// Its share.
    pub amount: Money,
}

/// The delivery part of a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DeliveryQuote {
    /// The fee before discounts.
    pub fee: Money,
    /// Delivery discounts.
    pub discount: Money,
    /// What is charged.
    pub charged: Money,
}

/// One line of a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QuotedLine {
    /// The line.
    pub line_id: String,
    /// Its quantity.
    #[serde(with = "decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub quantity: Decimal,
    /// The line at its original price.
    pub original: Money,
    /// Every discount on it.
    pub discount: Money,
    /// What is paid for it: `original − discount`.
    pub net: Money,
    /// Net price per unit, as runs of equal prices in unit order (a weighed line is one
    /// unit). Refunds of single units use these.
    pub units: Vec<UnitRun>,
}

/// `count` consecutive units with the same net price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UnitRun {
    /// How many units.
    pub count: u64,
    /// The net price of each.
    pub net: Money,
}

/// A free gift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GiftItem {
    /// The promotion that gave it.
    pub promotion_id: String,
    /// The gift's product.
    pub product_id: String,
    /// How many.
    pub quantity: u32,
    /// The value of one gift unit, paid by `funded_by` (the saving counts value × quantity;
    /// a gift does not change the total, and `max_discount` does not apply to it).
    pub value: Money,
    /// Who pays for it.
    pub funded_by: FundedBy,
}

/// How the applied combination was chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SelectionReport {
    /// `best_for_customer` or `explicit`.
    pub mode: String,
    /// Whether the chosen combination is proven to save the most (false when the search
    /// hit its bound).
    pub optimal: bool,
    /// Promotions that passed the static checks and were considered.
    pub candidates: u64,
    /// Pipeline evaluations spent.
    pub evaluations: u64,
    /// The customer's saving: discounts, delivery discounts and gift values.
    pub saving: Money,
}

/// The rejections for promotions, by reason, used by tests and callers that want one.
impl Quote {
    /// The rejection of a promotion, if it was rejected.
    pub fn rejection(&self, promotion_id: &str) -> Option<&Rejection> {
        self.rejected
            .iter()
            .find(|r| r.promotion_id == promotion_id)
    }

    /// The applied discount of a promotion, if it applied.
    pub fn discount(&self, promotion_id: &str) -> Option<&AppliedDiscount> {
        self.discounts
            .iter()
            .find(|d| d.promotion_id == promotion_id)
    }
}
