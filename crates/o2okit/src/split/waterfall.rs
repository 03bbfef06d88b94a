//! The waterfall: apply a compiled plan's rules to one order, in order, on integers.

use rust_decimal::Decimal;

use super::base::{Figures, SplitBase};
use super::exact::{add, shares_into, sub};
use super::funding::{figures, find_role, PartyRef, Subsidy};
use super::ledger::{Entry, Ledger, LedgerLine, LineKind};
use super::order::{invalid, DiscountOn, SplitOrder};
use super::payee::Payee;
use super::plan::{CompiledPay, CompiledPlan, CompiledRule};
use super::rule::{Rule, TierBy};
use crate::money::{Currency, Money};
use crate::roles::Role;
use crate::Error;

/// One line of a split, before it is turned into a [`LedgerLine`] (or a
/// [`LineView`](super::LineView)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot {
    pub(crate) kind: LineKind,
    /// The rule index, or the discount index of a subsidy.
    pub(crate) source: usize,
    pub(crate) party: PartyRef,
    pub(crate) base: Option<SplitBase>,
    pub(crate) base_amount: i128,
    pub(crate) touchpoint: Option<usize>,
    pub(crate) amount: i128,
}

/// Reusable scratch space for [`CompiledPlan::split_into`]: splitting many orders into one
/// buffer allocates nothing once the buffer has grown to the largest order.
#[derive(Debug, Clone, Default)]
pub struct SplitBuffer {
    slots: Vec<Slot>,
    weights: Vec<u128>,
    shares: Vec<i128>,
    subsidies: Vec<Subsidy>,
    currency: Option<Currency>,
    figures: Figures,
}

impl SplitBuffer {
    /// An empty buffer.
    pub fn new() -> SplitBuffer {
        SplitBuffer::default()
    }

    /// The number of ledger lines of the last split.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether the last split made no line (only before the first split).
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The amounts of the last split's ledger lines in minor units, in ledger order.
    pub fn amounts_minor(&self) -> impl Iterator<Item = i128> + '_ {
        self.slots.iter().map(|s| s.amount)
    }

    /// The currency of the last split (`None` before the first, or after a failed one).
    pub fn currency(&self) -> Option<Currency> {
        self.currency
    }

    /// What the customer paid in the last split, in minor units (the ledger's `paid`).
    pub fn paid_minor(&self) -> i128 {
        self.figures.paid
    }

    /// The gross of the last split (paid plus subsidies), in minor units (the ledger's
    /// `gross`).
    pub fn gross_minor(&self) -> i128 {
        self.figures.gross
    }

    /// The delivery fee charged in the last split, in minor units (the ledger's
    /// `delivery_fee`).
    pub fn delivery_fee_minor(&self) -> i128 {
        self.figures.delivery_charged
    }

    pub(crate) fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// The amounts of the last split's ledger lines, in ledger order.
    pub fn amounts(&self) -> impl Iterator<Item = Result<Money, Error>> + '_ {
        let currency = self.currency;
        self.slots.iter().map(move |s| match currency {
            Some(c) => Money::from_minor(s.amount, c),
            None => Err(Error::out_of_range("no split in the buffer")),
        })
    }
}

impl CompiledPlan {
    /// Split one order into its [`Ledger`] (see [`split`](fn@crate::split) for the rules of the game).
    pub fn split(&self, order: &SplitOrder) -> Result<Ledger, Error> {
        self.split_reusing(order, &mut SplitBuffer::new())
    }

    /// [`CompiledPlan::split`] with a scratch buffer kept across orders.
    pub(crate) fn split_reusing(
        &self,
        order: &SplitOrder,
        buffer: &mut SplitBuffer,
    ) -> Result<Ledger, Error> {
        let order = order.resolved()?;
        let figures = self.fill(&order, buffer)?;
        self.ledger(&order, buffer, &figures)
    }

    /// Split one order into `buffer`, reusing its memory: the fast path for many orders (a
    /// batch, a benchmark). The amounts are those of [`CompiledPlan::split`]'s ledger lines,
    /// in the same order; read them with [`SplitBuffer::amounts_minor`].
    pub fn split_into(&self, order: &SplitOrder, buffer: &mut SplitBuffer) -> Result<(), Error> {
        let order = order.resolved()?;
        self.fill(&order, buffer).map(|_| ())
    }

