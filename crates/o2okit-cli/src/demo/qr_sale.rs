//! Flow 2, offline → online (先线下后线上), Suning-style: a staff member's QR code in one
//! store binds the customer; the online order, with a platform coupon, is delivered by
//! another store; the bound store and staff member are credited at settlement.

use o2okit::{quote, QuoteRequest};

use super::store_order::{journey, log_paying, quote_lines, replay_and_settle};
use super::{Page, Section};

pub const SECTION: Section = Section {
    name: "qr-sale",
    title: "Flow 2, offline -> online: a staff QR code in the store, an order in the app",
    run,
};

/// The same log `o2okit flow replay examples/flows/offline_to_online.json` reads.
const LOG: &str = include_str!("../../../../examples/flows/offline_to_online.json");

const JOURNEY: &str = r#"{"touchpoints": [
    {"channel": "offline", "stage": "marketing", "at": "2026-11-01T15:00:00+08:00", "kind": "staff_qr_scan"},
    {"channel": "online", "stage": "transaction", "at": "2026-11-11T12:00:00+08:00", "kind": "app_order"},
    {"channel": "offline", "stage": "fulfilment", "at": "2026-11-11T12:50:00+08:00", "kind": "home_delivery"}]}"#;

const QUOTE: &str = r#"{"cart": {"lines": [{"id": "l1", "product_id": "washer-9kg",
        "unit_price": {"amount": "3099.00", "currency": "CNY"}, "quantity": "1"}]},
    "promotions": [{"id": "double-11", "discount": {"type": "amount_off_order",
        "amount": {"amount": "100.00", "currency": "CNY"}}, "funded_by": {"role": "platform"}}],
    "context": {"now": "2026-11-11T12:00:00+08:00", "channel": "online_delivery"}}"#;

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    page.line("Li, who works at the Xinjiekou store, shows Ann a washing machine and has her scan");
    page.line(
        "his QR code. Five days later Ann scans another QR code at the Hunan Road store; under",
    );
    page.line(
        "\"first bind wins for 30 days\" Li keeps her. On 11.11 she orders the machine in the",
    );
    page.line("app; the Hunan Road store delivers it. Her journey:");
    journey(page, JOURNEY)?;
    page.blank();
    let request: QuoteRequest = o2okit::decode(QUOTE)?;
    let quote = quote(&request.cart, &request.promotions, &request.context)?;
    page.line("The app prices the order with the platform's double-11 coupon:");
    quote_lines(page, &quote);
    page.blank();
    page.line("The order's lifecycle. At settlement the plan pays the platform 5%, the bound");
    page.line("store 3% and Li 1% of the gross, the delivering store a fixed 20.00; the platform");
    page.line("funds its coupon (the negative line), so the merchant is paid on 3,099.00:");
    page.blank();
    replay_and_settle(page, &log_paying(LOG, &quote)?)
}
