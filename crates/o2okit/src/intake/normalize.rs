//! Normalisation: any source's payload to the one canonical order, checked and reconciled.

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::canonical::{CanonicalOrder, OrderCustomer, SourceFee};
use super::counter::CounterPayload;
use super::dedupe::{canonical_id, fingerprint, seen_before, SeenOrder};
use super::marketplace::MarketplacePayload;
use super::mini_program::MiniProgramPayload;
use super::own_app::OwnAppPayload;
use super::phone::PhonePayload;
use super::source::Source;
use crate::money::{Money, Rounding};
use crate::promo::{CartLine, Channel};
use crate::roles::{Party, Role};
use crate::split::{DiscountOn, FundedDiscount, SplitBase};
use crate::Error;

/// A source's payload, typed: what [`normalize`] reads.
///
/// On the wire it is the pair `{"source": "marketplace", "payload": {...}}`; build it from
/// such a pair with [`SourcePayload::decode`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "source", content = "payload", rename_all = "snake_case")]
pub enum SourcePayload {
    /// A till receipt.
    StoreCounter(CounterPayload),
    /// An own-app order.
    OwnApp(OwnAppPayload),
    /// A mini-program order.
    MiniProgram(MiniProgramPayload),
    /// A marketplace order.
    Marketplace(MarketplacePayload),
    /// A phone order.
    Phone(PhonePayload),
}

impl SourcePayload {
    /// Decode `payload` as the payload shape of `source`; a problem is a typed error whose
    /// code says what was wrong (`invalid_json`, `number_for_money`, `unknown_currency`, …).
    pub fn decode(source: Source, payload: serde_json::Value) -> Result<SourcePayload, Error> {
        fn typed<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, Error> {
            serde_json::from_value(value).map_err(|e| Error::from_serde_message(e.to_string()))
        }
        Ok(match source {
            Source::StoreCounter => SourcePayload::StoreCounter(typed(payload)?),
            Source::OwnApp => SourcePayload::OwnApp(typed(payload)?),
            Source::MiniProgram => SourcePayload::MiniProgram(typed(payload)?),
            Source::Marketplace => SourcePayload::Marketplace(typed(payload)?),
            Source::Phone => SourcePayload::Phone(typed(payload)?),
        })
    }

    /// The source.
    pub fn source(&self) -> Source {
        match self {
            SourcePayload::StoreCounter(_) => Source::StoreCounter,
            SourcePayload::OwnApp(_) => Source::OwnApp,
            SourcePayload::MiniProgram(_) => Source::MiniProgram,
            SourcePayload::Marketplace(_) => Source::Marketplace,
            SourcePayload::Phone(_) => Source::Phone,
        }
    }

    fn draft(&self) -> Result<Draft, Error> {
        match self {
            SourcePayload::StoreCounter(p) => p.draft(),
            SourcePayload::OwnApp(p) => p.draft(),
            SourcePayload::MiniProgram(p) => p.draft(),
            SourcePayload::Marketplace(p) => p.draft(),
            SourcePayload::Phone(p) => p.draft(),
        }
    }
}

/// The input of the `order.normalize` wire function: `{source, payload, seen?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NormalizeRequest {
    /// The source channel.
    pub source: Source,
    /// The source's payload, in the shape of its source.
    #[cfg_attr(feature = "schema", schemars(with = "PayloadShape"))]
    pub payload: serde_json::Value,
    /// What intake issued before (canonical id and fingerprint), for duplicate detection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seen: Vec<SeenOrder>,
}

/// Schema stand-in: the payload is one of the source shapes, chosen by `source`.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum PayloadShape {
    StoreCounter(CounterPayload),
    OwnApp(OwnAppPayload),
    MiniProgram(MiniProgramPayload),
    Marketplace(MarketplacePayload),
    Phone(PhonePayload),
}

impl NormalizeRequest {
    /// Decode the payload and [`normalize`] it.
    pub fn normalize(self) -> Result<Intake, Error> {
        normalize(
            &SourcePayload::decode(self.source, self.payload)?,
            &self.seen,
        )
    }
}

/// Whether an intake is new or a resubmission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum IntakeStatus {
    /// Not seen before: record `order.id` and `fingerprint`.
    New,
    /// The same order was taken before (same id, same fingerprint): nothing to do.
    Duplicate,
}

/// The result of [`normalize`]: the status, the fingerprint and the canonical order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Intake {
    /// `new` or `duplicate`.
    pub status: IntakeStatus,
    /// The order's fingerprint (see [`fingerprint`](fn@crate::fingerprint)): record it
    /// with the id.
    pub fingerprint: String,
    /// The canonical order.
    pub order: CanonicalOrder,
}