    /// Resolve a payee (not an attribution) to a party.
    fn payee(
        &self,
        payee: &Payee,
        own: PartyRef,
        order: &SplitOrder,
        needed_by: impl FnOnce() -> String,
    ) -> Result<PartyRef, Error> {
        if payee.party_id.is_some() {
            return Ok(own);
        }
        find_role(&self.plan, order, &payee.role).ok_or_else(|| Error::MissingParty {
            role: payee.role.as_str().to_string(),
            needed_by: needed_by(),
        })
    }

    /// Run the waterfall of an order (already resolved from any quote) into `buffer`.
    fn fill(&self, order: &SplitOrder, buffer: &mut SplitBuffer) -> Result<Figures, Error> {
        buffer.slots.clear();
        buffer.subsidies.clear();
        buffer.currency = None;
        buffer.figures = Figures::default();
        let remainder = self.payee(
            &self.plan.remainder,
            PartyRef::RemainderParty,
            order,
            || "the remainder".to_string(),
        )?;
        let (figures, currency) = figures(&self.plan, order, remainder, &mut buffer.subsidies)?;
        if let Some(plan_currency) = self.currency {
            if plan_currency != currency {
                return Err(Error::CurrencyMismatch {
                    left: plan_currency.code().to_string(),
                    right: currency.code().to_string(),
                });
            }
        }
        buffer.currency = Some(currency);
        let money = |units: i128| Money::from_minor(units, currency);
        let mut paid_out: i128 = 0;
        for (index, (rule, compiled)) in self.plan.rules.iter().zip(&self.rules).enumerate() {
            let base = base_value(&figures, rule, rule.base, paid_out)?;
            let mut amount = compiled.amount(rule, base, &figures, paid_out, order, currency)?;
            let weights = match &compiled.weigher {
                None => None,
                Some(weigher) => {
                    buffer.weights.clear();
                    weigher.weights(&order.journey, &order.at, &mut buffer.weights)?;
                    if buffer.weights.iter().all(|w| *w == 0) {
                        // Nobody to credit: the rule pays nothing, the remainder keeps it.
                        amount = 0;
                        None
                    } else {
                        Some(())
                    }
                }
            };
            let after = add(paid_out, amount, "the rules' total")?;
            if after > figures.gross {
                return Err(Error::SplitExceedsTotal {
                    rule: rule.id.clone(),
                    requested: money(amount)?.to_string(),
                    available: money(sub(figures.gross, paid_out, "the remainder")?)?.to_string(),
                });
            }
            if weights.is_some() {
                buffer.shares.clear();
                shares_into(amount, &buffer.weights, &mut buffer.shares)?;
                for (touch, share) in buffer.shares.iter().enumerate() {
                    buffer.slots.push(Slot {
                        kind: LineKind::Rule,
                        source: index,
                        party: PartyRef::Touch(touch),
                        base: Some(rule.base),
                        base_amount: base,
                        touchpoint: Some(touch),
                        amount: *share,
                    });
                }
            } else if compiled.weigher.is_none() {
                let party = self.payee(&rule.to, PartyRef::RuleParty(index), order, || {
                    format!("rule {:?}", rule.id)
                })?;
                buffer.slots.push(Slot {
                    kind: LineKind::Rule,
                    source: index,
                    party,
                    base: Some(rule.base),
                    base_amount: base,
                    touchpoint: None,
                    amount,
                });
            }
            paid_out = after;
        }
        let rest = sub(figures.gross, paid_out, "the remainder")?;
        if rest < 0 {
            return Err(Error::SplitExceedsTotal {
                rule: "remainder".into(),
                requested: money(paid_out)?.to_string(),
                available: money(figures.gross)?.to_string(),
            });
        }
        buffer.slots.push(Slot {
            kind: LineKind::Remainder,
            source: 0,
            party: remainder,
            base: Some(SplitBase::Remainder),
            base_amount: rest,
            touchpoint: None,
            amount: rest,
        });
        for subsidy in &buffer.subsidies {
            buffer.slots.push(Slot {
                kind: LineKind::Subsidy,
                source: subsidy.discount,
                party: subsidy.funder,
                base: Some(match subsidy.on {
                    DiscountOn::Goods => SplitBase::Goods,
                    DiscountOn::Delivery => SplitBase::DeliveryFee,
                }),
                base_amount: match subsidy.on {
                    DiscountOn::Goods => sub(figures.gross, figures.delivery, "the goods base")?,
                    DiscountOn::Delivery => figures.delivery,
                },
                touchpoint: None,
                amount: subsidy.amount.saturating_neg(),
            });
        }
        buffer.figures = figures;
        Ok(figures)
    }

