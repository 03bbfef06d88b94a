"""The held-coupon lifecycle from Python: redeem_coupon, rollback_coupon, validate_coupon
and the read-only HeldCoupon / Redemption / CouponValidation records."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Callable, TypeVar

import pytest

from o2okit import (
    CouponProblem,
    CouponValidation,
    HeldCoupon,
    InputError,
    Money,
    MoneyError,
    O2OError,
    PromotionError,
    Redemption,
    Rejection,
    call,
    quote,
    redeem_coupon,
    rollback_coupon,
    validate_coupon,
)

E = TypeVar("E", bound=O2OError)
CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=CST)


def cny(amount: str) -> Money:
    return Money(Decimal(amount), "CNY")


def raised(cls: type[E], make: Callable[[], object]) -> E:
    with pytest.raises(cls) as info:
        make()
    return info.value


def alices(**more: Any) -> dict[str, Any]:
    return {
        "coupon_id": "C-1",
        "promotion_id": "10-off-50",
        "customer_id": "alice",
        "valid_until": datetime(2026, 12, 31, tzinfo=CST),
        **more,
    }


def used() -> HeldCoupon:
    return redeem_coupon(alices(), "o-1", cny("10.00"), now=NOW, customer_id="alice")


def test_redeem_returns_a_new_record() -> None:
    coupon = used()
    assert isinstance(coupon, HeldCoupon)
    assert (coupon.coupon_id, coupon.promotion_id, coupon.customer_id) == ("C-1", "10-off-50", "alice")
    assert (coupon.max_uses, coupon.uses) == (1, 1)
    assert coupon.valid_until == datetime(2026, 12, 31, tzinfo=CST)
    assert isinstance(coupon.valid_until, datetime) and coupon.valid_until.utcoffset() == timedelta(hours=8)
    (r,) = coupon.redemptions
    assert isinstance(r, Redemption)
    assert (r.order_id, r.amount, r.rolled_back, r.released) == ("o-1", cny("10.00"), cny("0.00"), False)
    assert r.at == NOW
    assert coupon.remaining("o-1") == cny("10.00")
    assert coupon.remaining("o-9") is None
    assert repr(coupon) == "HeldCoupon(coupon_id='C-1', promotion_id='10-off-50', uses=1, max_uses=1)"
    assert repr(r) == (
        "Redemption(order_id='o-1', amount=Money('10.00', 'CNY'), rolled_back=Money('0.00', 'CNY'), released=False)"
    )
    assert coupon.to_dict() == {
        "coupon_id": "C-1",
        "promotion_id": "10-off-50",
        "customer_id": "alice",
        "max_uses": 1,
        "valid_until": "2026-12-31T00:00:00+08:00",
        "redemptions": [
            {
                "order_id": "o-1",
                "amount": {"amount": "10.00", "currency": "CNY"},
                "rolled_back": {"amount": "0.00", "currency": "CNY"},
                "at": "2026-11-22T10:00:00+08:00",
            }
        ],
    }
    coupon.validate()
    with pytest.raises(AttributeError):
        coupon.max_uses = 2  # type: ignore[misc]


def test_wire_and_idiomatic_paths_agree() -> None:
    wire_input = {
        "coupon": {"coupon_id": "C-1", "promotion_id": "10-off-50", "customer_id": "alice",
                   "valid_until": "2026-12-31T00:00:00+08:00"},
        "order_id": "o-1",
        "amount": {"amount": "10.00", "currency": "CNY"},
        "customer_id": "alice",
        "now": "2026-11-22T10:00:00+08:00",
    }
    assert call("coupon.redeem", json.dumps(wire_input)) == used().to_dict()
    assert HeldCoupon.from_dict(used().to_dict()) == used()
    assert HeldCoupon.from_dict(json.loads(json.dumps(used().to_dict()))) == used()


def test_redeem_is_idempotent_per_order() -> None:
    coupon = used()
    assert redeem_coupon(coupon, "o-1", cny("10.00"), now=NOW + timedelta(days=90), customer_id="alice") == coupon
    err = raised(PromotionError, lambda: redeem_coupon(coupon, "o-1", cny("9.00"), now=NOW, customer_id="alice"))
    assert err.code == "redemption_conflict"
    err = raised(PromotionError, lambda: redeem_coupon(coupon, "o-2", cny("10.00"), now=NOW, customer_id="alice"))
    assert err.code == "coupon_exhausted"
    assert err.category == "promotion"


def test_redeem_errors() -> None:
    err = raised(PromotionError, lambda: redeem_coupon(alices(), "o-1", cny("1"), now=NOW, customer_id="bob"))
    assert err.code == "coupon_not_usable"
    late = datetime(2027, 1, 1, tzinfo=timezone.utc)
    err = raised(PromotionError, lambda: redeem_coupon(alices(), "o-1", cny("1"), now=late, customer_id="alice"))
    assert err.code == "coupon_not_usable"
    assert "expired" in str(err)
    naive = raised(InputError, lambda: redeem_coupon(alices(), "o-1", cny("1"), now=datetime(2026, 11, 22)))
    assert naive.code == "invalid_input"
    assert "now" in str(naive) and "tzinfo" in str(naive)
    floating = raised(MoneyError, lambda: redeem_coupon(alices(), "o-1", {"amount": 1.5, "currency": "CNY"}, now=NOW))
    assert floating.code == "number_for_money"
    negative = raised(InputError, lambda: redeem_coupon(alices(), "o-1", cny("-1"), now=NOW, customer_id="alice"))
    assert negative.code == "invalid_input"
    unknown = raised(InputError, lambda: redeem_coupon(alices(extra=1), "o-1", cny("1"), now=NOW, customer_id="alice"))
    assert unknown.code == "invalid_json"


def test_bearer_coupon_and_max_uses() -> None:
    bearer = {"coupon_id": "B-1", "promotion_id": "p", "max_uses": 2}
    one = redeem_coupon(bearer, "o-1", {"amount": Decimal("5"), "currency": "CNY"}, now=NOW)
    two = redeem_coupon(one, "o-2", cny("5"), now=NOW, customer_id="anyone")
    assert (one.uses, two.uses) == (1, 2)
    assert two.customer_id is None and two.valid_until is None
    assert raised(PromotionError, lambda: redeem_coupon(two, "o-3", cny("5"), now=NOW)).code == "coupon_exhausted"


def test_rollback_full_and_partial() -> None:
    coupon = used()
    part = rollback_coupon(coupon, "o-1", cny("3.00"))
    assert part.uses == 1
    assert part.remaining("o-1") == cny("7.00")
    assert part.redemptions[0].rolled_back == cny("3.00")
    rest = rollback_coupon(part, "o-1")
    assert rest.uses == 0
    assert rest.redemptions[0].released is True
    assert rest == rollback_coupon(coupon, "o-1") == rollback_coupon(rest, "o-1", None)
    assert rest.remaining("o-1") == cny("0.00")
    again = redeem_coupon(rest, "o-1", cny("10.00"), now=NOW, customer_id="alice")
    assert again.uses == 1 and len(again.redemptions) == 2
    err = raised(PromotionError, lambda: rollback_coupon(part, "o-1", cny("7.01")))
    assert err.code == "rollback_exceeds_redemption"
    assert raised(PromotionError, lambda: rollback_coupon(coupon, "o-9")).code == "redemption_not_found"
    assert raised(InputError, lambda: rollback_coupon(coupon, "o-1", cny("0"))).code == "invalid_input"
    assert raised(O2OError, lambda: rollback_coupon(coupon, "o-1", Money("1", "USD"))).code == "currency_mismatch"


def test_inconsistent_record_is_invalid_input() -> None:
    record = used().to_dict()
    record["redemptions"][0]["rolled_back"] = {"amount": "11.00", "currency": "CNY"}
    coupon = HeldCoupon.from_dict(record)  # decoding does not check consistency
    err = raised(InputError, coupon.validate)
    assert err.code == "invalid_input"
    assert "held_coupon.redemptions[0].rolled_back" in str(err)
    assert raised(InputError, lambda: rollback_coupon(coupon, "o-1")).code == "invalid_input"


def cart(quantity: int = 2) -> dict[str, Any]:
    return {"lines": [{"id": "a", "product_id": "latte", "unit_price": cny("30.00"), "quantity": quantity}]}


PROMOTIONS = [
    {
        "id": "10-off-50",
        "trigger": "coupon",
        "discount": {"type": "threshold", "tiers": [{"min_spend": cny("50"), "off": cny("10")}]},
        "funded_by": {"role": "platform"},
    }
]


def context(customer: str = "alice") -> dict[str, Any]:
    return {"now": NOW, "channel": "in_store", "customer": {"id": customer}}


def test_validate_coupon() -> None:
    ok = validate_coupon(alices(), cart(), PROMOTIONS, context())
    assert isinstance(ok, CouponValidation)
    assert (ok.coupon_id, ok.promotion_id, ok.valid) == ("C-1", "10-off-50", True)
    assert ok.discount == cny("10.00")
    assert ok.rejection is None and ok.problem is None
    assert repr(ok) == "CouponValidation(coupon_id='C-1', valid=True, discount=Money('10.00', 'CNY'))"
    q = quote(cart(), PROMOTIONS, context())
    assert q.discount("10-off-50") is not None and ok.discount == q.discount_total

    short = validate_coupon(alices(), cart(1), PROMOTIONS, context())
    assert short.valid is False and short.discount is None
    assert isinstance(short.rejection, Rejection)
    assert short.rejection.reason == "min_spend_not_met"
    assert short.rejection.hint is not None and short.rejection.hint.amount == cny("20.00")

    spent = validate_coupon(used(), cart(), PROMOTIONS, context())
    assert spent.valid is False
    assert isinstance(spent.problem, CouponProblem)
    assert spent.problem.code == "coupon_exhausted"
    assert spent.to_dict()["problem"] == {"code": "coupon_exhausted", "message": spent.problem.message}
    assert repr(spent) == "CouponValidation(coupon_id='C-1', valid=False, problem='coupon_exhausted')"

    bobs = validate_coupon(alices(), cart(), PROMOTIONS, context("bob"))
    assert bobs.problem is not None and bobs.problem.code == "coupon_not_usable"

    err = raised(InputError, lambda: validate_coupon(alices(), cart(), [], context()))
    assert err.code == "invalid_input"
    wire = {"coupon": used().to_dict(), "cart": cart(), "promotions": PROMOTIONS, "context": context()}
    assert call("coupon.validate", wire) == spent.to_dict()
