//! Promotions as data: what they give, to what, when, who pays, and how they combine.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::context::Channel;
use super::schedule::Schedule;
use crate::money::Money;
use crate::wire::decimal::{decimal_string, option_decimal_string};

/// A promotion: an automatic offer or a coupon the customer holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Promotion {
    /// Unique among the promotions of a quote.
    pub id: String,
    /// A label for receipts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `automatic` offers apply whenever eligible; `coupon`s are held by the customer and
    /// chosen (best for the customer, or explicitly).
    #[serde(default)]
    pub trigger: Trigger,
    /// What the promotion gives.
    pub discount: Discount,
    /// Who pays for every discounted cent.
    pub funded_by: FundedBy,
    /// The most this promotion may take off one order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_discount: Option<Money>,
    /// When, where and to whom it applies.
    #[serde(default)]
    pub conditions: Conditions,
    /// How it combines with other promotions.
    #[serde(default)]
    pub stacking: Stacking,
    /// Whether it is computed on the original prices or on prices after earlier discounts
    /// (the default).
    #[serde(default)]
    pub base: Base,
    /// Whether spend thresholds (minimum subtotal, 满减 tiers) are checked on the subtotal
    /// after earlier discounts (the default) or on the original subtotal.
    #[serde(default)]
    pub threshold_on: Base,
}

/// How a promotion is triggered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// Applies whenever it is eligible.
    #[default]
    Automatic,
    /// A coupon the customer holds; applied when selected.
    Coupon,
}

/// Original prices or prices after earlier discounts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Base {
    /// After the discounts applied earlier in the pipeline. The default.
    #[default]
    Discounted,
    /// The list prices, ignoring earlier discounts. The discount is still never more than
    /// what is left to pay on the eligible lines.
    Original,
}

/// Who pays for a discount. The revenue split charges each discounted cent to its payer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FundedBy {
    /// The paying role: `platform`, `merchant`, `brand`, `supplier`, `influencer`, … (any
    /// role name).
    pub role: String,
    /// The paying party, when the role alone does not name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_id: Option<String>,
}

/// Which lines a promotion looks at: included products or categories (none listed means
/// every promotable line), minus the exclusions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Product ids to include.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<String>,
    /// Category ids to include.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Product ids to exclude (wins over inclusion).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_products: Vec<String>,
    /// Category ids to exclude (wins over inclusion).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_categories: Vec<String>,
}

impl Target {
    /// Whether a line with this product and these categories is targeted.
    pub fn matches(&self, product_id: &str, categories: &[String]) -> bool {
        let excluded = self.exclude_products.iter().any(|p| p == product_id)
            || categories
                .iter()
                .any(|c| self.exclude_categories.contains(c));
        if excluded {
            return false;
        }
        (self.products.is_empty() && self.categories.is_empty())
            || self.products.iter().any(|p| p == product_id)
            || categories.iter().any(|c| self.categories.contains(c))
    }
}

macro_rules! allow_deny {
    ($(#[$doc:meta])* $name:ident, $item:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// Only these (empty = all).
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub allow: Vec<$item>,
            /// Never these.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub deny: Vec<$item>,
        }

        impl $name {
            /// Whether `value` passes: not denied, and allowed (an empty allow list allows all).
            pub fn admits(&self, value: &$item) -> bool {
                !self.deny.contains(value) && (self.allow.is_empty() || self.allow.contains(value))
            }
        }
    };
}

allow_deny!(
    /// Channels a promotion is allowed in, or denied in.
    ChannelRule,
    Channel
);
allow_deny!(
    /// Stores a promotion is allowed in, or denied in (an allow list needs the context's store).
    StoreRule,
    String
);

/// When, where and to whom a promotion applies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    /// Minimum subtotal of the targeted lines (on the `threshold_on` base).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_subtotal: Option<Money>,
    /// Minimum quantity of targeted units.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "option_decimal_string"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::wire::DecimalString>")
    )]
    pub min_quantity: Option<Decimal>,
    /// Which lines the promotion looks at.
    #[serde(default)]
    pub target: Target,
    /// Only for a customer's first order.
    #[serde(default)]
    pub first_order_only: bool,
    /// Only for members of these tiers (empty = anyone).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub member_tiers: Vec<String>,
    /// Channels allowed or denied.
    #[serde(default)]
    pub channels: ChannelRule,
    /// Stores allowed or denied (an allow list needs the context's store id).
    #[serde(default)]
    pub stores: StoreRule,
    /// Validity window and local time slots.
    #[serde(default)]
    pub schedule: Schedule,
    /// Maximum redemptions by everyone (checked against the context's usage counts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_limit: Option<u64>,
    /// Maximum redemptions per customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_customer_limit: Option<u64>,
}

