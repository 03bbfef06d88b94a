//! What can happen to a stored-value card.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::money::Money;

/// One event of a stored-value card. Its time is not part of it: it is the `at` given with
/// it to [`card_apply`](crate::card_apply) (or of a [`TimedCardEvent`]).
///
/// On the wire: `{"type": "top_up", "amount": {"amount": "100.00", "currency": "CNY"},
/// "key": "pay-7"}`, `{"type": "spend", "order_id": "o1", "amount": {...}}`,
/// `{"type": "refund", "order_id": "o1", "amount": {...}}`, `{"type": "close"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum CardEvent {
    /// The holder pays `amount` in: it becomes principal, and the bonus of the highest tier
    /// reached is credited as bonus. With a `key`, a retry with the same key and amount is a
    /// `duplicate` that changes nothing; the same key with another amount is
    /// [`Error::IdempotencyConflict`](crate::Error::IdempotencyConflict).
    TopUp {
        /// The amount paid in (positive).
        amount: Money,
        /// Idempotency key (for example the payment id).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        key: Option<String>,
    },
    /// An order pays `amount` from the card, split between principal and bonus by the
    /// rules' spend policy. One spend per order id.
    Spend {
        /// The order (unique per card).
        order_id: String,
        /// The amount paid from the card (positive).
        amount: Money,
    },
    /// Part or all of an order's spend comes back to the card, to principal and bonus in
    /// the proportion that spend took them (cumulatively: all refunds of an order together
    /// give back exactly what it took, to the cent).
    Refund {
        /// The order whose spend is refunded.
        order_id: String,
        /// The amount refunded (positive, at most what is left of the spend).
        amount: Money,
    },
    /// The card is closed: the principal is paid back to the holder, the bonus is
    /// forfeited (and reported). A closed card takes no further events.
    Close,
}

/// How [`CardEvent`] is decoded: the same variants and fields, externally tagged, fed the tag
/// first by [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[serde(remote = "CardEvent", rename_all = "snake_case", deny_unknown_fields)]
enum CardEventWire {
    TopUp {
        amount: Money,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        key: Option<String>,
    },
    Spend {
        order_id: String,
        amount: Money,
    },
    Refund {
        order_id: String,
        amount: Money,
    },
    Close,
}
crate::wire::tagged_deserialize!(CardEvent, CardEventWire, "type");

/// A card event with its time: one entry of a card's event log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TimedCardEvent {
    /// When it happened (RFC 3339).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// What happened.
    pub event: CardEvent,
}
