//! Decimals on the wire: exact strings, never binary floats.

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

use crate::Error;

/// Parse a decimal string exactly: an optional sign, digits, optionally a point followed by
/// digits, and optionally an exponent (`"12.30"`, `"-5"`, `"+0.5"`, `"1E-7"`, `"2.5e3"`; the
/// exponent form is what Python's `str(Decimal)` writes for very small or large values).
/// No spaces, no thousands separators, no rounding: a value that does not fit exactly in a
/// `Decimal` (28 decimals, about 7.9 × 10^28) is [`Error::AmountOutOfRange`].
///
/// ```
/// use o2okit::parse_decimal;
/// assert_eq!(parse_decimal("12.30")?.to_string(), "12.30");
/// assert_eq!(parse_decimal("1E-7")?.to_string(), "0.0000001");
/// assert_eq!(parse_decimal("1,000").unwrap_err().code(), "invalid_decimal");
/// assert_eq!(parse_decimal("1e30").unwrap_err().code(), "amount_out_of_range");
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn parse_decimal(input: &str) -> Result<Decimal, Error> {
    match parse_plain(input) {
        Some(value) => Ok(value),
        None => parse_general(input),
    }
}

/// The common case, without allocating: an optional `-`, 1 to 19 digits in all, optionally
/// one point with digits on both sides (`"12.30"`, `"-5"`, `"0.5"`). `None` for anything
/// else, which [`parse_general`] then parses or refuses with the exact error. Both give the
/// same mantissa and scale.
fn parse_plain(input: &str) -> Option<Decimal> {
    let (negative, body) = match input.as_bytes().split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, input.as_bytes()),
    };
    let mut mantissa: u64 = 0;
    let mut digits = 0u32;
    let mut int_digits = 0u32;
    let mut scale = 0u32;
    let mut point = false;
    for &b in body {
        if b.is_ascii_digit() {
            if digits == 19 {
                return None;
            }
            mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(b & 0x0F))?;
            digits = digits.saturating_add(1);
            if point {
                scale = scale.saturating_add(1);
            } else {
                int_digits = int_digits.saturating_add(1);
            }
        } else if b == b'.' && !point {
            point = true;
        } else {
            return None;
        }
    }
    if int_digits == 0 || (point && scale == 0) {
        return None;
    }
    let mantissa = i128::from(mantissa);
    let mantissa = if negative {
        mantissa.checked_neg()?
    } else {
        mantissa
    };
    Decimal::try_from_i128_with_scale(mantissa, scale).ok()
}

/// Every form [`parse_decimal`] accepts (exponents, `+`, long mantissas), and its errors.
fn parse_general(input: &str) -> Result<Decimal, Error> {
    let invalid = |reason: &str| Error::InvalidDecimal {
        input: input.to_string(),
        reason: reason.to_string(),
    };
    let out_of_range =
        || Error::out_of_range(format!("{input:?} does not fit in an exact decimal"));
    let (negative, body) = match input.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, input.strip_prefix('+').unwrap_or(input)),
    };
    let (number, exponent) = match body.split_once(['e', 'E']) {
        Some((n, e)) => (n, Some(e)),
        None => (body, None),
    };
    let (int_part, frac_part) = match number.split_once('.') {
        Some((i, f)) => (i, f),
        None => (number, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int_part.is_empty() {
        return Err(invalid(if body.is_empty() {
            "it is empty"
        } else {
            "it has no digit before the point"
        }));
    }
    if number.contains('.') && frac_part.is_empty() {
        return Err(invalid("it has no digit after the point"));
    }
    if !all_digits(int_part) || !all_digits(frac_part) {
        return Err(invalid("only digits, one optional sign, one optional point and an optional exponent are allowed"));
    }
    let exponent: i64 = match exponent {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !all_digits(digits) {
                return Err(invalid("the exponent must be digits, as in 1E-7"));
            }
            if digits.len() > 4 {
                return Err(out_of_range());
            }
            e.parse().map_err(|_| out_of_range())?
        }
    };
    // value = digits × 10^-scale
    let mut digits: String = format!("{int_part}{frac_part}");
    let frac_len = i64::try_from(frac_part.len()).map_err(|_| out_of_range())?;
    let mut scale = frac_len.checked_sub(exponent).ok_or_else(out_of_range)?;
    if scale < 0 {
        let zeros = usize::try_from(scale.unsigned_abs()).map_err(|_| out_of_range())?;
        if zeros > 40 {
            return Err(out_of_range());
        }
        digits.push_str(&"0".repeat(zeros));
        scale = 0;
    }
    while scale > 28 && digits.ends_with('0') {
        digits.pop();
        scale = scale.saturating_sub(1);
    }
    let trimmed = digits.trim_start_matches('0');
    if scale > 28 || trimmed.len() > 29 {
        return Err(out_of_range());
    }
    let mantissa: i128 = if trimmed.is_empty() {
        0
    } else {
        trimmed.parse().map_err(|_| out_of_range())?
    };
    let scale = u32::try_from(scale).map_err(|_| out_of_range())?;
    let mantissa = if negative {
        mantissa.checked_neg().ok_or_else(out_of_range)?
    } else {
        mantissa
    };
    Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| out_of_range())
}

