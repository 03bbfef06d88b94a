//! Each flow as data: its steps (stage and channel), the roles that take part and the
//! lifecycle it uses.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::kind::{Flow, JourneyChannel, JourneyPart, JourneyStage};
use crate::roles::Role;

/// A flow as data: its steps in journey order, the roles that take part, its lifecycle.
///
/// | flow | first touch | offline experience | transaction | consumption | lifecycle |
/// |---|---|---|---|---|---|
/// | 1 `online_to_offline` | online marketing or experience | – | online | offline experience or fulfilment (redeemed in store, delivered by the store) | `voucher` |
/// | 2 `offline_to_online` | offline marketing or experience (store, QR code, staff) | – | online | a fulfilment in either channel (delivery, pickup) or an online experience | `bound_store_order` |
/// | 3 `online_to_offline_to_online` | online marketing or experience | offline experience (showroom, partner store) | online | optional: any experience or fulfilment | `showroom_order` |
/// | 4 `offline_to_online_to_offline` | offline marketing or experience | – | online | offline experience (eaten in the store) | `store_order` |
///
/// Every flow takes the money online. The roles:
///
/// | flow | roles |
/// |---|---|
/// | 1 | platform, marketing, payment_processor, merchant, store |
/// | 2 | store, store_staff, platform, merchant, logistics |
/// | 3 | platform, marketing, store, merchant, logistics |
/// | 4 | store, platform, payment_processor, merchant |
///
/// The steps are what [`classify`](crate::classify) accepts for each part: every
/// touchpoint a `classified` result cites as evidence has one of its step's stages and, when
/// the step names one, its channel.
///
/// ```
/// use o2okit::{Flow, JourneyChannel, JourneyPart, JourneyStage, LifecycleKind, Role};
/// let voucher = Flow::OnlineToOffline.definition();
/// assert_eq!(voucher.lifecycle, LifecycleKind::Voucher);
/// let redeem = voucher.step(JourneyPart::Consumption).unwrap();
/// assert_eq!(redeem.channel, Some(JourneyChannel::Offline));
/// assert!(redeem.accepts(JourneyChannel::Offline, JourneyStage::Experience));
/// assert!(voucher.roles.contains(&Role::Store));
/// assert!(Flow::OnlineToOfflineToOnline.definition().step(JourneyPart::Experience).is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FlowDefinition {
    /// The flow.
    pub flow: Flow,
    /// Its steps, in journey order.
    pub steps: Vec<FlowStep>,
    /// The roles that take part, most visible first.
    pub roles: Vec<Role>,
    /// The lifecycle an order of this flow goes through.
    pub lifecycle: LifecycleKind,
}

impl FlowDefinition {
    /// The step for a part of the journey, if the flow has one.
    pub fn step(&self, part: JourneyPart) -> Option<&FlowStep> {
        self.steps.iter().find(|s| s.part == part)
    }
}

/// One step of a flow: which touchpoints can fill a part of the journey.
///
/// On the wire: `{"part": "consumption", "channel": "offline", "stages": ["experience",
/// "fulfilment"], "required": true}`; no `channel` means either channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FlowStep {
    /// The part of the journey.
    pub part: JourneyPart,
    /// The channel it happens in (none = either).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<JourneyChannel>,
    /// The stages a touchpoint filling it can have.
    pub stages: Vec<JourneyStage>,
    /// Whether the flow needs it; only flow 3's consumption is optional (the offline
    /// experience before the purchase already decides flow 3).
    pub required: bool,
}

impl FlowStep {
    /// Whether a touchpoint with this channel and stage can fill the step.
    pub fn accepts(&self, channel: JourneyChannel, stage: JourneyStage) -> bool {
        self.channel.is_none_or(|c| c == channel) && self.stages.contains(&stage)
    }
}

/// The lifecycle an order of a flow goes through. `voucher` is the state machine
/// [`voucher_order_step`](crate::voucher_order_step); the other three are one state machine,
/// [`store_order_step`](crate::store_order_step), whose
/// [`StoreOrderPolicy`](crate::StoreOrderPolicy) names the flow (and so which of the three
/// it runs: the touches that bind a store and staff member in flow 2, the experience store
/// and the routing to a partner store in flow 3, the sales channel's fee in flow 4).
///
/// | lifecycle | wire | flow | what happens |
/// |---|---|---|---|
/// | [`LifecycleKind::Voucher`] | `voucher` | 1 | paid online, a code issued, redeemed in store (核销), refunded on request or at expiry |
/// | [`LifecycleKind::BoundStoreOrder`] | `bound_store_order` | 2 | an online order bound to the store or staff member that won the customer (QR code, staff code), delivered or picked up, the store credited |
/// | [`LifecycleKind::ShowroomOrder`] | `showroom_order` | 3 | an online order credited to the store where the customer tried the product, routed to the store nearest the address |
/// | [`LifecycleKind::StoreOrder`] | `store_order` | 4 | an order from the own app or a third-party platform dispatched to one store and consumed there (dine-in) |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LifecycleKind {
    /// A prepaid voucher redeemed in store (flow 1).
    Voucher,
    /// An online order bound to the store that won the customer (flow 2).
    BoundStoreOrder,
    /// An online order after a try in a showroom or partner store (flow 3).
    ShowroomOrder,
    /// An online order dispatched to one store and consumed there (flow 4).
    StoreOrder,
}

