//! Fold an event log into a state: the same result as stepping one event at a time.

use serde::{Deserialize, Serialize};

use super::campaign::GroupBuyCampaign;
use super::effect::GroupBuyEffect;
use super::event::TimedEvent;
use super::state::{groupbuy_open, GroupBuyState};
use super::step::{apply, GroupBuyOutcome};
use crate::Error;

/// The result of replaying an event log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupBuyReplay {
    /// The state after the last event.
    pub state: GroupBuyState,
    /// Every effect of every event, in order.
    pub effects: Vec<GroupBuyEffect>,
    /// One outcome per event, in order.
    pub outcomes: Vec<GroupBuyOutcome>,
}

/// Replay an event log from the campaign's opening: the same state, effects and outcomes
/// as calling [`groupbuy_step`](crate::groupbuy_step) on each event in turn with its `at`
/// as `now`, only faster (the state is checked once and updated in place, with no copy per
/// event). Deterministic: the same log always gives the same result.
///
/// The log must be in time order (`at` never going back). The first rejected event stops
/// the replay with [`Error::AtEvent`], whose code is the rejection's code and whose
/// `event_index` is the event's zero-based position; nothing else is returned.
///
/// ```
/// use o2okit::{groupbuy_replay, GroupBuyCampaign, GroupBuyStatus, TimedEvent};
/// let campaign: GroupBuyCampaign = o2okit::decode(r#"{"id": "yoga", "deadline": "2026-12-01T00:00:00+08:00",
///     "kind": {"type": "tipping_point", "min_participants": 2, "price": {"amount": "30.00", "currency": "CNY"}}}"#)?;
/// let log: Vec<TimedEvent> = o2okit::decode(r#"[
///     {"at": "2026-11-22T10:00:00+08:00", "event": {"type": "join", "key": "1", "customer_id": "ann"}},
///     {"at": "2026-11-22T10:01:00+08:00", "event": {"type": "payment_confirmed", "key": "2", "participation_id": "p1"}},
///     {"at": "2026-12-01T00:00:00+08:00", "event": {"type": "tick"}}
/// ]"#)?;
/// let replay = groupbuy_replay(&campaign, &log)?;
/// assert_eq!(replay.state.status, GroupBuyStatus::Failed); // 1 of 2 paid at the deadline
/// assert_eq!(replay.effects.len(), 3); // charge, refund_full, notify_failure
///
/// let bad: Vec<TimedEvent> = o2okit::decode(r#"[
///     {"at": "2026-11-22T10:00:00+08:00", "event": {"type": "leave", "key": "1", "participation_id": "p7"}}
/// ]"#)?;
/// let err = groupbuy_replay(&campaign, &bad).unwrap_err();
/// assert_eq!((err.code(), err.event_index()), ("unknown_participation", Some(0)));
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn groupbuy_replay(
    campaign: &GroupBuyCampaign,
    events: &[TimedEvent],
) -> Result<GroupBuyReplay, Error> {
    let mut state = groupbuy_open(campaign)?;
    let mut index = state.check()?;
    // About one effect per event (a charge per join, vouchers per payment on success).
    let mut effects = Vec::with_capacity(events.len());
    let mut outcomes = Vec::with_capacity(events.len());
    for (position, timed) in events.iter().enumerate() {
        let outcome = apply(&mut state, &mut index, &timed.event, timed.at, &mut effects).map_err(
            |error| Error::AtEvent {
                index: position,
                error: Box::new(error),
            },
        )?;
        outcomes.push(outcome);
    }
    Ok(GroupBuyReplay {
        state,
        effects,
        outcomes,
    })
}
