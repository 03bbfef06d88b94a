//! Voucher codes that a store verifies offline (核销 without a database look-up).
//!
//! **Layout.** A code is printed as `serial · MAC digits · check digit` ([`CodeSpec`]):
//!
//! ```text
//!   00000042 480544702134 4     serial_digits = 8 (default), digits = 12 (default), damm
//! ```
//!
//! (serial 42 under the key `000102…1f` for store `S1`, deal `hotpot-for-2`, expiring
//! 2026-04-01T00:00:00+08:00: one of the codes the tests check against an independent
//! Python implementation, `testdata/gen/voucher_reference.py`.)
//!
//! The serial is in the code so that a store needs nothing but the key and the scope to
//! verify it: it reads the serial, recomputes that serial's MAC digits and compares. (The
//! alternative, a code without a serial, needs the serial from elsewhere, or a search over
//! every live serial, which is a database look-up again and multiplies a guesser's odds by
//! the number of live codes; see below.)
//!
//! **MAC.** `HMAC-SHA256(key, message)`, where the message binds the spec's widths, the
//! optional store id, deal id and expiry, and the serial in a canonical, length-prefixed
//! encoding ([`voucher_message`]). The 32-byte MAC is truncated as in HOTP (RFC 4226
//! §5.3: offset = low 4 bits of the last byte) but reading 8 bytes instead of 4, top bit
//! cleared: a 63-bit value, of which the last `digits` decimal digits are the MAC digits.
//! `digits` is 6 to 18: fewer than 6 are too easy to guess (RFC 4226's minimum too);
//! HOTP's 31 bits hold only about 9.3 digits (RFC 4226 stops at 8); 63 bits fill 18, and
//! `2^63 mod 10^d` leaves a bias of at most `10^d/2^63` (1.1 × 10^−7 relative for 12
//! digits, 11% relative for 18 digits, i.e. a best guess of 1.08 × 10^−18 instead of
//! 10^−18). [`hotp_sha256`] keeps the 4-byte truncation and reproduces RFC 6238's SHA-256
//! test values, so the HMAC and the offset are tested against a published source.
//!
//! **Check digit.** Damm (default), Luhn or Verhoeff ([`CheckDigit`]), over the serial
//! and MAC digits. It catches typing mistakes (Damm and Verhoeff: every single-digit
//! error and every adjacent swap; Luhn: every single-digit error and every adjacent swap
//! but 09/90), and as it is public, [`verify_code`] rejects a wrong one early.
//!
//! **Scope.** [`VoucherScope`] `{store_id, deal_id, expires_at}`, each optional, is bound
//! into the MAC and not printed: the verifying store passes the scope it redeems for. A
//! code for another store or deal, or issued with another expiry, is a `mismatch`, which
//! it cannot tell from a forged code; a genuine code past its expiry (compared with the
//! caller's `now`) is `expired`.
//!
//! **Verification** ([`verify_code`]) compares the MAC digits in constant time
//! (`subtle`); the digits are derived by division by the constant 10 only. Malformed input
//! (wrong length, not digits) is an [`Error`](crate::Error); a well-formed code that is
//! not accepted is a [`Verification`] with a [`VoucherRejection`].
//!
//! **Guessing.** With N codes a single guess can hit, G guesses and d MAC digits, a
//! guesser succeeds with probability `1 − (1 − N/10^d)^G ≈ G·N/10^d`
//! ([`guess_success_probability`]). Because the serial is printed, one guess is checked
//! against one code: N = 1. For 12 digits and 1,000,000 guesses that is 10^−6, however
//! many codes are live; a database of 1,000,000 live 12-digit codes without serials would
//! fall to the same million guesses with probability 63%. Throttling the guesses and
//! scoping the key are what protect a code; its length only sets the odds per guess.
//!
//! **Keys** ([`VoucherKey`]) are inputs of at least 16 bytes (hex on the wire); the crate
//! makes no keys, reads no clock and keeps no state. A `valid` verification says the
//! platform issued the code for this scope; recording redemptions (once per serial) is
//! the caller's.
mod check_digit;
mod code;
mod hotp;
mod key;
mod odds;
mod request;
mod scope;
mod spec;
mod verify;

pub use check_digit::{
    damm_check_digit, damm_is_valid, luhn_check_digit, luhn_is_valid, verhoeff_check_digit,
    verhoeff_is_valid, CheckDigit,
};
pub use code::{issue_code, issue_codes, VoucherCode, MAX_VOUCHER_BATCH};
pub use hotp::hotp_sha256;
pub use key::{VoucherKey, MIN_VOUCHER_KEY_BYTES};
pub use odds::guess_success_probability;
pub use request::{VoucherBatchRequest, VoucherIssueRequest, VoucherVerifyRequest};
pub use scope::{voucher_message, VoucherScope, MAX_VOUCHER_ID_BYTES, VOUCHER_MESSAGE_TAG};
pub use spec::{CodeSpec, MAX_SERIAL_DIGITS, MAX_VOUCHER_DIGITS, MIN_VOUCHER_DIGITS};
pub use verify::{verify_code, Verification, VoucherRejection};
