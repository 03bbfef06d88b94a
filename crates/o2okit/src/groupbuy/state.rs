//! The state of a campaign: its status, teams, participations and the keys it has seen.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::campaign::{add_seconds, invalid, GroupBuyCampaign, GroupBuyKind};
use super::effect::{FailureReason, VirtualFillReport};
use super::event::GroupBuyEvent;
use crate::money::{Currency, Money};
use crate::Error;

/// Where a campaign, a team or a deal stands. `open` is the only non-terminal status:
/// `succeeded`, `failed`, `cancelled` and `closed` absorb every further event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GroupBuyStatus {
    /// Taking events (a forming team, a running campaign).
    Open,
    /// The deal or the team succeeded.
    Succeeded,
    /// The deal or the team failed; everyone paid was refunded in full.
    Failed,
    /// Cancelled by the merchant (or, for a team, left by everyone); everyone paid was
    /// refunded in full.
    Cancelled,
    /// A team-buy campaign whose deadline passed with no team still forming (or closed
    /// early); each team carries its own outcome.
    Closed,
}

impl GroupBuyStatus {
    /// True for every status but `open`.
    pub fn is_terminal(self) -> bool {
        self != GroupBuyStatus::Open
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBuyStatus::Open => "open",
            GroupBuyStatus::Succeeded => "succeeded",
            GroupBuyStatus::Failed => "failed",
            GroupBuyStatus::Cancelled => "cancelled",
            GroupBuyStatus::Closed => "closed",
        }
    }
}

/// Where one participation (one place) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ParticipationStatus {
    /// Charged, payment not yet confirmed; holds its place.
    Pending,
    /// Paid; holds its place (also after success).
    Paid,
    /// Left before success (refunded in full if it had paid, else its charge voided).
    Left,
    /// Its deal or team ended before its payment was confirmed; its charge was voided.
    Lapsed,
    /// Its deal or team failed or was cancelled; refunded in full.
    Refunded,
}

impl ParticipationStatus {
    /// Whether it holds a place (`pending` or `paid`).
    pub fn holds_place(self) -> bool {
        matches!(
            self,
            ParticipationStatus::Pending | ParticipationStatus::Paid
        )
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ParticipationStatus::Pending => "pending",
            ParticipationStatus::Paid => "paid",
            ParticipationStatus::Left => "left",
            ParticipationStatus::Lapsed => "lapsed",
            ParticipationStatus::Refunded => "refunded",
        }
    }
}

/// One place taken by one customer: a unit of the deal, charged once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Participation {
    /// `p1`, `p2`, … in the order places were taken.
    pub id: String,
    /// The customer.
    pub customer_id: String,
    /// The team (team buy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<String>,
    /// The amount charged when the place was taken.
    pub price: Money,
    /// Where it stands.
    pub status: ParticipationStatus,
    /// When the place was taken, RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub joined_at: DateTime<FixedOffset>,
    /// When its payment was confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub paid_at: Option<DateTime<FixedOffset>>,
    /// What was refunded to it (in full, or a ladder difference); absent: nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refunded: Option<Money>,
}

/// One team of a team buy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// `t1`, `t2`, … in the order teams were opened.
    pub id: String,
    /// `open` while forming, then `succeeded`, `failed` or `cancelled`.
    pub status: GroupBuyStatus,
    /// When the leader opened it, RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub opened_at: DateTime<FixedOffset>,
    /// `opened_at + window_seconds`: the team takes members while `now < expires_at`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub expires_at: DateTime<FixedOffset>,
    /// The leader's participation: the opener, then by succession the earliest remaining
    /// member. Absent once everyone left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader: Option<String>,
    /// Every participation that joined, in order (also those that left).
    pub members: Vec<String>,
    /// When it succeeded, failed or was cancelled (a window's end for an expiry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub ended_at: Option<DateTime<FixedOffset>>,
    /// Why it failed or was cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<FailureReason>,
    /// Present when it succeeded by virtual fill.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_fill: Option<VirtualFillReport>,
}

/// The whole state of a campaign: a plain value the caller stores. o2okit never keeps it;
/// [`groupbuy_step`](crate::groupbuy_step) takes it by reference and returns a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupBuyState {
    /// The definition.
    pub campaign: GroupBuyCampaign,
    /// `open`, or how it ended.
    pub status: GroupBuyStatus,
    /// The time of the last applied event (events must not go back before it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub as_of: Option<DateTime<FixedOffset>>,
    /// When it ended (the deadline, for a deal decided by time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub ended_at: Option<DateTime<FixedOffset>>,
    /// Why the deal failed or was cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<FailureReason>,
    /// The ladder's final price, once it succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_price: Option<Money>,
    /// The teams (team buy), in opening order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<Team>,
    /// Every place ever taken, in order.
    #[serde(default)]
    pub participations: Vec<Participation>,
    /// Every applied command (each with its idempotency key), in the order applied: what
    /// makes a retry a `duplicate`. Ticks are not recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub processed: Vec<GroupBuyEvent>,
}

