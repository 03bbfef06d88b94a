//! Coupons and promotions: the `quote` pricing function and everything it reads and returns.
mod cart;
mod conditions;
mod context;
mod coupon;
mod pipeline;
mod prefixes;
mod prepare;
mod promotion;
mod quote;
mod reasons;
mod schedule;
mod select;
mod validate;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use cart::{Cart, CartLine};
pub use context::{Channel, CouponSelection, Customer, QuoteContext, UsageCount};
pub use coupon::{HeldCoupon, Redemption};
pub use prepare::MAX_UNITS;
pub use promotion::{
    Base, ChannelRule, Conditions, Discount, FixedPricePer, FundedBy, Level, MemberPriceEntry,
    Promotion, RewardOrder, Stacking, StoreRule, Target, ThresholdTier, Trigger,
};
pub use quote::{
    AppliedDiscount, DeliveryQuote, GiftItem, LineShare, Quote, QuotedLine, SelectionReport,
    UnitRun,
};
pub use reasons::{Hint, HintCode, ReasonCode, Rejection};
pub use schedule::{Schedule, TimeSlot};
pub use select::{MAX_EVALUATIONS, MAX_SINGLE_EVALUATIONS};
pub use validate::{validate_coupon, CouponProblem, CouponValidation};

use crate::Error;
use pipeline::{Applied, Miss, Quoting};
use prepare::{check_promotions, prepare_cart, Prepared};
use select::{select, Choice, NotChosen};

/// How many promotions that saved nothing alone are re-evaluated beside the chosen
/// combination, so that their reason and hint ("add 12.00 more to unlock") describe the
/// quote the customer sees; the rest keep the reason they failed with alone.
pub const MAX_RECHECKS: u64 = 64;

/// The input of the `quote` wire function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QuoteRequest {
    /// The cart.
    pub cart: Cart,
    /// Automatic promotions and the customer's coupons.
    #[serde(default)]
    pub promotions: Vec<Promotion>,
    /// Time, channel, store, customer, usage, coupon selection.
    pub context: QuoteContext,
}

