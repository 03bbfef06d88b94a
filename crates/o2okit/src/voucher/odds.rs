//! The odds of guessing a code.

use rust_decimal::Decimal;

use crate::Error;

/// The most digits [`guess_success_probability`] takes (the decimal type's 28 places).
const MAX_ODDS_DIGITS: u32 = 28;

/// The chance that `guesses` random guesses of `digits`-digit MAC values hit at least one
/// of `live_codes` codes: `1 − (1 − N/10^d)^G`, about `G·N/10^d` while that is small
/// (and never more). Computed in decimal arithmetic, deterministic on every platform, to
/// 15 significant digits (`1` when `N ≥ 10^d`, `0` when `N` or `G` is 0).
///
/// **What N is.** N counts the codes that *one* guess can hit. For a code looked up in a
/// database of live codes (no serial in it), that is every live code: N = the number of
/// live codes. For o2okit's codes the serial is printed in the code and each guess is
/// checked against the one code that serial names, so N = 1 whatever the number of live
/// codes (the guesser may aim at live serials; each guess still has one MAC to hit). The
/// check digit adds nothing (it is public); the modulo bias of the truncation adds at most
/// a factor 1 + 10^d/2^63 (1.000 000 11 for 12 digits).
///
/// Worked numbers, 12 digits, one million guesses (by a bot, without throttling):
/// - a database of one million live 12-digit codes: `1 − (1 − 10^−6)^10^6` = 63.2%;
///   the rule of thumb `G·N/10^d` = 1 has saturated;
/// - o2okit codes, however many are live: `10^6 / 10^12` = 0.0001% (one in a million);
/// - with 8 MAC digits instead: 0.995% (one in a hundred).
///
/// So a code's strength is its MAC digits and the number of guesses allowed: throttle
/// verification (for example 5 wrong codes per terminal per minute) and scope keys to a
/// store or deal; adding digits beyond what the throttle needs only makes codes longer.
///
/// ```
/// use o2okit::guess_success_probability;
/// let p = |n, g, d| guess_success_probability(n, g, d).unwrap().to_string();
/// assert_eq!(p(1_000_000, 1_000_000, 12), "0.632120742768355");
/// assert_eq!(p(1, 1_000_000, 12), "0.000000999999500000667");
/// assert_eq!(p(1, 1_000_000, 8), "0.00995016630033444");
/// assert_eq!(p(1, 1, 6), "0.000001");
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn guess_success_probability(
    live_codes: u64,
    guesses: u64,
    digits: u32,
) -> Result<Decimal, Error> {
    if !(1..=MAX_ODDS_DIGITS).contains(&digits) {
        return Err(Error::InvalidVoucherSpec {
            field: "digits".into(),
            reason: format!("{digits} digits; the odds take 1 to {MAX_ODDS_DIGITS} digits"),
        });
    }
    if live_codes == 0 || guesses == 0 {
        return Ok(Decimal::ZERO);
    }
    let space = 10u128.saturating_pow(digits);
    if u128::from(live_codes) >= space {
        return Ok(Decimal::ONE);
    }
    // p = N / 10^d, exact: N < 10^d ≤ 10^28 fits the 96-bit mantissa.
    let p = Decimal::from_i128_with_scale(i128::from(live_codes), digits);
    let overflow = || Error::out_of_range("guess probability");
    let g = Decimal::from(guesses);
    let expected = g.checked_mul(p).ok_or_else(overflow)?;
    let chance = if expected <= Decimal::new(1, 1) {
        // Small G·p: the alternating series Σ (−1)^(k+1) C(G,k) p^k. Each term is at most
        // G·p/(k+1) ≤ 1/10 of the one before, so 30 terms reach the decimal's precision
        // without cancellation.
        let mut term = expected;
        let mut sum = Decimal::ZERO;
        let mut k = Decimal::ONE;
        for _ in 0..40 {
            sum = sum.checked_add(term).ok_or_else(overflow)?;
            if term.is_zero() || k >= g {
                break;
            }
            // C(G,k+1) p^(k+1) = C(G,k) p^k · (G−k)/(k+1) · p, with the sign flipped.
            let next_k = k.checked_add(Decimal::ONE).ok_or_else(overflow)?;
            let ratio = g
                .checked_sub(k)
                .and_then(|rest| rest.checked_div(next_k))
                .and_then(|r| r.checked_mul(p))
                .and_then(|r| Decimal::ZERO.checked_sub(r))
                .ok_or_else(overflow)?;
            term = term.checked_mul(ratio).ok_or_else(overflow)?;
            k = next_k;
        }
        sum
    } else {
        // Larger G·p: (1 − p)^G by squaring (at most 64 squarings of a value in [0, 1]).
        let mut base = Decimal::ONE.checked_sub(p).ok_or_else(overflow)?;
        let mut power = Decimal::ONE;
        let mut exponent = guesses;
        while exponent > 0 {
            if exponent & 1 == 1 {
                power = power.checked_mul(base).ok_or_else(overflow)?;
            }
            exponent >>= 1;
            if exponent > 0 {
                base = base.checked_mul(base).ok_or_else(overflow)?;
            }
        }
        Decimal::ONE.checked_sub(power).ok_or_else(overflow)?
    };
    let rounded = chance.round_sf(15).ok_or_else(overflow)?;
    Ok(rounded.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(n: u64, g: u64, d: u32) -> String {
        guess_success_probability(n, g, d).unwrap().to_string()
    }

    #[test]
    fn edges() {
        assert_eq!(p(0, 10, 12), "0");
        assert_eq!(p(10, 0, 12), "0");
        assert_eq!(p(1_000_000, 1, 6), "1");
        assert_eq!(p(999_999, 1, 6), "0.999999");
        assert_eq!(p(1, 2, 1), "0.19");
        assert_eq!(p(5, 2, 1), "0.75");
        assert_eq!(p(1, u64::MAX, 18), "0.999999990257266");
        assert_eq!(p(1, 1, 28), "0.0000000000000000000000000001");
        for bad in [0, 29] {
            assert_eq!(
                guess_success_probability(1, 1, bad).unwrap_err().code(),
                "invalid_voucher_spec"
            );
        }
    }

    #[test]
    fn both_methods_agree_near_the_switch() {
        // G·p = 0.1 exactly takes the series; just above it takes the squaring.
        assert_eq!(p(1, 100_000_000_000, 12), "0.0951625819640857");
        assert_eq!(p(1, 100_000_000_001, 12), "0.0951625819649905");
    }
}
