//! Roles and revenue split: declarative waterfalls, who pays discounts, attribution of
//! channel credit, binding rules, exact refund clawback, staff pools and settlement.

mod attribution;
mod base;
mod batch;
mod binding;
mod clawback;
mod exact;
mod funding;
mod ledger;
mod lines;
mod order;
mod payee;
mod plan;
mod pool;
mod rule;
mod settle;
mod waterfall;

use serde::{Deserialize, Serialize};

pub use attribution::shapley::{
    shapley, ChannelValue, ShapleyAttribution, ShapleyGame, ShapleyJourney, ShapleyMethod,
    ShapleyRequest, MAX_SHAPLEY_CHANNELS, MAX_SHAPLEY_EXACT_CHANNELS, SHAPLEY_SAMPLES,
    SHAPLEY_SEED,
};
pub use attribution::{
    attribute, Attribution, AttributionModel, AttributionRequest, TouchShare, Touchpoint,
    DECAY_FRACTION_BITS, DEFAULT_HALF_LIFE_SECONDS,
};
pub use base::SplitBase;
pub use batch::{split_batch, BatchError, SplitBatch, SplitBatchRequest};
pub use binding::{
    bind, BindDecision, BindEvent, BindOutcome, BindPolicy, BindRequest, BindRule, Binding,
    BindingState,
};
pub use clawback::{clawback, Clawback, DeliveryRefund, Refund, RefundPolicy, RefundRequest};
pub use ledger::{Entry, Ledger, LedgerLine, LineKind};
pub use lines::LineView;
pub use order::{DiscountOn, FundedDiscount, SplitOrder};
pub use payee::Payee;
pub use plan::{CompiledPlan, SplitPlan};
pub use pool::{split_pool, PoolMember, PoolRequest, PoolShare, PoolSplit};
pub use rule::{Pay, RatioCap, Rule, Tier, TierBy};
pub use settle::{settle, Period, RoleTotal, SettleRequest, Settlement, Statement};
pub use waterfall::SplitBuffer;

use crate::Error;

/// The input of the `split` wire function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SplitRequest {
    /// The order.
    pub order: SplitOrder,
    /// The plan.
    pub plan: SplitPlan,
}

/// Split what an order paid between the roles that made it happen, by a plan anyone can
/// check, to the last cent.
///
/// ## The waterfall
/// The plan's rules run in order. Each computes an amount on its base (see [`SplitBase`]
/// and [`Rule`]: percent, fixed, percent plus fixed, min/max clamp, tiered, ratio cap) and
/// pays it to its payee: a fixed party, the party filling a role in the order or the plan
/// ([`Payee`]), or the order's journey by an [`AttributionModel`]. What the rules leave goes
/// to the plan's `remainder` party (the merchant by default).
///
/// ## Who pays discounts
/// Each of the order's discounts carries `funded_by` (a [`Quote`](crate::Quote) gives them,
/// see [`SplitOrder::from_quote`]). A discount funded by the remainder party is a price
/// reduction: it lowers the bases, as the merchant sold for less. A discount funded by
/// anyone else is a **subsidy**: it is added back to the gross, so the others are paid as
/// if the customer had paid that part too, and a subsidy line charges it to its funder (a
/// negative amount, with the discount's promotion id as its `rule`). A platform-funded
/// coupon thus reduces the platform's take, and the merchant is paid as if the customer had
/// paid the list price.
///
/// ## The ledger
/// One line per rule (an attributed rule: one line per touchpoint, in journey order), then
/// the remainder line, then one line per subsidy. The lines add up **exactly** to what the
/// customer paid: rules and remainder share the gross, and the subsidies bring it back to
/// `paid`. Amounts are whole minor units: each percent is rounded once, with the rule's
/// rounding (half-even by default); ratio caps round down; an amount shared between several
/// parties (the touchpoints of an attributed rule) is split by the foundation's largest
/// remainder method, ties to the earlier touchpoint.
///
/// No rule pays less than zero unless it sets `allow_negative`. When the rules would pay out
/// more than the gross, the split fails with [`Error::SplitExceedsTotal`] naming the rule.
///
/// ```
/// use o2okit::{split, SplitOrder, SplitPlan};
/// let plan: SplitPlan = o2okit::decode(r#"{
///   "rules": [
///     {"id": "processor", "to": {"role": "payment_processor", "party_id": "wxpay"},
///      "base": "customer_paid", "pay": {"type": "percent", "percent": "0.6"}},
///     {"id": "platform", "to": {"role": "platform", "party_id": "mall"},
///      "base": "gross_paid", "pay": {"type": "percent", "percent": "8"}},
///     {"id": "delivery", "to": {"role": "logistics", "party_id": "rider-co"},
///      "base": "gross_paid", "pay": {"type": "fixed", "amount": {"amount": "5.00", "currency": "CNY"}}},
///     {"id": "channel", "to": {"role": "marketing", "party_id": "douyin"},
///      "base": "gross_paid", "pay": {"type": "percent", "percent": "2"}}
///   ],
///   "remainder": {"role": "merchant", "party_id": "noodle-house"}
/// }"#)?;
/// let order: SplitOrder = o2okit::decode(r#"{"id": "o-1", "at": "2026-11-22T12:00:00+08:00",
///     "paid": {"amount": "100.00", "currency": "CNY"}}"#)?;
/// let ledger = split(&order, &plan)?;
/// let amounts: Vec<String> = ledger.lines.iter().map(|l| l.amount.amount().to_string()).collect();
/// assert_eq!(amounts, ["0.60", "8.00", "5.00", "2.00", "84.40"]);
/// assert_eq!(ledger.total()?, ledger.paid);
/// # Ok::<(), o2okit::Error>(())
/// ```
///
/// Errors: [`Error::InvalidPlan`], [`Error::DuplicateId`] (see [`SplitPlan::validate`]);
/// [`Error::InvalidOrder`] (a negative amount, a delivery fee above what was paid, a missing
/// cost or volume a rule needs, a role filled twice); [`Error::MissingParty`];
/// [`Error::SplitExceedsTotal`]; [`Error::InvalidAttribution`] (a touchpoint after the order);
/// [`Error::CurrencyMismatch`].
///
/// For many orders, compile the plan once ([`SplitPlan::compile`]) and use
/// [`CompiledPlan::split`] or, allocating nothing per order,
/// [`CompiledPlan::split_into`]; or [`split_batch`].
pub fn split(order: &SplitOrder, plan: &SplitPlan) -> Result<Ledger, Error> {
    plan.compile_with(false)?.split(order)
}
