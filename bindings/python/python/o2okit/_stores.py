"""Store assignment: the nearest store that serves the address, is open and has the stock.

A thin wrapper over the core's wire function ``store.assign``. Inputs are the wire shapes as
Python values: mappings and lists, amounts (fee tables, ``subtotal``) as ``Money``,
``Decimal``, ``int`` or ``str`` (never ``float``), coordinates as numbers (WGS-84 ``lat`` and
``lng``; a ``float`` is fine there, it is not money), times as aware ``datetime`` or RFC 3339
strings. The output is an ``Assignment`` record. Errors are ``StoreError``
(category ``store``: ``invalid_store``, ``invalid_location``) or another ``O2OError``
subclass, with ``.code``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Mapping, Optional, Union

from ._o2okit import _call
from .records import Assignment


def assign(
    order: Mapping[str, Any],
    stores: Iterable[Mapping[str, Any]],
    now: Union[datetime, str],
    policy: Optional[Mapping[str, Any]] = None,
) -> Assignment:
    """Pick the store that fulfils ``order`` (``{location, items, subtotal?}``) among
    ``stores`` at ``now``: an ``Assignment`` (``.status``, ``.chosen``, ``.fee``,
    ``.eta_minutes``, ``.passed_over``).
    Every other store is listed once in ``passed_over`` with all its reasons
    (``out_of_area``, ``closed`` with ``next_open``, ``out_of_stock`` with the short lines,
    ``at_capacity``, ``below_minimum_order``, ``farther``, ``tie_break``). No eligible store
    is ``status: "unassigned"``, not an error. ``policy`` (an ``AssignPolicy``: ``tie_breaks``,
    ``split``, ``explain``, ``fees``) defaults to the core's defaults.

    >>> hours = {"time_zone": "Asia/Shanghai", "weekly": [{"open": "08:00", "close": "22:00"}]}
    >>> def store(id, lat, milk):
    ...     return {"id": id, "location": {"lat": lat, "lng": 121.4737}, "hours": hours,
    ...             "area": {"type": "radius", "radius_m": 3000}, "stock": {"milk": milk}}
    >>> order = {"location": {"lat": 31.2304, "lng": 121.4737},
    ...          "items": [{"product_id": "milk", "quantity": 2}]}
    >>> result = assign(order, [store("A", 31.2412, 5), store("B", 31.2376, 0)],
    ...                 "2026-03-02T10:00:00+08:00")
    >>> [(c.store_id, c.distance_m) for c in result.chosen]
    [('A', 1201)]
    >>> [(p.store_id, p.reasons[0].code) for p in result.passed_over]
    [('B', 'out_of_stock')]
    """
    request: dict[str, Any] = {"order": order, "stores": stores, "now": now}
    if policy is not None:
        request["policy"] = policy
    return Assignment(_call("store.assign", request))