/// Validate a campaign and return its initial state: `open`, no teams, no participations.
///
/// ```
/// use o2okit::{groupbuy_open, GroupBuyCampaign};
/// let bad: GroupBuyCampaign = o2okit::decode(r#"{"id": "t", "deadline": "2026-12-01T00:00:00+08:00",
///     "kind": {"type": "team_buy", "size": 1, "window_seconds": 86400,
///              "price": {"amount": "9.90", "currency": "CNY"}}}"#)?;
/// assert_eq!(groupbuy_open(&bad).unwrap_err().code(), "invalid_input");
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn groupbuy_open(campaign: &GroupBuyCampaign) -> Result<GroupBuyState, Error> {
    campaign.validate()?;
    Ok(GroupBuyState {
        campaign: campaign.clone(),
        status: GroupBuyStatus::Open,
        as_of: None,
        ended_at: None,
        failure_reason: None,
        final_price: None,
        teams: Vec::new(),
        participations: Vec::new(),
        processed: Vec::new(),
    })
}

/// `p{n}` / `t{n}` for the zero-based position.
pub(crate) fn seq_id(prefix: char, position: usize) -> String {
    format!("{prefix}{}", position.saturating_add(1))
}

/// The zero-based position of a canonical `p{n}` / `t{n}` id (`n` ≥ 1, no leading zero).
pub(crate) fn seq_position(prefix: char, id: &str) -> Option<usize> {
    let digits = id.strip_prefix(prefix)?;
    if digits.is_empty() || digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<usize>().ok()?.checked_sub(1)
}

/// Counters derived from a state, kept up to date while events are applied so that no event
/// scans the whole campaign. Never serialised: rebuilt from the state in one pass.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    /// Places held (pending or paid) over the campaign.
    pub(crate) held: u32,
    /// Paid places over the campaign (holding a place).
    pub(crate) paid: u32,
    /// Places held per customer (only kept when the campaign has a per-customer limit).
    pub(crate) per_customer: HashMap<String, u32>,
    /// Every team before this position has ended. Teams expire in opening order (one window
    /// for all, opening times never go back), so expiry only ever looks from here on.
    pub(crate) cursor: usize,
    /// The position in `processed` of the command with a key, by the key's hash (a key whose
    /// hash collides with an earlier one is found by a scan).
    pub(crate) keys: HashMap<u64, usize>,
}

fn key_hash(key: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    key.hash(&mut hasher);
    hasher.finish()
}

impl Index {
    pub(crate) fn take_place(&mut self, customer: &str, limited: bool) -> Result<(), Error> {
        self.held = self
            .held
            .checked_add(1)
            .ok_or_else(|| Error::out_of_range("places held"))?;
        if limited {
            let count = self.per_customer.entry(customer.to_string()).or_insert(0);
            *count = count.saturating_add(1);
        }
        Ok(())
    }

    pub(crate) fn release_place(&mut self, customer: &str, was_paid: bool) {
        self.held = self.held.saturating_sub(1);
        if was_paid {
            self.paid = self.paid.saturating_sub(1);
        }
        if let Some(count) = self.per_customer.get_mut(customer) {
            *count = count.saturating_sub(1);
        }
    }

    pub(crate) fn held_by(&self, customer: &str) -> u32 {
        self.per_customer.get(customer).copied().unwrap_or(0)
    }

    /// The applied command with this key, if any.
    pub(crate) fn processed<'s>(
        &self,
        state: &'s GroupBuyState,
        key: &str,
    ) -> Option<&'s GroupBuyEvent> {
        let position = *self.keys.get(&key_hash(key))?;
        match state.processed.get(position) {
            Some(event) if event.key() == Some(key) => Some(event),
            // Another key with the same hash: look for this one the slow way.
            _ => state.processed.iter().find(|e| e.key() == Some(key)),
        }
    }

    /// Record a newly applied command.
    pub(crate) fn record(&mut self, state: &mut GroupBuyState, event: &GroupBuyEvent) {
        if let Some(key) = event.key() {
            self.keys
                .entry(key_hash(key))
                .or_insert(state.processed.len());
            state.processed.push(event.clone());
        }
    }
}

impl GroupBuyState {
    /// The participation with this id.
    pub fn participation(&self, id: &str) -> Option<&Participation> {
        seq_position('p', id)
            .and_then(|i| self.participations.get(i))
            .filter(|p| p.id == id)
    }

    /// The team with this id.
    pub fn team(&self, id: &str) -> Option<&Team> {
        seq_position('t', id)
            .and_then(|i| self.teams.get(i))
            .filter(|t| t.id == id)
    }

    /// Paid places of the campaign (or of a team, with `team`), holding a place.
    pub fn paid_count(&self, team: Option<&Team>) -> u32 {
        self.count(team, |s| s == ParticipationStatus::Paid)
    }

