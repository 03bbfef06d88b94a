//! Rounding modes.

use rust_decimal::RoundingStrategy;
use serde::{Deserialize, Serialize};

use crate::Error;

/// How to round an exact value to a currency's minor unit or to a cash step.
///
/// The names follow Python's `decimal` module (`ROUND_HALF_EVEN`, `ROUND_HALF_UP`, …) and
/// map one to one onto every [`rust_decimal::RoundingStrategy`]. On the wire they are
/// snake_case strings: `"half_even"`, `"half_up"`, ….
///
/// **The default is [`Rounding::HalfEven`]** (banker's rounding): unbiased over many
/// operations, and the default of both `rust_decimal` and Python's `decimal`, so the three
/// surfaces agree without configuration. Use [`Rounding::HalfUp`] for the
/// "四舍五入" customers expect on a receipt.
///
/// | o2okit | rust_decimal | Python `decimal` | 2.345 → | -2.345 → |
/// |---|---|---|---|---|
/// | `HalfEven` | `MidpointNearestEven` | `ROUND_HALF_EVEN` | 2.34 | -2.34 |
/// | `HalfUp` | `MidpointAwayFromZero` | `ROUND_HALF_UP` | 2.35 | -2.35 |
/// | `HalfDown` | `MidpointTowardZero` | `ROUND_HALF_DOWN` | 2.34 | -2.34 |
/// | `Up` | `AwayFromZero` | `ROUND_UP` | 2.35 | -2.35 |
/// | `Down` | `ToZero` | `ROUND_DOWN` | 2.34 | -2.34 |
/// | `Ceiling` | `ToPositiveInfinity` | `ROUND_CEILING` | 2.35 | -2.34 |
/// | `Floor` | `ToNegativeInfinity` | `ROUND_FLOOR` | 2.34 | -2.35 |
///
/// ```
/// use o2okit::{Currency, Money, Rounding};
/// use rust_decimal::Decimal;
/// let cny = Currency::from_code("CNY")?;
/// let x: Decimal = "2.345".parse().unwrap();
/// assert_eq!(Money::from_decimal_rounded(x, cny, Rounding::HalfEven)?.to_string(), "2.34 CNY");
/// assert_eq!(Money::from_decimal_rounded(x, cny, Rounding::HalfUp)?.to_string(), "2.35 CNY");
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Round to nearest; ties to the even neighbour. The default.
    #[default]
    HalfEven,
    /// Round to nearest; ties away from zero (commercial rounding, 四舍五入).
    HalfUp,
    /// Round to nearest; ties toward zero.
    HalfDown,
    /// Always away from zero.
    Up,
    /// Always toward zero (truncate).
    Down,
    /// Always toward positive infinity.
    Ceiling,
    /// Always toward negative infinity.
    Floor,
}

impl Rounding {
    /// Every rounding mode, in declaration order.
    pub const ALL: [Rounding; 7] = [
        Rounding::HalfEven,
        Rounding::HalfUp,
        Rounding::HalfDown,
        Rounding::Up,
        Rounding::Down,
        Rounding::Ceiling,
        Rounding::Floor,
    ];

    /// The snake_case wire name of the mode.
    pub fn as_str(self) -> &'static str {
        match self {
            Rounding::HalfEven => "half_even",
            Rounding::HalfUp => "half_up",
            Rounding::HalfDown => "half_down",
            Rounding::Up => "up",
            Rounding::Down => "down",
            Rounding::Ceiling => "ceiling",
            Rounding::Floor => "floor",
        }
    }

    /// Parse a wire name (`"half_even"`…); [`Error::UnknownRounding`] if unknown.
    ///
    /// ```
    /// use o2okit::Rounding;
    /// assert_eq!(Rounding::from_name("half_up")?, Rounding::HalfUp);
    /// assert_eq!(Rounding::from_name("bankers").unwrap_err().code(), "unknown_rounding");
    /// # Ok::<(), o2okit::Error>(())
    /// ```
    pub fn from_name(name: &str) -> Result<Rounding, Error> {
        Rounding::ALL
            .into_iter()
            .find(|r| r.as_str() == name)
            .ok_or_else(|| Error::UnknownRounding {
                name: name.to_string(),
            })
    }

    /// The equivalent `rust_decimal` strategy.
    pub fn strategy(self) -> RoundingStrategy {
        match self {
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfDown => RoundingStrategy::MidpointTowardZero,
            Rounding::Up => RoundingStrategy::AwayFromZero,
            Rounding::Down => RoundingStrategy::ToZero,
            Rounding::Ceiling => RoundingStrategy::ToPositiveInfinity,
            Rounding::Floor => RoundingStrategy::ToNegativeInfinity,
        }
    }

    /// Integer division `n / d` rounded by this mode. `d` must be positive; returns `None`
    /// when it is not.
    pub(crate) fn div_i128(self, n: i128, d: i128) -> Option<i128> {
        if d <= 0 {
            return None;
        }
        let q = n.checked_div_euclid(d)?; // floor for positive d
        let r = n.checked_rem_euclid(d)?; // 0 <= r < d
        if r == 0 {
            return Some(q);
        }
        let up = q.checked_add(1)?;
        // n/d lies strictly between q (floor) and q + 1 (ceiling).
        let twice = r.checked_mul(2)?;
        let ceil_wins = match self {
            Rounding::Ceiling => true,
            Rounding::Floor => false,
            Rounding::Up => n > 0,
            Rounding::Down => n < 0,
            Rounding::HalfEven | Rounding::HalfUp | Rounding::HalfDown => {
                match twice.cmp(&d) {
                    std::cmp::Ordering::Greater => true,
                    std::cmp::Ordering::Less => false,
                    std::cmp::Ordering::Equal => match self {
                        Rounding::HalfEven => q.rem_euclid(2) != 0,
                        Rounding::HalfUp => n > 0,
                        _ => n < 0, // HalfDown: toward zero
                    },
                }
            }
        };
        Some(if ceil_wins { up } else { q })
    }
}

impl std::str::FromStr for Rounding {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rounding::from_name(s)
    }
}

impl<'de> Deserialize<'de> for Rounding {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Rounding::from_name(&name).map_err(|e| serde::de::Error::custom(e.to_serde_message()))
    }
}

impl std::fmt::Display for Rounding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn integer_division_agrees_with_rust_decimal() {
        for mode in Rounding::ALL {
            for n in -60i128..=60 {
                for d in 1i128..=8 {
                    let ours = mode.div_i128(n, d);
                    let exact =
                        Decimal::from_i128_with_scale(n, 0) / Decimal::from_i128_with_scale(d, 0);
                    let theirs = exact.round_dp_with_strategy(0, mode.strategy());
                    assert_eq!(ours.map(Decimal::from), Some(theirs), "{mode} {n}/{d}");
                }
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for mode in Rounding::ALL {
            assert_eq!(Rounding::from_name(mode.as_str()), Ok(mode));
        }
        assert_eq!(Rounding::default(), Rounding::HalfEven);
    }
}
