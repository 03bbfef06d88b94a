"""Voucher codes from Python: the README's code (key bytes 0..31, serial 42, store S1, deal
hotpot-for-2, expiring 2026-04-01 00:00 +08:00), verification (valid, expired, another store,
a mistyped digit, a forged one), bytes and hex keys alike, batches, and the errors."""

from __future__ import annotations

import doctest
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import o2okit
import o2okit._voucher
from o2okit import InputError, O2OError, VoucherError

CST = timezone(timedelta(hours=8))
KEY = bytes(range(32))
KEY_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
SCOPE: dict[str, Any] = {
    "store_id": "S1",
    "deal_id": "hotpot-for-2",
    "expires_at": datetime(2026, 4, 1, tzinfo=CST),
}
CODE = "000000424805447021344"
MID_MARCH = datetime(2026, 3, 15, 12, 0, tzinfo=CST)
VECTORS = Path(__file__).resolve().parent / ".." / ".." / ".." / "testdata" / "vectors"


def test_the_readme_code() -> None:
    issued = o2okit.issue_code(KEY, 42, scope=SCOPE)
    assert isinstance(issued, o2okit.VoucherCode)
    assert (issued.serial, issued.code) == (42, CODE)
    assert issued.to_dict() == {"serial": 42, "code": CODE}
    # Layout: 8 serial digits, 12 MAC digits, a Damm check digit.
    assert (CODE[:8], len(CODE[8:20]), len(CODE)) == ("00000042", 12, 21)


def test_bytes_and_hex_keys_give_the_same_codes() -> None:
    from_bytes = o2okit.issue_code(KEY, 42, scope=SCOPE)
    assert o2okit.issue_code(KEY_HEX, 42, scope=SCOPE) == from_bytes
    assert o2okit.issue_code(KEY_HEX.upper(), 42, scope=SCOPE) == from_bytes
    assert o2okit.issue_code(bytearray(KEY), 42, scope=SCOPE) == from_bytes
    assert o2okit.verify_code(KEY_HEX, CODE, MID_MARCH, scope=SCOPE) == o2okit.verify_code(
        KEY, CODE, MID_MARCH, scope=SCOPE
    )


def test_scope_and_key_change_the_code() -> None:
    assert o2okit.issue_code(KEY, 42, scope={**SCOPE, "store_id": "S2"}).code == "000000428064873466992"
    assert o2okit.issue_code(KEY, 42).code == "000000427500369728831"
    assert o2okit.issue_code(bytes(range(1, 33)), 42, scope=SCOPE).code != CODE
    # Only the instant of the expiry counts, not the offset it is written with.
    utc = {**SCOPE, "expires_at": datetime(2026, 3, 31, 16, 0, tzinfo=timezone.utc)}
    assert o2okit.issue_code(KEY, 42, scope=utc).code == CODE
    assert o2okit.issue_code(KEY, 42, scope={**SCOPE, "expires_at": "2026-04-01T00:00:00+08:00"}).code == CODE


def test_other_specs() -> None:
    luhn = {"digits": 8, "serial_digits": 6, "check": "luhn"}
    scope = {"store_id": "S1", "expires_at": datetime(2026, 12, 31, 23, 59, 59, tzinfo=timezone.utc)}
    assert o2okit.issue_code(KEY, 123456, spec=luhn, scope=scope).code == "123456964602458"
    verhoeff = {"digits": 18, "serial_digits": 15, "check": "verhoeff"}
    code = o2okit.issue_code(KEY, 999999999999999, spec=verhoeff, scope={"deal_id": "d"}).code
    assert code == "9999999999999997694637498211305251"
    none = {"digits": 6, "serial_digits": 1, "check": "none"}
    assert o2okit.issue_code(KEY, 7, spec=none).to_dict() == {"serial": 7, "code": "7204343"}
    assert o2okit.issue_code(KEY, 99999999, scope={"store_id": "门店-上海-01"}).code == "999999991277136530717"


def test_verify_valid_with_spaces_and_hyphens() -> None:
    assert o2okit.verify_code(KEY, CODE, MID_MARCH, scope=SCOPE).to_dict() == {"valid": True, "serial": 42}
    assert o2okit.verify_code(KEY, "00000042 4805-4470 2134 4", MID_MARCH, scope=SCOPE).to_dict() == {"valid": True, "serial": 42}
    # An RFC 3339 string is as good as an aware datetime.
    assert o2okit.verify_code(KEY, CODE, "2026-03-15T12:00:00+08:00", scope=SCOPE).valid is True


def test_verify_expired() -> None:
    last_second = datetime(2026, 3, 31, 23, 59, 59, tzinfo=CST)
    assert o2okit.verify_code(KEY, CODE, last_second, scope=SCOPE).to_dict() == {"valid": True, "serial": 42}
    expired = {"valid": False, "serial": 42, "reason": "expired"}
    assert o2okit.verify_code(KEY, CODE, datetime(2026, 4, 1, tzinfo=CST), scope=SCOPE).to_dict() == expired
    # The same instant in UTC.
    assert o2okit.verify_code(KEY, CODE, datetime(2026, 3, 31, 16, 0, tzinfo=timezone.utc), scope=SCOPE).to_dict() == expired