/// Normalise an order from any source into the one [`CanonicalOrder`], and tell a
/// resubmission from a new order.
///
/// **Checks.** Ids (external id, store, scope) must not be empty; there must be at least one
/// line; quantities positive; prices, discounts, fees and what was paid zero or more, all in
/// the currency of what was paid ([`Error::CurrencyMismatch`] otherwise; an unknown
/// currency fails decoding with `unknown_currency`); a delivery (except a marketplace's,
/// whose platform holds the address) needs an address; delivery discounts at most the
/// delivery fee; line ids unique. A problem is [`Error::InvalidSourceOrder`], naming the
/// field. Then the amounts must **reconcile** to the minor unit: the lines' total (each
/// unit price × quantity, a weighed quantity rounded half-even) less the discounts plus the
/// delivery fee equals what was paid, else [`Error::AmountsDoNotReconcile`] with each
/// amount. Nothing is returned half-normalised.
///
/// **Fees.** A percent fee is `percent` of its base, rounded half-even once: `goods` is
/// the lines' total less the discounts funded by the merchant (the split's goods base when
/// the plan's remainder is the merchant), `customer_paid` what was paid, `delivery_fee` the
/// delivery fee plus delivery discounts not funded by the merchant.
///
/// **Duplicates.** `seen` is what intake issued before (pure: the caller keeps it). When an
/// entry has this order's canonical id and fingerprint the result is the same order with
/// status `duplicate`; when entries have the id but a different fingerprint, the external id
/// was resubmitted with other content: [`Error::ConflictingDuplicate`].
///
/// ```
/// use o2okit::{normalize, IntakeStatus, SeenOrder, Source, SourcePayload};
/// let payload = SourcePayload::decode(Source::Marketplace, serde_json::json!({
///     "platform": "mt", "platform_order_id": "9001", "shop_id": "s-1",
///     "ordered_at": "2026-05-01T12:00:00+08:00",
///     "items": [{"item_code": "set-a", "quantity": 2, "list_price": {"amount": "50.00", "currency": "CNY"}}],
///     "merchant_discount": {"amount": "10.00", "currency": "CNY"},
///     "platform_subsidy": {"amount": "5.00", "currency": "CNY"},
///     "delivery": {"by": "platform_rider", "fee": {"amount": "4.00", "currency": "CNY"}},
///     "user_paid": {"amount": "89.00", "currency": "CNY"}, "commission": {"rate": "18"}}))?;
/// let first = normalize(&payload, &[])?;
/// assert_eq!(first.status, IntakeStatus::New);
/// // 18% of the goods base 100.00 - 10.00 (the merchant's discount) = 16.20.
/// assert_eq!(first.order.fees[0].amount.to_string(), "16.20 CNY");
///
/// let seen = [SeenOrder { id: first.order.id.clone(), fingerprint: first.fingerprint.clone() }];
/// let again = normalize(&payload, &seen)?;
/// assert_eq!(again.status, IntakeStatus::Duplicate);
/// assert_eq!(again.order, first.order);
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn normalize(payload: &SourcePayload, seen: &[SeenOrder]) -> Result<Intake, Error> {
    let order = payload.draft()?.finish()?;
    let fingerprint = fingerprint(&order)?;
    let status = if seen_before(&order, &fingerprint, seen)? {
        IntakeStatus::Duplicate
    } else {
        IntakeStatus::New
    };
    Ok(Intake {
        status,
        fingerprint,
        order,
    })
}

/// A line as a source gives it.
#[derive(Debug, Clone)]
pub(crate) struct DraftLine {
    pub(crate) id: Option<String>,
    pub(crate) product_id: String,
    pub(crate) categories: Vec<String>,
    pub(crate) unit_price: Money,
    pub(crate) quantity: Decimal,
    pub(crate) promotable: bool,
}

impl DraftLine {
    pub(crate) fn new(product_id: &str, unit_price: Money, quantity: Decimal) -> DraftLine {
        DraftLine {
            id: None,
            product_id: product_id.to_string(),
            categories: Vec::new(),
            unit_price,
            quantity,
            promotable: true,
        }
    }
}

/// How a source's fee is computed.
#[derive(Debug, Clone)]
pub(crate) enum FeeAmount {
    /// Percent of the fee's base.
    Percent(Decimal),
    /// The source's own figure.
    Fixed(Money),
}

/// A fee as a source gives it.
#[derive(Debug, Clone)]
pub(crate) struct DraftFee {
    pub(crate) id: String,
    pub(crate) party: Party,
    pub(crate) base: SplitBase,
    pub(crate) amount: FeeAmount,
    pub(crate) field: &'static str,
}

