//! The policy a store order follows: its flow, the split plan used at settlement, the
//! binding rule for in-store touches, the sales channels and their fees, the partner stores
//! for routing and the cancel rule.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::flow::Flow;
use crate::money::Currency;
use crate::roles::{Party, Role};
use crate::split::RefundPolicy;
use crate::split::{bind, BindPolicy, BindRule, Pay, Payee, Rule, SplitBase, SplitPlan};
use crate::stores::{AssignPolicy, PreparedStores, SplitPolicy, Store};
use crate::Error;

/// At most this many sales channels per policy.
pub const MAX_SALES_CHANNELS: usize = 32;
/// At most this many partner stores per policy.
pub const MAX_PARTNER_STORES: usize = 10_000;
/// At most this many touches per order.
pub const MAX_ORDER_TOUCHES: usize = 100;
/// The longest cancel window, in minutes (one week).
pub const MAX_CANCEL_MINUTES: u32 = 10_080;
/// The id of the ledger rule that pays a sales channel's fee.
pub const CHANNEL_FEE_RULE: &str = "channel_fee";

/// The role credited for the store bound by an in-store touch in flow 2 (a custom role:
/// the role `store` is the store that fulfils the order).
pub const BOUND_STORE_ROLE: &str = "bound_store";
/// The role credited for the store where the customer had the offline experience in flow 3
/// (a custom role: the role `store` is the partner store that fulfils the order).
pub const EXPERIENCE_STORE_ROLE: &str = "experience_store";

/// What kind of sales channel took an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SalesChannelKind {
    /// The merchant's own app or web shop.
    OwnApp,
    /// A mini-program inside a super-app (WeChat-style 小程序).
    MiniProgram,
    /// A third-party platform (Dianping/Meituan-style), which takes a commission.
    ThirdParty,
}

/// A sales channel an order can come in on, with the fee it takes.
///
/// On the wire: `{"id": "wechat", "kind": "mini_program", "fee": {"type": "percent",
/// "percent": "0.6"}, "fee_to": {"role": "payment_processor", "party_id": "wxpay"}}`.
///
/// The fee is any split [`Pay`] (a percent, a fixed amount, a percent plus a fixed amount,
/// tiers) on the `customer_paid` base (what the customer paid through the channel). At
/// settlement it is the first rule of the waterfall, `channel_fee`, paid to `fee_to`; the
/// plan's rules come after it, so a rule on the `remainder` base sees the fee taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SalesChannel {
    /// The channel id an order names (`own_app`, `wechat`, `dianping`, …).
    pub id: String,
    /// What kind of channel it is.
    pub kind: SalesChannelKind,
    /// The fee it takes (none: free, as an own app usually is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Pay>,
    /// Who is paid the fee (required with a fee).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_to: Option<Party>,
}

impl SalesChannel {
    /// The fee as the first split rule, when the channel takes one.
    pub(crate) fn fee_rule(&self) -> Option<Rule> {
        match (&self.fee, &self.fee_to) {
            (Some(pay), Some(to)) => Some(Rule::new(
                CHANNEL_FEE_RULE,
                Payee::party(to.role.clone(), to.party_id.clone()),
                SplitBase::CustomerPaid,
                pay.clone(),
            )),
            _ => None,
        }
    }
}

