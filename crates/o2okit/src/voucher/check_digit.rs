//! Check digits: Damm, Luhn and Verhoeff.
//!
//! A check digit catches typing mistakes before anything secret is computed. It is public
//! (anyone can compute it), so it adds no security; it only tells a cashier "you mistyped"
//! rather than "this code is not genuine".
//!
//! | scheme | single-digit errors | adjacent transpositions | notes |
//! |---|---|---|---|
//! | Damm | all | all | one 10×10 table, no weights (default) |
//! | Verhoeff | all | all | dihedral group D5, a position permutation |
//! | Luhn | all | all but `09` ↔ `90` | the card-number scheme (ISO/IEC 7812) |

use serde::{Deserialize, Serialize};

use crate::Error;

/// The check digit appended to a voucher code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckDigit {
    /// No check digit.
    None,
    /// Damm (catches every single-digit error and every adjacent transposition).
    #[default]
    Damm,
    /// Luhn, mod 10 (every single-digit error; every adjacent transposition but 09/90).
    Luhn,
    /// Verhoeff (every single-digit error and every adjacent transposition).
    Verhoeff,
}

impl CheckDigit {
    /// The check digit of `payload` (ASCII digits, at least one), or `None` for
    /// [`CheckDigit::None`].
    ///
    /// ```
    /// use o2okit::CheckDigit;
    /// assert_eq!(CheckDigit::Damm.compute("572")?, Some(4));
    /// assert_eq!(CheckDigit::None.compute("572")?, None);
    /// # Ok::<(), o2okit::Error>(())
    /// ```
    pub fn compute(self, payload: &str) -> Result<Option<u8>, Error> {
        match self {
            CheckDigit::None => {
                digit_values(payload)?;
                Ok(None)
            }
            CheckDigit::Damm => damm_check_digit(payload).map(Some),
            CheckDigit::Luhn => luhn_check_digit(payload).map(Some),
            CheckDigit::Verhoeff => verhoeff_check_digit(payload).map(Some),
        }
    }

    /// Whether `code` (a payload followed by its check digit) carries a correct check digit.
    /// False for anything that is not at least two ASCII digits; with [`CheckDigit::None`],
    /// true for any non-empty string of ASCII digits.
    pub fn is_valid(self, code: &str) -> bool {
        match self {
            CheckDigit::None => !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()),
            CheckDigit::Damm => damm_is_valid(code),
            CheckDigit::Luhn => luhn_is_valid(code),
            CheckDigit::Verhoeff => verhoeff_is_valid(code),
        }
    }

    /// How many digits the check adds to a code (0 or 1).
    pub fn digits(self) -> usize {
        usize::from(self != CheckDigit::None)
    }
}

/// The bytes of `payload` when it is one or more ASCII digits, or an
/// `invalid_voucher_code` error. (The algorithms below read ASCII digits, `b'0'..=b'9'`.)
fn digit_values(payload: &str) -> Result<&[u8], Error> {
    if payload.is_empty() {
        return Err(Error::InvalidVoucherCode {
            reason: "no digits to compute a check digit over".into(),
        });
    }
    match payload.bytes().position(|b| !b.is_ascii_digit()) {
        Some(index) => Err(Error::InvalidVoucherCode {
            reason: format!("character #{index} is not a digit 0-9"),
        }),
        None => Ok(payload.as_bytes()),
    }
}

/// The bytes of `code` when it is at least two ASCII digits.
fn code_values(code: &str) -> Option<&[u8]> {
    if code.len() < 2 {
        return None;
    }
    digit_values(code).ok()
}

/// The value of an ASCII digit, as a table index.
fn value(ascii_digit: u8) -> usize {
    usize::from(ascii_digit.wrapping_sub(b'0'))
}

/// Damm's totally anti-symmetric quasigroup of order 10 (Damm 2004; the table Wikipedia
/// gives): `DAMM[interim][digit]`.
const DAMM: [[u8; 10]; 10] = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

fn damm_interim(values: &[u8]) -> u8 {
    values.iter().fold(0, |interim, digit| {
        DAMM.get(usize::from(interim))
            .and_then(|row| row.get(value(*digit)))
            .copied()
            .unwrap_or(0)
    })
}

/// The Damm check digit of `payload` (ASCII digits, at least one).
///
/// ```
/// assert_eq!(o2okit::damm_check_digit("572")?, 4);
/// assert!(o2okit::damm_is_valid("5724"));
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn damm_check_digit(payload: &str) -> Result<u8, Error> {
    Ok(damm_interim(digit_values(payload)?))
}

/// Whether the last digit of `code` is the Damm check digit of the rest.
pub fn damm_is_valid(code: &str) -> bool {
    code_values(code).is_some_and(|values| damm_interim(values) == 0)
}

/// The Luhn sum of `values` (rightmost first doubled when `double_first`).
fn luhn_sum(values: &[u8], double_first: bool) -> u8 {
    values
        .iter()
        .rev()
        .enumerate()
        .fold(0u8, |sum, (position, digit)| {
            let doubled = (position % 2 == 0) == double_first;
            let value = if doubled {
                // 2d, minus 9 when it has two digits: 0 2 4 6 8 1 3 5 7 9.
                [0u8, 2, 4, 6, 8, 1, 3, 5, 7, 9]
                    .get(value(*digit))
                    .copied()
                    .unwrap_or(0)
            } else {
                digit.wrapping_sub(b'0')
            };
            sum.wrapping_add(value) % 10
        })
}

