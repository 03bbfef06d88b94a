//! `groupbuy_progress(state, now)`: counts, what is still needed, time left, ladder prices
//! and a hint for a progress bar.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::campaign::{kind_name, GroupBuyKind};
use super::effect::VirtualFillReport;
use super::event::GroupBuyEvent;
use super::ladder;
use super::state::{GroupBuyState, GroupBuyStatus, Team};
use super::step::apply;
use crate::money::Money;
use crate::Error;

/// Where a campaign stands at `now`, for a progress bar.
///
/// **Counts are places held**: `count` is the places taken (paid or awaiting payment, since
/// a place awaiting payment is taken; it lapses if never paid), with the `paid` and
/// `pending` split; `needed` is how many more places the deal needs (`target − count`, 0
/// once reached). The percentage is `floor(100 × count / target)`, at most 100.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupBuyProgress {
    /// The campaign id.
    pub campaign_id: String,
    /// `tipping_point`, `team_buy` or `ladder`.
    pub kind: String,
    /// The status at `now` (as if a `tick` had been applied).
    pub status: GroupBuyStatus,
    /// The instant this progress is for, RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub now: DateTime<FixedOffset>,
    /// Places held over the campaign.
    pub count: u32,
    /// Of which paid.
    pub paid: u32,
    /// Of which awaiting payment.
    pub pending: u32,
    /// Places the deal needs (tipping point: its minimum; ladder: its first tier); absent
    /// for a team buy (see `teams`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<u32>,
    /// More places needed to reach `target`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needed: Option<u32>,
    /// `floor(100 × count / target)`, at most 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<u32>,
    /// Whole seconds until the deadline (until then a tipping point or ladder takes joins,
    /// a team buy opens teams); absent once the campaign has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_seconds: Option<i64>,
    /// The price the deal stands at: the campaign price, or the ladder tier for `count`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_price: Option<Money>,
    /// What the next place would be charged (ladder: the tier for `count + 1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_price: Option<Money>,
    /// The ladder's next lower price, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_price: Option<Money>,
    /// The count at which `next_price` applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_tier_at: Option<u32>,
    /// The ladder's final price, once it succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_price: Option<Money>,
    /// What to tell the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<ProgressHint>,
    /// Every team of a team buy, in opening order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<TeamProgress>,
}

/// Where one team stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TeamProgress {
    /// The team.
    pub team_id: String,
    /// `open` while forming.
    pub status: GroupBuyStatus,
    /// Its leader's participation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader: Option<String>,
    /// Places held.
    pub count: u32,
    /// Of which paid.
    pub paid: u32,
    /// Of which awaiting payment.
    pub pending: u32,
    /// The team size.
    pub size: u32,
    /// More members needed (`size − count`).
    pub needed: u32,
    /// `floor(100 × count / size)`.
    pub percent: u32,
    /// Whole seconds until the window ends; absent once the team has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_seconds: Option<i64>,
    /// Present when it succeeded by virtual fill.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_fill: Option<VirtualFillReport>,
    /// What to tell the team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<ProgressHint>,
}

/// A progress hint: a stable code, its parameters, and a plain-English message such as
/// "2 more people needed within 3 h 12 min" or "1 more to reach 80.00". Amounts in messages
/// are bare decimals (as in promotion hints); `price` carries the money for front-ends that
/// format it with a currency symbol (¥80.00).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProgressHint {
    /// The kind of hint.
    pub code: ProgressHintCode,
    /// The message.
    pub message: String,
    /// People (places) still needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needed: Option<u32>,
    /// Whole seconds left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_seconds: Option<i64>,
    /// The price the hint is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
}

/// The kind of a [`ProgressHint`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProgressHintCode {
    /// "starts in 2 h 5 min".
    NotStarted,
    /// "2 more people needed within 3 h 12 min": below the minimum or the team size.
    PeopleNeeded,
    /// "1 more to reach 80.00": the next ladder tier.
    NextTier,
    /// "lowest price reached: 80.00".
    LowestPrice,
    /// "the deal is on: 14 h 5 min left to join": a tipping point past its minimum.
    DealOn,
    /// "all 50 places are taken".
    Full,
    /// "waiting for 1 payment within 3 h": every place needed is taken, not every one paid
    /// (a full team, a tipping point at its minimum).
    AwaitingPayment,
    /// "the team succeeded", "the deal failed: …": it has ended.
    Ended,
}

