//! Store assignment: pick the store that fulfils an order (nearest that serves the
//! address, is open, has the stock and the capacity), with delivery fee and ETA tiers,
//! optional splitting, and a reason for every store passed over.

mod area;
mod assign;
mod distance;
mod hours;
mod policy;
mod prepared;
mod reasons;
mod split;
mod stock;
mod store;
mod zone;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

pub use area::ServiceArea;
pub use assign::{AssignStatus, Assignment, ChosenStore, DistanceSource, PassedOver};
pub use distance::{distance_m, EARTH_RADIUS_M};
pub use hours::{OpeningHours, OpeningInterval, SpecialDay, NEXT_OPEN_HORIZON_DAYS};
pub use location::Location;
pub use policy::{AssignPolicy, Explain, SplitPolicy, TieBreak};
pub use prepared::{AssignBuffer, PreparedStores, MAX_ORDER_LINES};
pub use reasons::{PassReason, Shortage};
pub use split::MAX_EXACT_SPLIT_LINES;
pub use store::{AssignItem, AssignOrder, RoadEstimate, Store};
pub use zone::FeeTable;

mod location;

use crate::Error;

/// The input of the `store.assign` wire function.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignRequest {
    /// The order.
    pub order: AssignOrder,
    /// The candidate stores.
    pub stores: Vec<Store>,
    /// The time of the order, RFC 3339 (opening hours are checked at this instant).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub now: DateTime<FixedOffset>,
    /// Ranking, split and explain policy (all defaults when left out).
    #[serde(default)]
    pub policy: AssignPolicy,
}

/// Pick the store that fulfils an order.
///
/// ## Filters
/// A store is **eligible** when all of these hold; each failure is a [`PassReason`]:
/// - `out_of_area`: its [`ServiceArea`] serves the address (radius: haversine distance in
///   whole metres at most `radius_m`; polygons: inside or on the boundary);
/// - `closed`: it is open at `now` in its own time zone ([`OpeningHours`]: overnight
///   intervals belong to the day they start, holiday closures, special days);
/// - `out_of_stock`: it has every line's quantity (a store without `stock` is not tracked);
/// - `at_capacity`: `used_today < daily_capacity`;
/// - `below_minimum_order`: the order's `subtotal` reaches its zone's `min_order`.
///
/// ## Ranking
/// The nearest eligible store wins. The distance is the haversine distance (mean earth
/// radius 6,371,008.8 m, rounded to whole metres) or the caller's `road.distance_m` for that
/// store. Stores at the same distance are ordered by the policy's [`TieBreak`]s, then by
/// input order. So a nearer eligible store is never skipped; an eligible store that lost is
/// passed over as `farther` or `tie_break` (with the deciding tie-break).
///
/// ## Fee and ETA
/// From the store's [`FeeTable`] (or the policy's) at the ranking distance; a road ETA
/// replaces the table's ETA.
///
/// ## Splitting
/// Only under `policy.split = fewest_stores`, and only when no single store is eligible:
/// the stores that fail nothing but stock cover the lines (each line whole from one
/// store) with the fewest stores, ties by total distance; each line goes to the nearest
/// chosen store that has it. Minimum orders are checked against the whole subtotal.
///
/// ## No store
/// Not an error: `status` is `unassigned`, `chosen` is empty, and every store is in
/// `passed_over` with all its reasons (see [`Explain`] for a faster, shorter form).
///
/// Inputs must be WGS-84 (see [`Location`] on GCJ-02). For many orders against the same
/// stores, use [`PreparedStores`].
///
/// ```
/// use o2okit::{assign, AssignOrder, AssignPolicy, AssignStatus, Store};
/// let stores: Vec<Store> = o2okit::decode(r#"[
///   {"id": "A", "location": {"lat": 31.2412, "lng": 121.4737}, "area": {"type": "radius", "radius_m": 3000},
///    "stock": {"milk": 5}},
///   {"id": "B", "location": {"lat": 31.2376, "lng": 121.4737}, "area": {"type": "radius", "radius_m": 3000},
///    "stock": {"milk": 0}}
/// ]"#)?;
/// let order: AssignOrder = o2okit::decode(r#"{"location": {"lat": 31.2304, "lng": 121.4737},
///     "items": [{"product_id": "milk", "quantity": 2}]}"#)?;
/// let now = "2026-03-02T10:00:00+08:00".parse().unwrap();
/// let result = assign(&order, &stores, now, &AssignPolicy::default())?;
/// assert_eq!(result.status, AssignStatus::Assigned);
/// assert_eq!(result.chosen[0].store_id, "A");
/// assert_eq!(result.chosen[0].distance_m, 1201);
/// assert_eq!(result.passed_over[0].reasons[0].code(), "out_of_stock");
/// # Ok::<(), o2okit::Error>(())
/// ```
///
/// Errors: [`Error::InvalidStore`], [`Error::InvalidLocation`], [`Error::UnknownTimeZone`],
/// [`Error::CurrencyMismatch`] (a subtotal or policy fee table in another currency than the
/// stores' fee tables).
pub fn assign(
    order: &AssignOrder,
    stores: &[Store],
    now: DateTime<FixedOffset>,
    policy: &AssignPolicy,
) -> Result<Assignment, Error> {
    PreparedStores::new(stores)?.assign(order, now, policy)
}
