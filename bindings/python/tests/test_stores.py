"""Store assignment from Python: the issue's three stores (A chosen; B nearer but out of
stock; C closed), reasons, fees as exact decimals, and bad input."""

from __future__ import annotations

import doctest
import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import o2okit
import o2okit._stores
from o2okit import InputError, Money, MoneyError, O2OError, StoreError

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=CST)
VECTORS = Path(__file__).resolve().parent / ".." / ".." / ".." / "testdata" / "vectors"


def cny(amount: str) -> Money:
    return Money(Decimal(amount), "CNY")


def store(id: str, lat: float, milk: int, open_: str = "08:00", close: str = "22:00") -> dict[str, Any]:
    return {
        "id": id,
        "location": {"lat": lat, "lng": 121.4737},
        "area": {"type": "radius", "radius_m": 3000},
        "hours": {"time_zone": "Asia/Shanghai", "weekly": [{"open": open_, "close": close}]},
        "stock": {"milk": milk},
    }


ORDER: dict[str, Any] = {
    "location": {"lat": 31.2304, "lng": 121.4737},
    "items": [{"product_id": "milk", "quantity": 2}],
}
STORES = [
    store("A", 31.2412, 5),  # 1.2 km, open, in stock
    store("B", 31.2376, 0),  # 0.8 km, out of stock
    store("C", 31.2529, 9, "07:00", "09:00"),  # 2.5 km, closed at 10:00
]
FEES: dict[str, Any] = {
    "base_distance_m": 3000,
    "base_fee": cny("5.00"),
    "base_eta_minutes": 30,
    "per_km_fee": cny("1.00"),
    "per_km_eta_minutes": 10,
}


def test_nearest_open_in_stock_store_is_chosen() -> None:
    result = o2okit.assign(ORDER, STORES, NOW, {"fees": FEES})
    assert isinstance(result, o2okit.Assignment)
    assert result.status == "assigned"
    [chosen] = result.chosen
    assert (chosen.store_id, chosen.distance_m, chosen.items) == ("A", 1201, ["milk"])
    assert result.fee == cny("5.00")
    assert chosen.fee == cny("5.00")
    assert result.eta_minutes == 30
    passed = {p.store_id: p for p in result.passed_over}
    assert list(passed) == ["B", "C"]
    assert passed["B"].distance_m == 801
    [short] = passed["B"].reasons
    assert (short.code, [s.to_dict() for s in short.short]) == (
        "out_of_stock",
        [{"product_id": "milk", "wanted": 2, "available": 0}],
    )
    assert passed["C"].distance_m == 2502
    [closed] = passed["C"].reasons
    assert (closed.code, closed.next_open) == ("closed", datetime(2026, 3, 3, 7, 0, tzinfo=CST))
    assert closed.next_open is not None and closed.next_open.utcoffset() == timedelta(hours=8)


def test_same_as_the_golden_vector() -> None:
    doc = json.loads((VECTORS / "stores.json").read_text(encoding="utf-8"))
    case = next(c for c in doc["cases"] if c["name"] == "store-abc-nearest-open-in-stock")
    inp = case["input"]
    # Keyword arguments, wire strings for the time and money: the same answer.
    result = o2okit.assign(order=inp["order"], stores=inp["stores"], now=inp["now"], policy=inp["policy"])
    assert result.to_dict() == case["expected"]
    assert o2okit.assign(ORDER, STORES, NOW, {"fees": FEES}) == result


def test_policy_is_optional_and_the_fee_follows_the_distance() -> None:
    # Without a fee table there is no fee; a store 4.2 km away would cost 7.00 with one.
    result = o2okit.assign(ORDER, STORES, NOW)
    assert result.chosen[0].store_id == "A"
    assert result.fee is None and "fee" not in result.to_dict()
    far = store("F", 31.2304 + 0.0378, 5)
    far["area"] = {"type": "radius", "radius_m": 5000}
    farther = o2okit.assign(ORDER, [far], NOW, {"fees": FEES})
    assert farther.chosen[0].distance_m == 4203
    assert farther.fee == cny("7.00")
    assert farther.eta_minutes == 50


def test_no_eligible_store_is_a_result_not_an_error() -> None:
    late = NOW.replace(hour=23)
    result = o2okit.assign(ORDER, STORES, late)
    assert result.status == "unassigned"
    assert result.chosen == []
    assert {p.store_id: [r.code for r in p.reasons] for p in result.passed_over} == {
        "A": ["closed"],
        "B": ["closed", "out_of_stock"],
        "C": ["closed"],
    }


def test_store_errors() -> None:
    with pytest.raises(StoreError) as info:
        o2okit.assign({**ORDER, "location": {"lat": 91.0, "lng": 121.4737}}, STORES, NOW)
    err = info.value
    assert (err.code, err.category) == ("invalid_location", "store")
    assert isinstance(err, O2OError) and isinstance(err, ValueError)
    assert err.details["code"] == "invalid_location"

    with pytest.raises(StoreError) as dup:
        o2okit.assign(ORDER, [STORES[0], STORES[0]], NOW)
    assert dup.value.code == "invalid_store"
    assert "A" in str(dup.value)


def test_floats_for_money_and_naive_times_are_rejected() -> None:
    with pytest.raises(MoneyError) as info:
        o2okit.assign({**ORDER, "subtotal": {"amount": 36.0, "currency": "CNY"}}, STORES, NOW)
    assert info.value.code == "number_for_money"
    with pytest.raises(MoneyError):
        o2okit.assign(ORDER, STORES, NOW, {"fees": {**FEES, "base_fee": {"amount": 5.0, "currency": "CNY"}}})
    with pytest.raises(InputError) as naive:
        o2okit.assign(ORDER, STORES, datetime(2026, 3, 2, 10, 0))
    assert naive.value.code == "invalid_input"
    assert "now" in str(naive.value)


def test_docstring_example_runs() -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder().find(o2okit._stores):
        runner.run(test)
    assert runner.summarize(verbose=False).attempted >= 5
    assert runner.summarize(verbose=False).failed == 0
