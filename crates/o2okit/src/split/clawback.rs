//! Refunds: claw each party's share back by the cumulative difference, exactly.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::base::SplitBase;
use super::exact::{add, shares_into, sub};
use super::ledger::{Entry, Ledger, LedgerLine, LineKind};
use super::order::{invalid, SplitOrder};
use super::plan::SplitPlan;
use crate::allocate::mul_div_rem;
use crate::money::Money;
use crate::roles::Role;
use crate::Error;

/// A refund of an order: how much now, how much before, when, and whether the order was
/// delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    /// Refunded by earlier refunds of the order.
    pub refunded_before: Money,
    /// Refunded now.
    pub amount: Money,
    /// When (written on the clawback lines).
    pub at: DateTime<FixedOffset>,
    /// Whether the order was delivered (see [`DeliveryRefund`]).
    pub delivered: bool,
}

/// Which shares a refund claws back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RefundPolicy {
    /// Rules whose shares are never clawed back (a processor fee, say): the remainder party
    /// refunds their part instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub non_refundable_rules: Vec<String>,
    /// Roles whose rule shares are never clawed back; the remainder party refunds their
    /// part instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub non_refundable_roles: Vec<Role>,
    /// Whether the delivery fee is refunded once the order was delivered.
    #[serde(default)]
    pub delivery: DeliveryRefund,
}

/// Whether the delivery fee can be refunded after delivery.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryRefund {
    /// The delivery fee is refundable like the rest. The default.
    #[default]
    Refundable,
    /// Once delivered, the delivery fee is kept: at most `paid − delivery_fee` can be
    /// refunded, and the lines on the `delivery_fee` base are not clawed back.
    KeptOnceDelivered,
}

/// The input of the `split.refund` wire function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RefundRequest {
    /// The original order.
    pub order: SplitOrder,
    /// The plan it was split with.
    pub plan: SplitPlan,
    /// Refunded by earlier refunds (default zero).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refunded_before: Option<Money>,
    /// Refunded now.
    pub refund: Money,
    /// When, RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// Whether the order was delivered.
    #[serde(default)]
    pub delivered: bool,
    /// Which shares are refundable.
    #[serde(default)]
    pub policy: RefundPolicy,
}

/// The clawback of one refund: one line per line of the original ledger, in the same order,
/// each the negative of what that line gives back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Clawback {
    /// The order.
    pub order_id: String,
    /// When.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// Refunded now (the lines add up to its negative).
    pub refund: Money,
    /// Refunded before.
    pub refunded_before: Money,
    /// Refunded in all, this refund included.
    pub refunded_total: Money,
    /// The most that can be refunded.
    pub refundable: Money,
    /// The clawback lines (`entry: clawback`).
    pub lines: Vec<LedgerLine>,
}

/// Claw back the shares of a refund of `order`, split with `plan` (see
/// [`Ledger::clawback`]).
///
/// ```
/// use o2okit::{clawback, Refund, RefundPolicy, SplitOrder, SplitPlan};
/// let order: SplitOrder = o2okit::decode(r#"{"id": "o-1", "at": "2026-11-22T12:00:00+08:00",
///     "paid": {"amount": "0.02", "currency": "CNY"}, "parties": [{"role": "merchant", "party_id": "m"}]}"#)?;
/// let plan: SplitPlan = o2okit::decode(r#"{"rules": [{"id": "platform", "to": {"role": "platform", "party_id": "p"},
///     "base": "gross_paid", "pay": {"type": "percent", "percent": "50"}}]}"#)?;
/// let cent = o2okit::Money::parse("0.01", order.paid.unwrap().currency())?;
/// let first = Refund { refunded_before: cent.checked_sub(cent)?, amount: cent, at: order.at, delivered: false };
/// let second = Refund { refunded_before: cent, ..first.clone() };
/// let a = clawback(&order, &plan, &first, &RefundPolicy::default())?;
/// let b = clawback(&order, &plan, &second, &RefundPolicy::default())?;
/// // The two one-cent refunds hit different parties: 0.01 each, as the split gave them.
/// assert_eq!(a.lines[0].amount.to_string(), "-0.01 CNY");
/// assert_eq!(b.lines[1].amount.to_string(), "-0.01 CNY");
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn clawback(
    order: &SplitOrder,
    plan: &SplitPlan,
    refund: &Refund,
    policy: &RefundPolicy,
) -> Result<Clawback, Error> {
    plan.compile_with(false)?
        .split(order)?
        .clawback(refund, policy)
}

