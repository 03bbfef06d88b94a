//! Shapley values of the channels seen in a batch of journeys.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::decay::DECAY_FRACTION_BITS;
use crate::money::Money;
use crate::split::exact::{ratio_decimal, shares_into};
use crate::wire::decimal::decimal_string;
use crate::Error;

/// The most distinct channels a Shapley attribution handles (channel sets are 64-bit masks).
pub const MAX_SHAPLEY_CHANNELS: u64 = 64;
/// Up to this many channels the conversion-rate game is solved exactly, over all `2^n`
/// coalitions; beyond it, by [`SHAPLEY_SAMPLES`] sampled orderings.
pub const MAX_SHAPLEY_EXACT_CHANNELS: u64 = 12;
/// Orderings sampled for the conversion-rate game above [`MAX_SHAPLEY_EXACT_CHANNELS`].
pub const SHAPLEY_SAMPLES: u64 = 1024;
/// The seed of the SplitMix64 generator that draws the sampled orderings (fixed, so the
/// approximation is the same on every run and every surface).
pub const SHAPLEY_SEED: u64 = 0x6f32_6f6b_6974_5348;

const ONE: u128 = 1 << DECAY_FRACTION_BITS;

/// One journey (or `count` identical ones) of a Shapley batch: the channels it touched, in
/// any order (repeats count once), and whether it converted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ShapleyJourney {
    /// The channels touched.
    pub channels: Vec<String>,
    /// Whether the journey ended in an order.
    #[serde(default)]
    pub converted: bool,
    /// How many identical journeys this stands for (default 1).
    #[serde(default = "one")]
    pub count: u64,
}

fn one() -> u64 {
    1
}

/// The worth of a coalition `S` of channels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShapleyGame {
    /// `v(S)` = the conversions of the journeys whose channels all lie in `S`. The default.
    #[default]
    Conversions,
    /// `v(S)` = the conversion rate of the journeys whose channels all lie in `S` (0 when
    /// there are none); `v(∅)` is the rate of journeys without any channel.
    ConversionRate,
}

/// How the values were computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShapleyMethod {
    /// Exact, by the closed form of the conversions game.
    ClosedForm,
    /// Exact, by enumerating every coalition.
    Exact,
    /// Approximated by sampled orderings.
    Sampled,
}

/// The input of the `attribute.shapley` wire function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ShapleyRequest {
    /// The batch of journeys.
    pub journeys: Vec<ShapleyJourney>,
    /// The coalition worth (default `conversions`).
    #[serde(default)]
    pub game: ShapleyGame,
    /// A pool to split between the channels by their values (negative values count as zero).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pool: Option<Money>,
}

/// Shapley values of the channels, and a pool split by them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ShapleyAttribution {
    /// The game.
    pub game: ShapleyGame,
    /// How the values were computed.
    pub method: ShapleyMethod,
    /// Journeys in the batch (counting `count`).
    pub journeys: u64,
    /// Converted journeys.
    pub conversions: u64,
    /// `v(all channels) − v(∅)`: what the values add up to (up to truncation).
    #[serde(with = "decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub total: Decimal,
    /// One value per channel, by channel name.
    pub channels: Vec<ChannelValue>,
}

/// One channel's Shapley value and share of the pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChannelValue {
    /// The channel.
    pub channel: String,
    /// Its Shapley value, truncated to 18 decimals (conversions, or a conversion rate).
    #[serde(with = "decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub value: Decimal,
    /// Its share of the pool, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
}

