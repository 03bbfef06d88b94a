//! What a step asks the caller to do: charge, refund, void, issue vouchers, notify.

use serde::{Deserialize, Serialize};

use crate::money::Money;

/// One thing the caller must do after a step. o2okit moves no money and sends nothing: it
/// returns these, in a deterministic order, and the caller carries them out.
///
/// **Order.** Within a step, the effects of time passing come first (teams whose windows
/// ended, in the order the teams were opened; then the campaign's deadline), then the
/// effects of the event itself. When a deal or a team is decided, its money effects come
/// first, one participation after the other in the order they joined (for each: a
/// `refund_difference`, then `issue_vouchers`; or a `refund_full`; or a `void_charge`),
/// and its one `notify_success` or `notify_failure` comes last.
///
/// On the wire: `{"type": "refund_full", "participation_id": "p3", "customer_id": "carol",
/// "amount": {"amount": "99.00", "currency": "CNY"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum GroupBuyEffect {
    /// Collect `amount` for a new place; confirm it with a `payment_confirmed` event.
    Charge {
        /// The new participation.
        participation_id: String,
        /// Who pays.
        customer_id: String,
        /// The team (team buy).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        team_id: Option<String>,
        /// The price due: the leader price for a team's opener, the ladder tier price for
        /// the count including the joiner, else the campaign price.
        amount: Money,
    },
    /// Stop collecting a charge that was never confirmed: its place was given up (a leave,
    /// the end of a window or deadline, a cancellation). If the money arrives anyway, refund
    /// it.
    VoidCharge {
        /// The participation.
        participation_id: String,
        /// Who was charged.
        customer_id: String,
        /// The amount of the voided charge.
        amount: Money,
    },
    /// Give back everything a participation paid (a leave, a failed deal or team, a
    /// cancellation).
    RefundFull {
        /// The participation.
        participation_id: String,
        /// Who is refunded.
        customer_id: String,
        /// The amount paid.
        amount: Money,
    },
    /// A ladder closed at a lower price than this participation paid: give back the
    /// difference.
    RefundDifference {
        /// The participation.
        participation_id: String,
        /// Who is refunded.
        customer_id: String,
        /// What it paid.
        paid: Money,
        /// The final price of the ladder.
        final_price: Money,
        /// `paid − final_price`.
        amount: Money,
    },
    /// Issue `count` vouchers to a paid participation of a successful deal or team (codes
    /// are generated elsewhere).
    IssueVouchers {
        /// The participation.
        participation_id: String,
        /// The holder.
        customer_id: String,
        /// How many (the campaign's `vouchers_per_participant`).
        count: u32,
    },
    /// The deal (tipping point, ladder) or a team succeeded: tell its participants.
    NotifySuccess {
        /// The team (team buy); absent for the campaign's deal.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        team_id: Option<String>,
        /// Paid participants (real people, never virtual places).
        participants: u32,
        /// Present when the success is a virtual fill.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        virtual_fill: Option<VirtualFillReport>,
        /// The ladder's final price.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        final_price: Option<Money>,
    },
    /// The deal or a team failed or was cancelled: tell its participants (everyone paid has
    /// a `refund_full` before this).
    NotifyFailure {
        /// The team (team buy); absent for the campaign's deal.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        team_id: Option<String>,
        /// Why.
        reason: FailureReason,
    },
}

/// How [`GroupBuyEffect`] is decoded: the same variants and fields, externally tagged, fed the tag
/// first by [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[serde(
    remote = "GroupBuyEffect",
    rename_all = "snake_case",
    deny_unknown_fields
)]
enum GroupBuyEffectWire {
    Charge {
        participation_id: String,
        customer_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        team_id: Option<String>,
        amount: Money,
    },
    VoidCharge {
        participation_id: String,
        customer_id: String,
        amount: Money,
    },
    RefundFull {
        participation_id: String,
        customer_id: String,
        amount: Money,
    },
    RefundDifference {
        participation_id: String,
        customer_id: String,
        paid: Money,
        final_price: Money,
        amount: Money,
    },
    IssueVouchers {
        participation_id: String,
        customer_id: String,
        count: u32,
    },
    NotifySuccess {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        team_id: Option<String>,
        participants: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        virtual_fill: Option<VirtualFillReport>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        final_price: Option<Money>,
    },
    NotifyFailure {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        team_id: Option<String>,
        reason: FailureReason,
    },
}
crate::wire::tagged_deserialize!(GroupBuyEffect, GroupBuyEffectWire, "type");

/// Why a deal or a team did not succeed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FailureReason {
    /// The deadline came with fewer paid places than the deal needs.
    BelowMinimum,
    /// The team's window ended before it was complete (and no virtual fill applied).
    Expired,
    /// The merchant closed the campaign before the team was complete.
    Closed,
    /// The merchant cancelled it.
    Cancelled,
    /// Every member left the team.
    EveryoneLeft,
}

/// How a virtually filled team was completed: `real` paid members and `filled` places the
/// platform filled (`real + filled` = the team size).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VirtualFillReport {
    /// Paid members.
    pub real: u32,
    /// Places filled by the platform.
    pub filled: u32,
}
