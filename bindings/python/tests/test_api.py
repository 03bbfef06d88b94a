"""The idiomatic Python API: conversions, errors, reprs, round trips, properties."""

from __future__ import annotations

import pickle
import random
from decimal import Decimal, localcontext
from typing import Callable, TypeVar

import pytest
from lr_reference import reference_allocate

import o2okit
from o2okit import (
    Allocation,
    AllocationError,
    AllocationPart,
    Currency,
    CurrencyError,
    InputError,
    Money,
    MoneyError,
    O2OError,
    allocate,
    call,
    currency,
)


E = TypeVar("E", bound=O2OError)


def cny(amount: str) -> Money:
    return Money(Decimal(amount), "CNY")


def raised(cls: type[E], make: Callable[[], object]) -> E:
    """The exception of class `cls` that `make()` raises."""
    with pytest.raises(cls) as info:
        make()
    return info.value


# --- floats, bools and other non-exact numbers -------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: Money(0.1, "CNY"),  # type: ignore[arg-type]
        lambda: Money(12.0, "CNY"),  # type: ignore[arg-type]
        lambda: Money.parse(0.1, "CNY"),  # type: ignore[arg-type]
        lambda: Money.from_minor(1.0, "CNY"),  # type: ignore[arg-type]
    ],
)
def test_float_for_money_is_rejected(make: Callable[[], object]) -> None:
    err = raised(MoneyError, make)
    assert err.code == "number_for_money"
    assert "decimal.Decimal" in str(err)
    assert "string" in str(err)


def test_float_weight_factor_step_are_rejected() -> None:
    total = cny("1.00")
    makers: list[Callable[[], object]] = [
        lambda: allocate(total, [0.5, 1]),  # type: ignore[list-item]
        lambda: allocate(total, [1, 1], step=0.05),  # type: ignore[arg-type]
        lambda: total.multiply(0.5),  # type: ignore[arg-type]
        lambda: total.round_to_step(0.05),  # type: ignore[arg-type]
    ]
    for make in makers:
        err = raised(MoneyError, make)
        assert err.code == "invalid_decimal"
        assert "decimal.Decimal" in str(err)
        assert "str" in str(err)


def test_bool_is_not_a_number() -> None:
    with pytest.raises(O2OError) as info:
        Money(True, "CNY")
    assert info.value.code == "invalid_decimal"
    with pytest.raises(O2OError) as info:
        allocate(cny("1.00"), [True, 1])
    assert info.value.code == "invalid_decimal"
    with pytest.raises(O2OError) as info:
        Money.from_minor(True, "CNY")
    assert info.value.code == "invalid_decimal"


def test_int_decimal_and_str_are_exact() -> None:
    assert Money(12, "CNY").amount == Decimal("12.00")
    assert str(Money(12, "CNY").amount) == "12.00"
    assert Money("12.3", "CNY") == Money(Decimal("12.30"), "CNY") == Money(Decimal("12.300"), "CNY")
    assert Money(-5, "JPY").to_dict() == {"amount": "-5", "currency": "JPY"}
    assert allocate(cny("1.00"), [1, Decimal("1"), "1"]).to_dict()["parts"][0]["weight"] == "1"
    assert Money(Decimal("1.5E+2"), "USD").amount == Decimal("150.00")
    assert Money(Decimal("-0"), "CNY").to_dict() == {"amount": "0.00", "currency": "CNY"}


@pytest.mark.parametrize("bad", ["NaN", "sNaN", "Infinity", "-Infinity"])
def test_decimal_nan_and_infinity_are_invalid(bad: str) -> None:
    with pytest.raises(MoneyError) as info:
        Money(Decimal(bad), "CNY")
    assert info.value.code == "invalid_decimal"
    with pytest.raises(MoneyError) as info:
        allocate(cny("1.00"), [Decimal(bad)])
    assert info.value.code == "invalid_decimal"


def test_out_of_range() -> None:
    amounts: list[Decimal | int | str] = [Decimal("1E+30"), 10**30, "1e30"]
    for amount in amounts:
        with pytest.raises(MoneyError) as info:
            Money(amount, "CNY")
        assert info.value.code == "amount_out_of_range"
    with pytest.raises(MoneyError) as info:
        Money.from_minor(2**200, "CNY")
    assert info.value.code == "amount_out_of_range"
    big = Money("792281625142643375935439503.35", "CNY")
    with pytest.raises(MoneyError) as info:
        big + big
    assert info.value.code == "amount_out_of_range"


