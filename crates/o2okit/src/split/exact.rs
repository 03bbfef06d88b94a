//! Exact integer arithmetic of the split: percents as fractions, rounding of quotients, and
//! signed largest-remainder shares on whole minor units.

use rust_decimal::Decimal;

use crate::allocate::{mul_div_rem, split_units, UnitError};
use crate::money::Rounding;
use crate::Error;

/// A rational `±num / den` (`den > 0`), e.g. a percent `p` as `p / 100` exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fraction {
    negative: bool,
    num: u128,
    den: u128,
}

impl Fraction {
    /// `percent / 100`, exactly (`"0.6"` is 6 / 1000).
    pub(crate) fn percent(percent: Decimal) -> Result<Fraction, Error> {
        let p = percent.normalize();
        let den = 10u128
            .checked_pow(p.scale())
            .and_then(|s| s.checked_mul(100))
            .ok_or_else(|| Error::out_of_range(format!("the percent {percent}")))?;
        Ok(Fraction {
            negative: p.is_sign_negative() && !p.is_zero(),
            num: p.mantissa().unsigned_abs(),
            den,
        })
    }

    /// `base × self`, rounded to a whole unit with `rounding`.
    pub(crate) fn apply(&self, base: i128, rounding: Rounding) -> Result<i128, Error> {
        let negative = (base < 0) != self.negative && base != 0 && self.num != 0;
        let (q, r) = quotient(base.unsigned_abs(), self.num, self.den)
            .ok_or_else(|| Error::out_of_range("a percent of a base"))?;
        signed(
            round_quotient(q, r, self.den, negative, rounding)?,
            negative,
        )
    }

    /// `base × self`, rounded toward negative infinity: a cap computed this way is never
    /// exceeded, not even by one unit.
    pub(crate) fn floor(&self, base: i128) -> Result<i128, Error> {
        self.apply(base, Rounding::Floor)
    }
}

/// `(⌊a·b / c⌋, a·b mod c)`: on 64-bit integers when everything fits (the usual case: an
/// amount in minor units times a short percent), else through the allocation's 256-bit path.
fn quotient(a: u128, b: u128, c: u128) -> Option<(u128, u128)> {
    if let (Ok(c64), Some(product)) = (u64::try_from(c), a.checked_mul(b)) {
        if let Ok(p64) = u64::try_from(product) {
            return Some((
                u128::from(p64.checked_div(c64)?),
                u128::from(p64.checked_rem(c64)?),
            ));
        }
    }
    mul_div_rem(a, b, c)
}

/// Round the magnitude `q + r / den` of a value with the given sign.
pub(crate) fn round_quotient(
    q: u128,
    r: u128,
    den: u128,
    negative: bool,
    rounding: Rounding,
) -> Result<u128, Error> {
    if r == 0 {
        return Ok(q);
    }
    let rest = den.saturating_sub(r); // r < den, so rest > 0
    let up = match rounding {
        Rounding::Down => false,
        Rounding::Up => true,
        Rounding::Ceiling => !negative,
        Rounding::Floor => negative,
        Rounding::HalfUp => r >= rest,
        Rounding::HalfDown => r > rest,
        Rounding::HalfEven => r > rest || (r == rest && q & 1 == 1),
    };
    if up {
        q.checked_add(1)
            .ok_or_else(|| Error::out_of_range("a rounded amount"))
    } else {
        Ok(q)
    }
}

/// A magnitude with a sign, as `i128`.
pub(crate) fn signed(magnitude: u128, negative: bool) -> Result<i128, Error> {
    let value =
        i128::try_from(magnitude).map_err(|_| Error::out_of_range("an amount in minor units"))?;
    Ok(if negative {
        value.saturating_neg()
    } else {
        value
    })
}

/// Add two unit counts, or fail with an out-of-range error naming `what`.
pub(crate) fn add(a: i128, b: i128, what: &str) -> Result<i128, Error> {
    a.checked_add(b).ok_or_else(|| Error::out_of_range(what))
}

