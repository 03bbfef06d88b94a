//! A store as assignment sees it, and the order to place.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{FeeTable, Location, OpeningHours, ServiceArea};
use crate::Money;

/// A store that may fulfil orders.
///
/// On the wire:
/// ```json
/// {"id": "A", "location": {"lat": 31.2304, "lng": 121.4737},
///  "area": {"type": "radius", "radius_m": 3000},
///  "hours": {"time_zone": "Asia/Shanghai", "weekly": [{"open": "08:00", "close": "22:00"}]},
///  "stock": {"milk": 12, "bread": 3},
///  "daily_capacity": 200, "used_today": 57,
///  "fees": {"base_distance_m": 3000, "base_fee": {"amount": "5.00", "currency": "CNY"},
///           "base_eta_minutes": 30, "per_km_fee": {"amount": "1.00", "currency": "CNY"},
///           "per_km_eta_minutes": 10},
///  "road": {"distance_m": 1850, "eta_minutes": 24}}
/// ```
/// Only `id`, `location` and `area` are required: no `hours` = always open, no `stock` =
/// stock not tracked (everything available; with a `stock` map, a product not in it has
/// none), no `daily_capacity` = no limit, no `fees` = the policy's table (or no fee).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Store {
    /// Unique store id.
    pub id: String,
    /// Where the store is (WGS-84).
    pub location: Location,
    /// Where it delivers.
    pub area: ServiceArea,
    /// When it is open (none = always).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<OpeningHours>,
    /// Units in stock per product id (none = not tracked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stock: Option<BTreeMap<String, u32>>,
    /// Orders it can take per day (none = no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_capacity: Option<u32>,
    /// Orders already taken today.
    #[serde(default)]
    pub used_today: u32,
    /// Its delivery fee and ETA table (none = the policy's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees: Option<FeeTable>,
    /// A road distance and ETA to this order's address, from the caller's routing service;
    /// replaces the haversine distance for ranking and fees (the service area is still
    /// checked with the straight-line distance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub road: Option<RoadEstimate>,
}

/// A road distance (and optionally an ETA) supplied by the caller for one store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RoadEstimate {
    /// Road distance in metres.
    pub distance_m: u32,
    /// Travel time in minutes; replaces the fee table's ETA when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eta_minutes: Option<u32>,
}

/// The order to place: where it goes and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignOrder {
    /// The delivery address (WGS-84).
    pub location: Location,
    /// The lines: product and quantity (at most [`MAX_ORDER_LINES`](crate::MAX_ORDER_LINES),
    /// each product once).
    pub items: Vec<AssignItem>,
    /// The order subtotal, checked against a zone's minimum order (none = not checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtotal: Option<Money>,
}

/// One order line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignItem {
    /// Product id, as in the stores' `stock`.
    pub product_id: String,
    /// Units wanted (positive).
    pub quantity: u32,
}