/// An order read from a source's payload, not yet checked.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub(crate) source: Source,
    pub(crate) scope: Option<String>,
    pub(crate) external_id: String,
    pub(crate) channel: Channel,
    pub(crate) store_id: String,
    pub(crate) customer: OrderCustomer,
    pub(crate) placed_at: DateTime<FixedOffset>,
    pub(crate) lines: Vec<DraftLine>,
    pub(crate) discounts: Vec<FundedDiscount>,
    pub(crate) delivery_fee: Option<Money>,
    pub(crate) paid: Money,
    pub(crate) payment_method: Option<String>,
    pub(crate) parties: Vec<Party>,
    pub(crate) fees: Vec<DraftFee>,
}

impl Draft {
    /// A draft with the fields every source has; the store fills the role `store`.
    pub(crate) fn new(
        source: Source,
        external_id: &str,
        store_id: &str,
        channel: Channel,
        placed_at: DateTime<FixedOffset>,
        paid: Money,
    ) -> Result<Draft, Error> {
        if external_id.trim().is_empty() {
            return Err(Draft::invalid(
                source,
                external_id_field(source),
                "the source's order id must not be empty: it is what makes a retry safe",
            ));
        }
        if store_id.trim().is_empty() {
            return Err(Draft::invalid(
                source,
                store_field(source),
                "name the store that fulfils the order",
            ));
        }
        Ok(Draft {
            source,
            scope: None,
            external_id: external_id.to_string(),
            channel,
            store_id: store_id.to_string(),
            customer: OrderCustomer::default(),
            placed_at,
            lines: Vec::new(),
            discounts: Vec::new(),
            delivery_fee: None,
            paid,
            payment_method: None,
            parties: vec![Party::new(Role::Store, store_id)],
            fees: Vec::new(),
        })
    }

    /// [`Error::InvalidSourceOrder`].
    pub(crate) fn invalid(source: Source, field: &str, reason: &str) -> Error {
        Error::InvalidSourceOrder {
            source_name: source.as_str().to_string(),
            field: field.to_string(),
            reason: reason.to_string(),
        }
    }

    /// Add a party, which must be named.
    pub(crate) fn add_party(&mut self, role: Role, id: &str, field: &str) -> Result<(), Error> {
        if id.trim().is_empty() {
            return Err(Draft::invalid(self.source, field, "must not be empty"));
        }
        self.parties.push(Party::new(role, id));
        Ok(())
    }

    fn fail(&self, field: &str, reason: &str) -> Error {
        Draft::invalid(self.source, field, reason)
    }

    fn money(&self, m: &Money, field: &str) -> Result<(), Error> {
        self.paid.same_currency(m)?;
        if m.is_negative() {
            return Err(self.fail(field, "must not be negative"));
        }
        Ok(())
    }