    /// Places held (paid or awaiting payment) in the campaign, or in a team.
    pub fn held_count(&self, team: Option<&Team>) -> u32 {
        self.count(team, ParticipationStatus::holds_place)
    }

    fn count(&self, team: Option<&Team>, pick: impl Fn(ParticipationStatus) -> bool) -> u32 {
        let n = match team {
            Some(team) => team
                .members
                .iter()
                .filter_map(|id| self.participation(id))
                .filter(|p| pick(p.status))
                .count(),
            None => self
                .participations
                .iter()
                .filter(|p| pick(p.status))
                .count(),
        };
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    pub(crate) fn currency(&self) -> Result<Currency, Error> {
        self.campaign.currency()
    }

    /// Check that a state (for example one read back from JSON) is consistent, and build
    /// its [`Index`]. Every problem is an [`Error::InvalidInput`] naming the field.
    pub(crate) fn check(&self) -> Result<Index, Error> {
        self.campaign.validate()?;
        let currency = self.currency()?;
        let team_buy = match &self.campaign.kind {
            GroupBuyKind::TeamBuy {
                window_seconds,
                size,
                ..
            } => Some((*window_seconds, *size)),
            _ => None,
        };
        let limited = self.campaign.per_customer_limit.is_some();
        let mut index = Index::default();
        for (i, p) in self.participations.iter().enumerate() {
            let field = |name: &str| format!("state.participations[{i}].{name}");
            if p.id != seq_id('p', i) {
                return Err(invalid(field("id"), format!("must be {}", seq_id('p', i))));
            }
            if p.price.currency() != currency
                || p.refunded.is_some_and(|r| r.currency() != currency)
            {
                return Err(invalid(field("price"), format!("must be in {currency}")));
            }
            match (&p.team_id, team_buy) {
                (Some(team), Some(_)) => {
                    let listed = self
                        .team(team)
                        .is_some_and(|t| t.members.iter().any(|m| m == &p.id));
                    if !listed {
                        return Err(invalid(
                            field("team_id"),
                            format!("team {team:?} does not list {}", p.id),
                        ));
                    }
                }
                (None, None) => {}
                (Some(_), None) => {
                    return Err(invalid(field("team_id"), "only a team buy has teams"))
                }
                (None, Some(_)) => {
                    return Err(invalid(field("team_id"), "a team buy place needs its team"))
                }
            }
            if p.status.holds_place() {
                index.take_place(&p.customer_id, limited)?;
            }
            if p.status == ParticipationStatus::Paid {
                index.paid = index.paid.saturating_add(1);
            }
        }
        let mut previous_open: Option<DateTime<FixedOffset>> = None;
        let mut cursor_found = false;
        for (i, team) in self.teams.iter().enumerate() {
            let field = |name: &str| format!("state.teams[{i}].{name}");
            let Some((window, size)) = team_buy else {
                return Err(invalid("state.teams", "only a team buy has teams"));
            };
            if team.id != seq_id('t', i) {
                return Err(invalid(field("id"), format!("must be {}", seq_id('t', i))));
            }
            if team.expires_at != add_seconds(team.opened_at, window)? {
                return Err(invalid(
                    field("expires_at"),
                    "must be opened_at + the campaign's window_seconds",
                ));
            }
            if previous_open.is_some_and(|prev| team.opened_at < prev) {
                return Err(invalid(
                    field("opened_at"),
                    "teams must be in opening order",
                ));
            }
            previous_open = Some(team.opened_at);
            for member in &team.members {
                let belongs = self
                    .participation(member)
                    .is_some_and(|p| p.team_id.as_deref() == Some(team.id.as_str()));
                if !belongs {
                    return Err(invalid(
                        field("members"),
                        format!("{member:?} is not a participation of this team"),
                    ));
                }
            }
            if let Some(leader) = &team.leader {
                if !team.members.contains(leader) {
                    return Err(invalid(field("leader"), "must be one of the members"));
                }
            }
            if self.held_count(Some(team)) > size {
                return Err(invalid(
                    field("members"),
                    format!("more than {size} places held"),
                ));
            }
            if team.status == GroupBuyStatus::Closed {
                return Err(invalid(field("status"), "a team is never closed"));
            }
            if !cursor_found && !team.status.is_terminal() {
                index.cursor = i;
                cursor_found = true;
            }
        }
        if !cursor_found {
            index.cursor = self.teams.len();
        }
        for (i, event) in self.processed.iter().enumerate() {
            let Some(key) = event.key() else {
                return Err(invalid(
                    format!("state.processed[{i}]"),
                    "must be a command with a key (ticks are not recorded)",
                ));
            };
            if index.processed(self, key).is_some() {
                return Err(invalid(
                    format!("state.processed[{i}].key"),
                    format!("{key:?} appears twice"),
                ));
            }
            index.keys.entry(key_hash(key)).or_insert(i);
        }
        Ok(index)
    }
}
