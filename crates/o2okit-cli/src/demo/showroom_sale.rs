//! Flow 3, online → offline → online (先线上后线下再线上), JD-style: an online ad, a try in a
//! showroom, an online purchase routed to the nearest partner store with stock; the
//! showroom is credited although the sale closed online.

use o2okit::{quote, QuoteRequest};

use super::store_order::{journey, log_paying, quote_lines, replay_and_settle};
use super::{Page, Section};

pub const SECTION: Section = Section {
    name: "showroom-sale",
    title: "Flow 3, online -> offline -> online: tried in a showroom, bought online",
    run,
};

/// The same log `o2okit flow replay examples/flows/online_to_offline_to_online.json` reads.
const LOG: &str = include_str!("../../../../examples/flows/online_to_offline_to_online.json");

const JOURNEY: &str = r#"{"touchpoints": [
    {"channel": "online", "stage": "marketing", "at": "2026-05-30T20:00:00+08:00", "kind": "video_ad"},
    {"channel": "offline", "stage": "experience", "at": "2026-06-01T14:00:00+08:00", "kind": "showroom_visit"},
    {"channel": "online", "stage": "transaction", "at": "2026-06-02T12:00:00+08:00", "kind": "online_order"}]}"#;

const QUOTE: &str = r#"{"cart": {"lines": [{"id": "l1", "product_id": "tv",
        "unit_price": {"amount": "5299.00", "currency": "CNY"}, "quantity": "1"}]},
    "promotions": [{"id": "man-5000-jian-300", "discount": {"type": "threshold", "tiers": [
        {"min_spend": {"amount": "5000.00", "currency": "CNY"}, "off": {"amount": "300.00", "currency": "CNY"}}]},
        "funded_by": {"role": "merchant"}}],
    "context": {"now": "2026-06-02T12:00:00+08:00", "channel": "online_delivery"}}"#;

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    page.line("Ann sees a TV in a video ad, tries it in the Sanlitun showroom, and buys it online");
    page.line("the next day. Her journey:");
    journey(page, JOURNEY)?;
    page.blank();
    let request: QuoteRequest = o2okit::decode(QUOTE)?;
    let quote = quote(&request.cart, &request.promotions, &request.context)?;
    page.line("The shop's 满减 offer (5000 off 300, funded by the merchant):");
    quote_lines(page, &quote);
    page.blank();
    page.line("The order is routed to the nearest partner store that serves her address and has");
    page.line("the TV; the showroom's 4% is paid although the sale closed online:");
    page.blank();
    replay_and_settle(page, &log_paying(LOG, &quote)?)
}
