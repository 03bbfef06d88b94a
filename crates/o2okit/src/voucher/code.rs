//! Issuing codes: serial, MAC digits, check digit.

use std::fmt;
use std::ops::Range;

use hmac::Mac;
use serde::{Deserialize, Serialize};

use super::hotp::{keyed, last_digits, truncate63, HmacSha256};
use super::scope::message_prefix;
use super::{CodeSpec, VoucherKey, VoucherScope};
use crate::Error;

/// The most codes one [`issue_codes`] call makes.
pub const MAX_VOUCHER_BATCH: u64 = 100_000;

/// An issued voucher code.
///
/// On the wire: `{"serial": 42, "code": "000000424805447021344"}`. The code is a string
/// of ASCII digits with its leading zeros; print it as it is, or in groups (spaces and
/// hyphens are ignored by [`verify_code`](crate::verify_code)).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherCode {
    /// The serial the code was issued for (printed at its start).
    pub serial: u64,
    /// The code: serial digits, MAC digits, check digit.
    pub code: String,
}

impl fmt::Display for VoucherCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

/// The HMAC state after the shared message prefix, for one key, spec and scope.
#[derive(Clone)]
pub(crate) struct Keyed {
    state: HmacSha256,
    spec: CodeSpec,
    digits: usize,
    serial_digits: usize,
}

impl Keyed {
    pub(crate) fn new(
        key: &VoucherKey,
        spec: &CodeSpec,
        scope: &VoucherScope,
    ) -> Result<Keyed, Error> {
        spec.validate()?;
        scope.validate()?;
        let mut state = keyed(key)?;
        state.update(&message_prefix(spec, scope));
        Ok(Keyed {
            state,
            spec: *spec,
            digits: usize::try_from(spec.digits).unwrap_or(0),
            serial_digits: usize::try_from(spec.serial_digits).unwrap_or(0),
        })
    }

    pub(crate) fn spec(&self) -> &CodeSpec {
        &self.spec
    }

    pub(crate) fn serial_digits(&self) -> usize {
        self.serial_digits
    }

    /// Append the MAC digits of `serial` (ASCII) to `out`.
    pub(crate) fn mac_digits(&self, serial: u64, out: &mut Vec<u8>) {
        let mut mac = self.state.clone();
        mac.update(&serial.to_be_bytes());
        let tag = mac.finalize().into_bytes();
        last_digits(truncate63(&tag), self.digits, out);
    }

    /// The full code of `serial` (already checked to fit).
    pub(crate) fn code(&self, serial: u64) -> Result<VoucherCode, Error> {
        let mut out = Vec::with_capacity(self.spec.code_length());
        last_digits(serial, self.serial_digits, &mut out);
        self.mac_digits(serial, &mut out);
        let check = self.spec.check.compute(ascii(&out)?)?;
        if let Some(check) = check {
            out.push(b'0' | check);
        }
        let code = String::from_utf8(out).map_err(|_| not_ascii())?;
        Ok(VoucherCode { serial, code })
    }
}

fn not_ascii() -> Error {
    Error::InvalidVoucherCode {
        reason: "a code must be ASCII digits".into(),
    }
}

/// `digits` (ASCII) as a `&str`, without copying.
pub(crate) fn ascii(digits: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(digits).map_err(|_| not_ascii())
}

