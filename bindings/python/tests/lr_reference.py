"""A pure-Python largest-remainder reference, on Python's ``decimal`` and integers.

Used by the property test (tests/test_api.py) and the benchmark (bench/bench_allocate.py).
Same rules as the core: shares are exact (integers, no decimal rounding), each party gets the
floor, leftover units go to the largest remainders, ties to the lower index, and a negative
total splits as the negated split of its magnitude.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Sequence


def reference_allocate(total: Decimal, weights: Sequence[Decimal], minor_units: int) -> list[Decimal]:
    """Split ``total`` (a whole number of units of ``10**-minor_units``) by ``weights``."""
    with localcontext() as ctx:
        ctx.prec = 200
        units = int(total.scaleb(minor_units))
        if Decimal(units).scaleb(-minor_units) != total:
            raise ValueError(f"{total} has more than {minor_units} decimals")
        scale = max(max(0, -int(w.as_tuple().exponent)) for w in weights)
        int_weights = [int(w.scaleb(scale)) for w in weights]
    if not int_weights or any(w < 0 for w in int_weights) or sum(int_weights) == 0:
        raise ValueError("weights must be non-negative, not all zero")
    magnitude = abs(units)
    weight_sum = sum(int_weights)
    floors = [magnitude * w // weight_sum for w in int_weights]
    remainders = [magnitude * w % weight_sum for w in int_weights]
    leftover = magnitude - sum(floors)
    order = sorted(range(len(int_weights)), key=lambda i: (-remainders[i], i))
    for i in order[:leftover]:
        floors[i] += 1
    sign = -1 if units < 0 else 1
    with localcontext() as ctx:
        ctx.prec = 200
        return [Decimal(sign * f).scaleb(-minor_units) for f in floors]
