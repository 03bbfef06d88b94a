//! Points lots, the points ledger, and one event applied to them.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::earn::{points_for, EarnLine};
use super::program::PointsProgram;
use crate::calendar::Zone;
use crate::member::{check_order, invalid};
use crate::money::Money;
use crate::Error;

/// One event of a member's points account.
///
/// On the wire: `{"type": "earn", "order_id": "o1", "amount": {"amount": "105.00",
/// "currency": "CNY"}}`, `{"type": "redeem", "points": 300}`, `{"type": "tick"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PointsEvent {
    /// A purchase (a visit): earns points by the programme's rules, as one new lot.
    Earn {
        /// The order.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        order_id: Option<String>,
        /// The amount paid.
        amount: Money,
        /// The purchase lines, for `per_category` rules.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        lines: Vec<EarnLine>,
    },
    /// Points spent, oldest (soonest-expiring) lots first.
    Redeem {
        /// Points to redeem (positive).
        points: u64,
        /// The order they pay for.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        order_id: Option<String>,
    },
    /// Time passes: lots whose expiry has come expire.
    Tick,
}

/// How [`PointsEvent`] is decoded: the same variants and fields, externally tagged, fed the tag
/// first by [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[serde(remote = "PointsEvent", rename_all = "snake_case", deny_unknown_fields)]
enum PointsEventWire {
    Earn {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        order_id: Option<String>,
        amount: Money,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        lines: Vec<EarnLine>,
    },
    Redeem {
        points: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        order_id: Option<String>,
    },
    Tick,
}
crate::wire::tagged_deserialize!(PointsEvent, PointsEventWire, "type");

/// A points event with its time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TimedPointsEvent {
    /// When (RFC 3339).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// What happened.
    pub event: PointsEvent,
}

/// Points earned together: they share an earning time and an expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PointsLot {
    /// `l1`, `l2`, … in order of earning.
    pub id: String,
    /// When earned.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub earned_at: DateTime<FixedOffset>,
    /// When the rest expires (none: never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub expires_at: Option<DateTime<FixedOffset>>,
    /// Points earned.
    pub points: u64,
    /// Points not yet redeemed or expired.
    pub remaining: u64,
    /// The order that earned them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
}

/// A member's points: every lot (used-up ones too, so the ledger can be checked) and the
/// balance, the sum of the lots' `remaining`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PointsState {
    /// The lots, in order of earning.
    #[serde(default)]
    pub lots: Vec<PointsLot>,
    /// Points available.
    #[serde(default)]
    pub balance: u64,
    /// The time of the last applied event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub as_of: Option<DateTime<FixedOffset>>,
}

/// What a points ledger entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PointsEntryKind {
    /// Points earned (one lot).
    Earn,
    /// Points redeemed.
    Redeem,
    /// Points of one lot expired (breakage).
    Expire,
}

/// Points taken from one lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LotTake {
    /// The lot.
    pub lot_id: String,
    /// Points.
    pub points: u64,
}

/// One line of the points ledger. `points` is unsigned; the kind says the direction
/// (earn adds, redeem and expire take away).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PointsEntry {
    /// When: the event's time, or for an expiry the lot's `expires_at`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// Earn, redeem or expire.
    pub kind: PointsEntryKind,
    /// Points moved.
    pub points: u64,
    /// The balance after.
    pub balance: u64,
    /// The order of an earn or a redemption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// The lots touched (the new lot of an earn).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lots: Vec<LotTake>,
}

/// The result of [`points_apply`]: the next state and the entries (expiries first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PointsStep {
    /// The points after the event.
    pub state: PointsState,
    /// The lots that expired up to the event's time, then the event's own entry (none for
    /// a tick, or for a purchase that earns nothing).
    pub entries: Vec<PointsEntry>,
}

