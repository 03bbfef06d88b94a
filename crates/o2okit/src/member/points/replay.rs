//! Replay a points event log: lots, balance, ledger, totals and breakage.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::breakage::{breakage_in, Breakage};
use super::ledger::{apply, PointsEntry, PointsEntryKind, PointsState, TimedPointsEvent};
use super::program::PointsProgram;
use crate::member::check_order;
use crate::Error;

/// The input of the `points.replay` wire function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PointsReplayRequest {
    /// The programme.
    pub program: PointsProgram,
    /// The event log, in time order.
    #[serde(default)]
    pub events: Vec<TimedPointsEvent>,
    /// Expire everything due up to this time after the last event (not before it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub until: Option<DateTime<FixedOffset>>,
}

/// Sums of a points ledger: `earned = redeemed + expired + balance`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PointsTotals {
    /// Points earned.
    pub earned: u64,
    /// Points redeemed.
    pub redeemed: u64,
    /// Points expired.
    pub expired: u64,
    /// Points left.
    pub balance: u64,
}

impl PointsTotals {
    /// Sum ledger entries (`balance` is the last entry's, or 0).
    pub fn from_entries(entries: &[PointsEntry]) -> Result<PointsTotals, Error> {
        let mut t = PointsTotals {
            earned: 0,
            redeemed: 0,
            expired: 0,
            balance: entries.last().map_or(0, |e| e.balance),
        };
        for e in entries {
            let slot = match e.kind {
                PointsEntryKind::Earn => &mut t.earned,
                PointsEntryKind::Redeem => &mut t.redeemed,
                PointsEntryKind::Expire => &mut t.expired,
            };
            *slot = slot
                .checked_add(e.points)
                .ok_or_else(|| Error::out_of_range("points totals"))?;
        }
        Ok(t)
    }
}

/// The result of [`points_replay`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PointsReplay {
    /// Lots and balance after the log (and `until`).
    pub state: PointsState,
    /// The ledger: earn, redeem and expire entries in time order.
    pub entries: Vec<PointsEntry>,
    /// The ledger's sums.
    pub totals: PointsTotals,
    /// Points expired per period (and their value when the programme has a point value).
    pub breakage: Vec<Breakage>,
}

/// Replay a points log from an empty account. Each event first expires the lots due at
/// its time; `until` expires what is due after the last event. The first rejected event
/// stops the replay with [`Error::AtEvent`].
///
/// Hand-computed: 1 point per 10.00, expiring at the end of the month 6 months after
/// earning (Asia/Shanghai). 105.00 on 15 January earns 10 points (expire at the end of
/// July), 250.00 on 10 February earns 25 (end of August); redeeming 12 on 31 July takes
/// 10 from January and 2 from February; at the end of August the other 23 expire.
///
/// ```
/// use o2okit::{points_replay, PointsReplayRequest};
/// let request: PointsReplayRequest = o2okit::decode(r#"{
///   "program": {"earn": [{"type": "per_amount", "points": 1, "per": {"amount": "10.00", "currency": "CNY"}}],
///               "expiry": {"months_after": 6}, "time_zone": "Asia/Shanghai"},
///   "events": [
///     {"at": "2026-01-15T10:00:00+08:00", "event": {"type": "earn", "amount": {"amount": "105.00", "currency": "CNY"}}},
///     {"at": "2026-02-10T10:00:00+08:00", "event": {"type": "earn", "amount": {"amount": "250.00", "currency": "CNY"}}},
///     {"at": "2026-07-31T23:59:59+08:00", "event": {"type": "redeem", "points": 12}}],
///   "until": "2026-09-01T00:00:00+08:00"}"#)?;
/// let replay = points_replay(&request.program, &request.events, request.until)?;
/// assert_eq!((replay.totals.earned, replay.totals.redeemed, replay.totals.expired), (35, 12, 23));
/// assert_eq!(replay.breakage[0].period, "2026-08");
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn points_replay(
    program: &PointsProgram,
    events: &[TimedPointsEvent],
    until: Option<DateTime<FixedOffset>>,
) -> Result<PointsReplay, Error> {
    let zone = program.check()?;
    let mut state = PointsState::default();
    let mut entries = Vec::with_capacity(events.len());
    for (index, timed) in events.iter().enumerate() {
        apply(
            &mut state,
            program,
            &zone,
            &timed.event,
            timed.at,
            &mut entries,
        )
        .map_err(|error| Error::AtEvent {
            index,
            error: Box::new(error),
        })?;
    }
    if let Some(until) = until {
        check_order(state.as_of, until)?;
        state.expire_until(until, &mut entries)?;
        state.as_of = Some(until);
    }
    let totals = PointsTotals::from_entries(&entries)?;
    let breakage = breakage_in(
        &entries,
        &zone,
        program.breakage_period,
        program.point_value,
    )?;
    Ok(PointsReplay {
        state,
        entries,
        totals,
        breakage,
    })
}