/// Where a campaign stands at `now`: counts, what is still needed, the time left, the
/// ladder's current and next price, and a hint, for the campaign and for each team.
///
/// Read-only: the state is not changed; windows and deadlines up to `now` are taken into
/// account as a `tick` would (a team whose window has ended shows as ended). `now` must not
/// be before the state's last event unless the campaign has ended
/// ([`Error::TimeOutOfOrder`]).
///
/// Durations in messages are whole hours and minutes, rounded down ("3 h 12 min",
/// "45 min", "30 s"), so they never promise more time than is left.
///
/// ```
/// use o2okit::{groupbuy_progress, groupbuy_replay, GroupBuyCampaign, TimedEvent};
/// let campaign: GroupBuyCampaign = o2okit::decode(r#"{"id": "bbq", "deadline": "2026-12-01T00:00:00+08:00",
///     "kind": {"type": "team_buy", "size": 3, "window_seconds": 86400, "price": {"amount": "88.00", "currency": "CNY"}}}"#)?;
/// let log: Vec<TimedEvent> = o2okit::decode(r#"[
///     {"at": "2026-11-22T10:00:00+08:00", "event": {"type": "open_team", "key": "1", "customer_id": "ann"}}
/// ]"#)?;
/// let state = groupbuy_replay(&campaign, &log)?.state;
/// let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T06:48:00+08:00").unwrap();
/// let progress = groupbuy_progress(&state, now)?;
/// let team = &progress.teams[0];
/// assert_eq!((team.count, team.needed, team.percent), (1, 2, 33));
/// assert_eq!(team.hint.as_ref().unwrap().message, "2 more people needed within 3 h 12 min");
///
/// let ladder: GroupBuyCampaign = o2okit::decode(r#"{"id": "tea", "deadline": "2026-12-01T00:00:00+08:00",
///     "kind": {"type": "ladder", "tiers": [
///         {"min_participants": 1, "price": {"amount": "100.00", "currency": "CNY"}},
///         {"min_participants": 2, "price": {"amount": "80.00", "currency": "CNY"}}]}}"#)?;
/// let state = o2okit::groupbuy_open(&ladder)?;
/// let state = o2okit::groupbuy_step(&state, &o2okit::decode(r#"{"type": "join", "key": "1", "customer_id": "ann"}"#)?, now)?.state;
/// let progress = groupbuy_progress(&state, now)?;
/// assert_eq!(progress.hint.unwrap().message, "1 more to reach 80.00");
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn groupbuy_progress(
    state: &GroupBuyState,
    now: DateTime<FixedOffset>,
) -> Result<GroupBuyProgress, Error> {
    let mut index = state.check()?;
    let mut view = state.clone();
    if !view.status.is_terminal() {
        let mut effects = Vec::new();
        apply(
            &mut view,
            &mut index,
            &GroupBuyEvent::Tick,
            now,
            &mut effects,
        )?;
    }
    let campaign = &view.campaign;
    let paid = view.paid_count(None);
    let count = view.held_count(None);
    let ended = view.status.is_terminal();
    let not_started = campaign.starts_at.filter(|start| now < *start);
    let remaining = (!ended).then(|| seconds_between(now, campaign.deadline));
    let mut progress = GroupBuyProgress {
        campaign_id: campaign.id.clone(),
        kind: kind_name(&campaign.kind).to_string(),
        status: view.status,
        now,
        count,
        paid,
        pending: count.saturating_sub(paid),
        target: None,
        needed: None,
        percent: None,
        remaining_seconds: remaining,
        current_price: None,
        join_price: None,
        next_price: None,
        next_tier_at: None,
        final_price: view.final_price,
        hint: None,
        teams: Vec::new(),
    };
    let ended_hint = |what: &str| {
        let message = match view.status {
            GroupBuyStatus::Succeeded => format!("the {what} succeeded"),
            GroupBuyStatus::Failed => {
                format!("the {what} failed: everyone who paid is refunded in full")
            }
            GroupBuyStatus::Cancelled => {
                format!("the {what} was cancelled: everyone who paid is refunded in full")
            }
            GroupBuyStatus::Closed => format!("the {what} is closed"),
            GroupBuyStatus::Open => String::new(),
        };
        hint(ProgressHintCode::Ended, message)
    };
    let starts_hint = |start: DateTime<FixedOffset>| {
        let seconds = seconds_between(now, start);
        ProgressHint {
            remaining_seconds: Some(seconds),
            ..hint(
                ProgressHintCode::NotStarted,
                format!("starts in {}", format_duration(seconds)),
            )
        }
    };
    let remaining_seconds = remaining.unwrap_or(0);
    match &campaign.kind {
        GroupBuyKind::TeamBuy { size, .. } => {
            progress.current_price = campaign_price(&campaign.kind);
            progress.join_price = progress.current_price;
            progress.hint = if ended {
                Some(ended_hint("campaign"))
            } else {
                not_started.map(starts_hint)
            };
            for team in &view.teams {
                progress.teams.push(team_progress(&view, team, *size, now));
            }
        }
        GroupBuyKind::TippingPoint {
            price,
            min_participants,
        } => {
            progress.current_price = Some(*price);
            progress.join_price = Some(*price);
            let needed = fill_target(&mut progress, *min_participants);
            progress.hint = Some(if ended {
                ended_hint("deal")
            } else if let Some(start) = not_started {
                starts_hint(start)
            } else if needed > 0 {
                people_needed(needed, remaining_seconds)
            } else if paid < *min_participants {
                awaiting_payment(min_participants.saturating_sub(paid), remaining_seconds)
            } else if campaign.max_participants.is_some_and(|max| count >= max) {
                full(count)
            } else {
                ProgressHint {
                    remaining_seconds: Some(remaining_seconds),
                    ..hint(
                        ProgressHintCode::DealOn,
                        format!(
                            "the deal is on: {} left to join",
                            format_duration(remaining_seconds)
                        ),
                    )
                }
            });
        }
        GroupBuyKind::Ladder { tiers } => {
            let min = campaign.min_to_succeed();
            let needed = fill_target(&mut progress, min);
            progress.current_price = ladder::tier_for(tiers, count).map(|t| t.price);
            progress.join_price = ladder::tier_for(tiers, count.saturating_add(1)).map(|t| t.price);
            let next = ladder::next_tier(tiers, count);
            progress.next_price = next.map(|t| t.price);
            progress.next_tier_at = next.map(|t| t.min_participants);
            progress.hint = Some(if ended {
                ended_hint("deal")
            } else if let Some(start) = not_started {
                starts_hint(start)
            } else if needed > 0 {
                people_needed(needed, remaining_seconds)
            } else if campaign.max_participants.is_some_and(|max| count >= max) {
                full(count)
            } else if let Some(next) = next {
                let more = next.min_participants.saturating_sub(count);
                ProgressHint {
                    needed: Some(more),
                    remaining_seconds: Some(remaining_seconds),
                    price: Some(next.price),
                    ..hint(
                        ProgressHintCode::NextTier,
                        format!("{more} more to reach {}", next.price.amount()),
                    )
                }
            } else {
                let price = progress.current_price;
                ProgressHint {
                    price,
                    ..hint(
                        ProgressHintCode::LowestPrice,
                        format!(
                            "lowest price reached: {}",
                            price.map(|p| p.amount().to_string()).unwrap_or_default()
                        ),
                    )
                }
            });
        }
    }
    Ok(progress)
}

