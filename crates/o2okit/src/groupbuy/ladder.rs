//! Ladder prices (阶梯团): the tier for a count, and the final price at close.

use super::campaign::LadderTier;
use super::state::{Participation, ParticipationStatus};
use crate::money::Money;
use crate::Error;

/// The tier for `count` places: the last tier whose `min_participants` ≤ `count`, or the
/// first tier (the highest price) below the first threshold.
pub(crate) fn tier_for(tiers: &[LadderTier], count: u32) -> Option<&LadderTier> {
    tiers
        .iter()
        .rev()
        .find(|t| t.min_participants <= count)
        .or_else(|| tiers.first())
}

/// The next tier above `count` places, if any.
pub(crate) fn next_tier(tiers: &[LadderTier], count: u32) -> Option<&LadderTier> {
    tiers.iter().find(|t| t.min_participants > count)
}

/// The final price of a ladder that succeeded with `paid` paid places: the tier reached by
/// `paid`, but never above the lowest price a paid place was charged. A tier once granted
/// to a paying member stays reached even if members leave afterwards, so no member ends up
/// paying more than another and nobody is ever asked for more.
pub(crate) fn final_price(
    tiers: &[LadderTier],
    paid: u32,
    participations: &[Participation],
) -> Result<Money, Error> {
    let reached = tier_for(tiers, paid)
        .map(|t| t.price)
        .ok_or_else(|| Error::out_of_range("a ladder without tiers"))?;
    let mut lowest = reached;
    for p in participations {
        if p.status == ParticipationStatus::Paid && p.price.checked_cmp(&lowest)?.is_lt() {
            lowest = p.price;
        }
    }
    Ok(lowest)
}
