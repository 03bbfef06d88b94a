//! The commands a store order takes, each with an idempotency key and an actor.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::intake::Fulfilment;
use crate::lifecycle::voucher_order::LifecycleActor;
use crate::money::Money;
use crate::split::FundedDiscount;
use crate::stores::{AssignItem, Location};

/// One command to a store order. The time is not part of it: it is the `now` given to
/// [`store_order_step`](crate::store_order_step).
///
/// Every command carries an idempotency `key` (not empty): the first command with a key is
/// applied; the identical command again is a `duplicate` (same effects returned, nothing
/// applied); the key with another command is [`Error::IdempotencyConflict`](crate::Error::IdempotencyConflict).
/// A rejected command does not use up its key.
///
/// | command | actors | statuses |
/// |---|---|---|
/// | `touch` | customer, staff | created (flows 2 and 3) |
/// | `place` | customer | created |
/// | `accept` | staff | received |
/// | `ready` | staff | in_preparation |
/// | `dispatch` | staff, logistics | ready (delivery only) |
/// | `complete` | staff (pickup, dine-in), logistics (delivery) | ready (pickup, dine-in), out_for_delivery (delivery) |
/// | `settle` | platform | completed |
/// | `cancel` | customer | received (within the policy's `cancel_minutes`) |
/// | `void` | staff, platform | received, in_preparation, ready, out_for_delivery |
/// | `refund` | customer, platform | completed (the whole amount), closed (all or part) |
///
/// On the wire: `{"type": "place", "key": "p-1", "actor": "customer", "amount": {"amount":
/// "88.00", "currency": "CNY"}, "channel": "wechat", "fulfilment": "dine_in", "store_id":
/// "xuhui"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum StoreOrderCommand {
    /// An in-store touch before the order is placed (flows 2 and 3). Flow 2: a QR scan or a
    /// staff referral that binds the customer to `store_id` (and to `staff_id`, if given)
    /// under the policy's binding rule. Flow 3: an offline experience (showroom, try-on,
    /// partner store visit) at `store_id`. The touches are the order's journey.
    Touch {
        /// Idempotency key.
        key: String,
        /// Who sends it (customer or staff).
        actor: LifecycleActor,
        /// The store of the touch.
        store_id: String,
        /// The staff member who referred the customer (flow 2).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        staff_id: Option<String>,
        /// How the touch happened, for the journey (`store_qr`, `staff_referral`,
        /// `showroom`, …; default `store`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel: Option<String>,
    },
    /// The customer places and pays the order.
    Place {
        /// Idempotency key.
        key: String,
        /// Who sends it (customer).
        actor: LifecycleActor,
        /// What the customer paid (positive, in the policy's currency).
        amount: Money,
        /// Discounts the order received and who funds them (as in a split order): funders
        /// other than the plan's remainder party pay a subsidy line at settlement.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        discounts: Vec<FundedDiscount>,
        /// The sales channel (one of the policy's; required in flow 4).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel: Option<String>,
        /// Delivery, pickup, or dine-in (dine-in only in flow 4).
        fulfilment: Fulfilment,
        /// The store that fulfils the order (flows 2 and 4; flow 3 routes it instead).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        store_id: Option<String>,
        /// Where to deliver (required for delivery, and for every flow 3 order: routing
        /// picks the partner store nearest to it).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        address: Option<Location>,
        /// The lines, for routing's stock check (flow 3: at least one).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        items: Vec<AssignItem>,
    },
    /// Staff accept the order and start preparing it.
    Accept {
        /// Idempotency key.
        key: String,
        /// Who sends it (staff).
        actor: LifecycleActor,
    },
    /// Staff mark the order ready (for the rider, the counter or the table).
    Ready {
        /// Idempotency key.
        key: String,
        /// Who sends it (staff).
        actor: LifecycleActor,
    },
    /// The order leaves the store with a rider (delivery only).
    Dispatch {
        /// Idempotency key.
        key: String,
        /// Who sends it (staff or logistics).
        actor: LifecycleActor,
    },
    /// The order reached the customer: picked up, delivered or served.
    Complete {
        /// Idempotency key.
        key: String,
        /// Who sends it (logistics for delivery, staff otherwise).
        actor: LifecycleActor,
    },
    /// The platform settles a completed order: the paid amount is split by the plan.
    Settle {
        /// Idempotency key.
        key: String,
        /// Who sends it (platform).
        actor: LifecycleActor,
    },
    /// The customer cancels before the store accepts: full refund.
    Cancel {
        /// Idempotency key.
        key: String,
        /// Who sends it (customer).
        actor: LifecycleActor,
    },
    /// Staff or the platform void the order before it is completed: full refund.
    Void {
        /// Idempotency key.
        key: String,
        /// Who sends it (staff or platform).
        actor: LifecycleActor,
        /// Why, for the record.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// A refund after completion. Before settlement only the whole amount (the default);
    /// after settlement all or part of what is left, with a clawback of the settled ledger.
    Refund {
        /// Idempotency key.
        key: String,
        /// Who sends it (customer or platform).
        actor: LifecycleActor,
        /// How much (default: everything not yet refunded).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount: Option<Money>,
    },
}

