//! Carts, promotions and quote contexts for the `quote` and `coupon_validate` targets, and
//! the invariants of a quote.

use o2okit::{Currency, Level, Quote};

use crate::{id, json, pick, Amt, Arbitrary, At, Pct, Value};

/// Products and categories (short lists: targets and exclusions hit often).
pub const PRODUCTS: [&str; 5] = ["latte", "tea", "bread", "jacket", "noodles"];
/// Categories.
pub const CATEGORIES: [&str; 3] = ["drinks", "bakery", "clothes"];
/// Zones of promotion schedules (one with daylight saving time).
pub const ZONES: [&str; 4] = ["Asia/Shanghai", "UTC", "America/New_York", "Europe/London"];
const ROLES: [&str; 3] = ["platform", "merchant", "brand"];
const CHANNELS: [&str; 4] = ["online_delivery", "online_pickup", "in_store", "dine_in"];
const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A cart line.
#[derive(Arbitrary, Debug)]
pub struct LineIn {
    product: u8,
    categories: Vec<u8>,
    price: Amt,
    quantity: u8,
    /// A weighed quantity in thousandths (one line in four, when `weighed % 4 == 0`).
    weighed: Option<u16>,
    not_promotable: bool,
}

/// A cart: one to eight lines and maybe a delivery fee.
#[derive(Arbitrary, Debug)]
pub struct CartIn {
    first: LineIn,
    more: Vec<LineIn>,
    delivery_fee: Option<Amt>,
}

impl CartIn {
    /// The wire cart.
    pub fn wire(&self, c: Currency) -> Value {
        let lines: Vec<Value> = std::iter::once(&self.first)
            .chain(self.more.iter().take(7))
            .enumerate()
            .map(|(i, l)| {
                let quantity = match l.weighed {
                    Some(m) if m % 4 == 0 => o2okit::Decimal::new(i64::from(m % 5_000) + 1, 3),
                    _ => o2okit::Decimal::from(u32::from(l.quantity % 6) + 1),
                };
                let mut line = json!({
                    "id": format!("l{i}"),
                    "product_id": pick(&PRODUCTS, l.product),
                    "unit_price": l.price.money(c),
                    "quantity": quantity.to_string(),
                });
                let cats: Vec<&str> = l
                    .categories
                    .iter()
                    .take(2)
                    .map(|x| pick(&CATEGORIES, *x))
                    .collect();
                if !cats.is_empty() {
                    line["categories"] = json!(cats);
                }
                if l.not_promotable {
                    line["promotable"] = json!(false);
                }
                line
            })
            .collect();
        let mut cart = json!({ "lines": lines });
        if let Some(fee) = self.delivery_fee {
            cart["delivery_fee"] = money_small(fee, c);
        }
        cart
    }
}

fn money_small(a: Amt, c: Currency) -> Value {
    crate::money(i64::from(a.units % 5_000), c)
}

/// Every kind of discount, with small parameters.
#[derive(Arbitrary, Debug)]
pub enum DiscountIn {
    PercentOffItems(Pct),
    AmountOffItems(Amt),
    FixedPriceItem(Amt),
    FixedPriceBundle(Amt, u8),
    NthItem(u8, Pct),
    BuyXGetY {
        buy: u8,
        get: u8,
        percent: Pct,
        most_expensive: bool,
        max: Option<u8>,
    },
    MemberPrice(Vec<(u8, Amt)>),
    PercentOffOrder(Pct),
    AmountOffOrder(Amt),
    NoThreshold(Amt),
    Threshold(Vec<(Amt, Amt)>),
    Repeating(Amt, Amt, Option<Amt>),
    DeliveryPercent(Pct),
    DeliveryAmount(Amt),
    Gift(u8, u8, Amt),
}

