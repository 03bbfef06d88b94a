//! The merchant's own app's payload: o2okit cart lines and funded discounts, as quoted.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::normalize::{Draft, DraftLine};
use super::source::{Fulfilment, Source};
use crate::money::Money;
use crate::promo::CartLine;
use crate::split::FundedDiscount;
use crate::Error;

/// An order from the merchant's own app or web shop (source `own_app`).
///
/// The app prices with o2okit, so its lines are [`CartLine`]s and its discounts are the
/// [`FundedDiscount`]s of its quote (each with its funder; `on: delivery` for a delivery
/// discount). Must hold: lines − discounts + delivery fee = paid. Order numbers are unique
/// for the merchant (no scope). A delivery needs an `address`.
///
/// ```json
/// {"order_no": "A-1001", "store_id": "s-1", "customer_id": "u-9", "placed_at": "2026-05-01T12:00:00+08:00",
///  "fulfilment": "pickup",
///  "lines": [{"id": "1", "product_id": "latte", "unit_price": {"amount": "25.00", "currency": "CNY"}, "quantity": "2"}],
///  "discounts": [{"promotion_id": "m5", "amount": {"amount": "5.00", "currency": "CNY"}, "funded_by": {"role": "merchant"}}],
///  "paid": {"amount": "45.00", "currency": "CNY"}}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OwnAppPayload {
    /// The app's order number: the external id.
    pub order_no: String,
    /// The store that fulfils the order.
    pub store_id: String,
    /// The app user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// The customer's phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The delivery address (needed for a delivery).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// When the order was placed, RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub placed_at: DateTime<FixedOffset>,
    /// Delivery, pickup or dine-in.
    pub fulfilment: Fulfilment,
    /// The cart lines (ids unique).
    pub lines: Vec<CartLine>,
    /// The discounts of the app's quote, with their funders.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<FundedDiscount>,
    /// The delivery fee before delivery discounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_fee: Option<Money>,
    /// What the customer paid.
    pub paid: Money,
    /// How the customer paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<String>,
}

impl OwnAppPayload {
    pub(crate) fn draft(&self) -> Result<Draft, Error> {
        let mut draft = Draft::new(
            Source::OwnApp,
            &self.order_no,
            &self.store_id,
            self.fulfilment.channel(),
            self.placed_at,
            self.paid,
        )?;
        draft.customer.id.clone_from(&self.customer_id);
        draft.customer.phone.clone_from(&self.phone);
        draft.customer.address.clone_from(&self.address);
        draft.payment_method.clone_from(&self.payment_method);
        draft.lines = self
            .lines
            .iter()
            .map(|l| DraftLine {
                id: Some(l.id.clone()),
                categories: l.categories.clone(),
                promotable: l.promotable,
                ..DraftLine::new(&l.product_id, l.unit_price, l.quantity)
            })
            .collect();
        draft.discounts.clone_from(&self.discounts);
        draft.delivery_fee = self.delivery_fee;
        Ok(draft)
    }
}
