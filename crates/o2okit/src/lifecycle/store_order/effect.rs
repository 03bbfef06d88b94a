//! What a store-order step asks the caller to do.

use serde::{Deserialize, Serialize};

use crate::intake::Fulfilment;
use crate::money::Money;
use crate::split::{Binding, Clawback, Ledger};
use crate::stores::PassedOver;

/// How an order reached the customer, recorded by `complete`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Handover {
    /// Picked up at the store (自提).
    PickedUp,
    /// Delivered to the address (外卖 / 配送).
    Delivered,
    /// Served at the table (堂食).
    Served,
}

impl Handover {
    /// The handover a fulfilment ends with.
    pub fn of(fulfilment: Fulfilment) -> Handover {
        match fulfilment {
            Fulfilment::Delivery => Handover::Delivered,
            Fulfilment::Pickup => Handover::PickedUp,
            Fulfilment::DineIn => Handover::Served,
        }
    }
}

/// One thing the caller must do (or record) after a step. o2okit moves no money: it returns
/// these in a deterministic order and the caller carries them out.
///
/// **Money.** `charge` takes the paid amount from the customer into the platform's hands;
/// `refund` gives some of it back; `settle` pays the paid amount out to the parties by its
/// ledger (the lines add up exactly to `amount`); `clawback` takes a refunded part back from
/// the parties (its lines add up exactly to `−amount`). Over a whole lifecycle `charge +
/// Σ clawback = Σ refund + Σ settle`: the money nets to zero across the customer, the
/// platform and the parties. `bind`, `assign_store` and `completed` move no money.
///
/// On the wire: `{"type": "refund", "customer_id": "ann", "amount": {"amount": "88.00",
/// "currency": "CNY"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum StoreOrderEffect {
    /// A party credited for the order by the touches (flow 2: the bound staff member and
    /// the bound store; flow 3: the experience store), as [`bind`](crate::bind) decided at
    /// the time of the order.
    Bind {
        /// The binding in force (its role says what it is credited as).
        binding: Binding,
    },
    /// The partner store routing chose (flow 3), and why every other store was passed over.
    AssignStore {
        /// The chosen store.
        store_id: String,
        /// Its distance to the address, whole metres.
        distance_m: u32,
        /// Its ETA in minutes, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        eta_minutes: Option<u32>,
        /// Every other partner store with its reasons, in policy order.
        passed_over: Vec<PassedOver>,
    },
    /// Take the paid amount from the customer.
    Charge {
        /// Who pays.
        customer_id: String,
        /// The amount.
        amount: Money,
    },
    /// The order reached the customer.
    Completed {
        /// The store that fulfilled it.
        store_id: String,
        /// How.
        handover: Handover,
    },
    /// Pay the paid amount out to the parties, one ledger line each.
    Settle {
        /// The paid amount (the ledger's total).
        amount: Money,
        /// The split by the policy's plan.
        ledger: Ledger,
    },
    /// Give money back to the customer.
    Refund {
        /// Who is refunded.
        customer_id: String,
        /// The amount.
        amount: Money,
    },
    /// Take a refund after settlement back from the parties, line by line.
    Clawback {
        /// The refunded amount (the clawback lines add up to its negative).
        amount: Money,
        /// The clawback of the settled ledger (cumulative, so partial refunds never drift).
        clawback: Clawback,
    },
}

/// How [`StoreOrderEffect`] is decoded: the same variants and fields, externally tagged, fed the tag
/// first by [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[serde(
    remote = "StoreOrderEffect",
    rename_all = "snake_case",
    deny_unknown_fields
)]
enum StoreOrderEffectWire {
    Bind {
        binding: Binding,
    },
    AssignStore {
        store_id: String,
        distance_m: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        eta_minutes: Option<u32>,
        passed_over: Vec<PassedOver>,
    },
    Charge {
        customer_id: String,
        amount: Money,
    },
    Completed {
        store_id: String,
        handover: Handover,
    },
    Settle {
        amount: Money,
        ledger: Ledger,
    },
    Refund {
        customer_id: String,
        amount: Money,
    },
    Clawback {
        amount: Money,
        clawback: Clawback,
    },
}
crate::wire::tagged_deserialize!(StoreOrderEffect, StoreOrderEffectWire, "type");

impl StoreOrderEffect {
    /// The money this effect moves out of the platform's hands (refund, settle), into them
    /// (charge and clawback, as negative outflows), or `None` for effects that move no money.
    pub fn outflow(&self) -> Option<Money> {
        match self {
            StoreOrderEffect::Charge { amount, .. } | StoreOrderEffect::Clawback { amount, .. } => {
                Some(amount.negate())
            }
            StoreOrderEffect::Refund { amount, .. } | StoreOrderEffect::Settle { amount, .. } => {
                Some(*amount)
            }
            StoreOrderEffect::Bind { .. }
            | StoreOrderEffect::AssignStore { .. }
            | StoreOrderEffect::Completed { .. } => None,
        }
    }
}
