//! What a step asks the caller to do.

use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::split::Ledger;

/// One thing the caller must do (or record) after a step. o2okit moves no money: it returns
/// these in a deterministic order and the caller carries them out.
///
/// **Money.** `charge` takes money from the customer into the platform's hands; `refund`
/// gives part of it back to the customer; `settle` pays one redemption's amount out to the
/// parties by its ledger (the lines add up exactly to `amount`); `breakage` pays unused
/// value to the merchant at expiry under the `none` policy. Over a whole lifecycle
/// `charge = Σ refund + Σ settle + Σ breakage`: the money nets to zero across the customer,
/// the platform and the parties. `issue_voucher`, `redeemed` and `reversed` move no money.
///
/// On the wire: `{"type": "refund", "customer_id": "ann", "voucher": "o-1/v2", "uses": 3,
/// "amount": {"amount": "100.00", "currency": "CNY"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum VoucherOrderEffect {
    /// Take the order's price from the customer.
    Charge {
        /// Who pays.
        customer_id: String,
        /// The order's price.
        amount: Money,
    },
    /// Give the customer a voucher (with its code when the deal has codes).
    IssueVoucher {
        /// The voucher id.
        voucher: String,
        /// Its uses.
        uses: u32,
        /// Its serial.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        serial: Option<u64>,
        /// Its printed code.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        code: Option<String>,
    },
    /// Uses of a voucher were redeemed in store; their value is held until settlement.
    Redeemed {
        /// The voucher id.
        voucher: String,
        /// The redemption id (the redeem command's key).
        redemption: String,
        /// The store.
        store_id: String,
        /// Uses redeemed.
        count: u32,
        /// Their value.
        amount: Money,
    },
    /// A redemption was reversed: its uses are back on the voucher.
    Reversed {
        /// The voucher id.
        voucher: String,
        /// The redemption id.
        redemption: String,
        /// Uses given back.
        count: u32,
        /// Their value.
        amount: Money,
    },
    /// Give unused value back to the customer.
    Refund {
        /// Who is refunded.
        customer_id: String,
        /// The voucher whose unused uses are refunded.
        voucher: String,
        /// Uses refunded.
        uses: u32,
        /// Their value.
        amount: Money,
    },
    /// Unused value at expiry under the `none` policy: pay it to the merchant (the plan's
    /// remainder party).
    Breakage {
        /// The voucher.
        voucher: String,
        /// Uses that lapsed.
        uses: u32,
        /// Their value.
        amount: Money,
    },
    /// Pay a redemption's value out to the parties, one ledger line each.
    Settle {
        /// The voucher.
        voucher: String,
        /// The redemption.
        redemption: String,
        /// The redemption's value (the ledger's total).
        amount: Money,
        /// The split of `amount` by the deal's plan.
        ledger: Ledger,
    },
}

/// How [`VoucherOrderEffect`] is decoded: the same variants and fields, externally tagged, fed the tag
/// first by [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[serde(
    remote = "VoucherOrderEffect",
    rename_all = "snake_case",
    deny_unknown_fields
)]
enum VoucherOrderEffectWire {
    Charge {
        customer_id: String,
        amount: Money,
    },
    IssueVoucher {
        voucher: String,
        uses: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        serial: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        code: Option<String>,
    },
    Redeemed {
        voucher: String,
        redemption: String,
        store_id: String,
        count: u32,
        amount: Money,
    },
    Reversed {
        voucher: String,
        redemption: String,
        count: u32,
        amount: Money,
    },
    Refund {
        customer_id: String,
        voucher: String,
        uses: u32,
        amount: Money,
    },
    Breakage {
        voucher: String,
        uses: u32,
        amount: Money,
    },
    Settle {
        voucher: String,
        redemption: String,
        amount: Money,
        ledger: Ledger,
    },
}
crate::wire::tagged_deserialize!(VoucherOrderEffect, VoucherOrderEffectWire, "type");

impl VoucherOrderEffect {
    /// The money this effect moves out of the platform's hands (refund, breakage, settle),
    /// into them (charge, negated: a charge returns its amount as a negative outflow), or
    /// `None` for effects that move no money.
    pub fn outflow(&self) -> Option<Money> {
        match self {
            VoucherOrderEffect::Charge { amount, .. } => Some(amount.negate()),
            VoucherOrderEffect::Refund { amount, .. }
            | VoucherOrderEffect::Breakage { amount, .. }
            | VoucherOrderEffect::Settle { amount, .. } => Some(*amount),
            VoucherOrderEffect::IssueVoucher { .. }
            | VoucherOrderEffect::Redeemed { .. }
            | VoucherOrderEffect::Reversed { .. } => None,
        }
    }
}
