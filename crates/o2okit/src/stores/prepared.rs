//! Stores prepared once for many orders, and the allocation-free assignment loop.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset};

use super::area::PreparedArea;
use super::distance::{haversine_m, Radians};
use super::hours::{LocalNow, OpeningHours, PreparedHours};
use super::reasons::flags;
use super::split::{fewest_stores, Candidate};
use super::stock::{available, prepare_stock, PreparedStock};
use super::{
    AssignOrder, AssignPolicy, AssignStatus, Assignment, ChosenStore, DistanceSource, Explain,
    FeeTable, PassReason, PassedOver, RoadEstimate, Shortage, SplitPolicy, Store, TieBreak,
};
use crate::{Currency, Error, Money};

/// The most lines one order may have.
pub const MAX_ORDER_LINES: usize = 64;

/// Stores checked and indexed once, to assign many orders: radians and cosines of the
/// locations, bounding boxes of the areas, parsed hours, dense stock indexes.
///
/// ```
/// use o2okit::{AssignBuffer, AssignOrder, AssignPolicy, PreparedStores, Store};
/// let stores: Vec<Store> = o2okit::decode(r#"[
///   {"id": "near", "location": {"lat": 31.2304, "lng": 121.4737}, "area": {"type": "radius", "radius_m": 3000}},
///   {"id": "far", "location": {"lat": 31.2600, "lng": 121.4737}, "area": {"type": "radius", "radius_m": 3000}}
/// ]"#)?;
/// let prepared = PreparedStores::new(&stores)?;
/// let order: AssignOrder = o2okit::decode(r#"{"location": {"lat": 31.2310, "lng": 121.4737},
///     "items": [{"product_id": "milk", "quantity": 1}]}"#)?;
/// let now = "2026-03-02T10:00:00+08:00".parse().unwrap();
/// let mut buffer = AssignBuffer::default();
/// prepared.assign_into(&order, now, &AssignPolicy::default(), &mut buffer)?;
/// assert_eq!(buffer.chosen(), [0]);
/// let result = prepared.assign(&order, now, &AssignPolicy::default())?;
/// assert_eq!(result.chosen[0].store_id, "near");
/// assert_eq!(result.passed_over[0].reasons[0].code(), "out_of_area");
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct PreparedStores {
    stores: Vec<PreparedStore>,
    products: HashMap<String, u32>,
    zones: usize,
    /// How many distinct opening-hours values the stores have.
    distinct_hours: usize,
    currency: Option<Currency>,
}

#[derive(Debug, Clone)]
struct PreparedStore {
    id: String,
    centre: Radians,
    area: PreparedArea,
    /// The time zone's index (for the local time), the index of the store's distinct
    /// opening hours (to compute a next opening once per order), and the parsed hours.
    hours: Option<(usize, usize, PreparedHours)>,
    stock: Option<PreparedStock>,
    daily_capacity: Option<u32>,
    used_today: u32,
    fees: Option<FeeTable>,
    road: Option<RoadEstimate>,
}

/// Reusable scratch space for [`PreparedStores::assign_into`]: after a call it holds the
/// outcome in compact form (chosen store indexes, a reason bit set and a distance per
/// store). Reusing it across orders allocates nothing per order.
#[derive(Debug, Clone, Default)]
pub struct AssignBuffer {
    flags: Vec<u8>,
    distance: Vec<u32>,
    local: Vec<Option<LocalNow>>,
    lines: Vec<(Option<u32>, u32)>,
    chosen: Vec<usize>,
    masks: Vec<u64>,
    candidates: Vec<Candidate>,
    status: Option<AssignStatus>,
}

const NO_DISTANCE: u32 = u32::MAX;

impl AssignBuffer {
    /// The chosen stores (indexes into the prepared stores), nearest first.
    pub fn chosen(&self) -> &[usize] {
        &self.chosen
    }

    /// The outcome of the last call (`None` before any).
    pub fn status(&self) -> Option<AssignStatus> {
        self.status
    }