/// Shapley values of the channels seen in a batch of journeys, and a pool split by them.
///
/// The players are the distinct channels of the batch (at most [`MAX_SHAPLEY_CHANNELS`],
/// else [`Error::TooManyChannels`]); the worth of a coalition `S` is given by the
/// [`ShapleyGame`], computed over the journeys whose channels all lie in `S`.
///
/// - **`conversions`** (default): `v(S) = Σ_{T ⊆ S} c(T)` where `c(T)` counts the converted
///   journeys with exactly the channel set `T`. This game is a sum of unanimity games, so
///   its Shapley value has an exact closed form, `φᵢ = Σ_{T ∋ i} c(T) / |T|`: every
///   conversion is shared equally by the channels of its journey. It is computed exactly for
///   any number of channels (`method: closed_form`), on integers scaled by the least common
///   multiple of the set sizes.
/// - **`conversion_rate`**: `v(S)` = converted ÷ all journeys whose channels lie in `S`, a
///   fixed-point number with 60 fractional bits (truncated). Up to
///   [`MAX_SHAPLEY_EXACT_CHANNELS`] channels the value is exact over every coalition:
///   `n!·φᵢ = Σ_{S ∌ i} |S|!(n−1−|S|)!·(v(S∪{i}) − v(S))` on integers, then divided by `n!`
///   (truncating; `method: exact`). Beyond, it is the mean marginal contribution over
///   [`SHAPLEY_SAMPLES`] orderings drawn by Fisher–Yates from a SplitMix64 generator seeded
///   with [`SHAPLEY_SEED`] (`method: sampled`): deterministic, and exact in its total (each
///   ordering's contributions add up to `v(all) − v(∅)`). Its values can be negative: a
///   channel whose journeys convert worse lowers the rate.
///
/// With a `pool`, the pool is split by the values (negative ones count as zero) with the
/// largest remainder method; ties go to the channel earlier by name. Values are shown
/// truncated to 18 decimals; the split uses the exact integers.
///
/// ```
/// use o2okit::{shapley, ShapleyGame, ShapleyJourney};
/// let j = |channels: &[&str], converted: bool| ShapleyJourney {
///     channels: channels.iter().map(|c| c.to_string()).collect(), converted, count: 1 };
/// let result = shapley(&[j(&["search"], true), j(&["search", "social"], true), j(&["social"], false)],
///                      ShapleyGame::Conversions, None)?;
/// let values: Vec<String> = result.channels.iter().map(|c| format!("{} {}", c.channel, c.value)).collect();
/// assert_eq!(values, ["search 1.5", "social 0.5"]);
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn shapley(
    journeys: &[ShapleyJourney],
    game: ShapleyGame,
    pool: Option<Money>,
) -> Result<ShapleyAttribution, Error> {
    let names: BTreeSet<&str> = journeys
        .iter()
        .flat_map(|j| j.channels.iter().map(String::as_str))
        .collect();
    if names.iter().any(|n| n.is_empty()) {
        return Err(Error::InvalidAttribution {
            reason: "a channel name is empty".into(),
        });
    }
    let names: Vec<&str> = names.into_iter().collect();
    let n = u64::try_from(names.len()).unwrap_or(u64::MAX);
    if n > MAX_SHAPLEY_CHANNELS {
        return Err(Error::TooManyChannels {
            channels: n,
            limit: MAX_SHAPLEY_CHANNELS,
        });
    }
    let overflow = || Error::out_of_range("the journey counts of a Shapley batch");
    // Exact channel set -> (conversions, journeys).
    let mut sets: BTreeMap<u64, (u128, u128)> = BTreeMap::new();
    let (mut total_journeys, mut total_conversions) = (0u64, 0u64);
    for journey in journeys {
        let mut mask = 0u64;
        for channel in &journey.channels {
            if let Ok(i) = names.binary_search(&channel.as_str()) {
                mask |= 1u64
                    .checked_shl(u32::try_from(i).unwrap_or(u32::MAX))
                    .unwrap_or(0);
            }
        }
        let entry = sets.entry(mask).or_insert((0, 0));
        let count = u128::from(journey.count);
        entry.1 = entry.1.checked_add(count).ok_or_else(overflow)?;
        total_journeys = total_journeys
            .checked_add(journey.count)
            .ok_or_else(overflow)?;
        if journey.converted {
            entry.0 = entry.0.checked_add(count).ok_or_else(overflow)?;
            total_conversions = total_conversions
                .checked_add(journey.count)
                .ok_or_else(overflow)?;
        }
    }
    let sets: Vec<(u64, u128, u128)> = sets.into_iter().map(|(m, (c, t))| (m, c, t)).collect();
    let width = names.len();

    let (method, values, unit, total) = match game {
        ShapleyGame::Conversions => {
            let (values, unit, total) = closed_form(&sets, width)?;
            (ShapleyMethod::ClosedForm, values, unit, total)
        }
        ShapleyGame::ConversionRate if n <= MAX_SHAPLEY_EXACT_CHANNELS => {
            let (values, total) = exact_rate(&sets, width)?;
            (ShapleyMethod::Exact, values, ONE, total)
        }
        ShapleyGame::ConversionRate => {
            let (values, total) = sampled_rate(&sets, width)?;
            (ShapleyMethod::Sampled, values, ONE, total)
        }
    };

    let amounts = match pool {
        None => None,
        Some(pool) => {
            let weights: Vec<u128> = values
                .iter()
                .map(|v| u128::try_from(*v).unwrap_or(0))
                .collect();
            if weights.iter().all(|w| *w == 0) {
                return Err(Error::InvalidAttribution {
                    reason: "no channel has a positive value, so the pool cannot be split by value"
                        .into(),
                });
            }
            let mut out = Vec::with_capacity(weights.len());
            shares_into(pool.minor_units(), &weights, &mut out)?;
            Some(
                out.into_iter()
                    .map(|a| Money::from_minor(a, pool.currency()))
                    .collect::<Result<Vec<_>, Error>>()?,
            )
        }
    };
    let channels = names
        .iter()
        .zip(&values)
        .enumerate()
        .map(|(i, (name, value))| ChannelValue {
            channel: (*name).to_string(),
            value: ratio_decimal(*value, unit),
            amount: amounts.as_ref().and_then(|a| a.get(i).copied()),
        })
        .collect();
    Ok(ShapleyAttribution {
        game,
        method,
        journeys: total_journeys,
        conversions: total_conversions,
        total: ratio_decimal(total, unit),
        channels,
    })
}

