//! What can happen to a campaign: the events [`groupbuy_step`](crate::groupbuy_step) takes.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::campaign::invalid;
use crate::money::Money;
use crate::Error;

/// One event of a group-buy campaign. The time of the event is not part of it: it is the
/// `now` given with it to [`groupbuy_step`](crate::groupbuy_step) (or the `at` of a
/// [`TimedEvent`]).
///
/// Every command but `tick` carries an idempotency `key`: the first command with a key is
/// applied; the same command again (a retry) changes nothing and reports `duplicate`; the
/// same key with a different command is [`Error::IdempotencyConflict`]. A rejected command
/// does not use up its key.
///
/// On the wire: `{"type": "join", "key": "k-17", "customer_id": "bob", "team_id": "t1"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum GroupBuyEvent {
    /// A customer opens a new team and becomes its leader (team buy only). The team's
    /// window starts now; the leader's place awaits payment of the leader price.
    OpenTeam {
        /// Idempotency key.
        key: String,
        /// The leader.
        customer_id: String,
    },
    /// A customer takes a place: in the team `team_id` (team buy, required) or in the
    /// campaign (tipping point, ladder: no `team_id`). The place awaits payment.
    Join {
        /// Idempotency key.
        key: String,
        /// The customer.
        customer_id: String,
        /// The team to join (team buy only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        team_id: Option<String>,
    },
    /// A participant leaves before success: a paid place is refunded in full, a place
    /// awaiting payment has its charge voided. A leaving team leader is succeeded by the
    /// earliest remaining member.
    Leave {
        /// Idempotency key.
        key: String,
        /// The participation (from the `charge` effect).
        participation_id: String,
    },
    /// The payment of a participation's charge arrived.
    PaymentConfirmed {
        /// Idempotency key.
        key: String,
        /// The participation (from the `charge` effect).
        participation_id: String,
        /// The amount paid; when given it must equal the amount charged.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount: Option<Money>,
    },
    /// The merchant cancels one forming team (`team_id`) or, without `team_id`, the whole
    /// campaign: everyone not yet in a succeeded deal or team is refunded.
    Cancel {
        /// Idempotency key.
        key: String,
        /// The team to cancel (team buy); absent: the whole campaign.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        team_id: Option<String>,
    },
    /// The merchant ends the campaign now, as if its deadline had come: a tipping point or
    /// ladder is decided, every forming team is decided as if its window had ended.
    Close {
        /// Idempotency key.
        key: String,
    },
    /// Time passes: windows and deadlines up to `now` take effect. Needs no key (a tick is
    /// naturally idempotent).
    Tick,
}

/// How [`GroupBuyEvent`] is decoded: its variants, externally tagged, fed the tag first by
/// [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[serde(
    remote = "GroupBuyEvent",
    rename_all = "snake_case",
    deny_unknown_fields
)]
enum GroupBuyEventWire {
    OpenTeam {
        key: String,
        customer_id: String,
    },
    Join {
        key: String,
        customer_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        team_id: Option<String>,
    },
    Leave {
        key: String,
        participation_id: String,
    },
    PaymentConfirmed {
        key: String,
        participation_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount: Option<Money>,
    },
    Cancel {
        key: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        team_id: Option<String>,
    },
    Close {
        key: String,
    },
    Tick,
}
crate::wire::tagged_deserialize!(GroupBuyEvent, GroupBuyEventWire, "type");

impl GroupBuyEvent {
    /// The idempotency key (none for `tick`).
    pub fn key(&self) -> Option<&str> {
        match self {
            GroupBuyEvent::OpenTeam { key, .. }
            | GroupBuyEvent::Join { key, .. }
            | GroupBuyEvent::Leave { key, .. }
            | GroupBuyEvent::PaymentConfirmed { key, .. }
            | GroupBuyEvent::Cancel { key, .. }
            | GroupBuyEvent::Close { key } => Some(key),
            GroupBuyEvent::Tick => None,
        }
    }

    /// The wire name of the event type.
    pub fn name(&self) -> &'static str {
        match self {
            GroupBuyEvent::OpenTeam { .. } => "open_team",
            GroupBuyEvent::Join { .. } => "join",
            GroupBuyEvent::Leave { .. } => "leave",
            GroupBuyEvent::PaymentConfirmed { .. } => "payment_confirmed",
            GroupBuyEvent::Cancel { .. } => "cancel",
            GroupBuyEvent::Close { .. } => "close",
            GroupBuyEvent::Tick => "tick",
        }
    }

    /// Keys and ids must not be empty.
    pub(crate) fn check(&self) -> Result<(), Error> {
        let non_empty = |field: &str, value: &str| {
            if value.is_empty() {
                Err(invalid(
                    format!("event.{field}"),
                    format!("must not be empty in a {} event", self.name()),
                ))
            } else {
                Ok(())
            }
        };
        if let Some(key) = self.key() {
            non_empty("key", key)?;
        }
        match self {
            GroupBuyEvent::OpenTeam { customer_id, .. } => non_empty("customer_id", customer_id),
            GroupBuyEvent::Join {
                customer_id,
                team_id,
                ..
            } => {
                non_empty("customer_id", customer_id)?;
                team_id
                    .as_deref()
                    .map_or(Ok(()), |t| non_empty("team_id", t))
            }
            GroupBuyEvent::Leave {
                participation_id, ..
            }
            | GroupBuyEvent::PaymentConfirmed {
                participation_id, ..
            } => non_empty("participation_id", participation_id),
            GroupBuyEvent::Cancel { team_id, .. } => team_id
                .as_deref()
                .map_or(Ok(()), |t| non_empty("team_id", t)),
            GroupBuyEvent::Close { .. } | GroupBuyEvent::Tick => Ok(()),
        }
    }
}

/// An event with the instant it happened: one entry of an event log for
/// [`groupbuy_replay`](crate::groupbuy_replay).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TimedEvent {
    /// When it happened, RFC 3339 (the `now` of the step).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// What happened.
    pub event: GroupBuyEvent,
}