/// How a promotion combines with others.
///
/// The pipeline runs item-level discounts, then order-level, then delivery; within a level,
/// by ascending `priority`, then by id. An `exclusive` promotion applies alone. Of the
/// promotions sharing a `group`, at most one applies: the one that saves the most. After a
/// promotion with `stop_after` applies, no later promotion in the pipeline does.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Stacking {
    /// Applies alone: no other promotion applies with it.
    #[serde(default)]
    pub exclusive: bool,
    /// Order within its pipeline level (lower first).
    #[serde(default)]
    pub priority: i32,
    /// At most one promotion of a group applies (the best for the customer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Later promotions in the pipeline do not apply once this one has.
    #[serde(default)]
    pub stop_after: bool,
}

/// One tier of a spend-threshold discount (满减): spend at least `min_spend`, get `off`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ThresholdTier {
    /// The spend that unlocks the tier.
    pub min_spend: Money,
    /// The amount taken off.
    pub off: Money,
}

/// Which units an offer rewards first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RewardOrder {
    /// The cheapest units are rewarded (the merchant-friendly default).
    #[default]
    CheapestFirst,
    /// The most expensive units are rewarded.
    MostExpensiveFirst,
}

/// A fixed price for each targeted unit, or for a bundle of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FixedPricePer {
    /// Each targeted unit costs `price`.
    #[default]
    Item,
    /// Every `bundle_size` targeted units cost `price` together (most expensive units
    /// first, so the customer saves the most).
    Bundle,
}

/// What a promotion gives. Item-level kinds change the price of targeted units; order-level
/// kinds take an amount off the targeted lines, spread over them; delivery kinds discount
/// the delivery fee; a gift adds a free item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Discount {
    /// Percent off each targeted line (item level, 折扣).
    PercentOffItems {
        /// Percent taken off, 0–100 (`"20"` = 20% off, i.e. 8折).
        #[serde(with = "decimal_string")]
        #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
        percent: Decimal,
    },
    /// An amount off each targeted unit (item level, 立减 per item).
    AmountOffItems {
        /// Taken off each unit (never below zero).
        amount: Money,
    },
    /// A fixed price for targeted units, per item or per bundle (item level).
    FixedPrice {
        /// The price.
        price: Money,
        /// Per item or per bundle.
        #[serde(default)]
        per: FixedPricePer,
        /// Units in a bundle (for `per: bundle`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        bundle_size: Option<u32>,
    },
    /// The n-th unit of the targeted units at a percent off (第二件半价: n = 2, 50).
    NthItem {
        /// Every n-th unit.
        n: u32,
        /// Percent off that unit (100 = free).
        #[serde(with = "decimal_string")]
        #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
        percent: Decimal,
    },
    /// Buy `buy` targeted units, get `get` units at `percent` off (100 = free).
    BuyXGetY {
        /// Units to buy.
        buy: u32,
        /// Units rewarded.
        get: u32,
        /// Percent off the rewarded units (100 = free).
        #[serde(with = "decimal_string")]
        #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
        percent: Decimal,
        /// Which units are rewarded.
        #[serde(default)]
        reward: RewardOrder,
        /// The most times the offer repeats in one order (none = as often as possible).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_applications: Option<u32>,
    },
    /// Member prices by product (item level; usually with a `member_tiers` condition).
    MemberPrice {
        /// Price per unit by product id.
        prices: Vec<MemberPriceEntry>,
    },
    /// Percent off the targeted lines' subtotal (order level).
    PercentOffOrder {
        /// Percent taken off, 0–100.
        #[serde(with = "decimal_string")]
        #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
        percent: Decimal,
    },
    /// An amount off the order (立减; order level).
    AmountOffOrder {
        /// The amount.
        amount: Money,
    },
    /// A coupon with no threshold (无门槛券): an amount off the order.
    NoThreshold {
        /// The amount.
        amount: Money,
    },
    /// Spend thresholds (满减): the highest tier reached applies, e.g. 150 off 20, 300 off 50.
    Threshold {
        /// The tiers, in any order.
        tiers: Vec<ThresholdTier>,
    },
    /// Every full `step` spent takes `off` off (每满100减10), up to an optional cap.
    Repeating {
        /// The step of spend.
        step: Money,
        /// Off per full step.
        off: Money,
        /// The most it takes off.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cap: Option<Money>,
    },
    /// Free or cheaper delivery.
    Delivery {
        /// Percent off the delivery fee (100 = free delivery).
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "option_decimal_string"
        )]
        #[cfg_attr(
            feature = "schema",
            schemars(with = "Option<crate::wire::DecimalString>")
        )]
        percent: Option<Decimal>,
        /// Or an amount off the delivery fee.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount: Option<Money>,
    },
    /// A free gift added to the order.
    Gift {
        /// The gift's product id.
        product_id: String,
        /// How many.
        #[serde(default = "one")]
        quantity: u32,
        /// Its value (what the funder pays for it); it does not change the total.
        value: Money,
    },
}