fn bit(i: usize) -> u64 {
    u32::try_from(i)
        .ok()
        .and_then(|i| 1u64.checked_shl(i))
        .unwrap_or(0)
}

fn gcd(a: u128, b: u128) -> u128 {
    let (mut a, mut b) = (a, b);
    while b != 0 {
        let r = a.checked_rem(b).unwrap_or(0);
        a = b;
        b = r;
    }
    a
}

/// `φᵢ · L = Σ_{T ∋ i} c(T) · L / |T|` with `L` the lcm of the set sizes; returns the scaled
/// values, `L` and the total conversions scaled by `L`.
fn closed_form(sets: &[(u64, u128, u128)], width: usize) -> Result<(Vec<i128>, u128, i128), Error> {
    let overflow = || Error::out_of_range("the Shapley values of a batch");
    let mut lcm: u128 = 1;
    for (mask, conversions, _) in sets {
        if *mask != 0 && *conversions > 0 {
            let size = u128::from(mask.count_ones());
            let g = gcd(lcm, size);
            lcm = lcm
                .checked_div(g)
                .and_then(|l| l.checked_mul(size))
                .ok_or_else(overflow)?;
        }
    }
    let mut values = vec![0i128; width];
    let mut total: i128 = 0;
    for (mask, conversions, _) in sets {
        if *mask == 0 || *conversions == 0 {
            continue;
        }
        let each = lcm
            .checked_div(u128::from(mask.count_ones()))
            .and_then(|s| s.checked_mul(*conversions))
            .and_then(|s| i128::try_from(s).ok())
            .ok_or_else(overflow)?;
        for (i, value) in values.iter_mut().enumerate() {
            if mask & bit(i) != 0 {
                *value = value.checked_add(each).ok_or_else(overflow)?;
                total = total.checked_add(each).ok_or_else(overflow)?;
            }
        }
    }
    Ok((values, lcm, total))
}

/// The conversion rate, at 60 fractional bits, of journeys with `conversions` out of `count`.
fn rate(conversions: u128, count: u128) -> i128 {
    if count == 0 {
        return 0;
    }
    crate::allocate::mul_div_rem(conversions, ONE, count)
        .and_then(|(q, _)| i128::try_from(q).ok())
        .unwrap_or(0)
}

/// `v(S)` of the conversion-rate game.
fn rate_of(sets: &[(u64, u128, u128)], coalition: u64) -> i128 {
    let (mut c, mut t) = (0u128, 0u128);
    for (mask, conversions, count) in sets {
        if mask & !coalition == 0 {
            c = c.saturating_add(*conversions);
            t = t.saturating_add(*count);
        }
    }
    rate(c, t)
}

