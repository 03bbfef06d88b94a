//! A Meituan-style delivery order priced with an automatic offer and stacked coupons: the
//! receipt, why each promotion that did not apply was rejected, and who funds each cent.

use std::collections::BTreeMap;

use o2okit::{
    quote, CouponSelection, Money, Promotion, Quote, QuoteRequest, ReasonCode, Rejection, Trigger,
};

use super::{Page, Section};
use crate::receipt;
use crate::table::{Align, Table};

pub const SECTION: Section = Section {
    name: "stacked-coupons",
    title: "Pricing a cart with stacked coupons",
    run,
};

/// The order, as a QuoteRequest (the same JSON `o2okit quote` reads). `now` is fixed, so
/// the section is deterministic.
const REQUEST: &str = r#"{
  "cart": {
    "lines": [
      {"id": "rice", "product_id": "braised-chicken-rice", "categories": ["mains"],
       "unit_price": {"amount": "32.00", "currency": "CNY"}, "quantity": "3"},
      {"id": "milk-tea", "product_id": "milk-tea", "categories": ["drinks"],
       "unit_price": {"amount": "18.00", "currency": "CNY"}, "quantity": "2"},
      {"id": "lemon-tea", "product_id": "lemon-tea", "categories": ["drinks"],
       "unit_price": {"amount": "15.00", "currency": "CNY"}, "quantity": "1"},
      {"id": "dumplings", "product_id": "pan-fried-dumplings", "categories": ["sides"],
       "unit_price": {"amount": "24.00", "currency": "CNY"}, "quantity": "1"}
    ],
    "delivery_fee": {"amount": "5.00", "currency": "CNY"}
  },
  "promotions": [
    {"id": "drinks-2nd-half", "name": "饮品第二件半价",
     "discount": {"type": "nth_item", "n": 2, "percent": "50"},
     "funded_by": {"role": "merchant"},
     "conditions": {"target": {"categories": ["drinks"]}}},
    {"id": "platform-manjian", "name": "满100减10 满200减25", "trigger": "coupon",
     "discount": {"type": "threshold", "tiers": [
       {"min_spend": {"amount": "100.00", "currency": "CNY"}, "off": {"amount": "10.00", "currency": "CNY"}},
       {"min_spend": {"amount": "200.00", "currency": "CNY"}, "off": {"amount": "25.00", "currency": "CNY"}}]},
     "funded_by": {"role": "platform"}},
    {"id": "shop-no-threshold-8", "name": "店铺无门槛券 8元", "trigger": "coupon",
     "discount": {"type": "no_threshold", "amount": {"amount": "8.00", "currency": "CNY"}},
     "funded_by": {"role": "merchant"},
     "stacking": {"priority": 10, "group": "shop-coupon"}},
    {"id": "shop-5-percent", "name": "店铺95折券", "trigger": "coupon",
     "discount": {"type": "percent_off_order", "percent": "5"},
     "funded_by": {"role": "merchant"},
     "stacking": {"priority": 10, "group": "shop-coupon"}},
    {"id": "free-delivery", "name": "免配送费券", "trigger": "coupon",
     "discount": {"type": "delivery", "percent": "100"},
     "funded_by": {"role": "platform"},
     "conditions": {"channels": {"allow": ["online_delivery"]}}},
    {"id": "happy-hour-drinks", "name": "下午茶饮品8折", "trigger": "coupon",
     "discount": {"type": "percent_off_items", "percent": "20"},
     "funded_by": {"role": "merchant"},
     "conditions": {"target": {"categories": ["drinks"]},
       "schedule": {"time_zone": "Asia/Shanghai", "slots": [{"start": "14:00", "end": "17:00"}]}}},
    {"id": "platform-199-minus-20", "name": "满199减20", "trigger": "coupon",
     "discount": {"type": "amount_off_order", "amount": {"amount": "20.00", "currency": "CNY"}},
     "funded_by": {"role": "platform"}, "threshold_on": "original",
     "conditions": {"min_subtotal": {"amount": "199.00", "currency": "CNY"}},
     "stacking": {"priority": 20}}
  ],
  "context": {"now": "2026-11-22T12:30:00+08:00", "channel": "online_delivery",
              "store_id": "xuhui-01", "customer": {"id": "u-1024"}}
}"#;

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    let request: QuoteRequest = o2okit::decode(REQUEST)?;
    let q = quote(&request.cart, &request.promotions, &request.context)?;

    let fee = request
        .cart
        .delivery_fee
        .map_or_else(|| "no".to_string(), |f| f.to_string());
    let coupons = request
        .promotions
        .iter()
        .filter(|p| p.trigger == Trigger::Coupon)
        .count();
    let automatic = request.promotions.len().saturating_sub(coupons);
    wrap(
        page,
        "",
        &format!(
            "A delivery order (外卖) from a rice shop in Shanghai on a Meituan-style platform, \
             placed at {}: {} lines and a {fee} delivery fee. {} promotions are in play: \
             {automatic} automatic (applied whenever eligible) and {coupons} coupons the \
             customer holds. The engine applies the combination that saves the most:",
            request.context.now.format("%H:%M on %a %-d %b %Y (%:z)"),
            request.cart.lines.len(),
            request.promotions.len(),
        ),
    );
    page.blank();
    page.block(&promotions_table(&request.promotions));
    page.blank();
    page.line(
        "o2okit::quote prices the cart (item discounts, then order discounts, then delivery):",
    );
    page.blank();
    page.block(&receipt::receipt(&q, "  "));
    page.blank();
    if let Some(line) = q.lines.iter().find(|l| l.units.len() > 1) {
        let nets: Vec<String> = line
            .units
            .iter()
            .flat_map(|run| std::iter::repeat_n(run.net.amount().to_string(), count(run.count)))
            .collect();
        wrap(
            page,
            "",
            &format!(
                "The unit nets are what a refund returns: the {} taken off the {} line is \
                 spread over its {} units to the cent (they were paid {}), so refunding one \
                 unit returns exactly what was paid for it.",
                line.discount.amount(),
                line.line_id,
                line.quantity.normalize(),
                nets.join(", "),
            ),
        );
        page.blank();
    }

    page.line("Why the others did not apply:");
    for rejection in &q.rejected {
        let promo = request
            .promotions
            .iter()
            .find(|p| p.id == rejection.promotion_id);
        let text = explain(&request, &q, rejection, promo)?;
        wrap(page, "- ", &format!("{}: {text}", rejection.promotion_id));
    }
    page.blank();

    funding(page, &q)?;
    Ok(())
}

