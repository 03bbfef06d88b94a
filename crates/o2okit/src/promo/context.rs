//! Everything a quote depends on besides the cart and the promotions.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// How the order reaches the customer: the O2O channel that channel conditions test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Ordered online, delivered (外卖).
    OnlineDelivery,
    /// Ordered online, picked up in store (自提).
    OnlinePickup,
    /// Bought at the counter (到店).
    InStore,
    /// Eaten in the store (堂食).
    DineIn,
}

impl Channel {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::OnlineDelivery => "online_delivery",
            Channel::OnlinePickup => "online_pickup",
            Channel::InStore => "in_store",
            Channel::DineIn => "dine_in",
        }
    }
}

/// What the engine knows about the customer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// The customer id (needed for per-customer limits and held coupons).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The membership tier, if a member (for member prices and tier conditions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_tier: Option<String>,
    /// Whether this would be the customer's first order.
    #[serde(default)]
    pub first_order: bool,
}

/// How often a promotion has been used so far, supplied by the caller (the engine stores
/// nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UsageCount {
    /// The promotion id.
    pub promotion_id: String,
    /// Redemptions by everyone.
    #[serde(default)]
    pub total: u64,
    /// Redemptions by this customer.
    #[serde(default)]
    pub customer: u64,
}

/// Which coupons the customer wants applied.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", tag = "mode")]
pub enum CouponSelection {
    /// Choose the combination of held coupons that saves the customer the most (bounded
    /// search; the quote says whether the answer is proven optimal). The default.
    #[default]
    BestForCustomer,
    /// Apply these coupons (by promotion id) whenever they are eligible and combine with each
    /// other; the automatic offers are chosen around them.
    Explicit {
        /// Promotion ids of the coupons to apply.
        coupons: Vec<String>,
    },
}

/// How [`CouponSelection`] is decoded: the same variants and fields, externally tagged, fed the tag
/// first by [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[serde(remote = "CouponSelection", rename_all = "snake_case")]
enum CouponSelectionWire {
    BestForCustomer,
    Explicit { coupons: Vec<String> },
}
crate::wire::tagged_deserialize!(CouponSelection, CouponSelectionWire, "mode");

/// The time, channel, store, customer facts and usage counts a quote is computed for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QuoteContext {
    /// The instant of the quote, RFC 3339 (the engine reads no clock).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub now: DateTime<FixedOffset>,
    /// The order's channel.
    pub channel: Channel,
    /// The store that fulfils the order, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_id: Option<String>,
    /// The customer.
    #[serde(default)]
    pub customer: Customer,
    /// Usage so far, per promotion (missing means zero).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub usage: Vec<UsageCount>,
    /// Which held coupons to apply.
    #[serde(default)]
    pub coupons: CouponSelection,
}