/// Apply one event at `at`: first every lot whose `expires_at <= at` expires (oldest
/// expiry first, each as an `expire` entry dated at its expiry), then the event. Pure:
/// on an error nothing changes.
///
/// Errors: [`Error::InsufficientPoints`], [`Error::EventsOutOfOrder`],
/// [`Error::InvalidMembership`], [`Error::UnknownTimeZone`], [`Error::CurrencyMismatch`].
///
/// ```
/// use o2okit::{points_apply, PointsEvent, PointsProgram, PointsState};
/// let program: PointsProgram = o2okit::decode(r#"{"earn": [{"type": "per_amount", "points": 1,
///     "per": {"amount": "10.00", "currency": "CNY"}}]}"#)?;
/// let earn: PointsEvent = o2okit::decode(r#"{"type": "earn", "amount": {"amount": "105.00", "currency": "CNY"}}"#)?;
/// let at = chrono::DateTime::parse_from_rfc3339("2026-01-15T10:00:00+08:00").unwrap();
/// let step = points_apply(&PointsState::default(), &program, &earn, at)?;
/// assert_eq!(step.state.balance, 10);
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn points_apply(
    state: &PointsState,
    program: &PointsProgram,
    event: &PointsEvent,
    at: DateTime<FixedOffset>,
) -> Result<PointsStep, Error> {
    let zone = program.check()?;
    state.check()?;
    let mut next = state.clone();
    let mut entries = Vec::new();
    apply(&mut next, program, &zone, event, at, &mut entries)?;
    Ok(PointsStep {
        state: next,
        entries,
    })
}

impl PointsState {
    /// Check a state given by a caller: unique lot ids, `remaining <= points`, and the
    /// balance equal to the sum of `remaining`.
    pub(crate) fn check(&self) -> Result<(), Error> {
        let mut sum: u64 = 0;
        let mut ids = std::collections::HashSet::with_capacity(self.lots.len());
        for (i, lot) in self.lots.iter().enumerate() {
            if lot.remaining > lot.points {
                return Err(invalid(
                    format!("state.lots[{i}].remaining"),
                    "more points remaining than earned",
                ));
            }
            if !ids.insert(lot.id.as_str()) {
                return Err(Error::DuplicateId {
                    what: "points lot".into(),
                    id: lot.id.clone(),
                });
            }
            sum = sum.checked_add(lot.remaining).ok_or_else(overflow)?;
        }
        if sum != self.balance {
            return Err(invalid(
                "state.balance",
                format!("{} but the lots hold {sum}", self.balance),
            ));
        }
        Ok(())
    }

    /// Indices of lots with points left, soonest expiry first (never-expiring last), then
    /// earliest earned, then position.
    fn live_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.lots.len())
            .filter(|&i| self.lots.get(i).is_some_and(|l| l.remaining > 0))
            .collect();
        order.sort_by_key(|&i| {
            self.lots
                .get(i)
                .map(|l| (l.expires_at.is_none(), l.expires_at, l.earned_at))
        });
        order
    }

    /// Points still usable at `at` (lots expiring later, or never).
    pub(crate) fn available_at(&self, at: DateTime<FixedOffset>) -> Result<u64, Error> {
        let mut sum: u64 = 0;
        for lot in &self.lots {
            if lot.expires_at.is_none_or(|end| at < end) {
                sum = sum.checked_add(lot.remaining).ok_or_else(overflow)?;
            }
        }
        Ok(sum)
    }

    /// Expire every lot whose expiry is at or before `at`.
    pub(crate) fn expire_until(
        &mut self,
        at: DateTime<FixedOffset>,
        entries: &mut Vec<PointsEntry>,
    ) -> Result<(), Error> {
        for i in self.live_order() {
            let Some(lot) = self.lots.get_mut(i) else {
                continue;
            };
            let Some(end) = lot.expires_at.filter(|end| *end <= at) else {
                continue;
            };
            let points = lot.remaining;
            lot.remaining = 0;
            self.balance = self.balance.checked_sub(points).ok_or_else(overflow)?;
            entries.push(PointsEntry {
                at: end,
                kind: PointsEntryKind::Expire,
                points,
                balance: self.balance,
                order_id: lot.order_id.clone(),
                lots: vec![LotTake {
                    lot_id: lot.id.clone(),
                    points,
                }],
            });
        }
        Ok(())
    }

    /// Take `points` from the live lots, soonest expiry first. The caller has checked that
    /// enough are available.
    fn take(&mut self, points: u64) -> Result<Vec<LotTake>, Error> {
        let mut left = points;
        let mut taken = Vec::new();
        for i in self.live_order() {
            if left == 0 {
                break;
            }
            let Some(lot) = self.lots.get_mut(i) else {
                continue;
            };
            let take = left.min(lot.remaining);
            lot.remaining = lot.remaining.checked_sub(take).ok_or_else(overflow)?;
            left = left.checked_sub(take).ok_or_else(overflow)?;
            taken.push(LotTake {
                lot_id: lot.id.clone(),
                points: take,
            });
        }
        self.balance = self.balance.checked_sub(points).ok_or_else(overflow)?;
        Ok(taken)
    }
}

