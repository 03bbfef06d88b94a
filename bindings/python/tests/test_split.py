"""Revenue split from Python: the issue's hand-computed cases, clawback, bad input, and the
statements as a pandas DataFrame."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

import o2okit
from o2okit import Money, O2OError, SplitError

CST = timezone(timedelta(hours=8))
AT = datetime(2026, 11, 22, 12, 0, tzinfo=CST)


def cny(amount: str) -> Money:
    return Money(Decimal(amount), "CNY")


WATERFALL: dict[str, Any] = {
    "rules": [
        {"id": "processor", "to": {"role": "payment_processor", "party_id": "wxpay"},
         "base": "customer_paid", "pay": {"type": "percent", "percent": Decimal("0.6")}},
        {"id": "platform", "to": {"role": "platform", "party_id": "mall"},
         "base": "gross_paid", "pay": {"type": "percent", "percent": Decimal("8")}},
        {"id": "delivery", "to": {"role": "logistics", "party_id": "rider-co"},
         "base": "gross_paid", "pay": {"type": "fixed", "amount": cny("5.00")}},
        {"id": "channel", "to": {"role": "marketing", "party_id": "douyin"},
         "base": "gross_paid", "pay": {"type": "percent", "percent": Decimal("2")}},
    ],
    "remainder": {"role": "merchant", "party_id": "noodle-house"},
    "parties": [{"role": "platform", "party_id": "mall"}],
}


def amounts(ledger: o2okit.Ledger) -> list[tuple[str, str]]:
    return [(line.party_id, str(line.amount.amount)) for line in ledger.lines]


def test_the_waterfall_on_100() -> None:
    ledger = o2okit.split({"id": "o-1", "at": AT, "paid": cny("100.00")}, WATERFALL)
    assert amounts(ledger) == [
        ("wxpay", "0.60"),
        ("mall", "8.00"),
        ("rider-co", "5.00"),
        ("douyin", "2.00"),
        ("noodle-house", "84.40"),
    ]
    assert sum(line.amount for line in ledger.lines) == ledger.paid == cny("100.00")


def test_position_based_over_four_touches() -> None:
    journey = [
        {"channel": c, "party_id": p, "at": AT - timedelta(days=d), "stage": "convert"}
        for c, p, d in [("douyin", "a", 9), ("wechat", "b", 6), ("dianping", "c", 3), ("store_qr", "d", 0)]
    ]
    result = o2okit.attribute(cny("10.00"), journey, AT, {"type": "position_based"})
    shares = [str(s.amount) for s in result.shares]
    assert shares == ["4.00 CNY", "1.00 CNY", "1.00 CNY", "4.00 CNY"]


def test_the_staff_pool() -> None:
    result = o2okit.split_pool(
        cny("1000.00"),
        Decimal("80"),
        {"role": "store", "party_id": "store-1"},
        [{"party_id": p, "role": "store_staff", "weight": w} for p, w in [("a", 120), ("b", 75), ("c", 5)]],
    )
    assert [(share.party_id, share.amount) for share in result.shares] == [
        ("a", cny("480.00")),
        ("b", cny("300.00")),
        ("c", cny("20.00")),
    ]
    assert (result.kept, result.members_total) == (cny("200.00"), cny("800.00"))


def test_a_full_refund_claws_back_the_split_exactly() -> None:
    order = {"id": "o-2", "at": AT, "paid": cny("99.99")}
    ledger = o2okit.split(order, WATERFALL)
    first = o2okit.split_refund(order, WATERFALL, cny("33.33"), AT + timedelta(hours=1))
    rest = o2okit.split_refund(
        order, WATERFALL, cny("66.66"), AT + timedelta(hours=2), refunded_before=cny("33.33")
    )
    back: dict[str, Decimal] = {}
    for clawback in (first, rest):
        for line in clawback.lines:
            back[line.party_id] = back.get(line.party_id, Decimal(0)) + line.amount.amount
    for line in ledger.lines:
        assert back[line.party_id] == -line.amount.amount, line
    with pytest.raises(SplitError) as info:
        o2okit.split_refund(order, WATERFALL, cny("0.01"), AT, refunded_before=cny("99.99"))
    assert info.value.code == "refund_exceeds_paid"


def test_bad_input() -> None:
    with pytest.raises(O2OError) as info:
        o2okit.split({"id": "o", "at": AT, "paid": {"amount": 1.5, "currency": "CNY"}}, WATERFALL)
    assert info.value.code == "number_for_money"
    with pytest.raises(SplitError) as err:
        o2okit.split({"id": "o", "at": AT, "paid": cny("1.00")}, WATERFALL)
    assert err.value.code == "split_exceeds_total"
    assert err.value.category == "split"
    assert isinstance(err.value, ValueError)


def test_batch_reports_failing_orders() -> None:
    orders = [{"id": f"o-{i}", "at": AT, "paid": cny(p)} for i, p in enumerate(["100.00", "1.00", "50.00"])]
    batch = o2okit.split_batch(WATERFALL, orders)
    assert [e.index for e in batch.errors] == [1]
    assert batch.errors[0].code == "split_exceeds_total"
    assert len(batch.ledgers) == 2


def test_statements_as_a_dataframe() -> None:
    pytest.importorskip("pandas")  # ci.sh installs pandas, so this runs in CI
    orders = [
        {"id": "o-1", "at": AT, "paid": cny("100.00")},
        {"id": "o-2", "at": AT + timedelta(days=1), "paid": cny("50.00")},
    ]
    lines = [line for o in orders for line in o2okit.split(o, WATERFALL).lines]
    settlement = o2okit.settle(lines, period="day", time_zone="Asia/Shanghai")
    frame = o2okit.statements_frame(settlement)
    assert list(frame.columns) == [
        "party_id", "currency", "period", "total", "credits", "debits", "line_count", "order_count",
    ]
    assert len(frame) == 10  # 5 parties x 2 days
    mall = frame[(frame.party_id == "mall") & (frame.period == "2026-11-22")].iloc[0]
    assert mall.total == Decimal("8.00") and isinstance(mall.total, Decimal)
    assert frame.total.sum() == Decimal("150.00")
