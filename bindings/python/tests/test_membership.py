"""Membership from Python: a stored-value card's principal and bonus (top up 100 with bonus
20, spend 60 -> 50.00 + 10.00), points expiring across a month boundary, redemption as a
funded promotion, and the errors."""

from __future__ import annotations

import doctest
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

import o2okit
import o2okit._membership
from o2okit import InputError, MembershipError, Money, MoneyError, O2OError

CST = timezone(timedelta(hours=8))


def cny(amount: str) -> Money:
    return Money(Decimal(amount), "CNY")


def at(day: str, time: str = "10:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{time}:00").replace(tzinfo=CST)


RULES: dict[str, Any] = {
    "bonus_tiers": [
        {"min_top_up": cny("100.00"), "bonus": cny("20.00")},
        {"min_top_up": cny("300.00"), "bonus": cny("50.00")},
    ]
}
CARD: dict[str, Any] = {"id": "card-1", "currency": "CNY"}


def test_top_up_100_bonus_20_then_spend_60() -> None:
    events = [
        {"at": at("2026-03-01"), "event": {"type": "top_up", "amount": cny("100.00")}},
        {"at": at("2026-03-02"), "event": {"type": "spend", "order_id": "o1", "amount": {"amount": Decimal("60.00"), "currency": "CNY"}}},
    ]
    replay = o2okit.card_replay(CARD, events, rules=RULES)
    card = replay.card
    assert (card.principal, card.bonus) == (cny("50.00"), cny("10.00"))
    assert card.to_dict()["principal"] == {"amount": "50.00", "currency": "CNY"}
    top_up, spend = replay.entries
    assert (top_up.principal_delta, top_up.bonus_delta) == (cny("100.00"), cny("20.00"))
    assert (spend.principal_delta, spend.bonus_delta) == (cny("-50.00"), cny("-10.00"))
    totals = replay.totals
    assert totals.topped_up - totals.spent_principal == totals.principal
    assert totals.bonus_granted - totals.spent_bonus == totals.bonus


def test_card_apply_step_by_step_matches_the_replay() -> None:
    opened = {**CARD, "principal": cny("0.00"), "bonus": cny("0.00"), "as_of": at("2026-03-01", "09:00")}
    first = o2okit.card_apply(opened, {"type": "top_up", "amount": {"amount": "100.00", "currency": "CNY"}}, at("2026-03-01"), rules=RULES)
    assert first.entry.bonus_delta == cny("20.00")
    second = o2okit.card_apply(
        first.card,  # the state record goes back in as it is
        {"type": "spend", "order_id": "o1", "amount": cny("60.00")},
        at("2026-03-02"),
        rules=RULES,
    )
    assert (second.card.principal, second.card.bonus) == (cny("50.00"), cny("10.00"))
    # Refund half: each part gets back in the proportion the spend took.
    refund = o2okit.card_apply(
        second.card.to_dict(), {"type": "refund", "order_id": "o1", "amount": cny("30.00")}, at("2026-03-03")
    )
    assert (refund.entry.principal_delta, refund.entry.bonus_delta) == (cny("25.00"), cny("5.00"))


PROGRAM: dict[str, Any] = {
    "earn": [{"type": "per_amount", "points": 1, "per": cny("10.00")}],
    "expiry": {"months_after": 6, "at": "end_of_month"},
    "time_zone": "Asia/Shanghai",
    "point_value": cny("0.01"),
    "funded_by": {"role": "platform", "party_id": "mt"},
}
EARNED = [
    # 23:30 on 31 January and 00:30 on 1 February, Shanghai time: two months apart in expiry.
    {"at": at("2026-01-31", "23:30"), "event": {"type": "earn", "amount": cny("105.00"), "order_id": "o1"}},
    {"at": at("2026-02-01", "00:30"), "event": {"type": "earn", "amount": cny("30.00"), "order_id": "o2"}},
]


