//! One run of the pricing pipeline over a chosen set of promotions, on integer minor units.
//!
//! Order: item-level discounts, then order-level, then delivery; within a level by
//! ascending priority, then id. Each promotion sees the prices left by the ones before it.

use rust_decimal::Decimal;

use super::cart::Cart;
use super::prepare::Prepared;
use super::promotion::{Base, Discount, FixedPricePer, Promotion, RewardOrder};
use crate::allocate::split_units;
use crate::money::Rounding;
use crate::Error;

/// The prices as the pipeline goes.
#[derive(Debug, Clone)]
pub(crate) struct State {
    /// Current price of each unit.
    pub(crate) price: Vec<i128>,
    /// Units used by a consuming offer.
    pub(crate) consumed: Vec<bool>,
    /// What is left of the delivery fee.
    pub(crate) delivery: i128,
}

/// One promotion that applied.
#[derive(Debug, Clone)]
pub(crate) struct Applied {
    /// Index of the promotion.
    pub(crate) promo: usize,
    /// Goods discount per unit: (unit, amount), amounts > 0.
    pub(crate) units: Vec<(usize, i128)>,
    /// The goods discount (sum of `units`).
    pub(crate) amount: i128,
    /// Delivery discount.
    pub(crate) delivery: i128,
    /// Gift value (not a discount on the cart).
    pub(crate) gift: i128,
    /// Upsell: (amount more to spend, what it unlocks).
    pub(crate) upsell: Option<(i128, i128)>,
    /// Units used by a consuming offer (qualifiers and rewards).
    pub(crate) consumed: Vec<usize>,
}

impl Applied {
    /// What the customer saves with it.
    pub(crate) fn saving(&self) -> i128 {
        self.amount
            .saturating_add(self.delivery)
            .saturating_add(self.gift)
    }
}

/// Why a promotion did not apply inside a run (cart-dependent reasons).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Miss {
    NotTargetable,
    MinQuantity { required: Decimal, actual: Decimal },
    MinSpend { required: i128, actual: i128 },
    Nothing,
    Stopped { by: usize },
}

/// A run in progress: the state after some promotions, what they saved, and the
/// `stop_after` promotion that ended it, if any. The search keeps these by prefix so that
/// combinations sharing their first promotions don't recompute them.
#[derive(Debug, Clone)]
pub(crate) struct Partial {
    pub(crate) state: State,
    pub(crate) saving: i128,
    stopped_by: Option<usize>,
}

/// The result of one run.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub(crate) state: State,
    pub(crate) applied: Vec<Applied>,
    pub(crate) missed: Vec<(usize, Miss)>,
    pub(crate) saving: i128,
}

fn overflow() -> Error {
    Error::out_of_range("a promotion amount")
}

/// `value × percent ÷ 100`, rounded half-even to the minor unit.
fn percent_of(value: i128, percent: Decimal) -> Result<i128, Error> {
    let numerator = value.checked_mul(percent.mantissa()).ok_or_else(overflow)?;
    let denominator = 10i128
        .checked_pow(percent.scale())
        .and_then(|d| d.checked_mul(100))
        .ok_or_else(overflow)?;
    Rounding::HalfEven
        .div_i128(numerator, denominator)
        .ok_or_else(overflow)
}

/// Spread `total` (≥ 0) over `weights` (≥ 0) by largest remainder (ties to the earlier
/// weight); all zero if the weights are.
pub(crate) fn spread(total: i128, weights: &[i128]) -> Result<Vec<i128>, Error> {
    let indices: Vec<usize> = (0..weights.len()).collect();
    let mut out = Vec::with_capacity(weights.len());
    spread_by(
        total,
        &indices,
        |i| weights.get(i).copied().unwrap_or(0),
        &mut out,
    )?;
    Ok(out.into_iter().map(|(_, share)| share).collect())
}

