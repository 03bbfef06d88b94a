"""Largest-remainder allocation: split an amount by weights so that the parts add up to it."""

from __future__ import annotations

from typing import Iterable, Optional

from ._o2okit import Money, _allocate
from ._types import Exact
from .records import Allocation


def allocate(
    total: Money,
    weights: Iterable[Exact],
    *,
    caps: Optional[Iterable[Optional[Money]]] = None,
    step: Optional[Exact] = None,
) -> Allocation:
    """Split ``total`` by non-negative ``weights`` with the largest remainder method on whole
    minor units (or whole ``step``s, e.g. ``step="0.05"``): each part is the floor of its
    exact share, the leftover units go to the largest remainders, ties to the earlier
    party. The parts always add up to ``total``. ``caps`` is one ``Money | None`` per weight.

    Weights are ``Decimal``, ``int`` (or NumPy integers) or ``str``, in any sequence (a list,
    a NumPy array, a pandas Series); a ``float`` raises ``MoneyError`` (``invalid_decimal``).

    >>> allocate(Money("99.99", "CNY"), [75, 25]).amounts()
    [Money('74.99', 'CNY'), Money('25.00', 'CNY')]
    """
    return Allocation(_allocate(total, weights, caps=caps, step=step))
