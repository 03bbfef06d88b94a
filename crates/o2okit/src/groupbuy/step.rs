//! `groupbuy_step(state, event, now)`: one transition of the state machine.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::campaign::GroupBuyKind;
use super::effect::{FailureReason, GroupBuyEffect, VirtualFillReport};
use super::event::GroupBuyEvent;
use super::state::{GroupBuyState, GroupBuyStatus, Index, ParticipationStatus};
use crate::money::Money;
use crate::Error;

/// The result of one step: the new state, what the caller must do, and what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupBuyStep {
    /// The state after the event (equal to the input for a `duplicate`).
    pub state: GroupBuyState,
    /// What to do, in order (see [`GroupBuyEffect`]).
    pub effects: Vec<GroupBuyEffect>,
    /// What the event did.
    pub outcome: GroupBuyOutcome,
}

/// What an accepted event did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupBuyOutcome {
    /// The kind of outcome.
    pub kind: OutcomeKind,
    /// For `duplicate`: the repeated key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The participation the event created or acted on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participation_id: Option<String>,
    /// The team the event created or acted on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<String>,
    /// After a leader left: the participation that became leader by succession.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_leader: Option<String>,
    /// Deals, teams and the campaign that ended in this step, in the order of their effects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resolved: Vec<Resolution>,
}

/// The kind of a [`GroupBuyOutcome`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// `open_team` created a team and its leader's place.
    OpenedTeam,
    /// `join` created a place.
    Joined,
    /// `leave` gave a place up.
    Left,
    /// `payment_confirmed` marked a place paid.
    Paid,
    /// `cancel` cancelled a team or the campaign.
    Cancelled,
    /// `close` ended the campaign.
    Closed,
    /// `tick` let time pass.
    Ticked,
    /// The command was applied before under the same key: nothing changed.
    Duplicate,
}

/// A deal, a team or a campaign that ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    /// The team; absent for the campaign (or its deal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<String>,
    /// How it ended.
    pub status: GroupBuyStatus,
    /// Why it failed or was cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<FailureReason>,
    /// Present for a success by virtual fill.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_fill: Option<VirtualFillReport>,
    /// The ladder's final price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_price: Option<Money>,
}

impl GroupBuyOutcome {
    pub(crate) fn new(kind: OutcomeKind) -> GroupBuyOutcome {
        GroupBuyOutcome {
            kind,
            key: None,
            participation_id: None,
            team_id: None,
            new_leader: None,
            resolved: Vec::new(),
        }
    }
}