/// [`spread`] over `units` weighted by `weight(unit)`, appending `(unit, share)` to `out`.
/// The usual small amounts (total and weights below 2^32) are computed in place on `u64`;
/// anything larger goes through the allocation module's exact 128/256-bit code.
fn spread_by(
    total: i128,
    units: &[usize],
    weight: impl Fn(usize) -> i128,
    out: &mut Vec<(usize, i128)>,
) -> Result<(), Error> {
    if total < 0 || units.iter().any(|&u| weight(u) < 0) {
        return Err(overflow());
    }
    let weight_sum = sum(units.iter().map(|&u| weight(u)))?;
    if total == 0 || weight_sum == 0 {
        out.extend(units.iter().map(|&u| (u, 0)));
        return Ok(());
    }
    let limit = i128::from(u32::MAX);
    if total > limit || weight_sum > limit {
        let weights: Vec<u128> = units
            .iter()
            .map(|&u| u128::try_from(weight(u)).unwrap_or(0))
            .collect();
        let total = u128::try_from(total).map_err(|_| overflow())?;
        for (&u, share) in units
            .iter()
            .zip(split_units(total, &weights, &[]).map_err(|_| overflow())?)
        {
            out.push((u, i128::try_from(share.units).map_err(|_| overflow())?));
        }
        return Ok(());
    }
    // 0 ≤ total, weights ≤ 2^32: every product fits in u64.
    let t = u64::try_from(total).map_err(|_| overflow())?;
    let big_w = u64::try_from(weight_sum).map_err(|_| overflow())?;
    let start = out.len();
    // The non-zero remainders, (remainder, index in `units`): on the stack for the usual
    // few units, on the heap past that.
    let mut on_stack = [(0u64, 0usize); STACK_REMAINDERS];
    let mut on_heap: Vec<(u64, usize)> = Vec::new();
    let mut count: usize = 0;
    let mut given: u64 = 0;
    for (k, &u) in units.iter().enumerate() {
        let w = u64::try_from(weight(u)).map_err(|_| overflow())?;
        let product = t.checked_mul(w).ok_or_else(overflow)?;
        let floor = product.checked_div(big_w).ok_or_else(overflow)?;
        // One division per unit: floor × W ≤ product, so the remainder is a subtraction.
        let rem = product.wrapping_sub(floor.wrapping_mul(big_w));
        given = given.checked_add(floor).ok_or_else(overflow)?;
        out.push((u, i128::from(floor)));
        if rem > 0 {
            if let Some(slot) = on_stack.get_mut(count) {
                *slot = (rem, k);
            } else {
                if on_heap.is_empty() {
                    on_heap.extend_from_slice(&on_stack);
                }
                on_heap.push((rem, k));
            }
            count = count.saturating_add(1);
        }
    }
    let remainders: &mut [(u64, usize)] = if on_heap.is_empty() {
        on_stack.get_mut(..count).unwrap_or(&mut [])
    } else {
        &mut on_heap
    };
    let leftover =
        usize::try_from(t.checked_sub(given).ok_or_else(overflow)?).map_err(|_| overflow())?;
    if leftover > 0 {
        // Only which remainders are the `leftover` largest matters (largest remainder first,
        // ties to the earlier weight): a selection, not a sort.
        let by_rank = |a: &(u64, usize), b: &(u64, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if leftover < remainders.len() {
            remainders.select_nth_unstable_by(leftover.saturating_sub(1), by_rank);
        }
        for &(_, k) in remainders.iter().take(leftover) {
            if let Some(entry) = out.get_mut(start.saturating_add(k)) {
                entry.1 = entry.1.checked_add(1).ok_or_else(overflow)?;
            }
        }
    }
    Ok(())
}

/// How many remainders [`spread_by`] keeps on the stack.
const STACK_REMAINDERS: usize = 48;

fn sum(mut values: impl Iterator<Item = i128>) -> Result<i128, Error> {
    values.try_fold(0i128, |acc, v| acc.checked_add(v).ok_or_else(overflow))
}

/// What is fixed for one quote: the cart, its units, the promotions in pipeline order and,
/// per promotion, the lines and units it targets (computed once, not per run).
#[derive(Debug)]
pub(crate) struct Quoting<'a> {
    pub(crate) cart: &'a Cart,
    pub(crate) prep: &'a Prepared,
    pub(crate) promotions: &'a [&'a Promotion],
    plans: Vec<Plan>,
    /// The state before any promotion.
    initial: State,
}

/// The lines and units one promotion targets.
#[derive(Debug)]
struct Plan {
    lines: Vec<usize>,
    units: Vec<usize>,
    /// Per targeted line (same order as `lines`): its units' span in `units`.
    spans: Vec<(usize, usize)>,
}

