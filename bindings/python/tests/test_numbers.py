"""Numbers people already have: NumPy integer scalars and arrays, pandas Timestamps, Decimal
columns, sum() over Money, np.datetime64 (rejected unless given a zone with o2okit.aware),
floats still rejected for money (NumPy's too), and a panic coming back as O2OError."""

from __future__ import annotations

import copy
import pickle
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

import o2okit
from o2okit import Currency, InputError, Money, MoneyError, O2OError, allocate

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

CST = timezone(timedelta(hours=8))


def cny(amount: str) -> Money:
    return Money(amount, "CNY")


INTS = [np.int8(7), np.int16(7), np.int32(7), np.int64(7), np.uint8(7), np.uint64(7), np.intp(7)]


@pytest.mark.parametrize("value", INTS, ids=lambda v: type(v).__name__)
def test_numpy_integers_are_exact_numbers(value: Any) -> None:
    assert Money(value, "CNY") == cny("7.00")
    assert Money.parse(value, "JPY") == Money(7, "JPY")
    assert Money.from_minor(value, "CNY") == cny("0.07")
    assert cny("1.00").multiply(value) == cny("7.00")
    assert allocate(cny("1.00"), [value, np.int64(3)]).amounts() == [cny("0.70"), cny("0.30")]


def test_the_usual_cents_column() -> None:
    cents = pd.Series([1999, 500, 1], dtype="int64")
    amounts = [Money.from_minor(c, "CNY") for c in cents.to_numpy()]
    assert amounts == [cny("19.99"), cny("5.00"), cny("0.01")]
    assert sum(amounts) == cny("25.00")
    big = Money.from_minor(np.int64(2**62), "JPY")
    assert big.minor_units == 2**62


def test_weights_from_arrays_and_series() -> None:
    for weights in (np.array([75, 25]), pd.Series([75, 25]), (w for w in [75, 25]), pd.Series([Decimal("75"), Decimal("25")])):
        assert allocate(cny("99.99"), weights).amounts() == [cny("74.99"), cny("25.00")]
    with pytest.raises(TypeError):
        allocate(cny("1.00"), "12")  # a str is not a sequence of weights


@pytest.mark.parametrize(
    "value", [np.float64(0.1), np.float32(0.1), np.float16(0.5), np.longdouble("0.1"), 0.1], ids=lambda v: type(v).__name__
)
def test_binary_floats_stay_rejected_for_money(value: Any) -> None:
    with pytest.raises(MoneyError) as money:
        Money(value, "CNY")
    assert money.value.code == "number_for_money"
    assert "np." not in str(money.value)  # the number as it prints, not NumPy's repr
    with pytest.raises(MoneyError) as weight:
        allocate(cny("1.00"), [value, 1])
    assert weight.value.code == "invalid_decimal"
    with pytest.raises(MoneyError):
        Money.from_minor(value, "CNY")
    # Inside a mapping a float is a JSON number, which the core rejects for money.
    order = {"id": "o", "at": "2026-11-22T12:00:00+08:00", "paid": {"amount": value, "currency": "CNY"}}
    plan = {"rules": [], "remainder": {"role": "merchant", "party_id": "m"}}
    with pytest.raises(MoneyError) as wire:
        o2okit.split(order, plan)
    assert wire.value.code == "number_for_money"


def test_bools_and_other_numbers_are_not_amounts() -> None:
    values: list[Any] = [True, np.bool_(True), Fraction(1, 2), pd.NA]
    for value in values:
        with pytest.raises(MoneyError) as err:
            Money(value, "CNY")
        assert err.value.code == "invalid_decimal"
    with pytest.raises(TypeError):
        Money.from_minor(Decimal("100"), "CNY")  # type: ignore[arg-type]  # minor units are integers


