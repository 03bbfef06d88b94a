//! `quote`: a cart of one to eight lines, up to six promotions of every kind (conditions,
//! schedules in named zones, stacking groups, coupons) and a context. On every success the
//! quote's invariants hold (see `o2okit_fuzz::promo::check_quote`), an explicit selection of
//! the coupons the best-for-customer quote applied reproduces its total, and the common
//! contract holds (deterministic, the wire gives the same bytes, round trip).
#![no_main]

use libfuzzer_sys::fuzz_target;
use o2okit::{Quote, QuoteRequest, Trigger};
use o2okit_fuzz::promo::{check_quote, promotions, CartIn, ContextIn, PromoIn};
use o2okit_fuzz::{json, Arbitrary, Checked, Cur};

#[derive(Arbitrary, Debug)]
struct Input {
    currency: Cur,
    cart: CartIn,
    promotions: Vec<PromoIn>,
    context: ContextIn,
}

fuzz_target!(|input: Input| {
    let c = input.currency.currency();
    let request = json!({
        "cart": input.cart.wire(c),
        "promotions": promotions(&input.promotions, c),
        "context": input.context.wire(),
    });
    let run = |r: &QuoteRequest| o2okit::quote(&r.cart, &r.promotions, &r.context);
    let Some(q) = Checked::<Quote>::run("quote", &request, run).ok() else {
        return;
    };
    let r: QuoteRequest = o2okit::decode(&request.to_string()).unwrap_or_else(|e| panic!("{e}"));
    check_quote(r.cart.lines.len(), c, &q);
    // The coupons chosen for the customer, selected explicitly, give the same total.
    if q.selection.mode == "best_for_customer" {
        let chosen: Vec<String> = q
            .discounts
            .iter()
            .map(|d| d.promotion_id.clone())
            .chain(q.gifts.iter().map(|g| g.promotion_id.clone()))
            .filter(|id| {
                r.promotions
                    .iter()
                    .any(|p| &p.id == id && p.trigger == Trigger::Coupon)
            })
            .collect();
        let mut context = r.context.clone();
        context.coupons = o2okit::CouponSelection::Explicit { coupons: chosen };
        let explicit = o2okit::quote(&r.cart, &r.promotions, &context)
            .unwrap_or_else(|e| panic!("the chosen coupons fail explicitly: {e}"));
        check_quote(r.cart.lines.len(), c, &explicit);
        assert_eq!(
            explicit.total, q.total,
            "the chosen coupons give another total explicitly"
        );
        assert_eq!(explicit.selection.saving, q.selection.saving);
    }
});