def test_other_types_are_rejected() -> None:
    with pytest.raises(MoneyError) as info:
        Money([], "CNY")  # type: ignore[arg-type]
    assert info.value.code == "invalid_decimal"
    with pytest.raises(TypeError):
        Money("1", 840)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        allocate("1.00", [1])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        allocate(cny("1.00"), "11")
    with pytest.raises(TypeError):
        allocate(cny("1.00"), [1], caps=["1.00"])  # type: ignore[list-item]


def test_too_many_decimals_needs_rounding() -> None:
    with pytest.raises(MoneyError) as info:
        Money("0.125", "CNY")
    assert info.value.code == "too_many_decimals"
    assert Money.parse("0.125", "CNY", "half_up") == cny("0.13")
    assert Money.parse("0.125", "CNY", rounding="half_even") == cny("0.12")
    assert Money.parse("2.5", "JPY", "half_even") == Money(2, "JPY")
    err = raised(MoneyError, lambda: Money.parse("0.125", "CNY", "halfup"))
    assert err.code == "unknown_rounding"
    assert "half_up" in str(err)


# --- currencies and money -----------------------------------------------------------------


def test_currency() -> None:
    c = currency("kwd")
    assert (c.code, c.minor_units, c.name) == ("KWD", 3, "Kuwaiti Dinar")
    assert repr(Currency("CNY")) == "Currency('CNY')"
    assert str(Currency("CNY")) == "CNY"
    assert Currency("cny") == currency("CNY")
    assert Currency("CNY") != Currency("USD")
    assert Currency("CNY") != "CNY"
    assert len({Currency("CNY"), currency("cny"), Currency("JPY")}) == 2
    assert c.to_dict() == {"code": "KWD", "minor_units": 3, "name": "Kuwaiti Dinar"}
    assert pickle.loads(pickle.dumps(c)) == c
    with pytest.raises(CurrencyError) as info:
        Currency("XYZ")
    assert info.value.code == "unknown_currency"
    assert "XYZ" in str(info.value)
    assert Money("1", Currency("JPY")) == Money("1", "JPY")


def test_money_basics() -> None:
    m = Money("12.3", "CNY")
    assert m.amount == Decimal("12.30") and str(m.amount) == "12.30"
    assert isinstance(m.amount, Decimal)
    assert m.currency == "CNY"
    assert m.minor_units == 1230
    assert repr(m) == "Money('12.30', 'CNY')"
    assert str(m) == "12.30 CNY"
    assert repr(Money(-5, "KWD")) == "Money('-5.000', 'KWD')"
    assert Money.from_minor(1234, "CNY") == cny("12.34")
    assert Money.from_minor(-7, "JPY") == Money(-7, "JPY")
    assert Money.zero("KWD").to_dict() == {"amount": "0.000", "currency": "KWD"}
    assert not Money.zero("CNY") and bool(cny("0.01"))
    assert -cny("1.50") == cny("-1.50")
    assert +cny("1.50") == cny("1.50")
    assert abs(cny("-1.50")) == cny("1.50")
    assert cny("0.10") + cny("0.20") == cny("0.30")
    assert cny("0.10") - cny("0.25") == cny("-0.15")
    assert cny("99.99").multiply(Decimal("0.006"), "half_up") == cny("0.60")
    assert cny("99.99").multiply("0.006") == cny("0.60")
    assert cny("0.25").multiply(Decimal("0.5")) == cny("0.12")
    assert Money("10.03", "CHF").round_to_step("0.05") == Money("10.05", "CHF")
    assert Money("2.31", "CHF").round_to_step(Decimal("0.05"), rounding="floor") == Money("2.30", "CHF")


def test_money_equality_ordering_hash() -> None:
    assert cny("1.00") == cny("1")
    assert cny("1.00") != Money("1.00", "USD")
    assert cny("1.00") != "1.00 CNY"
    assert cny("1.00") != 1
    assert cny("1.00") < cny("1.01") <= cny("1.01") < cny("2")
    assert cny("3") > cny("-3") >= cny("-3")
    assert sorted([cny("3"), cny("-1"), cny("2")]) == [cny("-1"), cny("2"), cny("3")]
    assert max(cny("3"), cny("7")) == cny("7")
    assert hash(cny("1")) == hash(Money(Decimal("1.000"), "CNY"))
    assert len({cny("1"), cny("1.00"), Money("1", "USD")}) == 2
    with pytest.raises(CurrencyError) as info:
        cny("1") < Money("2", "USD")
    assert info.value.code == "currency_mismatch"
    with pytest.raises(TypeError):
        cny("1") < 2  # type: ignore[operator]


