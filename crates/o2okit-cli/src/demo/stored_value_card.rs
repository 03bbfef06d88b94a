//! A stored-value card (储值卡): a top-up bonus, principal and bonus kept apart, a
//! proportional spend, a refund, and closing the card, replayed from its event log.

use o2okit::{card_replay, CardReplayRequest};

use super::{Page, Section};
use crate::commands::card::render;

pub const SECTION: Section = Section {
    name: "stored-value-card",
    title: "A stored-value card, replayed from its events",
    run,
};

const LOG: &str = r#"{"card": {"id": "card-8", "currency": "CNY", "kind": "registered"},
  "rules": {"bonus_tiers": [
    {"min_top_up": {"amount": "100.00", "currency": "CNY"}, "bonus": {"amount": "20.00", "currency": "CNY"}},
    {"min_top_up": {"amount": "300.00", "currency": "CNY"}, "bonus": {"amount": "50.00", "currency": "CNY"}}]},
  "events": [
    {"at": "2026-03-01T10:00:00+08:00", "event": {"type": "top_up", "key": "pay-1", "amount": {"amount": "100.00", "currency": "CNY"}}},
    {"at": "2026-03-01T10:00:05+08:00", "event": {"type": "top_up", "key": "pay-1", "amount": {"amount": "100.00", "currency": "CNY"}}},
    {"at": "2026-03-02T12:30:00+08:00", "event": {"type": "spend", "order_id": "o-17", "amount": {"amount": "60.00", "currency": "CNY"}}},
    {"at": "2026-03-03T09:15:00+08:00", "event": {"type": "refund", "order_id": "o-17", "amount": {"amount": "30.00", "currency": "CNY"}}},
    {"at": "2026-03-04T19:45:00+08:00", "event": {"type": "spend", "order_id": "o-18", "amount": {"amount": "8.99", "currency": "CNY"}}},
    {"at": "2026-03-31T20:00:00+08:00", "event": {"type": "close"}}]}"#;

fn run(page: &mut Page) -> Result<(), o2okit::Error> {
    let request: CardReplayRequest = o2okit::decode(LOG)?;
    page.line(
        "A member tops up 100.00 under \"top up 100 get 20, top up 300 get 50\". The card keeps",
    );
    page.line(
        "the 100.00 principal (the member's money) apart from the 20.00 bonus (the store's).",
    );
    page.line(
        "The top-up is retried with the same key and counts once. A spend of 60.00 takes both",
    );
    page.line("in proportion (50.00 + 10.00); refunding half gives back 25.00 + 5.00. Closing the");
    page.line("card pays out the principal only; the bonus is forfeited.");
    page.blank();
    let replay = card_replay(&request.card, &request.rules, &request.events)?;
    page.block(&render(&replay));
    page.blank();
    let t = &replay.totals;
    page.line(format!(
        "Nothing is lost: {} topped up = {} spent - {} refunded + {} paid out at closing.",
        t.topped_up.amount(),
        t.spent_principal.amount(),
        t.refunded_principal.amount(),
        t.paid_out.amount()
    ));
    page.line(
        "The 8.99 spend splits 7.50 + 1.49 on a 75.00 + 15.00 card: the bonus share is rounded",
    );
    page.line("down, so the odd cent comes out of principal, the member's own money.");
    Ok(())
}
