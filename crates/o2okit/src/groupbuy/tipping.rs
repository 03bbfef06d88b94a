//! Campaign-wide deals (tipping point and ladder): joining, and the decision at the deadline.

use chrono::{DateTime, FixedOffset};

use super::campaign::GroupBuyKind;
use super::effect::FailureReason;
use super::ladder;
use super::state::GroupBuyStatus;
use super::step::{GroupBuyOutcome, OutcomeKind, Run};
use crate::Error;

impl Run<'_> {
    /// `join` without a team: checked in this order: the campaign is not a team buy, it has
    /// started, its deadline has not passed (`now < deadline`), then its limits. The price is
    /// the campaign price, or for a ladder the tier price for the places held including this
    /// one.
    pub(crate) fn join_pool(&mut self, customer: &str) -> Result<GroupBuyOutcome, Error> {
        let campaign = &self.state.campaign;
        let price = match &campaign.kind {
            GroupBuyKind::TeamBuy { .. } => {
                return Err(Error::EventNotAllowed {
                    event: "join".into(),
                    reason: "a team_buy join needs a team_id; send open_team to start a team"
                        .into(),
                })
            }
            GroupBuyKind::TippingPoint { price, .. } => *price,
            GroupBuyKind::Ladder { tiers } => {
                let count = self.index.held.saturating_add(1);
                ladder::tier_for(tiers, count)
                    .map(|t| t.price)
                    .ok_or_else(|| Error::out_of_range("a ladder without tiers"))?
            }
        };
        self.check_started()?;
        if self.now >= campaign.deadline {
            return Err(Error::DeadlinePassed {
                campaign: campaign.id.clone(),
                deadline: campaign.deadline.to_rfc3339(),
                now: self.now.to_rfc3339(),
            });
        }
        self.check_limits(customer)?;
        let participation = self.take_place(customer, None, price)?;
        let mut outcome = GroupBuyOutcome::new(OutcomeKind::Joined);
        outcome.participation_id = Some(participation);
        Ok(outcome)
    }

    /// Decide a tipping point or a ladder at `at` (its deadline, a `close`, or the moment
    /// every place of `max_participants` is paid): it succeeds with at least the minimum paid
    /// places (a ladder refunds the differences to its final price), else it fails and
    /// everyone paid is refunded in full. Places still pending lapse either way.
    pub(crate) fn decide_pool(&mut self, at: DateTime<FixedOffset>) -> Result<(), Error> {
        let paid = self.index.paid;
        let all = 0..self.state.participations.len();
        if paid >= self.state.campaign.min_to_succeed() {
            let final_price = match &self.state.campaign.kind {
                GroupBuyKind::Ladder { tiers } => Some(ladder::final_price(
                    tiers,
                    paid,
                    &self.state.participations,
                )?),
                _ => None,
            };
            self.succeed(all, None, None, final_price)?;
            self.end_campaign(GroupBuyStatus::Succeeded, at, None, final_price);
        } else {
            self.fail(all, None, FailureReason::BelowMinimum)?;
            self.end_campaign(
                GroupBuyStatus::Failed,
                at,
                Some(FailureReason::BelowMinimum),
                None,
            );
        }
        Ok(())
    }
}