/// Exact Shapley values of the conversion-rate game over all `2^n` coalitions.
fn exact_rate(sets: &[(u64, u128, u128)], width: usize) -> Result<(Vec<i128>, i128), Error> {
    let overflow = || Error::out_of_range("the Shapley values of a batch");
    let coalitions = 1usize
        .checked_shl(u32::try_from(width).unwrap_or(u32::MAX))
        .ok_or_else(overflow)?;
    let worth: Vec<i128> = (0..coalitions)
        .map(|s| rate_of(sets, u64::try_from(s).unwrap_or(0)))
        .collect();
    let mut factorial = vec![1i128; width.saturating_add(1)];
    for k in 1..factorial.len() {
        let previous = factorial.get(k.saturating_sub(1)).copied().unwrap_or(1);
        if let Some(slot) = factorial.get_mut(k) {
            *slot = previous
                .checked_mul(i128::try_from(k).unwrap_or(i128::MAX))
                .ok_or_else(overflow)?;
        }
    }
    let fact = |k: usize| factorial.get(k).copied().unwrap_or(1);
    let n_fact = fact(width);
    let mut values = Vec::with_capacity(width);
    for i in 0..width {
        let b = usize::try_from(bit(i)).unwrap_or(0);
        let mut sum: i128 = 0;
        for s in (0..coalitions).filter(|s| s & b == 0) {
            let size = usize::try_from(s.count_ones()).unwrap_or(0);
            let weight = fact(size)
                .checked_mul(fact(width.saturating_sub(1).saturating_sub(size)))
                .ok_or_else(overflow)?;
            let with = worth.get(s | b).copied().unwrap_or(0);
            let without = worth.get(s).copied().unwrap_or(0);
            let marginal = with.checked_sub(without).ok_or_else(overflow)?;
            sum = weight
                .checked_mul(marginal)
                .and_then(|m| sum.checked_add(m))
                .ok_or_else(overflow)?;
        }
        values.push(sum.checked_div(n_fact).ok_or_else(overflow)?);
    }
    let all = worth.last().copied().unwrap_or(0);
    let none = worth.first().copied().unwrap_or(0);
    Ok((values, all.checked_sub(none).ok_or_else(overflow)?))
}