impl Ledger {
    /// Claw back the shares of a refund, by the **cumulative difference**: each line gives
    /// back `share(refunded before + now) − share(refunded before)`, where `share(R)` splits
    /// the refunded total `R` over the ledger's lines in proportion to their amounts with the
    /// foundation's largest remainder method. So the clawbacks of successive partial refunds
    /// never drift (three one-cent refunds over three equal parties hit three different
    /// parties), and once the whole order is refunded every line has given back exactly what
    /// it received, subsidies included (a funder gets its subsidy back).
    ///
    /// `share(R)`: the positive lines share `⌊R · P / N⌋` and the negative (subsidy) lines
    /// share the difference to `R`, where `P` is the positive lines' total and `N` the lines'
    /// net total; ties go to the earlier line.
    ///
    /// **Policy.** Lines of a `non_refundable_rules` rule or of a `non_refundable_roles` role
    /// keep their share: the remainder party (usually the merchant) gives back their part as
    /// well, so the customer still gets the whole refund. With `delivery:
    /// kept_once_delivered` and a delivered order, at most `paid − delivery_fee` can be
    /// refunded and the lines on the `delivery_fee` base (delivery rules, delivery
    /// subsidies) are left out of the proportion. Use the same policy for every refund of an
    /// order: the cumulative guarantee holds for one policy.
    ///
    /// Errors: [`Error::RefundExceedsPaid`] when the refunds would exceed what is refundable;
    /// [`Error::InvalidOrder`] for a negative amount; [`Error::CurrencyMismatch`].
    pub fn clawback(&self, refund: &Refund, policy: &RefundPolicy) -> Result<Clawback, Error> {
        let currency = self.paid.currency();
        for m in [&refund.refunded_before, &refund.amount] {
            self.paid.same_currency(m)?;
            if m.is_negative() {
                return Err(invalid("refund", "refund amounts must not be negative"));
            }
        }
        let keep_delivery =
            refund.delivered && policy.delivery == DeliveryRefund::KeptOnceDelivered;
        let refundable = if keep_delivery {
            self.paid.checked_sub(self.delivery_fee)?
        } else {
            self.paid
        };
        let total = refund.refunded_before.checked_add(refund.amount)?;
        if total.amount() > refundable.amount() {
            return Err(Error::RefundExceedsPaid {
                requested: total.to_string(),
                refundable: refundable.to_string(),
            });
        }
        let remainder = self
            .lines
            .iter()
            .position(|l| l.kind == LineKind::Remainder)
            .ok_or_else(|| invalid("ledger.lines", "a ledger needs its remainder line"))?;
        let included = |l: &LedgerLine| !(keep_delivery && l.base == Some(SplitBase::DeliveryFee));
        let kept = |l: &LedgerLine| {
            l.kind == LineKind::Rule
                && (policy.non_refundable_rules.contains(&l.rule)
                    || policy.non_refundable_roles.contains(&l.role))
        };
        let amounts: Vec<i128> = self.lines.iter().map(|l| l.amount.minor_units()).collect();
        let weigh = |positive: bool| -> Vec<u128> {
            self.lines
                .iter()
                .zip(&amounts)
                .map(|(l, a)| {
                    if included(l) && (*a > 0) == positive && *a != 0 {
                        a.unsigned_abs()
                    } else {
                        0
                    }
                })
                .collect()
        };
        let (pos_w, neg_w) = (weigh(true), weigh(false));
        let sum = |w: &[u128]| w.iter().try_fold(0u128, |acc, x| acc.checked_add(*x));
        let overflow = || Error::out_of_range("a ledger's total");
        let pos = sum(&pos_w).ok_or_else(overflow)?;
        let neg = sum(&neg_w).ok_or_else(overflow)?;
        let share = |refunded: i128| -> Result<Vec<i128>, Error> {
            let mut out = vec![0i128; amounts.len()];
            if refunded == 0 {
                return Ok(out);
            }
            let net = pos.saturating_sub(neg);
            let mut positive = Vec::with_capacity(out.len());
            let mut negative = Vec::with_capacity(out.len());
            if pos == 0 || net == 0 {
                if let Some(slot) = out.get_mut(remainder) {
                    *slot = refunded;
                }
                return Ok(out);
            }
            let (pos_total, _) =
                mul_div_rem(refunded.unsigned_abs(), pos, net).ok_or_else(overflow)?;
            let pos_total = i128::try_from(pos_total).map_err(|_| overflow())?;
            shares_into(pos_total, &pos_w, &mut positive)?;
            shares_into(
                sub(pos_total, refunded, "a clawback")?,
                &neg_w,
                &mut negative,
            )?;
            for ((slot, p), n) in out.iter_mut().zip(positive).zip(negative) {
                *slot = sub(p, n, "a clawback")?;
            }
            // Shares that are kept move to the remainder party.
            let mut moved: i128 = 0;
            for (slot, line) in out.iter_mut().zip(&self.lines) {
                if kept(line) {
                    moved = add(moved, *slot, "a clawback")?;
                    *slot = 0;
                }
            }
            if let Some(slot) = out.get_mut(remainder) {
                *slot = add(*slot, moved, "a clawback")?;
            }
            Ok(out)
        };
        let before = share(refund.refunded_before.minor_units())?;
        let after = share(total.minor_units())?;
        let lines = self
            .lines
            .iter()
            .zip(before.iter().zip(&after))
            .map(|(line, (b, a))| {
                Ok(LedgerLine {
                    at: refund.at,
                    entry: Entry::Clawback,
                    amount: Money::from_minor(sub(*b, *a, "a clawback")?, currency)?,
                    ..line.clone()
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Ok(Clawback {
            order_id: self.order_id.clone(),
            at: refund.at,
            refund: refund.amount,
            refunded_before: refund.refunded_before,
            refunded_total: total,
            refundable,
            lines,
        })
    }
}
