//! Splitting money by weights, exactly (see [`allocate`]).
mod largest_remainder;
mod wide;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{negate_decimal, CashStep, Money};
use crate::wire::decimal::{option_decimal_string, vec_decimal_string};
use crate::Error;
pub(crate) use largest_remainder::{split_units, UnitError, UnitShare};
#[cfg(feature = "split")]
pub(crate) use wide::mul_div_rem;

/// Decimals of one unit kept when a remainder or an exact share is shown as a decimal
/// (display only: the allocation itself compares remainders exactly, as integers).
pub const EXPLAIN_DECIMALS: u32 = 20;
const EXPLAIN_SCALE: u128 = 100_000_000_000_000_000_000; // 10^EXPLAIN_DECIMALS
const EXPLAIN_SCALE_I128: i128 = 100_000_000_000_000_000_000;

/// What to split, and how: the input of the `allocate` wire function.
///
/// ```
/// use o2okit::{AllocationRequest, Currency, Money};
/// let chf = Currency::from_code("CHF")?;
/// let request = AllocationRequest::new(Money::parse("10.00", chf)?, vec![1.into(), 1.into(), 1.into()])
///     .with_step("0.05".parse().unwrap());
/// let parts: Vec<String> = request.allocate()?.amounts().iter().map(|m| m.to_string()).collect();
/// assert_eq!(parts, ["3.35 CHF", "3.35 CHF", "3.30 CHF"]);
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AllocationRequest {
    /// The amount to split (may be negative: it then splits symmetrically).
    pub total: Money,
    /// One non-negative weight per party, as decimal strings (JSON integers also accepted).
    #[serde(with = "vec_decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::wire::DecimalString>"))]
    pub weights: Vec<Decimal>,
    /// Optional maximum amount per party (`null` for no cap); same length as `weights`.
    /// A cap bounds the magnitude of a part; what a capped party cannot take moves on to
    /// the uncapped parties, by their weights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caps: Option<Vec<Option<Money>>>,
    /// Optional cash step (e.g. `"0.05"`): split in whole steps instead of minor units. The
    /// total must then be a whole number of steps.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "option_decimal_string"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::wire::DecimalString>")
    )]
    pub step: Option<Decimal>,
}

impl AllocationRequest {
    /// Split `total` by `weights`, in minor units, without caps.
    pub fn new(total: Money, weights: Vec<Decimal>) -> AllocationRequest {
        AllocationRequest {
            total,
            weights,
            caps: None,
            step: None,
        }
    }

    /// Add per-party caps (`None` = uncapped).
    pub fn with_caps(mut self, caps: Vec<Option<Money>>) -> AllocationRequest {
        self.caps = Some(caps);
        self
    }

    /// Split in whole cash steps (e.g. CHF 0.05).
    pub fn with_step(mut self, step: Decimal) -> AllocationRequest {
        self.step = Some(step);
        self
    }

    /// Run the allocation.
    pub fn allocate(&self) -> Result<Allocation, Error> {
        run(self)
    }

    /// Only the allocated amounts, in the order of the weights: the same parts as
    /// [`allocate`](Self::allocate)`()?.amounts()`, and the same errors, without working out
    /// each part's explanation (exact share and remainder as decimals), which is most of the
    /// work for a small split. What `allocate.batch` with `detail: "amounts"` returns.
    ///
    /// ```
    /// use o2okit::{AllocationRequest, Currency, Money};
    /// let cny = Currency::from_code("CNY")?;
    /// let request = AllocationRequest::new(Money::parse("99.99", cny)?, vec![75.into(), 25.into()]);
    /// assert_eq!(request.amounts()?, request.allocate()?.amounts());
    /// # Ok::<(), o2okit::Error>(())
    /// ```
    pub fn amounts(&self) -> Result<Vec<Money>, Error> {
        let units = units(self)?;
        units
            .shares
            .iter()
            .map(|share| part_amount(share, units.step, units.step_units, units.negative))
            .collect()
    }
}

/// The result of an allocation: the parts, in the order of the weights, each able to
/// explain itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    /// The amount that was split.
    pub total: Money,
    /// The unit the split was made in: the currency's minor unit or the cash step.
    pub unit: Money,
    /// How many leftover units were handed out by largest remainder.
    pub leftover_units: u64,
    /// One part per weight, in the same order.
    pub parts: Vec<AllocationPart>,
}

