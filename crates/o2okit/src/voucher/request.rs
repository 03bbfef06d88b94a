//! The wire requests of the voucher functions (`voucher.issue`, `voucher.issue_batch`,
//! `voucher.verify`).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{issue_code, issue_codes, verify_code, CodeSpec, Verification, VoucherCode};
use super::{VoucherKey, VoucherScope};
use crate::Error;

/// `voucher.issue`: one code for one serial.
///
/// ```
/// let request: o2okit::VoucherIssueRequest = o2okit::decode(r#"{
///   "key": "000102030405060708090a0b0c0d0e0f", "serial": 7,
///   "spec": {"digits": 8, "serial_digits": 4, "check": "luhn"}}"#)?;
/// let issued = request.issue()?;
/// assert_eq!(issued.serial, 7);
/// assert_eq!(issued.code.len(), 4 + 8 + 1);
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherIssueRequest {
    /// The issuer's secret key, hex, at least 16 bytes.
    pub key: VoucherKey,
    /// The code layout (default: 12 MAC digits, 8 serial digits, a Damm check digit).
    #[serde(default)]
    pub spec: CodeSpec,
    /// The serial to issue.
    pub serial: u64,
    /// What the code is valid for (default: anything).
    #[serde(default)]
    pub scope: VoucherScope,
}

impl VoucherIssueRequest {
    /// [`issue_code`] with this request.
    pub fn issue(&self) -> Result<VoucherCode, Error> {
        issue_code(&self.key, &self.spec, self.serial, &self.scope)
    }
}

/// `voucher.issue_batch`: the codes of `count` serials from `first_serial` on (at most
/// [`MAX_VOUCHER_BATCH`](crate::MAX_VOUCHER_BATCH)), in serial order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherBatchRequest {
    /// The issuer's secret key, hex, at least 16 bytes.
    pub key: VoucherKey,
    /// The code layout.
    #[serde(default)]
    pub spec: CodeSpec,
    /// The first serial.
    pub first_serial: u64,
    /// How many serials.
    pub count: u64,
    /// What the codes are valid for.
    #[serde(default)]
    pub scope: VoucherScope,
}

impl VoucherBatchRequest {
    /// [`issue_codes`] with this request.
    pub fn issue(&self) -> Result<Vec<VoucherCode>, Error> {
        let end =
            self.first_serial
                .checked_add(self.count)
                .ok_or_else(|| Error::InvalidVoucherSpec {
                    field: "count".into(),
                    reason: format!(
                        "first_serial {} + count {} overflows; ask for fewer serials",
                        self.first_serial, self.count
                    ),
                })?;
        issue_codes(&self.key, &self.spec, self.first_serial..end, &self.scope)
    }
}

/// `voucher.verify`: check a presented code offline against the scope the store redeems
/// for, at `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherVerifyRequest {
    /// The issuer's secret key, hex, at least 16 bytes.
    pub key: VoucherKey,
    /// The code layout the codes were issued with.
    #[serde(default)]
    pub spec: CodeSpec,
    /// The code as presented (spaces and hyphens ignored).
    pub code: String,
    /// The scope the store redeems for (store, deal, expiry).
    #[serde(default)]
    pub scope: VoucherScope,
    /// The time of the check, RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub now: DateTime<FixedOffset>,
}

impl VoucherVerifyRequest {
    /// [`verify_code`] with this request.
    pub fn verify(&self) -> Result<Verification, Error> {
        verify_code(&self.key, &self.spec, &self.code, &self.scope, self.now)
    }
}