impl DiscountIn {
    fn wire(&self, c: Currency) -> Value {
        match self {
            DiscountIn::PercentOffItems(p) => {
                json!({"type": "percent_off_items", "percent": p.wire()})
            }
            DiscountIn::AmountOffItems(a) => {
                json!({"type": "amount_off_items", "amount": money_small(*a, c)})
            }
            DiscountIn::FixedPriceItem(a) => json!({"type": "fixed_price", "price": a.money(c)}),
            DiscountIn::FixedPriceBundle(a, k) => {
                json!({"type": "fixed_price", "price": a.money(c), "per": "bundle", "bundle_size": u32::from(k % 5)})
            }
            DiscountIn::NthItem(n, p) => {
                json!({"type": "nth_item", "n": u32::from(n % 5), "percent": p.wire()})
            }
            DiscountIn::BuyXGetY {
                buy,
                get,
                percent,
                most_expensive,
                max,
            } => {
                let mut d = json!({"type": "buy_x_get_y", "buy": u32::from(buy % 4), "get": u32::from(get % 3),
                    "percent": percent.wire(),
                    "reward": if *most_expensive { "most_expensive_first" } else { "cheapest_first" }});
                if let Some(m) = max {
                    d["max_applications"] = json!(u32::from(m % 4));
                }
                d
            }
            DiscountIn::MemberPrice(entries) => {
                json!({"type": "member_price", "prices": entries.iter().take(3)
                .map(|(p, a)| json!({"product_id": pick(&PRODUCTS, *p), "price": a.money(c)})).collect::<Vec<_>>()})
            }
            DiscountIn::PercentOffOrder(p) => {
                json!({"type": "percent_off_order", "percent": p.wire()})
            }
            DiscountIn::AmountOffOrder(a) => {
                json!({"type": "amount_off_order", "amount": a.money(c)})
            }
            DiscountIn::NoThreshold(a) => {
                json!({"type": "no_threshold", "amount": money_small(*a, c)})
            }
            DiscountIn::Threshold(tiers) => {
                json!({"type": "threshold", "tiers": tiers.iter().take(3)
                .map(|(min, off)| json!({"min_spend": min.money(c), "off": money_small(*off, c)})).collect::<Vec<_>>()})
            }
            DiscountIn::Repeating(step, off, cap) => {
                let mut d = json!({"type": "repeating", "step": step.money(c), "off": money_small(*off, c)});
                if let Some(cap) = cap {
                    d["cap"] = cap.money(c);
                }
                d
            }
            DiscountIn::DeliveryPercent(p) => json!({"type": "delivery", "percent": p.wire()}),
            DiscountIn::DeliveryAmount(a) => {
                json!({"type": "delivery", "amount": money_small(*a, c)})
            }
            DiscountIn::Gift(p, q, v) => {
                json!({"type": "gift", "product_id": format!("gift-{}", pick(&PRODUCTS, *p)),
                "quantity": u32::from(q % 4), "value": money_small(*v, c)})
            }
        }
    }
}

/// A validity window and happy-hour slots.
#[derive(Arbitrary, Debug)]
pub struct ScheduleIn {
    from: Option<At>,
    until: Option<At>,
    zone: Option<u8>,
    slots: Vec<(Vec<u8>, u8, u8, u8)>,
}

impl ScheduleIn {
    fn wire(&self) -> Value {
        let mut s = json!({});
        if let Some(t) = self.from {
            s["valid_from"] = t.wire();
        }
        if let Some(t) = self.until {
            s["valid_until"] = t.wire();
        }
        if let Some(z) = self.zone {
            s["time_zone"] = json!(pick(&ZONES, z));
        }
        let slots: Vec<Value> = self
            .slots
            .iter()
            .take(3)
            .map(|(days, start, end, minutes)| {
                let days: Vec<&str> = days.iter().take(3).map(|d| pick(&DAYS, *d)).collect();
                json!({"days": days,
                       "start": format!("{:02}:{:02}", start % 24, (minutes % 4) * 15),
                       "end": format!("{:02}:{:02}", end % 25, (minutes / 4 % 4) * 15)})
            })
            .collect();
        if !slots.is_empty() {
            s["slots"] = json!(slots);
        }
        s
    }
}

/// A promotion with conditions and stacking.
#[derive(Arbitrary, Debug)]
pub struct PromoIn {
    discount: DiscountIn,
    coupon: bool,
    role: u8,
    max_discount: Option<Amt>,
    products: Vec<u8>,
    categories: Vec<u8>,
    exclude: Option<(u8, u8)>,
    min_subtotal: Option<Amt>,
    min_quantity: Option<u8>,
    gold_only: bool,
    first_order_only: bool,
    channels: Option<(Vec<u8>, Vec<u8>)>,
    stores: Option<(Vec<u8>, Vec<u8>)>,
    schedule: Option<ScheduleIn>,
    usage_limit: Option<u8>,
    per_customer_limit: Option<u8>,
    exclusive: bool,
    priority: i8,
    group: Option<u8>,
    stop_after: bool,
    base_original: bool,
    threshold_on_original: bool,
}

