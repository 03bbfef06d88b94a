//! The vocabulary of the flows: the four flows, the two channels, the stages of a touchpoint
//! and the parts a touchpoint can play in a classification.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::definition::{flow_definition, FlowDefinition};

/// The four O2O flows of the seeds (O2O四大模式): two basic ones and two derived ones.
///
/// | # | flow | wire name | 中文 | seed example |
/// |---|---|---|---|---|
/// | 1 | [`Flow::OnlineToOffline`] | `online_to_offline` | 先线上后线下 | a group-buy voucher bought online, redeemed in store (Meituan / Dianping) |
/// | 2 | [`Flow::OfflineToOnline`] | `offline_to_online` | 先线下后线上 | a store's QR code or staff, an online order, delivery or pickup (Suning) |
/// | 3 | [`Flow::OnlineToOfflineToOnline`] | `online_to_offline_to_online` | 先线上后线下再线上 | online marketing, a try in a partner store, an online purchase fulfilled by the nearest store (JD) |
/// | 4 | [`Flow::OfflineToOnlineToOffline`] | `offline_to_online_to_offline` | 先线下后线上再线下 | store marketing, an order on the own app or WeChat, eaten in the store (Papa John's) |
///
/// [`Flow::definition`] gives each flow's steps, roles and lifecycle as data;
/// [`classify`](crate::classify) reads a flow off a journey's touchpoints.
///
/// ```
/// use o2okit::Flow;
/// assert_eq!(Flow::ALL.len(), 4);
/// assert_eq!(Flow::OnlineToOfflineToOnline.number(), 3);
/// assert_eq!(Flow::OfflineToOnline.as_str(), "offline_to_online");
/// assert_eq!(Flow::OnlineToOffline.name_zh(), "先线上后线下");
/// let flow: Flow = serde_json::from_str(r#""offline_to_online_to_offline""#).unwrap();
/// assert_eq!(flow, Flow::OfflineToOnlineToOffline);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Flow {
    /// 1: online marketing and transaction, offline consumption (先线上后线下).
    OnlineToOffline,
    /// 2: offline marketing, online transaction, delivery or pickup (先线下后线上).
    OfflineToOnline,
    /// 3: online marketing, offline experience, online transaction (先线上后线下再线上).
    OnlineToOfflineToOnline,
    /// 4: offline marketing, online transaction, offline consumption (先线下后线上再线下).
    OfflineToOnlineToOffline,
}

impl Flow {
    /// The four flows, in the seeds' order (1 to 4).
    pub const ALL: [Flow; 4] = [
        Flow::OnlineToOffline,
        Flow::OfflineToOnline,
        Flow::OnlineToOfflineToOnline,
        Flow::OfflineToOnlineToOffline,
    ];

    /// The flow's number in the seeds (1 to 4).
    pub fn number(self) -> u8 {
        match self {
            Flow::OnlineToOffline => 1,
            Flow::OfflineToOnline => 2,
            Flow::OnlineToOfflineToOnline => 3,
            Flow::OfflineToOnlineToOffline => 4,
        }
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Flow::OnlineToOffline => "online_to_offline",
            Flow::OfflineToOnline => "offline_to_online",
            Flow::OnlineToOfflineToOnline => "online_to_offline_to_online",
            Flow::OfflineToOnlineToOffline => "offline_to_online_to_offline",
        }
    }

    /// The seeds' Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            Flow::OnlineToOffline => "先线上后线下",
            Flow::OfflineToOnline => "先线下后线上",
            Flow::OnlineToOfflineToOnline => "先线上后线下再线上",
            Flow::OfflineToOnlineToOffline => "先线下后线上再线下",
        }
    }

    /// The flow's definition: its steps, the roles that take part, its lifecycle (the same
    /// as [`flow_definition`]).
    pub fn definition(self) -> FlowDefinition {
        flow_definition(self)
    }
}

impl fmt::Display for Flow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a touchpoint happens: online or offline.
///
/// - `offline`: in the physical world: in a store, a showroom, a restaurant or a pickup
///   point, a poster or a QR code in the store, a member of staff, and the physical
///   handing-over of goods (a pickup, a delivery by the store or a rider).
/// - `online`: on a screen: an ad, a website, an app, a mini-program, a social or review
///   platform, a payment in an app, and anything delivered digitally (an e-ticket, a code).
///
/// This is coarser than the promotion [`Channel`](crate::Channel) (`online_delivery`,
/// `online_pickup`, `in_store`, `dine_in`), which names how one order is taken and served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum JourneyChannel {
    /// On a screen.
    Online,
    /// In the physical world.
    Offline,
}