    /// Check, reconcile, compute the fees and the canonical id.
    pub(crate) fn finish(self) -> Result<CanonicalOrder, Error> {
        let currency = self.paid.currency();
        let zero = Money::zero(currency);
        self.money(&self.paid, paid_field(self.source))?;
        if self.scope.as_deref().is_some_and(|s| s.trim().is_empty()) {
            return Err(self.fail(scope_field(self.source), "must not be empty"));
        }
        let items = items_field(self.source);
        if self.lines.is_empty() {
            return Err(self.fail(items, "an order needs at least one line"));
        }
        let mut lines: Vec<CartLine> = Vec::with_capacity(self.lines.len());
        let mut subtotal = zero;
        for (i, line) in self.lines.iter().enumerate() {
            let at = format!("{items}[{i}]");
            if line.product_id.trim().is_empty() {
                return Err(self.fail(&at, "the product id must not be empty"));
            }
            if line.quantity <= Decimal::ZERO {
                return Err(self.fail(
                    &at,
                    &format!(
                        "the quantity must be positive, got {}",
                        crate::wire::format_decimal(&line.quantity)
                    ),
                ));
            }
            self.money(&line.unit_price, &at)?;
            let id = match &line.id {
                Some(id) if id.trim().is_empty() => {
                    return Err(self.fail(&at, "the line id must not be empty"))
                }
                Some(id) => id.clone(),
                None => i.saturating_add(1).to_string(),
            };
            if lines.iter().any(|l| l.id == id) {
                return Err(self.fail(&at, &format!("line id {id:?} is used twice")));
            }
            let total = line
                .unit_price
                .checked_mul(line.quantity, Rounding::HalfEven)?;
            subtotal = subtotal.checked_add(total)?;
            lines.push(CartLine {
                id,
                product_id: line.product_id.clone(),
                categories: line.categories.clone(),
                unit_price: line.unit_price,
                quantity: line.quantity.normalize(),
                promotable: line.promotable,
            });
        }
        let mut discounts = zero;
        let mut delivery_discounts = zero;
        for (i, d) in self.discounts.iter().enumerate() {
            let at = format!("discounts[{i}]");
            self.money(&d.amount, &at)?;
            if d.promotion_id.trim().is_empty() {
                return Err(self.fail(&at, "the promotion id must not be empty"));
            }
            discounts = discounts.checked_add(d.amount)?;
            if d.on == DiscountOn::Delivery {
                delivery_discounts = delivery_discounts.checked_add(d.amount)?;
            }
        }
        let delivery = self.delivery_fee.unwrap_or(zero);
        self.money(&delivery, "payload.delivery_fee")?;
        if delivery_discounts.checked_cmp(&delivery)?.is_gt() {
            return Err(self.fail(
                "discounts",
                "the delivery discounts exceed the delivery fee",
            ));
        }
        if self.channel == Channel::OnlineDelivery
            && self.source != Source::Marketplace
            && self
                .customer
                .address
                .as_deref()
                .is_none_or(|a| a.trim().is_empty())
        {
            return Err(self.fail(
                address_field(self.source),
                "a delivery needs the address to deliver to",
            ));
        }
        let expected = subtotal.checked_sub(discounts)?.checked_add(delivery)?;
        if expected != self.paid {
            return Err(Error::AmountsDoNotReconcile {
                subtotal: subtotal.to_string(),
                discounts: discounts.to_string(),
                delivery_fee: delivery.to_string(),
                paid: self.paid.to_string(),
            });
        }
        let not_merchant = |d: &&FundedDiscount| d.funded_by.role != "merchant";
        let sum = |on: DiscountOn, merchant: bool| -> Result<Money, Error> {
            self.discounts
                .iter()
                .filter(|d| d.on == on && not_merchant(d) != merchant)
                .try_fold(zero, |acc, d| acc.checked_add(d.amount))
        };
        let mut fees = Vec::with_capacity(self.fees.len());
        for fee in &self.fees {
            let (amount, percent) = match &fee.amount {
                FeeAmount::Fixed(amount) => {
                    self.money(amount, fee.field)?;
                    (*amount, None)
                }
                FeeAmount::Percent(percent) => {
                    if *percent < Decimal::ZERO || *percent > Decimal::ONE_HUNDRED {
                        return Err(self.fail(fee.field, "a rate is a percent from 0 to 100"));
                    }
                    let base = match fee.base {
                        SplitBase::Goods => subtotal.checked_sub(sum(DiscountOn::Goods, true)?)?,
                        SplitBase::DeliveryFee => {
                            delivery.checked_add(sum(DiscountOn::Delivery, false)?)?
                        }
                        _ => self.paid,
                    };
                    let rate = percent
                        .checked_div(Decimal::ONE_HUNDRED)
                        .ok_or_else(|| Error::out_of_range("a fee rate"))?;
                    (
                        base.checked_mul(rate, Rounding::HalfEven)?,
                        Some(percent.normalize()),
                    )
                }
            };
            fees.push(SourceFee {
                id: fee.id.clone(),
                party: fee.party.clone(),
                amount,
                base: fee.base,
                percent,
            });
        }
        Ok(CanonicalOrder {
            id: canonical_id(self.source, self.scope.as_deref(), &self.external_id),
            source: self.source,
            scope: self.scope,
            external_id: self.external_id,
            channel: self.channel,
            store_id: self.store_id,
            customer: self.customer,
            placed_at: self.placed_at,
            currency,
            lines,
            subtotal,
            discounts: self.discounts,
            delivery_fee: self.delivery_fee,
            paid: self.paid,
            payment_method: self.payment_method,
            parties: self.parties,
            fees,
        })
    }
}

fn external_id_field(source: Source) -> &'static str {
    match source {
        Source::StoreCounter => "payload.receipt_no",
        Source::OwnApp => "payload.order_no",
        Source::MiniProgram => "payload.out_trade_no",
        Source::Marketplace => "payload.platform_order_id",
        Source::Phone => "payload.call_id",
    }
}

fn store_field(source: Source) -> &'static str {
    match source {
        Source::Marketplace => "payload.shop_id",
        _ => "payload.store_id",
    }
}

fn scope_field(source: Source) -> &'static str {
    match source {
        Source::MiniProgram => "payload.app_id",
        Source::Marketplace => "payload.platform",
        _ => "payload.store_id",
    }
}

fn items_field(source: Source) -> &'static str {
    match source {
        Source::OwnApp => "payload.lines",
        Source::MiniProgram => "payload.goods",
        _ => "payload.items",
    }
}

fn paid_field(source: Source) -> &'static str {
    match source {
        Source::StoreCounter => "payload.tender",
        Source::OwnApp => "payload.paid",
        Source::MiniProgram => "payload.total_fee",
        Source::Marketplace => "payload.user_paid",
        Source::Phone => "payload.amount_due",
    }
}

fn address_field(source: Source) -> &'static str {
    match source {
        Source::Phone => "payload.address_text",
        _ => "payload.address",
    }
}