impl<'a> Quoting<'a> {
    pub(crate) fn new(cart: &'a Cart, prep: &'a Prepared, promotions: &'a [&'a Promotion]) -> Self {
        let plans = promotions
            .iter()
            .map(|promo| {
                let lines = target_lines(cart, promo);
                let size = lines
                    .iter()
                    .filter_map(|&l| prep.line_units.get(l))
                    .fold(0usize, |n, &(start, end)| {
                        n.saturating_add(end.saturating_sub(start))
                    });
                let mut units = Vec::with_capacity(size);
                let mut spans = Vec::with_capacity(lines.len());
                for &(start, end) in lines.iter().filter_map(|&l| prep.line_units.get(l)) {
                    let from = units.len();
                    units.extend(start..end);
                    spans.push((from, units.len()));
                }
                Plan {
                    lines,
                    units,
                    spans,
                }
            })
            .collect();
        Quoting {
            cart,
            prep,
            promotions,
            plans,
            initial: State {
                price: prep.unit_original.clone(),
                consumed: vec![false; prep.unit_original.len()],
                delivery: prep.delivery_fee,
            },
        }
    }

    /// Whether two consuming offers among `positions` target a common unit.
    pub(crate) fn consumers_overlap(&self, positions: &[usize]) -> bool {
        let consumers: Vec<&Plan> = positions
            .iter()
            .filter(|&&p| {
                self.promotions
                    .get(p)
                    .is_some_and(|promo| promo.discount.consumes_units())
            })
            .filter_map(|&p| self.plans.get(p))
            .collect();
        consumers.iter().enumerate().any(|(i, a)| {
            consumers
                .iter()
                .skip(i.saturating_add(1))
                .any(|b| a.units.iter().any(|u| b.units.contains(u)))
        })
    }

    /// An upper bound of what promotion `position` can ever take off in any combination, for
    /// consuming offers (which can gain when another consuming offer frees better units):
    /// its reward rate on the most valuable targeted units at list price, as many as its
    /// rule could ever reward, capped by `max_discount`. `None` for other kinds (their
    /// single saving already bounds them).
    pub(crate) fn optimistic(&self, position: usize) -> Result<Option<i128>, Error> {
        let (Some(promo), Some(plan)) = (self.promotions.get(position), self.plans.get(position))
        else {
            return Ok(None);
        };
        let mut values: Vec<i128> = plan
            .units
            .iter()
            .map(|&u| self.prep.unit_original.get(u).copied().unwrap_or(0))
            .collect();
        values.sort_unstable_by(|a, b| b.cmp(a));
        let count = values.len();
        let top = |k: usize| sum(values.iter().take(k).copied());
        let bound = match &promo.discount {
            Discount::NthItem { n, percent } => {
                let n = usize::try_from(*n).unwrap_or(usize::MAX).max(1);
                percent_of(top(count.checked_div(n).unwrap_or(0))?, *percent)?
            }
            Discount::BuyXGetY {
                buy,
                get,
                percent,
                max_applications,
                ..
            } => {
                let size = usize::try_from(buy.saturating_add(*get))
                    .unwrap_or(usize::MAX)
                    .max(1);
                let mut times = count.checked_div(size).unwrap_or(0);
                if let Some(max) = max_applications {
                    times = times.min(usize::try_from(*max).unwrap_or(usize::MAX));
                }
                let rewarded = times.saturating_mul(usize::try_from(*get).unwrap_or(usize::MAX));
                // Per-unit rounding can add at most half a unit per rewarded unit.
                let slack = i128::try_from(rewarded).unwrap_or(i128::MAX);
                percent_of(top(rewarded)?, *percent)?.saturating_add(slack)
            }
            Discount::FixedPrice {
                per: FixedPricePer::Bundle,
                bundle_size,
                ..
            } => {
                let k = usize::try_from(bundle_size.unwrap_or(1))
                    .unwrap_or(usize::MAX)
                    .max(1);
                top(count.checked_div(k).unwrap_or(0).saturating_mul(k))?
            }
            _ => return Ok(None),
        };
        let bound = match &promo.max_discount {
            Some(cap) => bound.min(cap.minor_units()),
            None => bound,
        };
        Ok(Some(bound))
    }

    /// The state before any promotion.
    pub(crate) fn start(&self) -> Partial {
        Partial {
            state: self.initial.clone(),
            saving: 0,
            stopped_by: None,
        }
    }

    /// What the promotion at `index` saves alone, or why it misses, without building the
    /// state after it (an order-level discount is not spread over the units).
    pub(crate) fn alone(&self, index: usize) -> Result<Result<i128, Miss>, Error> {
        let (Some(promo), Some(plan)) =
            (self.promotions.get(index).copied(), self.plans.get(index))
        else {
            return Ok(Err(Miss::Nothing));
        };
        Ok(apply(
            self.cart,
            self.prep,
            promo,
            plan,
            index,
            &self.initial,
            false,
        )?
        .map(|a| a.saving()))
    }

    /// Apply the promotion at pipeline position `index` to `partial` (the positions applied
    /// so far must all be lower): what it took off, or why it missed; `None` for a position
    /// out of range.
    pub(crate) fn step(
        &self,
        partial: &mut Partial,
        index: usize,
    ) -> Result<Option<Result<Applied, Miss>>, Error> {
        let (Some(promo), Some(plan)) =
            (self.promotions.get(index).copied(), self.plans.get(index))
        else {
            return Ok(None);
        };
        if let Some(by) = partial.stopped_by {
            return Ok(Some(Err(Miss::Stopped { by })));
        }
        let a = match apply(
            self.cart,
            self.prep,
            promo,
            plan,
            index,
            &partial.state,
            true,
        )? {
            Ok(a) => a,
            Err(miss) => return Ok(Some(Err(miss))),
        };
        let state = &mut partial.state;
        for &(unit, amount) in &a.units {
            if let Some(price) = state.price.get_mut(unit) {
                *price = price.checked_sub(amount).ok_or_else(overflow)?;
            }
        }
        for &unit in &a.consumed {
            if let Some(c) = state.consumed.get_mut(unit) {
                *c = true;
            }
        }
        state.delivery = state
            .delivery
            .checked_sub(a.delivery)
            .ok_or_else(overflow)?;
        partial.saving = partial
            .saving
            .checked_add(a.saving())
            .ok_or_else(overflow)?;
        if promo.stacking.stop_after {
            partial.stopped_by = Some(index);
        }
        Ok(Some(Ok(a)))
    }

    /// Run the pipeline for `chosen` (pipeline positions, ascending).
    pub(crate) fn run(&self, chosen: &[usize]) -> Result<Run, Error> {
        let mut partial = self.start();
        let mut applied = Vec::with_capacity(chosen.len());
        let mut missed = Vec::new();
        for &index in chosen {
            match self.step(&mut partial, index)? {
                Some(Ok(a)) => applied.push(a),
                Some(Err(miss)) => missed.push((index, miss)),
                None => {}
            }
        }
        Ok(Run {
            state: partial.state,
            applied,
            missed,
            saving: partial.saving,
        })
    }

    /// The number of units (the size of a [`State`]).
    pub(crate) fn unit_count(&self) -> usize {
        self.prep.unit_original.len()
    }
}