def test_mixed_currencies() -> None:
    ops: list[Callable[[], object]] = [
        lambda: cny("1") + Money("1", "USD"),
        lambda: cny("1") - Money("1", "USD"),
    ]
    for op in ops:
        err = raised(CurrencyError, op)
        assert err.code == "currency_mismatch"
        assert "CNY" in str(err) and "USD" in str(err)
    with pytest.raises(CurrencyError) as info:
        allocate(cny("1.00"), [1, 1], caps=[Money("1", "USD"), None])
    assert info.value.code == "currency_mismatch"
    with pytest.raises(TypeError):
        cny("1") + 1  # type: ignore[operator]


def test_to_dict_from_dict_round_trip() -> None:
    for m in [cny("12.30"), Money(-3, "JPY"), Money("0.001", "KWD"), Money("1.2345", "CLF")]:
        d = m.to_dict()
        assert set(d) == {"amount", "currency"}
        assert Money.from_dict(d) == m
        assert pickle.loads(pickle.dumps(m)) == m
    assert cny("12.3").to_dict() == {"amount": "12.30", "currency": "CNY"}
    assert Money.from_dict({"amount": Decimal("1.5"), "currency": "usd"}) == Money("1.50", "USD")
    assert raised(MoneyError, lambda: Money.from_dict({"amount": 12.5, "currency": "CNY"})).code == "number_for_money"
    extra = {"amount": "1", "currency": "CNY", "extra": 1}
    assert raised(InputError, lambda: Money.from_dict(extra)).code == "invalid_json"
    assert raised(InputError, lambda: Money.from_dict({"amount": "1"})).code == "invalid_json"


# --- errors -------------------------------------------------------------------------------


def test_exception_hierarchy() -> None:
    assert issubclass(O2OError, ValueError)
    for cls in [CurrencyError, MoneyError, AllocationError, InputError]:
        assert issubclass(cls, O2OError)
        assert cls.__module__ == "o2okit"
    with pytest.raises(AllocationError) as info:
        allocate(cny("1.00"), [0, 0])
    err = info.value
    assert isinstance(err, ValueError)
    assert err.code == "zero_weights"
    assert err.category == "allocation"
    assert err.details == {"code": "zero_weights", "category": "allocation", "message": str(err)}
    assert "zero" in str(err)
    with pytest.raises(AllocationError, match="negative"):
        allocate(cny("1.00"), [1, -1])
    with pytest.raises(AllocationError) as info:
        allocate(cny("1.00"), [])
    assert info.value.code == "empty_weights"


def test_every_error_code_is_listed() -> None:
    assert "number_for_money" in o2okit.ERROR_CODES
    assert len(set(o2okit.ERROR_CODES)) == len(o2okit.ERROR_CODES)
    assert o2okit.ROUNDING_MODES == (
        "half_even",
        "half_up",
        "half_down",
        "up",
        "down",
        "ceiling",
        "floor",
    )
    assert "allocate" in o2okit.FUNCTIONS
    assert isinstance(o2okit.__version__, str)


# --- allocation ---------------------------------------------------------------------------


def test_example_99_99_cny_75_25() -> None:
    split = allocate(Money("99.99", "CNY"), [75, 25])
    assert isinstance(split, Allocation)
    assert split.amounts() == [cny("74.99"), cny("25.00")]
    assert [str(m.amount) for m in split.amounts()] == ["74.99", "25.00"]
    assert split.total == cny("99.99")
    assert split.unit == cny("0.01")
    assert split.leftover_units == 1
    first, second = split.parts
    assert isinstance(first, AllocationPart)
    assert first.amount == cny("74.99")
    assert first.weight == Decimal("75")
    assert first.exact_share == Decimal("74.9925")
    assert first.remainder == Decimal("0.25")
    assert (first.extra_unit, first.capped) == (False, False)
    assert second.extra_unit is True
    assert first.to_dict() == split.to_dict()["parts"][0]
    assert repr(split) == (
        "Allocation(total=Money('99.99', 'CNY'), unit=Money('0.01', 'CNY'), "
        "leftover_units=1, amounts=['74.99', '25.00'])"
    )
    assert repr(first) == (
        "AllocationPart(amount=Money('74.99', 'CNY'), weight=Decimal('75'), "
        "exact_share=Decimal('74.9925'), remainder=Decimal('0.25'), extra_unit=False, capped=False)"
    )
    assert split == allocate(Money("99.99", "CNY"), ["75", "25"])