/// Coupons and promotions: `quote(cart, promotions, context) -> Quote`, a pure pricing
/// function. Nothing is stored and nothing is mutated; usage counts and the time come in
/// with the context.
///
/// ## The pipeline (fixed)
/// 1. **Item-level** discounts (`percent_off_items`, `amount_off_items`, `fixed_price`,
///    `nth_item`, `buy_x_get_y`, `member_price`) change unit prices;
/// 2. **order-level** discounts (`percent_off_order`, `amount_off_order`, `no_threshold`,
///    `threshold` 满减, `repeating` 每满减, and `gift`) take an amount off the targeted lines;
/// 3. **delivery** discounts.
///
/// Within a level promotions run by ascending `stacking.priority`, then by id. Each one sees
/// the prices the earlier ones left:
/// - `base: discounted` (the default) computes a discount on those prices, `base: original`
///   on the list prices; either way a discount never exceeds what is left to pay on its
///   lines, so no line or unit goes below zero (a 70% order voucher on items already 40% off
///   a list price of 100.00 takes 42.00, and the customer pays 18.00);
/// - spend thresholds (`min_subtotal`, `threshold` tiers, `repeating` steps) are checked on
///   the discounted subtotal of the targeted lines by default (`threshold_on: discounted`),
///   or on the list prices with `threshold_on: original`.
///
/// **Unit consumption** (BOGO correctness): `nth_item`, `buy_x_get_y` and bundle
/// `fixed_price` *consume* the units they use to qualify or reward; no other consuming offer
/// can use those units. Other item discounts still apply on top, on the discounted base.
///
/// **Rounding.** Percent discounts are computed per line (item level) or on the targeted
/// subtotal (order level) and rounded half-even to the minor unit.
///
/// **Proration.** Every order-level discount is spread over the eligible units by their
/// current prices with the largest remainder method (ties to the earlier unit), so line and
/// unit shares sum exactly to the discount; the quote carries per-line and per-unit net
/// prices for refunds and revenue splits.
///
/// **Combination.** A combination holds at most one promotion per `stacking.group`, and an
/// `exclusive` promotion applies alone; after a promotion with `stop_after` applies, no later
/// one does. Among the valid combinations of automatic offers and held coupons, the quote
/// applies the one that saves the customer the most (discounts, delivery discounts and gift
/// values), found by a bounded search: every candidate alone (at most
/// [`MAX_SINGLE_EVALUATIONS`]), a greedy pass, then branch and bound, at most
/// [`MAX_EVALUATIONS`] pipeline runs in all. `selection.optimal` says whether the answer is
/// proven best. Ties keep the combination found first (greedy by decreasing single saving,
/// then pipeline order). With `coupons: {"mode": "explicit", ...}` the listed coupons are
/// always applied (as far as they combine with each other; an unknown id is
/// [`Error::InvalidInput`]) and the search runs over the automatic offers around them.
///
/// ```
/// use o2okit::{quote, Cart, QuoteContext};
/// let cart: Cart = o2okit::decode(r#"{"lines": [
///     {"id": "a", "product_id": "latte", "unit_price": {"amount": "30.00", "currency": "CNY"}, "quantity": "3"}
/// ]}"#)?;
/// let promotions: Vec<o2okit::Promotion> = o2okit::decode(r#"[{"id": "second-half", "discount": {"type": "nth_item", "n": 2, "percent": "50"},
///     "funded_by": {"role": "merchant"}}]"#)?;
/// let context: QuoteContext = o2okit::decode(r#"{"now": "2026-11-22T10:00:00+08:00", "channel": "in_store"}"#)?;
/// let q = quote(&cart, &promotions, &context)?;
/// assert_eq!(q.discount_total.to_string(), "15.00 CNY");
/// assert_eq!(q.total.to_string(), "75.00 CNY");
/// # Ok::<(), o2okit::Error>(())
/// ```
///
/// Errors (nothing is half-applied): an empty cart or inconsistent input
/// ([`Error::InvalidInput`]), duplicate line or promotion ids ([`Error::DuplicateId`]), a
/// zero or negative quantity ([`Error::InvalidQuantity`]), more than [`MAX_UNITS`] units
/// ([`Error::TooManyUnits`]), mixed currencies ([`Error::CurrencyMismatch`]), an unknown
/// time zone ([`Error::UnknownTimeZone`]).
pub fn quote(
    cart: &Cart,
    promotions: &[Promotion],
    context: &QuoteContext,
) -> Result<Quote, Error> {
    let prep = prepare_cart(cart)?;
    check_promotions(promotions, prep.currency)?;
    let mut order: Vec<&Promotion> = promotions.iter().collect();
    order.sort_by(|a, b| {
        (a.discount.level(), a.stacking.priority, &a.id).cmp(&(
            b.discount.level(),
            b.stacking.priority,
            &b.id,
        ))
    });

    let explicit = match &context.coupons {
        CouponSelection::BestForCustomer => None,
        CouponSelection::Explicit { coupons } => Some(coupons),
    };
    let mut rejected: Vec<(usize, Rejection)> = Vec::new();
    let mut candidates = Vec::new();
    let mut forced = Vec::new();
    if let Some(list) = explicit {
        if let Some(unknown) = list.iter().find(|id| !order.iter().any(|p| &&p.id == id)) {
            return Err(Error::InvalidInput {
                field: "context.coupons.coupons".into(),
                reason: format!("{unknown:?} is not the id of any promotion given"),
            });
        }
    }
    for (position, promo) in order.iter().enumerate() {
        let listed = explicit.is_some_and(|list| list.contains(&promo.id));
        if explicit.is_some() && promo.trigger == Trigger::Coupon && !listed {
            rejected.push((
                position,
                rejection(promo, ReasonCode::NotSelected, &[], None),
            ));
            continue;
        }
        match conditions::static_check(promo, context)? {
            Some(r) => rejected.push((position, r)),
            None if listed && promo.trigger == Trigger::Coupon => forced.push(position),
            None => candidates.push(position),
        }
    }

    let quoting = Quoting::new(cart, &prep, &order);
    let mut choice = select(&quoting, &candidates, &forced)?;
    let final_run = choice.prefixes.run(&quoting, &choice.chosen)?;

    for (position, miss) in &final_run.missed {
        if let Some(promo) = order.get(*position) {
            rejected.push((*position, miss_rejection(&prep, &order, promo, miss)?));
        }
    }
    let mut rechecked: u64 = 0;
    let not_chosen = std::mem::take(&mut choice.not_chosen);
    for (position, why) in &not_chosen {
        let Some(promo) = order.get(*position) else {
            continue;
        };
        let id_of = |p: usize| order.get(p).map(|x| x.id.clone()).unwrap_or_default();
        let r = match why {
            NotChosen::Alone(miss) => {
                // It failed alone; say why it fails beside the chosen combination (the
                // thresholds and hints the customer sees), for the first few.
                let beside = if choice.chosen.is_empty() {
                    None
                } else {
                    miss_beside(&quoting, &mut choice, *position, &mut rechecked)?
                };
                miss_rejection(&prep, &order, promo, beside.as_ref().unwrap_or(miss))?
            }
            NotChosen::Exclusive { by } => rejection(
                promo,
                ReasonCode::ExcludedByExclusive,
                &[("by", id_of(*by))],
                None,
            ),
            NotChosen::Group { group, winner } => rejection(
                promo,
                ReasonCode::LostToBetterCombination,
                &[("group", group.clone()), ("winner", id_of(*winner))],
                None,
            ),
            NotChosen::Lost => {
                // Left out behind a chosen `stop_after` promotion: say so.
                let stopper = choice.chosen.iter().copied().find(|&c| {
                    c < *position && order.get(c).is_some_and(|p| p.stacking.stop_after)
                });
                // Or it would fail beside the chosen combination: say why (first few).
                let beside_miss = if stopper.is_none() {
                    miss_beside(&quoting, &mut choice, *position, &mut rechecked)?
                        .filter(|m| !matches!(m, Miss::Stopped { .. }))
                } else {
                    None
                };
                match (stopper, beside_miss) {
                    (Some(by), _) => rejection(
                        promo,
                        ReasonCode::StoppedByPriorDiscount,
                        &[("by", id_of(by))],
                        None,
                    ),
                    (None, Some(miss)) => miss_rejection(&prep, &order, promo, &miss)?,
                    (None, None) => {
                        rejection(promo, ReasonCode::LostToBetterCombination, &[], None)
                    }
                }
            }
            NotChosen::Bound => rejection(
                promo,
                ReasonCode::SearchBoundReached,
                &[("max_single_evaluations", MAX_SINGLE_EVALUATIONS.to_string())],
                None,
            ),
        };
        rejected.push((*position, r));
    }
    rejected.sort_by_key(|(position, _)| *position);

    assemble(
        cart,
        &prep,
        &order,
        &final_run,
        rejected.into_iter().map(|(_, r)| r).collect(),
        SelectionReport {
            mode: match explicit {
                None => "best_for_customer".into(),
                Some(_) => "explicit".into(),
            },
            optimal: choice.optimal,
            candidates: u64::try_from(candidates.len().saturating_add(forced.len()))
                .unwrap_or(u64::MAX),
            evaluations: choice.evaluations.saturating_add(rechecked),
            saving: prep.money(final_run.saving)?,
        },
    )
}

