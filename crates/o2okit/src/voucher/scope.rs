//! What a code is good for (store, deal, expiry), and the exact bytes the HMAC covers.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::CodeSpec;
use crate::Error;

/// The most bytes (UTF-8) of a store or deal id in a scope.
pub const MAX_VOUCHER_ID_BYTES: usize = 256;

/// The domain-separation tag that starts every voucher HMAC message (format version 1).
pub const VOUCHER_MESSAGE_TAG: &[u8] = b"o2okit-voucher-v1";

/// What a voucher code is good for; every part is optional.
///
/// The scope is not printed in the code: it is bound into the code's HMAC, and the store
/// that verifies gives the same scope (its own store id, the deal being redeemed and the
/// deal's expiry). A code issued for store `S1` therefore verifies at `S1` only, and one
/// issued without a `store_id` verifies only when the store also passes none.
///
/// On the wire: `{"store_id": "S1", "deal_id": "noodles-2for1", "expires_at":
/// "2026-04-01T00:00:00+08:00"}` (ids are strings of 1 to [`MAX_VOUCHER_ID_BYTES`] bytes;
/// `expires_at` is RFC 3339, the first instant the code is no longer good; only the instant
/// counts, not the offset it is written with).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherScope {
    /// The store the code may be redeemed at (none = any store).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_id: Option<String>,
    /// The deal (product, group-buy) the code is for (none = any deal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deal_id: Option<String>,
    /// The first instant the code is no longer good, RFC 3339 (none = no expiry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub expires_at: Option<DateTime<FixedOffset>>,
}

impl VoucherScope {
    /// No store, no deal, no expiry.
    pub fn any() -> VoucherScope {
        VoucherScope::default()
    }

    /// `Ok` when each id present is 1 to [`MAX_VOUCHER_ID_BYTES`] bytes.
    pub fn validate(&self) -> Result<(), Error> {
        for (field, id) in [("store_id", &self.store_id), ("deal_id", &self.deal_id)] {
            if let Some(id) = id {
                if id.is_empty() || id.len() > MAX_VOUCHER_ID_BYTES {
                    return Err(Error::InvalidVoucherScope {
                        field: field.into(),
                        reason: format!(
                            "an id has 1 to {MAX_VOUCHER_ID_BYTES} bytes, this one has {}; leave the field out for no restriction",
                            id.len()
                        ),
                    });
                }
            }
        }
        Ok(())
    }
}

/// Append a present/absent string field: `0x00`, or `0x01`, its length as u32 big-endian and
/// its UTF-8 bytes.
fn put_id(out: &mut Vec<u8>, id: Option<&str>) {
    match id {
        None => out.push(0),
        Some(id) => {
            out.push(1);
            let len = u32::try_from(id.len()).unwrap_or(u32::MAX);
            out.extend_from_slice(&len.to_be_bytes());
            out.extend_from_slice(id.as_bytes());
        }
    }
}

/// The message bytes before the serial (the part shared by every code of a spec and scope).
pub(crate) fn message_prefix(spec: &CodeSpec, scope: &VoucherScope) -> Vec<u8> {
    let ids = scope
        .store_id
        .as_ref()
        .map_or(0, String::len)
        .saturating_add(scope.deal_id.as_ref().map_or(0, String::len));
    let mut out = Vec::with_capacity(ids.saturating_add(64));
    out.extend_from_slice(VOUCHER_MESSAGE_TAG);
    out.push(u8::try_from(spec.digits).unwrap_or(u8::MAX));
    out.push(u8::try_from(spec.serial_digits).unwrap_or(u8::MAX));
    put_id(&mut out, scope.store_id.as_deref());
    put_id(&mut out, scope.deal_id.as_deref());
    match scope.expires_at {
        None => out.push(0),
        Some(at) => {
            out.push(1);
            out.extend_from_slice(&at.timestamp().to_be_bytes());
            out.extend_from_slice(&at.timestamp_subsec_nanos().to_be_bytes());
        }
    }
    out
}

