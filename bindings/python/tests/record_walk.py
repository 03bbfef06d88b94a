"""Read every field of a record, recursively, and check each value has the type its kind says
(money -> Money, decimal -> Decimal, time -> aware datetime, record -> that record class,
list -> list, map -> dict), and that no plain string field holds an RFC 3339 time (a time
field the generator would have missed; free-form string maps such as ``Rejection.params``
are text by design)."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Any

from o2okit import Money, Record, records
from o2okit._record import field_getter

TIME_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})")


def check_value(kind: str, value: Any, where: str, free_text: bool = False) -> int:
    """Check ``value`` against ``kind``; returns how many values were checked."""
    if value is None:
        return 1
    if kind.startswith("list:"):
        assert isinstance(value, list), where
        return 1 + sum(check_value(kind[5:], v, f"{where}[{i}]") for i, v in enumerate(value))
    if kind.startswith("map:"):
        assert isinstance(value, dict), where
        return 1 + sum(check_value(kind[4:], v, f"{where}[{k!r}]", True) for k, v in value.items())
    if kind == "money":
        assert isinstance(value, Money), where
    elif kind == "decimal":
        assert isinstance(value, Decimal), where
    elif kind == "time":
        assert isinstance(value, datetime) and value.utcoffset() is not None, where
    elif kind.startswith("record:"):
        assert type(value) is getattr(records, kind[7:]), where
        return 1 + walk(value, where)
    else:
        assert kind == "any", where
        if not free_text:
            assert not (isinstance(value, str) and TIME_TEXT.fullmatch(value)), f"{where} holds a time: {value!r}"
    return 1


def walk(record: Record, where: str = "") -> int:
    """Read every field of ``record`` (recursively); returns how many values were checked."""
    where = where or type(record).__name__
    cls = type(record)
    count = 0
    for attr in cls._fields:
        count += check_value(field_getter(cls, attr).kind, getattr(record, attr), f"{where}.{attr}")
    return count