fn campaign_price(kind: &GroupBuyKind) -> Option<Money> {
    match kind {
        GroupBuyKind::TippingPoint { price, .. } | GroupBuyKind::TeamBuy { price, .. } => {
            Some(*price)
        }
        GroupBuyKind::Ladder { tiers } => tiers.first().map(|t| t.price),
    }
}

/// Set `target`, `needed` and `percent` for a campaign-wide deal; returns `needed`.
fn fill_target(progress: &mut GroupBuyProgress, target: u32) -> u32 {
    let needed = target.saturating_sub(progress.count);
    progress.target = Some(target);
    progress.needed = Some(needed);
    progress.percent = Some(percent(progress.count, target));
    needed
}

fn team_progress(
    state: &GroupBuyState,
    team: &Team,
    size: u32,
    now: DateTime<FixedOffset>,
) -> TeamProgress {
    let paid = state.paid_count(Some(team));
    let count = state.held_count(Some(team));
    let needed = size.saturating_sub(count);
    let ended = team.status.is_terminal();
    let remaining = (!ended).then(|| seconds_between(now, team.expires_at));
    let seconds = remaining.unwrap_or(0);
    let team_hint = match team.status {
        GroupBuyStatus::Open if needed > 0 => people_needed(needed, seconds),
        GroupBuyStatus::Open => awaiting_payment(count.saturating_sub(paid), seconds),
        GroupBuyStatus::Succeeded => hint(
            ProgressHintCode::Ended,
            match team.virtual_fill {
                Some(fill) => format!(
                    "the team succeeded with {} virtual place{}",
                    fill.filled,
                    if fill.filled == 1 { "" } else { "s" }
                ),
                None => "the team succeeded".into(),
            },
        ),
        GroupBuyStatus::Failed => hint(
            ProgressHintCode::Ended,
            "the team failed: everyone who paid is refunded in full".into(),
        ),
        GroupBuyStatus::Cancelled | GroupBuyStatus::Closed => hint(
            ProgressHintCode::Ended,
            "the team was cancelled: everyone who paid is refunded in full".into(),
        ),
    };
    TeamProgress {
        team_id: team.id.clone(),
        status: team.status,
        leader: team.leader.clone(),
        count,
        paid,
        pending: count.saturating_sub(paid),
        size,
        needed,
        percent: percent(count, size),
        remaining_seconds: remaining,
        virtual_fill: team.virtual_fill,
        hint: Some(team_hint),
    }
}

