//! The phone payload: an order taken by a member of staff on the phone.

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::normalize::{Draft, DraftLine};
use super::source::{Fulfilment, Source};
use crate::money::Money;
use crate::roles::Role;
use crate::Error;

/// An order taken by phone (source `phone`).
///
/// The caller's phone and, for a delivery, the address as free text are kept on the
/// customer; the staff member who took the call fills `store_staff`. `amount_due` is what
/// the customer pays on delivery or at pickup: items plus delivery fee. Call ids are unique
/// per store: the store is the scope.
///
/// ```json
/// {"call_id": "c-17", "store_id": "s-1", "caller_phone": "+86 138 0000 0000", "taken_by": "staff-3",
///  "called_at": "2026-05-01T18:02:00+08:00", "fulfilment": "delivery", "address_text": "3F, 8 Lane 100",
///  "items": [{"product_id": "pizza", "qty": 1, "unit_price": {"amount": "68.00", "currency": "CNY"}}],
///  "delivery_fee": {"amount": "6.00", "currency": "CNY"}, "amount_due": {"amount": "74.00", "currency": "CNY"}}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PhonePayload {
    /// The call (order) id: the external id, unique per store.
    pub call_id: String,
    /// The store that took the call.
    pub store_id: String,
    /// The caller's phone number, as given.
    pub caller_phone: String,
    /// The staff member who took the call.
    pub taken_by: String,
    /// When the call was taken, RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub called_at: DateTime<FixedOffset>,
    /// Delivery, pickup or dine-in.
    pub fulfilment: Fulfilment,
    /// The address, as the caller said it (needed for a delivery).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_text: Option<String>,
    /// The items.
    pub items: Vec<PhoneItem>,
    /// The delivery fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_fee: Option<Money>,
    /// What the customer pays on delivery or at pickup.
    pub amount_due: Money,
}

/// One item of a phone order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PhoneItem {
    /// The product id.
    pub product_id: String,
    /// How many (at least 1).
    pub qty: u32,
    /// The unit price.
    pub unit_price: Money,
}

impl PhonePayload {
    pub(crate) fn draft(&self) -> Result<Draft, Error> {
        let mut draft = Draft::new(
            Source::Phone,
            &self.call_id,
            &self.store_id,
            self.fulfilment.channel(),
            self.called_at,
            self.amount_due,
        )?;
        draft.scope = Some(self.store_id.clone());
        draft.customer.phone = Some(self.caller_phone.clone());
        draft.customer.address.clone_from(&self.address_text);
        draft.payment_method = Some("on_collection".into());
        draft.lines = self
            .items
            .iter()
            .map(|i| DraftLine::new(&i.product_id, i.unit_price, Decimal::from(i.qty)))
            .collect();
        draft.delivery_fee = self.delivery_fee;
        draft.add_party(Role::StoreStaff, &self.taken_by, "payload.taken_by")?;
        Ok(draft)
    }
}