/// The Luhn (mod 10) check digit of `payload` (ASCII digits, at least one).
///
/// ```
/// assert_eq!(o2okit::luhn_check_digit("7992739871")?, 3);
/// assert!(o2okit::luhn_is_valid("79927398713"));
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn luhn_check_digit(payload: &str) -> Result<u8, Error> {
    let sum = luhn_sum(digit_values(payload)?, true);
    Ok(10u8.wrapping_sub(sum) % 10)
}

/// Whether the last digit of `code` is the Luhn check digit of the rest.
pub fn luhn_is_valid(code: &str) -> bool {
    code_values(code).is_some_and(|values| luhn_sum(values, false) == 0)
}

/// Verhoeff's multiplication table of the dihedral group D5.
const VERHOEFF_D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];

/// Verhoeff's position permutations: `VERHOEFF_P[position % 8][digit]`.
const VERHOEFF_P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/// Inverses in D5.
const VERHOEFF_INV: [u8; 10] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

/// Verhoeff's running value over `values`, rightmost first at position `first_position`.
fn verhoeff_interim(values: &[u8], first_position: usize) -> u8 {
    values
        .iter()
        .rev()
        .enumerate()
        .fold(0u8, |c, (position, digit)| {
            let permuted = VERHOEFF_P
                .get(position.wrapping_add(first_position) % 8)
                .and_then(|row| row.get(value(*digit)))
                .copied()
                .unwrap_or(0);
            VERHOEFF_D
                .get(usize::from(c))
                .and_then(|row| row.get(usize::from(permuted)))
                .copied()
                .unwrap_or(0)
        })
}

/// The Verhoeff check digit of `payload` (ASCII digits, at least one).
///
/// ```
/// assert_eq!(o2okit::verhoeff_check_digit("236")?, 3);
/// assert!(o2okit::verhoeff_is_valid("2363"));
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn verhoeff_check_digit(payload: &str) -> Result<u8, Error> {
    let c = verhoeff_interim(digit_values(payload)?, 1);
    Ok(VERHOEFF_INV.get(usize::from(c)).copied().unwrap_or(0))
}

/// Whether the last digit of `code` is the Verhoeff check digit of the rest.
pub fn verhoeff_is_valid(code: &str) -> bool {
    code_values(code).is_some_and(|values| verhoeff_interim(values, 0) == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_examples() {
        assert_eq!(damm_check_digit("572").unwrap(), 4);
        assert_eq!(luhn_check_digit("7992739871").unwrap(), 3);
        assert_eq!(verhoeff_check_digit("236").unwrap(), 3);
        // Verhoeff's other classic example, and Luhn's card-number one.
        assert_eq!(verhoeff_check_digit("12345").unwrap(), 1);
        assert_eq!(luhn_check_digit("453201511283036").unwrap(), 6);
        assert!(damm_is_valid("5724"));
        assert!(luhn_is_valid("79927398713"));
        assert!(verhoeff_is_valid("2363"));
        assert!(!damm_is_valid("5723"));
        assert!(!luhn_is_valid("79927398710"));
        assert!(!verhoeff_is_valid("2364"));
    }

    #[test]
    fn bad_payloads_are_errors_and_bad_codes_are_invalid() {
        for scheme in [
            CheckDigit::None,
            CheckDigit::Damm,
            CheckDigit::Luhn,
            CheckDigit::Verhoeff,
        ] {
            assert_eq!(
                scheme.compute("").unwrap_err().code(),
                "invalid_voucher_code"
            );
            assert_eq!(
                scheme.compute("12a").unwrap_err().code(),
                "invalid_voucher_code"
            );
            for bad in ["", "1a", "١٢", "12 3", "+12"] {
                assert!(!scheme.is_valid(bad), "{scheme:?} {bad:?}");
            }
        }
        assert!(!damm_is_valid("0") && !luhn_is_valid("0") && !verhoeff_is_valid("0"));
    }

    #[test]
    fn every_single_digit_error_and_adjacent_swap_is_caught() {
        // Exhaustive over all 3-digit payloads.
        for n in 0..1000u32 {
            let payload = format!("{n:03}");
            for scheme in [CheckDigit::Damm, CheckDigit::Luhn, CheckDigit::Verhoeff] {
                let check = scheme.compute(&payload).unwrap().unwrap();
                let code = format!("{payload}{check}");
                assert!(scheme.is_valid(&code), "{scheme:?} {code}");
                let bytes = code.as_bytes();
                for i in 0..bytes.len() {
                    for d in b'0'..=b'9' {
                        if d == bytes[i] {
                            continue;
                        }
                        let mut changed = bytes.to_vec();
                        changed[i] = d;
                        let changed = String::from_utf8(changed).unwrap();
                        assert!(!scheme.is_valid(&changed), "{scheme:?} {code} → {changed}");
                    }
                    if i + 1 < bytes.len() && bytes[i] != bytes[i + 1] {
                        let mut swapped = bytes.to_vec();
                        swapped.swap(i, i + 1);
                        let swapped = String::from_utf8(swapped).unwrap();
                        let pair = [bytes[i], bytes[i + 1]];
                        let luhn_blind = pair == *b"09" || pair == *b"90";
                        assert_eq!(
                            scheme.is_valid(&swapped),
                            scheme == CheckDigit::Luhn && luhn_blind,
                            "{scheme:?} {code} → {swapped}"
                        );
                    }
                }
            }
        }
    }
}
