//! Verifying a presented code offline: check digit, MAC (constant time), expiry.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use super::code::{ascii, Keyed};
use super::{CodeSpec, VoucherKey, VoucherScope};
use crate::Error;

/// Why a well-formed code was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum VoucherRejection {
    /// The check digit is wrong: most likely a typing mistake; ask for the code again.
    BadCheckDigit,
    /// The MAC digits are not those of this serial under this key and scope: a mistyped or
    /// made-up code, or a genuine code for another store, another deal or another expiry
    /// (the verifier cannot tell which without trying other scopes).
    Mismatch,
    /// A genuine code for this scope, presented at or after its `expires_at`.
    Expired,
}

/// The outcome of [`verify_code`].
///
/// On the wire: `{"valid": true, "serial": 42}`, `{"valid": false, "reason": "mismatch"}`,
/// `{"valid": false, "serial": 42, "reason": "expired"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Verification {
    /// True when the code is genuine for the scope and not expired: redeem it (once: record
    /// the serial as redeemed).
    pub valid: bool,
    /// The code's serial, given only when its MAC matched (a genuine code, valid or
    /// expired); the serial printed in a made-up code means nothing and is not reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial: Option<u64>,
    /// Why the code was not accepted (none when valid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<VoucherRejection>,
}

impl Verification {
    fn rejected(reason: VoucherRejection, serial: Option<u64>) -> Verification {
        Verification {
            valid: false,
            serial,
            reason: Some(reason),
        }
    }
}

/// Verify a code presented at a store, offline: with the key, the code's spec, the scope
/// the store redeems for, and the current time (o2okit reads no clock).
///
/// Steps, in this order:
/// 1. **Shape.** ASCII whitespace and hyphens are ignored (codes may be printed in
///    groups); anything else but the digits 0-9, or a digit count other than
///    [`CodeSpec::code_length`], is an [`Error::InvalidVoucherCode`] (whose message never
///    repeats the code). Bad keys, specs and scopes are errors too.
/// 2. **Check digit.** A wrong check digit is rejected at once as
///    [`VoucherRejection::BadCheckDigit`]: the check digit is public (anyone can compute
///    it), so answering early reveals nothing secret, and tells the cashier "mistyped".
/// 3. **MAC.** The serial is read from the code's first `serial_digits` digits, its MAC
///    digits recomputed from the key and the **given** scope, and compared with the
///    code's MAC digits in constant time (`subtle::ConstantTimeEq` over all the digits:
///    no early exit at the first difference). A difference is
///    [`VoucherRejection::Mismatch`].
/// 4. **Expiry.** A genuine code with `now >= scope.expires_at` is
///    [`VoucherRejection::Expired`] (the expiry is bound into the MAC, so a code issued
///    with another expiry is a mismatch, not expired).
///
/// **What a wrong store or deal looks like.** The scope is bound into the MAC, not printed
/// in the code, so a code issued for store `S2` (or another deal, or another expiry)
/// verified at `S1` is simply a `mismatch`, exactly like a mistyped or forged code. That
/// is honest: from the code alone the store cannot tell them apart, and a distinct answer
/// would need trying other stores' scopes (a caller that wants to can call this again with
/// each candidate scope, in the knowledge that each try is one more guess).
///
/// A `valid` answer means the platform issued this code for this scope; whether the serial
/// was already redeemed is for the store's (or the platform's) redemption record.
///
/// ```
/// use o2okit::{issue_code, verify_code, CodeSpec, VoucherKey, VoucherRejection, VoucherScope};
/// let key = VoucherKey::from_bytes(b"0123456789abcdef0123456789abcdef")?;
/// let spec = CodeSpec::default();
/// let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap();
/// let scope = VoucherScope {
///     store_id: Some("S1".into()),
///     deal_id: Some("hotpot-for-2".into()),
///     expires_at: Some(at("2026-04-01T00:00:00+08:00")),
/// };
/// let code = issue_code(&key, &spec, 7, &scope)?.code;
///
/// let ok = verify_code(&key, &spec, &code, &scope, at("2026-03-31T23:59:59+08:00"))?;
/// assert!(ok.valid);
/// let late = verify_code(&key, &spec, &code, &scope, at("2026-04-01T00:00:00+08:00"))?;
/// assert_eq!(late.reason, Some(VoucherRejection::Expired));
/// let other_store = VoucherScope { store_id: Some("S2".into()), ..scope.clone() };
/// let elsewhere = verify_code(&key, &spec, &code, &other_store, at("2026-03-02T12:00:00+08:00"))?;
/// assert_eq!(elsewhere.reason, Some(VoucherRejection::Mismatch));
/// assert_eq!(elsewhere.serial, None);
/// // Grouped for printing: spaces and hyphens are ignored.
/// let grouped = format!("{} {}-{}", &code[..8], &code[8..14], &code[14..]);
/// assert!(verify_code(&key, &spec, &grouped, &scope, at("2026-03-02T12:00:00+08:00"))?.valid);
/// // Malformed input is an error, not a rejection.
/// let short = verify_code(&key, &spec, "12345", &scope, at("2026-03-02T12:00:00+08:00"));
/// assert_eq!(short.unwrap_err().code(), "invalid_voucher_code");
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn verify_code(
    key: &VoucherKey,
    spec: &CodeSpec,
    code: &str,
    scope: &VoucherScope,
    now: DateTime<FixedOffset>,
) -> Result<Verification, Error> {
    let keyed = Keyed::new(key, spec, scope)?;
    let digits = code_digits(code, keyed.spec())?;
    if !keyed.spec().check.is_valid(ascii(&digits)?) {
        return Ok(Verification::rejected(
            VoucherRejection::BadCheckDigit,
            None,
        ));
    }
    let (serial_part, rest) = digits
        .split_at_checked(keyed.serial_digits())
        .ok_or_else(|| malformed("too short for its serial"))?;
    let mac_len = usize::try_from(spec.digits).unwrap_or(0);
    let presented = rest
        .get(..mac_len)
        .ok_or_else(|| malformed("too short for its MAC digits"))?;
    // At most 15 digits: no overflow.
    let serial = serial_part.iter().fold(0u64, |n, d| {
        n.wrapping_mul(10)
            .wrapping_add(u64::from(d.wrapping_sub(b'0')))
    });
    let mut expected = Vec::with_capacity(mac_len);
    keyed.mac_digits(serial, &mut expected);
    let same: bool = presented.ct_eq(&expected).into();
    if !same {
        return Ok(Verification::rejected(VoucherRejection::Mismatch, None));
    }
    if scope.expires_at.is_some_and(|expires_at| now >= expires_at) {
        return Ok(Verification::rejected(
            VoucherRejection::Expired,
            Some(serial),
        ));
    }
    Ok(Verification {
        valid: true,
        serial: Some(serial),
        reason: None,
    })
}