    /// The codes of the filters store `index` failed (`out_of_area`, `closed`,
    /// `out_of_stock`, `at_capacity`, `below_minimum_order`), in the documented order;
    /// empty for an eligible or chosen store.
    pub fn failed_filters(&self, index: usize) -> impl Iterator<Item = &'static str> + '_ {
        let f = self.flags.get(index).copied().unwrap_or(0);
        [
            (flags::OUT_OF_AREA, "out_of_area"),
            (flags::CLOSED, "closed"),
            (flags::OUT_OF_STOCK, "out_of_stock"),
            (flags::AT_CAPACITY, "at_capacity"),
            (flags::BELOW_MINIMUM, "below_minimum_order"),
        ]
        .into_iter()
        .filter(move |(bit, _)| f & flags::CHOSEN == 0 && f & bit != 0)
        .map(|(_, code)| code)
    }

    /// The ranking distance of store `index`, when its area serves the address.
    pub fn distance_m(&self, index: usize) -> Option<u32> {
        self.distance
            .get(index)
            .copied()
            .filter(|d| *d != NO_DISTANCE)
    }
}

fn invalid(field: String, reason: impl Into<String>) -> Error {
    Error::InvalidStore {
        field,
        reason: reason.into(),
    }
}

impl PreparedStores {
    /// Check and index the stores. Errors: [`Error::InvalidStore`] (empty or duplicate id,
    /// zero radius, empty or degenerate polygon, bad opening hours, negative fees, fee
    /// tables in different currencies), [`Error::InvalidLocation`],
    /// [`Error::UnknownTimeZone`].
    pub fn new(stores: &[Store]) -> Result<PreparedStores, Error> {
        let mut seen = HashSet::with_capacity(stores.len());
        let mut products = HashMap::new();
        let mut zones: Vec<String> = Vec::new();
        let mut distinct: HashMap<&OpeningHours, usize> = HashMap::new();
        let mut currency: Option<Currency> = None;
        let mut prepared = Vec::with_capacity(stores.len());
        for (i, store) in stores.iter().enumerate() {
            let field = format!("stores[{i}]");
            if store.id.is_empty() {
                return Err(invalid(format!("{field}.id"), "a store id cannot be empty"));
            }
            if !seen.insert(store.id.as_str()) {
                return Err(invalid(
                    format!("{field}.id"),
                    format!(
                        "the store id {:?} is used twice; ids must be unique",
                        store.id
                    ),
                ));
            }
            store.location.validate(&format!("{field}.location"))?;
            let centre = Radians::of(store.location);
            let area = PreparedArea::new(&store.area, &centre, &format!("{field}.area"))?;
            let hours = match &store.hours {
                Some(hours) => {
                    let prepared = PreparedHours::new(hours, &format!("{field}.hours"))?;
                    let zone = match zones.iter().position(|z| z == prepared.tz.name()) {
                        Some(zone) => zone,
                        None => {
                            zones.push(prepared.tz.name().to_string());
                            zones.len().saturating_sub(1)
                        }
                    };
                    let next = distinct.len();
                    let id = *distinct.entry(hours).or_insert(next);
                    Some((zone, id, prepared))
                }
                None => None,
            };
            if let Some(fees) = &store.fees {
                fees.validate(&format!("{field}.fees"))?;
                let c = fees.base_fee.currency();
                match currency {
                    Some(existing) if existing != c => {
                        return Err(invalid(
                            format!("{field}.fees.base_fee"),
                            format!(
                                "{} differs from {}, the currency of earlier stores' fees; one assignment uses one currency",
                                c.code(),
                                existing.code()
                            ),
                        ))
                    }
                    _ => currency = Some(c),
                }
            }
            prepared.push(PreparedStore {
                id: store.id.clone(),
                centre,
                area,
                hours,
                stock: store
                    .stock
                    .as_ref()
                    .map(|s| prepare_stock(s, &mut products)),
                daily_capacity: store.daily_capacity,
                used_today: store.used_today,
                fees: store.fees.clone(),
                road: store.road,
            });
        }
        Ok(PreparedStores {
            stores: prepared,
            products,
            zones: zones.len(),
            distinct_hours: distinct.len(),
            currency,
        })
    }

    /// The number of stores.
    pub fn len(&self) -> usize {
        self.stores.len()
    }

    /// Whether there are no stores.
    pub fn is_empty(&self) -> bool {
        self.stores.is_empty()
    }