/// SplitMix64.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Shapley values of the conversion-rate game, by [`SHAPLEY_SAMPLES`] sampled orderings.
fn sampled_rate(sets: &[(u64, u128, u128)], width: usize) -> Result<(Vec<i128>, i128), Error> {
    let overflow = || Error::out_of_range("the Shapley values of a batch");
    let mut state = SHAPLEY_SEED;
    let mut order: Vec<usize> = (0..width).collect();
    let mut position = vec![0usize; width];
    let mut sums = vec![0i128; width];
    let mut buckets = vec![(0u128, 0u128); width];
    let (empty_c, empty_t) = sets
        .iter()
        .filter(|(m, _, _)| *m == 0)
        .fold((0u128, 0u128), |(c, t), (_, sc, st)| {
            (c.saturating_add(*sc), t.saturating_add(*st))
        });
    for _ in 0..SHAPLEY_SAMPLES {
        // Fisher–Yates from the identity order each time.
        for (i, slot) in order.iter_mut().enumerate() {
            *slot = i;
        }
        for i in (1..width).rev() {
            let bound = u64::try_from(i.saturating_add(1)).unwrap_or(u64::MAX);
            let j = usize::try_from(next(&mut state).checked_rem(bound).unwrap_or(0)).unwrap_or(0);
            order.swap(i, j);
        }
        for (k, channel) in order.iter().enumerate() {
            if let Some(p) = position.get_mut(*channel) {
                *p = k;
            }
        }
        buckets.iter_mut().for_each(|b| *b = (0, 0));
        for (mask, conversions, count) in sets.iter().filter(|(m, _, _)| *m != 0) {
            // The set joins the coalition when its last channel (in this order) does.
            let mut last = 0usize;
            let mut rest = *mask;
            while rest != 0 {
                let i = usize::try_from(rest.trailing_zeros()).unwrap_or(0);
                last = last.max(position.get(i).copied().unwrap_or(0));
                rest &= rest.wrapping_sub(1);
            }
            if let Some(b) = buckets.get_mut(last) {
                b.0 = b.0.saturating_add(*conversions);
                b.1 = b.1.saturating_add(*count);
            }
        }
        let (mut c, mut t) = (empty_c, empty_t);
        let mut before = rate(c, t);
        for (k, channel) in order.iter().enumerate() {
            if let Some(b) = buckets.get(k) {
                c = c.saturating_add(b.0);
                t = t.saturating_add(b.1);
            }
            let after = rate(c, t);
            if let Some(sum) = sums.get_mut(*channel) {
                *sum = after
                    .checked_sub(before)
                    .and_then(|m| sum.checked_add(m))
                    .ok_or_else(overflow)?;
            }
            before = after;
        }
    }
    let samples = i128::from(SHAPLEY_SAMPLES);
    let values = sums
        .into_iter()
        .map(|s| s.checked_div(samples).ok_or_else(overflow))
        .collect::<Result<Vec<_>, Error>>()?;
    let all = rate_of(sets, u64::MAX);
    let none = rate(empty_c, empty_t);
    Ok((values, all.checked_sub(none).ok_or_else(overflow)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(channels: &[&str], converted: bool, count: u64) -> ShapleyJourney {
        ShapleyJourney {
            channels: channels.iter().map(|c| c.to_string()).collect(),
            converted,
            count,
        }
    }

    /// The closed form equals the enumeration of the conversions game.
    #[test]
    fn closed_form_matches_enumeration() {
        let batch = [
            j(&["a"], true, 3),
            j(&["a", "b"], true, 2),
            j(&["b", "c"], true, 1),
            j(&["a", "b", "c"], true, 5),
            j(&["c"], false, 7),
        ];
        let mut sets: BTreeMap<u64, (u128, u128)> = BTreeMap::new();
        for x in &batch {
            let mask = x
                .channels
                .iter()
                .fold(0u64, |m, c| m | (1 << (c.as_bytes()[0] - b'a')));
            let e = sets.entry(mask).or_insert((0, 0));
            e.1 += u128::from(x.count);
            if x.converted {
                e.0 += u128::from(x.count);
            }
        }
        let sets: Vec<(u64, u128, u128)> = sets.into_iter().map(|(m, (c, t))| (m, c, t)).collect();
        let (closed, lcm, _) = closed_form(&sets, 3).unwrap();
        // Enumerate with v(S) = conversions of sets within S, scaled by lcm·n!.
        let v = |s: u64| -> i128 {
            sets.iter()
                .filter(|(m, _, _)| m & !s == 0)
                .map(|(_, c, _)| *c as i128)
                .sum()
        };
        let fact = [1i128, 1, 2, 6];
        for (i, value) in closed.iter().enumerate() {
            let mut sum = 0i128;
            for s in 0u64..8 {
                if s & (1 << i) != 0 {
                    continue;
                }
                let k = s.count_ones() as usize;
                sum += fact[k] * fact[2 - k] * (v(s | (1 << i)) - v(s));
            }
            // closed[i] / lcm == sum / 3!
            assert_eq!(value * 6, sum * lcm as i128, "channel {i}");
        }
    }

    #[test]
    fn sampled_total_is_exact() {
        let names: Vec<String> = (0..14).map(|i| format!("c{i:02}")).collect();
        let mut batch = Vec::new();
        for (i, name) in names.iter().enumerate() {
            batch.push(j(&[name.as_str()], i % 3 == 0, 1 + i as u64));
            if let Some(next) = names.get(i + 1) {
                batch.push(j(&[name.as_str(), next.as_str()], true, 2));
            }
        }
        let result = shapley(&batch, ShapleyGame::ConversionRate, None).unwrap();
        assert_eq!(result.method, ShapleyMethod::Sampled);
        let sum: Decimal = result.channels.iter().map(|c| c.value).sum();
        // Each value is truncated to 18 decimals and divided by the sample count.
        assert!(
            (sum - result.total).abs() < Decimal::new(1, 15),
            "{sum} vs {}",
            result.total
        );
        // Deterministic.
        assert_eq!(
            shapley(&batch, ShapleyGame::ConversionRate, None).unwrap(),
            result
        );
    }

    #[test]
    fn exact_rate_is_efficient() {
        let batch = [
            j(&["a"], true, 1),
            j(&["a"], false, 1),
            j(&["b"], true, 3),
            j(&["a", "b"], false, 2),
            j(&[], false, 4),
        ];
        let result = shapley(&batch, ShapleyGame::ConversionRate, None).unwrap();
        assert_eq!(result.method, ShapleyMethod::Exact);
        let sum: Decimal = result.channels.iter().map(|c| c.value).sum();
        assert!((sum - result.total).abs() < Decimal::new(1, 16));
    }
}