impl LifecycleKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            LifecycleKind::Voucher => "voucher",
            LifecycleKind::BoundStoreOrder => "bound_store_order",
            LifecycleKind::ShowroomOrder => "showroom_order",
            LifecycleKind::StoreOrder => "store_order",
        }
    }
}

impl fmt::Display for LifecycleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn step(
    part: JourneyPart,
    channel: Option<JourneyChannel>,
    stages: &[JourneyStage],
    required: bool,
) -> FlowStep {
    FlowStep {
        part,
        channel,
        stages: stages.to_vec(),
        required,
    }
}

/// The definition of a flow: its steps, roles and lifecycle (see [`FlowDefinition`]).
pub fn flow_definition(flow: Flow) -> FlowDefinition {
    use JourneyChannel::{Offline, Online};
    use JourneyPart::{Consumption, Experience, FirstTouch, Transaction};
    let touch = [JourneyStage::Marketing, JourneyStage::Experience];
    let pay = [JourneyStage::Transaction];
    let consume = [JourneyStage::Experience, JourneyStage::Fulfilment];
    let (steps, roles, lifecycle) = match flow {
        Flow::OnlineToOffline => (
            vec![
                step(FirstTouch, Some(Online), &touch, true),
                step(Transaction, Some(Online), &pay, true),
                step(Consumption, Some(Offline), &consume, true),
            ],
            vec![
                Role::Platform,
                Role::Marketing,
                Role::PaymentProcessor,
                Role::Merchant,
                Role::Store,
            ],
            LifecycleKind::Voucher,
        ),
        Flow::OfflineToOnline => (
            vec![
                step(FirstTouch, Some(Offline), &touch, true),
                step(Transaction, Some(Online), &pay, true),
                step(Consumption, None, &consume, true),
            ],
            vec![
                Role::Store,
                Role::StoreStaff,
                Role::Platform,
                Role::Merchant,
                Role::Logistics,
            ],
            LifecycleKind::BoundStoreOrder,
        ),
        Flow::OnlineToOfflineToOnline => (
            vec![
                step(FirstTouch, Some(Online), &touch, true),
                step(Experience, Some(Offline), &[JourneyStage::Experience], true),
                step(Transaction, Some(Online), &pay, true),
                step(Consumption, None, &consume, false),
            ],
            vec![
                Role::Platform,
                Role::Marketing,
                Role::Store,
                Role::Merchant,
                Role::Logistics,
            ],
            LifecycleKind::ShowroomOrder,
        ),
        Flow::OfflineToOnlineToOffline => (
            vec![
                step(FirstTouch, Some(Offline), &touch, true),
                step(Transaction, Some(Online), &pay, true),
                step(
                    Consumption,
                    Some(Offline),
                    &[JourneyStage::Experience],
                    true,
                ),
            ],
            vec![
                Role::Store,
                Role::Platform,
                Role::PaymentProcessor,
                Role::Merchant,
            ],
            LifecycleKind::StoreOrder,
        ),
    };
    FlowDefinition {
        flow,
        steps,
        roles,
        lifecycle,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flow_pays_online_and_has_its_own_lifecycle() {
        let mut lifecycles = Vec::new();
        for flow in Flow::ALL {
            let d = flow.definition();
            assert_eq!(d.flow, flow);
            let pay = d.step(JourneyPart::Transaction).unwrap();
            assert_eq!(pay.channel, Some(JourneyChannel::Online));
            assert!(d.step(JourneyPart::FirstTouch).unwrap().required);
            assert!(!d.roles.is_empty());
            // Steps in journey order.
            assert!(d.steps.windows(2).all(|w| w[0].part < w[1].part));
            lifecycles.push(d.lifecycle);
        }
        lifecycles.sort();
        lifecycles.dedup();
        assert_eq!(lifecycles.len(), 4);
    }

    #[test]
    fn wire_shape() {
        let d = Flow::OfflineToOnline.definition();
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["flow"], "offline_to_online");
        assert_eq!(json["lifecycle"], "bound_store_order");
        assert_eq!(json["roles"][1], "store_staff");
        assert_eq!(
            json["steps"][2],
            serde_json::json!({"part": "consumption", "stages": ["experience", "fulfilment"], "required": true})
        );
        let back: FlowDefinition = serde_json::from_value(json).unwrap();
        assert_eq!(back, d);
    }
}

/// `flow.definition`: the definition of one flow.
///
/// ```
/// let request: o2okit::FlowDefinitionRequest = o2okit::decode(r#"{"flow": "online_to_offline"}"#)?;
/// let definition = o2okit::flow_definition(request.flow);
/// assert_eq!(definition.lifecycle, o2okit::LifecycleKind::Voucher);
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FlowDefinitionRequest {
    /// The flow.
    pub flow: Flow,
}
