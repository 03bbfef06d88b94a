//! The order a split divides: what was paid, the funded discounts, the parties, the journey.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::attribution::Touchpoint;
use crate::money::Money;
use crate::promo::{FundedBy, Level, Quote};
use crate::roles::Party;
use crate::wire::decimal::option_decimal_string;
use crate::Error;

/// An order to split: what the customer paid, the discounts and who funds them, the parties
/// filling the order's roles, the journey that led to it, and the facts some rules read.
///
/// Give either `paid` (with `delivery_fee` and `discounts` as needed) or a `quote`, whose
/// `total`, charged delivery fee, discounts and gifts are used (see
/// [`SplitOrder::from_quote`]).
///
/// ```
/// use o2okit::SplitOrder;
/// let order: SplitOrder = o2okit::decode(r#"{"id": "o-1", "at": "2026-11-22T12:00:00+08:00",
///     "paid": {"amount": "90.00", "currency": "CNY"},
///     "discounts": [{"promotion_id": "p10", "amount": {"amount": "10.00", "currency": "CNY"},
///                    "funded_by": {"role": "platform"}}],
///     "parties": [{"role": "store", "party_id": "store-7"}]}"#)?;
/// assert_eq!(order.discounts.len(), 1);
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SplitOrder {
    /// The order id, written on every ledger line.
    pub id: String,
    /// When the order was paid (the conversion time of its journey), RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// What the customer paid in all, delivery included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid: Option<Money>,
    /// The delivery fee charged, part of `paid` (zero when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_fee: Option<Money>,
    /// The discounts the order received and who funds each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<FundedDiscount>,
    /// A quote to take `paid`, `delivery_fee` and `discounts` from instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<Box<Quote>>,
    /// The cost of the goods (for rules on the `margin` base).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Money>,
    /// The parties filling this order's roles (its store, staff member, referrer…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<Party>,
    /// The touchpoints that led to the order, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub journey: Vec<Touchpoint>,
    /// A volume for tiered rules (`by: volume`): month-to-date orders, GMV, … as the caller
    /// counts it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "option_decimal_string"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::wire::DecimalString>")
    )]
    pub volume: Option<Decimal>,
}

/// A discount an order received, with its funder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FundedDiscount {
    /// The promotion (written on the subsidy line).
    pub promotion_id: String,
    /// The amount the customer saved.
    pub amount: Money,
    /// Who pays for it.
    pub funded_by: FundedBy,
    /// Whether it discounted the goods (the default) or the delivery fee.
    #[serde(default)]
    pub on: DiscountOn,
}

/// What a discount reduced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DiscountOn {
    /// The goods (item and order discounts, gifts).
    #[default]
    Goods,
    /// The delivery fee.
    Delivery,
}

impl SplitOrder {
    /// An order that paid `paid`, with nothing else yet.
    pub fn new(id: impl Into<String>, at: DateTime<FixedOffset>, paid: Money) -> SplitOrder {
        SplitOrder {
            id: id.into(),
            at,
            paid: Some(paid),
            delivery_fee: None,
            discounts: Vec::new(),
            quote: None,
            cost: None,
            parties: Vec::new(),
            journey: Vec::new(),
            volume: None,
        }
    }

    /// An order priced by `quote`: `paid` is the quote's total, `delivery_fee` what it
    /// charges for delivery, and every discount with a non-zero amount becomes a funded
    /// discount (delivery-level ones on the delivery fee). A gift is a goods discount worth
    /// its value times its quantity: its funder pays the merchant for it.
    pub fn from_quote(
        id: impl Into<String>,
        at: DateTime<FixedOffset>,
        quote: &Quote,
    ) -> Result<SplitOrder, Error> {
        let mut order = SplitOrder::new(id, at, quote.total);
        order.delivery_fee = quote.delivery.as_ref().map(|d| d.charged);
        for d in quote.discounts.iter().filter(|d| !d.amount.is_zero()) {
            order.discounts.push(FundedDiscount {
                promotion_id: d.promotion_id.clone(),
                amount: d.amount,
                funded_by: d.funded_by.clone(),
                on: if d.level == Level::Delivery {
                    DiscountOn::Delivery
                } else {
                    DiscountOn::Goods
                },
            });
        }
        for gift in &quote.gifts {
            let value = gift
                .value
                .checked_mul(Decimal::from(gift.quantity), crate::Rounding::HalfEven)?;
            if !value.is_zero() {
                order.discounts.push(FundedDiscount {
                    promotion_id: gift.promotion_id.clone(),
                    amount: value,
                    funded_by: gift.funded_by.clone(),
                    on: DiscountOn::Goods,
                });
            }
        }
        Ok(order)
    }

    /// This order with a `quote` turned into `paid`, `delivery_fee` and `discounts`
    /// (borrowed unchanged when there is no quote).
    pub(crate) fn resolved(&self) -> Result<Cow<'_, SplitOrder>, Error> {
        let Some(quote) = &self.quote else {
            if self.paid.is_none() {
                return Err(invalid(
                    "order.paid",
                    "give what the customer paid, or a quote to take it from",
                ));
            }
            return Ok(Cow::Borrowed(self));
        };
        if self.paid.is_some() || self.delivery_fee.is_some() || !self.discounts.is_empty() {
            return Err(invalid(
                "order.quote",
                "give either a quote or paid/delivery_fee/discounts, not both",
            ));
        }
        let mut order = SplitOrder::from_quote(self.id.clone(), self.at, quote)?;
        order.cost = self.cost;
        order.parties.clone_from(&self.parties);
        order.journey.clone_from(&self.journey);
        order.volume = self.volume;
        Ok(Cow::Owned(order))
    }
}

pub(crate) fn invalid(field: &str, reason: &str) -> Error {
    Error::InvalidOrder {
        field: field.to_string(),
        reason: reason.to_string(),
    }
}
