//! Why a promotion did not apply, and what would make it apply.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::wire::decimal::option_decimal_string;

/// The stable code of a rejection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    /// Before its validity window.
    NotStarted,
    /// After its validity window.
    Expired,
    /// Outside its local time slots.
    NotInTimeSlot,
    /// The order's channel is not allowed.
    WrongChannel,
    /// The order's store is not allowed (or unknown while an allow list is set).
    WrongStore,
    /// Only for a first order.
    NotFirstOrder,
    /// Needs a membership tier the customer does not have.
    MemberTierRequired,
    /// Used up by everyone.
    UsageLimitReached,
    /// Used up by this customer.
    PerCustomerLimitReached,
    /// No promotable line matches its target.
    NotTargetable,
    /// The targeted quantity is too small.
    MinQuantityNotMet,
    /// The targeted spend is too small.
    MinSpendNotMet,
    /// Eligible, but there is nothing left to discount (prices already at or below it, no
    /// delivery fee).
    NothingToDiscount,
    /// A promotion earlier in the pipeline said `stop_after`.
    StoppedByPriorDiscount,
    /// Another combination saves the customer more (including a better member of its group).
    LostToBetterCombination,
    /// An exclusive promotion applies instead.
    ExcludedByExclusive,
    /// A coupon the customer did not select (explicit selection).
    NotSelected,
    /// Not evaluated: the bounded search reached its limit first.
    SearchBoundReached,
}

/// What would make a promotion apply, for the customer to see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Hint {
    /// `add_amount`, `add_items` or `wait_until`.
    pub code: HintCode,
    /// For `add_amount`: how much more to spend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// For `add_items`: how many more units.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "option_decimal_string"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::wire::DecimalString>")
    )]
    pub quantity: Option<Decimal>,
    /// For `wait_until`: when it becomes valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub at: Option<DateTime<FixedOffset>>,
    /// The hint in plain English ("add 40.00 more to unlock").
    pub message: String,
}

/// The kind of a [`Hint`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum HintCode {
    /// Spend more.
    AddAmount,
    /// Add more units.
    AddItems,
    /// Come back later.
    WaitUntil,
}

/// Why one promotion did not apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rejection {
    /// The promotion.
    pub promotion_id: String,
    /// The stable reason code.
    pub reason: ReasonCode,
    /// The reason's parameters (for example `required`, `actual`, `by`), as strings.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    /// What would make it apply, where something would.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Hint>,
}

impl Hint {
    pub(crate) fn add_amount(amount: Money, what: &str) -> Hint {
        Hint {
            code: HintCode::AddAmount,
            message: format!("add {} more {what}", amount.amount()),
            amount: Some(amount),
            quantity: None,
            at: None,
        }
    }

    pub(crate) fn add_items(count: Decimal, what: &str) -> Hint {
        let noun = if count == Decimal::ONE {
            "item"
        } else {
            "items"
        };
        Hint {
            code: HintCode::AddItems,
            message: format!("add {count} more {noun} {what}"),
            amount: None,
            quantity: Some(count),
            at: None,
        }
    }

    pub(crate) fn wait_until(at: DateTime<FixedOffset>, message: String) -> Hint {
        Hint {
            code: HintCode::WaitUntil,
            amount: None,
            quantity: None,
            at: Some(at),
            message,
        }
    }
}