impl PromoIn {
    /// The wire promotion with this id.
    pub fn wire(&self, promotion_id: &str, c: Currency) -> Value {
        let role = pick(&ROLES, self.role);
        let mut funded_by = json!({ "role": role });
        if role == "brand" {
            funded_by["party_id"] = json!("brand-1");
        }
        let mut p = json!({
            "id": promotion_id,
            "trigger": if self.coupon { "coupon" } else { "automatic" },
            "discount": self.discount.wire(c),
            "funded_by": funded_by,
        });
        if let Some(m) = self.max_discount {
            p["max_discount"] = money_small(m, c);
        }
        let mut conditions = json!({});
        let mut target = json!({});
        let products: Vec<&str> = self
            .products
            .iter()
            .take(2)
            .map(|x| pick(&PRODUCTS, *x))
            .collect();
        if !products.is_empty() {
            target["products"] = json!(products);
        }
        let categories: Vec<&str> = self
            .categories
            .iter()
            .take(2)
            .map(|x| pick(&CATEGORIES, *x))
            .collect();
        if !categories.is_empty() {
            target["categories"] = json!(categories);
        }
        if let Some((product, category)) = self.exclude {
            if product % 2 == 0 {
                target["exclude_products"] = json!([pick(&PRODUCTS, product / 2)]);
            }
            if category % 2 == 0 {
                target["exclude_categories"] = json!([pick(&CATEGORIES, category / 2)]);
            }
        }
        conditions["target"] = target;
        if let Some(m) = self.min_subtotal {
            conditions["min_subtotal"] = m.money(c);
        }
        if let Some(q) = self.min_quantity {
            conditions["min_quantity"] = json!((q % 7).to_string());
        }
        if self.gold_only {
            conditions["member_tiers"] = json!(["gold"]);
        }
        if self.first_order_only {
            conditions["first_order_only"] = json!(true);
        }
        if let Some((allow, deny)) = &self.channels {
            conditions["channels"] = json!({
                "allow": allow.iter().take(2).map(|x| pick(&CHANNELS, *x)).collect::<Vec<_>>(),
                "deny": deny.iter().take(1).map(|x| pick(&CHANNELS, *x)).collect::<Vec<_>>()});
        }
        if let Some((allow, deny)) = &self.stores {
            conditions["stores"] = json!({
                "allow": allow.iter().take(2).map(|x| format!("store-{}", x % 3)).collect::<Vec<_>>(),
                "deny": deny.iter().take(1).map(|x| format!("store-{}", x % 3)).collect::<Vec<_>>()});
        }
        if let Some(s) = &self.schedule {
            conditions["schedule"] = s.wire();
        }
        if let Some(n) = self.usage_limit {
            conditions["usage_limit"] = json!(n % 5);
        }
        if let Some(n) = self.per_customer_limit {
            conditions["per_customer_limit"] = json!(n % 3);
        }
        p["conditions"] = conditions;
        let mut stacking = json!({"exclusive": self.exclusive, "priority": i32::from(self.priority % 3),
                                  "stop_after": self.stop_after});
        if let Some(g) = self.group {
            stacking["group"] = json!(format!("g{}", g % 2));
        }
        p["stacking"] = stacking;
        if self.base_original {
            p["base"] = json!("original");
        }
        if self.threshold_on_original {
            p["threshold_on"] = json!("original");
        }
        p
    }
}

/// Up to six promotions, with ids `promo-0`, `promo-1`, ...
pub fn promotions(ps: &[PromoIn], c: Currency) -> Vec<Value> {
    ps.iter()
        .take(6)
        .enumerate()
        .map(|(i, p)| p.wire(&format!("promo-{i}"), c))
        .collect()
}

/// A quote context: channel, time, store, customer, usage counters and coupon selection.
#[derive(Arbitrary, Debug)]
pub struct ContextIn {
    channel: u8,
    now: At,
    store: Option<u8>,
    customer: Option<u8>,
    gold: bool,
    first_order: bool,
    usage: Vec<(u8, u8, u8)>,
    explicit: Option<Vec<u8>>,
}

impl ContextIn {
    /// The wire context.
    pub fn wire(&self) -> Value {
        let mut ctx = json!({"now": self.now.wire(), "channel": pick(&CHANNELS, self.channel)});
        if let Some(s) = self.store {
            ctx["store_id"] = json!(format!("store-{}", s % 3));
        }
        let mut customer = json!({"first_order": self.first_order});
        if let Some(c) = self.customer {
            customer["id"] = json!(format!("customer-{}", id(c)));
        }
        if self.gold {
            customer["member_tier"] = json!("gold");
        }
        ctx["customer"] = customer;
        let usage: Vec<Value> = self
            .usage
            .iter()
            .take(3)
            .map(|(p, t, c)| json!({"promotion_id": format!("promo-{}", p % 6), "total": t % 6, "customer": c % 3}))
            .collect();
        if !usage.is_empty() {
            ctx["usage"] = json!(usage);
        }
        if let Some(ids) = &self.explicit {
            let ids: Vec<String> = ids
                .iter()
                .take(3)
                .map(|p| format!("promo-{}", p % 7))
                .collect();
            ctx["coupons"] = json!({"mode": "explicit", "coupons": ids});
        }
        ctx
    }
}