/// Why the promotion at `position` misses when run beside the `chosen` combination (`None`
/// if it applies there, or once [`MAX_RECHECKS`] re-runs have been spent).
fn miss_beside(
    quoting: &Quoting<'_>,
    choice: &mut Choice,
    position: usize,
    rechecked: &mut u64,
) -> Result<Option<Miss>, Error> {
    if *rechecked >= MAX_RECHECKS {
        return Ok(None);
    }
    *rechecked = rechecked.saturating_add(1);
    choice
        .prefixes
        .miss_beside(quoting, &choice.chosen, position)
}

fn rejection(
    promo: &Promotion,
    reason: ReasonCode,
    params: &[(&str, String)],
    hint: Option<Hint>,
) -> Rejection {
    Rejection {
        promotion_id: promo.id.clone(),
        reason,
        params: params
            .iter()
            .map(|(k, v)| ((*k).to_string(), v.clone()))
            .collect::<BTreeMap<_, _>>(),
        hint,
    }
}

fn miss_rejection(
    prep: &Prepared,
    order: &[&Promotion],
    promo: &Promotion,
    miss: &Miss,
) -> Result<Rejection, Error> {
    Ok(match miss {
        Miss::NotTargetable => rejection(promo, ReasonCode::NotTargetable, &[], None),
        Miss::Nothing => rejection(promo, ReasonCode::NothingToDiscount, &[], None),
        Miss::Stopped { by } => rejection(
            promo,
            ReasonCode::StoppedByPriorDiscount,
            &[(
                "by",
                order.get(*by).map(|p| p.id.clone()).unwrap_or_default(),
            )],
            None,
        ),
        Miss::MinQuantity { required, actual } => {
            let short = required.checked_sub(*actual).unwrap_or(Decimal::ZERO);
            rejection(
                promo,
                ReasonCode::MinQuantityNotMet,
                &[
                    ("required", required.to_string()),
                    ("actual", actual.to_string()),
                ],
                Some(Hint::add_items(short.normalize(), "to unlock")),
            )
        }
        Miss::MinSpend { required, actual } => {
            let required_m = prep.money(*required)?;
            let actual_m = prep.money(*actual)?;
            let short = prep.money(required.saturating_sub(*actual))?;
            rejection(
                promo,
                ReasonCode::MinSpendNotMet,
                &[
                    ("required", required_m.amount().to_string()),
                    ("actual", actual_m.amount().to_string()),
                ],
                Some(Hint::add_amount(short, "to unlock")),
            )
        }
    })
}

