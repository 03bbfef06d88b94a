//! The wire requests of the voucher order functions (`voucher_order.open`,
//! `voucher_order.step`, `voucher_order.replay`).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::command::{TimedVoucherCommand, VoucherOrderCommand};
use super::deal::VoucherDeal;
use super::replay::{voucher_order_replay, VoucherOrderReplay};
use super::state::{voucher_order_open, VoucherOrderState};
use super::step::{voucher_order_step, VoucherOrderStep};
use crate::Error;

/// `voucher_order.open`: open an order for a deal (status `created`).
///
/// ```
/// let request: o2okit::VoucherOrderOpenRequest = o2okit::decode(r#"{
///   "deal": {"id": "hotpot", "price": {"amount": "100.00", "currency": "CNY"}, "vouchers": 1,
///            "valid_from": "2026-03-01T00:00:00+08:00", "valid_until": "2026-04-01T00:00:00+08:00",
///            "stores": ["S1"], "refund": "any_time",
///            "plan": {"rules": [], "remainder": {"role": "merchant", "party_id": "hotpot-house"}}},
///   "order_id": "o-1", "customer_id": "ann"}"#)?;
/// let state = request.open()?;
/// assert_eq!(state.status, o2okit::VoucherOrderStatus::Created);
/// assert!(state.totals.charged.is_zero());
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherOrderOpenRequest {
    /// The deal the order buys.
    pub deal: VoucherDeal,
    /// The order id (the vouchers are `{order_id}/v1`, `{order_id}/v2`, …).
    pub order_id: String,
    /// The customer.
    pub customer_id: String,
}

impl VoucherOrderOpenRequest {
    /// [`voucher_order_open`](crate::voucher_order_open) with this request.
    pub fn open(&self) -> Result<VoucherOrderState, Error> {
        voucher_order_open(&self.deal, &self.order_id, &self.customer_id)
    }
}

/// `voucher_order.step`: apply one command to an order's state at `now`.
///
/// ```
/// let deal = r#"{"id": "hotpot", "price": {"amount": "100.00", "currency": "CNY"}, "vouchers": 1,
///   "valid_from": "2026-03-01T00:00:00+08:00", "valid_until": "2026-04-01T00:00:00+08:00",
///   "stores": ["S1"], "refund": "any_time",
///   "plan": {"rules": [], "remainder": {"role": "merchant", "party_id": "hotpot-house"}}}"#;
/// let open: o2okit::VoucherOrderOpenRequest = o2okit::decode(&format!(
///     r#"{{"deal": {deal}, "order_id": "o-1", "customer_id": "ann"}}"#))?;
/// let state = serde_json::to_string(&open.open()?).unwrap();
/// let request: o2okit::VoucherOrderStepRequest = o2okit::decode(&format!(r#"{{
///   "state": {state}, "deal": {deal}, "now": "2026-03-01T09:00:00+08:00",
///   "command": {{"type": "pay", "key": "p-1", "actor": "customer",
///                "amount": {{"amount": "100.00", "currency": "CNY"}}}}}}"#))?;
/// let step = request.step()?;
/// assert_eq!(step.state.status, o2okit::VoucherOrderStatus::Issued);
/// assert_eq!(step.effects.len(), 2); // charge, issue_voucher
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherOrderStepRequest {
    /// The order's state (from `voucher_order.open` or a previous step).
    pub state: VoucherOrderState,
    /// The deal the order was opened with.
    pub deal: VoucherDeal,
    /// The command.
    pub command: VoucherOrderCommand,
    /// When the command happens.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub now: DateTime<FixedOffset>,
}

impl VoucherOrderStepRequest {
    /// [`voucher_order_step`](crate::voucher_order_step) with this request.
    pub fn step(&self) -> Result<VoucherOrderStep, Error> {
        voucher_order_step(&self.state, &self.deal, &self.command, self.now)
    }
}

/// `voucher_order.replay`: open an order and apply a command log.
///
/// ```
/// let request: o2okit::VoucherOrderReplayRequest = o2okit::decode(r#"{
///   "deal": {"id": "hotpot", "price": {"amount": "100.00", "currency": "CNY"}, "vouchers": 1,
///            "uses": 3, "valid_from": "2026-03-01T00:00:00+08:00",
///            "valid_until": "2026-04-01T00:00:00+08:00", "stores": ["S1"], "refund": "at_expiry",
///            "plan": {"rules": [], "remainder": {"role": "merchant", "party_id": "hotpot-house"}}},
///   "order_id": "o-1", "customer_id": "ann",
///   "commands": [
///     {"at": "2026-03-01T09:00:00+08:00", "command": {"type": "pay", "key": "p", "actor": "customer",
///      "amount": {"amount": "100.00", "currency": "CNY"}}},
///     {"at": "2026-03-05T19:00:00+08:00", "command": {"type": "redeem", "key": "r1", "actor": "staff",
///      "voucher": "o-1/v1", "store_id": "S1"}},
///     {"at": "2026-04-01T00:00:00+08:00", "command": {"type": "expire", "key": "e", "actor": "scheduler"}},
///     {"at": "2026-04-01T00:00:00+08:00", "command": {"type": "settle", "key": "s", "actor": "platform"}}]}"#)?;
/// let replay = request.replay()?;
/// assert_eq!(replay.state.status, o2okit::VoucherOrderStatus::Closed);
/// assert_eq!(replay.state.totals.settled.to_string(), "33.33 CNY");
/// assert_eq!(replay.state.totals.refunded.to_string(), "66.67 CNY");
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherOrderReplayRequest {
    /// The deal the order buys.
    pub deal: VoucherDeal,
    /// The order id.
    pub order_id: String,
    /// The customer.
    pub customer_id: String,
    /// The command log, in time order.
    #[serde(default)]
    pub commands: Vec<TimedVoucherCommand>,
}

impl VoucherOrderReplayRequest {
    /// [`voucher_order_replay`](crate::voucher_order_replay) with this request.
    pub fn replay(&self) -> Result<VoucherOrderReplay, Error> {
        voucher_order_replay(
            &self.deal,
            &self.order_id,
            &self.customer_id,
            &self.commands,
        )
    }
}
