"""Revenue split: who gets paid, by a plan anyone can check, to the last cent.

Thin wrappers over the core's wire functions (``split``, ``split.batch``, ``split.refund``,
``split.pool``, ``attribute``, ``attribute.shapley``, ``bind``, ``settle``). Inputs are the
wire shapes as Python values: mappings and lists, amounts as ``Money``, ``Decimal``,
``int`` or ``str`` (never ``float``), times as aware ``datetime``. Outputs are the core's
wire dicts (amounts as ``{"amount": "84.40", "currency": "CNY"}`` with exact decimal
strings; ``Money.from_dict`` turns one into a ``Money``). Errors are ``SplitError`` (category
``split``) or another ``O2OError`` subclass, with ``.code``.
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from typing import Any, Iterable, Mapping, Optional

from ._o2okit import call


def _without_none(**fields: Any) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def split(order: Mapping[str, Any], plan: Mapping[str, Any]) -> dict[str, Any]:
    """Split one order (a ``SplitOrder``) by a plan (a ``SplitPlan``): the ``Ledger``, whose
    lines add up exactly to what was paid.

    >>> plan = {"rules": [{"id": "platform", "to": {"role": "platform", "party_id": "mall"},
    ...                    "base": "gross_paid", "pay": {"type": "percent", "percent": "8"}}],
    ...         "remainder": {"role": "merchant", "party_id": "noodle-house"}}
    >>> order = {"id": "o-1", "at": "2026-11-22T12:00:00+08:00",
    ...          "paid": {"amount": "100.00", "currency": "CNY"}}
    >>> [line["amount"]["amount"] for line in split(order, plan)["lines"]]
    ['8.00', '92.00']
    """
    return call("split", {"order": order, "plan": plan})


def split_batch(plan: Mapping[str, Any], orders: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Split many orders by one plan in one core call: ``{"ledgers": [...], "errors":
    [{"index", "order_id", "code", "message"}]}`` (a failing order is reported, not raised)."""
    return call("split.batch", {"plan": plan, "orders": list(orders)})


def split_refund(
    order: Mapping[str, Any],
    plan: Mapping[str, Any],
    refund: Any,
    at: Any,
    *,
    refunded_before: Any = None,
    delivered: Optional[bool] = None,
    policy: Optional[Mapping[str, Any]] = None,
) -> dict[str, Any]:
    """The clawback of a refund: each party gives back share(refunded so far) minus
    share(refunded before), so partial refunds never drift and a full refund returns the
    split exactly. Refunding more than is refundable raises ``SplitError``
    (``refund_exceeds_paid``)."""
    request = _without_none(
        order=order,
        plan=plan,
        refunded_before=refunded_before,
        refund=refund,
        at=at,
        delivered=delivered,
        policy=policy,
    )
    return call("split.refund", request)


def split_pool(
    pool: Any, members_percent: Any, keeper: Mapping[str, Any], members: Iterable[Mapping[str, Any]]
) -> dict[str, Any]:
    """Share a pool (e.g. a store's profit share): ``members_percent`` of it among the members
    by weight (largest remainder), the rest to the keeper."""
    request = {
        "pool": pool,
        "members_percent": members_percent,
        "keeper": keeper,
        "members": list(members),
    }
    return call("split.pool", request)


def attribute(
    pool: Any, journey: Iterable[Mapping[str, Any]], converted_at: Any, model: Mapping[str, Any]
) -> dict[str, Any]:
    """Credit a pool to a journey's touchpoints by a model (first_touch, last_touch, linear,
    time_decay, position_based); the shares add up to the pool."""
    request = {
        "pool": pool,
        "journey": list(journey),
        "converted_at": converted_at,
        "model": model,
    }
    return call("attribute", request)


def attribute_shapley(
    journeys: Iterable[Mapping[str, Any]], *, game: Optional[str] = None, pool: Any = None
) -> dict[str, Any]:
    """Shapley values of the channels seen in a batch of journeys (optionally credited to a
    pool)."""
    request = _without_none(journeys=list(journeys), game=game, pool=pool)
    return call("attribute.shapley", request)


def bind(events: Iterable[Mapping[str, Any]], rule: Mapping[str, Any], now: Any) -> dict[str, Any]:
    """Who a customer is bound to (store or staff) at ``now`` under a binding rule (first or
    last bind wins, lock window, expiry), with a decision per bind event."""
    return call("bind", {"events": list(events), "rule": rule, "now": now})


def settle(
    lines: Iterable[Mapping[str, Any]], *, period: Optional[str] = None, time_zone: Optional[str] = None
) -> dict[str, Any]:
    """Sum ledger lines (from splits and clawbacks) into one statement per party, currency and
    period (``all``, ``day``, ``week``, ``month`` in ``time_zone``, default UTC)."""
    request = _without_none(lines=list(lines), period=period, time_zone=time_zone)
    return call("settle", request)


def statements_frame(settlement: Mapping[str, Any]) -> Any:
    """The statements of a :func:`settle` result as a pandas ``DataFrame``: one row per party,
    currency and period, with ``total``, ``credits`` and ``debits`` as exact ``Decimal``
    objects and the counts as ints. Needs pandas (``pip install pandas``)."""
    try:
        pd = importlib.import_module("pandas")
    except ImportError as err:  # pragma: no cover - exercised only without pandas
        raise ImportError("statements_frame needs pandas: pip install pandas") from err
    rows = [
        {
            "party_id": s["party_id"],
            "currency": s["currency"],
            "period": s["period"],
            "total": Decimal(s["total"]["amount"]),
            "credits": Decimal(s["credits"]["amount"]),
            "debits": Decimal(s["debits"]["amount"]),
            "line_count": int(s["line_count"]),
            "order_count": int(s["order_count"]),
        }
        for s in settlement["statements"]
    ]
    columns = ["party_id", "currency", "period", "total", "credits", "debits", "line_count", "order_count"]
    return pd.DataFrame(rows, columns=columns)
