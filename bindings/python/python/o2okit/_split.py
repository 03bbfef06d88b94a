"""Revenue split: who gets paid, by a plan anyone can check, to the last cent.

Thin wrappers over the core's wire functions (``split``, ``split.batch``, ``split.refund``,
``split.pool``, ``attribute``, ``attribute.shapley``, ``bind``, ``settle``). Inputs are the
wire shapes as Python values: mappings and lists, amounts as ``Money``, ``Decimal``,
``int`` or ``str`` (never ``float``), times as aware ``datetime``. Outputs are records
(``Ledger``, ``SplitBatch``, ``Clawback``, ``PoolSplit``, ``Attribution``,
``ShapleyAttribution``, ``BindingState``, ``Settlement``: amounts as ``Money``, times as aware
``datetime``; ``to_dict()`` gives the wire JSON). Errors are ``SplitError`` (category
``split``) or another ``O2OError`` subclass, with ``.code``.
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from typing import Any, Iterable, Mapping, Optional

from ._o2okit import _call
from .records import (
    Attribution,
    BindingState,
    Clawback,
    Ledger,
    PoolSplit,
    Settlement,
    ShapleyAttribution,
    SplitBatch,
)


def _without_none(**fields: Any) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def split(order: Mapping[str, Any], plan: Mapping[str, Any]) -> Ledger:
    """Split one order (a ``SplitOrder``) by a plan (a ``SplitPlan``): the ``Ledger``, whose
    lines add up exactly to what was paid.

    >>> plan = {"rules": [{"id": "platform", "to": {"role": "platform", "party_id": "mall"},
    ...                    "base": "gross_paid", "pay": {"type": "percent", "percent": "8"}}],
    ...         "remainder": {"role": "merchant", "party_id": "noodle-house"}}
    >>> order = {"id": "o-1", "at": "2026-11-22T12:00:00+08:00",
    ...          "paid": {"amount": "100.00", "currency": "CNY"}}
    >>> [str(line.amount) for line in split(order, plan).lines]
    ['8.00 CNY', '92.00 CNY']
    """
    return Ledger(_call("split", {"order": order, "plan": plan}))


def split_batch(plan: Mapping[str, Any], orders: Iterable[Mapping[str, Any]]) -> SplitBatch:
    """Split many orders by one plan in one core call: a ``SplitBatch`` with ``.ledgers`` and
    ``.errors`` (``index``, ``order_id``, ``code``, ``message``: a failing order is reported,
    not raised). For a table of orders (pandas, polars, Arrow), use the columnar batch
    functions instead."""
    return SplitBatch(_call("split.batch", {"plan": plan, "orders": orders}))


def split_refund(
    order: Mapping[str, Any],
    plan: Mapping[str, Any],
    refund: Any,
    at: Any,
    *,
    refunded_before: Any = None,
    delivered: Optional[bool] = None,
    policy: Optional[Mapping[str, Any]] = None,
) -> Clawback:
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
    return Clawback(_call("split.refund", request))


def split_pool(
    pool: Any, members_percent: Any, keeper: Mapping[str, Any], members: Iterable[Mapping[str, Any]]
) -> PoolSplit:
    """Share a pool (e.g. a store's profit share): ``members_percent`` of it among the members
    by weight (largest remainder), the rest to the keeper."""
    request = {
        "pool": pool,
        "members_percent": members_percent,
        "keeper": keeper,
        "members": members,
    }
    return PoolSplit(_call("split.pool", request))


def attribute(
    pool: Any, journey: Iterable[Mapping[str, Any]], converted_at: Any, model: Mapping[str, Any]
) -> Attribution:
    """Credit a pool to a journey's touchpoints by a model (first_touch, last_touch, linear,
    time_decay, position_based); the shares add up to the pool."""
    request = {
        "pool": pool,
        "journey": journey,
        "converted_at": converted_at,
        "model": model,
    }
    return Attribution(_call("attribute", request))


def attribute_shapley(
    journeys: Iterable[Mapping[str, Any]], *, game: Optional[str] = None, pool: Any = None
) -> ShapleyAttribution:
    """Shapley values of the channels seen in a batch of journeys (optionally credited to a
    pool)."""
    request = _without_none(journeys=journeys, game=game, pool=pool)
    return ShapleyAttribution(_call("attribute.shapley", request))


def bind(events: Iterable[Mapping[str, Any]], rule: Mapping[str, Any], now: Any) -> BindingState:
    """Who a customer is bound to (store or staff) at ``now`` under a binding rule (first or
    last bind wins, lock window, expiry), with a decision per bind event."""
    return BindingState(_call("bind", {"events": events, "rule": rule, "now": now}))


def settle(
    lines: Iterable[Any], *, period: Optional[str] = None, time_zone: Optional[str] = None
) -> Settlement:
    """Sum ledger lines (from splits and clawbacks) into one statement per party, currency and
    period (``all``, ``day``, ``week``, ``month`` in ``time_zone``, default UTC). The lines
    are ``LedgerLine`` records (``ledger.lines``) or their wire mappings."""
    request = _without_none(lines=lines, period=period, time_zone=time_zone)
    return Settlement(_call("settle", request))


def statements_frame(settlement: Any) -> Any:
    """The statements of a :func:`settle` result as a pandas ``DataFrame``: one row per party,
    currency and period, with ``total``, ``credits`` and ``debits`` as exact ``Decimal``
    objects and the counts as ints. ``settlement`` is the ``Settlement`` record (or its
    ``to_dict()``). Needs pandas (``pip install pandas``)."""
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
        for s in (settlement.to_dict() if isinstance(settlement, Settlement) else settlement)["statements"]
    ]
    columns = ["party_id", "currency", "period", "total", "credits", "debits", "line_count", "order_count"]
    return pd.DataFrame(rows, columns=columns)
