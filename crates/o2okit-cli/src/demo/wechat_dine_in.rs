//! Flow 4, offline → online → offline (先线下后线上再线下), Papa John's-style: a poster in the
//! store, an order in the WeChat mini-program paid from a stored-value card, eaten in the
//! store; the mini-program's payment fee comes first in the split.

use o2okit::{card_apply, quote, CardEvent, CardRules, CardState, QuoteRequest};

use super::store_order::{journey, log_paying, quote_lines, replay_and_settle};
use super::{Page, Section};

pub const SECTION: Section = Section {
    name: "wechat-dine-in",
    title: "Flow 4, offline -> online -> offline: a WeChat order eaten in the store",
    run,
};

/// The same log `o2okit flow replay examples/flows/offline_to_online_to_offline.json` reads.
const LOG: &str = include_str!("../../../../examples/flows/offline_to_online_to_offline.json");

const JOURNEY: &str = r#"{"touchpoints": [
    {"channel": "offline", "stage": "marketing", "at": "2026-03-06T11:55:00+08:00", "kind": "table_poster_qr"},
    {"channel": "online", "stage": "transaction", "at": "2026-03-06T12:00:00+08:00", "kind": "wechat_order"},
    {"channel": "offline", "stage": "experience", "at": "2026-03-06T12:16:00+08:00", "kind": "dine_in"}]}"#;

const QUOTE: &str = r#"{"cart": {"lines": [{"id": "l1", "product_id": "pizza-9in",
        "unit_price": {"amount": "59.00", "currency": "CNY"}, "quantity": "2"}]},
    "promotions": [{"id": "second-half", "discount": {"type": "nth_item", "n": 2, "percent": "50"},
        "funded_by": {"role": "merchant"}}],
    "context": {"now": "2026-03-06T12:00:00+08:00", "channel": "dine_in", "store_id": "xuhui"}}"#;

/// Ann's stored-value card: 200.00 she paid and 40.00 of top-up bonus.
const CARD: &str = r#"{"id": "card-ann", "currency": "CNY",
    "principal": {"amount": "200.00", "currency": "CNY"}, "bonus": {"amount": "40.00", "currency": "CNY"},
    "as_of": "2026-03-01T10:00:00+08:00"}"#;

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    page.line("Ann sits down at the Xuhui store, scans the poster's code and orders two pizzas in");
    page.line("the WeChat mini-program. Her journey:");
    journey(page, JOURNEY)?;
    page.blank();
    let request: QuoteRequest = o2okit::decode(QUOTE)?;
    let quote = quote(&request.cart, &request.promotions, &request.context)?;
    page.line("The store's 第二件半价 (second one half price):");
    quote_lines(page, &quote);
    page.blank();
    let card: CardState = o2okit::decode(CARD)?;
    let spend: CardEvent = o2okit::decode(&format!(
        r#"{{"type": "spend", "order_id": "o-1", "amount": {}}}"#,
        serde_json::to_string(&quote.total).unwrap_or_default()
    ))?;
    let now = o2okit::decode(r#""2026-03-06T12:00:00+08:00""#)?;
    let paid = card_apply(&card, &CardRules::default(), &spend, now)?;
    page.line(format!(
        "She pays {} from her stored-value card, principal and bonus in proportion:",
        quote.total
    ));
    page.line(format!(
        "  principal {} -> {} ({}), bonus {} -> {} ({})",
        card.principal.amount(),
        paid.card.principal.amount(),
        paid.entry.principal_delta.amount(),
        card.bonus.amount(),
        paid.card.bonus.amount(),
        paid.entry.bonus_delta.amount()
    ));
    page.blank();
    page.line(
        "The order's lifecycle: received, in preparation, ready, served at the table, settled",
    );
    page.line("that night. The mini-program's 0.6% payment fee is the first line; the store gets");
    page.line("10%. Cancelling is only possible in the first 5 minutes and before the kitchen");
    page.line("accepts, so a late cancel is turned away:");
    page.blank();
    let mut log: serde_json::Value = o2okit::decode(&log_paying(LOG, &quote)?)?;
    let cancel: serde_json::Value = o2okit::decode(
        r#"{"at": "2026-03-06T12:03:00+08:00",
            "command": {"type": "cancel", "key": "x", "actor": "customer"}}"#,
    )?;
    if let Some(commands) = log
        .get_mut("commands")
        .and_then(serde_json::Value::as_array_mut)
    {
        if commands.len() >= 2 {
            commands.insert(2, cancel);
        }
    }
    replay_and_settle(page, &log.to_string())
}
