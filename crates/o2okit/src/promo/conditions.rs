//! The checks that depend only on the promotion and the context (not on the cart):
//! schedule, channel, store, customer and usage limits.

use super::context::QuoteContext;
use super::promotion::{Discount, Promotion};
use super::reasons::{Hint, ReasonCode, Rejection};
use super::rejection;
use super::schedule::Availability;
use crate::Error;

/// `None` if the promotion passes every cart-independent condition, else the first failure
/// in this fixed order: schedule, channel, store, first order, member tier, total usage,
/// per-customer usage.
pub(crate) fn static_check(
    promo: &Promotion,
    ctx: &QuoteContext,
) -> Result<Option<Rejection>, Error> {
    let c = &promo.conditions;
    match c.schedule.availability(ctx.now)? {
        Availability::Open => {}
        Availability::NotStarted(from) => {
            let at = from.to_rfc3339();
            return Ok(Some(rejection(
                promo,
                ReasonCode::NotStarted,
                &[("valid_from", at.clone())],
                Some(Hint::wait_until(from, format!("valid from {at}"))),
            )));
        }
        Availability::Expired(until) => {
            return Ok(Some(rejection(
                promo,
                ReasonCode::Expired,
                &[("valid_until", until.to_rfc3339())],
                None,
            )));
        }
        Availability::OutsideSlot(next) => {
            let (params, hint) = match next {
                Some((at, message)) => (
                    vec![("next_start", at.to_rfc3339())],
                    Some(Hint::wait_until(at, message)),
                ),
                None => (Vec::new(), None),
            };
            return Ok(Some(rejection(
                promo,
                ReasonCode::NotInTimeSlot,
                &params,
                hint,
            )));
        }
    }
    if !c.channels.admits(&ctx.channel) {
        return Ok(Some(rejection(
            promo,
            ReasonCode::WrongChannel,
            &[("channel", ctx.channel.as_str().to_string())],
            None,
        )));
    }
    let store_ok = match &ctx.store_id {
        Some(store) => c.stores.admits(store),
        None => c.stores.allow.is_empty(),
    };
    if !store_ok {
        let store = ctx.store_id.clone().unwrap_or_else(|| "none".to_string());
        return Ok(Some(rejection(
            promo,
            ReasonCode::WrongStore,
            &[("store_id", store)],
            None,
        )));
    }
    if c.first_order_only && !ctx.customer.first_order {
        return Ok(Some(rejection(promo, ReasonCode::NotFirstOrder, &[], None)));
    }
    let tier = ctx.customer.member_tier.as_deref();
    let tier_ok = match tier {
        Some(t) => c.member_tiers.is_empty() || c.member_tiers.iter().any(|x| x == t),
        None => {
            c.member_tiers.is_empty() && !matches!(promo.discount, Discount::MemberPrice { .. })
        }
    };
    if !tier_ok {
        let required = if c.member_tiers.is_empty() {
            "any".to_string()
        } else {
            c.member_tiers.join(",")
        };
        return Ok(Some(rejection(
            promo,
            ReasonCode::MemberTierRequired,
            &[
                ("required", required),
                ("tier", tier.unwrap_or("none").to_string()),
            ],
            None,
        )));
    }
    let usage = ctx.usage.iter().find(|u| u.promotion_id == promo.id);
    let (total, mine) = usage.map_or((0, 0), |u| (u.total, u.customer));
    if let Some(limit) = c.usage_limit {
        if total >= limit {
            return Ok(Some(rejection(
                promo,
                ReasonCode::UsageLimitReached,
                &[("limit", limit.to_string()), ("used", total.to_string())],
                None,
            )));
        }
    }
    if let Some(limit) = c.per_customer_limit {
        if mine >= limit {
            return Ok(Some(rejection(
                promo,
                ReasonCode::PerCustomerLimitReached,
                &[("limit", limit.to_string()), ("used", mine.to_string())],
                None,
            )));
        }
    }
    Ok(None)
}
