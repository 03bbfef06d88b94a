//! The input of a parity check: observed prices and the tolerance.

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::promo::Channel;
use crate::wire::decimal::decimal_string;

/// A price seen for a product in a channel (and store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PriceObservation {
    /// The product (SKU) id.
    pub product_id: String,
    /// The channel the price is offered in.
    pub channel: Channel,
    /// The store, for a store's own price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_id: Option<String>,
    /// The price of one unit.
    pub price: Money,
    /// When it was seen, RFC 3339 (carried, not compared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub at: Option<DateTime<FixedOffset>>,
}

/// How far a price may be from the reference and still be at parity (inclusive): an amount,
/// or a percent of the reference price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Tolerance {
    /// `{"amount": {"amount": "0.50", "currency": "CNY"}}`: at most this much above or below.
    Amount(Money),
    /// `{"percent": "2"}`: at most 2% of the reference price above or below.
    Percent(
        #[serde(with = "decimal_string")]
        #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
        Decimal,
    ),
}

/// The input of the `price.parity` wire function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ParityRequest {
    /// The prices seen.
    pub observations: Vec<PriceObservation>,
    /// The tolerance (default: none, every difference is a deviation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<Tolerance>,
    /// The channel whose price is the reference (default: the most common price of all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Channel>,
}
