//! The time-decay weight `2^(−Δt/H)`, computed deterministically on integers.
//!
//! Weights are fixed-point numbers with [`DECAY_FRACTION_BITS`] (60) fractional bits: the
//! integer `w` stands for `w / 2^60`. The algorithm, which every surface shares because they
//! all run this code, is:
//!
//! 1. `q = Δt div H`, `r = Δt mod H` (whole seconds);
//! 2. write `r` in base 256, `r = Σ dᵢ·256ⁱ`; start from `f = 2^60` (one) and for each
//!    non-zero digit, from the lowest, set `f = ⌊f · E(dᵢ·256ⁱ) / 2^60⌋`, where
//!    `E(n) = 2^(−n/H)` at 60 bits is the Taylor series of `e^(−y)` with `y = ⌊n·LN2 / H⌋`
//!    (`LN2 = ⌊ln 2 · 2^60⌋ = 799144290325165978`), summed over exactly 24 terms
//!    `tₖ = ⌊tₖ₋₁ · y / 2^60⌋ / k` (truncating), even terms added and odd terms subtracted;
//! 3. `w = ⌊f / 2^q⌋` (exact halving; so `0` for any touch more than 60 half-lives old,
//!    whose true weight is below `2^-60`).
//!
//! `y < 0.7` so 24 terms leave a series error below `10^-28`; every truncation loses less
//! than one unit of `2^-60`, so `w / 2^60` is within `2^-52` of the true `2^(−Δt/H)`. Since
//! `E(n)` only depends on the digit position and value, a compiled plan caches the 256 values
//! per digit position once and a weight then costs at most a few multiplications.

use crate::Error;

/// Fractional bits of a decay weight: `w` stands for `w / 2^60`.
pub const DECAY_FRACTION_BITS: u32 = 60;
/// The default half-life of the time-decay model: 7 days, in seconds.
pub const DEFAULT_HALF_LIFE_SECONDS: u64 = 7 * 24 * 3600;

const ONE: u128 = 1 << DECAY_FRACTION_BITS;
/// `⌊ln 2 · 2^60⌋`.
const LN2: u128 = 799_144_290_325_165_978;
const TERMS: u32 = 24;

/// `2^(−n/h)` at 60 bits for `0 ≤ n < h`, by 24 terms of the Taylor series of `e^(−y)`.
fn exp2_neg(n: u64, h: u64) -> u128 {
    let y = u128::from(n)
        .checked_mul(LN2)
        .and_then(|p| p.checked_div(u128::from(h)))
        .unwrap_or(0);
    let mut term = ONE;
    let mut plus = ONE;
    let mut minus: u128 = 0;
    for k in 1..=TERMS {
        term = term
            .checked_mul(y)
            .map(|p| p >> DECAY_FRACTION_BITS)
            .and_then(|p| p.checked_div(u128::from(k)))
            .unwrap_or(0);
        if k & 1 == 1 {
            minus = minus.saturating_add(term);
        } else {
            plus = plus.saturating_add(term);
        }
    }
    plus.saturating_sub(minus)
}

/// `f · g` for two 60-bit fixed-point values at most one (so the product is below 2^120 and
/// cannot wrap).
fn mul(f: u128, g: u128) -> u128 {
    f.min(ONE).wrapping_mul(g.min(ONE)) >> DECAY_FRACTION_BITS
}

/// A half-life, with or without the cached digit tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decay {
    half_life: u64,
    /// `tables[i][d] = E(d · 256^i)`; empty when not cached.
    tables: Vec<[u128; 256]>,
}

impl Decay {
    /// A half-life in seconds (positive), computing each weight from scratch.
    pub(crate) fn new(half_life: u64) -> Result<Decay, Error> {
        if half_life == 0 {
            return Err(Error::InvalidAttribution {
                reason: "half_life_seconds must be positive (the default is 604800, 7 days)".into(),
            });
        }
        Ok(Decay {
            half_life,
            tables: Vec::new(),
        })
    }

