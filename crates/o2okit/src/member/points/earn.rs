//! Earn rules: points per amount spent (rounded down), per visit, per category.

use serde::{Deserialize, Serialize};

use crate::member::invalid;
use crate::money::Money;
use crate::Error;

/// How points are earned by a purchase (an `earn` event).
///
/// - `per_amount`: `points` for every full `per` of the purchase amount, **rounded down**:
///   1 point per 10.00 earns 10 points on 105.00 and none on 9.99.
/// - `per_visit`: `points` for every purchase, whatever its amount.
/// - `per_category`: `points` for every full `per` of the purchase lines in `category`
///   (their amounts summed first, then rounded down).
///
/// ```
/// use o2okit::{points_for, EarnRule, Currency, Money};
/// let rules: Vec<EarnRule> = o2okit::decode(r#"[
///     {"type": "per_amount", "points": 1, "per": {"amount": "10.00", "currency": "CNY"}},
///     {"type": "per_visit", "points": 5}]"#)?;
/// let amount = Money::parse("105.00", Currency::from_code("CNY")?)?;
/// assert_eq!(points_for(&rules, amount, &[])?, 15);
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum EarnRule {
    /// `points` per full `per` spent.
    PerAmount {
        /// Points per step.
        points: u64,
        /// The step of spend (positive).
        per: Money,
    },
    /// `points` per purchase.
    PerVisit {
        /// Points per purchase.
        points: u64,
    },
    /// `points` per full `per` spent on lines of `category`.
    PerCategory {
        /// The category id.
        category: String,
        /// Points per step.
        points: u64,
        /// The step of spend (positive).
        per: Money,
    },
}

/// How [`EarnRule`] is decoded: the same variants and fields, externally tagged, fed the tag
/// first by [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[allow(clippy::enum_variant_names)] // the wire names of EarnRule's variants
#[serde(remote = "EarnRule", rename_all = "snake_case", deny_unknown_fields)]
enum EarnRuleWire {
    PerAmount {
        points: u64,
        per: Money,
    },
    PerVisit {
        points: u64,
    },
    PerCategory {
        category: String,
        points: u64,
        per: Money,
    },
}
crate::wire::tagged_deserialize!(EarnRule, EarnRuleWire, "type");

/// A purchase line for category rules: its category and amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EarnLine {
    /// The category id.
    pub category: String,
    /// The amount paid for the line.
    pub amount: Money,
}

impl EarnRule {
    pub(crate) fn check(&self, index: usize) -> Result<(), Error> {
        match self {
            EarnRule::PerAmount { per, .. } | EarnRule::PerCategory { per, .. } => {
                if !per.is_positive() {
                    return Err(invalid(
                        format!("program.earn[{index}].per"),
                        "the step of spend must be positive",
                    ));
                }
                Ok(())
            }
            EarnRule::PerVisit { .. } => Ok(()),
        }
    }
}

/// The points a purchase of `amount` with `lines` earns under `rules` (summed over the
/// rules). Errors: [`Error::CurrencyMismatch`], [`Error::InvalidMembership`] for a
/// negative amount or a non-positive step, [`Error::AmountOutOfRange`] on overflow.
pub fn points_for(rules: &[EarnRule], amount: Money, lines: &[EarnLine]) -> Result<u64, Error> {
    if amount.is_negative() {
        return Err(invalid(
            "event.amount",
            "a purchase amount is never negative",
        ));
    }
    let mut total: u64 = 0;
    for (index, rule) in rules.iter().enumerate() {
        rule.check(index)?;
        let earned = match rule {
            EarnRule::PerAmount { points, per } => steps(amount, *per, *points)?,
            EarnRule::PerVisit { points } => *points,
            EarnRule::PerCategory {
                category,
                points,
                per,
            } => {
                let mut sum = Money::zero(per.currency());
                for (i, line) in lines.iter().enumerate() {
                    if line.amount.is_negative() {
                        return Err(invalid(
                            format!("event.lines[{i}].amount"),
                            "a line amount is never negative",
                        ));
                    }
                    if &line.category == category {
                        sum = sum.checked_add(line.amount)?;
                    }
                }
                steps(sum, *per, *points)?
            }
        };
        total = total.checked_add(earned).ok_or_else(overflow)?;
    }
    Ok(total)
}

/// `points × floor(amount / per)`.
fn steps(amount: Money, per: Money, points: u64) -> Result<u64, Error> {
    amount.same_currency(&per)?;
    let whole = amount
        .minor_units()
        .checked_div(per.minor_units())
        .ok_or_else(overflow)?;
    let whole = u64::try_from(whole).map_err(|_| overflow())?;
    whole.checked_mul(points).ok_or_else(overflow)
}

fn overflow() -> Error {
    Error::out_of_range("points arithmetic")
}
