"""Time o2okit.allocate from Python against a pure-Python decimal reference.

Run after installing the package (e.g. with bindings/python/ci.sh):

    .venv/bin/python bindings/python/bench/bench_allocate.py

Not a test: it asserts that both give the same amounts, then prints per-call times.
"""

from __future__ import annotations

import sys
import timeit
from decimal import Decimal
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from lr_reference import reference_allocate  # noqa: E402

from o2okit import Money, allocate  # noqa: E402

TOTAL = Money("1234.56", "CNY")
WEIGHTS = [Decimal("3"), Decimal("1.5"), Decimal("7"), Decimal("0.25"), Decimal("11")]
MINOR_UNITS = 2


def per_call_us(stmt: Callable[[], object], repeat: int = 7) -> float:
    timer = timeit.Timer(stmt)
    number, _ = timer.autorange()
    best = min(timer.repeat(repeat=repeat, number=number))
    return best / number * 1e6


def main() -> None:
    ours = [m.amount for m in allocate(TOTAL, WEIGHTS).amounts()]
    reference = reference_allocate(TOTAL.amount, WEIGHTS, MINOR_UNITS)
    assert ours == reference, (ours, reference)
    print(f"allocate({TOTAL!r}, {[str(w) for w in WEIGHTS]}) -> {[str(a) for a in ours]}")

    native = per_call_us(lambda: allocate(TOTAL, WEIGHTS))
    native_amounts = per_call_us(lambda: allocate(TOTAL, WEIGHTS).amounts())
    python = per_call_us(lambda: reference_allocate(TOTAL.amount, WEIGHTS, MINOR_UNITS))
    print(f"o2okit.allocate            : {native:8.2f} µs/call")
    print(f"o2okit.allocate + amounts(): {native_amounts:8.2f} µs/call")
    print(f"pure-Python decimal        : {python:8.2f} µs/call")
    print(f"ratio (Python / o2okit)    : {python / native:8.2f}x")


if __name__ == "__main__":
    main()