    /// Turn the buffer of a split into ledger lines.
    fn ledger(
        &self,
        order: &SplitOrder,
        buffer: &SplitBuffer,
        figures: &Figures,
    ) -> Result<Ledger, Error> {
        let currency = buffer
            .currency
            .ok_or_else(|| Error::out_of_range("no split in the buffer"))?;
        let money = |units: i128| Money::from_minor(units, currency);
        let plan = &self.plan;
        let lines = buffer
            .slots
            .iter()
            .map(|slot| {
                let view = self.view(order, slot);
                let role = match slot.kind {
                    LineKind::Rule => plan
                        .rules
                        .get(slot.source)
                        .map_or(Role::Merchant, |r| r.to.role.clone()),
                    LineKind::Remainder => plan.remainder.role.clone(),
                    LineKind::Subsidy => Role::from_name(view.role),
                };
                Ok(LedgerLine {
                    order_id: order.id.clone(),
                    at: order.at,
                    entry: Entry::Split,
                    kind: view.kind,
                    rule: view.rule.to_string(),
                    party_id: view.party_id.to_string(),
                    role,
                    base: view.base,
                    base_amount: match view.base {
                        Some(_) => Some(money(view.base_amount_minor)?),
                        None => None,
                    },
                    touchpoint: view.touchpoint.and_then(|t| u32::try_from(t).ok()),
                    channel: view.channel.map(str::to_string),
                    amount: money(view.amount_minor)?,
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Ok(Ledger {
            order_id: order.id.clone(),
            at: order.at,
            paid: money(figures.paid)?,
            gross: money(figures.gross)?,
            delivery_fee: money(figures.delivery_charged)?,
            lines,
        })
    }
}

/// The value of `base` for `rule`, or an error naming the missing cost.
fn base_value(
    figures: &Figures,
    rule: &Rule,
    base: SplitBase,
    paid_out: i128,
) -> Result<i128, Error> {
    figures.base(base, paid_out)?.ok_or_else(|| {
        invalid(
            "order.cost",
            &format!(
                "rule {:?} is computed on the margin; give the order's cost",
                rule.id
            ),
        )
    })
}

impl CompiledRule {
    /// The rule's amount on `base` (see [`Rule`] for the order of computation).
    fn amount(
        &self,
        rule: &Rule,
        base: i128,
        figures: &Figures,
        paid_out: i128,
        order: &SplitOrder,
        currency: Currency,
    ) -> Result<i128, Error> {
        let floor = |b: i128| if b < 0 && !rule.allow_negative { 0 } else { b };
        let b = floor(base);
        let mut amount = match &self.pay {
            CompiledPay::Percent(f) => f.apply(b, rule.rounding)?,
            CompiledPay::Fixed(x) => *x,
            CompiledPay::PercentPlusFixed(f, x) => add(f.apply(b, rule.rounding)?, *x, "a rule")?,
            CompiledPay::Tiered { by, tiers } => {
                let key = match by {
                    TierBy::Amount => Decimal::try_from_i128_with_scale(b, currency.minor_units())
                        .map_err(|_| Error::out_of_range("a tier's base"))?,
                    TierBy::Volume => order.volume.ok_or_else(|| {
                        invalid(
                            "order.volume",
                            &format!(
                                "rule {:?} is tiered by volume; give the order's volume",
                                rule.id
                            ),
                        )
                    })?,
                };
                match tiers.iter().rev().find(|(from, _)| key >= *from) {
                    Some((_, f)) => f.apply(b, rule.rounding)?,
                    None => 0,
                }
            }
        };
        if let Some(min) = self.min {
            amount = amount.max(min);
        }
        if let Some(max) = self.max {
            amount = amount.min(max);
        }
        if let Some((fraction, cap_base)) = &self.cap {
            let cap = fraction.floor(floor(base_value(figures, rule, *cap_base, paid_out)?))?;
            amount = amount.min(cap);
        }
        Ok(amount)
    }
}
