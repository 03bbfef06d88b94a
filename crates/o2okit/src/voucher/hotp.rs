//! HMAC-SHA256 and RFC 4226 dynamic truncation, shared by HOTP and the voucher codes.

use hmac::{KeyInit, Mac};

use super::VoucherKey;
use crate::Error;

/// HMAC-SHA256 (RustCrypto).
pub(crate) type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// A keyed HMAC-SHA256 state, ready for the message.
pub(crate) fn keyed(key: &VoucherKey) -> Result<HmacSha256, Error> {
    // HMAC takes keys of any length; the error path exists only in the trait's signature.
    <HmacSha256 as KeyInit>::new_from_slice(key.as_bytes()).map_err(|_| Error::InvalidVoucherKey {
        reason: "HMAC-SHA256 rejected the key length".into(),
    })
}

/// The dynamic offset of RFC 4226 §5.3: the low 4 bits of the last MAC byte (0..=15).
fn dynamic_offset(mac: &[u8]) -> usize {
    usize::from(mac.last().copied().unwrap_or(0) & 0x0f)
}

/// RFC 4226 §5.3 dynamic truncation: the 4 bytes at the dynamic offset, big-endian, top
/// bit cleared: a 31-bit value.
pub(crate) fn truncate31(mac: &[u8]) -> u64 {
    let mut window = [0u8; 4];
    for (dst, src) in window.iter_mut().zip(mac.iter().skip(dynamic_offset(mac))) {
        *dst = *src;
    }
    u64::from(u32::from_be_bytes(window) & 0x7fff_ffff)
}

/// The same truncation widened to 8 bytes: the 8 bytes at the dynamic offset, big-endian,
/// top bit cleared: a 63-bit value. For a 32-byte HMAC-SHA256 output the offset is at most
/// 15, so the window (bytes 15..23 at most) never reaches the offset byte (31). Its top 31
/// bits are exactly [`truncate31`].
pub(crate) fn truncate63(mac: &[u8]) -> u64 {
    let mut window = [0u8; 8];
    for (dst, src) in window.iter_mut().zip(mac.iter().skip(dynamic_offset(mac))) {
        *dst = *src;
    }
    u64::from_be_bytes(window) & 0x7fff_ffff_ffff_ffff
}

/// The 20 decimal digits of `value` (ASCII, zero-padded). Divides by the constant 10 only,
/// which compilers turn into a multiplication, so the time does not depend on the value.
pub(crate) fn decimal20(mut value: u64) -> [u8; 20] {
    let mut out = [b'0'; 20];
    for slot in out.iter_mut().rev() {
        let digit = value.wrapping_rem(10);
        // digit < 10, so it fits a u8 and `|` with '0' (0x30) is the ASCII digit.
        *slot = b'0' | u8::try_from(digit).unwrap_or(0);
        value = value.wrapping_div(10);
    }
    out
}

/// The last `digits` decimal digits of `value` (so `value mod 10^digits`, zero-padded).
pub(crate) fn last_digits(value: u64, digits: usize, out: &mut Vec<u8>) {
    let all = decimal20(value);
    let skip = all.len().saturating_sub(digits);
    out.extend(all.iter().skip(skip));
}

/// HOTP (RFC 4226) with HMAC-SHA256 instead of HMAC-SHA1, as TOTP (RFC 6238) defines its
/// SHA-256 variant: `HMAC-SHA256(key, counter as 8 bytes big-endian)`, dynamic truncation
/// to 31 bits, the last `digits` decimal digits (6 to 8, as RFC 4226 allows; leading zeros
/// kept).
///
/// The voucher codes use the same HMAC and the same dynamic offset, widened to 63 bits so
/// that up to 18 digits are sound; this function reproduces the published RFC 6238
/// SHA-256 test values, which tests the shared part against an outside source. A TOTP
/// value is `hotp_sha256(key, unix_seconds / 30, 8)`.
///
/// ```
/// use o2okit::{hotp_sha256, VoucherKey};
/// // RFC 6238 Appendix B, SHA-256, T = 59 s → counter 1.
/// let key = VoucherKey::from_bytes(b"12345678901234567890123456789012")?;
/// assert_eq!(hotp_sha256(&key, 1, 8)?, "46119246");
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn hotp_sha256(key: &VoucherKey, counter: u64, digits: u32) -> Result<String, Error> {
    if !(6..=8).contains(&digits) {
        return Err(Error::InvalidVoucherSpec {
            field: "digits".into(),
            reason: format!("HOTP has 6 to 8 digits (RFC 4226), not {digits}"),
        });
    }
    let mut mac = keyed(key)?;
    mac.update(&counter.to_be_bytes());
    let tag = mac.finalize().into_bytes();
    let mut out = Vec::with_capacity(8);
    last_digits(
        truncate31(&tag),
        usize::try_from(digits).unwrap_or(8),
        &mut out,
    );
    Ok(out.into_iter().map(char::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4226_truncation_example() {
        // RFC 4226 §5.4: the SHA-1 HMAC from the text, offset 0xa, value 0x50ef7f19.
        let mac: [u8; 20] = [
            0x1f, 0x86, 0x98, 0x69, 0x0e, 0x02, 0xca, 0x16, 0x61, 0x85, 0x50, 0xef, 0x7f, 0x19,
            0xda, 0x8e, 0x94, 0x5b, 0x55, 0x5a,
        ];
        assert_eq!(truncate31(&mac), 0x50ef_7f19);
        let mut out = Vec::new();
        last_digits(truncate31(&mac), 6, &mut out);
        assert_eq!(out, b"872921");
    }

    #[test]
    fn the_wide_window_starts_with_the_narrow_one() {
        for counter in 0..200u64 {
            let mut mac = keyed(&VoucherKey::from_bytes(&[9; 32]).unwrap()).unwrap();
            mac.update(&counter.to_be_bytes());
            let tag = mac.finalize().into_bytes();
            assert_eq!(truncate63(&tag) >> 32, truncate31(&tag));
        }
    }

    #[test]
    fn decimal_digits() {
        assert_eq!(&decimal20(0), b"00000000000000000000");
        assert_eq!(&decimal20(u64::MAX), b"18446744073709551615");
        let mut out = Vec::new();
        last_digits(1_234_567, 12, &mut out);
        assert_eq!(out, b"000001234567");
        out.clear();
        last_digits(1_234_567, 3, &mut out);
        assert_eq!(out, b"567");
    }

    #[test]
    fn hotp_digits_range() {
        let key = VoucherKey::from_bytes(&[1; 16]).unwrap();
        assert!(hotp_sha256(&key, 0, 5).is_err());
        assert!(hotp_sha256(&key, 0, 9).is_err());
        assert_eq!(hotp_sha256(&key, 0, 6).unwrap().len(), 6);
    }
}