/// One party's part of an [`Allocation`], with its explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AllocationPart {
    /// The amount allocated to this party.
    pub amount: Money,
    /// The weight it was given.
    #[serde(with = "crate::wire::decimal::decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub weight: Decimal,
    /// Its exact proportional share in currency units, signed like the total: the whole
    /// units plus [`remainder`](Self::remainder), times the unit (so it has
    /// [`EXPLAIN_DECIMALS`] decimals *of a unit*, truncated: 22 decimals for CNY). For a
    /// capped party, its cap.
    #[serde(with = "crate::wire::decimal::decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub exact_share: Decimal,
    /// The fractional part of its share, as a fraction of one unit (0 ≤ r < 1, truncated to
    /// [`EXPLAIN_DECIMALS`] decimals); leftover units went to the largest of these.
    #[serde(with = "crate::wire::decimal::decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub remainder: Decimal,
    /// Whether it received one of the leftover units.
    pub extra_unit: bool,
    /// Whether its cap limited it.
    pub capped: bool,
}

impl Allocation {
    /// The allocated amounts, in the order of the weights.
    pub fn amounts(&self) -> Vec<Money> {
        self.parts.iter().map(|p| p.amount).collect()
    }
}

/// Splitting money by weights, exactly.
///
/// [`allocate`] splits a [`Money`] by non-negative decimal weights with the **largest
/// remainder method** (Hamilton) on whole minor units, or on whole cash steps:
///
/// 1. each party's exact share is `total × weight ÷ Σ weights`, computed exactly on
///    integers (no decimal rounding anywhere);
/// 2. every party first gets the whole units of its share (the floor);
/// 3. the units left over (fewer than the number of parties) go one each to the parties
///    with the **largest remainders**; **equal remainders go to the earlier party** (lower
///    index). This tie rule is part of the API and will not change.
///
/// Guarantees, each property-tested:
/// - the parts add up exactly to the total;
/// - each part is within one unit of its exact share (strictly less than one unit away);
/// - a zero weight gets exactly zero;
/// - splitting `-x` gives exactly the negated parts of splitting `x` (sign symmetry);
/// - multiplying every weight by the same positive factor changes nothing;
/// - with a cash step every part is a whole number of steps;
/// - with caps no part exceeds its cap.
///
/// **Largest remainder is not monotone in the amount.** With weights 22:39:4, 0.07 splits
/// as 0.02 / 0.04 / 0.01 but 0.08 splits as 0.03 / 0.05 / 0.00: the third party gets *less*
/// from a larger total (the Alabama paradox). Every part stays within one unit of its
/// exact share, which is the property the method optimises; do not assume that a larger
/// total gives every party at least as much.
///
/// ```
/// use o2okit::{allocate, Currency, Money};
/// use rust_decimal::Decimal;
/// let cny = Currency::from_code("CNY")?;
/// let split = allocate(Money::parse("99.99", cny)?, &[Decimal::from(75), Decimal::from(25)])?;
/// let amounts: Vec<String> = split.amounts().iter().map(|m| m.amount().to_string()).collect();
/// assert_eq!(amounts, ["74.99", "25.00"]);
///
/// // The non-monotone case, documented above.
/// let w = [Decimal::from(22), Decimal::from(39), Decimal::from(4)];
/// let seven = allocate(Money::parse("0.07", cny)?, &w)?;
/// let eight = allocate(Money::parse("0.08", cny)?, &w)?;
/// assert_eq!(seven.parts[2].amount.to_string(), "0.01 CNY");
/// assert_eq!(eight.parts[2].amount.to_string(), "0.00 CNY");
/// # Ok::<(), o2okit::Error>(())
/// ```
///
/// Errors: [`Error::EmptyWeights`], [`Error::NegativeWeight`], [`Error::ZeroWeights`], and
/// [`Error::AmountOutOfRange`] when the weights span more digits than 128-bit integers hold.
pub fn allocate(total: Money, weights: &[Decimal]) -> Result<Allocation, Error> {
    AllocationRequest::new(total, weights.to_vec()).allocate()
}