/// Issue the voucher code of `serial` for `scope`.
///
/// The code is `serial_digits` digits of serial (zero-padded), then `digits` MAC digits,
/// then the check digit of everything before it:
///
/// ```text
/// MAC digits = truncate63(HMAC-SHA256(key, voucher_message(spec, scope, serial))) mod 10^digits
/// ```
///
/// where `truncate63` is RFC 4226's dynamic truncation (offset = low 4 bits of the last
/// MAC byte) reading 8 bytes instead of 4 and clearing the top bit: a 63-bit value. (With
/// 4 bytes and 31 bits it is HOTP itself, see [`hotp_sha256`](crate::hotp_sha256); 31
/// bits only fill 9 digits, 63 bits fill 18.) `value mod 10^digits` is very slightly
/// biased because 2^63 is not a multiple of 10^digits: some values are taken
/// ⌈2^63/10^d⌉ times, the others ⌊2^63/10^d⌋ times, so the likeliest MAC value has a
/// chance of ⌈2^63/10^d⌉/2^63 < 10^−d · (1 + 10^d/2^63): 1.000 000 10 × 10^−12 for 12
/// digits, 1.08 × 10^−18 for 18 digits. A guesser gains nothing worth counting.
/// [`voucher_message`](crate::voucher_message) gives the exact message bytes.
///
/// The same key, spec, scope and serial always give the same code. Serials must be below
/// `10^serial_digits`; give each voucher sold its own serial (a counter per key and scope),
/// and record which serials were sold and redeemed: the code proves that the platform
/// issued it, not that it is unredeemed.
///
/// ```
/// use o2okit::{issue_code, verify_code, CodeSpec, VoucherKey, VoucherScope};
/// let key = VoucherKey::from_hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")?;
/// let scope = VoucherScope { store_id: Some("S1".into()), ..VoucherScope::any() };
/// let issued = issue_code(&key, &CodeSpec::default(), 42, &scope)?;
/// assert_eq!(issued.code.len(), 21);
/// assert!(issued.code.starts_with("00000042"));
/// let now = chrono::DateTime::parse_from_rfc3339("2026-03-01T12:00:00+08:00").unwrap();
/// let check = verify_code(&key, &CodeSpec::default(), &issued.code, &scope, now)?;
/// assert!(check.valid);
/// assert_eq!(check.serial, Some(42));
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn issue_code(
    key: &VoucherKey,
    spec: &CodeSpec,
    serial: u64,
    scope: &VoucherScope,
) -> Result<VoucherCode, Error> {
    let keyed = Keyed::new(key, spec, scope)?;
    spec.check_serial(serial)?;
    keyed.code(serial)
}

/// Issue the codes of a range of serials (at most [`MAX_VOUCHER_BATCH`]), in serial order.
/// The same as calling [`issue_code`] for each serial, with the key and scope absorbed
/// into the HMAC once.
///
/// ```
/// use o2okit::{issue_code, issue_codes, CheckDigit, CodeSpec, VoucherKey, VoucherScope};
/// let key = VoucherKey::from_bytes(b"a sixteen-byte+ secret key")?;
/// let spec = CodeSpec { digits: 8, serial_digits: 6, check: CheckDigit::Luhn };
/// let codes = issue_codes(&key, &spec, 100..103, &VoucherScope::any())?;
/// assert_eq!(codes.len(), 3);
/// assert_eq!(codes[2], issue_code(&key, &spec, 102, &VoucherScope::any())?);
/// assert!(codes.iter().all(|c| c.code.len() == 15));
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn issue_codes(
    key: &VoucherKey,
    spec: &CodeSpec,
    serials: Range<u64>,
    scope: &VoucherScope,
) -> Result<Vec<VoucherCode>, Error> {
    let keyed = Keyed::new(key, spec, scope)?;
    let count = serials.end.saturating_sub(serials.start);
    if count > MAX_VOUCHER_BATCH {
        return Err(Error::InvalidVoucherSpec {
            field: "serials".into(),
            reason: format!(
                "{count} serials, more than the {MAX_VOUCHER_BATCH} one call issues; issue them in several batches"
            ),
        });
    }
    if count > 0 {
        spec.check_serial(serials.end.saturating_sub(1))?;
    }
    let mut codes = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
    for serial in serials {
        codes.push(keyed.code(serial)?);
    }
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_match_single_codes_and_are_bounded() {
        let key = VoucherKey::from_bytes(&[3; 32]).unwrap();
        let spec = CodeSpec::default();
        let scope = VoucherScope {
            deal_id: Some("d".into()),
            ..VoucherScope::any()
        };
        let batch = issue_codes(&key, &spec, 0..50, &scope).unwrap();
        for (serial, code) in (0..50).zip(&batch) {
            assert_eq!(code, &issue_code(&key, &spec, serial, &scope).unwrap());
            assert_eq!(code.serial, serial);
        }
        assert!(issue_codes(&key, &spec, 5..5, &scope).unwrap().is_empty());
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = 7..3;
        assert!(issue_codes(&key, &spec, backwards, &scope)
            .unwrap()
            .is_empty());
        let too_many = issue_codes(&key, &spec, 0..MAX_VOUCHER_BATCH + 1, &scope).unwrap_err();
        assert_eq!(too_many.code(), "invalid_voucher_spec");
        let past_end = issue_codes(&key, &spec, 99_999_999..100_000_001, &scope).unwrap_err();
        assert_eq!(past_end.code(), "invalid_voucher_spec");
        assert!(issue_code(&key, &spec, 100_000_000, &scope).is_err());
        assert!(issue_code(&key, &spec, 99_999_999, &scope).is_ok());
    }
}