def test_verify_mismatch_at_another_store_deal_or_key() -> None:
    mismatch = {"valid": False, "reason": "mismatch"}
    assert o2okit.verify_code(KEY, CODE, MID_MARCH, scope={**SCOPE, "store_id": "S2"}).to_dict() == mismatch
    assert o2okit.verify_code(KEY, CODE, MID_MARCH, scope={**SCOPE, "deal_id": "hotpot-for-4"}).to_dict() == mismatch
    assert o2okit.verify_code(b"\xff" * 16, CODE, MID_MARCH, scope=SCOPE).to_dict() == mismatch
    # A code issued for a scope does not verify without it, and the other way round.
    assert o2okit.verify_code(KEY, CODE, MID_MARCH).to_dict() == mismatch
    # Another serial with a correct check digit: forged.
    assert o2okit.verify_code(KEY, "000000425805447021347", MID_MARCH, scope=SCOPE).to_dict() == mismatch


def test_verify_bad_check_digit() -> None:
    typo = CODE[:19] + "7" + CODE[20:]  # one MAC digit mistyped
    assert typo == "000000424805447021374"
    assert o2okit.verify_code(KEY, typo, MID_MARCH, scope=SCOPE).to_dict() == {"valid": False, "reason": "bad_check_digit"}
    wrong_check = CODE[:-1] + "5"
    assert o2okit.verify_code(KEY, wrong_check, MID_MARCH, scope=SCOPE).reason == "bad_check_digit"


def test_batches() -> None:
    luhn = {"digits": 8, "serial_digits": 6, "check": "luhn"}
    assert [c.to_dict() for c in o2okit.issue_codes(KEY, 100, 3, spec=luhn)] == [
        {"serial": 100, "code": "000100750423335"},
        {"serial": 101, "code": "000101381758297"},
        {"serial": 102, "code": "000102077628638"},
    ]
    assert o2okit.issue_codes(KEY, 5, 0) == []
    batch = o2okit.issue_codes(KEY, 40, 1000, scope=SCOPE)
    assert [c.serial for c in batch] == list(range(40, 1040))
    assert batch[2] == o2okit.issue_code(KEY, 42, scope=SCOPE)
    assert len({c.code for c in batch}) == 1000
    for issued in batch[::97]:
        assert o2okit.verify_code(KEY, issued.code, MID_MARCH, scope=SCOPE).to_dict() == {"valid": True, "serial": issued.serial}


def test_voucher_errors() -> None:
    with pytest.raises(VoucherError) as short:
        o2okit.issue_code(bytes(15), 1)
    err = short.value
    assert (err.code, err.category) == ("invalid_voucher_key", "voucher")
    assert isinstance(err, O2OError) and isinstance(err, ValueError)
    assert err.details == {"code": "invalid_voucher_key", "category": "voucher", "message": str(err)}
    with pytest.raises(VoucherError) as not_hex:
        o2okit.issue_code("zz" * 16, 1)
    assert not_hex.value.code == "invalid_voucher_key"
    # The message never repeats the key.
    secret = "0123456789abcdef" * 2 + "xy"
    with pytest.raises(VoucherError) as bad_secret:
        o2okit.verify_code(secret, CODE, MID_MARCH)
    assert "0123456789abcdef" not in str(bad_secret.value)

    with pytest.raises(VoucherError) as spec:
        o2okit.issue_code(KEY, 1, spec={"digits": 5, "serial_digits": 8, "check": "damm"})
    assert spec.value.code == "invalid_voucher_spec"
    with pytest.raises(VoucherError) as wide:
        o2okit.issue_code(KEY, 100_000_000)
    assert wide.value.code == "invalid_voucher_spec"
    with pytest.raises(VoucherError) as too_many:
        o2okit.issue_codes(KEY, 0, 100_001)
    assert too_many.value.code == "invalid_voucher_spec"
    with pytest.raises(VoucherError) as scope:
        o2okit.issue_code(KEY, 1, scope={"store_id": ""})
    assert scope.value.code == "invalid_voucher_scope"

    for malformed in ["12345", CODE[:-1] + "x"]:
        with pytest.raises(VoucherError) as code:
            o2okit.verify_code(KEY, malformed, MID_MARCH)
        assert (code.value.code, code.value.category) == ("invalid_voucher_code", "voucher")
        assert malformed not in str(code.value)


def test_naive_times_are_rejected() -> None:
    with pytest.raises(InputError) as now:
        o2okit.verify_code(KEY, CODE, datetime(2026, 3, 15, 12, 0), scope=SCOPE)
    assert now.value.code == "invalid_input"
    assert "now" in str(now.value)
    with pytest.raises(InputError) as expiry:
        o2okit.issue_code(KEY, 42, scope={**SCOPE, "expires_at": datetime(2026, 4, 1)})
    assert expiry.value.code == "invalid_input"
    assert "scope.expires_at" in str(expiry.value)


def test_same_as_the_golden_vectors() -> None:
    doc = json.loads((VECTORS / "vouchers.json").read_text(encoding="utf-8"))
    cases = {c["name"]: c for c in doc["cases"]}
    issue = cases["voucher-issue-scoped-default-spec"]
    assert o2okit.issue_code(**issue["input"]).to_dict() == issue["expected"] == o2okit.issue_code(KEY, 42, scope=SCOPE).to_dict()
    verify = cases["voucher-verify-valid"]
    assert o2okit.verify_code(**verify["input"]).to_dict() == verify["expected"]


def test_docstring_examples_run() -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder().find(o2okit._voucher):
        runner.run(test)
    assert runner.summarize(verbose=False).attempted >= 12
    assert runner.summarize(verbose=False).failed == 0
