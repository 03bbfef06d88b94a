//! The canonical order: one shape for every source, usable by pricing and the split.

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::source::Source;
use crate::money::{Currency, Money};
use crate::promo::{Cart, CartLine, Channel, Customer, QuoteContext};
use crate::roles::Party;
use crate::split::{FundedDiscount, Payee, Rule, SplitBase, SplitOrder, SplitPlan};
use crate::wire::decimal::option_decimal_string;
use crate::Error;

/// An order from any source, normalised: what was bought, what was paid, who filled which
/// role, and what the source charges for it.
///
/// Built by [`normalize`](fn@crate::normalize), never by hand. The amounts always
/// reconcile: `subtotal − discounts + delivery_fee = paid`, to the minor unit, all in
/// `currency`. The `lines` are cart lines ([`CanonicalOrder::cart`] prices them with
/// [`quote`](fn@crate::quote)); [`CanonicalOrder::split_order`] and
/// [`CanonicalOrder::split_plan`] hand the order to the [`split`](fn@crate::split), with
/// the source's fees (a marketplace commission, its riders' delivery fee, a payment fee) as
/// rules paid to their roles.
///
/// ```
/// use o2okit::{normalize, Source, SourcePayload};
/// let payload = SourcePayload::decode(Source::Phone, serde_json::json!({
///     "call_id": "c-17", "store_id": "s-1", "caller_phone": "+86 138 0000 0000",
///     "taken_by": "staff-3", "called_at": "2026-05-01T18:02:00+08:00",
///     "fulfilment": "pickup",
///     "items": [{"product_id": "dumplings", "qty": 2, "unit_price": {"amount": "18.00", "currency": "CNY"}}],
///     "amount_due": {"amount": "36.00", "currency": "CNY"}}))?;
/// let order = normalize(&payload, &[])?.order;
/// assert_eq!(order.external_id, "c-17");
/// assert_eq!(order.channel.as_str(), "online_pickup");
/// assert_eq!(order.cart().lines[0].product_id, "dumplings");
/// assert_eq!(order.split_order().paid, Some(order.paid));
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CanonicalOrder {
    /// The canonical id: a name-based UUID (version 5) of the source, the scope and the
    /// external id (see [`canonical_id`](fn@crate::canonical_id)). The same submission always
    /// gets the same id.
    pub id: String,
    /// The source channel.
    pub source: Source,
    /// Who issued the external id, when it is only unique within something: the store for
    /// counter and phone orders, the mini-program's app id, the marketplace platform. None
    /// for the own app, whose order numbers are unique for the merchant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The source's own order id, as given.
    pub external_id: String,
    /// How the order reaches the customer (what channel promotions and stores see).
    pub channel: Channel,
    /// The store that fulfils the order (for a marketplace: its shop id, as the platform
    /// knows the store).
    pub store_id: String,
    /// The customer, as far as the source knows them.
    #[serde(default, skip_serializing_if = "OrderCustomer::is_empty")]
    pub customer: OrderCustomer,
    /// When the order was placed, RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub placed_at: DateTime<FixedOffset>,
    /// The one currency of every amount.
    pub currency: Currency,
    /// The goods, as cart lines (ids `1`, `2`, … unless the source gave its own).
    pub lines: Vec<CartLine>,
    /// The lines' total: each unit price times its quantity (a weighed quantity rounded
    /// half-even to the minor unit), summed.
    pub subtotal: Money,
    /// The discounts the customer received, each with its funder; a discount funded by
    /// someone other than the merchant (a platform subsidy) becomes a subsidy in the split.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<FundedDiscount>,
    /// The delivery fee the customer was charged (part of `paid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_fee: Option<Money>,
    /// What the customer paid (or owes, for a phone order paid on collection).
    pub paid: Money,
    /// How the customer paid, as the source says (`cash`, `card`, `wallet`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<String>,
    /// The parties filling this order's roles: its `store`, the `store_staff` member who
    /// took it (cashier, phone operator).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<Party>,
    /// What the source charges, each paid to a role: see [`SourceFee`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fees: Vec<SourceFee>,
}

