//! Canonical ids, fingerprints and duplicate detection: intake can be retried safely.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::canonical::CanonicalOrder;
use super::source::Source;
use crate::Error;

/// The namespace of canonical order ids: `uuid5(NAMESPACE_URL, "urn:o2okit:intake:order")`.
pub const ORDER_ID_NAMESPACE: &str = "51f16b70-3e61-5604-9b49-a91136079bbc";

/// The namespace of intake fingerprints:
/// `uuid5(NAMESPACE_URL, "urn:o2okit:intake:fingerprint")`.
pub const FINGERPRINT_NAMESPACE: &str = "3114bb20-8d47-5fe9-b1a7-83bdd7ee8e4e";

const ORDER_NS: Uuid = Uuid::from_u128(0x51f1_6b70_3e61_5604_9b49_a911_3607_9bbc);
const FINGERPRINT_NS: Uuid = Uuid::from_u128(0x3114_bb20_8d47_5fe9_b1a7_83bd_d7ee_8e4e);

/// An order intake has issued before, as the caller recorded it: the canonical id and the
/// fingerprint of an earlier [`Intake`](crate::Intake).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SeenOrder {
    /// The canonical id issued.
    pub id: String,
    /// The fingerprint issued with it.
    pub fingerprint: String,
}

/// The canonical id of an order: the version 5 (name-based, SHA-1) UUID, in the namespace
/// [`ORDER_ID_NAMESPACE`], of the name `{source}:{n}:{scope}:{external_id}`, where `n` is the
/// length of the scope in UTF-8 bytes (so no choice of scope and id can collide with
/// another) and an absent scope is empty. The id depends on nothing else: a resubmission of
/// the same external id gets the same id whatever it contains.
///
/// ```
/// use o2okit::{canonical_id, Source};
/// // uuid5(uuid5(NAMESPACE_URL, "urn:o2okit:intake:order"), "own_app:0::A-1001")
/// assert_eq!(canonical_id(Source::OwnApp, None, "A-1001"), "0754c99a-c0d3-58ef-a04b-da9744b79d39");
/// ```
pub fn canonical_id(source: Source, scope: Option<&str>, external_id: &str) -> String {
    let scope = scope.unwrap_or_default();
    let name = format!(
        "{}:{}:{}:{}",
        source.as_str(),
        scope.len(),
        scope,
        external_id
    );
    Uuid::new_v5(&ORDER_NS, name.as_bytes()).to_string()
}

/// The fingerprint of a normalised order: the version 5 UUID, in the namespace
/// [`FINGERPRINT_NAMESPACE`], of the order's compact JSON (fields in declaration order,
/// amounts at the currency's scale, quantities without trailing zeros, times as given).
/// Two submissions have the same fingerprint exactly when they normalise to the same order.
/// It detects changes; it is not a security hash.
pub fn fingerprint(order: &CanonicalOrder) -> Result<String, Error> {
    let json = serde_json::to_string(order).map_err(|e| Error::Decode {
        code: "invalid_json",
        message: format!("could not encode the order: {e}"),
    })?;
    Ok(Uuid::new_v5(&FINGERPRINT_NS, json.as_bytes()).to_string())
}

/// Whether `order` (with `fingerprint`) was seen: `Ok(false)` when new, `Ok(true)` when a
/// seen entry has its id and fingerprint, [`Error::ConflictingDuplicate`] when seen entries
/// have its id but none its fingerprint.
pub(crate) fn seen_before(
    order: &CanonicalOrder,
    fingerprint: &str,
    seen: &[SeenOrder],
) -> Result<bool, Error> {
    let mut same_id = seen.iter().filter(|s| s.id == order.id).peekable();
    let Some(first) = same_id.peek().map(|s| s.fingerprint.clone()) else {
        return Ok(false);
    };
    if same_id.any(|s| s.fingerprint == fingerprint) {
        return Ok(true);
    }
    Err(Error::ConflictingDuplicate {
        id: order.id.clone(),
        external_id: order.external_id.clone(),
        seen_fingerprint: first,
        fingerprint: fingerprint.to_string(),
    })
}
