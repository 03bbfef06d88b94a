//! One order of each of the four O2O flows, split between the roles that made it happen:
//! every ledger adds up to what the customer paid, to the cent.

use o2okit::{split, SplitOrder, SplitPlan};

use super::{Page, Section};
use crate::ledger::ledger_table;

pub const SECTION: Section = Section {
    name: "flow-splits",
    title: "Who gets paid: one order of each of the four flows",
    run,
};

/// (story, order, plan) per flow; money is CNY.
const FLOWS: &[(&str, &str, &str)] = &[
    (
        "Online -> offline: a hotpot voucher bought on a group-buy platform for 99.00 (a 10.00\n\
         platform coupon made it 89.00) and redeemed in the store. The platform takes 6% of\n\
         the full price and pays for its own coupon; the merchant is paid as if the customer\n\
         had paid 99.00.",
        r#"{"id": "o2o-voucher", "at": "2026-11-22T18:30:00+08:00",
            "paid": {"amount": "89.00", "currency": "CNY"},
            "discounts": [{"promotion_id": "platform-10-off", "amount": {"amount": "10.00", "currency": "CNY"},
                           "funded_by": {"role": "platform", "party_id": "groupbuy-app"}}]}"#,
        r#"{"rules": [
            {"id": "processor", "to": {"role": "payment_processor", "party_id": "wxpay"}, "base": "customer_paid",
             "pay": {"type": "percent", "percent": "0.6"}},
            {"id": "commission", "to": {"role": "platform", "party_id": "groupbuy-app"}, "base": "gross_paid",
             "pay": {"type": "percent", "percent": "6"}}],
            "remainder": {"role": "merchant", "party_id": "hotpot-chain"}}"#,
    ),
    (
        "Offline -> online: a shopper scanned staff member Li's QR code in the Xianlin store, then\n\
         ordered 128.00 of goods on the brand's app, delivered for 6.00. Li earns 3% of the goods,\n\
         the store 2%, the rider the delivery fee.",
        r#"{"id": "o2o-qr", "at": "2026-11-22T20:10:00+08:00",
            "paid": {"amount": "134.00", "currency": "CNY"}, "delivery_fee": {"amount": "6.00", "currency": "CNY"},
            "parties": [{"role": "store_staff", "party_id": "li"}, {"role": "store", "party_id": "store-xianlin"}]}"#,
        r#"{"rules": [
            {"id": "processor", "to": {"role": "payment_processor", "party_id": "wxpay"}, "base": "customer_paid",
             "pay": {"type": "percent", "percent": "0.6"}},
            {"id": "rider", "to": {"role": "logistics", "party_id": "rider-co"}, "base": "delivery_fee",
             "pay": {"type": "percent", "percent": "100"}},
            {"id": "staff-referral", "to": {"role": "store_staff"}, "base": "goods",
             "pay": {"type": "percent", "percent": "3"}},
            {"id": "store-share", "to": {"role": "store"}, "base": "goods",
             "pay": {"type": "percent", "percent": "2"}}],
            "remainder": {"role": "merchant", "party_id": "brand"}}"#,
    ),
    (
        "Online -> offline -> online: a short-video ad, a try-on in the West showroom, then a\n\
         699.00 purchase online, shipped by the East store. The showroom is credited although\n\
         the sale closed online; 3% of the goods goes to the marketing touches, position-based\n\
         (40% first, 20% middle, 40% last).",
        r#"{"id": "o2o2o-sofa", "at": "2026-11-22T21:00:00+08:00",
            "paid": {"amount": "699.00", "currency": "CNY"},
            "journey": [
              {"channel": "douyin", "party_id": "kol-amy", "at": "2026-11-10T09:00:00+08:00", "stage": "acquire"},
              {"channel": "showroom", "party_id": "showroom-west", "at": "2026-11-15T15:00:00+08:00", "stage": "nurture"},
              {"channel": "wechat", "party_id": "brand-oa", "at": "2026-11-22T20:55:00+08:00", "stage": "convert"}]}"#,
        r#"{"rules": [
            {"id": "processor", "to": {"role": "payment_processor", "party_id": "alipay"}, "base": "customer_paid",
             "pay": {"type": "percent", "percent": "0.6"}},
            {"id": "experience-store", "to": {"role": "store", "party_id": "showroom-west"}, "base": "goods",
             "pay": {"type": "percent", "percent": "4"}},
            {"id": "fulfilment-store", "to": {"role": "store", "party_id": "store-east"}, "base": "goods",
             "pay": {"type": "percent_plus_fixed", "percent": "2", "fixed": {"amount": "15.00", "currency": "CNY"}}},
            {"id": "marketing", "to": {"role": "marketing", "attribution": {"type": "position_based"}}, "base": "goods",
             "pay": {"type": "percent", "percent": "3"}}],
            "remainder": {"role": "merchant", "party_id": "sofa-brand"}}"#,
    ),
    (
        "Offline -> online -> offline: a poster in the tea shop sends the customer to a delivery\n\
         platform, where she orders 36.00 of tea for pickup at the same shop. The platform's\n\
         18% commission carries a ratio cap (never above 30% of what was paid, rounded down);\n\
         the shop keeps the rest.",
        r#"{"id": "oo2o-tea", "at": "2026-11-22T15:20:00+08:00",
            "paid": {"amount": "36.00", "currency": "CNY"}}"#,
        r#"{"rules": [
            {"id": "platform-fee", "to": {"role": "platform", "party_id": "delivery-platform"}, "base": "gross_paid",
             "pay": {"type": "percent", "percent": "18"}, "cap": {"percent": "30"}},
            {"id": "processor", "to": {"role": "payment_processor", "party_id": "delivery-platform-pay"},
             "base": "customer_paid", "pay": {"type": "percent", "percent": "0.6"}}],
            "remainder": {"role": "store", "party_id": "tea-shop-12"}}"#,
    ),
];

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    page.line("Each plan is data: an ordered waterfall of rules on named bases, the rest to one");
    page.line("party. Every percent is rounded once to the cent (half-even); the lines always add");
    page.line("up to what the customer paid.");
    for (story, order, plan) in FLOWS {
        let order: SplitOrder = o2okit::decode(order)?;
        let plan: SplitPlan = o2okit::decode(plan)?;
        let ledger = split(&order, &plan)?;
        page.blank();
        for line in story.lines() {
            page.line(line.trim());
        }
        page.blank();
        page.block(&ledger_table(&ledger, "  "));
    }
    Ok(())
}