/// Apply one event to a campaign at `now` and return the new state, the effects and the
/// outcome. Pure: `state` is not modified, and on an error nothing is applied.
///
/// **Order of checks.** A command whose key was applied before is a `duplicate` (same
/// command: no change, no effects) or [`Error::IdempotencyConflict`] (another command), in
/// any state, so a retry is always safe. Then a terminal state rejects the event
/// ([`Error::CampaignEnded`]); a `now` before the last event's time is
/// [`Error::TimeOutOfOrder`]. Then time passes up to `now` (teams whose window ended and a
/// passed deadline are decided, as a `tick` would) and the event applies; if time passing
/// ended the campaign, the event is rejected instead (a join or a new team with
/// [`Error::DeadlinePassed`], anything else but a `tick` with [`Error::CampaignEnded`]).
///
/// **Windows are half-open.** A team opened at `t` with window `W` takes members while
/// `now < t + W` and has expired at `now >= t + W`; a campaign takes joins while
/// `now < deadline`.
///
/// **Payment.** A join (or `open_team`) takes a place *pending* payment and emits a
/// `charge`; `payment_confirmed` marks it paid. Pending places hold their place, so a team
/// never holds more than `size` places and the campaign never more than `max_participants`;
/// success counts paid places only. A place still pending when its deal or team ends lapses
/// (its charge is voided). Refunds only ever return amounts actually paid.
///
/// ```
/// use o2okit::{groupbuy_open, groupbuy_step, GroupBuyCampaign, GroupBuyEffect, GroupBuyEvent, GroupBuyStatus};
/// let campaign: GroupBuyCampaign = o2okit::decode(r#"{"id": "duo", "deadline": "2026-12-01T00:00:00+08:00",
///     "kind": {"type": "team_buy", "size": 2, "window_seconds": 86400,
///              "price": {"amount": "50.00", "currency": "CNY"}}, "vouchers_per_participant": 1}"#)?;
/// let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap();
/// let event = |json: &str| o2okit::decode::<GroupBuyEvent>(json);
///
/// let s0 = groupbuy_open(&campaign)?;
/// let s1 = groupbuy_step(&s0, &event(r#"{"type": "open_team", "key": "a", "customer_id": "ann"}"#)?, at("2026-11-22T10:00:00+08:00"))?;
/// assert_eq!(s1.outcome.team_id.as_deref(), Some("t1"));
/// assert!(matches!(&s1.effects[0], GroupBuyEffect::Charge { participation_id, .. } if participation_id == "p1"));
///
/// let s2 = groupbuy_step(&s1.state, &event(r#"{"type": "join", "key": "b", "customer_id": "bo", "team_id": "t1"}"#)?, at("2026-11-22T11:00:00+08:00"))?;
/// let s3 = groupbuy_step(&s2.state, &event(r#"{"type": "payment_confirmed", "key": "c", "participation_id": "p1"}"#)?, at("2026-11-22T11:01:00+08:00"))?;
/// let s4 = groupbuy_step(&s3.state, &event(r#"{"type": "payment_confirmed", "key": "d", "participation_id": "p2"}"#)?, at("2026-11-22T11:02:00+08:00"))?;
/// assert_eq!(s4.state.teams[0].status, GroupBuyStatus::Succeeded);
/// // Vouchers for both, then the notification.
/// assert_eq!(s4.effects.len(), 3);
/// assert!(matches!(s4.effects[2], GroupBuyEffect::NotifySuccess { participants: 2, .. }));
///
/// // A retry changes nothing; the team is full for anyone else.
/// let retry = groupbuy_step(&s4.state, &event(r#"{"type": "payment_confirmed", "key": "d", "participation_id": "p2"}"#)?, at("2026-11-22T11:03:00+08:00"))?;
/// assert_eq!((retry.state == s4.state, retry.effects.len()), (true, 0));
/// let late = groupbuy_step(&s4.state, &event(r#"{"type": "join", "key": "e", "customer_id": "cy", "team_id": "t1"}"#)?, at("2026-11-22T12:00:00+08:00"));
/// assert_eq!(late.unwrap_err().code(), "team_ended");
/// # Ok::<(), o2okit::Error>(())
/// ```
///
/// Errors: the rejection codes of the group-buy category (`deadline_passed`,
/// `team_expired`, `team_full`, `campaign_full`, `customer_limit_reached`, …; see
/// [`Error`]), and [`Error::InvalidInput`] for an inconsistent state or an empty key or id.
pub fn groupbuy_step(
    state: &GroupBuyState,
    event: &GroupBuyEvent,
    now: DateTime<FixedOffset>,
) -> Result<GroupBuyStep, Error> {
    let mut index = state.check()?;
    let mut next = state.clone();
    let mut effects = Vec::new();
    let outcome = apply(&mut next, &mut index, event, now, &mut effects)?;
    Ok(GroupBuyStep {
        state: next,
        effects,
        outcome,
    })
}

/// Apply `event` in place. On an error `state` and `index` may be partly changed: callers
/// work on a copy and drop it (so nothing is ever half-applied for them).
pub(crate) fn apply(
    state: &mut GroupBuyState,
    index: &mut Index,
    event: &GroupBuyEvent,
    now: DateTime<FixedOffset>,
    effects: &mut Vec<GroupBuyEffect>,
) -> Result<GroupBuyOutcome, Error> {
    event.check()?;
    if let Some(key) = event.key() {
        if let Some(previous) = index.processed(state, key) {
            if previous == event {
                let mut outcome = GroupBuyOutcome::new(OutcomeKind::Duplicate);
                outcome.key = Some(key.to_string());
                return Ok(outcome);
            }
            return Err(Error::IdempotencyConflict {
                key: key.to_string(),
            });
        }
    }
    if state.status.is_terminal() {
        return Err(Error::CampaignEnded {
            campaign: state.campaign.id.clone(),
            status: state.status.as_str().to_string(),
        });
    }
    if let Some(as_of) = state.as_of {
        if now < as_of {
            return Err(Error::TimeOutOfOrder {
                now: now.to_rfc3339(),
                as_of: as_of.to_rfc3339(),
            });
        }
    }
    let mut run = Run {
        state,
        index,
        effects,
        resolved: Vec::new(),
        now,
    };
    run.advance()?;
    if run.state.status.is_terminal() && *event != GroupBuyEvent::Tick {
        // Time passing decided the campaign before this event could apply.
        return Err(match event {
            GroupBuyEvent::Join { .. } | GroupBuyEvent::OpenTeam { .. } => Error::DeadlinePassed {
                campaign: run.state.campaign.id.clone(),
                deadline: run.state.campaign.deadline.to_rfc3339(),
                now: now.to_rfc3339(),
            },
            _ => Error::CampaignEnded {
                campaign: run.state.campaign.id.clone(),
                status: run.state.status.as_str().to_string(),
            },
        });
    }
    let mut outcome = match event {
        GroupBuyEvent::OpenTeam { customer_id, .. } => run.open_team(customer_id)?,
        GroupBuyEvent::Join {
            customer_id,
            team_id,
            ..
        } => match team_id {
            Some(team_id) => run.join_team(customer_id, team_id)?,
            None => run.join_pool(customer_id)?,
        },
        GroupBuyEvent::Leave {
            participation_id, ..
        } => run.leave(participation_id)?,
        GroupBuyEvent::PaymentConfirmed {
            participation_id,
            amount,
            ..
        } => run.confirm_payment(participation_id, *amount)?,
        GroupBuyEvent::Cancel { team_id, .. } => run.cancel(team_id.as_deref())?,
        GroupBuyEvent::Close { .. } => run.close()?,
        GroupBuyEvent::Tick => GroupBuyOutcome::new(OutcomeKind::Ticked),
    };
    run.close_team_buy_when_done()?;
    run.state.as_of = Some(now);
    run.index.record(run.state, event);
    outcome.resolved = run.resolved;
    Ok(outcome)
}