/// The policy of a store order: one state machine serves flows 2, 3 and 4, and the policy
/// says which flow an order follows and the rules of that flow.
///
/// | field | flows | rule |
/// |---|---|---|
/// | `flow` | all | `offline_to_online` (2), `online_to_offline_to_online` (3) or `offline_to_online_to_offline` (4); `online_to_offline` (1) uses the voucher lifecycle ([`voucher_order_open`](crate::voucher_order_open)) |
/// | `currency` | all | every amount of the order is in it |
/// | `plan` | all | the split of the paid amount at settlement |
/// | `binding` | 2, 3 | which touch wins the credit (default: the latest touch, no lock, no expiry), evaluated with [`bind`](crate::bind) when the order is placed |
/// | `channels` | all (4: at least one) | the sales channels and their fees; an order on a channel not listed is `unknown_channel` |
/// | `partner_stores`, `assign` | 3 (required), 2 and 4 (optional) | flow 3: the stores the order is routed to with [`assign`](crate::assign) (nearest eligible store at the time of the order; `assign.split` must be `never`); flows 2 and 4: when listed, the store an order names must be one of them and pass the same checks at the time of the order (open, in stock for the order's `items`, serving a delivery address, under its daily capacity), else `no_store_available` |
/// | `cancel_minutes` | all | how long after placing the customer may still cancel, and only until the store accepts (none: until the store accepts; 0: never, only staff or the platform can void) |
/// | `refund` | all | which ledger shares a refund after settlement claws back (default: all, in proportion) |
///
/// On the wire: `{"id": "papa-wechat", "flow": "offline_to_online_to_offline", "currency":
/// "CNY", "plan": {…}, "channels": [{"id": "wechat", "kind": "mini_program", …}],
/// "cancel_minutes": 5}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StoreOrderPolicy {
    /// The policy id (a step checks it is given the same policy).
    pub id: String,
    /// The flow its orders follow (2, 3 or 4).
    pub flow: Flow,
    /// The currency of every amount.
    pub currency: Currency,
    /// The split of the paid amount at settlement. Rules paying a lifecycle role (`store`,
    /// the binding's role, `bound_store`, `experience_store`) by role alone are left out
    /// when the order did not fill the role (no touch, or the binding expired): their share
    /// stays in the remainder.
    pub plan: SplitPlan,
    /// The binding rule for touches (flows 2 and 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binding: Option<BindRule>,
    /// The sales channels and their fees.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<SalesChannel>,
    /// The partner stores: those orders are routed to (flow 3), or those an order may name
    /// (flows 2 and 4, optional: when listed, the named store is checked at order time).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partner_stores: Vec<Store>,
    /// How routing ranks and checks the partner stores.
    #[serde(default)]
    pub assign: AssignPolicy,
    /// Minutes after placing during which the customer may cancel, as long as the store
    /// has not accepted (at most [`MAX_CANCEL_MINUTES`]; none: until the store accepts;
    /// 0: never, only staff or the platform can void).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_minutes: Option<u32>,
    /// Which shares a refund after settlement claws back.
    #[serde(default)]
    pub refund: RefundPolicy,
}

pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::InvalidStoreOrderPolicy {
        field: field.into(),
        reason: reason.into(),
    }
}

impl StoreOrderPolicy {
    /// Check the policy: a non-empty id; a flow other than `online_to_offline`; a plan that
    /// compiles in `currency` with no rule called `channel_fee`; channels with
    /// distinct non-empty ids, each fee with a payee and no payee without a fee, each fee a
    /// valid rule in `currency`, at most [`MAX_SALES_CHANNELS`], at least one for flow 4; partner stores (valid, distinct ids, at most
    /// [`MAX_PARTNER_STORES`]) for flow 3 and none elsewhere; `assign.split = never`; a
    /// binding rule that [`bind`](crate::bind) accepts; a cancel window within its limit.
    ///
    /// Errors: [`Error::InvalidStoreOrderPolicy`].
    pub fn validate(&self) -> Result<(), Error> {
        if self.id.is_empty() {
            return Err(invalid("id", "must not be empty"));
        }
        if self.flow == Flow::OnlineToOffline {
            return Err(invalid(
                "flow",
                "online_to_offline orders are prepaid vouchers: use the voucher lifecycle \
                 (voucher_order_open / voucher_order_step) instead",
            ));
        }
        self.check_plan()
            .map_err(|e| invalid("plan", e.to_string()))?;
        if self.channels.len() > MAX_SALES_CHANNELS {
            return Err(invalid(
                "channels",
                format!("give at most {MAX_SALES_CHANNELS} channels"),
            ));
        }
        for (i, channel) in self.channels.iter().enumerate() {
            // Field names are formatted only for an error (validate runs on every step).
            let field = |name: &str| format!("channels[{i}].{name}");
            if channel.id.is_empty() {
                return Err(invalid(field("id"), "must not be empty"));
            }
            if self.channels.iter().take(i).any(|c| c.id == channel.id) {
                return Err(invalid(field("id"), "repeats a channel id"));
            }
            match (&channel.fee, &channel.fee_to) {
                (Some(_), None) => {
                    return Err(invalid(
                        field("fee_to"),
                        "a channel with a fee needs the party it is paid to",
                    ))
                }
                (None, Some(_)) => {
                    return Err(invalid(
                        field("fee"),
                        "fee_to is given but no fee: give the fee or leave fee_to out",
                    ))
                }
                _ => {}
            }
            if let Some(to) = &channel.fee_to {
                if to.party_id.is_empty() {
                    return Err(invalid(field("fee_to.party_id"), "must not be empty"));
                }
            }
            self.check_fee(channel)
                .map_err(|e| invalid(field("fee"), e.to_string()))?;
        }
        if self.flow == Flow::OfflineToOnlineToOffline && self.channels.is_empty() {
            return Err(invalid(
                "channels",
                "flow 4 orders come in on the own app or a platform: list at least one channel",
            ));
        }
        let routed = self.flow == Flow::OnlineToOfflineToOnline;
        if (routed && self.partner_stores.is_empty())
            || self.partner_stores.len() > MAX_PARTNER_STORES
        {
            return Err(invalid(
                "partner_stores",
                if routed {
                    format!(
                        "flow 3 routes each order to a partner store: give 1 to {MAX_PARTNER_STORES} stores"
                    )
                } else {
                    format!("give at most {MAX_PARTNER_STORES} stores")
                },
            ));
        }
        for (i, store) in self.partner_stores.iter().enumerate() {
            if self.partner_stores.iter().take(i).any(|s| s.id == store.id) {
                return Err(invalid(
                    format!("partner_stores[{i}].id"),
                    "repeats a store id",
                ));
            }
        }
        if !self.partner_stores.is_empty() {
            PreparedStores::new(&self.partner_stores)
                .map_err(|e| invalid("partner_stores", e.to_string()))?;
        }
        if self.assign.split != SplitPolicy::Never {
            return Err(invalid(
                "assign.split",
                "a store order is fulfilled by one store: use split \"never\"",
            ));
        }
        if let Some(rule) = &self.binding {
            let epoch = DateTime::<FixedOffset>::default();
            bind(&[], rule, epoch).map_err(|e| invalid("binding", e.to_string()))?;
        }
        if self.cancel_minutes.is_some_and(|m| m > MAX_CANCEL_MINUTES) {
            return Err(invalid(
                "cancel_minutes",
                format!("must be at most {MAX_CANCEL_MINUTES}"),
            ));
        }
        Ok(())
    }

