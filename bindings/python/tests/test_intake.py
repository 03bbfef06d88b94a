"""Order intake and price parity from Python: a marketplace order normalized, its
resubmission detected as a duplicate, a conflicting one refused, a parity check, and the
errors."""

from __future__ import annotations

import doctest
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

import o2okit
import o2okit._intake
from o2okit import IntakeError, Money, MoneyError, O2OError

CST = timezone(timedelta(hours=8))


def cny(amount: str) -> Money:
    return Money(Decimal(amount), "CNY")


def marketplace_order(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "platform": "mt",
        "platform_order_id": "9001",
        "shop_id": "s-3",
        "buyer_id": "b-5",
        "address": "Room 5, 88 Road",
        "ordered_at": datetime(2026, 5, 4, 12, 10, tzinfo=CST),
        "items": [
            {"item_code": "set-a", "quantity": 2, "list_price": cny("50.00")},
            {"item_code": "drink", "quantity": 1, "list_price": cny("6.00")},
        ],
        "merchant_discount": cny("10.00"),
        "platform_subsidy": cny("5.00"),
        "delivery": {"by": "platform_rider", "fee": cny("4.00")},
        "user_paid": cny("95.00"),
        "commission": {"rate": Decimal("18")},
    }
    payload.update(changes)
    return payload


def test_marketplace_order_is_normalized() -> None:
    intake = o2okit.normalize("marketplace", marketplace_order())
    assert intake.status == "new"
    order = intake.order
    # The vectors pin these ids: UUID v5 of the source, scope and external id / of the content.
    assert order.id == "8f9cd2e7-6835-5e57-847f-a16516a07249"
    assert intake.fingerprint == "c7906420-cd61-5ba8-a7fd-c13315a615a3"
    assert (order.source, order.scope, order.external_id) == ("marketplace", "mt", "9001")
    assert order.channel == "online_delivery"
    assert order.placed_at == datetime(2026, 5, 4, 12, 10, tzinfo=timezone(timedelta(hours=8)))
    assert [(line.product_id, line.quantity) for line in order.lines] == [("set-a", Decimal(2)), ("drink", Decimal(1))]
    assert order.subtotal == cny("106.00")
    assert order.paid == cny("95.00")
    discounts = {d.promotion_id: (d.amount, d.funded_by.to_dict()) for d in order.discounts}
    assert discounts == {
        "merchant_discount": (cny("10.00"), {"role": "merchant"}),
        "platform_subsidy": (cny("5.00"), {"role": "platform", "party_id": "mt"}),
    }
    fees = {f.id: (f.party.role, f.amount) for f in order.fees}
    # 18% of the goods after the merchant's discount (96.00); the riders' delivery fee.
    assert fees == {"commission": ("platform", cny("17.28")), "platform_delivery": ("logistics", cny("4.00"))}
    # Lines - discounts + delivery fee = paid, to the cent.
    lines = sum(line.unit_price.amount * line.quantity for line in order.lines)
    off = sum(d.amount for d in order.discounts)
    assert isinstance(off, Money) and order.delivery_fee is not None
    assert lines - off.amount + order.delivery_fee.amount == order.paid.amount


def test_resubmission_is_a_duplicate_and_other_content_conflicts() -> None:
    first = o2okit.normalize("marketplace", marketplace_order())
    seen = [{"id": first.order.id, "fingerprint": first.fingerprint}]
    again = o2okit.normalize(source="marketplace", payload=marketplace_order(), seen=seen)
    assert again.status == "duplicate"
    assert again.order == first.order
    assert again.fingerprint == first.fingerprint

    # The same platform order id with another amount: refused, not silently taken.
    changed = marketplace_order(platform_subsidy=cny("6.00"), user_paid=cny("94.00"))
    with pytest.raises(IntakeError) as info:
        o2okit.normalize("marketplace", changed, seen)
    err = info.value
    assert (err.code, err.category) == ("conflicting_duplicate", "intake")
    assert isinstance(err, O2OError) and isinstance(err, ValueError)

    # Another platform's order 9001 is another order.
    other = o2okit.normalize("marketplace", marketplace_order(platform="elm"), seen)
    assert other.status == "new"
    assert other.order.id != first.order.id


def test_intake_errors() -> None:
    with pytest.raises(IntakeError) as info:
        o2okit.normalize("marketplace", marketplace_order(user_paid=cny("96.00")))
    assert info.value.code == "amounts_do_not_reconcile"
    with pytest.raises(IntakeError) as empty:
        o2okit.normalize("marketplace", marketplace_order(items=[]))
    assert empty.value.code == "invalid_source_order"
    with pytest.raises(IntakeError) as bad_id:
        o2okit.normalize("marketplace", marketplace_order(platform_order_id=""))
    assert bad_id.value.code == "invalid_source_order"


def test_floats_for_money_are_rejected() -> None:
    with pytest.raises(MoneyError) as info:
        o2okit.normalize("marketplace", marketplace_order(user_paid={"amount": 95.0, "currency": "CNY"}))
    assert (info.value.code, info.value.category) == ("number_for_money", "money")
    with pytest.raises(MoneyError):
        o2okit.price_parity([{"product_id": "p", "channel": "in_store", "price": {"amount": 1.5, "currency": "CNY"}}])


def observation(channel: str, amount: str, store_id: str | None = None) -> dict[str, Any]:
    seen: dict[str, Any] = {"product_id": "rice", "channel": channel, "price": cny(amount)}
    if store_id is not None:
        seen["store_id"] = store_id
    return seen


RICE = [
    observation("in_store", "50.00", "s-1"),
    observation("in_store", "50.00", "s-2"),
    observation("online_delivery", "51.00"),  # +2.00%: at the tolerance, at parity
    observation("online_pickup", "48.99"),  # -2.02%: beyond it
]


def test_price_parity_with_a_percent_tolerance() -> None:
    report = o2okit.price_parity(RICE, tolerance={"percent": Decimal("2")}, reference="in_store")
    assert (report.observations, report.products_at_parity, report.products_deviating) == (4, 0, 1)
    [rice] = report.products
    assert rice.reference == cny("50.00")
    assert rice.spread == cny("2.01")
    assert rice.matching == [0, 1, 2]
    [deviation] = rice.deviations
    assert (deviation.index, deviation.difference, deviation.percent, deviation.direction) == (
        3,
        cny("-1.01"),
        Decimal("-2.02"),
        "lower",
    )
    # An amount tolerance of 1.01 takes in the pickup price too.
    wide = o2okit.price_parity(RICE, tolerance={"amount": cny("1.01")}, reference="in_store")
    assert wide.products_at_parity == 1
    assert wide.products[0].at_parity is True
    assert wide.products[0].matching == [0, 1, 2, 3]
    assert wide.products[0].deviations == []  # left out of the wire JSON when there are none
    assert "deviations" not in wide.products[0].to_dict()
    # Without a tolerance every difference is a deviation.
    strict = o2okit.price_parity(RICE, reference="in_store")
    assert [d.index for d in strict.products[0].deviations] == [2, 3]


def test_invalid_parity_check() -> None:
    with pytest.raises(IntakeError) as info:
        o2okit.price_parity(RICE, tolerance={"percent": "-1"})
    assert (info.value.code, info.value.category) == ("invalid_parity_check", "intake")


def test_docstring_examples_run() -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder().find(o2okit._intake):
        runner.run(test)
    assert runner.summarize(verbose=False).attempted >= 8
    assert runner.summarize(verbose=False).failed == 0
