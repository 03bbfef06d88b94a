//! Binding rules: which staff member (or store) a customer is bound to, for credit.

use chrono::{DateTime, FixedOffset, TimeDelta};
use serde::{Deserialize, Serialize};

use crate::roles::Role;
use crate::Error;

/// One bind event: the customer scanned a party's code, was registered by a staff member,
/// walked into a store…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BindEvent {
    /// The party that would be bound.
    pub party_id: String,
    /// When, RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
}

/// Which bind event wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BindPolicy {
    /// The first party keeps the customer until the binding expires.
    FirstWins,
    /// A later party takes the customer over, except during the lock window.
    LastWins,
}

/// A binding rule: the policy, the role bound, a lock window and an expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BindRule {
    /// First bind wins, or last bind wins.
    pub policy: BindPolicy,
    /// The role of the bound party (default `store_staff`).
    #[serde(default = "staff")]
    pub role: Role,
    /// `last_wins` only: for this many seconds after the bound party's latest event, no other
    /// party can take the customer over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock_seconds: Option<u64>,
    /// The binding ends this many seconds after the bound party's latest event (none: never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_seconds: Option<u64>,
}

fn staff() -> Role {
    Role::StoreStaff
}

/// The input of the `bind` wire function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BindRequest {
    /// One customer's bind events, in any order.
    pub events: Vec<BindEvent>,
    /// The rule.
    pub rule: BindRule,
    /// The instant asked about, RFC 3339 (events after it are not yet known).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub now: DateTime<FixedOffset>,
}

/// Who the customer is bound to at `now`, and what each event did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BindingState {
    /// The binding in force at `now` (none: unbound, or expired).
    pub binding: Option<Binding>,
    /// One decision per event, in the order they were applied (by time, then as given).
    pub decisions: Vec<BindDecision>,
}

/// A binding in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Binding {
    /// The bound party.
    pub party_id: String,
    /// Its role.
    pub role: Role,
    /// When it was bound.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub bound_at: DateTime<FixedOffset>,
    /// Its latest event (expiry and lock count from here).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub renewed_at: DateTime<FixedOffset>,
    /// When the binding ends, if it expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub expires_at: Option<DateTime<FixedOffset>>,
    /// Until when no other party can take over (`last_wins` with a lock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub locked_until: Option<DateTime<FixedOffset>>,
}

/// What one bind event did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BindDecision {
    /// The event's position in the request.
    pub event: u32,
    /// Its party.
    pub party_id: String,
    /// Its time.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// The outcome.
    pub outcome: BindOutcome,
}

/// The outcome of a bind event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BindOutcome {
    /// Bound an unbound (or expired) customer.
    Bound,
    /// The bound party again: expiry and lock restart.
    Renewed,
    /// `last_wins`: another party took the customer over.
    Rebound,
    /// `first_wins`: another party came later and was ignored.
    IgnoredFirstWins,
    /// `last_wins`: another party came during the lock window and was ignored.
    IgnoredLocked,
    /// After `now`: not yet known, ignored.
    AfterNow,
}

impl BindRequest {
    /// Apply the rule (see [`bind`]).
    pub fn bind(&self) -> Result<BindingState, Error> {
        bind(&self.events, &self.rule, self.now)
    }
}

fn seconds(value: Option<u64>, name: &str) -> Result<Option<TimeDelta>, Error> {
    value
        .map(|s| {
            i64::try_from(s)
                .ok()
                .and_then(TimeDelta::try_seconds)
                .filter(|_| s > 0)
                .ok_or_else(|| Error::InvalidBinding {
                    reason: format!("{name} must be a positive number of seconds (got {s})"),
                })
        })
        .transpose()
}

