//! `coupon.validate`: a held coupon (owner, uses, expiry, past redemptions) against a cart,
//! the promotions and a context. On every success exactly one of "valid with a discount", "a
//! problem with the coupon" or "a rejection" is reported; a problem is what
//! `check_usable` says; a valid coupon's discount is the one a quote with only that coupon
//! selected gives it; and the common contract holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use o2okit::{Cart, CouponSelection, CouponValidation, HeldCoupon, Promotion, QuoteContext};
use o2okit_fuzz::promo::{promotions, CartIn, ContextIn, PromoIn};
use o2okit_fuzz::{id, json, Amt, Arbitrary, At, Checked, Cur, Value};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    coupon: HeldCoupon,
    cart: Cart,
    #[serde(default)]
    promotions: Vec<Promotion>,
    context: QuoteContext,
}

#[derive(Arbitrary, Debug)]
pub struct CouponIn {
    pub promotion: u8,
    pub owner: Option<u8>,
    pub max_uses: Option<u8>,
    pub valid_until: Option<At>,
    pub redemptions: Vec<(u8, Amt, bool)>,
}

fn coupon(input: &CouponIn, c: o2okit::Currency) -> Value {
    let mut coupon =
        json!({"coupon_id": "cpn-1", "promotion_id": format!("promo-{}", input.promotion % 7)});
    if let Some(o) = input.owner {
        coupon["customer_id"] = json!(format!("customer-{}", id(o)));
    }
    if let Some(m) = input.max_uses {
        coupon["max_uses"] = json!(m % 4);
    }
    if let Some(t) = input.valid_until {
        coupon["valid_until"] = t.wire();
    }
    let redemptions: Vec<Value> = input
        .redemptions
        .iter()
        .take(4)
        .enumerate()
        .map(|(i, (order, amount, released))| {
            let amount = amount.money(c);
            json!({"order_id": format!("o-{}-{i}", id(*order)), "amount": amount,
                   "rolled_back": if *released { amount.clone() } else { o2okit_fuzz::money(0, c) },
                   "at": o2okit_fuzz::time(0, false), "released": released})
        })
        .collect();
    coupon["redemptions"] = json!(redemptions);
    coupon
}

#[derive(Arbitrary, Debug)]
struct Input {
    currency: Cur,
    coupon: CouponIn,
    cart: CartIn,
    promotions: Vec<PromoIn>,
    context: ContextIn,
}

fuzz_target!(|input: Input| {
    let c = input.currency.currency();
    let request = json!({
        "coupon": coupon(&input.coupon, c),
        "cart": input.cart.wire(c),
        "promotions": promotions(&input.promotions, c),
        "context": input.context.wire(),
    });
    let run = |r: &Request| o2okit::validate_coupon(&r.coupon, &r.cart, &r.promotions, &r.context);
    let Some(v) = Checked::<CouponValidation>::run("coupon.validate", &request, run).ok() else {
        return;
    };
    let r: Request = o2okit::decode(&request.to_string()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v.coupon_id, r.coupon.coupon_id);
    assert_eq!(v.promotion_id, r.coupon.promotion_id);
    let outcomes = usize::from(v.valid)
        + usize::from(v.problem.is_some())
        + usize::from(v.rejection.is_some());
    assert_eq!(outcomes, 1, "{v:?}");
    assert_eq!(v.valid, v.discount.is_some());
    match r
        .coupon
        .check_usable(r.context.customer.id.as_deref(), r.context.now)
    {
        Err(e) => assert_eq!(v.problem.as_ref().map(|p| p.code.as_str()), Some(e.code())),
        Ok(()) => {
            assert!(v.problem.is_none());
            let mut only = r.context.clone();
            only.coupons = CouponSelection::Explicit {
                coupons: vec![r.coupon.promotion_id.clone()],
            };
            let q = o2okit::quote(&r.cart, &r.promotions, &only).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                v.discount,
                q.discount(&r.coupon.promotion_id).map(|d| d.amount)
            );
            if let Some(d) = v.discount {
                assert!(!d.is_negative());
                assert_eq!(d.currency(), c);
            }
        }
    }
});