/// How [`StoreOrderCommand`] is decoded: the same variants and fields, externally tagged, fed the tag
/// first by [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[serde(
    remote = "StoreOrderCommand",
    rename_all = "snake_case",
    deny_unknown_fields
)]
enum StoreOrderCommandWire {
    Touch {
        key: String,
        actor: LifecycleActor,
        store_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        staff_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel: Option<String>,
    },
    Place {
        key: String,
        actor: LifecycleActor,
        amount: Money,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        discounts: Vec<FundedDiscount>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel: Option<String>,
        fulfilment: Fulfilment,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        store_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        address: Option<Location>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        items: Vec<AssignItem>,
    },
    Accept {
        key: String,
        actor: LifecycleActor,
    },
    Ready {
        key: String,
        actor: LifecycleActor,
    },
    Dispatch {
        key: String,
        actor: LifecycleActor,
    },
    Complete {
        key: String,
        actor: LifecycleActor,
    },
    Settle {
        key: String,
        actor: LifecycleActor,
    },
    Cancel {
        key: String,
        actor: LifecycleActor,
    },
    Void {
        key: String,
        actor: LifecycleActor,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    Refund {
        key: String,
        actor: LifecycleActor,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount: Option<Money>,
    },
}
crate::wire::tagged_deserialize!(StoreOrderCommand, StoreOrderCommandWire, "type");

impl StoreOrderCommand {
    /// The idempotency key.
    pub fn key(&self) -> &str {
        match self {
            StoreOrderCommand::Touch { key, .. }
            | StoreOrderCommand::Place { key, .. }
            | StoreOrderCommand::Accept { key, .. }
            | StoreOrderCommand::Ready { key, .. }
            | StoreOrderCommand::Dispatch { key, .. }
            | StoreOrderCommand::Complete { key, .. }
            | StoreOrderCommand::Settle { key, .. }
            | StoreOrderCommand::Cancel { key, .. }
            | StoreOrderCommand::Void { key, .. }
            | StoreOrderCommand::Refund { key, .. } => key,
        }
    }

    /// The actor that sent it.
    pub fn actor(&self) -> LifecycleActor {
        match self {
            StoreOrderCommand::Touch { actor, .. }
            | StoreOrderCommand::Place { actor, .. }
            | StoreOrderCommand::Accept { actor, .. }
            | StoreOrderCommand::Ready { actor, .. }
            | StoreOrderCommand::Dispatch { actor, .. }
            | StoreOrderCommand::Complete { actor, .. }
            | StoreOrderCommand::Settle { actor, .. }
            | StoreOrderCommand::Cancel { actor, .. }
            | StoreOrderCommand::Void { actor, .. }
            | StoreOrderCommand::Refund { actor, .. } => *actor,
        }
    }

    /// The command's wire type.
    pub fn name(&self) -> &'static str {
        match self {
            StoreOrderCommand::Touch { .. } => "touch",
            StoreOrderCommand::Place { .. } => "place",
            StoreOrderCommand::Accept { .. } => "accept",
            StoreOrderCommand::Ready { .. } => "ready",
            StoreOrderCommand::Dispatch { .. } => "dispatch",
            StoreOrderCommand::Complete { .. } => "complete",
            StoreOrderCommand::Settle { .. } => "settle",
            StoreOrderCommand::Cancel { .. } => "cancel",
            StoreOrderCommand::Void { .. } => "void",
            StoreOrderCommand::Refund { .. } => "refund",
        }
    }

    /// The actors allowed to send this command; `delivery` says whether the order is
    /// delivered (it decides who completes it).
    pub fn allowed_actors(&self, delivery: bool) -> &'static [LifecycleActor] {
        use LifecycleActor::{Customer, Logistics, Platform, Staff};
        match self {
            StoreOrderCommand::Touch { .. } => &[Customer, Staff],
            StoreOrderCommand::Place { .. } | StoreOrderCommand::Cancel { .. } => &[Customer],
            StoreOrderCommand::Accept { .. } | StoreOrderCommand::Ready { .. } => &[Staff],
            StoreOrderCommand::Dispatch { .. } => &[Staff, Logistics],
            StoreOrderCommand::Complete { .. } if delivery => &[Logistics],
            StoreOrderCommand::Complete { .. } => &[Staff],
            StoreOrderCommand::Settle { .. } => &[Platform],
            StoreOrderCommand::Void { .. } => &[Staff, Platform],
            StoreOrderCommand::Refund { .. } => &[Customer, Platform],
        }
    }
}

/// A command with its time, for [`store_order_replay`](crate::store_order_replay).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TimedStoreOrderCommand {
    /// When the command happened (its `now`).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// The command.
    pub command: StoreOrderCommand,
}
