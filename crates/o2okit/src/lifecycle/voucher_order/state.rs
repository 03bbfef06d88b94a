//! The state of one voucher order: a plain value the caller stores.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::command::VoucherOrderCommand;
use super::deal::VoucherDeal;
use super::effect::VoucherOrderEffect;
use crate::money::Money;
use crate::Error;

/// Where an order is in its lifecycle. The status is derived from the vouchers and
/// redemptions after every step (see the module docs for the diagram).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum VoucherOrderStatus {
    /// Opened, not paid.
    Created,
    /// Paid, vouchers issued, no use redeemed (none, or every redemption reversed).
    Issued,
    /// Some uses redeemed, some still open.
    PartiallyRedeemed,
    /// No use open, but a redemption still awaits settlement (and may still be reversed).
    Redeemed,
    /// Terminal: every use refunded on request, nothing settled.
    Refunded,
    /// Terminal: ended by `expire` with nothing settled (unused uses refunded or breakage;
    /// or an unpaid order).
    Expired,
    /// Terminal: ended with at least one settled redemption; no use open, nothing awaiting
    /// settlement.
    Closed,
}

impl VoucherOrderStatus {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            VoucherOrderStatus::Created => "created",
            VoucherOrderStatus::Issued => "issued",
            VoucherOrderStatus::PartiallyRedeemed => "partially_redeemed",
            VoucherOrderStatus::Redeemed => "redeemed",
            VoucherOrderStatus::Refunded => "refunded",
            VoucherOrderStatus::Expired => "expired",
            VoucherOrderStatus::Closed => "closed",
        }
    }

    /// Whether the status is terminal (it absorbs: every new command is rejected).
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            VoucherOrderStatus::Refunded | VoucherOrderStatus::Expired | VoucherOrderStatus::Closed
        )
    }
}

/// One issued voucher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IssuedVoucher {
    /// The voucher id: `{order_id}/v{n}`, n from 1.
    pub id: String,
    /// Its serial (with deal codes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial: Option<u64>,
    /// Its printed code (with deal codes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Uses still open (neither redeemed, refunded nor lapsed).
    pub uses_left: u32,
    /// The value of the open uses.
    pub value_left: Money,
    /// Uses refunded to the customer.
    pub uses_refunded: u32,
    /// Uses that lapsed as breakage.
    pub uses_lapsed: u32,
}

/// One redemption (核销) of one voucher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherRedemption {
    /// The redemption id: the key of its `redeem` command.
    pub key: String,
    /// The voucher.
    pub voucher: String,
    /// The store.
    pub store_id: String,
    /// The staff member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_id: Option<String>,
    /// Uses redeemed.
    pub count: u32,
    /// Their value.
    pub amount: Money,
    /// When.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// When it was reversed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub reversed_at: Option<DateTime<FixedOffset>>,
    /// When it was settled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub settled_at: Option<DateTime<FixedOffset>>,
}

impl VoucherRedemption {
    /// Neither reversed nor settled: its value is held and it may still be reversed or settled.
    pub fn is_pending(&self) -> bool {
        self.reversed_at.is_none() && self.settled_at.is_none()
    }
}

/// An applied command and the effects it returned (for idempotent replies).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProcessedCommand {
    /// The command as applied (its key is the idempotency key).
    pub command: VoucherOrderCommand,
    /// The effects it returned.
    pub effects: Vec<VoucherOrderEffect>,
}

/// Money totals of an order. Always `charged = refunded + settled + breakage + held`,
/// where `held` is the value of the open uses plus the value of the pending redemptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherOrderTotals {
    /// Taken from the customer.
    pub charged: Money,
    /// Given back to the customer.
    pub refunded: Money,
    /// Paid out to the parties by settlement.
    pub settled: Money,
    /// Paid to the merchant as breakage.
    pub breakage: Money,
}

impl VoucherOrderTotals {
    /// What the platform still holds: `charged − refunded − settled − breakage`.
    pub fn held(&self) -> Result<Money, Error> {
        self.charged
            .checked_sub(self.refunded)?
            .checked_sub(self.settled)?
            .checked_sub(self.breakage)
    }
}