/// Format a decimal as a plain string, keeping its scale (`12.30` stays `"12.30"`): the same
/// text as `Decimal`'s `Display`, several times faster (see [`DecimalText`]). Encoding results
/// is dominated by this, so it matters for every surface.
pub(crate) fn format_decimal(value: &Decimal) -> String {
    DecimalText::new(value).as_str().to_string()
}

/// A decimal's plain text (the same as `Decimal`'s `Display`: sign, digits, point at the
/// scale, no exponent), written into a buffer on the stack: no allocation, no formatting
/// machinery, and no 128-bit division for a mantissa that fits in 64 bits (every amount below
/// about 1.8 × 10^19 minor units). The serializers write money and decimals straight from it.
pub(crate) struct DecimalText {
    buf: [u8; 64],
    len: usize,
}

impl DecimalText {
    pub(crate) fn new(value: &Decimal) -> DecimalText {
        let mut text = DecimalText {
            buf: [0; 64],
            len: 0,
        };
        let mut digits = [0u8; 40];
        let count = mantissa_digits(value.mantissa().unsigned_abs(), &mut digits);
        let digits = digits
            .get(digits.len().saturating_sub(count)..)
            .unwrap_or(&[]);
        let scale = usize::try_from(value.scale()).unwrap_or(0);
        if value.is_sign_negative() && !value.is_zero() {
            text.push(b'-');
        }
        if scale == 0 {
            text.extend(digits);
        } else if digits.len() > scale {
            let (int, frac) = digits.split_at(digits.len().saturating_sub(scale));
            text.extend(int);
            text.push(b'.');
            text.extend(frac);
        } else {
            text.extend(b"0.");
            for _ in digits.len()..scale {
                text.push(b'0');
            }
            text.extend(digits);
        }
        text
    }

    fn push(&mut self, byte: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = byte;
            self.len = self.len.saturating_add(1);
        }
    }

    fn extend(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.push(b);
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits, '-' and '.' are ever written.
        self.buf
            .get(..self.len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

/// Write the decimal digits of `n` at the end of `out` (most significant first); returns how
/// many were written (at least one: `0` for zero).
fn mantissa_digits(n: u128, out: &mut [u8; 40]) -> usize {
    const TEN_19: u128 = 10_000_000_000_000_000_000;
    match u64::try_from(n) {
        Ok(small) => u64_digits(small, out, 0, false),
        Err(_) => {
            // A 96-bit mantissa: one 128-bit division splits it into 64-bit halves.
            let high = u64::try_from(n / TEN_19).unwrap_or(u64::MAX);
            let low = u64::try_from(n % TEN_19).unwrap_or(0);
            let written = u64_digits(low, out, 0, true);
            written.saturating_add(u64_digits(high, out, written, false))
        }
    }
}

/// Write the digits of `n` into `out`, ending `skip` bytes before its end; with `pad`,
/// exactly 19 digits (leading zeros). Returns how many were written.
fn u64_digits(mut n: u64, out: &mut [u8; 40], skip: usize, pad: bool) -> usize {
    let mut written = 0usize;
    for slot in out.iter_mut().rev().skip(skip) {
        // `n % 10` < 10, so the OR with b'0' (0x30) is the ASCII digit.
        *slot = b'0' | u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
        written = written.saturating_add(1);
        if if pad { written == 19 } else { n == 0 } {
            break;
        }
    }
    written
}

/// Serde helpers for a `Decimal` field written as a string. Decoding accepts a decimal
/// string or a JSON integer; a non-integer JSON number is rejected (binary floats are not
/// exact).
pub mod decimal_string {
    use super::*;

    /// Serialize as a decimal string.
    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(DecimalText::new(value).as_str())
    }

    /// Deserialize from a decimal string or a JSON integer.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        deserializer.deserialize_any(DecimalVisitor)
    }
}

/// Serde helpers for an optional `Decimal` field written as a string (or absent / null).
pub mod option_decimal_string {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize)]
    #[serde(transparent)]
    struct Wrapped(#[serde(with = "decimal_string")] Decimal);

    /// Serialize as a decimal string or null.
    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.map(Wrapped).serialize(serializer)
    }

    /// Deserialize from a decimal string, a JSON integer, or null.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|w| w.0))
    }
}

/// Serde helpers for a list of `Decimal`s written as strings.
pub mod vec_decimal_string {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize)]
    #[serde(transparent)]
    struct Wrapped(#[serde(with = "decimal_string")] Decimal);

    /// Serialize as a list of decimal strings.
    pub fn serialize<S: Serializer>(value: &[Decimal], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(value.iter().map(|d| Wrapped(*d)))
    }

    /// Deserialize from a list of decimal strings or JSON integers.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Decimal>, D::Error> {
        Ok(Vec::<Wrapped>::deserialize(deserializer)?
            .into_iter()
            .map(|w| w.0)
            .collect())
    }
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal string such as \"12.30\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v).map_err(|e| E::custom(e.to_serde_message()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    // The only f64 in the core: serde hands a JSON float here so that it can be rejected
    // with a typed error; it is formatted for the message and never used in arithmetic.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        let err = Error::InvalidDecimal {
            input: float_text(v),
            reason:
                "a non-integer JSON number is a binary float and not exact; send it as a string"
                    .into(),
        };
        Err(E::custom(err.to_serde_message()))
    }
}

