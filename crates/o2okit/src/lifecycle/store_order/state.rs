//! The state of one store order: a plain value the caller stores.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::command::StoreOrderCommand;
use super::effect::StoreOrderEffect;
use super::policy::StoreOrderPolicy;
use crate::flow::Flow;
use crate::intake::Fulfilment;
use crate::lifecycle::voucher_order::LifecycleActor;
use crate::money::Money;
use crate::roles::Party;
use crate::split::{Binding, FundedDiscount, Ledger};
use crate::stores::Location;
use crate::Error;

/// Where a store order is in its lifecycle. The status is derived after every step from
/// the order's milestones and money (see the module docs for the diagram).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StoreOrderStatus {
    /// Opened, not placed (touches may be recorded).
    Created,
    /// Placed and paid; the store has not accepted it yet.
    Received,
    /// The store accepted it and is preparing it.
    InPreparation,
    /// Ready for the rider, the counter or the table.
    Ready,
    /// With a rider (delivery only).
    OutForDelivery,
    /// Picked up, delivered or served; not settled yet.
    Completed,
    /// Settled: the paid amount was split among the parties. The platform holds nothing;
    /// the only command still taken is an after-sales `refund`.
    Closed,
    /// Terminal: cancelled by the customer before the store accepted; refunded in full.
    Cancelled,
    /// Terminal: voided by staff or the platform before completion; refunded in full.
    Voided,
    /// Terminal: refunded in full after completion (with a clawback when it was settled).
    Refunded,
}

impl StoreOrderStatus {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            StoreOrderStatus::Created => "created",
            StoreOrderStatus::Received => "received",
            StoreOrderStatus::InPreparation => "in_preparation",
            StoreOrderStatus::Ready => "ready",
            StoreOrderStatus::OutForDelivery => "out_for_delivery",
            StoreOrderStatus::Completed => "completed",
            StoreOrderStatus::Closed => "closed",
            StoreOrderStatus::Cancelled => "cancelled",
            StoreOrderStatus::Voided => "voided",
            StoreOrderStatus::Refunded => "refunded",
        }
    }

    /// Whether the status is terminal (it absorbs: every new command is rejected).
    /// `closed` is not: it still takes an after-sales `refund`.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            StoreOrderStatus::Cancelled | StoreOrderStatus::Voided | StoreOrderStatus::Refunded
        )
    }

    /// Whether the order's money is resolved: a terminal status or `closed`. The platform
    /// holds nothing in these statuses.
    pub fn is_final(self) -> bool {
        self.is_terminal() || self == StoreOrderStatus::Closed
    }
}

/// One in-store touch (flows 2 and 3), in the order it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StoreTouch {
    /// The key of its `touch` command.
    pub key: String,
    /// The store.
    pub store_id: String,
    /// The staff member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_id: Option<String>,
    /// How it happened (`store` when not given).
    pub channel: String,
    /// Who recorded it.
    pub actor: LifecycleActor,
    /// When.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
}

/// The order as placed: what was paid, how it is fulfilled, by which store, and the parties
/// credited at settlement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlacedOrder {
    /// What the customer paid.
    pub amount: Money,
    /// The funded discounts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<FundedDiscount>,
    /// The sales channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Delivery, pickup or dine-in.
    pub fulfilment: Fulfilment,
    /// The store that fulfils it (given, or chosen by routing in flow 3).
    pub store_id: String,
    /// The delivery address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Location>,
    /// The bindings in force when it was placed (flow 2: staff and store; flow 3: the
    /// experience store).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bindings: Vec<Binding>,
    /// The parties filling the order's roles at settlement: the fulfilling store (`store`)
    /// and the bound parties.
    pub parties: Vec<Party>,
    /// When it was placed.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
}

/// When each milestone of the order happened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StoreOrderMilestones {
    /// `accept`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub accepted_at: Option<DateTime<FixedOffset>>,
    /// `ready`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub ready_at: Option<DateTime<FixedOffset>>,
    /// `dispatch`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub dispatched_at: Option<DateTime<FixedOffset>>,
    /// `complete`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub completed_at: Option<DateTime<FixedOffset>>,
    /// `settle`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub settled_at: Option<DateTime<FixedOffset>>,
    /// `cancel`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub cancelled_at: Option<DateTime<FixedOffset>>,
    /// `void`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub voided_at: Option<DateTime<FixedOffset>>,
}

/// An applied command and the effects it returned (for idempotent replies).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProcessedStoreCommand {
    /// The command as applied (its key is the idempotency key).
    pub command: StoreOrderCommand,
    /// The effects it returned.
    pub effects: Vec<StoreOrderEffect>,
}

/// Money totals of a store order. Always `charged = refunded + settled − clawed_back +
/// held`; `held` is zero in every final status (`closed`, `cancelled`, `voided`,
/// `refunded`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StoreOrderTotals {
    /// Taken from the customer.
    pub charged: Money,
    /// Given back to the customer.
    pub refunded: Money,
    /// Paid out to the parties by settlement.
    pub settled: Money,
    /// Taken back from the parties by clawbacks.
    pub clawed_back: Money,
}