    /// Compile the plan and check its currency; no rule may be called `channel_fee`.
    fn check_plan(&self) -> Result<(), Error> {
        if self.plan.rules.iter().any(|r| r.id == CHANNEL_FEE_RULE) {
            return Err(Error::InvalidPlan {
                field: "rules".into(),
                reason: format!(
                    "the rule id {CHANNEL_FEE_RULE:?} is reserved for the sales channel's fee; rename the rule"
                ),
            });
        }
        self.check_currency(self.plan.compile_with(false)?.currency())
    }

    /// Compile a channel's fee rule on its own (the plan was checked) and check its currency.
    fn check_fee(&self, channel: &SalesChannel) -> Result<(), Error> {
        let Some(rule) = channel.fee_rule() else {
            return Ok(());
        };
        let alone = SplitPlan {
            id: None,
            rules: vec![rule],
            remainder: self.plan.remainder.clone(),
            parties: Vec::new(),
        };
        self.check_currency(alone.compile_with(false)?.currency())
    }

    fn check_currency(&self, currency: Option<Currency>) -> Result<(), Error> {
        match currency {
            Some(currency) if currency != self.currency => Err(Error::CurrencyMismatch {
                left: self.currency.code().to_string(),
                right: currency.code().to_string(),
            }),
            _ => Ok(()),
        }
    }

    /// The binding rule in force: the policy's, or the latest touch wins (no lock, no
    /// expiry) with the staff role.
    pub(crate) fn binding_rule(&self) -> BindRule {
        self.binding.clone().unwrap_or(BindRule {
            policy: BindPolicy::LastWins,
            role: Role::StoreStaff,
            lock_seconds: None,
            expiry_seconds: None,
        })
    }

    /// The channel with this id.
    pub(crate) fn channel(&self, id: &str) -> Option<&SalesChannel> {
        self.channels.iter().find(|c| c.id == id)
    }

    /// The plan an order is settled with: the channel's fee rule first, then the policy's
    /// rules, leaving out the rules that pay a lifecycle role the order's `parties` do not
    /// fill.
    pub(crate) fn settlement_plan(
        &self,
        channel: Option<&SalesChannel>,
        parties: &[Party],
    ) -> SplitPlan {
        let lifecycle_roles = [
            Role::Store,
            self.binding_rule().role,
            Role::from_name(BOUND_STORE_ROLE),
            Role::from_name(EXPERIENCE_STORE_ROLE),
        ];
        let filled = |role: &Role| {
            parties.iter().any(|p| p.role == *role)
                || self.plan.parties.iter().any(|p| p.role == *role)
        };
        let mut plan = self.plan.clone();
        plan.rules = channel
            .and_then(SalesChannel::fee_rule)
            .into_iter()
            .chain(
                self.plan
                    .rules
                    .iter()
                    .filter(|rule| {
                        rule.to.party_id.is_some()
                            || rule.to.attribution.is_some()
                            || !lifecycle_roles.contains(&rule.to.role)
                            || filled(&rule.to.role)
                    })
                    .cloned(),
            )
            .collect();
        plan
    }
}
