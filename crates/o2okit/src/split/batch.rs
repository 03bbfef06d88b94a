//! Many orders, one plan: the batch entry point the bindings call.

use serde::{Deserialize, Serialize};

use super::ledger::Ledger;
use super::order::SplitOrder;
use super::plan::SplitPlan;
use super::waterfall::SplitBuffer;
use crate::Error;

/// The input of the `split.batch` wire function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SplitBatchRequest {
    /// The plan, compiled once for every order.
    pub plan: SplitPlan,
    /// The orders.
    pub orders: Vec<SplitOrder>,
}

/// The ledgers of a batch, and the orders that could not be split.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SplitBatch {
    /// One ledger per order that split, in the orders' order.
    pub ledgers: Vec<Ledger>,
    /// One entry per order that failed, in the orders' order.
    pub errors: Vec<BatchError>,
}

/// An order of a batch that could not be split.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BatchError {
    /// The order's position in the batch.
    pub index: u64,
    /// The order id.
    pub order_id: String,
    /// The stable error code.
    pub code: String,
    /// The message.
    pub message: String,
}

/// Orders in a batch from which the plan's decay tables are cached (below, each weight is
/// computed directly; the results are identical).
const CACHE_FROM: usize = 64;

/// Split many orders with one plan: the plan is validated and compiled once (a bad plan
/// fails the whole batch), then each order is split on its own; an order that fails is
/// reported in [`SplitBatch::errors`] with its error code and does not stop the others.
///
/// ```
/// use o2okit::{split_batch, SplitOrder, SplitPlan};
/// let plan: SplitPlan = o2okit::decode(r#"{"rules": [{"id": "platform", "to": {"role": "platform", "party_id": "p"},
///     "base": "gross_paid", "pay": {"type": "percent", "percent": "8"}}], "parties": [{"role": "merchant", "party_id": "m"}]}"#)?;
/// let orders: Vec<SplitOrder> = o2okit::decode(r#"[
///     {"id": "a", "at": "2026-11-22T12:00:00+08:00", "paid": {"amount": "100.00", "currency": "CNY"}},
///     {"id": "b", "at": "2026-11-22T12:00:00+08:00", "paid": {"amount": "-1.00", "currency": "CNY"}}]"#)?;
/// let batch = split_batch(&plan, &orders)?;
/// assert_eq!(batch.ledgers.len(), 1);
/// assert_eq!(batch.errors[0].code, "invalid_order");
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn split_batch(plan: &SplitPlan, orders: &[SplitOrder]) -> Result<SplitBatch, Error> {
    let compiled = plan.compile_with(orders.len() >= CACHE_FROM)?;
    let mut ledgers = Vec::with_capacity(orders.len());
    let mut errors = Vec::new();
    let mut buffer = SplitBuffer::new();
    for (index, order) in orders.iter().enumerate() {
        match compiled.split_reusing(order, &mut buffer) {
            Ok(ledger) => ledgers.push(ledger),
            Err(e) => errors.push(BatchError {
                index: u64::try_from(index).unwrap_or(u64::MAX),
                order_id: order.id.clone(),
                code: e.code().to_string(),
                message: e.to_string(),
            }),
        }
    }
    Ok(SplitBatch { ledgers, errors })
}