/// Lines this promotion targets: promotable, matching its target (and, for member prices,
/// priced in its list).
fn target_lines(cart: &Cart, promo: &Promotion) -> Vec<usize> {
    let mut lines = Vec::with_capacity(cart.lines.len());
    for (i, line) in cart.lines.iter().enumerate() {
        let targeted = line.promotable
            && promo
                .conditions
                .target
                .matches(&line.product_id, &line.categories)
            && match &promo.discount {
                Discount::MemberPrice { prices } => {
                    prices.iter().any(|e| e.product_id == line.product_id)
                }
                _ => true,
            };
        if targeted {
            lines.push(i);
        }
    }
    lines
}

/// The planned units, without the consumed ones for a consuming offer.
fn eligible_units<'p>(
    promo: &Promotion,
    plan: &'p Plan,
    state: &State,
) -> std::borrow::Cow<'p, [usize]> {
    if promo.discount.consumes_units() {
        std::borrow::Cow::Owned(
            plan.units
                .iter()
                .copied()
                .filter(|&u| !state.consumed.get(u).copied().unwrap_or(true))
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(&plan.units)
    }
}

/// The base value of a unit for this promotion.
fn base_of(prep: &Prepared, state: &State, base: Base, unit: usize) -> i128 {
    match base {
        Base::Original => prep.unit_original.get(unit).copied().unwrap_or(0),
        Base::Discounted => current(state, unit),
    }
}

