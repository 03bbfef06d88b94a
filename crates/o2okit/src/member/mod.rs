//! Membership: stored-value cards (储值卡) and points (积分).
//!
//! **Cards.** A card keeps principal (本金, money the holder paid in) and bonus (赠送金,
//! credited by top-up tiers such as "top up 100, get 20") apart. A spend takes both by a
//! [`SpendPolicy`] (proportional by default: spending 60.00 from 100.00 + 20.00 takes
//! 50.00 + 10.00); a refund gives back to each in the proportion its spend took; closing
//! pays out principal only and forfeits the bonus. [`card_apply`] applies one event and
//! returns the next state and a ledger entry with the principal and bonus deltas;
//! [`card_replay`] folds a log into a state, a ledger and totals that reconcile to the
//! cent. Balances are never negative; limits such as a maximum balance are inputs.
//!
//! **Points.** A [`PointsProgram`] earns points per full amount spent (rounded down:
//! 1 per 10.00 earns 10 on 105.00), per visit or per category, as lots that expire on a
//! calendar rule in a time zone (end of the month 6 months after earning). Redemption and
//! expiry take the soonest-expiring lots first; [`points_redeem`] turns points into a
//! funded amount-off [`Promotion`](crate::Promotion) for [`quote`](crate::quote);
//! [`points_replay`] reports the ledger, totals (`earned = redeemed + expired + balance`)
//! and breakage per period.
//!
//! Every event has a time, and events must come in time order
//! ([`Error::EventsOutOfOrder`]); o2okit reads no clock.
mod card;
mod points;

pub use card::*;
pub use points::*;

use chrono::{DateTime, FixedOffset};

use crate::Error;

/// An [`Error::InvalidMembership`] at `field`.
pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::InvalidMembership {
        field: field.into(),
        reason: reason.into(),
    }
}

/// `Ok` when `at` is not before the last applied event.
pub(crate) fn check_order(
    as_of: Option<DateTime<FixedOffset>>,
    at: DateTime<FixedOffset>,
) -> Result<(), Error> {
    match as_of {
        Some(last) if at < last => Err(Error::EventsOutOfOrder {
            at: at.to_rfc3339(),
            as_of: last.to_rfc3339(),
        }),
        _ => Ok(()),
    }
}