def test_points_expire_across_a_month_boundary() -> None:
    replay = o2okit.points_replay(PROGRAM, EARNED)
    lots = replay.state.lots
    assert [(lot.points, lot.expires_at) for lot in lots] == [
        (10, at("2026-08-01", "00:00")),  # 105.00 earns 10 (rounded down), usable through July
        (3, at("2026-09-01", "00:00")),
    ]
    assert replay.totals.to_dict() == {"earned": 13, "redeemed": 0, "expired": 0, "balance": 13}

    # One second before midnight starting August both lots are usable ...
    last_second = o2okit.points_redeem(
        replay.state, PROGRAM, 13, at("2026-07-31", "23:59") + timedelta(seconds=59), order_id="o9"
    )
    assert [(t.lot_id, t.points) for t in last_second.taken] == [("l1", 10), ("l2", 3)]
    assert last_second.discount == cny("0.13")
    promotion = last_second.promotion
    assert (promotion.discount.type, promotion.discount.amount) == ("amount_off_order", cny("0.13"))
    assert promotion.funded_by.to_dict() == {"role": "platform", "party_id": "mt"}
    # The promotion goes to quote as it is.
    assert promotion.to_dict()["discount"] == {"type": "amount_off_order", "amount": {"amount": "0.13", "currency": "CNY"}}

    # ... at midnight the January lot has expired.
    with pytest.raises(MembershipError) as info:
        o2okit.points_redeem(replay.state, PROGRAM, 13, at("2026-08-01", "00:00"))
    assert (info.value.code, info.value.category) == ("insufficient_points", "membership")

    # Replayed until the end of August: 10 expired in July's breakage, 3 left.
    later = o2okit.points_replay(PROGRAM, EARNED, until=at("2026-08-31", "12:00"))
    assert later.totals.to_dict() == {"earned": 13, "redeemed": 0, "expired": 10, "balance": 3}
    assert [(b.period, b.points) for b in later.breakage] == [("2026-07", 10)]


def test_membership_errors() -> None:
    top_up = {"at": at("2026-03-01"), "event": {"type": "top_up", "amount": cny("10.00")}}
    overspend = {"at": at("2026-03-02"), "event": {"type": "spend", "order_id": "o", "amount": cny("10.01")}}
    with pytest.raises(MembershipError) as info:
        o2okit.card_replay(CARD, [top_up, overspend])
    err = info.value
    assert (err.code, err.category) == ("insufficient_balance", "membership")
    assert isinstance(err, O2OError) and isinstance(err, ValueError)
    assert err.details["event_index"] == 1

    closed = {"at": at("2026-03-02"), "event": {"type": "close"}}
    again = {"at": at("2026-03-03"), "event": {"type": "top_up", "amount": cny("10.00")}}
    with pytest.raises(MembershipError) as after_close:
        o2okit.card_replay(CARD, [top_up, closed, again])
    assert (after_close.value.code, after_close.value.details["event_index"]) == ("card_closed", 2)

    refund = {"at": at("2026-03-02"), "event": {"type": "refund", "order_id": "nope", "amount": cny("1.00")}}
    with pytest.raises(MembershipError) as unknown:
        o2okit.card_replay(CARD, [top_up, refund])
    assert unknown.value.code == "spend_not_found"

    with pytest.raises(MembershipError) as order:
        o2okit.points_replay(PROGRAM, list(reversed(EARNED)))
    assert order.value.code == "events_out_of_order"

    without_value = {k: v for k, v in PROGRAM.items() if k != "point_value"}
    with pytest.raises(MembershipError) as no_value:
        o2okit.points_redeem(o2okit.points_replay(PROGRAM, EARNED).state, without_value, 1, at("2026-03-01"))
    assert no_value.value.code == "invalid_membership"


def test_floats_for_money_and_naive_times_are_rejected() -> None:
    float_top_up = {"type": "top_up", "amount": {"amount": 100.0, "currency": "CNY"}}
    with pytest.raises(MoneyError) as info:
        o2okit.card_replay(CARD, [{"at": at("2026-03-01"), "event": float_top_up}])
    assert (info.value.code, info.value.category) == ("number_for_money", "money")
    with pytest.raises(MoneyError):
        Money(100.0, "CNY")  # type: ignore[arg-type]
    with pytest.raises(InputError) as naive:
        o2okit.points_replay(PROGRAM, [{"at": datetime(2026, 3, 1, 10, 0), "event": EARNED[0]["event"]}])
    assert naive.value.code == "invalid_input"


def test_docstring_examples_run() -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder().find(o2okit._membership):
        runner.run(test)
    assert runner.summarize(verbose=False).attempted >= 14
    assert runner.summarize(verbose=False).failed == 0