fn hint(code: ProgressHintCode, message: String) -> ProgressHint {
    ProgressHint {
        code,
        message,
        needed: None,
        remaining_seconds: None,
        price: None,
    }
}

fn people_needed(needed: u32, seconds: i64) -> ProgressHint {
    ProgressHint {
        needed: Some(needed),
        remaining_seconds: Some(seconds),
        ..hint(
            ProgressHintCode::PeopleNeeded,
            format!(
                "{needed} more {} needed within {}",
                if needed == 1 { "person" } else { "people" },
                format_duration(seconds)
            ),
        )
    }
}

fn awaiting_payment(waiting: u32, seconds: i64) -> ProgressHint {
    ProgressHint {
        needed: Some(0),
        remaining_seconds: Some(seconds),
        ..hint(
            ProgressHintCode::AwaitingPayment,
            format!(
                "waiting for {waiting} payment{} within {}",
                if waiting == 1 { "" } else { "s" },
                format_duration(seconds)
            ),
        )
    }
}

fn full(count: u32) -> ProgressHint {
    hint(
        ProgressHintCode::Full,
        format!("all {count} places are taken"),
    )
}

/// `floor(100 × count / target)`, at most 100.
fn percent(count: u32, target: u32) -> u32 {
    u64::from(count)
        .saturating_mul(100)
        .checked_div(u64::from(target))
        .map_or(100, |p| u32::try_from(p.min(100)).unwrap_or(100))
}

/// Whole seconds from `now` to `until`, 0 if `until` has passed.
fn seconds_between(now: DateTime<FixedOffset>, until: DateTime<FixedOffset>) -> i64 {
    until.signed_duration_since(now).num_seconds().max(0)
}

/// "3 h 12 min", "3 h", "45 min", "30 s": rounded down to the largest unit shown.
pub(crate) fn format_duration(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let hours = seconds.checked_div(3600).unwrap_or(0);
    let minutes = seconds
        .checked_rem(3600)
        .unwrap_or(0)
        .checked_div(60)
        .unwrap_or(0);
    if hours > 0 && minutes > 0 {
        format!("{hours} h {minutes} min")
    } else if hours > 0 {
        format!("{hours} h")
    } else if minutes > 0 {
        format!("{minutes} min")
    } else {
        format!("{seconds} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_round_down() {
        assert_eq!(format_duration(3 * 3600 + 12 * 60 + 59), "3 h 12 min");
        assert_eq!(format_duration(7200), "2 h");
        assert_eq!(format_duration(59 * 60 + 59), "59 min");
        assert_eq!(format_duration(59), "59 s");
        assert_eq!(format_duration(0), "0 s");
        assert_eq!(format_duration(-5), "0 s");
        assert_eq!(format_duration(30 * 3600 + 60), "30 h 1 min");
    }

    #[test]
    fn percent_is_floored_and_capped() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 66);
        assert_eq!(percent(12, 10), 100);
        assert_eq!(percent(0, 0), 100);
    }
}