/// Split `total` by `weights` with a maximum per party; the overflow of capped parties
/// moves on to the others, by weight.
///
/// ```
/// use o2okit::{allocate_capped, Currency, Money};
/// let cny = Currency::from_code("CNY")?;
/// let total = Money::parse("100.00", cny)?;
/// let caps = [Some(Money::parse("10.00", cny)?), None, None];
/// let split = allocate_capped(total, &[1.into(), 1.into(), 2.into()], &caps)?;
/// let parts: Vec<String> = split.amounts().iter().map(|m| m.amount().to_string()).collect();
/// assert_eq!(parts, ["10.00", "30.00", "60.00"]);
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn allocate_capped(
    total: Money,
    weights: &[Decimal],
    caps: &[Option<Money>],
) -> Result<Allocation, Error> {
    AllocationRequest::new(total, weights.to_vec())
        .with_caps(caps.to_vec())
        .allocate()
}

/// Split `total` by `weights` in whole cash steps (e.g. CHF 0.05). The total must be a
/// whole number of steps ([`Error::NotOnStep`] otherwise; round it first with
/// [`Money::round_to_step`]).
pub fn allocate_to_step(
    total: Money,
    weights: &[Decimal],
    step: Decimal,
) -> Result<Allocation, Error> {
    AllocationRequest::new(total, weights.to_vec())
        .with_step(step)
        .allocate()
}

/// The integer split of a request, before it is turned back into money.
struct Units {
    shares: Vec<UnitShare>,
    step: CashStep,
    step_units: u128,
    negative: bool,
}

fn run(request: &AllocationRequest) -> Result<Allocation, Error> {
    let Units {
        shares,
        step,
        step_units,
        negative,
    } = units(request)?;
    let mut parts = Vec::with_capacity(shares.len());
    let mut leftover_units: u64 = 0;
    for (share, weight) in shares.iter().zip(&request.weights) {
        if share.extra_unit {
            leftover_units = leftover_units.saturating_add(1);
        }
        parts.push(explain(share, *weight, step, step_units, negative)?);
    }
    Ok(Allocation {
        total: request.total,
        unit: step.amount(),
        leftover_units,
        parts,
    })
}

fn units(request: &AllocationRequest) -> Result<Units, Error> {
    let total = request.total;
    let currency = total.currency();
    let int_weights = integer_weights(&request.weights)?;

    let step = match request.step {
        Some(step) => CashStep::new(step, currency)?,
        None => CashStep::minor_unit(currency),
    };
    let step_units = u128::try_from(step.units()).map_err(|_| Error::out_of_range("step"))?;
    let count = step.count(total)?;
    let magnitude = count.unsigned_abs();

    let caps = match &request.caps {
        None => Vec::new(),
        Some(caps) => cap_units(caps, request.weights.len(), total, step_units)?,
    };

    let shares = split_units(magnitude, &int_weights, &caps).map_err(|e| match e {
        UnitError::Overflow => Error::out_of_range("the allocation's intermediate products"),
        UnitError::CapsInsufficient => {
            let capacity = caps
                .iter()
                .zip(&int_weights)
                .filter(|(_, w)| **w > 0)
                .try_fold(0u128, |acc, (c, _)| acc.checked_add(c.unwrap_or(0)))
                .and_then(|c| c.checked_mul(step_units))
                .and_then(|c| i128::try_from(c).ok())
                .and_then(|c| Money::from_minor(c, currency).ok())
                .map_or_else(|| "?".to_string(), |m| m.to_string());
            Error::CapsInsufficient {
                total: total.to_string(),
                capacity,
            }
        }
    })?;

    Ok(Units {
        shares,
        step,
        step_units,
        negative: total.is_negative(),
    })
}

/// Check the weights and bring them to integers at a common scale.
fn integer_weights(weights: &[Decimal]) -> Result<Vec<u128>, Error> {
    if weights.is_empty() {
        return Err(Error::EmptyWeights);
    }
    if let Some((index, weight)) = weights
        .iter()
        .enumerate()
        .find(|(_, w)| w.is_sign_negative() && !w.is_zero())
    {
        return Err(Error::NegativeWeight {
            index,
            weight: weight.to_string(),
        });
    }
    if weights.iter().all(|w| w.is_zero()) {
        return Err(Error::ZeroWeights {
            count: weights.len(),
        });
    }
    let normalized: Vec<Decimal> = weights
        .iter()
        .map(|w| if w.scale() == 0 { *w } else { w.normalize() })
        .collect();
    let scale = normalized.iter().map(|w| w.scale()).max().unwrap_or(0);
    let too_wide = || {
        Error::out_of_range(
            "the weights span more digits than 128-bit integers hold; use fewer decimals",
        )
    };
    let ints = normalized
        .iter()
        .map(|w| {
            let mantissa = u128::try_from(w.mantissa()).map_err(|_| too_wide())?;
            let factor = 10u128
                .checked_pow(scale.saturating_sub(w.scale()))
                .ok_or_else(too_wide)?;
            mantissa.checked_mul(factor).ok_or_else(too_wide)
        })
        .collect::<Result<Vec<u128>, Error>>()?;
    ints.iter()
        .try_fold(0u128, |acc, w| acc.checked_add(*w))
        .ok_or_else(too_wide)?;
    Ok(ints)
}

