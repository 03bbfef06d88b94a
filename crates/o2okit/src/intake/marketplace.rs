//! The marketplace payload: an order from a Dianping/Meituan-style local-services platform.

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::normalize::{Draft, DraftFee, DraftLine, FeeAmount};
use super::source::Source;
use crate::money::Money;
use crate::promo::{Channel, FundedBy};
use crate::roles::{Party, Role};
use crate::split::{FundedDiscount, SplitBase};
use crate::wire::decimal::decimal_string;
use crate::Error;

/// An order from a third-party local-services platform (source `marketplace`). o2okit's
/// own shape, not any platform's API.
///
/// - **Prices**: `items` at their list prices. Two discounts may apply: the
///   `merchant_discount` (the shop's own activity, funded by the merchant: a price
///   reduction) and the `platform_subsidy` (funded by the platform: in the split, a subsidy
///   line charged to the platform, and the merchant is paid as if the customer had paid it).
/// - **Commission**: either a `{"rate": "18"}` percent of the goods base (items less the
///   merchant discount; the platform subsidy counts as paid), rounded half-even to the
///   minor unit, or the platform's own figure `{"amount": {...}}`, taken as is. It becomes
///   the `commission` fee, paid to the platform in the role `platform`.
/// - **Delivery**: `by: platform_rider` (the platform's riders deliver: the whole delivery
///   fee is a `platform_delivery` fee paid to the platform in the role `logistics`),
///   `merchant` (the shop delivers and keeps the fee) or `pickup` (no fee allowed).
/// - Must hold: items − merchant discount − platform subsidy + delivery fee = `user_paid`.
///   Order ids are unique per platform: `platform` is the scope.
///
/// ```json
/// {"platform": "mt", "platform_order_id": "9001", "shop_id": "s-1", "ordered_at": "2026-05-01T12:00:00+08:00",
///  "items": [{"item_code": "set-a", "quantity": 2, "list_price": {"amount": "50.00", "currency": "CNY"}}],
///  "merchant_discount": {"amount": "10.00", "currency": "CNY"},
///  "platform_subsidy": {"amount": "5.00", "currency": "CNY"},
///  "delivery": {"by": "platform_rider", "fee": {"amount": "4.00", "currency": "CNY"}},
///  "user_paid": {"amount": "89.00", "currency": "CNY"}, "commission": {"rate": "18"}}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MarketplacePayload {
    /// The platform's party id: the scope of the order id, and the payee of its fees.
    pub platform: String,
    /// The platform's order id: the external id.
    pub platform_order_id: String,
    /// The shop (store) as the platform knows it.
    pub shop_id: String,
    /// The platform's buyer id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_id: Option<String>,
    /// The buyer's phone as the platform passes it on (often masked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_phone: Option<String>,
    /// The delivery address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// When the order was placed, RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub ordered_at: DateTime<FixedOffset>,
    /// The items at list price.
    pub items: Vec<MarketplaceItem>,
    /// The shop's own discount (funded by the merchant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_discount: Option<Money>,
    /// The platform's discount (funded by the platform).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_subsidy: Option<Money>,
    /// Who delivers, and the fee the customer paid for it.
    pub delivery: MarketplaceDelivery,
    /// What the customer paid the platform.
    pub user_paid: Money,
    /// The platform's commission.
    pub commission: Commission,
}

/// One item of a marketplace order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MarketplaceItem {
    /// The product id as the shop lists it.
    pub item_code: String,
    /// How many (at least 1).
    pub quantity: u32,
    /// The unit list price.
    pub list_price: Money,
}

/// Who delivers a marketplace order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryBy {
    /// The platform's riders: the delivery fee goes to the platform (role `logistics`).
    PlatformRider,
    /// The shop itself: it keeps the delivery fee.
    Merchant,
    /// No delivery: the customer picks up (channel `online_pickup`).
    Pickup,
}

/// The delivery of a marketplace order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MarketplaceDelivery {
    /// Who delivers.
    pub by: DeliveryBy,
    /// The delivery fee the customer paid (none for pickup).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Money>,
}

/// A marketplace commission: a rate of the goods base, or the platform's own figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Commission {
    /// Percent (0–100) of the goods base, rounded half-even to the minor unit.
    Rate(
        #[serde(with = "decimal_string")]
        #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
        Decimal,
    ),
    /// The platform's own figure.
    Amount(Money),
}

impl MarketplacePayload {
    pub(crate) fn draft(&self) -> Result<Draft, Error> {
        let channel = match self.delivery.by {
            DeliveryBy::Pickup => Channel::OnlinePickup,
            DeliveryBy::PlatformRider | DeliveryBy::Merchant => Channel::OnlineDelivery,
        };
        let mut draft = Draft::new(
            Source::Marketplace,
            &self.platform_order_id,
            &self.shop_id,
            channel,
            self.ordered_at,
            self.user_paid,
        )?;
        if self.platform.trim().is_empty() {
            return Err(Draft::invalid(
                Source::Marketplace,
                "payload.platform",
                "name the platform: it is the scope of the order id and the payee of its fees",
            ));
        }
        draft.scope = Some(self.platform.clone());
        draft.customer.id.clone_from(&self.buyer_id);
        draft.customer.phone.clone_from(&self.buyer_phone);
        draft.customer.address.clone_from(&self.address);
        draft.payment_method = Some("platform".into());
        draft.lines = self
            .items
            .iter()
            .map(|i| DraftLine::new(&i.item_code, i.list_price, Decimal::from(i.quantity)))
            .collect();
        let funder = |role: &str, party: Option<&str>| FundedBy {
            role: role.into(),
            party_id: party.map(str::to_string),
        };
        if let Some(amount) = self.merchant_discount {
            draft.discounts.push(FundedDiscount {
                promotion_id: "merchant_discount".into(),
                amount,
                funded_by: funder("merchant", None),
                on: Default::default(),
            });
        }
        if let Some(amount) = self.platform_subsidy {
            draft.discounts.push(FundedDiscount {
                promotion_id: "platform_subsidy".into(),
                amount,
                funded_by: funder("platform", Some(&self.platform)),
                on: Default::default(),
            });
        }
        draft.delivery_fee = self.delivery.fee;
        if self.delivery.by == DeliveryBy::Pickup && self.delivery.fee.is_some_and(|f| !f.is_zero())
        {
            return Err(Draft::invalid(
                Source::Marketplace,
                "payload.delivery.fee",
                "a pickup order has no delivery fee",
            ));
        }
        draft.fees.push(DraftFee {
            id: "commission".into(),
            party: Party::new(Role::Platform, self.platform.clone()),
            base: SplitBase::Goods,
            amount: match &self.commission {
                Commission::Rate(rate) => FeeAmount::Percent(*rate),
                Commission::Amount(amount) => FeeAmount::Fixed(*amount),
            },
            field: "payload.commission",
        });
        if let (DeliveryBy::PlatformRider, Some(fee)) = (self.delivery.by, self.delivery.fee) {
            draft.fees.push(DraftFee {
                id: "platform_delivery".into(),
                party: Party::new(Role::Logistics, self.platform.clone()),
                base: SplitBase::DeliveryFee,
                amount: FeeAmount::Fixed(fee),
                field: "payload.delivery.fee",
            });
        }
        Ok(draft)
    }
}