/// The customer of a canonical order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderCustomer {
    /// The customer id (member id, app user, mini-program user, platform buyer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// A phone number, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// A delivery address, as free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl OrderCustomer {
    /// True when nothing is known.
    pub fn is_empty(&self) -> bool {
        self.id.is_none() && self.phone.is_none() && self.address.is_none()
    }
}

/// A fee a source takes from an order, paid to a role: a marketplace commission
/// (`platform`), the platform riders' delivery fee (`logistics`), a payment fee
/// (`payment_processor`).
///
/// The amount is computed once, at intake, and is exact: `percent` of the amount of `base`
/// rounded half-even to the minor unit, or the source's own figure (no `percent`). In the
/// split it becomes a fixed rule with the fee's `id` on `base` (see
/// [`CanonicalOrder::fee_rules`]), so the ledger line shows the base it was computed on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SourceFee {
    /// The rule id in the split: `commission`, `platform_delivery`, `payment_fee`.
    pub id: String,
    /// Who is paid, in which role.
    pub party: Party,
    /// The fee.
    pub amount: Money,
    /// What it is computed on, as a split base: `goods` (the goods after the merchant's own
    /// discounts; platform subsidies count as paid), `delivery_fee`, `customer_paid`.
    pub base: SplitBase,
    /// The rate, in percent, when the fee is a percent of `base`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "option_decimal_string"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::wire::DecimalString>")
    )]
    pub percent: Option<Decimal>,
}

impl CanonicalOrder {
    /// The order's goods and delivery fee as a [`Cart`] for [`quote`](fn@crate::quote).
    pub fn cart(&self) -> Cart {
        Cart {
            lines: self.lines.clone(),
            delivery_fee: self.delivery_fee,
        }
    }

    /// A [`QuoteContext`] at the order's time, channel, store and customer (no usage counts,
    /// best coupons for the customer): what a re-quote of the order would see.
    pub fn quote_context(&self) -> QuoteContext {
        QuoteContext {
            now: self.placed_at,
            channel: self.channel,
            store_id: Some(self.store_id.clone()),
            customer: Customer {
                id: self.customer.id.clone(),
                ..Customer::default()
            },
            usage: Vec::new(),
            coupons: Default::default(),
        }
    }

    /// The order for [`split`](fn@crate::split): the canonical id, the time, what was paid,
    /// the delivery fee, the funded discounts and the parties.
    pub fn split_order(&self) -> SplitOrder {
        let mut order = SplitOrder::new(self.id.clone(), self.placed_at, self.paid);
        order.delivery_fee = self.delivery_fee;
        order.discounts.clone_from(&self.discounts);
        order.parties.clone_from(&self.parties);
        order
    }

    /// The source's fees as split rules: one fixed rule per fee, paying the fee's party on
    /// the fee's base.
    pub fn fee_rules(&self) -> Vec<Rule> {
        self.fees
            .iter()
            .map(|fee| {
                Rule::new(
                    fee.id.clone(),
                    Payee::party(fee.party.role.clone(), fee.party.party_id.clone()),
                    fee.base,
                    crate::Pay::Fixed { amount: fee.amount },
                )
            })
            .collect()
    }

    /// `plan` with the source's fees in front of its rules: the source takes its fees before
    /// anyone else is paid. A plan rule with a fee's id is [`Error::DuplicateId`].
    ///
    /// The plan's remainder should be the merchant, as the sources' merchant discounts are
    /// funded by the role `merchant`.
    pub fn split_plan(&self, plan: &SplitPlan) -> Result<SplitPlan, Error> {
        let mut rules = self.fee_rules();
        for rule in &plan.rules {
            if rules.iter().any(|r| r.id == rule.id) {
                return Err(Error::DuplicateId {
                    what: "rule".into(),
                    id: rule.id.clone(),
                });
            }
        }
        rules.extend(plan.rules.iter().cloned());
        Ok(SplitPlan {
            rules,
            ..plan.clone()
        })
    }
}