def test_numpy_values_inside_mappings() -> None:
    cart = {"lines": [{"id": "a", "product_id": "latte", "unit_price": cny("30.00"), "quantity": np.int64(3)}]}
    promotions = [{"id": "half", "discount": {"type": "nth_item", "n": np.int32(2), "percent": np.int64(50)},
                   "funded_by": {"role": "merchant"}}]
    context = {"now": pd.Timestamp("2026-11-22 10:00", tz="Asia/Shanghai"), "channel": "in_store"}
    q = o2okit.quote(cart, promotions, context)
    assert q.total == cny("75.00")
    # Coordinates are plain numbers: NumPy floats are fine there.
    order = {"location": {"lat": np.float64(31.2304), "lng": np.float32(121.4737)},
             "items": [{"product_id": "milk", "quantity": np.int64(2)}]}
    store = {"id": "A", "location": {"lat": 31.2412, "lng": 121.4737}, "area": {"type": "radius", "radius_m": 3000},
             "stock": {"milk": np.int64(5)}}
    assert o2okit.assign(order, [store], datetime(2026, 3, 2, 10, tzinfo=CST)).chosen[0].store_id == "A"
    # Arrays and Series are JSON arrays; a whole table is not a list of orders.
    assert o2okit.call("allocate", {"total": cny("1.00"), "weights": np.array([1, 1, 2])})["parts"][2]["amount"]["amount"] == "0.50"
    frame = pd.DataFrame({"id": ["o-1"], "paid": [cny("1.00")]})
    with pytest.raises(InputError, match="whole table"):
        o2okit.split_batch({"rules": [], "remainder": {"role": "merchant", "party_id": "m"}}, frame)
    assert o2okit.split_batch({"rules": [], "remainder": {"role": "merchant", "party_id": "m"}},
                              [{**row, "at": "2026-11-22T12:00:00+08:00"} for row in frame.to_dict("records")]).ledgers


def test_pandas_timestamps_are_times() -> None:
    aware = pd.Timestamp("2026-11-22 10:00:00.123456789", tz="Asia/Shanghai")
    verified = o2okit.verify_code(bytes(range(32)), o2okit.issue_code(bytes(range(32)), 1).code, aware)
    assert verified.valid
    progress = o2okit.groupbuy_progress(
        o2okit.groupbuy_open({"id": "c", "deadline": pd.Timestamp("2026-12-01", tz="UTC"),
                              "kind": {"type": "tipping_point", "min_participants": 2, "price": cny("9.90")}}),
        pd.Timestamp("2026-11-22 10:00", tz="UTC"),
    )
    assert progress.now == datetime(2026, 11, 22, 10, tzinfo=timezone.utc)
    naive = pd.Timestamp("2026-11-22 10:00")
    with pytest.raises(InputError) as err:
        o2okit.verify_code(bytes(range(32)), "000000017204343000000", naive)
    assert err.value.code == "invalid_input" and "now" in str(err.value)
    with pytest.raises(InputError, match="NaT"):
        o2okit.verify_code(bytes(range(32)), "000000017204343000000", pd.NaT)