fn assemble(
    cart: &Cart,
    prep: &Prepared,
    order: &[&Promotion],
    final_run: &pipeline::Run,
    rejected: Vec<Rejection>,
    selection: SelectionReport,
) -> Result<Quote, Error> {
    let mut discounts = Vec::with_capacity(final_run.applied.len());
    let mut gifts = Vec::new();
    let mut goods_discount: i128 = 0;
    let mut delivery_discount: i128 = 0;
    for a in &final_run.applied {
        let Some(promo) = order.get(a.promo) else {
            continue;
        };
        goods_discount = goods_discount
            .checked_add(a.amount)
            .ok_or_else(|| Error::out_of_range("the discount total"))?;
        delivery_discount = delivery_discount
            .checked_add(a.delivery)
            .ok_or_else(|| Error::out_of_range("the delivery discount"))?;
        if let Discount::Gift {
            product_id,
            quantity,
            value,
        } = &promo.discount
        {
            gifts.push(GiftItem {
                promotion_id: promo.id.clone(),
                product_id: product_id.clone(),
                quantity: *quantity,
                value: *value,
                funded_by: promo.funded_by.clone(),
            });
        }
        discounts.push(AppliedDiscount {
            promotion_id: promo.id.clone(),
            kind: promo.discount.kind().to_string(),
            level: promo.discount.level(),
            amount: prep.money(a.amount.saturating_add(a.delivery))?,
            funded_by: promo.funded_by.clone(),
            base: promo.base,
            lines: line_shares(cart, prep, a)?,
            hint: match a.upsell {
                Some((more, unlocks)) => Some(Hint::add_amount(
                    prep.money(more)?,
                    &format!("to get {} off", prep.money(unlocks)?.amount()),
                )),
                None => None,
            },
        });
    }
    let mut lines = Vec::with_capacity(cart.lines.len());
    for (index, line) in cart.lines.iter().enumerate() {
        let (start, end) = prep.line_units.get(index).copied().unwrap_or((0, 0));
        let original: i128 = prep
            .unit_original
            .get(start..end)
            .unwrap_or(&[])
            .iter()
            .sum();
        let finals = final_run.state.price.get(start..end).unwrap_or(&[]);
        let net: i128 = finals.iter().sum();
        let mut units: Vec<UnitRun> = Vec::new();
        for &price in finals {
            let money = prep.money(price)?;
            match units.last_mut() {
                Some(last) if last.net == money => last.count = last.count.saturating_add(1),
                _ => units.push(UnitRun {
                    count: 1,
                    net: money,
                }),
            }
        }
        lines.push(QuotedLine {
            line_id: line.id.clone(),
            quantity: line.quantity,
            original: prep.money(original)?,
            discount: prep.money(original.saturating_sub(net))?,
            net: prep.money(net)?,
            units,
        });
    }
    let delivery = match &cart.delivery_fee {
        Some(fee) => Some(DeliveryQuote {
            fee: *fee,
            discount: prep.money(delivery_discount)?,
            charged: prep.money(final_run.state.delivery)?,
        }),
        None => None,
    };
    let total = prep
        .subtotal
        .checked_sub(goods_discount)
        .and_then(|t| t.checked_add(final_run.state.delivery))
        .ok_or_else(|| Error::out_of_range("the total"))?;
    Ok(Quote {
        subtotal: prep.money(prep.subtotal)?,
        discounts,
        discount_total: prep.money(goods_discount)?,
        delivery,
        total: prep.money(total)?,
        lines,
        gifts,
        rejected,
        selection,
    })
}

fn line_shares(cart: &Cart, prep: &Prepared, applied: &Applied) -> Result<Vec<LineShare>, Error> {
    // Units are numbered line by line, so per-line sums come out in line order.
    let mut per_line: Vec<i128> = vec![0; cart.lines.len()];
    for &(unit, amount) in &applied.units {
        if let Some(entry) = prep.unit_line.get(unit).and_then(|&l| per_line.get_mut(l)) {
            *entry = entry.saturating_add(amount);
        }
    }
    per_line
        .into_iter()
        .enumerate()
        .filter(|(_, amount)| *amount != 0)
        .map(|(line, amount)| {
            Ok(LineShare {
                line_id: cart
                    .lines
                    .get(line)
                    .map(|l| l.id.clone())
                    .unwrap_or_default(),
                amount: prep.money(amount)?,
            })
        })
        .collect()
}