fn u(m: &o2okit::Money) -> i128 {
    m.minor_units()
}

/// The invariants of every quote: totals add up, nothing is negative, every discount is
/// spread exactly over its lines and units, no discount exceeds its base, the saving is what
/// the customer gets, and every amount is in the cart's currency.
pub fn check_quote(cart_lines: usize, c: Currency, q: &Quote) {
    let charged = q.delivery.as_ref().map_or(0, |d| u(&d.charged));
    assert_eq!(
        u(&q.total),
        u(&q.subtotal) - u(&q.discount_total) + charged,
        "total"
    );
    assert!(u(&q.total) >= 0, "negative total");
    assert!(u(&q.discount_total) >= 0, "negative discount total");
    assert_eq!(q.total.currency(), c);
    assert_eq!(q.lines.len(), cart_lines);
    let mut line_discounts = 0;
    let mut originals = 0;
    for line in &q.lines {
        assert!(u(&line.net) >= 0, "line {} net {}", line.line_id, line.net);
        assert!(
            u(&line.discount) >= 0,
            "line {} discount {}",
            line.line_id,
            line.discount
        );
        assert_eq!(u(&line.original) - u(&line.discount), u(&line.net));
        let from_units: i128 = line
            .units
            .iter()
            .map(|r| {
                assert!(r.count > 0);
                assert!(u(&r.net) >= 0, "unit net {}", r.net);
                i128::from(r.count) * u(&r.net)
            })
            .sum();
        assert_eq!(from_units, u(&line.net), "line {}: unit runs", line.line_id);
        line_discounts += u(&line.discount);
        originals += u(&line.original);
    }
    assert_eq!(originals, u(&q.subtotal), "subtotal");
    assert_eq!(line_discounts, u(&q.discount_total), "line discounts");
    let (mut goods, mut delivery, mut gifts) = (0, 0, 0);
    for d in &q.discounts {
        assert_eq!(d.amount.currency(), c);
        assert!(
            u(&d.amount) > 0 || d.kind == "gift",
            "{} saves nothing",
            d.promotion_id
        );
        let shares: i128 = d.lines.iter().map(|l| u(&l.amount)).sum();
        match d.level {
            Level::Delivery => {
                assert!(d.lines.is_empty());
                delivery += u(&d.amount);
            }
            _ if d.kind == "gift" => {
                assert!(d.lines.is_empty());
                assert_eq!(u(&d.amount), 0);
            }
            _ => {
                assert_eq!(shares, u(&d.amount), "{}: shares", d.promotion_id);
                goods += u(&d.amount);
            }
        }
        let mut base = 0;
        for share in &d.lines {
            let line = q
                .lines
                .iter()
                .find(|l| l.line_id == share.line_id)
                .unwrap_or_else(|| panic!("{} shares an unknown line", d.promotion_id));
            assert!(u(&share.amount) > 0);
            assert!(u(&share.amount) <= u(&line.original));
            base += u(&line.original);
        }
        if d.level != Level::Delivery {
            assert!(u(&d.amount) <= base, "{} exceeds its base", d.promotion_id);
        }
    }
    for g in &q.gifts {
        assert!(g.quantity > 0);
        assert!(u(&g.value) >= 0);
        gifts += u(&g.value) * i128::from(g.quantity);
    }
    assert_eq!(goods, u(&q.discount_total), "goods discounts");
    match &q.delivery {
        Some(dq) => {
            assert_eq!(delivery, u(&dq.discount));
            assert_eq!(u(&dq.fee) - u(&dq.discount), u(&dq.charged));
            assert!(u(&dq.charged) >= 0 && u(&dq.discount) >= 0);
        }
        None => assert_eq!(delivery, 0),
    }
    for line in &q.lines {
        let on_line: i128 = q
            .discounts
            .iter()
            .flat_map(|d| d.lines.iter())
            .filter(|s| s.line_id == line.line_id)
            .map(|s| u(&s.amount))
            .sum();
        assert_eq!(on_line, u(&line.discount), "line {}: shares", line.line_id);
    }
    assert_eq!(
        u(&q.selection.saving),
        u(&q.discount_total) + delivery + gifts,
        "saving"
    );
    // A promotion is applied or rejected, not both.
    for d in &q.discounts {
        assert!(
            q.rejected.iter().all(|r| r.promotion_id != d.promotion_id),
            "{} applied and rejected",
            d.promotion_id
        );
    }
}