/// How [`Discount`] is decoded: the same variants and fields, externally tagged, fed the tag
/// first by [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[serde(remote = "Discount", rename_all = "snake_case", deny_unknown_fields)]
enum DiscountWire {
    PercentOffItems {
        #[serde(with = "decimal_string")]
        percent: Decimal,
    },
    AmountOffItems {
        amount: Money,
    },
    FixedPrice {
        price: Money,
        #[serde(default)]
        per: FixedPricePer,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        bundle_size: Option<u32>,
    },
    NthItem {
        n: u32,
        #[serde(with = "decimal_string")]
        percent: Decimal,
    },
    BuyXGetY {
        buy: u32,
        get: u32,
        #[serde(with = "decimal_string")]
        percent: Decimal,
        #[serde(default)]
        reward: RewardOrder,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_applications: Option<u32>,
    },
    MemberPrice {
        prices: Vec<MemberPriceEntry>,
    },
    PercentOffOrder {
        #[serde(with = "decimal_string")]
        percent: Decimal,
    },
    AmountOffOrder {
        amount: Money,
    },
    NoThreshold {
        amount: Money,
    },
    Threshold {
        tiers: Vec<ThresholdTier>,
    },
    Repeating {
        step: Money,
        off: Money,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cap: Option<Money>,
    },
    Delivery {
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "option_decimal_string"
        )]
        percent: Option<Decimal>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount: Option<Money>,
    },
    Gift {
        product_id: String,
        #[serde(default = "one")]
        quantity: u32,
        value: Money,
    },
}
crate::wire::tagged_deserialize!(Discount, DiscountWire, "type");

fn one() -> u32 {
    1
}

/// A member price for one product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MemberPriceEntry {
    /// The product id.
    pub product_id: String,
    /// The member's price per unit.
    pub price: Money,
}

/// The pipeline level of a discount kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Changes unit prices; runs first.
    Item,
    /// Takes an amount off the order's lines; runs second.
    Order,
    /// Discounts the delivery fee; runs last.
    Delivery,
}

impl Discount {
    /// The pipeline level of this discount.
    pub fn level(&self) -> Level {
        match self {
            Discount::PercentOffItems { .. }
            | Discount::AmountOffItems { .. }
            | Discount::FixedPrice { .. }
            | Discount::NthItem { .. }
            | Discount::BuyXGetY { .. }
            | Discount::MemberPrice { .. } => Level::Item,
            Discount::PercentOffOrder { .. }
            | Discount::AmountOffOrder { .. }
            | Discount::NoThreshold { .. }
            | Discount::Threshold { .. }
            | Discount::Repeating { .. }
            | Discount::Gift { .. } => Level::Order,
            Discount::Delivery { .. } => Level::Delivery,
        }
    }

    /// Whether the units it uses (to qualify or to be rewarded) are consumed, so that no
    /// other consuming offer can use them (BOGO correctness).
    pub fn consumes_units(&self) -> bool {
        matches!(
            self,
            Discount::NthItem { .. }
                | Discount::BuyXGetY { .. }
                | Discount::FixedPrice {
                    per: FixedPricePer::Bundle,
                    ..
                }
        )
    }

    /// The wire name of the kind (`percent_off_items`, `threshold`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Discount::PercentOffItems { .. } => "percent_off_items",
            Discount::AmountOffItems { .. } => "amount_off_items",
            Discount::FixedPrice { .. } => "fixed_price",
            Discount::NthItem { .. } => "nth_item",
            Discount::BuyXGetY { .. } => "buy_x_get_y",
            Discount::MemberPrice { .. } => "member_price",
            Discount::PercentOffOrder { .. } => "percent_off_order",
            Discount::AmountOffOrder { .. } => "amount_off_order",
            Discount::NoThreshold { .. } => "no_threshold",
            Discount::Threshold { .. } => "threshold",
            Discount::Repeating { .. } => "repeating",
            Discount::Delivery { .. } => "delivery",
            Discount::Gift { .. } => "gift",
        }
    }
}