impl StoreOrderTotals {
    /// What the platform still holds: `charged − refunded − settled + clawed_back`.
    pub fn held(&self) -> Result<Money, Error> {
        self.charged
            .checked_sub(self.refunded)?
            .checked_sub(self.settled)?
            .checked_add(self.clawed_back)
    }
}

/// The whole state of one store order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StoreOrderState {
    /// The order id.
    pub order_id: String,
    /// The customer.
    pub customer_id: String,
    /// The policy's id (a step checks it is given the same policy).
    pub policy_id: String,
    /// The flow (from the policy).
    pub flow: Flow,
    /// The status.
    pub status: StoreOrderStatus,
    /// The touches before the order, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touches: Vec<StoreTouch>,
    /// The order, once placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<PlacedOrder>,
    /// When each milestone happened.
    #[serde(default)]
    pub milestones: StoreOrderMilestones,
    /// The settled ledger (kept for clawbacks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ledger: Option<Ledger>,
    /// Money totals.
    pub totals: StoreOrderTotals,
    /// The time of the last applied command.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub as_of: Option<DateTime<FixedOffset>>,
    /// Every applied command with its effects, in order.
    #[serde(default)]
    pub processed: Vec<ProcessedStoreCommand>,
}

/// Open a store order under a policy: status `created`, nothing paid.
///
/// Errors: [`Error::InvalidStoreOrderPolicy`]; [`Error::InvalidInput`] for an empty order or
/// customer id.
pub fn store_order_open(
    policy: &StoreOrderPolicy,
    order_id: &str,
    customer_id: &str,
) -> Result<StoreOrderState, Error> {
    policy.validate()?;
    for (field, value) in [("order_id", order_id), ("customer_id", customer_id)] {
        if value.is_empty() {
            return Err(Error::InvalidInput {
                field: field.into(),
                reason: "must not be empty".into(),
            });
        }
    }
    let zero = Money::zero(policy.currency);
    Ok(StoreOrderState {
        order_id: order_id.to_string(),
        customer_id: customer_id.to_string(),
        policy_id: policy.id.clone(),
        flow: policy.flow,
        status: StoreOrderStatus::Created,
        touches: Vec::new(),
        order: None,
        milestones: StoreOrderMilestones::default(),
        ledger: None,
        totals: StoreOrderTotals {
            charged: zero,
            refunded: zero,
            settled: zero,
            clawed_back: zero,
        },
        as_of: None,
        processed: Vec::new(),
    })
}

impl StoreOrderState {
    /// Whether the order is delivered (placed with `fulfilment: delivery`).
    pub fn is_delivery(&self) -> bool {
        self.order
            .as_ref()
            .is_some_and(|o| o.fulfilment == Fulfilment::Delivery)
    }

    /// The commands this status takes (by wire type).
    pub fn allowed_commands(&self) -> &'static [&'static str] {
        let touches = matches!(
            self.flow,
            Flow::OfflineToOnline | Flow::OnlineToOfflineToOnline
        );
        match self.status {
            StoreOrderStatus::Created if touches => &["touch", "place"],
            StoreOrderStatus::Created => &["place"],
            StoreOrderStatus::Received => &["accept", "cancel", "void"],
            StoreOrderStatus::InPreparation => &["ready", "void"],
            StoreOrderStatus::Ready if self.is_delivery() => &["dispatch", "void"],
            StoreOrderStatus::Ready => &["complete", "void"],
            StoreOrderStatus::OutForDelivery => &["complete", "void"],
            StoreOrderStatus::Completed => &["settle", "refund"],
            StoreOrderStatus::Closed => &["refund"],
            StoreOrderStatus::Cancelled | StoreOrderStatus::Voided | StoreOrderStatus::Refunded => {
                &[]
            }
        }
    }

    /// Recompute the status from the milestones and the money.
    pub(crate) fn derive_status(&mut self) {
        let m = &self.milestones;
        let fully_refunded = self.order.is_some() && self.totals.refunded == self.totals.charged;
        self.status = if self.order.is_none() {
            StoreOrderStatus::Created
        } else if m.cancelled_at.is_some() {
            StoreOrderStatus::Cancelled
        } else if m.voided_at.is_some() {
            StoreOrderStatus::Voided
        } else if fully_refunded {
            StoreOrderStatus::Refunded
        } else if m.settled_at.is_some() {
            StoreOrderStatus::Closed
        } else if m.completed_at.is_some() {
            StoreOrderStatus::Completed
        } else if m.dispatched_at.is_some() {
            StoreOrderStatus::OutForDelivery
        } else if m.ready_at.is_some() {
            StoreOrderStatus::Ready
        } else if m.accepted_at.is_some() {
            StoreOrderStatus::InPreparation
        } else {
            StoreOrderStatus::Received
        };
    }
}
