//! The result of an assignment.

use serde::{Deserialize, Serialize};

use super::PassReason;
use crate::Money;

/// Where an order goes, and why every other store did not get it.
///
/// Every input store appears exactly once: in `chosen` or in `passed_over` (in input
/// order). No eligible store is **not** an error: `status` is `unassigned`, `chosen` is
/// empty, and `passed_over` says why each store failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// `assigned` (one store), `split` (several) or `unassigned`.
    pub status: AssignStatus,
    /// The chosen store(s), nearest first.
    pub chosen: Vec<ChosenStore>,
    /// The total delivery fee (when every chosen store has a fee table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Money>,
    /// The ETA in minutes (the longest of the chosen stores', when all have one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eta_minutes: Option<u32>,
    /// Every other store with its reasons, in input order.
    pub passed_over: Vec<PassedOver>,
}

/// The outcome of an assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssignStatus {
    /// One store fulfils the whole order.
    Assigned,
    /// Several stores share it (only under `split: fewest_stores`).
    Split,
    /// No store (or set of stores) can fulfil it.
    Unassigned,
}

/// A chosen store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChosenStore {
    /// The store id.
    pub store_id: String,
    /// The distance used for ranking and fees, whole metres.
    pub distance_m: u32,
    /// Where the distance came from.
    pub distance_source: DistanceSource,
    /// Its delivery fee (when it has a fee table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Money>,
    /// Its ETA in minutes (the road ETA if given, else the fee table's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eta_minutes: Option<u32>,
    /// The product ids of the lines it fulfils, in order-line order.
    pub items: Vec<String>,
}

/// Where a distance came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DistanceSource {
    /// Great-circle (haversine) distance, rounded to whole metres.
    Haversine,
    /// The caller's road distance (`road.distance_m`).
    Road,
}

/// A store that was not chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PassedOver {
    /// The store id.
    pub store_id: String,
    /// The ranking distance, for stores whose area serves the address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<u32>,
    /// Why, in the documented order (never empty).
    pub reasons: Vec<PassReason>,
}
