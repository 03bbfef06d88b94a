//! Validating a held coupon against an order, with no side effect.

use serde::{Deserialize, Serialize};

use super::cart::Cart;
use super::context::{CouponSelection, QuoteContext};
use super::coupon::HeldCoupon;
use super::promotion::Promotion;
use super::reasons::Rejection;
use crate::money::Money;
use crate::Error;

/// Whether a held coupon can be used on an order, and for how much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CouponValidation {
    /// The coupon.
    pub coupon_id: String,
    /// Its promotion.
    pub promotion_id: String,
    /// Whether it would apply.
    pub valid: bool,
    /// The discount it would give (with the automatic offers that apply beside it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<Money>,
    /// Why the promotion would not apply to this cart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection: Option<Rejection>,
    /// Why the coupon itself cannot be used (expired, another owner, no uses left): the
    /// error code and message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<CouponProblem>,
}

/// A problem with the held coupon itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CouponProblem {
    /// The stable error code (`coupon_exhausted`, `coupon_not_usable`).
    pub code: String,
    /// What is wrong.
    pub message: String,
}

/// Validate `coupon` for this order: is it usable by this customer now, and would its
/// promotion apply to this cart (quoted with only this coupon selected, beside the automatic
/// offers)? Pure: nothing is redeemed.
///
/// Errors: the coupon's promotion is not among `promotions` ([`Error::InvalidInput`]), or
/// any error of [`quote`](crate::quote).
pub fn validate_coupon(
    coupon: &HeldCoupon,
    cart: &Cart,
    promotions: &[Promotion],
    context: &QuoteContext,
) -> Result<CouponValidation, Error> {
    if !promotions.iter().any(|p| p.id == coupon.promotion_id) {
        return Err(Error::InvalidInput {
            field: "promotions".into(),
            reason: format!(
                "coupon {:?} is for promotion {:?}, which is not among the promotions given",
                coupon.coupon_id, coupon.promotion_id
            ),
        });
    }
    let mut result = CouponValidation {
        coupon_id: coupon.coupon_id.clone(),
        promotion_id: coupon.promotion_id.clone(),
        valid: false,
        discount: None,
        rejection: None,
        problem: None,
    };
    if let Err(e) = coupon.check_usable(context.customer.id.as_deref(), context.now) {
        result.problem = Some(CouponProblem {
            code: e.code().to_string(),
            message: e.to_string(),
        });
        return Ok(result);
    }
    let mut only_this = context.clone();
    only_this.coupons = CouponSelection::Explicit {
        coupons: vec![coupon.promotion_id.clone()],
    };
    let q = super::quote(cart, promotions, &only_this)?;
    match q.discount(&coupon.promotion_id) {
        Some(d) => {
            result.valid = true;
            result.discount = Some(d.amount);
        }
        None => result.rejection = q.rejection(&coupon.promotion_id).cloned(),
    }
    Ok(result)
}