/// Check the caps and express each as a whole number of units (rounded down to the unit,
/// so a cap is never exceeded).
fn cap_units(
    caps: &[Option<Money>],
    expected: usize,
    total: Money,
    step_units: u128,
) -> Result<Vec<Option<u128>>, Error> {
    if caps.len() != expected {
        return Err(Error::LengthMismatch {
            what: "caps must have one entry per weight".into(),
            expected,
            found: caps.len(),
        });
    }
    caps.iter()
        .enumerate()
        .map(|(index, cap)| match cap {
            None => Ok(None),
            Some(cap) => {
                total.same_currency(cap)?;
                if cap.is_negative() {
                    return Err(Error::NegativeCap {
                        index,
                        cap: cap.to_string(),
                    });
                }
                let units = cap.minor_units().unsigned_abs();
                Ok(Some(units.checked_div(step_units).unwrap_or(0)))
            }
        })
        .collect()
}

/// The money of an integer share.
fn part_amount(
    share: &UnitShare,
    step: CashStep,
    step_units: u128,
    negative: bool,
) -> Result<Money, Error> {
    let overflow = || Error::out_of_range("an allocated part");
    let minor = share.units.checked_mul(step_units).ok_or_else(overflow)?;
    let minor = i128::try_from(minor).map_err(|_| overflow())?;
    Money::from_minor(
        if negative {
            minor.checked_neg().ok_or_else(overflow)?
        } else {
            minor
        },
        step.amount().currency(),
    )
}

/// Turn an integer share back into money and an explanation. Past [`part_amount`] nothing
/// here can fail on a share that [`split_units`] produced (the remainder is below its
/// denominator, so its 20 decimals fit, and the exact share is at most the total), which
/// is what lets [`AllocationRequest::amounts`] skip it and still fail exactly when
/// [`AllocationRequest::allocate`] does; the checks stay, as errors, not panics.
fn explain(
    share: &UnitShare,
    weight: Decimal,
    step: CashStep,
    step_units: u128,
    negative: bool,
) -> Result<AllocationPart, Error> {
    let overflow = || Error::out_of_range("an allocated part");
    let amount = part_amount(share, step, step_units, negative)?;

    // remainder / denominator as a decimal fraction of one unit, truncated.
    let (frac, _) = wide::mul_div_rem(share.remainder, EXPLAIN_SCALE, share.denominator)
        .ok_or_else(overflow)?;
    let frac = i128::try_from(frac).map_err(|_| overflow())?;
    let remainder = Decimal::try_from_i128_with_scale(frac, EXPLAIN_DECIMALS)
        .map_err(|_| overflow())?
        .normalize();
    let floor = i128::try_from(share.floor).map_err(|_| overflow())?;
    let unit = step.amount().amount();
    // Fast path: (floor + frac / 10^20) × step, on integers, when it fits a Decimal exactly.
    let exact = floor
        .checked_mul(EXPLAIN_SCALE_I128)
        .and_then(|v| v.checked_add(frac))
        .and_then(|v| v.checked_mul(step.units()))
        .and_then(|v| {
            Decimal::try_from_i128_with_scale(v, EXPLAIN_DECIMALS.checked_add(unit.scale())?).ok()
        });
    let exact = match exact {
        Some(exact) => exact,
        None => Decimal::try_from_i128_with_scale(floor, 0)
            .ok()
            .and_then(|f| f.checked_add(remainder))
            .and_then(|e| e.checked_mul(unit))
            .ok_or_else(overflow)?,
    }
    .normalize();
    Ok(AllocationPart {
        amount,
        weight,
        exact_share: if negative {
            negate_decimal(exact)
        } else {
            exact
        },
        remainder,
        extra_unit: share.extra_unit,
        capped: share.capped,
    })
}