/// id, trigger, kind, funded by, group, name (last: CJK names would break alignment).
fn promotions_table(promotions: &[Promotion]) -> String {
    let mut table = Table::new(&[
        ("promotion", Align::Left),
        ("trigger", Align::Left),
        ("kind", Align::Left),
        ("funded by", Align::Left),
        ("group", Align::Left),
        ("name", Align::Left),
    ]);
    for p in promotions {
        table.row(vec![
            p.id.clone(),
            match p.trigger {
                Trigger::Automatic => "automatic".into(),
                Trigger::Coupon => "coupon".into(),
            },
            p.discount.kind().into(),
            receipt::payer(&p.funded_by),
            p.stacking.group.clone().unwrap_or_default(),
            p.name.clone().unwrap_or_default(),
        ]);
    }
    table.render("  ")
}

/// One or two sentences on why `rejection` happened, from its reason, params and hint.
fn explain(
    request: &QuoteRequest,
    q: &Quote,
    rejection: &Rejection,
    promo: Option<&Promotion>,
) -> Result<String, o2okit::Error> {
    let param = |key: &str| rejection.params.get(key).cloned().unwrap_or_default();
    let hint = rejection
        .hint
        .as_ref()
        .map_or_else(String::new, |h| h.message.clone());
    Ok(match rejection.reason {
        ReasonCode::NotInTimeSlot => {
            let schedule = promo.map(|p| &p.conditions.schedule);
            let slots = schedule
                .map(|s| {
                    s.slots
                        .iter()
                        .map(|slot| format!("{}-{}", slot.start, slot.end))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            let zone = schedule
                .and_then(|s| s.time_zone.clone())
                .unwrap_or_default();
            format!(
                "a happy-hour coupon, valid {slots} in {zone}. The order time, {}, is outside \
                 the slot, so the customer sees \"{hint}\".",
                request.context.now.format("%H:%M (%:z)"),
            )
        }
        ReasonCode::LostToBetterCombination if rejection.params.contains_key("winner") => {
            let winner = param("winner");
            let swapped = swap_coupon(request, q, &winner, &rejection.promotion_id)?;
            let own = swapped
                .discount(&rejection.promotion_id)
                .map_or_else(|| "nothing".to_string(), |d| d.amount.to_string());
            format!(
                "it shares the group \"{}\" with {winner}, and at most one coupon of a group \
                 applies. Swapped in, it would take {own} off and the order would save {} in \
                 all, against {} with {winner}, so the engine keeps {winner}.",
                param("group"),
                swapped.selection.saving,
                q.selection.saving,
            )
        }
        ReasonCode::MinSpendNotMet => {
            let base = match promo.map(|p| p.threshold_on) {
                Some(o2okit::Base::Original) => "list prices",
                _ => "prices after earlier discounts",
            };
            format!(
                "it needs a spend of {} (on {base}) and the cart comes to {}, so it stays \
                 locked; the customer sees \"{hint}\".",
                param("required"),
                param("actual"),
            )
        }
        _ => {
            let params = receipt::params(rejection);
            let mut text = receipt::reason_code(rejection);
            if !params.is_empty() {
                text.push_str(&format!(" ({params})"));
            }
            if !hint.is_empty() {
                text.push_str(&format!("; {hint}"));
            }
            text
        }
    })
}

/// The same order with explicitly selected coupons: those applied, `winner` swapped for
/// `loser`.
fn swap_coupon(
    request: &QuoteRequest,
    q: &Quote,
    winner: &str,
    loser: &str,
) -> Result<Quote, o2okit::Error> {
    let is_coupon = |id: &str| {
        request
            .promotions
            .iter()
            .any(|p| p.id == id && p.trigger == Trigger::Coupon)
    };
    let coupons = q
        .discounts
        .iter()
        .map(|d| d.promotion_id.as_str())
        .filter(|id| is_coupon(id))
        .map(|id| if id == winner { loser } else { id })
        .map(str::to_string)
        .collect();
    let mut context = request.context.clone();
    context.coupons = CouponSelection::Explicit { coupons };
    quote(&request.cart, &request.promotions, &context)
}

/// Who funds each discounted cent: per line and per role, from the discounts' line shares.
fn funding(page: &mut Page, q: &Quote) -> Result<(), o2okit::Error> {
    let currency = q.total.currency();
    let zero = Money::zero(currency);
    // (row label, role) -> amount; rows in receipt order, roles sorted.
    let mut rows: Vec<String> = q.lines.iter().map(|l| l.line_id.clone()).collect();
    let mut cells: BTreeMap<(String, String), Money> = BTreeMap::new();
    let mut by_role: BTreeMap<String, (Money, Vec<String>)> = BTreeMap::new();
    let mut add = |row: &str, role: &str, amount: Money| -> Result<(), o2okit::Error> {
        let cell = cells
            .entry((row.to_string(), role.to_string()))
            .or_insert(zero);
        *cell = cell.checked_add(amount)?;
        Ok(())
    };
    for d in &q.discounts {
        let role = d.funded_by.role.clone();
        if d.lines.is_empty() {
            add("delivery fee", &role, d.amount)?;
        }
        for share in &d.lines {
            add(&share.line_id, &role, share.amount)?;
        }
        let entry = by_role.entry(role).or_insert((zero, Vec::new()));
        entry.0 = entry.0.checked_add(d.amount)?;
        entry
            .1
            .push(format!("{} {}", d.promotion_id, d.amount.amount()));
    }
    for g in &q.gifts {
        let role = g.funded_by.role.clone();
        add("gifts", &role, g.value)?;
        let entry = by_role.entry(role).or_insert((zero, Vec::new()));
        entry.0 = entry.0.checked_add(g.value)?;
        entry
            .1
            .push(format!("{} gift {}", g.promotion_id, g.value.amount()));
    }
    for extra in ["delivery fee", "gifts"] {
        if cells.keys().any(|(row, _)| row == extra) {
            rows.push(extra.to_string());
        }
    }

    let roles: Vec<String> = by_role.keys().cloned().collect();
    let mut columns = vec![("", Align::Left)];
    columns.extend(roles.iter().map(|r| (r.as_str(), Align::Decimal)));
    columns.push(("total", Align::Decimal));
    let mut table = Table::new(&columns);
    let mut grand = zero;
    for row in &rows {
        let mut cellsv = vec![row.clone()];
        let mut row_total = zero;
        for role in &roles {
            let amount = cells
                .get(&(row.clone(), role.clone()))
                .copied()
                .unwrap_or(zero);
            row_total = row_total.checked_add(amount)?;
            cellsv.push(amount.amount().to_string());
        }
        grand = grand.checked_add(row_total)?;
        cellsv.push(row_total.amount().to_string());
        table.row(cellsv);
    }
    let mut last = vec!["total".to_string()];
    last.extend(by_role.values().map(|(m, _)| m.amount().to_string()));
    last.push(grand.amount().to_string());
    table.row(last);

    page.line("Who funds each discounted cent (every discount is spread over the lines it");
    page.line("touched, and each share is charged to the discount's payer):");
    page.blank();
    page.block(&table.render("  "));
    page.blank();
    let parts: Vec<String> = by_role
        .iter()
        .map(|(role, (amount, what))| format!("the {role} funds {amount} ({})", what.join(" + ")))
        .collect();
    wrap(page, "", &format!("{}.", capitalise(&parts.join("; "))));
    if grand == q.selection.saving {
        wrap(
            page,
            "",
            &format!(
                "Together {grand}: exactly the customer's saving in the selection report, so \
                 every discounted cent has a payer for the revenue split."
            ),
        );
    } else {
        page.line(format!(
            "Together {grand}, but the selection report says {}: a bug to report.",
            q.selection.saving
        ));
    }
    Ok(())
}

/// A run's count as a `usize` for repetition (a run never holds more than `MAX_UNITS`).
fn count(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Write `text` as lines of at most 88 characters: the first starts with `first`, the
/// others are indented to match it.
fn wrap(page: &mut Page, first: &str, text: &str) {
    const WIDTH: usize = 88;
    let indent = " ".repeat(first.chars().count());
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if !empty && len.saturating_add(1).saturating_add(word.chars().count()) > WIDTH {
            page.line(&line);
            line.clone_from(&indent);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    if !empty {
        page.line(&line);
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