    fn check_request(&self, order: &AssignOrder, policy: &AssignPolicy) -> Result<(), Error> {
        order.location.validate("order.location")?;
        if order.items.is_empty() {
            return Err(invalid(
                "order.items".into(),
                "an order needs at least one line",
            ));
        }
        if order.items.len() > MAX_ORDER_LINES {
            return Err(invalid(
                "order.items".into(),
                format!(
                    "{} lines is more than the {MAX_ORDER_LINES} one assignment handles; split the order",
                    order.items.len()
                ),
            ));
        }
        for (i, item) in order.items.iter().enumerate() {
            if item.quantity == 0 {
                return Err(invalid(
                    format!("order.items[{i}].quantity"),
                    "a quantity must be a positive integer",
                ));
            }
            if order
                .items
                .get(..i)
                .is_some_and(|before| before.iter().any(|b| b.product_id == item.product_id))
            {
                return Err(invalid(
                    format!("order.items[{i}].product_id"),
                    format!(
                        "the product {:?} is on two lines; merge them into one",
                        item.product_id
                    ),
                ));
            }
        }
        let mut currency = self.currency;
        if let Some(fees) = &policy.fees {
            fees.validate("policy.fees")?;
            let c = fees.base_fee.currency();
            if let Some(existing) = currency {
                if existing != c {
                    return Err(Error::CurrencyMismatch {
                        left: existing.code().into(),
                        right: c.code().into(),
                    });
                }
            }
            currency = Some(c);
        }
        if let (Some(subtotal), Some(c)) = (order.subtotal, currency) {
            if subtotal.currency() != c {
                return Err(Error::CurrencyMismatch {
                    left: c.code().into(),
                    right: subtotal.currency().code().into(),
                });
            }
        }
        Ok(())
    }

    /// Assign one order, writing the compact outcome into `buffer` (see
    /// [`AssignBuffer`]); [`PreparedStores::assign`] turns it into an [`Assignment`].
    /// Allocates nothing once the buffer has grown to the number of stores.
    pub fn assign_into(
        &self,
        order: &AssignOrder,
        now: DateTime<FixedOffset>,
        policy: &AssignPolicy,
        buffer: &mut AssignBuffer,
    ) -> Result<AssignStatus, Error> {
        self.check_request(order, policy)?;
        let n = self.stores.len();
        buffer.flags.clear();
        buffer.flags.resize(n, 0);
        buffer.distance.clear();
        buffer.distance.resize(n, NO_DISTANCE);
        buffer.local.clear();
        buffer.local.resize(self.zones, None);
        buffer.lines.clear();
        buffer.lines.extend(
            order
                .items
                .iter()
                .map(|item| (self.products.get(&item.product_id).copied(), item.quantity)),
        );
        buffer.chosen.clear();
        buffer.masks.clear();
        buffer.status = None;
        let point = Radians::of(order.location);
        let nearby = policy.explain == Explain::Nearby;
        let mut best: Option<usize> = None;
        for (i, store) in self.stores.iter().enumerate() {
            let (f, distance) = self.evaluate(store, order, &point, now, policy, nearby, buffer);
            if let Some(slot) = buffer.flags.get_mut(i) {
                *slot = f;
            }
            if let Some(slot) = buffer.distance.get_mut(i) {
                *slot = distance;
            }
            if f == 0 {
                best = match best {
                    Some(b) if self.compare(i, b, policy, buffer)?.0 != Ordering::Less => Some(b),
                    _ => Some(i),
                };
            }
        }
        let full_mask = |lines: usize| -> u64 {
            u64::MAX
                .checked_shr(64u32.saturating_sub(u32::try_from(lines).unwrap_or(64)))
                .unwrap_or(0)
        };
        let status = if let Some(b) = best {
            buffer.chosen.push(b);
            buffer.masks.push(full_mask(buffer.lines.len()));
            AssignStatus::Assigned
        } else if policy.split == SplitPolicy::FewestStores {
            self.split(buffer, full_mask(buffer.lines.len()))
        } else {
            AssignStatus::Unassigned
        };
        for &c in &buffer.chosen {
            if let Some(slot) = buffer.flags.get_mut(c) {
                *slot |= flags::CHOSEN;
            }
        }
        buffer.status = Some(status);
        Ok(status)
    }

