//! The commands an order takes, each with an idempotency key and an actor.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::money::Money;

/// Who sends a command. Each command names the actors that may send it (see
/// [`VoucherOrderCommand`] and [`StoreOrderCommand`](crate::StoreOrderCommand)); another
/// actor is `command_not_allowed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LifecycleActor {
    /// The customer who bought the order.
    Customer,
    /// Store staff at the counter.
    Staff,
    /// The platform (settlement).
    Platform,
    /// The platform's scheduler (expiry).
    Scheduler,
    /// The rider or courier who delivers an order (store orders).
    Logistics,
}

impl LifecycleActor {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            LifecycleActor::Customer => "customer",
            LifecycleActor::Staff => "staff",
            LifecycleActor::Platform => "platform",
            LifecycleActor::Scheduler => "scheduler",
            LifecycleActor::Logistics => "logistics",
        }
    }
}

/// One command to a voucher order. The time is not part of it: it is the `now` given to
/// [`voucher_order_step`](crate::voucher_order_step).
///
/// Every command carries an idempotency `key` (not empty): the first command with a key is
/// applied; the identical command again is a `duplicate` (same effects returned, nothing
/// applied); the key with another command is [`Error::IdempotencyConflict`](crate::Error::IdempotencyConflict).
/// A rejected command does not use up its key.
///
/// | command | actor |
/// |---|---|
/// | `pay` | customer |
/// | `redeem`, `reverse` | staff |
/// | `refund` | customer |
/// | `expire` | scheduler |
/// | `settle` | platform |
///
/// On the wire: `{"type": "redeem", "key": "r-1", "actor": "staff", "voucher": "o-1/v1",
/// "store_id": "S1", "count": 2}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum VoucherOrderCommand {
    /// The customer pays the order (`amount` must equal `price × vouchers`); the vouchers
    /// are issued in the same step. Only before `valid_until`.
    Pay {
        /// Idempotency key.
        key: String,
        /// Who sends it (customer).
        actor: LifecycleActor,
        /// The amount paid.
        amount: Money,
        /// With deal codes: the serial of the first voucher (voucher `i` gets `serial + i`,
        /// counting from 0). The caller allocates serials so that no two orders share one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        serial: Option<u64>,
    },
    /// Staff redeem (核销) `count` uses of a voucher at a store. The command's key becomes
    /// the redemption's id.
    Redeem {
        /// Idempotency key, and the redemption's id.
        key: String,
        /// Who sends it (staff).
        actor: LifecycleActor,
        /// The voucher id (from `issue_voucher`).
        voucher: String,
        /// The redeeming store.
        store_id: String,
        /// The staff member, for the record.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        staff_id: Option<String>,
        /// Uses to redeem (at least 1).
        #[serde(default = "one")]
        count: u32,
    },
    /// Staff reverse a redemption inside its reversal window, before it was settled.
    Reverse {
        /// Idempotency key.
        key: String,
        /// Who sends it (staff).
        actor: LifecycleActor,
        /// The redemption (the key of its `redeem`).
        redemption: String,
    },
    /// The customer refunds the unused uses of some vouchers (all vouchers when `vouchers`
    /// is empty). Only under the `any_time` refund policy.
    Refund {
        /// Idempotency key.
        key: String,
        /// Who sends it (customer).
        actor: LifecycleActor,
        /// The vouchers whose unused uses to refund; empty: every voucher with uses left.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        vouchers: Vec<String>,
    },
    /// The scheduler expires the order at or after `valid_until`: unused uses are refunded
    /// (`any_time`, `at_expiry`) or become breakage (`none`). Once per order.
    Expire {
        /// Idempotency key.
        key: String,
        /// Who sends it (scheduler).
        actor: LifecycleActor,
    },
    /// The platform settles redemptions whose reversal window has passed: one split per
    /// redemption. Without `redemptions`, every one that is due (neither reversed nor
    /// settled, window passed; none due is a success without effects); with `redemptions`,
    /// exactly those, each of which must be due.
    Settle {
        /// Idempotency key.
        key: String,
        /// Who sends it (platform).
        actor: LifecycleActor,
        /// The redemptions to settle (their redeem keys); empty: every due one.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        redemptions: Vec<String>,
    },
}

/// How [`VoucherOrderCommand`] is decoded: the same variants and fields, externally tagged, fed the tag
/// first by [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[serde(
    remote = "VoucherOrderCommand",
    rename_all = "snake_case",
    deny_unknown_fields
)]
enum VoucherOrderCommandWire {
    Pay {
        key: String,
        actor: LifecycleActor,
        amount: Money,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        serial: Option<u64>,
    },
    Redeem {
        key: String,
        actor: LifecycleActor,
        voucher: String,
        store_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        staff_id: Option<String>,
        #[serde(default = "one")]
        count: u32,
    },
    Reverse {
        key: String,
        actor: LifecycleActor,
        redemption: String,
    },
    Refund {
        key: String,
        actor: LifecycleActor,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        vouchers: Vec<String>,
    },
    Expire {
        key: String,
        actor: LifecycleActor,
    },
    Settle {
        key: String,
        actor: LifecycleActor,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        redemptions: Vec<String>,
    },
}
crate::wire::tagged_deserialize!(VoucherOrderCommand, VoucherOrderCommandWire, "type");

fn one() -> u32 {
    1
}

impl VoucherOrderCommand {
    /// The idempotency key.
    pub fn key(&self) -> &str {
        match self {
            VoucherOrderCommand::Pay { key, .. }
            | VoucherOrderCommand::Redeem { key, .. }
            | VoucherOrderCommand::Reverse { key, .. }
            | VoucherOrderCommand::Refund { key, .. }
            | VoucherOrderCommand::Expire { key, .. }
            | VoucherOrderCommand::Settle { key, .. } => key,
        }
    }

    /// The actor that sent it.
    pub fn actor(&self) -> LifecycleActor {
        match self {
            VoucherOrderCommand::Pay { actor, .. }
            | VoucherOrderCommand::Redeem { actor, .. }
            | VoucherOrderCommand::Reverse { actor, .. }
            | VoucherOrderCommand::Refund { actor, .. }
            | VoucherOrderCommand::Expire { actor, .. }
            | VoucherOrderCommand::Settle { actor, .. } => *actor,
        }
    }

    /// The command's wire type.
    pub fn name(&self) -> &'static str {
        match self {
            VoucherOrderCommand::Pay { .. } => "pay",
            VoucherOrderCommand::Redeem { .. } => "redeem",
            VoucherOrderCommand::Reverse { .. } => "reverse",
            VoucherOrderCommand::Refund { .. } => "refund",
            VoucherOrderCommand::Expire { .. } => "expire",
            VoucherOrderCommand::Settle { .. } => "settle",
        }
    }

    /// The one actor allowed to send this command.
    pub fn expected_actor(&self) -> LifecycleActor {
        match self {
            VoucherOrderCommand::Pay { .. } | VoucherOrderCommand::Refund { .. } => {
                LifecycleActor::Customer
            }
            VoucherOrderCommand::Redeem { .. } | VoucherOrderCommand::Reverse { .. } => {
                LifecycleActor::Staff
            }
            VoucherOrderCommand::Expire { .. } => LifecycleActor::Scheduler,
            VoucherOrderCommand::Settle { .. } => LifecycleActor::Platform,
        }
    }
}

/// A command with its time, for [`voucher_order_replay`](crate::voucher_order_replay).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TimedVoucherCommand {
    /// When the command happened (its `now`).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// The command.
    pub command: VoucherOrderCommand,
}