    /// The same half-life with the digit tables cached (for weights of many orders).
    pub(crate) fn cached(half_life: u64) -> Result<Decay, Error> {
        let mut decay = Decay::new(half_life)?;
        let mut position: u32 = 0;
        while let Some(scale) = 256u64.checked_pow(position) {
            if scale >= half_life {
                break;
            }
            let mut table = [0u128; 256];
            for (d, slot) in (0u64..).zip(table.iter_mut()) {
                *slot = match d.checked_mul(scale) {
                    Some(n) if n < half_life => exp2_neg(n, half_life),
                    _ => 0,
                };
            }
            decay.tables.push(table);
            position = position.saturating_add(1);
        }
        Ok(decay)
    }

    /// The weight `2^(−elapsed/H)` at 60 fractional bits (see the module documentation).
    pub(crate) fn weight(&self, elapsed: u64) -> u128 {
        let h = self.half_life;
        let halvings = elapsed.checked_div(h).unwrap_or(0);
        let mut rest = elapsed.checked_rem(h).unwrap_or(0);
        let mut f = ONE;
        let mut position: usize = 0;
        let mut scale: u64 = 1;
        while rest > 0 {
            let digit = rest & 0xFF;
            if digit != 0 {
                let e = match self
                    .tables
                    .get(position)
                    .and_then(|t| usize::try_from(digit).ok().and_then(|d| t.get(d)).copied())
                {
                    Some(e) => e,
                    None => exp2_neg(digit.saturating_mul(scale), h),
                };
                f = mul(f, e);
            }
            rest >>= 8;
            position = position.saturating_add(1);
            scale = scale.saturating_mul(256);
        }
        if halvings > u64::from(DECAY_FRACTION_BITS) {
            0
        } else {
            f >> halvings
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WEEK: u64 = DEFAULT_HALF_LIFE_SECONDS;

    #[test]
    fn halvings_are_exact() {
        let d = Decay::new(WEEK).unwrap();
        assert_eq!(d.weight(0), ONE);
        assert_eq!(d.weight(WEEK), ONE / 2);
        assert_eq!(d.weight(3 * WEEK), ONE / 8);
        assert_eq!(d.weight(60 * WEEK), 1);
        assert_eq!(d.weight(61 * WEEK), 0);
        assert_eq!(d.weight(60 * WEEK + 1), 0);
        assert_eq!(d.weight(u64::MAX), 0);
    }

    #[test]
    fn cached_tables_agree_with_direct_computation() {
        for h in [1u64, 7, 255, 256, 257, 3600, WEEK, 1 << 40, u64::MAX] {
            let direct = Decay::new(h).unwrap();
            let cached = Decay::cached(h.min(1 << 40)).unwrap();
            let direct_same = Decay::new(h.min(1 << 40)).unwrap();
            for dt in [
                0u64, 1, 2, 255, 256, 3599, 86_400, 302_400, 604_799, 1_000_000,
            ] {
                assert_eq!(cached.weight(dt), direct_same.weight(dt), "h={h} dt={dt}");
                let _ = direct.weight(dt);
            }
        }
    }

    #[test]
    fn close_to_the_true_value() {
        // 2^(-0.5) = 0.70710678118654752440084436210484903928...; 2^(-1/7) = 0.905723664263906...
        let d = Decay::new(WEEK).unwrap();
        let half = d.weight(WEEK / 2);
        let want: u128 = 815_238_614_083_298_888; // floor(2^-0.5 * 2^60)
        assert!(half.abs_diff(want) < 256, "{half} vs {want}");
        let day = d.weight(86_400);
        let want_day: u128 = 1_044_228_289_761_169_999; // floor(2^(-1/7) * 2^60)
        assert!(day.abs_diff(want_day) < 2_000, "{day} vs {want_day}");
    }
}
