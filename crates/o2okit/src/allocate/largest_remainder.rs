//! The largest remainder (Hamilton) method on whole units, with optional caps.
//!
//! Everything here works on non-negative integers: a count of units (minor units or cash
//! steps) and integer weights. The caller handles signs, currencies and decimals.

use std::cmp::Ordering;

use super::wide::{cmp_products, mul_div_rem};

/// One party's exact share of the units, and what it finally got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UnitShare {
    /// Units finally allocated.
    pub(crate) units: u128,
    /// Whole part of the exact share.
    pub(crate) floor: u128,
    /// Remainder of the exact share, as a numerator over `denominator`.
    pub(crate) remainder: u128,
    /// Denominator of the exact share (the sum of the weights it was computed over).
    pub(crate) denominator: u128,
    /// Whether it received one of the leftover units.
    pub(crate) extra_unit: bool,
    /// Whether its cap bound it.
    pub(crate) capped: bool,
}

/// Why the integer allocation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitError {
    /// The weights add up beyond `u128` or a product overflowed.
    Overflow,
    /// The caps of the positive-weight parties cannot hold the units.
    CapsInsufficient,
}

/// Split `units` by `weights` (at least one positive), each party taking at most its cap.
///
/// Rule: first the parties whose exact proportional share would exceed their cap are fixed
/// at their cap, repeatedly, and the rest is shared among the others ("water filling").
/// Then each remaining party gets the floor of its exact share, and the leftover units go
/// one each to the largest remainders; **equal remainders go to the lower index first**.
/// A zero weight always gets zero.
pub(crate) fn split_units(
    units: u128,
    weights: &[u128],
    caps: &[Option<u128>],
) -> Result<Vec<UnitShare>, UnitError> {
    let mut shares: Vec<UnitShare> = weights
        .iter()
        .map(|_| UnitShare {
            units: 0,
            floor: 0,
            remainder: 0,
            denominator: 1,
            extra_unit: false,
            capped: false,
        })
        .collect();
    let mut active: Vec<usize> = weights
        .iter()
        .enumerate()
        .filter(|(_, w)| **w > 0)
        .map(|(i, _)| i)
        .collect();
    let weight = |i: usize| weights.get(i).copied().unwrap_or(0);
    let cap = |i: usize| caps.get(i).copied().flatten();
    let mut remaining = units;

    // Water filling: fix every party whose exact share exceeds its cap.
    while !caps.is_empty() {
        let total_weight = active
            .iter()
            .try_fold(0u128, |acc, &i| acc.checked_add(weight(i)))
            .ok_or(UnitError::Overflow)?;
        if total_weight == 0 {
            break;
        }
        let (over, under): (Vec<usize>, Vec<usize>) = active.iter().partition(|&&i| {
            cap(i).is_some_and(|c| {
                cmp_products(remaining, weight(i), c, total_weight) == Ordering::Greater
            })
        });
        if over.is_empty() {
            break;
        }
        for i in over {
            let c = cap(i).unwrap_or(0);
            remaining = remaining.checked_sub(c).ok_or(UnitError::Overflow)?;
            if let Some(share) = shares.get_mut(i) {
                *share = UnitShare {
                    units: c,
                    floor: c,
                    remainder: 0,
                    denominator: 1,
                    extra_unit: false,
                    capped: true,
                };
            }
        }
        active = under;
    }
    if active.is_empty() {
        return if remaining == 0 {
            Ok(shares)
        } else {
            Err(UnitError::CapsInsufficient)
        };
    }

    let total_weight = active
        .iter()
        .try_fold(0u128, |acc, &i| acc.checked_add(weight(i)))
        .ok_or(UnitError::Overflow)?;
    let mut given: u128 = 0;
    for &i in &active {
        let (floor, remainder) =
            mul_div_rem(remaining, weight(i), total_weight).ok_or(UnitError::Overflow)?;
        given = given.checked_add(floor).ok_or(UnitError::Overflow)?;
        if let Some(share) = shares.get_mut(i) {
            *share = UnitShare {
                units: floor,
                floor,
                remainder,
                denominator: total_weight,
                extra_unit: false,
                capped: false,
            };
        }
    }
    let leftover = remaining.checked_sub(given).ok_or(UnitError::Overflow)?;

    // Largest remainder first; equal remainders by lower index (stable sort keeps index order).
    let mut order = active;
    order.sort_by(|&a, &b| {
        let ra = shares.get(a).map_or(0, |s| s.remainder);
        let rb = shares.get(b).map_or(0, |s| s.remainder);
        rb.cmp(&ra)
    });
    // leftover < number of parties with a non-zero remainder, so `take` never runs short.
    let leftover = usize::try_from(leftover).map_err(|_| UnitError::Overflow)?;
    for i in order.into_iter().take(leftover) {
        if let Some(share) = shares.get_mut(i) {
            share.units = share.units.checked_add(1).ok_or(UnitError::Overflow)?;
            share.extra_unit = true;
        }
    }
    Ok(shares)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(n: u128, w: &[u128]) -> Vec<u128> {
        split_units(n, w, &[])
            .unwrap()
            .iter()
            .map(|s| s.units)
            .collect()
    }

    #[test]
    fn hand_examples() {
        assert_eq!(units(9999, &[75, 25]), vec![7499, 2500]);
        assert_eq!(units(100, &[1, 1, 1]), vec![34, 33, 33]);
        assert_eq!(units(7, &[22, 39, 4]), vec![2, 4, 1]);
        assert_eq!(units(8, &[22, 39, 4]), vec![3, 5, 0]);
        assert_eq!(units(5, &[0, 1, 0]), vec![0, 5, 0]);
    }

    #[test]
    fn caps_move_overflow_on() {
        let got = split_units(100, &[1, 1, 1], &[Some(10), None, Some(50)]).unwrap();
        let u: Vec<u128> = got.iter().map(|s| s.units).collect();
        assert_eq!(u, vec![10, 45, 45]);
        assert!(got[0].capped && !got[1].capped);
        assert_eq!(
            split_units(100, &[1, 1], &[Some(10), Some(20)]),
            Err(UnitError::CapsInsufficient)
        );
    }
}
