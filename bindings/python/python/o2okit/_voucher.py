"""Voucher codes: codes for vouchers bought online and redeemed in a store (核销), which the
store verifies offline with only the key and what it redeems for.

Thin wrappers over the core's wire functions ``voucher.issue``, ``voucher.issue_batch`` and
``voucher.verify``. A code is ``serial · MAC digits · check digit`` (by default 8 serial
digits, 12 MAC digits of an HMAC-SHA256 and a Damm check digit: 21 digits); the scope (store,
deal, expiry) is bound into the MAC, not printed. Inputs: the key as ``bytes`` (sent as hex)
or a hex ``str``, at least 16 bytes; ``spec`` as ``{"digits", "serial_digits", "check":
"damm" | "luhn" | "verhoeff" | "none"}``; ``scope`` as ``{"store_id"?, "deal_id"?,
"expires_at"?}``; times as aware ``datetime`` or RFC 3339 strings (a naive ``datetime`` is
an ``InputError``). Outputs are records (``VoucherCode``, ``Verification``). Errors are ``VoucherError`` (category
``voucher``: ``invalid_voucher_key``, ``invalid_voucher_spec``, ``invalid_voucher_scope``,
``invalid_voucher_code``) or another ``O2OError`` subclass, with ``.code``; an error message
never repeats the key or the code.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping, Optional, Union

from ._o2okit import _call
from .records import Verification, VoucherCode

# A voucher key: raw bytes, or the same bytes as a hex string.
_Key = Union[bytes, bytearray, str]


def _request(
    key: _Key,
    spec: Optional[Mapping[str, Any]],
    scope: Optional[Mapping[str, Any]],
    **fields: Any,
) -> dict[str, Any]:
    """The wire request; a bytes key is sent as hex (the wire form), a str one as it is."""
    request: dict[str, Any] = {"key": key.hex() if isinstance(key, (bytes, bytearray)) else key, **fields}
    if spec is not None:
        request["spec"] = spec
    if scope is not None:
        request["scope"] = scope
    return request


def issue_code(
    key: _Key,
    serial: int,
    *,
    spec: Optional[Mapping[str, Any]] = None,
    scope: Optional[Mapping[str, Any]] = None,
) -> VoucherCode:
    """The code of one serial: a ``VoucherCode`` (``.serial``, ``.code``). ``spec`` defaults to 12 MAC digits,
    8 serial digits and a Damm check digit; ``scope`` to none (a code good anywhere, for
    anything, for ever). A serial wider than ``serial_digits`` raises ``VoucherError``
    (``invalid_voucher_spec``).

    >>> from datetime import datetime, timedelta, timezone
    >>> key = bytes(range(32))
    >>> scope = {"store_id": "S1", "deal_id": "hotpot-for-2",
    ...          "expires_at": datetime(2026, 4, 1, tzinfo=timezone(timedelta(hours=8)))}
    >>> issue_code(key, 42, scope=scope)
    VoucherCode(serial=42, code='000000424805447021344')
    >>> issue_code(key.hex(), 42, scope=scope).code
    '000000424805447021344'
    >>> issue_code(key, 7, spec={"digits": 6, "serial_digits": 1, "check": "none"}).code
    '7204343'
    """
    return VoucherCode(_call("voucher.issue", _request(key, spec, scope, serial=serial)))


def issue_codes(
    key: _Key,
    first_serial: int,
    count: int,
    *,
    spec: Optional[Mapping[str, Any]] = None,
    scope: Optional[Mapping[str, Any]] = None,
) -> list[VoucherCode]:
    """The codes of ``count`` serials from ``first_serial`` on, in serial order: a list of
    ``VoucherCode``, each the same as :func:`issue_code` would give. At most
    100,000 per call (more raise ``VoucherError``, ``invalid_voucher_spec``): issue a large
    run in batches.

    >>> codes = issue_codes(bytes(range(32)), 100, 3, spec={"digits": 8, "serial_digits": 6, "check": "luhn"})
    >>> [(c.serial, c.code) for c in codes]
    [(100, '000100750423335'), (101, '000101381758297'), (102, '000102077628638')]
    """
    request = _request(key, spec, scope, first_serial=first_serial, count=count)
    # The wire answer is a JSON array: one record per code.
    wire = _call("voucher.issue_batch", request)
    return [VoucherCode(item) for item in wire.items()]


def verify_code(
    key: _Key,
    code: str,
    now: Union[datetime, str],
    *,
    spec: Optional[Mapping[str, Any]] = None,
    scope: Optional[Mapping[str, Any]] = None,
) -> Verification:
    """Check a presented code (spaces and hyphens ignored) against the scope the store
    redeems for, at ``now``: a ``Verification`` with ``valid=True`` and the ``serial``, or
    ``valid=False``, the ``serial`` (when the MAC matched) and the ``reason``: ``bad_check_digit`` (a mistyped code), ``mismatch`` (forged, or
    issued for another key, store or deal) or ``expired`` (genuine, at or after
    ``expires_at``; then ``serial`` is given). Give the ``spec`` and ``scope`` the code was
    issued with. A code that is not digits or not the spec's length raises ``VoucherError``
    (``invalid_voucher_code``).

    >>> from datetime import datetime, timedelta, timezone
    >>> cst = timezone(timedelta(hours=8))
    >>> key = bytes(range(32))
    >>> scope = {"store_id": "S1", "deal_id": "hotpot-for-2", "expires_at": datetime(2026, 4, 1, tzinfo=cst)}
    >>> verify_code(key, "00000042 4805 4470 2134 4", datetime(2026, 3, 15, 12, tzinfo=cst), scope=scope)
    Verification(valid=True, serial=42)
    >>> verify_code(key, "000000424805447021344", datetime(2026, 4, 1, tzinfo=cst), scope=scope)
    Verification(valid=False, serial=42, reason='expired')
    >>> verify_code(key, "000000424805447021344", "2026-03-15T12:00:00+08:00", scope={**scope, "store_id": "S2"})
    Verification(valid=False, reason='mismatch')
    """
    return Verification(_call("voucher.verify", _request(key, spec, scope, code=code, now=now)))
