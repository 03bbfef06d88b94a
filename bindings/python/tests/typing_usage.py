"""Type-checked (mypy --strict, by test_typing.py) against the stubs; also executed there."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from typing_extensions import assert_type

import o2okit
from o2okit import (
    Allocation,
    AllocationPart,
    Currency,
    Money,
    O2OError,
    allocate,
    call,
    currency,
)

cny: Currency = currency("CNY")
assert_type(cny.code, str)
assert_type(cny.minor_units, int)
assert_type(cny.name, str)
assert_type(Currency("JPY"), Currency)

price = Money(Decimal("12.30"), "CNY")
assert_type(price, Money)
assert_type(Money("1", cny), Money)
assert_type(Money(5, "JPY"), Money)
assert_type(price.amount, Decimal)
assert_type(price.currency, str)
assert_type(price.minor_units, int)
assert_type(price + price, Money)
assert_type(price - price, Money)
assert_type(-price, Money)
assert_type(abs(price), Money)
assert_type(price < price, bool)
assert_type(price == price, bool)
assert_type(hash(price), int)
assert_type(price.multiply(Decimal("0.5"), rounding="half_up"), Money)
assert_type(price.round_to_step("0.1"), Money)
assert_type(price.to_dict(), dict[str, str])
assert_type(Money.parse("0.125", "CNY", "half_even"), Money)
assert_type(Money.parse("1", "CNY"), Money)
assert_type(Money.from_minor(1234, "CNY"), Money)
assert_type(Money.zero(cny), Money)
assert_type(Money.from_dict({"amount": "1.00", "currency": "CNY"}), Money)

split = allocate(Money("99.99", "CNY"), [75, Decimal("25")])
assert_type(split, Allocation)
assert_type(split.total, Money)
assert_type(split.unit, Money)
assert_type(split.leftover_units, int)
assert_type(split.parts, list[AllocationPart])
assert_type(split.amounts(), list[Money])
assert_type(split.to_dict(), dict[str, Any])
part = split.parts[0]
assert_type(part.amount, Money)
assert_type(part.weight, Decimal)
assert_type(part.exact_share, Decimal)
assert_type(part.remainder, Decimal)
assert_type(part.extra_unit, bool)
assert_type(part.capped, bool)
capped = allocate(Money("100", "CNY"), ["1", "1"], caps=[Money("10", "CNY"), None], step=Decimal("0.05"))
assert_type(capped, Allocation)

assert_type(call("currency", {"code": "CNY"}), dict[str, Any])
assert_type(call("currency", '{"code": "CNY"}'), dict[str, Any])
assert_type(o2okit.FUNCTIONS, tuple[str, ...])
assert_type(o2okit.ROUNDING_MODES, tuple[str, ...])
assert_type(o2okit.ERROR_CODES, tuple[str, ...])

try:
    Money("0.125", "CNY")
except O2OError as err:
    assert_type(err.code, str)
    assert_type(err.category, str)
    assert_type(err.details, dict[str, Any])
    assert isinstance(err, ValueError)
