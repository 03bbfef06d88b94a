//! The deal an order buys: price, counts, validity, stores, refund policy, reversal window,
//! the split plan used at settlement and the optional code settings.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::split::SplitPlan;
use crate::voucher::{CodeSpec, VoucherKey};
use crate::Error;

/// At most this many vouchers per order.
pub const MAX_DEAL_VOUCHERS: u32 = 100;
/// At most this many uses per voucher.
pub const MAX_VOUCHER_USES: u32 = 100;
/// At most this many allowed stores per deal.
pub const MAX_DEAL_STORES: usize = 10_000;
/// The longest reversal window, in minutes (one week).
pub const MAX_REVERSAL_MINUTES: u32 = 10_080;

/// What happens to uses nobody redeemed.
///
/// | policy | wire | 中文 | `refund` command | at `expire` |
/// |---|---|---|---|---|
/// | [`DealRefundPolicy::AnyTime`] | `any_time` | 随时退 | allowed until `expire` has run | unused uses refunded |
/// | [`DealRefundPolicy::AtExpiry`] | `at_expiry` | 过期退 | rejected (`refund_not_allowed`) | unused uses refunded |
/// | [`DealRefundPolicy::None`] | `none` | 不可退 | rejected (`refund_not_allowed`) | unused uses are breakage, paid to the merchant |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DealRefundPolicy {
    /// 随时退: the customer may refund unused uses at any time, and what is left at expiry
    /// is refunded automatically.
    AnyTime,
    /// 过期退: no refund on request; what is left at expiry is refunded automatically.
    AtExpiry,
    /// No refund: what is left at expiry is breakage, paid to the merchant.
    None,
}

impl DealRefundPolicy {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            DealRefundPolicy::AnyTime => "any_time",
            DealRefundPolicy::AtExpiry => "at_expiry",
            DealRefundPolicy::None => "none",
        }
    }
}

/// Codes for the issued vouchers: each voucher gets [`issue_code`](crate::issue_code) with
/// this key and spec, scoped to the deal id and expiring at the deal's `valid_until` (no
/// store in the scope, as a deal may be redeemed at several stores); verify with
/// `VoucherScope { store_id: None, deal_id: Some(deal.id), expires_at: Some(valid_until) }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DealCodes {
    /// The key (hex on the wire).
    pub key: VoucherKey,
    /// The code layout.
    #[serde(default)]
    pub spec: CodeSpec,
}

/// A deal sold as prepaid vouchers (a group-buy voucher, 团购券): one order buys
/// `vouchers` vouchers at `price` each, each good for `uses` redemptions in the allowed
/// stores during `[valid_from, valid_until)`.
///
/// On the wire: `{"id": "hotpot-for-2", "price": {"amount": "100.00", "currency": "CNY"},
/// "vouchers": 2, "uses": 3, "valid_from": "2026-03-01T00:00:00+08:00", "valid_until":
/// "2026-04-01T00:00:00+08:00", "stores": ["S1", "S2"], "refund": "any_time",
/// "reversal_minutes": 10, "plan": {…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherDeal {
    /// The deal id (bound into the codes' scope).
    pub id: String,
    /// The price of one voucher; an order costs `price × vouchers`. At least one minor unit
    /// per use, so every use is worth something.
    pub price: Money,
    /// Vouchers per order, 1 to [`MAX_DEAL_VOUCHERS`].
    pub vouchers: u32,
    /// Uses per voucher, 1 to [`MAX_VOUCHER_USES`] (a multi-use voucher is redeemed by count).
    #[serde(default = "one")]
    pub uses: u32,
    /// First instant at which a voucher can be redeemed (inclusive).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub valid_from: DateTime<FixedOffset>,
    /// End of validity (exclusive): redemptions need `now < valid_until`; `expire` needs
    /// `now >= valid_until`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub valid_until: DateTime<FixedOffset>,
    /// The stores that may redeem (at least one).
    pub stores: Vec<String>,
    /// What happens to unused uses.
    pub refund: DealRefundPolicy,
    /// How long after a redemption staff may reverse it, in minutes (0: never; at most
    /// [`MAX_REVERSAL_MINUTES`]). Settlement waits for the window to pass.
    #[serde(default)]
    pub reversal_minutes: u32,
    /// The split of each settled redemption between the parties.
    pub plan: SplitPlan,
    /// Codes for the issued vouchers, if the platform issues offline-verifiable codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codes: Option<DealCodes>,
}

fn one() -> u32 {
    1
}

pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::InvalidDeal {
        field: field.into(),
        reason: reason.into(),
    }
}

impl VoucherDeal {
    /// Check the deal: a non-empty id, a positive price of at least one minor unit per use,
    /// counts within their limits, `valid_from < valid_until`, at least one store and no
    /// empty or repeated store id, a reversal window within its limit, a plan that compiles
    /// in the price's currency, and a valid code spec.
    ///
    /// Errors: [`Error::InvalidDeal`].
    pub fn validate(&self) -> Result<(), Error> {
        if self.id.is_empty() {
            return Err(invalid("id", "must not be empty"));
        }
        if !(1..=MAX_DEAL_VOUCHERS).contains(&self.vouchers) {
            return Err(invalid(
                "vouchers",
                format!("must be 1 to {MAX_DEAL_VOUCHERS}"),
            ));
        }
        if !(1..=MAX_VOUCHER_USES).contains(&self.uses) {
            return Err(invalid("uses", format!("must be 1 to {MAX_VOUCHER_USES}")));
        }
        if self.price.minor_units() < i128::from(self.uses) {
            return Err(invalid(
                "price",
                format!(
                    "{} is less than one minor unit per use ({} uses)",
                    self.price, self.uses
                ),
            ));
        }
        if self.valid_from >= self.valid_until {
            return Err(invalid("valid_until", "must be after valid_from"));
        }
        if self.stores.is_empty() || self.stores.len() > MAX_DEAL_STORES {
            return Err(invalid(
                "stores",
                format!("give 1 to {MAX_DEAL_STORES} store ids"),
            ));
        }
        for (i, store) in self.stores.iter().enumerate() {
            if store.is_empty() {
                return Err(invalid(format!("stores[{i}]"), "must not be empty"));
            }
            if self.stores.iter().take(i).any(|s| s == store) {
                return Err(invalid(format!("stores[{i}]"), "repeats a store id"));
            }
        }
        if self.reversal_minutes > MAX_REVERSAL_MINUTES {
            return Err(invalid(
                "reversal_minutes",
                format!("must be at most {MAX_REVERSAL_MINUTES}"),
            ));
        }
        let compiled = self
            .plan
            .compile_with(false)
            .map_err(|e| invalid("plan", e.to_string()))?;
        if let Some(currency) = compiled.currency() {
            if currency != self.price.currency() {
                return Err(invalid(
                    "plan",
                    format!(
                        "the plan's amounts are in {}, the price in {}",
                        currency.code(),
                        self.price.currency().code()
                    ),
                ));
            }
        }
        if let Some(codes) = &self.codes {
            codes
                .spec
                .validate()
                .map_err(|e| invalid("codes.spec", e.to_string()))?;
        }
        Ok(())
    }

    /// The price of one order: `price × vouchers`.
    pub fn order_price(&self) -> Result<Money, Error> {
        let mut total = Money::zero(self.price.currency());
        for _ in 0..self.vouchers {
            total = total.checked_add(self.price)?;
        }
        Ok(total)
    }

    /// The reversal window as a duration.
    pub(crate) fn reversal_window(&self) -> chrono::Duration {
        chrono::Duration::minutes(i64::from(self.reversal_minutes))
    }
}