def test_numpy_datetime64_needs_a_zone() -> None:
    when = np.datetime64("2026-11-22T10:00")
    with pytest.raises(InputError) as err:
        o2okit.verify_code(bytes(range(32)), o2okit.issue_code(bytes(range(32)), 1).code, when)
    assert err.value.code == "invalid_input"
    assert "o2okit.aware" in str(err.value) and "now" in str(err.value)
    at_shanghai = o2okit.aware(when, "Asia/Shanghai")
    assert at_shanghai == datetime(2026, 11, 22, 10, tzinfo=CST)
    assert o2okit.aware(when, "UTC") == datetime(2026, 11, 22, 10, tzinfo=timezone.utc)
    assert o2okit.aware(np.datetime64("2026-11-22T10:00:00.123456"), timezone.utc).microsecond == 123456
    with pytest.raises(ValueError, match="nanoseconds"):
        o2okit.aware(np.datetime64("2026-11-22T10:00:00.123456789"), "UTC")
    with pytest.raises(ValueError, match="NaT"):
        o2okit.aware(np.datetime64("NaT"), "UTC")
    # Naive datetimes and Timestamps too; an aware value keeps its instant.
    assert o2okit.aware(datetime(2026, 11, 22, 10), "Asia/Shanghai") == at_shanghai
    stamp = o2okit.aware(pd.Timestamp("2026-11-22 10:00:00.000000001"), "Asia/Shanghai")
    assert isinstance(stamp, pd.Timestamp) and stamp.nanosecond == 1
    already = datetime(2026, 11, 22, 2, tzinfo=timezone.utc)
    assert o2okit.aware(already, "Asia/Shanghai") is already
    with pytest.raises(TypeError):
        o2okit.aware("2026-11-22T10:00", "UTC")
    # In simulate_teams: offsets as NumPy integers are fine, a datetime64 needs its zone.
    report = o2okit.simulate_teams([np.array([60, 7200], dtype="int64")], sizes=np.array([2, 3]), window=np.int64(3600))
    assert [r.succeeded for r in report.results] == [1, 0]
    opened = pd.Timestamp("2026-11-22 10:00", tz="Asia/Shanghai")
    paired = o2okit.simulate_teams([(opened, [opened + pd.Timedelta(minutes=5)])], sizes=[2], window=3600)
    assert paired.results[0].succeeded == 1
    with pytest.raises(InputError, match="o2okit.aware"):
        o2okit.simulate_teams([[np.datetime64("2026-11-22T10:05")]], sizes=[2], window=3600)


def test_sum_over_money() -> None:
    amounts = [cny("1.10"), cny("2.20"), cny("3.30")]
    assert sum(amounts) == cny("6.60")
    assert sum(amounts, Money.zero("CNY")) == cny("6.60")
    assert sum([cny("1.00")]) == cny("1.00")
    assert cny("1.00") + 0 == 0 + cny("1.00") == cny("1.00")
    assert sum([], Money.zero("JPY")) == Money(0, "JPY")
    assert sum(np.array([cny("1.00"), cny("2.00")], dtype=object)) == cny("3.00")
    with pytest.raises(TypeError):
        cny("1.00") + 1  # type: ignore[operator]
    with pytest.raises(TypeError):
        1 + cny("1.00")  # the stubs let any int through: sum() needs 0 + money
    with pytest.raises(o2okit.CurrencyError):
        sum([cny("1.00"), Money("1", "JPY")])


def test_money_and_currency_pickle_and_copy() -> None:
    for value in (cny("12.30"), Money("-5", "KWD"), Currency("JPY")):
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.deepcopy(value) == value and copy.copy(value) == value
    plan = {"rules": [{"id": "p", "to": {"role": "platform"}, "base": "gross_paid",
                       "pay": {"type": "percent", "percent": Decimal("8")}}],
            "remainder": {"role": "merchant", "party_id": "m"}, "min": cny("1.00"),
            "at": datetime(2026, 1, 1, tzinfo=CST)}
    assert pickle.loads(pickle.dumps(plan)) == plan  # plans and promotion sets are plain values


def test_a_panic_becomes_an_internal_error() -> None:
    with pytest.raises(O2OError) as err:
        o2okit._o2okit._panic_for_tests()
    assert (err.value.code, err.value.category) == ("internal", "internal")
    assert err.value.details["code"] == "internal"
    assert "bug in o2okit" in str(err.value)
    assert not isinstance(err.value, (o2okit.InputError, o2okit.MoneyError))
    assert "internal" in o2okit.ERROR_CODES
    # The module stays usable.
    assert Money("1.00", "CNY") + Money("2.00", "CNY") == cny("3.00")
    for _ in range(3):
        with pytest.raises(O2OError):
            o2okit._o2okit._panic_for_tests()
    assert o2okit.quote({"lines": [{"id": "a", "product_id": "p", "unit_price": cny("1.00"), "quantity": 1}]}, [],
                        {"now": datetime(2026, 1, 1, tzinfo=CST), "channel": "in_store"}).total == cny("1.00")
