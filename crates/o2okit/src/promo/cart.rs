//! The cart a quote prices.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::wire::decimal::decimal_string;

/// What is being bought: lines, and an optional delivery fee.
///
/// All money in a cart must be in one currency ([`crate::Error::CurrencyMismatch`]
/// otherwise), line ids must be unique ([`crate::Error::DuplicateId`]), and quantities
/// positive ([`crate::Error::InvalidQuantity`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Cart {
    /// The lines, in the order the customer sees them.
    pub lines: Vec<CartLine>,
    /// The delivery fee before any delivery discount (none for pickup, in-store, dine-in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_fee: Option<Money>,
}

/// One line of a cart.
///
/// A whole-number quantity is that many separate units (each can qualify for or receive a
/// unit-based offer such as "second item half price"). A fractional quantity is a weighed
/// good (1.25 kg): the line is one unit whose price is `unit_price × quantity`, rounded
/// half-even to the minor unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CartLine {
    /// Unique within the cart.
    pub id: String,
    /// The product (SKU) id that promotions target.
    pub product_id: String,
    /// Category ids that promotions can target.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Price of one unit (or of one unit of weight).
    pub unit_price: Money,
    /// A positive integer, or a positive decimal for weighed goods.
    #[serde(with = "decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub quantity: Decimal,
    /// `false` excludes the line from every promotion (tobacco, gift cards, deposits).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub promotable: bool,
}

fn yes() -> bool {
    true
}

fn is_true(v: &bool) -> bool {
    *v
}
