"""Giving a zone to a time that has none (``o2okit.aware``).

o2okit takes times as instants: an aware ``datetime`` (a tz-aware pandas ``Timestamp`` is
one) or an RFC 3339 string with an offset. A naive ``datetime``, a naive ``Timestamp`` and a
NumPy ``datetime64`` name no instant (a ``datetime64`` is a wall-clock reading with no zone,
even when it was made from UTC), so they are rejected with ``InputError`` (``invalid_input``)
rather than read in a zone o2okit would have to guess: for money, a guessed zone moves an
order into another day, another promotion window, another settlement period.

``aware(value, tz)`` is the one explicit step: it says which zone the reading is in.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, Union

_EPOCH = datetime(1970, 1, 1)


def _zone(tz: Union[str, tzinfo]) -> tzinfo:
    if isinstance(tz, tzinfo):
        return tz
    if isinstance(tz, str):
        if tz.upper() in ("UTC", "Z"):
            return timezone.utc
        from zoneinfo import ZoneInfo  # Python 3.9+

        return ZoneInfo(tz)
    raise TypeError(f"tz must be an IANA zone name such as \"Asia/Shanghai\" or a tzinfo, not {type(tz).__name__}")


def _from_datetime64(value: Any) -> datetime:
    """A NumPy ``datetime64`` as a naive ``datetime`` (microseconds, exactly)."""
    import numpy as np

    if np.isnat(value):
        raise ValueError("NaT (not a time) is a missing time; drop or fill it first")
    ns = int(value.astype("datetime64[ns]").astype("int64"))
    micros, rest = divmod(ns, 1000)
    if rest:
        raise ValueError(
            f"{value} has nanoseconds, which a Python datetime cannot hold; round it to microseconds first"
        )
    return _EPOCH + timedelta(microseconds=micros)


def aware(value: Any, tz: Union[str, tzinfo]) -> datetime:
    """The instant a zone-less time names in zone ``tz`` (an IANA name such as
    ``"Asia/Shanghai"``, ``"UTC"``, or a ``tzinfo``).

    ``value`` is a naive ``datetime``, a naive pandas ``Timestamp`` or a NumPy
    ``datetime64``; the result is an aware ``datetime`` (a ``Timestamp`` stays a
    ``Timestamp``). A value that already has a zone is returned unchanged: its instant is
    known, and ``tz`` does not move it.

    >>> import numpy as np
    >>> aware(np.datetime64("2026-11-22T10:00"), "Asia/Shanghai").isoformat()
    '2026-11-22T10:00:00+08:00'
    >>> aware(datetime(2026, 11, 22, 2, 0), "UTC").isoformat()
    '2026-11-22T02:00:00+00:00'
    """
    zone = _zone(tz)
    if isinstance(value, datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            return value
        if hasattr(value, "tz_localize"):  # a pandas Timestamp (nanoseconds kept)
            localized: datetime = value.tz_localize(zone)
            return localized
        return value.replace(tzinfo=zone)
    if type(value).__name__ == "datetime64" and type(value).__module__ == "numpy":
        return _from_datetime64(value).replace(tzinfo=zone)
    raise TypeError(f"aware() gives a zone to a datetime or a numpy.datetime64, not {type(value).__name__}")
