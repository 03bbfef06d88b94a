//! The channels an order can come in through, and how it reaches the customer.

use serde::{Deserialize, Serialize};

use crate::promo::Channel;

/// Where an order was taken: the source channel whose payload [`normalize`](fn@crate::normalize)
/// reads.
///
/// | source | wire name | payload | external id |
/// |---|---|---|---|
/// | [`Source::StoreCounter`] | `store_counter` | [`CounterPayload`](crate::CounterPayload) | `receipt_no`, unique per store |
/// | [`Source::OwnApp`] | `own_app` | [`OwnAppPayload`](crate::OwnAppPayload) | `order_no` |
/// | [`Source::MiniProgram`] | `mini_program` | [`MiniProgramPayload`](crate::MiniProgramPayload) | `out_trade_no`, unique per mini-program |
/// | [`Source::Marketplace`] | `marketplace` | [`MarketplacePayload`](crate::MarketplacePayload) | `platform_order_id`, unique per platform |
/// | [`Source::Phone`] | `phone` | [`PhonePayload`](crate::PhonePayload) | `call_id`, unique per store |
///
/// ```
/// use o2okit::Source;
/// let source: Source = serde_json::from_str(r#""marketplace""#).unwrap();
/// assert_eq!(source, Source::Marketplace);
/// assert_eq!(Source::StoreCounter.as_str(), "store_counter");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Rung up at a store's till (到店).
    StoreCounter,
    /// The merchant's own app or web shop.
    OwnApp,
    /// A mini-program inside a super-app (WeChat-style 小程序), paid through the super-app's
    /// payment service.
    MiniProgram,
    /// A third-party local-services platform (Dianping/Meituan-style): it takes a commission
    /// and may deliver with its own riders.
    Marketplace,
    /// Taken by phone by a member of staff.
    Phone,
}

impl Source {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::StoreCounter => "store_counter",
            Source::OwnApp => "own_app",
            Source::MiniProgram => "mini_program",
            Source::Marketplace => "marketplace",
            Source::Phone => "phone",
        }
    }
}

/// How an order taken online or by phone reaches the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Fulfilment {
    /// Delivered to an address: channel `online_delivery`.
    Delivery,
    /// Picked up in the store: channel `online_pickup`.
    Pickup,
    /// Eaten in the store (ordered from the table): channel `dine_in`.
    DineIn,
}

impl Fulfilment {
    /// The order channel this fulfilment means.
    pub fn channel(self) -> Channel {
        match self {
            Fulfilment::Delivery => Channel::OnlineDelivery,
            Fulfilment::Pickup => Channel::OnlinePickup,
            Fulfilment::DineIn => Channel::DineIn,
        }
    }
}