    #[allow(clippy::too_many_arguments)]
    fn evaluate(
        &self,
        store: &PreparedStore,
        order: &AssignOrder,
        point: &Radians,
        now: DateTime<FixedOffset>,
        policy: &AssignPolicy,
        nearby: bool,
        buffer: &mut AssignBuffer,
    ) -> (u8, u32) {
        let mut f = 0u8;
        let mut distance = NO_DISTANCE;
        let (in_area, straight) = store.area.serves(&store.centre, order.location, point);
        if in_area {
            distance = match (store.road, straight) {
                (Some(road), _) => road.distance_m,
                (None, Some(d)) => d,
                (None, None) => haversine_m(&store.centre, point),
            };
        } else {
            f |= flags::OUT_OF_AREA;
            if nearby {
                return (f, distance);
            }
        }
        if let Some((zone, _, hours)) = &store.hours {
            let local = match buffer.local.get(*zone).copied().flatten() {
                Some(local) => local,
                None => {
                    let local = LocalNow::of(now, &hours.tz);
                    if let Some(slot) = buffer.local.get_mut(*zone) {
                        *slot = Some(local);
                    }
                    local
                }
            };
            if !hours.is_open(local) {
                f |= flags::CLOSED;
            }
        }
        if let Some(stock) = &store.stock {
            if buffer
                .lines
                .iter()
                .any(|&(product, qty)| available(stock, product) < qty)
            {
                f |= flags::OUT_OF_STOCK;
            }
        }
        if store
            .daily_capacity
            .is_some_and(|cap| store.used_today >= cap)
        {
            f |= flags::AT_CAPACITY;
        }
        if let (Some(subtotal), Some(min)) = (
            order.subtotal,
            store
                .fees
                .as_ref()
                .or(policy.fees.as_ref())
                .and_then(|t| t.min_order),
        ) {
            if subtotal.amount() < min.amount() {
                f |= flags::BELOW_MINIMUM;
            }
        }
        (f, distance)
    }