/// Who a customer is bound to at `now`, from their bind events.
///
/// Events are applied by time (equal times in the given order); events after `now` are
/// ignored, so one event log answers "who was bound at time T" for any T. For each event:
///
/// - if the binding has expired (`expiry_seconds` after the bound party's latest event), the
///   customer is unbound first;
/// - an unbound customer is **bound** to the event's party;
/// - an event of the bound party **renews** the binding (expiry and lock restart);
/// - another party is ignored under `first_wins`; under `last_wins` it **rebinds** the
///   customer, unless it comes within `lock_seconds` of the bound party's latest event.
///
/// Windows are half-open: a binding renewed at `t` with an expiry of `e` seconds is in force
/// at every instant before `t + e`, and a lock of `l` seconds refuses takeovers before `t + l`.
///
/// ```
/// use o2okit::{bind, BindEvent, BindPolicy, BindRule, Role};
/// let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let events = vec![
///     BindEvent { party_id: "li".into(), at: at("2026-11-01T10:00:00+08:00") },
///     BindEvent { party_id: "wang".into(), at: at("2026-11-03T10:00:00+08:00") },
///     BindEvent { party_id: "wang".into(), at: at("2026-11-20T10:00:00+08:00") },
/// ];
/// let rule = BindRule { policy: BindPolicy::LastWins, role: Role::StoreStaff,
///                       lock_seconds: Some(7 * 86_400), expiry_seconds: Some(30 * 86_400) };
/// let state = bind(&events, &rule, at("2026-11-22T10:00:00+08:00"))?;
/// // wang came within li's 7-day lock, then again after it: wang takes over.
/// assert_eq!(state.binding.unwrap().party_id, "wang");
/// # Ok::<(), o2okit::Error>(())
/// ```
///
/// Errors: [`Error::InvalidBinding`] for a zero or huge window, a lock with `first_wins`, an
/// empty party id.
pub fn bind(
    events: &[BindEvent],
    rule: &BindRule,
    now: DateTime<FixedOffset>,
) -> Result<BindingState, Error> {
    let lock = seconds(rule.lock_seconds, "lock_seconds")?;
    let expiry = seconds(rule.expiry_seconds, "expiry_seconds")?;
    if lock.is_some() && rule.policy == BindPolicy::FirstWins {
        return Err(Error::InvalidBinding {
            reason: "lock_seconds only applies to last_wins (first_wins never lets another party take over)".into(),
        });
    }
    if events.iter().any(|e| e.party_id.is_empty()) {
        return Err(Error::InvalidBinding {
            reason: "a bind event has an empty party_id".into(),
        });
    }
    let mut order: Vec<(usize, &BindEvent)> = events.iter().enumerate().collect();
    order.sort_by(|(i, a), (j, b)| a.at.cmp(&b.at).then(i.cmp(j)));
    let plus =
        |t: DateTime<FixedOffset>, d: Option<TimeDelta>| d.and_then(|d| t.checked_add_signed(d));
    let mut current: Option<Binding> = None;
    let mut decisions = Vec::with_capacity(events.len());
    for (index, event) in order {
        let outcome = if event.at > now {
            BindOutcome::AfterNow
        } else {
            if current
                .as_ref()
                .is_some_and(|b| b.expires_at.is_some_and(|end| event.at >= end))
            {
                current = None;
            }
            let fresh = |bound_at| Binding {
                party_id: event.party_id.clone(),
                role: rule.role.clone(),
                bound_at,
                renewed_at: event.at,
                expires_at: plus(event.at, expiry),
                locked_until: plus(event.at, lock),
            };
            match &current {
                None => {
                    current = Some(fresh(event.at));
                    BindOutcome::Bound
                }
                Some(b) if b.party_id == event.party_id => {
                    current = Some(fresh(b.bound_at));
                    BindOutcome::Renewed
                }
                Some(_) if rule.policy == BindPolicy::FirstWins => BindOutcome::IgnoredFirstWins,
                Some(b) if b.locked_until.is_some_and(|end| event.at < end) => {
                    BindOutcome::IgnoredLocked
                }
                Some(_) => {
                    current = Some(fresh(event.at));
                    BindOutcome::Rebound
                }
            }
        };
        decisions.push(BindDecision {
            event: u32::try_from(index).unwrap_or(u32::MAX),
            party_id: event.party_id.clone(),
            at: event.at,
            outcome,
        });
    }
    let binding = current.filter(|b| b.expires_at.is_none_or(|end| now < end));
    Ok(BindingState { binding, decisions })
}