/// One event being applied: the state, its index, and what the event produces.
pub(crate) struct Run<'a> {
    pub(crate) state: &'a mut GroupBuyState,
    pub(crate) index: &'a mut Index,
    pub(crate) effects: &'a mut Vec<GroupBuyEffect>,
    pub(crate) resolved: Vec<Resolution>,
    pub(crate) now: DateTime<FixedOffset>,
}

impl Run<'_> {
    /// Let time pass up to `now`: teams whose window ended, then a passed deadline.
    pub(crate) fn advance(&mut self) -> Result<(), Error> {
        if matches!(self.state.campaign.kind, GroupBuyKind::TeamBuy { .. }) {
            self.expire_teams()?;
            self.close_team_buy_when_done()
        } else if self.now >= self.state.campaign.deadline {
            let deadline = self.state.campaign.deadline;
            self.decide_pool(deadline)
        } else {
            Ok(())
        }
    }

    /// A new place (pending payment) for `customer`, and its `charge`.
    pub(crate) fn take_place(
        &mut self,
        customer: &str,
        team_id: Option<&str>,
        price: Money,
    ) -> Result<String, Error> {
        let id = super::state::seq_id('p', self.state.participations.len());
        self.index
            .take_place(customer, self.state.campaign.per_customer_limit.is_some())?;
        self.state.participations.push(super::state::Participation {
            id: id.clone(),
            customer_id: customer.to_string(),
            team_id: team_id.map(str::to_string),
            price,
            status: ParticipationStatus::Pending,
            joined_at: self.now,
            paid_at: None,
            refunded: None,
        });
        self.effects.push(GroupBuyEffect::Charge {
            participation_id: id.clone(),
            customer_id: customer.to_string(),
            team_id: team_id.map(str::to_string),
            amount: price,
        });
        Ok(id)
    }

    /// The campaign-wide limits a new place must respect: `max_participants`, then
    /// `per_customer_limit`.
    pub(crate) fn check_limits(&self, customer: &str) -> Result<(), Error> {
        let campaign = &self.state.campaign;
        if let Some(max) = campaign.max_participants {
            if self.index.held >= max {
                return Err(Error::CampaignFull {
                    campaign: campaign.id.clone(),
                    max,
                });
            }
        }
        if let Some(limit) = campaign.per_customer_limit {
            if self.index.held_by(customer) >= limit {
                return Err(Error::CustomerLimitReached {
                    customer: customer.to_string(),
                    limit,
                });
            }
        }
        Ok(())
    }

    /// Joins and new teams wait for `starts_at`.
    pub(crate) fn check_started(&self) -> Result<(), Error> {
        match self.state.campaign.starts_at {
            Some(start) if self.now < start => Err(Error::CampaignNotStarted {
                campaign: self.state.campaign.id.clone(),
                starts_at: start.to_rfc3339(),
            }),
            _ => Ok(()),
        }
    }

    /// The participation at `position` gives its place up because its deal or team did not
    /// happen (or it left): a paid place is refunded in full (`into` its new status), a
    /// pending one lapses (or, leaving, is marked left) with its charge voided.
    pub(crate) fn give_back(
        &mut self,
        position: usize,
        paid_into: ParticipationStatus,
        pending_into: ParticipationStatus,
    ) -> Result<(), Error> {
        let p = self
            .state
            .participations
            .get_mut(position)
            .ok_or_else(|| Error::out_of_range("participation position"))?;
        match p.status {
            ParticipationStatus::Paid => {
                p.status = paid_into;
                p.refunded = Some(p.price);
                self.index.release_place(&p.customer_id, true);
                self.effects.push(GroupBuyEffect::RefundFull {
                    participation_id: p.id.clone(),
                    customer_id: p.customer_id.clone(),
                    amount: p.price,
                });
            }
            ParticipationStatus::Pending => {
                p.status = pending_into;
                self.index.release_place(&p.customer_id, false);
                self.effects.push(GroupBuyEffect::VoidCharge {
                    participation_id: p.id.clone(),
                    customer_id: p.customer_id.clone(),
                    amount: p.price,
                });
            }
            ParticipationStatus::Left
            | ParticipationStatus::Lapsed
            | ParticipationStatus::Refunded => {}
        }
        Ok(())
    }

    /// A deal or team failed: everyone holding a place gets their money back (in joining
    /// order), then one `notify_failure`.
    pub(crate) fn fail(
        &mut self,
        positions: impl IntoIterator<Item = usize>,
        team_id: Option<&str>,
        reason: FailureReason,
    ) -> Result<(), Error> {
        for position in positions {
            self.give_back(
                position,
                ParticipationStatus::Refunded,
                ParticipationStatus::Lapsed,
            )?;
        }
        self.effects.push(GroupBuyEffect::NotifyFailure {
            team_id: team_id.map(str::to_string),
            reason,
        });
        Ok(())
    }

    /// A deal or team succeeded: for each paid place in joining order, the ladder
    /// difference (if it paid more than `final_price`) and its vouchers; pending places
    /// lapse; then one `notify_success`. Returns the number of paid participants.
    pub(crate) fn succeed(
        &mut self,
        positions: impl IntoIterator<Item = usize>,
        team_id: Option<&str>,
        virtual_fill: Option<VirtualFillReport>,
        final_price: Option<Money>,
    ) -> Result<u32, Error> {
        let vouchers = self.state.campaign.vouchers_per_participant;
        let mut participants: u32 = 0;
        for position in positions {
            let p = self
                .state
                .participations
                .get_mut(position)
                .ok_or_else(|| Error::out_of_range("participation position"))?;
            match p.status {
                ParticipationStatus::Paid => {
                    participants = participants.saturating_add(1);
                    if let Some(final_price) = final_price {
                        if p.price.checked_cmp(&final_price)?.is_gt() {
                            let amount = p.price.checked_sub(final_price)?;
                            p.refunded = Some(amount);
                            self.effects.push(GroupBuyEffect::RefundDifference {
                                participation_id: p.id.clone(),
                                customer_id: p.customer_id.clone(),
                                paid: p.price,
                                final_price,
                                amount,
                            });
                        }
                    }
                    if vouchers > 0 {
                        self.effects.push(GroupBuyEffect::IssueVouchers {
                            participation_id: p.id.clone(),
                            customer_id: p.customer_id.clone(),
                            count: vouchers,
                        });
                    }
                }
                ParticipationStatus::Pending => {
                    self.give_back(
                        position,
                        ParticipationStatus::Refunded,
                        ParticipationStatus::Lapsed,
                    )?;
                }
                ParticipationStatus::Left
                | ParticipationStatus::Lapsed
                | ParticipationStatus::Refunded => {}
            }
        }
        self.effects.push(GroupBuyEffect::NotifySuccess {
            team_id: team_id.map(str::to_string),
            participants,
            virtual_fill,
            final_price,
        });
        Ok(participants)
    }

    /// The position of a participation, or [`Error::UnknownParticipation`].
    pub(crate) fn participation_position(&self, id: &str) -> Result<usize, Error> {
        super::state::seq_position('p', id)
            .filter(|&i| self.state.participations.get(i).is_some_and(|p| p.id == id))
            .ok_or_else(|| Error::UnknownParticipation {
                participation: id.to_string(),
            })
    }

    /// `payment_confirmed`: the pending place is paid; a team or a deal that is now complete
    /// succeeds.
    fn confirm_payment(
        &mut self,
        participation_id: &str,
        amount: Option<Money>,
    ) -> Result<GroupBuyOutcome, Error> {
        let position = self.participation_position(participation_id)?;
        let now = self.now;
        let p = self
            .state
            .participations
            .get_mut(position)
            .ok_or_else(|| Error::out_of_range("participation position"))?;
        if p.status != ParticipationStatus::Pending {
            return Err(Error::ParticipationNotPending {
                participation: p.id.clone(),
                status: p.status.as_str().to_string(),
            });
        }
        if let Some(amount) = amount {
            if amount != p.price {
                return Err(Error::PaymentMismatch {
                    participation: p.id.clone(),
                    expected: p.price.to_string(),
                    found: amount.to_string(),
                });
            }
        }
        p.status = ParticipationStatus::Paid;
        p.paid_at = Some(now);
        let team_id = p.team_id.clone();
        self.index.paid = self.index.paid.saturating_add(1);
        let mut outcome = GroupBuyOutcome::new(OutcomeKind::Paid);
        outcome.participation_id = Some(participation_id.to_string());
        match &team_id {
            Some(team_id) => self.team_paid(team_id)?,
            None => {
                if self.state.campaign.max_participants == Some(self.index.paid) {
                    // Sold out and all paid: nothing more can happen, so the deal is decided.
                    self.decide_pool(now)?;
                }
            }
        }
        outcome.team_id = team_id;
        Ok(outcome)
    }

    /// `leave`: give the place back (refund or void); a team's leader is succeeded by the
    /// earliest remaining member, and a team nobody holds a place in any more is cancelled.
    fn leave(&mut self, participation_id: &str) -> Result<GroupBuyOutcome, Error> {
        let position = self.participation_position(participation_id)?;
        let (status, team_id) = self
            .state
            .participations
            .get(position)
            .map(|p| (p.status, p.team_id.clone()))
            .ok_or_else(|| Error::out_of_range("participation position"))?;
        if !status.holds_place() {
            return Err(Error::ParticipationNotActive {
                participation: participation_id.to_string(),
                status: status.as_str().to_string(),
            });
        }
        if let Some(team_id) = &team_id {
            self.check_team_forming(team_id)?;
        }
        self.give_back(
            position,
            ParticipationStatus::Left,
            ParticipationStatus::Left,
        )?;
        let mut outcome = GroupBuyOutcome::new(OutcomeKind::Left);
        outcome.participation_id = Some(participation_id.to_string());
        if let Some(team_id) = &team_id {
            outcome.new_leader = self.after_leave(team_id, participation_id)?;
        }
        outcome.team_id = team_id;
        Ok(outcome)
    }

    /// `cancel`: one forming team, or the whole campaign.
    fn cancel(&mut self, team_id: Option<&str>) -> Result<GroupBuyOutcome, Error> {
        let mut outcome = GroupBuyOutcome::new(OutcomeKind::Cancelled);
        match team_id {
            Some(team_id) => {
                if !matches!(self.state.campaign.kind, GroupBuyKind::TeamBuy { .. }) {
                    return Err(Error::EventNotAllowed {
                        event: "cancel".into(),
                        reason:
                            "only a team_buy has teams; cancel the whole campaign without team_id"
                                .into(),
                    });
                }
                let position = self.check_team_forming(team_id)?;
                let now = self.now;
                self.end_team(position, now, FailureReason::Cancelled)?;
                outcome.team_id = Some(team_id.to_string());
            }
            None => {
                let now = self.now;
                if matches!(self.state.campaign.kind, GroupBuyKind::TeamBuy { .. }) {
                    self.end_forming_teams(now, FailureReason::Cancelled)?;
                } else {
                    let all = 0..self.state.participations.len();
                    self.fail(all, None, FailureReason::Cancelled)?;
                }
                self.end_campaign(
                    GroupBuyStatus::Cancelled,
                    now,
                    Some(FailureReason::Cancelled),
                    None,
                );
            }
        }
        Ok(outcome)
    }

    /// `close`: the deadline comes now.
    fn close(&mut self) -> Result<GroupBuyOutcome, Error> {
        let now = self.now;
        if matches!(self.state.campaign.kind, GroupBuyKind::TeamBuy { .. }) {
            self.end_forming_teams(now, FailureReason::Closed)?;
            self.end_campaign(GroupBuyStatus::Closed, now, None, None);
        } else {
            self.decide_pool(now)?;
        }
        Ok(GroupBuyOutcome::new(OutcomeKind::Closed))
    }

    /// Record how the campaign ended.
    pub(crate) fn end_campaign(
        &mut self,
        status: GroupBuyStatus,
        at: DateTime<FixedOffset>,
        reason: Option<FailureReason>,
        final_price: Option<Money>,
    ) {
        self.state.status = status;
        self.state.ended_at = Some(at);
        self.state.failure_reason = reason;
        self.state.final_price = final_price;
        self.resolved.push(Resolution {
            team_id: None,
            status,
            reason,
            virtual_fill: None,
            final_price,
        });
    }
}
