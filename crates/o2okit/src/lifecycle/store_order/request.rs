//! The inputs of the `store_order.*` wire functions.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::command::{StoreOrderCommand, TimedStoreOrderCommand};
use super::policy::StoreOrderPolicy;
use super::replay::{store_order_replay, StoreOrderReplay};
use super::state::{store_order_open, StoreOrderState};
use super::step::{store_order_step, StoreOrderStep};
use crate::Error;

/// The input of `store_order.open`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StoreOrderOpenRequest {
    /// The policy.
    pub policy: StoreOrderPolicy,
    /// The order id.
    pub order_id: String,
    /// The customer.
    pub customer_id: String,
}

impl StoreOrderOpenRequest {
    /// Open the order (see [`store_order_open`](crate::store_order_open)).
    pub fn open(&self) -> Result<StoreOrderState, Error> {
        store_order_open(&self.policy, &self.order_id, &self.customer_id)
    }
}

/// The input of `store_order.step`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StoreOrderStepRequest {
    /// The order's state.
    pub state: StoreOrderState,
    /// The policy it was opened with.
    pub policy: StoreOrderPolicy,
    /// The command.
    pub command: StoreOrderCommand,
    /// When, RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub now: DateTime<FixedOffset>,
}

impl StoreOrderStepRequest {
    /// Apply the command (see [`store_order_step`](crate::store_order_step)).
    pub fn step(&self) -> Result<StoreOrderStep, Error> {
        store_order_step(&self.state, &self.policy, &self.command, self.now)
    }
}

/// The input of `store_order.replay`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StoreOrderReplayRequest {
    /// The policy.
    pub policy: StoreOrderPolicy,
    /// The order id.
    pub order_id: String,
    /// The customer.
    pub customer_id: String,
    /// The command log, in time order.
    #[serde(default)]
    pub commands: Vec<TimedStoreOrderCommand>,
}

impl StoreOrderReplayRequest {
    /// Replay the log (see [`store_order_replay`](crate::store_order_replay)).
    pub fn replay(&self) -> Result<StoreOrderReplay, Error> {
        store_order_replay(
            &self.policy,
            &self.order_id,
            &self.customer_id,
            &self.commands,
        )
    }
}
