"""Order lifecycles from Python: the online → offline voucher order (a Meituan-style hotpot
voucher, 100.00 for 3 uses, two per order): redeem twice with the same key, reversal inside and
outside the window and after settlement, the refund policies, errors with .code and
.category == "lifecycle", floats rejected for money."""

from __future__ import annotations

import doctest
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

import o2okit
import o2okit._lifecycle
from o2okit import (
    GroupBuyError,
    InputError,
    LifecycleError,
    Money,
    MoneyError,
    O2OError,
    voucher_order_open,
    voucher_order_replay,
    voucher_order_step,
)

CST = timezone(timedelta(hours=8))


def cny(amount: str) -> Money:
    return Money(Decimal(amount), "CNY")


def at(day: str, time: str = "10:00:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=CST)


DEAL: dict[str, Any] = {
    "id": "hotpot-for-2",
    "price": cny("100.00"),
    "vouchers": 2,
    "uses": 3,
    "valid_from": at("2026-03-01", "00:00:00"),
    "valid_until": at("2026-04-01", "00:00:00"),
    "stores": ["S1", "S2"],
    "refund": "any_time",
    "reversal_minutes": 10,
    "plan": {
        "rules": [
            {
                "id": "platform",
                "to": {"role": "platform", "party_id": "meituan"},
                "base": "gross_paid",
                "pay": {"type": "percent", "percent": Decimal("8")},
            }
        ],
        "remainder": {"role": "merchant", "party_id": "hotpot-house"},
    },
}
PAY: dict[str, Any] = {"type": "pay", "key": "pay-1", "actor": "customer", "amount": cny("200.00")}


def redeem(key: str, count: int = 1, voucher: str = "o-1/v1", store: str = "S1") -> dict[str, Any]:
    return {"type": "redeem", "key": key, "actor": "staff", "voucher": voucher, "store_id": store, "count": count}


def reverse(key: str, redemption: str) -> dict[str, Any]:
    return {"type": "reverse", "key": key, "actor": "staff", "redemption": redemption}


def amount(value: Money | None) -> Decimal:
    assert value is not None
    return value.amount


def paid(deal: dict[str, Any] = DEAL) -> o2okit.VoucherOrderState:
    state = voucher_order_open(deal, "o-1", "ann")
    return voucher_order_step(state, deal, PAY, at("2026-03-01", "09:00:00")).state


def redeemed_two() -> o2okit.VoucherOrderState:
    return voucher_order_step(paid(), DEAL, redeem("r-1", count=2), at("2026-03-05", "19:00:00")).state


def test_open_and_pay_issue_two_vouchers() -> None:
    state = voucher_order_open(DEAL, "o-1", "ann")
    assert state.status == "created"
    step = voucher_order_step(state, DEAL, PAY, at("2026-03-01", "09:00:00"))
    assert [e.type for e in step.effects] == ["charge", "issue_voucher", "issue_voucher"]
    assert step.effects[0].amount == cny("200.00")
    assert [v.id for v in step.state.vouchers] == ["o-1/v1", "o-1/v2"]
    assert step.duplicate is False


def test_redeem_twice_with_the_same_key_applies_once() -> None:
    state = paid()
    once = voucher_order_step(state, DEAL, redeem("r-1"), at("2026-03-05", "19:00:00"))
    twice = voucher_order_step(once.state, DEAL, redeem("r-1"), at("2026-03-05", "19:01:00"))
    assert twice.duplicate is True
    assert twice.state == once.state
    assert twice.effects == once.effects
    assert once.state.vouchers[0].uses_left == 2
    assert amount(once.effects[0].amount) == Decimal("33.33")
    # Another command under the used key is a conflict (a code shared with group-buy).
    with pytest.raises(GroupBuyError) as conflict:
        voucher_order_step(once.state, DEAL, redeem("r-1", count=2), at("2026-03-05", "19:02:00"))
    assert conflict.value.code == "idempotency_conflict"


def test_redeem_by_count_splits_the_price_exactly() -> None:
    state = paid()
    amounts = []
    for i, day in enumerate(["2026-03-02", "2026-03-03", "2026-03-04"]):
        step = voucher_order_step(state, DEAL, redeem(f"r-{i}"), at(day))
        amounts.append(amount(step.effects[0].amount))
        state = step.state
    assert amounts == [Decimal("33.33"), Decimal("33.34"), Decimal("33.33")]
    assert sum(amounts) == Decimal("100.00")


def test_reversal_inside_the_window() -> None:
    step = voucher_order_step(redeemed_two(), DEAL, reverse("x-1", "r-1"), at("2026-03-05", "19:09:59"))
    assert [e.to_dict() for e in step.effects] == [
        {"type": "reversed", "voucher": "o-1/v1", "redemption": "r-1", "count": 2,
         "amount": {"amount": "66.67", "currency": "CNY"}}
    ]
    assert step.state.status == "issued"
    assert step.state.vouchers[0].uses_left == 3


def test_reversal_outside_the_window() -> None:
    with pytest.raises(LifecycleError) as late:
        voucher_order_step(redeemed_two(), DEAL, reverse("x-1", "r-1"), at("2026-03-05", "19:10:00"))
    assert late.value.code == "reversal_window_passed"
    assert late.value.category == "lifecycle"
    assert isinstance(late.value, O2OError) and isinstance(late.value, ValueError)


def test_reversal_after_settlement() -> None:
    settle = {"type": "settle", "key": "s-1", "actor": "platform"}
    settled = voucher_order_step(redeemed_two(), DEAL, settle, at("2026-03-05", "19:20:00"))
    ledger = settled.effects[0].ledger
    assert ledger is not None
    lines = ledger.lines
    assert [(line.party_id, str(line.amount.amount)) for line in lines] == [
        ("meituan", "5.33"),
        ("hotpot-house", "61.34"),
    ]
    # Inside a (longer) window the settled redemption still cannot be reversed.
    with pytest.raises(LifecycleError) as err:
        voucher_order_step(settled.state, DEAL, reverse("x-1", "r-1"), at("2026-03-05", "19:21:00"))
    assert err.value.code == "already_settled"


def test_refund_policies_and_expiry() -> None:
    refund = {"type": "refund", "key": "rf-1", "actor": "customer"}
    step = voucher_order_step(redeemed_two(), DEAL, refund, at("2026-03-06"))
    assert [amount(e.amount) for e in step.effects] == [Decimal("33.33"), Decimal("100.00")]
    at_expiry = {**DEAL, "refund": "at_expiry"}
    state = voucher_order_step(paid(at_expiry), at_expiry, redeem("r-1", count=2), at("2026-03-05")).state
    with pytest.raises(LifecycleError) as err:
        voucher_order_step(state, at_expiry, refund, at("2026-03-06"))
    assert err.value.code == "refund_not_allowed"
    expire = {"type": "expire", "key": "e-1", "actor": "scheduler"}
    expired = voucher_order_step(state, at_expiry, expire, at("2026-04-01", "00:00:00"))
    assert [e.type for e in expired.effects] == ["refund", "refund"]
    assert amount(expired.state.totals.refunded) == Decimal("133.33")


def test_guards_raise_lifecycle_errors() -> None:
    state = paid()
    cases = [
        (redeem("r-1", store="S9"), at("2026-03-05"), "store_not_allowed"),
        (redeem("r-1"), at("2026-04-01", "00:00:00"), "outside_validity"),
        (redeem("r-1", count=4), at("2026-03-05"), "no_uses_left"),
        ({**redeem("r-1"), "actor": "customer"}, at("2026-03-05"), "command_not_allowed"),
        (redeem("r-1", voucher="o-1/v9"), at("2026-03-05"), "unknown_voucher"),
    ]
    for command, now, code in cases:
        with pytest.raises(LifecycleError) as err:
            voucher_order_step(state, DEAL, command, now)
        assert err.value.code == code
        assert err.value.category == "lifecycle"
        assert err.value.details["code"] == code
    with pytest.raises(GroupBuyError) as order:
        voucher_order_step(state, DEAL, redeem("r-1"), at("2026-02-28"))
    assert order.value.code == "time_out_of_order"


def test_replay_error_carries_the_event_index() -> None:
    log = [
        {"at": at("2026-03-01", "09:00:00"), "command": PAY},
        {"at": at("2026-03-05", "19:00:00"), "command": redeem("r-1")},
        {"at": at("2026-03-06"), "command": reverse("x-1", "r-1")},
    ]
    with pytest.raises(LifecycleError) as err:
        voucher_order_replay(DEAL, "o-1", "ann", log)
    assert err.value.code == "reversal_window_passed"
    assert err.value.details["event_index"] == 2


def test_replay_nets_to_zero() -> None:
    log = [
        {"at": at("2026-03-01", "09:00:00"), "command": PAY},
        {"at": at("2026-03-05", "19:00:00"), "command": redeem("r-1", count=2)},
        {"at": at("2026-03-05", "19:04:00"), "command": reverse("x-1", "r-1")},
        {"at": at("2026-03-05", "19:05:00"), "command": redeem("r-2")},
        {"at": at("2026-03-05", "19:05:30"), "command": redeem("r-2")},
        {"at": at("2026-03-13"), "command": {"type": "settle", "key": "s-1", "actor": "platform"}},
        {"at": at("2026-04-01", "00:00:00"), "command": {"type": "expire", "key": "e-1", "actor": "scheduler"}},
    ]
    replay = voucher_order_replay(DEAL, "o-1", "ann", log)
    assert replay.duplicates == [4]
    assert replay.state.status == "closed"
    flows = {"charge": Decimal(0), "refund": Decimal(0), "settle": Decimal(0), "breakage": Decimal(0)}
    for effect in replay.effects:
        if effect.type in flows and effect.amount is not None:
            flows[effect.type] += amount(effect.amount)
    assert flows["charge"] == Decimal("200.00")
    assert flows["charge"] == flows["refund"] + flows["settle"] + flows["breakage"]
    assert flows["settle"] == Decimal("33.33")


def test_floats_for_money_and_naive_times_are_rejected() -> None:
    state = voucher_order_open(DEAL, "o-1", "ann")
    float_pay = {**PAY, "amount": {"amount": 200.0, "currency": "CNY"}}
    with pytest.raises(MoneyError) as err:
        voucher_order_step(state, DEAL, float_pay, at("2026-03-01"))
    assert (err.value.code, err.value.category) == ("number_for_money", "money")
    with pytest.raises(MoneyError):
        voucher_order_open({**DEAL, "price": {"amount": 100.0, "currency": "CNY"}}, "o-1", "ann")
    with pytest.raises(InputError) as naive:
        voucher_order_step(state, DEAL, PAY, datetime(2026, 3, 1, 9))
    assert naive.value.code == "invalid_input"


def test_invalid_deal() -> None:
    with pytest.raises(LifecycleError) as err:
        voucher_order_open({**DEAL, "stores": []}, "o-1", "ann")
    assert err.value.code == "invalid_deal"


def test_docstring_examples_run() -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder().find(o2okit._lifecycle):
        runner.run(test)
    assert runner.summarize(verbose=False).attempted >= 10
    assert runner.summarize(verbose=False).failed == 0
