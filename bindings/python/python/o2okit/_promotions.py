"""Promotions: ``quote`` (满减, 第二件半价, coupons, delivery, best-for-customer selection) and
the held-coupon lifecycle (redeem, roll back, validate).

Thin wrappers over the core's wire functions ``quote``, ``coupon.redeem``,
``coupon.rollback`` and ``coupon.validate``: the wire shapes as Python values in (money as
`Money`, decimals as `Decimal`/`int`/`str`, times as aware `datetime`), records out.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence, Union

from ._o2okit import _call
from ._types import MoneyInput, Time, WireInput
from .records import CouponValidation, HeldCoupon, Quote


def quote(cart: WireInput, promotions: Sequence[WireInput], context: WireInput) -> Quote:
    """Price ``cart`` under ``promotions`` in ``context``.

    Inputs are the wire shapes with Python values: money as ``Money`` (or a wire money dict
    with a ``Decimal``/``str`` amount), decimals as ``Decimal``/``int``/``str``, times as aware
    ``datetime`` (naive ones raise ``InputError``, code ``invalid_input``). A ``float`` is
    rejected by the core (``number_for_money`` for money, ``invalid_decimal`` otherwise).
    """
    return Quote(_call("quote", {"cart": cart, "promotions": promotions, "context": context}))


def quote_request(request: Union[WireInput, str]) -> Quote:
    """``quote`` on one request ``{"cart", "promotions", "context"}``: a mapping or JSON text."""
    return Quote(_call("quote", request))


def _request(**fields: Any) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def redeem_coupon(
    coupon: Union[HeldCoupon, WireInput],
    order_id: str,
    amount: MoneyInput,
    *,
    now: Time,
    customer_id: Optional[str] = None,
) -> HeldCoupon:
    """Record that ``order_id`` used ``coupon`` for a discount of ``amount`` at ``now`` and
    return the new record. Idempotent per order id: a retry with the same amount returns an
    equal record; another amount raises ``PromotionError`` (``redemption_conflict``)."""
    request = _request(coupon=coupon, order_id=order_id, amount=amount, customer_id=customer_id, now=now)
    return HeldCoupon(_call("coupon.redeem", request))


def rollback_coupon(
    coupon: Union[HeldCoupon, WireInput],
    order_id: str,
    amount: Optional[MoneyInput] = None,
) -> HeldCoupon:
    """Give back the discount of ``order_id``'s redemption: all of it (``amount=None``,
    releasing the use) or a part; returns the new record."""
    return HeldCoupon(_call("coupon.rollback", _request(coupon=coupon, order_id=order_id, amount=amount)))


def validate_coupon(
    coupon: Union[HeldCoupon, WireInput],
    cart: WireInput,
    promotions: Sequence[WireInput],
    context: WireInput,
) -> CouponValidation:
    """Would ``coupon`` apply to this order (usable by the context's customer at its ``now``,
    and its promotion applying with only this coupon selected), and for how much? Pure."""
    request = {"coupon": coupon, "cart": cart, "promotions": promotions, "context": context}
    return CouponValidation(_call("coupon.validate", request))


