//! The secret key voucher codes are made with.

use std::fmt;
use std::str::FromStr;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use subtle::ConstantTimeEq;

use crate::Error;

/// The fewest key bytes accepted: 16 bytes (128 bits), the minimum RFC 4226 requires of an
/// HOTP secret. 32 random bytes (the HMAC-SHA256 output size) are recommended.
pub const MIN_VOUCHER_KEY_BYTES: usize = 16;

/// The secret key of a voucher programme: at least [`MIN_VOUCHER_KEY_BYTES`] bytes.
///
/// o2okit makes no keys (it has no randomness): generate 32 random bytes with the
/// operating system's generator (`openssl rand -hex 32`) and keep them in a secret store.
/// Anyone holding the key can issue codes; every store that verifies offline holds it, so
/// scope keys narrowly (one key per merchant, or per deal) and rotate them with the deals.
///
/// On the wire a key is a **hex string** (upper or lower case, two digits per byte, at
/// least 32 digits): `"000102030405060708090a0b0c0d0e0f"`. It serialises back as lower-case
/// hex. `Debug` never shows the bytes, error messages never repeat them, and equality is
/// compared in constant time.
///
/// ```
/// use o2okit::VoucherKey;
/// let key = VoucherKey::from_hex("000102030405060708090A0B0C0D0E0F")?;
/// assert_eq!(key.len(), 16);
/// assert_eq!(key.to_hex(), "000102030405060708090a0b0c0d0e0f");
/// assert_eq!(format!("{key:?}"), "VoucherKey(16 bytes, redacted)");
/// assert_eq!(VoucherKey::from_bytes(b"too short").unwrap_err().code(), "invalid_voucher_key");
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Clone)]
pub struct VoucherKey {
    bytes: Vec<u8>,
}

impl VoucherKey {
    /// A key from raw bytes (at least [`MIN_VOUCHER_KEY_BYTES`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<VoucherKey, Error> {
        if bytes.len() < MIN_VOUCHER_KEY_BYTES {
            return Err(Error::InvalidVoucherKey {
                reason: format!(
                    "it has {} bytes; a key needs at least {MIN_VOUCHER_KEY_BYTES} bytes (32 hex digits) of random data, 32 bytes recommended",
                    bytes.len()
                ),
            });
        }
        Ok(VoucherKey {
            bytes: bytes.to_vec(),
        })
    }

    /// A key from a hex string: two hex digits (either case) per byte, nothing else.
    pub fn from_hex(hex: &str) -> Result<VoucherKey, Error> {
        let invalid = |reason: String| Error::InvalidVoucherKey { reason };
        if hex.len() % 2 != 0 {
            return Err(invalid(format!(
                "a hex key has two digits per byte, but this one has an odd number of characters ({})",
                hex.len()
            )));
        }
        let mut bytes = Vec::with_capacity(hex.len() / 2);
        for (pair_index, pair) in hex.as_bytes().chunks_exact(2).enumerate() {
            let (high, low) = match pair {
                [high, low] => (hex_value(*high), hex_value(*low)),
                _ => (None, None),
            };
            match (high, low) {
                (Some(high), Some(low)) => bytes.push((high << 4) | low),
                _ => {
                    return Err(invalid(format!(
                        "byte #{pair_index} is not two hex digits (0-9, a-f, A-F)"
                    )))
                }
            }
        }
        VoucherKey::from_bytes(&bytes)
    }

    /// The key as lower-case hex.
    pub fn to_hex(&self) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = String::with_capacity(self.bytes.len().saturating_mul(2));
        for byte in &self.bytes {
            for nibble in [byte >> 4, byte & 0x0f] {
                if let Some(digit) = DIGITS.get(usize::from(nibble)) {
                    out.push(char::from(*digit));
                }
            }
        }
        out
    }

    /// The number of key bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Always false: a key has at least [`MIN_VOUCHER_KEY_BYTES`] bytes.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c.wrapping_sub(b'0')),
        b'a'..=b'f' => Some(c.wrapping_sub(b'a').wrapping_add(10)),
        b'A'..=b'F' => Some(c.wrapping_sub(b'A').wrapping_add(10)),
        _ => None,
    }
}

impl fmt::Debug for VoucherKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VoucherKey({} bytes, redacted)", self.bytes.len())
    }
}

/// Constant-time in the contents (the lengths are not secret).
impl PartialEq for VoucherKey {
    fn eq(&self, other: &VoucherKey) -> bool {
        self.bytes.ct_eq(&other.bytes).into()
    }
}

impl Eq for VoucherKey {}

impl FromStr for VoucherKey {
    type Err = Error;
    fn from_str(hex: &str) -> Result<VoucherKey, Error> {
        VoucherKey::from_hex(hex)
    }
}

impl Serialize for VoucherKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for VoucherKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<VoucherKey, D::Error> {
        struct HexVisitor;
        impl de::Visitor<'_> for HexVisitor {
            type Value = VoucherKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a voucher key as a hex string of at least 32 digits")
            }
            fn visit_str<E: de::Error>(self, hex: &str) -> Result<VoucherKey, E> {
                VoucherKey::from_hex(hex).map_err(|e| E::custom(e.to_serde_message()))
            }
        }
        deserializer.deserialize_str(HexVisitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for VoucherKey {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "VoucherKey".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A secret voucher key as hex, two digits per byte, at least 16 bytes (32 random bytes recommended).",
            "type": "string",
            "pattern": "^([0-9a-fA-F]{2}){16,}$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_rejects_bad_input() {
        let key = VoucherKey::from_hex("00ff10Aa00ff10aa00ff10aa00ff10aa").unwrap();
        assert_eq!(key.as_bytes()[..4], [0x00, 0xff, 0x10, 0xaa]);
        assert_eq!(key.to_hex(), "00ff10aa00ff10aa00ff10aa00ff10aa");
        for bad in [
            "",
            "0",
            "zz",
            &"ab".repeat(15),
            &format!("{}g0", "ab".repeat(16)),
        ] {
            let err = VoucherKey::from_hex(bad).unwrap_err();
            assert_eq!(err.code(), "invalid_voucher_key", "{bad}");
        }
        // Multi-byte characters are not hex digits, and never panic.
        assert!(VoucherKey::from_hex(&"é".repeat(16)).is_err());
    }

    #[test]
    fn serde_uses_hex_and_keeps_the_error_code() {
        let key: VoucherKey =
            serde_json::from_str("\"3132333435363738393031323334353637383930\"").unwrap();
        assert_eq!(key.as_bytes(), b"12345678901234567890");
        assert_eq!(
            serde_json::to_string(&key).unwrap(),
            "\"3132333435363738393031323334353637383930\""
        );
        let err = crate::decode::<VoucherKey>("\"abcd\"").unwrap_err();
        assert_eq!(err.code(), "invalid_voucher_key");
        assert!(!err.to_string().contains("abcd"));
    }

    #[test]
    fn equality_compares_contents() {
        let a = VoucherKey::from_bytes(&[7; 16]).unwrap();
        let b = VoucherKey::from_bytes(&[7; 16]).unwrap();
        let c = VoucherKey::from_bytes(&[7; 17]).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
