//! Team buys (拼团): opening teams, joining them, leader succession, windows, virtual fill.

use chrono::{DateTime, FixedOffset};

use super::campaign::{add_seconds, GroupBuyKind, VirtualFill};
use super::effect::{FailureReason, VirtualFillReport};
use super::state::{seq_id, seq_position, GroupBuyStatus, Team};
use super::step::{GroupBuyOutcome, OutcomeKind, Resolution, Run};
use crate::money::Money;
use crate::Error;

/// What a team buy is made of.
pub(crate) struct TeamRules {
    pub(crate) size: u32,
    pub(crate) window_seconds: u64,
    pub(crate) price: Money,
    pub(crate) leader_price: Money,
    pub(crate) virtual_fill: Option<VirtualFill>,
}

pub(crate) fn team_rules(kind: &GroupBuyKind) -> Option<TeamRules> {
    match kind {
        GroupBuyKind::TeamBuy {
            size,
            window_seconds,
            price,
            leader_price,
            virtual_fill,
        } => Some(TeamRules {
            size: *size,
            window_seconds: *window_seconds,
            price: *price,
            leader_price: leader_price.unwrap_or(*price),
            virtual_fill: *virtual_fill,
        }),
        _ => None,
    }
}

impl Run<'_> {
    fn rules(&self, event: &str) -> Result<TeamRules, Error> {
        team_rules(&self.state.campaign.kind).ok_or_else(|| Error::EventNotAllowed {
            event: event.to_string(),
            reason: format!(
                "a {} campaign has no teams; send join without team_id",
                super::campaign::kind_name(&self.state.campaign.kind)
            ),
        })
    }

    fn team_position(&self, team_id: &str) -> Result<usize, Error> {
        seq_position('t', team_id)
            .filter(|&i| self.state.teams.get(i).is_some_and(|t| t.id == team_id))
            .ok_or_else(|| Error::UnknownTeam {
                team: team_id.to_string(),
            })
    }

    fn team_at(&self, position: usize) -> Result<&Team, Error> {
        self.state
            .teams
            .get(position)
            .ok_or_else(|| Error::out_of_range("team position"))
    }

    fn team_at_mut(&mut self, position: usize) -> Result<&mut Team, Error> {
        self.state
            .teams
            .get_mut(position)
            .ok_or_else(|| Error::out_of_range("team position"))
    }

    /// The position of a team that is still forming: [`Error::UnknownTeam`] or
    /// [`Error::TeamEnded`] otherwise.
    pub(crate) fn check_team_forming(&self, team_id: &str) -> Result<usize, Error> {
        let position = self.team_position(team_id)?;
        let team = self.team_at(position)?;
        if team.status.is_terminal() {
            return Err(Error::TeamEnded {
                team: team.id.clone(),
                status: team.status.as_str().to_string(),
            });
        }
        Ok(position)
    }

    /// The participation positions of a team's members, in joining order.
    fn member_positions(&self, position: usize) -> Result<Vec<usize>, Error> {
        self.team_at(position)?
            .members
            .iter()
            .map(|id| {
                seq_position('p', id).ok_or_else(|| Error::UnknownParticipation {
                    participation: id.clone(),
                })
            })
            .collect()
    }

    /// `open_team`: a new team whose window starts now, led by `customer` at the leader price.
    pub(crate) fn open_team(&mut self, customer: &str) -> Result<GroupBuyOutcome, Error> {
        let rules = self.rules("open_team")?;
        self.check_started()?;
        let deadline = self.state.campaign.deadline;
        if self.now >= deadline {
            return Err(Error::DeadlinePassed {
                campaign: self.state.campaign.id.clone(),
                deadline: deadline.to_rfc3339(),
                now: self.now.to_rfc3339(),
            });
        }
        self.check_limits(customer)?;
        let team_id = seq_id('t', self.state.teams.len());
        let expires_at = add_seconds(self.now, rules.window_seconds)?;
        let participation = self.take_place(customer, Some(&team_id), rules.leader_price)?;
        self.state.teams.push(Team {
            id: team_id.clone(),
            status: GroupBuyStatus::Open,
            opened_at: self.now,
            expires_at,
            leader: Some(participation.clone()),
            members: vec![participation.clone()],
            ended_at: None,
            failure_reason: None,
            virtual_fill: None,
        });
        let mut outcome = GroupBuyOutcome::new(OutcomeKind::OpenedTeam);
        outcome.participation_id = Some(participation);
        outcome.team_id = Some(team_id);
        Ok(outcome)
    }

    /// `join` with a team: checked in this order: the team exists, its window has not ended
    /// (`now < expires_at`), it is still forming, the customer is not in it, it has a free
    /// place, then the campaign's limits.
    pub(crate) fn join_team(
        &mut self,
        customer: &str,
        team_id: &str,
    ) -> Result<GroupBuyOutcome, Error> {
        let rules = self.rules("join with team_id")?;
        let position = self.team_position(team_id)?;
        let team = self.team_at(position)?;
        if self.now >= team.expires_at {
            return Err(Error::TeamExpired {
                team: team.id.clone(),
                expires_at: team.expires_at.to_rfc3339(),
                now: self.now.to_rfc3339(),
            });
        }
        self.check_team_forming(team_id)?;
        let mut held: u32 = 0;
        for id in &self.team_at(position)?.members {
            let Some(p) = self.state.participation(id) else {
                continue;
            };
            if p.status.holds_place() {
                if p.customer_id == customer {
                    return Err(Error::AlreadyMember {
                        customer: customer.to_string(),
                        team: team_id.to_string(),
                    });
                }
                held = held.saturating_add(1);
            }
        }
        if held >= rules.size {
            return Err(Error::TeamFull {
                team: team_id.to_string(),
                size: rules.size,
            });
        }
        self.check_limits(customer)?;
        let participation = self.take_place(customer, Some(team_id), rules.price)?;
        self.team_at_mut(position)?
            .members
            .push(participation.clone());
        let mut outcome = GroupBuyOutcome::new(OutcomeKind::Joined);
        outcome.participation_id = Some(participation);
        outcome.team_id = Some(team_id.to_string());
        Ok(outcome)
    }

    /// After a payment in a team: the team succeeds once `size` places are paid.
    pub(crate) fn team_paid(&mut self, team_id: &str) -> Result<(), Error> {
        let rules = self.rules("payment_confirmed")?;
        let position = self.check_team_forming(team_id)?;
        let paid = self.state.paid_count(Some(self.team_at(position)?));
        if paid >= rules.size {
            let now = self.now;
            self.resolve_team(position, now, GroupBuyStatus::Succeeded, None, None)?;
        }
        Ok(())
    }

    /// After a member left a team: a leaving leader is succeeded by the earliest member
    /// still holding a place; a team where nobody holds a place any more is cancelled.
    /// Returns the new leader, if the leader changed.
    pub(crate) fn after_leave(
        &mut self,
        team_id: &str,
        leaver: &str,
    ) -> Result<Option<String>, Error> {
        let position = self.team_position(team_id)?;
        let team = self.team_at(position)?;
        let successor = team
            .members
            .iter()
            .find(|id| {
                self.state
                    .participation(id)
                    .is_some_and(|p| p.status.holds_place())
            })
            .cloned();
        let was_leader = team.leader.as_deref() == Some(leaver);
        match successor {
            None => {
                self.team_at_mut(position)?.leader = None;
                let now = self.now;
                self.end_team(position, now, FailureReason::EveryoneLeft)?;
                Ok(None)
            }
            Some(successor) if was_leader => {
                self.team_at_mut(position)?.leader = Some(successor.clone());
                Ok(Some(successor))
            }
            Some(_) => Ok(None),
        }
    }

    /// Teams whose window has ended by `now` are decided at their window's end, in opening
    /// order (a team opened earlier expires no later than one opened after it).
    pub(crate) fn expire_teams(&mut self) -> Result<(), Error> {
        loop {
            self.skip_ended_teams();
            let position = self.index.cursor;
            let Some(team) = self.state.teams.get(position) else {
                return Ok(());
            };
            if team.expires_at > self.now {
                return Ok(());
            }
            let at = team.expires_at;
            self.end_team(position, at, FailureReason::Expired)?;
        }
    }

    /// Move the expiry cursor past teams that have ended.
    fn skip_ended_teams(&mut self) {
        while self
            .state
            .teams
            .get(self.index.cursor)
            .is_some_and(|t| t.status.is_terminal())
        {
            self.index.cursor = self.index.cursor.saturating_add(1);
        }
    }

    /// Decide every forming team now (`close`: as if its window ended; `cancel`: cancelled).
    pub(crate) fn end_forming_teams(
        &mut self,
        at: DateTime<FixedOffset>,
        reason: FailureReason,
    ) -> Result<(), Error> {
        self.skip_ended_teams();
        for position in self.index.cursor..self.state.teams.len() {
            if !self.team_at(position)?.status.is_terminal() {
                self.end_team(position, at, reason)?;
            }
        }
        self.skip_ended_teams();
        Ok(())
    }

    /// End a forming team that did not fill by payments. `Expired` and `Closed` apply the
    /// virtual-fill rule (`min_real` ≤ paid: succeeded, reported as a virtual fill); anything
    /// else, or too few paid, fails it with a full refund (`Cancelled` and `EveryoneLeft`
    /// give the status `cancelled`).
    pub(crate) fn end_team(
        &mut self,
        position: usize,
        at: DateTime<FixedOffset>,
        reason: FailureReason,
    ) -> Result<(), Error> {
        let rules = self.rules("tick")?;
        let paid = self.state.paid_count(Some(self.team_at(position)?));
        let by_time = matches!(reason, FailureReason::Expired | FailureReason::Closed);
        if by_time && paid >= rules.size {
            return self.resolve_team(position, at, GroupBuyStatus::Succeeded, None, None);
        }
        if by_time {
            if let Some(fill) = rules.virtual_fill {
                if paid >= fill.min_real {
                    let report = VirtualFillReport {
                        real: paid,
                        filled: rules.size.saturating_sub(paid),
                    };
                    return self.resolve_team(
                        position,
                        at,
                        GroupBuyStatus::Succeeded,
                        None,
                        Some(report),
                    );
                }
            }
        }
        let status = if by_time {
            GroupBuyStatus::Failed
        } else {
            GroupBuyStatus::Cancelled
        };
        self.resolve_team(position, at, status, Some(reason), None)
    }

    fn resolve_team(
        &mut self,
        position: usize,
        at: DateTime<FixedOffset>,
        status: GroupBuyStatus,
        reason: Option<FailureReason>,
        virtual_fill: Option<VirtualFillReport>,
    ) -> Result<(), Error> {
        let members = self.member_positions(position)?;
        let team_id = self.team_at(position)?.id.clone();
        match reason {
            Some(reason) => self.fail(members, Some(&team_id), reason)?,
            None => {
                self.succeed(members, Some(&team_id), virtual_fill, None)?;
            }
        }
        let team = self.team_at_mut(position)?;
        team.status = status;
        team.ended_at = Some(at);
        team.failure_reason = reason;
        team.virtual_fill = virtual_fill;
        self.resolved.push(Resolution {
            team_id: Some(team_id),
            status,
            reason,
            virtual_fill,
            final_price: None,
        });
        Ok(())
    }

    /// A team buy whose deadline has passed with no team forming is `closed`, at the later
    /// of its deadline and its last team's end.
    pub(crate) fn close_team_buy_when_done(&mut self) -> Result<(), Error> {
        if self.state.status.is_terminal()
            || team_rules(&self.state.campaign.kind).is_none()
            || self.now < self.state.campaign.deadline
        {
            return Ok(());
        }
        self.skip_ended_teams();
        if self.index.cursor < self.state.teams.len() {
            return Ok(());
        }
        let at = self
            .state
            .teams
            .iter()
            .filter_map(|t| t.ended_at)
            .fold(self.state.campaign.deadline, |a, b| a.max(b));
        self.end_campaign(GroupBuyStatus::Closed, at, None, None);
        Ok(())
    }
}
