//! The shape of a voucher code: serial width, MAC digits, check digit.

use serde::{Deserialize, Serialize};

use super::CheckDigit;
use crate::Error;

/// The fewest MAC digits a code may have.
pub const MIN_VOUCHER_DIGITS: u32 = 6;
/// The most MAC digits a code may have: 18, the most that the 63-bit truncation fills
/// with a negligible bias (see [`issue_code`](crate::issue_code)).
pub const MAX_VOUCHER_DIGITS: u32 = 18;
/// The widest serial: 15 digits, so every serial (below 10^15 < 2^53) is an exact JSON
/// number in JavaScript too.
pub const MAX_SERIAL_DIGITS: u32 = 15;

/// The layout of a voucher code: `serial_digits` digits of serial, then `digits` MAC
/// digits, then the check digit (if any).
///
/// ```text
///   00000042 480544702134 4        serial_digits = 8, digits = 12, check = damm
///   └serial┘ └───MAC────┘ └check
/// ```
///
/// The default (`{}` on the wire) is `{"digits": 12, "serial_digits": 8, "check": "damm"}`:
/// 21 digits, 10^8 serials per key and scope. A shorter code for typing, such as
/// `{"digits": 8, "serial_digits": 6}` (15 digits), is as safe per guess as its MAC digits
/// allow: see [`guess_success_probability`](crate::guess_success_probability).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CodeSpec {
    /// MAC digits, [`MIN_VOUCHER_DIGITS`]`..=`[`MAX_VOUCHER_DIGITS`] (default 12).
    #[serde(default = "default_digits")]
    pub digits: u32,
    /// Serial digits, `1..=`[`MAX_SERIAL_DIGITS`] (default 8): serials are `0..10^serial_digits`.
    #[serde(default = "default_serial_digits")]
    pub serial_digits: u32,
    /// The check digit appended (default `damm`).
    #[serde(default)]
    pub check: CheckDigit,
}

fn default_digits() -> u32 {
    12
}

fn default_serial_digits() -> u32 {
    8
}

impl Default for CodeSpec {
    fn default() -> CodeSpec {
        CodeSpec {
            digits: default_digits(),
            serial_digits: default_serial_digits(),
            check: CheckDigit::default(),
        }
    }
}

impl CodeSpec {
    /// `Ok` when the widths are in range.
    pub fn validate(&self) -> Result<(), Error> {
        if !(MIN_VOUCHER_DIGITS..=MAX_VOUCHER_DIGITS).contains(&self.digits) {
            return Err(Error::InvalidVoucherSpec {
                field: "digits".into(),
                reason: format!(
                    "{} MAC digits; use {MIN_VOUCHER_DIGITS} to {MAX_VOUCHER_DIGITS} (12 is the default): fewer are too easy to guess, more do not fit the 63-bit truncation",
                    self.digits
                ),
            });
        }
        if !(1..=MAX_SERIAL_DIGITS).contains(&self.serial_digits) {
            return Err(Error::InvalidVoucherSpec {
                field: "serial_digits".into(),
                reason: format!(
                    "{} serial digits; use 1 to {MAX_SERIAL_DIGITS} (8 is the default): the serial is printed in the code so a store can verify it offline",
                    self.serial_digits
                ),
            });
        }
        Ok(())
    }

    /// The number of digits of a code: `serial_digits + digits + check`.
    pub fn code_length(&self) -> usize {
        usize::try_from(self.serial_digits.saturating_add(self.digits))
            .unwrap_or(usize::MAX)
            .saturating_add(self.check.digits())
    }

    /// The number of distinct serials, `10^serial_digits` (serials are `0..serial_count()`).
    pub fn serial_count(&self) -> u64 {
        10u64.saturating_pow(self.serial_digits)
    }

    /// `Ok` when `serial` fits in `serial_digits`.
    pub(crate) fn check_serial(&self, serial: u64) -> Result<(), Error> {
        if serial >= self.serial_count() {
            return Err(Error::InvalidVoucherSpec {
                field: "serial".into(),
                reason: format!(
                    "serial {serial} does not fit in {} serial digits; use serials below {} or widen serial_digits",
                    self.serial_digits,
                    self.serial_count()
                ),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_ranges() {
        let spec: CodeSpec = crate::decode("{}").unwrap();
        assert_eq!(spec, CodeSpec::default());
        assert_eq!(spec.code_length(), 21);
        assert_eq!(spec.serial_count(), 100_000_000);
        assert_eq!(
            serde_json::to_string(&spec).unwrap(),
            r#"{"digits":12,"serial_digits":8,"check":"damm"}"#
        );
        for (digits, serial_digits, field) in [
            (5, 8, "digits"),
            (19, 8, "digits"),
            (12, 0, "serial_digits"),
            (12, 16, "serial_digits"),
        ] {
            let spec = CodeSpec {
                digits,
                serial_digits,
                check: CheckDigit::None,
            };
            match spec.validate() {
                Err(Error::InvalidVoucherSpec { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{other:?}"),
            }
        }
        let widest = CodeSpec {
            digits: 18,
            serial_digits: 15,
            check: CheckDigit::Verhoeff,
        };
        assert!(widest.validate().is_ok());
        assert_eq!(widest.code_length(), 34);
        assert!(widest.check_serial(999_999_999_999_999).is_ok());
        assert!(widest.check_serial(1_000_000_000_000_000).is_err());
    }
}