/// A JSON number that is not an integer, written back for an error message the way JSON writes
/// it (`12.5`, `1e21`), with serde_json's shortest float writer. (Rust's `f64` formatting stays
/// in a WebAssembly build anyway: serde's own "invalid type: floating point" messages use it.)
pub(crate) fn float_text(v: f64) -> String {
    serde_json::Number::from_f64(v)
        .map_or_else(|| "a non-finite number".to_string(), |n| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_decimals() {
        for (s, want) in [
            ("0", "0"),
            ("-5", "-5"),
            ("+0.50", "0.50"),
            ("12.30", "12.30"),
            ("1E-7", "0.0000001"),
            ("2.5e3", "2500"),
            ("1.20E+1", "12.0"),
            ("-0", "0"),
            (
                "79228162514264337593543950335",
                "79228162514264337593543950335",
            ),
        ] {
            assert_eq!(
                parse_decimal(s).map(|d| d.to_string()),
                Ok(want.to_string())
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn format_matches_display(lo in proptest::prelude::any::<u32>(), mid in proptest::prelude::any::<u32>(), hi in proptest::prelude::any::<u32>(), negative in proptest::prelude::any::<bool>(), scale in 0u32..=28) {
            let d = Decimal::from_parts(lo, mid, hi, negative, scale);
            proptest::prop_assert_eq!(format_decimal(&d), d.to_string());
            let zero = Decimal::from_parts(0, 0, 0, negative, scale);
            proptest::prop_assert_eq!(format_decimal(&zero), zero.abs().to_string());
        }

        // Mantissas that fit in 64 bits take the fast path (every realistic amount), and the
        // fast parse path agrees with the general one on what it accepts.
        #[test]
        fn format_and_parse_round_trip_small(m in proptest::prelude::any::<u64>(), negative in proptest::prelude::any::<bool>(), scale in 0u32..=28) {
            let lo = u32::try_from(m & 0xFFFF_FFFF).unwrap();
            let mid = u32::try_from(m >> 32).unwrap();
            let d = Decimal::from_parts(lo, mid, 0, negative, scale);
            let text = format_decimal(&d);
            proptest::prop_assert_eq!(&text, &d.to_string());
            let back = parse_decimal(&text).unwrap();
            proptest::prop_assert_eq!(back, d);
            proptest::prop_assert_eq!(back.scale(), d.scale());
            proptest::prop_assert_eq!(Some(back), parse_general(&text).ok());
        }

        #[test]
        fn fast_parse_agrees_with_the_general_path(text in "[+-]?[0-9]{0,30}(\\.[0-9]{0,30})?") {
            let fast = parse_plain(&text);
            let general = parse_general(&text).ok();
            if let Some(d) = fast {
                proptest::prop_assert_eq!(Some(d), general);
                proptest::prop_assert_eq!(Some(d.scale()), general.map(|g| g.scale()));
            }
            match (parse_decimal(&text), parse_general(&text)) {
                (Ok(a), Ok(b)) => {
                    proptest::prop_assert_eq!(a, b);
                    proptest::prop_assert_eq!(a.scale(), b.scale());
                }
                (Err(a), Err(b)) => proptest::prop_assert_eq!(a.to_string(), b.to_string()),
                (a, b) => proptest::prop_assert!(false, "{text:?}: {a:?} vs {b:?}"),
            }
        }
    }

    #[test]
    fn negative_zero_is_written_without_sign() {
        assert_eq!(
            format_decimal(&Decimal::from_parts(0, 0, 0, true, 2)),
            "0.00"
        );
    }

    #[test]
    fn format_small_cases() {
        for s in [
            "0",
            "0.00",
            "-0.50",
            "12.30",
            "0.0000001",
            "-79228162514264337593543950335",
            "7.9228162514264337593543950335",
        ] {
            let d = parse_decimal(s).unwrap();
            assert_eq!(format_decimal(&d), d.to_string());
            assert_eq!(format_decimal(&d), s);
        }
    }

    #[test]
    fn rejects_everything_else() {
        for s in [
            "", "-", ".5", "5.", "1e", "1e+", "e5", "1,000", " 1", "1 ", "0x10", "NaN", "inf",
            "1_000", "--1", "1.2.3", "1e3.5",
        ] {
            assert_eq!(
                parse_decimal(s).map_err(|e| e.code()),
                Err("invalid_decimal"),
                "{s:?}"
            );
        }
        assert_eq!(
            parse_decimal("1000000000000000000000000000000").map_err(|e| e.code()),
            Err("amount_out_of_range")
        );
        for s in [
            "0.00000000000000000000000000001",
            "1e30",
            "1e-29",
            "79228162514264337593543950336",
            "1e99999",
        ] {
            assert_eq!(
                parse_decimal(s).map_err(|e| e.code()),
                Err("amount_out_of_range"),
                "{s}"
            );
        }
    }
}