impl JourneyChannel {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            JourneyChannel::Online => "online",
            JourneyChannel::Offline => "offline",
        }
    }
}

impl fmt::Display for JourneyChannel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a touchpoint is, in the seeds' business loop (marketing → transaction →
/// experience / fulfilment).
///
/// The brief's table has one column "experience / fulfilment"; o2okit keeps **two** stages,
/// because the flows need the difference:
///
/// - an **experience** is the customer *using or trying* the product or service: a try in a
///   showroom *before* buying (flow 3), a dinner or a redeemed voucher *after* buying (flows
///   1 and 4);
/// - a **fulfilment** is the goods or the service being *handed over*: a delivery, a pickup,
///   an e-ticket sent (flows 2 and 3).
///
/// A dine-in after an online order makes flow 4, a delivery after the same order makes flow
/// 2: only the stage tells them apart. Whether an experience counts before or after the
/// purchase is read from its time, not from its stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum JourneyStage {
    /// The customer is reached: an ad, a post, a poster, a QR code, a recommendation.
    Marketing,
    /// The customer uses or tries the product or service: a showroom visit, a tasting, a
    /// dinner, a redeemed voucher (核销), a service in the store.
    Experience,
    /// The customer orders and pays.
    Transaction,
    /// The goods or the service are handed over: a delivery, a pickup, an e-ticket.
    Fulfilment,
}

impl JourneyStage {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            JourneyStage::Marketing => "marketing",
            JourneyStage::Experience => "experience",
            JourneyStage::Transaction => "transaction",
            JourneyStage::Fulfilment => "fulfilment",
        }
    }
}

impl fmt::Display for JourneyStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The part a touchpoint plays in deciding a journey's flow, in journey order.
///
/// | part | wire | the touchpoint that fills it |
/// |---|---|---|
/// | [`JourneyPart::FirstTouch`] | `first_touch` | the first marketing or experience touchpoint before the transaction: where the customer was won |
/// | [`JourneyPart::Experience`] | `experience` | the first offline experience before the transaction, after an online first touch (flow 3) |
/// | [`JourneyPart::Transaction`] | `transaction` | the first transaction |
/// | [`JourneyPart::Consumption`] | `consumption` | an experience or fulfilment after the transaction: where the value was consumed |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum JourneyPart {
    /// Where the customer was won: the first marketing or experience touchpoint before the
    /// transaction.
    FirstTouch,
    /// An offline experience between an online first touch and an online transaction.
    Experience,
    /// The (first) transaction.
    Transaction,
    /// Where the value was consumed or handed over, after the transaction.
    Consumption,
}

impl JourneyPart {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            JourneyPart::FirstTouch => "first_touch",
            JourneyPart::Experience => "experience",
            JourneyPart::Transaction => "transaction",
            JourneyPart::Consumption => "consumption",
        }
    }
}

impl fmt::Display for JourneyPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_match_serde() {
        for flow in Flow::ALL {
            assert_eq!(
                serde_json::to_value(flow).unwrap(),
                serde_json::Value::from(flow.as_str())
            );
            assert_eq!(flow.to_string(), flow.as_str());
        }
        assert_eq!(
            Flow::ALL.map(Flow::number),
            [1, 2, 3, 4],
            "ALL is in the seeds' order"
        );
        for channel in [JourneyChannel::Online, JourneyChannel::Offline] {
            assert_eq!(
                serde_json::to_value(channel).unwrap(),
                serde_json::Value::from(channel.as_str())
            );
        }
        for stage in [
            JourneyStage::Marketing,
            JourneyStage::Experience,
            JourneyStage::Transaction,
            JourneyStage::Fulfilment,
        ] {
            assert_eq!(
                serde_json::to_value(stage).unwrap(),
                serde_json::Value::from(stage.as_str())
            );
        }
        for part in [
            JourneyPart::FirstTouch,
            JourneyPart::Experience,
            JourneyPart::Transaction,
            JourneyPart::Consumption,
        ] {
            assert_eq!(
                serde_json::to_value(part).unwrap(),
                serde_json::Value::from(part.as_str())
            );
        }
    }
}