fn current(state: &State, unit: usize) -> i128 {
    state.price.get(unit).copied().unwrap_or(0)
}

/// Units sorted by base value, highest first, ties by unit order.
fn by_value_desc(prep: &Prepared, state: &State, base: Base, units: &[usize]) -> Vec<usize> {
    let mut sorted = units.to_vec();
    sorted.sort_by(|&a, &b| {
        base_of(prep, state, base, b)
            .cmp(&base_of(prep, state, base, a))
            .then(a.cmp(&b))
    });
    sorted
}

/// What one promotion computes before caps: per-unit desired discounts (item level) or an
/// amount to spread by current price (order level).
enum Computed {
    PerUnit(Vec<(usize, i128)>),
    Order(i128),
    Delivery(i128),
    Gift(i128),
}

/// Apply one promotion to the current state.
/// With `detail` false, an order-level discount's amount is computed but not spread over
/// the units (for a saving-only evaluation; the state cannot be advanced with it).
fn apply(
    cart: &Cart,
    prep: &Prepared,
    promo: &Promotion,
    plan: &Plan,
    index: usize,
    state: &State,
    detail: bool,
) -> Result<Result<Applied, Miss>, Error> {
    let lines = &plan.lines;
    let is_delivery = matches!(promo.discount, Discount::Delivery { .. });
    if lines.is_empty() && !is_delivery {
        return Ok(Err(Miss::NotTargetable));
    }
    let units = eligible_units(promo, plan, state);
    let units: &[usize] = &units;
    if units.is_empty() && !is_delivery {
        return Ok(Err(Miss::NotTargetable));
    }
    // Quantity of the targeted lines (unconsumed units for a consuming offer).
    if let Some(required) = promo.conditions.min_quantity {
        let actual = if promo.discount.consumes_units() {
            Decimal::from(units.len())
        } else {
            lines
                .iter()
                .filter_map(|&l| cart.lines.get(l))
                .map(|l| l.quantity)
                .sum()
        };
        if actual < required {
            return Ok(Err(Miss::MinQuantity { required, actual }));
        }
    }
    let threshold = sum(units
        .iter()
        .map(|&u| base_of(prep, state, promo.threshold_on, u)))?;
    if let Some(min) = &promo.conditions.min_subtotal {
        if threshold < min.minor_units() {
            return Ok(Err(Miss::MinSpend {
                required: min.minor_units(),
                actual: threshold,
            }));
        }
    }
    let base = promo.base;
    let value = |u: usize| base_of(prep, state, base, u);
    let cur = |u: usize| current(state, u);
    let mut consumed = if promo.discount.consumes_units() {
        Vec::with_capacity(units.len())
    } else {
        Vec::new()
    };
    let mut upsell = None;
    let computed = match &promo.discount {
        Discount::PercentOffItems { percent } => {
            // Not a consuming kind: a targeted line's units are its whole unit range.
            let mut out = Vec::with_capacity(units.len());
            for line_units in plan.spans.iter().filter_map(|&(a, b)| plan.units.get(a..b)) {
                let line_base = sum(line_units.iter().map(|&u| value(u)))?;
                let line_current = sum(line_units.iter().map(|&u| cur(u)))?;
                let wanted = percent_of(line_base, *percent)?.min(line_current);
                spread_by(wanted, line_units, cur, &mut out)?;
            }
            Computed::PerUnit(out)
        }
        Discount::AmountOffItems { amount } => Computed::PerUnit(
            units
                .iter()
                .map(|&u| (u, amount.minor_units().min(cur(u))))
                .collect(),
        ),
        Discount::FixedPrice {
            price,
            per: FixedPricePer::Item,
            ..
        } => Computed::PerUnit(
            units
                .iter()
                .map(|&u| {
                    let off = value(u).saturating_sub(price.minor_units()).max(0);
                    (u, off.min(cur(u)))
                })
                .collect(),
        ),
        Discount::FixedPrice {
            price,
            per: FixedPricePer::Bundle,
            bundle_size,
        } => {
            let k = usize::try_from(bundle_size.unwrap_or(1))
                .unwrap_or(usize::MAX)
                .max(1);
            let sorted = by_value_desc(prep, state, base, units);
            if sorted.len() < k {
                let short = Decimal::from(k.saturating_sub(sorted.len()));
                let have = Decimal::from(sorted.len());
                return Ok(Err(Miss::MinQuantity {
                    required: have.checked_add(short).unwrap_or(have),
                    actual: have,
                }));
            }
            let mut out = Vec::with_capacity(units.len());
            for group in sorted.chunks_exact(k) {
                let group_value = sum(group.iter().map(|&u| value(u)))?;
                let group_current = sum(group.iter().map(|&u| cur(u)))?;
                let off = group_value
                    .saturating_sub(price.minor_units())
                    .max(0)
                    .min(group_current);
                let weights: Vec<i128> = group.iter().map(|&u| cur(u)).collect();
                for (u, d) in group.iter().zip(spread(off, &weights)?) {
                    out.push((*u, d));
                }
                consumed.extend_from_slice(group);
            }
            Computed::PerUnit(out)
        }
        Discount::NthItem { n, percent } => {
            let n = usize::try_from(*n).unwrap_or(usize::MAX).max(1);
            let sorted = by_value_desc(prep, state, base, units);
            if sorted.len() < n {
                return Ok(Err(Miss::MinQuantity {
                    required: Decimal::from(n),
                    actual: Decimal::from(sorted.len()),
                }));
            }
            let mut out = Vec::with_capacity(units.len());
            for group in sorted.chunks_exact(n) {
                if let Some(&last) = group.last() {
                    out.push((last, percent_of(value(last), *percent)?.min(cur(last))));
                }
                consumed.extend_from_slice(group);
            }
            Computed::PerUnit(out)
        }
        Discount::BuyXGetY {
            buy,
            get,
            percent,
            reward,
            max_applications,
        } => {
            let x = usize::try_from(*buy).unwrap_or(usize::MAX);
            let y = usize::try_from(*get).unwrap_or(usize::MAX);
            let size = x.saturating_add(y).max(1);
            let sorted = by_value_desc(prep, state, base, units);
            let mut times = sorted.len().checked_div(size).unwrap_or(0);
            if let Some(max) = max_applications {
                times = times.min(usize::try_from(*max).unwrap_or(usize::MAX));
            }
            if times == 0 {
                return Ok(Err(Miss::MinQuantity {
                    required: Decimal::from(size),
                    actual: Decimal::from(sorted.len()),
                }));
            }
            let rewarded = times.saturating_mul(y);
            let qualifying = times.saturating_mul(x);
            let (rewards, qualifiers): (Vec<usize>, Vec<usize>) = match reward {
                RewardOrder::CheapestFirst => {
                    let rewards = sorted.iter().rev().take(rewarded).copied().collect();
                    let qualifiers = sorted.iter().take(qualifying).copied().collect();
                    (rewards, qualifiers)
                }
                RewardOrder::MostExpensiveFirst => {
                    let rewards = sorted.iter().take(rewarded).copied().collect();
                    let qualifiers = sorted
                        .iter()
                        .skip(rewarded)
                        .take(qualifying)
                        .copied()
                        .collect();
                    (rewards, qualifiers)
                }
            };
            let mut out = Vec::with_capacity(units.len());
            for &u in &rewards {
                out.push((u, percent_of(value(u), *percent)?.min(cur(u))));
            }
            consumed.extend(rewards);
            consumed.extend(qualifiers);
            Computed::PerUnit(out)
        }
        Discount::MemberPrice { prices } => {
            let mut out = Vec::with_capacity(units.len());
            for &u in units {
                let Some(line) = prep.unit_line.get(u).and_then(|&l| cart.lines.get(l)) else {
                    continue;
                };
                if let Some(entry) = prices.iter().find(|e| e.product_id == line.product_id) {
                    let per_unit = if line.quantity.normalize().scale() == 0 {
                        entry.price.minor_units()
                    } else {
                        entry
                            .price
                            .checked_mul(line.quantity, Rounding::HalfEven)?
                            .minor_units()
                    };
                    out.push((u, value(u).saturating_sub(per_unit).max(0).min(cur(u))));
                }
            }
            Computed::PerUnit(out)
        }
        Discount::PercentOffOrder { percent } => {
            let base_sum = sum(units.iter().map(|&u| value(u)))?;
            Computed::Order(percent_of(base_sum, *percent)?)
        }
        Discount::AmountOffOrder { amount } | Discount::NoThreshold { amount } => {
            Computed::Order(amount.minor_units())
        }
        Discount::Threshold { tiers } => {
            let mut sorted: Vec<(i128, i128)> = tiers
                .iter()
                .map(|t| (t.min_spend.minor_units(), t.off.minor_units()))
                .collect();
            sorted.sort_unstable();
            // The richest tier reached applies (so a larger spend never gives less).
            let reached = sorted
                .iter()
                .filter(|(min, _)| threshold >= *min)
                .map(|(_, off)| *off)
                .max();
            match reached {
                None => {
                    let required = sorted.first().map_or(0, |(min, _)| *min);
                    return Ok(Err(Miss::MinSpend {
                        required,
                        actual: threshold,
                    }));
                }
                Some(off) => {
                    upsell = sorted
                        .iter()
                        .find(|(next_min, next_off)| *next_min > threshold && *next_off > off)
                        .map(|(next_min, next_off)| {
                            (next_min.saturating_sub(threshold), *next_off)
                        });
                    Computed::Order(off)
                }
            }
        }
        Discount::Repeating { step, off, cap } => {
            let step = step.minor_units();
            let times = threshold.checked_div(step).ok_or_else(overflow)?;
            if times <= 0 {
                return Ok(Err(Miss::MinSpend {
                    required: step,
                    actual: threshold,
                }));
            }
            let raw = times.checked_mul(off.minor_units()).ok_or_else(overflow)?;
            let capped = cap.map_or(raw, |c| raw.min(c.minor_units()));
            // Upsell: the total after one more full step (capped), if it grows.
            let next = raw.saturating_add(off.minor_units());
            let next = cap.map_or(next, |c| next.min(c.minor_units()));
            if next > capped {
                let more = step.saturating_sub(threshold.checked_rem(step).unwrap_or(0));
                upsell = Some((more, next));
            }
            Computed::Order(capped)
        }
        Discount::Delivery { percent, amount } => {
            let fee = state.delivery;
            if fee <= 0 {
                return Ok(Err(Miss::Nothing));
            }
            let fee_base = match base {
                Base::Original => prep.delivery_fee,
                Base::Discounted => fee,
            };
            let off = match (percent, amount) {
                (Some(p), _) => percent_of(fee_base, *p)?,
                (None, Some(a)) => a.minor_units(),
                (None, None) => 0,
            };
            Computed::Delivery(off.min(fee))
        }
        Discount::Gift {
            value: gift_value,
            quantity,
            ..
        } => Computed::Gift(
            gift_value
                .minor_units()
                .checked_mul(i128::from(*quantity))
                .ok_or_else(overflow)?,
        ),
    };
    let cap = promo.max_discount.as_ref().map(|m| m.minor_units());
    let limit = |x: i128| cap.map_or(x, |c| x.min(c));
    let mut applied = Applied {
        promo: index,
        units: Vec::new(),
        amount: 0,
        delivery: 0,
        gift: 0,
        upsell,
        consumed,
    };
    match computed {
        Computed::PerUnit(wanted) => {
            let wanted_total = sum(wanted.iter().map(|(_, d)| *d))?;
            let total = limit(wanted_total);
            if total == wanted_total {
                // Uncapped: every unit gets exactly what it asked for.
                applied.units = wanted.into_iter().filter(|(_, d)| *d > 0).collect();
            } else {
                let weights: Vec<i128> = wanted.iter().map(|(_, d)| *d).collect();
                for ((u, _), d) in wanted.iter().zip(spread(total, &weights)?) {
                    if d > 0 {
                        applied.units.push((*u, d));
                    }
                }
            }
            applied.amount = total;
        }
        Computed::Order(wanted) => {
            let available = sum(units.iter().map(|&u| cur(u)))?;
            let total = limit(wanted.min(available));
            if detail {
                applied.units.reserve(units.len());
                spread_by(total, units, cur, &mut applied.units)?;
                applied.units.retain(|(_, d)| *d > 0);
            }
            applied.amount = total;
        }
        Computed::Delivery(off) => applied.delivery = limit(off),
        Computed::Gift(value) => applied.gift = value,
    }
    if applied.saving() <= 0 && !matches!(promo.discount, Discount::Gift { .. }) {
        return Ok(Err(Miss::Nothing));
    }
    Ok(Ok(applied))
}
