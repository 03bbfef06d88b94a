"""Time voucher codes from Python: issue 1,000,000 scoped codes and verify a sample of them
(the shape of crates/o2okit/benches/voucher.rs).

Run after installing the package (e.g. with bindings/python/ci.sh):

    .venv/bin/python bindings/python/bench/bench_voucher.py [--codes 1000000] [--verify 100000] [--rounds 3]

Not a test. Variants run in interleaved rounds; each figure is the best round. Every code is
scoped to a store, a deal and an expiry, with the default spec (8 serial digits, 12 MAC digits,
a Damm check digit).

- ``issue_codes(key, first_serial, 100_000, scope=...)``: the codes in batches of 100,000 (the
  most one call takes), wire dicts out;
- ``verify_code(key, code, now, scope=...)``: one call per code, on an evenly spaced sample;
- baseline: Python's own ``hmac.new(key, message, hashlib.sha256).digest()`` over the same
  messages (the canonical bytes the core MACs, built here from the documented layout), once per
  code: the least any HMAC-SHA256 code costs from Python;
- for comparison: the same codes in pure Python (HMAC, truncation, Damm digit), checked against
  o2okit's before timing.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import struct
import time
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Optional

import o2okit

CST = timezone(timedelta(hours=8))
KEY = bytes(range(32))
EXPIRES = datetime(2026, 4, 1, tzinfo=CST)
SCOPE: dict[str, Any] = {"store_id": "S1", "deal_id": "hotpot-for-2", "expires_at": EXPIRES}
NOW = datetime(2026, 3, 15, 12, 0, tzinfo=CST)
BATCH = 100_000
DIGITS, SERIAL_DIGITS = 12, 8

DAMM = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2], [7, 0, 9, 2, 1, 5, 4, 8, 6, 3], [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6], [6, 1, 2, 3, 0, 4, 5, 9, 7, 8], [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4], [8, 9, 4, 5, 3, 6, 2, 0, 1, 7], [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
]


def field(value: Optional[str]) -> bytes:
    if value is None:
        return b"\x00"
    data = value.encode()
    return b"\x01" + struct.pack(">I", len(data)) + data


# Everything of the message but the serial: tag, widths, store, deal, expiry (seconds, nanos).
PREFIX = (
    b"o2okit-voucher-v1"
    + bytes([DIGITS, SERIAL_DIGITS])
    + field(SCOPE["store_id"])
    + field(SCOPE["deal_id"])
    + b"\x01"
    + struct.pack(">qI", int(EXPIRES.timestamp()), 0)
)


def message(serial: int) -> bytes:
    return PREFIX + struct.pack(">Q", serial)


def python_code(serial: int) -> str:
    mac = hmac.new(KEY, message(serial), hashlib.sha256).digest()
    offset = mac[31] & 0xF
    value = int.from_bytes(mac[offset:offset + 8], "big") & 0x7FFF_FFFF_FFFF_FFFF
    digits = str(serial).zfill(SERIAL_DIGITS) + str(value % 10**DIGITS).zfill(DIGITS)
    check = 0
    for c in digits:
        check = DAMM[check][ord(c) - 48]
    return digits + str(check)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--codes", type=int, default=1_000_000)
    parser.add_argument("--verify", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    n, m = args.codes, args.verify
    step = max(1, n // m)

    # The baselines must compute the same thing: the pure-Python codes are o2okit's.
    first = o2okit.issue_codes(KEY, 0, min(n, 1000), scope=SCOPE)
    assert [c.code for c in first] == [python_code(s) for s in range(len(first))]
    assert o2okit.issue_code(KEY, 42, scope=SCOPE).code == python_code(42) == "000000424805447021344"
    sample: list[str] = []
    for start in range(0, n, BATCH):
        batch = o2okit.issue_codes(KEY, start, min(BATCH, n - start), scope=SCOPE)
        sample.extend(c.code for c in batch[(-start) % step::step])
    sample = sample[:m]
    assert len(sample) == m

    def issue() -> None:
        for start in range(0, n, BATCH):
            o2okit.issue_codes(KEY, start, min(BATCH, n - start), scope=SCOPE)

    def verify() -> None:
        results = [o2okit.verify_code(KEY, code, NOW, scope=SCOPE) for code in sample]
        assert all(r.valid for r in results)

    def hmac_issue() -> None:
        for serial in range(n):
            hmac.new(KEY, message(serial), hashlib.sha256).digest()

    def hmac_verify() -> None:
        for code in sample:
            hmac.new(KEY, message(int(code[:SERIAL_DIGITS])), hashlib.sha256).digest()

    def python_issue() -> None:
        for serial in range(n):
            python_code(serial)

    variants: dict[str, tuple[int, Callable[[], None]]] = {
        "issue_codes, batches of 100,000": (n, issue),
        "hmac.new(...).digest() per code": (n, hmac_issue),
        "pure-Python code per serial": (n, python_issue),
        "verify_code per code": (m, verify),
        "hmac.new(...).digest() per sample": (m, hmac_verify),
    }
    best = {name: float("inf") for name in variants}
    for _ in range(args.rounds):
        for name, (_, run) in variants.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    print(f"{n:,} scoped codes issued, {m:,} verified; best of {args.rounds} rounds")
    for name, (count, _) in variants.items():
        seconds = best[name]
        print(f"  {name:36s}: {seconds:7.3f} s  {count / seconds:12,.0f} codes/s")
    issue_ratio = best["issue_codes, batches of 100,000"] / best["hmac.new(...).digest() per code"]
    python_ratio = best["pure-Python code per serial"] / best["issue_codes, batches of 100,000"]
    verify_ratio = best["verify_code per code"] / best["hmac.new(...).digest() per sample"]
    print(f"  time ratio issue_codes / bare hmac     : {issue_ratio:.2f}x")
    print(f"  time ratio verify_code / bare hmac     : {verify_ratio:.2f}x")
    print(f"  time ratio pure-Python / issue_codes   : {python_ratio:.2f}x")


if __name__ == "__main__":
    main()