/// The whole state of one voucher order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherOrderState {
    /// The order id.
    pub order_id: String,
    /// The customer.
    pub customer_id: String,
    /// The deal's id (a step checks it is given the same deal).
    pub deal_id: String,
    /// The status.
    pub status: VoucherOrderStatus,
    /// The issued vouchers (empty until paid).
    #[serde(default)]
    pub vouchers: Vec<IssuedVoucher>,
    /// Every redemption, in order.
    #[serde(default)]
    pub redemptions: Vec<VoucherRedemption>,
    /// Money totals.
    pub totals: VoucherOrderTotals,
    /// Whether `expire` has run.
    #[serde(default)]
    pub expired: bool,
    /// The time of the last applied command.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub as_of: Option<DateTime<FixedOffset>>,
    /// Every applied command with its effects, in order.
    #[serde(default)]
    pub processed: Vec<ProcessedCommand>,
}

/// Open an order for a deal: status `created`, nothing paid.
///
/// Errors: [`Error::InvalidDeal`]; [`Error::InvalidInput`] for an empty order or customer id.
pub fn voucher_order_open(
    deal: &VoucherDeal,
    order_id: &str,
    customer_id: &str,
) -> Result<VoucherOrderState, Error> {
    deal.validate()?;
    for (field, value) in [("order_id", order_id), ("customer_id", customer_id)] {
        if value.is_empty() {
            return Err(Error::InvalidInput {
                field: field.into(),
                reason: "must not be empty".into(),
            });
        }
    }
    let zero = Money::zero(deal.price.currency());
    Ok(VoucherOrderState {
        order_id: order_id.to_string(),
        customer_id: customer_id.to_string(),
        deal_id: deal.id.clone(),
        status: VoucherOrderStatus::Created,
        vouchers: Vec::new(),
        redemptions: Vec::new(),
        totals: VoucherOrderTotals {
            charged: zero,
            refunded: zero,
            settled: zero,
            breakage: zero,
        },
        expired: false,
        as_of: None,
        processed: Vec::new(),
    })
}

impl VoucherOrderState {
    /// Uses of a voucher that are redeemed and not reversed (pending or settled).
    pub fn uses_redeemed(&self, voucher: &str) -> u32 {
        self.redemptions
            .iter()
            .filter(|r| r.voucher == voucher && r.reversed_at.is_none())
            .fold(0u32, |n, r| n.saturating_add(r.count))
    }

    /// The value the platform holds: open uses plus pending redemptions. Equal to
    /// [`VoucherOrderTotals::held`] in every reachable state.
    pub fn value_held(&self) -> Result<Money, Error> {
        let mut held = Money::zero(self.totals.charged.currency());
        for voucher in &self.vouchers {
            held = held.checked_add(voucher.value_left)?;
        }
        for redemption in self.redemptions.iter().filter(|r| r.is_pending()) {
            held = held.checked_add(redemption.amount)?;
        }
        Ok(held)
    }

    /// The commands this status takes (by wire type).
    pub fn allowed_commands(&self) -> &'static [&'static str] {
        match self.status {
            VoucherOrderStatus::Created => &["pay", "expire"],
            VoucherOrderStatus::Issued => &["redeem", "reverse", "refund", "expire"],
            VoucherOrderStatus::PartiallyRedeemed => {
                &["redeem", "reverse", "refund", "expire", "settle"]
            }
            VoucherOrderStatus::Redeemed => &["reverse", "expire", "settle"],
            VoucherOrderStatus::Refunded
            | VoucherOrderStatus::Expired
            | VoucherOrderStatus::Closed => &[],
        }
    }

    /// Recompute the status from the vouchers and redemptions.
    pub(crate) fn derive_status(&mut self) {
        let paid = !self.vouchers.is_empty();
        let open = self.vouchers.iter().any(|v| v.uses_left > 0);
        let pending = self.redemptions.iter().any(VoucherRedemption::is_pending);
        let settled = self.redemptions.iter().any(|r| r.settled_at.is_some());
        let live = pending || settled;
        self.status = if !paid {
            if self.expired {
                VoucherOrderStatus::Expired
            } else {
                VoucherOrderStatus::Created
            }
        } else if open {
            if live {
                VoucherOrderStatus::PartiallyRedeemed
            } else {
                VoucherOrderStatus::Issued
            }
        } else if pending {
            VoucherOrderStatus::Redeemed
        } else if settled {
            VoucherOrderStatus::Closed
        } else if self.expired {
            VoucherOrderStatus::Expired
        } else {
            VoucherOrderStatus::Refunded
        };
    }
}
