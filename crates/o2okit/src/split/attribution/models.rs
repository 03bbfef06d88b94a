//! The per-touch weights of the attribution models, as exact integers.

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;

use super::decay::Decay;
use super::{AttributionModel, Touchpoint};
use crate::Error;

/// A model ready to weigh journeys: the position percents as integers, the decay tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Weigher {
    First,
    Last,
    Linear,
    Decay(Decay),
    /// First, middle (all middle touches together) and last weights, as integers at a common
    /// scale.
    Position {
        first: u128,
        middle: u128,
        last: u128,
    },
}

fn invalid(reason: impl Into<String>) -> Error {
    Error::InvalidAttribution {
        reason: reason.into(),
    }
}

impl Weigher {
    /// Check a model and prepare it; `cache` builds the decay tables (worth it for many
    /// journeys).
    pub(crate) fn new(model: &AttributionModel, cache: bool) -> Result<Weigher, Error> {
        Ok(match model {
            AttributionModel::FirstTouch => Weigher::First,
            AttributionModel::LastTouch => Weigher::Last,
            AttributionModel::Linear => Weigher::Linear,
            AttributionModel::TimeDecay { half_life_seconds } => Weigher::Decay(if cache {
                Decay::cached(*half_life_seconds)?
            } else {
                Decay::new(*half_life_seconds)?
            }),
            AttributionModel::PositionBased {
                first_percent,
                last_percent,
            } => {
                let hundred = Decimal::ONE_HUNDRED;
                let in_range = |p: &Decimal| !p.is_sign_negative() || p.is_zero();
                let middle = hundred
                    .checked_sub(*first_percent)
                    .and_then(|m| m.checked_sub(*last_percent))
                    .filter(|m| in_range(m))
                    .filter(|_| in_range(first_percent) && in_range(last_percent))
                    .ok_or_else(|| {
                        invalid(format!(
                            "position_based percents must be at least 0 and first + last at most 100 (got {first_percent} and {last_percent})"
                        ))
                    })?;
                let parts = [*first_percent, middle, *last_percent].map(|p| p.normalize());
                let scale = parts.iter().map(|p| p.scale()).max().unwrap_or(0);
                let mut ints = [0u128; 3];
                for (slot, p) in ints.iter_mut().zip(parts) {
                    *slot = 10u128
                        .checked_pow(scale.saturating_sub(p.scale()))
                        .and_then(|f| p.mantissa().unsigned_abs().checked_mul(f))
                        .ok_or_else(|| invalid("position_based percents have too many digits"))?;
                }
                let [first, middle, last] = ints;
                Weigher::Position {
                    first,
                    middle,
                    last,
                }
            }
        })
    }

    /// Append one weight per touchpoint of `journey` (converted at `converted_at`) to `out`.
    ///
    /// The journey must be in time order (equal times keep their order) and no touch may be
    /// after the conversion.
    pub(crate) fn weights(
        &self,
        journey: &[Touchpoint],
        converted_at: &DateTime<FixedOffset>,
        out: &mut Vec<u128>,
    ) -> Result<(), Error> {
        check_journey(journey, converted_at)?;
        let n = journey.len();
        let last_index = n.saturating_sub(1);
        match self {
            Weigher::First => out.extend((0..n).map(|i| u128::from(i == 0))),
            Weigher::Last => out.extend((0..n).map(|i| u128::from(i == last_index))),
            Weigher::Linear => out.extend((0..n).map(|_| 1)),
            Weigher::Decay(decay) => {
                let (end, end_nanos) = (
                    converted_at.timestamp(),
                    converted_at.timestamp_subsec_nanos(),
                );
                for touch in journey {
                    // Whole seconds from the touch to the conversion, truncated (the journey
                    // check above makes the elapsed time non-negative).
                    let nanos_short = i64::from(touch.at.timestamp_subsec_nanos() > end_nanos);
                    let elapsed = end
                        .checked_sub(touch.at.timestamp())
                        .and_then(|s| s.checked_sub(nanos_short))
                        .unwrap_or(0);
                    out.push(decay.weight(u64::try_from(elapsed).unwrap_or(0)));
                }
            }
            Weigher::Position {
                first,
                middle,
                last,
            } => match n {
                0 => {}
                1 => out.push(1),
                2 => out.extend([1, 1]),
                _ => {
                    // first : each middle : last = F·(n−2) : M : L·(n−2), exactly.
                    let between = u128::try_from(n.saturating_sub(2)).unwrap_or(u128::MAX);
                    let too_long = || invalid("the journey is too long for position weights");
                    out.push(first.checked_mul(between).ok_or_else(too_long)?);
                    out.extend((2..n).map(|_| *middle));
                    out.push(last.checked_mul(between).ok_or_else(too_long)?);
                }
            },
        }
        Ok(())
    }
}

/// A journey must be in time order and end no later than the conversion.
pub(crate) fn check_journey(
    journey: &[Touchpoint],
    converted_at: &DateTime<FixedOffset>,
) -> Result<(), Error> {
    let mut previous: Option<&DateTime<FixedOffset>> = None;
    for (index, touch) in journey.iter().enumerate() {
        if touch.at > *converted_at {
            return Err(invalid(format!(
                "touchpoint #{index} ({}) is after the conversion ({converted_at}); drop it or fix its time",
                touch.at.to_rfc3339()
            )));
        }
        if previous.is_some_and(|p| touch.at < *p) {
            return Err(invalid(format!(
                "touchpoint #{index} ({}) is earlier than the one before it; list the journey oldest first",
                touch.at.to_rfc3339()
            )));
        }
        previous = Some(&touch.at);
    }
    Ok(())
}