    fn table<'a>(
        &'a self,
        store: &'a PreparedStore,
        policy: &'a AssignPolicy,
    ) -> Option<&'a FeeTable> {
        store.fees.as_ref().or(policy.fees.as_ref())
    }

    /// Fee and ETA of a store at its ranking distance.
    fn fee_and_eta(
        &self,
        index: usize,
        policy: &AssignPolicy,
        distance: u32,
    ) -> Result<(Option<Money>, Option<u32>), Error> {
        let Some(store) = self.stores.get(index) else {
            return Ok((None, None));
        };
        let (fee, eta) = match self.table(store, policy) {
            Some(table) => {
                let (fee, eta) = table.fee_and_eta(distance)?;
                (Some(fee), Some(eta))
            }
            None => (None, None),
        };
        Ok((fee, store.road.and_then(|r| r.eta_minutes).or(eta)))
    }

    /// Order two eligible stores: distance first, then the policy's tie-breaks, then input
    /// order. Returns the ordering of `a` against `b` and the tie-break that decided
    /// (`None` when the distance did).
    fn compare(
        &self,
        a: usize,
        b: usize,
        policy: &AssignPolicy,
        buffer: &AssignBuffer,
    ) -> Result<(Ordering, Option<TieBreak>), Error> {
        let da = buffer.distance.get(a).copied().unwrap_or(NO_DISTANCE);
        let db = buffer.distance.get(b).copied().unwrap_or(NO_DISTANCE);
        if da != db {
            return Ok((da.cmp(&db), None));
        }
        for &tie in &policy.tie_breaks {
            let ordering = match tie {
                TieBreak::Eta | TieBreak::Fee => {
                    let (fa, ea) = self.fee_and_eta(a, policy, da)?;
                    let (fb, eb) = self.fee_and_eta(b, policy, db)?;
                    // A missing fee or ETA ranks after any known one.
                    if tie == TieBreak::Eta {
                        cmp_known(ea, eb)
                    } else {
                        cmp_known(fa.map(|m| m.amount()), fb.map(|m| m.amount()))
                    }
                }
                TieBreak::SpareCapacity => {
                    let spare = |i: usize| {
                        self.stores.get(i).map_or(0, |s| {
                            s.daily_capacity
                                .map_or(u32::MAX, |cap| cap.saturating_sub(s.used_today))
                        })
                    };
                    spare(b).cmp(&spare(a))
                }
                TieBreak::StoreId => {
                    let id = |i: usize| self.stores.get(i).map(|s| s.id.as_bytes());
                    id(a).cmp(&id(b))
                }
                TieBreak::InputOrder => a.cmp(&b),
            };
            if ordering != Ordering::Equal {
                return Ok((ordering, Some(tie)));
            }
        }
        Ok((a.cmp(&b), Some(TieBreak::InputOrder)))
    }

    fn split(&self, buffer: &mut AssignBuffer, full: u64) -> AssignStatus {
        buffer.candidates.clear();
        for (i, store) in self.stores.iter().enumerate() {
            if buffer.flags.get(i).copied() != Some(flags::OUT_OF_STOCK) {
                continue;
            }
            let Some(stock) = &store.stock else { continue };
            let mask = buffer
                .lines
                .iter()
                .enumerate()
                .filter(|(_, &(product, qty))| available(stock, product) >= qty)
                .fold(0u64, |m, (bit, _)| {
                    m | 1u64.checked_shl(bit as u32).unwrap_or(0)
                });
            if mask != 0 {
                buffer.candidates.push(Candidate {
                    store: i,
                    mask,
                    distance_m: buffer.distance.get(i).copied().unwrap_or(NO_DISTANCE),
                });
            }
        }
        buffer.candidates.sort_by_key(|c| (c.distance_m, c.store));
        let Some(mut chosen) = fewest_stores(&buffer.candidates, buffer.lines.len(), full) else {
            return AssignStatus::Unassigned;
        };
        let key = |i: &usize| (buffer.distance.get(*i).copied().unwrap_or(NO_DISTANCE), *i);
        chosen.sort_by_key(key);
        // Each line goes to the nearest chosen store that has it.
        let mut left = full;
        for &store in &chosen {
            let mask = buffer
                .candidates
                .iter()
                .find(|c| c.store == store)
                .map_or(0, |c| c.mask);
            buffer.masks.push(mask & left);
            left &= !mask;
        }
        buffer.chosen = chosen;
        AssignStatus::Split
    }

    /// Assign one order: the chosen store(s), their distance, fee and ETA, and why every
    /// other store was passed over. See [`assign`](crate::assign).
    pub fn assign(
        &self,
        order: &AssignOrder,
        now: DateTime<FixedOffset>,
        policy: &AssignPolicy,
    ) -> Result<Assignment, Error> {
        let mut buffer = AssignBuffer::default();
        self.assign_into(order, now, policy, &mut buffer)?;
        self.explain(order, policy, &buffer)
    }

    /// Turn the compact outcome in `buffer` (from [`PreparedStores::assign_into`] with the
    /// same order and policy) into an [`Assignment`].
    pub fn explain(
        &self,
        order: &AssignOrder,
        policy: &AssignPolicy,
        buffer: &AssignBuffer,
    ) -> Result<Assignment, Error> {
        let status = buffer.status.unwrap_or(AssignStatus::Unassigned);
        let mut chosen = Vec::with_capacity(buffer.chosen.len());
        let (total_fee, total_eta) = self.fee_and_eta_of(policy, buffer)?;
        for (k, &index) in buffer.chosen.iter().enumerate() {
            let Some(store) = self.stores.get(index) else {
                continue;
            };
            let distance = buffer.distance.get(index).copied().unwrap_or(NO_DISTANCE);
            let (fee, eta) = self.fee_and_eta(index, policy, distance)?;
            let mask = buffer.masks.get(k).copied().unwrap_or(0);
            chosen.push(ChosenStore {
                store_id: store.id.clone(),
                distance_m: distance,
                distance_source: if store.road.is_some() {
                    DistanceSource::Road
                } else {
                    DistanceSource::Haversine
                },
                fee,
                eta_minutes: eta,
                items: order
                    .items
                    .iter()
                    .enumerate()
                    .filter(|(bit, _)| mask & 1u64.checked_shl(*bit as u32).unwrap_or(0) != 0)
                    .map(|(_, item)| item.product_id.clone())
                    .collect(),
            });
        }
        let winner = buffer.chosen.first().copied();
        let mut passed_over = Vec::with_capacity(self.stores.len().saturating_sub(chosen.len()));
        let mut next_opens: Vec<Option<Option<DateTime<FixedOffset>>>> =
            vec![None; self.distinct_hours];
        for (i, store) in self.stores.iter().enumerate() {
            let f = buffer.flags.get(i).copied().unwrap_or(0);
            if f & flags::CHOSEN != 0 {
                continue;
            }
            let mut reasons = Vec::new();
            if f & flags::OUT_OF_AREA != 0 {
                reasons.push(PassReason::OutOfArea);
            }
            if f & flags::CLOSED != 0 {
                // Stores often share their hours: compute each next opening once.
                let next_open = store.hours.as_ref().and_then(|(zone, id, hours)| {
                    let slot = next_opens.get_mut(*id)?;
                    *slot.get_or_insert_with(|| {
                        let local = buffer.local.get(*zone).copied().flatten()?;
                        hours.next_open(local)
                    })
                });
                reasons.push(PassReason::Closed { next_open });
            }
            if f & flags::OUT_OF_STOCK != 0 {
                let short = store.stock.as_ref().map_or_else(Vec::new, |stock| {
                    order
                        .items
                        .iter()
                        .zip(&buffer.lines)
                        .filter_map(|(item, &(product, qty))| {
                            let have = available(stock, product);
                            (have < qty).then(|| Shortage {
                                product_id: item.product_id.clone(),
                                wanted: qty,
                                available: have,
                            })
                        })
                        .collect()
                });
                reasons.push(PassReason::OutOfStock { short });
            }
            if f & flags::AT_CAPACITY != 0 {
                reasons.push(PassReason::AtCapacity {
                    daily_capacity: store.daily_capacity.unwrap_or(0),
                    used_today: store.used_today,
                });
            }
            if f & flags::BELOW_MINIMUM != 0 {
                if let Some(min_order) = self.table(store, policy).and_then(|t| t.min_order) {
                    reasons.push(PassReason::BelowMinimumOrder { min_order });
                }
            }
            if f == 0 {
                if let Some(w) = winner {
                    reasons.push(match self.compare(i, w, policy, buffer)?.1 {
                        None => PassReason::Farther,
                        Some(by) => PassReason::TieBreak { by },
                    });
                }
            }
            passed_over.push(PassedOver {
                store_id: store.id.clone(),
                distance_m: buffer.distance_m(i),
                reasons,
            });
        }
        Ok(Assignment {
            status,
            chosen,
            fee: total_fee,
            eta_minutes: total_eta,
            passed_over,
        })
    }

    /// The id of prepared store `index` (the indexes of [`AssignBuffer::chosen`]).
    pub fn store_id(&self, index: usize) -> Option<&str> {
        self.stores.get(index).map(|s| s.id.as_str())
    }

    /// The fee and ETA of the outcome in `buffer` (from [`PreparedStores::assign_into`]
    /// with the same policy), as [`Assignment::fee`] and [`Assignment::eta_minutes`] give
    /// them: the chosen stores' fees summed and the longest ETA, each `None` unless every
    /// chosen store has one. Allocates nothing: the columnar batch reads this instead of
    /// building an [`Assignment`] per order.
    pub fn fee_and_eta_of(
        &self,
        policy: &AssignPolicy,
        buffer: &AssignBuffer,
    ) -> Result<(Option<Money>, Option<u32>), Error> {
        let mut total_fee: Option<Money> = None;
        let mut all_fees = true;
        let mut eta_max: Option<u32> = None;
        let mut all_etas = true;
        for &index in &buffer.chosen {
            if self.stores.get(index).is_none() {
                continue;
            }
            let distance = buffer.distance.get(index).copied().unwrap_or(NO_DISTANCE);
            let (fee, eta) = self.fee_and_eta(index, policy, distance)?;
            match (fee, total_fee) {
                (Some(f), Some(t)) => total_fee = Some(t.checked_add(f)?),
                (Some(f), None) => total_fee = Some(f),
                (None, _) => all_fees = false,
            }
            match eta {
                Some(e) => eta_max = Some(eta_max.map_or(e, |m| m.max(e))),
                None => all_etas = false,
            }
        }
        Ok((total_fee.filter(|_| all_fees), eta_max.filter(|_| all_etas)))
    }
}

/// Compare two optional keys, a known key before an unknown one.
fn cmp_known<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}