fn malformed(reason: impl Into<String>) -> Error {
    Error::InvalidVoucherCode {
        reason: reason.into(),
    }
}

/// The code's ASCII digits (whitespace and hyphens dropped), exactly `code_length` of them.
fn code_digits(code: &str, spec: &CodeSpec) -> Result<Vec<u8>, Error> {
    let expected = spec.code_length();
    let mut digits = Vec::with_capacity(expected);
    let mut count = 0usize;
    for (position, c) in code.chars().enumerate() {
        if c.is_ascii_digit() {
            count = count.saturating_add(1);
            if digits.len() < expected {
                digits.push(u8::try_from(c).unwrap_or(b'0'));
            }
        } else if !(c.is_ascii_whitespace() || c == '-') {
            return Err(malformed(format!(
                "character #{position} is not a digit 0-9 (only spaces and hyphens may separate groups of digits)"
            )));
        }
    }
    if count != expected {
        return Err(malformed(format!(
            "{count} digits, but a code of this spec has {expected} ({} serial + {} MAC + {} check)",
            spec.serial_digits,
            spec.digits,
            spec.check.digits()
        )));
    }
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{issue_code, CheckDigit};

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-03-01T12:00:00+08:00").unwrap()
    }

    #[test]
    fn without_a_check_digit_every_change_is_a_mismatch() {
        let key = VoucherKey::from_bytes(&[5; 32]).unwrap();
        let spec = CodeSpec {
            digits: 6,
            serial_digits: 3,
            check: CheckDigit::None,
        };
        let scope = VoucherScope::any();
        let code = issue_code(&key, &spec, 12, &scope).unwrap().code;
        assert!(
            verify_code(&key, &spec, &code, &scope, now())
                .unwrap()
                .valid
        );
        let bytes = code.as_bytes();
        for i in 0..bytes.len() {
            for d in b'0'..=b'9' {
                if d == bytes[i] {
                    continue;
                }
                let mut changed = bytes.to_vec();
                changed[i] = d;
                let changed = String::from_utf8(changed).unwrap();
                let result = verify_code(&key, &spec, &changed, &scope, now()).unwrap();
                assert_eq!(result.reason, Some(VoucherRejection::Mismatch), "{changed}");
                assert_eq!(result.serial, None);
            }
        }
    }

    #[test]
    fn malformed_codes_are_errors_that_do_not_repeat_the_code() {
        let key = VoucherKey::from_bytes(&[5; 32]).unwrap();
        let spec = CodeSpec::default();
        for bad in ["", "1234", "x", &"1".repeat(22), "12345678901234567890a"] {
            let err = verify_code(&key, &spec, bad, &VoucherScope::any(), now()).unwrap_err();
            assert_eq!(err.code(), "invalid_voucher_code", "{bad}");
            if bad.len() > 4 {
                assert!(!err.to_string().contains(bad));
            }
        }
    }

    #[test]
    fn wire_shapes() {
        let ok = Verification {
            valid: true,
            serial: Some(42),
            reason: None,
        };
        assert_eq!(
            serde_json::to_string(&ok).unwrap(),
            r#"{"valid":true,"serial":42}"#
        );
        let expired = Verification::rejected(VoucherRejection::Expired, Some(42));
        assert_eq!(
            serde_json::to_string(&expired).unwrap(),
            r#"{"valid":false,"serial":42,"reason":"expired"}"#
        );
        let bad: Verification =
            crate::decode(r#"{"valid":false,"reason":"bad_check_digit"}"#).unwrap();
        assert_eq!(bad.reason, Some(VoucherRejection::BadCheckDigit));
    }
}