/// The exact bytes whose HMAC-SHA256 makes the code of `serial` (format version 1): for
/// other implementations to check theirs against.
///
/// | bytes | field |
/// |---|---|
/// | 17 | the tag `o2okit-voucher-v1` (ASCII, [`VOUCHER_MESSAGE_TAG`]) |
/// | 1 | `digits` (MAC digits) |
/// | 1 | `serial_digits` |
/// | 1 (+ 4 + n) | `store_id`: `0x00` when absent; else `0x01`, the UTF-8 length n as u32 big-endian, the n bytes |
/// | 1 (+ 4 + n) | `deal_id`: the same |
/// | 1 (+ 8 + 4) | `expires_at`: `0x00` when absent; else `0x01`, Unix seconds as i64 big-endian, nanoseconds as u32 big-endian |
/// | 8 | the serial, u64 big-endian |
///
/// Every variable field carries its length and every optional field a presence byte, so
/// no two different (spec, scope, serial) give the same bytes: store `"12"` with deal `"3"`
/// is not store `"1"` with deal `"23"`, and an absent store is not an empty one. The
/// widths are bound so that a 6-digit code is not the tail of the 12-digit code of the
/// same serial. The check-digit scheme is not bound (it is public and changes nothing
/// secret).
///
/// ```
/// use o2okit::{voucher_message, CodeSpec, VoucherScope};
/// let bytes = voucher_message(&CodeSpec::default(), &VoucherScope::any(), 7)?;
/// assert_eq!(&bytes[..17], b"o2okit-voucher-v1");
/// assert_eq!(&bytes[17..22], &[12, 8, 0, 0, 0]);
/// assert_eq!(&bytes[22..], &7u64.to_be_bytes());
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn voucher_message(
    spec: &CodeSpec,
    scope: &VoucherScope,
    serial: u64,
) -> Result<Vec<u8>, Error> {
    spec.validate()?;
    scope.validate()?;
    spec.check_serial(serial)?;
    let mut out = message_prefix(spec, scope);
    out.extend_from_slice(&serial.to_be_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope(store: Option<&str>, deal: Option<&str>) -> VoucherScope {
        VoucherScope {
            store_id: store.map(String::from),
            deal_id: deal.map(String::from),
            expires_at: None,
        }
    }

    #[test]
    fn the_encoding_is_unambiguous() {
        let spec = CodeSpec::default();
        let bytes = |s: &VoucherScope| voucher_message(&spec, s, 1).unwrap();
        assert_ne!(
            bytes(&scope(Some("12"), Some("3"))),
            bytes(&scope(Some("1"), Some("23")))
        );
        assert_ne!(
            bytes(&scope(Some("x"), None)),
            bytes(&scope(None, Some("x")))
        );
        let with_expiry = VoucherScope {
            expires_at: Some(DateTime::parse_from_rfc3339("2026-04-01T00:00:00+08:00").unwrap()),
            ..VoucherScope::any()
        };
        let same_instant = VoucherScope {
            expires_at: Some(DateTime::parse_from_rfc3339("2026-03-31T16:00:00Z").unwrap()),
            ..VoucherScope::any()
        };
        assert_eq!(bytes(&with_expiry), bytes(&same_instant));
        assert_ne!(bytes(&with_expiry), bytes(&VoucherScope::any()));
        let b = bytes(&scope(Some("S1"), None));
        assert_eq!(&b[17..29], &[12, 8, 1, 0, 0, 0, 2, b'S', b'1', 0, 0, 0]);
    }

    #[test]
    fn bad_ids_are_rejected() {
        for bad in [scope(Some(""), None), scope(None, Some(&"d".repeat(257)))] {
            assert_eq!(bad.validate().unwrap_err().code(), "invalid_voucher_scope");
        }
        assert!(scope(Some(&"s".repeat(256)), Some("d")).validate().is_ok());
    }
}
