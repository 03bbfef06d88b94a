//! The store counter's payload: a till receipt.

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::normalize::{Draft, DraftLine};
use super::source::Source;
use crate::money::Money;
use crate::promo::{Channel, FundedBy};
use crate::roles::Role;
use crate::split::FundedDiscount;
use crate::wire::decimal::decimal_string;
use crate::Error;

/// A sale rung up at a store's till (source `store_counter`).
///
/// What the customer paid is `tender.received − tender.change`; it must equal the items
/// less the till discount. The cashier (or `staff_id`, the person who made the sale, when
/// given) fills the role `store_staff`; the store fills `store`. A till discount is funded by
/// the merchant. Receipt numbers are unique per store: the store is the id's scope.
///
/// ```json
/// {"receipt_no": "R-0042", "store_id": "s-1", "cashier_id": "c-7", "rung_at": "2026-05-01T12:00:00+08:00",
///  "items": [{"sku": "tea", "qty": "2", "price": {"amount": "8.00", "currency": "CNY"}}],
///  "till_discount": {"amount": "1.00", "currency": "CNY"},
///  "tender": {"method": "cash", "received": {"amount": "20.00", "currency": "CNY"},
///             "change": {"amount": "5.00", "currency": "CNY"}}}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CounterPayload {
    /// The receipt number: the external id, unique per store.
    pub receipt_no: String,
    /// The store.
    pub store_id: String,
    /// The cashier who rang the sale up.
    pub cashier_id: String,
    /// The staff member who made the sale, when not the cashier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_id: Option<String>,
    /// When the sale was rung up, RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub rung_at: DateTime<FixedOffset>,
    /// Eaten in the store (channel `dine_in`) rather than taken away (`in_store`).
    #[serde(default)]
    pub dine_in: bool,
    /// The member card shown, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
    /// The items scanned.
    pub items: Vec<CounterItem>,
    /// A discount keyed in at the till (funded by the merchant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub till_discount: Option<Money>,
    /// How the customer paid.
    pub tender: Tender,
}

/// One scanned item of a receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CounterItem {
    /// The product (SKU) id.
    pub sku: String,
    /// A positive quantity; a decimal for weighed goods (`"0.350"` kg).
    #[serde(with = "decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub qty: Decimal,
    /// The unit price (or the price per unit of weight).
    pub price: Money,
}

/// The tender of a counter sale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Tender {
    /// `cash`, `card`, `wallet`, `stored_value`, … as the till names it.
    pub method: String,
    /// What the customer handed over.
    pub received: Money,
    /// The change given back (cash).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Money>,
}

impl CounterPayload {
    pub(crate) fn draft(&self) -> Result<Draft, Error> {
        let paid = match self.tender.change {
            Some(change) => {
                if change.is_negative() || change.checked_cmp(&self.tender.received)?.is_gt() {
                    return Err(Draft::invalid(
                        Source::StoreCounter,
                        "payload.tender.change",
                        "the change must be zero or positive and at most what was received",
                    ));
                }
                self.tender.received.checked_sub(change)?
            }
            None => self.tender.received,
        };
        let channel = if self.dine_in {
            Channel::DineIn
        } else {
            Channel::InStore
        };
        let mut draft = Draft::new(
            Source::StoreCounter,
            &self.receipt_no,
            &self.store_id,
            channel,
            self.rung_at,
            paid,
        )?;
        draft.scope = Some(self.store_id.clone());
        draft.customer.id.clone_from(&self.member_id);
        draft.payment_method = Some(self.tender.method.clone());
        draft.lines = self
            .items
            .iter()
            .map(|i| DraftLine::new(&i.sku, i.price, i.qty))
            .collect();
        if let Some(discount) = self.till_discount {
            draft.discounts.push(FundedDiscount {
                promotion_id: "till_discount".into(),
                amount: discount,
                funded_by: FundedBy {
                    role: "merchant".into(),
                    party_id: None,
                },
                on: Default::default(),
            });
        }
        let staff = self.staff_id.as_deref().unwrap_or(&self.cashier_id);
        draft.add_party(Role::StoreStaff, staff, "payload.cashier_id")?;
        Ok(draft)
    }
}