def test_allocate_caps_and_step() -> None:
    split = allocate(cny("100.00"), [1, 1, 2], caps=[cny("10.00"), None, None])
    assert split.amounts() == [cny("10.00"), cny("30.00"), cny("60.00")]
    assert [p.capped for p in split.parts] == [True, False, False]
    chf = allocate(Money("10.00", "CHF"), (1, 1, 1), step="0.05")
    assert [str(m) for m in chf.amounts()] == ["3.35 CHF", "3.35 CHF", "3.30 CHF"]
    assert chf.unit == Money("0.05", "CHF")
    with pytest.raises(MoneyError) as info:
        allocate(Money("10.03", "CHF"), [1, 1], step=Decimal("0.05"))
    assert info.value.code == "not_on_step"


def test_call() -> None:
    out = call("allocate", {"total": Money("100", "JPY"), "weights": [Decimal("1"), 1, "1"]})
    assert [p["amount"]["amount"] for p in out["parts"]] == ["34", "33", "33"]
    text = '{"total": {"amount": "100", "currency": "JPY"}, "weights": ["1", "1", "1"]}'
    assert call("allocate", text) == out
    assert call("currency", {"code": "CNY"}) == {"code": "CNY", "minor_units": 2, "name": "Yuan Renminbi"}
    assert call("money.parse", {"amount": Decimal("12.3"), "currency": Currency("CNY")}) == {
        "amount": "12.30",
        "currency": "CNY",
    }
    float_money = {"amount": 12.5, "currency": "CNY"}
    assert raised(MoneyError, lambda: call("money.parse", float_money)).code == "number_for_money"
    float_weight = {"total": {"amount": "1.00", "currency": "CNY"}, "weights": [0.5, 1]}
    assert raised(MoneyError, lambda: call("allocate", float_weight)).code == "invalid_decimal"
    assert raised(InputError, lambda: call("money.divide", {})).code == "unknown_function"
    assert raised(InputError, lambda: call("allocate", "{not json")).code == "invalid_json"
    assert raised(InputError, lambda: call("allocate", {"total": object()})).code == "invalid_json"


# --- properties (plain Python, deterministic) ---------------------------------------------

CURRENCIES = [("CNY", 2), ("JPY", 0), ("KWD", 3), ("CLF", 4), ("USD", 2)]


def random_weight(rng: random.Random) -> Decimal:
    if rng.random() < 0.15:
        return Decimal(0)
    digits = rng.randint(0, 3)
    return Decimal(rng.randint(1, 10**6)).scaleb(-digits)


def test_property_sum_conservation_and_reference() -> None:
    rng = random.Random(0)
    for _ in range(500):
        code, minor = rng.choice(CURRENCIES)
        units = rng.randint(-(10**9), 10**9) if rng.random() < 0.9 else rng.randint(-(10**20), 10**20)
        total = Money.from_minor(units, code)
        weights = [random_weight(rng) for _ in range(rng.randint(1, 9))]
        if all(w == 0 for w in weights):
            weights[rng.randrange(len(weights))] = Decimal(1)
        split = allocate(total, weights)
        amounts = [m.amount for m in split.amounts()]
        with localcontext() as ctx:
            ctx.prec = 100
            assert sum(amounts, Decimal(0)) == total.amount, (total, weights)
            weight_sum = sum(weights, Decimal(0))
            unit = Decimal(1).scaleb(-minor)
            for amount, weight, part in zip(amounts, weights, split.parts):
                assert amount.as_tuple().exponent == -minor
                assert part.weight == weight
                exact = total.amount * weight / weight_sum
                assert abs(amount - exact) < unit
                if weight == 0:
                    assert amount == 0
        assert amounts == reference_allocate(total.amount, weights, minor), (total, weights)
        negated = allocate(-total, weights)
        assert negated.amounts() == [-m for m in split.amounts()]


def test_property_caps_are_respected() -> None:
    rng = random.Random(1)
    for _ in range(200):
        total = Money.from_minor(rng.randint(0, 10**6), "CNY")
        n = rng.randint(1, 6)
        weights = [Decimal(rng.randint(1, 100)) for _ in range(n)]
        caps: list[Money | None] = [
            None if rng.random() < 0.4 else Money.from_minor(rng.randint(0, 10**6), "CNY") for _ in range(n)
        ]
        try:
            split = allocate(total, weights, caps=caps)
        except AllocationError as err:
            assert err.code == "caps_insufficient"
            assert all(c is not None for c in caps)
            continue
        assert sum((m.minor_units for m in split.amounts()), 0) == total.minor_units
        for part, cap in zip(split.parts, caps):
            if cap is not None:
                assert part.amount <= cap
