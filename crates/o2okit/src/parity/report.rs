//! The parity report.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{Currency, Money};
use crate::promo::Channel;
use crate::wire::decimal::option_decimal_string;

/// The result of a parity check: one entry per product and currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ParityReport {
    /// How many observations were checked (each is in exactly one product's `matching` or
    /// `deviations`).
    pub observations: usize,
    /// Products (per currency) whose every price is within the tolerance.
    pub products_at_parity: usize,
    /// Products (per currency) with at least one deviation.
    pub products_deviating: usize,
    /// By product id, then currency code.
    pub products: Vec<ProductParity>,
}

/// The prices of one product in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProductParity {
    /// The product.
    pub product_id: String,
    /// The currency of these prices.
    pub currency: Currency,
    /// How many observations.
    pub count: usize,
    /// The lowest price.
    pub min: Money,
    /// The highest price.
    pub max: Money,
    /// `max − min`.
    pub spread: Money,
    /// The reference price: the most common price among the reference channel's
    /// observations (or all, see `reference_basis`); a tie goes to the lower price.
    pub reference: Money,
    /// Where the reference price comes from.
    pub reference_basis: ReferenceBasis,
    /// True when no price deviates.
    pub at_parity: bool,
    /// The positions (in the request) of the observations within the tolerance.
    pub matching: Vec<usize>,
    /// The observations beyond the tolerance, by position.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deviations: Vec<Deviation>,
}

/// Where a reference price comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReferenceBasis {
    /// The requested reference channel's prices.
    Channel,
    /// All the product's prices (no reference channel asked for, or none observed in it).
    AllObservations,
}

/// A price beyond the tolerance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Deviation {
    /// The observation's position in the request.
    pub index: usize,
    /// Its channel.
    pub channel: Channel,
    /// Its store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_id: Option<String>,
    /// Its price.
    pub price: Money,
    /// `price − reference` (negative when lower).
    pub difference: Money,
    /// The difference in percent of the reference, rounded half-even to 2 decimals (none
    /// when the reference is zero).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "option_decimal_string"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::wire::DecimalString>")
    )]
    pub percent: Option<Decimal>,
    /// Higher or lower than the reference.
    pub direction: Direction,
}

/// Whether a price is above or below the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Above the reference.
    Higher,
    /// Below the reference.
    Lower,
}
