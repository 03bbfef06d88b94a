"""Type aliases shared by the wrappers' signatures (for readers and type checkers)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Mapping, SupportsIndex, Union

from ._o2okit import Money

#: A wire-shaped input (a cart, a plan, a command, ...): a mapping whose values may be
#: Python values (`Money`, `Decimal`, `int`, `str`, aware `datetime`, records, lists,
#: mappings, bool, None; NumPy integers and tz-aware pandas Timestamps too).
WireInput = Mapping[str, Any]
#: A time: an aware `datetime` (a tz-aware pandas `Timestamp` is one) or an RFC 3339 string.
#: A naive `datetime` or a NumPy `datetime64` raises `InputError` (see `o2okit.aware`).
Time = Union[datetime, str]
#: An exact number: `Decimal`, `str`, `int` or a NumPy integer. Binary floats are rejected.
Exact = Union[Decimal, str, SupportsIndex]
#: A money amount where a function takes one: a `Money` or its wire mapping.
MoneyInput = Union[Money, Mapping[str, Any]]
