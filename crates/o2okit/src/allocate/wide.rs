//! Exact `a × b ÷ c` on `u128` without overflow, through a 256-bit intermediate.
//!
//! Allocation needs `floor(units × weight ÷ total_weight)` and its remainder exactly, and
//! both factors can use the full 96-bit mantissa of a `Decimal`. The fast path is a plain
//! checked `u128` product; only products above 2^128 take the 256-bit long division.

use std::cmp::Ordering;

/// An unsigned 256-bit value as (high, low) halves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct U256 {
    hi: u128,
    lo: u128,
}

const LOW64: u128 = u64::MAX as u128;

impl U256 {
    /// The full product `a × b`.
    pub(crate) fn mul(a: u128, b: u128) -> U256 {
        let (a1, a0) = (a >> 64, a & LOW64);
        let (b1, b0) = (b >> 64, b & LOW64);
        // Each partial product of two 64-bit halves fits in u128.
        let p00 = a0.wrapping_mul(b0);
        let p01 = a0.wrapping_mul(b1);
        let p10 = a1.wrapping_mul(b0);
        let p11 = a1.wrapping_mul(b1);
        let (mid, mid_carry) = p01.overflowing_add(p10);
        let (lo, lo_carry) = p00.overflowing_add(mid << 64);
        let hi = p11
            .wrapping_add(mid >> 64)
            .wrapping_add(u128::from(mid_carry) << 64)
            .wrapping_add(u128::from(lo_carry));
        U256 { hi, lo }
    }

    fn bit(&self, index: u32) -> u128 {
        if index >= 128 {
            (self.hi >> (index.wrapping_sub(128))) & 1
        } else {
            (self.lo >> index) & 1
        }
    }

    /// `(self ÷ c, self mod c)`, or `None` when `c` is zero or the quotient needs more
    /// than 128 bits.
    pub(crate) fn div_rem(self, c: u128) -> Option<(u128, u128)> {
        if c == 0 {
            return None;
        }
        if self.hi == 0 {
            return Some((self.lo.checked_div(c)?, self.lo.checked_rem(c)?));
        }
        if self.hi >= c {
            return None; // quotient >= 2^128
        }
        let mut quotient: u128 = 0;
        let mut rem: u128 = 0;
        for index in (0..256u32).rev() {
            let carry = rem >> 127;
            rem = (rem << 1) | self.bit(index);
            if quotient >> 127 != 0 {
                return None;
            }
            quotient <<= 1;
            if carry == 1 || rem >= c {
                rem = rem.wrapping_sub(c);
                quotient |= 1;
            }
        }
        Some((quotient, rem))
    }
}

/// `(floor(a × b ÷ c), a × b mod c)`, or `None` when `c` is zero or the quotient overflows.
pub(crate) fn mul_div_rem(a: u128, b: u128, c: u128) -> Option<(u128, u128)> {
    match a.checked_mul(b) {
        Some(product) => Some((product.checked_div(c)?, product.checked_rem(c)?)),
        None => U256::mul(a, b).div_rem(c),
    }
}

/// Compare `a × b` with `c × d` exactly.
pub(crate) fn cmp_products(a: u128, b: u128, c: u128, d: u128) -> Ordering {
    U256::mul(a, b).cmp(&U256::mul(c, d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_u128_when_it_fits(a in any::<u64>(), b in any::<u64>(), c in 1u128..) {
            let (a, b) = (u128::from(a), u128::from(b));
            let p = a * b;
            prop_assert_eq!(mul_div_rem(a, b, c), Some((p / c, p % c)));
            prop_assert_eq!(U256::mul(a, b).div_rem(c), Some((p / c, p % c)));
        }

        #[test]
        fn reconstructs_the_product(a in any::<u128>(), b in any::<u128>(), c in 1u128..) {
            if let Some((q, r)) = mul_div_rem(a, b, c) {
                prop_assert!(r < c);
                // q*c + r == a*b, checked in 256 bits.
                let qc = U256::mul(q, c);
                let (lo, carry) = qc.lo.overflowing_add(r);
                let sum = U256 { hi: qc.hi + u128::from(carry), lo };
                prop_assert_eq!(sum, U256::mul(a, b));
            } else {
                prop_assert!(U256::mul(a, b).hi >= c);
            }
        }
    }

    #[test]
    fn big_example() {
        let a = u128::MAX;
        assert_eq!(mul_div_rem(a, a, a), Some((a, 0)));
        assert_eq!(mul_div_rem(a, 3, 4), Some((a / 4 * 3 + 2, 1)));
        assert_eq!(cmp_products(a, 2, 2, a), Ordering::Equal);
        assert_eq!(cmp_products(a, 3, 2, a), Ordering::Greater);
    }
}
