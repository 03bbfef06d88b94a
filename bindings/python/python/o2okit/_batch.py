"""Batch forms: one core call for many allocations, carts or group-buy campaigns.

Thin wrappers over the core's wire functions ``allocate.batch``, ``quote.batch`` and
``groupbuy.progress_batch``. Each returns ``{"results": [...]}``, one result per item in
order: the value the single call returns, or ``{"error": {"code", "category", "message"}}``
for an item that fails (a failing item is reported, not raised; the others are computed).
Inputs are the wire shapes as Python values (amounts as ``Money``, ``Decimal``, ``int`` or
``str``, never ``float``; times as aware ``datetime``); at most 100,000 items per call.
"""

from __future__ import annotations

from typing import Any, Iterable, Literal, Mapping

from ._o2okit import call


def allocate_batch(
    requests: Iterable[Mapping[str, Any]], detail: Literal["full", "amounts"] = "full"
) -> dict[str, Any]:
    """Many allocations in one call. Each request is what the ``allocate`` wire function
    takes (``{"total", "weights", "caps"?, "step"?}``); each result is ``{"allocation":
    {...}}`` (``detail="full"``), ``{"amounts": ["33.34", ...]}`` (``detail="amounts"``: the
    parts' amounts in the total's currency) or ``{"error": {...}}``.

    >>> out = allocate_batch([
    ...     {"total": {"amount": "100.00", "currency": "CNY"}, "weights": ["1", "1", "1"]},
    ...     {"total": {"amount": "10", "currency": "JPY"}, "weights": ["0"]},
    ... ], detail="amounts")
    >>> out["results"][0]
    {'amounts': ['33.34', '33.33', '33.33']}
    >>> out["results"][1]["error"]["code"]
    'zero_weights'
    """
    if isinstance(requests, Mapping):
        raise TypeError("allocate_batch takes a list of requests, not one request mapping")
    return call("allocate.batch", {"requests": list(requests), "detail": detail})


def quote_batch(
    carts: Iterable[Mapping[str, Any]],
    promotions: Iterable[Mapping[str, Any]],
    context: Mapping[str, Any],
) -> dict[str, Any]:
    """Several carts priced under the same promotions and context: each result is
    ``{"quote": {...}}`` (what ``quote`` returns, as a wire dict) or ``{"error": {...}}``."""
    if isinstance(carts, Mapping):
        raise TypeError("quote_batch takes a list of carts, not one cart mapping")
    return call(
        "quote.batch", {"carts": list(carts), "promotions": list(promotions), "context": context}
    )


def groupbuy_progress_batch(states: Iterable[Mapping[str, Any]], now: Any) -> dict[str, Any]:
    """Where many group-buy campaigns stand at ``now`` (an aware ``datetime`` or an RFC 3339
    string): each result is ``{"progress": {...}}`` or ``{"error": {...}}``."""
    if isinstance(states, Mapping):
        raise TypeError("groupbuy_progress_batch takes a list of states, not one state mapping")
    return call("groupbuy.progress_batch", {"states": list(states), "now": now})