/// Subtract two unit counts, or fail with an out-of-range error naming `what`.
pub(crate) fn sub(a: i128, b: i128, what: &str) -> Result<i128, Error> {
    a.checked_sub(b).ok_or_else(|| Error::out_of_range(what))
}

/// Split `total` units (signed) by `weights` with the foundation's largest remainder method
/// (ties to the lower index; a zero weight gets zero), appending one share per weight to
/// `out`. Every weight zero appends zeros (the caller decides what that means).
pub(crate) fn shares_into(total: i128, weights: &[u128], out: &mut Vec<i128>) -> Result<(), Error> {
    if weights.iter().all(|w| *w == 0) {
        out.extend(weights.iter().map(|_| 0));
        return Ok(());
    }
    let shares = split_units(total.unsigned_abs(), weights, &[]).map_err(|e| match e {
        UnitError::Overflow | UnitError::CapsInsufficient => {
            Error::out_of_range("the weights of a split span more than 128-bit integers hold")
        }
    })?;
    for share in shares {
        out.push(signed(share.units, total < 0)?);
    }
    Ok(())
}

/// `value × 10^18 / den`, truncated toward zero, as a decimal with 18 places (display only).
pub(crate) fn ratio_decimal(value: i128, den: u128) -> Decimal {
    const SCALE: u128 = 1_000_000_000_000_000_000;
    let Some((q, _)) = mul_div_rem(value.unsigned_abs(), SCALE, den) else {
        return Decimal::ZERO;
    };
    let Ok(q) = i128::try_from(q) else {
        return Decimal::ZERO;
    };
    let q = if value < 0 { q.saturating_neg() } else { q };
    Decimal::try_from_i128_with_scale(q, 18)
        .map(|d| d.normalize())
        .unwrap_or(Decimal::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(s: &str) -> Fraction {
        Fraction::percent(s.parse().unwrap()).unwrap()
    }

    #[test]
    fn percents_round_each_way() {
        assert_eq!(pct("0.6").apply(10_000, Rounding::HalfEven).unwrap(), 60);
        assert_eq!(pct("8").apply(10_000, Rounding::HalfEven).unwrap(), 800);
        // 12.5% of 0.25 = 0.03125 -> 3 units (half-even on 3.125)
        assert_eq!(pct("12.5").apply(25, Rounding::HalfEven).unwrap(), 3);
        // 50% of 0.05 = 2.5 units
        assert_eq!(pct("50").apply(5, Rounding::HalfEven).unwrap(), 2);
        assert_eq!(pct("50").apply(7, Rounding::HalfEven).unwrap(), 4);
        assert_eq!(pct("50").apply(5, Rounding::HalfUp).unwrap(), 3);
        assert_eq!(pct("50").apply(5, Rounding::HalfDown).unwrap(), 2);
        assert_eq!(pct("50").apply(-5, Rounding::Floor).unwrap(), -3);
        assert_eq!(pct("50").apply(-5, Rounding::Ceiling).unwrap(), -2);
        assert_eq!(pct("-50").apply(5, Rounding::Down).unwrap(), -2);
        assert_eq!(pct("30").floor(3333).unwrap(), 999);
        assert_eq!(pct("30").floor(-3333).unwrap(), -1000);
    }

    #[test]
    fn shares_are_signed_and_exact() {
        let mut out = Vec::new();
        shares_into(-1000, &[1, 1, 1], &mut out).unwrap();
        assert_eq!(out, vec![-334, -333, -333]);
        out.clear();
        shares_into(5, &[0, 0], &mut out).unwrap();
        assert_eq!(out, vec![0, 0]);
    }

    #[test]
    fn ratio_as_decimal() {
        assert_eq!(ratio_decimal(1, 3).to_string(), "0.333333333333333333");
        assert_eq!(ratio_decimal(-2, 4).to_string(), "-0.5");
    }
}