/// Apply in place; all checks come before the first write. `state` and `program` must
/// have been checked.
pub(crate) fn apply(
    state: &mut PointsState,
    program: &PointsProgram,
    zone: &Zone,
    event: &PointsEvent,
    at: DateTime<FixedOffset>,
    entries: &mut Vec<PointsEntry>,
) -> Result<(), Error> {
    check_order(state.as_of, at)?;
    // Compute what the event needs before changing anything.
    let planned = match event {
        PointsEvent::Earn {
            amount,
            lines,
            order_id,
        } => {
            if let Some(value) = program.point_value {
                amount.same_currency(&value)?;
            }
            let points = points_for(&program.earn, *amount, lines)?;
            let expires_at = match &program.expiry {
                Some(rule) => Some(rule.expires_at_in(zone, at)?),
                None => None,
            };
            Planned::Earn {
                points,
                expires_at,
                order_id: order_id.clone(),
            }
        }
        PointsEvent::Redeem { points, order_id } => {
            if *points == 0 {
                return Err(invalid(
                    "event.points",
                    "redeem a positive number of points",
                ));
            }
            let available = state.available_at(at)?;
            if *points > available {
                return Err(Error::InsufficientPoints {
                    requested: *points,
                    available,
                });
            }
            Planned::Redeem {
                points: *points,
                order_id: order_id.clone(),
            }
        }
        PointsEvent::Tick => Planned::Tick,
    };
    state.expire_until(at, entries)?;
    match planned {
        Planned::Earn {
            points,
            expires_at,
            order_id,
        } => {
            if points > 0 {
                let id = format!("l{}", state.lots.len().saturating_add(1));
                state.balance = state.balance.checked_add(points).ok_or_else(overflow)?;
                state.lots.push(PointsLot {
                    id: id.clone(),
                    earned_at: at,
                    expires_at,
                    points,
                    remaining: points,
                    order_id: order_id.clone(),
                });
                entries.push(PointsEntry {
                    at,
                    kind: PointsEntryKind::Earn,
                    points,
                    balance: state.balance,
                    order_id,
                    lots: vec![LotTake { lot_id: id, points }],
                });
            }
        }
        Planned::Redeem { points, order_id } => {
            let lots = state.take(points)?;
            entries.push(PointsEntry {
                at,
                kind: PointsEntryKind::Redeem,
                points,
                balance: state.balance,
                order_id,
                lots,
            });
        }
        Planned::Tick => {}
    }
    state.as_of = Some(at);
    Ok(())
}

enum Planned {
    Earn {
        points: u64,
        expires_at: Option<DateTime<FixedOffset>>,
        order_id: Option<String>,
    },
    Redeem {
        points: u64,
        order_id: Option<String>,
    },
    Tick,
}

fn overflow() -> Error {
    Error::out_of_range("points arithmetic")
}
