"""Order intake and price parity: orders from any source channel as one canonical order, and
the same product's prices compared across channels and stores.

Thin wrappers over the core's wire functions ``order.normalize`` and ``price.parity``. Inputs
are the wire shapes as Python values: mappings and lists, amounts as ``Money``, ``Decimal``,
``int`` or ``str`` (never ``float``), times as aware ``datetime`` or RFC 3339 strings. The
payload shapes are o2okit's own, one per source, documented with the core's payload types.
Outputs are records (``Intake``, ``ParityReport``). Errors are ``IntakeError`` (category ``intake``:
``invalid_source_order``, ``amounts_do_not_reconcile``, ``conflicting_duplicate``,
``invalid_parity_check``) or another ``O2OError`` subclass, with ``.code``.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional

from ._o2okit import _call
from .records import Intake, ParityReport


def normalize(
    source: str,
    payload: Mapping[str, Any],
    seen: Optional[Iterable[Mapping[str, str]]] = None,
) -> Intake:
    """Map an order from a source channel (``store_counter``, ``own_app``, ``mini_program``,
    ``marketplace``, ``phone``) into one canonical order:
    ``{"status": "new" | "duplicate", "fingerprint", "order"}``. Amounts must reconcile to
    the minor unit (lines - discounts + delivery fee = paid). ``seen`` is what intake issued
    before (``[{"id", "fingerprint"}]``): a resubmission with the same content is
    ``status: "duplicate"`` with the same order, the same external id with other content
    raises ``IntakeError`` (``conflicting_duplicate``).

    >>> payload = {"platform": "mt", "platform_order_id": "9001", "shop_id": "s-3",
    ...            "ordered_at": "2026-05-04T12:10:00+08:00",
    ...            "items": [{"item_code": "set-a", "quantity": 2,
    ...                       "list_price": {"amount": "50.00", "currency": "CNY"}}],
    ...            "merchant_discount": {"amount": "10.00", "currency": "CNY"},
    ...            "delivery": {"by": "merchant", "fee": {"amount": "4.00", "currency": "CNY"}},
    ...            "user_paid": {"amount": "94.00", "currency": "CNY"}, "commission": {"rate": "18"}}
    >>> first = normalize("marketplace", payload)
    >>> first.status, str(first.order.paid), str(first.order.fees[0].amount)
    ('new', '94.00 CNY', '16.20 CNY')
    >>> again = normalize("marketplace", payload, [{"id": first.order.id, "fingerprint": first.fingerprint}])
    >>> again.status, again.order == first.order
    ('duplicate', True)
    """
    request: dict[str, Any] = {"source": source, "payload": payload}
    if seen is not None:
        request["seen"] = seen
    return Intake(_call("order.normalize", request))


def price_parity(
    observations: Iterable[Mapping[str, Any]],
    *,
    tolerance: Optional[Mapping[str, Any]] = None,
    reference: Optional[str] = None,
) -> ParityReport:
    """Compare the prices seen (``[{"product_id", "channel", "store_id"?, "price", "at"?}]``)
    per product and currency (a ``ParityReport``): min, max, spread, a reference price and
    every observation beyond the tolerance, higher or lower, by how much. The reference is
    the most common price in the ``reference`` channel (``online_delivery``,
    ``online_pickup``, ``in_store``, ``dine_in``) or, without one, of all prices; ties go to
    the lower. ``tolerance`` is ``{"amount": Money}`` or ``{"percent": "2"}``, inclusive
    (none by default: every difference is a deviation).

    >>> def seen(channel, amount, store_id=None):
    ...     o = {"product_id": "tv-55", "channel": channel, "price": {"amount": amount, "currency": "CNY"}}
    ...     return o if store_id is None else {**o, "store_id": store_id}
    >>> report = price_parity([seen("online_delivery", "2999.00"), seen("in_store", "3199.00", "nj-1")],
    ...                       reference="online_delivery", tolerance={"percent": "5"})
    >>> [(d.store_id, str(d.difference), str(d.percent), d.direction)
    ...  for d in report.products[0].deviations]
    [('nj-1', '200.00 CNY', '6.67', 'higher')]
    """
    request: dict[str, Any] = {"observations": observations}
    if tolerance is not None:
        request["tolerance"] = tolerance
    if reference is not None:
        request["reference"] = reference
    return ParityReport(_call("price.parity", request))
